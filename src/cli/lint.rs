//! `jfrun lint`: files → diagnostics → the renderer; and `jfrun parse --ast`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{EXIT_FOUND, EXIT_OK, EXIT_USAGE, Format, render};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::suppress::code_matches;
use crate::source::SourceFile;

/// How `jfrun lint` reports: the format and what the command line allows or denies.
#[derive(Debug)]
pub(super) struct Options {
    /// Output format.
    pub format: Format,
    /// `--deny warnings`: warnings become errors.
    pub deny_warnings: bool,
    /// `--allow CODE`: codes, or prefixes ending in `/`, whose diagnostics are dropped.
    pub allow: Vec<String>,
    /// `--show-pod`: print the effective pod of every Kubernetes agent.
    pub show_pod: bool,
    /// `--library NAME=PATH|GIT_URL`.
    pub libraries: Vec<String>,
}

/// Checks `files` (default `./Jenkinsfile`) and prints what it finds in `options.format`.
pub(super) fn lint(files: &[PathBuf], options: &Options) -> u8 {
    if let Some(problem) = options.allow.iter().find_map(|c| bad_allow(c)) {
        render::message(&problem);
        return EXIT_USAGE;
    }
    let default = [PathBuf::from("Jenkinsfile")];
    let files = if files.is_empty() {
        &default[..]
    } else {
        files
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let libraries = match options
        .libraries
        .iter()
        .map(|spec| crate::library::parse_flag(spec, &cwd))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(l) => l,
        Err(e) => {
            render::message(&e);
            return EXIT_USAGE;
        }
    };
    let results = check_all(files, &libraries);
    let mut status = EXIT_OK;
    let mut sarif = render::SarifLog::default();
    for (path, result) in files.iter().zip(results) {
        let path = path.display().to_string();
        let (source, diagnostics) = match result {
            Ok(checked) => checked,
            Err(e) => {
                let text = format!("cannot read {path}: {e}");
                render::message(&text);
                sarif.unreadable(&path, text);
                status = EXIT_USAGE;
                continue;
            }
        };
        let diagnostics = options.filter(diagnostics);
        if diagnostics.iter().any(|d| d.severity == Severity::Error) && status == EXIT_OK {
            status = EXIT_FOUND;
        }
        match options.format {
            Format::Human => {
                render::human(&source, &diagnostics);
                if options.show_pod {
                    show_pods(Path::new(&path), &source);
                }
            }
            Format::Json => render::json(&path, &source, &diagnostics),
            Format::Github => render::github(&path, &source, &diagnostics),
            Format::Sarif => sarif.file(path, source, diagnostics),
        }
    }
    if options.format == Format::Sarif {
        render::sarif(&sarif);
    }
    status
}

impl Options {
    /// Drops the allowed diagnostics and turns warnings into errors when they are denied.
    fn filter(&self, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics.retain(|d| !self.allow.iter().any(|a| code_matches(a, d.code)));
        if self.deny_warnings {
            for d in &mut diagnostics {
                if d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
            }
        }
        diagnostics
    }
}

/// Why `code` cannot be given to `--allow`, if it cannot.
fn bad_allow(code: &str) -> Option<String> {
    let shaped = code.split_once('/').is_some_and(|(group, _)| {
        !group.is_empty()
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
    });
    if !shaped {
        Some(format!(
            "--allow {code}: not a code; codes look like `lint/unused-ignore`, prefixes like `lint/`"
        ))
    } else if code.starts_with("syntax/") {
        Some(format!(
            "--allow {code}: syntax errors cannot be allowed (Jenkins cannot load such a file)"
        ))
    } else {
        None
    }
}

/// A file read and checked, or why it could not be read.
type Checked = Result<(SourceFile, Vec<Diagnostic>), std::io::Error>;

/// Reads and checks every file on all cores; results keep the order of `files`. Workers take
/// the next file from a shared counter, so one large file does not leave the other cores idle.
fn check_all(files: &[PathBuf], libraries: &[crate::library::Library]) -> Vec<Checked> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(files.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Checked>> = Vec::new();
    results.resize_with(files.len(), || None);
    let done: Vec<(usize, Checked)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        mine.push((i, check(path, libraries)));
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
            *slot = Some(result);
        }
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(std::io::Error::other("the check stopped unexpectedly"))))
        .collect()
}

/// Checks one file, with the libraries of the command line and of its `.jfrun.toml`.
fn check(path: &Path, given: &[crate::library::Library]) -> Checked {
    let source = read_source(path)?;
    let config = crate::project::config_file(path);
    let mut libraries = given.to_vec();
    if let Some(config) = &config {
        for lib in crate::library::configured(config) {
            if !libraries.iter().any(|l| l.name == lib.name) {
                libraries.push(lib);
            }
        }
    }
    let project = config
        .as_deref()
        .and_then(Path::parent)
        .or_else(|| path.parent())
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let diagnostics = crate::lint::check_with_libraries(&source, &libraries, project);
    Ok((source, diagnostics))
}

/// Reads a file as UTF-8 text.
fn read_source(path: &Path) -> std::io::Result<SourceFile> {
    let bytes = std::fs::read(path)?;
    // Jenkins reads Jenkinsfiles as UTF-8; a stray invalid byte should not make the whole file
    // unreadable.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(SourceFile::new(path.display().to_string(), text))
}

/// Reads a file as UTF-8 text, reporting why not.
pub(super) fn read(path: &Path) -> Option<SourceFile> {
    read_source(path)
        .map_err(|e| render::message(&format!("cannot read {}: {e}", path.display())))
        .ok()
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

/// `--show-pod`: the effective pods of the file's Kubernetes agents, with the pod templates of
/// the `.jfrun.toml` beside it.
#[allow(clippy::print_stdout)]
fn show_pods(path: &Path, source: &SourceFile) {
    let parsed = crate::syntax::parse(source);
    let Some(script) = parsed.script.as_ref() else {
        return;
    };
    let analysed = crate::pipeline::analyse(source, script);
    let Some(p) = &analysed.pipeline else {
        return;
    };
    let given = crate::runtime::options::config::Given {
        file: true,
        format: false,
        opts: crate::runtime::options::Options {
            file: path.to_owned(),
            ..crate::runtime::options::Options::default()
        },
    };
    let templates = match crate::runtime::options::config::resolve(given) {
        Ok(o) => o.pod_templates,
        Err(e) => {
            render::message(&e);
            Vec::new()
        }
    };
    let project = path.parent().unwrap_or(Path::new("."));
    print!("{}", super::run::show_pods(p, project, &templates));
}
