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
