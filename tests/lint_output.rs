//! `jfrun lint`'s machine formats (SARIF, GitHub workflow commands), `--deny` and `--allow`,
//! and `// jfrun-ignore` comments.

use jfrun::diagnostic::{Diagnostic, Severity, render_plain};
use jfrun::lint::suppress;
use jfrun::source::{SourceFile, Span};

use crate::support::{Test, fixture_files, fixtures};

/// A syntax error (an unterminated string on line 5).
fn broken() -> String {
    std::fs::read_to_string(fixtures().join("parse/err/06-unterminated-single-quote.groovy"))
        .expect("fixture")
}

/// Clean code with ignore comments that suppress nothing: warnings only. The `é` puts the
/// second comment's code at a different byte and character column.
const UNUSED: &str = "
    node {
        // jfrun-ignore lint/no-such-lint
        echo 'héllo' // jfrun-ignore jenkins/
    }
    ";

fn sarif_schema() -> jsonschema::Validator {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sarif-schema-2.1.0.json"
    );
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("json");
    assert_eq!(
        schema["id"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    );
    assert!(jsonschema::draft4::meta::is_valid(&schema));
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

/// Parses `stdout` as one SARIF log and checks it against the official schema.
fn valid_sarif(stdout: &str) -> serde_json::Value {
    let log: serde_json::Value = serde_json::from_str(stdout).expect("one JSON document");
    let errors: Vec<String> = sarif_schema()
        .iter_errors(&log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
    log
}

#[test]
fn sarif_is_one_valid_log_for_all_files() {
    let run = Test::new()
        .file("ci/broken.groovy", &broken())
        .file("unused.groovy", UNUSED)
        .file("clean.groovy", "node { echo 'ok' }\n")
        .args([
            "lint",
            "--format",
            "sarif",
            "ci/broken.groovy",
            "unused.groovy",
            "clean.groovy",
        ])
        .run();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let log = valid_sarif(&run.stdout);
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(log["runs"][0]["tool"]["driver"]["version"], version);
    let driver = format!("\"name\": \"jfrun\",\n          \"version\": \"{version}\"");
    assert!(run.stdout.contains(&driver), "{}", run.stdout);
    let stdout = run.stdout.replace(
        &driver,
        "\"name\": \"jfrun\",\n          \"version\": \"[version]\"",
    );
    insta::assert_snapshot!(stdout);
}

/// Every malformed fixture, given by absolute path (`file:` URIs), in one log; some carry
/// related locations.
#[test]
fn sarif_of_every_parse_error_fixture_is_valid() {
    let files = fixture_files("parse/err");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jfrun"))
        .args(["lint", "--format", "sarif"])
        .args(&files)
        .output()
        .expect("run jfrun");
    assert_eq!(out.status.code(), Some(1));
    let log = valid_sarif(&String::from_utf8_lossy(&out.stdout));
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(results.len() >= files.len());
    assert!(results.iter().any(|r| r.get("relatedLocations").is_some()));
    assert!(results.iter().all(|r| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("file:///"))
    }));
}

/// The validation above can fail: a log with a level SARIF does not have is rejected.
#[test]
fn the_schema_rejects_what_is_not_sarif() {
    let run = Test::new()
        .file("broken.groovy", &broken())
        .args(["lint", "--format", "sarif", "broken.groovy"])
        .run();
    let mut log: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert!(sarif_schema().is_valid(&log));
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!sarif_schema().is_valid(&log));
    log["runs"][0]["results"][0]["level"] = "error".into();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!sarif_schema().is_valid(&log));
}

#[test]
fn sarif_of_a_clean_file_has_no_results() {
    let run = Test::new()
        .file("clean.groovy", "node { echo 'ok' }\n")
        .args(["lint", "--format", "sarif", "clean.groovy"])
        .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let log = valid_sarif(&run.stdout);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"],
        serde_json::json!([])
    );
    assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
}

#[test]
fn sarif_records_an_unreadable_file_and_exits_two() {
    let run = Test::new()
        .file("my file.groovy", &broken())
        .args([
            "lint",
            "--format",
            "sarif",
            "my file.groovy",
            "missing.groovy",
        ])
        .run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("cannot read missing.groovy"),
        "{}",
        run.stderr
    );
    let log = valid_sarif(&run.stdout);
    let run0 = &log["runs"][0];
    assert_eq!(run0["invocations"][0]["executionSuccessful"], false);
    let notification = &run0["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "missing.groovy"
    );
    assert_eq!(
        run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "my%20file.groovy"
    );
}

#[test]
fn sarif_levels_follow_deny_warnings() {
    let run = Test::new()
        .file("unused.groovy", UNUSED)
        .args([
            "lint",
            "--format",
            "sarif",
            "--deny",
            "warnings",
            "unused.groovy",
        ])
        .run();
    assert_eq!(run.status, 1);
    let log = valid_sarif(&run.stdout);
    let levels: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["level"].as_str().expect("level"))
        .collect();
    assert_eq!(levels, ["error", "error"]);
}

#[test]
fn github_commands_one_per_diagnostic_escaped() {
    let run = Test::new()
        .file("ci/a,b:c.groovy", &broken())
        .file(
            "odd.groovy",
            "node {\n    echo 'x' // jfrun-ignore lint/100%\n}\n",
        )
        .args([
            "lint",
            "--format",
            "github",
            "ci/a,b:c.groovy",
            "odd.groovy",
        ])
        .run();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn warnings_alone_exit_zero() {
    let run = Test::new().jenkinsfile(UNUSED).args(["lint"]).run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stderr.contains("lint/unused-ignore"), "{}", run.stderr);
}

#[test]
fn deny_warnings_makes_them_errors() {
    let run = Test::new()
        .jenkinsfile(UNUSED)
        .args(["lint", "--deny", "warnings", "--format", "json"])
        .run();
    assert_eq!(run.status, 1);
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("json");
    let severities: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| d["severity"].as_str().expect("severity"))
        .collect();
    assert_eq!(severities, ["error", "error"]);
    let human = Test::new()
        .jenkinsfile(UNUSED)
        .args(["lint", "--deny", "warnings"])
        .run();
    assert_eq!(human.status, 1);
    assert!(human.stderr.contains("× unused ignore"), "{}", human.stderr);
}

#[test]
fn allow_drops_a_code_or_a_prefix() {
    for allow in ["lint/unused-ignore", "lint/"] {
        let run = Test::new()
            .jenkinsfile(UNUSED)
            .args([
                "lint", "--deny", "warnings", "--allow", allow, "--format", "json",
            ])
            .run();
        assert_eq!(run.status, 0, "--allow {allow}: {}", run.stdout);
        assert_eq!(
            run.stdout, "{\"file\":\"Jenkinsfile\",\"diagnostics\":[]}\n",
            "--allow {allow}"
        );
    }
    let other = Test::new()
        .jenkinsfile(UNUSED)
        .args(["lint", "--deny", "warnings", "--allow", "jenkins/"])
        .run();
    assert_eq!(other.status, 1);
}

#[test]
fn allow_never_hides_syntax_errors() {
    let run = Test::new()
        .jenkinsfile(&broken())
        .args(["lint", "--allow", "lint/", "--allow", "jenkins/"])
        .run();
    assert_eq!(run.status, 1);
    for bad in [
        "syntax/unterminated-string",
        "syntax/",
        "unused-ignore",
        "/",
        "",
    ] {
        let run = Test::new()
            .jenkinsfile(&broken())
            .args(["lint", "--allow", bad])
            .run();
        assert_eq!(run.status, 2, "--allow {bad:?}");
        assert!(run.stderr.contains("--allow"), "{}", run.stderr);
    }
    let run = Test::new()
        .jenkinsfile(UNUSED)
        .args(["lint", "--deny", "everything"])
        .run();
    assert_eq!(run.status, 2);
}

/// A file with one line per case and the diagnostics a rule would report on it.
const SUPPRESS: &str = "\
// jfrun-ignore-file test/file-wide
node {
    sh 'a' // jfrun-ignore test/same-line
    // jfrun-ignore test/next-line, test/spare -- the reason
    /* a block comment between */

    sh 'b'
    sh 'c' // jfrun-ignore test/group/
    sh 'd' // jfrun-ignore test/elsewhere
    sh 'e'
}
";

/// A diagnostic with `code` on the first non-blank character of 1-based `line`.
fn on_line(source: &SourceFile, line: usize, code: &'static str) -> Diagnostic {
    let text = source.line_text(line);
    let line_start: usize = source
        .text()
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let start = line_start + text.len() - text.trim_start().len();
    Diagnostic::error(code, format!("{code} here"), Span::new(start, start + 2))
}

fn suppressed(text: &str, found: &[(usize, &'static str)]) -> (SourceFile, Vec<Diagnostic>) {
    let source = SourceFile::new("Jenkinsfile", text);
    let mut diagnostics: Vec<Diagnostic> = found
        .iter()
        .map(|&(line, code)| on_line(&source, line, code))
        .collect();
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    let kept = suppress::apply(&source, diagnostics);
    (source, kept)
}

fn lines_and_codes(source: &SourceFile, diagnostics: &[Diagnostic]) -> Vec<(usize, &'static str)> {
    diagnostics
        .iter()
        .map(|d| (source.line_col(d.span.start as usize).line, d.code))
        .collect()
}

#[test]
fn ignore_comments_suppress_on_their_line_the_next_line_and_the_file() {
    let (source, kept) = suppressed(
        SUPPRESS,
        &[
            (2, "test/file-wide"),
            (3, "test/same-line"),
            (3, "test/other"),
            (7, "test/next-line"),
            (7, "test/same-line"),
            (8, "test/group/one"),
            (9, "test/elsewhere-not"),
            (10, "test/elsewhere"),
            (10, "test/file-wide"),
        ],
    );
    assert_eq!(
        lines_and_codes(&source, &kept),
        [
            (3, "test/other"),
            (4, "lint/unused-ignore"),
            (7, "test/same-line"),
            (9, "test/elsewhere-not"),
            (9, "lint/unused-ignore"),
            (10, "test/elsewhere"),
        ]
    );
    insta::assert_snapshot!(render_plain(&source, &kept, 100));
}

#[test]
fn unused_ignores_are_warnings_at_the_code_they_name() {
    let (source, kept) = suppressed(SUPPRESS, &[]);
    let unused: Vec<(usize, &str)> = kept
        .iter()
        .map(|d| {
            assert_eq!(d.code, suppress::UNUSED_IGNORE);
            assert_eq!(d.severity, Severity::Warning);
            (
                source.line_col(d.span.start as usize).line,
                source.slice(d.span),
            )
        })
        .collect();
    assert_eq!(
        unused,
        [
            (1, "test/file-wide"),
            (3, "test/same-line"),
            (4, "test/next-line"),
            (4, "test/spare"),
            (8, "test/group/"),
            (9, "test/elsewhere"),
        ]
    );
}

#[test]
fn syntax_errors_cannot_be_suppressed() {
    let text = "node {\n    sh 'a' // jfrun-ignore syntax/unexpected-token, test/x\n}\n";
    let (source, kept) = suppressed(text, &[(2, "syntax/unexpected-token"), (2, "test/x")]);
    assert_eq!(
        lines_and_codes(&source, &kept),
        [(2, "syntax/unexpected-token"), (2, "lint/unused-ignore")]
    );
    assert!(
        kept.iter()
            .any(|d| d.message == "syntax errors cannot be suppressed"),
        "{kept:?}"
    );
}

#[test]
fn a_file_with_syntax_errors_reports_no_unused_ignores() {
    // The rules may not have seen the broken part, so "unused" would be a guess.
    let text = "node {\n    sh 'a' // jfrun-ignore test/x\n}\n";
    let (source, kept) = suppressed(text, &[(3, "syntax/unexpected-token")]);
    assert_eq!(
        lines_and_codes(&source, &kept),
        [(3, "syntax/unexpected-token")]
    );
}

#[test]
fn ignore_comments_from_the_command_line() {
    let run = Test::new()
        .jenkinsfile(
            "
            // jfrun-ignore lint/no-such-lint
            node {
                // jfrun-ignore
                echo '// jfrun-ignore lint/in-a-string'
            }
            ",
        )
        .args(["lint", "--format", "json"])
        .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("json");
    let found: Vec<(u64, &str)> = v["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().expect("line"),
                d["message"].as_str().expect("message"),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                1,
                "unused ignore: `lint/no-such-lint` is not reported on line 2"
            ),
            (3, "`jfrun-ignore` names no code, so it suppresses nothing"),
        ]
    );
}

/// docs/lint-json.md's table of syntax codes and the descriptions SARIF's rules carry are the
/// same list.
#[test]
fn syntax_codes_are_documented() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/lint-json.md"))
        .expect("docs");
    let table = doc.split("## Syntax codes").nth(1).expect("syntax table");
    let rows: Vec<(String, String)> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `syntax/"))
        .map(|l| {
            let (code, rest) = l.split_once("` |").expect("row");
            let description = rest.trim().trim_end_matches('|').trim();
            (format!("syntax/{code}"), description.to_string())
        })
        .collect();
    let codes: Vec<(String, String)> = jfrun::syntax::error::CODES
        .iter()
        .map(|(c, d)| ((*c).to_string(), (*d).to_string()))
        .collect();
    assert_eq!(rows, codes);
    // Every code `SyntaxError::code` can return is in the list.
    let source =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/syntax/error.rs"))
            .expect("source");
    for returned in source.split("=> \"syntax/").skip(1) {
        let code = format!("syntax/{}", returned.split('"').next().expect("code"));
        assert!(
            jfrun::syntax::error::describe(&code).is_some(),
            "{code} is missing from syntax::error::CODES and docs/lint-json.md"
        );
    }
}

/// A Jenkinsfile calling a shared library's global, and the library's folder.
fn with_library(config: &str, jenkinsfile: &str) -> Test {
    Test::new()
        .file("Jenkinsfile", jenkinsfile)
        .file(
            "libs/acme/vars/sayHello.groovy",
            "def call(String name) {\n    echo \"Hello, ${name}.\"\n}\n",
        )
        .file(".jfrun.toml", config)
}

/// The json lines' diagnostic codes.
fn codes(stdout: &str) -> Vec<String> {
    let file: serde_json::Value = serde_json::from_str(stdout.trim()).expect("json");
    file["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_owned())
        .collect()
}

#[test]
fn shared_library_globals_are_known_when_the_library_is_given_or_configured() {
    let calls = "node {\n    sayHello 'World'\n}\n";
    // No library: an unknown step, with the hint about @Library.
    let run = with_library("", calls)
        .args(["lint", "--format", "json", "Jenkinsfile"])
        .run();
    assert_eq!(codes(&run.stdout), ["lint/unknown-step"], "{}", run.stdout);
    // Named on the command line: loaded implicitly.
    let run = with_library("", calls)
        .args([
            "lint",
            "--format",
            "json",
            "--library",
            "acme=libs/acme",
            "Jenkinsfile",
        ])
        .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(codes(&run.stdout), Vec::<String>::new(), "{}", run.stdout);
    // Configured without `implicit`: known only where the file asks for it.
    let config = "[libraries.acme]\npath = \"libs/acme\"\n";
    let run = with_library(config, calls)
        .args(["lint", "--format", "json", "Jenkinsfile"])
        .run();
    assert_eq!(codes(&run.stdout), ["lint/unknown-step"], "{}", run.stdout);
    let run = with_library(config, &format!("@Library('acme@main') _\n{calls}"))
        .args(["lint", "--format", "json", "Jenkinsfile"])
        .run();
    assert_eq!(codes(&run.stdout), Vec::<String>::new(), "{}", run.stdout);
    let run = with_library(
        "[libraries.acme]\npath = \"libs/acme\"\nimplicit = true\n",
        calls,
    )
    .args(["lint", "--format", "json", "Jenkinsfile"])
    .run();
    assert_eq!(codes(&run.stdout), Vec::<String>::new(), "{}", run.stdout);
    // A malformed flag is a usage error.
    let run = with_library("", calls)
        .args(["lint", "--library", "acme", "Jenkinsfile"])
        .run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("--library takes NAME=PATH"),
        "{}",
        run.stderr
    );
}

/// The seed chapter's pipelines call functions of a library the chapter does not show; with
/// the stand-in library that defines them given to `jfrun lint`, none is an unknown step.
#[test]
fn seed_pipelines_know_the_chapter_library_functions_when_it_is_given() {
    let library = format!(
        "chapter={}",
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/libraries/chapter")
            .display()
    );
    for seed in fixture_files("seed") {
        let file = seed.display().to_string();
        let without = Test::new().args(["lint", "--format", "json", &file]).run();
        let with = Test::new()
            .args(["lint", "--format", "json", "--library", &library, &file])
            .run();
        let unknown = |out: &str| {
            codes(out)
                .iter()
                .filter(|c| *c == "lint/unknown-step")
                .count()
        };
        assert_eq!(unknown(&with.stdout), 0, "{file}: {}", with.stdout);
        if file.contains("09-") || file.contains("10-") {
            assert!(unknown(&without.stdout) > 0, "{file}: {}", without.stdout);
        }
    }
}
