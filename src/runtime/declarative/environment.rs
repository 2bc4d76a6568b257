//! `environment { }`: variables set in order (each may use the ones before it), for the whole
//! pipeline or one stage; `credentials('id')` binds a credential as Jenkins does (`X`, and for
//! a username/password also `X_USR` and `X_PSW`), its secrets masked.

use super::Run;
use crate::eval::error::{Eval, Signal, exception};
use crate::pipeline::model;
use crate::runtime::credentials::bind::{self, SecretFiles};
use crate::runtime::{context, describable};

/// Runs `body` with the section's variables set.
pub fn with_environment<'a>(
    run: &Run<'_, '_, 'a>,
    env: Option<&model::Environment<'a>>,
    body: impl FnOnce() -> Eval<'a>,
) -> Eval<'a> {
    let Some(env) = env else { return body() };
    let saved = context::current();
    let mut temp_files = SecretFiles::new(run.c.b.tmp_dir());
    let set = (|| -> Result<(), Signal<'a>> {
        for (key, value) in in_dependency_order(&env.vars) {
            let name = key.name.clone();
            match value {
                model::EnvValue::Value(v) => {
                    let v = context::scoped(
                        |ctx| ctx.in_environment_value = true,
                        || describable::value(run.c.i, &run.scope, v),
                    )
                    .map_err(|e| variable_failed(e, &name))?;
                    let text = if v.is_null() {
                        "null".to_owned()
                    } else {
                        run.c.i.to_s(&v)?
                    };
                    context::scoped_set(|ctx| {
                        ctx.env.insert(name, Some(text));
                    });
                }
                model::EnvValue::Credentials { args, span } => {
                    let id = match args.first() {
                        Some(v) => run.c.i.to_s(&describable::value(run.c.i, &run.scope, v)?)?,
                        None => String::new(),
                    };
                    let Some(cred) = run.c.b.credentials.get(&id) else {
                        return Err(Signal::Throw(
                            exception(
                                "hudson.AbortException",
                                Some(run.c.b.credentials.missing(&id)),
                            ),
                            Some(*span),
                        ));
                    };
                    let bound =
                        bind::environment(&name, &id, cred, &mut temp_files).map_err(|e| {
                            Signal::Throw(
                                exception("java.io.IOException", Some(e.to_string())),
                                Some(*span),
                            )
                        })?;
                    for s in cred.secrets().iter().chain(&bound.secrets) {
                        run.c.b.log.masker.add(s);
                    }
                    context::scoped_set(|ctx| {
                        for (k, v) in bound.vars {
                            ctx.env.insert(k, Some(v));
                        }
                    });
                }
            }
        }
        Ok(())
    })();
    let r = match set {
        Ok(()) => body(),
        Err(e) => Err(e),
    };
    context::set(saved);
    drop(temp_files);
    r
}

/// A null dereference while computing a value fails as the plugin reports it, naming the
/// variable.
fn variable_failed<'a>(e: Signal<'a>, name: &str) -> Signal<'a> {
    match e {
        Signal::Throw(exc, span)
            if crate::eval::error::class_name(&exc) == "java.lang.NullPointerException" =>
        {
            Signal::Throw(
                exception(
                    "java.lang.IllegalArgumentException",
                    Some(format!(
                        "One or more variables have some issues with their values: {name}"
                    )),
                ),
                span,
            )
        }
        e => e,
    }
}

/// The section's entries ordered so that each comes after the entries it reads (Jenkins
/// resolves `IMAGE = "${env.NAME}:${TAG}"` even when `TAG` is written further down); otherwise
/// in the order written.
fn in_dependency_order<'v, 'a>(
    vars: &'v [(model::Key, model::EnvValue<'a>)],
) -> Vec<&'v (model::Key, model::EnvValue<'a>)> {
    use crate::syntax::ast::{Expr, ExprKind, Member};
    use crate::syntax::visit::{Visitor, walk_expr};
    struct Names(Vec<String>);
    impl Visitor for Names {
        fn visit_expr(&mut self, e: &Expr) {
            match &e.kind {
                ExprKind::Ident(n) => self.0.push(n.clone()),
                ExprKind::Property {
                    object,
                    name: Member::Name(n),
                    ..
                } if matches!(&object.kind, ExprKind::Ident(o) if o == "env") => {
                    self.0.push(n.name.clone());
                }
                _ => {}
            }
            walk_expr(self, e);
        }
    }
    let reads: Vec<Vec<usize>> = vars
        .iter()
        .enumerate()
        .map(|(i, (_, v))| {
            let mut names = Names(Vec::new());
            if let model::EnvValue::Value(v) = v {
                if let Some(e) = v.expr {
                    names.visit_expr(e);
                }
            }
            vars.iter()
                .enumerate()
                .filter(|(j, (k, _))| *j != i && names.0.contains(&k.name))
                .map(|(j, _)| j)
                .collect()
        })
        .collect();
    let mut done = vec![false; vars.len()];
    let mut out = Vec::with_capacity(vars.len());
    while out.len() < vars.len() {
        // The first entry whose dependencies are all set; on a cycle, the first one left.
        let next = (0..vars.len())
            .find(|&i| !done[i] && reads[i].iter().all(|&j| done[j]))
            .or_else(|| (0..vars.len()).find(|&i| !done[i]));
        let Some(i) = next else { break };
        done[i] = true;
        out.push(&vars[i]);
    }
    out
}
