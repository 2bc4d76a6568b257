//! Declarative directives' vocabularies: options, triggers, build parameters, `when`
//! conditions, agent types, tool types, post conditions, and the describables nested in them.

use super::{Block, Describable, Param, Type};

/// Options allowed in the pipeline's `options { }`: job properties, declarative options and
/// block-scoped wrapper steps (`timeout`, `retry`, `timestamps`...).
pub static OPTIONS: &[Describable] = &[];

/// The names of the options also allowed in a stage's `options { }`.
pub static STAGE_OPTIONS: &[&str] = &[];

/// Triggers allowed in `triggers { }`.
pub static TRIGGERS: &[Describable] = &[];

/// Build parameter types allowed in `parameters { }` and in `input { parameters { } }`.
pub static PARAMETERS: &[Describable] = &[];

/// `when` conditions.
pub static WHEN: &[Describable] = &[];

/// How many child conditions a nesting `when` condition takes: `None` for a condition that
/// takes none, `Some(None)` for "one or more", `Some(Some(n))` for exactly `n`.
#[must_use]
pub fn when_children(name: &str) -> Option<Option<usize>> {
    match name {
        "allOf" | "anyOf" => Some(None),
        "not" => Some(Some(1)),
        _ => None,
    }
}

/// Agent types with their options (`any` and `none` take none).
pub static AGENTS: &[Describable] = &[];

/// Tool types allowed in `tools { }`, e.g. `maven`, `jdk`.
pub static TOOLS: &[&str] = &[];

/// Post conditions, in the order Jenkins runs them.
pub static POST_CONDITIONS: &[&str] = &[];

/// Describables nested inside directives' arguments, by family (the `Type::Nested` name).
#[must_use]
pub fn nested(family: &str) -> &'static [Describable] {
    let _ = family;
    &[]
}

#[allow(
    dead_code,
    reason = "placeholders until the vocabularies are filled in"
)]
const _USE: (Block, Option<Param>, Option<Type>) = (Block::None, None, None);
