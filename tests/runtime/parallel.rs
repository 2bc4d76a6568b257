//! `parallel` and `matrix`: failFast stops the siblings, without it every branch finishes;
//! a matrix runs the cells its excludes leave.

use std::time::{Duration, Instant};

use super::{expect_exit, has_line, markers, pipeline};

fn parallel(fail_fast: bool) -> String {
    format!(
        r"
        pipeline {{
            agent any
            stages {{
                stage('P') {{
                    failFast {fail_fast}
                    parallel {{
                        stage('Fast') {{ steps {{ sh 'sleep 1; exit 1' }} }}
                        stage('Slow') {{
                            steps {{
                                sh 'sleep {slow}'
                                echo 'slow done'
                            }}
                        }}
                    }}
                }}
            }}
        }}
        ",
        slow = if fail_fast { 30 } else { 3 }
    )
}

#[test]
fn fail_fast_stops_the_sibling() {
    let started = Instant::now();
    let run = pipeline(&parallel(true)).run();
    expect_exit(&run, 1);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "the sleeping branch was not stopped:\n{}",
        run.stdout
    );
    assert!(!has_line(&run.stdout, "slow done"), "{}", run.stdout);
    assert!(
        has_line(&run.stdout, "Failed in branch Fast"),
        "{}",
        run.stdout
    );
}

#[test]
fn without_fail_fast_every_branch_finishes() {
    let run = pipeline(&parallel(false)).run();
    expect_exit(&run, 1);
    assert!(has_line(&run.stdout, "slow done"), "{}", run.stdout);
}

#[test]
fn matrix_runs_the_cells_excludes_leave() {
    let run = pipeline(
        r#"
        pipeline {
            agent any
            stages {
                stage('M') {
                    matrix {
                        axes {
                            axis {
                                name 'OS'
                                values 'linux', 'mac'
                            }
                            axis {
                                name 'JDK'
                                values '11', '17'
                            }
                        }
                        excludes {
                            exclude {
                                axis {
                                    name 'OS'
                                    values 'mac'
                                }
                                axis {
                                    name 'JDK'
                                    values '11'
                                }
                            }
                        }
                        stages {
                            stage('Cell') { steps { sh 'echo "cell=$OS-$JDK"' } }
                        }
                    }
                }
            }
        }
        "#,
    )
    .run();
    expect_exit(&run, 0);
    let mut cells = markers(&run.stdout, "cell=");
    cells.sort_unstable();
    assert_eq!(cells, ["linux-11", "linux-17", "mac-17"], "{}", run.stdout);
}

#[test]
fn parallel_in_a_steps_block_runs_its_branches_concurrently() {
    let run = pipeline(
        r"
        pipeline {
            agent any
            stages {
                stage('P') {
                    steps {
                        parallel(
                            'waits': {
                                sh 'for i in $(seq 100); do [ -f b.flag ] && echo saw-flag && exit 0; sleep 0.1; done; exit 1'
                            },
                            'writes': {
                                sleep 1
                                sh 'touch b.flag'
                            }
                        )
                    }
                }
            }
        }
        ",
    )
    .run();
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "{ (Branch: waits)"), "{}", run.stdout);
    assert!(
        has_line(&run.stdout, "[P / waits] saw-flag"),
        "{}",
        run.stdout
    );
    assert!(
        has_line(&run.stdout, "[P / writes] Sleeping for 1 sec"),
        "`sleep` is the step, in seconds:\n{}",
        run.stdout
    );
}

#[test]
fn a_skipped_parallel_stage_reports_each_branch_skipped() {
    let run = pipeline(
        r"
        pipeline {
            agent any
            stages {
                stage('Bar') { steps { error 'fail out' } }
                stage('Foo') {
                    parallel {
                        stage('first') { steps { echo 'never' } }
                        stage('second') { steps { echo 'never' } }
                    }
                }
            }
        }
        ",
    )
    .run();
    expect_exit(&run, 1);
    for line in [
        "Stage \"Foo\" skipped due to earlier failure(s)",
        "{ (Branch: first)",
        "[Foo / first] Stage \"first\" skipped due to earlier failure(s)",
        "[Foo / second] Stage \"second\" skipped due to earlier failure(s)",
    ] {
        assert!(has_line(&run.stdout, line), "{line}:\n{}", run.stdout);
    }
    assert!(!has_line(&run.stdout, "never"), "{}", run.stdout);
}
