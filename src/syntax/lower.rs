//! pest pairs → AST; the only file that matches on pest's `Rule`.
//!
//! The grammar accepts a little more than Groovy where telling cases apart in the grammar
//! would cost a second parse (named-argument keys, list vs map literals, where a paren-less
//! command may stand); these files check those and record errors instead. Statements and
//! declarations are here, expressions in `expr`, strings and numbers in `literal`.

mod expr;
mod literal;

use literal::string_value;

use pest::iterators::{Pair, Pairs};

use super::ast::{
    Annotation, AnnotationArg, Block, Catch, ClassDecl, ClassKind, Declarator, EnumConstant, Expr,
    ExprKind, Ident, Import, MethodDecl, Modifiers, MultiDecl, Param, QualifiedName, Script, Stmt,
    StmtKind, SwitchCase, TypeArg, TypeParam, TypeRef, VarDecl,
};
use super::error::{SyntaxError, SyntaxErrorKind};

use super::grammar::Rule;
use crate::source::Span;

/// Turns the `script` pair into a [`Script`], collecting the errors the grammar leaves to us.
pub(super) fn script<'i>(pair: Pair<'i, Rule>, errors: &'i mut Vec<SyntaxError>) -> Script {
    let mut lower = Lower {
        errors,
        text: pair.get_input(),
        depth: 0,
        too_deep: false,
    };
    let span = span(&pair);
    let mut package = None;
    let mut statements = Vec::new();
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::package_decl => {
                package = p
                    .into_inner()
                    .find(|q| q.as_rule() == Rule::qualified_name)
                    .map(|q| qualified(&q));
            }
            Rule::statements => statements = lower.statements(p),
            _ => {}
        }
    }
    Script {
        package,
        statements,
        span,
    }
}

fn span(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

fn ident(pair: &Pair<'_, Rule>) -> Ident {
    Ident {
        name: pair.as_str().to_string(),
        span: span(pair),
    }
}

/// A name that is missing from broken input; the span says where it should have been.
fn unnamed(span: Span) -> Ident {
    Ident {
        name: String::new(),
        span,
    }
}

fn qualified(pair: &Pair<'_, Rule>) -> QualifiedName {
    QualifiedName {
        name: pair.as_str().split_whitespace().collect(),
        span: span(pair),
    }
}

/// Builds the AST from pairs, recording the errors the grammar leaves to it.
struct Lower<'e> {
    errors: &'e mut Vec<SyntaxError>,
    text: &'e str,
    /// How tall the AST around the node being built can get (see [`MAX_AST_DEPTH`]).
    depth: usize,
    /// Whether [`SyntaxErrorKind::TooDeep`] was reported already.
    too_deep: bool,
}

/// The tallest AST jfrun builds. Brackets are limited before parsing, but `if (a) if (b) ...`,
/// `!!!!x` or `a.b.c...` nest without brackets; every later walk over the AST (and dropping it)
/// recurses, so its height must stay well within a thread's stack.
pub(super) const MAX_AST_DEPTH: usize = 500;

impl Lower<'_> {
    fn error(&mut self, kind: SyntaxErrorKind, span: Span) {
        self.errors.push(SyntaxError::new(kind, span));
    }

    /// Enters a construct that adds up to `levels` to the AST's height. False, with an error
    /// the first time, when that would pass [`MAX_AST_DEPTH`]: the construct is then left out.
    fn enter(&mut self, levels: usize, span: Span) -> bool {
        if self.depth + levels > MAX_AST_DEPTH {
            if !std::mem::replace(&mut self.too_deep, true) {
                self.error(
                    SyntaxErrorKind::TooDeep {
                        limit: MAX_AST_DEPTH,
                    },
                    span,
                );
            }
            return false;
        }
        self.depth += levels;
        true
    }

    fn leave(&mut self, levels: usize) {
        self.depth -= levels;
    }

    // ------------------------------------------------------------------ statements

    fn statements(&mut self, pair: Pair<'_, Rule>) -> Vec<Stmt> {
        pair.into_inner()
            .filter_map(|p| self.statement(p))
            .collect()
    }

    fn block(&mut self, pair: Pair<'_, Rule>) -> Block {
        let span = span(&pair);
        let statements = pair
            .into_inner()
            .find(|p| p.as_rule() == Rule::statements)
            .map(|p| self.statements(p))
            .unwrap_or_default();
        Block { statements, span }
    }

    fn body(&mut self, pair: Pair<'_, Rule>) -> Box<Stmt> {
        let sp = span(&pair);
        if pair.as_rule() == Rule::block {
            let block = self.block(pair);
            return Box::new(Stmt {
                kind: StmtKind::Block(block),
                span: sp,
            });
        }
        if pair.as_rule() == Rule::empty_body {
            return Box::new(Stmt {
                kind: StmtKind::Empty,
                span: sp,
            });
        }
        Box::new(self.statement(pair).unwrap_or(Stmt {
            kind: StmtKind::Empty,
            span: sp,
        }))
    }

    fn statement(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt> {
        if !self.enter(1, span(&pair)) {
            return None;
        }
        let stmt = self.statement_kind(pair);
        self.leave(1);
        stmt
    }

    fn statement_kind(&mut self, pair: Pair<'_, Rule>) -> Option<Stmt> {
        let sp = span(&pair);
        let kind = match pair.as_rule() {
            Rule::import_decl => StmtKind::Import(self.import(pair)),
            Rule::class_decl => StmtKind::Class(self.class(pair)),
            Rule::method_decl => StmtKind::Method(self.method(pair, false)),
            Rule::multi_decl => StmtKind::MultiDecl(self.multi_decl(pair)),
            Rule::var_decl | Rule::field_decl => StmtKind::VarDecl(self.var_decl(pair)),
            Rule::if_stmt => self.if_stmt(pair),
            Rule::for_stmt => self.for_stmt(pair),
            Rule::while_stmt => {
                let mut it = pair.into_inner().filter(|p| p.as_rule() != Rule::kw_while);
                let cond = self.expr_opt(it.next(), sp);
                let body = it.next().map_or_else(|| empty(sp), |p| self.body(p));
                StmtKind::While { cond, body }
            }
            Rule::switch_stmt => self.switch(pair),
            Rule::try_stmt => self.try_stmt(pair, sp),
            Rule::return_stmt => StmtKind::Return(
                pair.into_inner()
                    .find(|p| p.as_rule() == Rule::expr_s)
                    .map(|p| self.expr(p)),
            ),
            Rule::throw_stmt => {
                let e = pair.into_inner().find(|p| p.as_rule() == Rule::expr_s);
                StmtKind::Throw(self.expr_opt(e, sp))
            }
            Rule::break_stmt => StmtKind::Break(
                pair.into_inner()
                    .find(|p| p.as_rule() == Rule::ident)
                    .map(|p| ident(&p)),
            ),
            Rule::continue_stmt => StmtKind::Continue(
                pair.into_inner()
                    .find(|p| p.as_rule() == Rule::ident)
                    .map(|p| ident(&p)),
            ),
            Rule::assert_stmt => {
                let mut exprs = pair.into_inner().filter(|p| p.as_rule() == Rule::expr_s);
                let cond = self.expr_opt(exprs.next(), sp);
                let message = exprs.next().map(|p| self.expr(p));
                StmtKind::Assert { cond, message }
            }
            Rule::labelled_stmt => {
                let mut it = pair.into_inner();
                let label = it.next().map_or_else(|| unnamed(sp), |p| ident(&p));
                let body = it.next().map_or_else(|| empty(sp), |p| self.body(p));
                StmtKind::Labelled { label, body }
            }
            Rule::bare_block => {
                self.error(
                    SyntaxErrorKind::AmbiguousBlock,
                    Span::new(sp.start as usize, sp.start as usize + 1),
                );
                let block = pair.into_inner().next().map(|p| self.block(p))?;
                StmtKind::Block(block)
            }
            Rule::block => StmtKind::Block(self.block(pair)),
            Rule::expr_stmt => {
                let inner = pair.into_inner().next()?;
                StmtKind::Expr(self.stmt_expr(inner))
            }
            Rule::static_init => {
                let block = pair
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::block)
                    .map(|p| self.block(p))?;
                StmtKind::Block(block)
            }
            Rule::constructor_decl => StmtKind::Method(self.method(pair, true)),
            Rule::empty_body => StmtKind::Empty,
            _ => return None,
        };
        Some(Stmt { kind, span: sp })
    }

    fn import(&mut self, pair: Pair<'_, Rule>) -> Import {
        let mut import = Import {
            annotations: Vec::new(),
            is_static: false,
            name: QualifiedName {
                name: String::new(),
                span: span(&pair),
            },
            star: false,
            alias: None,
        };
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::annotation => import.annotations.push(self.annotation(p)),
                Rule::static_kw => import.is_static = true,
                Rule::qualified_name => import.name = qualified(&p),
                Rule::import_star => import.star = true,
                Rule::import_alias => {
                    import.alias = p
                        .into_inner()
                        .find(|q| q.as_rule() == Rule::ident)
                        .map(|q| ident(&q));
                }
                _ => {}
            }
        }
        import
    }

    fn annotation(&mut self, pair: Pair<'_, Rule>) -> Annotation {
        let sp = span(&pair);
        let mut name = QualifiedName {
            name: String::new(),
            span: sp,
        };
        let mut args = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::qualified_name => name = qualified(&p),
                Rule::annotation_args => {
                    for a in p.into_inner() {
                        match a.as_rule() {
                            Rule::named_args_p => {
                                for pair in a.into_inner() {
                                    let mut it = pair.into_inner();
                                    let n = it.next().map(|q| ident(&q));
                                    let v = self.expr_opt(it.next(), sp);
                                    args.push(AnnotationArg { name: n, value: v });
                                }
                            }
                            Rule::expr_p => args.push(AnnotationArg {
                                name: None,
                                value: self.expr(a),
                            }),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        Annotation {
            name,
            args,
            span: sp,
        }
    }

    /// Collects modifiers, annotations and `def` from the pairs a declaration starts with and
    /// hands back the remaining pairs.
    fn modifiers<'i>(&mut self, pairs: Pairs<'i, Rule>) -> (Modifiers, Vec<Pair<'i, Rule>>) {
        let mut mods = Modifiers::default();
        let mut rest = Vec::new();
        for p in pairs {
            match p.as_rule() {
                Rule::modifiers => {
                    let (inner, more) = self.modifiers(p.into_inner());
                    mods.annotations.extend(inner.annotations);
                    mods.keywords.extend(inner.keywords);
                    mods.def |= inner.def;
                    rest.extend(more);
                }
                Rule::annotation => mods.annotations.push(self.annotation(p)),
                Rule::modifier => mods.keywords.push(ident(&p)),
                Rule::def_marker | Rule::kw_def => mods.def = true,
                _ => rest.push(p),
            }
        }
        (mods, rest)
    }

    fn var_decl(&mut self, pair: Pair<'_, Rule>) -> VarDecl {
        let pair = if pair.as_rule() == Rule::field_decl {
            match pair.into_inner().next() {
                Some(p) => p,
                None => {
                    return VarDecl {
                        modifiers: Modifiers::default(),
                        ty: None,
                        declarators: Vec::new(),
                    };
                }
            }
        } else {
            pair
        };
        let (modifiers, rest) = self.modifiers(pair.into_inner());
        let mut ty = None;
        let mut declarators = Vec::new();
        for p in rest {
            match p.as_rule() {
                Rule::type_ => ty = Some(self.type_ref(p)),
                Rule::declarator | Rule::declarator_p => declarators.push(self.declarator(p)),
                _ => {}
            }
        }
        VarDecl {
            modifiers,
            ty,
            declarators,
        }
    }

    fn declarator(&mut self, pair: Pair<'_, Rule>) -> Declarator {
        let sp = span(&pair);
        let mut it = pair.into_inner();
        let name = it.next().map_or(unnamed(sp), |p| ident(&p));
        let init = it.next().map(|p| self.stmt_expr(p));
        Declarator { name, init }
    }

    fn multi_decl(&mut self, pair: Pair<'_, Rule>) -> MultiDecl {
        let sp = span(&pair);
        let (modifiers, rest) = self.modifiers(pair.into_inner());
        let mut vars = Vec::new();
        let mut init = None;
        for p in rest {
            match p.as_rule() {
                Rule::multi_var => {
                    let mut ty = None;
                    let mut name = None;
                    for q in p.into_inner() {
                        match q.as_rule() {
                            Rule::type_ => ty = Some(self.type_ref(q)),
                            Rule::ident => name = Some(ident(&q)),
                            _ => {}
                        }
                    }
                    if let Some(name) = name {
                        vars.push((ty, name));
                    }
                }
                Rule::expr_s => init = Some(self.expr(p)),
                _ => {}
            }
        }
        MultiDecl {
            modifiers,
            vars,
            init: init.unwrap_or_else(|| null(sp)),
        }
    }

    fn method(&mut self, pair: Pair<'_, Rule>, constructor: bool) -> MethodDecl {
        let sp = span(&pair);
        let (modifiers, rest) = self.modifiers(pair.into_inner());
        let mut m = MethodDecl {
            modifiers,
            type_params: Vec::new(),
            return_type: None,
            name: unnamed(sp),
            params: Vec::new(),
            throws: Vec::new(),
            body: None,
            constructor,
        };
        for p in rest {
            match p.as_rule() {
                Rule::type_params => m.type_params = self.type_params(p),
                Rule::type_ => m.return_type = Some(self.type_ref(p)),
                Rule::method_name => {
                    m.name = match p.clone().into_inner().next() {
                        Some(q) if q.as_rule() == Rule::ident => ident(&q),
                        Some(q) => Ident {
                            name: string_value(&q),
                            span: span(&q),
                        },
                        None => ident(&p),
                    };
                }
                Rule::ident => m.name = ident(&p),
                Rule::params => m.params = self.params(p),
                Rule::throws_clause => {
                    m.throws = p
                        .into_inner()
                        .filter(|q| q.as_rule() == Rule::type_)
                        .map(|q| self.type_ref(q))
                        .collect();
                }
                Rule::block => m.body = Some(self.block(p)),
                _ => {}
            }
        }
        m
    }

    fn params(&mut self, pair: Pair<'_, Rule>) -> Vec<Param> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::param)
            .map(|p| self.param(p))
            .collect()
    }

    fn param(&mut self, pair: Pair<'_, Rule>) -> Param {
        let sp = span(&pair);
        let (modifiers, rest) = self.modifiers(pair.into_inner());
        let mut param = Param {
            modifiers,
            ty: None,
            varargs: false,
            name: unnamed(sp),
            default: None,
            span: sp,
        };
        for p in rest {
            match p.as_rule() {
                Rule::type_ => param.ty = Some(self.type_ref(p)),
                Rule::varargs => param.varargs = true,
                Rule::ident => param.name = ident(&p),
                Rule::expr_p => param.default = Some(self.expr(p)),
                _ => {}
            }
        }
        param
    }

    fn type_params(&mut self, pair: Pair<'_, Rule>) -> Vec<TypeParam> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::type_param)
            .filter_map(|p| {
                let mut it = p.into_inner();
                let name = ident(&it.next()?);
                let bounds = it
                    .filter(|q| q.as_rule() == Rule::type_)
                    .map(|q| self.type_ref(q))
                    .collect();
                Some(TypeParam { name, bounds })
            })
            .collect()
    }

    fn class(&mut self, pair: Pair<'_, Rule>) -> ClassDecl {
        let sp = span(&pair);
        let (modifiers, rest) = self.modifiers(pair.into_inner());
        let mut c = ClassDecl {
            modifiers,
            kind: ClassKind::Class,
            name: unnamed(sp),
            type_params: Vec::new(),
            extends: Vec::new(),
            implements: Vec::new(),
            enum_constants: Vec::new(),
            members: Vec::new(),
        };
        for p in rest {
            match p.as_rule() {
                Rule::class_kind => {
                    let text = p.as_str();
                    c.kind = if text.starts_with('@') {
                        ClassKind::Annotation
                    } else if text.starts_with("interface") {
                        ClassKind::Interface
                    } else if text.starts_with("trait") {
                        ClassKind::Trait
                    } else {
                        ClassKind::Class
                    };
                }
                Rule::enum_kind => c.kind = ClassKind::Enum,
                Rule::ident => c.name = ident(&p),
                Rule::type_params => c.type_params = self.type_params(p),
                Rule::extends_clause => c.extends = self.types_in(p),
                Rule::implements_clause => c.implements = self.types_in(p),
                Rule::class_body => c.members = self.class_body(p, &c.name.name.clone()),
                Rule::enum_body => {
                    let name = c.name.name.clone();
                    for q in p.into_inner() {
                        if q.as_rule() == Rule::enum_constants {
                            c.enum_constants = q
                                .into_inner()
                                .filter(|r| r.as_rule() == Rule::enum_constant)
                                .map(|r| self.enum_constant(r, &name))
                                .collect();
                        } else if let Some(m) = self.member(q, &name) {
                            c.members.push(m);
                        }
                    }
                }
                _ => {}
            }
        }
        c
    }

    fn types_in(&mut self, pair: Pair<'_, Rule>) -> Vec<TypeRef> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::type_)
            .map(|p| self.type_ref(p))
            .collect()
    }

    fn enum_constant(&mut self, pair: Pair<'_, Rule>, class: &str) -> EnumConstant {
        let sp = span(&pair);
        let mut e = EnumConstant {
            annotations: Vec::new(),
            name: unnamed(sp),
            args: None,
            body: None,
        };
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::annotation => e.annotations.push(self.annotation(p)),
                Rule::ident => e.name = ident(&p),
                Rule::call_args => e.args = Some(self.call_args(p)),
                Rule::class_body => e.body = Some(self.class_body(p, class)),
                _ => {}
            }
        }
        e
    }

    fn class_body(&mut self, pair: Pair<'_, Rule>, class: &str) -> Vec<Stmt> {
        pair.into_inner()
            .filter_map(|p| self.member(p, class))
            .collect()
    }

    fn member(&mut self, pair: Pair<'_, Rule>, class: &str) -> Option<Stmt> {
        let mut stmt = self.statement(pair)?;
        // The grammar reads `Name(...) { }` without a return type as a constructor; it is one
        // only when the name is the class's own.
        if let StmtKind::Method(m) = &mut stmt.kind {
            if m.constructor && m.name.name != class {
                m.constructor = false;
            }
        }
        Some(stmt)
    }

    fn if_stmt(&mut self, pair: Pair<'_, Rule>) -> StmtKind {
        let sp = span(&pair);
        let mut cond = None;
        let mut then = None;
        let mut otherwise = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::kw_if => {}
                Rule::expr_p if cond.is_none() => cond = Some(self.expr(p)),
                Rule::else_clause => {
                    otherwise = p
                        .into_inner()
                        .find(|q| q.as_rule() != Rule::kw_else)
                        .map(|q| self.body(q));
                }
                _ => then = Some(self.body(p)),
            }
        }
        StmtKind::If {
            cond: cond.unwrap_or_else(|| null(sp)),
            then: then.unwrap_or_else(|| empty(sp)),
            otherwise,
        }
    }

    fn for_stmt(&mut self, pair: Pair<'_, Rule>) -> StmtKind {
        let sp = span(&pair);
        let mut header = None;
        let mut body = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::kw_for => {}
                Rule::for_in | Rule::for_classic => header = Some(p),
                _ => body = Some(self.body(p)),
            }
        }
        let body = body.unwrap_or_else(|| empty(sp));
        match header {
            Some(h) if h.as_rule() == Rule::for_in => {
                let mut ty = None;
                let mut var = None;
                let mut iterable = None;
                for p in h.into_inner() {
                    match p.as_rule() {
                        Rule::modifiers => {
                            for q in p.into_inner() {
                                if q.as_rule() == Rule::type_ {
                                    ty = Some(self.type_ref(q));
                                }
                            }
                        }
                        Rule::type_ => ty = Some(self.type_ref(p)),
                        Rule::ident => var = Some(ident(&p)),
                        Rule::expr_p => iterable = Some(self.expr(p)),
                        _ => {}
                    }
                }
                StmtKind::ForIn {
                    ty,
                    var: var.unwrap_or(unnamed(sp)),
                    iterable: iterable.unwrap_or_else(|| null(sp)),
                    body,
                }
            }
            Some(h) => {
                let mut init = Vec::new();
                let mut cond = None;
                let mut update = Vec::new();
                for p in h.into_inner() {
                    match p.as_rule() {
                        Rule::for_init => {
                            for q in p.into_inner() {
                                let qs = span(&q);
                                match q.as_rule() {
                                    Rule::for_decl => init.push(Stmt {
                                        kind: StmtKind::VarDecl(self.var_decl(q)),
                                        span: qs,
                                    }),
                                    _ => {
                                        for e in q.into_inner() {
                                            let es = span(&e);
                                            init.push(Stmt {
                                                kind: StmtKind::Expr(self.expr(e)),
                                                span: es,
                                            });
                                        }
                                    }
                                }
                            }
                        }
                        Rule::for_cond => cond = p.into_inner().next().map(|q| self.expr(q)),
                        Rule::for_update => {
                            update = p
                                .into_inner()
                                .flat_map(Pair::into_inner)
                                .map(|q| self.expr(q))
                                .collect();
                        }
                        _ => {}
                    }
                }
                StmtKind::For {
                    init,
                    cond,
                    update,
                    body,
                }
            }
            None => StmtKind::Empty,
        }
    }

    fn switch(&mut self, pair: Pair<'_, Rule>) -> StmtKind {
        let sp = span(&pair);
        let mut subject = None;
        let mut cases = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::expr_p => subject = Some(self.expr(p)),
                Rule::case_group => {
                    let gs = span(&p);
                    let mut labels = Vec::new();
                    let mut body = Vec::new();
                    for q in p.into_inner() {
                        match q.as_rule() {
                            Rule::case_label => {
                                labels.push(
                                    q.into_inner()
                                        .find(|r| r.as_rule() == Rule::expr_p)
                                        .map(|r| self.expr(r)),
                                );
                            }
                            Rule::statements => body = self.statements(q),
                            _ => {}
                        }
                    }
                    cases.push(SwitchCase {
                        labels,
                        body,
                        span: gs,
                    });
                }
                _ => {}
            }
        }
        StmtKind::Switch {
            subject: subject.unwrap_or_else(|| null(sp)),
            cases,
        }
    }

    fn try_stmt(&mut self, pair: Pair<'_, Rule>, sp: Span) -> StmtKind {
        let mut body = None;
        let mut catches = Vec::new();
        let mut finally = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::block => body = Some(self.block(p)),
                Rule::catch_clause => {
                    let mut types = Vec::new();
                    let mut var = None;
                    let mut handler = None;
                    for q in p.into_inner() {
                        match q.as_rule() {
                            Rule::catch_param => {
                                for r in q.into_inner() {
                                    match r.as_rule() {
                                        Rule::catch_types => types = self.types_in(r),
                                        Rule::ident => var = Some(ident(&r)),
                                        _ => {}
                                    }
                                }
                            }
                            Rule::block => handler = Some(self.block(q)),
                            _ => {}
                        }
                    }
                    catches.push(Catch {
                        types,
                        var: var.unwrap_or(unnamed(sp)),
                        body: handler.unwrap_or(Block {
                            statements: Vec::new(),
                            span: sp,
                        }),
                    });
                }
                Rule::finally_clause => {
                    finally = p
                        .into_inner()
                        .find(|q| q.as_rule() == Rule::block)
                        .map(|q| self.block(q));
                }
                _ => {}
            }
        }
        if catches.is_empty() && finally.is_none() {
            // Groovy 2.4: "A try statement must have at least one catch or finally block."
            self.error(
                SyntaxErrorKind::TryWithoutCatch,
                Span::new(sp.start as usize, sp.start as usize + 3),
            );
        }
        StmtKind::Try {
            body: body.unwrap_or(Block {
                statements: Vec::new(),
                span: sp,
            }),
            catches,
            finally,
        }
    }

    // ------------------------------------------------------------------ types

    fn type_ref(&mut self, pair: Pair<'_, Rule>) -> TypeRef {
        let sp = span(&pair);
        let mut t = TypeRef {
            name: String::new(),
            args: Vec::new(),
            dims: 0,
            span: sp,
        };
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::primitive_type => t.name = p.as_str().to_string(),
                Rule::class_type | Rule::cast_type | Rule::type_ => {
                    let inner = self.type_ref(p);
                    t.name = inner.name;
                    t.args = inner.args;
                    t.dims += inner.dims;
                }
                Rule::type_segment => {
                    let mut segs = p.into_inner();
                    if let Some(name) = segs.next() {
                        if !t.name.is_empty() {
                            t.name.push('.');
                        }
                        t.name.push_str(name.as_str());
                    }
                    if let Some(args) = segs.next() {
                        t.args = args.into_inner().map(|a| self.type_arg(a)).collect();
                    }
                }
                Rule::array_dims => t.dims += p.as_str().matches('[').count() as u32,
                _ => {}
            }
        }
        t
    }

    fn type_arg(&mut self, pair: Pair<'_, Rule>) -> TypeArg {
        match pair.into_inner().next() {
            Some(p) if p.as_rule() == Rule::wildcard => {
                let text = p.as_str();
                let bound = p
                    .into_inner()
                    .find(|q| q.as_rule() == Rule::type_)
                    .map(|q| (!text.contains("super"), self.type_ref(q)));
                TypeArg::Wildcard { bound }
            }
            Some(p) => TypeArg::Type(self.type_ref(p)),
            None => TypeArg::Wildcard { bound: None },
        }
    }
}

fn null(sp: Span) -> Expr {
    Expr {
        kind: ExprKind::Null,
        span: sp,
    }
}

fn empty(sp: Span) -> Box<Stmt> {
    Box::new(Stmt {
        kind: StmtKind::Empty,
        span: sp,
    })
}

fn type_named(name: &str, sp: Span) -> TypeRef {
    TypeRef {
        name: name.to_string(),
        args: Vec::new(),
        dims: 0,
        span: sp,
    }
}
