//! `junit 'reports/*.xml'`: reads JUnit XML reports (`testsuites`, `testsuite`, `testcase`
//! with `failure`, `error` or `skipped`), counts their tests as Jenkins' JUnit plugin does, and
//! makes the stage and build UNSTABLE when any test failed.

use std::path::Path;

use quick_xml::events::Event;

use super::pattern::Selection;
use super::{Call, StepArgs};
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::value::{MapObj, Value};
use crate::runtime::context;

/// Counts of one or more reports (`hudson.tasks.junit.TestResultSummary`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Every test case.
    pub total: usize,
    /// Failed or in error.
    pub failed: usize,
    /// Skipped.
    pub skipped: usize,
}

impl Counts {
    /// Neither failed nor skipped.
    #[must_use]
    pub fn passed(&self) -> usize {
        self.total - self.failed - self.skipped
    }
}

/// The state of the test case being read.
#[derive(PartialEq)]
enum Case {
    None,
    Passed,
    Failed,
    Skipped,
}

/// Counts the test cases of one report.
pub fn parse_report(text: &str) -> Result<Counts, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut counts = Counts::default();
    let mut case = Case::None;
    let mut depth_in_case = 0usize;
    let mut saw_root = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("XML error at position {}: {e}", reader.buffer_position()))?;
        match &event {
            Event::Start(e) | Event::Empty(e) if case != Case::None => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"failure" | b"error" => case = Case::Failed,
                    b"skipped" if case != Case::Failed => case = Case::Skipped,
                    _ => {}
                }
                if !empty {
                    depth_in_case += 1;
                }
            }
            Event::Start(e) => {
                let name = e.local_name();
                if !saw_root {
                    saw_root = true;
                    if !matches!(name.as_ref(), b"testsuites" | b"testsuite") {
                        return Err(format!(
                            "not a JUnit report: the root element is <{}>",
                            String::from_utf8_lossy(name.as_ref())
                        ));
                    }
                }
                if name.as_ref() == b"testcase" {
                    case = Case::Passed;
                    depth_in_case = 0;
                }
            }
            Event::Empty(e) => {
                if !saw_root {
                    saw_root = true;
                    if !matches!(e.local_name().as_ref(), b"testsuites" | b"testsuite") {
                        return Err(
                            "not a JUnit report: the root element is not a test suite".into()
                        );
                    }
                }
                if e.local_name().as_ref() == b"testcase" {
                    counts.total += 1;
                }
            }
            Event::End(_) if case != Case::None => {
                if depth_in_case > 0 {
                    depth_in_case -= 1;
                } else {
                    counts.total += 1;
                    match case {
                        Case::Failed => counts.failed += 1,
                        Case::Skipped => counts.skipped += 1,
                        _ => {}
                    }
                    case = Case::None;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err("not a JUnit report: the file has no XML element".into());
    }
    Ok(counts)
}

fn parse_file<'a>(path: &Path, rel: &str) -> Result<Counts, Signal<'a>> {
    let text = std::fs::read_to_string(path)
        .or_else(|e| throw("java.io.IOException", format!("Failed to read {rel}: {e}")))?;
    parse_report(&text).or_else(|e| {
        throw(
            "java.io.IOException",
            format!("Failed to read test report file {}\n{e}", path.display()),
        )
    })
}

/// `junit testResults: '**/TEST-*.xml', allowEmptyResults: false`. Returns the summary:
/// `totalCount`, `failCount`, `skipCount`, `passCount`.
pub fn junit<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("junit", Some("testResults"), args)?;
    let pattern = a.required(c.i, "testResults")?;
    let allow_empty = a.flag(c.i, "allowEmptyResults", false)?;
    let skip_unstable = a.flag(c.i, "skipMarkingBuildUnstable", false)?;
    c.b.log.line("Recording test results");
    let cwd = context::with(|ctx| ctx.cwd.clone());
    let files = Selection::new(&pattern, None, true)?.files(&cwd);
    if files.is_empty() && !allow_empty {
        let msg = "No test report files were found. Configuration error?";
        c.b.log.line(msg);
        return throw("hudson.AbortException", msg);
    }
    let mut counts = Counts::default();
    for rel in &files {
        let one = parse_file(&cwd.join(rel), rel)?;
        counts.total += one.total;
        counts.failed += one.failed;
        counts.skipped += one.skipped;
    }
    if counts.total == 0 {
        let msg = "None of the test reports contained any result";
        if !allow_empty {
            c.b.log.line(msg);
            return throw("hudson.AbortException", msg);
        }
        c.b.log.line(msg);
    } else {
        c.b.log.line(&format!(
            "Test results: {} tests, {} failed, {} skipped, {} passed ({} report file(s))",
            counts.total,
            counts.failed,
            counts.skipped,
            counts.passed(),
            files.len()
        ));
    }
    // The reports are kept with the build, as Jenkins keeps the results it recorded.
    super::pattern::copy_files(&cwd, &c.b.dir.join("test-results"), &files).or_else(|e| {
        throw(
            "java.io.IOException",
            format!("junit: cannot keep the reports with the build: {e}"),
        )
    })?;
    c.b.log.event(serde_json::json!({
        "event": "junit", "total": counts.total, "failed": counts.failed,
        "skipped": counts.skipped, "files": files,
    }));
    if counts.failed > 0 && !skip_unstable {
        c.b.log
            .line(&format!("WARNING: {} tests failed", counts.failed));
        super::basic::mark_unstable(c);
    }
    let n = |k: usize| Value::Int(i32::try_from(k).unwrap_or(i32::MAX));
    Ok(MapObj::linked(vec![
        (Value::str("totalCount"), n(counts.total)),
        (Value::str("failCount"), n(counts.failed)),
        (Value::str("skipCount"), n(counts.skipped)),
        (Value::str("passCount"), n(counts.passed())),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cases() {
        let xml = r#"<?xml version="1.0"?>
<testsuites><testsuite name="s" tests="4">
  <testcase name="ok"/>
  <testcase name="ok2"><system-out>hi</system-out></testcase>
  <testcase name="bad"><failure message="x">trace</failure></testcase>
  <testcase name="err"><error/></testcase>
  <testcase name="skip"><skipped/></testcase>
</testsuite></testsuites>"#;
        let c = parse_report(xml).unwrap_or_default();
        assert_eq!((c.total, c.failed, c.skipped, c.passed()), (5, 2, 1, 2));
        assert!(parse_report("<html/>").is_err());
    }
}
