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

/// Every diagnostic for `source`, in source order, knowing the shared `libraries` it may use
/// (the implicit ones and those it asks for): their global variables are no unknown steps.
/// `project` is the folder holding `.jfrun/`, where cloned libraries are cached.
#[must_use]
pub fn check_with_libraries(
    source: &SourceFile,
    libraries: &[crate::library::Library],
    project: &std::path::Path,
) -> Vec<Diagnostic> {
    let parsed = crate::syntax::parse(source);
    let globals: Vec<String> = parsed
        .script
        .as_ref()
        .map(|script| crate::library::visible_globals(libraries, script, project))
        .unwrap_or_default()
        .into_iter()
        .map(|g| g.name)
        .collect();
    check_parsed_with(source, &parsed, &globals).0
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
    check_parsed_with(source, parsed, &[])
}

/// [`check_parsed`], with the names of the shared libraries' global variables the script may
/// call.
#[must_use]
pub fn check_parsed_with<'a>(
    source: &'a SourceFile,
    parsed: &'a crate::syntax::Parsed,
    library_globals: &'a [String],
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
            library_globals,
        };
        rules::run(&cx, &mut diagnostics);
        pipeline = declarative.pipeline;
    }
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    diagnostics.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    (suppress::apply(source, diagnostics), pipeline)
}
