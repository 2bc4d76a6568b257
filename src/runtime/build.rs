//! One build: its number, workspace, result, environment, parameters, secrets and log; what
//! every step and stage reads and updates.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use indexmap::IndexMap;
use parking_lot::Mutex;
use tokio_util::sync::CancellationToken;

use super::credentials::Credentials;
use super::log::Log;
use super::options::Options;
use super::result::BuildResult;
use crate::pipeline::model;

/// A parameter's value: text or a boolean, as Jenkins' parameter types give them.
#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    /// String, text, choice, password parameters.
    Text(String),
    /// `booleanParam`.
    Bool(bool),
}

/// A stage's outcome, for the summary.
#[derive(Clone, Debug)]
pub struct StageRecord {
    /// Stage path, outermost first.
    pub path: Vec<String>,
    /// Its result; `None` when skipped.
    pub result: Option<BuildResult>,
    /// Why it was skipped.
    pub skipped: Option<String>,
    /// Milliseconds it took.
    pub duration_ms: u64,
}

/// The state of a running build.
pub struct Build<'a> {
    /// The command line.
    pub opts: &'a Options,
    /// The log.
    pub log: Arc<Log>,
    /// The tokio runtime processes and timers run on.
    pub rt: tokio::runtime::Handle,
    /// Cancelled when the whole build is interrupted (Ctrl-C).
    pub cancel: CancellationToken,
    /// Cancelled by a second interruption: stops `post` blocks too.
    pub post_cancel: CancellationToken,
    /// Why the build was interrupted, once it is.
    pub interrupted: Mutex<Option<String>>,
    /// The job's name.
    pub job: String,
    /// `BUILD_NUMBER`.
    pub number: u64,
    /// `.jfrun/builds/<n>`.
    pub dir: PathBuf,
    /// The workspace.
    pub workspace: PathBuf,
    /// The project (repository) the Jenkinsfile comes from.
    pub project: PathBuf,
    /// The branch (`BRANCH_NAME`).
    pub branch: Option<String>,
    /// Whether the project is a git work tree.
    pub is_git: bool,
    /// Git facts (GIT_COMMIT, GIT_URL...).
    pub scm: Vec<(String, String)>,
    /// The build-wide environment (`env.X = ...` writes here).
    pub env: Mutex<IndexMap<String, String>>,
    /// Parameters by name.
    pub params: Mutex<IndexMap<String, Param>>,
    /// `currentBuild.result` as set so far.
    pub result: Mutex<BuildResult>,
    /// The previous build's number and result.
    pub previous: Option<(u64, BuildResult)>,
    /// The commit the previous build built, where this build's changelog starts.
    pub previous_commit: Option<String>,
    /// `currentBuild.description` and `displayName`.
    pub description: Mutex<Option<String>>,
    /// `currentBuild.displayName`.
    pub display_name: Mutex<Option<String>>,
    /// Stashes by name: the folder holding the stashed files.
    pub stashes: Mutex<HashMap<String, PathBuf>>,
    /// Credentials.
    pub credentials: Credentials,
    /// Stage outcomes in the order they finished.
    pub stages: Mutex<Vec<StageRecord>>,
    /// The declarative pipeline, when the file has one.
    pub pipeline: Option<&'a model::Pipeline<'a>>,
    /// When the build started.
    pub started: Instant,
    /// The builds `build job:` ran, in order.
    pub children: Mutex<Vec<super::steps::build_job::ChildBuild>>,
    /// The containers the build created and not yet removed.
    pub containers: super::executor::cleanup::Containers,
    /// What the CI system the run happens inside says about the build, if any.
    pub ci: Option<super::ci::Detected>,
    /// The stage whose group in the CI's log is open.
    pub ci_group: Mutex<Option<Vec<String>>>,
    /// The shared libraries the build loads.
    pub libraries: super::libraries::Libraries<'a>,
}

impl Build<'_> {
    /// Makes the build's result at least as bad as `r` (`currentBuild.result = ...`).
    pub fn worsen(&self, r: BuildResult) {
        let mut cur = self.result.lock();
        *cur = cur.combine(r);
    }

    /// The result so far.
    #[must_use]
    pub fn current(&self) -> BuildResult {
        *self.result.lock()
    }

    /// Milliseconds since the build started.
    #[must_use]
    pub fn elapsed_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    /// The temporary folder beside the workspace (`WORKSPACE_TMP`).
    #[must_use]
    pub fn tmp_dir(&self) -> PathBuf {
        let mut s = self.workspace.clone().into_os_string();
        s.push("@tmp");
        PathBuf::from(s)
    }
}
