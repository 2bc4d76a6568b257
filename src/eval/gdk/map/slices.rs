//! Map methods that copy or cut a map: `take`, `drop`, `clone`, `leftShift`, and
//! `collectMany` over entries.

use std::sync::Arc;

use crate::eval::gdk::Found;
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::value::{ListObj, MapKind, MapObj, Value};

/// The methods of this module.
pub fn call<'a>(
    i: &Interp<'a>,
    recv: &Value<'a>,
    m: &Arc<MapObj<'a>>,
    name: &str,
    args: &[Value<'a>],
) -> Found<'a> {
    let snapshot = || super::iteration_order(m);
    let kind = match m.kind {
        MapKind::Immutable => MapKind::LinkedHashMap,
        k => k,
    };
    Ok(Some(match (name, args) {
        ("take" | "drop", [n]) => {
            let n = number::to_i64(n).unwrap_or(0).max(0) as usize;
            let es = snapshot();
            let part = if name == "take" {
                es.into_iter().take(n).collect()
            } else {
                es.into_iter().skip(n).collect()
            };
            MapObj::of_kind(kind, part)
        }
        ("clone", []) => MapObj::of_kind(kind, snapshot()),
        ("leftShift", [Value::Map(other)]) => {
            super::check_mutable(m)?;
            for (k, v) in other.snapshot() {
                super::put(m, k, v);
            }
            recv.clone()
        }
        ("collectMany", [c]) => {
            let mut out = Vec::new();
            for (k, v) in snapshot() {
                let r = super::kv_call(i, c, m, &k, &v)?;
                out.extend(i.to_list(&r)?);
            }
            ListObj::array_list(out)
        }
        _ => return Ok(None),
    }))
}
