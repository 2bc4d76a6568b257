//! Running one stage: its name on the log lines, start and end markers with the duration, its
//! own result (which `unstable` and `catchError` can set without failing it), and the record
//! kept for the summary.

use std::sync::Arc;
use std::time::Instant;

use parking_lot::Mutex;

use super::build::StageRecord;
use super::context;
use super::result::BuildResult;
use super::steps::Call;
use crate::eval::error::{Eval, Signal};

/// Runs `body` as stage `name`: a failure makes the stage FAILURE (an interruption ABORTED) and
/// is passed on.
pub fn run_stage<'a>(c: &Call<'_, 'a>, name: &str, body: impl FnOnce() -> Eval<'a>) -> Eval<'a> {
    let cell = Arc::new(Mutex::new(BuildResult::Success));
    let started = Instant::now();
    let (r, path) = context::scoped(
        |ctx| {
            ctx.stages.push(name.to_owned());
            ctx.stage_result = Some(cell.clone());
        },
        || {
            let path = context::with(|ctx| ctx.stages.clone());
            c.b.log
                .note(&format!("{} {}", marker(c, "▶", ">"), path.join(" / ")));
            c.b.log
                .event(serde_json::json!({"event": "stage_started", "stage": path}));
            c.b.log.activity(None);
            begin(c, &path);
            let r = body();
            if let Err(Signal::Throw(exc, _)) = &r {
                let failed = if super::interrupt::is_interruption(exc) {
                    BuildResult::Aborted
                } else {
                    BuildResult::Failure
                };
                let mut cell = cell.lock();
                *cell = cell.combine(failed);
            }
            (r, path)
        },
    );
    let result = *cell.lock();
    finish(
        c,
        path,
        Some(result),
        None,
        started.elapsed().as_millis() as u64,
    );
    r
}

fn marker(c: &Call<'_, '_>, fancy: &'static str, plain: &'static str) -> &'static str {
    if c.b.log.color() { fancy } else { plain }
}

/// Records a stage's end (or its skipping) and logs it.
pub fn finish(
    c: &Call<'_, '_>,
    path: Vec<String>,
    result: Option<BuildResult>,
    skipped: Option<String>,
    duration_ms: u64,
) {
    match (&result, &skipped) {
        (_, Some(why)) => {
            let name = path.last().cloned().unwrap_or_default();
            c.b.log
                .line(&format!("Stage \"{name}\" skipped due to {why}"));
        }
        (Some(r), None) => c.b.log.note(&format!(
            "{} {} ({r}, {})",
            marker(c, "■", "<"),
            path.join(" / "),
            human_duration(duration_ms)
        )),
        (None, None) => {}
    }
    c.b.log.event(serde_json::json!({
        "event": "stage_finished",
        "stage": path,
        "result": result.map(BuildResult::name),
        "skipped": skipped,
        "duration_ms": duration_ms,
    }));
    super::ci::output::stage_finished(c.b, &path);
    let mut records = c.b.stages.lock();
    let record = StageRecord {
        path,
        result,
        skipped,
        duration_ms,
    };
    // The summary lists stages in the order they started.
    match records
        .iter_mut()
        .find(|r| r.path == record.path && r.result.is_none() && r.skipped.is_none())
    {
        Some(slot) => *slot = record,
        None => records.push(record),
    }
}

/// Notes that a stage started, so that the summary lists it before the stages inside it.
pub fn begin(c: &Call<'_, '_>, path: &[String]) {
    super::ci::output::stage_started(c.b, path);
    c.b.stages.lock().push(StageRecord {
        path: path.to_vec(),
        result: None,
        skipped: None,
        duration_ms: 0,
    });
}

/// `1.2 s`, `2 min 3 s`.
#[must_use]
pub fn human_duration(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        format!("{}.{} s", ms / 1000, (ms % 1000) / 100)
    } else {
        format!("{} min {} s", ms / 60_000, (ms % 60_000) / 1000)
    }
}
