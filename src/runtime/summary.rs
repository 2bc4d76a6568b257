//! The end of a build: a table of the stages (result and duration, or why skipped).

use super::build::{Build, StageRecord};
use super::result::BuildResult;
use super::stages::human_duration;

/// A stage's result (or why it was skipped) and duration, as the stage tables show them.
#[must_use]
pub fn result_and_duration(s: &StageRecord) -> (String, String) {
    match (&s.result, &s.skipped) {
        (_, Some(why)) => (format!("skipped ({why})"), String::new()),
        (Some(r), None) => (r.name().to_owned(), human_duration(s.duration_ms)),
        (None, None) => (String::new(), human_duration(s.duration_ms)),
    }
}

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
            let (status, d) = result_and_duration(s);
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

/// Writes the stages as a JUnit report, `stages.xml` in the build's record: one test case per
/// stage (a failed or unstable stage fails, a skipped one is skipped), for the CI systems and
/// tools that read JUnit.
pub fn write_junit(b: &Build<'_>, result: BuildResult) -> std::io::Result<()> {
    use std::fmt::Write as _;

    use quick_xml::escape::escape;
    let stages = b.stages.lock().clone();
    let failures = stages
        .iter()
        .filter(|s| {
            matches!(
                s.result,
                Some(BuildResult::Failure | BuildResult::Unstable | BuildResult::Aborted)
            )
        })
        .count();
    let skipped = stages.iter().filter(|s| s.skipped.is_some()).count();
    let seconds = |ms: u64| format!("{}.{:03}", ms / 1000, ms % 1000);
    let suite = format!("{} #{} ({})", b.job, b.number, result.name());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\" time=\"{}\">",
        escape(suite.as_str()),
        stages.len(),
        seconds(b.elapsed_ms()),
    );
    for s in &stages {
        let name = s.path.join(" / ");
        let _ = write!(
            xml,
            "  <testcase classname=\"{}\" name=\"{}\" time=\"{}\"",
            escape(b.job.as_str()),
            escape(name.as_str()),
            seconds(s.duration_ms)
        );
        match (&s.result, &s.skipped) {
            (_, Some(why)) => {
                let _ = write!(
                    xml,
                    ">\n    <skipped message=\"{}\"/>\n  </testcase>\n",
                    escape(why.as_str())
                );
            }
            (
                Some(r @ (BuildResult::Failure | BuildResult::Unstable | BuildResult::Aborted)),
                None,
            ) => {
                let _ = write!(
                    xml,
                    ">\n    <failure type=\"{0}\" message=\"stage result: {0}\"/>\n  </testcase>\n",
                    r.name()
                );
            }
            _ => xml.push_str("/>\n"),
        }
    }
    xml.push_str("</testsuite>\n");
    std::fs::write(b.dir.join("stages.xml"), b.log.masker.mask(&xml))
}
