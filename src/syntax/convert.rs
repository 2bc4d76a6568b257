//! What Groovy refuses after parsing, while turning the parse tree into its AST (the
//! "conversion" phase): assignments to things that are not variables, and a named argument
//! given twice. Both stop a Jenkinsfile from compiling, so both are syntax errors here.

use super::ast::{Arg, Call, Expr, ExprKind, GStringPart, MapKey, Script};
use super::error::{SyntaxError, SyntaxErrorKind};
use super::visit::{Visitor, walk_expr, walk_script};

/// Adds the conversion errors of `script` to `errors`.
pub(super) fn check(script: &Script, errors: &mut Vec<SyntaxError>) {
    let mut c = Checker { errors };
    walk_script(&mut c, script);
}

struct Checker<'e> {
    errors: &'e mut Vec<SyntaxError>,
}

impl Visitor for Checker<'_> {
    fn visit_expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Assign { target, .. } => {
                if let Some(message) = bad_target(target) {
                    self.errors.push(SyntaxError::new(
                        SyntaxErrorKind::InvalidAssignmentTarget { message },
                        target.span,
                    ));
                }
            }
            ExprKind::Call(call) => self.named_args(call),
            _ => {}
        }
        walk_expr(self, expr);
    }
}

impl Checker<'_> {
    fn named_args(&mut self, call: &Call) {
        let mut seen: Vec<String> = Vec::new();
        for arg in &call.args.items {
            let Arg::Named { key, .. } = arg else {
                continue;
            };
            let (name, span) = match key {
                MapKey::Name(id) => (id.name.clone(), id.span),
                MapKey::Expr(e) => match &e.kind {
                    ExprKind::Str(s) => (s.clone(), e.span),
                    _ => continue,
                },
            };
            if seen.contains(&name) {
                self.errors.push(SyntaxError::new(
                    SyntaxErrorKind::DuplicateNamedArgument { name },
                    span,
                ));
            } else {
                seen.push(name);
            }
        }
    }
}

/// Groovy's complaint about `target` on the left of `=`, if it has one.
fn bad_target(target: &Expr) -> Option<String> {
    let target = strip(target);
    match &target.kind {
        ExprKind::Ident(_)
        | ExprKind::Property { .. }
        | ExprKind::Index { .. }
        | ExprKind::List(_) => None,
        ExprKind::Str(_) | ExprKind::Number(_) | ExprKind::Bool(_) | ExprKind::Null => {
            Some(format!(
                "[{}] is a constant expression, but it should be a variable expression",
                text(target)
            ))
        }
        ExprKind::Binary { .. } => Some(format!(
            "{} is a binary expression, but it should be a variable expression",
            text(target)
        )),
        ExprKind::GString(_) => Some(format!(
            "\"{}\" is a GString expression, but it should be a variable expression",
            text(target)
        )),
        ExprKind::Call(_) => Some(format!(
            "\"{}\" is a method call expression, but it should be a variable expression",
            text(target)
        )),
        ExprKind::Map(_) => Some(format!(
            "'{}' is a map expression, but it should be a variable expression",
            text(target)
        )),
        _ => Some(format!(
            "{}, is a bad expression as the left hand side of an assignment operator",
            text(target)
        )),
    }
}

fn strip(mut e: &Expr) -> &Expr {
    while let ExprKind::Paren(inner) = &e.kind {
        e = inner;
    }
    e
}

/// An expression as Groovy's `getText()` prints it, for the common cases.
fn text(e: &Expr) -> String {
    let e = strip(e);
    match &e.kind {
        ExprKind::Ident(n) => n.clone(),
        ExprKind::Str(s) => s.clone(),
        ExprKind::Number(n) => n.text.clone(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Null => "null".to_owned(),
        ExprKind::This => "this".to_owned(),
        ExprKind::Binary { op, lhs, rhs } => {
            format!("({} {} {})", text(lhs), op.symbol(), text(rhs))
        }
        ExprKind::GString(parts) => parts
            .iter()
            .map(|p| match p {
                GStringPart::Text(t, _) => t.clone(),
                GStringPart::Expr(e) => format!("${{{}}}", text(e)),
            })
            .collect(),
        ExprKind::Property { object, name, .. } => match name {
            super::ast::Member::Name(id) => format!("{}.{}", text(object), id.name),
            super::ast::Member::Dynamic(d) => format!("{}.{}", text(object), text(d)),
        },
        _ => "…".to_owned(),
    }
}
