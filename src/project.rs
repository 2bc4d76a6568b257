//! Where jfrun looks for a project's own files beside its Jenkinsfile, for the runtime and the
//! language server alike.

use std::path::{Path, PathBuf};

/// The credentials files of a project in `project`, in the order they are tried (the first
/// that exists is read): `.jfrun/credentials.toml` in the project, then
/// `~/.config/jfrun/credentials.toml`.
#[must_use]
pub fn credentials_files(project: &Path) -> Vec<PathBuf> {
    let mut files = vec![project.join(".jfrun/credentials.toml")];
    if let Some(home) = std::env::var_os("HOME") {
        files.push(PathBuf::from(home).join(".config/jfrun/credentials.toml"));
    }
    files
}

/// The name of jfrun's configuration file.
pub const CONFIG_FILE: &str = ".jfrun.toml";

/// Where `.jfrun.toml` is for the Jenkinsfile `file`: next to it, else at the top of its git
/// work tree (the nearest folder holding `.git`; no git process is needed).
#[must_use]
pub fn config_file(file: &Path) -> Option<PathBuf> {
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let here = dir.join(CONFIG_FILE);
    if here.is_file() {
        return Some(here);
    }
    let dir = std::fs::canonicalize(dir).ok()?;
    let top = dir.ancestors().find(|d| d.join(".git").exists())?;
    let top = top.join(CONFIG_FILE);
    top.is_file().then_some(top)
}

/// The folder where runs keep their state (builds, workspaces, cloned libraries): `.jfrun`
/// in the project, created with a `.gitignore` that keeps all of it out of git, so runs
/// leave `git status` as they found it.
pub fn state_dir(project: &Path) -> std::io::Result<PathBuf> {
    let dir = project.join(".jfrun");
    std::fs::create_dir_all(&dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(
            &ignore,
            "# jfrun's builds, workspaces and caches: not part of the project.\n*\n",
        )?;
    }
    Ok(dir)
}
