//! Classes of the script and their objects: defining the classes, `new`, constructors, enums,
//! static initialisation.

use std::sync::Arc;

use indexmap::IndexMap;

use super::interp::{Env, Interp};
use crate::eval::classes::{self, ClassDef};
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::scope::Scope;
use crate::eval::types::{Type, type_of};
use crate::eval::value::{Object, Value};
use crate::syntax::ast::{self, ClassKind, ExprKind, StmtKind};
use crate::syntax::visit;

/// The classes the scripts define (nested ones as `Outer$Inner`, in a package as
/// `com.acme.Thing`), superclasses resolved across the files.
pub(super) fn define_classes<'a>(
    scripts: &[&'a ast::Script],
) -> IndexMap<String, Arc<ClassDef<'a>>> {
    let mut decls: IndexMap<String, &'a ast::ClassDecl> = IndexMap::new();
    fn collect<'a>(
        stmts: &'a [ast::Stmt],
        prefix: &str,
        package: &str,
        out: &mut IndexMap<String, &'a ast::ClassDecl>,
    ) {
        for s in stmts {
            if let StmtKind::Class(c) = &s.kind {
                let name = if prefix.is_empty() {
                    format!("{package}{}", c.name.name)
                } else {
                    format!("{prefix}${}", c.name.name)
                };
                out.insert(name.clone(), c);
                collect(&c.members, &name, package, out);
            }
        }
    }
    for script in scripts {
        let package = script
            .package
            .as_ref()
            .map_or_else(String::new, |p| format!("{}.", p.name));
        collect(&script.statements, "", &package, &mut decls);
    }

    let mut built: IndexMap<String, Arc<ClassDef<'a>>> = IndexMap::new();
    fn build_one<'a>(
        name: &str,
        decls: &IndexMap<String, &'a ast::ClassDecl>,
        built: &mut IndexMap<String, Arc<ClassDef<'a>>>,
        depth: usize,
    ) -> Option<Arc<ClassDef<'a>>> {
        if let Some(c) = built.get(name) {
            return Some(c.clone());
        }
        let decl = *decls.get(name)?;
        if depth > 50 {
            return None;
        }
        let mut parents: IndexMap<String, Arc<ClassDef<'a>>> = IndexMap::new();
        for t in decl.extends.iter().chain(&decl.implements) {
            let key = decls.keys().find(|k| names_class(k, &t.name)).cloned();
            if let Some(k) = key {
                if let Some(p) = build_one(&k, decls, built, depth + 1) {
                    parents.insert(t.name.clone(), p);
                }
            }
        }
        let resolve = |n: &str| parents.get(n).map(|c| Type::User(c.clone()));
        let class = Arc::new(classes::build(decl, name.to_owned(), &resolve));
        built.insert(name.to_owned(), class.clone());
        Some(class)
    }
    let names: Vec<String> = decls.keys().cloned().collect();
    for n in &names {
        build_one(n, &decls, &mut built, 0);
    }
    // Simple names for nested classes too.
    let mut out = IndexMap::new();
    for (k, v) in built {
        out.insert(k, v);
    }
    out
}

/// Whether `written` (a simple, nested or full name) names the class called `full`.
pub(super) fn names_class(full: &str, written: &str) -> bool {
    full == written
        || full.replace('$', ".") == written
        || full.rsplit(['$', '.']).next() == Some(written)
}

/// Closure class names, `Script$_run_closure1`, by the closure's AST address: closures in the
/// script body are `_run_closureN`, in a method `_name_closureN` (one count per class), and a
/// closure inside another is named after it, `$_closureN`.
pub(super) fn closure_names(script: &ast::Script, class: &str) -> IndexMap<usize, Arc<str>> {
    struct Namer<'n> {
        names: &'n mut IndexMap<usize, Arc<str>>,
        stack: Vec<(String, usize)>,
        class: String,
        method: String,
        counter: &'n mut usize,
    }
    impl visit::Visitor for Namer<'_> {
        fn visit_expr(&mut self, e: &ast::Expr) {
            if let ExprKind::Closure(c) = &e.kind {
                let name = if let Some((parent, count)) = self.stack.last_mut() {
                    *count += 1;
                    format!("{parent}$_closure{count}")
                } else {
                    *self.counter += 1;
                    format!("{}$_{}_closure{}", self.class, self.method, self.counter)
                };
                self.names
                    .insert(std::ptr::from_ref(c) as usize, Arc::from(name.as_str()));
                self.stack.push((name, 0));
                visit::walk_expr(self, e);
                self.stack.pop();
                return;
            }
            visit::walk_expr(self, e);
        }
    }
    let mut names = IndexMap::new();
    let mut counter = 0;
    for stmt in &script.statements {
        let method = match &stmt.kind {
            StmtKind::Method(m) => m.name.name.clone(),
            StmtKind::Class(_) => continue,
            _ => "run".to_owned(),
        };
        let mut namer = Namer {
            names: &mut names,
            stack: Vec::new(),
            class: class.to_owned(),
            method,
            counter: &mut counter,
        };
        visit::walk_stmt(&mut namer, stmt);
    }
    names
}

/// A `'static` name for an array's element class.
#[must_use]
pub fn static_name(name: &str) -> &'static str {
    match name {
        "int" => "int",
        "long" => "long",
        "double" => "double",
        "float" => "float",
        "boolean" => "boolean",
        "char" => "char",
        "byte" => "byte",
        "short" => "short",
        "String" | "java.lang.String" => "java.lang.String",
        "Integer" => "java.lang.Integer",
        "Long" => "java.lang.Long",
        "Double" => "java.lang.Double",
        "Boolean" => "java.lang.Boolean",
        "Map" => "java.util.Map",
        "List" => "java.util.List",
        _ => "java.lang.Object",
    }
}

impl<'a> Interp<'a> {
    /// `new T(args)`.
    pub(super) fn new_instance(
        &self,
        ty: &ast::TypeRef,
        args: Vec<Value<'a>>,
        _env: &Env<'a>,
    ) -> Eval<'a> {
        match self.resolve_type(ty) {
            Some(Type::User(c)) => self.construct(&c, args),
            Some(Type::Builtin(b)) => crate::eval::gdk::construct(self, b.name, args),
            _ => crate::eval::gdk::construct(self, &ty.name, args),
        }
    }

    /// Creates an instance of a script class.
    pub fn construct(&self, c: &Arc<ClassDef<'a>>, args: Vec<Value<'a>>) -> Eval<'a> {
        self.ensure_static_init(c)?;
        if c.is_interface() {
            return throw(
                "org.codehaus.groovy.runtime.metaclass.MethodSelectionException",
                format!("Could not instantiate interface {}", c.name),
            );
        }
        let obj = Object::new(Type::User(c.clone()), IndexMap::new());
        let Value::Object(o) = &obj else {
            return Ok(obj);
        };
        if o.class.is_throwable() {
            let mut f = o.fields.lock();
            f.insert("message".into(), Value::Null);
            f.insert("cause".into(), Value::Null);
        }
        // Field initialisers, superclass first.
        let mut chain = Vec::new();
        let mut current = Some(c.clone());
        while let Some(k) = current {
            current = match &k.superclass {
                Type::User(p) => Some(p.clone()),
                _ => None,
            };
            chain.push(k);
        }
        for k in chain.iter().rev() {
            let env = Env {
                scope: Scope::root(),
                this: obj.clone(),
                class: k.clone(),
                closure: None,
                is_static: false,
            };
            for f in &k.fields {
                if f.is_static {
                    continue;
                }
                let v = match f.init {
                    Some(e) => self.eval(e, &env)?,
                    None => super::ops::default_value(f.ty),
                };
                let v = self.coerce_declared(v, f.ty, e_span(f.init))?;
                o.fields.lock().insert(f.name.to_owned(), v);
            }
        }
        self.run_constructor(c, &obj, args)?;
        Ok(obj)
    }

    fn run_constructor(
        &self,
        c: &Arc<ClassDef<'a>>,
        obj: &Value<'a>,
        args: Vec<Value<'a>>,
    ) -> Result<(), Signal<'a>> {
        if c.constructors.is_empty() {
            if args.is_empty() {
                return self.implicit_super(c, obj, Vec::new());
            }
            if let Some(named) = Self::named_args(&args) {
                self.implicit_super(c, obj, Vec::new())?;
                for (k, v) in named {
                    // @Immutable's map constructor sets what no setter may.
                    if let (true, Some((owner, i)), Value::Object(o)) =
                        (c.has_annotation("Immutable"), c.find_field(&k), obj)
                    {
                        let v = self.coerce_declared(
                            v,
                            owner.fields[i].ty,
                            crate::source::Span::default(),
                        )?;
                        o.fields.lock().insert(k, v);
                        continue;
                    }
                    self.set_property(obj, &k, v, crate::source::Span::default())?;
                }
                return Ok(());
            }
            if c.has_annotation("TupleConstructor")
                || c.has_annotation("Canonical")
                || c.has_annotation("Immutable")
            {
                let props: Vec<&str> = c
                    .fields
                    .iter()
                    .filter(|f| !f.is_static && f.is_property)
                    .map(|f| f.name)
                    .collect();
                if args.len() <= props.len() {
                    if let Value::Object(o) = obj {
                        for (p, v) in props.iter().zip(args) {
                            o.fields.lock().insert((*p).to_owned(), v);
                        }
                    }
                    return Ok(());
                }
            }
            return Err(self.no_constructor(c, &args));
        }
        let candidates: Vec<_> = c.constructors.iter().map(|m| (c.clone(), *m)).collect();
        let Some((_, decl, bound)) = self.select_overload(&candidates, &args) else {
            if let Some(named) = Self::named_args(&args) {
                if c.constructors.iter().any(|m| m.params.is_empty()) {
                    self.run_constructor_decl(
                        c,
                        obj,
                        c.constructors.iter().find(|m| m.params.is_empty()).copied(),
                        Vec::new(),
                    )?;
                    for (k, v) in named {
                        self.set_property(obj, &k, v, crate::source::Span::default())?;
                    }
                    return Ok(());
                }
            }
            return Err(self.no_constructor(c, &args));
        };
        self.run_constructor_decl(c, obj, Some(decl), bound)
    }

    fn run_constructor_decl(
        &self,
        c: &Arc<ClassDef<'a>>,
        obj: &Value<'a>,
        decl: Option<&'a ast::MethodDecl>,
        bound: Vec<Value<'a>>,
    ) -> Result<(), Signal<'a>> {
        let Some(decl) = decl else {
            return Ok(());
        };
        let env = Env {
            scope: Scope::root(),
            this: obj.clone(),
            class: c.clone(),
            closure: None,
            is_static: false,
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
            return Ok(());
        };
        let mut stmts: &'a [ast::Stmt] = &body.statements;
        // An explicit `super(...)` or `this(...)` first.
        let mut called_super = false;
        if let Some(first) = stmts.first() {
            if let StmtKind::Expr(e) = &first.kind {
                if let ExprKind::Call(call) = &e.kind {
                    let target = match &call.callee {
                        ast::Callee::Name(n) if n.name == "super" || n.name == "this" => {
                            Some(n.name == "super")
                        }
                        ast::Callee::Expr(e) => match e.kind {
                            ExprKind::Super => Some(true),
                            ExprKind::This => Some(false),
                            _ => None,
                        },
                        _ => None,
                    };
                    if let Some(is_super) = target {
                        let args = self.eval_args(&call.args, &env)?;
                        if is_super {
                            self.implicit_super(c, obj, args)?;
                        } else {
                            self.run_constructor(c, obj, args)?;
                        }
                        called_super = true;
                        stmts = &stmts[1..];
                    }
                }
            }
        }
        if !called_super {
            self.implicit_super(c, obj, Vec::new())?;
        }
        match self.exec_block(stmts, &env) {
            Ok(_) | Err(Signal::Return(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Runs the superclass's constructor with `args` (Throwable's sets message and cause).
    fn implicit_super(
        &self,
        c: &Arc<ClassDef<'a>>,
        obj: &Value<'a>,
        args: Vec<Value<'a>>,
    ) -> Result<(), Signal<'a>> {
        match &c.superclass {
            Type::User(p) => {
                if args.is_empty() && p.constructors.is_empty() {
                    return Ok(());
                }
                self.run_constructor(p, obj, args)
            }
            Type::Builtin(b) if c.superclass.is_throwable() => {
                let _ = b;
                if let Value::Object(o) = obj {
                    let mut f = o.fields.lock();
                    match args.as_slice() {
                        [] => {}
                        [Value::Object(cause)] if cause.class.is_throwable() => {
                            f.insert(
                                "message".into(),
                                Value::str(crate::eval::text::throwable_text(&args[0])),
                            );
                            f.insert("cause".into(), args[0].clone());
                        }
                        [m] => {
                            f.insert(
                                "message".into(),
                                if m.is_null() {
                                    Value::Null
                                } else {
                                    Value::str(crate::eval::text::display(m))
                                },
                            );
                        }
                        [m, cause, ..] => {
                            f.insert(
                                "message".into(),
                                if m.is_null() {
                                    Value::Null
                                } else {
                                    Value::str(crate::eval::text::display(m))
                                },
                            );
                            f.insert("cause".into(), cause.clone());
                        }
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn no_constructor(&self, c: &Arc<ClassDef<'a>>, args: &[Value<'a>]) -> Signal<'a> {
        let types: Vec<String> = args.iter().map(|a| type_of(a).name()).collect();
        Signal::Throw(
            crate::eval::error::exception(
                "groovy.lang.GroovyRuntimeException",
                Some(format!(
                    "Could not find matching constructor for: {}({})",
                    c.name,
                    types.join(", ")
                )),
            ),
            None,
        )
    }

    /// Initialises a class's static fields (and enum constants) on first use.
    pub fn ensure_static_init(&self, c: &Arc<ClassDef<'a>>) -> Result<(), Signal<'a>> {
        {
            let mut done = c.initialised.lock();
            if *done {
                return Ok(());
            }
            *done = true;
        }
        let env = Env {
            scope: Scope::root(),
            this: Value::Class(Type::User(c.clone())),
            class: c.clone(),
            closure: None,
            is_static: true,
        };
        if c.kind == ClassKind::Enum {
            if let Some(decl) = c.decl {
                let mut values = Vec::new();
                for (i, constant) in decl.enum_constants.iter().enumerate() {
                    let args = match &constant.args {
                        Some(a) => self.eval_args(a, &env)?,
                        None => Vec::new(),
                    };
                    let obj = Object::new(Type::User(c.clone()), IndexMap::new());
                    if let Value::Object(o) = &obj {
                        let mut f = o.fields.lock();
                        f.insert("name".into(), Value::str(constant.name.name.as_str()));
                        f.insert("ordinal".into(), Value::Int(i as i32));
                    }
                    let inst_env = Env {
                        this: obj.clone(),
                        is_static: false,
                        ..env.clone()
                    };
                    for f in &c.fields {
                        if f.is_static {
                            continue;
                        }
                        let v = match f.init {
                            Some(e) => self.eval(e, &inst_env)?,
                            None => super::ops::default_value(f.ty),
                        };
                        if let Value::Object(o) = &obj {
                            o.fields.lock().insert(f.name.to_owned(), v);
                        }
                    }
                    if !c.constructors.is_empty() || !args.is_empty() {
                        let candidates: Vec<_> =
                            c.constructors.iter().map(|m| (c.clone(), *m)).collect();
                        if let Some((_, d, bound)) = self.select_overload(&candidates, &args) {
                            self.run_constructor_decl(c, &obj, Some(d), bound)?;
                        }
                    }
                    c.statics
                        .lock()
                        .insert(constant.name.name.clone(), obj.clone());
                    values.push(obj);
                }
                *c.enum_values.lock() = values;
            }
        }
        for f in &c.fields {
            if !f.is_static {
                continue;
            }
            let v = match f.init {
                Some(e) => self.eval(e, &env)?,
                None => super::ops::default_value(f.ty),
            };
            let v = self.coerce_declared(v, f.ty, e_span(f.init))?;
            c.statics.lock().insert(f.name.to_owned(), v);
        }
        Ok(())
    }

    /// `Enum.valueOf(name)`.
    pub fn enum_value_of(&self, c: &Arc<ClassDef<'a>>, name: &str) -> Eval<'a> {
        self.ensure_static_init(c)?;
        for v in c.enum_values.lock().iter() {
            if let Value::Object(o) = v {
                if matches!(o.field("name"), Some(Value::Str(s)) if &*s == name) {
                    return Ok(v.clone());
                }
            }
        }
        throw(
            "java.lang.IllegalArgumentException",
            format!("No enum constant {}.{name}", c.name.replace('$', ".")),
        )
    }

    /// Static methods every script class has (`values()`, `valueOf()` on enums).
    pub(super) fn class_builtin(
        &self,
        c: &Arc<ClassDef<'a>>,
        name: &str,
        args: &[Value<'a>],
    ) -> Result<Option<Value<'a>>, Signal<'a>> {
        if c.kind == ClassKind::Enum {
            match (name, args) {
                ("values", []) => {
                    self.ensure_static_init(c)?;
                    let values = c.enum_values.lock().clone();
                    return Ok(Some(crate::eval::value::ListObj::of_kind(
                        crate::eval::value::ListKind::Array("java.lang.Object"),
                        values,
                    )));
                }
                ("valueOf", [v]) => {
                    let s = self.to_s(v)?;
                    return self.enum_value_of(c, &s).map(Some);
                }
                _ => {}
            }
        }
        if name == "newInstance" {
            return self.construct(c, args.to_vec()).map(Some);
        }
        Ok(None)
    }
}

fn e_span(e: Option<&ast::Expr>) -> crate::source::Span {
    e.map(|e| e.span).unwrap_or_default()
}
