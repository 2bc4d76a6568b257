//! Calls: evaluating arguments, finding what a name calls (a local closure, a method of the
//! script or class, the closure's owner or delegate, a built-in), choosing among overloads,
//! and running methods and closures.

use std::sync::Arc;

use indexmap::IndexMap;

use super::interp::{Env, Interp};
use crate::eval::classes::{self, ClassDef};
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::number;
use crate::eval::scope::Scope;
use crate::eval::types::{Type, is_instance, type_of};
use crate::eval::value::{Closure, ClosureBody, ListKind, ListObj, MapObj, Value};
use crate::source::Span;
use crate::syntax::ast::{self, Callee, ExprKind, MethodDecl};

/// Evaluated call arguments.
pub type Args<'a> = Vec<Value<'a>>;

impl<'a> Interp<'a> {
    /// Evaluates call arguments: named ones gathered into a map passed first, spread lists
    /// expanded, trailing closures last.
    pub(crate) fn eval_args(
        &self,
        args: &'a ast::Args,
        env: &Env<'a>,
    ) -> Result<Args<'a>, Signal<'a>> {
        let mut positional = Vec::with_capacity(args.items.len() + args.closures.len());
        let mut named: Option<Vec<(Value<'a>, Value<'a>)>> = None;
        for a in &args.items {
            match a {
                ast::Arg::Positional(e) => {
                    if let ExprKind::Spread(inner) = &e.kind {
                        let v = self.eval(inner, env)?;
                        positional.extend(self.to_list(&v)?);
                    } else {
                        positional.push(self.eval(e, env)?);
                    }
                }
                ast::Arg::Named { key, value } => {
                    let k = self.map_key(key, env)?;
                    let v = self.eval(value, env)?;
                    named.get_or_insert_with(Vec::new).push((k, v));
                }
                ast::Arg::SpreadMap(e) => {
                    if let Value::Map(m) = self.eval(e, env)? {
                        named.get_or_insert_with(Vec::new).extend(m.snapshot());
                    }
                }
            }
        }
        for c in &args.closures {
            positional.push(self.make_closure(c, env));
        }
        if let Some(named) = named {
            positional.insert(0, MapObj::linked(named));
        }
        Ok(positional)
    }

    pub(super) fn eval_call(&self, call: &'a ast::Call, env: &Env<'a>, span: Span) -> Eval<'a> {
        match &call.callee {
            Callee::Name(ident) => {
                let args = self.eval_args(&call.args, env)?;
                self.call_function(&ident.name, args, env, span)
            }
            Callee::Method {
                object,
                name,
                access,
            } => {
                if matches!(object.kind, ExprKind::Super) {
                    let n = self.member_name(name, env)?;
                    let args = self.eval_args(&call.args, env)?;
                    return self.call_super(&n, args, env, span);
                }
                let recv = self.eval(object, env)?;
                let n = self.member_name(name, env)?;
                if *access == ast::Access::Safe
                    && recv.is_null()
                    && self.host.as_ref().is_none_or(|h| h.safe_calls())
                {
                    return Ok(Value::Null);
                }
                let args = self.eval_args(&call.args, env)?;
                let n = if n == "remove" && Self::cast_to_object(&call.args) {
                    // Groovy picks `remove(Object)` over `remove(int)` for `(Object) 30`.
                    "removeElement".to_owned()
                } else {
                    n
                };
                if *access == ast::Access::Spread {
                    if recv.is_null() {
                        return Ok(Value::Null);
                    }
                    let mut out = Vec::new();
                    for item in self.to_list(&recv)? {
                        out.push(if item.is_null() {
                            Value::Null
                        } else {
                            self.invoke_method(&item, &n, args.clone(), span)?
                        });
                    }
                    return Ok(ListObj::array_list(out));
                }
                self.invoke_method(&recv, &n, args, span)
            }
            Callee::Expr(e) => {
                let v = self.eval(e, env)?;
                let args = self.eval_args(&call.args, env)?;
                self.call_value(&v, args, span)
            }
        }
    }

    /// Whether the only argument is cast to a class (`(Object) 30`, `(Integer) k`): Groovy
    /// then chooses the method by that class rather than the primitive.
    fn cast_to_object(args: &ast::Args) -> bool {
        match (args.items.as_slice(), args.closures.is_empty()) {
            ([ast::Arg::Positional(e)], true) => matches!(
                &e.kind,
                ExprKind::Cast { ty, .. } if ty.dims == 0 && !crate::eval::types::PRIMITIVES.iter().any(|(p, _)| *p == ty.name)
            ),
            _ => false,
        }
    }

    /// Calls a value: a closure, or anything with a `call` method.
    pub fn call_value(&self, v: &Value<'a>, args: Args<'a>, span: Span) -> Eval<'a> {
        match v {
            Value::Closure(c) => self.call_closure(c, args).map_err(|e| e.at(span)),
            Value::Null => throw(
                "java.lang.NullPointerException",
                "Cannot invoke method call() on null object",
            )
            .map_err(|e: Signal<'a>| e.at(span)),
            _ => self.invoke_method(v, "call", args, span),
        }
    }

    /// Calls `name(args)` written without a receiver.
    pub fn call_function(&self, name: &str, args: Args<'a>, env: &Env<'a>, span: Span) -> Eval<'a> {
        self.check_stack().map_err(|e| e.at(span))?;
        if let Some(v) = env.scope.get(name) {
            return self.call_value(&v, args, span);
        }
        if let Some(c) = &env.closure {
            if let Some(r) = self.closure_call(c, name, &args, span)? {
                return Ok(r);
            }
        } else if let Some(r) =
            self.this_call(&env.this, &env.class, env.is_static, name, &args, span)?
        {
            return Ok(r);
        }
        if let Some((class, member)) = self.static_import(name) {
            return self.invoke_method(&Value::Class(class), &member, args, span);
        }
        if let Some(r) = crate::eval::gdk::global(self, name, &args)? {
            return Ok(r);
        }
        if let Some(r) = self.global_call(name, &args, span)? {
            return Ok(r);
        }
        if let Some(host) = &self.host {
            if let Some(r) = host.call(self, name, args.clone(), span)? {
                return Ok(r);
            }
        }
        let this_name = if env.is_static {
            format!("static {}", env.class.name)
        } else {
            type_of(&env.this).name()
        };
        Err(self.missing_method(&this_name, name, &args).at(span))
    }

    /// Resolves a call inside a closure through its owner and delegate.
    fn closure_call(
        &self,
        c: &Arc<Closure<'a>>,
        name: &str,
        args: &Args<'a>,
        span: Span,
    ) -> Result<Option<Value<'a>>, Signal<'a>> {
        for target in &c.resolution_order() {
            if let Some(r) = self.try_call_on(target, name, args, span)? {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// Calls `name` on an owner or delegate when it has such a method.
    fn try_call_on(
        &self,
        target: &Value<'a>,
        name: &str,
        args: &Args<'a>,
        span: Span,
    ) -> Result<Option<Value<'a>>, Signal<'a>> {
        match target {
            Value::Null => Ok(None),
            Value::Closure(c) => match &c.body {
                ClosureBody::Code { .. } => self.closure_call(c, name, args, span),
                _ => Ok(None),
            },
            Value::Object(o) => {
                if let Type::User(class) = &o.class {
                    if let Some(r) = self.this_call(target, class, false, name, args, span)? {
                        return Ok(Some(r));
                    }
                    if class.is_script() {
                        return Ok(None);
                    }
                    if let Some(r) =
                        crate::eval::gdk::object_builtin(self, target, name, args, false)?
                    {
                        return Ok(Some(r));
                    }
                }
                crate::eval::gdk::call(self, target, name, args)
            }
            Value::Map(m) => {
                if let Some(Value::Closure(c)) = m.get(&Value::str(name)) {
                    return self.call_closure(&c, args.clone()).map(Some);
                }
                crate::eval::gdk::call(self, target, name, args)
            }
            _ => crate::eval::gdk::call(self, target, name, args),
        }
    }

    /// Calls a method of `this` (script or instance) or a closure held in a field/binding.
    fn this_call(
        &self,
        this: &Value<'a>,
        class: &Arc<ClassDef<'a>>,
        is_static: bool,
        name: &str,
        args: &Args<'a>,
        span: Span,
    ) -> Result<Option<Value<'a>>, Signal<'a>> {
        // Instance methods dispatch on the object's own class (an override in a subclass wins).
        let runtime_class = match this {
            Value::Object(o) if !is_static => match &o.class {
                Type::User(c) if !Arc::ptr_eq(c, class) => Some(c),
                _ => None,
            },
            _ => None,
        };
        let candidates = runtime_class.unwrap_or(class).find_methods(name);
        if !candidates.is_empty() {
            let static_only = is_static || matches!(this, Value::Class(_));
            let usable: Vec<_> = candidates
                .iter()
                .filter(|(_, m)| !static_only || classes::is_static(&m.modifiers))
                .cloned()
                .collect();
            if let Some((owner_class, decl, bound)) = self.select_overload(&usable, args) {
                let this = if static_only || classes::is_static(&decl.modifiers) {
                    Value::Class(Type::User(owner_class.clone()))
                } else {
                    this.clone()
                };
                return self
                    .run_method(this, owner_class, decl, bound, span)
                    .map(Some);
            }
            if usable.iter().all(|(c, _)| c.is_script()) || !usable.is_empty() {
                let who = if static_only {
                    format!("static {}", class.name)
                } else {
                    type_of(this).name()
                };
                return Err(self.missing_method(&who, name, args).at(span));
            }
        }
        // A closure in a field or the binding.
        if class.is_script() {
            let held = self
                .binding
                .lock()
                .get(name)
                .cloned()
                .or_else(|| this.as_object().and_then(|o| o.field(name)));
            if let Some(v @ Value::Closure(_)) = held {
                return self.call_value(&v, args.clone(), span).map(Some);
            }
            if let Some(r) = crate::eval::gdk::script_method(self, name, args)? {
                return Ok(Some(r));
            }
        } else if let Some(o) = this.as_object() {
            if let Some(v @ Value::Closure(_)) = o.field(name) {
                return self.call_value(&v, args.clone(), span).map(Some);
            }
            if !class.find_methods("methodMissing").is_empty() {
                return self.invoke_method(this, name, args.clone(), span).map(Some);
            }
            if self.responds_to(this, name) {
                return self.invoke_method(this, name, args.clone(), span).map(Some);
            }
        } else if let Value::Class(Type::User(c)) = this {
            if let Some(v @ Value::Closure(_)) = c.statics.lock().get(name).cloned() {
                return self.call_value(&v, args.clone(), span).map(Some);
            }
        }
        Ok(None)
    }

    /// Groovy's MissingMethodException for `who.name(args)`.
    pub fn missing_method(&self, who: &str, name: &str, args: &[Value<'a>]) -> Signal<'a> {
        let types: Vec<String> = args
            .iter()
            .map(|a| {
                if a.is_null() {
                    "null".to_owned()
                } else {
                    type_of(a).name()
                }
            })
            .collect();
        let values: Vec<String> = args
            .iter()
            .map(|a| self.to_s(a).unwrap_or_default())
            .collect();
        Signal::Throw(
            crate::eval::error::exception(
                "groovy.lang.MissingMethodException",
                Some(format!(
                    "No signature of method: {who}.{name}() is applicable for argument types: ({}) values: [{}]",
                    types.join(", "),
                    values.join(", ")
                )),
            ),
            None,
        )
    }

    fn call_super(&self, name: &str, args: Args<'a>, env: &Env<'a>, span: Span) -> Eval<'a> {
        let parent = env.class.superclass.clone();
        if let Type::User(p) = &parent {
            if name == "<init>" {
                return Ok(Value::Null);
            }
            let candidates = p.find_methods(name);
            if let Some((owner, decl, bound)) = self.select_overload(&candidates, &args) {
                return self.run_method(env.this.clone(), owner, decl, bound, span);
            }
        }
        // Built-in superclass methods (toString, equals, getMessage...).
        crate::eval::gdk::object_builtin(self, &env.this, name, &args, true)?.map_or_else(
            || Err(self.missing_method(&parent.name(), name, &args).at(span)),
            Ok,
        )
    }

    /// Chooses the overload that fits the arguments best and binds them to its parameters.
    pub(crate) fn select_overload(
        &self,
        candidates: &[(Arc<ClassDef<'a>>, &'a MethodDecl)],
        args: &[Value<'a>],
    ) -> Option<(Arc<ClassDef<'a>>, &'a MethodDecl, Vec<Value<'a>>)> {
        let mut best: Option<(u32, usize)> = None;
        for (i, (_, m)) in candidates.iter().enumerate() {
            if let Some(score) = self.fit(&m.params, args) {
                if best.is_none_or(|(s, _)| score < s) {
                    best = Some((score, i));
                }
            }
        }
        let (_, i) = best?;
        let (class, decl) = candidates[i].clone();
        let bound = self.bind_params(&decl.params, args);
        Some((class, decl, bound))
    }

    /// How well arguments fit parameters (lower is better), `None` when they do not.
    pub(crate) fn fit(&self, params: &'a [ast::Param], args: &[Value<'a>]) -> Option<u32> {
        let varargs = has_varargs(params);
        let required = params.iter().filter(|p| p.default.is_none()).count()
            - usize::from(varargs && params.last().is_some_and(|p| p.default.is_none()));
        let fixed = if varargs {
            params.len() - 1
        } else {
            params.len()
        };
        if args.len() < required {
            return None;
        }
        if !varargs && args.len() > params.len() {
            return None;
        }
        let mut score = 0;
        // Parameters that receive arguments: the required ones plus as many defaulted ones as
        // there are extra arguments, left to right.
        let mut extra = args.len().saturating_sub(required);
        let mut arg_i = 0;
        for p in &params[..fixed] {
            if p.default.is_some() {
                if extra == 0 {
                    continue;
                }
                extra -= 1;
            }
            let a = args.get(arg_i)?;
            score += self.param_distance(p.ty.as_ref(), a)?;
            arg_i += 1;
        }
        if varargs {
            let p = &params[fixed];
            let rest = &args[arg_i.min(args.len())..];
            if rest.len() == 1 && passes_array(&rest[0]) {
                score += 1;
            } else {
                let elem = p.ty.as_ref().map(|t| ast::TypeRef {
                    dims: if p.varargs { t.dims } else { t.dims - 1 },
                    ..t.clone()
                });
                for a in rest {
                    score += self.param_distance(elem.as_ref(), a)? + 1;
                }
            }
            score += 5;
        } else if arg_i != args.len() {
            return None;
        }
        Some(score)
    }

    /// How far an argument is from a parameter type; `None` when it cannot be passed.
    fn param_distance(&self, ty: Option<&ast::TypeRef>, a: &Value<'a>) -> Option<u32> {
        let Some(ty) = ty else {
            return Some(20);
        };
        let name = ty.name.as_str();
        if ty.dims > 0 {
            return match a {
                Value::Null => Some(5),
                Value::List(_) => Some(5),
                _ => None,
            };
        }
        match name {
            "def" | "Object" | "java.lang.Object" => return Some(20),
            "int" | "Integer" | "short" | "byte" => {
                return match a {
                    Value::Int(_) => Some(0),
                    Value::Short(_) | Value::Byte(_) | Value::Char(_) => Some(2),
                    Value::Null if name == "Integer" => Some(5),
                    _ => None,
                };
            }
            "long" | "Long" => {
                return match a {
                    Value::Long(_) => Some(0),
                    Value::Int(_) | Value::Short(_) | Value::Byte(_) => Some(2),
                    Value::Null if name == "Long" => Some(5),
                    _ => None,
                };
            }
            "double" | "Double" | "float" | "Float" => {
                return match a {
                    Value::Double(_) => Some(0),
                    Value::Float(_) => Some(1),
                    Value::Null if name.starts_with(char::is_uppercase) => Some(5),
                    _ if number::is_number(a) => Some(3),
                    _ => None,
                };
            }
            "boolean" | "Boolean" => {
                return match a {
                    Value::Bool(_) => Some(0),
                    Value::Null if name == "Boolean" => Some(5),
                    _ => None,
                };
            }
            "char" | "Character" => {
                return match a {
                    Value::Char(_) => Some(0),
                    Value::Str(s) if s.chars().count() == 1 => Some(3),
                    _ => None,
                };
            }
            "String" | "java.lang.String" => {
                return match a {
                    Value::Str(_) => Some(0),
                    Value::GString(_) => Some(1),
                    Value::Null => Some(5),
                    _ => None,
                };
            }
            _ => {}
        }
        if a.is_null() {
            return Some(10);
        }
        let t = self.resolve_type(ty)?;
        let class = t.name();
        if is_instance(a, &class) {
            return Some(if type_of(a).name() == class { 0 } else { 4 });
        }
        // A closure passes for a single-method interface.
        if matches!(a, Value::Closure(_)) && matches!(&t, Type::Builtin(b) if b.parent.is_none()) {
            return Some(8);
        }
        if matches!(a, Value::Closure(_)) && matches!(&t, Type::User(c) if c.is_interface()) {
            return Some(8);
        }
        // GString to String-like, List to array...
        if class == "java.lang.CharSequence" && matches!(a, Value::GString(_)) {
            return Some(2);
        }
        None
    }

    /// Arguments in parameter order: defaults left out, varargs gathered into an array.
    fn bind_params(&self, params: &'a [ast::Param], args: &[Value<'a>]) -> Vec<Value<'a>> {
        let varargs = has_varargs(params);
        let required = params.iter().filter(|p| p.default.is_none()).count()
            - usize::from(varargs && params.last().is_some_and(|p| p.default.is_none()));
        let fixed = if varargs {
            params.len() - 1
        } else {
            params.len()
        };
        let mut extra = args.len().saturating_sub(required);
        let mut out = Vec::new();
        let mut arg_i = 0;
        for p in &params[..fixed] {
            if p.default.is_some() {
                if extra == 0 {
                    out.push(Value::Class(Type::Primitive("void")));
                    continue;
                }
                extra -= 1;
            }
            out.push(self.coerce_param(p.ty.as_ref(), args[arg_i].clone()));
            arg_i += 1;
        }
        if varargs {
            let rest = &args[arg_i.min(args.len())..];
            if rest.len() == 1 && passes_array(&rest[0]) {
                out.push(rest[0].clone());
            } else {
                let elem = params[fixed]
                    .ty
                    .as_ref()
                    .map_or("java.lang.Object", |t| super::object::static_name(&t.name));
                out.push(ListObj::of_kind(ListKind::Array(elem), rest.to_vec()));
            }
        }
        out
    }

    /// Converts an argument to the declared parameter type (GString to String, int to long...).
    fn coerce_param(&self, ty: Option<&ast::TypeRef>, v: Value<'a>) -> Value<'a> {
        let Some(ty) = ty else {
            return v;
        };
        match (ty.name.as_str(), &v) {
            ("String" | "java.lang.String", Value::GString(_)) => {
                Value::str(crate::eval::text::display(&v))
            }
            ("long" | "Long", Value::Int(i)) => Value::Long(i64::from(*i)),
            ("double" | "Double", _) if number::is_number(&v) => {
                Value::Double(number::to_f64(&v).unwrap_or(0.0))
            }
            #[allow(clippy::cast_possible_truncation)]
            ("float" | "Float", _) if number::is_number(&v) => {
                Value::Float(number::to_f64(&v).unwrap_or(0.0) as f32)
            }
            _ => v,
        }
    }

    /// Runs a method with bound arguments (a `void` class marks a parameter whose default
    /// applies).
    pub(crate) fn run_method(
        &self,
        this: Value<'a>,
        class: Arc<ClassDef<'a>>,
        decl: &'a MethodDecl,
        bound: Vec<Value<'a>>,
        span: Span,
    ) -> Eval<'a> {
        self.check_stack().map_err(|e| e.at(span))?;
        let is_static = classes::is_static(&decl.modifiers) || matches!(this, Value::Class(_));
        let env = Env {
            scope: Scope::root(),
            this,
            class,
            closure: None,
            is_static,
        };
        for (p, v) in decl.params.iter().zip(bound) {
            let v = if matches!(v, Value::Class(Type::Primitive("void"))) {
                match &p.default {
                    Some(d) => self.eval(d, &env)?,
                    None => Value::Null,
                }
            } else {
                v
            };
            env.scope.declare(&p.name.name, v);
        }
        let Some(body) = &decl.body else {
            return Ok(Value::Null);
        };
        let result = match self.exec_block(&body.statements, &env) {
            Ok(v) | Err(Signal::Return(v)) => v,
            Err(e) => return Err(e),
        };
        match &decl.return_type {
            Some(t) if t.name == "void" => Ok(Value::Null),
            Some(t) => self.coerce_declared(result, Some(t), decl.name.span),
            None => Ok(result),
        }
    }

    /// Calls a closure with arguments.
    pub fn call_closure(&self, c: &Arc<Closure<'a>>, args: Args<'a>) -> Eval<'a> {
        self.check_stack()?;
        match &c.body {
            ClosureBody::Code {
                ast,
                scope,
                class,
                is_static,
                ..
            } => {
                let env = Env {
                    scope: scope.child(),
                    this: c.this.clone(),
                    class: class.clone(),
                    closure: Some(c.clone()),
                    is_static: *is_static,
                };
                match &ast.params {
                    None => {
                        if args.len() > 1 {
                            return Err(self.missing_method(
                                &crate::eval::closure::class_of(c).name(),
                                "call",
                                &args,
                            ));
                        }
                        env.scope
                            .declare("it", args.into_iter().next().unwrap_or(Value::Null));
                    }
                    Some(params) => {
                        let args = if params.len() > 1 && args.len() == 1 {
                            match &args[0] {
                                // A list is spread over the parameters (an array is not).
                                Value::List(l)
                                    if !matches!(l.kind, ListKind::Array(_))
                                        && self.fit(params, &args).is_none() =>
                                {
                                    l.snapshot()
                                }
                                _ => args,
                            }
                        } else {
                            args
                        };
                        if params.len() == 1 && args.is_empty() && !params[0].varargs {
                            let v = match &params[0].default {
                                Some(d) => self.eval(d, &env)?,
                                None => Value::Null,
                            };
                            env.scope.declare(&params[0].name.name, v);
                        } else {
                            if self.fit(params, &args).is_none() {
                                return Err(self.missing_method(
                                    &crate::eval::closure::class_of(c).name(),
                                    "call",
                                    &args,
                                ));
                            }
                            let bound = self.bind_params(params, &args);
                            for (p, v) in params.iter().zip(bound) {
                                let v = if matches!(v, Value::Class(Type::Primitive("void"))) {
                                    match &p.default {
                                        Some(d) => self.eval(d, &env)?,
                                        None => Value::Null,
                                    }
                                } else {
                                    v
                                };
                                env.scope.declare(&p.name.name, v);
                            }
                        }
                    }
                }
                match self.exec_block(&ast.body, &env) {
                    Ok(v) | Err(Signal::Return(v)) => Ok(v),
                    Err(e) => Err(e),
                }
            }
            ClosureBody::MethodPointer { receiver, name } => {
                if let Value::Object(o) = receiver {
                    if let Type::User(class) = &o.class {
                        if class.is_script() {
                            let env = Env {
                                scope: Scope::root(),
                                this: receiver.clone(),
                                class: class.clone(),
                                closure: None,
                                is_static: false,
                            };
                            return self.call_function(name, args, &env, Span::default());
                        }
                    }
                }
                self.invoke_method(receiver, name, args, Span::default())
            }
            ClosureBody::Composed(first, second) => {
                let mid = self.call_value(first, args, Span::default())?;
                self.call_value(second, vec![mid], Span::default())
            }
            ClosureBody::Curried { inner, at, fixed } => {
                let mut all = args;
                let at = if *at == usize::MAX {
                    all.len()
                } else {
                    (*at).min(all.len())
                };
                for (i, f) in fixed.iter().enumerate() {
                    all.insert(at + i, f.clone());
                }
                self.call_value(inner, all, Span::default())
            }
            ClosureBody::Memoized { inner, cache } => {
                let key = crate::eval::value::Key::List(
                    args.iter().map(crate::eval::value::Key::of).collect(),
                );
                if let Some(v) = cache.lock().get(&key) {
                    return Ok(v.clone());
                }
                let v = self.call_value(inner, args, Span::default())?;
                cache.lock().insert(key, v.clone());
                Ok(v)
            }
            ClosureBody::Native(f) => Ok(f(args)),
        }
    }

    /// Calls `recv.name(args)`.
    pub fn invoke_method(
        &self,
        recv: &Value<'a>,
        name: &str,
        args: Args<'a>,
        span: Span,
    ) -> Eval<'a> {
        match recv {
            Value::Object(o) if o.class.is_interface() => self.call_proxy(o, name, args, span),
            Value::Object(o) => {
                if let Type::User(class) = &o.class {
                    let candidates = class.find_methods(name);
                    if !candidates.is_empty() {
                        if let Some((owner, decl, bound)) = self.select_overload(&candidates, &args)
                        {
                            let this = if classes::is_static(&decl.modifiers) {
                                Value::Class(Type::User(owner.clone()))
                            } else {
                                recv.clone()
                            };
                            return self.run_method(this, owner, decl, bound, span);
                        }
                    }
                    if class.is_script() {
                        if let Some(r) = self.this_call(recv, class, false, name, &args, span)? {
                            return Ok(r);
                        }
                        if let Some(r) = self.global_call(name, &args, span)? {
                            return Ok(r);
                        }
                        if let Some(host) = &self.host {
                            if let Some(r) = host.call(self, name, args.clone(), span)? {
                                return Ok(r);
                            }
                        }
                    } else if let Some(v @ Value::Closure(_)) = o.field(name) {
                        return self.call_value(&v, args, span);
                    }
                }
                if let Some(r) = crate::eval::gdk::object_builtin(self, recv, name, &args, false)? {
                    return Ok(r);
                }
                if let Type::User(class) = &o.class {
                    let mm = class.find_methods("methodMissing");
                    if let Some((owner, decl)) = mm.first() {
                        let bound = vec![
                            Value::str(name),
                            ListObj::of_kind(ListKind::Array("java.lang.Object"), args),
                        ];
                        return self.run_method(recv.clone(), owner.clone(), decl, bound, span);
                    }
                }
                match crate::eval::gdk::call(self, recv, name, &args)? {
                    Some(r) => Ok(r),
                    None => Err(self
                        .missing_method(&type_of(recv).name(), name, &args)
                        .at(span)),
                }
            }
            Value::Class(Type::User(class)) => {
                self.ensure_static_init(class)?;
                let candidates: Vec<_> = class
                    .find_methods(name)
                    .into_iter()
                    .filter(|(_, m)| classes::is_static(&m.modifiers))
                    .collect();
                if let Some((owner, decl, bound)) = self.select_overload(&candidates, &args) {
                    return self.run_method(recv.clone(), owner, decl, bound, span);
                }
                if let Some(v @ Value::Closure(_)) = class.statics.lock().get(name).cloned() {
                    return self.call_value(&v, args, span);
                }
                match self.class_builtin(class, name, &args)? {
                    Some(r) => Ok(r),
                    None => match crate::eval::gdk::call(self, recv, name, &args)? {
                        Some(r) => Ok(r),
                        None => Err(self
                            .missing_method(&format!("static {}", class.name), name, &args)
                            .at(span)),
                    },
                }
            }
            Value::Null => match crate::eval::gdk::null_method(self, name, &args)? {
                Some(r) => Ok(r),
                None => Err(Signal::Throw(
                    crate::eval::error::exception(
                        "java.lang.NullPointerException",
                        Some(format!("Cannot invoke method {name}() on null object")),
                    ),
                    Some(span),
                )),
            },
            // Java's own `List.sort(Comparator)` (sorting in place, returning nothing) wins
            // over Groovy's `sort(Closure)` for a comparator object.
            Value::List(l)
                if name == "sort"
                    && matches!(&args[..], [Value::Object(c)] if c.class.name() == "java.util.Comparator") =>
            {
                let cmp = args[0]
                    .as_object()
                    .and_then(|c| c.field(crate::eval::ops::PROXY_TARGET))
                    .unwrap_or(Value::Null);
                let sorted =
                    crate::eval::gdk::collection::sort_values(self, l.snapshot(), Some(&cmp))?;
                *l.items.lock() = sorted;
                Ok(Value::Null)
            }
            _ => match crate::eval::gdk::call(self, recv, name, &args) {
                Ok(Some(r)) => Ok(r),
                Ok(None) => {
                    // A closure held in a map is called like a method (`m.run()`).
                    if let Value::Map(m) = recv {
                        if let Some(c @ Value::Closure(_)) = m.get(&Value::str(name)) {
                            return self.call_value(&c, args, span);
                        }
                    }
                    let who = match recv {
                        Value::Class(t) => format!("static {}", t.name()),
                        _ => type_of(recv).name(),
                    };
                    Err(self.missing_method(&who, name, &args).at(span))
                }
                Err(e) => Err(e.at(span)),
            },
        }
    }

    /// A method of an interface proxy: its closure called, or the closure its map holds
    /// under the method's name; Object's own methods otherwise.
    fn call_proxy(
        &self,
        o: &Arc<crate::eval::value::Object<'a>>,
        name: &str,
        args: Args<'a>,
        span: Span,
    ) -> Eval<'a> {
        let recv = Value::Object(o.clone());
        let target = o
            .field(crate::eval::ops::PROXY_TARGET)
            .unwrap_or(Value::Null);
        let found = match &target {
            Value::Closure(_)
                if !matches!(name, "toString" | "hashCode" | "equals" | "getClass") =>
            {
                Some(target.clone())
            }
            Value::Map(m) => m.get(&Value::str(name)),
            _ => None,
        };
        if let Some(c) = found {
            return self.call_value(&c, args, span);
        }
        match crate::eval::gdk::call(self, &recv, name, &args)? {
            Some(r) => Ok(r),
            None => Err(self.missing_method(&o.class.name(), name, &args).at(span)),
        }
    }

    /// Whether `recv.name(...)` would find a method (for owner/delegate resolution).
    #[must_use]
    pub fn responds_to(&self, recv: &Value<'a>, name: &str) -> bool {
        if let Value::Object(o) = recv {
            if let Type::User(class) = &o.class {
                if !class.find_methods(name).is_empty() {
                    return true;
                }
            }
        }
        crate::eval::gdk::has_method(recv, name)
    }

    /// A map of named arguments for a constructor or method (`new Foo(a: 1)`).
    #[must_use]
    pub fn named_args(args: &[Value<'a>]) -> Option<IndexMap<String, Value<'a>>> {
        if let [Value::Map(m)] = args {
            let mut out = IndexMap::new();
            for (k, v) in m.snapshot() {
                out.insert(crate::eval::text::display(&k), v);
            }
            return Some(out);
        }
        None
    }
}

/// Whether the last parameter gathers the remaining arguments: `T... xs` or an array `T[] xs`.
fn has_varargs(params: &[ast::Param]) -> bool {
    params
        .last()
        .is_some_and(|p| p.varargs || p.ty.as_ref().is_some_and(|t| t.dims > 0))
}

/// Whether a lone argument for a varargs parameter is passed as the array itself: an array, or
/// null (a null array).
fn passes_array(v: &Value<'_>) -> bool {
    match v {
        Value::Null => true,
        Value::List(l) => matches!(l.kind, ListKind::Array(_)),
        _ => false,
    }
}
