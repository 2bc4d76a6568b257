//! `post { }`: conditions run in Jenkins' fixed order whatever order they are written in:
//! always, changed, fixed, regression, aborted, failure, success, unstable, unsuccessful,
//! notBuilt, cleanup. A stage's `post` looks at the stage's result, the pipeline's at the
//! build's.

use super::{Run, record, run_steps};
use crate::pipeline::model;
use crate::runtime::context;
use crate::runtime::result::BuildResult;

/// Jenkins' order of post conditions.
pub const ORDER: &[&str] = &[
    "always",
    "changed",
    "fixed",
    "regression",
    "aborted",
    "failure",
    "success",
    "unstable",
    "unsuccessful",
    "notBuilt",
    "cleanup",
];

/// Whether condition `name` holds for `result`, given the previous build's result.
#[must_use]
pub fn holds(name: &str, result: BuildResult, previous: Option<BuildResult>) -> bool {
    match name {
        "always" | "cleanup" => true,
        // With no previous build, the result has inherently changed.
        "changed" => previous != Some(result),
        "fixed" => {
            result == BuildResult::Success
                && previous.is_some_and(|p| p.worse_than(BuildResult::Success))
        }
        "regression" => previous.is_some_and(|p| result.worse_than(p)),
        "aborted" => result == BuildResult::Aborted,
        "failure" => result == BuildResult::Failure,
        "success" => result == BuildResult::Success,
        "unstable" => result == BuildResult::Unstable,
        "unsuccessful" => result != BuildResult::Success,
        "notBuilt" => result == BuildResult::NotBuilt,
        _ => false,
    }
}

/// Runs a `post` section. `stage` is the stage's result for a stage's post; otherwise the
/// build's result decides.
pub fn run<'a>(run: &Run<'_, '_, 'a>, post: Option<&model::Post<'a>>, stage: Option<BuildResult>) {
    let Some(post) = post else { return };
    // After an interruption `post` still runs, as in Jenkins: its steps get a token of their
    // own, which a further interruption of the build (a second Ctrl-C) cancels.
    if context::with(|ctx| ctx.cancel.is_cancelled()) {
        let b = run.c.b;
        let parent = if b.cancel.is_cancelled() {
            &b.post_cancel
        } else {
            &b.cancel
        };
        let token = parent.child_token();
        context::scoped(
            |ctx| {
                ctx.cancel = token;
                ctx.cancel_reason = std::sync::Arc::default();
            },
            || conditions(run, post, stage),
        );
    } else {
        conditions(run, post, stage);
    }
}

/// Runs the conditions that hold, in Jenkins' order.
fn conditions<'a>(run: &Run<'_, '_, 'a>, post: &model::Post<'a>, stage: Option<BuildResult>) {
    let previous = run.c.b.previous.map(|(_, r)| r);
    for name in ORDER {
        let Some(cond) = post.conditions.iter().find(|c| c.name.name == *name) else {
            continue;
        };
        let result = match stage {
            Some(s) => s,
            None => run.c.b.current(),
        };
        if !holds(name, result, previous) {
            continue;
        }
        if run.c.b.log.is_json() {
            run.c
                .b
                .log
                .event(serde_json::json!({"event": "post", "condition": name}));
        }
        if let Err(e) = run_steps(run, &cond.branch.steps) {
            if let crate::eval::error::Signal::Throw(exc, _) = &e {
                run.c
                    .b
                    .log
                    .error(&crate::runtime::failure::message(run.c.i, exc));
            }
            record(run, e);
        }
    }
}
