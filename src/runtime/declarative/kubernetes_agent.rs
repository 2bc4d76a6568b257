//! `agent { kubernetes { yaml '...'; defaultContainer 'x' } }`, at the pipeline's or a stage's
//! level, as the kubernetes plugin runs it, on a pod emulated on Docker
//! ([`crate::runtime::executor::kubernetes`]): the pod starts, jfrun plays its agent (the `jnlp`
//! container) in the workspace the pod's containers share, checks out there, runs the body,
//! and removes the pod whatever the outcome. Steps run in the `defaultContainer` when one is
//! named, else on jfrun's side of the workspace (where the plugin's agent container runs them);
//! `container('x') { }` picks another. The body sees `POD_LABEL`, `NODE_NAME` (the pod's name)
//! and, in a container, `POD_CONTAINER`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Run;
use super::stage::default_checkout;
use crate::eval::error::{Eval, Signal, exception};
use crate::eval::value::Value;
use crate::pipeline::model;
use crate::runtime::build::Build;
use crate::runtime::context;
use crate::runtime::executor::kubernetes::{docker_pod, pod};

/// Options of the plugin's declarative agent that change nothing for a pod on the local
/// engine: they are accepted and noted.
const NO_EFFECT: &[&str] = &[
    "label",
    "cloud",
    "namespace",
    "idleMinutes",
    "podRetention",
    "retries",
    "showRawYaml",
    "serviceAccount",
    "nodeSelector",
    "instanceCap",
    "activeDeadlineSeconds",
    "slaveConnectTimeout",
    "yamlMergeStrategy",
    "imagePullSecrets",
];

/// What the agent block says.
#[derive(Debug, Default)]
struct Options {
    yaml: Option<String>,
    yaml_file: Option<String>,
    default_container: Option<String>,
    label: Option<String>,
    /// `inheritFrom ''`: no inheritance from the enclosing pod.
    no_inherit: bool,
}

fn abort<'a>(message: String, span: Option<crate::source::Span>) -> Signal<'a> {
    Signal::Throw(exception("hudson.AbortException", Some(message)), span)
}

fn read_options<'a>(
    run: &Run<'_, '_, 'a>,
    agent: &model::Agent<'a>,
) -> Result<Options, Signal<'a>> {
    let c = run.c;
    let mut o = Options::default();
    let model::AgentConfig::Block(m) = &agent.config else {
        return Err(abort(
            "agent kubernetes: give the pod as kubernetes { yaml '...' } or kubernetes { yamlFile '...' }"
                .to_owned(),
            Some(agent.span),
        ));
    };
    for (key, value) in &m.entries {
        let text = |v: &model::Value<'a>| -> Result<String, Signal<'a>> {
            let v = crate::runtime::describable::value(c.i, &run.scope, v)?;
            if matches!(v, Value::Null) {
                return Ok(String::new());
            }
            c.i.to_s(&v)
        };
        let model::MapValue::Value(v) = value else {
            return Err(abort(
                format!(
                    "agent kubernetes: the option {} is not supported by jfrun",
                    key.name
                ),
                Some(agent.span),
            ));
        };
        match key.name.as_str() {
            "yaml" => o.yaml = Some(text(v)?),
            "yamlFile" => o.yaml_file = Some(text(v)?),
            "defaultContainer" => o.default_container = Some(text(v)?).filter(|s| !s.is_empty()),
            "inheritFrom" => {
                let t = text(v)?;
                o.no_inherit = t.is_empty();
                if !t.is_empty() {
                    return Err(abort(
                        format!(
                            "agent kubernetes: inheritFrom '{t}' names a pod template of a Jenkins cloud; jfrun has none (give the whole pod in yaml)"
                        ),
                        Some(agent.span),
                    ));
                }
            }
            name if NO_EFFECT.contains(&name) => {
                if name == "label" {
                    o.label = Some(text(v)?);
                }
                c.b.log.note(&format!(
                    "agent kubernetes: {name} has no effect on a pod run on the local Docker engine"
                ));
            }
            other => {
                return Err(abort(
                    format!("agent kubernetes: the option {other} is not supported by jfrun"),
                    Some(agent.span),
                ));
            }
        }
    }
    Ok(o)
}

/// The pod's YAML: `yaml`, or the file `yamlFile` of the project (read as `readTrusted` reads
/// it, as the plugin does).
fn template_text(b: &Build<'_>, o: &Options) -> Result<String, String> {
    match (&o.yaml, &o.yaml_file) {
        (Some(_), Some(_)) => Err("agent kubernetes: give yaml or yamlFile, not both".to_owned()),
        (Some(y), None) => Ok(y.clone()),
        (None, Some(f)) => std::fs::read_to_string(b.project.join(f))
            .map_err(|e| format!("agent kubernetes: cannot read yamlFile {f}: {e}")),
        (None, None) => Err("agent kubernetes: no pod given (yaml or yamlFile)".to_owned()),
    }
}

/// A name for the pod: lower-case letters, digits and dashes, unique enough for the engine.
fn pod_name(b: &Build<'_>) -> String {
    // The count keeps two pods of one run apart when they start in the same nanosecond
    // (parallel stages): their volumes are named after them.
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let base: String = b
        .job
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let base = base.trim_matches('-');
    let base = if base.is_empty() { "pod" } else { base };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let count = COUNT.fetch_add(1, Ordering::Relaxed);
    let salt = (u64::from(nanos) ^ u64::from(std::process::id()).rotate_left(20))
        .wrapping_add(count.wrapping_mul(0x9E37_79B9));
    let suffix: String = (0..5)
        .map(|i| {
            let d = ((salt >> (i * 5)) % 36) as u8;
            if d < 10 {
                char::from(b'0' + d)
            } else {
                char::from(b'a' + d - 10)
            }
        })
        .collect();
    let mut name = format!("{base}-{}-{suffix}", b.number);
    if name.len() > 63 {
        name = name[name.len() - 63..].trim_start_matches('-').to_owned();
    }
    name
}

/// The host folder behind the pod's workspace: `<workspace>@pod`, then `@pod2`... for the next
/// pods of the run, emptied first (a pod's workspace volume starts empty).
fn host_root(b: &Build<'_>) -> Result<PathBuf, String> {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut s = b.workspace.as_os_str().to_owned();
    s.push(if n == 1 {
        "@pod".to_owned()
    } else {
        format!("@pod{n}")
    });
    let dir = PathBuf::from(s);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("cannot empty the pod's workspace {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}

/// Runs `body` on a pod of the agent's template.
pub fn with_kubernetes<'a>(
    run: &Run<'_, '_, 'a>,
    agent: &model::Agent<'a>,
    checkout: bool,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let b = run.c.b;
    let span = Some(agent.span);
    let o = read_options(run, agent)?;
    let text = template_text(b, &o).map_err(|e| abort(e, span))?;
    let mut template = pod::parse(&text).map_err(|e| abort(e, span))?;
    if let Some(parent) = context::with(|ctx| ctx.pod.clone()) {
        if o.no_inherit {
            b.log.note(&format!(
                "agent kubernetes: inheritFrom '': this pod does not inherit the containers of pod {}",
                parent.name
            ));
        } else {
            template = pod::inherit(&parent.template, &template);
            b.log.note(&format!(
                "agent kubernetes: this pod inherits the containers of pod {} (one of the same name is replaced whole)",
                parent.name
            ));
        }
    }
    if b.opts.in_place {
        return Err(abort(
            "agent kubernetes: --in-place is not supported; the pod works in its own workspace"
                .to_owned(),
            span,
        ));
    }
    let name = pod_name(b);
    // The plugin's declarative agent labels the pod with a label of its own.
    let label = format!(
        "{}_{}-{}",
        b.job,
        b.number,
        name.rsplit('-').next().unwrap_or("")
    );
    let label = pod::sanitize_label(&label);
    let eff = pod::effective(&template, &name, &label).map_err(|e| abort(e, span))?;
    for n in &eff.notes {
        b.log.note(n);
    }
    if let Some(dc) = &o.default_container {
        if !eff.pod.spec.containers.iter().any(|c| &c.name == dc) {
            return Err(abort(
                format!(
                    "agent kubernetes: defaultContainer '{dc}' is not a container of the pod (its containers: {})",
                    eff.pod
                        .spec
                        .containers
                        .iter()
                        .map(|c| c.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                span,
            ));
        }
    }
    let root = host_root(b).map_err(|e| abort(e, span))?;
    let ws = root.join("workspace").join(&b.job);
    std::fs::create_dir_all(&ws).map_err(|e| abort(format!("{}: {e}", ws.display()), span))?;
    b.log.line(&format!("Created Pod: docker {name}"));
    let running = docker_pod::start(b, &eff, &root).map_err(|e| abort(e, span))?;
    let running = Arc::new(running);
    b.log.line(&format!(
        "Agent {name} is provisioned from template {label}"
    ));
    let in_pod = running.to_container(&ws);
    b.log
        .line(&format!("Running on {name} in {}", in_pod.display()));
    if o.default_container.is_none() {
        b.log.note(&format!(
            "steps outside container('...') run on jfrun's side of the pod's workspace ({}), where the plugin's jnlp container runs them",
            ws.display()
        ));
    }
    let default_id = o
        .default_container
        .as_deref()
        .and_then(|dc| running.container(dc))
        .map(str::to_owned);
    let r = context::scoped(
        |ctx| {
            ctx.cwd.clone_from(&ws);
            ctx.on_node = true;
            ctx.pod = Some(running.clone());
            ctx.docker_host = None;
            ctx.container.clone_from(&default_id);
            set_env(ctx, &running, &ws, o.default_container.as_deref());
        },
        || {
            if checkout && !run.flags.skip_checkout {
                let dest: PathBuf = match &run.flags.checkout_dir {
                    Some(d) => ws.join(d),
                    None => ws.clone(),
                };
                default_checkout(run, &dest)?;
            }
            body()
        },
    );
    match docker_pod::stop(b, &running) {
        Ok(()) => r,
        Err(e) => {
            b.log.error(&e);
            match r {
                Ok(_) => Err(abort(e, span)),
                Err(_) => r,
            }
        }
    }
}

fn set_env(ctx: &mut context::Context, pod: &docker_pod::Running, ws: &Path, dc: Option<&str>) {
    let ws_s = ws.display().to_string();
    let mut set = |k: &str, v: String| {
        ctx.env.insert(k.to_owned(), Some(v));
    };
    set("POD_LABEL", pod.label.clone());
    set("NODE_NAME", pod.name.clone());
    set("NODE_LABELS", format!("{} {}", pod.name, pod.label));
    set("WORKSPACE_TMP", format!("{ws_s}@tmp"));
    set("WORKSPACE", ws_s);
    if let Some(dc) = dc {
        set("POD_CONTAINER", dc.to_owned());
    }
}
