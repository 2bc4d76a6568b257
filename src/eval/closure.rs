//! Closures: their class as Groovy names it, building them, and calling those held in GStrings.

use std::sync::Arc;

use parking_lot::Mutex;

use super::error::Signal;
use super::interp::Interp;
use super::types::Type;
use super::value::{Closure, ClosureBody, GString, Native, Object, ResolveStrategy, Value};
use crate::source::Span;

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

impl<'a> Interp<'a> {
    /// The text of a GString holding closures: each is called as it is rendered, with no
    /// argument or with a Writer to write to. `None` when it holds none.
    pub(super) fn gstring_with_closures(
        &self,
        g: &GString<'a>,
    ) -> Result<Option<String>, Signal<'a>> {
        if !g.values.iter().any(|v| matches!(v, Value::Closure(_))) {
            return Ok(None);
        }
        let mut out = String::new();
        for (i, s) in g.strings.iter().enumerate() {
            out.push_str(s);
            match g.values.get(i) {
                Some(v @ Value::Closure(c)) if c.arity >= 1 => {
                    let w = Object::native(
                        super::types::known("java.io.StringWriter"),
                        Native::StringBuilder(String::new()),
                    );
                    self.call_value(v, vec![w.clone()], Span::default())?;
                    out.push_str(&self.to_s(&w)?);
                }
                Some(v @ Value::Closure(_)) => {
                    let r = self.call_value(v, Vec::new(), Span::default())?;
                    out.push_str(&self.to_s(&r)?);
                }
                Some(v) => out.push_str(&self.to_s(v)?),
                None => {}
            }
        }
        Ok(Some(out))
    }
}
