//! Methods on `java.util.regex.Pattern` and `Matcher`, and the regex replacements of String.

use std::sync::Arc;

use super::Found;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::regex::{MatcherState, Pattern};
use crate::eval::types::known;
use crate::eval::value::{ListObj, Native, Object, Value};
use crate::source::Span;

/// A new Matcher over `input`.
#[must_use]
pub fn new_matcher<'a>(p: Arc<Pattern>, input: String) -> Value<'a> {
    Object::native(
        known("java.util.regex.Matcher"),
        Native::Matcher(MatcherState::new(p, input)),
    )
}

/// The current match of a matcher as Groovy gives it in iteration: the text, or a list of the
/// groups when the pattern has groups.
pub fn current_match<'a>(m: &Value<'a>) -> Eval<'a> {
    let Value::Object(o) = m else {
        return Ok(Value::Null);
    };
    let Some(n) = &o.native else {
        return Ok(Value::Null);
    };
    let state = n.lock();
    let Native::Matcher(ms) = &*state else {
        return Ok(Value::Null);
    };
    Ok(match_value(ms))
}

fn match_value<'a>(ms: &MatcherState) -> Value<'a> {
    let count = ms.pattern.group_count();
    if count == 0 {
        return ms.group(0).flatten().map_or(Value::Null, Value::str);
    }
    ListObj::array_list(
        (0..=count)
            .map(|g| ms.group(g).flatten().map_or(Value::Null, Value::str))
            .collect(),
    )
}

fn groups_of<'a>(input: &str, p: &Pattern, g: &crate::eval::regex::Groups) -> Value<'a> {
    if p.group_count() == 0 {
        return g[0].map_or(Value::Null, |(a, b)| Value::str(&input[a..b]));
    }
    ListObj::array_list(
        g.iter()
            .map(|x| x.map_or(Value::Null, |(a, b)| Value::str(&input[a..b])))
            .collect(),
    )
}

/// `replaceAll`/`replaceFirst` with a pattern and a replacement string (`$1`) or closure.
pub fn replace<'a>(
    i: &Interp<'a>,
    s: &str,
    pattern: &Value<'a>,
    with: &Value<'a>,
    all: bool,
) -> Result<String, Signal<'a>> {
    let p = i.to_pattern(pattern)?;
    let mut out = String::new();
    let mut last = 0;
    let matches = if all {
        p.find_all(s)
    } else {
        p.find_at(s, 0).into_iter().collect()
    };
    for g in matches {
        let Some((a, b)) = g[0] else { continue };
        out.push_str(&s[last..a]);
        if let Value::Closure(_) = with {
            let arg = groups_of(s, &p, &g);
            let args = match &arg {
                Value::List(l) => {
                    let c_arity = if let Value::Closure(c) = with {
                        c.arity
                    } else {
                        1
                    };
                    if c_arity > 1 {
                        l.snapshot()
                    } else {
                        vec![arg.clone()]
                    }
                }
                _ => vec![arg.clone()],
            };
            let r = i.call_value(with, args, Span::default())?;
            out.push_str(&i.to_s(&r)?);
        } else {
            let rep = i.to_s(with)?;
            expand_replacement(&rep, s, &g, &p, &mut out)?;
        }
        last = b;
    }
    out.push_str(&s[last..]);
    Ok(out)
}

fn expand_replacement<'a>(
    rep: &str,
    s: &str,
    g: &crate::eval::regex::Groups,
    p: &Pattern,
    out: &mut String,
) -> Result<(), Signal<'a>> {
    let mut chars = rep.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '$' => {
                if chars.peek() == Some(&'{') {
                    chars.next();
                    let mut name = String::new();
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                        name.push(c);
                    }
                    let idx = p
                        .names
                        .iter()
                        .position(|n| n.as_deref() == Some(name.as_str()));
                    match idx {
                        Some(k) => {
                            if let Some(Some((a, b))) = g.get(k) {
                                out.push_str(&s[*a..*b]);
                            }
                        }
                        None => {
                            return throw(
                                "java.lang.IllegalArgumentException",
                                format!("No group with name {{{name}}}"),
                            );
                        }
                    }
                    continue;
                }
                let mut num = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    let candidate = format!("{num}{d}");
                    if !num.is_empty()
                        && candidate.parse::<usize>().unwrap_or(usize::MAX) > p.group_count()
                    {
                        break;
                    }
                    num.push(*d);
                    chars.next();
                }
                let Ok(k) = num.parse::<usize>() else {
                    return throw(
                        "java.lang.IllegalArgumentException",
                        "Illegal group reference",
                    );
                };
                if k > p.group_count() {
                    return throw(
                        "java.lang.IndexOutOfBoundsException",
                        format!("No group {k}"),
                    );
                }
                if let Some(Some((a, b))) = g.get(k) {
                    out.push_str(&s[*a..*b]);
                }
            }
            _ => out.push(c),
        }
    }
    Ok(())
}

/// Pattern and Matcher methods.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let Value::Object(o) = recv else {
        return Ok(None);
    };
    let Some(n) = &o.native else { return Ok(None) };
    let pattern = match &*n.lock() {
        Native::Pattern(p) => Some(p.clone()),
        _ => None,
    };
    if let Some(p) = pattern {
        return Ok(Some(match (name, args) {
            ("matcher", [s]) => new_matcher(p, i.to_s(s)?),
            ("pattern" | "toString", []) => Value::str(p.source.as_str()),
            ("flags", []) => Value::Int(p.flags),
            ("split", [s]) => {
                let s = i.to_s(s)?;
                let parts = super::string::java_split(i, &s, recv, 0)?;
                ListObj::of_kind(
                    crate::eval::value::ListKind::Array("java.lang.String"),
                    parts.into_iter().map(Value::str).collect(),
                )
            }
            ("isCase", [v]) => Value::Bool(i.is_case(recv, v)?),
            _ => return Ok(None),
        }));
    }
    let mut state = n.lock();
    let Native::Matcher(ms) = &mut *state else {
        return Ok(None);
    };
    Ok(Some(match (name, args) {
        ("find", []) => Value::Bool(ms.find()),
        ("matches", []) => Value::Bool(ms.matches()),
        ("reset", []) => {
            ms.reset();
            drop(state);
            return Ok(Some(recv.clone()));
        }
        ("lookingAt", []) => {
            let found = ms.pattern.find_at(&ms.input, 0);
            let ok = found
                .as_ref()
                .is_some_and(|g| g[0].is_some_and(|(a, _)| a == 0));
            if ok {
                ms.last = found;
            }
            Value::Bool(ok)
        }
        ("group", []) => {
            if let Some(g) = ms.group(0) {
                g.map_or(Value::Null, Value::str)
            } else {
                drop(state);
                return throw("java.lang.IllegalStateException", "No match found");
            }
        }
        ("group", [k]) => {
            let idx = match k {
                Value::Str(_) | Value::GString(_) => {
                    let name = crate::eval::text::display(k);
                    if let Some(x) = ms
                        .pattern
                        .names
                        .iter()
                        .position(|n| n.as_deref() == Some(name.as_str()))
                    {
                        x
                    } else {
                        drop(state);
                        return throw(
                            "java.lang.IllegalArgumentException",
                            format!("No group with name <{name}>"),
                        );
                    }
                }
                _ => number::to_i64(k).unwrap_or(0) as usize,
            };
            if idx > ms.pattern.group_count() {
                drop(state);
                return throw(
                    "java.lang.IndexOutOfBoundsException",
                    format!("No group {idx}"),
                );
            }
            if let Some(g) = ms.group(idx) {
                g.map_or(Value::Null, Value::str)
            } else {
                drop(state);
                return throw("java.lang.IllegalStateException", "No match found");
            }
        }
        ("groupCount", []) => Value::Int(ms.pattern.group_count() as i32),
        ("start", []) => ms
            .last
            .as_ref()
            .and_then(|g| g[0])
            .map_or(Value::Int(-1), |(a, _)| {
                Value::Int(ms.input[..a].chars().count() as i32)
            }),
        ("end", []) => ms
            .last
            .as_ref()
            .and_then(|g| g[0])
            .map_or(Value::Int(-1), |(_, b)| {
                Value::Int(ms.input[..b].chars().count() as i32)
            }),
        ("getCount" | "size", []) => Value::Int(ms.pattern.find_all(&ms.input).len() as i32),
        ("getAt", [k]) => {
            let all = ms.pattern.find_all(&ms.input);
            let n = all.len() as i64;
            let mut idx = number::to_i64(k).unwrap_or(0);
            if idx < 0 {
                idx += n;
            }
            if idx < 0 || idx >= n {
                drop(state);
                return throw(
                    "java.lang.IndexOutOfBoundsException",
                    format!(
                        "index is out of range {}..{} (index = {})",
                        -n,
                        n - 1,
                        number::to_i64(k).unwrap_or(0)
                    ),
                );
            }
            groups_of(&ms.input, &ms.pattern, &all[idx as usize])
        }
        ("hasGroup", []) => Value::Bool(ms.pattern.group_count() > 0),
        ("replaceAll", [r]) => {
            let (input, p) = (ms.input.clone(), ms.pattern.clone());
            drop(state);
            let pv = Object::native(known("java.util.regex.Pattern"), Native::Pattern(p));
            return Ok(Some(Value::str(replace(i, &input, &pv, r, true)?)));
        }
        ("replaceFirst", [r]) => {
            let (input, p) = (ms.input.clone(), ms.pattern.clone());
            drop(state);
            let pv = Object::native(known("java.util.regex.Pattern"), Native::Pattern(p));
            return Ok(Some(Value::str(replace(i, &input, &pv, r, false)?)));
        }
        (
            "each" | "collect" | "findAll" | "find" | "any" | "every" | "toList" | "eachWithIndex",
            _,
        ) => {
            let all: Vec<Value<'a>> = ms
                .pattern
                .find_all(&ms.input)
                .iter()
                .map(|g| groups_of(&ms.input, &ms.pattern, g))
                .collect();
            drop(state);
            let list = ListObj::array_list(all);
            return super::collection::call(i, &list, name, args);
        }
        ("asBoolean", []) => Value::Bool(ms.find()),
        _ => return Ok(None),
    }))
}

/// Java's `Pattern.quote`: the text matched literally.
fn quote(s: &str) -> String {
    let mut out = String::from("\\Q");
    let mut rest = s;
    while let Some(k) = rest.find("\\E") {
        out.push_str(&rest[..k]);
        out.push_str("\\E\\\\E\\Q");
        rest = &rest[k + 2..];
    }
    out.push_str(rest);
    out.push_str("\\E");
    out
}

/// Static methods of `Pattern` and `Matcher` (`Pattern.compile`, `Pattern.quote`,
/// `Matcher.quoteReplacement`...); `simple` is the class's simple name.
pub fn static_call<'a>(i: &Interp<'a>, simple: &str, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let compile = |source: &Value<'a>, flags: i32| -> Eval<'a> {
        let source = i.to_s(source)?;
        match Pattern::compile(&source, flags) {
            Ok(p) => Ok(Object::native(
                known("java.util.regex.Pattern"),
                Native::Pattern(p),
            )),
            Err(m) => throw("java.util.regex.PatternSyntaxException", m),
        }
    };
    Ok(Some(match (simple, name, args) {
        ("Pattern", "compile", [s]) => compile(s, 0)?,
        ("Pattern", "compile", [s, f]) => compile(s, number::to_i32(f).unwrap_or(0))?,
        ("Pattern", "quote", [s]) => Value::str(quote(&i.to_s(s)?)),
        ("Pattern", "matches", [p, s]) => {
            let p = i.to_pattern(&compile(p, 0)?)?;
            Value::Bool(p.matches_whole(&i.to_s(s)?).is_some())
        }
        ("Matcher", "quoteReplacement", [s]) => {
            let s = i.to_s(s)?;
            let mut out = String::with_capacity(s.len());
            for c in s.chars() {
                if c == '\\' || c == '$' {
                    out.push('\\');
                }
                out.push(c);
            }
            Value::str(out)
        }
        _ => return Ok(None),
    }))
}
