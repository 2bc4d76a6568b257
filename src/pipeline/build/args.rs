//! Call arguments as Groovy hands them to Jenkins: named arguments gathered into one map in
//! front, then the positional ones, then the closures written after the parentheses.

use crate::source::Span;
use crate::syntax::ast::{Arg, Call, Closure, Expr, ExprKind, MapKey};

/// One argument in Groovy's view of a call.
#[derive(Debug)]
pub(crate) enum GroovyArg<'a> {
    /// All `name: value` arguments, as the single map Groovy makes of them, with the span of
    /// the first value (to stand for the map in messages).
    Named(Vec<(&'a MapKey, &'a Expr)>, &'a Expr),
    /// A positional argument.
    Expr(&'a Expr),
    /// A closure written as a positional argument inside the parentheses.
    ClosureExpr(&'a Expr),
    /// A closure written after the parentheses.
    Closure(&'a Closure),
}

impl GroovyArg<'_> {
    /// Where it stands.
    pub(crate) fn span(&self) -> Span {
        match self {
            Self::Named(pairs, first) => pairs
                .last()
                .map_or(first.span, |(_, v)| first.span.to(v.span)),
            Self::Expr(e) | Self::ClosureExpr(e) => e.span,
            Self::Closure(c) => c.span,
        }
    }
}

/// The arguments of `call` in Groovy's order.
pub(crate) fn groovy_args(call: &Call) -> Vec<GroovyArg<'_>> {
    let mut named: Vec<(&MapKey, &Expr)> = Vec::new();
    let mut first_named: Option<&Expr> = None;
    let mut rest = Vec::new();
    for arg in &call.args.items {
        match arg {
            Arg::Named { key, value } => {
                if first_named.is_none() {
                    first_named = Some(value);
                }
                named.push((key, value));
            }
            Arg::Positional(e) | Arg::SpreadMap(e) => {
                if matches!(strip_parens(e).kind, ExprKind::Closure(_)) {
                    rest.push(GroovyArg::ClosureExpr(e));
                } else {
                    rest.push(GroovyArg::Expr(e));
                }
            }
        }
    }
    let mut out = Vec::with_capacity(rest.len() + call.args.closures.len() + 1);
    if let Some(first) = first_named {
        out.push(GroovyArg::Named(named, first));
    }
    out.extend(rest);
    out.extend(call.args.closures.iter().map(GroovyArg::Closure));
    // A closure written inside the parentheses in last place is a block all the same.
    if call.args.closures.is_empty()
        && let Some(GroovyArg::ClosureExpr(e)) = out.last()
        && let ExprKind::Closure(c) = &strip_parens(e).kind
    {
        out.pop();
        out.push(GroovyArg::Closure(c));
    }
    out
}

/// `e` without the parentheses around it: Groovy's AST keeps none.
pub(crate) fn strip_parens(mut e: &Expr) -> &Expr {
    while let ExprKind::Paren(inner) = &e.kind {
        e = inner;
    }
    e
}
