//! `jfrun [run] <Jenkinsfile>`: reads the file and refuses broken ones; running pipelines is the
//! pipeline runtime's job, which this build does not have yet.

use std::path::Path;

use super::{EXIT_USAGE, lint, render};
use crate::diagnostic::Severity;

/// Runs `file` (default `./Jenkinsfile`).
pub(super) fn run(file: Option<&Path>) -> u8 {
    let path = file.unwrap_or(Path::new("Jenkinsfile"));
    let Some(source) = lint::read(path) else {
        return EXIT_USAGE;
    };
    // Jenkins compiles and validates the whole file before running any of it: a syntax error
    // or a declarative rule it breaks stops the run before it starts.
    let errors: Vec<_> = crate::lint::check(&source)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        render::human(&source, &errors);
        let what = if errors.iter().all(|d| d.code.starts_with("syntax/")) {
            "it has syntax errors"
        } else {
            "Jenkins would reject it"
        };
        render::message(&format!("refusing to run {}: {what}", path.display()));
        return EXIT_USAGE;
    }
    render::message(&format!(
        "cannot run {}: this build of jfrun reads and lints Jenkinsfiles but has no pipeline runtime yet (use `jfrun lint`)",
        path.display()
    ));
    EXIT_USAGE
}
