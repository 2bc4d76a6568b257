//! `environment { }` as the Declarative plugin evaluates it: inside the agent, names that are
//! nothing else read as null, a null dereference names the variable, and `post` still runs
//! when the environment fails.

use super::{expect_exit, has_line, pipeline};

#[test]
fn environment_values_are_computed_on_the_agent() {
    let run = pipeline(
        r#"
pipeline {
    agent any
    environment { VERSION = readFile('VERSION').trim() }
    stages {
        stage('Print') { steps { echo "Version is ${VERSION}" } }
    }
}
"#,
    )
    .file("VERSION", "1.2.3\n")
    .run();
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "Version is 1.2.3"), "{}", run.stdout);
}

#[test]
fn an_undefined_name_in_an_environment_value_is_null() {
    let run = pipeline(
        r#"
pipeline {
    agent any
    environment {
        A = "VALID${SOMETHING_UNDEFINED}ORNOT"
        B = "${NOT_SET ?: 'fallback'}"
    }
    stages {
        stage('S') { steps { echo "A is ${A}, B is ${B}" } }
    }
}
"#,
    )
    .run();
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, "A is VALIDnullORNOT, B is fallback"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_null_dereference_in_an_environment_value_names_the_variable_and_post_runs() {
    let run = pipeline(
        r#"
pipeline {
    agent any
    environment { FOO = "${BAR?.contains('x') ? 'yes' : 'no'}" }
    stages {
        stage('S') { steps { echo 'never' } }
    }
    post { always { echo 'post ran' } }
}
"#,
    )
    .run();
    expect_exit(&run, 1);
    assert!(
        has_line(
            &run.stdout,
            "java.lang.IllegalArgumentException: One or more variables have some issues with their values: FOO"
        ),
        "{}",
        run.stdout
    );
    assert!(has_line(&run.stdout, "post ran"), "{}", run.stdout);
    assert!(!has_line(&run.stdout, "never"), "{}", run.stdout);
}

#[test]
fn the_sandbox_allows_new_url_but_not_system_streams() {
    let run = pipeline(
        r#"
pipeline {
    agent any
    environment { U = "${new URL('http://example.com/x')}" }
    stages {
        stage('S') {
            steps {
                echo "U is ${U}"
                script { System.err.println('hidden') }
            }
        }
    }
}
"#,
    )
    .run();
    expect_exit(&run, 1);
    assert!(
        has_line(&run.stdout, "U is http://example.com/x"),
        "{}",
        run.stdout
    );
    assert!(
        has_line(
            &run.stdout,
            "RejectedAccessException: Scripts not permitted to use staticField java.lang.System err"
        ),
        "{}",
        run.stdout
    );
}
