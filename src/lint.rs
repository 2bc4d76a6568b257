//! `jfrun lint`'s engine: syntax errors, then Jenkins' own rules for declarative pipelines,
//! then jfrun's lints, then `// jfrun-ignore` comments. The CLI and the language server both
//! call [`check`]; nothing here runs a process or touches the network.

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Every diagnostic for `source`, in source order.
#[must_use]
pub fn check(source: &SourceFile) -> Vec<Diagnostic> {
    let parsed = crate::syntax::parse(source);
    let mut diagnostics = parsed.diagnostics();
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    diagnostics
}
