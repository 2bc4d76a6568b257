//! `java.io.StringReader`: a source of text for `Properties.load` and `XmlSlurper.parse`,
//! with `read()`, `readLines()`, `getText()` and `close()`.

use super::Found;
use crate::eval::interp::Interp;
use crate::eval::types::known;
use crate::eval::value::{ListObj, Native, Object, Value};

/// `new StringReader(text)`.
#[must_use]
pub fn new_string_reader<'a>(text: String) -> Value<'a> {
    Object::native(known("java.io.StringReader"), Native::Reader(text, 0))
}

/// Whether a value is a reader.
#[must_use]
pub fn is_reader(v: &Value<'_>) -> bool {
    matches!(v, Value::Object(o) if o.native.as_ref().is_some_and(|n| matches!(&*n.lock(), Native::Reader(..))))
}

/// Reads what is left of a reader (empty for anything else).
#[must_use]
pub fn read_all(v: &Value<'_>) -> String {
    let Value::Object(o) = v else {
        return String::new();
    };
    let Some(n) = &o.native else {
        return String::new();
    };
    match &mut *n.lock() {
        Native::Reader(text, pos) => {
            let rest = text.get(*pos..).unwrap_or("").to_owned();
            *pos = text.len();
            rest
        }
        _ => String::new(),
    }
}

/// Lines as `readLines()` splits them (`\n`, `\r\n` or `\r`; no empty last line).
#[must_use]
pub fn lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push(std::mem::take(&mut cur)),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(std::mem::take(&mut cur));
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Methods of a reader.
pub fn call<'a>(_i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    if !is_reader(recv) {
        return Ok(None);
    }
    Ok(Some(match (name, args) {
        ("getText", []) => Value::str(read_all(recv)),
        ("readLines", []) => {
            ListObj::array_list(lines(&read_all(recv)).into_iter().map(Value::str).collect())
        }
        ("close", []) => Value::Null,
        ("read", []) => {
            let Value::Object(o) = recv else {
                return Ok(None);
            };
            let Some(n) = &o.native else { return Ok(None) };
            match &mut *n.lock() {
                Native::Reader(text, pos) => {
                    match text.get(*pos..).and_then(|r| r.chars().next()) {
                        Some(c) => {
                            *pos += c.len_utf8();
                            Value::Int(c as i32)
                        }
                        None => Value::Int(-1),
                    }
                }
                _ => return Ok(None),
            }
        }
        _ => return Ok(None),
    }))
}
