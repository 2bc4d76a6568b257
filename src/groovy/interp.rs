//! The evaluator: walks the AST of a script, statement by statement.
//!
//! Expressions are in [`expr`], calls and method lookup in [`call`], operators in [`ops`],
//! properties and indexing in [`property`], classes and objects in [`object`].

mod assertion;
mod call;
mod expr;
mod object;
mod ops;
mod property;

use std::io::Write;
use std::sync::Arc;

use indexmap::IndexMap;
use parking_lot::Mutex;

pub use call::Args;

use super::classes::{self, ClassDef};
use super::error::{Eval, Signal, throw};
use super::scope::Scope;
use super::types::Type;
use super::value::{Closure, Object, Value};
use crate::syntax::ast::{self, Stmt, StmtKind};

/// Stack left (bytes) below which a call fails with StackOverflowError, as the JVM does when
/// its thread stack runs out.
const STACK_RESERVE: usize = 512 * 1024;

/// Size of the stack a script runs on.
pub const SCRIPT_STACK: usize = 256 * 1024 * 1024;

/// Iterations after which a loop is stopped (a runaway loop must not hang jfrun forever).
pub const MAX_LOOP_ITERATIONS: u64 = 2_000_000_000;

/// Where evaluation stands: local variables, `this`, the class whose code runs, the closure
/// being run.
#[derive(Clone)]
pub struct Env<'a> {
    /// Local variables.
    pub scope: Scope<'a>,
    /// `this`: the script object, an instance, or the class in static code.
    pub this: Value<'a>,
    /// The class whose code this is.
    pub class: Arc<ClassDef<'a>>,
    /// The innermost closure being run.
    pub closure: Option<Arc<Closure<'a>>>,
    /// Whether this is static code.
    pub is_static: bool,
}

/// Where a script's output goes.
pub type Output<'a> = Box<dyn Write + Send + 'a>;

/// A Groovy interpreter for one script.
pub struct Interp<'a> {
    /// The script's class (`WorkflowScript`).
    pub script_class: Arc<ClassDef<'a>>,
    /// The script object.
    pub script: Value<'a>,
    /// The script's binding: variables assigned without `def`.
    pub binding: Mutex<IndexMap<String, Value<'a>>>,
    /// Classes defined in the script, by name.
    pub classes: IndexMap<String, Arc<ClassDef<'a>>>,
    /// Standard output.
    pub out: Mutex<Output<'a>>,
    /// Closure class names by AST address.
    closure_names: IndexMap<usize, Arc<str>>,
    /// The script's AST.
    ast: &'a ast::Script,
}

impl<'a> Interp<'a> {
    /// Prepares `script` to run as class `class_name`, printing to `out`.
    #[must_use]
    pub fn new(script: &'a ast::Script, class_name: &str, out: Output<'a>) -> Self {
        let script_class = Arc::new(classes::script_class(class_name, script));
        let classes = object::define_classes(script, class_name);
        let this = Object::new(Type::User(script_class.clone()), IndexMap::new());
        let closure_names = object::closure_names(script, class_name);
        Interp {
            script_class,
            script: this,
            binding: Mutex::new(IndexMap::new()),
            classes,
            out: Mutex::new(out),
            closure_names,
            ast: script,
        }
    }

    /// Runs the script body.
    pub fn run(&self) -> Eval<'a> {
        let env = Env {
            scope: Scope::root(),
            this: self.script.clone(),
            class: self.script_class.clone(),
            closure: None,
            is_static: false,
        };
        // @Field initialisers run first, in order.
        let ast = self.ast;
        for stmt in &ast.statements {
            if let StmtKind::VarDecl(v) = &stmt.kind {
                if v.modifiers
                    .annotations
                    .iter()
                    .any(|a| a.name.name.ends_with("Field"))
                {
                    for d in &v.declarators {
                        let value = match &d.init {
                            Some(e) => self.eval(e, &env)?,
                            None => ops::default_value(v.ty.as_ref()),
                        };
                        let value = self.coerce_declared(value, v.ty.as_ref(), stmt.span)?;
                        if let Value::Object(o) = &self.script {
                            o.fields.lock().insert(d.name.name.clone(), value);
                        }
                    }
                }
            }
        }
        match self.exec_block(&ast.statements, &env) {
            Ok(v) | Err(Signal::Return(v)) => Ok(v),
            Err(Signal::Break(_) | Signal::Continue(_)) => Ok(Value::Null),
            Err(e) => Err(e),
        }
    }

    /// Writes text to the script's standard output.
    pub fn print(&self, text: &str) {
        let mut out = self.out.lock();
        let _ = out.write_all(text.as_bytes());
    }

    /// Flushes standard output.
    pub fn flush(&self) {
        let _ = self.out.lock().flush();
    }

    /// Fails with StackOverflowError when the stack is nearly used up.
    pub fn check_stack(&self) -> Result<(), Signal<'a>> {
        match stacker::remaining_stack() {
            Some(left) if left < STACK_RESERVE => throw("java.lang.StackOverflowError", ""),
            _ => Ok(()),
        }
    }

    /// Runs statements in order; the value is the last statement's (Groovy's implicit return).
    pub fn exec_block(&self, stmts: &'a [Stmt], env: &Env<'a>) -> Eval<'a> {
        let mut last = Value::Null;
        for stmt in stmts {
            last = self.exec(stmt, env)?;
        }
        Ok(last)
    }

    fn exec_scoped(&self, stmts: &'a [Stmt], env: &Env<'a>) -> Eval<'a> {
        let inner = Env {
            scope: env.scope.child(),
            ..env.clone()
        };
        self.exec_block(stmts, &inner)
    }

    fn exec_body(&self, stmt: &'a Stmt, env: &Env<'a>) -> Eval<'a> {
        match &stmt.kind {
            StmtKind::Block(b) => self.exec_scoped(&b.statements, env),
            _ => self.exec(stmt, env),
        }
    }

    /// Runs one statement.
    pub fn exec(&self, stmt: &'a Stmt, env: &Env<'a>) -> Eval<'a> {
        match &stmt.kind {
            StmtKind::Expr(e) => self.eval(e, env),
            StmtKind::VarDecl(v) => {
                if v.modifiers
                    .annotations
                    .iter()
                    .any(|a| a.name.name.ends_with("Field"))
                    && env.closure.is_none()
                    && env.class.decl.is_none()
                {
                    return Ok(Value::Null);
                }
                let mut last = Value::Null;
                for d in &v.declarators {
                    let value = match &d.init {
                        Some(e) => self.eval(e, env)?,
                        None => ops::default_value(v.ty.as_ref()),
                    };
                    let value = self.coerce_declared(value, v.ty.as_ref(), d.name.span)?;
                    env.scope.declare(&d.name.name, value.clone());
                    last = value;
                }
                Ok(last)
            }
            StmtKind::MultiDecl(m) => {
                let value = self.eval(&m.init, env)?;
                let items = self.destructure(&value, m.vars.len());
                for ((ty, name), item) in m.vars.iter().zip(items) {
                    let item = self.coerce_declared(item, ty.as_ref(), name.span)?;
                    env.scope.declare(&name.name, item);
                }
                Ok(value)
            }
            StmtKind::Method(_) | StmtKind::Class(_) | StmtKind::Import(_) | StmtKind::Empty => {
                Ok(Value::Null)
            }
            StmtKind::If {
                cond,
                then,
                otherwise,
            } => {
                let c = self.eval(cond, env)?;
                if self.truth(&c).map_err(|e| e.at(cond.span))? {
                    self.exec_body(then, env)
                } else if let Some(o) = otherwise {
                    self.exec_body(o, env)
                } else {
                    Ok(Value::Null)
                }
            }
            StmtKind::Block(b) => self.exec_scoped(&b.statements, env),
            StmtKind::Labelled { label, body } => match &body.kind {
                StmtKind::ForIn { .. } | StmtKind::For { .. } | StmtKind::While { .. } => {
                    self.exec_loop(body, Some(&label.name), env)
                }
                _ => match self.exec(body, env) {
                    Err(Signal::Break(Some(l))) if l == label.name => Ok(Value::Null),
                    other => other,
                },
            },
            StmtKind::ForIn { .. } | StmtKind::For { .. } | StmtKind::While { .. } => {
                self.exec_loop(stmt, None, env)
            }
            StmtKind::Switch { subject, cases } => self.exec_switch(subject, cases, env),
            StmtKind::Try {
                body,
                catches,
                finally,
            } => self.exec_try(body, catches, finally.as_ref(), env),
            StmtKind::Throw(e) => {
                let v = self.eval(e, env)?;
                if v.is_null() {
                    return throw("java.lang.NullPointerException", "Cannot throw null")
                        .map_err(|s: Signal<'a>| s.at(stmt.span));
                }
                let Value::Object(o) = &v else {
                    return throw(
                        "org.codehaus.groovy.runtime.typehandling.GroovyCastException",
                        format!(
                            "Cannot cast object '{}' with class '{}' to class 'java.lang.Throwable'",
                            self.to_s(&v)?,
                            super::types::type_of(&v).name()
                        ),
                    );
                };
                if !o.class.is_throwable() {
                    return throw(
                        "org.codehaus.groovy.runtime.typehandling.GroovyCastException",
                        format!(
                            "Cannot cast object '{}' with class '{}' to class 'java.lang.Throwable'",
                            self.to_s(&v)?,
                            o.class.name()
                        ),
                    );
                }
                Err(Signal::Throw(v, Some(stmt.span)))
            }
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e, env)?,
                    None => Value::Null,
                };
                Err(Signal::Return(v))
            }
            StmtKind::Break(label) => Err(Signal::Break(label.as_ref().map(|l| l.name.as_str()))),
            StmtKind::Continue(label) => {
                Err(Signal::Continue(label.as_ref().map(|l| l.name.as_str())))
            }
            StmtKind::Assert { cond, message } => {
                let v = self.eval(cond, env)?;
                if self.truth(&v)? {
                    return Ok(Value::Null);
                }
                self.assertion_failed(cond, message.as_ref(), env)
                    .map_err(|s| s.at(stmt.span))
            }
        }
    }

    fn exec_loop(&self, stmt: &'a Stmt, label: Option<&str>, env: &Env<'a>) -> Eval<'a> {
        // Ok(true): go on; Ok(false): stop the loop.
        let handle = |r: Eval<'a>| -> Result<bool, Signal<'a>> {
            match r {
                Ok(_) => Ok(true),
                Err(Signal::Break(None)) => Ok(false),
                Err(Signal::Continue(None)) => Ok(true),
                Err(Signal::Break(Some(l))) if Some(l) == label => Ok(false),
                Err(Signal::Continue(Some(l))) if Some(l) == label => Ok(true),
                Err(e) => Err(e),
            }
        };
        match &stmt.kind {
            StmtKind::ForIn {
                ty,
                var,
                iterable,
                body,
            } => {
                let source = self.eval(iterable, env)?;
                let loop_env = Env {
                    scope: env.scope.child(),
                    ..env.clone()
                };
                loop_env.scope.declare(&var.name, Value::Null);
                let mut iter = self.iterate(&source).map_err(|e| e.at(iterable.span))?;
                while let Some(item) = iter.next(self)? {
                    let item = self.coerce_declared(item, ty.as_ref(), var.span)?;
                    loop_env.scope.declare(&var.name, item);
                    if !handle(self.exec_body(body, &loop_env))? {
                        break;
                    }
                }
                Ok(Value::Null)
            }
            StmtKind::For {
                init,
                cond,
                update,
                body,
            } => {
                let loop_env = Env {
                    scope: env.scope.child(),
                    ..env.clone()
                };
                for s in init {
                    self.exec(s, &loop_env)?;
                }
                let mut count = 0u64;
                loop {
                    if let Some(c) = cond {
                        let v = self.eval(c, &loop_env)?;
                        if !self.truth(&v)? {
                            break;
                        }
                    }
                    count += 1;
                    if count > MAX_LOOP_ITERATIONS {
                        return throw("java.lang.InterruptedException", "loop ran too long");
                    }
                    if !handle(self.exec_body(body, &loop_env))? {
                        break;
                    }
                    for u in update {
                        self.eval(u, &loop_env)?;
                    }
                }
                Ok(Value::Null)
            }
            StmtKind::While { cond, body } => {
                let mut count = 0u64;
                loop {
                    let v = self.eval(cond, env)?;
                    if !self.truth(&v)? {
                        break;
                    }
                    count += 1;
                    if count > MAX_LOOP_ITERATIONS {
                        return throw("java.lang.InterruptedException", "loop ran too long");
                    }
                    if !handle(self.exec_body(body, env))? {
                        break;
                    }
                }
                Ok(Value::Null)
            }
            _ => self.exec(stmt, env),
        }
    }

    fn exec_switch(
        &self,
        subject: &'a ast::Expr,
        cases: &'a [ast::SwitchCase],
        env: &Env<'a>,
    ) -> Eval<'a> {
        let value = self.eval(subject, env)?;
        let mut start = None;
        'find: for (i, case) in cases.iter().enumerate() {
            for label in case.labels.iter().flatten() {
                let l = self.eval(label, env)?;
                if self.is_case(&l, &value).map_err(|e| e.at(label.span))? {
                    start = Some(i);
                    break 'find;
                }
            }
        }
        if start.is_none() {
            start = cases
                .iter()
                .position(|c| c.labels.iter().any(Option::is_none));
        }
        let Some(start) = start else {
            return Ok(Value::Null);
        };
        let inner = Env {
            scope: env.scope.child(),
            ..env.clone()
        };
        let mut last = Value::Null;
        for case in &cases[start..] {
            match self.exec_block(&case.body, &inner) {
                Ok(v) => last = v,
                Err(Signal::Break(None)) => return Ok(last),
                Err(e) => return Err(e),
            }
        }
        Ok(last)
    }

    fn exec_try(
        &self,
        body: &'a ast::Block,
        catches: &'a [ast::Catch],
        finally: Option<&'a ast::Block>,
        env: &Env<'a>,
    ) -> Eval<'a> {
        let mut result = self.exec_scoped(&body.statements, env);
        if let Err(Signal::Throw(exc, span)) = result {
            let mut handled = None;
            for c in catches {
                let matches = if c.types.is_empty() {
                    super::types::is_instance(&exc, "java.lang.Exception")
                } else {
                    c.types.iter().any(|t| self.value_is_type(&exc, t))
                };
                if matches {
                    handled = Some(c);
                    break;
                }
            }
            result = match handled {
                Some(c) => {
                    let inner = Env {
                        scope: env.scope.child(),
                        ..env.clone()
                    };
                    inner.scope.declare(&c.var.name, exc);
                    self.exec_block(&c.body.statements, &inner)
                }
                None => Err(Signal::Throw(exc, span)),
            };
        }
        if let Some(f) = finally {
            self.exec_scoped(&f.statements, env)?;
        }
        result
    }

    /// Values for `def (a, b) = value`: list elements, missing ones null.
    fn destructure(&self, value: &Value<'a>, n: usize) -> Vec<Value<'a>> {
        let items = match value {
            Value::List(l) => l.snapshot(),
            Value::Range(r) => super::methods::range::elements(r).unwrap_or_default(),
            Value::Null => Vec::new(),
            other => vec![other.clone()],
        };
        (0..n)
            .map(|i| items.get(i).cloned().unwrap_or(Value::Null))
            .collect()
    }

    /// The class written in a type reference, if it names one.
    #[must_use]
    pub fn resolve_type(&self, t: &ast::TypeRef) -> Option<Type<'a>> {
        if t.dims > 0 {
            return Some(Type::Array(object::static_name(&t.name)));
        }
        let name = t.name.as_str();
        if let Some((_, b)) = super::types::PRIMITIVES.iter().find(|(p, _)| *p == name) {
            let _ = b;
            return Some(Type::Primitive(
                super::types::PRIMITIVES
                    .iter()
                    .find(|(p, _)| *p == name)
                    .map_or("int", |(p, _)| p),
            ));
        }
        self.class_by_name(name)
    }

    /// A class by the name a script writes.
    #[must_use]
    pub fn class_by_name(&self, name: &str) -> Option<Type<'a>> {
        if let Some(c) = self.classes.get(name) {
            return Some(Type::User(c.clone()));
        }
        if let Some(c) = self
            .classes
            .values()
            .find(|c| c.name.replace('$', ".") == name || c.name.rsplit('$').next() == Some(name))
        {
            return Some(Type::User(c.clone()));
        }
        super::types::builtin_by_source_name(name).map(Type::Builtin)
    }

    /// Whether `value` is of the type written.
    pub fn value_is_type(&self, value: &Value<'a>, t: &ast::TypeRef) -> bool {
        match self.resolve_type(t) {
            Some(Type::Primitive(p)) => {
                let boxed = super::types::PRIMITIVES
                    .iter()
                    .find(|(n, _)| *n == p)
                    .map_or("", |(_, b)| b);
                super::types::is_instance(value, boxed)
            }
            Some(ty) => {
                let name = ty.name();
                super::types::is_instance(value, &name)
            }
            None => false,
        }
    }
}
