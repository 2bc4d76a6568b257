//! String conversions: to numbers and booleans (`toInteger`, `isNumber`...), to characters
//! and bytes (`chars`, `bytes`, `codePointAt`), and Java's comparisons of text.

use super::super::Found;
use crate::eval::error::{Eval, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::value::{ListKind, ListObj, Value};

/// Parses a number as `Integer.valueOf`, `Double.valueOf`... (for `as` and `toInteger`).
pub fn parse_number<'a>(s: &str, class: &str) -> Eval<'a> {
    let fail = || {
        throw(
            "java.lang.NumberFormatException",
            format!("For input string: \"{s}\""),
        )
    };
    match class {
        "java.lang.Integer" => {
            let t = s.strip_prefix('+').unwrap_or(s);
            match t.parse::<i32>() {
                Ok(v) if !t.is_empty() => Ok(Value::Int(v)),
                _ => fail(),
            }
        }
        "java.lang.Long" => {
            let t = s.strip_prefix('+').unwrap_or(s);
            t.parse::<i64>().map(Value::Long).or_else(|_| fail())
        }
        "java.lang.Short" => s.parse::<i16>().map(Value::Short).or_else(|_| fail()),
        "java.lang.Byte" => s.parse::<i8>().map(Value::Byte).or_else(|_| fail()),
        "java.lang.Double" | "java.lang.Float" => {
            let t = s.trim().trim_end_matches(['d', 'D', 'f', 'F']);
            if t.is_empty() {
                return throw(
                    "java.lang.NumberFormatException",
                    if s.trim().is_empty() {
                        "empty String".to_owned()
                    } else {
                        format!("For input string: \"{s}\"")
                    },
                );
            }
            match t.parse::<f64>() {
                #[allow(clippy::cast_possible_truncation)]
                Ok(v) if class == "java.lang.Float" => Ok(Value::Float(v as f32)),
                Ok(v) => Ok(Value::Double(v)),
                Err(_) => fail(),
            }
        }
        "java.math.BigDecimal" | "java.lang.Number" => {
            match crate::eval::decimal::Decimal::parse(s) {
                Some(d) => Ok(number::dec(d)),
                None => throw(
                    "java.lang.NumberFormatException",
                    format!(
                        "Character {} is neither a decimal digit number, decimal point, nor \"e\" notation exponential mark.",
                        s.chars()
                            .find(|c| !c.is_ascii_digit() && *c != '.' && *c != '-')
                            .unwrap_or(' ')
                    ),
                ),
            }
        }
        "java.math.BigInteger" => match s.parse::<num_bigint::BigInt>() {
            Ok(b) => Ok(number::big(b)),
            Err(_) => fail(),
        },
        _ => fail(),
    }
}

/// The UTF-16 code units of `s` (Java's `char`s).
fn units(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// A `char` value of a UTF-16 unit (a lone surrogate becomes U+FFFD).
fn unit_char(u: u16) -> char {
    char::from_u32(u32::from(u)).unwrap_or('\u{fffd}')
}

/// Java's `Character.isWhitespace`.
#[must_use]
pub fn is_java_whitespace(c: char) -> bool {
    matches!(c, '\t'..='\r' | '\u{1c}'..='\u{1f}')
        || (c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

/// The bytes of `s` in UTF-8, as a Java `byte[]`.
#[must_use]
pub fn bytes_of<'a>(s: &str) -> Value<'a> {
    ListObj::of_kind(
        ListKind::Array("byte"),
        s.bytes().map(|b| Value::Byte(b as i8)).collect(),
    )
}

/// Methods converting a string or comparing it as Java does.
pub fn call<'a>(i: &Interp<'a>, s: &str, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let arg_s = |n: usize| i.to_s(&args[n]);
    Ok(Some(match (name, args) {
        ("toInteger", []) => parse_number(s.trim(), "java.lang.Integer")?,
        ("toLong", []) => parse_number(s.trim(), "java.lang.Long")?,
        ("toShort", []) => parse_number(s.trim(), "java.lang.Short")?,
        ("toDouble", []) => parse_number(s.trim(), "java.lang.Double")?,
        ("toFloat", []) => parse_number(s.trim(), "java.lang.Float")?,
        ("toBigDecimal", []) => parse_number(s.trim(), "java.math.BigDecimal")?,
        ("toURL", []) => super::super::url::parse(s)?,
        ("toBigInteger", []) => parse_number(s.trim(), "java.math.BigInteger")?,
        ("toCharacter", []) => match s.chars().next() {
            Some(c) => Value::Char(c),
            None => {
                return throw(
                    "java.lang.StringIndexOutOfBoundsException",
                    "String index out of range: 0",
                );
            }
        },
        ("toBoolean", []) => {
            let t = s.trim().to_lowercase();
            Value::Bool(t == "true" || t == "y" || t == "1")
        }
        ("isInteger", []) => Value::Bool(parse_number(s.trim(), "java.lang.Integer").is_ok()),
        ("isLong", []) => Value::Bool(parse_number(s.trim(), "java.lang.Long").is_ok()),
        ("isNumber" | "isBigDecimal", []) => {
            Value::Bool(crate::eval::decimal::Decimal::parse(s.trim()).is_some())
        }
        ("isDouble" | "isFloat", []) => Value::Bool(parse_number(s, "java.lang.Double").is_ok()),
        ("isBigInteger", []) => Value::Bool(parse_number(s.trim(), "java.math.BigInteger").is_ok()),
        ("getBytes", []) => bytes_of(s),
        ("getChars" | "toCharArray", []) => ListObj::of_kind(
            ListKind::Array("char"),
            units(s)
                .into_iter()
                .map(|u| Value::Char(unit_char(u)))
                .collect(),
        ),
        ("codePointAt" | "charAt", [k]) => {
            let u = units(s);
            let k = number::to_i64(k).unwrap_or(0);
            let Some(&c) = usize::try_from(k).ok().and_then(|k| u.get(k)) else {
                return throw(
                    "java.lang.StringIndexOutOfBoundsException",
                    format!("index {k}, length {}", u.len()),
                );
            };
            if name == "charAt" {
                Value::Char(unit_char(c))
            } else {
                Value::Int(i32::from(c))
            }
        }
        ("next", []) => {
            let mut u = units(s);
            match u.last_mut() {
                None => u.push(0),
                Some(&mut u16::MAX) => u.push(0),
                Some(last) => *last += 1,
            }
            Value::str(String::from_utf16_lossy(&u))
        }
        ("previous", []) => {
            let mut u = units(s);
            match u.last_mut() {
                None => {
                    return throw("java.lang.IllegalArgumentException", "the string is empty");
                }
                Some(&mut 0) => {
                    u.pop();
                }
                Some(last) => *last -= 1,
            }
            Value::str(String::from_utf16_lossy(&u))
        }
        ("compareTo", [Value::Str(_) | Value::GString(_)]) => {
            Value::Int(java_compare(&units(s), &units(&arg_s(0)?)))
        }
        ("compareToIgnoreCase", [Value::Str(_) | Value::GString(_)]) => {
            Value::Int(compare_ignore_case(s, &arg_s(0)?))
        }
        _ => return Ok(None),
    }))
}

/// Java's `String.compareTo`: the difference of the first differing units, else of the lengths.
fn java_compare(a: &[u16], b: &[u16]) -> i32 {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return i32::from(*x) - i32::from(*y);
        }
    }
    a.len() as i32 - b.len() as i32
}

/// `compareToIgnoreCase` (and `String.CASE_INSENSITIVE_ORDER`): characters compared upper-
/// cased then lower-cased.
#[must_use]
pub fn compare_ignore_case(a: &str, b: &str) -> i32 {
    let fold = |t: &str| -> Vec<u16> {
        t.chars()
            .flat_map(|c| {
                let up: Vec<char> = c.to_uppercase().collect();
                let c = if up.len() == 1 { up[0] } else { c };
                let low: Vec<char> = c.to_lowercase().collect();
                let c = if low.len() == 1 { low[0] } else { c };
                let mut b = [0; 2];
                c.encode_utf16(&mut b).to_vec()
            })
            .collect()
    };
    java_compare(&fold(a), &fold(b))
}
