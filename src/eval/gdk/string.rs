//! Methods on String and GString (`java.lang.String` and Groovy's string methods).

use super::Found;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::value::{ListObj, Value};

/// Method names strings answer to.
pub const NAMES: &[&str] = &[
    "size",
    "length",
    "trim",
    "split",
    "tokenize",
    "replace",
    "replaceAll",
    "replaceFirst",
    "startsWith",
    "endsWith",
    "contains",
    "substring",
    "indexOf",
    "toUpperCase",
    "toLowerCase",
    "capitalize",
    "padLeft",
    "padRight",
    "center",
    "reverse",
    "isNumber",
    "isInteger",
    "toInteger",
    "toLong",
    "toDouble",
    "toBigDecimal",
    "toBoolean",
    "readLines",
    "eachLine",
    "stripIndent",
    "stripMargin",
    "matches",
    "find",
    "findAll",
    "format",
    "plus",
    "minus",
    "multiply",
    "getAt",
    "isEmpty",
    "charAt",
    "equalsIgnoreCase",
    "lastIndexOf",
    "toList",
    "chars",
    "join",
    "count",
    "next",
    "previous",
];

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

/// Java's `String.split(regex)`: trailing empty strings removed.
pub fn java_split<'a>(
    i: &Interp<'a>,
    s: &str,
    pattern: &Value<'a>,
    limit: i64,
) -> Result<Vec<String>, Signal<'a>> {
    let p = i.to_pattern(pattern)?;
    let mut out = Vec::new();
    let mut last = 0;
    if s.is_empty() {
        return Ok(vec![String::new()]);
    }
    for m in p.find_all(s) {
        let Some((a, b)) = m[0] else { continue };
        if b == 0 {
            continue;
        }
        if limit > 0 && out.len() as i64 == limit - 1 {
            break;
        }
        if a == 0 && b > 0 && last == 0 && a == b {
            continue;
        }
        out.push(s[last..a].to_owned());
        last = b;
    }
    out.push(s[last..].to_owned());
    if limit == 0 {
        while out.len() > 1 && out.last().is_some_and(String::is_empty) {
            out.pop();
        }
        if out.len() == 1 && out[0].is_empty() && !s.is_empty() {
            out.clear();
        }
    }
    Ok(out)
}

fn strs<'a>(items: Vec<String>) -> Value<'a> {
    ListObj::array_list(items.into_iter().map(Value::str).collect())
}

fn char_index(s: &str, byte: usize) -> i32 {
    s[..byte].chars().count() as i32
}

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(b, _)| b)
}

/// String methods.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let s = i.to_s(recv)?;
    let arg_s = |n: usize| -> Result<String, Signal<'a>> { i.to_s(&args[n]) };
    Ok(Some(match (name, args) {
        ("size" | "length", []) => Value::Int(s.encode_utf16().count() as i32),
        ("isEmpty", []) => Value::Bool(s.is_empty()),
        ("trim", []) => Value::str(s.trim_matches(|c: char| c <= ' ')),
        ("toUpperCase", []) => Value::str(s.to_uppercase()),
        ("toLowerCase", []) => Value::str(s.to_lowercase()),
        ("capitalize", []) => {
            let mut c = s.chars();
            Value::str(match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            })
        }
        ("reverse", []) => Value::str(s.chars().rev().collect::<String>()),
        ("toString", []) => Value::str(s),
        ("contains", [_]) => Value::Bool(s.contains(arg_s(0)?.as_str())),
        ("startsWith", [_]) => Value::Bool(s.starts_with(arg_s(0)?.as_str())),
        ("endsWith", [_]) => Value::Bool(s.ends_with(arg_s(0)?.as_str())),
        ("equalsIgnoreCase", [_]) => Value::Bool(s.to_lowercase() == arg_s(0)?.to_lowercase()),
        ("indexOf", [_]) => {
            let sub = arg_s(0)?;
            s.find(&sub)
                .map_or(Value::Int(-1), |b| Value::Int(char_index(&s, b)))
        }
        ("indexOf", [_, from]) => {
            let sub = arg_s(0)?;
            let from = byte_at(&s, number::to_i64(from).unwrap_or(0).max(0) as usize);
            s[from..]
                .find(&sub)
                .map_or(Value::Int(-1), |b| Value::Int(char_index(&s, from + b)))
        }
        ("lastIndexOf", [_]) => {
            let sub = arg_s(0)?;
            s.rfind(&sub)
                .map_or(Value::Int(-1), |b| Value::Int(char_index(&s, b)))
        }
        ("substring", [a]) => {
            let n = s.chars().count() as i64;
            let a = number::to_i64(a).unwrap_or(0);
            if a < 0 || a > n {
                return throw(
                    "java.lang.StringIndexOutOfBoundsException",
                    format!("begin {a}, end {n}, length {n}"),
                );
            }
            Value::str(&s[byte_at(&s, a as usize)..])
        }
        ("substring", [a, b]) => {
            let n = s.chars().count() as i64;
            let (a, b) = (
                number::to_i64(a).unwrap_or(0),
                number::to_i64(b).unwrap_or(0),
            );
            if a < 0 || b > n || a > b {
                return throw(
                    "java.lang.StringIndexOutOfBoundsException",
                    format!("begin {a}, end {b}, length {n}"),
                );
            }
            Value::str(&s[byte_at(&s, a as usize)..byte_at(&s, b as usize)])
        }
        ("charAt", [idx]) => {
            let n = s.chars().count() as i64;
            let k = number::to_i64(idx).unwrap_or(0);
            if k < 0 || k >= n {
                return throw(
                    "java.lang.StringIndexOutOfBoundsException",
                    format!("index {k}, length {n}"),
                );
            }
            Value::Char(s.chars().nth(k as usize).unwrap_or('\0'))
        }
        ("replace", [_, _]) => {
            let (a, b) = (arg_s(0)?, arg_s(1)?);
            Value::str(s.replace(&a, &b))
        }
        ("split", []) => strs(s.split_whitespace().map(str::to_owned).collect()),
        ("split", [p]) => {
            let parts = java_split(i, &s, p, 0)?;
            ListObj::of_kind(
                crate::eval::value::ListKind::Array("java.lang.String"),
                parts.into_iter().map(Value::str).collect(),
            )
        }
        ("split", [p, limit]) => {
            let parts = java_split(i, &s, p, number::to_i64(limit).unwrap_or(0))?;
            ListObj::of_kind(
                crate::eval::value::ListKind::Array("java.lang.String"),
                parts.into_iter().map(Value::str).collect(),
            )
        }
        ("tokenize", []) => strs(
            s.split([' ', '\t', '\n', '\r', '\u{c}'])
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
        ("tokenize", [d]) => {
            let delims: Vec<char> = match d {
                Value::Char(c) => vec![*c],
                _ => arg_s(0)?.chars().collect(),
            };
            strs(
                s.split(delims.as_slice())
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned)
                    .collect(),
            )
        }
        ("toInteger", []) => parse_number(s.trim(), "java.lang.Integer")?,
        ("toLong", []) => parse_number(s.trim(), "java.lang.Long")?,
        ("toDouble", []) => parse_number(s.trim(), "java.lang.Double")?,
        ("toFloat", []) => parse_number(s.trim(), "java.lang.Float")?,
        ("toBigDecimal", []) => parse_number(s.trim(), "java.math.BigDecimal")?,
        ("toBigInteger", []) => parse_number(s.trim(), "java.math.BigInteger")?,
        ("toBoolean", []) => {
            let t = s.trim().to_lowercase();
            Value::Bool(t == "true" || t == "y" || t == "1")
        }
        ("isInteger", []) => Value::Bool(parse_number(s.trim(), "java.lang.Integer").is_ok()),
        ("isLong", []) => Value::Bool(parse_number(s.trim(), "java.lang.Long").is_ok()),
        ("isNumber" | "isBigDecimal", []) => {
            Value::Bool(crate::eval::decimal::Decimal::parse(s.trim()).is_some())
        }
        ("isDouble", []) => Value::Bool(parse_number(&s, "java.lang.Double").is_ok()),
        ("multiply", [n]) => {
            let k = number::to_i64(n).unwrap_or(0);
            if k < 0 {
                return throw(
                    "java.lang.IllegalArgumentException",
                    format!("multiply() should be called with a number of 0 or greater not: {k}"),
                );
            }
            Value::str(s.repeat(k as usize))
        }
        ("plus", [v]) => Value::str(format!("{s}{}", i.to_s(v)?)),
        ("minus", [v]) => {
            if let Value::Object(_) = v {
                let p = i.to_pattern(v)?;
                match p.find_at(&s, 0) {
                    Some(g) => {
                        let (a, b) = g[0].unwrap_or((0, 0));
                        Value::str(format!("{}{}", &s[..a], &s[b..]))
                    }
                    None => Value::str(s),
                }
            } else {
                let t = i.to_s(v)?;
                Value::str(s.replacen(&t, "", 1))
            }
        }
        ("padLeft", [n]) | ("padLeft", [n, _]) => {
            let pad = if args.len() > 1 {
                arg_s(1)?
            } else {
                " ".to_owned()
            };
            let want = number::to_i64(n).unwrap_or(0).max(0) as usize;
            let have = s.chars().count();
            if have >= want || pad.is_empty() {
                Value::str(s)
            } else {
                let fill: String = pad.chars().cycle().take(want - have).collect();
                Value::str(fill + &s)
            }
        }
        ("padRight", [n]) | ("padRight", [n, _]) => {
            let pad = if args.len() > 1 {
                arg_s(1)?
            } else {
                " ".to_owned()
            };
            let want = number::to_i64(n).unwrap_or(0).max(0) as usize;
            let have = s.chars().count();
            if have >= want || pad.is_empty() {
                Value::str(s)
            } else {
                let fill: String = pad.chars().cycle().take(want - have).collect();
                Value::str(s + &fill)
            }
        }
        ("readLines", []) => strs(read_lines(&s)),
        ("toList" | "chars", []) => {
            ListObj::array_list(s.chars().map(|c| Value::str(c.to_string())).collect())
        }
        ("getAt", [idx]) => return get_at(i, &s, idx).map(Some),
        ("matches", [p]) => {
            let p = i.to_pattern(p)?;
            Value::Bool(p.matches_whole(&s).is_some())
        }
        ("replaceAll", [p, r]) => Value::str(super::regex::replace(i, &s, p, r, true)?),
        ("replaceFirst", [p, r]) => Value::str(super::regex::replace(i, &s, p, r, false)?),
        ("find", [p]) => {
            let p = i.to_pattern(p)?;
            match p.find_at(&s, 0) {
                Some(g) => {
                    let (a, b) = g[0].unwrap_or((0, 0));
                    Value::str(&s[a..b])
                }
                None => Value::Null,
            }
        }
        ("findAll", [p]) => {
            let p = i.to_pattern(p)?;
            strs(
                p.find_all(&s)
                    .iter()
                    .filter_map(|g| g[0].map(|(a, b)| s[a..b].to_owned()))
                    .collect(),
            )
        }
        ("eachLine", [c]) => {
            let mut last = Value::Null;
            for line in read_lines(&s) {
                last = i.call_value(c, vec![Value::str(line)], crate::source::Span::default())?;
            }
            last
        }
        ("each", [c]) => {
            for ch in s.chars() {
                i.call_value(
                    c,
                    vec![Value::str(ch.to_string())],
                    crate::source::Span::default(),
                )?;
            }
            recv.clone()
        }
        _ => return super::collection::string_as_list(i, &s, name, args),
    }))
}

/// `readLines()`: lines without their terminators.
#[must_use]
pub fn read_lines(s: &str) -> Vec<String> {
    let mut out: Vec<String> = s
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_owned())
        .collect();
    if out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// `s[i]`, `s[a..b]`, `s[-1]`.
pub fn get_at<'a>(i: &Interp<'a>, s: &str, idx: &Value<'a>) -> Eval<'a> {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len() as i64;
    match idx {
        Value::Range(r) => {
            let (from, to, reverse) = super::range::bounds(i, r, n)?;
            let mut part: String = chars[from..to].iter().collect();
            if reverse {
                part = part.chars().rev().collect();
            }
            Ok(Value::str(part))
        }
        _ if number::is_number(idx) => {
            let mut k = number::to_i64(idx).unwrap_or(0);
            if k < 0 {
                k += n;
            }
            if k < 0 || k >= n {
                return throw(
                    "java.lang.StringIndexOutOfBoundsException",
                    format!("index {k}, length {n}"),
                );
            }
            Ok(Value::str(chars[k as usize].to_string()))
        }
        Value::List(l) => {
            let mut out = String::new();
            for x in l.snapshot() {
                if let Value::Str(p) = get_at(i, s, &x)? {
                    out.push_str(&p);
                }
            }
            Ok(Value::str(out))
        }
        _ => throw("java.lang.IllegalArgumentException", "bad index"),
    }
}
