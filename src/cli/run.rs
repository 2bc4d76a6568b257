//! `jfrun [run] <Jenkinsfile>`: reads the file and refuses broken ones; running pipelines is the
//! pipeline runtime's job, which this build does not have yet.

use std::path::Path;

use super::{EXIT_USAGE, lint, render};

/// Runs `file` (default `./Jenkinsfile`).
pub(super) fn run(file: Option<&Path>) -> u8 {
    let path = file.unwrap_or(Path::new("Jenkinsfile"));
    let Some(source) = lint::read(path) else {
        return EXIT_USAGE;
    };
    let parsed = crate::syntax::parse(&source);
    if !parsed.is_ok() {
        render::human(&source, &parsed.diagnostics());
        render::message(&format!(
            "refusing to run {}: it has syntax errors",
            path.display()
        ));
        return EXIT_USAGE;
    }
    render::message(&format!(
        "cannot run {}: this build of jfrun reads and lints Jenkinsfiles but has no pipeline runtime yet (use `jfrun lint`)",
        path.display()
    ));
    EXIT_USAGE
}
