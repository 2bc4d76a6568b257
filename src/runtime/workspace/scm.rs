//! What git says about the project: its top folder, `GIT_COMMIT` and friends, the branch, and
//! the changes a build brings (for `when { changelog }` and `when { changeset }`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// Git facts about the project: GIT_COMMIT, GIT_URL, the branch.
#[derive(Debug, Default)]
pub struct Scm {
    /// `GIT_COMMIT` and friends.
    pub vars: Vec<(String, String)>,
    /// The current branch, if on one.
    pub branch: Option<String>,
    /// Whether the project is a git work tree.
    pub is_git: bool,
    /// The top folder of the work tree, when there is one.
    pub top: Option<PathBuf>,
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    c
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = command(dir, args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// Standard output of a started git, whatever its exit status.
fn stdout(child: std::io::Result<Child>) -> Vec<u8> {
    child
        .and_then(Child::wait_with_output)
        .map(|o: Output| o.stdout)
        .unwrap_or_default()
}

/// Reads the git state of the work tree that holds `dir`. Two git processes run side by side:
/// one `rev-parse` for the top folder, the git folder and the commits, one `config` for the
/// remote and the user; the branch is read from the git folder's `HEAD`.
#[must_use]
pub fn scm(dir: &Path) -> Scm {
    // With `--`, a revision that does not exist (an unborn branch, a first commit's parent)
    // is left out of the output instead of echoed, and the others are still printed.
    let revs = command(
        dir,
        &[
            "rev-parse",
            "--show-toplevel",
            "--absolute-git-dir",
            "HEAD",
            "HEAD~1",
            "--",
        ],
    )
    .spawn();
    let config = command(
        dir,
        &[
            "config",
            "-z",
            "--get-regexp",
            r"^(remote\.origin\.url|user\.name|user\.email)$",
        ],
    )
    .spawn();
    let revs = String::from_utf8_lossy(&stdout(revs)).into_owned();
    let config = stdout(config);
    let mut lines = revs.lines();
    let (Some(top), Some(git_dir)) = (lines.next(), lines.next()) else {
        return Scm::default();
    };
    let commits: Vec<&str> = lines.filter(|l| is_object_name(l)).collect();
    let mut vars = Vec::new();
    if let Some(c) = commits.first() {
        vars.push(("GIT_COMMIT".to_owned(), (*c).to_owned()));
    }
    if let Some(c) = commits.get(1) {
        vars.push(("GIT_PREVIOUS_COMMIT".to_owned(), (*c).to_owned()));
    }
    let (mut url, mut name, mut email) = (None, None, None);
    // `git config --get` answers with the last value set; so does this loop.
    for entry in config.split(|&b| b == 0) {
        let entry = String::from_utf8_lossy(entry);
        let Some((key, value)) = entry.split_once('\n') else {
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match key {
            "remote.origin.url" => url = Some(value.to_owned()),
            "user.name" => name = Some(value.to_owned()),
            "user.email" => email = Some(value.to_owned()),
            _ => {}
        }
    }
    if let Some(u) = url {
        vars.push(("GIT_URL".to_owned(), u));
    }
    if let Some(n) = name {
        vars.push(("GIT_COMMITTER_NAME".to_owned(), n.clone()));
        vars.push(("GIT_AUTHOR_NAME".to_owned(), n));
    }
    if let Some(e) = email {
        vars.push(("GIT_COMMITTER_EMAIL".to_owned(), e.clone()));
        vars.push(("GIT_AUTHOR_EMAIL".to_owned(), e));
    }
    Scm {
        vars,
        branch: branch(Path::new(git_dir)),
        is_git: true,
        top: Some(PathBuf::from(top)),
    }
}

/// A SHA-1 or SHA-256 object name.
fn is_object_name(s: &str) -> bool {
    matches!(s.len(), 40 | 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The branch `HEAD` points at (as `git symbolic-ref --short HEAD` names it), or `None` when
/// `HEAD` is detached.
fn branch(git_dir: &Path) -> Option<String> {
    let head = std::fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let target = head.trim().strip_prefix("ref:")?.trim();
    let short = target
        .strip_prefix("refs/heads/")
        .or_else(|| target.strip_prefix("refs/"))
        .unwrap_or(target);
    (!short.is_empty()).then(|| short.to_owned())
}

/// The messages of the commits since `since` (the commit the previous build built), for
/// `when { changelog }`.
#[must_use]
pub fn commit_messages(project: &Path, since: &str) -> Vec<String> {
    let log = git(
        project,
        &["log", "--format=%B%x00", &format!("{since}..HEAD")],
    )
    .unwrap_or_default();
    log.split('\0')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The files changed since `since` (the commit the previous build built), for
/// `when { changeset }`: those of the commits since, plus uncommitted and untracked files,
/// which the build's checkout includes.
#[must_use]
pub fn changed_files(project: &Path, since: &str) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for args in [
        vec!["diff", "--name-only", since],
        vec!["ls-files", "--others", "--exclude-standard"],
    ] {
        if let Some(out) = git(project, &args) {
            files.extend(out.lines().map(str::to_owned));
        }
    }
    files.sort();
    files.dedup();
    files
}
