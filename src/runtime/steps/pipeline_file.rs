//! Steps about pipeline files themselves: `readTrusted` (a file of the checkout the
//! Jenkinsfile came from) and `validateDeclarativePipeline` (Jenkins' own validation of a
//! Declarative file in the workspace, reported as the plugin reports it).

use std::fmt::Write as _;

use super::files::resolve;
use super::{Call, StepArgs};
use crate::diagnostic::Severity;
use crate::eval::error::{Eval, throw};
use crate::eval::value::Value;
use crate::source::SourceFile;

/// `readTrusted 'path'`: the file at `path` in the project the Jenkinsfile belongs to, as of
/// this build (jfrun builds the working tree, so it is the file as it is now).
pub fn read_trusted<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("readTrusted", Some("path"), args)?;
    let rel = a.required(c.i, "path")?;
    let path = c.b.project.join(&rel);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(Value::str(String::from_utf8_lossy(&bytes).into_owned())),
        Err(_) => throw(
            "hudson.AbortException",
            format!("{rel} does not exist in {}", c.b.project.display()),
        ),
    }
}

/// `validateDeclarativePipeline 'Jenkinsfile'`: true when the file is a valid Declarative
/// Pipeline; the verdict is a line of the log.
pub fn validate<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("validateDeclarativePipeline", Some("path"), args)?;
    let rel = a.string(c.i, "path")?.unwrap_or_default();
    let (ok, line) = verdict(&rel);
    c.b.log.line(&line);
    Ok(Value::Bool(ok))
}

fn verdict(rel: &str) -> (bool, String) {
    if rel.is_empty() {
        return (false, "No Declarative Pipeline file specified.".to_owned());
    }
    let path = resolve(rel);
    let text = match std::fs::read(&path) {
        Ok(bytes) if !path.is_dir() => String::from_utf8_lossy(&bytes).into_owned(),
        _ => {
            return (
                false,
                format!("Declarative Pipeline file '{rel}' does not exist."),
            );
        }
    };
    if text.is_empty() {
        return (
            false,
            format!("Declarative Pipeline file '{rel}' is empty."),
        );
    }
    let source = SourceFile::new("WorkflowScript", text);
    let parsed = crate::syntax::parse(&source);
    let mut errors = parsed.diagnostics();
    let mut has_pipeline = false;
    if let Some(script) = &parsed.script {
        let declarative = crate::pipeline::analyse(&source, script);
        has_pipeline = declarative.pipeline.is_some();
        errors.extend(declarative.diagnostics);
    }
    errors.retain(|d| d.severity == Severity::Error);
    if !errors.is_empty() {
        // As Groovy's compiler words it: `WorkflowScript: 3: message @ line 3, column 5.`
        let mut text = String::from(
            "org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:",
        );
        for d in &errors {
            let at = source.line_col(d.span.start as usize);
            let _ = write!(
                text,
                "\nWorkflowScript: {}: {} @ line {}, column {}.",
                at.line, d.message, at.line, at.column
            );
        }
        return (
            false,
            format!("Error(s) validating Declarative Pipeline file '{rel}' - {text}"),
        );
    }
    if !has_pipeline {
        return (
            false,
            format!("Declarative Pipeline file '{rel}' does not contain the 'pipeline' step."),
        );
    }
    (true, format!("Declarative Pipeline file '{rel}' is valid."))
}
