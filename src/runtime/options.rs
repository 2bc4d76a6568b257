//! What the command line (and `.jfrun.toml`) says about a run.

use std::path::PathBuf;

use super::log::LogFormat;

/// Options of `jfrun run`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The Jenkinsfile.
    pub file: PathBuf,
    /// `-p NAME=VALUE`.
    pub params: Vec<(String, String)>,
    /// `-e NAME=VALUE`.
    pub env: Vec<(String, String)>,
    /// `--branch`.
    pub branch: Option<String>,
    /// `--stage NAME`: run only these.
    pub stages: Vec<String>,
    /// `--credentials FILE`.
    pub credentials: Option<PathBuf>,
    /// `--secret ID=VALUE`.
    pub secrets: Vec<(String, String)>,
    /// `--in-place`: run in the checkout itself.
    pub in_place: bool,
    /// `--workspace DIR`.
    pub workspace: Option<PathBuf>,
    /// `--input ID=approve|abort`.
    pub inputs: Vec<(String, String)>,
    /// `--yes`: approve every input.
    pub yes: bool,
    /// `--format`.
    pub format: LogFormat,
    /// `--no-color`.
    pub no_color: bool,
    /// `--dry-run`.
    pub dry_run: bool,
}
