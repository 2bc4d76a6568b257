//! Looking into strings: `indexOf` and friends, `startsWith`, `contains`, `count`, and the
//! regex searches `find`/`findAll` (with or without a closure), `takeWhile`/`dropWhile`.

use super::super::Found;
use crate::eval::error::Signal;
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::regex::{Groups, Pattern};
use crate::eval::value::{ListObj, Value};
use crate::source::Span;

fn char_index(s: &str, byte: usize) -> i32 {
    s[..byte].chars().count() as i32
}

fn byte_at(s: &str, chars: i64) -> usize {
    let chars = chars.max(0) as usize;
    s.char_indices().nth(chars).map_or(s.len(), |(b, _)| b)
}

fn found<'a>(s: &str, at: Option<usize>) -> Value<'a> {
    Value::Int(at.map_or(-1, |b| char_index(s, b)))
}

/// What a match gives a closure or iteration: the text, or the list of groups.
fn match_value<'a>(s: &str, p: &Pattern, g: &Groups) -> Value<'a> {
    let text = |x: &Option<(usize, usize)>| x.map_or(Value::Null, |(a, b)| Value::str(&s[a..b]));
    if p.group_count() == 0 {
        text(&g[0])
    } else {
        ListObj::array_list(g.iter().map(text).collect())
    }
}

/// `String` / `char` needle text of an `indexOf` argument.
fn needle<'a>(i: &Interp<'a>, v: &Value<'a>) -> Result<String, Signal<'a>> {
    match v {
        _ if number::is_number(v) => Ok(char::from_u32(number::to_i64(v).unwrap_or(0) as u32)
            .map(String::from)
            .unwrap_or_default()),
        _ => i.to_s(v),
    }
}

/// Search methods of a string.
pub fn call<'a>(i: &Interp<'a>, s: &str, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let arg_s = |n: usize| i.to_s(&args[n]);
    let int = |n: usize| number::to_i64(&args[n]).unwrap_or(0);
    let text = matches!(args.first(), Some(Value::Str(_) | Value::GString(_)));
    Ok(Some(match (name, args) {
        ("contains", [_]) if text => Value::Bool(s.contains(arg_s(0)?.as_str())),
        ("startsWith", [_]) if text => Value::Bool(s.starts_with(arg_s(0)?.as_str())),
        ("startsWith", [_, _]) if text => {
            let from = int(1);
            let n = s.chars().count() as i64;
            Value::Bool(from >= 0 && from <= n && s[byte_at(s, from)..].starts_with(&arg_s(0)?))
        }
        ("endsWith", [_]) if text => Value::Bool(s.ends_with(arg_s(0)?.as_str())),
        ("indexOf", [v]) => found(s, s.find(&needle(i, v)?)),
        ("indexOf", [v, _]) => {
            let from = byte_at(s, int(1));
            found(s, s[from..].find(&needle(i, v)?).map(|b| b + from))
        }
        ("lastIndexOf", [v]) => found(s, s.rfind(&needle(i, v)?)),
        ("lastIndexOf", [v, _]) => {
            let from = int(1);
            if from < 0 {
                return Ok(Some(Value::Int(-1)));
            }
            let sub = needle(i, v)?;
            // The match may start at `from` at the latest.
            let end = byte_at(s, from);
            let end = (end + sub.len()).min(s.len());
            let end = (0..=end)
                .rev()
                .find(|e| s.is_char_boundary(*e))
                .unwrap_or(0);
            found(s, s[..end].rfind(&sub))
        }
        ("count", [_]) if text => {
            let sub = arg_s(0)?;
            let mut n = 0;
            let mut from = 0;
            while let Some(at) = s.get(from..).and_then(|r| r.find(&sub)) {
                n += 1;
                let at = from + at;
                from = at + s[at..].chars().next().map_or(1, char::len_utf8);
            }
            Value::Int(n)
        }
        ("find", [p, c]) => {
            let p = i.to_pattern(p)?;
            match p.find_at(s, 0) {
                Some(g) => {
                    let r = i.call_value(c, vec![match_value(s, &p, &g)], Span::default())?;
                    if r.is_null() {
                        Value::Null
                    } else {
                        Value::str(i.to_s(&r)?)
                    }
                }
                None => Value::Null,
            }
        }
        ("findAll", [p, c]) => {
            let p = i.to_pattern(p)?;
            let mut out = Vec::new();
            for g in p.find_all(s) {
                out.push(i.call_value(c, vec![match_value(s, &p, &g)], Span::default())?);
            }
            ListObj::array_list(out)
        }
        ("takeWhile" | "dropWhile", [c]) => {
            let mut k = 0;
            for ch in s.chars() {
                let r = i.call_value(c, vec![Value::str(ch.to_string())], Span::default())?;
                if !i.truth(&r)? {
                    break;
                }
                k += ch.len_utf8();
            }
            Value::str(if name == "takeWhile" {
                &s[..k]
            } else {
                &s[k..]
            })
        }
        _ => return Ok(None),
    }))
}
