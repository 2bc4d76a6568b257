//! A compact, indented rendering of the AST with line:column spans, for snapshots and
//! `jfrun parse --ast`.

use std::fmt::Write as _;

use super::ast::{
    Access, Arg, Args, Block, Callee, ClassDecl, Closure, Expr, ExprKind, GStringPart, MapEntry,
    MapKey, Member, MethodDecl, Modifiers, Param, Script, Stmt, StmtKind, TypeArg, TypeRef,
};
use crate::source::{SourceFile, Span};

/// Renders `script` as an indented tree, one node a line, each with its `line:col-line:col`.
#[must_use]
pub fn render(file: &SourceFile, script: &Script) -> String {
    let mut p = Printer {
        file,
        out: String::new(),
        depth: 0,
    };
    p.line("Script", script.span);
    p.depth += 1;
    if let Some(pkg) = &script.package {
        p.line(&format!("Package {}", pkg.name), pkg.span);
    }
    for s in &script.statements {
        p.stmt(s);
    }
    p.out
}

struct Printer<'a> {
    file: &'a SourceFile,
    out: String,
    depth: usize,
}

impl Printer<'_> {
    fn line(&mut self, text: &str, span: Span) {
        let a = self.file.line_col(span.start as usize);
        let b = self.file.line_col(span.end as usize);
        let _ = writeln!(
            self.out,
            "{:indent$}{text} @{}:{}-{}:{}",
            "",
            a.line,
            a.column,
            b.line,
            b.column,
            indent = self.depth * 2
        );
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.depth += 1;
        f(self);
        self.depth -= 1;
    }

    fn labelled(&mut self, label: &str, span: Span, f: impl FnOnce(&mut Self)) {
        self.line(label, span);
        self.nested(f);
    }

    fn block(&mut self, label: &str, b: &Block) {
        self.labelled(label, b.span, |p| {
            for s in &b.statements {
                p.stmt(s);
            }
        });
    }

    fn stmts(&mut self, label: &str, span: Span, stmts: &[Stmt]) {
        self.labelled(label, span, |p| {
            for s in stmts {
                p.stmt(s);
            }
        });
    }

    fn stmt(&mut self, s: &Stmt) {
        let sp = s.span;
        match &s.kind {
            StmtKind::Import(i) => {
                let mut t = format!("Import {}", i.name.name);
                if i.is_static {
                    t = format!("Import static {}", i.name.name);
                }
                if i.star {
                    t.push_str(".*");
                }
                if let Some(a) = &i.alias {
                    let _ = write!(t, " as {}", a.name);
                }
                for a in &i.annotations {
                    let _ = write!(t, " @{}", a.name.name);
                }
                self.line(&t, sp);
            }
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::VarDecl(v) => {
                let head = format!("VarDecl{}{}", mods(&v.modifiers), ty_opt(v.ty.as_ref()));
                self.labelled(&head, sp, |p| {
                    for a in &v.modifiers.annotations {
                        p.annotation(a);
                    }
                    for d in &v.declarators {
                        p.labelled(&format!("Var {}", d.name.name), d.name.span, |p| {
                            if let Some(e) = &d.init {
                                p.expr(e);
                            }
                        });
                    }
                });
            }
            StmtKind::MultiDecl(m) => {
                let names: Vec<String> = m
                    .vars
                    .iter()
                    .map(|(t, n)| format!("{}{}", ty_opt(t.as_ref()).trim_start(), n.name))
                    .map(|s| s.trim().to_string())
                    .collect();
                self.labelled(&format!("MultiDecl ({})", names.join(", ")), sp, |p| {
                    p.expr(&m.init);
                });
            }
            StmtKind::Method(m) => self.method(m, sp),
            StmtKind::Class(c) => self.class(c, sp),
            StmtKind::If {
                cond,
                then,
                otherwise,
            } => self.labelled("If", sp, |p| {
                p.expr(cond);
                p.stmt(then);
                if let Some(o) = otherwise {
                    p.labelled("Else", o.span, |p| p.stmt(o));
                }
            }),
            StmtKind::ForIn {
                ty,
                var,
                iterable,
                body,
            } => self.labelled(
                &format!("ForIn{} {}", ty_opt(ty.as_ref()), var.name),
                sp,
                |p| {
                    p.expr(iterable);
                    p.stmt(body);
                },
            ),
            StmtKind::For {
                init,
                cond,
                update,
                body,
            } => self.labelled("For", sp, |p| {
                for s in init {
                    p.stmt(s);
                }
                if let Some(c) = cond {
                    p.labelled("Cond", c.span, |p| p.expr(c));
                }
                for u in update {
                    p.labelled("Update", u.span, |p| p.expr(u));
                }
                p.stmt(body);
            }),
            StmtKind::While { cond, body } => self.labelled("While", sp, |p| {
                p.expr(cond);
                p.stmt(body);
            }),
            StmtKind::Switch { subject, cases } => self.labelled("Switch", sp, |p| {
                p.expr(subject);
                for c in cases {
                    p.labelled("Case", c.span, |p| {
                        for l in &c.labels {
                            match l {
                                Some(e) => p.labelled("Label", e.span, |p| p.expr(e)),
                                None => p.line("Default", c.span),
                            }
                        }
                        for s in &c.body {
                            p.stmt(s);
                        }
                    });
                }
            }),
            StmtKind::Try {
                body,
                catches,
                finally,
            } => self.labelled("Try", sp, |p| {
                p.block("Body", body);
                for c in catches {
                    let types: Vec<String> = c.types.iter().map(ty).collect();
                    p.block(
                        &format!("Catch ({}) {}", types.join(" | "), c.var.name),
                        &c.body,
                    );
                }
                if let Some(f) = finally {
                    p.block("Finally", f);
                }
            }),
            StmtKind::Throw(e) => self.labelled("Throw", sp, |p| p.expr(e)),
            StmtKind::Return(e) => self.labelled("Return", sp, |p| {
                if let Some(e) = e {
                    p.expr(e);
                }
            }),
            StmtKind::Break(l) => self.line(&label("Break", l.as_ref().map(|l| &l.name)), sp),
            StmtKind::Continue(l) => {
                self.line(&label("Continue", l.as_ref().map(|l| &l.name)), sp);
            }
            StmtKind::Assert { cond, message } => self.labelled("Assert", sp, |p| {
                p.expr(cond);
                if let Some(m) = message {
                    p.expr(m);
                }
            }),
            StmtKind::Block(b) => self.block("Block", b),
            StmtKind::Labelled { label, body } => {
                self.labelled(&format!("Labelled {}", label.name), sp, |p| p.stmt(body));
            }
            StmtKind::Empty => self.line("Empty", sp),
        }
    }

    fn annotation(&mut self, a: &super::ast::Annotation) {
        self.labelled(&format!("Annotation @{}", a.name.name), a.span, |p| {
            for arg in &a.args {
                match &arg.name {
                    Some(n) => p.labelled(&format!("{} =", n.name), n.span, |p| p.expr(&arg.value)),
                    None => p.expr(&arg.value),
                }
            }
        });
    }

    fn method(&mut self, m: &MethodDecl, sp: Span) {
        let kind = if m.constructor {
            "Constructor"
        } else {
            "Method"
        };
        let head = format!(
            "{kind}{}{} {}",
            mods(&m.modifiers),
            ty_opt(m.return_type.as_ref()),
            m.name.name
        );
        self.labelled(&head, sp, |p| {
            for a in &m.modifiers.annotations {
                p.annotation(a);
            }
            for param in &m.params {
                p.param(param);
            }
            for t in &m.throws {
                p.line(&format!("Throws {}", ty(t)), t.span);
            }
            if let Some(b) = &m.body {
                p.block("Body", b);
            }
        });
    }

    fn param(&mut self, param: &Param) {
        let text = format!(
            "Param{}{}{} {}",
            mods(&param.modifiers),
            ty_opt(param.ty.as_ref()),
            if param.varargs { "..." } else { "" },
            param.name.name
        );
        self.labelled(&text, param.span, |p| {
            if let Some(d) = &param.default {
                p.expr(d);
            }
        });
    }

    fn class(&mut self, c: &ClassDecl, sp: Span) {
        let mut head = format!("{:?}{} {}", c.kind, mods(&c.modifiers), c.name.name);
        if !c.extends.is_empty() {
            let e: Vec<String> = c.extends.iter().map(ty).collect();
            let _ = write!(head, " extends {}", e.join(", "));
        }
        if !c.implements.is_empty() {
            let e: Vec<String> = c.implements.iter().map(ty).collect();
            let _ = write!(head, " implements {}", e.join(", "));
        }
        self.labelled(&head, sp, |p| {
            for a in &c.modifiers.annotations {
                p.annotation(a);
            }
            for e in &c.enum_constants {
                p.labelled(&format!("EnumConstant {}", e.name.name), e.name.span, |p| {
                    if let Some(a) = &e.args {
                        p.args(a);
                    }
                    if let Some(b) = &e.body {
                        for s in b {
                            p.stmt(s);
                        }
                    }
                });
            }
            for m in &c.members {
                p.stmt(m);
            }
        });
    }

    fn closure(&mut self, c: &Closure) {
        let head = match &c.params {
            None => "Closure".to_string(),
            Some(ps) if ps.is_empty() => "Closure ->".to_string(),
            Some(_) => "Closure (params) ->".to_string(),
        };
        self.labelled(&head, c.span, |p| {
            for param in c.params.iter().flatten() {
                p.param(param);
            }
            for s in &c.body {
                p.stmt(s);
            }
        });
    }

    fn args(&mut self, args: &Args) {
        for a in &args.items {
            match a {
                Arg::Positional(e) => p_expr(self, e),
                Arg::Named { key, value } => self.named(key, value),
                Arg::SpreadMap(e) => self.labelled("SpreadMap", e.span, |p| p.expr(e)),
            }
        }
        for c in &args.closures {
            self.closure(c);
        }
    }

    fn named(&mut self, key: &MapKey, value: &Expr) {
        match key {
            MapKey::Name(n) => {
                let sp = n.span.to(value.span);
                self.labelled(&format!("Named {}:", n.name), sp, |p| p.expr(value));
            }
            MapKey::Expr(k) => {
                let sp = k.span.to(value.span);
                self.labelled("Named", sp, |p| {
                    p.labelled("Key", k.span, |p| p.expr(k));
                    p.expr(value);
                });
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        let sp = e.span;
        match &e.kind {
            ExprKind::Null => self.line("Null", sp),
            ExprKind::Bool(b) => self.line(&format!("Bool {b}"), sp),
            ExprKind::Number(n) => self.line(&format!("Number {} {:?}", n.text, n.kind), sp),
            ExprKind::Str(s) => self.line(&format!("Str {s:?}"), sp),
            ExprKind::GString(parts) => self.labelled("GString", sp, |p| {
                for part in parts {
                    match part {
                        GStringPart::Text(t, s) => p.line(&format!("Text {t:?}"), *s),
                        GStringPart::Expr(e) => p.expr(e),
                    }
                }
            }),
            ExprKind::Ident(n) => self.line(&format!("Ident {n}"), sp),
            ExprKind::This => self.line("This", sp),
            ExprKind::Super => self.line("Super", sp),
            ExprKind::TypeLiteral(t) => self.line(&format!("Type {}", ty(t)), sp),
            ExprKind::List(items) => self.labelled("List", sp, |p| {
                for i in items {
                    p.expr(i);
                }
            }),
            ExprKind::Map(entries) => self.labelled("Map", sp, |p| {
                for en in entries {
                    match en {
                        MapEntry::Pair { key, value } => p.named(key, value),
                        MapEntry::Spread(e) => p.labelled("SpreadMap", e.span, |p| p.expr(e)),
                    }
                }
            }),
            ExprKind::Unary { op, operand } => {
                self.labelled(&format!("Unary {}", op.symbol()), sp, |p| p.expr(operand));
            }
            ExprKind::Postfix { increment, operand } => self.labelled(
                if *increment {
                    "Postfix ++"
                } else {
                    "Postfix --"
                },
                sp,
                |p| p.expr(operand),
            ),
            ExprKind::Binary { op, lhs, rhs } => {
                self.labelled(&format!("Binary {}", op.symbol()), sp, |p| {
                    p.expr(lhs);
                    p.expr(rhs);
                });
            }
            ExprKind::Assign { op, target, value } => {
                let t = match op {
                    Some(op) => format!("Assign {}=", op.symbol()),
                    None => "Assign =".into(),
                };
                self.labelled(&t, sp, |p| {
                    p.expr(target);
                    p.expr(value);
                });
            }
            ExprKind::MultiAssign { targets, value } => {
                let names: Vec<&str> = targets.iter().map(|t| t.name.as_str()).collect();
                self.labelled(&format!("MultiAssign ({})", names.join(", ")), sp, |p| {
                    p.expr(value);
                });
            }
            ExprKind::Ternary {
                cond,
                then,
                otherwise,
            } => self.labelled("Ternary", sp, |p| {
                p.expr(cond);
                p.expr(then);
                p.expr(otherwise);
            }),
            ExprKind::Elvis { value, fallback } => self.labelled("Elvis", sp, |p| {
                p.expr(value);
                p.expr(fallback);
            }),
            ExprKind::Cast { ty: t, operand } => {
                self.labelled(&format!("Cast {}", ty(t)), sp, |p| p.expr(operand));
            }
            ExprKind::As { operand, ty: t } => {
                self.labelled(&format!("As {}", ty(t)), sp, |p| p.expr(operand));
            }
            ExprKind::InstanceOf { operand, ty: t } => {
                self.labelled(&format!("InstanceOf {}", ty(t)), sp, |p| p.expr(operand));
            }
            ExprKind::Property {
                object,
                name,
                access,
            } => {
                let n = member(name);
                self.labelled(&format!("Property {}{n}", access_str(*access)), sp, |p| {
                    p.expr(object);
                    if let Member::Dynamic(d) = name {
                        p.expr(d);
                    }
                });
            }
            ExprKind::MethodPointer { object, name } => {
                let n = member(name);
                self.labelled(&format!("MethodPointer .&{n}"), sp, |p| p.expr(object));
            }
            ExprKind::Index { object, index } => self.labelled("Index", sp, |p| {
                p.expr(object);
                p.args(&Args {
                    items: index.clone(),
                    closures: Vec::new(),
                });
            }),
            ExprKind::Call(c) => {
                let style = if c.command { "Command" } else { "Call" };
                match &c.callee {
                    Callee::Name(n) => self.labelled(&format!("{style} {}", n.name), sp, |p| {
                        p.args(&c.args);
                    }),
                    Callee::Method {
                        object,
                        name,
                        access,
                    } => {
                        let n = member(name);
                        self.labelled(&format!("{style} {}{n}", access_str(*access)), sp, |p| {
                            p.labelled("Receiver", object.span, |p| p.expr(object));
                            if let Member::Dynamic(d) = name {
                                p.expr(d);
                            }
                            p.args(&c.args);
                        });
                    }
                    Callee::Expr(callee) => self.labelled(&format!("{style} (value)"), sp, |p| {
                        p.labelled("Callee", callee.span, |p| p.expr(callee));
                        p.args(&c.args);
                    }),
                }
            }
            ExprKind::Closure(c) => self.closure(c),
            ExprKind::New { ty: t, args, body } => {
                self.labelled(&format!("New {}", ty(t)), sp, |p| {
                    p.args(args);
                    if let Some(b) = body {
                        p.stmts("AnonymousClass", sp, b);
                    }
                });
            }
            ExprKind::NewArray { ty: t, sizes } => {
                self.labelled(&format!("NewArray {}", ty(t)), sp, |p| {
                    for s in sizes {
                        p.expr(s);
                    }
                });
            }
            ExprKind::Spread(e) => self.labelled("Spread", sp, |p| p.expr(e)),
            ExprKind::Paren(e) => self.labelled("Paren", sp, |p| p.expr(e)),
        }
    }
}

fn member(m: &Member) -> String {
    match m {
        Member::Name(n) => n.name.clone(),
        Member::Dynamic(_) => "(dynamic)".into(),
    }
}

fn p_expr(p: &mut Printer<'_>, e: &Expr) {
    p.expr(e);
}

fn access_str(a: Access) -> &'static str {
    match a {
        Access::Dot => ".",
        Access::Safe => "?.",
        Access::Spread => "*.",
        Access::Attribute => ".@",
    }
}

fn label(word: &str, name: Option<&String>) -> String {
    match name {
        Some(n) => format!("{word} {n}"),
        None => word.to_string(),
    }
}

fn mods(m: &Modifiers) -> String {
    let mut s = String::new();
    for k in &m.keywords {
        s.push(' ');
        s.push_str(&k.name);
    }
    if m.def {
        s.push_str(" def");
    }
    s
}

fn ty_opt(t: Option<&TypeRef>) -> String {
    t.map(|t| format!(" {}", ty(t))).unwrap_or_default()
}

/// A type as written: `Map<String, List<String>>[]`.
fn ty(t: &TypeRef) -> String {
    let mut s = t.name.clone();
    if !t.args.is_empty() {
        let args: Vec<String> = t
            .args
            .iter()
            .map(|a| match a {
                TypeArg::Type(t) => ty(t),
                TypeArg::Wildcard { bound: None } => "?".into(),
                TypeArg::Wildcard {
                    bound: Some((true, b)),
                } => format!("? extends {}", ty(b)),
                TypeArg::Wildcard {
                    bound: Some((false, b)),
                } => format!("? super {}", ty(b)),
            })
            .collect();
        let _ = write!(s, "<{}>", args.join(", "));
    }
    for _ in 0..t.dims {
        s.push_str("[]");
    }
    s
}
