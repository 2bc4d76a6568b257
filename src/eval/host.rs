//! What a Groovy script can reach beyond the language: the program embedding the evaluator
//! (the pipeline runtime) supplies steps (`sh`, `echo`...) and global variables (`env`,
//! `params`, `currentBuild`). `jfrun groovy` runs without a host.

use super::error::Signal;
use super::interp::Interp;
use super::value::{Native, Object, Value};
use crate::source::Span;

/// What a host lookup gives: `None` when the host has no such step or variable.
pub type Found<'a> = Result<Option<Value<'a>>, Signal<'a>>;

/// The embedding program.
pub trait Host<'a>: Send + Sync {
    /// A function call the script itself does not define: a step (`sh 'make'`).
    fn call(&self, i: &Interp<'a>, name: &str, args: Vec<Value<'a>>, span: Span) -> Found<'a>;

    /// A name the script does not define: a global variable (`env`, `params`).
    fn variable(&self, i: &Interp<'a>, name: &str) -> Found<'a>;

    /// `global.name` on a value made by [`global`].
    fn get(&self, i: &Interp<'a>, global: &str, name: &str) -> Found<'a>;

    /// `global.name = value`; false when the global has no such writable property.
    fn set(
        &self,
        i: &Interp<'a>,
        global: &str,
        name: &str,
        value: Value<'a>,
    ) -> Result<bool, Signal<'a>>;

    /// The exception to stop with when the running code has been interrupted, if it has.
    fn interrupted(&self) -> Option<Value<'a>>;

    /// `global.method(args)`.
    fn invoke(
        &self,
        i: &Interp<'a>,
        global: &str,
        method: &str,
        args: Vec<Value<'a>>,
        span: Span,
    ) -> Found<'a>;

    /// Whether `x?.m()` on a null `x` yields null here. Jenkins rewrites the values of a
    /// Declarative `environment { }` into plain calls, so there it does not.
    fn safe_calls(&self) -> bool {
        true
    }
}

/// A global variable's value: an object of `class` whose properties and methods the host
/// answers (`env.BUILD_NUMBER`, `currentBuild.result = 'UNSTABLE'`).
#[must_use]
pub fn global<'a>(class: &str, name: &str) -> Value<'a> {
    Object::native(
        super::types::known(class),
        Native::Global(std::sync::Arc::from(name)),
    )
}

/// The host global a value stands for, if it is one.
#[must_use]
pub fn global_name(v: &Value<'_>) -> Option<std::sync::Arc<str>> {
    let Value::Object(o) = v else { return None };
    match &*o.native.as_ref()?.lock() {
        Native::Global(n) => Some(n.clone()),
        _ => None,
    }
}
