//! The shared-library steps: `library`, which loads a library while the build runs, and
//! `libraryResource`, which reads a file of the `resources/` folder of the libraries in use.

use std::path::PathBuf;

use super::{Call, StepArgs};
use crate::eval::error::{Eval, throw};
use crate::eval::value::Value;
use crate::runtime::libraries::classes;

/// `library 'name@ref'` (or `library identifier: 'name@ref'`): puts the library in use and
/// returns its classes.
pub fn library<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("library", Some("identifier"), args)?;
    let identifier = a.required(c.i, "identifier")?;
    let name = identifier
        .split_once('@')
        .map_or(identifier.as_str(), |(n, _)| n)
        .to_owned();
    let libs = &c.b.libraries;
    let Some(n) = libs.loaded.iter().position(|l| l.name == name) else {
        let configured = c.b.opts.libraries.iter().any(|l| l.name == name);
        let why = if configured {
            format!(
                "No library named {name} found (jfrun loads the libraries a `library` step names with a literal string before the build starts; write '{identifier}' as a literal)"
            )
        } else {
            format!("No library named {name} found")
        };
        return throw("hudson.AbortException", why);
    };
    if libs.active.lock()[n] {
        c.b.log
            .line(&format!("Only using first definition of library {name}"));
    } else {
        libs.activate(c.b, c.i, n);
    }
    Ok(classes::value(&name, "", ""))
}

/// `libraryResource 'path'`: a file of the `resources/` folder of the libraries in use, as
/// text (or Base64 with `encoding: 'Base64'`).
pub fn library_resource<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("libraryResource", Some("resource"), args)?;
    let resource = a.required(c.i, "resource")?;
    let encoding = a.string(c.i, "encoding")?;
    if resource.split(['/', '\\']).any(|p| p == "..") {
        return throw(
            "hudson.AbortException",
            format!("No such library resource {resource} could be found."),
        );
    }
    let found: Vec<(String, PathBuf)> =
        c.b.libraries
            .active_folders()
            .into_iter()
            .map(|(lib, f)| (lib, f.join("resources").join(&resource)))
            .filter(|(_, p)| p.is_file())
            .collect();
    match found.as_slice() {
        [] => throw(
            "hudson.AbortException",
            format!("No such library resource {resource} could be found."),
        ),
        [(_, path)] => {
            let bytes = std::fs::read(path)
                .or_else(|e| throw("java.io.IOException", format!("{}: {e}", path.display())))?;
            Ok(Value::str(match encoding.as_deref() {
                Some("Base64") => {
                    use base64::Engine;
                    base64::engine::general_purpose::STANDARD.encode(&bytes)
                }
                _ => String::from_utf8_lossy(&bytes).into_owned(),
            }))
        }
        many => throw(
            "hudson.AbortException",
            format!(
                "Library resource {resource} ambiguous among libraries [{}]",
                many.iter()
                    .map(|(l, _)| l.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
    }
}
