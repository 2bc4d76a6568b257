//! Steps that control the flow: `timeout` kills the process tree, `retry`, `input` answered
//! from the command line, and Ctrl-C aborting the build while `post` still runs.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{Running, expect_exit, has_line, markers, pipeline};

/// Whether process `pid` is running (a zombie is not).
fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        s.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'))
    })
}

/// Waits up to two seconds for `pid` to end; whether it did.
fn ended(pid: i32) -> bool {
    let until = Instant::now() + Duration::from_secs(2);
    while Instant::now() < until {
        if !alive(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// The pid written to `name` in the (only) workspace under `project`.
fn recorded_pid(project: &Path, name: &str) -> i32 {
    let ws = std::fs::read_dir(project.join(".jfrun/workspace"))
        .expect("workspaces")
        .map(|e| e.expect("entry").path())
        .find(|p| p.join(name).exists())
        .expect("a workspace with the pid file");
    std::fs::read_to_string(ws.join(name))
        .expect("pid file")
        .trim()
        .parse()
        .expect("a pid")
}

#[test]
fn timeout_aborts_the_build_and_kills_the_process_tree() {
    let t = pipeline(
        r"
        node {
            timeout(time: 2, unit: 'SECONDS') {
                sh 'sleep 300 & echo $! > pid; wait'
            }
        }
        ",
    );
    let started = Instant::now();
    let run = t.run();
    expect_exit(&run, 4);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(
        has_line(&run.stdout, "Timeout has been exceeded"),
        "{}",
        run.stdout
    );
    let pid = recorded_pid(t.path(), "pid");
    assert!(ended(pid), "the background sleep {pid} is still running");
}

#[test]
fn retry_runs_the_body_again_until_it_succeeds() {
    let run = pipeline(
        r#"
        node {
            retry(3) {
                sh 'n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo "attempt=$n"; [ $n -ge 2 ]'
            }
        }
        "#,
    )
    .run();
    expect_exit(&run, 0);
    assert_eq!(
        markers(&run.stdout, "attempt="),
        ["1", "2"],
        "{}",
        run.stdout
    );
    assert!(has_line(&run.stdout, "Retrying"), "{}", run.stdout);
}

#[test]
fn retry_gives_up_after_its_count() {
    let run = pipeline("node { retry(2) { echo 'try'; error 'still broken' } }").run();
    expect_exit(&run, 1);
    assert_eq!(
        run.stdout.lines().filter(|l| l.ends_with("try")).count(),
        2,
        "{}",
        run.stdout
    );
}

const INPUT: &str = r"
pipeline {
    agent any
    stages {
        stage('Deploy') {
            steps {
                input message: 'Deploy?', id: 'deploy'
                echo 'deploying'
            }
        }
    }
}
";

#[test]
fn input_aborted_from_the_command_line_aborts_the_build() {
    let run = pipeline(INPUT).run_with(&["--input", "deploy=abort"]);
    expect_exit(&run, 4);
    assert!(!has_line(&run.stdout, "deploying"), "{}", run.stdout);
    assert!(has_line(&run.stdout, "Finished: ABORTED"), "{}", run.stdout);
}

#[test]
fn input_approved_with_yes_goes_on() {
    let run = pipeline(INPUT).run_with(&["--yes"]);
    expect_exit(&run, 0);
    assert!(has_line(&run.stdout, "deploying"), "{}", run.stdout);
}

#[test]
fn ctrl_c_kills_the_step_runs_post_and_exits_aborted() {
    let t = pipeline(
        r"
        pipeline {
            agent any
            stages {
                stage('Wait') {
                    steps {
                        sh 'echo $$ > shpid; echo MARK-sleeping; sleep 30'
                        echo 'after sleep'
                    }
                }
            }
            post {
                aborted { echo 'P:aborted' }
                always {
                    echo 'P:always'
                    sh 'echo P:post-sh'
                }
            }
        }
        ",
    );
    let started = Instant::now();
    let (code, seen) = Running::until(&t, "MARK-sleeping").interrupt();
    assert!(started.elapsed() < Duration::from_secs(20), "{seen}");
    assert_eq!(code, Some(4), "{seen}");
    assert_eq!(
        markers(&seen, "P:"),
        ["always", "post-sh", "aborted"],
        "{seen}"
    );
    assert!(!has_line(&seen, "after sleep"), "{seen}");
    let sh = recorded_pid(t.path(), "shpid");
    assert!(ended(sh), "the step's shell {sh} is still running");
}
