//! Methods on closures: `call`, `curry`, `rcurry`, `ncurry`, `memoize`, `>>`, `<<`, `trampoline`,
//! `rehydrate`, `dehydrate`.

use super::Found;
use crate::eval::closure::derived;
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::value::{ClosureBody, ResolveStrategy, Value};

/// Closure methods.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let Value::Closure(c) = recv else {
        return Ok(None);
    };
    Ok(Some(match (name, args) {
        ("call" | "doCall" | "trampoline", _) if name != "trampoline" || !args.is_empty() => {
            i.call_closure(c, args.to_vec())?
        }
        ("trampoline", []) => recv.clone(),
        ("run", []) => {
            i.call_closure(c, Vec::new())?;
            Value::Null
        }
        ("curry", _) => derived(
            c,
            ClosureBody::Curried {
                inner: recv.clone(),
                at: 0,
                fixed: args.to_vec(),
            },
            c.arity.saturating_sub(args.len()),
        ),
        ("rcurry", _) => derived(
            c,
            ClosureBody::Curried {
                inner: recv.clone(),
                at: usize::MAX,
                fixed: args.to_vec(),
            },
            c.arity.saturating_sub(args.len()),
        ),
        ("ncurry", [n, rest @ ..]) => derived(
            c,
            ClosureBody::Curried {
                inner: recv.clone(),
                at: number::to_i64(n).unwrap_or(0) as usize,
                fixed: rest.to_vec(),
            },
            c.arity.saturating_sub(rest.len()),
        ),
        ("memoize", []) => derived(
            c,
            ClosureBody::Memoized {
                inner: recv.clone(),
                cache: parking_lot::Mutex::new(indexmap::IndexMap::new()),
            },
            c.arity,
        ),
        ("rightShift", [g]) => derived(c, ClosureBody::Composed(recv.clone(), g.clone()), c.arity),
        ("leftShift", [g]) => derived(c, ClosureBody::Composed(g.clone(), recv.clone()), c.arity),
        ("getMaximumNumberOfParameters", []) => Value::Int(c.arity as i32),
        ("getDelegate", []) => c.delegate(),
        ("getOwner", []) => c.owner.clone(),
        ("getThisObject", []) => c.this.clone(),
        ("getResolveStrategy", []) => Value::Int(c.strategy() as i32),
        ("setDelegate", [d]) => {
            c.delegate.lock().0 = d.clone();
            Value::Null
        }
        ("setResolveStrategy", [s]) => {
            c.delegate.lock().1 = match number::to_i64(s) {
                Some(1) => ResolveStrategy::DelegateFirst,
                Some(2) => ResolveStrategy::OwnerOnly,
                Some(3) => ResolveStrategy::DelegateOnly,
                _ => ResolveStrategy::OwnerFirst,
            };
            Value::Null
        }
        ("rehydrate", [d, _o, _t]) => {
            let copy = super::object::copy_closure(c);
            if let Value::Closure(cc) = &copy {
                cc.delegate.lock().0 = d.clone();
            }
            copy
        }
        ("dehydrate", []) => super::object::copy_closure(c),
        ("clone", []) => super::object::copy_closure(c),
        _ => return Ok(None),
    }))
}
