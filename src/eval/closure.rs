//! Closures: their class as Groovy names it, and building them.

use std::sync::Arc;

use parking_lot::Mutex;

use super::types::Type;
use super::value::{Closure, ClosureBody, ResolveStrategy, Value};

/// The class of a closure (`WorkflowScript$_run_closure1` for closures written in the script).
#[must_use]
pub fn class_of<'a>(c: &Closure<'a>) -> Type<'a> {
    match &c.body {
        ClosureBody::Code { class_name, .. } => Type::Closure(class_name.clone()),
        ClosureBody::MethodPointer { .. } => {
            Type::Closure(Arc::from("org.codehaus.groovy.runtime.MethodClosure"))
        }
        ClosureBody::Curried { .. } => {
            Type::Closure(Arc::from("org.codehaus.groovy.runtime.CurriedClosure"))
        }
        ClosureBody::Composed(..) => {
            Type::Closure(Arc::from("org.codehaus.groovy.runtime.ComposedClosure"))
        }
        ClosureBody::Memoized { .. } | ClosureBody::Native(_) => {
            Type::Closure(Arc::from("groovy.lang.Closure"))
        }
    }
}

/// A closure around built-in code.
#[must_use]
pub fn native<'a>(
    this: Value<'a>,
    arity: usize,
    f: impl Fn(Vec<Value<'a>>) -> Value<'a> + Send + Sync + 'a,
) -> Value<'a> {
    Value::Closure(Arc::new(Closure {
        body: ClosureBody::Native(Arc::new(f)),
        this: this.clone(),
        owner: this.clone(),
        delegate: Mutex::new((this, ResolveStrategy::OwnerFirst)),
        arity,
        param_types: Vec::new(),
    }))
}

/// A closure derived from another (curried, composed, memoized): same this/owner/delegate.
#[must_use]
pub fn derived<'a>(from: &Closure<'a>, body: ClosureBody<'a>, arity: usize) -> Value<'a> {
    Value::Closure(Arc::new(Closure {
        body,
        this: from.this.clone(),
        owner: from.owner.clone(),
        delegate: Mutex::new((from.delegate(), from.strategy())),
        arity,
        param_types: from.param_types.clone(),
    }))
}
