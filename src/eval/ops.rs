//! Operators and conversions: Groovy truth, `==`, `<=>`, `isCase`, the binary operators on
//! every type, `as` and casts, iteration.

use std::cmp::Ordering;
use std::sync::Arc;

use super::interp::Interp;
use crate::eval::decimal::Decimal;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::number::{self, Op};
use crate::eval::text;
use crate::eval::types::{Type, is_instance, type_of};
use crate::eval::value::{
    GString, ListKind, ListObj, MapKind, MapObj, Native, Object, SetKind, SetObj, Value,
};
use crate::source::Span;
use crate::syntax::ast::{self, BinaryOp};

/// The default value of a declared type (`int x` is 0, `def x` is null).
#[must_use]
pub fn default_value<'a>(ty: Option<&ast::TypeRef>) -> Value<'a> {
    match ty.filter(|t| t.dims == 0).map(|t| t.name.as_str()) {
        Some("int") => Value::Int(0),
        Some("long") => Value::Long(0),
        Some("short") => Value::Short(0),
        Some("byte") => Value::Byte(0),
        Some("double") => Value::Double(0.0),
        Some("float") => Value::Float(0.0),
        Some("boolean") => Value::Bool(false),
        Some("char") => Value::Char('\0'),
        _ => Value::Null,
    }
}

/// An iteration in progress (for-in loops and the collection methods).
pub struct ValueIter<'a> {
    items: IterSource<'a>,
    pos: usize,
}

enum IterSource<'a> {
    List(Arc<ListObj<'a>>, usize),
    Items(Vec<Value<'a>>),
    IntRange(i64, i64, bool),
    Matcher(Value<'a>),
    Iterator(Value<'a>),
}

impl<'a> ValueIter<'a> {
    /// The next element.
    pub fn next(&mut self, interp: &Interp<'a>) -> Result<Option<Value<'a>>, Signal<'a>> {
        match &mut self.items {
            IterSource::List(l, len) => {
                let items = l.items.lock();
                if items.len() != *len {
                    drop(items);
                    return crate::eval::error::throw_bare(
                        "java.util.ConcurrentModificationException",
                    );
                }
                let v = items.get(self.pos).cloned();
                self.pos += 1;
                Ok(v)
            }
            IterSource::Items(v) => {
                let item = v.get(self.pos).cloned();
                self.pos += 1;
                Ok(item)
            }
            IterSource::IntRange(from, to, reverse) => {
                let n = self.pos as i64;
                let v = if *reverse { *to - n } else { *from + n };
                if (*reverse && v < *from) || (!*reverse && v > *to) {
                    return Ok(None);
                }
                self.pos += 1;
                Ok(Some(
                    if i32::try_from(*from).is_ok() && i32::try_from(*to).is_ok() {
                        Value::Int(v as i32)
                    } else {
                        Value::Long(v)
                    },
                ))
            }
            IterSource::Matcher(m) => {
                let found = interp.invoke_method(m, "find", Vec::new(), Span::default())?;
                if matches!(found, Value::Bool(true)) {
                    crate::eval::gdk::regex::current_match(m).map(Some)
                } else {
                    Ok(None)
                }
            }
            IterSource::Iterator(it) => {
                let has = interp.invoke_method(it, "hasNext", Vec::new(), Span::default())?;
                if interp.truth(&has)? {
                    interp
                        .invoke_method(it, "next", Vec::new(), Span::default())
                        .map(Some)
                } else {
                    Ok(None)
                }
            }
        }
    }
}

impl<'a> Interp<'a> {
    /// Groovy truth.
    pub fn truth(&self, v: &Value<'a>) -> Result<bool, Signal<'a>> {
        Ok(match v {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Long(i) => *i != 0,
            Value::Short(i) => *i != 0,
            Value::Byte(i) => *i != 0,
            Value::BigInt(b) => **b != num_bigint::BigInt::from(0),
            Value::Decimal(d) => d.signum() != 0,
            Value::Double(d) => *d != 0.0,
            Value::Float(d) => *d != 0.0,
            Value::Char(c) => *c != '\0',
            Value::Str(s) => !s.is_empty(),
            Value::GString(g) => !text::gstring_text(g).is_empty(),
            Value::List(l) => !l.items.lock().is_empty(),
            Value::Set(s) => !s.items.lock().is_empty(),
            Value::Map(m) => !m.entries.lock().is_empty(),
            Value::Range(r) => !crate::eval::gdk::range::is_empty(r),
            Value::Closure(_) | Value::Class(_) => true,
            Value::Object(o) => {
                if let Type::User(c) = &o.class {
                    if !c.find_methods("asBoolean").is_empty() {
                        let r = self.invoke_method(v, "asBoolean", Vec::new(), Span::default())?;
                        return self.truth(&r);
                    }
                }
                if let Some(n) = &o.native {
                    let state = n.lock();
                    match &*state {
                        Native::StringBuilder(s) => return Ok(!s.is_empty()),
                        Native::Matcher(_) => {
                            drop(state);
                            let r = self.invoke_method(v, "find", Vec::new(), Span::default())?;
                            return self.truth(&r);
                        }
                        Native::Iterator(items, pos, _) => return Ok(*pos < items.len()),
                        _ => {}
                    }
                }
                true
            }
        })
    }

    /// `toString()`, running the class's own `toString` where it has one.
    pub fn to_s(&self, v: &Value<'a>) -> Result<String, Signal<'a>> {
        if let Value::Str(s) = v {
            Ok(s.to_string())
        } else {
            let mut hook = |o: &Value<'a>| self.object_to_string(o);
            text::to_string(v, &mut hook)
        }
    }

    /// `inspect()`.
    pub fn inspect(&self, v: &Value<'a>) -> Result<String, Signal<'a>> {
        let mut hook = |o: &Value<'a>| self.object_to_string(o);
        text::inspect_with(v, &mut hook)
    }

    /// The text of an object whose class (or annotations) define it.
    fn object_to_string(&self, o: &Value<'a>) -> Result<Option<String>, Signal<'a>> {
        if let Value::GString(g) = o {
            return self.gstring_with_closures(g);
        }
        let Value::Object(obj) = o else {
            return Ok(None);
        };
        let Type::User(class) = &obj.class else {
            return Ok(None);
        };
        if !class.find_methods("toString").is_empty() {
            let r = self.invoke_method(o, "toString", Vec::new(), Span::default())?;
            return Ok(Some(self.to_s(&r)?));
        }
        if obj.class.is_throwable() {
            if !class.find_methods("getMessage").is_empty() {
                let m = self.invoke_method(o, "getMessage", Vec::new(), Span::default())?;
                let name = obj.class.name();
                return Ok(Some(if m.is_null() {
                    name
                } else {
                    format!("{name}: {}", self.to_s(&m)?)
                }));
            }
            return Ok(None);
        }
        self.annotated_to_string(obj, class)
    }

    /// `==`.
    pub fn equals(&self, a: &Value<'a>, b: &Value<'a>) -> Result<bool, Signal<'a>> {
        if a.same(b) {
            return Ok(true);
        }
        Ok(match (a, b) {
            (Value::Null, _) | (_, Value::Null) => false,
            (Value::Object(_), _) if crate::eval::gdk::xml::gpath(a).is_some() => {
                self.to_s(a)? == self.to_s(b)?
            }
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Str(_) | Value::GString(_), Value::Str(_) | Value::GString(_)) => {
                self.to_s(a)? == self.to_s(b)?
            }
            (Value::Char(c), Value::Str(_) | Value::GString(_))
            | (Value::Str(_) | Value::GString(_), Value::Char(c)) => {
                let s = if matches!(a, Value::Char(_)) {
                    self.to_s(b)?
                } else {
                    self.to_s(a)?
                };
                s.chars().count() == 1 && s.starts_with(*c)
            }
            (Value::Char(x), Value::Char(y)) => x == y,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            _ if number::is_number(a) && number::is_number(b) => {
                number::compare(a, b) == Some(Ordering::Equal)
            }
            (Value::Char(_), _) if number::is_number(b) => {
                number::compare(a, b) == Some(Ordering::Equal)
            }
            (_, Value::Char(_)) if number::is_number(a) => {
                number::compare(a, b) == Some(Ordering::Equal)
            }
            (Value::List(_) | Value::Range(_), Value::List(_) | Value::Range(_)) => {
                let (x, y) = (self.to_list(a)?, self.to_list(b)?);
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (p, q) in x.iter().zip(&y) {
                    if !self.equals(p, q)? {
                        return Ok(false);
                    }
                }
                true
            }
            (Value::Set(x), Value::Set(y)) => {
                let (x, y) = (x.snapshot(), y.snapshot());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for p in &x {
                    let mut found = false;
                    for q in &y {
                        if self.equals(p, q)? {
                            found = true;
                            break;
                        }
                    }
                    if !found {
                        return Ok(false);
                    }
                }
                true
            }
            (Value::Map(x), Value::Map(y)) => {
                let (x, y) = (x.snapshot(), y.snapshot());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (k, v) in &x {
                    let Some((_, w)) = y.iter().find(|(k2, _)| {
                        crate::eval::value::Key::of(k2) == crate::eval::value::Key::of(k)
                    }) else {
                        return Ok(false);
                    };
                    if !self.equals(v, w)? {
                        return Ok(false);
                    }
                }
                true
            }
            (Value::Object(o), _) => {
                if let Type::User(c) = &o.class {
                    if !c.find_methods("equals").is_empty() {
                        let r =
                            self.invoke_method(a, "equals", vec![b.clone()], Span::default())?;
                        return self.truth(&r);
                    }
                    if let (Some(ka), Value::Object(_)) = (crate::eval::classes::object_key(o), b) {
                        return Ok(Some(ka) == crate::eval::value::Key::of(b).into());
                    }
                    if !c.find_methods("compareTo").is_empty()
                        && type_of(b).name() == o.class.name()
                    {
                        let r =
                            self.invoke_method(a, "compareTo", vec![b.clone()], Span::default())?;
                        return Ok(number::to_i64(&r) == Some(0));
                    }
                }
                if let (Some(x), Value::Object(p)) = (&o.native, b) {
                    if let Some(y) = &p.native {
                        if let (Native::Date(d1), Native::Date(d2)) = (&*x.lock(), &*y.lock()) {
                            return Ok(d1 == d2);
                        }
                    }
                }
                false
            }
            (Value::Class(x), Value::Class(y)) => x.name() == y.name(),
            _ => false,
        })
    }

    /// `a <=> b`.
    pub fn compare(&self, a: &Value<'a>, b: &Value<'a>) -> Result<Ordering, Signal<'a>> {
        match (a, b) {
            (Value::Null, Value::Null) => return Ok(Ordering::Equal),
            (Value::Null, _) => return Ok(Ordering::Less),
            (_, Value::Null) => return Ok(Ordering::Greater),
            _ => {}
        }
        if number::is_number(a) && number::is_number(b)
            || (matches!(a, Value::Char(_)) && number::is_number(b))
            || (matches!(b, Value::Char(_)) && number::is_number(a))
        {
            return Ok(number::compare(a, b).unwrap_or(Ordering::Equal));
        }
        match (a, b) {
            (
                Value::Str(_) | Value::GString(_) | Value::Char(_),
                Value::Str(_) | Value::GString(_) | Value::Char(_),
            ) => {
                let (x, y) = (self.to_s(a)?, self.to_s(b)?);
                return Ok(java_string_cmp(&x, &y));
            }
            (Value::Bool(x), Value::Bool(y)) => return Ok(x.cmp(y)),
            (Value::Object(o), _) => {
                if let Type::User(c) = &o.class {
                    if !c.find_methods("compareTo").is_empty() {
                        let r =
                            self.invoke_method(a, "compareTo", vec![b.clone()], Span::default())?;
                        return Ok(number::to_i64(&r).unwrap_or(0).cmp(&0));
                    }
                    if c.kind == ast::ClassKind::Enum {
                        if let (Some(x), Some(Value::Object(p))) = (o.field("ordinal"), Some(b)) {
                            if let Some(y) = p.field("ordinal") {
                                return Ok(number::compare(&x, &y).unwrap_or(Ordering::Equal));
                            }
                        }
                    }
                }
                if let (Some(x), Value::Object(p)) = (&o.native, b) {
                    if let Some(y) = &p.native {
                        if let (Native::Date(d1), Native::Date(d2)) = (&*x.lock(), &*y.lock()) {
                            return Ok(d1.cmp(d2));
                        }
                    }
                }
            }
            _ => {}
        }
        if self.equals(a, b)? {
            return Ok(Ordering::Equal);
        }
        throw(
            "java.lang.IllegalArgumentException",
            format!(
                "Cannot compare {} with value '{}' and {} with value '{}'",
                type_of(a).name(),
                self.to_s(a)?,
                type_of(b).name(),
                self.to_s(b)?
            ),
        )
    }

    /// `caseValue.isCase(value)`: what `switch`, `in` and `grep` use.
    pub fn is_case(&self, case: &Value<'a>, value: &Value<'a>) -> Result<bool, Signal<'a>> {
        match case {
            Value::Null => Ok(value.is_null()),
            Value::Class(t) => Ok(is_instance(value, &t.name())
                || matches!(t, Type::Primitive(p) if crate::eval::types::PRIMITIVES.iter().any(|(n, b)| n == p && is_instance(value, b)))),
            Value::Range(r) => crate::eval::gdk::range::contains(self, r, value),
            // `Collection.isCase` is `contains`: Java's `equals`, so `1L in [1]` is false.
            Value::List(_) | Value::Set(_) => {
                for item in self.to_list(case)? {
                    if crate::eval::gdk::collection::search::java_equals(self, &item, value)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Map(m) => {
                let v = m.get(value).unwrap_or(Value::Null);
                self.truth(&v)
            }
            Value::Closure(_) => {
                let r = self.call_value(case, vec![value.clone()], Span::default())?;
                self.truth(&r)
            }
            Value::Str(_) | Value::GString(_) => {
                if value.is_null() {
                    return Ok(false);
                }
                Ok(self.to_s(case)? == self.to_s(value)?)
            }
            Value::Object(o) => {
                if let Some(n) = &o.native {
                    if let Native::Pattern(p) = &*n.lock() {
                        if value.is_null() {
                            return Ok(false);
                        }
                        let s = self.to_s(value)?;
                        return Ok(p.matches_whole(&s).is_some());
                    }
                }
                if let Type::User(c) = &o.class {
                    if !c.find_methods("isCase").is_empty() {
                        let r = self.invoke_method(
                            case,
                            "isCase",
                            vec![value.clone()],
                            Span::default(),
                        )?;
                        return self.truth(&r);
                    }
                }
                self.equals(case, value)
            }
            _ => self.equals(case, value),
        }
    }

    /// A binary operator (not `&&`/`||`).
    pub fn binary(&self, op: BinaryOp, l: &Value<'a>, r: &Value<'a>) -> Eval<'a> {
        match op {
            BinaryOp::Eq => return Ok(Value::Bool(self.equals(l, r)?)),
            BinaryOp::Ne => return Ok(Value::Bool(!self.equals(l, r)?)),
            BinaryOp::Identical => return Ok(Value::Bool(l.same(r))),
            BinaryOp::NotIdentical => return Ok(Value::Bool(!l.same(r))),
            BinaryOp::Compare => {
                return Ok(Value::Int(match self.compare(l, r)? {
                    Ordering::Less => -1,
                    Ordering::Equal => 0,
                    Ordering::Greater => 1,
                }));
            }
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                if let (Value::Double(x), _) | (_, Value::Double(x)) = (l, r) {
                    if x.is_nan() {
                        return Ok(Value::Bool(false));
                    }
                }
                let c = self.compare(l, r)?;
                return Ok(Value::Bool(match op {
                    BinaryOp::Lt => c == Ordering::Less,
                    BinaryOp::Le => c != Ordering::Greater,
                    BinaryOp::Gt => c == Ordering::Greater,
                    _ => c != Ordering::Less,
                }));
            }
            BinaryOp::In => return Ok(Value::Bool(self.is_case(r, l)?)),
            BinaryOp::RegexFind => {
                let s = self.to_s(l)?;
                let p = self.to_pattern(r)?;
                return Ok(crate::eval::gdk::regex::new_matcher(p, s));
            }
            BinaryOp::RegexMatch => {
                let s = self.to_s(l)?;
                let p = self.to_pattern(r)?;
                return Ok(Value::Bool(p.matches_whole(&s).is_some()));
            }
            BinaryOp::Range | BinaryOp::RangeExclusive => {
                return self.make_range(l, r, op == BinaryOp::RangeExclusive);
            }
            _ => {}
        }
        if l.is_null() {
            if matches!(op, BinaryOp::Add) && matches!(r, Value::Str(_) | Value::GString(_)) {
                return Ok(Value::str(format!("null{}", self.to_s(r)?)));
            }
            return throw(
                "java.lang.NullPointerException",
                format!("Cannot execute null{}{}", op.symbol(), self.to_s(r)?),
            );
        }
        let numeric = |v: &Value<'a>| number::is_number(v) || matches!(v, Value::Char(_));
        if numeric(l)
            && numeric(r)
            && !(matches!(l, Value::Char(_)) && matches!(r, Value::Char(_)) && op == BinaryOp::Add)
        {
            let nop = match op {
                BinaryOp::Add => Some(Op::Add),
                BinaryOp::Sub => Some(Op::Sub),
                BinaryOp::Mul => Some(Op::Mul),
                BinaryOp::Div => Some(Op::Div),
                BinaryOp::Mod => Some(Op::Mod),
                BinaryOp::BitAnd => Some(Op::And),
                BinaryOp::BitOr => Some(Op::Or),
                BinaryOp::BitXor => Some(Op::Xor),
                _ => None,
            };
            if let Some(nop) = nop {
                return number::arith(nop, l, r).or_else(|(c, m)| throw(c, m));
            }
            match op {
                BinaryOp::Pow => return Ok(number::power(l, r).unwrap_or(Value::Null)),
                BinaryOp::Shl | BinaryOp::Shr | BinaryOp::Ushr => {
                    if let Some(v) = number::shift(l, r, op == BinaryOp::Shl, op == BinaryOp::Ushr)
                    {
                        return Ok(v);
                    }
                }
                _ => {}
            }
        }
        if let (Value::Bool(x), Value::Bool(y)) = (l, r) {
            match op {
                BinaryOp::BitAnd => return Ok(Value::Bool(*x && *y)),
                BinaryOp::BitOr => return Ok(Value::Bool(*x || *y)),
                BinaryOp::BitXor => return Ok(Value::Bool(x != y)),
                _ => {}
            }
        }
        let method = match op {
            BinaryOp::Add => "plus",
            BinaryOp::Sub => "minus",
            BinaryOp::Mul => "multiply",
            BinaryOp::Div => "div",
            BinaryOp::Mod => "mod",
            BinaryOp::Pow => "power",
            BinaryOp::Shl => "leftShift",
            BinaryOp::Shr => "rightShift",
            BinaryOp::Ushr => "rightShiftUnsigned",
            BinaryOp::BitAnd => "and",
            BinaryOp::BitOr => "or",
            BinaryOp::BitXor => "xor",
            _ => "?",
        };
        if matches!(op, BinaryOp::Add) {
            if let Value::GString(g) = l {
                // GString + anything is a GString.
                let mut strings = g.strings.clone();
                let mut values = g.values.clone();
                if let Value::GString(h) = r {
                    let last = strings.pop().unwrap_or_else(|| Arc::from(""));
                    let mut hs = h.strings.clone();
                    let first = format!("{last}{}", hs.first().map_or("", |s| s));
                    if hs.is_empty() {
                        hs.push(Arc::from(first));
                    } else {
                        hs[0] = Arc::from(first);
                    }
                    strings.extend(hs);
                    values.extend(h.values.iter().cloned());
                } else {
                    let last = strings.pop().unwrap_or_else(|| Arc::from(""));
                    strings.push(Arc::from(format!("{last}{}", self.to_s(r)?)));
                }
                return Ok(Value::GString(Arc::new(GString { strings, values })));
            }
        }
        self.invoke_method(l, method, vec![r.clone()], Span::default())
    }

    /// A regex from `~/.../`, a String or a GString.
    pub fn to_pattern(
        &self,
        v: &Value<'a>,
    ) -> Result<Arc<crate::eval::regex::Pattern>, Signal<'a>> {
        if let Value::Object(o) = v {
            if let Some(n) = &o.native {
                if let Native::Pattern(p) = &*n.lock() {
                    return Ok(p.clone());
                }
            }
        }
        let s = self.to_s(v)?;
        crate::eval::regex::Pattern::compile(&s, 0)
            .or_else(|m| throw("java.util.regex.PatternSyntaxException", m))
    }

    /// `from..to` / `from..<to`.
    pub fn make_range(&self, from: &Value<'a>, to: &Value<'a>, exclusive: bool) -> Eval<'a> {
        crate::eval::gdk::range::make(self, from, to, exclusive)
    }

    /// The elements of anything iterable, as a list.
    pub fn to_list(&self, v: &Value<'a>) -> Result<Vec<Value<'a>>, Signal<'a>> {
        Ok(match v {
            Value::Null => Vec::new(),
            Value::List(l) => l.snapshot(),
            Value::Set(s) => crate::eval::gdk::collection::iteration_order(s),
            Value::Range(r) => crate::eval::gdk::range::elements(r)
                .or_else(|m| throw("java.lang.IllegalArgumentException", m))?,
            Value::Map(m) => crate::eval::gdk::map::entries(m),
            Value::Str(s) => s.chars().map(|c| Value::str(c.to_string())).collect(),
            Value::GString(_) => self
                .to_s(v)?
                .chars()
                .map(|c| Value::str(c.to_string()))
                .collect(),
            _ => {
                let mut it = self.iterate(v)?;
                let mut out = Vec::new();
                while let Some(x) = it.next(self)? {
                    out.push(x);
                }
                out
            }
        })
    }

    /// Starts iterating a value as Groovy's `iterator()` does.
    pub fn iterate(&self, v: &Value<'a>) -> Result<ValueIter<'a>, Signal<'a>> {
        let items = match v {
            Value::List(l) => IterSource::List(l.clone(), l.items.lock().len()),
            Value::Range(r) => match (&r.from, &r.to) {
                (Value::Int(a), Value::Int(b)) => {
                    IterSource::IntRange(i64::from(*a), i64::from(*b), r.reverse)
                }
                (Value::Long(a), Value::Long(b)) => IterSource::IntRange(*a, *b, r.reverse),
                _ => IterSource::Items(self.to_list(v)?),
            },
            Value::Object(o) => {
                let kind = o.native.as_ref().map(|n| match &*n.lock() {
                    Native::Matcher(_) => 1,
                    Native::Iterator(..) => 2,
                    Native::GPath(_) => 3,
                    _ => 0,
                });
                match kind {
                    Some(1) => IterSource::Matcher(v.clone()),
                    Some(2) => IterSource::Iterator(v.clone()),
                    Some(3) => IterSource::Items(crate::eval::gdk::xml::items_of(v)),
                    _ => {
                        if self.responds_to(v, "iterator") {
                            let it =
                                self.invoke_method(v, "iterator", Vec::new(), Span::default())?;
                            IterSource::Iterator(it)
                        } else {
                            IterSource::Items(vec![v.clone()])
                        }
                    }
                }
            }
            Value::Null => IterSource::Items(Vec::new()),
            Value::Set(_) | Value::Map(_) | Value::Str(_) | Value::GString(_) => {
                IterSource::Items(self.to_list(v)?)
            }
            other => IterSource::Items(vec![other.clone()]),
        };
        Ok(ValueIter { items, pos: 0 })
    }

    /// The value a typed declaration or assignment stores (`int x = 5L`, `String s = 1`).
    pub fn coerce_declared(&self, v: Value<'a>, ty: Option<&ast::TypeRef>, span: Span) -> Eval<'a> {
        match ty {
            None => Ok(v),
            Some(t) if t.name == "def" || t.name == "var" || t.name == "Object" => Ok(v),
            Some(t) => self.cast(v, t, true).map_err(|e| e.at(span)),
        }
    }

    fn cast_error(&self, v: &Value<'a>, target: &str) -> Signal<'a> {
        let text = self.java_to_s(v).unwrap_or_default();
        Signal::Throw(
            crate::eval::error::exception(
                "org.codehaus.groovy.runtime.typehandling.GroovyCastException",
                Some(format!(
                    "Cannot cast object '{text}' with class '{}' to class '{target}'",
                    type_of(v).name()
                )),
            ),
            None,
        )
    }

    /// Java's `toString()` of a value, as Java code such as `String.valueOf` prints it: maps
    /// as `{k=v}`, where Groovy prints `[k:v]`.
    pub fn java_to_s(&self, v: &Value<'a>) -> Result<String, Signal<'a>> {
        match v {
            Value::Map(m) => {
                let mut parts = Vec::new();
                for (k, val) in m.snapshot() {
                    parts.push(format!("{}={}", self.java_to_s(&k)?, self.java_to_s(&val)?));
                }
                Ok(format!("{{{}}}", parts.join(", ")))
            }
            Value::List(l) if !matches!(l.kind, ListKind::Array(_)) => {
                let mut parts = Vec::new();
                for item in l.snapshot() {
                    parts.push(self.java_to_s(&item)?);
                }
                Ok(format!("[{}]", parts.join(", ")))
            }
            _ => self.to_s(v),
        }
    }

    /// `v as T` (`strict`: a cast `(T) v` or a typed assignment, which converts less).
    pub fn cast(&self, v: Value<'a>, t: &ast::TypeRef, strict: bool) -> Eval<'a> {
        let name = t.name.as_str();
        if t.dims > 0 {
            if v.is_null() {
                return Ok(v);
            }
            let elem_ty = ast::TypeRef {
                dims: t.dims - 1,
                ..t.clone()
            };
            let mut out = Vec::new();
            for item in self.to_list(&v)? {
                out.push(self.cast(item, &elem_ty, strict)?);
            }
            return Ok(ListObj::of_kind(
                ListKind::Array(super::object::static_name(name)),
                out,
            ));
        }
        if v.is_null() {
            return Ok(match name {
                "boolean" => Value::Bool(false),
                "int" | "long" | "short" | "byte" | "double" | "float" | "char" if strict => {
                    return throw(
                        "org.codehaus.groovy.runtime.typehandling.GroovyCastException",
                        format!(
                            "Cannot cast object 'null' with class 'null' to class '{name}'. Try 'java.lang.{}' instead",
                            boxed_simple(name)
                        ),
                    );
                }
                _ => Value::Null,
            });
        }
        let num_from_string = |s: &str, target: &str| -> Eval<'a> {
            if strict {
                return Err(self.cast_error(&v, target));
            }
            crate::eval::gdk::string::parse_number(s.trim(), target)
        };
        match name {
            "String" | "java.lang.String" | "CharSequence" => {
                if strict
                    && !matches!(v, Value::Str(_) | Value::GString(_))
                    && name == "CharSequence"
                {
                    return Ok(v);
                }
                Ok(Value::str(self.to_s(&v)?))
            }
            "int" | "Integer" | "java.lang.Integer" => match &v {
                Value::Int(_) => Ok(v),
                Value::Str(s) => num_from_string(s, "java.lang.Integer"),
                Value::GString(_) => num_from_string(&self.to_s(&v)?, "java.lang.Integer"),
                Value::Char(c) => Ok(Value::Int(*c as i32)),
                _ if number::is_number(&v) => Ok(Value::Int(number::to_i32(&v).unwrap_or(0))),
                _ => Err(self.cast_error(
                    &v,
                    if name == "int" {
                        "int"
                    } else {
                        "java.lang.Integer"
                    },
                )),
            },
            "long" | "Long" | "java.lang.Long" => match &v {
                Value::Long(_) => Ok(v),
                Value::Str(s) => num_from_string(s, "java.lang.Long"),
                Value::Char(c) => Ok(Value::Long(i64::from(*c as u32))),
                _ if number::is_number(&v) => Ok(Value::Long(number::to_i64(&v).unwrap_or(0))),
                _ => Err(self.cast_error(
                    &v,
                    if name == "long" {
                        "long"
                    } else {
                        "java.lang.Long"
                    },
                )),
            },
            "short" | "Short" => match &v {
                _ if number::is_number(&v) => {
                    Ok(Value::Short(number::to_i64(&v).unwrap_or(0) as i16))
                }
                Value::Str(s) => num_from_string(s, "java.lang.Short"),
                _ => Err(self.cast_error(&v, name)),
            },
            "byte" | "Byte" => match &v {
                _ if number::is_number(&v) => {
                    Ok(Value::Byte(number::to_i64(&v).unwrap_or(0) as i8))
                }
                Value::Str(s) => num_from_string(s, "java.lang.Byte"),
                _ => Err(self.cast_error(&v, name)),
            },
            "double" | "Double" | "java.lang.Double" => match &v {
                Value::Double(_) => Ok(v),
                Value::Str(s) => num_from_string(s, "java.lang.Double"),
                Value::GString(_) => num_from_string(&self.to_s(&v)?, "java.lang.Double"),
                _ if number::is_number(&v) => Ok(Value::Double(number::to_f64(&v).unwrap_or(0.0))),
                _ => Err(self.cast_error(
                    &v,
                    if name == "double" {
                        "double"
                    } else {
                        "java.lang.Double"
                    },
                )),
            },
            #[allow(clippy::cast_possible_truncation)]
            "float" | "Float" => match &v {
                Value::Float(_) => Ok(v),
                Value::Str(s) => num_from_string(s, "java.lang.Float"),
                _ if number::is_number(&v) => {
                    Ok(Value::Float(number::to_f64(&v).unwrap_or(0.0) as f32))
                }
                _ => Err(self.cast_error(&v, name)),
            },
            "BigDecimal" | "java.math.BigDecimal" => match &v {
                Value::Decimal(_) => Ok(v),
                Value::Str(s) => num_from_string(s, "java.math.BigDecimal"),
                Value::GString(_) => num_from_string(&self.to_s(&v)?, "java.math.BigDecimal"),
                _ if number::is_number(&v) => Ok(number::dec(
                    number::to_decimal(&v).unwrap_or_else(|| Decimal::from_int(0)),
                )),
                _ => Err(self.cast_error(&v, "java.math.BigDecimal")),
            },
            "BigInteger" | "java.math.BigInteger" => match &v {
                Value::BigInt(_) => Ok(v),
                Value::Str(s) => num_from_string(s, "java.math.BigInteger"),
                _ if number::is_number(&v) => {
                    Ok(number::big(number::to_bigint(&v).unwrap_or_default()))
                }
                _ => Err(self.cast_error(&v, "java.math.BigInteger")),
            },
            "Number" | "java.lang.Number" => {
                if number::is_number(&v) {
                    Ok(v)
                } else if let (false, Value::Str(s)) = (strict, &v) {
                    crate::eval::gdk::string::parse_number(s, "java.lang.Number")
                } else {
                    Err(self.cast_error(&v, "java.lang.Number"))
                }
            }
            "boolean" | "Boolean" | "java.lang.Boolean" => match &v {
                Value::Bool(_) => Ok(v),
                _ => Ok(Value::Bool(self.truth(&v)?)),
            },
            "char" | "Character" => match &v {
                Value::Char(_) => Ok(v),
                Value::Str(s) if s.chars().count() == 1 => {
                    Ok(Value::Char(s.chars().next().unwrap_or('\0')))
                }
                _ if number::is_number(&v) => Ok(Value::Char(
                    char::from_u32(number::to_i64(&v).unwrap_or(0) as u32).unwrap_or('\0'),
                )),
                _ => Err(self.cast_error(
                    &v,
                    if name == "char" {
                        "char"
                    } else {
                        "java.lang.Character"
                    },
                )),
            },
            "List"
            | "ArrayList"
            | "java.util.List"
            | "java.util.ArrayList"
            | "Collection"
            | "Iterable" => match &v {
                Value::List(l)
                    if l.kind == ListKind::ArrayList
                        || name != "ArrayList" && !matches!(l.kind, ListKind::Array(_)) =>
                {
                    Ok(v)
                }
                Value::List(_) | Value::Set(_) | Value::Range(_) => {
                    if strict
                        && matches!(v, Value::Set(_))
                        && name != "Collection"
                        && name != "Iterable"
                    {
                        return Err(self.cast_error(&v, "java.util.List"));
                    }
                    if matches!(v, Value::Set(_)) && (name == "Collection" || name == "Iterable") {
                        return Ok(v);
                    }
                    if matches!(v, Value::Range(_)) && name != "ArrayList" {
                        return Ok(v);
                    }
                    Ok(ListObj::array_list(self.to_list(&v)?))
                }
                Value::Str(_) | Value::GString(_) if !strict => {
                    Ok(ListObj::array_list(self.to_list(&v)?))
                }
                Value::Map(_) if !strict && name != "List" => {
                    Err(self.cast_error(&v, "java.util.List"))
                }
                // An assignment tries the target's constructor last.
                Value::Map(_) if strict => {
                    let target = if name == "ArrayList" {
                        "java.util.ArrayList"
                    } else if name.contains('.') {
                        name
                    } else {
                        "java.util.List"
                    };
                    let class = type_of(&v).name();
                    let message = format!(
                        "Cannot cast object '{}' with class '{class}' to class '{target}' due to: groovy.lang.GroovyRuntimeException: Could not find matching constructor for: {target}({class})",
                        self.java_to_s(&v)?
                    );
                    throw(
                        "org.codehaus.groovy.runtime.typehandling.GroovyCastException",
                        message,
                    )
                }
                _ => Err(self.cast_error(
                    &v,
                    if name.contains('.') {
                        name
                    } else if name == "ArrayList" {
                        "java.util.ArrayList"
                    } else {
                        "java.util.List"
                    },
                )),
            },
            "LinkedList" => Ok(ListObj::of_kind(ListKind::LinkedList, self.to_list(&v)?)),
            "Set" | "HashSet" | "LinkedHashSet" | "TreeSet" | "SortedSet" | "java.util.Set" => {
                let kind = match name {
                    "HashSet" => SetKind::HashSet,
                    "TreeSet" | "SortedSet" => SetKind::TreeSet,
                    _ => SetKind::LinkedHashSet,
                };
                if let Value::Set(s) = &v {
                    if s.kind == kind || name == "Set" || name == "java.util.Set" {
                        return Ok(v);
                    }
                }
                if strict && !matches!(v, Value::List(_) | Value::Set(_) | Value::Range(_)) {
                    return Err(self.cast_error(&v, "java.util.Set"));
                }
                let items = self.to_list(&v)?;
                if kind == SetKind::TreeSet {
                    return crate::eval::gdk::collection::tree_set(self, items);
                }
                Ok(SetObj::of_kind(kind, items))
            }
            "Map" | "LinkedHashMap" | "HashMap" | "TreeMap" | "SortedMap" | "java.util.Map" => {
                match &v {
                    Value::Map(m) => {
                        // A map that already is one stays itself (a LinkedHashMap is a HashMap).
                        if (name == "TreeMap" || name == "SortedMap") && m.kind != MapKind::TreeMap
                        {
                            return crate::eval::gdk::map::tree_map(self, m.snapshot());
                        }
                        if name == "HashMap"
                            && !matches!(m.kind, MapKind::HashMap | MapKind::LinkedHashMap)
                        {
                            return Ok(MapObj::of_kind(MapKind::HashMap, m.snapshot()));
                        }
                        Ok(v)
                    }
                    _ => Err(self.cast_error(&v, "java.util.Map")),
                }
            }
            "Closure" => match &v {
                Value::Closure(_) => Ok(v),
                _ => Err(self.cast_error(&v, "groovy.lang.Closure")),
            },
            "Pattern" | "java.util.regex.Pattern" => {
                let s = self.to_s(&v)?;
                self.pattern_value(&s, 0)
            }
            _ => self.cast_to_class(v, t, strict),
        }
    }

    fn cast_to_class(&self, v: Value<'a>, t: &ast::TypeRef, strict: bool) -> Eval<'a> {
        let Some(ty) = self.resolve_type(t) else {
            return Ok(v);
        };
        let class = ty.name();
        if is_instance(&v, &class) {
            return Ok(v);
        }
        if let Type::User(c) = &ty {
            if c.kind == ast::ClassKind::Enum {
                if let Value::Str(_) | Value::GString(_) = &v {
                    let s = self.to_s(&v)?;
                    return self.enum_value_of(c, &s);
                }
            }
            if let (Value::Map(_), false) = (&v, c.is_interface()) {
                return self.construct(c, vec![v]);
            }
            if let Value::List(_) = &v {
                if !strict {
                    return self.construct(c, self.to_list(&v)?);
                }
            }
        }
        // A closure or a map of closures made into an interface: calls of its methods call
        // the closure (`{ ... } as Runnable`, `[greet: { ... }] as Greeter`).
        if ty.is_interface() && matches!(v, Value::Closure(_) | Value::Map(_)) {
            let mut fields = indexmap::IndexMap::new();
            fields.insert(PROXY_TARGET.to_owned(), v);
            return Ok(Object::new(ty, fields));
        }
        if matches!(v, Value::Closure(_)) {
            return Ok(v);
        }
        Err(self.cast_error(&v, &class))
    }

    /// An object's default text when its class has `@ToString` or `@Canonical`.
    fn annotated_to_string(
        &self,
        obj: &Object<'a>,
        class: &Arc<crate::eval::classes::ClassDef<'a>>,
    ) -> Result<Option<String>, Signal<'a>> {
        if !(class.has_annotation("ToString")
            || class.has_annotation("Canonical")
            || class.has_annotation("Immutable"))
        {
            return Ok(None);
        }
        let args = class.annotation_args.get("ToString");
        let arg = |n: &str| args.and_then(|a| a.iter().find(|(k, _)| k == n).map(|(_, e)| *e));
        let include_names = matches!(
            arg("includeNames").map(|e| &e.kind),
            Some(ast::ExprKind::Bool(true))
        );
        let list_of = |e: Option<&ast::Expr>| -> Vec<String> {
            match e.map(|e| &e.kind) {
                Some(ast::ExprKind::List(items)) => items
                    .iter()
                    .filter_map(|i| {
                        if let ast::ExprKind::Str(s) = &i.kind {
                            Some(s.clone())
                        } else {
                            None
                        }
                    })
                    .collect(),
                Some(ast::ExprKind::Str(s)) => s.split(',').map(|p| p.trim().to_owned()).collect(),
                _ => Vec::new(),
            }
        };
        let excludes = list_of(arg("excludes"));
        let includes = list_of(arg("includes"));
        let include_fields = matches!(
            arg("includeFields").map(|e| &e.kind),
            Some(ast::ExprKind::Bool(true))
        );
        let ignore_nulls = matches!(
            arg("ignoreNulls").map(|e| &e.kind),
            Some(ast::ExprKind::Bool(true))
        );
        let fields = obj.fields.lock().clone();
        let mut parts = Vec::new();
        for f in &class.fields {
            if f.is_static || (!f.is_property && !include_fields) {
                continue;
            }
            if excludes.iter().any(|e| e == f.name)
                || (!includes.is_empty() && !includes.iter().any(|e| e == f.name))
            {
                continue;
            }
            let v = fields.get(f.name).cloned().unwrap_or(Value::Null);
            if ignore_nulls && v.is_null() {
                continue;
            }
            let text = self.to_s(&v)?;
            parts.push(if include_names {
                format!("{}:{text}", f.name)
            } else {
                text
            });
        }
        let simple = class
            .name
            .rsplit('$')
            .next()
            .unwrap_or(&class.name)
            .to_owned();
        Ok(Some(format!("{simple}({})", parts.join(", "))))
    }
}

/// The field of an interface proxy holding the closure or map it calls.
pub const PROXY_TARGET: &str = "$proxyTarget";

/// Java's `String.compareTo`: by UTF-16 code units.
#[must_use]
pub fn java_string_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

fn boxed_simple(p: &str) -> &'static str {
    match p {
        "int" => "Integer",
        "long" => "Long",
        "short" => "Short",
        "byte" => "Byte",
        "double" => "Double",
        "float" => "Float",
        "char" => "Character",
        _ => "Boolean",
    }
}
