//! Groovy's list methods that cut a list into pieces or rearrange it: `takeRight`,
//! `dropRight`, `collate`, `split`, `reverse(mutate)`, `withIndex(offset)`, `toUnique`,
//! `subsequences`, `permutations`, and the stack and queue methods (`push`, `pop`, `offer`,
//! `poll`, `peek`).

use super::{call_c, truth_of};
use crate::eval::error::throw;
use crate::eval::gdk::Found;
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::value::{ListObj, MapObj, SetKind, SetObj, Value};

fn count(v: &Value<'_>) -> usize {
    number::to_i64(v).unwrap_or(0).max(0) as usize
}

/// `collate(size, step, keepRemainder)` as Groovy does it.
fn collate<'a>(xs: &[Value<'a>], size: usize, step: usize, keep: bool) -> Value<'a> {
    let mut out = Vec::new();
    let size = size.max(1);
    let step = step.max(1);
    let mut k = 0;
    while k < xs.len() {
        let end = (k + size).min(xs.len());
        if end - k == size || keep {
            out.push(ListObj::array_list(xs[k..end].to_vec()));
        }
        k += step;
    }
    ListObj::array_list(out)
}

fn permutations<'a>(xs: &[Value<'a>]) -> Vec<Vec<Value<'a>>> {
    if xs.is_empty() {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for k in 0..xs.len() {
        let mut rest = xs.to_vec();
        let x = rest.remove(k);
        for mut p in permutations(&rest) {
            p.insert(0, x.clone());
            out.push(p);
        }
    }
    out
}

/// The methods of this module, on a list's or set's elements.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let items = || i.to_list(recv);
    Ok(Some(match (name, args) {
        ("takeRight", [n]) => {
            let xs = items()?;
            let n = count(n).min(xs.len());
            ListObj::array_list(xs[xs.len() - n..].to_vec())
        }
        ("dropRight", [n]) => {
            let xs = items()?;
            let n = count(n).min(xs.len());
            ListObj::array_list(xs[..xs.len() - n].to_vec())
        }
        ("collate", [n]) => collate(&items()?, count(n), count(n), true),
        ("collate", [n, Value::Bool(keep)]) => collate(&items()?, count(n), count(n), *keep),
        ("collate", [n, step]) => collate(&items()?, count(n), count(step), true),
        ("collate", [n, step, Value::Bool(keep)]) => {
            collate(&items()?, count(n), count(step), *keep)
        }
        ("split", [c]) => {
            let (mut yes, mut no) = (Vec::new(), Vec::new());
            for x in items()? {
                if truth_of(i, c, &x)? {
                    yes.push(x);
                } else {
                    no.push(x);
                }
            }
            ListObj::array_list(vec![ListObj::array_list(yes), ListObj::array_list(no)])
        }
        ("reverse", [Value::Bool(mutate)]) => {
            let mut xs = items()?;
            xs.reverse();
            match recv {
                Value::List(l) if *mutate => {
                    *l.items.lock() = xs;
                    recv.clone()
                }
                _ => ListObj::array_list(xs),
            }
        }
        ("withIndex" | "indexed", [offset]) => {
            let off = number::to_i64(offset).unwrap_or(0);
            let indexed = items()?
                .into_iter()
                .enumerate()
                .map(|(k, x)| (x, Value::Int((k as i64 + off) as i32)));
            if name == "indexed" {
                MapObj::linked(indexed.map(|(x, k)| (k, x)).collect())
            } else {
                ListObj::array_list(
                    indexed
                        .map(|(x, k)| ListObj::array_list(vec![x, k]))
                        .collect(),
                )
            }
        }
        ("toUnique", []) => {
            let mut out: Vec<Value<'a>> = Vec::new();
            for x in items()? {
                let mut seen = false;
                for o in &out {
                    if i.equals(o, &x)? {
                        seen = true;
                        break;
                    }
                }
                if !seen {
                    out.push(x);
                }
            }
            ListObj::array_list(out)
        }
        ("subsequences", []) => {
            let xs = items()?;
            let mut out = Vec::new();
            for mask in 1..(1u64 << xs.len().min(20)) {
                let sub: Vec<Value<'a>> = xs
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| mask & (1 << k) != 0)
                    .map(|(_, x)| x.clone())
                    .collect();
                out.push(ListObj::array_list(sub));
            }
            SetObj::of_kind(SetKind::HashSet, out)
        }
        ("permutations", []) => {
            let perms = permutations(&items()?);
            SetObj::of_kind(
                SetKind::HashSet,
                perms.into_iter().map(ListObj::array_list).collect(),
            )
        }
        ("push" | "offer", [v]) => {
            super::check_mutable(recv, "add")?;
            Value::Bool(super::add(recv, v.clone()))
        }
        ("pop", []) => {
            super::check_mutable(recv, "remove")?;
            let Value::List(l) = recv else {
                return Ok(None);
            };
            let popped = l.items.lock().pop();
            match popped {
                Some(v) => v,
                None => {
                    return throw(
                        "java.util.NoSuchElementException",
                        "Cannot pop() an empty List",
                    );
                }
            }
        }
        ("poll", []) => {
            let Value::List(l) = recv else {
                return Ok(None);
            };
            let mut xs = l.items.lock();
            if xs.is_empty() {
                Value::Null
            } else {
                xs.remove(0)
            }
        }
        ("peek", []) => items()?.first().cloned().unwrap_or(Value::Null),
        ("collect", [target, c]) if !matches!(target, Value::Closure(_)) => {
            for x in items()? {
                let v = call_c(i, c, vec![x])?;
                let _ = super::add(target, v);
            }
            target.clone()
        }
        _ => return Ok(None),
    }))
}
