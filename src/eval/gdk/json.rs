//! `groovy.json`: `JsonOutput.toJson` / `prettyPrint` and `JsonSlurper` / `JsonSlurperClassic`
//! `parseText`, with the number types and map classes Groovy 2.4 gives.

use std::fmt::Write as _;

use super::Found;
use crate::eval::decimal::Decimal;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::types::is_instance;
use crate::eval::value::{ListObj, MapKind, MapObj, Native, Value};

/// `JsonOutput.toJson(value)`.
pub fn to_json<'a>(i: &Interp<'a>, v: &Value<'a>) -> Result<String, Signal<'a>> {
    let mut out = String::new();
    write_json(i, v, &mut out, 0)?;
    Ok(out)
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write_json<'a>(
    i: &Interp<'a>,
    v: &Value<'a>,
    out: &mut String,
    depth: usize,
) -> Result<(), Signal<'a>> {
    if depth > 200 {
        return throw("java.lang.StackOverflowError", "");
    }
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Str(_) | Value::GString(_) | Value::Char(_) => write_string(&i.to_s(v)?, out),
        Value::Double(d) if !d.is_finite() => {
            return throw(
                "groovy.json.JsonException",
                format!("Number {} can't be serialized as JSON", i.to_s(v)?),
            );
        }
        Value::Int(_)
        | Value::Long(_)
        | Value::Short(_)
        | Value::Byte(_)
        | Value::BigInt(_)
        | Value::Decimal(_)
        | Value::Double(_)
        | Value::Float(_) => out.push_str(&i.to_s(v)?),
        Value::List(_) | Value::Set(_) | Value::Range(_) => {
            out.push('[');
            for (n, item) in i.to_list(v)?.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_json(i, item, out, depth + 1)?;
            }
            out.push(']');
        }
        Value::Map(m) => {
            out.push('{');
            for (n, (k, val)) in super::map::iteration_order(m).iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_string(&i.to_s(k)?, out);
                out.push(':');
                write_json(i, val, out, depth + 1)?;
            }
            out.push('}');
        }
        Value::Closure(_) | Value::Class(_) => write_string(&i.to_s(v)?, out),
        Value::Object(o) => {
            let is_date = o
                .native
                .as_ref()
                .is_some_and(|n| matches!(&*n.lock(), Native::Date(_)));
            if is_date || is_instance(v, "java.lang.CharSequence") || o.native.is_some() {
                write_string(&i.to_s(v)?, out);
            } else {
                // A bean: its properties, sorted by name as Groovy's JsonOutput writes them.
                let props = i.invoke_method(
                    v,
                    "getProperties",
                    Vec::new(),
                    crate::source::Span::default(),
                )?;
                let mut entries = match &props {
                    Value::Map(m) => m.snapshot(),
                    _ => Vec::new(),
                };
                entries.retain(|(k, _)| !matches!(k, Value::Str(s) if &**s == "class" || &**s == "declaringClass" || &**s == "metaClass"));
                entries.sort_by_key(|(k, _)| crate::eval::text::display(k));
                out.push('{');
                for (n, (k, val)) in entries.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    write_string(&i.to_s(k)?, out);
                    out.push(':');
                    write_json(i, val, out, depth + 1)?;
                }
                out.push('}');
            }
        }
    }
    Ok(())
}

/// `JsonOutput.prettyPrint(text)`: four-space indentation, `"key": value`, tokens kept as
/// written.
pub fn pretty_print<'a>(text: &str) -> Result<String, Signal<'a>> {
    let mut out = String::new();
    let mut indent = 0usize;
    let mut chars = text.chars().peekable();
    let newline = |out: &mut String, indent: usize| {
        out.push('\n');
        out.push_str(&" ".repeat(indent * 4));
    };
    while let Some(c) = chars.next() {
        match c {
            '{' | '[' => {
                out.push(c);
                indent += 1;
                newline(&mut out, indent);
            }
            '}' | ']' => {
                indent = indent.saturating_sub(1);
                newline(&mut out, indent);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, indent);
            }
            ':' => out.push_str(": "),
            '"' => {
                out.push('"');
                while let Some(s) = chars.next() {
                    out.push(s);
                    if s == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if s == '"' {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    Ok(out)
}

struct Parser<'t> {
    text: &'t [char],
    pos: usize,
    classic: bool,
}

impl Parser<'_> {
    fn skip(&mut self) {
        while self.pos < self.text.len() && self.text[self.pos].is_whitespace() {
            self.pos += 1;
        }
    }

    fn error<'a, T>(&self, what: &str) -> Result<T, Signal<'a>> {
        throw(
            "groovy.json.JsonException",
            format!("Unable to parse JSON: {what} at index {}", self.pos),
        )
    }

    fn value<'a>(&mut self, depth: usize) -> Eval<'a> {
        self.skip();
        if depth > 500 {
            return self.error("nesting too deep");
        }
        let Some(&c) = self.text.get(self.pos) else {
            return self.error("unexpected end of input");
        };
        match c {
            '{' => {
                self.pos += 1;
                let mut entries = Vec::new();
                self.skip();
                if self.text.get(self.pos) == Some(&'}') {
                    self.pos += 1;
                } else {
                    loop {
                        self.skip();
                        let Value::Str(key) = self.value(depth + 1)? else {
                            return self.error("expected a string key");
                        };
                        self.skip();
                        if self.text.get(self.pos) != Some(&':') {
                            return self.error("expected ':'");
                        }
                        self.pos += 1;
                        let v = self.value(depth + 1)?;
                        entries.push((Value::Str(key), v));
                        self.skip();
                        match self.text.get(self.pos) {
                            Some(',') => self.pos += 1,
                            Some('}') => {
                                self.pos += 1;
                                break;
                            }
                            _ => return self.error("expected ',' or '}'"),
                        }
                    }
                }
                Ok(if self.classic {
                    MapObj::of_kind(MapKind::HashMap, entries)
                } else {
                    lazy_map(entries)
                })
            }
            '[' => {
                self.pos += 1;
                let mut items = Vec::new();
                self.skip();
                if self.text.get(self.pos) == Some(&']') {
                    self.pos += 1;
                } else {
                    loop {
                        items.push(self.value(depth + 1)?);
                        self.skip();
                        match self.text.get(self.pos) {
                            Some(',') => self.pos += 1,
                            Some(']') => {
                                self.pos += 1;
                                break;
                            }
                            _ => return self.error("expected ',' or ']'"),
                        }
                    }
                }
                Ok(ListObj::array_list(items))
            }
            '"' => {
                self.pos += 1;
                let mut s = String::new();
                loop {
                    let Some(&c) = self.text.get(self.pos) else {
                        return self.error("unterminated string");
                    };
                    self.pos += 1;
                    match c {
                        '"' => break,
                        '\\' => {
                            let Some(&e) = self.text.get(self.pos) else {
                                return self.error("unterminated string");
                            };
                            self.pos += 1;
                            match e {
                                'n' => s.push('\n'),
                                't' => s.push('\t'),
                                'r' => s.push('\r'),
                                'b' => s.push('\u{8}'),
                                'f' => s.push('\u{c}'),
                                'u' => {
                                    let hex: String = self
                                        .text
                                        .get(self.pos..self.pos + 4)
                                        .unwrap_or(&[])
                                        .iter()
                                        .collect();
                                    self.pos += 4;
                                    let Ok(code) = u32::from_str_radix(&hex, 16) else {
                                        return self.error("bad \\u escape");
                                    };
                                    s.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                                }
                                other => s.push(other),
                            }
                        }
                        c => s.push(c),
                    }
                }
                Ok(Value::str(s))
            }
            't' | 'f' | 'n' => {
                for (word, v) in [
                    ("true", Value::Bool(true)),
                    ("false", Value::Bool(false)),
                    ("null", Value::Null),
                ] {
                    let w: Vec<char> = word.chars().collect();
                    if self.text.get(self.pos..self.pos + w.len()) == Some(&w[..]) {
                        self.pos += w.len();
                        return Ok(v);
                    }
                }
                self.error("unexpected word")
            }
            '-' | '0'..='9' => {
                let start = self.pos;
                while self.pos < self.text.len()
                    && matches!(self.text[self.pos], '-' | '+' | '.' | 'e' | 'E' | '0'..='9')
                {
                    self.pos += 1;
                }
                let t: String = self.text[start..self.pos].iter().collect();
                if t.contains(['.', 'e', 'E']) {
                    return Decimal::parse(&t)
                        .map_or_else(|| self.error("bad number"), |d| Ok(number::dec(d)));
                }
                if let Ok(v) = t.parse::<i32>() {
                    return Ok(Value::Int(v));
                }
                if let Ok(v) = t.parse::<i64>() {
                    return Ok(Value::Long(v));
                }
                let Ok(b) = t.parse::<num_bigint::BigInt>() else {
                    return self.error("bad number");
                };
                if self.classic {
                    Ok(number::big(b))
                } else {
                    // JsonSlurper reads long integers into a long, overflowing as Java does.
                    Ok(Value::Long(number::to_i64(&number::big(b)).unwrap_or(0)))
                }
            }
            _ => self.error(&format!("unexpected character '{c}'")),
        }
    }
}

/// JsonSlurper's map: kept in key order, as Groovy 2.4's `LazyMap` iterates.
fn lazy_map<'a>(mut entries: Vec<(Value<'a>, Value<'a>)>) -> Value<'a> {
    entries.sort_by(|a, b| {
        crate::eval::ops::java_string_cmp(
            &crate::eval::text::display(&a.0),
            &crate::eval::text::display(&b.0),
        )
    });
    MapObj::of_kind(MapKind::LazyMap, entries)
}

/// `JsonSlurper().parseText(text)` (`classic`: `JsonSlurperClassic`).
pub fn parse<'a>(text: &str, classic: bool) -> Eval<'a> {
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser {
        text: &chars,
        pos: 0,
        classic,
    };
    let v = p.value(0)?;
    p.skip();
    if p.pos < chars.len() {
        return p.error("unexpected content after the JSON value");
    }
    Ok(v)
}

/// Static methods of `JsonOutput` and methods of slurper objects.
pub fn call<'a>(i: &Interp<'a>, class: &str, name: &str, args: &[Value<'a>]) -> Found<'a> {
    Ok(Some(match (class, name, args) {
        ("groovy.json.JsonOutput", "toJson", [v]) => Value::str(to_json(i, v)?),
        ("groovy.json.JsonOutput", "prettyPrint", [t]) => Value::str(pretty_print(&i.to_s(t)?)?),
        ("groovy.json.JsonSlurper" | "groovy.json.JsonSlurperClassic", "parseText", [t]) => {
            parse(&i.to_s(t)?, class.ends_with("Classic"))?
        }
        _ => return Ok(None),
    }))
}
