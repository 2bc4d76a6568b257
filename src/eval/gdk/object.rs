//! Methods on every object (`DefaultGroovyMethods` for Object), the script's own functions
//! (`println`...), properties read through getters, and the built-in objects that are neither
//! collections nor strings (StringBuilder, Map.Entry, iterators...).

use std::sync::Arc;

use super::Found;
use crate::eval::error::{Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::text;
use crate::eval::types::{Type, type_of};
use crate::eval::value::{ListObj, MapObj, Native, Value};
use crate::source::Span;

/// Methods every value has.
pub const NAMES: &[&str] = &[
    "toString",
    "equals",
    "hashCode",
    "getClass",
    "inspect",
    "is",
    "with",
    "identity",
    "println",
    "print",
    "printf",
    "sprintf",
    "each",
    "eachWithIndex",
    "collect",
    "find",
    "findAll",
    "any",
    "every",
    "inject",
    "grep",
    "asType",
    "respondsTo",
    "hasProperty",
    "getProperties",
    "getProperty",
    "setProperty",
    "invokeMethod",
    "getMetaClass",
    "dump",
    "isCase",
    "iterator",
];

/// `println`, `print`, `printf`, `sprintf`, `sleep`.
pub fn global<'a>(i: &Interp<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    Ok(Some(match (name, args) {
        ("println", []) => {
            i.print("\n");
            Value::Null
        }
        ("println", [v]) => {
            let mut s = i.to_s(v)?;
            s.push('\n');
            i.print(&s);
            Value::Null
        }
        ("print", [v]) => {
            let s = i.to_s(v)?;
            i.print(&s);
            Value::Null
        }
        ("printf", [fmt, rest @ ..]) => {
            let s = super::format::sprintf(i, fmt, rest)?;
            i.print(&s);
            Value::Null
        }
        ("sprintf", [fmt, rest @ ..]) => Value::str(super::format::groovy_sprintf(i, fmt, rest)?),
        // In a pipeline `sleep` is the step (seconds), as in Jenkins.
        ("sleep", [ms]) if i.host.is_none() => {
            let ms = number::to_i64(ms).unwrap_or(0).max(0) as u64;
            std::thread::sleep(std::time::Duration::from_millis(ms));
            Value::Null
        }
        _ => return Ok(None),
    }))
}

fn capitalize(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn decapitalize(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Methods of objects of script classes and exceptions: generated getters and setters,
/// Throwable's methods, Object's.
pub fn builtin<'a>(
    i: &Interp<'a>,
    recv: &Value<'a>,
    name: &str,
    args: &[Value<'a>],
    _is_super: bool,
) -> Found<'a> {
    let Value::Object(o) = recv else {
        return Ok(None);
    };
    if o.class.is_throwable() {
        match (name, args) {
            ("getMessage" | "getLocalizedMessage", []) => {
                return Ok(Some(o.field("message").unwrap_or(Value::Null)));
            }
            ("getCause", []) => return Ok(Some(o.field("cause").unwrap_or(Value::Null))),
            ("toString", []) => return Ok(Some(Value::str(text::throwable_text(recv)))),
            ("getStackTrace", []) => {
                return Ok(Some(ListObj::of_kind(
                    crate::eval::value::ListKind::Array("java.lang.StackTraceElement"),
                    Vec::new(),
                )));
            }
            ("printStackTrace", []) => return Ok(Some(Value::Null)),
            ("initCause", [c]) => {
                o.fields.lock().insert("cause".into(), c.clone());
                return Ok(Some(recv.clone()));
            }
            ("addSuppressed", [_]) => return Ok(Some(Value::Null)),
            _ => {}
        }
    }
    if let Type::User(class) = &o.class {
        if let Some(prop) = name.strip_prefix("get").filter(|p| !p.is_empty()) {
            let field = decapitalize(prop);
            if args.is_empty() && class.find_field(&field).is_some() {
                return Ok(Some(o.field(&field).unwrap_or(Value::Null)));
            }
        }
        if let Some(prop) = name.strip_prefix("is").filter(|p| !p.is_empty()) {
            let field = decapitalize(prop);
            if args.is_empty() && class.find_field(&field).is_some() {
                return Ok(Some(o.field(&field).unwrap_or(Value::Null)));
            }
        }
        if let Some(prop) = name.strip_prefix("set").filter(|p| !p.is_empty()) {
            let field = decapitalize(prop);
            if let ([v], Some(_)) = (args, class.find_field(&field)) {
                o.fields.lock().insert(field, v.clone());
                return Ok(Some(Value::Null));
            }
        }
        match (name, args) {
            ("name", []) | ("toString", [])
                if class.kind == crate::syntax::ast::ClassKind::Enum =>
            {
                return Ok(Some(o.field("name").unwrap_or(Value::Null)));
            }
            ("ordinal", []) if class.kind == crate::syntax::ast::ClassKind::Enum => {
                return Ok(Some(o.field("ordinal").unwrap_or(Value::Null)));
            }
            ("next" | "previous", []) if class.kind == crate::syntax::ast::ClassKind::Enum => {
                // The compiler gives every enum `next()`/`previous()`, wrapping around.
                let values = class.enum_values.lock().clone();
                let ord = match o.field("ordinal") {
                    Some(Value::Int(n)) => usize::try_from(n).unwrap_or(0),
                    _ => 0,
                };
                let len = values.len().max(1);
                let at = if name == "next" {
                    ord + 1
                } else {
                    ord + len - 1
                } % len;
                return Ok(values.get(at).cloned());
            }
            ("compareTo", [other]) if class.kind == crate::syntax::ast::ClassKind::Enum => {
                let c = i.compare(recv, other)?;
                return Ok(Some(Value::Int(c as i32)));
            }
            ("toString", []) => return Ok(Some(Value::str(i.to_s(recv)?))),
            ("equals", [other]) => {
                return Ok(Some(Value::Bool(
                    if class.has_annotation("Canonical")
                        || class.has_annotation("EqualsAndHashCode")
                        || class.has_annotation("Immutable")
                    {
                        i.equals(recv, other)?
                    } else {
                        recv.same(other)
                    },
                )));
            }
            ("hashCode", []) => {
                return Ok(Some(Value::Int(super::collection::java_hash(i, recv)?)));
            }
            _ => {}
        }
    }
    Ok(None)
}

/// DefaultGroovyMethods on Object: what any value answers to.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    Ok(Some(match (name, args) {
        ("toString", []) => Value::str(i.to_s(recv)?),
        ("inspect", []) => Value::str(i.inspect(recv)?),
        // A String never equals a GString (`==` compares their text).
        ("equals", [o]) if matches!(recv, Value::Str(_) | Value::GString(_)) => {
            Value::Bool(super::collection::search::java_equals(i, recv, o)?)
        }
        ("equals", [o]) => Value::Bool(i.equals(recv, o)?),
        ("is", [o]) => Value::Bool(recv.same(o)),
        ("hashCode", []) => Value::Int(super::collection::java_hash(i, recv)?),
        ("getClass", []) => match recv {
            Value::Class(_) => Value::Class(crate::eval::types::known("java.lang.Class")),
            _ => Value::Class(type_of(recv)),
        },
        ("with" | "identity", [Value::Closure(c)]) => {
            let copy = crate::eval::closure::derived(c, clone_body(c), c.arity);
            if let Value::Closure(cc) = &copy {
                *cc.delegate.lock() = (
                    recv.clone(),
                    crate::eval::value::ResolveStrategy::DelegateFirst,
                );
                return i.call_closure(cc, vec![recv.clone()]).map(Some);
            }
            Value::Null
        }
        ("println", _) | ("print", _) | ("printf", _) | ("sprintf", _) => {
            return global(i, name, args);
        }
        ("asBoolean", []) => Value::Bool(i.truth(recv)?),
        ("isCase", [v]) => Value::Bool(i.is_case(recv, v)?),
        ("asType", [Value::Class(t)]) => {
            let tr = crate::syntax::ast::TypeRef {
                name: t.name(),
                args: Vec::new(),
                dims: 0,
                span: Span::default(),
            };
            i.cast(recv.clone(), &tr, false)?
        }
        ("respondsTo", [n, ..]) => {
            let n = i.to_s(n)?;
            let yes = i.responds_to(recv, &n);
            if yes {
                ListObj::array_list(vec![Value::str(n)])
            } else {
                ListObj::array_list(Vec::new())
            }
        }
        ("hasProperty", [n]) => {
            let n = i.to_s(n)?;
            let has = match recv {
                Value::Object(o) => match &o.class {
                    Type::User(c) => c.find_field(&n).is_some(),
                    _ => false,
                },
                Value::Map(m) => m.get(&Value::str(n.as_str())).is_some(),
                _ => property(i, recv, &n)?.is_some(),
            };
            if has { Value::str(n) } else { Value::Null }
        }
        ("getProperties", []) => {
            let mut entries = Vec::new();
            if let Value::Object(o) = recv {
                if let Type::User(c) = &o.class {
                    let fields = o.fields.lock().clone();
                    for f in &c.fields {
                        if f.is_property && !f.is_static {
                            entries.push((
                                Value::str(f.name),
                                fields.get(f.name).cloned().unwrap_or(Value::Null),
                            ));
                        }
                    }
                    // Properties made by getters (`def getLabel() {...}`).
                    for (name, decls) in &c.methods {
                        let Some(prop) = name.strip_prefix("get").filter(|p| !p.is_empty()) else {
                            continue;
                        };
                        let prop = decapitalize(prop);
                        if decls.iter().any(|m| {
                            m.params.is_empty() && !crate::eval::classes::is_static(&m.modifiers)
                        }) && !entries.iter().any(|(k, _)| text::display(k) == prop)
                        {
                            let v = i.invoke_method(recv, name, Vec::new(), Span::default())?;
                            entries.push((Value::str(prop), v));
                        }
                    }
                }
            }
            entries.push((Value::str("class"), Value::Class(type_of(recv))));
            MapObj::linked(entries)
        }
        ("getProperty", [n]) => i.get_property(recv, &i.to_s(n)?, Span::default())?,
        ("setProperty", [n, v]) => {
            i.set_property(recv, &i.to_s(n)?, v.clone(), Span::default())?;
            Value::Null
        }
        ("invokeMethod", [n, a]) => {
            let n = i.to_s(n)?;
            let a = match a {
                Value::List(l) => l.snapshot(),
                Value::Null => Vec::new(),
                other => vec![other.clone()],
            };
            i.invoke_method(recv, &n, a, Span::default())?
        }
        ("getMetaClass", []) => super::metaclass::of(recv),
        ("iterator", []) => {
            let items = i.to_list(recv)?;
            crate::eval::value::Object::native(
                crate::eval::types::known("java.util.Iterator"),
                Native::Iterator(items, 0, None),
            )
        }
        (
            "each" | "eachWithIndex" | "collect" | "find" | "findAll" | "any" | "every" | "inject"
            | "grep" | "findResult" | "sum" | "toList" | "collectEntries" | "findIndexOf" | "count"
            | "withIndex" | "indexed" | "join" | "max" | "min",
            _,
        ) => {
            if matches!(recv, Value::Null) {
                return Ok(None);
            }
            let items = match recv {
                Value::Object(o)
                    if o.native
                        .as_ref()
                        .is_some_and(|n| matches!(&*n.lock(), Native::Iterator(..))) =>
                {
                    i.to_list(recv)?
                }
                Value::Object(_) if i.responds_to(recv, "iterator") => i.to_list(recv)?,
                _ => vec![recv.clone()],
            };
            let list = ListObj::array_list(items);
            return match super::collection::call(i, &list, name, args)? {
                Some(Value::List(l)) if name == "each" || name == "eachWithIndex" => {
                    let _ = l;
                    Ok(Some(recv.clone()))
                }
                other => Ok(other),
            };
        }
        _ => return Ok(None),
    }))
}

fn clone_body<'a>(c: &crate::eval::value::Closure<'a>) -> crate::eval::value::ClosureBody<'a> {
    use crate::eval::value::ClosureBody;
    match &c.body {
        ClosureBody::Code {
            ast,
            scope,
            class,
            is_static,
            class_name,
        } => ClosureBody::Code {
            ast,
            scope: scope.clone(),
            class: class.clone(),
            is_static: *is_static,
            class_name: class_name.clone(),
        },
        ClosureBody::MethodPointer { receiver, name } => ClosureBody::MethodPointer {
            receiver: receiver.clone(),
            name: name.clone(),
        },
        ClosureBody::Composed(a, b) => ClosureBody::Composed(a.clone(), b.clone()),
        ClosureBody::Curried { inner, at, fixed } => ClosureBody::Curried {
            inner: inner.clone(),
            at: *at,
            fixed: fixed.clone(),
        },
        ClosureBody::Memoized { inner, .. } => ClosureBody::Curried {
            inner: inner.clone(),
            at: 0,
            fixed: Vec::new(),
        },
        ClosureBody::Native(f) => ClosureBody::Native(f.clone()),
    }
}

/// A copy of a closure with its own delegate (what `with`, `rehydrate` and DSL helpers use).
#[must_use]
pub fn copy_closure<'a>(c: &crate::eval::value::Closure<'a>) -> Value<'a> {
    crate::eval::closure::derived(c, clone_body(c), c.arity)
}

/// A property read on a built-in value: `class`, then a `getX()`/`isX()` method.
pub fn property<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str) -> Found<'a> {
    if name == "class" {
        return Ok(Some(match recv {
            Value::Class(_) => Value::Class(crate::eval::types::known("java.lang.Class")),
            _ => Value::Class(type_of(recv)),
        }));
    }
    if let Some(g) = super::xml::gpath(recv) {
        return Ok(Some(super::xml::property(&g, name)));
    }
    if let Some(v) = super::expando::property(recv, name) {
        return Ok(Some(v));
    }
    if let (Some(g), Some(host)) = (crate::eval::host::global_name(recv), &i.host) {
        if let Some(v) = host.get(i, &g, name)? {
            return Ok(Some(v));
        }
    }
    if let Some(v) = super::binding::property(i, recv, name)? {
        return Ok(Some(v));
    }
    if let Value::Object(o) = recv {
        if o.class.is_throwable() {
            match name {
                "message" | "localizedMessage" => {
                    return Ok(Some(o.field("message").unwrap_or(Value::Null)));
                }
                "cause" => return Ok(Some(o.field("cause").unwrap_or(Value::Null))),
                "stackTrace" => return Ok(Some(ListObj::array_list(Vec::new()))),
                _ => {
                    if let Some(v) = o.field(name) {
                        return Ok(Some(v));
                    }
                }
            }
        }
        if let Some(n) = &o.native {
            let entry = match &*n.lock() {
                Native::Entry(k, v, _) => Some((k.clone(), v.clone())),
                _ => None,
            };
            if let Some((k, v)) = entry {
                match name {
                    "key" => return Ok(Some(k)),
                    "value" => return Ok(Some(v)),
                    _ => {}
                }
            }
        }
    }
    if let Value::Closure(c) = recv {
        match name {
            "delegate" => return Ok(Some(c.delegate())),
            "owner" => return Ok(Some(c.owner.clone())),
            "thisObject" => return Ok(Some(c.this.clone())),
            "resolveStrategy" => return Ok(Some(Value::Int(c.strategy() as i32))),
            "maximumNumberOfParameters" => return Ok(Some(Value::Int(c.arity as i32))),
            "parameterTypes" => {
                return Ok(Some(ListObj::array_list(
                    c.param_types
                        .iter()
                        .map(|t| {
                            Value::Class(
                                i.class_by_name(t)
                                    .unwrap_or(Type::Primitive(static_prim(t))),
                            )
                        })
                        .collect(),
                )));
            }
            _ => {}
        }
    }
    if let Value::List(l) = recv {
        if name == "length" && matches!(l.kind, crate::eval::value::ListKind::Array(_)) {
            return Ok(Some(Value::Int(l.items.lock().len() as i32)));
        }
    }
    if let Value::List(_) | Value::Set(_) = recv {
        if name == "empty" {
            return Ok(Some(Value::Bool(i.to_list(recv)?.is_empty())));
        }
        {
            // `list.name` is `list*.name`.
            let mut out = Vec::new();
            // Groovy's `getAt(Collection, String)` skips null elements.
            for item in i.to_list(recv)? {
                if !item.is_null() {
                    out.push(i.get_property(&item, name, Span::default())?);
                }
            }
            return Ok(Some(ListObj::array_list(out)));
        }
    }
    if name == "properties" {
        return call(i, recv, "getProperties", &[]);
    }
    let cap = capitalize(name);
    for getter in [format!("get{cap}"), format!("is{cap}")] {
        let found = match recv {
            Value::Object(o) if matches!(o.class, Type::User(_)) => {
                builtin(i, recv, &getter, &[], false)?
            }
            _ => super::call(i, recv, &getter, &[])?,
        };
        if let Some(v) = found {
            if getter.starts_with("is") && !matches!(v, Value::Bool(_)) {
                continue;
            }
            return Ok(Some(v));
        }
    }
    if let Value::Class(t) = recv {
        return super::statics::static_property(i, t, name);
    }
    Ok(None)
}

fn static_prim(t: &str) -> &'static str {
    crate::eval::types::PRIMITIVES
        .iter()
        .find(|(p, _)| *p == t)
        .map_or("java.lang.Object", |(p, _)| p)
}

/// Writes a property of a built-in object.
pub fn set_property<'a>(
    i: &Interp<'a>,
    recv: &Value<'a>,
    name: &str,
    value: Value<'a>,
) -> Result<bool, Signal<'a>> {
    if super::metaclass::set_property(recv)? {
        return Ok(true);
    }
    if let (Some(g), Some(host)) = (crate::eval::host::global_name(recv), &i.host) {
        if host.set(i, &g, name, value.clone())? {
            return Ok(true);
        }
    }
    if super::expando::set_property(recv, name, value.clone())
        || super::binding::set_property(i, recv, name, value.clone())
    {
        return Ok(true);
    }
    if let Value::Object(o) = recv {
        if let Some(n) = &o.native {
            let mut state = n.lock();
            if let Native::Entry(k, v, map) = &mut *state {
                if name == "value" {
                    *v = value.clone();
                    if let Some(m) = map {
                        super::map::put(m, k.clone(), value);
                    }
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}

/// Methods on `null` (NullObject).
pub fn null_method<'a>(i: &Interp<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    Ok(Some(match (name, args) {
        ("toString", []) => Value::str("null"),
        ("inspect", []) => Value::str("null"),
        ("equals" | "is", [o]) => Value::Bool(o.is_null()),
        ("asBoolean", []) => Value::Bool(false),
        ("hashCode", []) => Value::Int(0),
        ("getClass", []) => Value::Null,
        ("iterator", []) => crate::eval::value::Object::native(
            crate::eval::types::known("java.util.Iterator"),
            Native::Iterator(Vec::new(), 0, None),
        ),
        ("plus", [Value::Str(_) | Value::GString(_)]) => {
            Value::str(format!("null{}", i.to_s(&args[0])?))
        }
        ("each" | "eachWithIndex", [_]) => Value::Null,
        ("collect", [_]) => ListObj::array_list(Vec::new()),
        ("findAll", [_]) => ListObj::array_list(Vec::new()),
        ("find", [_]) => Value::Null,
        ("any", [_]) => Value::Bool(false),
        ("every", [_]) => Value::Bool(true),
        ("with", [Value::Closure(c)]) => i.call_closure(c, vec![Value::Null])?,
        ("println" | "print" | "printf" | "sprintf", _) => return global(i, name, args),
        _ => return Ok(None),
    }))
}

/// Methods of built-in objects that are not collections: StringBuilder, Map.Entry, Iterator,
/// Random, AtomicInteger, Date.
pub fn native_call<'a>(
    i: &Interp<'a>,
    recv: &Value<'a>,
    name: &str,
    args: &[Value<'a>],
) -> Found<'a> {
    let Value::Object(o) = recv else {
        return Ok(None);
    };
    let Some(n) = &o.native else {
        return Ok(None);
    };
    // Arguments are rendered before the lock is taken: rendering may run Groovy code.
    let texts: Vec<String> = match name {
        "append" | "leftShift" | "insert" | "plus" => {
            let mut t = Vec::new();
            for a in args {
                t.push(match a {
                    Value::Char(c) => c.to_string(),
                    _ => i.to_s(a)?,
                });
            }
            t
        }
        _ => Vec::new(),
    };
    let mut state = n.lock();
    let r = match &mut *state {
        Native::StringBuilder(s) => match (name, args) {
            ("append" | "leftShift", [_]) => {
                s.push_str(&texts[0]);
                return Ok(Some(recv.clone()));
            }
            ("toString", []) => Value::str(s.as_str()),
            ("length" | "size", []) => Value::Int(s.chars().count() as i32),
            ("reverse", []) => {
                *s = s.chars().rev().collect();
                return Ok(Some(recv.clone()));
            }
            ("insert", [idx, _]) => {
                let at = number::to_i64(idx).unwrap_or(0) as usize;
                let byte = s.char_indices().nth(at).map_or(s.len(), |(b, _)| b);
                s.insert_str(byte, &texts[1]);
                return Ok(Some(recv.clone()));
            }
            ("deleteCharAt", [idx]) => {
                let at = number::to_i64(idx).unwrap_or(0) as usize;
                if let Some((b, _)) = s.char_indices().nth(at) {
                    s.remove(b);
                } else {
                    let len = s.chars().count();
                    drop(state);
                    return throw(
                        "java.lang.StringIndexOutOfBoundsException",
                        format!("index {at},length {len}"),
                    );
                }
                return Ok(Some(recv.clone()));
            }
            ("setLength", [_]) => return Ok(None),
            ("charAt", [idx]) => {
                let at = number::to_i64(idx).unwrap_or(0) as usize;
                s.chars().nth(at).map_or(Value::Null, Value::Char)
            }
            ("isEmpty", []) => Value::Bool(s.is_empty()),
            ("indexOf", [sub]) => {
                let sub = crate::eval::text::display(sub);
                s.find(&sub).map_or(
                    Value::Int(-1),
                    |b| Value::Int(s[..b].chars().count() as i32),
                )
            }
            ("replace", [a, b, c]) => {
                let (a, b) = (
                    number::to_i64(a).unwrap_or(0) as usize,
                    number::to_i64(b).unwrap_or(0) as usize,
                );
                let with = crate::eval::text::display(c);
                let chars: Vec<char> = s.chars().collect();
                let b = b.min(chars.len());
                let mut out: String = chars[..a.min(b)].iter().collect();
                out.push_str(&with);
                out.extend(&chars[b..]);
                *s = out;
                return Ok(Some(recv.clone()));
            }
            _ => return Ok(None),
        },
        Native::Entry(k, v, map) => match (name, args) {
            ("getKey", []) => k.clone(),
            ("getValue", []) => v.clone(),
            ("setValue", [nv]) => {
                let old = std::mem::replace(v, nv.clone());
                if let Some(m) = map {
                    super::map::put(m, k.clone(), nv.clone());
                }
                old
            }
            ("toString", []) => {
                let (k, v) = (k.clone(), v.clone());
                drop(state);
                return Ok(Some(Value::str(format!("{}={}", i.to_s(&k)?, i.to_s(&v)?))));
            }
            _ => return Ok(None),
        },
        Native::Iterator(items, pos, source) => match (name, args) {
            ("remove", []) => {
                let Some(list) = source else { return Ok(None) };
                if *pos == 0 {
                    drop(state);
                    return crate::eval::error::throw_bare("java.lang.IllegalStateException");
                }
                *pos -= 1;
                items.remove(*pos);
                let mut backing = list.items.lock();
                if *pos < backing.len() {
                    backing.remove(*pos);
                }
                Value::Null
            }
            ("hasNext", []) => Value::Bool(*pos < items.len()),
            ("next", []) => {
                if *pos >= items.len() {
                    drop(state);
                    return crate::eval::error::throw_bare("java.util.NoSuchElementException");
                }
                *pos += 1;
                items[*pos - 1].clone()
            }
            _ => return Ok(None),
        },
        Native::Atomic(v) => match (name, args) {
            ("get" | "intValue" | "longValue", []) => Value::Int(*v as i32),
            ("incrementAndGet", []) => {
                *v += 1;
                Value::Int(*v as i32)
            }
            ("getAndIncrement", []) => {
                *v += 1;
                Value::Int((*v - 1) as i32)
            }
            ("decrementAndGet", []) => {
                *v -= 1;
                Value::Int(*v as i32)
            }
            ("addAndGet", [d]) => {
                *v += number::to_i64(d).unwrap_or(0);
                Value::Int(*v as i32)
            }
            ("set", [d]) => {
                *v = number::to_i64(d).unwrap_or(0);
                Value::Null
            }
            _ => return Ok(None),
        },
        Native::Random(seed) => match (name, args) {
            ("nextInt", [bound]) => {
                let b = number::to_i64(bound).unwrap_or(1).max(1);
                Value::Int(java_random_next_int(seed, b as i32))
            }
            _ => return Ok(None),
        },
        Native::Date(ms) => match (name, args) {
            ("getTime", []) => Value::Long(*ms),
            _ => return Ok(None),
        },
        Native::MetaClass(t) => {
            let t = t.clone();
            drop(state);
            return super::metaclass::call(i, &t, name, args);
        }
        Native::Pattern(_)
        | Native::Matcher(_)
        | Native::Url(_)
        | Native::Global(_)
        | Native::GPath(_)
        | Native::Reader(..)
        | Native::Writable(_)
        | Native::Digest(_) => {
            return Ok(None);
        }
    };
    Ok(Some(r))
}

/// `java.util.Random.nextInt(bound)` with Java's generator.
fn java_random_next_int(seed: &mut i64, bound: i32) -> i32 {
    let mut next = |bits: u32| -> i32 {
        *seed = (seed.wrapping_mul(0x5_DEEC_E66D).wrapping_add(0xB)) & ((1i64 << 48) - 1);
        (*seed >> (48 - bits)) as i32
    };
    if bound & -bound == bound {
        return ((i64::from(bound) * i64::from(next(31))) >> 31) as i32;
    }
    loop {
        let bits = next(31);
        let val = bits % bound;
        if bits - val + (bound - 1) >= 0 {
            return val;
        }
    }
}

/// Used by modules that need a shared empty list.
#[must_use]
pub fn empty_list<'a>() -> Value<'a> {
    ListObj::array_list(Vec::new())
}

/// Keeps `Arc` imported for the modules that build values.
pub type Shared<T> = Arc<T>;
