//! Walking the AST: a visitor with default methods that visit every child, for the layers that
//! read Jenkinsfiles (pipeline model, lints) and for tests.

use super::ast::{
    Arg, Args, Block, Callee, ClassDecl, Closure, Expr, ExprKind, GStringPart, MapEntry, MapKey,
    Member, MethodDecl, Param, Script, Stmt, StmtKind,
};
use crate::source::Span;

/// Visits statements and expressions; override what you need and call the `walk_*` function
/// to keep going into children.
pub trait Visitor {
    /// Called for every statement.
    fn visit_stmt(&mut self, stmt: &Stmt) {
        walk_stmt(self, stmt);
    }

    /// Called for every expression.
    fn visit_expr(&mut self, expr: &Expr) {
        walk_expr(self, expr);
    }

    /// Called for every closure, whether a literal or a call's trailing block.
    fn visit_closure(&mut self, closure: &Closure) {
        walk_closure(self, closure);
    }

    /// Called for every span that is not a statement's or an expression's (names, blocks,
    /// closures, parameters, GString text).
    fn visit_span(&mut self, _span: Span) {}
}

/// Visits every statement of the script.
pub fn walk_script<V: Visitor + ?Sized>(v: &mut V, script: &Script) {
    v.visit_span(script.span);
    for s in &script.statements {
        v.visit_stmt(s);
    }
}

fn walk_block<V: Visitor + ?Sized>(v: &mut V, block: &Block) {
    v.visit_span(block.span);
    for s in &block.statements {
        v.visit_stmt(s);
    }
}

fn walk_params<V: Visitor + ?Sized>(v: &mut V, params: &[Param]) {
    for p in params {
        v.visit_span(p.span);
        v.visit_span(p.name.span);
        if let Some(d) = &p.default {
            v.visit_expr(d);
        }
    }
}

fn walk_method<V: Visitor + ?Sized>(v: &mut V, m: &MethodDecl) {
    v.visit_span(m.name.span);
    walk_params(v, &m.params);
    if let Some(b) = &m.body {
        walk_block(v, b);
    }
}

fn walk_class<V: Visitor + ?Sized>(v: &mut V, c: &ClassDecl) {
    v.visit_span(c.name.span);
    for e in &c.enum_constants {
        v.visit_span(e.name.span);
        if let Some(a) = &e.args {
            walk_args(v, a);
        }
        for s in e.body.iter().flatten() {
            v.visit_stmt(s);
        }
    }
    for m in &c.members {
        v.visit_stmt(m);
    }
}

/// Visits the children of a statement.
pub fn walk_stmt<V: Visitor + ?Sized>(v: &mut V, stmt: &Stmt) {
    v.visit_span(stmt.span);
    match &stmt.kind {
        StmtKind::Import(i) => v.visit_span(i.name.span),
        StmtKind::Expr(e) | StmtKind::Throw(e) => v.visit_expr(e),
        StmtKind::VarDecl(d) => {
            for d in &d.declarators {
                v.visit_span(d.name.span);
                if let Some(e) = &d.init {
                    v.visit_expr(e);
                }
            }
        }
        StmtKind::MultiDecl(m) => {
            for (_, name) in &m.vars {
                v.visit_span(name.span);
            }
            v.visit_expr(&m.init);
        }
        StmtKind::Method(m) => walk_method(v, m),
        StmtKind::Class(c) => walk_class(v, c),
        StmtKind::If {
            cond,
            then,
            otherwise,
        } => {
            v.visit_expr(cond);
            v.visit_stmt(then);
            if let Some(o) = otherwise {
                v.visit_stmt(o);
            }
        }
        StmtKind::ForIn { iterable, body, .. } => {
            v.visit_expr(iterable);
            v.visit_stmt(body);
        }
        StmtKind::For {
            init,
            cond,
            update,
            body,
        } => {
            for s in init {
                v.visit_stmt(s);
            }
            if let Some(c) = cond {
                v.visit_expr(c);
            }
            for u in update {
                v.visit_expr(u);
            }
            v.visit_stmt(body);
        }
        StmtKind::While { cond, body } => {
            v.visit_expr(cond);
            v.visit_stmt(body);
        }
        StmtKind::Switch { subject, cases } => {
            v.visit_expr(subject);
            for c in cases {
                v.visit_span(c.span);
                for l in c.labels.iter().flatten() {
                    v.visit_expr(l);
                }
                for s in &c.body {
                    v.visit_stmt(s);
                }
            }
        }
        StmtKind::Try {
            body,
            catches,
            finally,
        } => {
            walk_block(v, body);
            for c in catches {
                v.visit_span(c.var.span);
                walk_block(v, &c.body);
            }
            if let Some(f) = finally {
                walk_block(v, f);
            }
        }
        StmtKind::Return(e) => {
            if let Some(e) = e {
                v.visit_expr(e);
            }
        }
        StmtKind::Assert { cond, message } => {
            v.visit_expr(cond);
            if let Some(m) = message {
                v.visit_expr(m);
            }
        }
        StmtKind::Block(b) => walk_block(v, b),
        StmtKind::Labelled { body, .. } => v.visit_stmt(body),
        StmtKind::Break(_) | StmtKind::Continue(_) | StmtKind::Empty => {}
    }
}

/// Visits a closure's parameters and body.
pub fn walk_closure<V: Visitor + ?Sized>(v: &mut V, c: &Closure) {
    v.visit_span(c.span);
    if let Some(p) = &c.params {
        walk_params(v, p);
    }
    for s in &c.body {
        v.visit_stmt(s);
    }
}

fn walk_key<V: Visitor + ?Sized>(v: &mut V, key: &MapKey) {
    match key {
        MapKey::Name(n) => v.visit_span(n.span),
        MapKey::Expr(e) => v.visit_expr(e),
    }
}

fn walk_args<V: Visitor + ?Sized>(v: &mut V, args: &Args) {
    for a in &args.items {
        match a {
            Arg::Positional(e) | Arg::SpreadMap(e) => v.visit_expr(e),
            Arg::Named { key, value } => {
                walk_key(v, key);
                v.visit_expr(value);
            }
        }
    }
    for c in &args.closures {
        v.visit_closure(c);
    }
}

fn walk_member<V: Visitor + ?Sized>(v: &mut V, m: &Member) {
    match m {
        Member::Name(n) => v.visit_span(n.span),
        Member::Dynamic(e) => v.visit_expr(e),
    }
}

/// Visits the children of an expression.
pub fn walk_expr<V: Visitor + ?Sized>(v: &mut V, expr: &Expr) {
    v.visit_span(expr.span);
    match &expr.kind {
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Number(_)
        | ExprKind::Str(_)
        | ExprKind::Ident(_)
        | ExprKind::This
        | ExprKind::Super
        | ExprKind::TypeLiteral(_) => {}
        ExprKind::GString(parts) => {
            for p in parts {
                match p {
                    GStringPart::Text(_, s) => v.visit_span(*s),
                    GStringPart::Expr(e) => v.visit_expr(e),
                }
            }
        }
        ExprKind::List(items) | ExprKind::NewArray { sizes: items, .. } => {
            for i in items {
                v.visit_expr(i);
            }
        }
        ExprKind::Map(entries) => {
            for e in entries {
                match e {
                    MapEntry::Pair { key, value } => {
                        walk_key(v, key);
                        v.visit_expr(value);
                    }
                    MapEntry::Spread(e) => v.visit_expr(e),
                }
            }
        }
        ExprKind::Unary { operand, .. }
        | ExprKind::Postfix { operand, .. }
        | ExprKind::Cast { operand, .. }
        | ExprKind::As { operand, .. }
        | ExprKind::InstanceOf { operand, .. }
        | ExprKind::Spread(operand)
        | ExprKind::Paren(operand) => v.visit_expr(operand),
        ExprKind::Binary { lhs, rhs, .. } => {
            v.visit_expr(lhs);
            v.visit_expr(rhs);
        }
        ExprKind::Assign { target, value, .. } => {
            v.visit_expr(target);
            v.visit_expr(value);
        }
        ExprKind::MultiAssign { targets, value } => {
            for t in targets {
                v.visit_span(t.span);
            }
            v.visit_expr(value);
        }
        ExprKind::Ternary {
            cond,
            then,
            otherwise,
        } => {
            v.visit_expr(cond);
            v.visit_expr(then);
            v.visit_expr(otherwise);
        }
        ExprKind::Elvis { value, fallback } => {
            v.visit_expr(value);
            v.visit_expr(fallback);
        }
        ExprKind::Property { object, name, .. } | ExprKind::MethodPointer { object, name } => {
            v.visit_expr(object);
            walk_member(v, name);
        }
        ExprKind::Index { object, index } => {
            v.visit_expr(object);
            walk_args(
                v,
                &Args {
                    items: index.clone(),
                    closures: Vec::new(),
                },
            );
        }
        ExprKind::Call(c) => {
            match &c.callee {
                Callee::Name(n) => v.visit_span(n.span),
                Callee::Method { object, name, .. } => {
                    v.visit_expr(object);
                    walk_member(v, name);
                }
                Callee::Expr(e) => v.visit_expr(e),
            }
            walk_args(v, &c.args);
        }
        ExprKind::Closure(c) => v.visit_closure(c),
        ExprKind::New { args, body, .. } => {
            walk_args(v, args);
            for s in body.iter().flatten() {
                v.visit_stmt(s);
            }
        }
    }
}
