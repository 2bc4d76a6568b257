//! `jfrun list` and `jfrun run --dry-run`: the plan, read without running anything; and bare
//! `jfrun`, which runs ./Jenkinsfile.

use super::{expect_exit, has_line};
use crate::support::Test;

const FILE: &str = r"
pipeline {
    agent any
    stages {
        stage('Build') {
            steps {
                sh 'touch built-by-a-run'
            }
        }
        stage('Checks') {
            parallel {
                stage('Unit') {
                    when { branch 'main' }
                    steps { echo 'unit' }
                }
                stage('Lint') {
                    steps { echo 'lint' }
                }
            }
        }
    }
    post { always { echo 'done' } }
}
";

#[test]
fn list_prints_the_stage_tree() {
    let run = Test::new().jenkinsfile(FILE).git().args(["list"]).run();
    expect_exit(&run, 0);
    assert_eq!(
        run.stdout,
        "Build\nChecks (parallel)\n  || Unit\n  || Lint\n"
    );
}

#[test]
fn dry_run_prints_the_plan_and_runs_nothing() {
    let t = Test::new()
        .jenkinsfile(FILE)
        .git()
        .args(["run", "--dry-run"]);
    let run = t.run();
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "agent: any"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "when: branch main"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "post: always"), "{}", run.stdout);
    assert!(
        !t.path().join(".jfrun").exists(),
        "a dry run recorded a build"
    );
}

#[test]
fn bare_jfrun_runs_the_jenkinsfile_here() {
    let run = Test::new().jenkinsfile(FILE).git().run();
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "Finished: SUCCESS"), "{}", run.stdout);
}
