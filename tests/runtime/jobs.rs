//! `--job NAME=PATH` (and `.jfrun.toml`'s `[jobs]`): `build job: NAME` runs that local
//! Jenkinsfile as a child build and gives back its result.

use super::{expect_exit, has_line, pipeline};
use crate::support::Test;

const CHILD: &str = r#"
    pipeline {
        agent any
        parameters {
            string(name: 'TARGET', defaultValue: 'dev')
            booleanParam(name: 'DRY', defaultValue: false)
        }
        stages {
            stage('Deploy') {
                steps {
                    echo "deploying to ${params.TARGET} dry=${params.DRY}"
                    script { if (params.TARGET == 'broken') { error 'deploy broke' } }
                }
            }
        }
    }
    "#;

fn parent(jenkinsfile: &str) -> Test {
    pipeline(jenkinsfile)
        .file("deploy/Jenkinsfile", CHILD)
        .git()
}

#[test]
fn build_runs_the_mapped_jenkinsfile_with_parameters() {
    let t = parent(
        r#"
        node {
            def r = build job: 'deploy', parameters: [string(name: 'TARGET', value: 'prod'), booleanParam(name: 'DRY', value: true)]
            echo "child result=${r.result} number=${r.number} getResult=${r.getResult()} getNumber=${r.getNumber()}"
        }
        "#,
    );
    let run = t.run_with(&["--job", "deploy=deploy/Jenkinsfile"]);
    expect_exit(&run, 0);
    for line in [
        "Scheduling project: deploy",
        "Starting building: deploy #1",
        "deploying to prod dry=true",
        "child result=SUCCESS number=1 getResult=SUCCESS getNumber=1",
    ] {
        assert!(has_line(&run.stdout, line), "{line}\n{}", run.stdout);
    }
    // The child job keeps its own build numbers.
    let run = t.run_with(&["--job", "deploy=deploy/Jenkinsfile"]);
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, "Starting building: deploy #2"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_failed_child_fails_the_parent() {
    let t = parent(
        r"
        node {
            build job: 'deploy', parameters: [string(name: 'TARGET', value: 'broken')]
            echo 'not reached'
        }
        ",
    );
    let run = t.run_with(&["--job", "deploy=deploy/Jenkinsfile"]);
    expect_exit(&run, 1);
    assert!(has_line(&run.stdout, "deploy broke"), "{}", run.stdout);
    assert!(
        has_line(
            &run.stdout,
            "deploy #1 completed with status FAILURE (propagate: false to ignore)"
        ),
        "{}",
        run.stdout
    );
    assert!(!has_line(&run.stdout, "not reached"), "{}", run.stdout);
}

#[test]
fn propagate_false_gives_the_result_without_failing() {
    let t = parent(
        r#"
        node {
            def r = build job: 'deploy', propagate: false, parameters: [string(name: 'TARGET', value: 'broken')]
            echo "child said ${r.result}"
        }
        "#,
    )
    .file(".jfrun.toml", "[jobs]\ndeploy = \"deploy/Jenkinsfile\"\n")
    .git();
    let run = t.run();
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, "child said FAILURE"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_unmapped_job_or_wait_false_is_a_clear_error() {
    let t = parent("node { build job: 'other' }\n");
    let run = t.run();
    expect_exit(&run, 1);
    assert!(
        has_line(&run.stdout, "no local Jenkinsfile is mapped to that job"),
        "{}",
        run.stdout
    );
    let t = parent("node { build job: 'deploy', wait: false }\n");
    let run = t.run_with(&["--job", "deploy=deploy/Jenkinsfile"]);
    expect_exit(&run, 1);
    assert!(has_line(&run.stdout, "wait: false"), "{}", run.stdout);
}
