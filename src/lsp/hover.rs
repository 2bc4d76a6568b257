//! Hover: a step's catalogue entry (summary, parameters, example, plugin).
//!
//! The name under the cursor is found in the text, not the AST: a word that names a step of
//! the catalogue gets its entry wherever it stands, so hover works in files that do not parse.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Range};

use crate::catalog::{self, Describable};

use super::documents::{offset, position};

/// The hover for `at` in `text`, when the word there is a step.
#[must_use]
pub fn hover(text: &str, at: Position) -> Option<Hover> {
    let at = offset(text, at);
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .find(|c: char| !is_word(c))
        .map_or(text.len(), |i| at + i);
    let step = catalog::step(text.get(start..end)?)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown(step),
        }),
        range: Some(Range::new(position(text, start), position(text, end))),
    })
}

/// A step's entry as Markdown.
#[must_use]
pub fn markdown(step: &Describable) -> String {
    let mut out = format!("**{}**", step.name);
    if step.takes_block() {
        out.push_str(" { … }");
    }
    let _ = write!(out, "\n\n{}\n", step.summary);
    if !step.params.is_empty() {
        out.push_str("\nParameters:\n");
        for p in step.params {
            let _ = write!(out, "\n- `{}`", p.name);
            if p.required {
                out.push_str(" (required)");
            }
            if !p.doc.is_empty() {
                let _ = write!(out, ": {}", p.doc);
            }
            if let Some(default) = p.default {
                let _ = write!(out, " Default: `{default}`.");
            }
        }
        out.push('\n');
    }
    if !step.example.is_empty() {
        let _ = write!(out, "\n```groovy\n{}\n```\n", step.example);
    }
    if !step.plugin.is_empty() {
        let _ = write!(out, "\nPlugin: `{}`", step.plugin);
    }
    out
}
