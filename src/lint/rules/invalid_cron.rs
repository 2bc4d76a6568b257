//! `lint/invalid-cron`: a schedule in `triggers { cron '...' }`, `pollSCM '...'` or a scripted
//! `properties([pipelineTriggers([cron('...')])])` that Jenkins' cron parser rejects (an error:
//! the build fails when it sets the job's triggers) or that its form validation warns about.
//! Spans point at the characters of the spec inside the string literal.
//!
//! The module also holds [`LiteralMap`], which maps offsets in a string literal's value back to
//! the file, for the rules that check text embedded in strings.

use super::Context;
use crate::cron::{CronSeverity, check as check_spec};
use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::model::{MethodArg, MethodCall};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Arg, Call, Callee, Expr, ExprKind, MapKey};
use crate::syntax::visit::{Visitor, walk_expr, walk_script};

const CODE: &str = "lint/invalid-cron";

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(triggers) = cx.pipeline.and_then(|p| p.triggers.as_ref()) {
        for call in &triggers.calls {
            declarative_trigger(cx.source, call, out);
        }
    }
    let mut v = Scripted {
        source: cx.source,
        out,
    };
    walk_script(&mut v, cx.script);
}

/// The name of a trigger that takes a cron spec, and the name of its spec parameter.
fn spec_param(trigger: &str) -> Option<&'static str> {
    match trigger {
        "cron" => Some("spec"),
        "pollSCM" => Some("scmpoll_spec"),
        _ => None,
    }
}

/// `cron('...')` or `pollSCM(scmpoll_spec: '...')` in a declarative `triggers { }`.
fn declarative_trigger(source: &SourceFile, call: &MethodCall<'_>, out: &mut Vec<Diagnostic>) {
    let Some(name) = &call.name else { return };
    let Some(param) = spec_param(&name.name) else {
        return;
    };
    let spec = call.args.iter().find_map(|a| match a {
        MethodArg::Value(v) => v.expr,
        MethodArg::Pair { key, value } if key.name == param => match value.as_ref() {
            MethodArg::Value(v) => v.expr,
            _ => None,
        },
        _ => None,
    });
    if let Some(e) = spec {
        check_literal(source, &name.name, e, out);
    }
}

/// Finds `pipelineTriggers([...])` calls anywhere (scripted pipelines, `script { }` blocks).
struct Scripted<'s, 'o> {
    source: &'s SourceFile,
    out: &'o mut Vec<Diagnostic>,
}

impl Visitor for Scripted<'_, '_> {
    fn visit_expr(&mut self, expr: &Expr) {
        if let ExprKind::Call(c) = &expr.kind
            && call_name(c) == Some("pipelineTriggers")
        {
            for a in &c.args.items {
                if let Arg::Positional(e) | Arg::Named { value: e, .. } = a {
                    self.triggers(e);
                }
            }
        }
        walk_expr(self, expr);
    }
}

impl Scripted<'_, '_> {
    /// The triggers in `pipelineTriggers`' list.
    fn triggers(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Paren(inner) => self.triggers(inner),
            ExprKind::List(items) => {
                for i in items {
                    self.triggers(i);
                }
            }
            ExprKind::Call(c) => {
                let Some(name) = call_name(c) else { return };
                let Some(param) = spec_param(name) else {
                    return;
                };
                let spec = c.args.items.iter().find_map(|a| match a {
                    Arg::Positional(e) => Some(e),
                    Arg::Named {
                        key: MapKey::Name(k),
                        value,
                    } if k.name == param => Some(value),
                    _ => None,
                });
                if let Some(spec) = spec {
                    check_literal(self.source, name, spec, self.out);
                }
            }
            _ => {}
        }
    }
}

/// The name of a call written as a bare name: `foo(...)`.
fn call_name(call: &Call) -> Option<&str> {
    match &call.callee {
        Callee::Name(id) => Some(&id.name),
        _ => None,
    }
}

/// Checks a spec written as a string literal (GStrings and other code are left alone).
fn check_literal(source: &SourceFile, trigger: &str, e: &Expr, out: &mut Vec<Diagnostic>) {
    let e = strip_parens(e);
    let ExprKind::Str(spec) = &e.kind else { return };
    let map = LiteralMap::new(source, e);
    for p in check_spec(spec) {
        let span = map.as_ref().map_or(e.span, |m| m.span(p.start, p.end));
        let mut d = Diagnostic::error(CODE, p.message, span);
        match p.severity {
            CronSeverity::Error => {
                d = d
                    .with_label(format!("Jenkins cannot parse this `{trigger}` schedule"))
                    .with_help(
                        "A schedule line has five fields, MINUTE HOUR DOM MONTH DOW (0-59, 0-23, \
                         1-31, 1-12, 0-7), each `*`, `H`, a number, a range `N-M`, a step `/N` or a \
                         `,` list; or one of @yearly, @monthly, @weekly, @daily, @hourly.",
                    );
            }
            CronSeverity::Warning => {
                d.severity = Severity::Warning;
                d = d.with_label(format!(
                    "Jenkins accepts this `{trigger}` schedule but warns"
                ));
            }
        }
        out.push(d);
    }
}

fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(inner) => strip_parens(inner),
        _ => e,
    }
}

/// Where each byte of a string literal's value was written: offsets in a value map to spans
/// of the file, escapes and line continuations included.
pub(super) struct LiteralMap {
    /// For value byte `i`, the file offset of the source text that produced it; one more
    /// entry for the end of the value (the closing delimiter).
    offsets: Vec<usize>,
}

/// How a string's body is read.
#[derive(Clone, Copy)]
enum Quoting {
    /// `'...'`, `"..."` and their triple forms: backslash escapes.
    Escapes,
    /// `/.../`: only `\/` is an escape.
    Slashy,
    /// `$/.../$`: `$$` and `$/` are escapes.
    DollarSlashy,
}

impl LiteralMap {
    /// The map of a string literal (`ExprKind::Str`), or `None` when the text under its span
    /// does not read back as its value.
    pub(super) fn new(source: &SourceFile, e: &Expr) -> Option<Self> {
        let ExprKind::Str(value) = &e.kind else {
            return None;
        };
        let raw = source.slice(e.span);
        let (open, close, quoting) = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
            (3, 3, Quoting::Escapes)
        } else if raw.starts_with("$/") {
            (2, 2, Quoting::DollarSlashy)
        } else if raw.starts_with('\'') || raw.starts_with('"') {
            (1, 1, Quoting::Escapes)
        } else if raw.starts_with('/') {
            (1, 1, Quoting::Slashy)
        } else {
            return None;
        };
        let body = raw.get(open..raw.len().checked_sub(close)?)?;
        let base = e.span.start as usize + open;
        let (text, mut offsets) = read_body(body, quoting)?;
        if text != *value {
            return None;
        }
        for o in &mut offsets {
            *o += base;
        }
        offsets.push(base + body.len());
        Some(Self { offsets })
    }

    /// The file span of value bytes `start..end` (clamped to the value).
    pub(super) fn span(&self, start: usize, end: usize) -> Span {
        let last = self.offsets.len() - 1;
        let at = |i: usize| self.offsets[i.min(last)];
        Span::new(at(start), at(end.max(start)))
    }
}

/// Reads a string body as Groovy does: its value and, per value byte, its offset in `body`.
fn read_body(body: &str, quoting: Quoting) -> Option<(String, Vec<usize>)> {
    fn push(c: char, at: usize, text: &mut String, offsets: &mut Vec<usize>) {
        text.push(c);
        offsets.extend(std::iter::repeat_n(at, c.len_utf8()));
    }
    let mut text = String::new();
    let mut offsets = Vec::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < body.len() {
        let c = body[i..].chars().next()?;
        let next = bytes.get(i + 1).copied();
        match (quoting, c, next) {
            (Quoting::Escapes, '\\', Some(_)) => {
                let (value, len) = escape(&body[i + 1..])?;
                if let Some(v) = value {
                    push(v, i, &mut text, &mut offsets);
                }
                i += 1 + len;
            }
            (Quoting::Slashy, '\\', Some(b'/'))
            | (Quoting::DollarSlashy, '$', Some(b'$' | b'/')) => {
                push(char::from(next?), i, &mut text, &mut offsets);
                i += 2;
            }
            _ => {
                for k in 0..c.len_utf8() {
                    offsets.push(i + k);
                }
                text.push(c);
                i += c.len_utf8();
            }
        }
    }
    Some((text, offsets))
}

/// The character an escape stands for (none for a line continuation) and how many bytes after
/// the backslash it takes.
fn escape(rest: &str) -> Option<(Option<char>, usize)> {
    let first = rest.chars().next()?;
    let simple = match first {
        'n' => Some('\n'),
        't' => Some('\t'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{c}'),
        'r' => Some('\r'),
        '\\' | '\'' | '"' | '$' => Some(first),
        _ => None,
    };
    if simple.is_some() {
        return Some((simple, 1));
    }
    match first {
        '\n' => Some((None, 1)),
        '\r' => Some((None, if rest[1..].starts_with('\n') { 2 } else { 1 })),
        'u' => {
            let us = rest.len() - rest.trim_start_matches('u').len();
            let hex = rest.get(us..us + 4)?;
            let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
            Some((Some(c), us + 4))
        }
        '0'..='7' => {
            let max = if first <= '3' { 3 } else { 2 };
            let len = rest
                .bytes()
                .take(max)
                .take_while(u8::is_ascii_digit)
                .take_while(|b| *b <= b'7')
                .count();
            let c = char::from_u32(u32::from_str_radix(&rest[..len], 8).ok()?)?;
            Some((Some(c), len))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::LiteralMap;
    use crate::source::{SourceFile, Span};
    use crate::syntax::ast::{Expr, ExprKind};

    /// The map of `raw` read as a literal with value `value`, and the file.
    fn map(raw: &str, value: &str) -> (SourceFile, Option<LiteralMap>) {
        let file = SourceFile::new("t", raw);
        let e = Expr {
            kind: ExprKind::Str(value.to_owned()),
            span: Span::new(0, raw.len()),
        };
        let m = LiteralMap::new(&file, &e);
        (file, m)
    }

    #[test]
    fn plain_strings_map_one_to_one() {
        let (file, m) = map("'H 2 * * *'", "H 2 * * *");
        let m = m.expect("map");
        assert_eq!(file.slice(m.span(2, 3)), "2");
        assert_eq!(m.span(9, 9), Span::new(10, 10));
    }

    #[test]
    fn escapes_cover_their_source_text() {
        let raw = r#""a\nb\u00e9\\c\$d""#;
        let (file, m) = map(raw, "a\nbé\\c$d");
        let m = m.expect("map");
        assert_eq!(file.slice(m.span(1, 2)), r"\n");
        assert_eq!(file.slice(m.span(2, 3)), "b");
        assert_eq!(file.slice(m.span(3, 5)), r"\u00e9");
        assert_eq!(file.slice(m.span(5, 6)), r"\\");
        assert_eq!(file.slice(m.span(8, 9)), "d");
    }

    #[test]
    fn line_continuations_and_triple_quotes() {
        let (file, m) = map("'''\\\nx: 1\n'''", "x: 1\n");
        let m = m.expect("map");
        assert_eq!(file.slice(m.span(0, 1)), "x");
    }

    #[test]
    fn slashy_and_dollar_slashy_strings() {
        let (file, m) = map(r"/a\/b/", "a/b");
        assert_eq!(file.slice(m.expect("map").span(2, 3)), "b");
        let (file, m) = map("$/a$$b$/c/$", "a$b/c");
        let m = m.expect("map");
        assert_eq!(file.slice(m.span(1, 2)), "$$");
        assert_eq!(file.slice(m.span(4, 5)), "c");
    }

    #[test]
    fn text_that_does_not_read_back_gives_no_map() {
        assert!(map("'abc'", "abd").1.is_none());
        assert!(map("abc", "abc").1.is_none());
    }
}
