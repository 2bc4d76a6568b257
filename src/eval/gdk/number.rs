//! Methods on numbers, characters and booleans.

use super::Found;
use crate::eval::decimal::Rounding;
use crate::eval::error::throw;
use crate::eval::interp::Interp;
use crate::eval::number::{self, Op};
use crate::eval::value::{ListObj, Value};
use crate::source::Span;

/// Number methods.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let arith = |op: Op, b: &Value<'a>| number::arith(op, recv, b).or_else(|(c, m)| throw(c, m));
    if let Value::Char(c) = recv {
        // The GDK's Character methods.
        let c = *c;
        let r = match (name, args) {
            ("isUpperCase", []) => Some(Value::Bool(c.is_uppercase())),
            ("isLowerCase", []) => Some(Value::Bool(c.is_lowercase())),
            ("isDigit", []) => Some(Value::Bool(c.is_numeric())),
            ("isLetter", []) => Some(Value::Bool(c.is_alphabetic())),
            ("isLetterOrDigit", []) => Some(Value::Bool(c.is_alphanumeric())),
            ("isWhitespace", []) => Some(Value::Bool(c.is_whitespace())),
            ("toUpperCase", []) => Some(Value::Char(c.to_uppercase().next().unwrap_or(c))),
            ("toLowerCase", []) => Some(Value::Char(c.to_lowercase().next().unwrap_or(c))),
            _ => None,
        };
        if r.is_some() {
            return Ok(r);
        }
    }
    Ok(Some(match (name, args) {
        ("plus", [b]) if number::is_number(b) => arith(Op::Add, b)?,
        ("plus", [b @ (Value::Str(_) | Value::GString(_))]) => {
            Value::str(format!("{}{}", i.to_s(recv)?, i.to_s(b)?))
        }
        ("minus", [b]) if number::is_number(b) => arith(Op::Sub, b)?,
        ("multiply", [b]) if number::is_number(b) => arith(Op::Mul, b)?,
        ("div", [b]) if number::is_number(b) => arith(Op::Div, b)?,
        ("mod", [b]) if number::is_number(b) => arith(Op::Mod, b)?,
        ("intdiv", [b]) if number::is_number(b) => arith(Op::IntDiv, b)?,
        ("power", [b]) => number::power(recv, b).unwrap_or(Value::Null),
        ("abs", []) => match recv {
            Value::Int(x) => Value::Int(x.wrapping_abs()),
            Value::Long(x) => Value::Long(x.wrapping_abs()),
            Value::Double(x) => Value::Double(x.abs()),
            Value::Float(x) => Value::Float(x.abs()),
            Value::Decimal(d) => number::dec(d.abs()),
            Value::BigInt(b) => number::big(num_traits::Signed::abs(&**b)),
            _ => recv.clone(),
        },
        ("compareTo", [b]) => Value::Int(i.compare(recv, b)? as i32),
        ("equals", [b]) => {
            Value::Bool(crate::eval::value::Key::of(recv) == crate::eval::value::Key::of(b))
        }
        ("intValue", []) => Value::Int(number::to_i32(recv).unwrap_or(0)),
        ("longValue", []) => Value::Long(number::to_i64(recv).unwrap_or(0)),
        ("doubleValue", []) => Value::Double(number::to_f64(recv).unwrap_or(0.0)),
        #[allow(clippy::cast_possible_truncation)]
        ("floatValue", []) => Value::Float(number::to_f64(recv).unwrap_or(0.0) as f32),
        ("toInteger", []) => Value::Int(number::to_i32(recv).unwrap_or(0)),
        ("toLong", []) => Value::Long(number::to_i64(recv).unwrap_or(0)),
        ("toDouble", []) => Value::Double(number::to_f64(recv).unwrap_or(0.0)),
        ("toBigDecimal", []) => number::dec(
            number::to_decimal(recv).unwrap_or_else(|| crate::eval::decimal::Decimal::from_int(0)),
        ),
        ("toBigInteger", []) => number::big(number::to_bigint(recv).unwrap_or_default()),
        ("next", []) => arith(Op::Add, &Value::Int(1))?,
        ("previous", []) => arith(Op::Sub, &Value::Int(1))?,
        ("times", [c]) => {
            let n = number::to_i64(recv).unwrap_or(0);
            for k in 0..n {
                i.call_value(c, vec![Value::Int(k as i32)], Span::default())?;
            }
            Value::Null
        }
        ("upto" | "downto", [to, c]) => {
            let up = name == "upto";
            let mut cur = recv.clone();
            let ord = i.compare(&cur, to)?;
            if (up && ord == std::cmp::Ordering::Greater)
                || (!up && ord == std::cmp::Ordering::Less)
            {
                return throw(
                    "groovy.lang.GroovyRuntimeException",
                    format!(
                        "The argument ({}) to {name}() cannot be {} than the value ({}) it's called on.",
                        i.to_s(to)?,
                        if up { "less" } else { "greater" },
                        i.to_s(recv)?
                    ),
                );
            }
            loop {
                let ord = i.compare(&cur, to)?;
                if (up && ord == std::cmp::Ordering::Greater)
                    || (!up && ord == std::cmp::Ordering::Less)
                {
                    break;
                }
                i.call_value(c, vec![cur.clone()], Span::default())?;
                cur = number::arith(if up { Op::Add } else { Op::Sub }, &cur, &Value::Int(1))
                    .or_else(|(c, m)| throw(c, m))?;
            }
            Value::Null
        }
        ("step", [to, by, c]) => {
            let mut cur = recv.clone();
            let up = number::compare(by, &Value::Int(0)) == Some(std::cmp::Ordering::Greater);
            loop {
                let ord = i.compare(&cur, to)?;
                if (up && ord != std::cmp::Ordering::Less)
                    || (!up && ord != std::cmp::Ordering::Greater)
                {
                    break;
                }
                i.call_value(c, vec![cur.clone()], Span::default())?;
                cur = number::arith(Op::Add, &cur, by).or_else(|(c, m)| throw(c, m))?;
            }
            Value::Null
        }
        ("round", []) => match recv {
            Value::Double(d) => Value::Long((d + 0.5).floor() as i64),
            Value::Float(f) => Value::Int((f + 0.5).floor() as i32),
            _ => recv.clone(),
        },
        ("round", [n]) => {
            let places = number::to_i64(n).unwrap_or(0);
            match recv {
                Value::Double(d) => {
                    let dd = crate::eval::decimal::Decimal::from_f64(*d)
                        .and_then(|x| x.set_scale(places, Rounding::HalfUp).ok());
                    Value::Double(dd.map_or(*d, |x| x.to_f64()))
                }
                Value::Float(f) => {
                    let dd =
                        crate::eval::decimal::Decimal::parse(&crate::eval::text::java_float(*f))
                            .and_then(|x| x.set_scale(places, Rounding::HalfUp).ok());
                    #[allow(clippy::cast_possible_truncation)]
                    Value::Float(dd.map_or(*f, |x| x.to_f64() as f32))
                }
                _ => return Ok(None),
            }
        }
        ("setScale", [n, mode]) | ("setScale", [n, mode]) if matches!(recv, Value::Decimal(_)) => {
            let Value::Decimal(d) = recv else {
                return Ok(None);
            };
            let mode_name = match mode {
                Value::Object(o) => o
                    .field("name")
                    .map(|v| crate::eval::text::display(&v))
                    .unwrap_or_default(),
                other => crate::eval::text::display(other),
            };
            let r = Rounding::from_name(&mode_name).unwrap_or(Rounding::HalfUp);
            match d.set_scale(number::to_i64(n).unwrap_or(0), r) {
                Ok(x) => number::dec(x),
                Err(e) => {
                    let (c, m) = number::fault_of(&e);
                    return throw(c, m);
                }
            }
        }
        ("setScale", [n]) if matches!(recv, Value::Decimal(_)) => {
            let Value::Decimal(d) = recv else {
                return Ok(None);
            };
            match d.set_scale(number::to_i64(n).unwrap_or(0), Rounding::Unnecessary) {
                Ok(x) => number::dec(x),
                Err(e) => {
                    let (c, m) = number::fault_of(&e);
                    return throw(c, m);
                }
            }
        }
        ("scale", []) if matches!(recv, Value::Decimal(_)) => {
            let Value::Decimal(d) = recv else {
                return Ok(None);
            };
            Value::Int(d.scale as i32)
        }
        ("precision", []) if matches!(recv, Value::Decimal(_)) => {
            let Value::Decimal(d) = recv else {
                return Ok(None);
            };
            Value::Int(d.precision() as i32)
        }
        ("stripTrailingZeros", []) if matches!(recv, Value::Decimal(_)) => {
            let Value::Decimal(d) = recv else {
                return Ok(None);
            };
            number::dec(d.strip_trailing_zeros())
        }
        ("toPlainString", []) if matches!(recv, Value::Decimal(_)) => {
            let Value::Decimal(d) = recv else {
                return Ok(None);
            };
            Value::str(d.to_plain_string())
        }
        ("toString", []) => Value::str(i.to_s(recv)?),
        ("toString", [radix]) if matches!(recv, Value::BigInt(_)) => {
            let Value::BigInt(b) = recv else {
                return Ok(None);
            };
            Value::str(super::digest::big_to_string_radix(
                b,
                number::to_i64(radix).unwrap_or(10),
            ))
        }
        ("isNaN", []) => Value::Bool(matches!(recv, Value::Double(d) if d.is_nan())),
        ("and", [b]) => number::arith(Op::And, recv, b).or_else(|(c, m)| throw(c, m))?,
        ("or", [b]) => number::arith(Op::Or, recv, b).or_else(|(c, m)| throw(c, m))?,
        ("xor", [b]) => number::arith(Op::Xor, recv, b).or_else(|(c, m)| throw(c, m))?,
        ("collect", _) | ("each", _) => {
            let list = ListObj::array_list(vec![recv.clone()]);
            return super::collection::call(i, &list, name, args);
        }
        _ => return Ok(None),
    }))
}
