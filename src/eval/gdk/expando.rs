//! `groovy.util.Expando`: an object whose properties are made by assigning them, and whose
//! closure-valued properties are called like methods (with the expando as their delegate).

use super::Found;
use crate::eval::error::{Eval, throw};
use crate::eval::interp::Interp;
use crate::eval::types::known;
use crate::eval::value::{Object, Value};

/// The class name.
pub const CLASS: &str = "groovy.util.Expando";

/// The expando `recv` is, if it is one.
fn expando<'v, 'a>(recv: &'v Value<'a>) -> Option<&'v Object<'a>> {
    match recv {
        Value::Object(o) if o.native.is_none() && o.class.name() == CLASS => Some(o),
        _ => None,
    }
}

/// `new Expando()` / `new Expando(map)`.
pub fn construct<'a>(i: &Interp<'a>, args: &[Value<'a>]) -> Eval<'a> {
    let mut fields = indexmap::IndexMap::new();
    match args {
        [] => {}
        [Value::Map(m)] => {
            for (k, v) in m.snapshot() {
                fields.insert(i.to_s(&k)?, v);
            }
        }
        _ => {
            return throw(
                "groovy.lang.GroovyRuntimeException",
                "Could not find matching constructor for: groovy.util.Expando",
            );
        }
    }
    Ok(Object::new(known(CLASS), fields))
}

/// `e.name`: the property's value, null when never set.
#[must_use]
pub fn property<'a>(recv: &Value<'a>, name: &str) -> Option<Value<'a>> {
    let o = expando(recv)?;
    if name == "properties" {
        return Some(crate::eval::value::MapObj::linked(
            o.fields
                .lock()
                .iter()
                .map(|(k, v)| (Value::str(k.as_str()), v.clone()))
                .collect(),
        ));
    }
    Some(o.field(name).unwrap_or(Value::Null))
}

/// `e.name = value`; false when `recv` is no expando.
#[must_use]
pub fn set_property<'a>(recv: &Value<'a>, name: &str, value: Value<'a>) -> bool {
    let Some(o) = expando(recv) else {
        return false;
    };
    o.fields.lock().insert(name.to_owned(), value);
    true
}

/// `e.name(args)` for a closure-valued property: a copy of the closure with the expando as its
/// delegate, called.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let Some(o) = expando(recv) else {
        return Ok(None);
    };
    let Some(Value::Closure(c)) = o.field(name) else {
        return Ok(None);
    };
    let copy = super::object::copy_closure(&c);
    let Value::Closure(cc) = &copy else {
        return Ok(None);
    };
    cc.delegate.lock().0 = recv.clone();
    i.call_closure(cc, args.to_vec()).map(Some)
}
