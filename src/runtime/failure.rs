//! How a failure reads in the log: Jenkins prints an `AbortException` (`error`, a failed `sh`)
//! as its message alone, any other exception as `class: message`.

use crate::eval::interp::Interp;
use crate::eval::types::type_of;
use crate::eval::value::Value;

/// The text Jenkins logs after `ERROR: ` for an exception.
#[must_use]
pub fn message<'a>(i: &Interp<'a>, exc: &Value<'a>) -> String {
    let class = type_of(exc).name();
    let msg = match exc {
        Value::Object(o) => o
            .field("message")
            .filter(|m| !m.is_null())
            .map(|m| i.to_s(&m).unwrap_or_default()),
        _ => None,
    };
    match (class.as_str(), msg) {
        ("hudson.AbortException", Some(m)) => m,
        (super::interrupt::INTERRUPTED, Some(m)) => m,
        (super::interrupt::INTERRUPTED, None) => "Interrupted".to_owned(),
        (_, _) => i.to_s(exc).unwrap_or(class),
    }
}
