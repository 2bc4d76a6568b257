//! Test helpers: a builder that runs the real `jfrun` binary in a temporary directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder of the project's fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/jenkinsfiles")
}

/// Every file under `fixtures/jenkinsfiles/<dir>` ending in `.groovy` or `.Jenkinsfile`, sorted.
pub fn fixture_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures().join(dir))
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "groovy" || e == "Jenkinsfile")
        })
        .collect();
    files.sort();
    files
}

/// Runs `jfrun` with arguments in a fresh temporary directory holding the given files.
pub struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
}

/// What a run of `jfrun` produced.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Test {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("tempdir"),
            args: Vec::new(),
        }
    }

    /// Writes `./Jenkinsfile`.
    pub fn jenkinsfile(self, text: &str) -> Self {
        self.file("Jenkinsfile", text)
    }

    /// Writes a file relative to the test directory.
    pub fn file(self, name: &str, text: &str) -> Self {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, unindent(text)).expect("write");
        self
    }

    pub fn args<const N: usize>(mut self, args: [&str; N]) -> Self {
        self.args.extend(args.iter().map(|a| (*a).to_string()));
        self
    }

    /// The test directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Makes the test directory a git repository with one commit of its files.
    pub fn git(self) -> Self {
        if !self.dir.path().join(".git").exists() {
            self.git_command(&["init", "-q", "-b", "main"]);
        }
        self.commit("init");
        self
    }

    /// Commits everything in the test's checkout with `message`.
    pub fn commit(&self, message: &str) {
        self.git_command(&["add", "-A"]);
        self.git_command(&[
            "-c",
            "user.name=jfrun",
            "-c",
            "user.email=jfrun@example.com",
            "commit",
            "-qm",
            message,
        ]);
    }

    fn git_command(&self, args: &[&str]) {
        let st = Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .status()
            .expect("git");
        assert!(st.success(), "git {args:?}");
    }

    /// The `jfrun` command with the test's arguments, in the test directory.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jfrun"));
        cmd.args(&self.args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            // Kubernetes agents run on Docker unless a test points at a cluster of its own.
            .env("KUBECONFIG", self.dir.path().join(".no-kubeconfig"));
        // A local run unless a test says which CI system it is in.
        for var in jfrun::runtime::ci::DETECTION_VARIABLES {
            cmd.env_remove(var);
        }
        cmd
    }

    /// Runs `jfrun` (again, in the same directory, when called twice).
    pub fn run(&self) -> Run {
        self.run_with(&[])
    }

    /// Runs `jfrun` with more arguments after the test's.
    pub fn run_with(&self, extra: &[&str]) -> Run {
        let out: Output = self.command().args(extra).output().expect("run jfrun");
        Run {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Removes the common leading indentation and a leading newline, so tests can indent text.
pub fn unindent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
