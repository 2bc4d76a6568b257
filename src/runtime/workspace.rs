//! The workspace: a folder of its own for each job (`.jfrun/workspace/<job>`), emptied at the
//! start of a build and filled by `checkout scm` with the project's files as they are on disk
//! (uncommitted changes included). The user's checkout is only ever read, unless `--in-place`.

mod scm;

use std::path::{Path, PathBuf};
use std::process::Command;

pub use scm::{Scm, changed_files, commit_messages, scm};

/// Where the job's workspace is.
#[must_use]
pub fn location(project: &Path, job: &str, explicit: Option<&Path>) -> PathBuf {
    match explicit {
        Some(p) => p.to_path_buf(),
        None => project.join(".jfrun").join("workspace").join(job),
    }
}

/// Empties (or creates) the workspace and its `@tmp` sibling. Refuses a folder that holds the
/// project itself, so that the user's checkout is never deleted.
pub fn prepare(ws: &Path, project: &Path) -> Result<(), String> {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    if canon(project).starts_with(canon(ws)) {
        return Err(format!(
            "the workspace {} would contain the project itself; choose another --workspace or use --in-place",
            ws.display()
        ));
    }
    if ws.exists() {
        std::fs::remove_dir_all(ws)
            .map_err(|e| format!("cannot empty the workspace {}: {e}", ws.display()))?;
    }
    std::fs::create_dir_all(ws)
        .map_err(|e| format!("cannot create the workspace {}: {e}", ws.display()))?;
    let mut tmp = ws.as_os_str().to_owned();
    tmp.push("@tmp");
    let _ = std::fs::remove_dir_all(PathBuf::from(&tmp));
    std::fs::create_dir_all(PathBuf::from(tmp)).map_err(|e| e.to_string())?;
    Ok(())
}

/// The project's files to check out: git's tracked and untracked-but-not-ignored files, or
/// every file outside `.git` and `.jfrun` when the project is not a git work tree.
fn files(project: &Path, is_git: bool) -> Vec<PathBuf> {
    if is_git {
        if let Ok(out) = Command::new("git")
            .arg("-C")
            .arg(project)
            .args([
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
            ])
            .output()
        {
            if out.status.success() {
                return out
                    .stdout
                    .split(|&b| b == 0)
                    .filter(|s| !s.is_empty())
                    .map(|s| PathBuf::from(String::from_utf8_lossy(s).into_owned()))
                    .filter(|p| !p.starts_with(".jfrun"))
                    .collect();
            }
        }
    }
    let mut out = Vec::new();
    walk(project, Path::new(""), &mut out);
    out
}

fn walk(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root.join(rel)) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        if rel.as_os_str().is_empty() && (name == ".git" || name == ".jfrun") {
            continue;
        }
        let p = rel.join(&name);
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(root, &p, out),
            Ok(_) => out.push(p),
            Err(_) => {}
        }
    }
}

/// `checkout scm`: copies the project's files into `dest`; returns how many were copied.
pub fn checkout(project: &Path, dest: &Path, is_git: bool) -> std::io::Result<usize> {
    let mut n = 0;
    for rel in files(project, is_git) {
        let from = project.join(&rel);
        let to = dest.join(&rel);
        let Ok(meta) = std::fs::symlink_metadata(&from) else {
            continue;
        };
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&from)?;
            let _ = std::fs::remove_file(&to);
            std::os::unix::fs::symlink(target, &to)?;
        } else if meta.is_file() {
            std::fs::copy(&from, &to)?;
        }
        n += 1;
    }
    Ok(n)
}
