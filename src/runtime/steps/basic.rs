//! Small steps: `echo`, `error`, `unstable`, `isUnix`, `sleep`, `properties`, `milestone`.

use std::time::Duration;

use super::{Call, StepArgs};
use crate::eval::error::{Eval, throw};
use crate::eval::value::Value;
use crate::runtime::context;
use crate::runtime::result::BuildResult;

/// `echo 'text'`: a line in the log.
pub fn echo<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("echo", Some("message"), args)?;
    let msg = a.string(c.i, "message")?.unwrap_or_default();
    // One message, tagged once, its lines as written (as Jenkins prints it).
    c.b.log.line(&msg);
    Ok(Value::Null)
}

/// `error 'message'`: fails with hudson.AbortException.
pub fn error<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("error", Some("message"), args)?;
    let msg = a.string(c.i, "message")?.unwrap_or_default();
    throw("hudson.AbortException", msg)
}

/// Marks the current stage and the build UNSTABLE.
pub fn mark_unstable(c: &Call<'_, '_>) {
    c.b.worsen(BuildResult::Unstable);
    context::with(|ctx| {
        if let Some(r) = &ctx.stage_result {
            let mut r = r.lock();
            *r = r.combine(BuildResult::Unstable);
        }
    });
}

/// `unstable 'message'`: a warning, and the stage and build become UNSTABLE.
pub fn unstable<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("unstable", Some("message"), args)?;
    let msg = a.required(c.i, "message")?;
    c.b.log.line(&format!("WARNING: {msg}"));
    mark_unstable(c);
    Ok(Value::Null)
}

/// `isUnix()`: true on the hosts jfrun runs on.
#[allow(clippy::unnecessary_wraps)]
pub fn is_unix<'a>(_: &Call<'_, 'a>, _: Vec<Value<'a>>) -> Eval<'a> {
    Ok(Value::Bool(true))
}

/// `sleep time: 5, unit: 'SECONDS'` (or `sleep 5`); cancelled like any step.
pub fn sleep<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("sleep", Some("time"), args)?;
    let time = a.int("time").unwrap_or(0).max(0).cast_unsigned();
    let unit = a.string(c.i, "unit")?.unwrap_or_else(|| "SECONDS".into());
    let d = to_duration(time, &unit)?;
    c.b.log.line(&format!("Sleeping for {}", describe(d)));
    let cancel = context::with(|ctx| ctx.cancel.clone());
    let cancelled = c.b.rt.block_on(async {
        tokio::select! {
            () = tokio::time::sleep(d) => false,
            () = cancel.cancelled() => true,
        }
    });
    if cancelled {
        return crate::runtime::interrupt::thrown(c.b);
    }
    Ok(Value::Null)
}

/// A duration in one of `java.util.concurrent.TimeUnit`'s units.
pub fn to_duration<'a>(n: u64, unit: &str) -> Result<Duration, crate::eval::error::Signal<'a>> {
    Ok(match unit {
        "NANOSECONDS" => Duration::from_nanos(n),
        "MICROSECONDS" => Duration::from_micros(n),
        "MILLISECONDS" => Duration::from_millis(n),
        "SECONDS" => Duration::from_secs(n),
        "MINUTES" => Duration::from_secs(n * 60),
        "HOURS" => Duration::from_secs(n * 3600),
        "DAYS" => Duration::from_secs(n * 86400),
        other => {
            return throw(
                "java.lang.IllegalArgumentException",
                format!("No enum constant java.util.concurrent.TimeUnit.{other}"),
            );
        }
    })
}

/// `1 sec`, `1 min 5 sec`, as Jenkins describes durations.
#[must_use]
pub fn describe(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        return format!("{ms} ms");
    }
    let s = d.as_secs();
    match s {
        0..=59 => format!("{s} sec"),
        60..=3599 => format!("{} min {} sec", s / 60, s % 60),
        _ => format!("{} hr {} min", s / 3600, (s % 3600) / 60),
    }
}

/// `properties([...])`: job properties. Parameters declared here become `params` defaults;
/// the rest (triggers, build discarders) concern a Jenkins controller and are noted.
pub fn properties<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("properties", Some("__list"), args)?;
    let list = a
        .positional
        .first()
        .or_else(|| a.named.get("__list"))
        .cloned();
    if let Some(list) = list {
        for p in c.i.to_list(&list)? {
            crate::runtime::params::declare_from_value(c, &p)?;
        }
    }
    Ok(Value::Null)
}

/// The next milestone's ordinal in this process's build.
static MILESTONE: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// `milestone()`: ordering between concurrent builds; a single local build passes it.
pub fn milestone<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("milestone", Some("ordinal"), args)?;
    let next = MILESTONE.load(std::sync::atomic::Ordering::SeqCst);
    let ordinal = a.int("ordinal").unwrap_or(next);
    MILESTONE.store(ordinal + 1, std::sync::atomic::Ordering::SeqCst);
    c.b.log.line(&format!("Trying to pass milestone {ordinal}"));
    Ok(Value::Null)
}
