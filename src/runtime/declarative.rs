//! Declarative pipelines, run as the Declarative Pipeline plugin runs them: parameters and
//! options first, the pipeline's environment and agent, the stages in order (a failure skips
//! the stages after it), each stage's `post`, then the pipeline's `post`; the build's result
//! follows Jenkins' rules.

mod docker_agent;
mod environment;
pub mod kubernetes_agent;
mod matrix;
mod options;
mod post;
mod stage;
mod tools;
mod when;

use crate::eval::error::{Signal, exception};
use crate::eval::value::Value;
use crate::pipeline::model;

use super::steps::Call;
pub use options::Flags;

/// What the stages share while they run.
pub struct Run<'c, 'r, 'a> {
    /// The step call that started the pipeline.
    pub c: &'c Call<'r, 'a>,
    /// The `pipeline { }` closure, whose scope every value and step is evaluated in.
    pub scope: Value<'a>,
    /// Pipeline-wide options.
    pub flags: Flags,
    /// The first failure, which skips the remaining stages and is rethrown at the end.
    pub failure: parking_lot::Mutex<Option<Signal<'a>>>,
}

/// Runs the declarative pipeline whose closure is `body`.
pub fn run<'a>(c: &Call<'_, 'a>, body: &Value<'a>) -> Result<(), Signal<'a>> {
    let Some(p) = c.b.pipeline else {
        return Err(Signal::Throw(
            exception(
                "java.lang.IllegalStateException",
                Some(
                    "pipeline { } can only be used once, at the top level of the Jenkinsfile"
                        .into(),
                ),
            ),
            Some(c.span),
        ));
    };
    let mut run = Run {
        c,
        scope: body.clone(),
        flags: Flags::default(),
        failure: parking_lot::Mutex::new(None),
    };
    if let Some(params) = &p.parameters {
        for call in &params.calls {
            let v = super::describable::from_model(c.i, &run.scope, call)?;
            super::params::declare(c, &v)?;
        }
    }
    let undeclared = super::params::undeclared(c.b);
    if let Some(name) = undeclared.first() {
        return Err(Signal::Throw(
            exception(
                "java.lang.IllegalArgumentException",
                Some(format!(
                    "-p {name}: the pipeline declares no parameter named '{name}'"
                )),
            ),
            None,
        ));
    }
    run.flags = options::flags(c, &run.scope, p.options.as_ref())?;
    // As the plugin nests them: the agent, then the environment, the options' wrappers and
    // the tools; `post` runs even when something before the stages failed.
    let post_ran = std::cell::Cell::new(false);
    let outcome = stage::with_agent(&run, p.agent.as_ref(), true, &mut || {
        environment::with_environment(&run, p.environment.as_ref(), || {
            options::wrap(&run, p.options.as_ref(), &mut || {
                tools::with_tools(&run, p.tools.as_ref(), || {
                    let stages = match &p.stages {
                        Some(stages) => stage::run_stages(&run, &stages.stages, &[]),
                        None => Ok(()),
                    };
                    if let Err(e) = &stages {
                        worsen_for(&run, e);
                    }
                    post_ran.set(true);
                    let _ = post::run(&run, p.post.as_ref(), None);
                    // A failure goes out through the pipeline's options (`retry`, `timeout`).
                    let post_failure = run.failure.lock().take();
                    match (stages, post_failure) {
                        (Err(e), _) | (Ok(()), Some(e)) => Err(e),
                        (Ok(()), None) => Ok(Value::Null),
                    }
                })
            })
        })
    });
    if let Err(e) = outcome {
        worsen_for(&run, &e);
        let mut f = run.failure.lock();
        if f.is_none() {
            *f = Some(e);
        }
    }
    if !post_ran.get() {
        let _ = post::run(&run, p.post.as_ref(), None);
    }
    match run.failure.into_inner() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Makes the build's result FAILURE for a failure that reaches the pipeline, ABORTED for an
/// interruption (Ctrl-C, `timeout`, an aborted `input`). Under failFast what reaches it is the
/// failed branch's error, so the build is FAILURE while the stopped siblings are ABORTED.
fn worsen_for(run: &Run<'_, '_, '_>, e: &Signal<'_>) {
    if let Some(r) = super::interrupt::result_of(e) {
        run.c.b.worsen(r);
    }
}

/// Records a failure (the first one is kept) and sets the build's result.
pub fn record<'a>(run: &Run<'_, '_, 'a>, e: Signal<'a>) {
    worsen_for(run, &e);
    let mut f = run.failure.lock();
    if f.is_none() {
        *f = Some(e);
    }
}

/// Runs the statements of a `steps { }` block (or a post condition's block).
pub fn run_steps<'a>(run: &Run<'_, '_, 'a>, steps: &[model::Step<'a>]) -> Result<(), Signal<'a>> {
    for s in steps {
        run.c.i.exec_in(&run.scope, std::slice::from_ref(s.stmt))?;
    }
    Ok(())
}
