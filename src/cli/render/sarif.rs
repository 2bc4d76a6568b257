//! `jfrun lint --format sarif`: every file's diagnostics as one SARIF 2.1.0 log (OASIS), for
//! code-scanning tools such as GitHub's.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, HOME, Severity};
use crate::source::{SourceFile, Span};

/// The schema the log declares: the OASIS publication of SARIF 2.1.0, errata 01.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The files of one `jfrun lint` run, collected until the log is written.
#[derive(Debug, Default)]
pub(in crate::cli) struct SarifLog {
    files: Vec<(String, SourceFile, Vec<Diagnostic>)>,
    unreadable: Vec<(String, String)>,
}

impl SarifLog {
    /// Adds a checked file, named by its path as given.
    pub(in crate::cli) fn file(
        &mut self,
        path: String,
        source: SourceFile,
        diagnostics: Vec<Diagnostic>,
    ) {
        self.files.push((path, source, diagnostics));
    }

    /// Records a file that could not be read, with the message already shown.
    pub(in crate::cli) fn unreadable(&mut self, path: &str, message: String) {
        self.unreadable.push((path.to_string(), message));
    }

    /// The log as pretty-printed JSON.
    pub(super) fn to_json(&self) -> String {
        let codes: BTreeMap<&'static str, usize> = self
            .files
            .iter()
            .flat_map(|(_, _, ds)| ds.iter().map(|d| d.code))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .enumerate()
            .map(|(i, c)| (c, i))
            .collect();
        let rules = codes.keys().map(|code| rule(code)).collect();
        let codes = &codes;
        let results = self
            .files
            .iter()
            .flat_map(|(path, source, ds)| {
                let uri = uri(path);
                ds.iter().map(move |d| SarifResult {
                    rule_id: d.code,
                    rule_index: codes.get(d.code).copied().unwrap_or(0),
                    level: level(d.severity),
                    message: Message::new(d.message.clone()),
                    locations: vec![location(&uri, source, d.span, None)],
                    related_locations: d
                        .related
                        .iter()
                        .map(|l| location(&uri, source, l.span, Some(&l.message)))
                        .collect(),
                })
            })
            .collect();
        let notifications = self
            .unreadable
            .iter()
            .map(|(path, message)| Notification {
                level: "error",
                message: Message::new(message.clone()),
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri(path) },
                        region: None,
                    },
                    message: None,
                }],
            })
            .collect();
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "jfrun",
                        version: env!("CARGO_PKG_VERSION"),
                        information_uri: HOME,
                        rules,
                    },
                },
                invocations: [Invocation {
                    execution_successful: self.unreadable.is_empty(),
                    tool_execution_notifications: notifications,
                }],
                column_kind: "unicodeCodePoints",
                results,
            }],
        };
        serde_json::to_string_pretty(&log).unwrap_or_default()
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(code: &'static str) -> Rule {
    let description = crate::syntax::error::describe(code)
        .or_else(|| crate::lint::suppress::describe(code))
        .or_else(|| {
            crate::lint::rules::RULES
                .iter()
                .find(|r| r.code == code)
                .map(|r| r.summary)
        })
        .map_or_else(|| fallback_description(code), str::to_string);
    Rule {
        id: code,
        short_description: Message::new(description),
        help_uri: help_uri(code),
    }
}

/// For a code with no description of its own: its name in words (`jenkins/unknown-step` →
/// "unknown step").
fn fallback_description(code: &str) -> String {
    let name = code.rsplit('/').next().unwrap_or(code);
    name.replace(['-', '_'], " ")
}

/// The page of jfrun's docs that explains `code`.
fn help_uri(code: &str) -> Option<String> {
    crate::diagnostic::docs_url(code)
}

fn location(uri: &str, source: &SourceFile, span: Span, message: Option<&str>) -> Location {
    let start = source.line_col(span.start as usize);
    let end = source.line_col(span.end as usize);
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri.to_string(),
            },
            // SARIF's columns are 1-based and, with `columnKind: unicodeCodePoints`, count
            // code points: `line_col`'s characters. `endColumn` is one past the end, as ours.
            region: Some(Region {
                start_line: start.line,
                start_column: start.column,
                end_line: end.line,
                end_column: end.column,
            }),
        },
        message: message.map(|m| Message::new(m.to_string())),
    }
}

/// A path as given on the command line, as a URI reference: relative paths stay relative,
/// absolute ones become `file:` URIs, and bytes a URI cannot hold are percent-encoded.
fn uri(path: &str) -> String {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let mut out = String::with_capacity(path.len() + 8);
    let mut rest = path.as_str();
    let drive = path.as_bytes();
    if path.starts_with('/') {
        out.push_str("file://");
    } else if cfg!(windows)
        && drive.len() >= 2
        && drive[0].is_ascii_alphabetic()
        && drive[1] == b':'
    {
        out.push_str("file:///");
        out.push_str(&path[..2]);
        rest = &path[2..];
    }
    for b in rest.bytes() {
        // RFC 3986's unreserved characters, sub-delims and `@` stand as they are; `:` is
        // encoded so that a relative path cannot read as a scheme.
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

impl Message {
    fn new(text: String) -> Self {
        Self { text }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("ci/build.Jenkinsfile"), "ci/build.Jenkinsfile");
        assert_eq!(uri("my file#1.groovy"), "my%20file%231.groovy");
        assert_eq!(uri("a:b"), "a%3Ab");
        assert_eq!(uri("/tmp/Jenkinsfile"), "file:///tmp/Jenkinsfile");
        assert_eq!(uri("dé.groovy"), "d%C3%A9.groovy");
    }

    #[test]
    fn help_links_by_code_family() {
        assert_eq!(
            help_uri("lint/unused-ignore").as_deref(),
            Some("https://github.com/jfrun/jfrun/blob/main/docs/lints.md#lint-unused-ignore")
        );
        assert_eq!(
            help_uri("jenkins/unknown-step").as_deref(),
            Some(
                "https://github.com/jfrun/jfrun/blob/main/docs/jenkins-rules.md#jenkins-unknown-step"
            )
        );
        assert_eq!(help_uri("other"), None);
        assert_eq!(fallback_description("jenkins/unknown-step"), "unknown step");
    }
}
