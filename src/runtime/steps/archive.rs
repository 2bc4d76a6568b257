//! `archiveArtifacts` (files kept with the build, under `.jfrun/builds/<n>/artifacts`) and
//! `cleanWs` (the workspace emptied, and never anything outside it).

use std::path::Path;

use super::pattern::{Patterns, Selection, copy_files, walk};
use super::{Call, StepArgs};
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::value::Value;
use crate::runtime::context;
use crate::runtime::result::BuildResult;

/// `archiveArtifacts artifacts: 'target/*.jar', excludes: '', allowEmptyArchive: false,
/// onlyIfSuccessful: false, defaultExcludes: true, caseSensitive: true, fingerprint: false`.
pub fn archive_artifacts<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("archiveArtifacts", Some("artifacts"), args)?;
    let artifacts = a.required(c.i, "artifacts")?;
    let excludes = a.string(c.i, "excludes")?;
    let allow_empty = a.flag(c.i, "allowEmptyArchive", false)?;
    let only_if_successful = a.flag(c.i, "onlyIfSuccessful", false)?;
    let defaults = a.flag(c.i, "defaultExcludes", true)?;
    if only_if_successful && c.b.current() != BuildResult::Success {
        c.b.log
            .line("Skipped archiving because build is not successful");
        return Ok(Value::Null);
    }
    c.b.log.line("Archiving artifacts");
    let sel = Selection::new(&artifacts, excludes.as_deref(), defaults)?;
    let cwd = context::with(|ctx| ctx.cwd.clone());
    let files = sel.files(&cwd);
    if files.is_empty() {
        let msg = format!(
            "No artifacts found that match the file pattern \"{artifacts}\". Configuration error?"
        );
        if allow_empty {
            c.b.log.line(&msg);
            return Ok(Value::Null);
        }
        return throw("hudson.AbortException", msg);
    }
    let dest = c.b.dir.join("artifacts");
    copy_files(&cwd, &dest, &files)
        .or_else(|e| throw("java.io.IOException", format!("archiveArtifacts: {e}")))?;
    c.b.log.event(serde_json::json!({
        "event": "artifacts", "files": files, "dir": dest.display().to_string()
    }));
    Ok(Value::Null)
}

/// `cleanWs deleteDirs: false, notFailBuild: false, patterns: [[pattern: 'x', type: 'INCLUDE']]`:
/// deletes the workspace's content (or only what the patterns select).
pub fn clean_ws<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("cleanWs", None, args)?;
    let not_fail = a.flag(c.i, "notFailBuild", false)?;
    let delete_dirs = a.flag(c.i, "deleteDirs", false)?;
    let (includes, excludes) = patterns(c, &a)?;
    let ws = c.b.workspace.clone();
    if c.b.opts.in_place {
        c.b.log.line(
            "[WS-CLEANUP] Skipped: with --in-place the workspace is the project itself, which jfrun never deletes",
        );
        return Ok(Value::Null);
    }
    c.b.log.line("[WS-CLEANUP] Deleting project workspace...");
    let outcome = if includes.is_empty() && excludes.is_empty() {
        empty_dir(&ws)
    } else {
        c.b.log
            .line("[WS-CLEANUP] Deleting files matching the patterns...");
        clean_matching(&ws, &includes, &excludes, delete_dirs)
    };
    match outcome {
        Ok(()) => {
            c.b.log.line("[WS-CLEANUP] done");
            Ok(Value::Null)
        }
        Err(e) if not_fail => {
            c.b.log
                .line(&format!("[WS-CLEANUP] Cannot delete workspace: {e}"));
            Ok(Value::Null)
        }
        Err(e) => throw(
            "hudson.AbortException",
            format!("Cannot delete workspace: {e}"),
        ),
    }
}

/// The `patterns` argument: INCLUDE and EXCLUDE patterns.
fn patterns<'a>(
    c: &Call<'_, 'a>,
    a: &StepArgs<'a>,
) -> Result<(Vec<String>, Vec<String>), Signal<'a>> {
    let mut includes = Vec::new();
    let mut excludes = Vec::new();
    let Some(list) = a.get("patterns") else {
        return Ok((includes, excludes));
    };
    for p in c.i.to_list(list)? {
        let Value::Map(m) = &p else { continue };
        let pattern = m
            .get(&Value::str("pattern"))
            .map(|v| c.i.to_s(&v))
            .transpose()?;
        let kind = m
            .get(&Value::str("type"))
            .map(|v| c.i.to_s(&v))
            .transpose()?;
        if let Some(pattern) = pattern {
            if kind.as_deref() == Some("EXCLUDE") {
                excludes.push(pattern);
            } else {
                includes.push(pattern);
            }
        }
    }
    Ok((includes, excludes))
}

/// Removes everything in `dir`, keeping `dir`.
fn empty_dir(dir: &Path) -> std::io::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for e in entries {
        let e = e?;
        if e.file_type()?.is_dir() {
            std::fs::remove_dir_all(e.path())?;
        } else {
            std::fs::remove_file(e.path())?;
        }
    }
    Ok(())
}

/// Deletes the files (and with `delete_dirs` the folders) the patterns select.
fn clean_matching(
    ws: &Path,
    includes: &[String],
    excludes: &[String],
    delete_dirs: bool,
) -> std::io::Result<()> {
    let bad = |e: Signal<'_>| std::io::Error::other(format!("invalid pattern: {}", describe(&e)));
    let inc = if includes.is_empty() {
        Patterns::new("**").map_err(bad)?
    } else {
        Patterns::of(includes.iter().map(String::as_str)).map_err(bad)?
    };
    let exc = Patterns::of(excludes.iter().map(String::as_str)).map_err(bad)?;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    walk(ws, "", &mut |rel, is_dir| {
        let selected = inc.matches(rel) && !exc.matches(rel);
        if is_dir {
            if selected && delete_dirs {
                dirs.push(rel.to_owned());
            }
        } else if selected {
            files.push(rel.to_owned());
        }
        true
    });
    for f in files {
        std::fs::remove_file(ws.join(f))?;
    }
    // Deepest folders first; only folders left empty go.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.len()));
    for d in dirs {
        let _ = std::fs::remove_dir(ws.join(d));
    }
    Ok(())
}

fn describe(_: &Signal<'_>) -> &'static str {
    "a pattern could not be compiled"
}
