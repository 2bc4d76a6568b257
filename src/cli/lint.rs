//! `jfrun lint`: files → diagnostics → the renderer; and `jfrun parse --ast`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// A file read and checked; `None` when it could not be read.
type Checked = Option<(SourceFile, Vec<Diagnostic>)>;

/// Reads and checks every file on all cores; results keep the order of `files`. `None` for a
/// file that could not be read (already reported). Workers take the next file from a shared
/// counter, so one large file does not leave the other cores idle.
fn check_all(files: &[PathBuf]) -> Vec<Checked> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(files.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let mut results: Vec<Checked> = Vec::new();
    results.resize_with(files.len(), || None);
    let done: Vec<(usize, Checked)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        mine.push((i, check(path)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    for (i, result) in done {
        if let Some(slot) = results.get_mut(i) {
            *slot = result;
        }
    }
    results
}

fn check(path: &Path) -> Checked {
    let source = read(path)?;
    let diagnostics = crate::lint::check(&source);
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
