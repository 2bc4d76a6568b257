//! Credentials: secrets masked wherever they are printed, `withCredentials` bindings,
//! `credentials('id')` in `environment { }`, and the messages for a missing or mistyped id.

use super::{expect_exit, has_line, pipeline};
use crate::support::Run;

const CREDENTIALS: &str = r#"
[api-token]
type = "string"
secret = "tok3nFromFile"

[db]
type = "usernamePassword"
username = "dbuser"
password = "dbPassw0rd"

[settings]
type = "file"
content = "fileSecretBody"
filename = "settings.xml"
"#;

/// Fails if `secret` appears in what the run printed or in the build's log.
fn assert_never_shown(t: &crate::support::Test, run: &Run, secret: &str) {
    assert!(
        !run.stdout.contains(secret),
        "stdout shows it:\n{}",
        run.stdout
    );
    assert!(
        !run.stderr.contains(secret),
        "stderr shows it:\n{}",
        run.stderr
    );
    let log = std::fs::read_to_string(t.path().join(".jfrun/builds/1/log")).expect("build log");
    assert!(!log.contains(secret), "the build log shows it:\n{log}");
    assert!(log.contains("****"), "the build log has no mask:\n{log}");
}

#[test]
fn secrets_printed_by_sh_are_masked_everywhere() {
    let t = pipeline(
        r#"
        pipeline {
            agent any
            stages {
                stage('Use') {
                    steps {
                        withCredentials([string(credentialsId: 'api-token', variable: 'S'),
                                         string(credentialsId: 'cli', variable: 'C')]) {
                            sh 'echo "whole=$S"'
                            sh 'set +x; printf "%s" "${S%???}"; printf "%s\\n" "${S#${S%???}}"'
                            sh 'echo "cli=$C"; echo "err=$C" >&2'
                        }
                    }
                }
            }
        }
        "#,
    )
    .file("creds.toml", CREDENTIALS);
    let run = t.run_with(&["--credentials", "creds.toml", "--secret", "cli=cl1Secret99"]);
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "whole=****"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "cli=****"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "err=****"), "{}", run.stdout);
    assert!(
        run.stdout.lines().any(|l| l.trim_end().ends_with("] ****")),
        "the secret printed in two pieces is one masked line:\n{}",
        run.stdout
    );
    assert!(has_line(
        &run.stdout,
        "Masking supported pattern matches of $S or $C"
    ));
    assert_never_shown(&t, &run, "tok3nFromFile");
    assert_never_shown(&t, &run, "cl1Secret99");
}

#[test]
fn environment_credentials_bind_usr_and_psw() {
    let t = pipeline(
        r#"
        pipeline {
            agent any
            environment { DB = credentials('db') }
            stages {
                stage('Use') {
                    steps {
                        sh 'echo "user=$DB_USR pass=$DB_PSW both=$DB"'
                        sh 'test "$DB" = "$DB_USR:$DB_PSW" && echo joined-ok'
                    }
                }
            }
        }
        "#,
    )
    .file("creds.toml", CREDENTIALS);
    let run = t.run_with(&["--credentials", "creds.toml"]);
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, "user=dbuser pass=**** both=****"),
        "{}",
        run.stdout
    );
    assert!(has_line(&run.stdout, "joined-ok"), "{}", run.stdout);
    assert_never_shown(&t, &run, "dbPassw0rd");
}

#[test]
fn with_credentials_binds_for_the_body_only_and_deletes_secret_files() {
    let t = pipeline(
        r#"
        pipeline {
            agent any
            stages {
                stage('Use') {
                    steps {
                        withCredentials([usernamePassword(credentialsId: 'db', usernameVariable: 'U', passwordVariable: 'P'),
                                         usernameColonPassword(credentialsId: 'db', variable: 'UP'),
                                         file(credentialsId: 'settings', variable: 'F')]) {
                            sh 'echo "u=$U p=$P up=$UP"'
                            sh 'echo "$F" > ../secret-path; echo "content=$(cat "$F") name=$(basename "$F")"'
                            sh 'case "$F" in *@tmp/*) echo in-tmp;; esac'
                        }
                        sh 'echo "after=[${U:-unset}]"'
                        sh 'test ! -e "$(cat ../secret-path)" && echo file-deleted'
                    }
                }
            }
        }
        "#,
    )
    .file("creds.toml", CREDENTIALS);
    let run = t.run_with(&["--credentials", "creds.toml"]);
    expect_exit(&run, 0);
    assert!(
        has_line(&run.stdout, "u=dbuser p=**** up=****"),
        "{}",
        run.stdout
    );
    assert!(
        has_line(&run.stdout, "content=**** name=settings.xml"),
        "{}",
        run.stdout
    );
    assert!(has_line(&run.stdout, "in-tmp"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "after=[unset]"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "file-deleted"), "{}", run.stdout);
    assert_never_shown(&t, &run, "dbPassw0rd");
}

#[test]
fn a_missing_credential_fails_with_jenkins_message() {
    let run = pipeline(
        r"
        pipeline {
            agent any
            stages {
                stage('Use') {
                    steps {
                        withCredentials([string(credentialsId: 'nope', variable: 'X')]) {
                            echo 'body ran'
                        }
                    }
                }
            }
        }
        ",
    )
    .run();
    expect_exit(&run, 1);
    assert!(
        has_line(
            &run.stdout,
            "ERROR: Could not find credentials entry with ID 'nope'"
        ),
        "{}",
        run.stdout
    );
    assert!(!has_line(&run.stdout, "body ran"));
}

#[test]
fn a_missing_environment_credential_fails_before_the_stages() {
    let run = pipeline(
        r"
        pipeline {
            agent any
            environment { X = credentials('absent') }
            stages {
                stage('A') { steps { echo 'stage ran' } }
            }
        }
        ",
    )
    .run();
    expect_exit(&run, 1);
    assert!(
        has_line(
            &run.stdout,
            "Could not find credentials entry with ID 'absent'"
        ),
        "{}",
        run.stdout
    );
    assert!(!has_line(&run.stdout, "stage ran"));
}

#[test]
fn a_credential_of_the_wrong_type_is_refused() {
    let t = pipeline(
        r"
        node {
            withCredentials([string(credentialsId: 'db', variable: 'X')]) {
                echo 'body ran'
            }
        }
        ",
    )
    .file("creds.toml", CREDENTIALS);
    let run = t.run_with(&["--credentials", "creds.toml"]);
    expect_exit(&run, 1);
    assert!(
        has_line(
            &run.stdout,
            "Credentials 'db' is of type 'usernamePassword' where 'string' was expected"
        ),
        "{}",
        run.stdout
    );
    assert!(!has_line(&run.stdout, "body ran"));
}
