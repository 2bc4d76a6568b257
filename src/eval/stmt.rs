//! Statements: declarations, `if`, loops with labels, `switch` with fall-through, `try` /
//! `catch` / `finally`, `throw`, `return`, `break`, `continue`, `assert`. Control flow travels
//! as [`Signal`] values, never as Rust panics.

use super::error::{Eval, Signal, throw};
use super::interp::{Env, Interp, MAX_LOOP_ITERATIONS};
use super::value::Value;
use crate::syntax::ast::{self, Stmt, StmtKind};

impl<'a> Interp<'a> {
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
                        None => super::ops::default_value(v.ty.as_ref()),
                    };
                    let value = self.coerce_declared(value, v.ty.as_ref(), d.name.span)?;
                    env.scope
                        .declare_typed(&d.name.name, value.clone(), v.ty.as_ref());
                    last = value;
                }
                Ok(last)
            }
            StmtKind::MultiDecl(m) => {
                let value = self.eval(&m.init, env)?;
                let items = self
                    .destructure(&value, m.vars.len())
                    .map_err(|e| e.at(m.init.span))?;
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
                    self.check_interrupt()?;
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
                    self.check_interrupt()?;
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
    pub(super) fn destructure(
        &self,
        value: &Value<'a>,
        n: usize,
    ) -> Result<Vec<Value<'a>>, Signal<'a>> {
        // Groovy reads each target with `getAt(i)`: null past a list's end, an error past an
        // array's.
        let items = match value {
            Value::List(l) => {
                let items = l.snapshot();
                if matches!(l.kind, super::value::ListKind::Array(_)) && n > items.len() {
                    return throw(
                        "java.lang.ArrayIndexOutOfBoundsException",
                        format!(
                            "Index {} out of bounds for length {}",
                            items.len(),
                            items.len()
                        ),
                    );
                }
                items
            }
            Value::Range(r) => super::gdk::range::elements(r).unwrap_or_default(),
            Value::Null => Vec::new(),
            other => vec![other.clone()],
        };
        Ok((0..n)
            .map(|i| items.get(i).cloned().unwrap_or(Value::Null))
            .collect())
    }
}
