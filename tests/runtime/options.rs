//! `options { }` on the pipeline: `retry` reruns every stage and a failed attempt does not
//! make the build fail, `withCredentials` wraps the stages, `checkoutToSubdirectory` takes any
//! expression, and options that concern a Jenkins controller are accepted.

use super::{expect_exit, has_line, pipeline};

#[test]
fn a_pipeline_retried_after_a_failure_succeeds() {
    let run = pipeline(
        r#"
pipeline {
    agent any
    options { retry(3) }
    stages {
        stage('Count') { steps { script { runs = (binding.hasVariable('runs') ? runs : 0) + 1 } } }
        stage('Flaky') { steps { script { if (runs < 2) { error 'try again' } } } }
        stage('After') { steps { echo "after, run ${runs}" } }
    }
    post { success { echo 'post: success' } }
}
"#,
    )
    .run();
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "Retrying"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "after, run 2"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "post: success"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "Finished: SUCCESS"), "{}", run.stdout);
}

#[test]
fn with_credentials_as_an_option_binds_for_every_stage() {
    let run = pipeline(
        r#"
pipeline {
    agent any
    options { withCredentials([usernamePassword(credentialsId: 'db', usernameVariable: 'U', passwordVariable: 'P')]) }
    stages {
        stage('One') { steps { sh 'echo "one $U $P"' } }
        stage('Two') { steps { echo "two ${env.U}" } }
    }
}
"#,
    )
    .file(
        "creds.toml",
        "[db]\ntype = \"usernamePassword\"\nusername = \"dbuser\"\npassword = \"s3cretPw\"\n",
    )
    .run_with(&["--credentials", "creds.toml"]);
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "one dbuser ****"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "two dbuser"), "{}", run.stdout);
    assert!(!run.stdout.contains("s3cretPw"), "{}", run.stdout);
}

#[test]
fn checkout_to_subdirectory_evaluates_its_argument_and_restart_options_are_accepted() {
    let run = pipeline(
        r#"
def part() { 'dir' }
pipeline {
    agent any
    options {
        checkoutToSubdirectory("sub${part()}")
        disableRestartFromStage()
    }
    stages {
        stage('S') { steps { dir('subdir') { echo "found: ${fileExists('Jenkinsfile')}" } } }
    }
}
"#,
    )
    .run();
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "found: true"), "{}", run.stdout);
}
