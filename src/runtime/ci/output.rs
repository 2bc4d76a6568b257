//! Output the CI system around the run understands, written beside the build's log (not into
//! the transcript kept in `.jfrun/builds/<n>/log`):
//! - on GitHub Actions, a collapsible `::group::` per top-level stage, `::error` annotations
//!   pointing at the Jenkinsfile line that failed, `::add-mask::` for every secret, and a
//!   stage table appended to `$GITHUB_STEP_SUMMARY`;
//! - on GitLab CI, a collapsible section per top-level stage.

use std::fmt::Write as _;
use std::io::Write as _;

use super::System;
use crate::runtime::build::Build;
use crate::runtime::context;
use crate::runtime::result::BuildResult;
use crate::runtime::stages::human_duration;
use crate::source::{SourceFile, Span};

fn system(b: &Build<'_>) -> Option<System> {
    if b.log.is_json() {
        return None;
    }
    b.ci.as_ref().map(|c| c.system)
}

/// GitHub's escaping of a workflow command's message.
#[must_use]
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property: as a message, and `:` and `,` too,
/// which end a property.
#[must_use]
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A GitLab section's name: letters, digits, `_`, `.`, `-`.
fn section_name(path: &[String]) -> String {
    path.join("_")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The build starts: GitHub is told every secret, so that it masks them in the whole job's
/// log, not only in what jfrun prints.
pub fn build_started(b: &Build<'_>) {
    if system(b) != Some(System::GitHubActions) {
        return;
    }
    for secret in b.credentials.all_secrets() {
        if !secret.is_empty() {
            // Each line of a multi-line secret is masked on its own.
            for line in secret.lines().filter(|l| !l.trim().is_empty()) {
                b.log.command(&format!("::add-mask::{}", escape_data(line)));
            }
        }
    }
}

/// Whether `path` is a stage that gets its own group: a top-level stage outside parallel
/// branches (the CI systems' groups do not nest, and parallel output interleaves).
fn grouped(path: &[String]) -> bool {
    path.len() == 1 && context::with(|ctx| ctx.branch.is_none())
}

/// A stage starts.
pub fn stage_started(b: &Build<'_>, path: &[String]) {
    let Some(system) = system(b) else { return };
    if !grouped(path) {
        return;
    }
    let mut open = b.ci_group.lock();
    if open.is_some() {
        return;
    }
    *open = Some(path.to_vec());
    let name = b.log.masker.mask(&path.join(" / "));
    match system {
        System::GitHubActions => b.log.command(&format!("::group::{}", escape_data(&name))),
        System::GitLab => b.log.command(&format!(
            "\x1b[0Ksection_start:{}:{}[collapsed=false]\r\x1b[0K{name}",
            unix_seconds(),
            section_name(path)
        )),
        _ => {}
    }
}

/// A stage ends.
pub fn stage_finished(b: &Build<'_>, path: &[String]) {
    let Some(system) = system(b) else { return };
    let mut open = b.ci_group.lock();
    if open.as_deref() != Some(path) {
        return;
    }
    *open = None;
    match system {
        System::GitHubActions => b.log.command("::endgroup::"),
        System::GitLab => b.log.command(&format!(
            "\x1b[0Ksection_end:{}:{}\r\x1b[0K",
            unix_seconds(),
            section_name(path)
        )),
        _ => {}
    }
}

/// The build failed with `message` at `span` of the Jenkinsfile `source`: an annotation on
/// that line.
pub fn failed(b: &Build<'_>, source: &SourceFile, span: Option<Span>, message: &str) {
    if system(b) != Some(System::GitHubActions) {
        return;
    }
    let message = b.log.masker.mask(message);
    let file = escape_property(&relative(b, source));
    let at = match span {
        Some(s) => {
            let lc = source.line_col(s.start as usize);
            format!(" file={file},line={},col={}", lc.line, lc.column)
        }
        None => format!(" file={file}"),
    };
    b.log.command(&format!(
        "::error{at},title=jfrun::{}",
        escape_data(&message)
    ));
}

/// The Jenkinsfile's path from the project's top, as GitHub's annotations name files.
fn relative(b: &Build<'_>, source: &SourceFile) -> String {
    let path = std::path::Path::new(source.name());
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .strip_prefix(&b.project)
        .map_or_else(|_| source.name().to_owned(), |p| p.display().to_string())
}

/// The build ended: on GitHub, the stage table is appended to the job's summary.
pub fn build_finished(b: &Build<'_>, result: BuildResult) {
    if system(b) != Some(System::GitHubActions) {
        return;
    }
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let mut md = format!("### {} #{}: {}\n\n", b.job, b.number, result.name());
    md.push_str("| Stage | Result | Duration |\n|---|---|---|\n");
    for s in b.stages.lock().iter() {
        let name = format!(
            "{}{}",
            "&nbsp;&nbsp;".repeat(s.path.len().saturating_sub(1)),
            s.path.last().map_or("", String::as_str).replace('|', "\\|")
        );
        let (status, duration) = crate::runtime::summary::result_and_duration(s);
        let _ = writeln!(md, "| {name} | {status} | {duration} |");
    }
    let _ = writeln!(
        md,
        "| **Build** | **{}** | {} |",
        result.name(),
        human_duration(b.elapsed_ms())
    );
    md.push('\n');
    let md = b.log.masker.mask(&md);
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(md.as_bytes()));
    if let Err(e) = written {
        b.log.error(&format!(
            "cannot append the stage table to GITHUB_STEP_SUMMARY ({}): {e}",
            std::path::Path::new(&path).display()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gitlab_section_names_keep_only_the_characters_gitlab_allows() {
        assert_eq!(section_name(&["Build & Test".to_owned()]), "build___test");
    }
}
