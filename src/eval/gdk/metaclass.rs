//! `obj.metaClass`: a read-only `groovy.lang.MetaClass` that answers `respondsTo`,
//! `hasProperty` and `getTheClass`. Changing classes at run time (`String.metaClass.x = {...}`)
//! is refused, as Jenkins' sandbox refuses it.

use super::Found;
use crate::eval::interp::Interp;
use crate::eval::types::{Type, known, type_of};
use crate::eval::value::{Native, Object, Value};
use crate::source::Span;

/// The metaclass of a value's class.
#[must_use]
pub fn of<'a>(recv: &Value<'a>) -> Value<'a> {
    let t = match recv {
        Value::Class(t) => t.clone(),
        _ => type_of(recv),
    };
    Object::native(known("groovy.lang.MetaClassImpl"), Native::MetaClass(t))
}

/// `X.metaClass.name = value`: refused.
pub fn set_property<'a>(recv: &Value<'a>) -> Result<bool, crate::eval::error::Signal<'a>> {
    let Value::Object(o) = recv else {
        return Ok(false);
    };
    let is_meta = o
        .native
        .as_ref()
        .is_some_and(|n| matches!(&*n.lock(), Native::MetaClass(_)));
    if !is_meta {
        return Ok(false);
    }
    super::statics::rejected(
        "method groovy.lang.MetaClass setProperty (changing classes at run time)",
        "functions defined in the Jenkinsfile or a shared library",
    )
}

/// Methods of a metaclass.
pub fn call<'a>(i: &Interp<'a>, t: &Type<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    Ok(Some(match (name, args) {
        ("respondsTo" | "hasProperty", [obj, rest @ ..]) if !rest.is_empty() => {
            i.invoke_method(obj, name, rest.to_vec(), Span::default())?
        }
        ("getTheClass", []) => Value::Class(t.clone()),
        _ => return Ok(None),
    }))
}
