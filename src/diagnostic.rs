//! Diagnostics: the one shape every error, warning and note takes, and its deterministic rendering.

use std::fmt;
use std::fmt::Write as _;

use serde::Serialize;

use crate::source::{SourceFile, Span};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, Eq, Ord, PartialEq, PartialOrd, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Info,
    /// Probably a mistake; the file still runs.
    Warning,
    /// The file is rejected.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        })
    }
}

/// Where jfrun's sources and docs live.
pub const HOME: &str = "https://github.com/jfrun/jfrun";

/// The page of jfrun's docs that explains `code` (a lint, a Jenkins rule or the syntax codes),
/// for SARIF's `helpUri` and the language server's `codeDescription`.
#[must_use]
pub fn docs_url(code: &str) -> Option<String> {
    let anchor = code.replace('/', "-");
    let page = match code.split('/').next() {
        Some("lint") => format!("docs/lints.md#{anchor}"),
        Some("jenkins") => format!("docs/jenkins-rules.md#{anchor}"),
        Some("syntax") => "docs/lint-json.md#syntax-codes".to_string(),
        _ => return None,
    };
    Some(format!("{HOME}/blob/main/{page}"))
}

/// A secondary span with its own words.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What to say there.
    pub message: String,
}

/// One finding about a source file: a stable code, a message in user terms, the span it is
/// about, further labelled spans and an optional hint on how to fix it.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Diagnostic {
    /// Stable code such as `syntax/unclosed-delimiter`; part of the machine interface.
    pub code: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// The message.
    pub message: String,
    /// The main span.
    pub span: Span,
    /// Words shown under the main span.
    pub label: Option<String>,
    /// Further spans.
    pub related: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// Changes to the file that fix it, offered by the language server as quick fixes.
    pub fixes: Vec<Fix>,
}

/// A change to the file that resolves a diagnostic: a title for people and the edits, which
/// never overlap.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Fix {
    /// What the fix does, as an editor lists it ("Move `environment` out of the agent").
    pub title: String,
    /// The replacements, in any order.
    pub edits: Vec<Edit>,
}

/// Replace the text at `span` with `text` (an insertion when the span is empty).
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Edit {
    /// What is replaced.
    pub span: Span,
    /// What takes its place.
    pub text: String,
}

impl Fix {
    /// `text` with the fix applied.
    #[must_use]
    pub fn apply(&self, text: &str) -> String {
        let mut edits: Vec<&Edit> = self.edits.iter().collect();
        edits.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
        let mut out = text.to_owned();
        for e in edits {
            out.replace_range(e.span.start as usize..e.span.end as usize, &e.text);
        }
        out
    }
}

impl Diagnostic {
    /// An error with `code` and `message` at `span`.
    #[must_use]
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Self {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            related: Vec::new(),
            help: None,
            fixes: Vec::new(),
        }
    }

    /// Sets the words under the main span.
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a labelled secondary span.
    #[must_use]
    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the hint.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Offers `fix`.
    #[must_use]
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    /// Pairs the diagnostic with its file, for miette.
    #[must_use]
    pub fn report<'a>(&'a self, file: &'a SourceFile) -> Report<'a> {
        Report {
            diagnostic: self,
            file,
        }
    }
}

/// A diagnostic with its source, as miette renders it.
#[derive(Debug)]
pub struct Report<'a> {
    diagnostic: &'a Diagnostic,
    file: &'a SourceFile,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.file)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let main = miette::LabeledSpan::new_primary_with_span(d.label.clone(), d.span);
        let related = d
            .related
            .iter()
            .map(|l| miette::LabeledSpan::new_with_span(Some(l.message.clone()), l.span));
        Some(Box::new(std::iter::once(main).chain(related)))
    }
}

/// Renders diagnostics as text the way the terminal shows them, without colours, at a fixed
/// width: the form snapshot tests compare.
#[must_use]
pub fn render_plain(file: &SourceFile, diagnostics: &[Diagnostic], width: usize) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(width)
            .with_links(false);
    render_with(&handler, file, diagnostics)
}

/// Renders diagnostics with a miette handler, falling back to a one-line form for spans miette
/// cannot draw (it panics on columns past 65535, as in minified one-line files).
#[must_use]
pub fn render_with(
    handler: &miette::GraphicalReportHandler,
    file: &SourceFile,
    diagnostics: &[Diagnostic],
) -> String {
    let mut out = String::new();
    for d in diagnostics {
        if drawable(file, d) {
            let _ = handler.render_report(&mut out, &d.report(file));
        } else {
            let at = file.line_col(d.span.start as usize);
            let _ = writeln!(
                out,
                "{}[{}]: {}\n  --> {}:{}:{}",
                d.severity,
                d.code,
                d.message,
                file.name(),
                at.line,
                at.column
            );
            if let Some(help) = &d.help {
                let _ = writeln!(out, "  help: {help}");
            }
            out.push('\n');
        }
    }
    out
}

/// Columns past which the source excerpt is not drawn.
const MAX_DRAWN_COLUMN: usize = 10_000;

fn drawable(file: &SourceFile, d: &Diagnostic) -> bool {
    std::iter::once(d.span)
        .chain(d.related.iter().map(|l| l.span))
        .all(|span| {
            let start = file.line_col(span.start as usize);
            let end = file.line_col(span.end as usize);
            start.column < MAX_DRAWN_COLUMN
                && end.column < MAX_DRAWN_COLUMN
                && file.line_text(start.line).len() < MAX_DRAWN_COLUMN * 4
        })
}
