//! Static methods and constants of Java classes (`Math.max`, `Integer.parseInt`,
//! `String.format`, `Integer.MAX_VALUE`...), `new` for built-in classes, and the sandbox that
//! refuses what a Jenkinsfile may not do (files, processes, the network, reflection).

use std::sync::Arc;

use indexmap::IndexMap;

use super::Found;
use crate::eval::decimal::Decimal;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::types::{Type, builtin, builtin_by_source_name, known, type_of};
use crate::eval::value::{
    ListKind, ListObj, MapKind, MapObj, Native, Object, SetKind, SetObj, Value,
};

fn num(v: &Value<'_>) -> f64 {
    number::to_f64(v).unwrap_or(0.0)
}

/// The sandbox's refusal, naming the call and the step to use instead.
pub fn rejected<'a, T>(what: &str, instead: &str) -> Result<T, Signal<'a>> {
    throw(
        "org.jenkinsci.plugins.scriptsecurity.sandbox.RejectedAccessException",
        format!(
            "Scripts not permitted to use {what} (jfrun runs Groovy sandboxed, as Jenkins does; use {instead})"
        ),
    )
}

/// A static method of a built-in class, or a method of a `Class` value.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let Value::Class(t) = recv else {
        return Ok(None);
    };
    let class = t.name();
    let simple = class.rsplit('.').next().unwrap_or(&class).to_owned();
    if let Some(v) = super::regex::static_call(i, &simple, name, args)? {
        return Ok(Some(v));
    }
    let r = match (simple.as_str(), name, args) {
        ("Math", "max", [a, b]) => {
            if matches!((a, b), (Value::Int(_), Value::Int(_)))
                || matches!(
                    (a, b),
                    (
                        Value::Long(_) | Value::Int(_),
                        Value::Long(_) | Value::Int(_)
                    )
                )
            {
                let r = if number::compare(a, b) == Some(std::cmp::Ordering::Less) {
                    b
                } else {
                    a
                };
                if matches!((a, b), (Value::Int(_), Value::Int(_))) {
                    r.clone()
                } else {
                    Value::Long(number::to_i64(r).unwrap_or(0))
                }
            } else {
                Value::Double(num(a).max(num(b)))
            }
        }
        ("Math", "min", [a, b]) => {
            if matches!((a, b), (Value::Int(_), Value::Int(_)))
                || matches!(
                    (a, b),
                    (
                        Value::Long(_) | Value::Int(_),
                        Value::Long(_) | Value::Int(_)
                    )
                )
            {
                let r = if number::compare(a, b) == Some(std::cmp::Ordering::Greater) {
                    b
                } else {
                    a
                };
                if matches!((a, b), (Value::Int(_), Value::Int(_))) {
                    r.clone()
                } else {
                    Value::Long(number::to_i64(r).unwrap_or(0))
                }
            } else {
                Value::Double(num(a).min(num(b)))
            }
        }
        ("Math", "abs", [a]) => match a {
            Value::Int(x) => Value::Int(x.wrapping_abs()),
            Value::Long(x) => Value::Long(x.wrapping_abs()),
            #[allow(clippy::cast_possible_truncation)]
            Value::Float(x) => Value::Float(x.abs()),
            _ => Value::Double(num(a).abs()),
        },
        ("Math", "pow", [a, b]) => Value::Double(num(a).powf(num(b))),
        ("Math", "sqrt", [a]) => Value::Double(num(a).sqrt()),
        ("Math", "hypot", [a, b]) => Value::Double(num(a).hypot(num(b))),
        ("Math", "cbrt", [a]) => Value::Double(num(a).cbrt()),
        ("Math", "floor", [a]) => Value::Double(num(a).floor()),
        ("Math", "ceil", [a]) => Value::Double(num(a).ceil()),
        ("Math", "round", [a]) => match a {
            Value::Float(f) => Value::Int((f + 0.5).floor() as i32),
            _ => Value::Long((num(a) + 0.5).floor() as i64),
        },
        ("Math", "random", []) => Value::Double(0.5),
        ("Math", "log", [a]) => Value::Double(num(a).ln()),
        ("Math", "log10", [a]) => Value::Double(num(a).log10()),
        ("Math", "exp", [a]) => Value::Double(num(a).exp()),
        ("Math", "signum", [a]) => Value::Double(num(a).signum()),
        ("Math", "floorDiv", [a, b]) => {
            let (x, y) = (
                number::to_i64(a).unwrap_or(0),
                number::to_i64(b).unwrap_or(1),
            );
            if y == 0 {
                return throw("java.lang.ArithmeticException", "/ by zero");
            }
            let _q = x.div_euclid(y) - i64::from(y < 0 && x.rem_euclid(y) != 0);
            let q = if (x % y != 0) && ((x < 0) != (y < 0)) {
                x / y - 1
            } else {
                x / y
            };
            let _ = q;
            let r = if (x % y != 0) && ((x < 0) != (y < 0)) {
                x / y - 1
            } else {
                x / y
            };
            if matches!((a, b), (Value::Int(_), Value::Int(_))) {
                Value::Int(r as i32)
            } else {
                Value::Long(r)
            }
        }
        ("Math", "floorMod", [a, b]) => {
            let (x, y) = (
                number::to_i64(a).unwrap_or(0),
                number::to_i64(b).unwrap_or(1),
            );
            if y == 0 {
                return throw("java.lang.ArithmeticException", "/ by zero");
            }
            let r = ((x % y) + y) % y;
            if matches!((a, b), (Value::Int(_), Value::Int(_))) {
                Value::Int(r as i32)
            } else {
                Value::Long(r)
            }
        }
        ("Integer", "parseInt" | "valueOf", [s])
            if matches!(s, Value::Str(_) | Value::GString(_)) =>
        {
            super::string::parse_number(&i.to_s(s)?, "java.lang.Integer")?
        }
        ("Integer", "valueOf", [n]) if number::is_number(n) => {
            Value::Int(number::to_i32(n).unwrap_or(0))
        }
        ("Integer", "parseInt" | "valueOf", [s, radix]) => {
            let s = i.to_s(s)?;
            let r = number::to_i64(radix).unwrap_or(10) as u32;
            match i32::from_str_radix(&s, r) {
                Ok(v) => Value::Int(v),
                Err(_) => {
                    return throw(
                        "java.lang.NumberFormatException",
                        format!(
                            "For input string: \"{s}\"{}",
                            if r == 10 {
                                String::new()
                            } else {
                                format!(" under radix {r}")
                            }
                        ),
                    );
                }
            }
        }
        ("Integer" | "Long", "toString", [n]) => Value::str(i.to_s(n)?),
        ("Integer" | "Long", "toString", [n, radix]) => Value::str(to_radix(
            number::to_i64(n).unwrap_or(0),
            number::to_i64(radix).unwrap_or(10),
        )),
        ("Integer", "toBinaryString", [n]) => {
            Value::str(format!("{:b}", number::to_i32(n).unwrap_or(0) as u32))
        }
        ("Integer", "toHexString", [n]) => {
            Value::str(format!("{:x}", number::to_i32(n).unwrap_or(0) as u32))
        }
        ("Integer", "toOctalString", [n]) => {
            Value::str(format!("{:o}", number::to_i32(n).unwrap_or(0) as u32))
        }
        ("Integer" | "Long", "compare", [a, b]) => Value::Int(i.compare(a, b)? as i32),
        ("Integer", "max", [a, b]) => Value::Int(
            number::to_i32(a)
                .unwrap_or(0)
                .max(number::to_i32(b).unwrap_or(0)),
        ),
        ("Integer", "min", [a, b]) => Value::Int(
            number::to_i32(a)
                .unwrap_or(0)
                .min(number::to_i32(b).unwrap_or(0)),
        ),
        ("Integer", "sum", [a, b]) => Value::Int(
            number::to_i32(a)
                .unwrap_or(0)
                .wrapping_add(number::to_i32(b).unwrap_or(0)),
        ),
        ("Long", "parseLong" | "valueOf", [s])
            if matches!(s, Value::Str(_) | Value::GString(_)) =>
        {
            super::string::parse_number(&i.to_s(s)?, "java.lang.Long")?
        }
        ("Long", "valueOf", [n]) => Value::Long(number::to_i64(n).unwrap_or(0)),
        ("Double", "parseDouble" | "valueOf", [s]) => match s {
            Value::Str(_) | Value::GString(_) => {
                super::string::parse_number(&i.to_s(s)?, "java.lang.Double")?
            }
            _ => Value::Double(num(s)),
        },
        ("Double", "compare", [a, b]) => Value::Int(num(a).total_cmp(&num(b)) as i32),
        ("Double", "isNaN", [a]) => Value::Bool(num(a).is_nan()),
        ("Float", "parseFloat" | "valueOf", [s]) => {
            super::string::parse_number(&i.to_s(s)?, "java.lang.Float")?
        }
        ("Boolean", "parseBoolean", [s]) => {
            Value::Bool(!s.is_null() && i.to_s(s)?.eq_ignore_ascii_case("true"))
        }
        ("Boolean", "valueOf", [s]) => match s {
            Value::Bool(_) => s.clone(),
            _ => Value::Bool(!s.is_null() && i.to_s(s)?.eq_ignore_ascii_case("true")),
        },
        ("Boolean", "toString", [b]) => Value::str(i.to_s(b)?),
        ("BigDecimal", "valueOf", [v]) => match v {
            Value::Double(d) => {
                number::dec(Decimal::from_f64(*d).unwrap_or_else(|| Decimal::from_int(0)))
            }
            _ => number::dec(number::to_decimal(v).unwrap_or_else(|| Decimal::from_int(0))),
        },
        ("BigDecimal", "valueOf", [v, scale]) => number::dec(Decimal::new(
            number::to_bigint(v).unwrap_or_default(),
            number::to_i64(scale).unwrap_or(0),
        )),
        ("BigInteger", "valueOf", [v]) => number::big(number::to_bigint(v).unwrap_or_default()),
        ("String", "valueOf", [v]) => Value::str(i.java_to_s(v)?),
        ("String", "format", [f, rest @ ..]) => Value::str(super::format::sprintf(i, f, rest)?),
        ("String", "join", [sep, rest @ ..]) => {
            let sep = i.to_s(sep)?;
            let items = match rest {
                [one @ (Value::List(_) | Value::Set(_))] => i.to_list(one)?,
                _ => rest.to_vec(),
            };
            let mut parts = Vec::new();
            for x in items {
                parts.push(i.to_s(&x)?);
            }
            Value::str(parts.join(&sep))
        }
        ("Character", "isDigit", [c]) => Value::Bool(char_of(i, c)?.is_ascii_digit()),
        ("Character", "isLetter", [c]) => Value::Bool(char_of(i, c)?.is_alphabetic()),
        ("Character", "isLetterOrDigit", [c]) => Value::Bool(char_of(i, c)?.is_alphanumeric()),
        ("Character", "isUpperCase", [c]) => Value::Bool(char_of(i, c)?.is_uppercase()),
        ("Character", "isLowerCase", [c]) => Value::Bool(char_of(i, c)?.is_lowercase()),
        ("Character", "isWhitespace", [c]) => Value::Bool(char_of(i, c)?.is_whitespace()),
        ("Character", "toUpperCase", [c]) => Value::Char(char_of(i, c)?.to_ascii_uppercase()),
        ("Character", "toLowerCase", [c]) => Value::Char(char_of(i, c)?.to_ascii_lowercase()),
        ("System", "currentTimeMillis", []) => Value::Long(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64),
        ),
        ("System", "nanoTime", []) => Value::Long(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as i64),
        ),
        ("System", "lineSeparator", []) => Value::str("\n"),
        ("System", "getenv", [n]) => std::env::var(i.to_s(n)?).map_or(Value::Null, Value::str),
        ("System", "getenv", []) => MapObj::of_kind(
            MapKind::HashMap,
            std::env::vars()
                .map(|(k, v)| (Value::str(k), Value::str(v)))
                .collect(),
        ),
        ("System", "getProperty", [n]) => match i.to_s(n)?.as_str() {
            "line.separator" => Value::str("\n"),
            "file.separator" => Value::str("/"),
            _ => Value::Null,
        },
        ("System", "exit", _) => {
            return rejected(
                "staticMethod java.lang.System exit int",
                "error('...') to fail the build",
            );
        }
        ("Runtime", "getRuntime", _) => {
            return rejected("staticMethod java.lang.Runtime getRuntime", "the sh step");
        }
        ("Class", "forName", [n]) => {
            let n = i.to_s(n)?;
            match i.class_by_name(&n).filter(|t| t.name() == n) {
                Some(t) => Value::Class(t),
                None => return throw("java.lang.ClassNotFoundException", n),
            }
        }
        ("Thread", "sleep", [ms]) => {
            std::thread::sleep(std::time::Duration::from_millis(
                number::to_i64(ms).unwrap_or(0).max(0) as u64,
            ));
            Value::Null
        }
        ("Collections", "unmodifiableList", [l]) => {
            ListObj::of_kind(ListKind::Immutable, i.to_list(l)?)
        }
        ("Collections", "unmodifiableMap", [Value::Map(m)]) => {
            MapObj::of_kind(MapKind::Immutable, m.snapshot())
        }
        ("Collections", "unmodifiableSet", [s]) => {
            SetObj::of_kind(SetKind::Immutable, i.to_list(s)?)
        }
        ("Collections", "emptyList", []) => ListObj::of_kind(ListKind::Immutable, Vec::new()),
        ("Collections", "emptyMap", []) => MapObj::of_kind(MapKind::Immutable, Vec::new()),
        ("Collections", "sort", [l]) => {
            super::collection::call(i, l, "sort", &[])?;
            Value::Null
        }
        ("Collections", "sort", [l, c]) => {
            super::collection::call(i, l, "sort", std::slice::from_ref(c))?;
            Value::Null
        }
        ("Collections", "reverse", [Value::List(l)]) => {
            l.items.lock().reverse();
            Value::Null
        }
        ("Collections", "max", [l]) => {
            super::collection::call(i, l, "max", &[])?.unwrap_or(Value::Null)
        }
        ("Collections", "min", [l]) => {
            super::collection::call(i, l, "min", &[])?.unwrap_or(Value::Null)
        }
        ("Collections", "nCopies", [n, v]) => ListObj::of_kind(
            ListKind::Immutable,
            vec![v.clone(); number::to_i64(n).unwrap_or(0).max(0) as usize],
        ),
        ("Arrays", "asList", rest) => {
            let items = match rest {
                [Value::List(l)] if matches!(l.kind, ListKind::Array(_)) => l.snapshot(),
                _ => rest.to_vec(),
            };
            ListObj::of_kind(ListKind::FixedSize, items)
        }
        ("Arrays", "toString", [l]) => Value::str(i.to_s(l)?),
        ("Arrays", "sort", [l]) => {
            if let Value::List(lo) = l {
                let sorted = super::collection::sort_values(i, lo.snapshot(), None)?;
                *lo.items.lock() = sorted;
            }
            Value::Null
        }
        ("Objects", "equals", [a, b]) => Value::Bool(i.equals(a, b)?),
        ("Objects", "isNull", [a]) => Value::Bool(a.is_null()),
        ("Objects", "nonNull", [a]) => Value::Bool(!a.is_null()),
        ("Objects", "toString", [a]) => Value::str(i.to_s(a)?),
        ("Objects", "toString", [a, d]) => {
            if a.is_null() {
                d.clone()
            } else {
                Value::str(i.to_s(a)?)
            }
        }
        ("Objects", "requireNonNull", [a, ..]) => {
            if a.is_null() {
                let m = match args.get(1) {
                    Some(m) => Some(i.to_s(m)?),
                    None => None,
                };
                return Err(Signal::Throw(
                    crate::eval::error::exception("java.lang.NullPointerException", m),
                    None,
                ));
            }
            a.clone()
        }
        ("Objects", "hash", rest) => {
            let mut h: i32 = 1;
            for x in rest {
                h = h
                    .wrapping_mul(31)
                    .wrapping_add(super::collection::java_hash(i, x)?);
            }
            Value::Int(h)
        }
        // Groovy 2.4 calls a static method of an interface through a generated call site
        // class that Java 17's verifier rejects.
        ("List" | "Set", "of" | "copyOf", _)
        | ("Map", "of" | "ofEntries" | "entry" | "copyOf", _)
        | (
            "Comparator",
            "reverseOrder" | "naturalOrder" | "comparing" | "comparingInt" | "comparingLong"
            | "comparingDouble" | "nullsFirst" | "nullsLast",
            _,
        )
        | ("Map$Entry", "comparingByKey" | "comparingByValue", _) => {
            return throw(
                "java.lang.VerifyError",
                format!(
                    "(class: {}${name}, method: callStatic signature: (Ljava/lang/Class;[Ljava/lang/Object;)Ljava/lang/Object;) Illegal type in constant pool",
                    class.replace('.', "_")
                ),
            );
        }
        (_, "getName", []) => Value::str(class.clone()),
        (_, "getSimpleName", []) => Value::str(t.simple_name()),
        (_, "getCanonicalName", []) => Value::str(class.replace('$', ".")),
        (_, "isInstance", [v]) => Value::Bool(crate::eval::types::is_instance(v, &class)),
        (_, "isAssignableFrom", [Value::Class(o)]) => Value::Bool(o.is_assignable_to(&class)),
        (_, "getSuperclass", []) => t.parent().map_or(Value::Null, Value::Class),
        (_, "isInterface", []) => Value::Bool(
            matches!(t, Type::Builtin(b) if b.parent.is_none() && b.name != "java.lang.Object")
                || matches!(t, Type::User(c) if c.is_interface()),
        ),
        (_, "newInstance", []) => construct(i, &class, Vec::new())?,
        (_, "getInterfaces", []) => ListObj::of_kind(
            ListKind::Array("java.lang.Class"),
            match t {
                Type::Builtin(b) => b
                    .interfaces
                    .iter()
                    .filter_map(|n| builtin(n))
                    .map(|b| Value::Class(Type::Builtin(b)))
                    .collect(),
                Type::User(c) => c.interfaces.iter().cloned().map(Value::Class).collect(),
                _ => Vec::new(),
            },
        ),
        _ => return Ok(None),
    };
    Ok(Some(r))
}

/// `Integer.toString(n, radix)`: a sign, then digits in lowercase; radix 10 outside 2..=36.
fn to_radix(n: i64, radix: i64) -> String {
    let radix = if (2..=36).contains(&radix) {
        radix as u64
    } else {
        10
    };
    let mut magnitude = n.unsigned_abs();
    if magnitude == 0 {
        return "0".into();
    }
    let mut digits = Vec::new();
    while magnitude > 0 {
        digits.push(char::from_digit((magnitude % radix) as u32, radix as u32).unwrap_or('0'));
        magnitude /= radix;
    }
    if n < 0 {
        digits.push('-');
    }
    digits.iter().rev().collect()
}

fn char_of<'a>(i: &Interp<'a>, v: &Value<'a>) -> Result<char, Signal<'a>> {
    Ok(match v {
        Value::Char(c) => *c,
        _ if number::is_number(v) => {
            char::from_u32(number::to_i64(v).unwrap_or(0) as u32).unwrap_or('\0')
        }
        _ => i.to_s(v)?.chars().next().unwrap_or('\0'),
    })
}

/// A static field of a built-in class, or a property of a `Class` value.
pub fn static_property<'a>(i: &Interp<'a>, t: &Type<'a>, name: &str) -> Found<'a> {
    let class = t.name();
    let simple = class.rsplit('.').next().unwrap_or(&class);
    Ok(Some(match (simple, name) {
        ("String", "CASE_INSENSITIVE_ORDER") => {
            let f =
                crate::eval::closure::native(Value::Null, 2, |args: Vec<Value<'a>>| {
                    match &args[..] {
                        [a, b] => Value::Int(super::string::compare_ignore_case(
                            &crate::eval::text::display(a),
                            &crate::eval::text::display(b),
                        )),
                        _ => Value::Int(0),
                    }
                });
            let mut fields = IndexMap::new();
            fields.insert(crate::eval::ops::PROXY_TARGET.to_owned(), f);
            Object::new(known("java.util.Comparator"), fields)
        }
        ("System", "out" | "err" | "in") => {
            return rejected(
                &format!("staticField java.lang.System {name}"),
                "echo to write to the build log",
            );
        }
        ("Integer", "MAX_VALUE") => Value::Int(i32::MAX),
        ("Integer", "MIN_VALUE") => Value::Int(i32::MIN),
        ("Long", "MAX_VALUE") => Value::Long(i64::MAX),
        ("Long", "MIN_VALUE") => Value::Long(i64::MIN),
        ("Short", "MAX_VALUE") => Value::Short(i16::MAX),
        ("Short", "MIN_VALUE") => Value::Short(i16::MIN),
        ("Byte", "MAX_VALUE") => Value::Byte(i8::MAX),
        ("Byte", "MIN_VALUE") => Value::Byte(i8::MIN),
        ("Character", "MAX_VALUE") => Value::Char('\u{ffff}'),
        ("Character", "MIN_VALUE") => Value::Char('\0'),
        ("Integer" | "Float", "SIZE") => Value::Int(32),
        ("Long" | "Double", "SIZE") => Value::Int(64),
        ("Short" | "Character", "SIZE") => Value::Int(16),
        ("Byte", "SIZE") => Value::Int(8),
        ("Integer" | "Float", "BYTES") => Value::Int(4),
        ("Long" | "Double", "BYTES") => Value::Int(8),
        ("Short" | "Character", "BYTES") => Value::Int(2),
        ("Byte", "BYTES") => Value::Int(1),
        ("Float", "MIN_VALUE") => Value::Float(f32::from_bits(1)),
        ("Double", "MAX_VALUE") => Value::Double(f64::MAX),
        ("Double", "MIN_VALUE") => Value::Double(f64::from_bits(1)),
        ("Double", "POSITIVE_INFINITY") => Value::Double(f64::INFINITY),
        ("Double", "NEGATIVE_INFINITY") => Value::Double(f64::NEG_INFINITY),
        ("Double", "NaN") => Value::Double(f64::NAN),
        ("Float", "MAX_VALUE") => Value::Float(f32::MAX),
        ("Math", "PI") => Value::Double(std::f64::consts::PI),
        ("Math", "E") => Value::Double(std::f64::consts::E),
        ("BigDecimal", "ZERO") => number::dec(Decimal::from_int(0)),
        ("BigDecimal", "ONE") => number::dec(Decimal::from_int(1)),
        ("BigDecimal", "TEN") => number::dec(Decimal::from_int(10)),
        ("BigInteger", "ZERO") => number::big(0.into()),
        ("BigInteger", "ONE") => number::big(1.into()),
        ("BigInteger", "TEN") => number::big(10.into()),
        ("BigDecimal", n) if n.starts_with("ROUND_") => {
            let r = [
                "ROUND_UP",
                "ROUND_DOWN",
                "ROUND_CEILING",
                "ROUND_FLOOR",
                "ROUND_HALF_UP",
                "ROUND_HALF_DOWN",
                "ROUND_HALF_EVEN",
                "ROUND_UNNECESSARY",
            ];
            match r.iter().position(|x| *x == n) {
                Some(k) => Value::Int(k as i32),
                None => return Ok(None),
            }
        }
        ("RoundingMode", n) => Value::str(n),
        ("Boolean", "TRUE") => Value::Bool(true),
        ("Boolean", "FALSE") => Value::Bool(false),
        ("Pattern", "CASE_INSENSITIVE") => Value::Int(2),
        ("Pattern", "MULTILINE") => Value::Int(8),
        ("Pattern", "DOTALL") => Value::Int(32),
        ("Pattern", "COMMENTS") => Value::Int(4),
        ("Closure", "DELEGATE_FIRST") => Value::Int(1),
        ("Closure", "OWNER_FIRST") => Value::Int(0),
        ("Closure", "OWNER_ONLY") => Value::Int(2),
        ("Closure", "DELEGATE_ONLY") => Value::Int(3),
        ("Closure", "TO_SELF") => Value::Int(4),
        ("Closure", "IDENTITY") => crate::eval::closure::native(Value::Null, 1, |args| {
            args.into_iter().next().unwrap_or(Value::Null)
        }),
        ("File", "separator") => Value::str("/"),
        (_, "name") => Value::str(class),
        (_, "simpleName") => Value::str(t.simple_name()),
        (_, "canonicalName") => Value::str(class.replace('$', ".")),
        (_, "superclass") => t.parent().map_or(Value::Null, Value::Class),
        (_, "interface") => Value::Bool(
            matches!(t, Type::Builtin(b) if b.parent.is_none() && b.name != "java.lang.Object"),
        ),
        _ => {
            let _ = i;
            return Ok(None);
        }
    }))
}

/// `new T(args)` for built-in classes.
pub fn construct<'a>(i: &Interp<'a>, class: &str, args: Vec<Value<'a>>) -> Eval<'a> {
    let full = builtin_by_source_name(class).map_or(class.to_owned(), |b| b.name.to_owned());
    let simple = full.rsplit('.').next().unwrap_or(&full).to_owned();
    if full == super::expando::CLASS {
        return super::expando::construct(i, &args);
    }
    if let Some(b) = builtin(&full) {
        if Type::Builtin(b).is_throwable() {
            let (message, cause) = match args.as_slice() {
                [] => (Value::Null, Value::Null),
                [Value::Object(o)] if o.class.is_throwable() => (
                    Value::str(crate::eval::text::throwable_text(&args[0])),
                    args[0].clone(),
                ),
                [m] => (
                    if m.is_null() {
                        Value::Null
                    } else {
                        Value::str(i.to_s(m)?)
                    },
                    Value::Null,
                ),
                [m, c, ..] => (
                    if m.is_null() {
                        Value::Null
                    } else {
                        Value::str(i.to_s(m)?)
                    },
                    c.clone(),
                ),
            };
            return Ok(crate::eval::error::new_throwable(
                Type::Builtin(b),
                message,
                cause,
            ));
        }
    }
    Ok(match (simple.as_str(), args.as_slice()) {
        ("ArrayList" | "Vector" | "List", []) => ListObj::array_list(Vec::new()),
        ("ArrayList" | "Vector", [Value::Int(_)]) => ListObj::array_list(Vec::new()),
        ("ArrayList" | "Vector", [c]) => ListObj::array_list(i.to_list(c)?),
        ("LinkedList", []) => ListObj::of_kind(ListKind::LinkedList, Vec::new()),
        ("LinkedList", [c]) => ListObj::of_kind(ListKind::LinkedList, i.to_list(c)?),
        ("HashMap" | "LinkedHashMap" | "TreeMap" | "ConcurrentHashMap", rest) => {
            let kind = match simple.as_str() {
                "HashMap" => MapKind::HashMap,
                "TreeMap" => MapKind::TreeMap,
                "ConcurrentHashMap" => MapKind::Concurrent,
                _ => MapKind::LinkedHashMap,
            };
            let entries = match rest {
                [Value::Map(m)] => m.snapshot(),
                _ => Vec::new(),
            };
            if kind == MapKind::TreeMap {
                return super::map::tree_map(i, entries);
            }
            MapObj::of_kind(kind, entries)
        }
        ("HashSet" | "LinkedHashSet" | "TreeSet", rest) => {
            let kind = match simple.as_str() {
                "HashSet" => SetKind::HashSet,
                "TreeSet" => SetKind::TreeSet,
                _ => SetKind::LinkedHashSet,
            };
            let items = match rest {
                [c @ (Value::List(_) | Value::Set(_) | Value::Range(_))] => i.to_list(c)?,
                _ => Vec::new(),
            };
            if kind == SetKind::TreeSet {
                return super::collection::tree_set(i, items);
            }
            SetObj::of_kind(kind, items)
        }
        ("StringBuilder" | "StringBuffer" | "StringWriter", [])
        | ("StringBuilder" | "StringBuffer" | "StringWriter", [Value::Int(_)]) => {
            Object::native(known(&full), Native::StringBuilder(String::new()))
        }
        ("StringBuilder" | "StringBuffer", [s]) => {
            Object::native(known(&full), Native::StringBuilder(i.to_s(s)?))
        }
        ("String", []) => Value::str(""),
        ("String", [s]) => super::string::new_string(i, s)?,
        ("Object", []) => Object::new(known("java.lang.Object"), IndexMap::new()),
        ("Random", [seed]) => Object::native(
            known("java.util.Random"),
            Native::Random((number::to_i64(seed).unwrap_or(0) ^ 0x5_DEEC_E66D) & ((1 << 48) - 1)),
        ),
        ("Random", []) => Object::native(known("java.util.Random"), Native::Random(42)),
        ("Date", []) => Object::native(
            known("java.util.Date"),
            Native::Date(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as i64),
            ),
        ),
        ("Date", [ms]) => Object::native(
            known("java.util.Date"),
            Native::Date(number::to_i64(ms).unwrap_or(0)),
        ),
        ("AtomicInteger" | "AtomicLong", rest) => Object::native(
            known(&full),
            Native::Atomic(rest.first().and_then(number::to_i64).unwrap_or(0)),
        ),
        ("BigDecimal", [v]) => match v {
            Value::Str(_) | Value::GString(_) => {
                super::string::parse_number(&i.to_s(v)?, "java.math.BigDecimal")?
            }
            Value::Double(d) => number::dec(
                Decimal::parse(&exact_double(*d)).unwrap_or_else(|| Decimal::from_int(0)),
            ),
            _ => number::dec(number::to_decimal(v).unwrap_or_else(|| Decimal::from_int(0))),
        },
        ("BigInteger", [v]) => super::string::parse_number(&i.to_s(v)?, "java.math.BigInteger")?,
        ("Integer", [v]) => match v {
            Value::Str(_) => super::string::parse_number(&i.to_s(v)?, "java.lang.Integer")?,
            _ => Value::Int(number::to_i32(v).unwrap_or(0)),
        },
        ("Long", [v]) => Value::Long(number::to_i64(v).unwrap_or(0)),
        ("Double", [v]) => Value::Double(num(v)),
        ("Boolean", [v]) => Value::Bool(i.truth(v)?),
        (
            "File" | "FileReader" | "FileWriter" | "FileInputStream" | "FileOutputStream"
            | "PrintWriter",
            _,
        ) => {
            return rejected(
                &format!("new java.io.{simple}"),
                "readFile, writeFile, fileExists or dir",
            );
        }
        // The sandbox allows `new URL(String)`; reading from it is refused.
        ("URL", [spec]) => super::url::parse(&i.to_s(spec)?)?,
        ("URL" | "Socket" | "ServerSocket" | "URI", _) => {
            return rejected(
                &format!("new java.net.{simple}"),
                "sh 'curl ...' or httpRequest",
            );
        }
        ("ProcessBuilder", _) => return rejected("new java.lang.ProcessBuilder", "the sh step"),
        ("Thread", _) => return rejected("new java.lang.Thread", "the parallel step"),
        _ => {
            return throw(
                "groovy.lang.GroovyRuntimeException",
                format!(
                    "Could not find matching constructor for: {full}({})",
                    args.iter()
                        .map(|a| type_of(a).name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    })
}

/// The exact decimal expansion of a double (`new BigDecimal(0.1)`).
fn exact_double(d: f64) -> String {
    if !d.is_finite() {
        return "0".into();
    }
    let bits = d.to_bits();
    let negative = bits >> 63 == 1;
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mantissa, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    let m = num_bigint::BigInt::from(mantissa);
    let value = if e >= 0 {
        Decimal::from_int(m << e as usize)
    } else {
        // m / 2^-e = m * 5^-e / 10^-e
        let five = num_traits::pow(num_bigint::BigInt::from(5), (-e) as usize);
        let mut dd = Decimal::new(m * five, -e);
        dd.strip_to(0);
        dd
    };
    let s = value.to_plain_string();
    if negative { format!("-{s}") } else { s }
}

/// Keeps `Arc` in scope for callers building shared values.
pub type Shared<T> = Arc<T>;
