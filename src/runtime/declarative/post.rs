//! `post { }`: conditions run in Jenkins' fixed order whatever order they are written in:
//! the catalog's order, by the plugin's extension ordinals (always, changed, fixed,
//! regression, aborted, success, unsuccessful, unstable, failure, notBuilt, cleanup; its
//! documentation lists failure before success, but a failing `success` block is followed by
//! `failure`, as Jenkins' own tests expect). Each condition is decided when its turn comes, so
//! a failure in one makes `failure` hold for the ones after it. A stage's `post` looks at the
//! stage's result, the pipeline's at the build's.

use super::{Run, record, run_steps};
use crate::pipeline::model;
use crate::runtime::result::BuildResult;

/// Jenkins' order of post conditions.
pub const ORDER: &[&str] = crate::catalog::directives::POST_CONDITIONS;

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
/// build's result decides. A failing condition of a stage's post fails the stage (the error is
/// returned, unless the stage already failed); one of the pipeline's post fails the build.
pub fn run<'a>(
    run: &Run<'_, '_, 'a>,
    post: Option<&model::Post<'a>>,
    stage: Option<BuildResult>,
) -> Result<(), crate::eval::error::Signal<'a>> {
    let Some(post) = post else { return Ok(()) };
    if stage.is_some() {
        run.c.b.log.line("Post stage");
    }
    let previous = run.c.b.previous.map(|(_, r)| r);
    let mut failed = false;
    let mut first = None;
    for name in ORDER {
        let Some(cond) = post.conditions.iter().find(|c| c.name.name == *name) else {
            continue;
        };
        // A stage's conditions see the build's result combined with the stage's, as the
        // plugin's `getCombinedResult` does.
        let result = match stage {
            Some(s) if failed => s.combine(run.c.b.current()).combine(BuildResult::Failure),
            Some(s) => s.combine(run.c.b.current()),
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
        // Post runs even after an interruption (that is what `aborted` is for): it gets a
        // cancellation of its own, which a second Ctrl-C cancels.
        let fresh = run.c.b.post_cancel.child_token();
        let ran = crate::runtime::context::scoped(
            |ctx| ctx.cancel = fresh,
            || run_steps(run, &cond.branch.steps),
        );
        if let Err(e) = ran {
            if let crate::eval::error::Signal::Throw(exc, _) = &e {
                let b = run.c.b;
                b.log
                    .line(&format!("Error when executing {name} post condition:"));
                b.log.line(&crate::runtime::failure::message(run.c.i, exc));
            }
            if stage.is_some() {
                first.get_or_insert(e);
            } else {
                record(run, e);
            }
            failed = true;
        }
    }
    first.map_or(Ok(()), Err)
}
