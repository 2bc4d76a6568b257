//! What users see from `jfrun Jenkinsfile`: pipelines run by the real binary in a git
//! checkout, checked by their output, exit code (0 SUCCESS, 1 FAILURE, 3 UNSTABLE,
//! 4 ABORTED) and what they leave behind.

mod ci;
mod config;
mod credentials;
mod docker;
mod docker_build;
mod docker_global;
mod environment;
mod flow;
mod image;
mod jenkinsfile_runner;
mod jobs;
mod kubernetes;
mod kubernetes_cluster;
mod libraries;
mod options;
mod parallel;
mod pipeline_files;
mod plan;
mod post;
mod progress;
mod results;
mod scripted;
mod seed_chapter;
mod tools;
mod when;
mod workspace;
mod zip;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStdout, Stdio};

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
        .filter_map(|l| {
            // The marker starts a word: a path such as `/tmp/.tmpAbcP:/x` is no marker.
            l.match_indices(prefix)
                .find(|(i, _)| {
                    l[..*i]
                        .chars()
                        .next_back()
                        .is_none_or(|c| c.is_whitespace() || c == ']')
                })
                .map(|(i, _)| &l[i + prefix.len()..])
        })
        .map(|rest| rest.split_whitespace().next().unwrap_or("").to_owned())
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

/// A `jfrun` started in the background, its output read up to a marker.
pub struct Running {
    child: Child,
    out: BufReader<ChildStdout>,
    /// The output read so far.
    pub seen: String,
}

impl Running {
    /// Starts `jfrun` for `t` and reads its output until a line other than the shell's trace
    /// contains `marker`.
    pub fn until(t: &Test, marker: &str) -> Self {
        let mut child = t
            .command()
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start jfrun");
        let out = BufReader::new(child.stdout.take().expect("stdout"));
        let mut r = Running {
            child,
            out,
            seen: String::new(),
        };
        loop {
            let mut line = String::new();
            let n = r.out.read_line(&mut line).expect("read");
            assert!(n != 0, "jfrun ended before the marker:\n{}", r.seen);
            r.seen.push_str(&line);
            if line.contains(marker) && !line.contains("+ ") {
                return r;
            }
        }
    }

    /// Sends SIGINT (Ctrl-C) and waits for the end: the exit code and all the output.
    pub fn interrupt(mut self) -> (Option<i32>, String) {
        let pid = nix::unistd::Pid::from_raw(self.child.id().cast_signed());
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).expect("SIGINT");
        self.out
            .read_to_string(&mut self.seen)
            .expect("read the rest");
        let status = self.child.wait().expect("wait");
        (status.code(), self.seen)
    }
}
