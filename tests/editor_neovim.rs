//! `jfrun lsp` in a real editor: Neovim (0.7 and later) runs headless with its built-in LSP
//! client started on `jfrun lsp`, opens Jenkinsfiles, and reports what it received
//! (tests/data/neovim/probe.lua writes it as JSON). Without `nvim` on the PATH these tests say
//! so loudly and pass, unless `JFRUN_REQUIRE_NVIM` is set, when they fail.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{fixture_files, fixtures};

/// How long one Neovim run may take before it is killed (each wait inside is 20 s at most).
const DEADLINE: Duration = Duration::from_secs(120);

/// Whether `nvim` runs; `false` after a loud message when it does not and is not required.
fn nvim_available() -> bool {
    let why = match Command::new("nvim").arg("--version").output() {
        Ok(o) if o.status.success() => return true,
        Ok(o) => format!("`nvim --version` failed: {}", o.status),
        Err(e) => format!("no nvim on the PATH: {e}"),
    };
    assert!(
        std::env::var_os("JFRUN_REQUIRE_NVIM").is_none(),
        "JFRUN_REQUIRE_NVIM is set but {why}"
    );
    #[allow(clippy::print_stderr)] // a skipped test must be seen
    {
        eprintln!("SKIPPED: Neovim tests: {why} (apt-get install neovim)");
    }
    false
}

/// Copies `files` into a temporary directory under the names given, opens them one after the
/// other in one headless Neovim attached to one `jfrun lsp`, and returns the probe's report
/// with the files in the same order.
fn probe(files: &[(&str, &Path)]) -> Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut opened = Vec::new();
    for (name, source) in files {
        let path = dir.path().join(name);
        std::fs::copy(source, &path).expect("copy the fixture");
        opened.push(path.to_str().expect("utf-8 path").to_owned());
    }
    let out = dir.path().join("report.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/neovim/probe.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("JFRUN_BIN", env!("CARGO_BIN_EXE_jfrun"))
        .env("JFRUN_FILES", opened.join("\n"))
        .env("JFRUN_OUT", &out)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("nvim starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for nvim") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not quit within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "nvim: {status}");
    let text = std::fs::read_to_string(&out).expect("the probe wrote its report");
    let report: Value = serde_json::from_str(&text).expect("the report is JSON");
    assert!(report.get("error").is_none(), "the probe failed: {report}");
    assert_eq!(report["server_stopped"], true, "{report}");
    assert_eq!(
        report["server_exit"]["code"], 0,
        "jfrun lsp exits cleanly: {report}"
    );
    let entries = report["files"].as_array().expect("files");
    assert_eq!(entries.len(), files.len(), "{report}");
    for (entry, path) in entries.iter().zip(&opened) {
        assert_eq!(entry["file"], path.as_str(), "{report}");
        assert_eq!(
            entry["published"], true,
            "no diagnostics published for {path}"
        );
    }
    report
}

/// A diagnostic as both sides can tell it: 0-based line, code and message (without the help
/// the server adds on a line of its own).
type Seen = (u64, String, String);

/// What `jfrun lint --format json` reports for `file`, sorted.
fn lint(file: &Path) -> Vec<Seen> {
    let output = Command::new(env!("CARGO_BIN_EXE_jfrun"))
        .args(["lint", "--format", "json"])
        .arg(file)
        .output()
        .expect("jfrun lint runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    let mut seen: Vec<Seen> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().expect("line") - 1,
                d["code"].as_str().expect("code").to_owned(),
                d["message"].as_str().expect("message").to_owned(),
            )
        })
        .collect();
    seen.sort();
    seen
}

/// The diagnostics Neovim held for one file of the report, sorted.
fn in_editor(entry: &Value) -> Vec<Seen> {
    let mut seen: Vec<Seen> = entry["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let message = d["message"].as_str().expect("message");
            let message = message.split_once("\nhelp: ").map_or(message, |(m, _)| m);
            (
                d["line"].as_u64().expect("line"),
                d["code"].as_str().expect("code").to_owned(),
                message.to_owned(),
            )
        })
        .collect();
    seen.sort();
    seen
}

#[test]
fn neovim_shows_lint_diagnostics_hover_and_completion() {
    if !nvim_available() {
        return;
    }
    let fixture = fixtures().join("lint/unknown-step/declarative-library-calls.Jenkinsfile");
    let report = probe(&[("Jenkinsfile", &fixture)]);
    let entry = &report["files"][0];

    let expected = lint(&fixture);
    assert!(!expected.is_empty(), "the fixture has diagnostics");
    assert_eq!(in_editor(entry), expected, "{entry}");

    // `sh 'mvn -B verify'` inside `steps { }` on line 16.
    assert_eq!(entry["sh"]["line"], 15, "{entry}");
    assert_eq!(entry["hover"]["answered"], true, "{entry}");
    let hover = entry["hover"]["value"].as_str().expect("hover markdown");
    let summary = jfrun::catalog::step("sh").expect("sh").summary;
    assert!(hover.starts_with("**sh**"), "{hover}");
    assert!(hover.contains(summary), "{hover}");

    // Completion right after `sh`, inside `steps { }`: the steps, `sh` among them, and no
    // section of a stage.
    let completion = &entry["completion"];
    assert_eq!(completion["answered"], true, "{entry}");
    assert!(completion["error"].is_null(), "{entry}");
    let labels = completion["labels"].as_array().expect("labels");
    assert!(labels.iter().any(|l| l == "sh"), "{entry}");
    assert!(!labels.iter().any(|l| l == "when"), "{entry}");
}

/// The seed pipelines opened in the editor show the same diagnostics as `jfrun lint`.
#[test]
fn neovim_shows_the_seed_pipelines_diagnostics_as_lint_does() {
    if !nvim_available() {
        return;
    }
    let seeds: Vec<PathBuf> = fixture_files("seed");
    assert!(!seeds.is_empty());
    let named: Vec<(String, &Path)> = seeds
        .iter()
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, p.as_path())
        })
        .collect();
    let files: Vec<(&str, &Path)> = named.iter().map(|(n, p)| (n.as_str(), *p)).collect();
    let report = probe(&files);
    for (entry, seed) in report["files"]
        .as_array()
        .expect("files")
        .iter()
        .zip(&seeds)
    {
        assert_eq!(in_editor(entry), lint(seed), "{}: {entry}", seed.display());
    }
}
