//! Methods on maps (`java.util.Map` and Groovy's map methods).

use std::cmp::Ordering;
use std::sync::Arc;

use super::Found;
use crate::eval::error::{Eval, Signal};
use crate::eval::interp::Interp;
use crate::eval::types::known;
use crate::eval::value::{Key, ListObj, MapKind, MapObj, MapView, Native, Object, SetObj, Value};
use crate::source::Span;

mod order;
mod slices;

/// Method names maps answer to.
pub const NAMES: &[&str] = &[
    "size",
    "isEmpty",
    "get",
    "put",
    "putAll",
    "remove",
    "containsKey",
    "containsValue",
    "keySet",
    "values",
    "entrySet",
    "each",
    "eachWithIndex",
    "collect",
    "collectEntries",
    "findAll",
    "find",
    "any",
    "every",
    "groupBy",
    "sort",
    "subMap",
    "plus",
    "minus",
    "getAt",
    "putAt",
    "withDefault",
    "inject",
    "count",
    "max",
    "min",
    "sum",
    "toSorted",
    "asImmutable",
    "firstKey",
    "lastKey",
    "headMap",
    "tailMap",
];

/// Entries in iteration order.
#[must_use]
pub fn iteration_order<'a>(m: &MapObj<'a>) -> Vec<(Value<'a>, Value<'a>)> {
    order::ordered(m)
}

/// The entries as `Map.Entry` objects tied to the map.
#[must_use]
pub fn entries<'a>(m: &Arc<MapObj<'a>>) -> Vec<Value<'a>> {
    iteration_order(m)
        .into_iter()
        .map(|(k, v)| entry(k, v, Some(m.clone())))
        .collect()
}

/// A live `keySet()` or `entrySet()`.
fn view<'a>(m: &Arc<MapObj<'a>>, kind: MapView) -> Value<'a> {
    let v = SetObj::view_of(m, kind);
    if let Value::Set(s) = &v {
        super::collection::refresh_view(s);
    }
    v
}

/// The key of a `Map.Entry` value; `None` for anything else.
#[must_use]
pub fn entry_key<'a>(v: &Value<'a>) -> Option<Value<'a>> {
    let Value::Object(o) = v else { return None };
    match &*o.native.as_ref()?.lock() {
        Native::Entry(k, _, _) => Some(k.clone()),
        _ => None,
    }
}

/// A `Map.Entry`.
#[must_use]
pub fn entry<'a>(k: Value<'a>, v: Value<'a>, map: Option<Arc<MapObj<'a>>>) -> Value<'a> {
    Object::native(known("java.util.Map$Entry"), Native::Entry(k, v, map))
}

/// `map.put(k, v)`.
pub fn put<'a>(m: &MapObj<'a>, k: Value<'a>, v: Value<'a>) -> Value<'a> {
    let mut e = m.entries.lock();
    let key = Key::of(&k);
    if let Some(slot) = e.get_mut(&key) {
        std::mem::replace(&mut slot.1, v)
    } else {
        e.insert(key, (k, v));
        Value::Null
    }
}

/// Fails on writes to an unmodifiable map.
pub fn check_mutable<'a>(m: &MapObj<'a>) -> Result<(), Signal<'a>> {
    if m.kind == MapKind::Immutable {
        return crate::eval::error::throw_bare("java.lang.UnsupportedOperationException");
    }
    Ok(())
}

/// Puts a TreeMap's entries back in key order after a write.
fn resort<'a>(i: &Interp<'a>, m: &MapObj<'a>) -> Result<(), Signal<'a>> {
    if m.kind != MapKind::TreeMap {
        return Ok(());
    }
    let keys: Vec<Value<'a>> = m.snapshot().into_iter().map(|(k, _)| k).collect();
    let sorted = super::collection::sort_values(i, keys, None)?;
    let mut e = m.entries.lock();
    let mut out = indexmap::IndexMap::with_capacity(e.len());
    for k in sorted {
        let key = Key::of(&k);
        if let Some(entry) = e.shift_remove(&key) {
            out.insert(key, entry);
        }
    }
    *e = out;
    Ok(())
}

/// A TreeMap's keys, in order.
fn tree_keys<'a>(m: &MapObj<'a>) -> Result<Vec<Value<'a>>, Signal<'a>> {
    if m.kind != MapKind::TreeMap {
        return crate::eval::error::throw_bare("groovy.lang.MissingMethodException");
    }
    Ok(m.snapshot().into_iter().map(|(k, _)| k).collect())
}

/// A new TreeMap with these entries.
pub fn tree_map<'a>(i: &Interp<'a>, entries: Vec<(Value<'a>, Value<'a>)>) -> Eval<'a> {
    let keys: Vec<Value<'a>> = entries.iter().map(|(k, _)| k.clone()).collect();
    let sorted = super::collection::sort_values(i, keys, None)?;
    let mut out = Vec::new();
    for k in sorted {
        if let Some((_, v)) = entries
            .iter()
            .rev()
            .find(|(k2, _)| Key::of(k2) == Key::of(&k))
        {
            out.push((k, v.clone()));
        }
    }
    Ok(MapObj::of_kind(MapKind::TreeMap, out))
}

fn kv_call<'a>(
    i: &Interp<'a>,
    c: &Value<'a>,
    m: &Arc<MapObj<'a>>,
    k: &Value<'a>,
    v: &Value<'a>,
) -> Eval<'a> {
    let two = matches!(c, Value::Closure(cl) if cl.arity == 2);
    if two {
        i.call_value(c, vec![k.clone(), v.clone()], Span::default())
    } else {
        i.call_value(
            c,
            vec![entry(k.clone(), v.clone(), Some(m.clone()))],
            Span::default(),
        )
    }
}

/// Map methods.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let Value::Map(m) = recv else { return Ok(None) };
    if m.kind == MapKind::Properties {
        if let Some(v) = super::properties::call(i, m, name, args)? {
            return Ok(Some(v));
        }
    }
    if let Some(v) = slices::call(i, recv, m, name, args)? {
        return Ok(Some(v));
    }
    // `map[gstring]` picks Groovy's `getAt(Object, String)`/`putAt(Object, String, Object)`:
    // the key is the GString's text, unlike `get`/`put`, which keep the GString.
    if let ("getAt" | "putAt", [Value::GString(g), rest @ ..]) = (name, args) {
        let mut args = vec![Value::str(i.to_s(&Value::GString(g.clone()))?)];
        args.extend_from_slice(rest);
        return call(i, recv, name, &args);
    }
    let snapshot = || iteration_order(m);
    // `m[gstring]` and `m[gstring] = v` use the GString's text as the key; `get` and `put`
    // keep the GString (which equals no String).
    let keyed;
    let args = match (name, args) {
        ("getAt" | "putAt", [k @ Value::GString(_), rest @ ..]) => {
            keyed = std::iter::once(Value::str(i.to_s(k)?.as_str()))
                .chain(rest.iter().cloned())
                .collect::<Vec<_>>();
            keyed.as_slice()
        }
        _ => args,
    };
    Ok(Some(match (name, args) {
        ("size", []) => Value::Int(m.entries.lock().len() as i32),
        ("isEmpty", []) => Value::Bool(m.entries.lock().is_empty()),
        ("get" | "getAt", [k]) => {
            if let Some(v) = m.get(k) {
                v
            } else if let Some(d) = &m.default {
                let v = i.call_value(d, vec![k.clone()], Span::default())?;
                put(m, k.clone(), v.clone());
                v
            } else {
                Value::Null
            }
        }
        ("get", [k, default]) => {
            if let Some(v) = m.get(k) {
                v
            } else {
                put(m, k.clone(), default.clone());
                default.clone()
            }
        }
        ("getOrDefault", [k, default]) => m.get(k).unwrap_or_else(|| default.clone()),
        ("put" | "putAt", [k, v]) => {
            check_mutable(m)?;
            let old = put(m, k.clone(), v.clone());
            resort(i, m)?;
            if name == "putAt" { v.clone() } else { old }
        }
        ("putAll", [other]) => {
            check_mutable(m)?;
            if let Value::Map(o) = other {
                for (k, v) in o.snapshot() {
                    put(m, k, v);
                }
            }
            resort(i, m)?;
            Value::Null
        }
        ("firstKey" | "lastKey", []) if m.kind == MapKind::TreeMap => {
            let keys = tree_keys(m)?;
            let k = if name == "firstKey" {
                keys.first()
            } else {
                keys.last()
            };
            match k {
                Some(k) => k.clone(),
                None => return crate::eval::error::throw_bare("java.util.NoSuchElementException"),
            }
        }
        ("headMap" | "tailMap", [bound]) if m.kind == MapKind::TreeMap => {
            let mut out = Vec::new();
            for (k, v) in snapshot() {
                let c = i.compare(&k, bound)?;
                let keep = if name == "headMap" {
                    c == Ordering::Less
                } else {
                    c != Ordering::Less
                };
                if keep {
                    out.push((k, v));
                }
            }
            MapObj::of_kind(MapKind::TreeMap, out)
        }
        ("putIfAbsent", [k, v]) => match m.get(k) {
            Some(old) if !old.is_null() => old,
            _ => {
                put(m, k.clone(), v.clone());
                Value::Null
            }
        },
        ("remove", [k]) => {
            check_mutable(m)?;
            m.entries
                .lock()
                .shift_remove(&Key::of(k))
                .map_or(Value::Null, |(_, v)| v)
        }
        ("clear", []) => {
            check_mutable(m)?;
            m.entries.lock().clear();
            Value::Null
        }
        ("containsKey", [k]) => Value::Bool(m.entries.lock().contains_key(&Key::of(k))),
        ("containsValue", [v]) => {
            let mut found = false;
            for (_, x) in snapshot() {
                if i.equals(&x, v)? {
                    found = true;
                    break;
                }
            }
            Value::Bool(found)
        }
        ("keySet", []) => view(m, MapView::Keys),
        ("values", []) => ListObj::array_list(snapshot().into_iter().map(|(_, v)| v).collect()),
        ("entrySet", []) => view(m, MapView::Entries),
        ("each", [c]) => {
            for (k, v) in snapshot() {
                kv_call(i, c, m, &k, &v)?;
            }
            recv.clone()
        }
        ("eachWithIndex", [c]) => {
            for (n, (k, v)) in snapshot().into_iter().enumerate() {
                let three = matches!(c, Value::Closure(cl) if cl.arity == 3);
                if three {
                    i.call_value(c, vec![k, v, Value::Int(n as i32)], Span::default())?;
                } else {
                    i.call_value(
                        c,
                        vec![entry(k, v, Some(m.clone())), Value::Int(n as i32)],
                        Span::default(),
                    )?;
                }
            }
            recv.clone()
        }
        ("collect", [c]) => {
            let mut out = Vec::new();
            for (k, v) in snapshot() {
                out.push(kv_call(i, c, m, &k, &v)?);
            }
            ListObj::array_list(out)
        }
        ("collectEntries", [c]) => {
            let mut out = Vec::new();
            for (k, v) in snapshot() {
                let r = kv_call(i, c, m, &k, &v)?;
                match &r {
                    Value::Map(rm) => out.extend(rm.snapshot()),
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
        ("findAll", [c]) => {
            let mut out = Vec::new();
            for (k, v) in snapshot() {
                let r = kv_call(i, c, m, &k, &v)?;
                if i.truth(&r)? {
                    out.push((k, v));
                }
            }
            MapObj::linked(out)
        }
        ("find", [c]) => {
            for (k, v) in snapshot() {
                let r = kv_call(i, c, m, &k, &v)?;
                if i.truth(&r)? {
                    return Ok(Some(entry(k, v, Some(m.clone()))));
                }
            }
            Value::Null
        }
        ("any", [c]) => {
            for (k, v) in snapshot() {
                let r = kv_call(i, c, m, &k, &v)?;
                if i.truth(&r)? {
                    return Ok(Some(Value::Bool(true)));
                }
            }
            Value::Bool(false)
        }
        ("every", [c]) => {
            for (k, v) in snapshot() {
                let r = kv_call(i, c, m, &k, &v)?;
                if !i.truth(&r)? {
                    return Ok(Some(Value::Bool(false)));
                }
            }
            Value::Bool(true)
        }
        ("count", [c]) => {
            let mut n = 0;
            for (k, v) in snapshot() {
                let r = kv_call(i, c, m, &k, &v)?;
                if i.truth(&r)? {
                    n += 1;
                }
            }
            Value::Int(n)
        }
        ("groupBy", [c]) => {
            let mut groups: Vec<(Value<'a>, Vec<(Value<'a>, Value<'a>)>)> = Vec::new();
            for (k, v) in snapshot() {
                let g = kv_call(i, c, m, &k, &v)?;
                let key = Key::of(&g);
                if let Some(slot) = groups.iter_mut().find(|(gk, _)| Key::of(gk) == key) {
                    slot.1.push((k, v));
                } else {
                    groups.push((g, vec![(k, v)]));
                }
            }
            MapObj::linked(
                groups
                    .into_iter()
                    .map(|(g, es)| (g, MapObj::linked(es)))
                    .collect(),
            )
        }
        ("inject", [init, c]) => {
            let mut acc = init.clone();
            for (k, v) in snapshot() {
                let three = matches!(c, Value::Closure(cl) if cl.arity == 3);
                acc = if three {
                    i.call_value(c, vec![acc, k, v], Span::default())?
                } else {
                    i.call_value(c, vec![acc, entry(k, v, Some(m.clone()))], Span::default())?
                };
            }
            acc
        }
        ("sort", []) | ("sort", [_]) | ("toSorted", []) | ("toSorted", [_]) => {
            let es = entries(m);
            let sorted = if let Some(c) = args.first() {
                super::collection::sort_values(i, es, Some(c))?
            } else {
                let mut pairs = snapshot();
                let mut err = None;
                pairs.sort_by(|a, b| {
                    i.compare(&a.0, &b.0).unwrap_or_else(|e| {
                        err = Some(e);
                        Ordering::Equal
                    })
                });
                if let Some(e) = err {
                    return Err(e);
                }
                // Groovy 2.4's `Map.sort()` is `new TreeMap(map)`.
                let kind = if name == "sort" {
                    MapKind::TreeMap
                } else {
                    MapKind::LinkedHashMap
                };
                return Ok(Some(MapObj::of_kind(kind, pairs)));
            };
            let mut out = Vec::new();
            for e in sorted {
                let k = i.get_property(&e, "key", Span::default())?;
                let v = i.get_property(&e, "value", Span::default())?;
                out.push((k, v));
            }
            MapObj::linked(out)
        }
        ("subMap", [keys]) => {
            let mut out = Vec::new();
            for k in i.to_list(keys)? {
                if let Some(v) = m.get(&k) {
                    out.push((k, v));
                }
            }
            MapObj::linked(out)
        }
        ("plus", [Value::Map(o)]) => {
            let mut out = snapshot();
            let merged = MapObj::linked(Vec::new());
            if let Value::Map(nm) = &merged {
                for (k, v) in out.drain(..).chain(o.snapshot()) {
                    put(nm, k, v);
                }
            }
            merged
        }
        ("minus", [Value::Map(o)]) => {
            let mut out = Vec::new();
            for (k, v) in snapshot() {
                let keep = match o.get(&k) {
                    Some(ov) => !i.equals(&ov, &v)?,
                    None => true,
                };
                if keep {
                    out.push((k, v));
                }
            }
            MapObj::linked(out)
        }
        ("withDefault", [c]) => Value::Map(Arc::new(MapObj {
            kind: m.kind,
            entries: parking_lot::Mutex::new(m.entries.lock().clone()),
            default: Some(c.clone()),
        })),
        ("asImmutable" | "asUnmodifiable", []) => MapObj::of_kind(MapKind::Immutable, snapshot()),
        (
            "max" | "min" | "sum" | "findResult" | "collectMany" | "countBy" | "join" | "toList",
            _,
        ) => {
            let list = ListObj::array_list(entries(m));
            return super::collection::call(i, &list, name, args);
        }
        ("iterator", []) => Object::native(
            known("java.util.Iterator"),
            Native::Iterator(entries(m), 0, None),
        ),
        _ => return Ok(None),
    }))
}
