//! Finding elements in lists by Java's `equals` (`contains`, `indexOf`, `lastIndexOf`,
//! `remove(Object)`) or by a closure (`findIndexOf`, `findLastIndexOf`, `findIndexValues`,
//! `findResult`, `findResults`).

use super::{call_c, truth_of};
use crate::eval::error::Signal;
use crate::eval::gdk::Found;
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::types::Type;
use crate::eval::value::{Key, ListObj, Value};
use crate::source::Span;

/// Java's `a.equals(b)`: unlike Groovy's `==`, `1` and `1L` differ, as do `2` and `2.0` or
/// `0.5` and `0.50`; lists compare element by element, objects by their `equals` method.
pub fn java_equals<'a>(i: &Interp<'a>, a: &Value<'a>, b: &Value<'a>) -> Result<bool, Signal<'a>> {
    match (a, b) {
        (Value::Object(o), _) if matches!(&o.class, Type::User(c) if !c.find_methods("equals").is_empty()) =>
        {
            let r = i.invoke_method(a, "equals", vec![b.clone()], Span::default())?;
            i.truth(&r)
        }
        (Value::List(_) | Value::Range(_), Value::List(_) | Value::Range(_)) => {
            let (x, y) = (i.to_list(a)?, i.to_list(b)?);
            if x.len() != y.len() {
                return Ok(false);
            }
            for (p, q) in x.iter().zip(&y) {
                if !java_equals(i, p, q)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        _ => Ok(Key::of(a) == Key::of(b)),
    }
}

/// The positions of elements equal (by Java's `equals`) to `v`.
fn positions<'a>(
    i: &Interp<'a>,
    xs: &[Value<'a>],
    v: &Value<'a>,
) -> Result<Vec<usize>, Signal<'a>> {
    let mut out = Vec::new();
    for (k, x) in xs.iter().enumerate() {
        if java_equals(i, x, v)? {
            out.push(k);
        }
    }
    Ok(out)
}

fn start_at(v: &Value<'_>) -> usize {
    number::to_i64(v).unwrap_or(0).max(0) as usize
}

/// The methods of this module, on a list's or set's elements.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let items = || i.to_list(recv);
    Ok(Some(match (name, args) {
        ("contains", [v]) => Value::Bool(!positions(i, &items()?, v)?.is_empty()),
        ("indexOf", [v]) => Value::Int(
            positions(i, &items()?, v)?
                .first()
                .map_or(-1, |k| *k as i32),
        ),
        ("lastIndexOf", [v]) => {
            Value::Int(positions(i, &items()?, v)?.last().map_or(-1, |k| *k as i32))
        }
        ("findIndexOf", [from, c]) | ("findLastIndexOf", [from, c]) => {
            let from = start_at(from);
            let mut found = -1;
            for (k, x) in items()?.into_iter().enumerate().skip(from) {
                if truth_of(i, c, &x)? {
                    found = k as i32;
                    if name == "findIndexOf" {
                        break;
                    }
                }
            }
            Value::Int(found)
        }
        ("findLastIndexOf", [c]) => {
            let mut found = -1;
            for (k, x) in items()?.into_iter().enumerate() {
                if truth_of(i, c, &x)? {
                    found = k as i32;
                }
            }
            Value::Int(found)
        }
        ("findIndexValues", [c]) | ("findIndexValues", [_, c]) => {
            let from = args.first().filter(|_| args.len() == 2).map_or(0, start_at);
            let mut out = Vec::new();
            for (k, x) in items()?.into_iter().enumerate().skip(from) {
                if truth_of(i, c, &x)? {
                    out.push(Value::Int(k as i32));
                }
            }
            ListObj::array_list(out)
        }
        ("findResult", [default, c]) => {
            for x in items()? {
                let r = call_c(i, c, vec![x])?;
                if !r.is_null() {
                    return Ok(Some(r));
                }
            }
            default.clone()
        }
        ("findResults", [c]) => {
            let mut out = Vec::new();
            for x in items()? {
                let r = call_c(i, c, vec![x])?;
                if !r.is_null() {
                    out.push(r);
                }
            }
            ListObj::array_list(out)
        }
        _ => return Ok(None),
    }))
}
