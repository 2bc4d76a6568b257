//! Steps that wrap a body: `withEnv`, `timeout`, `retry`, `waitUntil`, `catchError`,
//! `warnError`, `lock`, `script`, and wrappers that only decorate output (`timestamps`,
//! `ansiColor`).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use parking_lot::Mutex;

use super::basic::{describe, to_duration};
use super::{Call, StepArgs};
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::value::Value;
use crate::runtime::result::BuildResult;
use crate::runtime::{context, failure, interrupt};

/// `withEnv(['A=1', 'PATH+X=/opt/bin']) { ... }`.
pub fn with_env<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("withEnv", Some("overrides"), args)?;
    let body = a.body()?;
    let mut vars = Vec::new();
    if let Some(list) = a.get("overrides") {
        for item in c.i.to_list(list)? {
            let s = c.i.to_s(&item)?;
            match s.split_once('=') {
                Some((k, v)) => vars.push((k.to_owned(), Some(v.to_owned()))),
                None => vars.push((s, None)),
            }
        }
    }
    context::scoped(
        |ctx| {
            for (k, v) in vars {
                ctx.env.insert(k, v);
            }
        },
        || c.i.call_value(&body, Vec::new(), c.span),
    )
}

/// `timeout(time: 5, unit: 'MINUTES') { ... }`: the body is interrupted when the time is up.
pub fn timeout<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("timeout", Some("time"), args)?;
    let body = a.body()?;
    let d = timeout_duration(c, &a)?;
    with_timeout(c, d, &mut || c.i.call_value(&body, Vec::new(), c.span))
}

/// The duration of a `timeout` step or option.
pub fn timeout_duration<'a>(c: &Call<'_, 'a>, a: &StepArgs<'a>) -> Result<Duration, Signal<'a>> {
    let time = a.int("time").unwrap_or(0).max(0).cast_unsigned();
    let unit = a.string(c.i, "unit")?.unwrap_or_else(|| "MINUTES".into());
    to_duration(time, &unit)
}

/// Runs `body`, interrupting it after `d`.
pub fn with_timeout<'a>(
    c: &Call<'_, 'a>,
    d: Duration,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    c.b.log
        .line(&format!("Timeout set to expire in {}", describe(d)));
    let parent = context::with(|ctx| ctx.cancel.clone());
    let token = parent.child_token();
    let reason = Arc::new(Mutex::new(None));
    let timer = {
        let token = token.clone();
        let reason = reason.clone();
        let log = c.b.log.clone();
        let here = context::current();
        c.b.rt.spawn(async move {
            tokio::time::sleep(d).await;
            // The message belongs to the stage that set the timeout.
            context::set(here);
            log.line("Timeout has been exceeded");
            *reason.lock() = Some("Timeout has been exceeded".to_owned());
            token.cancel();
        })
    };
    let result = context::scoped(
        |ctx| {
            ctx.cancel = token.clone();
            ctx.cancel_reason = reason.clone();
        },
        body,
    );
    timer.abort();
    result
}

/// `retry(3) { ... }`: runs the body again after a failure, up to `count` times in all.
pub fn retry<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("retry", Some("count"), args)?;
    let body = a.body()?;
    let count = a.int("count").unwrap_or(1).max(1);
    with_retry(c, count, &mut || c.i.call_value(&body, Vec::new(), c.span))
}

/// Runs `body` up to `count` times until it succeeds.
pub fn with_retry<'a>(
    c: &Call<'_, 'a>,
    count: i64,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let mut attempt = 1;
    loop {
        match body() {
            Ok(v) => return Ok(v),
            Err(Signal::Throw(exc, at)) => {
                let cancelled = context::with(|ctx| ctx.cancel.is_cancelled());
                if attempt >= count || cancelled || interrupt::is_interruption(&exc) {
                    return Err(Signal::Throw(exc, at));
                }
                c.b.log.error(&failure::message(c.i, &exc));
                c.b.log.line("Retrying");
                attempt += 1;
            }
            Err(other) => return Err(other),
        }
    }
}

/// `waitUntil { condition }`: runs the body until it returns true, waiting longer each time.
pub fn wait_until<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("waitUntil", None, args)?;
    let body = a.body()?;
    let quiet = a.flag(c.i, "quiet", false)?;
    let mut wait = Duration::from_millis(
        a.int("initialRecurrencePeriod")
            .unwrap_or(250)
            .max(1)
            .cast_unsigned(),
    );
    loop {
        let v = c.i.call_value(&body, Vec::new(), c.span)?;
        if c.i.truth(&v)? {
            return Ok(Value::Null);
        }
        if !quiet {
            c.b.log
                .line(&format!("Will try again after {}", describe(wait)));
        }
        let cancel = context::with(|ctx| ctx.cancel.clone());
        let cancelled = c.b.rt.block_on(async {
            tokio::select! {
                () = tokio::time::sleep(wait) => false,
                () = cancel.cancelled() => true,
            }
        });
        if cancelled {
            return interrupt::thrown(c.b);
        }
        wait = (wait.mul_f64(1.2)).min(Duration::from_secs(15));
    }
}

fn result_arg<'a>(
    c: &Call<'_, 'a>,
    a: &StepArgs<'a>,
    name: &str,
    default: BuildResult,
) -> Result<BuildResult, Signal<'a>> {
    match a.string(c.i, name)? {
        Some(s) => match BuildResult::parse(&s) {
            Some(r) => Ok(r),
            None => throw(
                "java.lang.IllegalArgumentException",
                format!("{}: {name} '{s}' is not a build result", a.step),
            ),
        },
        None => Ok(default),
    }
}

/// `catchError(buildResult: 'FAILURE', stageResult: 'SUCCESS', message: '...') { ... }`: a
/// failure in the body is logged and sets the results, and the pipeline goes on.
pub fn catch_error<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("catchError", None, args)?;
    let build = result_arg(c, &a, "buildResult", BuildResult::Failure)?;
    let stage = result_arg(c, &a, "stageResult", BuildResult::Success)?;
    let message = a.string(c.i, "message")?;
    let catch_interruptions = a.flag(c.i, "catchInterruptions", true)?;
    catching(c, &a.body()?, build, stage, message, catch_interruptions)
}

/// `warnError('message') { ... }`: like catchError, with the build and stage UNSTABLE.
pub fn warn_error<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("warnError", Some("message"), args)?;
    let message = a.required(c.i, "message")?;
    let catch_interruptions = a.flag(c.i, "catchInterruptions", true)?;
    catching(
        c,
        &a.body()?,
        BuildResult::Unstable,
        BuildResult::Unstable,
        Some(message),
        catch_interruptions,
    )
}

fn catching<'a>(
    c: &Call<'_, 'a>,
    body: &Value<'a>,
    build: BuildResult,
    stage: BuildResult,
    message: Option<String>,
    catch_interruptions: bool,
) -> Eval<'a> {
    match c.i.call_value(body, Vec::new(), c.span) {
        Ok(_) => Ok(Value::Null),
        Err(Signal::Throw(exc, at)) => {
            let interrupted = interrupt::is_interruption(&exc);
            if interrupted && !catch_interruptions {
                return Err(Signal::Throw(exc, at));
            }
            match &message {
                Some(m) => c.b.log.error(m),
                None => c.b.log.error(&failure::message(c.i, &exc)),
            }
            if build.worse_than(BuildResult::Success) {
                c.b.worsen(build);
            }
            // The stage's result only: the build's is `buildResult`'s business.
            if stage.worse_than(BuildResult::Success) {
                context::with(|ctx| {
                    if let Some(r) = &ctx.stage_result {
                        let mut r = r.lock();
                        *r = r.combine(stage);
                    }
                });
            }
            Ok(Value::Null)
        }
        Err(other) => Err(other),
    }
}

/// `timestamps { }`, `ansiColor('xterm') { }`: output decorations; the body runs as is.
pub fn wrapper<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("wrapper", Some("__value"), args)?;
    match &a.body {
        Some(b) => c.i.call_value(b, Vec::new(), c.span),
        None => Ok(Value::Null),
    }
}

static LOCKS: LazyLock<Mutex<HashMap<String, Arc<Mutex<()>>>>> = LazyLock::new(Default::default);

/// `lock('resource') { ... }`: one body at a time per resource within this jfrun process.
pub fn lock<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("lock", Some("resource"), args)?;
    let name = a
        .string(c.i, "resource")?
        .or(a.string(c.i, "label")?)
        .unwrap_or_default();
    let body = a.body()?;
    with_lock(c, &name, &mut || c.i.call_value(&body, Vec::new(), c.span))
}

/// Runs `body` holding the lock named `name`.
pub fn with_lock<'a>(c: &Call<'_, 'a>, name: &str, body: &mut dyn FnMut() -> Eval<'a>) -> Eval<'a> {
    let m = LOCKS.lock().entry(name.to_owned()).or_default().clone();
    c.b.log
        .line(&format!("Trying to acquire lock on [Resource: {name}]"));
    let held = m.lock();
    c.b.log
        .line(&format!("Lock acquired on [Resource: {name}]"));
    let r = body();
    drop(held);
    c.b.log
        .line(&format!("Lock released on resource [Resource: {name}]"));
    r
}

/// `script { ... }`: Groovy code inside declarative steps.
pub fn script<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("script", None, args)?;
    c.i.call_value(&a.body()?, Vec::new(), c.span)
}
