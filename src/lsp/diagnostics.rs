//! jfrun's diagnostics as the protocol's.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Range, Uri,
};

use crate::diagnostic::{Diagnostic, Severity, docs_url};

use super::documents::position;

/// The protocol's diagnostic for `d` in the document `uri` holding `text`. The help, when there
/// is one, follows the message on its own line; related spans become related information.
#[must_use]
pub fn to_lsp(uri: &Uri, text: &str, d: &Diagnostic) -> lsp_types::Diagnostic {
    let range = |span: crate::source::Span| {
        Range::new(
            position(text, span.start as usize),
            position(text, span.end as usize),
        )
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(l.span)),
            message: l.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: range(d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.to_owned())),
        code_description: docs_url(d.code)
            .and_then(|url| url.parse().ok())
            .map(|href| CodeDescription { href }),
        source: Some("jfrun".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}
