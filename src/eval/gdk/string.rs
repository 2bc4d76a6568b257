//! Methods on String and GString (`java.lang.String` and Groovy's string methods): the
//! dispatch, and the methods that build new strings; conversions, layout and searching are in
//! the submodules.

mod convert;
pub use convert::compare_ignore_case;
mod layout;
mod search;

pub use convert::{bytes_of, is_java_whitespace, parse_number};
pub use layout::read_lines;

use super::Found;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::value::{GString, ListKind, ListObj, Value};

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
    "toCharacter",
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
    "leftShift",
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
    "uncapitalize",
    "center",
    "tr",
    "expand",
    "unexpand",
    "normalize",
    "denormalize",
    "codePointAt",
    "compareTo",
    "compareToIgnoreCase",
    "subSequence",
    "takeWhile",
    "dropWhile",
    "toShort",
    "toCharArray",
    "getBytes",
    "getChars",
];

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

fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(b, _)| b)
}

/// String methods.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let s = i.to_s(recv)?;
    if let Value::GString(g) = recv {
        if let Some(v) = gstring_call(g, name, args) {
            return Ok(Some(v));
        }
    }
    for part in [convert::call, layout::call, search::call] {
        if let Some(v) = part(i, &s, name, args)? {
            return Ok(Some(v));
        }
    }
    let arg_s = |n: usize| -> Result<String, Signal<'a>> { i.to_s(&args[n]) };
    Ok(Some(match (name, args) {
        ("size" | "length", []) => Value::Int(s.encode_utf16().count() as i32),
        ("isEmpty", []) => Value::Bool(s.is_empty()),
        ("trim", []) => Value::str(s.trim_matches(|c: char| c <= ' ')),
        ("strip", []) => Value::str(s.trim_matches(is_java_whitespace)),
        ("isBlank", []) => Value::Bool(s.chars().all(is_java_whitespace)),
        ("toUpperCase", []) => Value::str(s.to_uppercase()),
        ("toLowerCase", []) => Value::str(s.to_lowercase()),
        ("capitalize" | "uncapitalize", []) => {
            let mut c = s.chars();
            Value::str(match c.next() {
                Some(f) if name == "capitalize" => {
                    f.to_uppercase().collect::<String>() + c.as_str()
                }
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => String::new(),
            })
        }
        ("reverse", []) => Value::str(s.chars().rev().collect::<String>()),
        ("toString" | "intern", []) => Value::str(s),
        ("equalsIgnoreCase", [_]) => Value::Bool(s.to_lowercase() == arg_s(0)?.to_lowercase()),
        ("substring" | "subSequence", [a]) => substring(&s, number::to_i64(a).unwrap_or(0), None)?,
        ("substring" | "subSequence", [a, b]) => substring(
            &s,
            number::to_i64(a).unwrap_or(0),
            Some(number::to_i64(b).unwrap_or(0)),
        )?,
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
        ("repeat", [n]) => {
            let k = number::to_i64(n).unwrap_or(0);
            if k < 0 {
                return throw(
                    "java.lang.IllegalArgumentException",
                    format!("count is negative: {k}"),
                );
            }
            Value::str(s.repeat(k as usize))
        }
        ("plus", [v]) => Value::str(format!("{s}{}", i.to_s(v)?)),
        // `'a' << 'b'` starts a StringBuffer.
        ("leftShift", [v]) => crate::eval::value::Object::native(
            crate::eval::types::known("java.lang.StringBuffer"),
            crate::eval::value::Native::StringBuilder(format!("{s}{}", i.to_s(v)?)),
        ),
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
        ("findAll", [p]) if !matches!(p, Value::Closure(_)) => {
            let p = i.to_pattern(p)?;
            strs(
                p.find_all(&s)
                    .iter()
                    .filter_map(|g| g[0].map(|(a, b)| s[a..b].to_owned()))
                    .collect(),
            )
        }
        ("findAll", [c @ Value::Closure(_)]) => {
            // DefaultGroovyMethods.findAll(Object, Closure): the characters as a list.
            let mut out = Vec::new();
            for ch in s.chars() {
                let item = Value::str(ch.to_string());
                let keep = i.call_value(c, vec![item.clone()], crate::source::Span::default())?;
                if i.truth(&keep)? {
                    out.push(item);
                }
            }
            ListObj::array_list(out)
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
        ("format", [f, rest @ ..]) => Value::str(super::format::sprintf(i, f, rest)?),
        _ => return super::collection::string_as_list(i, &s, name, args),
    }))
}

/// `new String(x)`: a copy of a string, or the text of a `byte[]` (UTF-8) or `char[]`.
pub fn new_string<'a>(i: &Interp<'a>, v: &Value<'a>) -> Eval<'a> {
    if let Value::List(l) = v {
        match l.kind {
            ListKind::Array("byte") => {
                let bytes: Vec<u8> = l
                    .snapshot()
                    .iter()
                    .map(|b| number::to_i64(b).unwrap_or(0) as u8)
                    .collect();
                return Ok(Value::str(String::from_utf8_lossy(&bytes).into_owned()));
            }
            ListKind::Array("char") => {
                let mut out = String::new();
                for c in l.snapshot() {
                    out.push_str(&i.to_s(&c)?);
                }
                return Ok(Value::str(out));
            }
            _ => {}
        }
    }
    Ok(Value::str(i.to_s(v)?))
}

/// `substring(a)` / `substring(a, b)` with Java's bounds checks.
fn substring<'a>(s: &str, a: i64, b: Option<i64>) -> Eval<'a> {
    let n = s.chars().count() as i64;
    let b_val = b.unwrap_or(n);
    if a < 0 || b_val > n || a > b_val {
        return throw(
            "java.lang.StringIndexOutOfBoundsException",
            format!("begin {a}, end {b_val}, length {n}"),
        );
    }
    Ok(Value::str(
        &s[byte_at(s, a as usize)..byte_at(s, b_val as usize)],
    ))
}

/// Methods only a GString has: its literal parts and its values.
fn gstring_call<'a>(g: &GString<'a>, name: &str, args: &[Value<'a>]) -> Option<Value<'a>> {
    Some(match (name, args) {
        ("getValues", []) => {
            ListObj::of_kind(ListKind::Array("java.lang.Object"), g.values.clone())
        }
        ("getStrings", []) => ListObj::of_kind(
            ListKind::Array("java.lang.String"),
            g.strings.iter().map(|s| Value::Str(s.clone())).collect(),
        ),
        ("getValueCount", []) => Value::Int(g.values.len() as i32),
        _ => return None,
    })
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
                // Groovy takes `substring(k, k + 1)`.
                return throw(
                    "java.lang.StringIndexOutOfBoundsException",
                    format!("begin {k}, end {}, length {n}", k + 1),
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
