//! `post { }`: conditions run in Jenkins' order whatever order they are written in, and
//! `changed`, `fixed` and `regression` compare with the previous build in the same folder.

use std::fmt::Write as _;

use super::{expect_exit, has_line, markers, pipeline};

/// A pipeline whose stage runs `steps` and whose post conditions, written in reverse order,
/// each echo `P:<condition>`.
fn with_every_condition(steps: &str) -> String {
    let conditions = [
        "cleanup",
        "unsuccessful",
        "unstable",
        "success",
        "failure",
        "aborted",
        "regression",
        "fixed",
        "changed",
        "always",
    ];
    let mut post = String::new();
    for c in conditions {
        let _ = writeln!(post, "        {c} {{ echo 'P:{c}' }}");
    }
    format!(
        "pipeline {{\n    agent any\n    stages {{\n        stage('A') {{ steps {{ {steps} }} }}\n    }}\n    post {{\n{post}    }}\n}}\n"
    )
}

#[test]
fn post_conditions_of_a_successful_build_run_in_jenkins_order() {
    let run = pipeline(&with_every_condition("echo 'ok'")).run();
    expect_exit(&run, 0);
    assert_eq!(
        markers(&run.stdout, "P:"),
        ["always", "changed", "success", "cleanup"],
        "{}",
        run.stdout
    );
}

#[test]
fn post_conditions_of_a_failed_build_run_in_jenkins_order() {
    let run = pipeline(&with_every_condition("error 'boom'")).run();
    expect_exit(&run, 1);
    assert_eq!(
        markers(&run.stdout, "P:"),
        ["always", "changed", "unsuccessful", "failure", "cleanup"],
        "{}",
        run.stdout
    );
}

#[test]
fn post_conditions_of_an_unstable_build_run_in_jenkins_order() {
    let run = pipeline(&with_every_condition("unstable 'flaky'")).run();
    expect_exit(&run, 3);
    assert_eq!(
        markers(&run.stdout, "P:"),
        ["always", "changed", "unsuccessful", "unstable", "cleanup"],
        "{}",
        run.stdout
    );
}

#[test]
fn changed_fixed_and_regression_compare_with_the_previous_build() {
    let t = pipeline(&with_every_condition(
        "script { if (env.FAIL == '1') { error 'boom' } }",
    ));
    let cases: [(&[&str], i32, &[&str]); 4] = [
        (
            &["-e", "FAIL=1"],
            1,
            &["always", "changed", "unsuccessful", "failure", "cleanup"],
        ),
        (
            &[],
            0,
            &["always", "changed", "fixed", "success", "cleanup"],
        ),
        (
            &["-e", "FAIL=1"],
            1,
            &[
                "always",
                "changed",
                "regression",
                "unsuccessful",
                "failure",
                "cleanup",
            ],
        ),
        (
            &["-e", "FAIL=1"],
            1,
            &["always", "unsuccessful", "failure", "cleanup"],
        ),
    ];
    for (n, (args, code, expected)) in cases.iter().enumerate() {
        let run = t.run_with(args);
        expect_exit(&run, *code);
        assert!(
            has_line(&run.stdout, &format!(" #{}", n + 1)),
            "build number {}:\n{}",
            n + 1,
            run.stdout
        );
        assert_eq!(markers(&run.stdout, "P:"), *expected, "{}", run.stdout);
    }
}

#[test]
fn a_stage_post_sees_the_build_result_combined_with_the_stage_result() {
    let run = pipeline(
        r"
pipeline {
    agent any
    stages {
        stage('S') {
            steps {
                catchError(buildResult: 'FAILURE', stageResult: 'UNSTABLE') { error 'uhoh' }
            }
            post {
                failure { echo 'P:stage-failure' }
                unstable { echo 'P:stage-unstable' }
            }
        }
    }
    post {
        failure { echo 'P:build-failure' }
        unstable { echo 'P:build-unstable' }
    }
}
",
    )
    .run();
    expect_exit(&run, 1);
    assert_eq!(
        markers(&run.stdout, "P:"),
        ["stage-failure", "build-failure"],
        "{}",
        run.stdout
    );
}

#[test]
fn a_result_set_in_any_case_in_post_is_seen_by_the_conditions_after_it() {
    let run = pipeline(
        r#"
pipeline {
    agent none
    stages {
        stage('S') { steps { script { currentBuild.result = 'unstable' } } }
    }
    post {
        always { echo "P:always-${currentBuild.currentResult}" }
        unstable { script { currentBuild.result = 'failure' } }
        cleanup { echo "P:cleanup-${currentBuild.result}" }
    }
}
"#,
    )
    .run();
    expect_exit(&run, 1);
    assert_eq!(
        markers(&run.stdout, "P:"),
        ["always-UNSTABLE", "cleanup-FAILURE"],
        "{}",
        run.stdout
    );
}

#[test]
fn a_failing_branch_does_not_change_what_a_sibling_post_sees_and_a_failing_post_fails_its_stage() {
    let run = pipeline(
        r"
pipeline {
    agent any
    stages {
        stage('Par') {
            parallel {
                stage('Fails') {
                    steps { error 'boom' }
                }
                stage('Slow') {
                    steps { sleep 2 }
                    post {
                        success { echo 'P:slow-success' }
                        failure { echo 'P:slow-failure' }
                    }
                }
                stage('PostFails') {
                    steps { echo 'fine' }
                    post {
                        always { error 'post broke' }
                        failure { echo 'P:postfails-failure' }
                    }
                }
            }
            post { failure { echo 'P:parent-failure' } }
        }
    }
}
",
    )
    .run();
    expect_exit(&run, 1);
    let mut seen = markers(&run.stdout, "P:");
    seen.sort();
    assert_eq!(
        seen,
        ["parent-failure", "postfails-failure", "slow-success"],
        "{}",
        run.stdout
    );
    assert!(
        has_line(&run.stdout, "PostFails     FAILURE")
            || has_line(&run.stdout, "PostFails  FAILURE"),
        "{}",
        run.stdout
    );
}
