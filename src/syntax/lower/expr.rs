//! Expressions: operator precedence, calls and paren-less commands, arguments, literals of
//! collections, closures.

use pest::iterators::{Pair, Pairs};

use super::literal::{number, string_value};
use super::{Lower, ident, null, span, type_named, unnamed};
use crate::source::Span;
use crate::syntax::ast::{
    Access, Arg, Args, BinaryOp, Call, Callee, Closure, Expr, ExprKind, Ident, MapEntry, MapKey,
    Member, Param, Stmt, TypeRef, UnaryOp,
};
use crate::syntax::error::{SyntaxError, SyntaxErrorKind};
use crate::syntax::grammar::Rule;

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

    // ------------------------------------------------------------------ expressions

    pub(super) fn expr_opt(&mut self, pair: Option<Pair<'_, Rule>>, sp: Span) -> Expr {
        pair.map_or_else(|| null(sp), |p| self.expr(p))
    }

    /// An expression where no command may stand.
    pub(super) fn expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        self.operators(pair, false)
    }

    /// An expression where a statement stands: a paren-less command is allowed as the whole
    /// expression or as the value of an assignment.
    pub(super) fn stmt_expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        self.operators(pair, true)
    }

    pub(super) fn operators(&mut self, pair: Pair<'_, Rule>, commands: bool) -> Expr {
        // Each operator can add one level to the tree built from the operands around it.
        let levels = pair
            .clone()
            .into_inner()
            .filter(|p| !matches!(p.as_rule(), Rule::postfix_s | Rule::postfix_p))
            .count()
            + 1;
        if !self.enter(levels, span(&pair)) {
            return null(span(&pair));
        }
        let expr = self.operators_inner(pair, commands);
        self.leave(levels);
        expr
    }

    fn operators_inner(&mut self, pair: Pair<'_, Rule>, commands: bool) -> Expr {
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

    pub(super) fn postfix(&mut self, pair: Pair<'_, Rule>) -> Expr {
        // `a.b.c` nests one level per member, call or index.
        let levels = pair.clone().into_inner().count();
        if !self.enter(levels, span(&pair)) {
            return null(span(&pair));
        }
        let expr = self.postfix_inner(pair);
        self.leave(levels);
        expr
    }

    fn postfix_inner(&mut self, pair: Pair<'_, Rule>) -> Expr {
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

    pub(super) fn member_name(&mut self, pair: Option<Pair<'_, Rule>>, sp: Span) -> Member {
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

    pub(super) fn call_args(&mut self, pair: Pair<'_, Rule>) -> Args {
        Args {
            items: self.arg_items(pair.into_inner()),
            closures: Vec::new(),
        }
    }

    pub(super) fn arg_items(&mut self, pairs: Pairs<'_, Rule>) -> Vec<Arg> {
        pairs.filter_map(|p| self.arg(p)).collect()
    }

    pub(super) fn arg(&mut self, pair: Pair<'_, Rule>) -> Option<Arg> {
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

    pub(super) fn map_key(&mut self, key: Expr) -> MapKey {
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
    pub(super) fn command(&mut self, head: Expr, pair: Pair<'_, Rule>) -> Expr {
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

    pub(super) fn primary(&mut self, pair: Pair<'_, Rule>) -> Expr {
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

    pub(super) fn list_or_map(&mut self, pair: Pair<'_, Rule>) -> Expr {
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

    pub(super) fn new_expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
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

    pub(super) fn closure(&mut self, pair: Pair<'_, Rule>) -> Closure {
        let span = span(&pair);
        let (params, body) = self.closure_parts(pair);
        Closure { params, body, span }
    }

    /// Parameters (`None` when no `->` was written) and body of a closure or of a `${-> ...}`.
    pub(super) fn closure_parts(
        &mut self,
        pair: Pair<'_, Rule>,
    ) -> (Option<Vec<Param>>, Vec<Stmt>) {
        let mut params = None;
        let mut body = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::closure_params => {
                    params = Some(
                        p.into_inner()
                            .filter(|q| q.as_rule() == Rule::params)
                            .flat_map(|q| self.params(q))
                            .collect(),
                    );
                }
                Rule::statements => body = self.statements(p),
                _ => {}
            }
        }
        (params, body)
    }
}

/// Precedence climbing over the flat items of an operator expression.
fn climb(items: &mut std::iter::Peekable<std::vec::IntoIter<Item>>, min: u8) -> Option<Expr> {
    let mut lhs = unary(items)?;
    loop {
        match items.peek() {
            Some(Item::PostIncDec(..)) => lhs = postfix_incdec(items, lhs),
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

pub(super) fn closure_of(body: Vec<Stmt>, sp: Span) -> Expr {
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
