//! List methods that build collections from others: `flatten`, `groupBy` with several
//! closures, `sum(initial, closure)`, `addAll(index, items)`, `clone`, and `putAt` with a
//! range (replacing a slice).

use super::call_c;
use crate::eval::error::{Signal, throw};
use crate::eval::gdk::Found;
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::value::{ListKind, ListObj, MapObj, SetKind, SetObj, Value};
use crate::syntax::ast::BinaryOp;

fn is_collection(v: &Value<'_>) -> bool {
    matches!(v, Value::List(_) | Value::Set(_))
}

/// Groovy's `flatten`, applying `using` to every leaf when given; a leaf the closure turns
/// into a collection is flattened too.
fn flatten<'a>(
    i: &Interp<'a>,
    xs: Vec<Value<'a>>,
    using: Option<&Value<'a>>,
    out: &mut Vec<Value<'a>>,
) -> Result<(), Signal<'a>> {
    for x in xs {
        if is_collection(&x) {
            flatten(i, i.to_list(&x)?, using, out)?;
            continue;
        }
        match using {
            Some(c) => {
                let r = call_c(i, c, vec![x.clone()])?;
                if is_collection(&r) && !r.same(&x) {
                    flatten(i, i.to_list(&r)?, using, out)?;
                } else {
                    out.push(r);
                }
            }
            None => out.push(x),
        }
    }
    Ok(())
}

/// `groupBy(c1, c2, ...)`: grouped by the first closure, each group grouped by the rest.
fn group_by<'a>(i: &Interp<'a>, xs: Vec<Value<'a>>, by: &[Value<'a>]) -> Found<'a> {
    let Some((first, rest)) = by.split_first() else {
        return Ok(Some(ListObj::array_list(xs)));
    };
    let list = ListObj::array_list(xs);
    let grouped = super::call(i, &list, "groupBy", std::slice::from_ref(first))?;
    if rest.is_empty() {
        return Ok(grouped);
    }
    let Some(Value::Map(m)) = grouped else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for (k, v) in m.snapshot() {
        let inner = group_by(i, i.to_list(&v)?, rest)?.unwrap_or(Value::Null);
        out.push((k, inner));
    }
    Ok(Some(MapObj::linked(out)))
}

/// The methods of this module, on a list's or set's elements.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let items = || i.to_list(recv);
    Ok(Some(match (name, args) {
        ("flatten", []) | ("flatten", [Value::Closure(_)]) => {
            let mut out = Vec::new();
            flatten(i, items()?, args.first(), &mut out)?;
            match recv {
                Value::Set(_) => SetObj::of_kind(SetKind::LinkedHashSet, out),
                _ => ListObj::array_list(out),
            }
        }
        ("groupBy", [Value::List(l)]) => return group_by(i, items()?, &l.snapshot()),
        ("groupBy", [_, _, ..]) if args.iter().all(|a| matches!(a, Value::Closure(_))) => {
            return group_by(i, items()?, args);
        }
        ("sum", [init, c @ Value::Closure(_)]) => {
            let mut acc = init.clone();
            for x in items()? {
                let v = call_c(i, c, vec![x])?;
                acc = i.binary(BinaryOp::Add, &acc, &v)?;
            }
            acc
        }
        ("addAll", [idx, vs]) if number::is_number(idx) => {
            super::check_mutable(recv, "add")?;
            let Value::List(l) = recv else {
                return Ok(None);
            };
            let add = i.to_list(vs)?;
            let mut xs = l.items.lock();
            let k = number::to_i64(idx).unwrap_or(0);
            if k < 0 || k as usize > xs.len() {
                let n = xs.len();
                drop(xs);
                return throw(
                    "java.lang.IndexOutOfBoundsException",
                    format!("Index: {k}, Size: {n}"),
                );
            }
            let changed = !add.is_empty();
            let k = k as usize;
            xs.splice(k..k, add);
            Value::Bool(changed)
        }
        ("clone", []) => match recv {
            Value::List(l) => ListObj::of_kind(
                match l.kind {
                    ListKind::Immutable | ListKind::FixedSize => ListKind::ArrayList,
                    k => k,
                },
                l.snapshot(),
            ),
            Value::Set(s) => SetObj::of_kind(s.kind, s.snapshot()),
            _ => return Ok(None),
        },
        ("putAt", [Value::Range(r), v]) => {
            super::check_mutable(recv, "set")?;
            let Value::List(l) = recv else {
                return Ok(None);
            };
            let n = l.items.lock().len() as i64;
            let (from, to, _) = crate::eval::gdk::range::bounds(i, r, n)?;
            let add = match v {
                Value::List(_) | Value::Set(_) => i.to_list(v)?,
                other => vec![other.clone()],
            };
            l.items.lock().splice(from..to, add);
            v.clone()
        }
        _ => return Ok(None),
    }))
}
