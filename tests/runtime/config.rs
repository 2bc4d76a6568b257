//! `.jfrun.toml` in the repository root gives defaults for `jfrun run`'s flags; the command
//! line overrides them, and a key jfrun does not know stops the run with exit 2.

use super::{expect_exit, has_line, pipeline};
use crate::support::Test;

const SHOW: &str = r#"
    pipeline {
        agent any
        parameters { string(name: 'WHO', defaultValue: 'nobody') }
        stages {
            stage('Build') { steps { echo "who=${params.WHO} color=${env.COLOR} branch=${env.BRANCH_NAME}" } }
            stage('Test') { steps { echo 'test ran' } }
        }
    }
    "#;

#[test]
fn the_file_gives_the_jenkinsfile_parameters_environment_and_stages() {
    let t = Test::new()
        .file("ci/Jenkinsfile", SHOW)
        .file(
            ".jfrun.toml",
            r#"
            file = "ci/Jenkinsfile"
            branch = "release"
            stages = ["Build"]
            [params]
            WHO = "toml"
            [env]
            COLOR = "blue"
            "#,
        )
        .git()
        .args(["run"]);
    let run = t.run();
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, "who=toml color=blue branch=release"),
        "{}",
        run.stdout
    );
    assert!(!has_line(&run.stdout, "test ran"), "{}", run.stdout);
}

#[test]
fn command_line_flags_win_key_by_key() {
    let t = pipeline(SHOW)
        .file(
            ".jfrun.toml",
            r#"
            [params]
            WHO = "toml"
            [env]
            COLOR = "blue"
            "#,
        )
        .git();
    let run = t.run_with(&["-p", "WHO=cli", "--stage", "Test"]);
    expect_exit(&run, 0);
    assert!(!has_line(&run.stdout, "who="), "{}", run.stdout);
    let run = t.run_with(&["-p", "WHO=cli"]);
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, "who=cli color=blue"),
        "{}",
        run.stdout
    );
    assert!(has_line(&run.stdout, "test ran"), "{}", run.stdout);
}

#[test]
fn format_json_in_the_file_gives_json_events() {
    let t = pipeline(SHOW)
        .file(".jfrun.toml", "format = \"json\"\n")
        .git();
    let run = t.run();
    expect_exit(&run, 0);
    let first = run.stdout.lines().next().unwrap_or("");
    assert!(first.starts_with('{'), "{}", run.stdout);
    let run = t.run_with(&["--format", "human"]);
    assert!(has_line(&run.stdout, "Finished: SUCCESS"), "{}", run.stdout);
}

#[test]
fn paths_in_the_file_are_relative_to_its_folder() {
    let t = Test::new()
        .file(
            "ci/Jenkinsfile",
            r#"
            node {
                withCredentials([string(credentialsId: 'tok', variable: 'T')]) {
                    sh 'test "$T" = s3cr3t && echo cred-ok'
                }
            }
            "#,
        )
        .file(
            "secrets/creds.toml",
            "[tok]\ntype = \"string\"\nsecret = \"s3cr3t\"\n",
        )
        .file("docs/README", "docs\n")
        .file(
            ".jfrun.toml",
            "file = \"ci/Jenkinsfile\"\ncredentials = \"secrets/creds.toml\"\n",
        )
        .git()
        .args(["run"]);
    // Run from a subfolder: the file is found at the top of the work tree, and its paths are
    // read from there.
    let out = t
        .command()
        .current_dir(t.path().join("docs"))
        .output()
        .expect("run jfrun");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(has_line(&stdout, "cred-ok"), "{stdout}");
}

#[test]
fn an_unknown_key_is_an_error_naming_the_key_and_the_file() {
    let t = pipeline(SHOW).file(".jfrun.toml", "colour = true\n").git();
    let run = t.run();
    expect_exit(&run, 2);
    assert!(run.stderr.contains(".jfrun.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("colour"), "{}", run.stderr);
    assert!(!has_line(&run.stdout, "Started"), "{}", run.stdout);
}

#[test]
fn a_wrong_type_is_an_error_naming_the_key_and_the_file() {
    let t = pipeline(SHOW)
        .file(".jfrun.toml", "in_place = \"yes\"\n")
        .git();
    let run = t.run();
    expect_exit(&run, 2);
    assert!(run.stderr.contains(".jfrun.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("in_place"), "{}", run.stderr);
}
