//! Steps about pipeline files and the node: `readTrusted`, `validateDeclarativePipeline`,
//! `getContext(hudson.FilePath)`, and the `when` conditions about how the build started.

use super::{expect_exit, has_line, pipeline};

#[test]
fn read_trusted_reads_the_checkout_and_validate_reports_as_jenkins_does() {
    let run = pipeline(
        r#"
node {
    checkout scm
    echo readTrusted('ci/version.txt').trim()
    echo "good: ${validateDeclarativePipeline('good.groovy')}"
    echo "bad: ${validateDeclarativePipeline('bad.groovy')}"
    echo "scripted: ${validateDeclarativePipeline('scripted.groovy')}"
    echo "missing: ${validateDeclarativePipeline('absent.groovy')}"
}
"#,
    )
    .file("ci/version.txt", "4.5.6\n")
    .file(
        "good.groovy",
        "pipeline { agent any\n stages { stage('A') { steps { echo 'a' } } } }\n",
    )
    .file("scripted.groovy", "node { echo 'x' }\n")
    .file(
        "bad.groovy",
        "pipeline { agent any\n stages { stage('A') { } } }\n",
    )
    .git()
    .run();
    expect_exit(&run, 0);
    for line in [
        "4.5.6",
        "Declarative Pipeline file 'good.groovy' is valid.",
        "good: true",
        "Error(s) validating Declarative Pipeline file 'bad.groovy' - org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:",
        "bad: false",
        "Declarative Pipeline file 'scripted.groovy' does not contain the 'pipeline' step.",
        "scripted: false",
        "Declarative Pipeline file 'absent.groovy' does not exist.",
        "missing: false",
    ] {
        assert!(has_line(&run.stdout, line), "{line}:\n{}", run.stdout);
    }
}

#[test]
fn get_context_tells_whether_a_node_is_allocated() {
    let run = pipeline(
        r#"
pipeline {
    agent none
    stages {
        stage('Before') {
            when {
                beforeAgent true
                expression { getContext(hudson.FilePath) == null }
            }
            agent any
            steps { echo "on a node: ${getContext(hudson.FilePath) != null}" }
        }
    }
}
"#,
    )
    .run();
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "on a node: true"), "{}", run.stdout);
}

#[test]
fn a_build_is_never_restarted_and_is_triggered_by_its_user() {
    let run = pipeline(
        r"
pipeline {
    agent any
    stages {
        stage('Restarted') {
            when { isRestartedRun() }
            steps { echo 'ran:Restarted' }
        }
        stage('ByUser') {
            when { triggeredBy 'UserIdCause' }
            steps { echo 'ran:ByUser' }
        }
        stage('ByOther') {
            when { triggeredBy cause: 'UserIdCause', detail: 'someone-else' }
            steps { echo 'ran:ByOther' }
        }
    }
}
",
    )
    .run();
    expect_exit(&run, 0);
    assert!(!has_line(&run.stdout, "ran:Restarted"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "ran:ByUser"), "{}", run.stdout);
    assert!(!has_line(&run.stdout, "ran:ByOther"), "{}", run.stdout);
    assert!(
        has_line(
            &run.stdout,
            "Stage \"ByOther\" skipped due to when conditional"
        ),
        "{}",
        run.stdout
    );
}
