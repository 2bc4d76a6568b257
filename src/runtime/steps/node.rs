//! Structure steps: `pipeline { }` (handed to the declarative runner), `node`, `ws`, `stage`
//! and `parallel`.

use std::sync::Arc;

use parking_lot::Mutex;

use super::{Call, StepArgs};
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::value::Value;
use crate::runtime::build::Build;
use crate::runtime::{context, declarative, interrupt, stages};

/// The stack of a parallel branch's thread (the evaluator recurses deeply).
const BRANCH_STACK: usize = 64 * 1024 * 1024;

/// `pipeline { ... }`: runs the declarative pipeline.
pub fn pipeline<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("pipeline", None, args)?;
    let body = a.body()?;
    declarative::run(c, &body)?;
    Ok(Value::Null)
}

/// `node('label') { ... }`: a pod of the `podTemplate` of that label, else a workspace on the
/// host (every other label is the host).
pub fn node<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("node", Some("label"), args)?;
    let body = a.body()?;
    let label = a.string(c.i, "label")?;
    let template = label.as_deref().and_then(|l| {
        context::with(|ctx| {
            ctx.pod_templates
                .iter()
                .rev()
                .find(|(t, _)| t == l)
                .map(|(_, agent)| agent.clone())
        })
    });
    if let Some(agent) = template {
        return crate::runtime::executor::kubernetes::agent::run_on_pod(
            c.b,
            &agent,
            Some(c.span),
            &mut |_| c.i.call_value(&body, Vec::new(), c.span),
        );
    }
    on_new_node(c.b, &mut || c.i.call_value(&body, Vec::new(), c.span))
}

/// Runs `body` on a node of its own: the build's workspace, as `node { }` allocates it.
pub fn on_new_node<'a>(b: &Build<'_>, body: &mut dyn FnMut() -> Eval<'a>) -> Eval<'a> {
    let ws = b.workspace.clone();
    std::fs::create_dir_all(&ws).or_else(|e| throw("java.io.IOException", e.to_string()))?;
    b.log
        .line(&format!("Running on built-in in {}", ws.display()));
    context::scoped(
        |ctx| {
            ctx.cwd = ws;
            ctx.on_node = true;
        },
        body,
    )
}

/// `ws('path') { ... }`: another workspace folder.
pub fn ws<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("ws", Some("dir"), args)?;
    let body = a.body()?;
    let dir = super::files::resolve(&a.required(c.i, "dir")?);
    std::fs::create_dir_all(&dir).or_else(|e| throw("java.io.IOException", e.to_string()))?;
    context::scoped(
        |ctx| ctx.cwd = dir,
        || c.i.call_value(&body, Vec::new(), c.span),
    )
}

/// Scripted `stage('Build') { ... }`.
pub fn stage<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("stage", Some("name"), args)?;
    let name = a.required(c.i, "name")?;
    let Some(body) = a.body.clone() else {
        // The old form `stage 'Build'` only names what follows.
        c.b.log.note(&format!("Stage: {name}"));
        return Ok(Value::Null);
    };
    stages::run_stage(c, &name, || c.i.call_value(&body, Vec::new(), c.span))
}

/// `parallel a: { }, b: { }, failFast: true` (or a map of branches): each branch on its own
/// thread; with failFast the first failure interrupts the others.
pub fn parallel<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("parallel", None, args)?;
    let mut fail_fast = false;
    let mut branches = Vec::new();
    for (k, v) in &a.named {
        if k == "failFast" {
            fail_fast = c.i.truth(v)?;
        } else {
            branches.push((k.clone(), v.clone()));
        }
    }
    if let Some(Value::Map(m)) = a.positional.first() {
        for (k, v) in m.snapshot() {
            let k = c.i.to_s(&k)?;
            if k == "failFast" {
                fail_fast = c.i.truth(&v)?;
            } else {
                branches.push((k, v));
            }
        }
    }
    let fns: Vec<(String, Box<dyn Fn() -> Eval<'a> + Send + Sync + '_>)> = branches
        .into_iter()
        .map(|(name, body)| {
            let f: Box<dyn Fn() -> Eval<'a> + Send + Sync + '_> =
                Box::new(move || c.i.call_value(&body, Vec::new(), c.span));
            (name, f)
        })
        .collect();
    run_branches(c, fns, fail_fast)
}

/// Runs named branches concurrently; the first failure (in time) is rethrown after all end.
pub fn run_branches<'a>(
    c: &Call<'_, 'a>,
    branches: Vec<(String, Box<dyn Fn() -> Eval<'a> + Send + Sync + '_>)>,
    fail_fast: bool,
) -> Eval<'a> {
    let parent = context::current();
    let token = parent.cancel.child_token();
    let first: Mutex<Option<(String, Signal<'a>)>> = Mutex::new(None);
    let reason = Arc::new(Mutex::new(None));
    std::thread::scope(|s| {
        for (name, run) in &branches {
            let mut ctx = parent.clone();
            ctx.branch = Some(name.clone());
            ctx.cancel = token.clone();
            ctx.cancel_reason = reason.clone();
            let first = &first;
            let token = &token;
            let reason = &reason;
            let spawned = std::thread::Builder::new()
                .name(format!("branch {name}"))
                .stack_size(BRANCH_STACK)
                .spawn_scoped(s, move || {
                    let mut ctx = ctx;
                    ctx.status = c.b.log.branch_started(name);
                    let status = ctx.status.clone();
                    context::set(ctx);
                    c.b.log.note(&format!("[Pipeline] {{ (Branch: {name})"));
                    c.b.log.activity(None);
                    let r = run();
                    c.b.log.branch_finished(status.as_ref());
                    if let Err(e @ Signal::Throw(..)) = r {
                        let mut f = first.lock();
                        if f.is_none() {
                            *f = Some((name.clone(), e));
                            if fail_fast {
                                *reason.lock() = Some(format!("{}{name}", interrupt::FAIL_FAST));
                                token.cancel();
                            }
                        }
                    }
                });
            if let Err(e) = spawned {
                c.b.log.error(&format!("cannot start branch {name}: {e}"));
            }
        }
    });
    match first.into_inner() {
        Some((name, Signal::Throw(exc, at))) => {
            if !interrupt::is_interruption(&exc) {
                c.b.log.line(&format!("Failed in branch {name}"));
            }
            Err(Signal::Throw(exc, at))
        }
        Some((_, other)) => Err(other),
        None => Ok(Value::Null),
    }
}

/// `getContext(hudson.FilePath)`: the current folder on the node, or null when no node is
/// allocated (how Jenkinsfiles ask whether they run on an agent). Other context objects are
/// Jenkins' model, which jfrun does not have.
pub fn get_context<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let class = match args.first() {
        Some(Value::Class(t)) => t.name(),
        Some(v) => c.i.to_s(v)?,
        None => String::new(),
    };
    match class.as_str() {
        "hudson.FilePath" => Ok(context::with(|ctx| {
            if ctx.on_node {
                Value::str(ctx.cwd.display().to_string())
            } else {
                Value::Null
            }
        })),
        other => crate::eval::error::throw(
            "java.lang.UnsupportedOperationException",
            format!(
                "getContext({other}): jfrun has no Jenkins model objects; only getContext(hudson.FilePath) is available"
            ),
        ),
    }
}
