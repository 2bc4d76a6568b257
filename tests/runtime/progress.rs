//! On a terminal, running parallel branches get live status lines and every log line is
//! still printed above them; elsewhere the output is plain lines. The terminal here is the
//! pseudo-terminal that util-linux's `script` gives the command it runs.

use super::{expect_exit, pipeline};

const FAN_OUT: &str = r"
    pipeline {
        agent any
        options { skipDefaultCheckout() }
        stages {
            stage('Fan out') {
                parallel {
                    stage('alpha') { steps { sh 'sleep 0.7; echo line-from-alpha' } }
                    stage('beta') { steps { sh 'sleep 0.7; echo line-from-beta' } }
                }
            }
        }
    }
";

fn is_spinner(c: char) -> bool {
    ('\u{2800}'..='\u{28ff}').contains(&c)
}

#[test]
fn parallel_branches_show_status_lines_on_a_terminal() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        // Without `script` there is no pseudo-terminal to run under.
        return;
    }
    let t = pipeline(FAN_OUT);
    let cmd = format!("{} run Jenkinsfile", env!("CARGO_BIN_EXE_jfrun"));
    let out = std::process::Command::new("script")
        .args(["-qfec", &cmd, "/dev/null"])
        .current_dir(t.path())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .output()
        .expect("run script");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let pieces: Vec<&str> = text.split(['\n', '\r']).collect();
    for branch in ["alpha", "beta"] {
        assert!(
            pieces
                .iter()
                .any(|p| p.contains(branch) && p.contains("sh") && p.chars().any(is_spinner)),
            "no status line for {branch}:\n{text:?}"
        );
    }
    for line in ["line-from-alpha", "line-from-beta", "Finished: SUCCESS"] {
        assert!(text.contains(line), "{line} missing:\n{text}");
    }
}

#[test]
fn plain_output_has_no_status_lines() {
    let run = pipeline(FAN_OUT).run();
    expect_exit(&run, 0);
    assert!(!run.stdout.chars().any(is_spinner), "{}", run.stdout);
    assert!(!run.stdout.contains('\x1b'), "{}", run.stdout);
    assert!(run.stdout.contains("line-from-alpha"), "{}", run.stdout);
}
