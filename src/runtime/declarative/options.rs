//! `options { }`: flags that change how stages run (`skipDefaultCheckout`,
//! `skipStagesAfterUnstable`, `parallelsAlwaysFailFast`, `checkoutToSubdirectory`) and
//! wrappers around the pipeline or a stage (`timeout`, `retry`, `lock`, `timestamps`...).

use super::Run;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::value::Value;
use crate::pipeline::model;
use crate::runtime::describable;
use crate::runtime::steps::{Call, StepArgs, flow};

/// Pipeline-wide flags.
#[derive(Clone, Debug, Default)]
pub struct Flags {
    /// `skipDefaultCheckout()`.
    pub skip_checkout: bool,
    /// `skipStagesAfterUnstable()`.
    pub skip_after_unstable: bool,
    /// `parallelsAlwaysFailFast()`.
    pub fail_fast: bool,
    /// `checkoutToSubdirectory('dir')`.
    pub checkout_dir: Option<String>,
    /// `newContainerPerStage()`: the top-level Docker agent only allocates the node, and each
    /// stage without an agent of its own runs in a new container of its image.
    pub container_per_stage: bool,
}

fn enabled(c: &Call<'_, '_>, call: &model::MethodCall<'_>) -> bool {
    // `skipDefaultCheckout(false)` turns the flag off.
    !call.args.iter().any(|a| {
        matches!(a, model::MethodArg::Value(v) if matches!(v.literal(), Some(model::Literal::Bool(false))))
    }) && c.b.pipeline.is_some()
}

/// Reads the flags of the pipeline's `options`.
pub fn flags<'a>(
    c: &Call<'_, 'a>,
    scope: &Value<'a>,
    options: Option<&model::Options<'a>>,
) -> Result<Flags, Signal<'a>> {
    let mut f = Flags::default();
    for call in options.map(|o| o.options.as_slice()).unwrap_or_default() {
        let name = call.name.as_ref().map_or("", |k| k.name.as_str());
        match name {
            "skipDefaultCheckout" => f.skip_checkout = enabled(c, call),
            "skipStagesAfterUnstable" => f.skip_after_unstable = enabled(c, call),
            "parallelsAlwaysFailFast" => f.fail_fast = enabled(c, call),
            "newContainerPerStage" => f.container_per_stage = enabled(c, call),
            "checkoutToSubdirectory" => {
                if let Some(model::MethodArg::Value(v)) = call.args.first() {
                    let dir = describable::value(c.i, scope, v)?;
                    f.checkout_dir = Some(c.i.to_s(&dir)?);
                }
            }
            _ => {}
        }
    }
    Ok(f)
}

/// Whether a stage's options skip the default checkout.
#[must_use]
pub fn stage_skips_checkout(c: &Call<'_, '_>, options: Option<&model::Options<'_>>) -> bool {
    options
        .map(|o| o.options.as_slice())
        .unwrap_or_default()
        .iter()
        .any(|call| {
            call.name
                .as_ref()
                .is_some_and(|k| k.name == "skipDefaultCheckout")
                && enabled(c, call)
        })
}

/// Runs `body` inside the wrapping options (`timeout`, `retry`, `lock`...), outermost first.
pub fn wrap<'a>(
    run: &Run<'_, '_, 'a>,
    options: Option<&model::Options<'a>>,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let calls: Vec<&model::MethodCall<'a>> = options
        .map(|o| o.options.iter().collect())
        .unwrap_or_default();
    wrap_from(run, &calls, body)
}

fn wrap_from<'a>(
    run: &Run<'_, '_, 'a>,
    calls: &[&model::MethodCall<'a>],
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let Some((first, rest)) = calls.split_first() else {
        return body();
    };
    let c = run.c;
    let name = first.name.as_ref().map_or("", |k| k.name.as_str());
    let mut inner = || wrap_from(run, rest, body);
    match name {
        "timeout" | "retry" | "lock" | "withCredentials" => {
            let d = describable::from_model(c.i, &run.scope, first)?;
            let args = describable_args(&d);
            match name {
                "timeout" => {
                    let a = StepArgs::new("timeout", Some("time"), args)?;
                    let dur = flow::timeout_duration(c, &a)?;
                    flow::with_timeout(c, dur, &mut inner)
                }
                "retry" => {
                    let a = StepArgs::new("retry", Some("count"), args)?;
                    // A failed attempt's result does not outlive it: each attempt starts from
                    // the result the build had before the first.
                    let before = c.b.current();
                    let mut attempt = || {
                        *c.b.result.lock() = before;
                        inner()
                    };
                    flow::with_retry(c, a.int("count").unwrap_or(1).max(1), &mut attempt)
                }
                "withCredentials" => {
                    let a = StepArgs::new("withCredentials", Some("bindings"), args)?;
                    crate::runtime::steps::credentials::with_bindings(c, &a, &mut inner)
                }
                _ => {
                    let a = StepArgs::new("lock", Some("resource"), args)?;
                    let resource = a.string(c.i, "resource")?.unwrap_or_default();
                    flow::with_lock(c, &resource, &mut inner)
                }
            }
        }
        // Output decorations and settings that concern a Jenkins controller.
        "timestamps"
        | "ansiColor"
        | "buildDiscarder"
        | "disableConcurrentBuilds"
        | "disableResume"
        | "durabilityHint"
        | "preserveStashes"
        | "quietPeriod"
        | "skipDefaultCheckout"
        | "skipStagesAfterUnstable"
        | "parallelsAlwaysFailFast"
        | "checkoutToSubdirectory"
        | "newContainerPerStage"
        | "overrideIndexTriggers"
        | "copyArtifactPermission"
        | "rateLimitBuilds"
        | "githubProjectProperty"
        | "gitLabConnection"
        | "buildBlocker"
        | "throttleJobProperty"
        | "authorizationMatrix"
        | "retainOriginalCommit"
        // A build restarted from a stage is a controller's feature; jfrun never restarts.
        | "disableRestartFromStage" => inner(),
        other => throw(
            "java.lang.UnsupportedOperationException",
            format!("jfrun does not support the option '{other}' yet"),
        )
        .map_err(|e: Signal<'a>| e.at(first.span)),
    }
}

/// A describable's arguments as a step call's: its named arguments, or its one value.
fn describable_args<'a>(d: &Value<'a>) -> Vec<Value<'a>> {
    let Value::Map(m) = d else { return Vec::new() };
    if let Some(v) = m.get(&Value::str("$value")) {
        return vec![v];
    }
    let named: Vec<(Value<'a>, Value<'a>)> = m
        .snapshot()
        .into_iter()
        .filter(|(k, _)| !crate::eval::text::display(k).starts_with('$'))
        .collect();
    vec![crate::eval::value::MapObj::linked(named)]
}
