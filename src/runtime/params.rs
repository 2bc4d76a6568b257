//! Build parameters: declared in `parameters { }` or `properties([parameters([...])])`, with
//! their defaults, overridden from the command line (`-p NAME=VALUE`, typed by the
//! declaration), and read through `params`.

use super::build::{Build, Param};
use super::describable;
use super::steps::Call;
use crate::eval::error::{Signal, throw};
use crate::eval::value::Value;

/// Declares the parameters of a `parameters([...])` describable (or one parameter).
pub fn declare_from_value<'a>(c: &Call<'_, 'a>, v: &Value<'a>) -> Result<(), Signal<'a>> {
    match describable::symbol(v).as_deref() {
        Some("parameters") => {
            if let Some(list) = describable::arg(v, "$value")
                .or_else(|| describable::arg(v, "parameterDefinitions"))
            {
                for p in c.i.to_list(&list)? {
                    declare(c, &p)?;
                }
            }
            Ok(())
        }
        Some(_) => Ok(()),
        None => Ok(()),
    }
}

/// Declares one parameter (`string(name: 'X', defaultValue: 'a')`); a value from the command
/// line wins over the default.
pub fn declare<'a>(c: &Call<'_, 'a>, p: &Value<'a>) -> Result<(), Signal<'a>> {
    let b = c.b;
    let Some(kind) = describable::symbol(p) else {
        return Ok(());
    };
    let Some(name) = describable::text(c.i, p, "name")? else {
        return Ok(());
    };
    let default = match kind.as_str() {
        "booleanParam" => Param::Bool(match describable::arg(p, "defaultValue") {
            Some(v) => c.i.truth(&v)?,
            None => false,
        }),
        "choice" => {
            let first = match describable::arg(p, "choices") {
                Some(Value::Str(s)) => s.lines().next().unwrap_or("").to_owned(),
                Some(list) => {
                    c.i.to_list(&list)?
                        .first()
                        .map(|v| c.i.to_s(v))
                        .transpose()?
                        .unwrap_or_default()
                }
                None => String::new(),
            };
            Param::Text(first)
        }
        _ => Param::Text(
            describable::text(c.i, p, "defaultValue")?
                .or(describable::text(c.i, p, "value")?)
                .unwrap_or_default(),
        ),
    };
    let given = b.opts.params.iter().rev().find(|(k, _)| *k == name);
    let value = match (given, &default) {
        (Some((_, v)), Param::Bool(_)) => match v.as_str() {
            "true" => Param::Bool(true),
            "false" => Param::Bool(false),
            other => {
                return throw(
                    "java.lang.IllegalArgumentException",
                    format!(
                        "parameter {name} is a booleanParam: give true or false, not '{other}'"
                    ),
                );
            }
        },
        (Some((_, v)), _) => Param::Text(v.clone()),
        (None, d) => d.clone(),
    };
    let text = match &value {
        Param::Text(s) => s.clone(),
        Param::Bool(x) => x.to_string(),
    };
    b.env.lock().insert(name.clone(), text);
    b.params.lock().insert(name, value);
    Ok(())
}

/// `params` as Groovy sees it: an unmodifiable map of the declared parameters.
#[must_use]
pub fn value<'a>(b: &Build<'a>) -> Value<'a> {
    let entries = b
        .params
        .lock()
        .iter()
        .map(|(k, v)| (Value::str(k.as_str()), to_value(v)))
        .collect();
    crate::eval::value::MapObj::linked(entries)
}

/// `params.NAME`, when declared.
#[must_use]
pub fn get<'a>(b: &Build<'a>, name: &str) -> Option<Value<'a>> {
    b.params.lock().get(name).map(to_value)
}

fn to_value<'a>(p: &Param) -> Value<'a> {
    match p {
        Param::Text(s) => Value::str(s.as_str()),
        Param::Bool(x) => Value::Bool(*x),
    }
}

/// Parameters given on the command line that nothing declares: an error, as Jenkins refuses
/// unknown parameters.
#[must_use]
pub fn undeclared(b: &Build<'_>) -> Vec<String> {
    let params = b.params.lock();
    b.opts
        .params
        .iter()
        .filter(|(k, _)| !params.contains_key(k))
        .map(|(k, _)| k.clone())
        .collect()
}

/// Every parameter the command line gives, as text, before any declaration: what
/// `-u/--keep-undefined-parameters` keeps of those nothing declares. A declaration later
/// types its own.
pub fn keep_given(b: &Build<'_>) {
    for (k, v) in &b.opts.params {
        b.env.lock().insert(k.clone(), v.clone());
        b.params.lock().insert(k.clone(), Param::Text(v.clone()));
    }
}
