//! The end of a build: a table of the stages (result and duration, or why skipped).

use super::build::Build;
use super::result::BuildResult;
use super::stages::human_duration;

/// Prints the stage summary (not in JSON mode, where the events carry it).
pub fn print(b: &Build<'_>, result: BuildResult) {
    if b.log.is_json() {
        return;
    }
    let stages = b.stages.lock().clone();
    if stages.is_empty() {
        return;
    }
    let rows: Vec<(String, String, String)> = stages
        .iter()
        .map(|s| {
            let name = format!(
                "{}{}",
                "  ".repeat(s.path.len().saturating_sub(1)),
                s.path.last().cloned().unwrap_or_default()
            );
            let status = match (&s.result, &s.skipped) {
                (_, Some(why)) => format!("skipped ({why})"),
                (Some(r), None) => r.name().to_owned(),
                (None, None) => String::new(),
            };
            let d = if s.skipped.is_some() {
                String::new()
            } else {
                human_duration(s.duration_ms)
            };
            (name, status, d)
        })
        .collect();
    let w0 = rows
        .iter()
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let w1 = rows
        .iter()
        .map(|r| r.1.len())
        .max()
        .unwrap_or(6)
        .max(result.name().len())
        .max(6);
    b.log.note("");
    b.log.note(&format!(
        "{:<w0$}  {:<w1$}  {}",
        "Stage", "Result", "Duration"
    ));
    for (n, s, d) in rows {
        b.log.note(&format!("{n:<w0$}  {s:<w1$}  {d}"));
    }
    b.log.note(&format!(
        "{:<w0$}  {:<w1$}  {}",
        "Build",
        result.name(),
        human_duration(b.elapsed_ms())
    ));
}
