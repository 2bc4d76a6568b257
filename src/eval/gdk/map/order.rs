//! The order Java iterates maps whose order is not insertion order: `HashMap` by hash bucket
//! (keys' `hashCode`, spread as `h ^ (h >>> 16)`, over a table of 16 slots doubled whenever it
//! is more than three-quarters full; insertion order within a bucket), and Groovy 2.4's
//! `LazyMap` (JsonSlurper's objects) by key.

use crate::eval::value::{MapKind, MapObj, Value};

/// Java's `hashCode()` of a map key, for keys whose hash does not run Groovy code.
fn key_hash(v: &Value<'_>) -> i32 {
    match v {
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
            let bits = d.to_bits();
            (bits ^ (bits >> 32)) as i32
        }
        Value::Str(_) | Value::GString(_) => {
            let s = crate::eval::text::display(v);
            s.encode_utf16()
                .fold(0i32, |h, u| h.wrapping_mul(31).wrapping_add(i32::from(u)))
        }
        _ => 0,
    }
}

/// Entries in the order Java would iterate this map.
#[must_use]
pub fn ordered<'a>(m: &MapObj<'a>) -> Vec<(Value<'a>, Value<'a>)> {
    let mut entries = m.snapshot();
    match m.kind {
        MapKind::HashMap | MapKind::Concurrent => {
            let mut capacity = 16usize;
            while entries.len() * 4 > capacity * 3 {
                capacity *= 2;
            }
            let bucket = |k: &Value<'_>| {
                let h = key_hash(k) as u32;
                ((h ^ (h >> 16)) as usize) & (capacity - 1)
            };
            // A stable sort keeps insertion order within a bucket.
            entries.sort_by_key(|(k, _)| bucket(k));
        }
        MapKind::Properties => {
            let hashes: Vec<i32> = entries.iter().map(|(k, _)| key_hash(k)).collect();
            let order = crate::eval::gdk::properties::concurrent_order(&hashes);
            let mut slots: Vec<Option<(Value<'a>, Value<'a>)>> =
                entries.into_iter().map(Some).collect();
            entries = order.into_iter().filter_map(|n| slots[n].take()).collect();
        }
        MapKind::LazyMap => {
            entries.sort_by(|a, b| {
                crate::eval::ops::java_string_cmp(
                    &crate::eval::text::display(&a.0),
                    &crate::eval::text::display(&b.0),
                )
            });
        }
        _ => {}
    }
    entries
}
