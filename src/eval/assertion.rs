//! Failed `assert`s, with the texts Groovy gives them: `Assertion failed:` and the expression
//! for a plain assert (a power assertion), `message. Expression: ... Values: ...` for an assert
//! with a message.

use super::interp::{Env, Interp};
use crate::eval::error::{Signal, exception};
use crate::eval::value::Value;
use crate::syntax::ast::{self, ExprKind};

/// The text Groovy's AST gives an expression (`(a == b)`, strings without quotes).
fn expr_text(e: &ast::Expr) -> String {
    match &e.kind {
        ExprKind::Null => "null".into(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Number(n) => n.text.clone(),
        ExprKind::Str(s) => s.clone(),
        ExprKind::Ident(n) => n.clone(),
        ExprKind::This => "this".into(),
        ExprKind::Binary { op, lhs, rhs } => {
            format!("({} {} {})", expr_text(lhs), op.symbol(), expr_text(rhs))
        }
        ExprKind::Unary { op, operand } => format!("{}{}", op.symbol(), expr_text(operand)),
        ExprKind::Paren(inner) => expr_text(inner),
        ExprKind::Property { object, name, .. } => match name {
            ast::Member::Name(n) => format!("{}.{}", expr_text(object), n.name),
            ast::Member::Dynamic(d) => format!("{}.{}", expr_text(object), expr_text(d)),
        },
        ExprKind::Call(c) => {
            let args: Vec<String> = c
                .args
                .items
                .iter()
                .filter_map(|a| match a {
                    ast::Arg::Positional(e) => Some(expr_text(e)),
                    _ => None,
                })
                .collect();
            match &c.callee {
                ast::Callee::Name(n) => format!("this.{}({})", n.name, args.join(", ")),
                ast::Callee::Method {
                    object,
                    name: ast::Member::Name(n),
                    ..
                } => {
                    format!("{}.{}({})", expr_text(object), n.name, args.join(", "))
                }
                _ => "call()".into(),
            }
        }
        ExprKind::List(items) => format!(
            "[{}]",
            items.iter().map(expr_text).collect::<Vec<_>>().join(", ")
        ),
        _ => "...".into(),
    }
}

/// The variables Groovy lists after `Values:` for an assert with a message: only names reached
/// through binary operators (indexing included), in order, repeats kept; names inside method
/// calls, property paths or unary operators are not listed.
fn idents<'e>(e: &'e ast::Expr, out: &mut Vec<&'e str>) {
    match &e.kind {
        ExprKind::Ident(n) => out.push(n),
        ExprKind::Binary { lhs, rhs, .. } => {
            idents(lhs, out);
            idents(rhs, out);
        }
        ExprKind::Index { object, index } => {
            idents(object, out);
            if let [ast::Arg::Positional(i)] = index.as_slice() {
                idents(i, out);
            }
        }
        ExprKind::Paren(inner) => idents(inner, out),
        _ => {}
    }
}

impl<'a> Interp<'a> {
    pub(super) fn assertion_failed(
        &self,
        cond: &'a ast::Expr,
        message: Option<&'a ast::Expr>,
        env: &Env<'a>,
    ) -> Result<Value<'a>, Signal<'a>> {
        let text = expr_text(cond);
        if let Some(m) = message {
            let mv = self.eval(m, env)?;
            let mut names = Vec::new();
            idents(cond, &mut names);
            let mut values = Vec::new();
            for n in names {
                if let Some(v) = env.scope.get(n) {
                    values.push(format!("{n} = {}", self.to_s(&v)?));
                }
            }
            let mut msg = format!("{}. Expression: {text}", self.to_s(&mv)?);
            if !values.is_empty() {
                msg.push_str(". Values: ");
                msg.push_str(&values.join(", "));
            }
            Err(Signal::Throw(
                exception("java.lang.AssertionError", Some(msg)),
                None,
            ))
        } else {
            let msg = format!("Assertion failed: \n\nassert {}\n", source_like(cond));
            Err(Signal::Throw(
                exception(
                    "org.codehaus.groovy.runtime.powerassert.PowerAssertionError",
                    Some(msg),
                ),
                None,
            ))
        }
    }
}

fn source_like(e: &ast::Expr) -> String {
    let t = expr_text(e);
    t.strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .map_or(t.clone(), str::to_owned)
}
