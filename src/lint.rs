//! `jfrun lint`'s engine: syntax errors, then Jenkins' own rules for declarative pipelines,
//! then jfrun's lints ([`rules`]), then `// jfrun-ignore` comments ([`suppress`]). The CLI and
//! the language server both call [`check`]; nothing here runs a process or touches the
//! network.

pub mod rules;
pub mod suppress;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Every diagnostic for `source`, in source order.
#[must_use]
pub fn check(source: &SourceFile) -> Vec<Diagnostic> {
    let parsed = crate::syntax::parse(source);
    check_parsed(source, &parsed).0
}

/// Every diagnostic for `source` already parsed as `parsed`, in source order, with the
/// declarative model the checks read (so a run uses it without reading the file again).
#[must_use]
pub fn check_parsed<'a>(
    source: &'a SourceFile,
    parsed: &'a crate::syntax::Parsed,
) -> (
    Vec<Diagnostic>,
    Option<crate::pipeline::model::Pipeline<'a>>,
) {
    let mut diagnostics = parsed.diagnostics();
    let mut pipeline = None;
    if let Some(script) = &parsed.script {
        let declarative = crate::pipeline::analyse(source, script);
        diagnostics.extend(declarative.diagnostics);
        let cx = rules::Context {
            source,
            script,
            pipeline: declarative.pipeline.as_ref(),
        };
        rules::run(&cx, &mut diagnostics);
        pipeline = declarative.pipeline;
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    diagnostics.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    (suppress::apply(source, diagnostics), pipeline)
}
