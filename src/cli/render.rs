//! The only terminal writer: diagnostics for people (miette); JSON lines, SARIF and GitHub
//! workflow commands for tools; messages.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "this module is the one place that writes to the terminal"
)]

mod github;
mod sarif;

use std::io::{IsTerminal as _, Write as _};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

pub(super) use sarif::SarifLog;

/// Prints diagnostics for people on stderr, with colours when stderr is a terminal.
pub(super) fn human(source: &SourceFile, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    let text = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        crate::diagnostic::render_with(&miette::GraphicalReportHandler::new(), source, diagnostics)
    } else {
        crate::diagnostic::render_plain(source, diagnostics, 100)
    };
    let _ = std::io::stderr().write_all(text.as_bytes());
}

#[derive(Serialize)]
struct JsonFile<'a> {
    file: &'a str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

/// Prints one JSON object for `file` on one line of stdout (the documented machine format).
pub(super) fn json(file: &str, source: &SourceFile, diagnostics: &[Diagnostic]) {
    let diagnostics = diagnostics
        .iter()
        .map(|d| {
            let start = source.line_col(d.span.start as usize);
            let end = source.line_col(d.span.end as usize);
            JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                message: &d.message,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
            }
        })
        .collect();
    let line = serde_json::to_string(&JsonFile { file, diagnostics }).unwrap_or_default();
    stdout(&format!("{line}\n"));
}

/// Prints the SARIF log of a whole run on stdout.
pub(super) fn sarif(log: &SarifLog) {
    stdout(&format!("{}\n", log.to_json()));
}

/// Prints GitHub Actions workflow commands for `file`'s diagnostics on stdout.
pub(super) fn github(file: &str, source: &SourceFile, diagnostics: &[Diagnostic]) {
    stdout(&github::commands(file, source, diagnostics));
}

/// Prints a plain message on stderr.
pub(super) fn message(text: &str) {
    eprintln!("jfrun: {text}");
}

/// Prints text on stdout as it is. A closed pipe (`jfrun parse --ast F | head`) is not an
/// error worth a panic: the reader has what it wanted.
pub(super) fn stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Prints clap's usage error or help.
pub(super) fn clap_error(e: &clap::Error) {
    let _ = e.print();
}
