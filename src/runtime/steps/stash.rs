//! `stash` and `unstash`: files saved under a name in one place of the build and restored in
//! another. jfrun keeps them in the build's record, `.jfrun/builds/<n>/stashes/<name>`.

use super::pattern::{Selection, copy_files};
use super::{Call, StepArgs};
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::value::Value;
use crate::runtime::context;

/// Rejects names that could not be a folder of their own (Jenkins' safe-name rule).
fn check_name<'a>(name: &str) -> Result<(), Signal<'a>> {
    if name.trim().is_empty() {
        return throw("hudson.model.Failure", "No name is specified");
    }
    if name == "." || name == ".." {
        return throw(
            "hudson.model.Failure",
            format!("“{name}” is not an allowed name"),
        );
    }
    if let Some(ch) = name
        .chars()
        .find(|c| "?*/\\%!@#$^&|<>[]:;".contains(*c) || c.is_control())
    {
        return throw(
            "hudson.model.Failure",
            format!("‘{ch}’ is an unsafe character"),
        );
    }
    Ok(())
}

fn io<'a, T>(what: &str, e: &std::io::Error) -> Result<T, Signal<'a>> {
    throw("java.io.IOException", format!("{what}: {e}"))
}

/// `stash name: 'x', includes: '**', excludes: '', useDefaultExcludes: true, allowEmpty: false`.
pub fn stash<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("stash", Some("name"), args)?;
    let name = a.required(c.i, "name")?;
    check_name(&name)?;
    let includes = a
        .string(c.i, "includes")?
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "**".into());
    let excludes = a.string(c.i, "excludes")?;
    let defaults = a.flag(c.i, "useDefaultExcludes", true)?;
    let allow_empty = a.flag(c.i, "allowEmpty", false)?;
    let sel = Selection::new(&includes, excludes.as_deref(), defaults)?;
    let cwd = context::with(|ctx| ctx.cwd.clone());
    let files = sel.files(&cwd);
    if files.is_empty() && !allow_empty {
        return throw(
            "hudson.AbortException",
            format!("No files included in stash ‘{name}’"),
        );
    }
    let dest = c.b.dir.join("stashes").join(&name);
    if dest.exists() {
        std::fs::remove_dir_all(&dest).or_else(|e| io(&dest.display().to_string(), &e))?;
    }
    std::fs::create_dir_all(&dest).or_else(|e| io(&dest.display().to_string(), &e))?;
    copy_files(&cwd, &dest, &files).or_else(|e| io(&format!("stash ‘{name}’"), &e))?;
    c.b.stashes.lock().insert(name.clone(), dest);
    c.b.log.line(&format!("Stashed {} file(s)", files.len()));
    c.b.log.event(serde_json::json!({
        "event": "stash", "name": name, "files": files.len()
    }));
    Ok(Value::Null)
}

/// `unstash 'x'`: copies the stashed files into the current directory, overwriting.
pub fn unstash<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("unstash", Some("name"), args)?;
    let name = a.required(c.i, "name")?;
    let Some(from) = c.b.stashes.lock().get(&name).cloned() else {
        return throw(
            "hudson.AbortException",
            format!("No such saved stash ‘{name}’"),
        );
    };
    let cwd = context::with(|ctx| ctx.cwd.clone());
    let mut files = Vec::new();
    super::pattern::walk(&from, "", &mut |rel, is_dir| {
        if !is_dir {
            files.push(rel.to_owned());
        }
        true
    });
    copy_files(&from, &cwd, &files).or_else(|e| io(&format!("unstash ‘{name}’"), &e))?;
    Ok(Value::Null)
}
