//! `java.util.Properties`: a map (since Java 9 kept in a `ConcurrentHashMap`, iterated in its
//! bucket order) with `getProperty`, `setProperty`, `stringPropertyNames` and `load(Reader)`
//! reading `.properties` text as `Properties.load` does.

use super::Found;
use crate::eval::error::{Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::value::{MapKind, MapObj, SetKind, SetObj, Value};

/// `new Properties()`.
#[must_use]
pub fn new_properties<'a>() -> Value<'a> {
    MapObj::of_kind(MapKind::Properties, Vec::new())
}

/// Methods `Properties` adds to a map.
pub fn call<'a>(i: &Interp<'a>, m: &MapObj<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    Ok(Some(match (name, args) {
        ("getProperty", [k]) => string_value(m, k),
        ("getProperty", [k, default]) => match string_value(m, k) {
            Value::Null => default.clone(),
            v => v,
        },
        ("setProperty", [k, v]) => super::map::put(m, k.clone(), v.clone()),
        ("load", [r]) if super::reader::is_reader(r) => {
            for (k, v) in parse(&super::reader::read_all(r))? {
                super::map::put(m, Value::str(k), Value::str(v));
            }
            Value::Null
        }
        ("stringPropertyNames", []) => {
            // Java copies the entries, in their iteration order, into a HashMap.
            let names: Vec<(Value<'a>, Value<'a>)> = super::map::iteration_order(m)
                .into_iter()
                .filter(|(k, v)| matches!(k, Value::Str(_)) && matches!(v, Value::Str(_)))
                .map(|(k, _)| (k, Value::Null))
                .collect();
            let ordered = MapObj::of_kind(MapKind::HashMap, names);
            let Value::Map(h) = ordered else {
                return Ok(None);
            };
            let keys = super::map::iteration_order(&h)
                .into_iter()
                .map(|(k, _)| k)
                .collect();
            SetObj::of_kind(SetKind::Immutable, keys)
        }
        _ => {
            let _ = i;
            return Ok(None);
        }
    }))
}

/// `getProperty(key)`: the value when it is a String.
fn string_value<'a>(m: &MapObj<'a>, k: &Value<'a>) -> Value<'a> {
    match m.get(k) {
        Some(v @ Value::Str(_)) => v,
        _ => Value::Null,
    }
}

/// Logical lines of a properties file: natural lines without leading white space, comment
/// and blank lines dropped, lines ending in an odd number of backslashes joined with the next.
fn logical_lines(text: &str) -> Vec<String> {
    let naturals = super::reader::lines(text);
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in naturals {
        let trimmed = line.trim_start_matches([' ', '\t', '\u{c}']);
        let mut piece = if let Some(mut acc) = cur.take() {
            if trimmed.is_empty() {
                out.push(acc);
                continue;
            }
            acc.push_str(trimmed);
            acc
        } else {
            if trimmed.is_empty() || trimmed.starts_with(['#', '!']) {
                continue;
            }
            trimmed.to_owned()
        };
        let slashes = piece.chars().rev().take_while(|&c| c == '\\').count();
        if slashes % 2 == 1 {
            piece.pop();
            cur = Some(piece);
        } else {
            out.push(piece);
        }
    }
    if let Some(acc) = cur {
        out.push(acc);
    }
    out
}

/// `Properties.load`: the key/value pairs of the text, in order.
pub fn parse<'a>(text: &str) -> Result<Vec<(String, String)>, Signal<'a>> {
    let mut out = Vec::new();
    for line in logical_lines(text) {
        let chars: Vec<char> = line.chars().collect();
        let mut key_len = 0;
        let mut value_start = chars.len();
        let mut has_sep = false;
        let mut backslash = false;
        while key_len < chars.len() {
            let c = chars[key_len];
            if (c == '=' || c == ':') && !backslash {
                value_start = key_len + 1;
                has_sep = true;
                break;
            } else if matches!(c, ' ' | '\t' | '\u{c}') && !backslash {
                value_start = key_len + 1;
                break;
            }
            backslash = c == '\\' && !backslash;
            key_len += 1;
        }
        while value_start < chars.len() {
            let c = chars[value_start];
            if !matches!(c, ' ' | '\t' | '\u{c}') {
                if !has_sep && (c == '=' || c == ':') {
                    has_sep = true;
                } else {
                    break;
                }
            }
            value_start += 1;
        }
        let key = unescape(&chars[..key_len])?;
        let value = unescape(&chars[value_start.min(chars.len())..])?;
        out.push((key, value));
    }
    Ok(out)
}

/// `loadConvert`: `\t`, `\n`, `\r`, `\f`, `\uXXXX`, and `\x` for any other `x`.
fn unescape<'a>(chars: &[char]) -> Result<String, Signal<'a>> {
    let mut out = String::new();
    let mut it = chars.iter().copied();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('u') => {
                let mut code = 0u32;
                for _ in 0..4 {
                    let Some(d) = it.next().and_then(|d| d.to_digit(16)) else {
                        return throw(
                            "java.lang.IllegalArgumentException",
                            "Malformed \\uxxxx encoding.",
                        );
                    };
                    code = code * 16 + d;
                }
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some('f') => out.push('\u{c}'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    Ok(out)
}

/// Keys in the order a `ConcurrentHashMap` holding them (put in this order into a table of
/// 16 bins, doubled when three-quarters full) iterates them: by bin, and within a bin in the
/// order its resizes left them in.
#[must_use]
pub fn concurrent_order(hashes: &[i32]) -> Vec<usize> {
    let spread = |h: i32| ((h ^ ((h as u32) >> 16) as i32) & 0x7fff_ffff) as usize;
    let mut table: Vec<Vec<usize>> = vec![Vec::new(); 16];
    for (idx, &h) in hashes.iter().enumerate() {
        let n = table.len();
        table[spread(h) & (n - 1)].push(idx);
        let count = idx + 1;
        if count >= n - (n >> 2) {
            let mut next: Vec<Vec<usize>> = vec![Vec::new(); n * 2];
            for (b, bin) in table.iter().enumerate() {
                if bin.is_empty() {
                    continue;
                }
                let bit = |e: usize| spread(hashes[e]) & n;
                // The longest tail whose entries all go the same way keeps its order; the
                // entries before it are prepended one by one.
                let mut last_run = 0;
                let mut run_bit = bit(bin[0]);
                for (p, &e) in bin.iter().enumerate().skip(1) {
                    if bit(e) != run_bit {
                        run_bit = bit(e);
                        last_run = p;
                    }
                }
                let (mut low, mut high) = (Vec::new(), Vec::new());
                if run_bit == 0 {
                    low.extend_from_slice(&bin[last_run..]);
                } else {
                    high.extend_from_slice(&bin[last_run..]);
                }
                for &e in &bin[..last_run] {
                    if bit(e) == 0 {
                        low.insert(0, e);
                    } else {
                        high.insert(0, e);
                    }
                }
                next[b] = low;
                next[b + n] = high;
            }
            table = next;
        }
    }
    table.into_iter().flatten().collect()
}
