//! `jfrun lint`: files → diagnostics → the renderer; and `jfrun parse --ast`.

use std::path::{Path, PathBuf};

use super::{EXIT_FOUND, EXIT_OK, EXIT_USAGE, Format, render};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Checks `files` (default `./Jenkinsfile`) and prints what it finds in `format`.
pub(super) fn lint(files: &[PathBuf], format: Format) -> u8 {
    let default = [PathBuf::from("Jenkinsfile")];
    let files = if files.is_empty() {
        &default[..]
    } else {
        files
    };
    let results = check_all(files);
    let mut status = EXIT_OK;
    for (path, result) in files.iter().zip(results) {
        let Some((source, diagnostics)) = result else {
            status = EXIT_USAGE;
            continue;
        };
        if diagnostics.iter().any(|d| d.severity == Severity::Error) && status == EXIT_OK {
            status = EXIT_FOUND;
        }
        match format {
            Format::Human => render::human(&source, &diagnostics),
            Format::Json => render::json(&path.display().to_string(), &source, &diagnostics),
        }
    }
    status
}

/// Reads and checks every file, spreading the files over the machine's cores; results keep the
/// order of `files`. `None` for a file that could not be read (already reported).
fn check_all(files: &[PathBuf]) -> Vec<Option<(SourceFile, Vec<Diagnostic>)>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(files.len())
        .max(1);
    let chunk = files.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk.max(1))
            .map(|part| scope.spawn(move || part.iter().map(|f| check(f)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

fn check(path: &Path) -> Option<(SourceFile, Vec<Diagnostic>)> {
    let source = read(path)?;
    let diagnostics = crate::syntax::parse(&source).diagnostics();
    Some((source, diagnostics))
}

/// Reads a file as UTF-8 text, reporting why not.
pub(super) fn read(path: &Path) -> Option<SourceFile> {
    match std::fs::read(path) {
        Ok(bytes) => {
            // Jenkins reads Jenkinsfiles as UTF-8; a stray invalid byte should not make the
            // whole file unreadable.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Some(SourceFile::new(path.display().to_string(), text))
        }
        Err(e) => {
            render::message(&format!("cannot read {}: {e}", path.display()));
            None
        }
    }
}

/// `jfrun parse --ast FILE`.
pub(super) fn print_ast(path: &Path) -> u8 {
    let Some(source) = read(path) else {
        return EXIT_USAGE;
    };
    let parsed = crate::syntax::parse(&source);
    if let Some(script) = &parsed.script {
        render::stdout(&crate::syntax::print::render(&source, script));
    }
    if parsed.is_ok() {
        EXIT_OK
    } else {
        render::human(&source, &parsed.diagnostics());
        EXIT_FOUND
    }
}
