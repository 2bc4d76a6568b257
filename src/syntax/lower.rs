//! pest pairs → AST; the only file that matches on pest's `Rule`.
//!
//! The grammar accepts a little more than Groovy where telling cases apart in the grammar
//! would cost a second parse (named-argument keys, list vs map literals, where a paren-less
//! command may stand); this file checks those and records errors instead.

use pest::iterators::{Pair, Pairs};

use super::ast::{
    Access, Annotation, AnnotationArg, Arg, Args, BinaryOp, Block, Call, Callee, Catch, ClassDecl,
    ClassKind, Closure, Declarator, EnumConstant, Expr, ExprKind, GStringPart, Ident, Import,
    MapEntry, MapKey, Member, MethodDecl, Modifiers, MultiDecl, Number, NumberKind, Param,
    QualifiedName, Script, Stmt, StmtKind, SwitchCase, TypeArg, TypeParam, TypeRef, UnaryOp,
    VarDecl,
};
use super::error::{SyntaxError, SyntaxErrorKind};
use super::grammar::Rule;
use crate::source::Span;

/// Turns the `script` pair into a [`Script`], collecting the errors the grammar leaves to us.
pub(super) fn script<'i>(pair: Pair<'i, Rule>, errors: &'i mut Vec<SyntaxError>) -> Script {
    let mut lower = Lower {
        errors,
        text: pair.get_input(),
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

struct Lower<'e> {
    errors: &'e mut Vec<SyntaxError>,
    text: &'e str,
}

/// An item of an operator expression before precedence is applied.
enum Item {
    Prefix(UnaryOp, Span),
    Cast(TypeRef, Span),
    Operand(Expr),
    PostIncDec(bool, Span),
    As(TypeRef, Span),
    InstanceOf(TypeRef, Span),
    Infix(Infix, Span),
}

enum Infix {
    Binary(BinaryOp),
    Assign(Option<BinaryOp>),
    Ternary(Expr),
    Elvis,
}

impl Infix {
    /// Binding power (higher binds tighter) and whether the operator is right-associative.
    fn power(&self) -> (u8, bool) {
        match self {
            Infix::Assign(_) => (1, true),
            Infix::Ternary(_) | Infix::Elvis => (2, true),
            Infix::Binary(op) => (binary_power(*op), false),
        }
    }
}

// Groovy 2.4's precedence, from groovy.g: || && | ^ & (== != <=> =~ ==~) (< <= > >= in
// instanceof as) (<< >> >>> .. ..<) (+ -) (* / %) ** then unary.
fn binary_power(op: BinaryOp) -> u8 {
    use BinaryOp::{
        Add, And, BitAnd, BitOr, BitXor, Compare, Div, Eq, Ge, Gt, Identical, In, Le, Lt, Mod, Mul,
        Ne, NotIdentical, Or, Pow, Range, RangeExclusive, RegexFind, RegexMatch, Shl, Shr, Sub,
        Ushr,
    };
    match op {
        Or => 3,
        And => 4,
        BitOr => 5,
        BitXor => 6,
        BitAnd => 7,
        Eq | Ne | Identical | NotIdentical | Compare | RegexFind | RegexMatch => 8,
        Lt | Le | Gt | Ge | In => 9,
        Shl | Shr | Ushr | Range | RangeExclusive => 10,
        Add | Sub => 11,
        Mul | Div | Mod => 12,
        Pow => 13,
    }
}

/// Binding power of the relational postfix operators `as` and `instanceof`.
const RELATIONAL: u8 = 9;

fn binary_op(rule: Rule) -> Option<BinaryOp> {
    Some(match rule {
        Rule::op_or => BinaryOp::Or,
        Rule::op_and => BinaryOp::And,
        Rule::op_bor => BinaryOp::BitOr,
        Rule::op_xor => BinaryOp::BitXor,
        Rule::op_band => BinaryOp::BitAnd,
        Rule::op_eq => BinaryOp::Eq,
        Rule::op_ne => BinaryOp::Ne,
        Rule::op_identical => BinaryOp::Identical,
        Rule::op_not_identical => BinaryOp::NotIdentical,
        Rule::op_cmp => BinaryOp::Compare,
        Rule::op_regex_find => BinaryOp::RegexFind,
        Rule::op_regex_match => BinaryOp::RegexMatch,
        Rule::op_lt => BinaryOp::Lt,
        Rule::op_le => BinaryOp::Le,
        Rule::op_gt => BinaryOp::Gt,
        Rule::op_ge => BinaryOp::Ge,
        Rule::op_in => BinaryOp::In,
        Rule::op_range => BinaryOp::Range,
        Rule::op_range_excl => BinaryOp::RangeExclusive,
        Rule::op_shl => BinaryOp::Shl,
        Rule::op_shr => BinaryOp::Shr,
        Rule::op_ushr => BinaryOp::Ushr,
        Rule::op_add => BinaryOp::Add,
        Rule::op_sub => BinaryOp::Sub,
        Rule::op_mul => BinaryOp::Mul,
        Rule::op_div => BinaryOp::Div,
        Rule::op_mod => BinaryOp::Mod,
        Rule::op_pow => BinaryOp::Pow,
        _ => return None,
    })
}

fn assign_op(text: &str) -> Option<BinaryOp> {
    Some(match text {
        "+=" => BinaryOp::Add,
        "-=" => BinaryOp::Sub,
        "*=" => BinaryOp::Mul,
        "/=" => BinaryOp::Div,
        "%=" => BinaryOp::Mod,
        "**=" => BinaryOp::Pow,
        "<<=" => BinaryOp::Shl,
        ">>=" => BinaryOp::Shr,
        ">>>=" => BinaryOp::Ushr,
        "&=" => BinaryOp::BitAnd,
        "|=" => BinaryOp::BitOr,
        "^=" => BinaryOp::BitXor,
        _ => return None,
    })
}

impl Lower<'_> {
    fn error(&mut self, kind: SyntaxErrorKind, span: Span) {
        self.errors.push(SyntaxError::new(kind, span));
    }

    /// A command where an operand stands. After an operator that ends its line (`x = 1 +`
    /// then `sh 'ls'`), the operand was most likely forgotten: say so at the operator.
    fn command_not_allowed(&mut self, before: Option<&Item>, command: &Expr) {
        if let Some(Item::Infix(Infix::Binary(op), op_span)) = before {
            let between = self
                .text
                .get(op_span.end as usize..command.span.start as usize)
                .unwrap_or("");
            if between.contains('\n') {
                self.errors.push(SyntaxError {
                    kind: SyntaxErrorKind::MissingOperand {
                        op: op.symbol().to_string(),
                    },
                    span: *op_span,
                    related: Some((command.span, "this line is read as the operand".into())),
                });
                return;
            }
        }
        self.error(SyntaxErrorKind::CommandNotAllowed, command.span);
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

    // ------------------------------------------------------------------ expressions

    fn expr_opt(&mut self, pair: Option<Pair<'_, Rule>>, sp: Span) -> Expr {
        pair.map_or_else(|| null(sp), |p| self.expr(p))
    }

    /// An expression where no command may stand.
    fn expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        self.operators(pair, false)
    }

    /// An expression where a statement stands: a paren-less command is allowed as the whole
    /// expression or as the value of an assignment.
    fn stmt_expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        self.operators(pair, true)
    }

    fn operators(&mut self, pair: Pair<'_, Rule>, commands: bool) -> Expr {
        let sp = span(&pair);
        let mut items: Vec<Item> = Vec::new();
        for p in pair.into_inner() {
            let ps = span(&p);
            let rule = p.as_rule();
            let item = match rule {
                Rule::postfix_s | Rule::postfix_p => Item::Operand(self.postfix(p)),
                Rule::command_cont => {
                    let head = match items.pop() {
                        Some(Item::Operand(e)) => e,
                        _ => null(ps),
                    };
                    let command = self.command(head, p);
                    let allowed = commands
                        && (items.is_empty()
                            || matches!(items.last(), Some(Item::Infix(Infix::Assign(_), _))));
                    if !allowed {
                        self.command_not_allowed(items.last(), &command);
                    }
                    Item::Operand(command)
                }
                Rule::next_line_closure => {
                    let closure = p.into_inner().next().map(|q| self.closure(q));
                    match items.pop() {
                        Some(Item::Operand(e)) => {
                            let whole = e.span.to(ps);
                            Item::Operand(add_closure(e, closure, whole))
                        }
                        other => {
                            items.extend(other);
                            continue;
                        }
                    }
                }
                Rule::pre_inc => Item::Prefix(UnaryOp::PreIncrement, ps),
                Rule::pre_dec => Item::Prefix(UnaryOp::PreDecrement, ps),
                Rule::neg => Item::Prefix(UnaryOp::Neg, ps),
                Rule::pos => Item::Prefix(UnaryOp::Plus, ps),
                Rule::not => Item::Prefix(UnaryOp::Not, ps),
                Rule::bnot => Item::Prefix(UnaryOp::BitNot, ps),
                Rule::cast => {
                    let ty = p
                        .into_inner()
                        .next()
                        .map_or_else(|| type_named("Object", ps), |q| self.type_ref(q));
                    Item::Cast(ty, ps)
                }
                Rule::postfix_inc => Item::PostIncDec(true, ps),
                Rule::postfix_dec => Item::PostIncDec(false, ps),
                Rule::as_op | Rule::instanceof_op => {
                    let as_ = rule == Rule::as_op;
                    let ty = p
                        .into_inner()
                        .find(|q| q.as_rule() == Rule::type_)
                        .map_or_else(|| type_named("Object", ps), |q| self.type_ref(q));
                    if as_ {
                        Item::As(ty, ps)
                    } else {
                        Item::InstanceOf(ty, ps)
                    }
                }
                Rule::assign_op => Item::Infix(Infix::Assign(assign_op(p.as_str())), ps),
                Rule::ternary_op => {
                    let middle = p
                        .into_inner()
                        .find(|q| q.as_rule() == Rule::ternary_middle)
                        .and_then(|q| q.into_inner().next());
                    Item::Infix(Infix::Ternary(self.expr_opt(middle, ps)), ps)
                }
                Rule::elvis_op => Item::Infix(Infix::Elvis, ps),
                other => match binary_op(other) {
                    Some(op) => Item::Infix(Infix::Binary(op), ps),
                    None => continue,
                },
            };
            items.push(item);
        }
        let mut it = items.into_iter().peekable();
        let expr = climb(&mut it, 0);
        expr.unwrap_or_else(|| null(sp))
    }

    fn postfix(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let sp = span(&pair);
        let mut inner = pair.into_inner();
        let Some(first) = inner.next() else {
            return null(sp);
        };
        let mut expr = self.primary(first);
        for p in inner {
            let end = span(&p);
            let whole = expr.span.to(end);
            expr = match p.as_rule() {
                Rule::member_access => {
                    let mut it = p.into_inner();
                    let op = it.next().map_or(".", |q| q.as_str());
                    let name = self.member_name(it.next(), end);
                    let object = Box::new(expr);
                    let kind = match op {
                        ".&" => ExprKind::MethodPointer { object, name },
                        "?." => ExprKind::Property {
                            object,
                            name,
                            access: Access::Safe,
                        },
                        "*." => ExprKind::Property {
                            object,
                            name,
                            access: Access::Spread,
                        },
                        ".@" => ExprKind::Property {
                            object,
                            name,
                            access: Access::Attribute,
                        },
                        _ => ExprKind::Property {
                            object,
                            name,
                            access: Access::Dot,
                        },
                    };
                    Expr { kind, span: whole }
                }
                Rule::call_args => {
                    let args = self.call_args(p);
                    call(expr, args, false, whole)
                }
                Rule::index_suffix => {
                    let index = self.arg_items(p.into_inner());
                    Expr {
                        kind: ExprKind::Index {
                            object: Box::new(expr),
                            index,
                        },
                        span: whole,
                    }
                }
                Rule::closure_suffix => {
                    let closure = p.into_inner().next().map(|q| self.closure(q));
                    add_closure(expr, closure, whole)
                }
                _ => expr,
            };
        }
        expr
    }

    fn member_name(&mut self, pair: Option<Pair<'_, Rule>>, sp: Span) -> Member {
        let Some(pair) = pair else {
            return Member::Name(unnamed(sp));
        };
        let ms = span(&pair);
        let Some(inner) = pair.into_inner().next() else {
            return Member::Name(unnamed(ms));
        };
        match inner.as_rule() {
            Rule::ident_or_keyword => Member::Name(ident(&inner)),
            Rule::single_quoted | Rule::triple_single | Rule::plain_double => Member::Name(Ident {
                name: string_value(&inner),
                span: span(&inner),
            }),
            Rule::expr_p => Member::Dynamic(Box::new(self.expr(inner))),
            _ => Member::Dynamic(Box::new(self.string(inner))),
        }
    }

    fn call_args(&mut self, pair: Pair<'_, Rule>) -> Args {
        Args {
            items: self.arg_items(pair.into_inner()),
            closures: Vec::new(),
        }
    }

    fn arg_items(&mut self, pairs: Pairs<'_, Rule>) -> Vec<Arg> {
        pairs.filter_map(|p| self.arg(p)).collect()
    }

    fn arg(&mut self, pair: Pair<'_, Rule>) -> Option<Arg> {
        let sp = span(&pair);
        Some(match pair.as_rule() {
            Rule::spread_map_arg => Arg::SpreadMap(self.expr_opt(pair.into_inner().next(), sp)),
            Rule::spread_arg => {
                let e = self.expr_opt(pair.into_inner().next(), sp);
                Arg::Positional(Expr {
                    kind: ExprKind::Spread(Box::new(e)),
                    span: sp,
                })
            }
            Rule::keyword_named_arg_p | Rule::keyword_named_arg_s => {
                let mut it = pair.into_inner();
                let key = it.next().map_or(unnamed(sp), |k| Ident {
                    name: k.as_str().trim().to_string(),
                    span: span(&k),
                });
                let value = self.expr_opt(it.next(), sp);
                Arg::Named {
                    key: MapKey::Name(key),
                    value,
                }
            }
            Rule::arg_or_named_p | Rule::arg_or_named_s => {
                let mut it = pair.into_inner();
                let first = self.expr_opt(it.next(), sp);
                match it.next() {
                    None => Arg::Positional(first),
                    Some(v) => {
                        let value = self.expr(v);
                        let key = self.map_key(first);
                        Arg::Named { key, value }
                    }
                }
            }
            _ => return None,
        })
    }

    fn map_key(&mut self, key: Expr) -> MapKey {
        match key.kind {
            ExprKind::Ident(name) => MapKey::Name(Ident {
                name,
                span: key.span,
            }),
            ExprKind::Str(_) | ExprKind::GString(_) | ExprKind::Number(_) | ExprKind::Paren(_) => {
                MapKey::Expr(key)
            }
            ExprKind::Null | ExprKind::Bool(_) | ExprKind::This | ExprKind::Super => {
                MapKey::Name(Ident {
                    name: match &key.kind {
                        ExprKind::Null => "null".into(),
                        ExprKind::Bool(b) => b.to_string(),
                        ExprKind::This => "this".into(),
                        _ => "super".into(),
                    },
                    span: key.span,
                })
            }
            _ => {
                self.error(SyntaxErrorKind::InvalidKey, key.span);
                MapKey::Expr(key)
            }
        }
    }

    /// `head args tail*` where `head` was parsed as an ordinary expression.
    fn command(&mut self, head: Expr, pair: Pair<'_, Rule>) -> Expr {
        let mut expr = head;
        let mut first = true;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::command_args => {
                    let args = Args {
                        items: self.arg_items(p.into_inner()),
                        closures: Vec::new(),
                    };
                    let end = args_end(&args).unwrap_or(expr.span);
                    let whole = expr.span.to(end);
                    expr = if first && ends_in_call(&expr) {
                        // `foo() bar()` is `foo().bar()` in Groovy: after a parenthesised call
                        // the next word names a method of its result.
                        chain_after_call(expr, args, whole)
                    } else {
                        call(expr, args, true, whole)
                    };
                }
                Rule::command_tail => {
                    let mut it = p.into_inner();
                    let Some(name_pair) = it.next() else { continue };
                    let name_inner = name_pair.clone().into_inner().next();
                    let name = match name_inner {
                        Some(n) if n.as_rule() == Rule::ident => ident(&n),
                        Some(n) if n.as_rule() == Rule::number => ident(&n),
                        Some(n) => Ident {
                            name: string_value(&n),
                            span: span(&n),
                        },
                        None => ident(&name_pair),
                    };
                    let mut args: Option<Args> = None;
                    let mut command = true;
                    for q in it {
                        let a = args.get_or_insert_with(Args::default);
                        match q.as_rule() {
                            Rule::call_args => {
                                command = false;
                                a.items = self.arg_items(q.into_inner());
                            }
                            Rule::closure => a.closures.push(self.closure(q)),
                            Rule::command_args => a.items = self.arg_items(q.into_inner()),
                            _ => {}
                        }
                    }
                    let end = args.as_ref().and_then(args_end).unwrap_or(name.span);
                    let whole = expr.span.to(end);
                    let object = Box::new(expr);
                    expr = match args {
                        Some(args) => Expr {
                            kind: ExprKind::Call(Call {
                                callee: Callee::Method {
                                    object,
                                    name: Member::Name(name),
                                    access: Access::Dot,
                                },
                                args,
                                command,
                            }),
                            span: whole,
                        },
                        None => Expr {
                            kind: ExprKind::Property {
                                object,
                                name: Member::Name(name),
                                access: Access::Dot,
                            },
                            span: whole,
                        },
                    };
                }
                _ => {}
            }
            first = false;
        }
        expr
    }

    fn primary(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let sp = span(&pair);
        let kind = match pair.as_rule() {
            Rule::closure => ExprKind::Closure(self.closure(pair)),
            Rule::list_or_map => return self.list_or_map(pair),
            Rule::paren_expr => {
                let Some(inner) = pair.into_inner().next() else {
                    return null(sp);
                };
                if inner.as_rule() == Rule::multi_assign_target {
                    let targets = inner.into_inner().map(|p| ident(&p)).collect();
                    ExprKind::MultiAssign {
                        targets,
                        value: Box::new(null(sp)),
                    }
                } else {
                    ExprKind::Paren(Box::new(self.expr(inner)))
                }
            }
            Rule::new_expr => return self.new_expr(pair),
            Rule::number => ExprKind::Number(number(pair.as_str())),
            Rule::kw_true_lit => ExprKind::Bool(true),
            Rule::kw_false_lit => ExprKind::Bool(false),
            Rule::kw_null_lit => ExprKind::Null,
            Rule::kw_this_expr => ExprKind::This,
            Rule::kw_super_expr => ExprKind::Super,
            Rule::primitive_type_expr => ExprKind::TypeLiteral(self.type_ref(pair)),
            Rule::ident_expr => ExprKind::Ident(pair.as_str().to_string()),
            _ => return self.string(pair),
        };
        Expr { kind, span: sp }
    }

    fn list_or_map(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let sp = span(&pair);
        let mut items = Vec::new();
        for p in pair.into_inner() {
            if p.as_rule() == Rule::empty_map {
                return Expr {
                    kind: ExprKind::Map(Vec::new()),
                    span: sp,
                };
            }
            if let Some(a) = self.arg(p) {
                items.push(a);
            }
        }
        let is_map = items
            .iter()
            .any(|a| matches!(a, Arg::Named { .. } | Arg::SpreadMap(_)));
        if !is_map {
            let list = items
                .into_iter()
                .filter_map(|a| match a {
                    Arg::Positional(e) => Some(e),
                    _ => None,
                })
                .collect();
            return Expr {
                kind: ExprKind::List(list),
                span: sp,
            };
        }
        let mut entries = Vec::new();
        for a in items {
            match a {
                Arg::Named { key, value } => entries.push(MapEntry::Pair { key, value }),
                Arg::SpreadMap(e) => entries.push(MapEntry::Spread(e)),
                Arg::Positional(e) => self.error(SyntaxErrorKind::MixedMapLiteral, e.span),
            }
        }
        Expr {
            kind: ExprKind::Map(entries),
            span: sp,
        }
    }

    fn new_expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let sp = span(&pair);
        let Some(inner) = pair.into_inner().find(|p| p.as_rule() != Rule::kw_new) else {
            return null(sp);
        };
        let is_array = inner.as_rule() == Rule::new_array;
        let mut ty = type_named("", sp);
        let mut args = Args::default();
        let mut body = None;
        let mut sizes = Vec::new();
        for p in inner.into_inner() {
            match p.as_rule() {
                Rule::class_type => ty = self.type_ref(p),
                Rule::primitive_type => ty = type_named(p.as_str(), span(&p)),
                Rule::call_args => args = self.call_args(p),
                Rule::class_body => body = Some(self.class_body(p, "")),
                Rule::dim_expr => {
                    ty.dims += 1;
                    if let Some(e) = p.into_inner().next() {
                        sizes.push(self.expr(e));
                    }
                }
                Rule::array_dims => ty.dims += p.as_str().matches('[').count() as u32,
                _ => {}
            }
        }
        let kind = if is_array {
            ExprKind::NewArray { ty, sizes }
        } else {
            ExprKind::New { ty, args, body }
        };
        Expr { kind, span: sp }
    }

    fn closure(&mut self, pair: Pair<'_, Rule>) -> Closure {
        let sp = span(&pair);
        let mut params = None;
        let mut body = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::closure_params | Rule::interp_closure => {
                    let mut ps = Vec::new();
                    for q in p.into_inner() {
                        match q.as_rule() {
                            Rule::params => ps = self.params(q),
                            Rule::closure_params => {
                                ps = q
                                    .into_inner()
                                    .filter(|r| r.as_rule() == Rule::params)
                                    .flat_map(|r| self.params(r))
                                    .collect();
                            }
                            Rule::statements => body = self.statements(q),
                            _ => {}
                        }
                    }
                    params = Some(ps);
                }
                Rule::statements => body = self.statements(p),
                _ => {}
            }
        }
        Closure {
            params,
            body,
            span: sp,
        }
    }

    // ------------------------------------------------------------------ strings

    fn string(&mut self, pair: Pair<'_, Rule>) -> Expr {
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

    fn interpolation(&mut self, pair: Pair<'_, Rule>) -> Expr {
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

    fn closure_from_interp(&mut self, pair: Pair<'_, Rule>, sp: Span) -> Closure {
        let mut params = Vec::new();
        let mut body = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::closure_params => {
                    params = p
                        .into_inner()
                        .filter(|q| q.as_rule() == Rule::params)
                        .flat_map(|q| self.params(q))
                        .collect();
                }
                Rule::statements => body = self.statements(p),
                _ => {}
            }
        }
        Closure {
            params: Some(params),
            body,
            span: sp,
        }
    }
}

/// Precedence climbing over the flat items of an operator expression.
fn climb(items: &mut std::iter::Peekable<std::vec::IntoIter<Item>>, min: u8) -> Option<Expr> {
    let mut lhs = unary(items)?;
    loop {
        match items.peek() {
            Some(Item::PostIncDec(..)) => {
                if let Some(Item::PostIncDec(inc, sp)) = items.next() {
                    let span = lhs.span.to(sp);
                    lhs = Expr {
                        kind: ExprKind::Postfix {
                            increment: inc,
                            operand: Box::new(lhs),
                        },
                        span,
                    };
                }
            }
            Some(Item::As(..) | Item::InstanceOf(..)) => {
                if RELATIONAL < min {
                    return Some(lhs);
                }
                match items.next() {
                    Some(Item::As(ty, sp)) => {
                        let span = lhs.span.to(sp);
                        lhs = Expr {
                            kind: ExprKind::As {
                                operand: Box::new(lhs),
                                ty,
                            },
                            span,
                        };
                    }
                    Some(Item::InstanceOf(ty, sp)) => {
                        let span = lhs.span.to(sp);
                        lhs = Expr {
                            kind: ExprKind::InstanceOf {
                                operand: Box::new(lhs),
                                ty,
                            },
                            span,
                        };
                    }
                    _ => {}
                }
            }
            Some(Item::Infix(op, _)) => {
                let (power, right) = op.power();
                if power < min {
                    return Some(lhs);
                }
                let Some(Item::Infix(op, _)) = items.next() else {
                    return Some(lhs);
                };
                let next_min = if right { power } else { power + 1 };
                let rhs = climb(items, next_min)?;
                let span = lhs.span.to(rhs.span);
                let kind = match op {
                    Infix::Binary(op) => ExprKind::Binary {
                        op,
                        lhs: Box::new(lhs),
                        rhs: Box::new(rhs),
                    },
                    Infix::Assign(op) => match lhs.kind {
                        ExprKind::MultiAssign { targets, .. } => ExprKind::MultiAssign {
                            targets,
                            value: Box::new(rhs),
                        },
                        _ => ExprKind::Assign {
                            op,
                            target: Box::new(lhs),
                            value: Box::new(rhs),
                        },
                    },
                    Infix::Ternary(then) => ExprKind::Ternary {
                        cond: Box::new(lhs),
                        then: Box::new(then),
                        otherwise: Box::new(rhs),
                    },
                    Infix::Elvis => ExprKind::Elvis {
                        value: Box::new(lhs),
                        fallback: Box::new(rhs),
                    },
                };
                lhs = Expr { kind, span };
            }
            _ => return Some(lhs),
        }
    }
}

/// Prefix operators bind tighter than every binary operator (`-2 ** 2` is `(-2) ** 2` in
/// Groovy 2.4), but looser than postfix ones.
fn unary(items: &mut std::iter::Peekable<std::vec::IntoIter<Item>>) -> Option<Expr> {
    match items.next()? {
        Item::Prefix(op, sp) => {
            let operand = unary(items)?;
            let operand = postfix_incdec(items, operand);
            let span = sp.to(operand.span);
            Some(Expr {
                kind: ExprKind::Unary {
                    op,
                    operand: Box::new(operand),
                },
                span,
            })
        }
        Item::Cast(ty, sp) => {
            let operand = unary(items)?;
            let operand = postfix_incdec(items, operand);
            let span = sp.to(operand.span);
            Some(Expr {
                kind: ExprKind::Cast {
                    ty,
                    operand: Box::new(operand),
                },
                span,
            })
        }
        Item::Operand(e) => Some(postfix_incdec(items, e)),
        _ => None,
    }
}

fn postfix_incdec(items: &mut std::iter::Peekable<std::vec::IntoIter<Item>>, mut e: Expr) -> Expr {
    while let Some(Item::PostIncDec(..)) = items.peek() {
        if let Some(Item::PostIncDec(inc, sp)) = items.next() {
            let span = e.span.to(sp);
            e = Expr {
                kind: ExprKind::Postfix {
                    increment: inc,
                    operand: Box::new(e),
                },
                span,
            };
        }
    }
    e
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

fn closure_of(body: Vec<Stmt>, sp: Span) -> Expr {
    Expr {
        kind: ExprKind::Closure(Closure {
            params: Some(Vec::new()),
            body,
            span: sp,
        }),
        span: sp,
    }
}

fn args_end(args: &Args) -> Option<Span> {
    let last_closure = args.closures.last().map(|c| c.span);
    let last_item = args.items.last().map(|a| match a {
        Arg::Positional(e) | Arg::SpreadMap(e) | Arg::Named { value: e, .. } => e.span,
    });
    match (last_item, last_closure) {
        (Some(a), Some(b)) => Some(a.to(b)),
        (a, b) => a.or(b),
    }
}

fn ends_in_call(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Call(c) if !c.command)
}

/// `foo() bar(1)` → `foo().bar(1)`, `foo() bar` → `foo().bar`.
fn chain_after_call(head: Expr, mut args: Args, whole: Span) -> Expr {
    if args.items.len() == 1 {
        if let Some(Arg::Positional(first)) = args.items.pop() {
            return rebase(head, first, whole);
        }
    }
    call(head, args, true, whole)
}

/// Puts `head` under the innermost receiver of `expr`: `bar(1)` becomes `head.bar(1)`.
fn rebase(head: Expr, expr: Expr, whole: Span) -> Expr {
    match expr.kind {
        ExprKind::Ident(name) => Expr {
            kind: ExprKind::Property {
                object: Box::new(head),
                name: Member::Name(Ident {
                    name,
                    span: expr.span,
                }),
                access: Access::Dot,
            },
            span: whole,
        },
        ExprKind::Call(Call {
            callee: Callee::Name(name),
            args,
            command,
        }) => Expr {
            kind: ExprKind::Call(Call {
                callee: Callee::Method {
                    object: Box::new(head),
                    name: Member::Name(name),
                    access: Access::Dot,
                },
                args,
                command,
            }),
            span: whole,
        },
        kind => call(
            head,
            Args {
                items: vec![Arg::Positional(Expr {
                    kind,
                    span: expr.span,
                })],
                closures: Vec::new(),
            },
            true,
            whole,
        ),
    }
}

/// `callee(args)`: a name becomes a named call, a property a method call.
fn call(callee: Expr, args: Args, command: bool, span: Span) -> Expr {
    let callee = match callee.kind {
        ExprKind::Ident(name) => Callee::Name(Ident {
            name,
            span: callee.span,
        }),
        ExprKind::Property {
            object,
            name,
            access,
        } if access != Access::Attribute => Callee::Method {
            object,
            name,
            access,
        },
        kind => Callee::Expr(Box::new(Expr {
            kind,
            span: callee.span,
        })),
    };
    Expr {
        kind: ExprKind::Call(Call {
            callee,
            args,
            command,
        }),
        span,
    }
}

/// A trailing closure: joins the call before it, or calls the value with the closure.
fn add_closure(expr: Expr, closure: Option<Closure>, whole: Span) -> Expr {
    let Some(closure) = closure else { return expr };
    match expr.kind {
        ExprKind::Call(mut c) if !c.command => {
            c.args.closures.push(closure);
            Expr {
                kind: ExprKind::Call(c),
                span: whole,
            }
        }
        kind => call(
            Expr {
                kind,
                span: expr.span,
            },
            Args {
                items: Vec::new(),
                closures: vec![closure],
            },
            false,
            whole,
        ),
    }
}

fn number(text: &str) -> Number {
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
fn string_value(pair: &Pair<'_, Rule>) -> String {
    let mut out = String::new();
    for p in pair.clone().into_inner() {
        unescape_into(p.as_rule(), p.as_str(), &mut out);
    }
    out
}

/// Appends the value of one piece of string text, resolving Groovy's escapes.
fn unescape_into(rule: Rule, raw: &str, out: &mut String) {
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

fn escape_value(raw: &str) -> String {
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
