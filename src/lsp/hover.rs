//! Hover: a step's catalogue entry (summary, parameters, example, plugin); else that of a
//! `when` condition, an agent type, an option, a trigger or a parameter type; else what a
//! declarative section or post condition is for, what an environment variable Jenkins
//! defines holds, or what an agent option means for each agent type that has it.
//!
//! The name under the cursor is found in the text, not the AST: a word that names a step of
//! the catalogue gets its entry wherever it stands, so hover works in files that do not parse.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Range};

use crate::catalog::{self, Describable, directives};

use super::documents::{offset, position, word_at};

/// The hover for `at` in `text`, when the word there is a step, or another name the
/// catalogue describes, or one of `globals` (the shared libraries' variables the file may
/// call), with its `vars/NAME.txt`.
#[must_use]
pub fn hover(text: &str, at: Position, globals: &[crate::library::Global]) -> Option<Hover> {
    let (start, end) = word_at(text, offset(text, at))?;
    let word = &text[start..end];
    let value = describe(word).or_else(|| {
        let g = globals.iter().find(|g| g.name == word)?;
        let mut value = format!(
            "**{word}**: a global variable of a shared library (`{}`)",
            g.path.display()
        );
        if let Some(help) = &g.help {
            value.push_str("\n\n");
            value.push_str(help.trim());
        }
        Some(value)
    })?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(Range::new(position(text, start), position(text, end))),
    })
}

/// What `word` names, as Markdown, the catalogue's entry first.
fn describe(word: &str) -> Option<String> {
    if let Some(step) = catalog::step(word) {
        return Some(markdown(step));
    }
    for list in [
        directives::WHEN,
        directives::AGENTS,
        directives::OPTIONS,
        directives::TRIGGERS,
        directives::PARAMETERS,
    ] {
        if let Some(d) = catalog::find(list, word) {
            return Some(markdown(d));
        }
    }
    let named = |list: &[(&str, &str)], what: &str| {
        list.iter()
            .find(|(n, _)| *n == word)
            .map(|(n, doc)| format!("**{n}** ({what})\n\n{doc}"))
    };
    named(directives::SECTIONS, "section")
        .or_else(|| {
            directives::POST_CONDITIONS.contains(&word).then(|| {
                format!(
                    "**{word}** (post condition)\n\nPost conditions run in this order: {}.",
                    directives::POST_CONDITIONS.join(", ")
                )
            })
        })
        .or_else(|| named(catalog::ENVIRONMENT, "environment variable"))
        .or_else(|| agent_option(word))
}

/// An option of one or more agent types (`image`, `args`, `reuseNode`...), with each type's
/// words for it.
fn agent_option(word: &str) -> Option<String> {
    let mut out = String::new();
    for agent in directives::AGENTS {
        if let Some(p) = agent.params.iter().find(|p| p.name == word) {
            out.push('\n');
            parameter(&mut out, agent.name, p);
        }
    }
    (!out.is_empty()).then(|| format!("**{word}** (agent option){out}"))
}

/// A list item for the parameter `p`, named `name`: whether it is required, what it means,
/// its default.
fn parameter(out: &mut String, name: &str, p: &catalog::Param) {
    let _ = write!(out, "\n- `{name}`");
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
            parameter(&mut out, p.name, p);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        let at = text.find('|').expect("cursor");
        let text = text.replacen('|', "", 1);
        match hover(&text, Position::new(0, at as u32), &[]).map(|h| h.contents) {
            Some(HoverContents::Markup(m)) => m.value,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn conditions_sections_post_and_environment_have_their_entries() {
        assert!(shown("when { bra|nch 'main' }").starts_with("**branch**"));
        assert!(shown("ag|ent any").starts_with("**agent** (section)"));
        assert!(
            shown("post { fail|ure { } }").contains("Post conditions run in this order: always")
        );
        assert!(
            shown("echo env.BUILD_NU|MBER").starts_with("**BUILD_NUMBER** (environment variable)")
        );
        assert!(shown("agent { kuber|netes { } }").starts_with("**kubernetes**"));
        assert_eq!(shown("def fo|o = 1"), "None");
        let image = shown("agent { docker { ima|ge 'maven:3' } }");
        assert!(image.starts_with("**image** (agent option)"), "{image}");
        assert!(image.contains("- `docker` (required)"), "{image}");
        assert!(shown("reuse|Node true").contains("- `dockerfile`"));
    }
}
