//! What users see from `jfrun lint`: output, exit codes.

use crate::support::Test;

#[test]
fn clean_file_exits_zero() {
    let run = Test::new()
        .jenkinsfile(
            "
            pipeline {
                agent any
                stages {
                    stage('Build') {
                        steps { sh 'make' }
                    }
                }
            }
            ",
        )
        .args(["lint"])
        .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
}

#[test]
fn syntax_error_exits_one_with_location() {
    let run = Test::new()
        .jenkinsfile(
            "
            pipeline {
                stages {
                    stage('Build') {
                        steps {
                            sh 'make
                        }
                    }
                }
            }
            ",
        )
        .args(["lint"])
        .run();
    assert_eq!(run.status, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn json_is_one_object_per_file_per_line() {
    let run = Test::new()
        .file("a.groovy", "node { sh 'ok' }\n")
        .file("b.groovy", "node {\n  echo \"unterminated\n}\n")
        .args(["lint", "--format", "json", "a.groovy", "b.groovy"])
        .run();
    assert_eq!(run.status, 1);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        serde_json::json!({"file": "a.groovy", "diagnostics": []})
    );
    assert_eq!(
        lines[1],
        serde_json::json!({"file": "b.groovy", "diagnostics": [{
            "severity": "error",
            "code": "syntax/unterminated-string",
            "message": "unterminated string started here",
            "line": 2, "column": 8, "end_line": 2, "end_column": 9
        }]})
    );
}

#[test]
fn missing_file_is_a_usage_error() {
    let run = Test::new().args(["lint", "nope.groovy"]).run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("cannot read nope.groovy"),
        "{}",
        run.stderr
    );
}

#[test]
fn default_file_is_jenkinsfile() {
    let run = Test::new().args(["lint"]).run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("cannot read Jenkinsfile"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_option_is_a_usage_error() {
    let run = Test::new().args(["lint", "--bogus"]).run();
    assert_eq!(run.status, 2);
}

#[test]
fn version_and_help() {
    let run = Test::new().args(["--version"]).run();
    assert_eq!(run.status, 0);
    assert!(run.stdout.starts_with("jfrun "), "{}", run.stdout);
    let run = Test::new().args(["--help"]).run();
    assert_eq!(run.status, 0);
    assert!(
        run.stdout.contains("jfrun lint --format json"),
        "{}",
        run.stdout
    );
}

#[test]
fn run_refuses_a_malformed_file_with_exit_two() {
    let run = Test::new()
        .jenkinsfile("node {\n  sh 'x'\n")
        .args(["Jenkinsfile"])
        .run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("refusing to run Jenkinsfile"),
        "{}",
        run.stderr
    );
}

#[test]
fn run_refuses_a_pipeline_jenkins_would_reject() {
    let run = Test::new()
        .jenkinsfile("pipeline {\n  agent any\n  stages { }\n}\n")
        .args(["Jenkinsfile"])
        .run();
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("No stages specified"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("refusing to run Jenkinsfile: Jenkins would reject it"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_error_of_a_file_in_one_run() {
    let run = Test::new()
        .jenkinsfile(
            "
            node {
                def a = 1 +
                sh 'ok'
                def class = 2
                echo 'done'
            }
            ",
        )
        .args(["lint", "--format", "json"])
        .run();
    assert_eq!(run.status, 1);
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).expect("json");
    let lines: Vec<u64> = v["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| d["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(lines, vec![2, 4], "{}", run.stdout);
}

#[test]
fn absurd_nesting_is_a_diagnostic_not_a_crash() {
    let run = Test::new()
        .file("deep.groovy", &"[".repeat(100_000))
        .args(["lint", "--format", "json", "deep.groovy"])
        .run();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("syntax/nesting-too-deep"),
        "{}",
        run.stdout
    );
}
