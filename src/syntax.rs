//! Reading Groovy: source text → spanned AST plus every syntax error, with no pest type in the
//! interface.
//!
//! Reading goes in three steps. A lexical scan ([`scan`]) checks strings, comments and
//! brackets, which explains most broken files better than a parser can ("unclosed `{` opened
//! here for `stage('Build')`"). The pest grammar then reads the file; when it fails, the
//! statement holding the error is blanked out (offsets kept) and the file read again, so that
//! one run reports every independent error. Last, [`lower`] builds the AST.

pub mod ast;
mod convert;
pub mod error;
mod grammar;
mod lower;
pub mod print;
mod recover;
mod scan;
pub mod visit;

use pest::Parser as _;

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};
use ast::Script;
use error::{SyntaxError, SyntaxErrorKind};
use grammar::{GroovyParser, Rule};

/// How deeply brackets may nest before jfrun refuses to read a file (Groovy itself overflows
/// its stack somewhere past a few thousand).
pub const MAX_DEPTH: usize = 200;

/// At most this many errors are reported for one file.
const MAX_ERRORS: usize = 20;

/// The result of reading a file: the AST when one could be built (possibly from the file with
/// its broken statements left out) and every syntax error found.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The AST; `None` when the file could not be read at all.
    pub script: Option<Script>,
    /// Syntax errors in source order.
    pub errors: Vec<SyntaxError>,
}

impl Parsed {
    /// The errors as diagnostics.
    #[must_use]
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.errors.iter().map(SyntaxError::to_diagnostic).collect()
    }

    /// Whether the file is free of syntax errors.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Stack a parse runs on. [`MAX_DEPTH`] levels of brackets take about 2 MiB in a release build;
/// unoptimised or sanitizer builds take several times that, and the caller's thread may be an
/// editor's or a test's with 2 MiB in all, so every parse gets a fresh stack of its own.
const PARSE_STACK: usize = 64 * 1024 * 1024;

/// Reads `file` as Groovy 2.4.
#[must_use]
pub fn parse(file: &SourceFile) -> Parsed {
    stacker::grow(PARSE_STACK, || parse_on_big_stack(file))
}

fn parse_on_big_stack(file: &SourceFile) -> Parsed {
    let text = file.text();
    let mut scanned = scan::scan(text);
    let mut errors: Vec<SyntaxError> = Vec::new();

    if scanned.max_depth > MAX_DEPTH {
        errors.push(SyntaxError::new(
            SyntaxErrorKind::TooDeep { limit: MAX_DEPTH },
            too_deep_at(text),
        ));
        return Parsed {
            script: None,
            errors,
        };
    }
    // Groovy decodes `\uXXXX` before reading anything, so a bad one is an error even where the
    // grammar would never look (comments).
    errors.extend(
        scanned
            .problems
            .iter()
            .filter(|p| matches!(p.kind, scan::ProblemKind::InvalidUnicodeEscape))
            .map(problem_error),
    );

    let mut source = text.to_string();
    let mut first = true;
    loop {
        let err = match GroovyParser::parse(Rule::script, &source) {
            Ok(mut pairs) => {
                let script = pairs.next().map(|p| lower::script(p, &mut errors));
                return finish(script, errors);
            }
            Err(err) => err,
        };
        // A failed first read: lexical and bracket problems explain it best. Each is reported,
        // then neutralised (the stray bracket or bad escape blanked out) so that the parser can
        // look for further, independent errors; past an unterminated string nothing can be read.
        if std::mem::take(&mut first) {
            let lexical = lexical_problems(&scanned);
            if !lexical.is_empty() {
                errors.extend(lexical.iter().map(|p| problem_error(p)));
                let fixable = lexical.iter().all(|p| recover::neutralise(&mut source, p));
                scanned = scan::scan(&source);
                let clean = scanned
                    .problems
                    .iter()
                    .all(|p| matches!(p.kind, scan::ProblemKind::InvalidUnicodeEscape));
                if !fixable || !clean {
                    return finish(None, errors);
                }
                continue;
            }
        }
        let error = recover::describe(&source, &err);
        let pos = error.span.start as usize;
        let line = file.line_col(pos).line;
        let stuck = errors
            .last()
            .is_some_and(|e| e.span.start as usize >= pos && e.kind == error.kind);
        // A second error on a line that already has one is usually the first one's echo.
        let echo = errors
            .iter()
            .any(|e| file.line_col(e.span.start as usize).line == line);
        if !stuck && !echo {
            errors.push(error);
        }
        if errors.len() >= MAX_ERRORS
            || !recover::blank_statement(&mut source, &scanned, pos, stuck)
        {
            return finish(None, errors);
        }
    }
}

/// The scan's problems that explain a failed parse. A closer reported as mismatched because an
/// opener before it was never closed is left out: the unclosed opener is the mistake.
fn lexical_problems(scanned: &scan::Scan) -> Vec<&scan::Problem> {
    let unclosed: Vec<Span> = scanned
        .problems
        .iter()
        .filter(|p| matches!(p.kind, scan::ProblemKind::Unclosed { .. }))
        .map(|p| p.span)
        .collect();
    scanned
        .problems
        .iter()
        .filter(|p| match p.kind {
            scan::ProblemKind::InvalidUnicodeEscape => false,
            scan::ProblemKind::Mismatched { .. } => p
                .related
                .as_ref()
                .is_none_or(|(open, _)| !unclosed.iter().any(|u| u.start == open.start)),
            _ => true,
        })
        .collect()
}

fn finish(script: Option<Script>, mut errors: Vec<SyntaxError>) -> Parsed {
    if let Some(script) = &script {
        convert::check(script, &mut errors);
    }
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    errors.dedup();
    Parsed { script, errors }
}

/// Where the nesting first passes [`MAX_DEPTH`], counting brackets naively.
fn too_deep_at(text: &str) -> Span {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Span::new(i, i + 1);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Span::at(0)
}

fn problem_error(p: &scan::Problem) -> SyntaxError {
    use scan::ProblemKind as P;
    let kind = match &p.kind {
        P::Unclosed { open, context } => SyntaxErrorKind::Unclosed {
            open: *open,
            context: context.clone(),
        },
        P::Mismatched { open, close } => SyntaxErrorKind::Mismatched {
            open: *open,
            close: *close,
        },
        P::UnexpectedClose { close } => SyntaxErrorKind::UnexpectedClose { close: *close },
        P::UnterminatedString { quote } => SyntaxErrorKind::UnterminatedString { quote },
        P::UnterminatedComment => SyntaxErrorKind::UnterminatedComment,
        P::InvalidEscape { ch } => SyntaxErrorKind::InvalidEscape { ch: *ch },
        P::IllegalDollar => SyntaxErrorKind::IllegalDollar,
        P::InvalidUnicodeEscape => SyntaxErrorKind::InvalidUnicodeEscape,
    };
    SyntaxError {
        kind,
        span: p.span,
        related: p.related.clone(),
    }
}
