//! Groovy's number tower: which type an operation computes in (Integer, Long, BigInteger,
//! BigDecimal, Double), Java's overflow, and Groovy's `/`, `%`, `**` and `intdiv`.

use std::cmp::Ordering;
use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use super::decimal::{Decimal, DecimalError};
use super::value::Value;

/// A Java exception raised by arithmetic: class and message.
pub type Fault = (&'static str, String);

/// The type an operation on two numbers computes in.
#[derive(Clone, Copy, Debug, Eq, Ord, PartialEq, PartialOrd)]
pub enum Kind {
    /// Integer (also Short, Byte, Character).
    Int,
    /// Long.
    Long,
    /// BigInteger.
    BigInt,
    /// BigDecimal.
    Decimal,
    /// Double (also Float).
    Double,
}

/// The number kind of a value, if it is a number.
#[must_use]
pub fn kind(v: &Value<'_>) -> Option<Kind> {
    Some(match v {
        Value::Int(_) | Value::Short(_) | Value::Byte(_) | Value::Char(_) => Kind::Int,
        Value::Long(_) => Kind::Long,
        Value::BigInt(_) => Kind::BigInt,
        Value::Decimal(_) => Kind::Decimal,
        Value::Double(_) | Value::Float(_) => Kind::Double,
        _ => return None,
    })
}

/// Whether the value is a `java.lang.Number`.
#[must_use]
pub fn is_number(v: &Value<'_>) -> bool {
    matches!(
        v,
        Value::Int(_)
            | Value::Short(_)
            | Value::Byte(_)
            | Value::Long(_)
            | Value::BigInt(_)
            | Value::Decimal(_)
            | Value::Double(_)
            | Value::Float(_)
    )
}

/// The value as an i64 (truncating decimals, as `longValue()`).
#[must_use]
pub fn to_i64(v: &Value<'_>) -> Option<i64> {
    Some(match v {
        Value::Int(i) => i64::from(*i),
        Value::Short(i) => i64::from(*i),
        Value::Byte(i) => i64::from(*i),
        Value::Char(c) => i64::from(*c as u32),
        Value::Long(i) => *i,
        Value::BigInt(b) => {
            let low = b.as_ref() & BigInt::from(u64::MAX);
            low.to_u64().map_or(0, |u| u as i64)
        }
        Value::Decimal(d) => return to_i64(&Value::BigInt(Arc::new(d.to_bigint()))),
        #[allow(clippy::cast_possible_truncation)]
        Value::Double(d) => *d as i64,
        #[allow(clippy::cast_possible_truncation)]
        Value::Float(d) => *d as i64,
        _ => return None,
    })
}

/// The value as an i32 (`intValue()`: Java's narrowing).
#[must_use]
pub fn to_i32(v: &Value<'_>) -> Option<i32> {
    match v {
        #[allow(clippy::cast_possible_truncation)]
        Value::Double(d) => Some(*d as i32),
        #[allow(clippy::cast_possible_truncation)]
        Value::Float(d) => Some(*d as i32),
        _ => to_i64(v).map(|i| i as i32),
    }
}

/// The value as a double.
#[must_use]
pub fn to_f64(v: &Value<'_>) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)]
    Some(match v {
        Value::Int(i) => f64::from(*i),
        Value::Short(i) => f64::from(*i),
        Value::Byte(i) => f64::from(*i),
        Value::Char(c) => f64::from(*c as u32),
        Value::Long(i) => *i as f64,
        Value::BigInt(b) => b.to_f64().unwrap_or(f64::NAN),
        Value::Decimal(d) => d.to_f64(),
        Value::Double(d) => *d,
        Value::Float(f) => f64::from(*f),
        _ => return None,
    })
}

/// The value as a BigInteger.
#[must_use]
pub fn to_bigint(v: &Value<'_>) -> Option<BigInt> {
    Some(match v {
        Value::BigInt(b) => (**b).clone(),
        Value::Decimal(d) => d.to_bigint(),
        Value::Double(d) => BigInt::from(*d as i64),
        Value::Float(d) => BigInt::from(*d as i64),
        _ => BigInt::from(to_i64(v)?),
    })
}

/// The value as a BigDecimal.
#[must_use]
pub fn to_decimal(v: &Value<'_>) -> Option<Decimal> {
    Some(match v {
        Value::Decimal(d) => (**d).clone(),
        Value::Double(d) => Decimal::from_f64(*d)?,
        Value::Float(f) => Decimal::parse(&super::text::java_float(*f))?,
        _ => Decimal::from_int(to_bigint(v)?),
    })
}

/// A BigInteger value, narrowed to nothing (BigInteger stays BigInteger).
#[must_use]
pub fn big<'a>(b: BigInt) -> Value<'a> {
    Value::BigInt(Arc::new(b))
}

/// A BigDecimal value.
#[must_use]
pub fn dec<'a>(d: Decimal) -> Value<'a> {
    Value::Decimal(Arc::new(d))
}

fn decimal_fault(e: &DecimalError) -> Fault {
    match e {
        DecimalError::DivisionByZero => {
            ("java.lang.ArithmeticException", "Division by zero".into())
        }
        DecimalError::NonTerminating => (
            "java.lang.ArithmeticException",
            "Non-terminating decimal expansion; no exact representable decimal result.".into(),
        ),
        DecimalError::RoundingNecessary => {
            ("java.lang.ArithmeticException", "Rounding necessary".into())
        }
    }
}

/// Converts a BigDecimal failure to a Java exception.
#[must_use]
pub fn fault_of(e: &DecimalError) -> Fault {
    decimal_fault(e)
}

fn by_zero() -> Fault {
    ("java.lang.ArithmeticException", "/ by zero".into())
}

/// Arithmetic operators on numbers.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `intdiv`
    IntDiv,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
}

/// `a op b` for two numbers, in the wider of their kinds.
pub fn arith<'a>(op: Op, a: &Value<'a>, b: &Value<'a>) -> Result<Value<'a>, Fault> {
    let (Some(ka), Some(kb)) = (kind(a), kind(b)) else {
        return Err(("java.lang.IllegalArgumentException", "not numbers".into()));
    };
    let mut k = ka.max(kb);
    if matches!(op, Op::Div) && k != Kind::Double {
        k = Kind::Decimal;
    }
    if matches!(op, Op::And | Op::Or | Op::Xor) && k >= Kind::Decimal {
        let class = if ka >= Kind::Decimal { a } else { b };
        return Err(unsupported(op_name(op), class));
    }
    match k {
        Kind::Int => {
            let (x, y) = (to_i32(a).unwrap_or(0), to_i32(b).unwrap_or(0));
            Ok(Value::Int(match op {
                Op::Add => x.wrapping_add(y),
                Op::Sub => x.wrapping_sub(y),
                Op::Mul => x.wrapping_mul(y),
                Op::Mod => {
                    if y == 0 {
                        return Err(by_zero());
                    }
                    x.wrapping_rem(y)
                }
                Op::IntDiv => {
                    if y == 0 {
                        return Err(by_zero());
                    }
                    x.wrapping_div(y)
                }
                Op::And => x & y,
                Op::Or => x | y,
                Op::Xor => x ^ y,
                Op::Div => unreachable_div(),
            }))
        }
        Kind::Long => {
            let (x, y) = (to_i64(a).unwrap_or(0), to_i64(b).unwrap_or(0));
            Ok(Value::Long(match op {
                Op::Add => x.wrapping_add(y),
                Op::Sub => x.wrapping_sub(y),
                Op::Mul => x.wrapping_mul(y),
                Op::Mod => {
                    if y == 0 {
                        return Err(by_zero());
                    }
                    x.wrapping_rem(y)
                }
                Op::IntDiv => {
                    if y == 0 {
                        return Err(by_zero());
                    }
                    x.wrapping_div(y)
                }
                Op::And => x & y,
                Op::Or => x | y,
                Op::Xor => x ^ y,
                Op::Div => unreachable_div(),
            }))
        }
        Kind::BigInt => {
            let (x, y) = (
                to_bigint(a).unwrap_or_default(),
                to_bigint(b).unwrap_or_default(),
            );
            Ok(big(match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x * y,
                Op::Mod => {
                    if y.is_zero() {
                        return Err((
                            "java.lang.ArithmeticException",
                            "BigInteger: modulus not positive".into(),
                        ));
                    }
                    let r = &x % &y;
                    if r.is_negative() { r + y.abs() } else { r }
                }
                Op::IntDiv => {
                    if y.is_zero() {
                        return Err((
                            "java.lang.ArithmeticException",
                            "BigInteger divide by zero".into(),
                        ));
                    }
                    x / y
                }
                Op::And => x & y,
                Op::Or => x | y,
                Op::Xor => x ^ y,
                Op::Div => unreachable_div(),
            }))
        }
        Kind::Decimal => {
            let (x, y) = (
                to_decimal(a).unwrap_or_else(|| Decimal::from_int(0)),
                to_decimal(b).unwrap_or_else(|| Decimal::from_int(0)),
            );
            Ok(dec(match op {
                Op::Add => x.add(&y),
                Op::Sub => x.sub(&y),
                Op::Mul => x.mul(&y),
                Op::Div => x.groovy_divide(&y).map_err(|e| decimal_fault(&e))?,
                Op::Mod => {
                    return Err(unsupported(
                        "mod()",
                        if kind(a) == Some(Kind::Decimal) { a } else { b },
                    ));
                }
                Op::IntDiv => {
                    return Err(unsupported(
                        "intdiv()",
                        if kind(a) == Some(Kind::Decimal) { a } else { b },
                    ));
                }
                Op::And | Op::Or | Op::Xor => unreachable_div(),
            }))
        }
        Kind::Double => {
            let (x, y) = (to_f64(a).unwrap_or(0.0), to_f64(b).unwrap_or(0.0));
            Ok(Value::Double(match op {
                Op::Add => x + y,
                Op::Sub => x - y,
                Op::Mul => x * y,
                Op::Div => x / y,
                Op::Mod => x % y,
                Op::IntDiv => {
                    return Err(unsupported(
                        "intdiv()",
                        if matches!(a, Value::Double(_) | Value::Float(_)) {
                            a
                        } else {
                            b
                        },
                    ));
                }
                Op::And | Op::Or | Op::Xor => unreachable_div(),
            }))
        }
    }
}

fn op_name(op: Op) -> &'static str {
    match op {
        Op::And => "and()",
        Op::Or => "or()",
        Op::Xor => "xor()",
        _ => "operation",
    }
}

#[allow(
    clippy::panic,
    reason = "each kind's match covers the operators that reach it"
)]
fn unreachable_div() -> ! {
    panic!("division is computed as BigDecimal or Double")
}

/// Groovy's "Cannot use mod() on this number type" error.
#[must_use]
pub fn unsupported(what: &str, value: &Value<'_>) -> Fault {
    (
        "java.lang.UnsupportedOperationException",
        format!(
            "Cannot use {what} on this number type: {} with value: {}",
            super::types::type_of(value).name(),
            super::text::display(value)
        ),
    )
}

/// Numeric comparison.
#[must_use]
pub fn compare(a: &Value<'_>, b: &Value<'_>) -> Option<Ordering> {
    let k = kind(a)?.max(kind(b)?);
    Some(match k {
        Kind::Int | Kind::Long => to_i64(a)?.cmp(&to_i64(b)?),
        Kind::BigInt => to_bigint(a)?.cmp(&to_bigint(b)?),
        Kind::Decimal => to_decimal(a)?.compare(&to_decimal(b)?),
        Kind::Double => {
            let (x, y) = (to_f64(a)?, to_f64(b)?);
            x.partial_cmp(&y).unwrap_or_else(|| x.total_cmp(&y))
        }
    })
}

/// `-x`.
#[must_use]
pub fn negate<'a>(v: &Value<'a>) -> Option<Value<'a>> {
    Some(match v {
        Value::Int(i) => Value::Int(i.wrapping_neg()),
        Value::Long(i) => Value::Long(i.wrapping_neg()),
        Value::Short(i) => Value::Short(i.wrapping_neg()),
        Value::Byte(i) => Value::Byte(i.wrapping_neg()),
        Value::BigInt(b) => big(-(**b).clone()),
        Value::Decimal(d) => dec(d.neg()),
        Value::Double(d) => Value::Double(-d),
        Value::Float(f) => Value::Float(-f),
        _ => return None,
    })
}

/// `~x`.
#[must_use]
pub fn bit_not<'a>(v: &Value<'a>) -> Option<Value<'a>> {
    Some(match v {
        Value::Int(i) => Value::Int(!i),
        Value::Long(i) => Value::Long(!i),
        Value::BigInt(b) => big(-(**b).clone() - 1),
        _ => return None,
    })
}

/// `x << n`, `x >> n`, `x >>> n`.
#[must_use]
pub fn shift<'a>(v: &Value<'a>, n: &Value<'a>, left: bool, unsigned: bool) -> Option<Value<'a>> {
    let n = to_i64(n)?;
    Some(match v {
        Value::Int(i) => {
            let s = (n & 31) as u32;
            Value::Int(if left {
                i.wrapping_shl(s)
            } else if unsigned {
                ((*i as u32) >> s) as i32
            } else {
                i >> s
            })
        }
        Value::Short(_) | Value::Byte(_) => {
            return shift(&Value::Int(to_i32(v)?), &Value::Long(n), left, unsigned);
        }
        Value::Long(i) => {
            let s = (n & 63) as u32;
            Value::Long(if left {
                i.wrapping_shl(s)
            } else if unsigned {
                ((*i as u64) >> s) as i64
            } else {
                i >> s
            })
        }
        Value::BigInt(b) => {
            if left {
                big((**b).clone() << n as usize)
            } else {
                big((**b).clone() >> n as usize)
            }
        }
        _ => return None,
    })
}

/// `a ** b` as DefaultGroovyMethods.power does it.
#[must_use]
pub fn power<'a>(a: &Value<'a>, b: &Value<'a>) -> Option<Value<'a>> {
    let ka = kind(a)?;
    let kb = kind(b)?;
    let exp_int = matches!(b, Value::Int(_) | Value::Short(_) | Value::Byte(_));
    if exp_int {
        let e = to_i32(b)?;
        if e >= 0 {
            match ka {
                Kind::Int | Kind::Long => {
                    let r = num_traits::pow(BigInt::from(to_i64(a)?), e as usize);
                    if ka == Kind::Int {
                        if let Some(i) = r.to_i32() {
                            return Some(Value::Int(i));
                        }
                    } else if let Some(i) = r.to_i64() {
                        return Some(Value::Long(i));
                    }
                    return Some(big(r));
                }
                Kind::BigInt => return Some(big(num_traits::pow(to_bigint(a)?, e as usize))),
                Kind::Decimal => return Some(dec(to_decimal(a)?.pow(e as u32))),
                Kind::Double => {}
            }
        }
    } else if kb == Kind::BigInt && ka <= Kind::BigInt {
        let e = to_i64(b)?;
        if e >= 0 {
            return Some(big(num_traits::pow(to_bigint(a)?, e as usize)));
        }
    }
    // power(Number, Number): a double, narrowed to the smallest integer type that holds it.
    let r = to_f64(a)?.powf(to_f64(b)?);
    #[allow(clippy::cast_possible_truncation, clippy::float_cmp)]
    Some(if f64::from(r as i32) == r {
        Value::Int(r as i32)
    } else if (r as i64) as f64 == r {
        Value::Long(r as i64)
    } else {
        Value::Double(r)
    })
}
