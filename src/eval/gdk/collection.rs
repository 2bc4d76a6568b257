//! Methods on lists and sets (`java.util.List`, `java.util.Set` and Groovy's collection
//! methods), and Java's hashing for HashSet order and `hashCode()`.

use std::cmp::Ordering;
use std::sync::Arc;

use super::Found;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::value::{Key, ListKind, ListObj, MapObj, MapView, SetKind, SetObj, Value};
use crate::source::Span;

mod building;
pub mod search;
mod slices;

/// Method names lists answer to.
pub const NAMES: &[&str] = &[
    "size",
    "isEmpty",
    "add",
    "addAll",
    "remove",
    "get",
    "getAt",
    "putAt",
    "contains",
    "each",
    "eachWithIndex",
    "collect",
    "collectEntries",
    "collectMany",
    "findAll",
    "find",
    "findIndexOf",
    "any",
    "every",
    "inject",
    "sum",
    "max",
    "min",
    "sort",
    "unique",
    "reverse",
    "join",
    "flatten",
    "first",
    "last",
    "head",
    "tail",
    "take",
    "drop",
    "plus",
    "minus",
    "leftShift",
    "multiply",
    "indexOf",
    "toSet",
    "toList",
    "groupBy",
    "count",
    "countBy",
    "intersect",
    "subList",
    "withIndex",
    "indexed",
    "transpose",
    "combinations",
    "disjoint",
    "clear",
    "push",
    "pop",
];

/// A set's elements in Java's iteration order.
#[must_use]
pub fn iteration_order<'a>(s: &SetObj<'a>) -> Vec<Value<'a>> {
    refresh_view(s);
    s.snapshot()
}

/// Refills a map's `keySet()` or `entrySet()` from the map.
pub fn refresh_view(s: &SetObj<'_>) {
    let Some((map, view)) = &s.view_of else {
        return;
    };
    let items = match view {
        MapView::Keys => super::map::iteration_order(map)
            .into_iter()
            .map(|(k, _)| k)
            .collect(),
        MapView::Entries => super::map::entries(map),
    };
    *s.items.lock() = items.into_iter().map(|v| (Key::of(&v), v)).collect();
}

/// A new TreeSet (sorted, duplicates by comparison removed).
pub fn tree_set<'a>(i: &Interp<'a>, items: Vec<Value<'a>>) -> Eval<'a> {
    let mut sorted = sort_values(i, items, None)?;
    let mut out: Vec<Value<'a>> = Vec::new();
    for v in sorted.drain(..) {
        if let Some(last) = out.last() {
            if i.compare(last, &v)? == Ordering::Equal {
                continue;
            }
        }
        out.push(v);
    }
    Ok(SetObj::of_kind(SetKind::TreeSet, out))
}

/// Java's `hashCode()` of a value.
pub fn java_hash<'a>(i: &Interp<'a>, v: &Value<'a>) -> Result<i32, Signal<'a>> {
    Ok(match v {
        Value::Null => 0,
        Value::Bool(b) => {
            if *b {
                1231
            } else {
                1237
            }
        }
        Value::Int(x) => *x,
        Value::Short(x) => i32::from(*x),
        Value::Byte(x) => i32::from(*x),
        Value::Char(c) => *c as i32,
        Value::Long(x) => (*x ^ ((*x as u64) >> 32) as i64) as i32,
        Value::Double(d) => {
            let bits = if *d == 0.0 && d.is_sign_positive() {
                0
            } else {
                d.to_bits()
            };
            (bits ^ (bits >> 32)) as i32
        }
        Value::Str(_) | Value::GString(_) => {
            let s = i.to_s(v)?;
            let mut h: i32 = 0;
            for u in s.encode_utf16() {
                h = h.wrapping_mul(31).wrapping_add(i32::from(u));
            }
            // GString.hashCode is `37 + toString().hashCode()`.
            if matches!(v, Value::GString(_)) {
                h.wrapping_add(37)
            } else {
                h
            }
        }
        Value::List(_) => {
            let mut h: i32 = 1;
            for x in i.to_list(v)? {
                h = h.wrapping_mul(31).wrapping_add(java_hash(i, &x)?);
            }
            h
        }
        Value::Object(o) => {
            if let crate::eval::types::Type::User(c) = &o.class {
                if !c.find_methods("hashCode").is_empty() {
                    let r = i.invoke_method(v, "hashCode", Vec::new(), Span::default())?;
                    return Ok(number::to_i64(&r).unwrap_or(0) as i32);
                }
            }
            (Arc::as_ptr(o).cast::<()>() as usize >> 4) as i32 & 0x7fff_ffff
        }
        _ => {
            let k = Key::of(v);
            let text = format!("{k:?}");
            let mut h: i32 = 0;
            for b in text.bytes() {
                h = h.wrapping_mul(31).wrapping_add(i32::from(b));
            }
            h
        }
    })
}

/// Sorts values by Groovy's comparison, or with a comparator closure (two parameters) or a key
/// closure (one).
pub fn sort_values<'a>(
    i: &Interp<'a>,
    items: Vec<Value<'a>>,
    by: Option<&Value<'a>>,
) -> Result<Vec<Value<'a>>, Signal<'a>> {
    let mut err: Option<Signal<'a>> = None;
    let mut keyed: Vec<(Value<'a>, Value<'a>)> = Vec::with_capacity(items.len());
    let two_args = matches!(by, Some(Value::Closure(c)) if c.arity == 2);
    for v in items {
        let k = match by {
            Some(c) if !two_args => i.call_value(c, vec![v.clone()], Span::default())?,
            _ => v.clone(),
        };
        keyed.push((k, v));
    }
    // Stable merge sort, as Java's.
    keyed.sort_by(|a, b| {
        if err.is_some() {
            return Ordering::Equal;
        }
        let r = if two_args {
            let c = by.cloned().unwrap_or(Value::Null);
            i.call_value(&c, vec![a.1.clone(), b.1.clone()], Span::default())
                .map(|v| number::to_i64(&v).unwrap_or(0).cmp(&0))
        } else {
            // Groovy's NumberAwareComparator: values that cannot be compared are ordered by
            // their hash codes.
            i.compare(&a.0, &b.0)
                .or_else(|_| Ok(java_hash(i, &a.0)?.cmp(&java_hash(i, &b.0)?)))
        };
        r.unwrap_or_else(|e| {
            err = Some(e);
            Ordering::Equal
        })
    });
    if let Some(e) = err {
        return Err(e);
    }
    Ok(keyed.into_iter().map(|(_, v)| v).collect())
}

fn call_c<'a>(i: &Interp<'a>, c: &Value<'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    i.call_value(c, args, Span::default())
}

fn truth_of<'a>(i: &Interp<'a>, c: &Value<'a>, v: &Value<'a>) -> Result<bool, Signal<'a>> {
    let r = call_c(i, c, vec![v.clone()])?;
    i.truth(&r)
}

fn check_mutable<'a>(recv: &Value<'a>, method: &str) -> Result<(), Signal<'a>> {
    match recv {
        Value::List(l) if matches!(l.kind, ListKind::Immutable) => {
            crate::eval::error::throw_bare("java.lang.UnsupportedOperationException")
        }
        Value::List(l)
            if matches!(l.kind, ListKind::FixedSize | ListKind::Array(_)) && method != "set" =>
        {
            crate::eval::error::throw_bare("java.lang.UnsupportedOperationException")
        }
        Value::Set(s) if s.kind == SetKind::Immutable => {
            crate::eval::error::throw_bare("java.lang.UnsupportedOperationException")
        }
        _ => Ok(()),
    }
}

/// `Collection.add`: whether the collection changed (a set already holding the value does not).
#[must_use]
pub fn add<'a>(recv: &Value<'a>, v: Value<'a>) -> bool {
    match recv {
        Value::List(l) => {
            l.items.lock().push(v);
            true
        }
        Value::Set(s) => {
            let mut items = s.items.lock();
            let key = Key::of(&v);
            if items.contains_key(&key) {
                false
            } else {
                items.insert(key, v);
                true
            }
        }
        _ => false,
    }
}

fn same_kind<'a>(recv: &Value<'a>, items: Vec<Value<'a>>) -> Value<'a> {
    match recv {
        Value::Set(s) => SetObj::of_kind(
            if s.kind == SetKind::Immutable {
                SetKind::LinkedHashSet
            } else {
                s.kind
            },
            items,
        ),
        _ => ListObj::array_list(items),
    }
}

fn index_of(n: usize, k: i64) -> Option<usize> {
    let k = if k < 0 { k + n as i64 } else { k };
    usize::try_from(k).ok().filter(|k| *k < n)
}

/// Methods of strings that Groovy gives them as sequences of characters.
pub fn string_as_list<'a>(i: &Interp<'a>, s: &str, name: &str, args: &[Value<'a>]) -> Found<'a> {
    match name {
        "collect" | "findAll" | "find" | "any" | "every" | "eachWithIndex" | "inject" | "count"
        | "sort" | "unique" | "first" | "last" | "take" | "drop" | "toSet" | "withIndex"
        | "groupBy" | "countBy" | "findIndexOf" | "collectEntries" | "max" | "min" => {
            let list = ListObj::array_list(s.chars().map(|c| Value::str(c.to_string())).collect());
            let r = call(i, &list, name, args)?;
            Ok(match (name, r) {
                ("take" | "drop", Some(Value::List(l))) => {
                    let text: String = l
                        .snapshot()
                        .iter()
                        .map(crate::eval::text::display)
                        .collect();
                    Some(Value::str(text))
                }
                ("findAll", Some(Value::List(l))) => {
                    let text: String = l
                        .snapshot()
                        .iter()
                        .map(crate::eval::text::display)
                        .collect();
                    Some(Value::str(text))
                }
                (_, r) => r,
            })
        }
        _ => Ok(None),
    }
}

/// List and set methods.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    if let Value::Set(s) = recv {
        if let Some((map, _)) = &s.view_of {
            return view_call(i, recv, s, map, name, args);
        }
    }
    any_call(i, recv, name, args)
}

/// A method of a map's `keySet()` or `entrySet()`: adding is unsupported, and what is removed
/// from the set is removed from the map.
fn view_call<'a>(
    i: &Interp<'a>,
    recv: &Value<'a>,
    set: &SetObj<'a>,
    map: &Arc<MapObj<'a>>,
    name: &str,
    args: &[Value<'a>],
) -> Found<'a> {
    if matches!(name, "add" | "addAll" | "leftShift") {
        return crate::eval::error::throw_bare("java.lang.UnsupportedOperationException");
    }
    let before = iteration_order(set);
    let found = any_call(i, recv, name, args)?;
    if matches!(
        name,
        "remove" | "removeAll" | "retainAll" | "removeIf" | "clear"
    ) {
        let map_key = |v: Value<'a>| Key::of(&super::map::entry_key(&v).unwrap_or(v));
        let after: std::collections::HashSet<Key> =
            set.snapshot().into_iter().map(map_key).collect();
        let mut entries = map.entries.lock();
        for v in before {
            let key = map_key(v);
            if !after.contains(&key) {
                entries.shift_remove(&key);
            }
        }
    }
    Ok(found)
}

fn any_call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    if let Some(v) = slices::call(i, recv, name, args)? {
        return Ok(Some(v));
    }
    if let Some(v) = search::call(i, recv, name, args)? {
        return Ok(Some(v));
    }
    if let Some(v) = building::call(i, recv, name, args)? {
        return Ok(Some(v));
    }
    let items = || i.to_list(recv);
    Ok(Some(match (name, args) {
        ("size", []) => Value::Int(items()?.len() as i32),
        ("isEmpty", []) => Value::Bool(items()?.is_empty()),
        ("add" | "leftShift", [v]) => {
            check_mutable(recv, "add")?;
            let changed = add(recv, v.clone());
            if name == "leftShift" {
                recv.clone()
            } else {
                Value::Bool(changed)
            }
        }
        ("add", [idx, v]) => {
            check_mutable(recv, "add")?;
            if let Value::List(l) = recv {
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
                xs.insert(k as usize, v.clone());
            }
            Value::Null
        }
        ("addAll", [vs]) => {
            check_mutable(recv, "add")?;
            let mut changed = false;
            for v in i.to_list(vs)? {
                changed |= add(recv, v);
            }
            Value::Bool(changed)
        }
        ("clear", []) => {
            check_mutable(recv, "remove")?;
            match recv {
                Value::List(l) => l.items.lock().clear(),
                Value::Set(s) => s.items.lock().clear(),
                _ => {}
            }
            Value::Null
        }
        ("remove" | "removeAt" | "removeElement", [v])
            if name != "removeAt" || matches!(recv, Value::List(_)) =>
        {
            check_mutable(recv, "remove")?;
            let by_index = name == "removeAt" || (name == "remove" && matches!(v, Value::Int(_)));
            match recv {
                Value::List(l) if by_index => {
                    let mut xs = l.items.lock();
                    let k = number::to_i64(v).unwrap_or(0);
                    if k < 0 || k as usize >= xs.len() {
                        let n = xs.len();
                        drop(xs);
                        return throw(
                            "java.lang.IndexOutOfBoundsException",
                            format!("Index {k} out of bounds for length {n}"),
                        );
                    }
                    xs.remove(k as usize)
                }
                Value::List(l) => {
                    let snapshot = l.snapshot();
                    let mut found = None;
                    for (k, x) in snapshot.iter().enumerate() {
                        if i.equals(x, v)? {
                            found = Some(k);
                            break;
                        }
                    }
                    if let Some(k) = found {
                        l.items.lock().remove(k);
                    }
                    Value::Bool(found.is_some())
                }
                Value::Set(s) => Value::Bool(s.items.lock().shift_remove(&Key::of(v)).is_some()),
                _ => Value::Null,
            }
        }
        ("get", [idx]) => {
            let xs = items()?;
            let k = number::to_i64(idx).unwrap_or(0);
            if k < 0 || k as usize >= xs.len() {
                return throw(
                    "java.lang.IndexOutOfBoundsException",
                    format!("Index {k} out of bounds for length {}", xs.len()),
                );
            }
            xs[k as usize].clone()
        }
        ("getAt", [idx]) => return get_at(i, recv, idx).map(Some),
        ("putAt" | "set", [idx, v]) => {
            check_mutable(recv, "set")?;
            if let Value::List(l) = recv {
                let mut xs = l.items.lock();
                let n = xs.len();
                let mut k = number::to_i64(idx).unwrap_or(0);
                if k < 0 {
                    k += n as i64;
                    if k < 0 {
                        drop(xs);
                        return throw(
                            "java.lang.ArrayIndexOutOfBoundsException",
                            format!(
                                "Negative array index [{}] too large for array size {n}",
                                k - n as i64
                            ),
                        );
                    }
                }
                let k = k as usize;
                if k >= n {
                    if matches!(l.kind, ListKind::Array(_)) {
                        drop(xs);
                        return throw(
                            "java.lang.ArrayIndexOutOfBoundsException",
                            format!("Index {k} out of bounds for length {n}"),
                        );
                    }
                    xs.resize(k + 1, Value::Null);
                }
                let old = std::mem::replace(&mut xs[k], v.clone());
                return Ok(Some(if name == "set" { old } else { v.clone() }));
            }
            Value::Null
        }
        ("containsAll", [vs]) => {
            let xs = items()?;
            let mut all = true;
            for v in i.to_list(vs)? {
                let mut found = false;
                for x in &xs {
                    if i.equals(x, &v)? {
                        found = true;
                        break;
                    }
                }
                all &= found;
            }
            Value::Bool(all)
        }
        ("each", [c]) => {
            let mut it = i.iterate(recv)?;
            while let Some(x) = it.next(i)? {
                call_c(i, c, vec![x])?;
            }
            recv.clone()
        }
        ("eachWithIndex", [c]) => {
            for (k, x) in items()?.into_iter().enumerate() {
                call_c(i, c, vec![x, Value::Int(k as i32)])?;
            }
            recv.clone()
        }
        ("reverseEach", [c]) => {
            for x in items()?.into_iter().rev() {
                call_c(i, c, vec![x])?;
            }
            recv.clone()
        }
        ("collect", []) => ListObj::array_list(items()?),
        ("collect", [c]) => {
            let mut out = Vec::new();
            for x in items()? {
                out.push(call_c(i, c, vec![x])?);
            }
            ListObj::array_list(out)
        }
        ("collectMany", [c]) => {
            let mut out = Vec::new();
            for x in items()? {
                let r = call_c(i, c, vec![x])?;
                out.extend(i.to_list(&r)?);
            }
            ListObj::array_list(out)
        }
        ("collectEntries", []) | ("collectEntries", [_]) => {
            let mut out = Vec::new();
            for x in items()? {
                let r = match args.first() {
                    Some(c) => call_c(i, c, vec![x])?,
                    None => x,
                };
                match &r {
                    Value::Map(m) => out.extend(m.snapshot()),
                    Value::List(l) => {
                        let kv = l.snapshot();
                        out.push((
                            kv.first().cloned().unwrap_or(Value::Null),
                            kv.get(1).cloned().unwrap_or(Value::Null),
                        ));
                    }
                    _ => {}
                }
            }
            MapObj::linked(out)
        }
        ("findAll", []) => {
            let mut out = Vec::new();
            for x in items()? {
                if i.truth(&x)? {
                    out.push(x);
                }
            }
            same_kind(recv, out)
        }
        ("findAll", [c]) => {
            let mut out = Vec::new();
            for x in items()? {
                if truth_of(i, c, &x)? {
                    out.push(x);
                }
            }
            same_kind(recv, out)
        }
        ("find", [c]) => {
            for x in items()? {
                if truth_of(i, c, &x)? {
                    return Ok(Some(x));
                }
            }
            Value::Null
        }
        ("find", []) => {
            for x in items()? {
                if i.truth(&x)? {
                    return Ok(Some(x));
                }
            }
            Value::Null
        }
        ("findIndexOf", [c]) => {
            for (k, x) in items()?.into_iter().enumerate() {
                if truth_of(i, c, &x)? {
                    return Ok(Some(Value::Int(k as i32)));
                }
            }
            Value::Int(-1)
        }
        ("findResult", [c]) => {
            for x in items()? {
                let r = call_c(i, c, vec![x])?;
                if !r.is_null() {
                    return Ok(Some(r));
                }
            }
            Value::Null
        }
        ("any", [c]) => {
            for x in items()? {
                if truth_of(i, c, &x)? {
                    return Ok(Some(Value::Bool(true)));
                }
            }
            Value::Bool(false)
        }
        ("any", []) => {
            for x in items()? {
                if i.truth(&x)? {
                    return Ok(Some(Value::Bool(true)));
                }
            }
            Value::Bool(false)
        }
        ("every", [c]) => {
            for x in items()? {
                if !truth_of(i, c, &x)? {
                    return Ok(Some(Value::Bool(false)));
                }
            }
            Value::Bool(true)
        }
        ("every", []) => {
            for x in items()? {
                if !i.truth(&x)? {
                    return Ok(Some(Value::Bool(false)));
                }
            }
            Value::Bool(true)
        }
        ("inject", [c]) => {
            let xs = items()?;
            let mut it = xs.into_iter();
            let Some(mut acc) = it.next() else {
                return throw(
                    "java.util.NoSuchElementException",
                    "Cannot call inject() on an empty collection without passing an initial value.",
                );
            };
            for x in it {
                acc = call_c(i, c, vec![acc, x])?;
            }
            acc
        }
        ("inject", [init, c]) => {
            let mut acc = init.clone();
            for x in items()? {
                acc = call_c(i, c, vec![acc, x])?;
            }
            acc
        }
        ("sum", []) => {
            let xs = items()?;
            let mut it = xs.into_iter();
            let Some(mut acc) = it.next() else {
                return Ok(Some(Value::Null));
            };
            for x in it {
                acc = i.binary(crate::syntax::ast::BinaryOp::Add, &acc, &x)?;
            }
            acc
        }
        ("sum", [c @ Value::Closure(_)]) => {
            let mut acc: Option<Value<'a>> = None;
            for x in items()? {
                let v = call_c(i, c, vec![x])?;
                acc = Some(match acc {
                    None => v,
                    Some(a) => i.binary(crate::syntax::ast::BinaryOp::Add, &a, &v)?,
                });
            }
            acc.unwrap_or(Value::Null)
        }
        ("sum", [init]) => {
            let mut acc = init.clone();
            for x in items()? {
                acc = i.binary(crate::syntax::ast::BinaryOp::Add, &acc, &x)?;
            }
            acc
        }
        ("max" | "min", []) | ("max" | "min", [_]) => {
            let xs = items()?;
            if xs.is_empty() {
                return Ok(Some(Value::Null));
            }
            let sorted = sort_values(i, xs, args.first())?;
            if name == "max" {
                // The first of equal maxima, as Groovy keeps it.
                let last = sorted.last().cloned().unwrap_or(Value::Null);
                let mut pick = last.clone();
                for v in &sorted {
                    let key_eq = match args.first() {
                        Some(c) if matches!(c, Value::Closure(cl) if cl.arity != 2) => {
                            let a = call_c(i, c, vec![v.clone()])?;
                            let b = call_c(i, c, vec![last.clone()])?;
                            i.compare(&a, &b)? == Ordering::Equal
                        }
                        _ => false,
                    };
                    if key_eq {
                        pick = v.clone();
                        break;
                    }
                }
                pick
            } else {
                sorted.first().cloned().unwrap_or(Value::Null)
            }
        }
        ("sort", []) | ("sort", [_]) | ("sort", [_, _]) => {
            let (mutate, by) = match args {
                [Value::Bool(m)] => (*m, None),
                [Value::Bool(m), c] => (*m, Some(c)),
                [c] => (true, Some(c)),
                _ => (true, None),
            };
            let sorted = sort_values(i, items()?, by)?;
            if mutate {
                if let Value::List(l) = recv {
                    *l.items.lock() = sorted;
                    return Ok(Some(recv.clone()));
                }
            }
            ListObj::array_list(sorted)
        }
        ("toSorted", []) | ("toSorted", [_]) => {
            ListObj::array_list(sort_values(i, items()?, args.first())?)
        }
        ("unique", []) | ("unique", [_]) | ("unique", [_, _]) => {
            let (mutate, by) = match args {
                [Value::Bool(m)] => (*m, None),
                [Value::Bool(m), c] => (*m, Some(c)),
                [c] => (true, Some(c)),
                _ => (true, None),
            };
            let mut out: Vec<Value<'a>> = Vec::new();
            for x in items()? {
                let mut dup = false;
                for y in &out {
                    let same = match by {
                        Some(c @ Value::Closure(cl)) if cl.arity == 2 => {
                            let r = call_c(i, c, vec![x.clone(), y.clone()])?;
                            number::to_i64(&r) == Some(0)
                        }
                        Some(c) => {
                            let a = call_c(i, c, vec![x.clone()])?;
                            let b = call_c(i, c, vec![y.clone()])?;
                            i.equals(&a, &b)?
                        }
                        None => i
                            .compare(&x, y)
                            .map(|o| o == Ordering::Equal)
                            .or_else(|_| i.equals(&x, y))?,
                    };
                    if same {
                        dup = true;
                        break;
                    }
                }
                if !dup {
                    out.push(x);
                }
            }
            if mutate {
                if let Value::List(l) = recv {
                    *l.items.lock() = out;
                    return Ok(Some(recv.clone()));
                }
            }
            ListObj::array_list(out)
        }
        ("reverse", []) => {
            let mut xs = items()?;
            xs.reverse();
            ListObj::array_list(xs)
        }
        ("join", []) | ("join", [_]) => {
            let sep = match args.first() {
                Some(s) => i.to_s(s)?,
                None => String::new(),
            };
            let mut parts = Vec::new();
            for x in items()? {
                parts.push(i.to_s(&x)?);
            }
            Value::str(parts.join(&sep))
        }
        ("flatten", []) => {
            fn flat<'a>(
                i: &Interp<'a>,
                v: Vec<Value<'a>>,
                out: &mut Vec<Value<'a>>,
            ) -> Result<(), Signal<'a>> {
                for x in v {
                    match &x {
                        Value::List(_) | Value::Set(_) => flat(i, i.to_list(&x)?, out)?,
                        _ => out.push(x),
                    }
                }
                Ok(())
            }
            let mut out = Vec::new();
            flat(i, items()?, &mut out)?;
            same_kind(recv, out)
        }
        ("first" | "head", []) => {
            let xs = items()?;
            match xs.first() {
                Some(x) => x.clone(),
                None => {
                    return throw(
                        "java.util.NoSuchElementException",
                        "Cannot access first() element from an empty List",
                    );
                }
            }
        }
        ("last", []) => {
            let xs = items()?;
            match xs.last() {
                Some(x) => x.clone(),
                None => {
                    return throw(
                        "java.util.NoSuchElementException",
                        "Cannot access last() element from an empty List",
                    );
                }
            }
        }
        ("tail", []) => {
            let xs = items()?;
            if xs.is_empty() {
                return throw(
                    "java.util.NoSuchElementException",
                    "Cannot access tail() for an empty List",
                );
            }
            ListObj::array_list(xs[1..].to_vec())
        }
        ("init", []) => {
            let xs = items()?;
            if xs.is_empty() {
                return throw(
                    "java.lang.UnsupportedOperationException",
                    "Cannot access init() for an empty List",
                );
            }
            ListObj::array_list(xs[..xs.len() - 1].to_vec())
        }
        ("take", [n]) => {
            let xs = items()?;
            let n = number::to_i64(n).unwrap_or(0).max(0) as usize;
            same_kind(recv, xs.into_iter().take(n).collect())
        }
        ("drop", [n]) => {
            let xs = items()?;
            let n = number::to_i64(n).unwrap_or(0).max(0) as usize;
            same_kind(recv, xs.into_iter().skip(n).collect())
        }
        ("takeWhile", [c]) => {
            let mut out = Vec::new();
            for x in items()? {
                if !truth_of(i, c, &x)? {
                    break;
                }
                out.push(x);
            }
            ListObj::array_list(out)
        }
        ("dropWhile", [c]) => {
            let xs = items()?;
            let mut k = 0;
            while k < xs.len() && truth_of(i, c, &xs[k])? {
                k += 1;
            }
            ListObj::array_list(xs[k..].to_vec())
        }
        ("plus", [v]) => {
            let mut xs = items()?;
            match v {
                Value::List(_) | Value::Set(_) | Value::Range(_) => xs.extend(i.to_list(v)?),
                _ => xs.push(v.clone()),
            }
            same_kind(recv, xs)
        }
        ("plus", [idx, v]) => {
            let mut xs = items()?;
            let k = number::to_i64(idx).unwrap_or(0).max(0) as usize;
            let add = match v {
                Value::List(_) => i.to_list(v)?,
                _ => vec![v.clone()],
            };
            let k = k.min(xs.len());
            xs.splice(k..k, add);
            ListObj::array_list(xs)
        }
        ("minus", [v]) => {
            let remove = match v {
                Value::List(_) | Value::Set(_) | Value::Range(_) => i.to_list(v)?,
                _ => vec![v.clone()],
            };
            let mut out = Vec::new();
            for x in items()? {
                let mut drop_it = false;
                for r in &remove {
                    if i.equals(&x, r)? {
                        drop_it = true;
                        break;
                    }
                }
                if !drop_it {
                    out.push(x);
                }
            }
            same_kind(recv, out)
        }
        ("multiply", [n]) => {
            let xs = items()?;
            let n = number::to_i64(n).unwrap_or(0).max(0) as usize;
            let mut out = Vec::with_capacity(xs.len() * n);
            for _ in 0..n {
                out.extend(xs.iter().cloned());
            }
            ListObj::array_list(out)
        }
        ("intersect", [other]) => {
            let ys = i.to_list(other)?;
            let mut out = Vec::new();
            for x in items()? {
                let mut found = false;
                for y in &ys {
                    if i.equals(&x, y)? {
                        found = true;
                        break;
                    }
                }
                let mut already = false;
                for o in &out {
                    if i.equals(o, &x)? {
                        already = true;
                        break;
                    }
                }
                if found && !already {
                    out.push(x);
                }
            }
            same_kind(recv, out)
        }
        ("disjoint", [other]) => {
            let ys = i.to_list(other)?;
            let mut dis = true;
            for x in items()? {
                for y in &ys {
                    if i.equals(&x, y)? {
                        dis = false;
                    }
                }
            }
            Value::Bool(dis)
        }
        ("toSet", []) => SetObj::of_kind(SetKind::HashSet, items()?),
        ("toList", []) => ListObj::array_list(items()?),
        ("asImmutable" | "asUnmodifiable", []) => match recv {
            Value::Set(_) => SetObj::of_kind(SetKind::Immutable, items()?),
            _ => ListObj::of_kind(ListKind::Immutable, items()?),
        },
        ("subList", [a, b]) => {
            let xs = items()?;
            let (a, b) = (
                number::to_i64(a).unwrap_or(0),
                number::to_i64(b).unwrap_or(0),
            );
            if a < 0 || b as usize > xs.len() || a > b {
                return throw(
                    "java.lang.IndexOutOfBoundsException",
                    format!("toIndex = {b}"),
                );
            }
            ListObj::array_list(xs[a as usize..b as usize].to_vec())
        }
        ("groupBy", [c]) => {
            let mut groups: Vec<(Value<'a>, Vec<Value<'a>>)> = Vec::new();
            for x in items()? {
                let k = call_c(i, c, vec![x.clone()])?;
                let key = Key::of(&k);
                if let Some(g) = groups.iter_mut().find(|(gk, _)| Key::of(gk) == key) {
                    g.1.push(x);
                } else {
                    groups.push((k, vec![x]));
                }
            }
            MapObj::linked(
                groups
                    .into_iter()
                    .map(|(k, v)| (k, ListObj::array_list(v)))
                    .collect(),
            )
        }
        ("countBy", [c]) => {
            let mut counts: Vec<(Value<'a>, i32)> = Vec::new();
            for x in items()? {
                let k = call_c(i, c, vec![x])?;
                let key = Key::of(&k);
                if let Some(g) = counts.iter_mut().find(|(gk, _)| Key::of(gk) == key) {
                    g.1 += 1;
                } else {
                    counts.push((k, 1));
                }
            }
            MapObj::linked(
                counts
                    .into_iter()
                    .map(|(k, v)| (k, Value::Int(v)))
                    .collect(),
            )
        }
        ("count", [v]) => {
            let mut n = 0;
            for x in items()? {
                let hit = match v {
                    Value::Closure(_) => truth_of(i, v, &x)?,
                    _ => i.equals(&x, v)?,
                };
                if hit {
                    n += 1;
                }
            }
            Value::Int(n)
        }
        ("withIndex" | "indexed", []) => {
            let xs = items()?;
            if name == "indexed" {
                MapObj::linked(
                    xs.into_iter()
                        .enumerate()
                        .map(|(k, x)| (Value::Int(k as i32), x))
                        .collect(),
                )
            } else {
                ListObj::array_list(
                    xs.into_iter()
                        .enumerate()
                        .map(|(k, x)| ListObj::array_list(vec![x, Value::Int(k as i32)]))
                        .collect(),
                )
            }
        }
        ("grep", []) | ("grep", [_]) => {
            let mut out = Vec::new();
            for x in items()? {
                let keep = match args.first() {
                    Some(f) => i.is_case(f, &x)?,
                    None => i.truth(&x)?,
                };
                if keep {
                    out.push(x);
                }
            }
            same_kind(recv, out)
        }
        ("transpose", []) => {
            let rows: Vec<Vec<Value<'a>>> = items()?
                .iter()
                .map(|r| i.to_list(r))
                .collect::<Result<_, _>>()?;
            let n = rows.iter().map(Vec::len).min().unwrap_or(0);
            ListObj::array_list(
                (0..n)
                    .map(|k| ListObj::array_list(rows.iter().map(|r| r[k].clone()).collect()))
                    .collect(),
            )
        }
        ("combinations", []) => {
            let lists: Vec<Vec<Value<'a>>> = items()?
                .iter()
                .map(|r| i.to_list(r))
                .collect::<Result<_, _>>()?;
            let mut out: Vec<Vec<Value<'a>>> = vec![Vec::new()];
            for l in &lists {
                let mut next = Vec::new();
                for x in l {
                    for prefix in &out {
                        let mut p = prefix.clone();
                        p.push(x.clone());
                        next.push(p);
                    }
                }
                out = next;
            }
            ListObj::array_list(out.into_iter().map(ListObj::array_list).collect())
        }
        ("asList", []) => ListObj::array_list(items()?),
        ("iterator", []) => crate::eval::value::Object::native(
            crate::eval::types::known("java.util.Iterator"),
            crate::eval::value::Native::Iterator(
                items()?,
                0,
                match recv {
                    Value::List(l) => Some(l.clone()),
                    _ => None,
                },
            ),
        ),
        ("toArray", []) => ListObj::of_kind(ListKind::Array("java.lang.Object"), items()?),
        ("getIndices", []) => super::range::int_range(0, items()?.len() as i64 - 1),
        ("swap", [a, b]) => {
            if let Value::List(l) = recv {
                let (a, b) = (
                    number::to_i64(a).unwrap_or(0) as usize,
                    number::to_i64(b).unwrap_or(0) as usize,
                );
                l.items.lock().swap(a, b);
            }
            recv.clone()
        }
        ("removeAll" | "retainAll" | "removeIf", [vs])
            if name != "removeIf" || matches!(vs, Value::Closure(_)) =>
        {
            check_mutable(recv, "remove")?;
            let members = match vs {
                Value::Closure(_) => None,
                _ => Some(i.to_list(vs)?),
            };
            let keep_matching = name == "retainAll";
            let mut out = Vec::new();
            let mut changed = false;
            for x in items()? {
                let hit = match &members {
                    None => truth_of(i, vs, &x)?,
                    Some(vs) => {
                        let mut hit = false;
                        for v in vs {
                            if i.equals(&x, v)? {
                                hit = true;
                                break;
                            }
                        }
                        hit
                    }
                };
                if hit == keep_matching {
                    out.push(x);
                } else {
                    changed = true;
                }
            }
            if let Value::List(l) = recv {
                *l.items.lock() = out;
            } else if let Value::Set(s) = recv {
                let mut m = s.items.lock();
                m.clear();
                for v in out {
                    m.insert(Key::of(&v), v);
                }
            }
            Value::Bool(changed)
        }
        _ => return Ok(None),
    }))
}

/// `list[i]`, `list[-1]`, `list[1..2]`, `list[0, 2]`.
pub fn get_at<'a>(i: &Interp<'a>, recv: &Value<'a>, idx: &Value<'a>) -> Eval<'a> {
    let xs = i.to_list(recv)?;
    let n = xs.len();
    match idx {
        Value::Range(r) => {
            let hi = number::to_i64(&r.to_written())
                .unwrap_or(0)
                .max(number::to_i64(&r.from_written()).unwrap_or(0));
            if hi >= n as i64 && !super::range::is_empty(r) {
                return throw(
                    "java.lang.IndexOutOfBoundsException",
                    format!("toIndex = {}", hi + 1),
                );
            }
            let (from, to, reverse) = super::range::bounds(i, r, n as i64)?;
            let mut part = xs[from..to].to_vec();
            if reverse {
                part.reverse();
            }
            Ok(ListObj::array_list(part))
        }
        Value::List(l) => {
            let mut out = Vec::new();
            for k in l.snapshot() {
                match get_at(i, recv, &k)? {
                    Value::List(sub) if matches!(k, Value::Range(_)) => out.extend(sub.snapshot()),
                    v => out.push(v),
                }
            }
            Ok(ListObj::array_list(out))
        }
        _ if number::is_number(idx) => {
            let k = number::to_i64(idx).unwrap_or(0);
            if let Some(k) = index_of(n, k) {
                Ok(xs[k].clone())
            } else {
                if let Value::List(l) = recv {
                    if matches!(l.kind, ListKind::Array(_)) {
                        return throw(
                            "java.lang.ArrayIndexOutOfBoundsException",
                            format!("Index {k} out of bounds for length {n}"),
                        );
                    }
                }
                if k < 0 && (k + n as i64) < 0 {
                    return throw(
                        "java.lang.ArrayIndexOutOfBoundsException",
                        format!("Negative array index [{k}] too large for array size {n}"),
                    );
                }
                Ok(Value::Null)
            }
        }
        Value::Str(_) | Value::GString(_) => {
            let name = i.to_s(idx)?;
            let mut out = Vec::new();
            for x in xs {
                out.push(i.get_property(&x, &name, Span::default())?);
            }
            Ok(ListObj::array_list(out))
        }
        _ => throw("java.lang.IllegalArgumentException", "bad index"),
    }
}
