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

/// Whether an exception is an interruption.
#[must_use]
pub fn is_interruption(exc: &Value<'_>) -> bool {
    crate::eval::types::type_of(exc).name() == INTERRUPTED
}

/// How the reason for stopping the siblings of a failed parallel branch under failFast starts.
pub const FAIL_FAST: &str = "Failed in branch ";
