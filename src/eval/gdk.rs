//! The Groovy runtime's methods on Java values (`DefaultGroovyMethods` and the JDK methods
//! scripts call), one module per receiver type, and the dispatch between them.
//!
//! Every `call` function returns `Ok(None)` when the receiver has no such method, so that the
//! caller can report Groovy's MissingMethodException.

pub mod binding;
pub mod closure;
pub mod collection;
pub mod digest;
pub mod encoding;
pub mod expando;
pub mod format;
pub mod json;
pub mod map;
pub mod metaclass;
pub mod number;
pub mod object;
pub mod properties;
pub mod range;
pub mod reader;
pub mod regex;
pub mod statics;
pub mod string;
pub mod url;
pub mod xml;

use super::error::{Eval, Signal};
use super::interp::Interp;
use super::value::{self, Native, Value};
use crate::source::Span;

/// What a method lookup gives: `None` when there is no such method.
pub type Found<'a> = Result<Option<Value<'a>>, Signal<'a>>;

/// Calls a built-in method `name` on `recv`.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    super::sandbox::check_call(recv, name)?;
    let found = match recv {
        Value::Str(_) | Value::GString(_) if encoding::STRING_NAMES.contains(&name) => {
            match encoding::string_call(&i.to_s(recv)?, name, args)? {
                Some(r) => Some(r),
                None => string::call(i, recv, name, args)?,
            }
        }
        Value::Str(_) | Value::GString(_) => string::call(i, recv, name, args)?,
        Value::List(l)
            if l.kind == value::ListKind::Array("byte") && encoding::BYTE_NAMES.contains(&name) =>
        {
            encoding::bytes_call(i, recv, name, args)?
        }
        Value::List(_) | Value::Set(_) => collection::call(i, recv, name, args)?,
        Value::Map(_) => map::call(i, recv, name, args)?,
        Value::Range(_) => range::call(i, recv, name, args)?,
        Value::Closure(_) => closure::call(i, recv, name, args)?,
        Value::Class(t) if t.name().starts_with("groovy.json.") => {
            json::call(i, &t.name(), name, args)?
        }
        Value::Class(t)
            if matches!(
                t.name().as_str(),
                "java.net.URLEncoder" | "java.net.URLDecoder"
            ) =>
        {
            encoding::static_call(i, &t.name(), name, args)?
        }
        Value::Class(t) if t.name() == "java.security.MessageDigest" => {
            digest::static_call(i, name, args)?
        }
        Value::Class(_) => statics::call(i, recv, name, args)?,
        Value::Object(o) => match &o.native {
            Some(n) => {
                if let (Some(g), Some(host)) = (crate::eval::host::global_name(recv), &i.host) {
                    if let Some(r) = host.invoke(i, &g, name, args.to_vec(), Span::default())? {
                        return Ok(Some(r));
                    }
                }
                // Writables and digests answer here; no Groovy code runs under the lock.
                let mut own = None;
                let mut url = None;
                let kind = match &mut *n.lock() {
                    Native::Pattern(_) | Native::Matcher(_) => 1,
                    Native::Writable(text) => {
                        own = encoding::writable_call(text, name, args)?;
                        6
                    }
                    Native::Digest(state) => {
                        own = digest::call(state, name, args)?;
                        6
                    }
                    Native::Url(u) => {
                        url = Some(u.clone());
                        5
                    }
                    Native::GPath(_) => 3,
                    Native::Reader(..) => 4,
                    _ => 2,
                };
                match (kind, url) {
                    (_, Some(u)) => url::call(&u, name, args)?,
                    (1, _) => regex::call(i, recv, name, args)?,
                    (3, _) => xml::call(i, recv, name, args)?,
                    (4, _) => reader::call(i, recv, name, args)?,
                    (2, _) => object::native_call(i, recv, name, args)?,
                    _ => own,
                }
            }
            None if o.class.name() == "groovy.util.XmlSlurper" => xml::slurper_call(i, name, args)?,
            None if o.class.name().starts_with("groovy.json.") => {
                json::call(i, &o.class.name(), name, args)?
            }
            None => match expando::call(i, recv, name, args)? {
                Some(r) => Some(r),
                None => binding::call(i, recv, name, args)?,
            },
        },
        _ if super::number::is_number(recv) || matches!(recv, Value::Char(_) | Value::Bool(_)) => {
            number::call(i, recv, name, args)?
        }
        _ => None,
    };
    if found.is_some() {
        return Ok(found);
    }
    object::call(i, recv, name, args)
}

/// Whether `recv` has a built-in method `name` (for closure delegate resolution).
#[must_use]
pub fn has_method(recv: &Value<'_>, name: &str) -> bool {
    let specific = match recv {
        Value::Str(_) | Value::GString(_) => string::NAMES.contains(&name),
        Value::List(_) | Value::Set(_) | Value::Range(_) => collection::NAMES.contains(&name),
        Value::Map(_) => map::NAMES.contains(&name) || collection::NAMES.contains(&name),
        _ => false,
    };
    specific || object::NAMES.contains(&name)
}

/// Functions a script calls without a receiver: `println`, `print`, `printf`, `sprintf`,
/// `sleep` (Groovy's methods on Object, called on the script).
pub fn global<'a>(i: &Interp<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    super::sandbox::check_function(name)?;
    object::global(i, name, args)
}

/// Methods of the script object itself (`run`, `evaluate`...): the same as [`global`].
pub fn script_method<'a>(i: &Interp<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    object::global(i, name, args)
}

/// Methods every object has (toString, equals, getClass, getters of its fields...), for
/// objects of script classes and exceptions.
pub fn object_builtin<'a>(
    i: &Interp<'a>,
    recv: &Value<'a>,
    name: &str,
    args: &[Value<'a>],
    is_super: bool,
) -> Found<'a> {
    object::builtin(i, recv, name, args, is_super)
}

/// A property read on a built-in value (`list.size`, `str.empty`, `e.message`, `x.class`).
pub fn object_property<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str) -> Found<'a> {
    object::property(i, recv, name)
}

/// A property write on a built-in value; false when it has no such property.
pub fn set_object_property<'a>(
    i: &Interp<'a>,
    recv: &Value<'a>,
    name: &str,
    value: Value<'a>,
) -> Result<bool, Signal<'a>> {
    object::set_property(i, recv, name, value)
}

/// Methods Groovy allows on `null`.
pub fn null_method<'a>(i: &Interp<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    object::null_method(i, name, args)
}

/// `new T(args)` for a built-in class.
pub fn construct<'a>(i: &Interp<'a>, class: &str, args: Vec<Value<'a>>) -> Eval<'a> {
    if let ("groovy.json.JsonSlurper" | "groovy.json.JsonSlurperClassic", []) =
        (class, args.as_slice())
    {
        return Ok(super::value::Object::new(
            super::types::known(class),
            indexmap::IndexMap::new(),
        ));
    }
    match (class, args.as_slice()) {
        ("groovy.util.XmlSlurper", []) => {
            return Ok(super::value::Object::new(
                super::types::known(class),
                indexmap::IndexMap::new(),
            ));
        }
        ("java.util.Properties", []) => return Ok(properties::new_properties()),
        ("java.io.StringReader", [text]) => {
            return Ok(reader::new_string_reader(i.to_s(text)?));
        }
        _ => {}
    }
    let simple = class.rsplit('.').next().unwrap_or(class);
    let found = match (simple, args.as_slice()) {
        ("String", [bytes, charset]) => encoding::new_string(i, bytes, charset)?,
        ("BigInteger", [_] | [_, _]) => digest::new_big_integer(i, &args)?,
        _ => None,
    };
    match found {
        Some(v) => Ok(v),
        None => statics::construct(i, class, args),
    }
}
