//! Workspace files: `dir`, `pwd`, `readFile`, `writeFile`, `fileExists`, `deleteDir`. Paths are
//! relative to the current directory, as on a Jenkins agent.

use std::path::{Path, PathBuf};

use super::{Call, StepArgs};
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::value::Value;
use crate::runtime::context;

/// A path argument resolved against the current directory.
#[must_use]
pub fn resolve(rel: &str) -> PathBuf {
    let p = Path::new(rel);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        context::with(|ctx| ctx.cwd.join(p))
    }
}

fn io<'a, T>(what: &str, e: &std::io::Error) -> Result<T, Signal<'a>> {
    let class = if e.kind() == std::io::ErrorKind::NotFound {
        "java.nio.file.NoSuchFileException"
    } else {
        "java.io.IOException"
    };
    throw(class, what.to_owned())
}

/// `dir('sub') { ... }`: runs the body in a subdirectory (created when missing).
pub fn dir<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("dir", Some("path"), args)?;
    let path = resolve(&a.required(c.i, "path")?);
    let body = a.body()?;
    c.b.log
        .event(serde_json::json!({"event": "dir", "path": path.display().to_string()}));
    context::scoped(
        |ctx| ctx.cwd = path,
        || c.i.call_value(&body, Vec::new(), c.span),
    )
}

/// `pwd()` (or `pwd(tmp: true)`): the current directory.
pub fn pwd<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("pwd", None, args)?;
    if a.flag(c.i, "tmp", false)? {
        return Ok(Value::str(c.b.tmp_dir().display().to_string()));
    }
    Ok(Value::str(context::with(|ctx| {
        ctx.cwd.display().to_string()
    })))
}

/// `readFile 'f'` (`encoding` `Base64` gives the bytes in Base64).
pub fn read_file<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("readFile", Some("file"), args)?;
    let rel = a.required(c.i, "file")?;
    let path = resolve(&rel);
    let bytes = std::fs::read(&path).or_else(|e| io(&path.display().to_string(), &e))?;
    Ok(Value::str(String::from_utf8_lossy(&bytes).into_owned()))
}

/// `writeFile file: 'f', text: '...'`: creates parent folders as Jenkins does.
pub fn write_file<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("writeFile", None, args)?;
    let path = resolve(&a.required(c.i, "file")?);
    let text = a.required(c.i, "text")?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).or_else(|e| io(&parent.display().to_string(), &e))?;
    }
    std::fs::write(&path, text).or_else(|e| io(&path.display().to_string(), &e))?;
    Ok(Value::Null)
}

/// `fileExists 'f'`.
pub fn file_exists<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("fileExists", Some("file"), args)?;
    let rel = a.string(c.i, "file")?.unwrap_or_default();
    Ok(Value::Bool(resolve(&rel).exists()))
}

/// `deleteDir()`: removes the current directory and everything in it. It refuses to touch
/// anything outside the build's workspace, so the user's checkout is never deleted.
pub fn delete_dir<'a>(c: &Call<'_, 'a>, _: Vec<Value<'a>>) -> Eval<'a> {
    let cwd = context::with(|ctx| ctx.cwd.clone());
    if !c.b.opts.in_place && !cwd.starts_with(&c.b.workspace) {
        return throw(
            "java.io.IOException",
            format!(
                "deleteDir: {} is outside the build's workspace",
                cwd.display()
            ),
        );
    }
    match std::fs::remove_dir_all(&cwd) {
        Ok(()) => Ok(Value::Null),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Value::Null),
        Err(e) => io(&format!("{}: {e}", cwd.display()), &e),
    }
}
