//! Names and properties: local variables, the script binding, fields, getters, map keys,
//! closure owners and delegates; `obj.name`, `obj[index]` and assignment to them.

use std::sync::Arc;

use super::interp::{Env, Interp};
use crate::eval::classes::ClassDef;
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::scope::Assigned;
use crate::eval::types::{Type, type_of};
use crate::eval::value::{Closure, ClosureBody, ResolveStrategy, Value};
use crate::source::Span;
use crate::syntax::ast::{self, ExprKind};

fn missing_property<'a>(name: &str, class: &str) -> Signal<'a> {
    Signal::Throw(
        crate::eval::error::exception(
            "groovy.lang.MissingPropertyException",
            Some(format!("No such property: {name} for class: {class}")),
        ),
        None,
    )
}

fn capitalize(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

impl<'a> Interp<'a> {
    /// The value of a bare name.
    pub(super) fn get_name(&self, name: &str, env: &Env<'a>, span: Span) -> Eval<'a> {
        if let Some(v) = env.scope.get(name) {
            return Ok(v);
        }
        if let Some(c) = &env.closure {
            if let Some(v) = self.closure_property(c, name)? {
                return Ok(v);
            }
        } else if let Some(v) = self.this_property(&env.this, &env.class, env.is_static, name)? {
            return Ok(v);
        }
        if let Some(t) = self.class_by_name(name) {
            return Ok(Value::Class(t));
        }
        let class = if env.is_static {
            env.class.name.clone()
        } else {
            type_of(&env.this).name()
        };
        Err(missing_property(name, &class).at(span))
    }

    /// A name looked up from inside a closure: the closure's own properties, then its owner and
    /// delegate in the order of its resolve strategy.
    fn closure_property(
        &self,
        c: &Arc<Closure<'a>>,
        name: &str,
    ) -> Result<Option<Value<'a>>, Signal<'a>> {
        match name {
            "owner" => return Ok(Some(c.owner.clone())),
            "delegate" => return Ok(Some(c.delegate())),
            "thisObject" => return Ok(Some(c.this.clone())),
            "resolveStrategy" => return Ok(Some(Value::Int(c.strategy() as i32))),
            _ => {}
        }
        for target in &c.resolution_order() {
            if let Some(v) = self.try_property(target, name)? {
                return Ok(Some(v));
            }
        }
        Ok(None)
    }

    fn try_property(
        &self,
        target: &Value<'a>,
        name: &str,
    ) -> Result<Option<Value<'a>>, Signal<'a>> {
        match target {
            Value::Null => Ok(None),
            Value::Closure(c) => match &c.body {
                ClosureBody::Code { .. } => self.closure_property(c, name),
                _ => Ok(None),
            },
            Value::Map(m) => Ok(Some(m.get(&Value::str(name)).unwrap_or(Value::Null))),
            Value::Object(o) => {
                if let Type::User(class) = &o.class {
                    return self.this_property(target, class, false, name);
                }
                match self.get_property(target, name, Span::default()) {
                    Ok(v) => Ok(Some(v)),
                    Err(Signal::Throw(..)) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            Value::Class(Type::User(c)) => self.this_property(target, c, true, name),
            _ => match self.get_property(target, name, Span::default()) {
                Ok(v) => Ok(Some(v)),
                Err(Signal::Throw(..)) => Ok(None),
                Err(e) => Err(e),
            },
        }
    }

    /// A property of `this` seen from its own class's code: fields, getters, statics, the
    /// script binding.
    fn this_property(
        &self,
        this: &Value<'a>,
        class: &Arc<ClassDef<'a>>,
        is_static: bool,
        name: &str,
    ) -> Result<Option<Value<'a>>, Signal<'a>> {
        if let (false, Value::Object(o)) = (is_static, this) {
            if let Some(v) = o.field(name) {
                return Ok(Some(v));
            }
        }
        if class.is_script() {
            if let Some(v) = self.binding.lock().get(name) {
                return Ok(Some(v.clone()));
            }
            if name == "binding" {
                return Ok(Some(crate::eval::gdk::binding::object()));
            }
            if self.is_global(name) {
                return self.global_object(name).map(Some);
            }
            if let Some((class, member)) = self.static_import(name) {
                return self
                    .get_property(&Value::Class(class), &member, Span::default())
                    .map(Some);
            }
            if let Some(host) = &self.host {
                if let Some(v) = host.variable(self, name)? {
                    return Ok(Some(v));
                }
            }
        }
        // Static fields of this class and its parents.
        let mut current = Some(class.clone());
        while let Some(c) = current {
            self.ensure_static_init(&c)?;
            if let Some(v) = c.statics.lock().get(name) {
                return Ok(Some(v.clone()));
            }
            current = match &c.superclass {
                Type::User(p) => Some(p.clone()),
                _ => None,
            };
        }
        // A getter written in the class (`isX()` for a boolean).
        let mut getter = format!("get{}", capitalize(name));
        let mut methods = class.find_methods(&getter);
        if !methods.iter().any(|(_, m)| m.params.is_empty()) {
            getter = format!("is{}", capitalize(name));
            methods = class.find_methods(&getter);
            methods.retain(|(_, m)| m.return_type.as_ref().is_some_and(|t| t.name == "boolean"));
        }
        if methods.iter().any(|(_, m)| m.params.is_empty()) {
            let target = if is_static {
                Value::Class(Type::User(class.clone()))
            } else {
                this.clone()
            };
            return self
                .invoke_method(&target, &getter, Vec::new(), Span::default())
                .map(Some);
        }
        if !is_static && !class.is_script() {
            if let Value::Object(_) = this {
                if let Some(v) = crate::eval::gdk::object_property(self, this, name)? {
                    return Ok(Some(v));
                }
                let pm = class.find_methods("propertyMissing");
                if let Some((owner, decl)) = pm.iter().find(|(_, m)| m.params.len() == 1) {
                    return self
                        .run_method(
                            this.clone(),
                            owner.clone(),
                            decl,
                            vec![Value::str(name)],
                            Span::default(),
                        )
                        .map(Some);
                }
            }
        }
        Ok(None)
    }

    /// `obj.name`.
    pub fn get_property(&self, recv: &Value<'a>, name: &str, span: Span) -> Eval<'a> {
        match recv {
            Value::Null => {
                if name == "class" {
                    return Ok(Value::Null);
                }
                Err(Signal::Throw(
                    crate::eval::error::exception(
                        "java.lang.NullPointerException",
                        Some(format!("Cannot get property '{name}' on null object")),
                    ),
                    Some(span),
                ))
            }
            Value::Map(m) => {
                if let Some(v) = m.get(&Value::str(name)) {
                    return Ok(v);
                }
                if let Some(d) = &m.default {
                    let v = self.call_value(d, vec![Value::str(name)], span)?;
                    crate::eval::gdk::map::put(m, Value::str(name), v.clone());
                    return Ok(v);
                }
                Ok(Value::Null)
            }
            Value::Object(o) => {
                if let Type::User(class) = &o.class {
                    if let Some(v) = self.this_property(recv, class, false, name)? {
                        return Ok(v);
                    }
                    if let Some(v) = crate::eval::gdk::object_property(self, recv, name)? {
                        return Ok(v);
                    }
                    return Err(missing_property(name, &class.name).at(span));
                }
                match crate::eval::gdk::object_property(self, recv, name)? {
                    Some(v) => Ok(v),
                    None => Err(missing_property(name, &o.class.name()).at(span)),
                }
            }
            Value::Class(Type::User(c)) => {
                if let Some(v) = self.this_property(recv, c, true, name)? {
                    return Ok(v);
                }
                if c.kind == ast::ClassKind::Enum {
                    self.ensure_static_init(c)?;
                }
                match crate::eval::gdk::object_property(self, recv, name)? {
                    Some(v) => Ok(v),
                    None => Err(missing_property(name, &c.name).at(span)),
                }
            }
            _ => {
                if let Some(v) = crate::eval::gdk::object_property(self, recv, name)? {
                    Ok(v)
                } else {
                    let class = match recv {
                        Value::Class(t) => t.name(),
                        _ => type_of(recv).name(),
                    };
                    Err(missing_property(name, &class).at(span))
                }
            }
        }
    }

    /// `obj.@name`: the field itself.
    pub(super) fn get_attribute(&self, recv: &Value<'a>, name: &str, span: Span) -> Eval<'a> {
        if let Some(g) = crate::eval::gdk::xml::gpath(recv) {
            return Ok(crate::eval::gdk::xml::property(&g, &format!("@{name}")));
        }
        if let Value::Object(o) = recv {
            if let Some(v) = o.field(name) {
                return Ok(v);
            }
        }
        self.get_property(recv, name, span)
    }

    /// `name = value` for a bare name.
    pub(super) fn assign_name(
        &self,
        name: &str,
        value: Value<'a>,
        env: &Env<'a>,
        span: Span,
    ) -> Result<(), Signal<'a>> {
        let value = match env.scope.assign(name, value) {
            Assigned::Done => return Ok(()),
            Assigned::Undeclared(value) => value,
            Assigned::Typed(ty, value) => {
                let value = self.coerce_declared(value, Some(ty), span)?;
                let _ = env.scope.set(name, value);
                return Ok(());
            }
        };
        if let Some(c) = &env.closure {
            return self.closure_assign(c, name, value).map_err(|e| e.at(span));
        }
        self.this_assign(&env.this, &env.class, env.is_static, name, value)
            .map_err(|e| e.at(span))
    }

    fn closure_assign(
        &self,
        c: &Arc<Closure<'a>>,
        name: &str,
        value: Value<'a>,
    ) -> Result<(), Signal<'a>> {
        let owner = c.owner.clone();
        for target in &c.resolution_order() {
            match target {
                Value::Null => {}
                Value::Closure(inner) => {
                    if let ClosureBody::Code { scope, .. } = &inner.body {
                        if scope.set(name, value.clone()) {
                            return Ok(());
                        }
                    }
                    return self.closure_assign(inner, name, value);
                }
                Value::Map(m) => {
                    crate::eval::gdk::map::put(m, Value::str(name), value);
                    return Ok(());
                }
                Value::Object(o) => {
                    if let Type::User(class) = &o.class {
                        if class.is_script() {
                            return self.this_assign(target, class, false, name, value);
                        }
                        if class.find_field(name).is_some()
                            || !class
                                .find_methods(&format!("set{}", capitalize(name)))
                                .is_empty()
                        {
                            return self.set_property(target, name, value, Span::default());
                        }
                    }
                }
                _ => {}
            }
        }
        self.set_property(&owner, name, value, Span::default())
    }

    fn this_assign(
        &self,
        this: &Value<'a>,
        class: &Arc<ClassDef<'a>>,
        is_static: bool,
        name: &str,
        value: Value<'a>,
    ) -> Result<(), Signal<'a>> {
        if let (false, Value::Object(o)) = (is_static, this) {
            if o.fields.lock().contains_key(name) {
                o.fields.lock().insert(name.to_owned(), value);
                return Ok(());
            }
        }
        let mut current = Some(class.clone());
        while let Some(c) = current {
            if c.statics.lock().contains_key(name) {
                c.statics.lock().insert(name.to_owned(), value);
                return Ok(());
            }
            current = match &c.superclass {
                Type::User(p) => Some(p.clone()),
                _ => None,
            };
        }
        if class.is_script() {
            self.binding.lock().insert(name.to_owned(), value);
            return Ok(());
        }
        if is_static {
            return Err(missing_property(name, &class.name));
        }
        self.set_property(this, name, value, Span::default())
    }

    /// `obj.name = value`.
    pub fn set_property(
        &self,
        recv: &Value<'a>,
        name: &str,
        value: Value<'a>,
        span: Span,
    ) -> Result<(), Signal<'a>> {
        match recv {
            Value::Null => throw(
                "java.lang.NullPointerException",
                format!("Cannot set property '{name}' on null object"),
            )
            .map_err(|e: Signal<'a>| e.at(span)),
            Value::Map(m) => {
                crate::eval::gdk::map::check_mutable(m)?;
                crate::eval::gdk::map::put(m, Value::str(name), value);
                Ok(())
            }
            Value::Object(o) => {
                if let Type::User(class) = &o.class {
                    let setter = format!("set{}", capitalize(name));
                    if class
                        .find_methods(&setter)
                        .iter()
                        .any(|(_, m)| m.params.len() == 1)
                    {
                        self.invoke_method(recv, &setter, vec![value], span)?;
                        return Ok(());
                    }
                    if let Some((owner, i)) = class.find_field(name) {
                        let f = &owner.fields[i];
                        if f.is_static {
                            owner.statics.lock().insert(name.to_owned(), value);
                            return Ok(());
                        }
                        if f.is_final || (f.is_property && owner.has_annotation("Immutable")) {
                            return throw(
                                "groovy.lang.ReadOnlyPropertyException",
                                format!(
                                    "Cannot set readonly property: {name} for class: {}",
                                    class.name
                                ),
                            )
                            .map_err(|e: Signal<'a>| e.at(span));
                        }
                        let value = match f.ty {
                            Some(t) => self.coerce_declared(value, Some(t), span)?,
                            None => value,
                        };
                        o.fields.lock().insert(name.to_owned(), value);
                        return Ok(());
                    }
                    if class.is_script() {
                        self.binding.lock().insert(name.to_owned(), value);
                        return Ok(());
                    }
                    if o.fields.lock().contains_key(name) {
                        o.fields.lock().insert(name.to_owned(), value);
                        return Ok(());
                    }
                    let pm = class.find_methods("propertyMissing");
                    if let Some((owner, decl)) = pm.iter().find(|(_, m)| m.params.len() == 2) {
                        self.run_method(
                            recv.clone(),
                            owner.clone(),
                            decl,
                            vec![Value::str(name), value],
                            span,
                        )?;
                        return Ok(());
                    }
                    return Err(missing_property(name, &class.name).at(span));
                }
                if o.class.is_throwable() || o.fields.lock().contains_key(name) {
                    o.fields.lock().insert(name.to_owned(), value);
                    return Ok(());
                }
                if crate::eval::gdk::set_object_property(self, recv, name, value)? {
                    return Ok(());
                }
                Err(missing_property(name, &o.class.name()).at(span))
            }
            Value::Class(Type::User(c)) => {
                self.ensure_static_init(c)?;
                if c.statics.lock().contains_key(name) {
                    c.statics.lock().insert(name.to_owned(), value);
                    return Ok(());
                }
                Err(missing_property(name, &c.name).at(span))
            }
            Value::Closure(c) if name == "delegate" => {
                c.delegate.lock().0 = value;
                Ok(())
            }
            Value::Closure(c) if name == "resolveStrategy" => {
                let s = match crate::eval::number::to_i64(&value) {
                    Some(1) => ResolveStrategy::DelegateFirst,
                    Some(2) => ResolveStrategy::OwnerOnly,
                    Some(3) => ResolveStrategy::DelegateOnly,
                    _ => ResolveStrategy::OwnerFirst,
                };
                c.delegate.lock().1 = s;
                Ok(())
            }
            Value::List(_) | Value::Set(_) => {
                for item in self.to_list(recv)? {
                    self.set_property(&item, name, value.clone(), span)?;
                }
                Ok(())
            }
            _ => {
                let class = type_of(recv).name();
                // A String's properties are its getters (`bytes`, `chars`, `empty`); any other
                // name is no property at all.
                let readonly = matches!(recv, Value::Str(_))
                    && matches!(name, "bytes" | "chars" | "empty" | "class");
                let msg = if readonly {
                    format!("Cannot set readonly property: {name} for class: {class}")
                } else {
                    format!("No such property: {name} for class: {class}")
                };
                let exc = if readonly {
                    "groovy.lang.ReadOnlyPropertyException"
                } else {
                    "groovy.lang.MissingPropertyException"
                };
                throw(exc, msg).map_err(|e: Signal<'a>| e.at(span))
            }
        }
    }

    /// Assigns to whatever an assignment's left side names.
    pub(super) fn assign_to(
        &self,
        target: &'a ast::Expr,
        value: Value<'a>,
        env: &Env<'a>,
    ) -> Result<(), Signal<'a>> {
        match &target.kind {
            ExprKind::Ident(name) => self.assign_name(name, value, env, target.span),
            ExprKind::Property {
                object,
                name,
                access,
            } => {
                let recv = if matches!(object.kind, ExprKind::This) {
                    env.this.clone()
                } else {
                    self.eval(object, env)?
                };
                let n = self.member_name(name, env)?;
                if *access == ast::Access::Safe && recv.is_null() {
                    return Ok(());
                }
                if matches!(object.kind, ExprKind::This) {
                    if let Value::Object(o) = &recv {
                        if let Type::User(class) = &o.class {
                            if class.find_field(&n).is_some() && *access != ast::Access::Attribute {
                                let setter = format!("set{}", capitalize(&n));
                                if class.find_methods(&setter).is_empty() {
                                    o.fields.lock().insert(n, value);
                                    return Ok(());
                                }
                            }
                        }
                    }
                }
                if *access == ast::Access::Attribute {
                    if let Value::Object(o) = &recv {
                        o.fields.lock().insert(n, value);
                        return Ok(());
                    }
                }
                self.set_property(&recv, &n, value, target.span)
            }
            ExprKind::Index { object, index } => {
                let recv = self.eval(object, env)?;
                let idx = if let [ast::Arg::Positional(e)] = index.as_slice() {
                    self.eval(e, env)?
                } else {
                    let mut items = Vec::new();
                    for a in index {
                        if let ast::Arg::Positional(e) = a {
                            items.push(self.eval(e, env)?);
                        }
                    }
                    crate::eval::value::ListObj::array_list(items)
                };
                self.put_at(&recv, idx, value)
                    .map_err(|e| e.at(target.span))
            }
            ExprKind::Paren(inner) => self.assign_to(inner, value, env),
            _ => throw(
                "java.lang.IllegalArgumentException",
                "cannot assign to this expression",
            ),
        }
    }

    /// `recv[index]`.
    pub fn get_at(&self, recv: &Value<'a>, index: &Value<'a>) -> Eval<'a> {
        if recv.is_null() {
            return throw(
                "java.lang.NullPointerException",
                "Cannot invoke method getAt() on null object",
            );
        }
        if let Value::Object(o) = recv {
            if matches!(o.class, Type::User(_)) && !self.responds_to(recv, "getAt") {
                let n = self.to_s(index)?;
                return self.get_property(recv, &n, Span::default());
            }
        }
        match crate::eval::gdk::call(self, recv, "getAt", std::slice::from_ref(index))? {
            Some(v) => Ok(v),
            None => Err(self.missing_method(
                &type_of(recv).name(),
                "getAt",
                std::slice::from_ref(index),
            )),
        }
    }

    /// `recv[index] = value`.
    pub fn put_at(
        &self,
        recv: &Value<'a>,
        index: Value<'a>,
        value: Value<'a>,
    ) -> Result<(), Signal<'a>> {
        if recv.is_null() {
            return throw(
                "java.lang.NullPointerException",
                "Cannot invoke method putAt() on null object",
            );
        }
        if let Value::Object(o) = recv {
            if let Type::User(_) = &o.class {
                if self.responds_to(recv, "putAt") {
                    self.invoke_method(recv, "putAt", vec![index, value], Span::default())?;
                    return Ok(());
                }
                let n = self.to_s(&index)?;
                return self.set_property(recv, &n, value, Span::default());
            }
        }
        match crate::eval::gdk::call(self, recv, "putAt", &[index.clone(), value])? {
            Some(_) => Ok(()),
            None => Err(self.missing_method(&type_of(recv).name(), "putAt", &[index])),
        }
    }
}
