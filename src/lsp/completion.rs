//! Completion that knows where the cursor is: the blocks enclosing it are read from the text
//! before it (strings and comments skipped, so an unfinished file still completes), and the
//! innermost decides what is offered:
//!
//! - in `pipeline { }`, its sections; in `stages { }` and a declarative `parallel { }`,
//!   `stage`; in a `stage`, its sections; in `matrix`, `axes`, `axis`, theirs;
//! - in `agent { }`, the agent types; in an agent type's block, its options;
//! - in `when` (and `allOf`, `anyOf`, `not`), the conditions; in `post`, the conditions in
//!   Jenkins' order; in `options`, `triggers`, `parameters`, `tools`, their entries;
//! - anywhere else, the steps, with a snippet for their required argument and block;
//! - after `env.`, the variables Jenkins defines; after `params.`, the parameters the file
//!   declares;
//! - in the string of `container('…')` or `defaultContainer '…'`, the containers of the pod
//!   template in scope ([`super::containers`]); in the string of `credentialsId: '…'`,
//!   `credentials('…')`, `registryCredentialsId '…'` or `sshagent(['…'])`, the ids of the
//!   project's credentials file ([`super::credential_ids`]).
//!
//! Everything else offered comes from the catalogue `jfrun lint` checks against.

use std::fmt::Write as _;
use std::path::Path;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat,
    MarkupContent, MarkupKind, Position, Range, TextEdit,
};

use crate::catalog::{self, Describable, directives};
use crate::pipeline::build::PIPELINE_SECTIONS;

use super::containers::containers_at;
use super::credential_ids::credential_ids;
use super::documents::{offset, position};
use super::hover::markdown;

/// The sections of a `stage`.
const STAGE_SECTIONS: &[&str] = &[
    "agent",
    "environment",
    "failFast",
    "input",
    "matrix",
    "options",
    "parallel",
    "post",
    "stages",
    "steps",
    "tools",
    "when",
];

/// The sections of a `matrix`.
const MATRIX_SECTIONS: &[&str] = &[
    "agent",
    "axes",
    "environment",
    "excludes",
    "input",
    "options",
    "post",
    "stages",
    "tools",
    "when",
];

/// What may be completed at `at` in `text`, a file in the folder `dir` (when it is one on disk).
#[must_use]
pub fn complete(text: &str, at: Position, dir: Option<&Path>) -> Vec<CompletionItem> {
    let at = offset(text, at);
    let before = &text[..at];
    if let Some((call, open)) = string_argument(before) {
        let range = Range::new(position(text, open + 1), position(text, at));
        let (names, kind): (Vec<(String, String)>, _) =
            if call == "container" || call == "defaultContainer" {
                let parsed = crate::syntax::parse(&crate::source::SourceFile::new("", text));
                let names = parsed.script.map_or_else(Vec::new, |script| {
                    containers_at(&script, at, dir)
                        .into_iter()
                        .map(|c| {
                            let detail = c.image.unwrap_or_else(|| {
                                if c.name == "jnlp" {
                                    "the agent's own container".to_owned()
                                } else {
                                    String::new()
                                }
                            });
                            (c.name, detail)
                        })
                        .collect()
                });
                (names, CompletionItemKind::VALUE)
            } else if is_credentials_argument(call) {
                (
                    dir.map_or_else(Vec::new, credential_ids),
                    CompletionItemKind::CONSTANT,
                )
            } else {
                (Vec::new(), CompletionItemKind::TEXT)
            };
        if !names.is_empty() {
            return names
                .into_iter()
                .map(|(name, detail)| CompletionItem {
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, name.clone()))),
                    ..item(&name, kind, &detail, None)
                })
                .collect();
        }
    }
    let word_start = name_start(before);
    let qualifier = &before[..word_start];
    if qualifier.ends_with("env.") {
        return catalog::ENVIRONMENT
            .iter()
            .map(|(name, doc)| item(name, CompletionItemKind::VARIABLE, doc, None))
            .collect();
    }
    if qualifier.ends_with("params.") {
        return declared_parameters(text)
            .into_iter()
            .map(|name| {
                item(
                    &name,
                    CompletionItemKind::VARIABLE,
                    "A parameter of this pipeline.",
                    None,
                )
            })
            .collect();
    }
    let blocks = enclosing(qualifier);
    let innermost = blocks.last().map_or("", String::as_str);
    let parent = blocks
        .len()
        .checked_sub(2)
        .map_or("", |i| blocks[i].as_str());
    let words = |list: &[&str], kind, doc: &str| -> Vec<CompletionItem> {
        list.iter().map(|w| item(w, kind, doc, None)).collect()
    };
    match innermost {
        "pipeline" => words(
            PIPELINE_SECTIONS,
            CompletionItemKind::MODULE,
            "A section of the pipeline.",
        ),
        "stages" => words(&["stage"], CompletionItemKind::CLASS, "A stage."),
        "parallel" if in_declarative(&blocks) => {
            words(&["stage"], CompletionItemKind::CLASS, "A parallel stage.")
        }
        "stage" if in_declarative(&blocks) => words(
            STAGE_SECTIONS,
            CompletionItemKind::MODULE,
            "A section of the stage.",
        ),
        "matrix" => words(
            MATRIX_SECTIONS,
            CompletionItemKind::MODULE,
            "A section of the matrix.",
        ),
        "axes" => words(
            &["axis"],
            CompletionItemKind::MODULE,
            "An axis of the matrix.",
        ),
        "axis" => words(
            &["name", "values"],
            CompletionItemKind::PROPERTY,
            "The axis' name and values.",
        ),
        "excludes" => words(
            &["exclude"],
            CompletionItemKind::MODULE,
            "A combination left out.",
        ),
        "exclude" => words(
            &["axis"],
            CompletionItemKind::MODULE,
            "An axis value to leave out.",
        ),
        "when" | "allOf" | "anyOf" | "not" => {
            describables(directives::WHEN, CompletionItemKind::KEYWORD)
        }
        "post" => words(
            directives::POST_CONDITIONS,
            CompletionItemKind::EVENT,
            "A post condition (run in this order).",
        ),
        "agent" => describables(directives::AGENTS, CompletionItemKind::STRUCT),
        "options" => describables(directives::OPTIONS, CompletionItemKind::PROPERTY),
        "triggers" => describables(directives::TRIGGERS, CompletionItemKind::PROPERTY),
        "parameters" => describables(directives::PARAMETERS, CompletionItemKind::PROPERTY),
        "tools" => words(
            directives::TOOLS,
            CompletionItemKind::PROPERTY,
            "A tool type.",
        ),
        name if parent == "agent" => {
            catalog::find(directives::AGENTS, name).map_or_else(Vec::new, |agent| {
                agent
                    .params
                    .iter()
                    .map(|p| item(p.name, CompletionItemKind::PROPERTY, p.doc, None))
                    .collect()
            })
        }
        _ => {
            let mut items = describables(catalog::steps::STEPS, CompletionItemKind::FUNCTION);
            if blocks.is_empty() {
                items.push(item(
                    "pipeline",
                    CompletionItemKind::MODULE,
                    "A declarative pipeline.",
                    Some("pipeline {\n\t$0\n}"),
                ));
            }
            items
        }
    }
}

/// When `before` ends inside a one-line string literal: the name of the call (or named
/// argument) the string is given to, and the offset of its opening quote. `credentialsId: '`
/// gives `credentialsId`, `container('` `container`, `sshagent(['` `sshagent`.
fn string_argument(before: &str) -> Option<(&str, usize)> {
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut open: Option<(usize, char)> = None;
    let mut escaped = false;
    for (i, c) in before[line_start..].char_indices() {
        match (open, c) {
            _ if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some((_, q)), c) if c == q => open = None,
            (None, '\'' | '"') => open = Some((line_start + i, c)),
            _ => {}
        }
    }
    let (at, _) = open?;
    let head = before[..at].trim_end();
    let head = head.strip_suffix('[').unwrap_or(head).trim_end();
    let head = head
        .strip_suffix('(')
        .or_else(|| head.strip_suffix(':'))
        .unwrap_or(head)
        .trim_end();
    let name = &head[name_start(head)..];
    (!name.is_empty()).then_some((name, at))
}

/// Where the name that ends `text` starts (`text.len()` when it ends in no name).
fn name_start(text: &str) -> usize {
    text.char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_alphanumeric() || c == '_')
        .last()
        .map_or(text.len(), |(i, _)| i)
}

/// Whether a string given to `name` is a credential id.
fn is_credentials_argument(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with("credentialsid") || lower == "credentials" || lower == "sshagent"
}

/// Whether the blocks are those of a declarative pipeline (inside `pipeline { }`).
fn in_declarative(blocks: &[String]) -> bool {
    blocks.first().is_some_and(|b| b == "pipeline")
}

/// Items for describables, each with its entry as documentation and a snippet.
fn describables(list: &[Describable], kind: CompletionItemKind) -> Vec<CompletionItem> {
    list.iter()
        .map(|d| {
            let mut snippet = d.name.to_owned();
            if let Some(p) = d.sole_required() {
                let _ = write!(snippet, " '${{1:{}}}'", p.name);
            }
            if d.takes_block() {
                snippet.push_str(" {\n\t$0\n}");
            }
            let mut it = item(d.name, kind, "", Some(&snippet));
            it.detail = Some(d.summary.to_owned());
            it.documentation = Some(Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown(d),
            }));
            it
        })
        .collect()
}

fn item(label: &str, kind: CompletionItemKind, doc: &str, snippet: Option<&str>) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: (!doc.is_empty()).then(|| doc.to_owned()),
        insert_text: snippet.map(str::to_owned),
        insert_text_format: snippet.map(|_| InsertTextFormat::SNIPPET),
        ..CompletionItem::default()
    }
}

/// The names of the blocks open at the end of `text`, outermost first: the word before each
/// unclosed `{` (its call's name, `stage('x') {` giving `stage`), or `""`.
#[must_use]
pub fn enclosing(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            q @ (b'\'' | b'"') => {
                let triple = bytes.get(i + 1) == Some(&q) && bytes.get(i + 2) == Some(&q);
                if triple {
                    i += 3;
                    while i + 2 < bytes.len()
                        && !(bytes[i] == q && bytes[i + 1] == q && bytes[i + 2] == q)
                    {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 2;
                } else {
                    i += 1;
                    while i < bytes.len() && bytes[i] != q && bytes[i] != b'\n' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                }
            }
            b'{' => stack.push(head(&text[..i])),
            b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack
}

/// The name of the call a `{` ending `before` opens: the identifier before it, past one
/// parenthesised argument list.
fn head(before: &str) -> String {
    let mut s = before.trim_end();
    if s.ends_with(')') {
        let mut depth = 0;
        let mut cut = None;
        for (i, c) in s.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' => {
                    depth -= 1;
                    if depth == 0 {
                        cut = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        match cut {
            Some(i) => s = s[..i].trim_end(),
            None => return String::new(),
        }
    }
    s[name_start(s)..].to_owned()
}

/// The names the file's `parameters { }` block declares (`name: 'X'`, or the first string
/// of a parameter written positionally).
fn declared_parameters(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("parameters") {
        let after = &rest[i + "parameters".len()..];
        rest = after;
        let Some(body) = after.trim_start().strip_prefix('{') else {
            continue;
        };
        let end = enclosing_end(body);
        for line in body[..end].lines() {
            if let Some(j) = line.find("name:") {
                let v = line[j + 5..].trim_start();
                if let Some(q) = v.chars().next().filter(|c| *c == '\'' || *c == '"') {
                    if let Some(k) = v[1..].find(q) {
                        names.push(v[1..=k].to_owned());
                    }
                }
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Where the block whose body starts `body` ends (the offset of its `}`).
fn enclosing_end(body: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    body.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<String> {
        let at = text.find('|').expect("cursor");
        let text = text.replacen('|', "", 1);
        let before = &text[..at];
        let line = before.matches('\n').count() as u32;
        let character = (at - before.rfind('\n').map_or(0, |i| i + 1)) as u32;
        complete(&text, Position::new(line, character), None)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    #[test]
    fn blocks_are_read_past_strings_comments_and_arguments() {
        assert_eq!(
            enclosing("pipeline {\n stages { stage('a {') { // {\n steps { sh \"}\" \n"),
            ["pipeline", "stages", "stage", "steps"]
        );
    }

    #[test]
    fn each_place_offers_what_belongs_there() {
        assert!(labels("pipeline {\n  |\n}").contains(&"stages".to_owned()));
        assert_eq!(labels("pipeline { stages { | } }"), ["stage"]);
        let stage = labels("pipeline { stages { stage('a') { | } } }");
        assert!(stage.contains(&"steps".to_owned()) && stage.contains(&"when".to_owned()));
        let steps = labels("pipeline { stages { stage('a') { steps { s| } } } }");
        assert!(steps.contains(&"sh".to_owned()), "{steps:?}");
        assert!(
            labels("pipeline { stages { stage('a') { when { | } } } }")
                .contains(&"branch".to_owned())
        );
        assert_eq!(labels("pipeline { post { | } }")[0], "always");
        assert!(labels("pipeline { agent { | } }").contains(&"kubernetes".to_owned()));
        assert!(labels("pipeline { agent { docker { | } } }").contains(&"image".to_owned()));
        assert!(labels("node { echo env.| }").contains(&"BUILD_NUMBER".to_owned()));
        assert_eq!(
            labels(
                "pipeline { parameters { string(name: 'TARGET', defaultValue: 'x')\n booleanParam(name: \"DRY\") }\n stages { stage('a') { steps { echo params.| } } } }"
            ),
            ["DRY", "TARGET"]
        );
        assert!(labels("|").contains(&"pipeline".to_owned()));
        assert!(labels("node { stage('x') { | } }").contains(&"sh".to_owned()));
        assert_eq!(
            labels(
                "podTemplate(containers: [containerTemplate(name: 'go', image: 'golang')]) {\n node(POD_LABEL) { container('g|') {} } }"
            ),
            ["go", "jnlp"]
        );
    }

    #[test]
    fn string_arguments_are_named_by_their_call() {
        let cases = [
            ("container('ma", Some("container")),
            (
                "  usernamePassword(credentialsId: \"dep",
                Some("credentialsId"),
            ),
            ("registryCredentialsId '", Some("registryCredentialsId")),
            ("sshagent(['", Some("sshagent")),
            ("echo 'done' ; sh 'make", Some("sh")),
            ("echo 'done'", None),
            ("x = \"a\\\"b", None),
        ];
        for (before, want) in cases {
            assert_eq!(string_argument(before).map(|(c, _)| c), want, "{before}");
        }
    }
}
