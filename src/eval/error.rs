//! How evaluation stops early: a thrown exception (a Groovy value), or `return`, `break` and
//! `continue` travelling to the construct that handles them.

use indexmap::IndexMap;

use super::types::{Type, builtin, known};
use super::value::{Object, Value};
use crate::source::Span;

/// Why evaluation left the normal path.
pub enum Signal<'a> {
    /// An exception, with where it was raised when known.
    Throw(Value<'a>, Option<Span>),
    /// `return value`.
    Return(Value<'a>),
    /// `break` / `break label`.
    Break(Option<&'a str>),
    /// `continue` / `continue label`.
    Continue(Option<&'a str>),
}

/// The result of evaluating something.
pub type Eval<'a> = Result<Value<'a>, Signal<'a>>;

impl Signal<'_> {
    /// Records where an exception was raised, unless already known.
    #[must_use]
    pub fn at(self, span: Span) -> Self {
        match self {
            Signal::Throw(v, None) => Signal::Throw(v, Some(span)),
            other => other,
        }
    }
}

/// A new exception object of a built-in class.
#[must_use]
pub fn exception<'a>(class: &str, message: Option<String>) -> Value<'a> {
    let ty: Type<'a> =
        builtin(class).map_or_else(|| known("java.lang.RuntimeException"), Type::Builtin);
    new_throwable(ty, message.map_or(Value::Null, Value::str), Value::Null)
}

/// A throwable of any class with a message and cause.
#[must_use]
pub fn new_throwable<'a>(class: Type<'a>, message: Value<'a>, cause: Value<'a>) -> Value<'a> {
    let mut fields = IndexMap::new();
    fields.insert("message".to_owned(), message);
    fields.insert("cause".to_owned(), cause);
    Object::new(class, fields)
}

/// `Err(Signal::Throw(...))` for a built-in exception.
pub fn throw<'a, T>(class: &str, message: impl Into<String>) -> Result<T, Signal<'a>> {
    Err(Signal::Throw(exception(class, Some(message.into())), None))
}

/// `Err(Signal::Throw(...))` for a built-in exception without a message (`getMessage()` is
/// null, so Groovy prints just the class name).
pub fn throw_bare<'a, T>(class: &str) -> Result<T, Signal<'a>> {
    Err(Signal::Throw(exception(class, None), None))
}

/// NullPointerException with Groovy's text for calling a method on null.
pub fn null_call<'a, T>(method: &str) -> Result<T, Signal<'a>> {
    throw(
        "java.lang.NullPointerException",
        format!("Cannot invoke method {method}() on null object"),
    )
}

/// The class of a thrown value, by full name.
#[must_use]
pub fn class_name(value: &Value<'_>) -> String {
    super::types::type_of(value).name()
}
