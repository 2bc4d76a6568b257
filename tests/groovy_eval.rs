//! The evaluator against real Groovy's recordings: every script in `fixtures/groovy` must print
//! exactly what Groovy 2.4 printed, and fail exactly when Groovy failed, with the same first
//! line on stderr (`Caught: <class>: <message>`).
//!
//! Scripts named in `tests/data/groovy-known-failures.txt` are where jfrun is known to differ
//! still; the test fails when one of them starts to agree (so the list only shrinks) as well as
//! when any other script disagrees.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use jfrun::eval::{Outcome, run_script};
use jfrun::source::SourceFile;

/// A writer shared with the interpreter, read back after the run.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/groovy")
}

/// What jfrun does with one script: stdout and the first stderr line (if it failed).
fn run(path: &Path) -> (String, Option<String>) {
    let text = std::fs::read_to_string(path).expect("fixture readable");
    let file = SourceFile::new("WorkflowScript.groovy", text);
    let out = Captured::default();
    let outcome = run_script(&file, "WorkflowScript", Box::new(out.clone()));
    let stdout = String::from_utf8_lossy(&out.0.lock().expect("not poisoned")).into_owned();
    let err = match outcome {
        Outcome::Completed => None,
        Outcome::Failed { exception, .. } => Some(format!(
            "Caught: {}",
            exception.lines().next().unwrap_or("")
        )),
        Outcome::SyntaxError(_) => Some(
            "org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:"
                .to_owned(),
        ),
    };
    (stdout, err)
}

/// Whether jfrun agrees with the recording of `name`; the difference when not.
fn check(name: &str) -> Result<(), String> {
    let dir = fixtures();
    let script = dir.join(format!("{name}.groovy"));
    let want_out = std::fs::read_to_string(dir.join(format!("{name}.out"))).expect("recorded");
    let want_err = std::fs::read_to_string(dir.join(format!("{name}.err")))
        .ok()
        .map(|e| e.lines().next().unwrap_or("").trim_end().to_owned());
    let (out, err) = std::thread::Builder::new()
        .stack_size(8 * 1024 * 1024)
        .spawn(move || run(&script))
        .expect("thread")
        .join()
        .map_err(|_| format!("{name}: jfrun panicked"))?;
    if out != want_out {
        return Err(format!(
            "{name}: stdout differs\n--- groovy\n{want_out}--- jfrun\n{out}"
        ));
    }
    let err = err.map(|e| e.trim_end().to_owned());
    if err != want_err {
        return Err(format!(
            "{name}: stderr differs\n--- groovy\n{want_err:?}\n--- jfrun\n{err:?}"
        ));
    }
    Ok(())
}

#[test]
fn every_fixture_prints_what_groovy_printed() {
    let known: BTreeSet<String> = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/groovy-known-failures.txt"),
    )
    .unwrap_or_default()
    .lines()
    .map(str::trim)
    .filter(|l| !l.is_empty() && !l.starts_with('#'))
    .map(str::to_owned)
    .collect();
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures/groovy")
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == "groovy").then(|| p.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    names.sort();
    assert!(names.len() >= 300, "only {} fixtures", names.len());
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    for name in &names {
        match (check(name), known.contains(name)) {
            (Err(why), false) => unexpected.push(why),
            (Ok(()), true) => fixed.push(name.clone()),
            _ => {}
        }
    }
    assert!(
        fixed.is_empty(),
        "now agree with Groovy; remove them from tests/data/groovy-known-failures.txt: {fixed:?}"
    );
    assert!(
        unexpected.is_empty(),
        "{} scripts disagree with Groovy:\n\n{}",
        unexpected.len(),
        unexpected.join("\n\n")
    );
}
