//! Where a step runs: the working directory, the environment added by `withEnv`, stage
//! `environment` and credentials, and the stage (and parallel branch) it belongs to. Each
//! thread running pipeline code has its own context; parallel branches start from a copy of
//! their parent's.

use std::cell::RefCell;
use std::path::PathBuf;

use std::sync::Arc;

use indexmap::IndexMap;
use parking_lot::Mutex;
use tokio_util::sync::CancellationToken;

use super::result::BuildResult;

/// The context of the code running on this thread.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The working directory (`dir()` changes it).
    pub cwd: PathBuf,
    /// Environment variables set on top of the build's (`withEnv`, `environment`); `None`
    /// unsets.
    pub env: IndexMap<String, Option<String>>,
    /// Stage names from the outermost in.
    pub stages: Vec<String>,
    /// The parallel branch, when inside one.
    pub branch: Option<String>,
    /// Whether a node (workspace) is allocated: `agent none` without `node` has none.
    pub on_node: bool,
    /// The container steps run in, when not the host: with a pod, the name of one of its
    /// containers (`container('x')`, `defaultContainer`); else a Docker container's id
    /// (`agent { docker }`, `docker.image().inside`).
    pub container: Option<String>,
    /// The pod of `agent { kubernetes }` the code runs on: `container('x')` picks its
    /// containers, and paths under its workspace are translated for them.
    pub pod: Option<Arc<super::executor::kubernetes::running::RunningPod>>,
    /// The pod templates `podTemplate` declares for its body, by label, the innermost last.
    pub pod_templates: Vec<(String, Arc<super::executor::kubernetes::agent::PodAgent>)>,
    /// The Docker engine `docker.withServer` names (`DOCKER_HOST`), when not jfrun's default.
    pub docker_host: Option<String>,
    /// The registry `docker.withRegistry` names and the id of its credentials: pulls and pushes
    /// of its images send them.
    pub docker_registry: Option<(String, String)>,
    /// The result of the innermost stage running (`unstable` and `catchError` set it).
    pub stage_result: Option<Arc<Mutex<BuildResult>>>,
    /// Cancelled when this code must stop: the build is interrupted, a `timeout` expires, a
    /// parallel sibling failed with failFast.
    pub cancel: CancellationToken,
    /// Why `cancel` was cancelled (`Timeout has been exceeded`).
    pub cancel_reason: Arc<Mutex<Option<String>>>,
    /// Whether an `environment { }` value is being evaluated: there a name that is nothing
    /// else reads the parameter of that name, or null, as the plugin's rewriting does.
    pub in_environment_value: bool,
    /// The parallel branch's live status line, on a terminal.
    pub status: Option<super::log::progress::Status>,
}

thread_local! {
    static CURRENT: RefCell<Context> = RefCell::new(Context::default());
}

/// A copy of this thread's context.
#[must_use]
pub fn current() -> Context {
    CURRENT.with(|c| c.borrow().clone())
}

/// Reads this thread's context.
pub fn with<R>(f: impl FnOnce(&Context) -> R) -> R {
    CURRENT.with(|c| f(&c.borrow()))
}

/// Replaces this thread's context (a new thread starting a parallel branch).
pub fn set(ctx: Context) {
    CURRENT.with(|c| *c.borrow_mut() = ctx);
}

/// Changes this thread's context in place (the caller restores it).
pub fn scoped_set(change: impl FnOnce(&mut Context)) {
    CURRENT.with(|c| change(&mut c.borrow_mut()));
}

/// Runs `body` with the context changed by `change`, restoring it afterwards whatever happens.
pub fn scoped<R>(change: impl FnOnce(&mut Context), body: impl FnOnce() -> R) -> R {
    let saved = current();
    CURRENT.with(|c| change(&mut c.borrow_mut()));
    let guard = Restore(Some(saved));
    let r = body();
    drop(guard);
    r
}

struct Restore(Option<Context>);

impl Drop for Restore {
    fn drop(&mut self) {
        if let Some(saved) = self.0.take() {
            set(saved);
        }
    }
}

impl Context {
    /// The label lines are tagged with: the stage path, and the branch in parallel.
    #[must_use]
    pub fn tag(&self) -> String {
        let mut tag = self.stages.join(" / ");
        if let Some(b) = &self.branch {
            if self.stages.last().is_none_or(|s| s != b) {
                if !tag.is_empty() {
                    tag.push_str(" / ");
                }
                tag.push_str(b);
            }
        }
        tag
    }
}
