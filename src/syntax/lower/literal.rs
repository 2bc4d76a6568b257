//! Strings (every quoting, escapes, `$x` and `${...}` parts) and number literals.

use pest::iterators::Pair;

use super::expr::closure_of;
use super::{Lower, ident, null, span};
use crate::source::Span;
use crate::syntax::ast::{
    Access, Closure, Expr, ExprKind, GStringPart, Member, Number, NumberKind, Stmt, StmtKind,
};
use crate::syntax::grammar::Rule;

impl Lower<'_> {
    // ------------------------------------------------------------------ strings

    pub(super) fn string(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let sp = span(&pair);
        let rule = pair.as_rule();
        let mut parts: Vec<GStringPart> = Vec::new();
        let mut text = String::new();
        let mut text_start = None::<usize>;
        let mut text_end = 0;
        for p in pair.into_inner() {
            let ps = p.as_span();
            match p.as_rule() {
                Rule::interp_block | Rule::interp_path => {
                    if let Some(start) = text_start.take() {
                        parts.push(GStringPart::Text(
                            std::mem::take(&mut text),
                            Span::new(start, text_end),
                        ));
                    }
                    parts.push(GStringPart::Expr(self.interpolation(p)));
                }
                r => {
                    text_start.get_or_insert(ps.start());
                    text_end = ps.end();
                    unescape_into(r, p.as_str(), &mut text);
                }
            }
        }
        if parts.is_empty() {
            let _ = rule;
            return Expr {
                kind: ExprKind::Str(text),
                span: sp,
            };
        }
        if let Some(start) = text_start {
            parts.push(GStringPart::Text(text, Span::new(start, text_end)));
        }
        Expr {
            kind: ExprKind::GString(parts),
            span: sp,
        }
    }

    pub(super) fn interpolation(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let sp = span(&pair);
        if pair.as_rule() == Rule::interp_path {
            let mut expr: Option<Expr> = None;
            for p in pair.into_inner() {
                let id = ident(&p);
                expr = Some(match expr {
                    None => Expr {
                        kind: ExprKind::Ident(id.name.clone()),
                        span: id.span,
                    },
                    Some(object) => Expr {
                        span: object.span.to(id.span),
                        kind: ExprKind::Property {
                            object: Box::new(object),
                            name: Member::Name(id),
                            access: Access::Dot,
                        },
                    },
                });
            }
            return expr.unwrap_or_else(|| null(sp));
        }
        let Some(inner) = pair.into_inner().next() else {
            return null(sp);
        };
        if inner.as_rule() == Rule::interp_closure {
            return Expr {
                kind: ExprKind::Closure(self.closure_from_interp(inner, sp)),
                span: sp,
            };
        }
        let mut stmts = inner
            .into_inner()
            .next()
            .map(|s| self.statements(s))
            .unwrap_or_default();
        match stmts.len() {
            0 => null(sp),
            1 => match stmts.pop() {
                Some(Stmt {
                    kind: StmtKind::Expr(e),
                    ..
                }) => e,
                Some(other) => closure_of(vec![other], sp),
                None => null(sp),
            },
            // `${a; b}` runs like a closure without parameters whose last value shows.
            _ => closure_of(stmts, sp),
        }
    }

    pub(super) fn closure_from_interp(&mut self, pair: Pair<'_, Rule>, span: Span) -> Closure {
        let (params, body) = self.closure_parts(pair);
        // `${-> x}` always has its (empty) parameter list.
        Closure {
            params: Some(params.unwrap_or_default()),
            body,
            span,
        }
    }
}

pub(super) fn number(text: &str) -> Number {
    let lower = text.to_ascii_lowercase();
    let radix_prefixed = lower.starts_with("0x") || lower.starts_with("0b");
    let last = lower.chars().last().unwrap_or('0');
    let decimal = !radix_prefixed && (lower.contains('.') || lower.contains('e'));
    let kind = match last {
        'l' => NumberKind::Long,
        'i' => NumberKind::Integer,
        'g' if decimal => NumberKind::BigDecimal,
        'g' => NumberKind::BigInteger,
        'd' if !radix_prefixed => NumberKind::Double,
        'f' if !radix_prefixed => NumberKind::Float,
        _ if decimal => NumberKind::BigDecimal,
        _ => NumberKind::Integer,
    };
    Number {
        text: text.to_string(),
        kind,
    }
}

/// The value of a constant string pair (for method names and keys written as strings).
pub(super) fn string_value(pair: &Pair<'_, Rule>) -> String {
    let mut out = String::new();
    for p in pair.clone().into_inner() {
        unescape_into(p.as_rule(), p.as_str(), &mut out);
    }
    out
}

/// Appends the value of one piece of string text, resolving Groovy's escapes.
pub(super) fn unescape_into(rule: Rule, raw: &str, out: &mut String) {
    match rule {
        Rule::escape => out.push_str(&escape_value(raw)),
        // In slashy strings only `\/` is an escape; other backslashes stay.
        Rule::slashy_text => out.push_str(&raw.replace("\\/", "/")),
        Rule::dslashy_text => {
            let mut chars = raw.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '$' && matches!(chars.peek(), Some('$' | '/')) {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                } else {
                    out.push(c);
                }
            }
        }
        _ => out.push_str(raw),
    }
}

pub(super) fn escape_value(raw: &str) -> String {
    let body = raw.get(1..).unwrap_or("");
    match body {
        "n" => "\n".into(),
        "t" => "\t".into(),
        "b" => "\u{8}".into(),
        "f" => "\u{c}".into(),
        "r" => "\r".into(),
        "\\" => "\\".into(),
        "'" => "'".into(),
        "\"" => "\"".into(),
        "$" => "$".into(),
        "\n" | "\r\n" | "\r" => String::new(),
        _ if body.starts_with('u') => {
            let hex = body.trim_start_matches('u');
            u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(String::from)
                .unwrap_or_default()
        }
        _ => u32::from_str_radix(body, 8)
            .ok()
            .and_then(char::from_u32)
            .map(String::from)
            .unwrap_or_default(),
    }
}
