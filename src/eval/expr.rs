//! Expressions.

use std::sync::Arc;

use parking_lot::Mutex;

use super::interp::{Env, Interp};
use crate::eval::decimal::Decimal;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::number;
use crate::eval::value::{Closure, ClosureBody, GString, ListObj, MapObj, ResolveStrategy, Value};
use crate::syntax::ast::{
    self, Access, BinaryOp, Expr, ExprKind, GStringPart, MapEntry, MapKey, Member, NumberKind,
    UnaryOp,
};

impl<'a> Interp<'a> {
    /// Evaluates an expression.
    pub fn eval(&self, expr: &'a Expr, env: &Env<'a>) -> Eval<'a> {
        match &expr.kind {
            ExprKind::Null => Ok(Value::Null),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Number(n) => literal_number(n).map_or_else(
                || {
                    throw(
                        "java.lang.NumberFormatException",
                        format!("For input string: \"{}\"", n.text),
                    )
                },
                Ok,
            ),
            ExprKind::Str(s) => Ok(self.literal(s)),
            ExprKind::GString(parts) => {
                let mut strings: Vec<Arc<str>> = Vec::new();
                let mut values = Vec::new();
                let mut pending = String::new();
                for part in parts {
                    match part {
                        GStringPart::Text(t, _) => pending.push_str(t),
                        GStringPart::Expr(e) => {
                            // A closure (`${-> x}` or a closure value) stays in the GString
                            // and is called each time the GString is rendered.
                            let v = self.eval(e, env)?;
                            strings.push(Arc::from(std::mem::take(&mut pending)));
                            values.push(v);
                        }
                    }
                }
                strings.push(Arc::from(pending));
                Ok(Value::GString(Arc::new(GString { strings, values })))
            }
            ExprKind::Ident(name) => self.get_name(name, env, expr.span),
            ExprKind::This => Ok(env.this.clone()),
            ExprKind::Super => Ok(env.this.clone()),
            ExprKind::TypeLiteral(t) => Ok(self.resolve_type(t).map_or(Value::Null, Value::Class)),
            ExprKind::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    if let ExprKind::Spread(inner) = &item.kind {
                        let v = self.eval(inner, env)?;
                        out.extend(self.to_list(&v)?);
                    } else {
                        out.push(self.eval(item, env)?);
                    }
                }
                Ok(ListObj::array_list(out))
            }
            ExprKind::Map(entries) => {
                let mut out = Vec::with_capacity(entries.len());
                for entry in entries {
                    match entry {
                        MapEntry::Pair { key, value } => {
                            let k = self.map_key(key, env)?;
                            let v = self.eval(value, env)?;
                            out.push((k, v));
                        }
                        MapEntry::Spread(e) => {
                            let v = self.eval(e, env)?;
                            if let Value::Map(m) = v {
                                out.extend(m.snapshot());
                            }
                        }
                    }
                }
                let map = MapObj::linked(Vec::new());
                if let Value::Map(m) = &map {
                    let mut entries = m.entries.lock();
                    for (k, v) in out {
                        entries.insert(crate::eval::value::Key::of(&k), (k, v));
                    }
                }
                Ok(map)
            }
            ExprKind::Unary { op, operand } => self.eval_unary(*op, operand, env, expr.span),
            ExprKind::Postfix { increment, operand } => {
                let old = self.eval(operand, env)?;
                let new = self
                    .step_value(&old, *increment)
                    .map_err(|e| e.at(expr.span))?;
                self.assign_to(operand, new, env)?;
                Ok(old)
            }
            ExprKind::Binary { op, lhs, rhs } => match op {
                BinaryOp::And => {
                    let l = self.eval(lhs, env)?;
                    if !self.truth(&l)? {
                        return Ok(Value::Bool(false));
                    }
                    let r = self.eval(rhs, env)?;
                    Ok(Value::Bool(self.truth(&r)?))
                }
                BinaryOp::Or => {
                    let l = self.eval(lhs, env)?;
                    if self.truth(&l)? {
                        return Ok(Value::Bool(true));
                    }
                    let r = self.eval(rhs, env)?;
                    Ok(Value::Bool(self.truth(&r)?))
                }
                _ => {
                    let l = self.eval(lhs, env)?;
                    let r = self.eval(rhs, env)?;
                    self.binary(*op, &l, &r).map_err(|e| e.at(expr.span))
                }
            },
            ExprKind::Assign { op, target, value } => {
                let v = match op {
                    None => self.eval(value, env)?,
                    Some(op) => {
                        let old = self.eval(target, env)?;
                        let r = self.eval(value, env)?;
                        self.binary(*op, &old, &r).map_err(|e| e.at(expr.span))?
                    }
                };
                self.assign_to(target, v.clone(), env)
                    .map_err(|e| e.at(expr.span))?;
                Ok(v)
            }
            ExprKind::MultiAssign { targets, value } => {
                let v = self.eval(value, env)?;
                let items = self
                    .destructure(&v, targets.len())
                    .map_err(|e| e.at(expr.span))?;
                for (t, item) in targets.iter().zip(items) {
                    self.assign_name(&t.name, item, env, t.span)?;
                }
                Ok(v)
            }
            ExprKind::Ternary {
                cond,
                then,
                otherwise,
            } => {
                let c = self.eval(cond, env)?;
                if self.truth(&c)? {
                    self.eval(then, env)
                } else {
                    self.eval(otherwise, env)
                }
            }
            ExprKind::Elvis { value, fallback } => {
                let v = self.eval(value, env)?;
                if self.truth(&v)? {
                    Ok(v)
                } else {
                    self.eval(fallback, env)
                }
            }
            ExprKind::Cast { ty, operand } => {
                let v = self.eval(operand, env)?;
                self.cast(v, ty, true).map_err(|e| e.at(expr.span))
            }
            ExprKind::As { operand, ty } => {
                let v = self.eval(operand, env)?;
                self.cast(v, ty, false).map_err(|e| e.at(expr.span))
            }
            ExprKind::InstanceOf { operand, ty } => {
                let v = self.eval(operand, env)?;
                Ok(Value::Bool(self.value_is_type(&v, ty)))
            }
            ExprKind::Property {
                object,
                name,
                access,
            } => {
                if matches!(object.kind, ExprKind::Super) {
                    let n = self.member_name(name, env)?;
                    return self.get_property(&env.this, &n, expr.span);
                }
                if let Some(class) = self.qualified_class(object, name, env) {
                    return Ok(class);
                }
                let recv = self.eval(object, env)?;
                let n = self.member_name(name, env)?;
                match access {
                    Access::Safe if recv.is_null() => Ok(Value::Null),
                    Access::Spread => {
                        if recv.is_null() {
                            return Ok(Value::Null);
                        }
                        let mut out = Vec::new();
                        for item in self.to_list(&recv)? {
                            out.push(if item.is_null() {
                                Value::Null
                            } else {
                                self.get_property(&item, &n, expr.span)?
                            });
                        }
                        Ok(ListObj::array_list(out))
                    }
                    Access::Attribute => self.get_attribute(&recv, &n, expr.span),
                    _ => self.get_property(&recv, &n, expr.span),
                }
            }
            ExprKind::MethodPointer { object, name } => {
                let recv = self.eval(object, env)?;
                let n = self.member_name(name, env)?;
                Ok(Value::Closure(Arc::new(Closure {
                    body: ClosureBody::MethodPointer {
                        receiver: recv.clone(),
                        name: n,
                    },
                    this: recv.clone(),
                    owner: recv.clone(),
                    delegate: Mutex::new((recv, ResolveStrategy::OwnerFirst)),
                    arity: 1,
                    param_types: Vec::new(),
                })))
            }
            ExprKind::Index { object, index } => {
                let recv = self.eval(object, env)?;
                let idx = self.eval_index(index, env)?;
                self.get_at(&recv, &idx).map_err(|e| e.at(expr.span))
            }
            ExprKind::Call(call) => self.eval_call(call, env, expr.span),
            ExprKind::Closure(c) => Ok(self.make_closure(c, env)),
            ExprKind::New { ty, args, body: _ } => {
                let args = self.eval_args(args, env)?;
                self.new_instance(ty, args, env)
                    .map_err(|e| e.at(expr.span))
            }
            ExprKind::NewArray { ty, sizes } => {
                let mut dims = Vec::new();
                for s in sizes {
                    let v = self.eval(s, env)?;
                    dims.push(number::to_i64(&v).unwrap_or(0).max(0) as usize);
                }
                Ok(self.new_array(ty, &dims))
            }
            ExprKind::Spread(inner) => self.eval(inner, env),
            ExprKind::Paren(inner) => self.eval(inner, env),
        }
    }

    /// A class written with its package (`java.math.RoundingMode`), when `object.name` is one.
    fn qualified_class(
        &self,
        object: &'a Expr,
        name: &'a Member,
        env: &Env<'a>,
    ) -> Option<Value<'a>> {
        const PACKAGE_ROOTS: &[&str] =
            &["java", "javax", "groovy", "org", "com", "hudson", "jenkins"];
        let Member::Name(last) = name else {
            return None;
        };
        let mut parts = vec![last.name.as_str()];
        let mut current = object;
        loop {
            match &current.kind {
                ExprKind::Property {
                    object,
                    name: Member::Name(n),
                    access: Access::Dot,
                } => {
                    parts.push(n.name.as_str());
                    current = object;
                }
                ExprKind::Ident(root) if PACKAGE_ROOTS.contains(&root.as_str()) => {
                    if env.scope.has(root) {
                        return None;
                    }
                    parts.push(root.as_str());
                    break;
                }
                _ => return None,
            }
        }
        parts.reverse();
        let full = parts.join(".");
        self.class_by_name(&full).map(Value::Class)
    }

    /// The value of a map key as written: a bare name is a String.
    pub(super) fn map_key(&self, key: &'a MapKey, env: &Env<'a>) -> Eval<'a> {
        match key {
            MapKey::Name(n) => Ok(Value::str(n.name.as_str())),
            MapKey::Expr(e) => self.eval(e, env),
        }
    }

    /// The name after `.`: as written, or computed (`."$x"`).
    pub(super) fn member_name(&self, m: &'a Member, env: &Env<'a>) -> Result<String, Signal<'a>> {
        match m {
            Member::Name(n) => Ok(n.name.clone()),
            Member::Dynamic(e) => {
                let v = self.eval(e, env)?;
                self.to_s(&v)
            }
        }
    }

    fn eval_index(&self, index: &'a [ast::Arg], env: &Env<'a>) -> Eval<'a> {
        if let [ast::Arg::Positional(e)] = index {
            return self.eval(e, env);
        }
        let mut items = Vec::new();
        for a in index {
            match a {
                ast::Arg::Positional(e) => {
                    if let ExprKind::Spread(inner) = &e.kind {
                        let v = self.eval(inner, env)?;
                        items.extend(self.to_list(&v)?);
                    } else {
                        items.push(self.eval(e, env)?);
                    }
                }
                ast::Arg::Named { key, value } => {
                    let k = self.map_key(key, env)?;
                    let v = self.eval(value, env)?;
                    items.push(MapObj::linked(vec![(k, v)]));
                }
                ast::Arg::SpreadMap(e) => items.push(self.eval(e, env)?),
            }
        }
        Ok(ListObj::array_list(items))
    }

    fn eval_unary(
        &self,
        op: UnaryOp,
        operand: &'a Expr,
        env: &Env<'a>,
        span: crate::source::Span,
    ) -> Eval<'a> {
        match op {
            UnaryOp::Not => {
                let v = self.eval(operand, env)?;
                Ok(Value::Bool(!self.truth(&v)?))
            }
            UnaryOp::Neg => {
                // `-2147483648` is an Integer, as Groovy reads negative literals.
                if let ExprKind::Number(n) = &operand.kind {
                    if let Some(v) = negative_literal(n) {
                        return Ok(v);
                    }
                }
                let v = self.eval(operand, env)?;
                match number::negate(&v) {
                    Some(r) => Ok(r),
                    None => self.invoke_method(&v, "negative", Vec::new(), span),
                }
            }
            UnaryOp::Plus => {
                let v = self.eval(operand, env)?;
                if number::is_number(&v) {
                    Ok(v)
                } else {
                    self.invoke_method(&v, "positive", Vec::new(), span)
                }
            }
            UnaryOp::BitNot => {
                let v = self.eval(operand, env)?;
                match &v {
                    Value::Str(_) | Value::GString(_) => {
                        let s = self.to_s(&v)?;
                        self.pattern_value(&s, 0).map_err(|e| e.at(span))
                    }
                    _ => match number::bit_not(&v) {
                        Some(r) => Ok(r),
                        None => self.invoke_method(&v, "bitwiseNegate", Vec::new(), span),
                    },
                }
            }
            UnaryOp::PreIncrement | UnaryOp::PreDecrement => {
                let old = self.eval(operand, env)?;
                let new = self
                    .step_value(&old, op == UnaryOp::PreIncrement)
                    .map_err(|e| e.at(span))?;
                self.assign_to(operand, new.clone(), env)?;
                Ok(new)
            }
        }
    }

    /// `x++` / `x--`: `next()` / `previous()`.
    pub(super) fn step_value(&self, v: &Value<'a>, up: bool) -> Eval<'a> {
        let one = Value::Int(1);
        match v {
            Value::Null => throw(
                "java.lang.NullPointerException",
                format!(
                    "Cannot invoke method {}() on null object",
                    if up { "next" } else { "previous" }
                ),
            ),
            Value::Char(c) => {
                let code = *c as u32;
                let next = if up { code + 1 } else { code.saturating_sub(1) };
                Ok(Value::Char(char::from_u32(next).unwrap_or(*c)))
            }
            Value::Short(i) => Ok(Value::Short(if up {
                i.wrapping_add(1)
            } else {
                i.wrapping_sub(1)
            })),
            Value::Byte(i) => Ok(Value::Byte(if up {
                i.wrapping_add(1)
            } else {
                i.wrapping_sub(1)
            })),
            v if number::is_number(v) => {
                let op = if up { number::Op::Add } else { number::Op::Sub };
                number::arith(op, v, &one).or_else(|(c, m)| throw(c, m))
            }
            Value::Str(_) | Value::GString(_) => {
                let mut chars: Vec<u16> = self.to_s(v)?.encode_utf16().collect();
                // String.next()/previous(): the last character moves by one; past the end of
                // the character range a character is added or removed.
                match (chars.last().copied(), up) {
                    (None, true) | (Some(u16::MAX), true) => chars.push(0),
                    (Some(c), true) => *chars.last_mut().unwrap_or(&mut 0) = c + 1,
                    (None, false) => {
                        return throw("java.lang.IllegalArgumentException", "the string is empty");
                    }
                    (Some(0), false) => {
                        chars.pop();
                    }
                    (Some(c), false) => *chars.last_mut().unwrap_or(&mut 0) = c - 1,
                }
                Ok(Value::str(String::from_utf16_lossy(&chars)))
            }
            _ => self.invoke_method(
                v,
                if up { "next" } else { "previous" },
                Vec::new(),
                crate::source::Span::default(),
            ),
        }
    }

    /// Creates a closure value for a closure literal.
    pub fn make_closure(&self, c: &'a ast::Closure, env: &Env<'a>) -> Value<'a> {
        let owner = match &env.closure {
            Some(outer) => Value::Closure(outer.clone()),
            None => env.this.clone(),
        };
        let (arity, param_types) = match &c.params {
            None => (1, vec!["java.lang.Object".to_owned()]),
            Some(ps) => (
                ps.len(),
                ps.iter()
                    .map(|p| {
                        p.ty.as_ref().map_or_else(
                            || "java.lang.Object".to_owned(),
                            |t| {
                                self.resolve_type(t)
                                    .map_or_else(|| t.name.clone(), |ty| ty.name())
                            },
                        )
                    })
                    .collect(),
            ),
        };
        let class_name = self.closure_class_name(c, &env.class);
        Value::Closure(Arc::new(Closure {
            body: ClosureBody::Code {
                ast: c,
                scope: env.scope.clone(),
                class: env.class.clone(),
                is_static: env.is_static,
                class_name,
            },
            this: env.this.clone(),
            owner: owner.clone(),
            delegate: Mutex::new((owner, ResolveStrategy::OwnerFirst)),
            arity,
            param_types,
        }))
    }

    fn closure_class_name(
        &self,
        c: &'a ast::Closure,
        class: &Arc<crate::eval::classes::ClassDef<'a>>,
    ) -> Arc<str> {
        let key = std::ptr::from_ref(c) as usize;
        self.closure_names
            .get(&key)
            .cloned()
            .unwrap_or_else(|| Arc::from(format!("{}$_closure1", class.name)))
    }

    /// A `java.util.regex.Pattern` value.
    pub fn pattern_value(&self, source: &str, flags: i32) -> Eval<'a> {
        match crate::eval::regex::Pattern::compile(source, flags) {
            Ok(p) => Ok(crate::eval::value::Object::native(
                crate::eval::types::known("java.util.regex.Pattern"),
                crate::eval::value::Native::Pattern(p),
            )),
            Err(m) => throw("java.util.regex.PatternSyntaxException", m),
        }
    }

    /// A new array with `dims` sizes, filled with the element type's default.
    pub(super) fn new_array(&self, ty: &ast::TypeRef, dims: &[usize]) -> Value<'a> {
        let elem = super::object::static_name(&ty.name);
        let fill = super::ops::default_value(Some(&ast::TypeRef {
            name: ty.name.clone(),
            args: Vec::new(),
            dims: 0,
            span: ty.span,
        }));
        fn build<'a>(elem: &'static str, dims: &[usize], fill: &Value<'a>) -> Value<'a> {
            match dims {
                [] => fill.clone(),
                [n] => ListObj::of_kind(
                    crate::eval::value::ListKind::Array(elem),
                    vec![fill.clone(); *n],
                ),
                [n, rest @ ..] => ListObj::of_kind(
                    crate::eval::value::ListKind::Array("java.lang.Object"),
                    (0..*n).map(|_| build(elem, rest, fill)).collect(),
                ),
            }
        }
        build(elem, dims, &fill)
    }
}

/// The value of a number literal.
#[must_use]
pub fn literal_number<'a>(n: &ast::Number) -> Option<Value<'a>> {
    Some(match n.kind {
        NumberKind::Integer => {
            let v = n.int_value()?;
            if let Ok(i) = i32::try_from(v) {
                Value::Int(i)
            } else if let Ok(l) = i64::try_from(v) {
                Value::Long(l)
            } else {
                number::big(v.into())
            }
        }
        NumberKind::Long => {
            let v = n.int_value()?;
            Value::Long(
                i64::try_from(v)
                    .ok()
                    .or_else(|| u64::try_from(v).ok().map(|u| u as i64))?,
            )
        }
        NumberKind::BigInteger => {
            let text: String = n.text.chars().filter(|c| *c != '_').collect();
            if let Some(v) = n.int_value() {
                number::big(v.into())
            } else {
                number::big(text.trim_end_matches(['g', 'G', 'i', 'I']).parse().ok()?)
            }
        }
        NumberKind::BigDecimal => {
            let text: String = n.text.chars().filter(|c| *c != '_').collect();
            number::dec(Decimal::parse(&text)?)
        }
        NumberKind::Double => Value::Double(n.float_value()?),
        #[allow(clippy::cast_possible_truncation)]
        NumberKind::Float => {
            let text: String = n.text.chars().filter(|c| *c != '_').collect();
            Value::Float(text.trim_end_matches(['f', 'F']).parse::<f32>().ok()?)
        }
    })
}

fn negative_literal<'a>(n: &ast::Number) -> Option<Value<'a>> {
    match n.kind {
        NumberKind::Integer => {
            let v = -n.int_value()?;
            Some(if let Ok(i) = i32::try_from(v) {
                Value::Int(i)
            } else if let Ok(l) = i64::try_from(v) {
                Value::Long(l)
            } else {
                number::big(v.into())
            })
        }
        NumberKind::Long => Some(Value::Long(i64::try_from(-n.int_value()?).ok()?)),
        // Folded as `0 - x`: `-0.0d` is positive zero, as in Groovy.
        NumberKind::Double => Some(Value::Double(0.0 - n.float_value()?)),
        _ => None,
    }
}
