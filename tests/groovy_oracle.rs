//! Real Groovy 2.4 (Debian's `groovy` package) as the oracle: every file under `parse/ok` must be
//! accepted by Groovy's own parser and every file under `parse/err` rejected, so the fixtures
//! (and through them jfrun's grammar) cannot drift from the language Jenkins runs.
//!
//! Skipped when `groovy` is not installed, unless `JFRUN_REQUIRE_GROOVY` is set (as
//! `scripts/test` does), in which case a missing Groovy fails the test.

use std::path::Path;
use std::process::Command;

use crate::support::fixture_files;

/// A JDK for Groovy's launcher when the system default is missing.
fn java_home() -> Option<String> {
    if let Ok(home) = std::env::var("JAVA_HOME") {
        return Some(home);
    }
    if Path::new("/usr/lib/jvm/default-java/bin/java").exists() {
        return None;
    }
    std::fs::read_dir("/usr/lib/jvm")
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join("bin/java").exists())
        .map(|p| p.display().to_string())
}

#[test]
fn groovy_agrees_with_the_fixture_folders() {
    let available = Command::new("groovy").arg("--version").output().is_ok();
    if !available {
        assert!(
            std::env::var_os("JFRUN_REQUIRE_GROOVY").is_none(),
            "groovy is required (JFRUN_REQUIRE_GROOVY is set) but not installed"
        );
        return;
    }
    let ok = fixture_files("parse/ok");
    let err = fixture_files("parse/err");
    let mut cmd = Command::new("groovy");
    cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/groovy-syntax-check.groovy"));
    cmd.args(ok.iter().chain(err.iter()));
    if let Some(home) = java_home() {
        cmd.env("JAVA_HOME", home);
    }
    let out = cmd.output().expect("run groovy");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let verdict = |path: &Path| {
        stdout
            .lines()
            .find(|l| l.split('\t').nth(1) == Some(&*path.display().to_string()))
            .and_then(|l| l.split('\t').next())
            .map(str::to_string)
    };
    let mut wrong = Vec::new();
    for p in &ok {
        if verdict(p).as_deref() != Some("OK") {
            wrong.push(format!("Groovy rejects {}", p.display()));
        }
    }
    for p in &err {
        if verdict(p).as_deref() != Some("ERR") {
            wrong.push(format!("Groovy accepts {}", p.display()));
        }
    }
    assert!(
        wrong.is_empty(),
        "{}\n{stdout}\n{}",
        wrong.join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
}
