//! jenkinsfile-runner's command line: the same Jenkinsfile run with its flags (`-f`, `-a`,
//! `--runWorkspace`, `-n`, `-b`, `-c`, `-ns`, `-u`) gives what jfrun's own flags give, and the
//! flags of the Jenkins it embeds are refused with the reason.

use super::{expect_exit, has_line};
use crate::support::{Run, Test};

const PIPELINE: &str = r#"
    pipeline {
        agent any
        parameters { string(name: 'WHO', defaultValue: 'nobody') }
        stages {
            stage('Greet') {
                steps {
                    echo "OUT who=${params.WHO} job=${env.JOB_NAME} ws=${env.WORKSPACE}"
                    writeFile file: 'greeting.txt', text: "hello ${params.WHO}"
                }
            }
        }
    }
"#;

/// The lines a run printed that say what the build did: its `OUT` lines and its result.
fn outcome(r: &Run) -> Vec<String> {
    r.stdout
        .lines()
        .filter(|l| l.contains("OUT ") || l.starts_with("Finished:"))
        .map(|l| l.split_once("] ").map_or(l, |(_, rest)| rest).to_owned())
        .collect()
}

#[test]
fn jenkinsfile_runner_flags_give_the_same_build_as_jfruns_own() {
    let t = Test::new().file("ci/Jenkinsfile", PIPELINE).git();
    let ws = t.path().join("run-ws");
    let ws = ws.display().to_string();
    let own = t.run_with(&[
        "run",
        "ci/Jenkinsfile",
        "-p",
        "WHO=world",
        "--workspace",
        &ws,
    ]);
    expect_exit(&own, 0);
    std::fs::remove_dir_all(&ws).expect("clean the workspace");
    let jfr = t.run_with(&[
        "run",
        "-f",
        "ci",
        "-a",
        "WHO=world",
        "--runWorkspace",
        &ws,
        "-ns",
    ]);
    expect_exit(&jfr, 0);
    assert_eq!(outcome(&own), outcome(&jfr));
    assert_eq!(
        outcome(&jfr),
        [
            format!(
                "OUT who=world job={} ws={ws}",
                t.path().file_name().expect("name").to_string_lossy()
            ),
            "Finished: SUCCESS".to_owned()
        ]
    );
    assert!(
        std::path::Path::new(&ws).join("greeting.txt").is_file(),
        "the build wrote into --runWorkspace"
    );
    assert!(
        jfr.stderr.contains("--no-sandbox: nothing to turn off"),
        "{}",
        jfr.stderr
    );
}

/// `-n` names the job, `-b` numbers the build, `-c` says why it started, `-u` keeps a
/// parameter the pipeline does not declare.
#[test]
fn job_name_build_number_cause_and_undefined_parameters() {
    let t = Test::new()
        .jenkinsfile(
            r#"
            node {
                echo "OUT job=${env.JOB_NAME} number=${env.BUILD_NUMBER} current=${currentBuild.number} extra=${params.EXTRA} env=${env.EXTRA}"
                echo "OUT causes=${currentBuild.buildCauses.collect { it.shortDescription }}"
            }
            "#,
        )
        .git();
    let r = t.run_with(&[
        "run",
        "-n",
        "nightly",
        "-b",
        "42",
        "-c",
        "the scheduler",
        "-u",
        "-a",
        "EXTRA=yes",
    ]);
    expect_exit(&r, 0);
    assert!(
        has_line(&r.stdout, "Started by the scheduler"),
        "{}",
        r.stdout
    );
    assert_eq!(
        outcome(&r),
        [
            "OUT job=nightly number=42 current=42 extra=yes env=yes",
            "OUT causes=[Started by the scheduler]",
            "Finished: SUCCESS"
        ]
    );
    assert!(t.path().join(".jfrun/builds/42").is_dir());
    // Without -u, a parameter nothing declares is refused, as before.
    let p = Test::new().jenkinsfile(PIPELINE).git();
    let r = p.run_with(&["run", "-a", "EXTRA=yes"]);
    expect_exit(&r, 1);
    assert!(
        has_line(
            &r.stdout,
            "the pipeline declares no parameter named 'EXTRA'"
        ),
        "{}",
        r.stdout
    );
    let r = p.run_with(&["run", "-u", "-a", "EXTRA=yes"]);
    expect_exit(&r, 0);
}

#[test]
fn flags_of_the_embedded_jenkins_are_refused_with_the_reason() {
    let t = Test::new().jenkinsfile(PIPELINE).git();
    for flags in [
        &["run", "-w", "/app/jenkins"][..],
        &["run", "-p", "/usr/share/jenkins/ref/plugins"],
        &["run", "--jenkinsHome", "/tmp/home"],
        &["run", "--httpPort", "8080"],
    ] {
        let r = t.run_with(flags);
        expect_exit(&r, 2);
        assert!(
            r.stderr.contains("jfrun embeds no Jenkins"),
            "{flags:?}: {}",
            r.stderr
        );
        assert!(!has_line(&r.stdout, "Started"), "{}", r.stdout);
    }
}
