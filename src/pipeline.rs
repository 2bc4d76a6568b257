//! Declarative pipelines: the model of a `pipeline { }` block ([`model`]), how it is read from
//! the AST with Jenkins' parse errors ([`build`]), and Jenkins' validation rules
//! ([`validate`]).

pub mod build;
pub mod model;
pub mod validate;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::syntax::ast::Script;

/// A file read as a declarative pipeline.
#[derive(Debug)]
pub struct Declarative<'a> {
    /// The model; `None` when the file has no top-level `pipeline { }` (a scripted pipeline).
    pub pipeline: Option<model::Pipeline<'a>>,
    /// What Jenkins would reject, in its words.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads `script` as Jenkins does before running it: the `pipeline { }` block's model, with
/// every parse and validation error Jenkins reports.
#[must_use]
pub fn analyse<'a>(source: &'a SourceFile, script: &'a Script) -> Declarative<'a> {
    let mut diagnostics = Vec::new();
    let pipeline = build::build(source, script, &mut diagnostics);
    if let Some(p) = &pipeline {
        validate::validate(p, &mut diagnostics);
    }
    Declarative {
        pipeline,
        diagnostics,
    }
}
