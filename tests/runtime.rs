//! What users see from `jfrun Jenkinsfile`: pipelines run by the real binary in a git
//! checkout, checked by their output, exit code (0 SUCCESS, 1 FAILURE, 3 UNSTABLE,
//! 4 ABORTED) and what they leave behind.

mod config;
mod credentials;
mod docker;
mod docker_build;
mod docker_global;
mod environment;
mod flow;
mod jobs;
mod kubernetes;
mod options;
mod parallel;
mod pipeline_files;
mod plan;
mod post;
mod progress;
mod results;
mod scripted;
mod tools;
mod when;
mod workspace;
mod zip;

use crate::support::{Run, Test};

/// A git checkout holding `Jenkinsfile`.
pub fn pipeline(jenkinsfile: &str) -> Test {
    Test::new().jenkinsfile(jenkinsfile).git().args(["run"])
}

/// The words following `prefix` on the lines of `out`, in order (`echo "P:always"` gives
/// `always` for the prefix `P:`); the shell's trace of commands (`+ echo P:always`) is left
/// out.
pub fn markers(out: &str, prefix: &str) -> Vec<String> {
    out.lines()
        .filter(|l| !l.starts_with("+ ") && !l.contains("] + "))
        .filter_map(|l| l.split_once(prefix))
        .map(|(_, rest)| rest.split_whitespace().next().unwrap_or("").to_owned())
        .collect()
}

/// Fails with the run's output unless it exited with `code`.
pub fn expect_exit(run: &Run, code: i32) {
    assert_eq!(
        run.status, code,
        "exit code\n--- stdout\n{}\n--- stderr\n{}",
        run.stdout, run.stderr
    );
}

/// Whether a line of `out` contains `text`.
pub fn has_line(out: &str, text: &str) -> bool {
    out.lines().any(|l| l.contains(text))
}
