//! Build results: `error`, `unstable`, `catchError`, `warnError` and
//! `skipStagesAfterUnstable`, as the exit code and the stages' lines show them.

use super::{expect_exit, has_line, pipeline};

#[test]
fn error_fails_the_build_and_skips_later_stages() {
    let run = pipeline(
        r"
        pipeline {
            agent any
            stages {
                stage('A') { steps { error 'it broke' } }
                stage('B') { steps { echo 'B ran' } }
            }
        }
        ",
    )
    .run();
    expect_exit(&run, 1);
    assert!(has_line(&run.stdout, "ERROR: it broke"), "{}", run.stdout);
    assert!(
        has_line(&run.stdout, "Stage \"B\" skipped due to earlier failure(s)"),
        "{}",
        run.stdout
    );
    assert!(!has_line(&run.stdout, "B ran"));
    assert!(has_line(&run.stdout, "Finished: FAILURE"), "{}", run.stdout);
}

#[test]
fn unstable_makes_the_build_unstable_and_later_stages_still_run() {
    let run = pipeline(
        r"
        pipeline {
            agent any
            stages {
                stage('A') { steps { unstable 'some tests failed' } }
                stage('B') { steps { echo 'B ran' } }
            }
        }
        ",
    )
    .run();
    expect_exit(&run, 3);
    assert!(has_line(&run.stdout, "some tests failed"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "B ran"), "{}", run.stdout);
    assert!(
        has_line(&run.stdout, "Finished: UNSTABLE"),
        "{}",
        run.stdout
    );
}

#[test]
fn catch_error_sets_build_and_stage_results_and_goes_on() {
    let run = pipeline(
        r"
        pipeline {
            agent any
            stages {
                stage('A') {
                    steps {
                        catchError(buildResult: 'UNSTABLE', stageResult: 'FAILURE') {
                            error 'caught'
                        }
                        echo 'after catchError'
                    }
                }
                stage('B') { steps { echo 'B ran' } }
            }
        }
        ",
    )
    .run();
    expect_exit(&run, 3);
    assert!(has_line(&run.stdout, "after catchError"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "B ran"), "{}", run.stdout);
    let a_row = run
        .stdout
        .lines()
        .rev()
        .find(|l| l.starts_with("A "))
        .expect("summary row for A");
    assert!(a_row.contains("FAILURE"), "{}", run.stdout);
}

#[test]
fn warn_error_makes_the_build_unstable_with_its_message() {
    let run = pipeline(
        r"
        pipeline {
            agent any
            stages {
                stage('A') {
                    steps {
                        warnError('lint had problems') { sh 'exit 2' }
                        echo 'after warnError'
                    }
                }
            }
        }
        ",
    )
    .run();
    expect_exit(&run, 3);
    assert!(has_line(&run.stdout, "lint had problems"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "after warnError"), "{}", run.stdout);
}

#[test]
fn skip_stages_after_unstable() {
    let run = pipeline(
        r"
        pipeline {
            agent any
            options { skipStagesAfterUnstable() }
            stages {
                stage('A') { steps { unstable 'flaky' } }
                stage('B') { steps { echo 'B ran' } }
            }
        }
        ",
    )
    .run();
    expect_exit(&run, 3);
    assert!(!has_line(&run.stdout, "B ran"), "{}", run.stdout);
    assert!(
        has_line(
            &run.stdout,
            "Stage \"B\" skipped due to earlier stage(s) marking the build as unstable"
        ),
        "{}",
        run.stdout
    );
}
