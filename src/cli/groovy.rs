//! `jfrun groovy FILE`: runs a plain Groovy script, printing as `groovy FILE` does; an uncaught
//! exception prints Groovy's `Caught: <class>: <message>` on stderr and exits 1.

use std::io::Write;
use std::path::Path;

use super::{EXIT_FOUND, EXIT_OK, EXIT_USAGE};
use crate::eval::{Outcome, run_script};
use crate::source::SourceFile;

/// Runs the script at `path`.
pub fn run(path: &Path) -> u8 {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "jfrun: cannot read {}: {e}",
                path.display()
            );
            return EXIT_USAGE;
        }
    };
    let file = SourceFile::new(path.display().to_string(), text);
    let class = class_name(path);
    let stdout = std::io::stdout();
    let out = Box::new(std::io::BufWriter::new(stdout));
    match run_script(&file, &class, out) {
        Outcome::Completed => EXIT_OK,
        Outcome::Failed {
            exception,
            location,
        } => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "Caught: {exception}");
            if let Some(at) = location {
                let _ = writeln!(err, "\tat {at}");
            }
            EXIT_FOUND
        }
        Outcome::SyntaxError(diagnostics) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:"
            );
            drop(err);
            super::render::human(&file, &diagnostics);
            EXIT_FOUND
        }
    }
}

/// The class Groovy gives a script: its file name without extension when that is a Java
/// identifier; otherwise (`build-helpers.groovy`) `WorkflowScript`, the name Jenkins gives a
/// Jenkinsfile.
fn class_name(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let mut chars = stem.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    if valid {
        stem.to_owned()
    } else {
        "WorkflowScript".to_owned()
    }
}
