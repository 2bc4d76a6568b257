//! `// jfrun-ignore` comments: the diagnostics they name are dropped, and a comment that drops
//! nothing is itself reported (`lint/unused-ignore`).
//!
//! - `// jfrun-ignore CODE, CODE` alone on its line names the next line holding code (blank and
//!   comment-only lines are skipped); after code, it names its own line.
//! - `// jfrun-ignore-file CODE` anywhere names the whole file.
//! - A code ending in `/` names every code under it (`jenkins/`); text after `--` is a reason.
//!
//! A diagnostic is on the line its span starts on. Syntax errors (`syntax/...`) cannot be
//! suppressed: the file does not load in Jenkins either.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Span};

/// The code of the warning for an ignore comment that suppresses nothing.
pub const UNUSED_IGNORE: &str = "lint/unused-ignore";

const IGNORE: &str = "jfrun-ignore";
const IGNORE_FILE: &str = "jfrun-ignore-file";

/// One line on when `code` is reported, if this module reports it.
#[must_use]
pub fn describe(code: &str) -> Option<&'static str> {
    (code == UNUSED_IGNORE).then_some("a `// jfrun-ignore` comment that suppresses nothing")
}

/// Whether `pattern` names `code`: the same code, or a prefix of it ending in `/`.
#[must_use]
pub fn code_matches(pattern: &str, code: &str) -> bool {
    pattern == code || (pattern.ends_with('/') && code.starts_with(pattern))
}

/// Drops the diagnostics that `// jfrun-ignore` comments in `source` name and adds a
/// `lint/unused-ignore` warning for each named code that dropped nothing. `diagnostics` and
/// the result are in source order.
#[must_use]
pub fn apply(source: &SourceFile, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if !source.text().contains(IGNORE) {
        return diagnostics;
    }
    let mut directives = directives(source.text());
    if directives.is_empty() {
        return diagnostics;
    }
    // Past a syntax error later checks see only part of the file, so a comment may look unused
    // only because the code it names was never checked.
    let complete = !diagnostics.iter().any(|d| is_syntax(d.code));
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let line = source.line_col(d.span.start as usize).line;
        let mut suppressed = false;
        if !is_syntax(d.code) {
            for directive in directives.iter_mut().filter(|x| x.applies_to(line)) {
                for named in &mut directive.codes {
                    if code_matches(named.code, d.code) {
                        named.used = true;
                        suppressed = true;
                    }
                }
            }
        }
        if !suppressed {
            kept.push(d);
        }
    }
    for directive in &directives {
        kept.extend(directive.unused(complete));
    }
    kept.sort_by_key(|d| (d.span.start, d.span.end));
    kept
}

fn is_syntax(code: &str) -> bool {
    code.starts_with("syntax/")
}

/// What an ignore comment applies to.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
enum Scope {
    /// The comment's own line (1-based), after code.
    SameLine(usize),
    /// The next line holding code (1-based), if any.
    NextLine(Option<usize>),
    /// The whole file.
    File,
}

/// A code named in an ignore comment.
#[derive(Debug)]
struct Named<'a> {
    code: &'a str,
    span: Span,
    used: bool,
}

/// One `// jfrun-ignore` or `// jfrun-ignore-file` comment.
#[derive(Debug)]
struct Directive<'a> {
    scope: Scope,
    /// The whole comment.
    span: Span,
    codes: Vec<Named<'a>>,
}

impl Directive<'_> {
    fn applies_to(&self, line: usize) -> bool {
        match self.scope {
            Scope::SameLine(l) => l == line,
            Scope::NextLine(l) => l == Some(line),
            Scope::File => true,
        }
    }

    /// Warnings for the codes that suppressed nothing; only for those that never can when the
    /// file was not `complete`ly checked.
    fn unused(&self, complete: bool) -> Vec<Diagnostic> {
        if self.codes.is_empty() {
            return vec![
                warning(
                    format!("`{IGNORE}` names no code, so it suppresses nothing"),
                    self.span,
                )
                .with_help(format!(
                    "name the codes to ignore: `// {IGNORE} CODE, CODE`"
                )),
            ];
        }
        self.codes
            .iter()
            .filter(|n| !n.used)
            .filter_map(|n| {
                if is_syntax(n.code) {
                    Some(
                        warning("syntax errors cannot be suppressed", n.span)
                            .with_label(format!("`{}` is a syntax error", n.code))
                            .with_help("fix the syntax error: Jenkins cannot load the file"),
                    )
                } else if code_matches(n.code, UNUSED_IGNORE) {
                    Some(
                        warning(
                            format!("`{UNUSED_IGNORE}` cannot be suppressed by a comment"),
                            n.span,
                        )
                        .with_help(format!(
                            "remove the comment, or run `jfrun lint --allow {UNUSED_IGNORE}`"
                        )),
                    )
                } else if complete {
                    let place = match self.scope {
                        Scope::SameLine(_) => "on this line".to_string(),
                        Scope::NextLine(Some(l)) => format!("on line {l}"),
                        Scope::NextLine(None) => "anywhere: no code follows".to_string(),
                        Scope::File => "in this file".to_string(),
                    };
                    Some(
                        warning(
                            format!("unused ignore: `{}` is not reported {place}", n.code),
                            n.span,
                        )
                        .with_label("suppresses nothing")
                        .with_help(format!("remove `{}` from the comment", n.code)),
                    )
                } else {
                    None
                }
            })
            .collect()
    }
}

fn warning(message: impl Into<String>, span: Span) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        ..Diagnostic::error(UNUSED_IGNORE, message, span)
    }
}

/// Every ignore comment of `text`, with the line it applies to.
fn directives(text: &str) -> Vec<Directive<'_>> {
    let layout = layout(text);
    let mut out = Vec::new();
    for comment in &layout.comments {
        let Some((file, codes)) = parse(text, comment.span) else {
            continue;
        };
        let scope = if file {
            Scope::File
        } else if comment.after_code {
            Scope::SameLine(comment.line + 1)
        } else {
            let next = layout
                .code_lines
                .iter()
                .enumerate()
                .skip(comment.line + 1)
                .find(|&(_, &code)| code)
                .map(|(i, _)| i + 1);
            Scope::NextLine(next)
        };
        out.push(Directive {
            scope,
            span: comment.span,
            codes,
        });
    }
    out
}

/// Reads a `//` comment at `span` as an ignore comment: whether it is file-wide, and the codes
/// it names with their spans. `None` when it is some other comment.
fn parse(text: &str, span: Span) -> Option<(bool, Vec<Named<'_>>)> {
    let start = span.start as usize;
    let comment = text.get(start..span.end as usize)?;
    let body = comment.strip_prefix("//")?;
    let trimmed = body.trim_start();
    let (file, keyword) = if trimmed.starts_with(IGNORE_FILE) {
        (true, IGNORE_FILE)
    } else if trimmed.starts_with(IGNORE) {
        (false, IGNORE)
    } else {
        return None;
    };
    let rest_at = start + 2 + (body.len() - trimmed.len()) + keyword.len();
    let rest = text.get(rest_at..span.end as usize)?;
    // `jfrun-ignored`, `jfrun-ignore-line`: not ours.
    if rest.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    let rest = rest.split("--").next().unwrap_or("");
    let mut codes = Vec::new();
    let mut token: Option<usize> = None;
    for (i, c) in rest
        .char_indices()
        .chain(std::iter::once((rest.len(), ' ')))
    {
        let separator = c == ',' || c.is_whitespace();
        match (token, separator) {
            (None, false) => token = Some(i),
            (Some(from), true) => {
                codes.push(Named {
                    code: rest.get(from..i).unwrap_or(""),
                    span: Span::new(rest_at + from, rest_at + i),
                    used: false,
                });
                token = None;
            }
            _ => {}
        }
    }
    Some((file, codes))
}

/// A `//` comment found by [`layout`].
#[derive(Debug)]
struct LineComment {
    /// From `//` to the end of the line (without the line break).
    span: Span,
    /// 0-based line.
    line: usize,
    /// Whether code stands before it on its line.
    after_code: bool,
}

/// The `//` comments of a file and which lines hold code (anything but blanks and comments).
#[derive(Debug, Default)]
struct Layout {
    comments: Vec<LineComment>,
    /// Indexed by 0-based line.
    code_lines: Vec<bool>,
}

#[derive(Clone, Copy, Debug, Eq, PartialEq)]
enum State {
    Code,
    BlockComment,
    /// Inside a string closed by this quote (`'`, `"`, `'''` or `"""`).
    Str(&'static [u8]),
}

/// A cheap lexical pass: strings and comments, nothing else. Slashy strings are read as code,
/// which only matters for a `//` inside one; good enough to find ignore comments.
fn layout(text: &str) -> Layout {
    let b = text.as_bytes();
    let mut out = Layout {
        comments: Vec::new(),
        code_lines: vec![false],
    };
    let mut line = 0;
    let mut state = State::Code;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let next = b.get(i + 1).copied().unwrap_or(0);
        if c == b'\n' {
            line += 1;
            out.code_lines.push(false);
            // A one-line string that meets a line break is unterminated: read on as code.
            if matches!(state, State::Str(q) if q.len() == 1) {
                state = State::Code;
            }
            i += 1;
            continue;
        }
        match state {
            State::Code if c == b'/' && next == b'/' => {
                let end = b
                    .get(i..)
                    .and_then(|rest| rest.iter().position(|&x| x == b'\n'))
                    .map_or(b.len(), |n| i + n);
                let end_trimmed = if b.get(end.wrapping_sub(1)) == Some(&b'\r') && end > i + 2 {
                    end - 1
                } else {
                    end
                };
                out.comments.push(LineComment {
                    span: Span::new(i, end_trimmed),
                    line,
                    after_code: out.code_lines.get(line).copied().unwrap_or(false),
                });
                i = end;
            }
            State::Code if c == b'/' && next == b'*' => {
                state = State::BlockComment;
                i += 2;
            }
            State::Code => {
                if c == b'\'' || c == b'"' {
                    let triple: &'static [u8] = if c == b'\'' { b"'''" } else { b"\"\"\"" };
                    let single: &'static [u8] = if c == b'\'' { b"'" } else { b"\"" };
                    let quote = if b.get(i..).is_some_and(|r| r.starts_with(triple)) {
                        triple
                    } else {
                        single
                    };
                    state = State::Str(quote);
                    i += quote.len();
                } else {
                    i += 1;
                }
                if !c.is_ascii_whitespace() {
                    mark(&mut out.code_lines, line);
                }
            }
            State::BlockComment => {
                if c == b'*' && next == b'/' {
                    state = State::Code;
                    i += 2;
                } else {
                    i += 1;
                }
            }
            State::Str(quote) => {
                mark(&mut out.code_lines, line);
                if c == b'\\' && next != b'\n' {
                    i += 2;
                } else if b.get(i..).is_some_and(|r| r.starts_with(quote)) {
                    state = State::Code;
                    i += quote.len();
                } else {
                    i += 1;
                }
            }
        }
    }
    out
}

fn mark(code_lines: &mut [bool], line: usize) {
    if let Some(slot) = code_lines.get_mut(line) {
        *slot = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(Scope, Vec<&str>)> {
        directives(text)
            .into_iter()
            .map(|d| (d.scope, d.codes.iter().map(|n| n.code).collect()))
            .collect()
    }

    #[test]
    fn scopes_and_code_lists() {
        let text = "// jfrun-ignore a/b, c/d -- why\n\n// other\nsh 'x' // jfrun-ignore e/f\n//jfrun-ignore-file g/\n";
        assert_eq!(
            codes(text),
            vec![
                (Scope::NextLine(Some(4)), vec!["a/b", "c/d"]),
                (Scope::SameLine(4), vec!["e/f"]),
                (Scope::File, vec!["g/"]),
            ]
        );
    }

    #[test]
    fn comments_inside_strings_and_block_comments_are_not_directives() {
        let text = "echo '// jfrun-ignore a/b'\n/* // jfrun-ignore a/b */\necho \"\"\"\n// jfrun-ignore a/b\n\"\"\"\n";
        assert!(codes(text).is_empty(), "{:?}", codes(text));
    }

    #[test]
    fn block_comment_lines_are_skipped_when_looking_for_the_next_line() {
        let text = "// jfrun-ignore a/b\n/*\n * note\n */\n\necho 1\n";
        assert_eq!(codes(text), vec![(Scope::NextLine(Some(6)), vec!["a/b"])]);
    }

    #[test]
    fn similar_words_are_not_directives() {
        assert!(codes("// jfrun-ignored a/b\n// jfrun-ignore-line a/b\n").is_empty());
    }

    #[test]
    fn code_patterns() {
        assert!(code_matches("lint/x", "lint/x"));
        assert!(code_matches("lint/", "lint/x"));
        assert!(!code_matches("lint", "lint/x"));
        assert!(!code_matches("lint/x", "lint/xy"));
    }
}
