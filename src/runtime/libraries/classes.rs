//! A library's classes seen through the `library` step's result, Jenkins' `LoadedClasses`:
//! `library('acme').com.acme.Thing` walks package components to a class, whose `new(...)`,
//! static methods and static fields it reaches.

use crate::eval::error::throw;
use crate::eval::host::{Found, global};
use crate::eval::interp::Interp;
use crate::eval::types::Type;
use crate::eval::value::Value;

use super::Libraries;

/// Prefix of the host globals that stand for a library's classes (Jenkins' `LoadedClasses`):
/// `library:NAME:PACKAGE.:CLASS`.
const CLASSES_PREFIX: &str = "library:";

/// Whether a host global stands for a library's classes.
#[must_use]
pub fn owns(g: &str) -> bool {
    g.starts_with(CLASSES_PREFIX)
}

/// The classes of `library` under package `prefix` (`com.acme.`), or the class `class` in
/// it once one is named.
pub fn value<'a>(library: &str, prefix: &str, class: &str) -> Value<'a> {
    global(
        "org.jenkinsci.plugins.workflow.libs.LibraryStep$LoadedClasses",
        &format!("{CLASSES_PREFIX}{library}:{prefix}:{class}"),
    )
}

/// `library('x').com.acme`... : a package component, or a class once the name is
/// capitalised, then a static field of that class.
pub fn get<'a>(i: &Interp<'a>, libraries: &Libraries<'_>, g: &str, property: &str) -> Found<'a> {
    let (library, prefix, class) = split(g);
    if !class.is_empty() {
        if let Some(Type::User(c)) = class_named(i, &format!("{prefix}{class}")) {
            let target = Value::Class(Type::User(c));
            if let Ok(v) = i.get_property(&target, property, crate::source::Span::default()) {
                return Ok(Some(v));
            }
        }
    }
    if property.starts_with(|ch: char| ch.is_ascii_uppercase()) {
        let full_class = if class.is_empty() {
            property.to_owned()
        } else {
            format!("{class}${property}")
        };
        if class_named(i, &format!("{prefix}{full_class}")).is_none() {
            // The outermost class lives in the file named after it.
            let outer = class.split('$').find(|c| !c.is_empty()).unwrap_or(property);
            let file = format!("src/{}{outer}.groovy", prefix.replace('.', "/"));
            let looked = libraries
                .folder(library)
                .map_or_else(|| file.clone(), |f| f.join(&file).display().to_string());
            return throw(
                "groovy.lang.GroovyRuntimeException",
                format!(
                    "java.lang.ClassNotFoundException: {prefix}{full_class} (jfrun looked for {looked} in library {library})"
                ),
            );
        }
        return Ok(Some(value(library, prefix, &full_class)));
    }
    if !class.is_empty() {
        return throw(
            "groovy.lang.MissingPropertyException",
            format!("No such property: {property} for class: {prefix}{class}"),
        );
    }
    Ok(Some(value(library, &format!("{prefix}{property}."), "")))
}

/// `library('x').com.acme.Thing.new(...)` and static methods.
pub fn invoke<'a>(
    i: &Interp<'a>,
    g: &str,
    method: &str,
    args: Vec<Value<'a>>,
    span: crate::source::Span,
) -> Found<'a> {
    let (_, prefix, class) = split(g);
    let Some(Type::User(c)) = class_named(i, &format!("{prefix}{class}")) else {
        return Ok(None);
    };
    if method == "new" {
        return i.construct(&c, args).map(Some);
    }
    i.invoke_method(&Value::Class(Type::User(c)), method, args, span)
        .map(Some)
}

fn split(g: &str) -> (&str, &str, &str) {
    let rest = &g[CLASSES_PREFIX.len()..];
    let mut parts = rest.splitn(3, ':');
    let library = parts.next().unwrap_or_default();
    let prefix = parts.next().unwrap_or_default();
    let class = parts.next().unwrap_or_default();
    (library, prefix, class)
}

fn class_named<'a>(i: &Interp<'a>, full: &str) -> Option<Type<'a>> {
    i.classes.get(full).map(|c| Type::User(c.clone()))
}
