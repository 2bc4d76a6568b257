//! Git libraries: a clone per library and ref in `.jfrun/libraries`, brought to the ref
//! asked for with real git.

use std::path::Path;
use std::process::Command;

/// Runs git in `dir` (or without one), failing with its message.
fn git(dir: Option<&Path>, args: &[&str]) -> Result<String, String> {
    let mut cmd = Command::new("git");
    if let Some(d) = dir {
        cmd.arg("-C").arg(d);
    }
    let out = cmd
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

/// Brings the cache's checkout of `url` in `folder` to `version` (a branch, a tag or a
/// commit; the remote's default branch when `None`): cloned the first time, fetched again
/// on later runs, as Jenkins retrieves a library for every build.
pub(super) fn fetch(
    url: &str,
    version: Option<&str>,
    folder: &Path,
    note: &dyn Fn(&str),
) -> Result<(), String> {
    if folder.join(".git").is_dir() {
        if let Err(e) = git(
            Some(folder),
            &[
                "fetch",
                "--quiet",
                "--force",
                "--tags",
                "origin",
                "+refs/heads/*:refs/remotes/origin/*",
            ],
        ) {
            note(&format!(
                "Could not update the cached library from {url} ({e}); using the copy in {}",
                folder.display()
            ));
        }
    } else {
        if let Some(parent) = folder.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        note(&format!("Cloning {url} into {}", folder.display()));
        let target = folder.display().to_string();
        git(None, &["clone", "--quiet", "--no-checkout", url, &target])
            .map_err(|e| format!("cannot clone {url}: {e}"))?;
    }
    let candidates: Vec<String> = match version {
        None => vec!["origin/HEAD".to_owned()],
        Some(v) => vec![
            format!("origin/{v}"),
            format!("refs/tags/{v}"),
            v.to_owned(),
        ],
    };
    let commit = candidates
        .iter()
        .find_map(|c| {
            git(
                Some(folder),
                &[
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    &format!("{c}^{{commit}}"),
                ],
            )
            .ok()
        })
        .ok_or_else(|| {
            format!(
                "{url} has no branch, tag or commit named {}",
                version.unwrap_or("HEAD")
            )
        })?;
    git(
        Some(folder),
        &["checkout", "--quiet", "--force", "--detach", &commit],
    )
    .map_err(|e| format!("cannot check out {commit}: {e}"))?;
    git(Some(folder), &["clean", "--quiet", "-fdx"]).map(|_| ())
}
