//! Stages: skipping (an earlier failure, `skipStagesAfterUnstable`, `when`), the stage's
//! options, input, agent and environment in Jenkins' order, then its steps, sequential
//! `stages`, `parallel` branches or `matrix`, then its `post`.

use std::time::Instant;

use super::{
    Run, docker_agent, environment, kubernetes_agent, matrix, options, post, run_steps, when,
};
use crate::eval::error::{Eval, Signal, exception};
use crate::eval::value::Value;
use crate::pipeline::model;
use crate::runtime::result::BuildResult;
use crate::runtime::{context, interrupt, stages, workspace};

/// Runs stages in order; after one fails the rest are skipped. The first failure is returned.
pub fn run_stages<'a>(
    run: &Run<'_, '_, 'a>,
    list: &[model::Stage<'a>],
    extra_env: &[(String, String)],
) -> Result<(), Signal<'a>> {
    let mut failed: Option<Signal<'a>> = None;
    for s in list {
        if failed.is_some() {
            skip(run, s, "earlier failure(s)");
            continue;
        }
        if run.flags.skip_after_unstable && run.c.b.current() == BuildResult::Unstable {
            skip(run, s, "earlier stage(s) marking the build as unstable");
            continue;
        }
        if !run.c.b.opts.stages.is_empty() && !selected(run, s) {
            skip(run, s, "--stage selection");
            continue;
        }
        if let Err(e) = one(run, s, extra_env) {
            failed = Some(e);
        }
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Whether `--stage` names this stage or one inside it (or one it is inside).
fn selected(run: &Run<'_, '_, '_>, s: &model::Stage<'_>) -> bool {
    fn names<'s>(s: &'s model::Stage<'_>, out: &mut Vec<&'s str>) {
        out.push(&s.name);
        for list in [&s.stages, &s.parallel].into_iter().flatten() {
            for c in &list.stages {
                names(c, out);
            }
        }
    }
    let mut all = Vec::new();
    names(s, &mut all);
    let within = context::with(|ctx| ctx.stages.iter().any(|p| run.c.b.opts.stages.contains(p)));
    within
        || all
            .iter()
            .any(|n| run.c.b.opts.stages.iter().any(|w| w == n))
}

fn skip<'a>(run: &Run<'_, '_, 'a>, s: &model::Stage<'a>, why: &str) {
    let mut path = context::with(|ctx| ctx.stages.clone());
    path.push(s.name.clone());
    stages::finish(run.c, path.clone(), None, Some(why.to_owned()), 0);
    // As Jenkins does, what the stage holds is skipped too: each parallel branch (or matrix
    // cell) is opened and reported skipped, and so is each nested stage.
    let inside = |branch: Option<&str>, f: &dyn Fn()| {
        context::scoped(
            |ctx| {
                ctx.stages.push(s.name.clone());
                if let Some(b) = branch {
                    ctx.branch = Some(b.to_owned());
                }
            },
            f,
        );
    };
    if let Some(par) = &s.parallel {
        for child in &par.stages {
            inside(Some(&child.name), &|| {
                run.c
                    .b
                    .log
                    .note(&format!("[Pipeline] {{ (Branch: {})", child.name));
                skip(run, child, why);
            });
        }
    } else if let Some(m) = &s.matrix {
        for cell in matrix::cell_labels(run, m) {
            inside(Some(&cell), &|| {
                run.c.b.log.note(&format!("[Pipeline] {{ (Branch: {cell})"));
                let mut cell_path = path.clone();
                cell_path.push(cell.clone());
                stages::finish(run.c, cell_path, None, Some(why.to_owned()), 0);
            });
        }
    } else if let Some(nested) = &s.stages {
        inside(None, &|| {
            for child in &nested.stages {
                skip(run, child, why);
            }
        });
    }
}

/// Runs one stage.
fn one<'a>(
    run: &Run<'_, '_, 'a>,
    s: &model::Stage<'a>,
    extra_env: &[(String, String)],
) -> Result<(), Signal<'a>> {
    let cell = std::sync::Arc::new(parking_lot::Mutex::new(BuildResult::Success));
    let started = Instant::now();
    let mut path = context::with(|ctx| ctx.stages.clone());
    path.push(s.name.clone());
    let when = s.when.as_ref();
    let flag = |f: fn(&model::When<'a>) -> Option<bool>| when.and_then(f).unwrap_or(false);
    let (before_options, before_input, before_agent) = (
        flag(|w| w.before_options),
        flag(|w| w.before_input),
        flag(|w| w.before_agent),
    );
    let mut skipped = false;
    let outcome: Eval<'a> = context::scoped(
        |ctx| {
            ctx.stages.push(s.name.clone());
            ctx.stage_result = Some(cell.clone());
            for (k, v) in extra_env {
                ctx.env.insert(k.clone(), Some(v.clone()));
            }
        },
        || {
            run.c.b.log.note(&format!(
                "{} {}",
                if run.c.b.log.color() { "▶" } else { ">" },
                path.join(" / ")
            ));
            run.c
                .b
                .log
                .event(serde_json::json!({"event": "stage_started", "stage": path}));
            stages::begin(run.c, &path);
            let check_when = |skipped: &mut bool| -> Result<bool, Signal<'a>> {
                if let Some(w) = when {
                    if !when::holds(run, w)? {
                        *skipped = true;
                        return Ok(false);
                    }
                }
                Ok(true)
            };
            if before_options && !check_when(&mut skipped)? {
                return Ok(Value::Null);
            }
            options::wrap(run, s.options.as_ref(), &mut || {
                if before_input && !before_options && !check_when(&mut skipped)? {
                    return Ok(Value::Null);
                }
                if let Some(input) = &s.input {
                    stage_input(run, input)?;
                }
                if before_agent && !before_input && !before_options && !check_when(&mut skipped)? {
                    return Ok(Value::Null);
                }
                let skip_checkout = options::stage_skips_checkout(run.c, s.options.as_ref());
                // With `newContainerPerStage()`, a stage of steps without an agent of its own
                // runs in a new container of the top-level agent's image.
                let agent = s.agent.as_ref().or_else(|| {
                    (run.flags.container_per_stage && !s.branches.is_empty())
                        .then(|| run.c.b.pipeline.and_then(|p| p.agent.as_ref()))
                        .flatten()
                });
                with_agent(run, agent, !skip_checkout, &mut || {
                    environment::with_environment(run, s.environment.as_ref(), || {
                        super::tools::with_tools(run, s.tools.as_ref(), || {
                            if !before_agent
                                && !before_input
                                && !before_options
                                && !check_when(&mut skipped)?
                            {
                                return Ok(Value::Null);
                            }
                            let body = body(run, s);
                            // The build's result comes from the failure when it reaches the
                            // pipeline; until then only the stage has failed.
                            if let Some(r) = body.as_ref().err().and_then(interrupt::result_of) {
                                let mut c = cell.lock();
                                *c = c.combine(r);
                            }
                            let stage_result = *cell.lock();
                            let post = post::run(run, s.post.as_ref(), Some(stage_result));
                            body.and_then(|v| post.map(|()| v))
                        })
                    })
                })
            })
        },
    );
    if skipped {
        stages::finish(run.c, path, None, Some("when conditional".to_owned()), 0);
        return outcome.map(|_| ());
    }
    // Failures before the body (options, input, agent, environment) count too.
    if let Some(r) = outcome.as_ref().err().and_then(interrupt::result_of) {
        let mut c = cell.lock();
        *c = c.combine(r);
    }
    let result = *cell.lock();
    stages::finish(
        run.c,
        path,
        Some(result),
        None,
        started.elapsed().as_millis() as u64,
    );
    outcome.map(|_| ())
}

/// The stage's content.
fn body<'a>(run: &Run<'_, '_, 'a>, s: &model::Stage<'a>) -> Eval<'a> {
    if let Some(m) = &s.matrix {
        return matrix::run(run, s, m);
    }
    if let Some(par) = &s.parallel {
        let fail_fast = s.fail_fast.unwrap_or(run.flags.fail_fast);
        let branches: Vec<(String, Box<dyn Fn() -> Eval<'a> + Send + Sync + '_>)> = par
            .stages
            .iter()
            .map(|child| {
                let f: Box<dyn Fn() -> Eval<'a> + Send + Sync + '_> = Box::new(move || {
                    run_stages(run, std::slice::from_ref(child), &[]).map(|()| Value::Null)
                });
                (child.name.clone(), f)
            })
            .collect();
        return crate::runtime::steps::node::run_branches(run.c, branches, fail_fast);
    }
    if let Some(nested) = &s.stages {
        return run_stages(run, &nested.stages, &[]).map(|()| Value::Null);
    }
    match s.branches.as_slice() {
        [only] if only.name == "default" => run_steps(run, &only.steps).map(|()| Value::Null),
        // `steps { parallel(a: { }, b: { }) }`: the branches run concurrently.
        branches => {
            let fail_fast = s.fail_fast.unwrap_or(run.flags.fail_fast);
            let branches: Vec<(String, Box<dyn Fn() -> Eval<'a> + Send + Sync + '_>)> = branches
                .iter()
                .map(|b| {
                    let f: Box<dyn Fn() -> Eval<'a> + Send + Sync + '_> =
                        Box::new(move || run_steps(run, &b.steps).map(|()| Value::Null));
                    (b.name.clone(), f)
                })
                .collect();
            crate::runtime::steps::node::run_branches(run.c, branches, fail_fast)
        }
    }
}

/// A stage's `input { }`: asks, and sets its parameters as environment variables.
fn stage_input<'a>(run: &Run<'_, '_, 'a>, input: &model::Input<'a>) -> Result<(), Signal<'a>> {
    let mut named = Vec::new();
    for (key, v) in [
        ("message", &input.message),
        ("id", &input.id),
        ("ok", &input.ok),
        ("submitter", &input.submitter),
        ("submitterParameter", &input.submitter_parameter),
    ] {
        if let Some(v) = v {
            named.push((
                Value::str(key),
                crate::runtime::describable::value(run.c.i, &run.scope, v)?,
            ));
        }
    }
    let mut params = Vec::new();
    for p in &input.parameters {
        params.push(crate::runtime::describable::from_model(
            run.c.i, &run.scope, p,
        )?);
    }
    let names: Vec<String> = params
        .iter()
        .filter_map(|p| {
            crate::runtime::describable::text(run.c.i, p, "name")
                .ok()
                .flatten()
        })
        .collect();
    named.push((
        Value::str("parameters"),
        crate::eval::value::ListObj::array_list(params),
    ));
    let c = run.c;
    let v = crate::runtime::steps::build_flow::input(
        c,
        vec![crate::eval::value::MapObj::linked(named)],
    )?;
    let mut vars = Vec::new();
    match (&v, names.as_slice()) {
        (Value::Map(m), _) => {
            for (k, v) in m.snapshot() {
                vars.push((c.i.to_s(&k)?, c.i.to_s(&v)?));
            }
        }
        (Value::Null, _) => {}
        (v, [one]) => vars.push((one.clone(), c.i.to_s(v)?)),
        _ => {}
    }
    context::scoped_set(|ctx| {
        for (k, v) in vars {
            ctx.env.insert(k, Some(v));
        }
    });
    Ok(())
}

/// Runs `body` on the agent: the host's workspace for `any`, `label` and `node` (with the
/// default checkout unless skipped), no workspace for `none`, and the parent's agent when the
/// stage names none.
pub fn with_agent<'a>(
    run: &Run<'_, '_, 'a>,
    agent: Option<&model::Agent<'a>>,
    checkout: bool,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let Some(agent) = agent else { return body() };
    let kind = agent.kind.as_ref().map_or("any", |k| k.name.as_str());
    match kind {
        "none" => context::scoped(|ctx| ctx.on_node = false, body),
        "any" | "label" | "node" => on_node(run, agent, checkout, body),
        "docker" => docker_agent::with_docker(run, agent, checkout, body),
        "dockerfile" => docker_agent::with_dockerfile(run, agent, checkout, body),
        "kubernetes" => kubernetes_agent::with_kubernetes(run, agent, checkout, body),
        other => Err(Signal::Throw(
            exception(
                "java.lang.UnsupportedOperationException",
                Some(format!(
                    "agent {other}: this build of jfrun runs pipelines on the host or in Docker only (agent any, label, node, none, docker, dockerfile, kubernetes)"
                )),
            ),
            Some(agent.span),
        )),
    }
}

/// Runs `body` on the host's workspace (or the agent's `customWorkspace`), checked out first
/// unless skipped.
pub(super) fn on_node<'a>(
    run: &Run<'_, '_, 'a>,
    agent: &model::Agent<'a>,
    checkout: bool,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let c = run.c;
    {
        {
            let mut ws = c.b.workspace.clone();
            if let model::AgentConfig::Block(m) = &agent.config {
                if let Some(model::MapValue::Value(v)) = m.get("customWorkspace") {
                    let p = crate::runtime::describable::value(c.i, &run.scope, v)?;
                    let p = c.i.to_s(&p)?;
                    ws = if std::path::Path::new(&p).is_absolute() {
                        p.into()
                    } else {
                        c.b.workspace.join(p)
                    };
                }
            }
            std::fs::create_dir_all(&ws).map_err(|e| {
                Signal::Throw(exception("java.io.IOException", Some(e.to_string())), None)
            })?;
            c.b.log
                .line(&format!("Running on built-in in {}", ws.display()));
            context::scoped(
                |ctx| {
                    ctx.cwd.clone_from(&ws);
                    ctx.on_node = true;
                },
                || {
                    if checkout && !run.flags.skip_checkout && !c.b.opts.in_place {
                        let dest = match &run.flags.checkout_dir {
                            Some(d) => ws.join(d),
                            None => ws.clone(),
                        };
                        default_checkout(run, &dest)?;
                    }
                    body()
                },
            )
        }
    }
}

pub(super) fn default_checkout<'a>(
    run: &Run<'_, '_, 'a>,
    dest: &std::path::Path,
) -> Result<(), Signal<'a>> {
    let b = run.c.b;
    let is_git = b.is_git;
    b.log.line(&format!(
        "Checking out {} (working tree, uncommitted changes included)",
        b.project.display()
    ));
    workspace::checkout(&b.project, dest, is_git)
        .map(|_| ())
        .map_err(|e| {
            Signal::Throw(
                exception("java.io.IOException", Some(format!("checkout failed: {e}"))),
                None,
            )
        })
}
