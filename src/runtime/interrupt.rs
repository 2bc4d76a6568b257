//! Interruptions: Ctrl-C, an expired `timeout`, a failed sibling under failFast. The code
//! running is cancelled through its context's token and unwinds with Jenkins'
//! `FlowInterruptedException`, which makes its stage (and, unless caught, the build) ABORTED.

use super::build::Build;
use super::context;
use crate::eval::error::{Signal, exception};
use crate::eval::value::Value;

/// The exception class of an interruption.
pub const INTERRUPTED: &str = "org.jenkinsci.plugins.workflow.steps.FlowInterruptedException";

/// The interruption, thrown.
pub fn thrown<'a, T>(b: &Build<'a>) -> Result<T, Signal<'a>> {
    let why = b.interrupted.lock().clone().or_else(|| {
        b.cancel
            .is_cancelled()
            .then(|| "Aborted by user".to_owned())
    });
    let cause = context::with(|ctx| ctx.cancel_reason.lock().clone()).or(why);
    Err(Signal::Throw(exception(INTERRUPTED, cause), None))
}

/// The result a failure gives what it stops: ABORTED for an interruption, FAILURE otherwise;
/// `None` for what is not a failure (a `return`, a `break`).
#[must_use]
pub fn result_of(e: &crate::eval::error::Signal<'_>) -> Option<super::result::BuildResult> {
    use super::result::BuildResult;
    match e {
        crate::eval::error::Signal::Throw(exc, _) => Some(if is_interruption(exc) {
            BuildResult::Aborted
        } else {
            BuildResult::Failure
        }),
        _ => None,
    }
}

/// Whether an exception is an interruption.
#[must_use]
pub fn is_interruption(exc: &Value<'_>) -> bool {
    crate::eval::types::type_of(exc).name() == INTERRUPTED
}

/// How the reason for stopping the siblings of a failed parallel branch under failFast starts.
pub const FAIL_FAST: &str = "Failed in branch ";
