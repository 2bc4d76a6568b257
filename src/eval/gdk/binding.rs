//! `groovy.lang.Binding`: the script's variables assigned without `def`, as the `binding`
//! object gives them (`hasVariable`, `getVariable`, `setVariable`, `variables`).

use super::Found;
use crate::eval::error::throw;
use crate::eval::interp::Interp;
use crate::eval::types::known;
use crate::eval::value::{MapObj, Object, Value};

/// The class name.
pub const CLASS: &str = "groovy.lang.Binding";

/// The script's binding object.
#[must_use]
pub fn object<'a>() -> Value<'a> {
    Object::new(known(CLASS), indexmap::IndexMap::new())
}

fn is_binding(recv: &Value<'_>) -> bool {
    matches!(recv, Value::Object(o) if o.native.is_none() && o.class.name() == CLASS)
}

fn variables<'a>(i: &Interp<'a>) -> Value<'a> {
    MapObj::linked(
        i.binding
            .lock()
            .iter()
            .map(|(k, v)| (Value::str(k.as_str()), v.clone()))
            .collect(),
    )
}

/// Methods of the binding.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    if !is_binding(recv) {
        return Ok(None);
    }
    Ok(Some(match (name, args) {
        ("hasVariable", [n]) => Value::Bool(i.binding.lock().contains_key(&i.to_s(n)?)),
        ("getVariable", [n]) => {
            let n = i.to_s(n)?;
            let v = i.binding.lock().get(&n).cloned();
            match v {
                Some(v) => v,
                None => {
                    return throw(
                        "groovy.lang.MissingPropertyException",
                        format!("No such property: {n} for class: {CLASS}"),
                    );
                }
            }
        }
        ("setVariable" | "setProperty", [n, v]) => {
            let n = i.to_s(n)?;
            i.binding.lock().insert(n, v.clone());
            Value::Null
        }
        ("getVariables", []) => variables(i),
        _ => return Ok(None),
    }))
}

/// `binding.name`: a variable, or `variables`.
pub fn property<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str) -> Found<'a> {
    if !is_binding(recv) {
        return Ok(None);
    }
    if name == "variables" {
        return Ok(Some(variables(i)));
    }
    let v = i.binding.lock().get(name).cloned();
    match v {
        Some(v) => Ok(Some(v)),
        None => throw(
            "groovy.lang.MissingPropertyException",
            format!("No such property: {name} for class: {CLASS}"),
        ),
    }
}

/// `binding.name = value`; false when `recv` is no binding.
#[must_use]
pub fn set_property<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, value: Value<'a>) -> bool {
    if !is_binding(recv) {
        return false;
    }
    i.binding.lock().insert(name.to_owned(), value);
    true
}
