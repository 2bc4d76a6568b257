//! A pod as an agent, for `agent { kubernetes }` and the scripted `podTemplate` + `node`: the
//! pod of a template starts, jfrun plays its agent (the `jnlp` container) in the workspace the
//! pod's containers share, the body runs there, and the pod is removed (or kept, by
//! `podRetention`) whatever the outcome. Steps run in the `defaultContainer` when one is named,
//! else on jfrun's side of the workspace (where the plugin's agent container runs them);
//! `container('x') { }` picks another. The body sees `POD_LABEL`, `NODE_NAME` (the pod's name)
//! and, in a container, `POD_CONTAINER`.
//!
//! The template options both share are read here too: `podRetention`, `yamlMergeStrategy`, the
//! pod fields (`namespace`, `serviceAccount`, `nodeSelector`, `activeDeadlineSeconds`) and
//! `inheritFrom`, resolved against `.jfrun.toml`'s templates or the enclosing template.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{pod, running};
use crate::eval::error::{Eval, Signal, exception};
use crate::runtime::build::Build;
use crate::runtime::context;
use crate::runtime::options::PodTemplateSource;
use k8s_openapi::api::core::v1::PodSpec;
use std::collections::BTreeMap;

/// What happens to a pod when its block ends (`podRetention`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Retention {
    /// Removed (`never()`, `default()`).
    #[default]
    Never,
    /// Kept (`always()`).
    Always,
    /// Kept when the block failed (`onFailure()`).
    OnFailure,
}

impl Retention {
    /// The retention a `podRetention` value's symbol names: `never()` (and `default()`),
    /// `always()`, `onFailure()`.
    pub fn from_symbol(symbol: &str) -> Result<Self, String> {
        match symbol {
            "never" | "default" => Ok(Self::Never),
            "always" => Ok(Self::Always),
            "onFailure" => Ok(Self::OnFailure),
            other => Err(format!("unknown podRetention {other}()")),
        }
    }
}

/// Whether a `yamlMergeStrategy` value's symbol combines the YAMLs: `merge()` does,
/// `override()` does not.
pub fn merges(symbol: &str) -> Result<bool, String> {
    match symbol {
        "merge" => Ok(true),
        "override" => Ok(false),
        other => Err(format!("unknown yamlMergeStrategy {other}()")),
    }
}

/// `a=b,c=d`, the plugin's node selector.
fn node_selector(s: &str) -> Result<BTreeMap<String, String>, String> {
    let mut m = BTreeMap::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((k, v)) = part.split_once('=') else {
            return Err(format!(
                "nodeSelector '{s}': give it as key=value,key=value"
            ));
        };
        m.insert(k.trim().to_owned(), v.trim().to_owned());
    }
    Ok(m)
}

/// Sets the pod field an option of a pod template stands for (`namespace`, `serviceAccount`,
/// `nodeSelector`, `activeDeadlineSeconds`), as the plugin's `PodTemplateBuilder` does.
pub fn set_field(fields: &mut pod::Pod, key: &str, text: &str) -> Result<(), String> {
    let spec = fields.spec.get_or_insert_with(PodSpec::default);
    let given = Some(text.to_owned()).filter(|s| !s.is_empty());
    match key {
        "namespace" => fields.metadata.namespace = given,
        "serviceAccount" => spec.service_account_name = given,
        "nodeSelector" => {
            let m = node_selector(text)?;
            spec.node_selector = (!m.is_empty()).then_some(m);
        }
        "activeDeadlineSeconds" => {
            let n: i64 = text
                .parse()
                .map_err(|_| format!("activeDeadlineSeconds '{text}' is not a number"))?;
            spec.active_deadline_seconds = (n > 0).then_some(n);
        }
        other => return Err(format!("{other} is not a pod field")),
    }
    Ok(())
}

/// The templates `inheritFrom` names (space-separated), from `.jfrun.toml`'s
/// `[pod_templates.NAME]`, combined in order.
pub fn named_templates(
    templates: &[(String, PodTemplateSource)],
    names: &str,
) -> Result<pod::Template, String> {
    let mut t = pod::Template::default();
    for name in names.split_whitespace() {
        let Some((_, source)) = templates.iter().find(|(n, _)| n == name) else {
            let known: Vec<&str> = templates.iter().map(|(n, _)| n.as_str()).collect();
            return Err(format!(
                "inheritFrom '{name}': no pod template of that name; jfrun reads them from [pod_templates.NAME] of .jfrun.toml{}",
                if known.is_empty() {
                    String::new()
                } else {
                    format!(" (it has {})", known.join(", "))
                }
            ));
        };
        let text = source.text(name)?;
        let parent = pod::Template {
            yamls: vec![pod::parse(&text).map_err(|e| format!("pod template '{name}': {e}"))?],
            ..pod::Template::default()
        };
        t = t.inherited_by(&parent);
    }
    Ok(t)
}

/// `own` with what it inherits, as the plugin resolves a template's parents: the templates
/// `inheritFrom` names (`''`: none), else the enclosing template, if any.
pub fn inherit(
    own: pod::Template,
    inherit_from: Option<&str>,
    enclosing: Option<&pod::Template>,
    named: &[(String, PodTemplateSource)],
) -> Result<pod::Template, String> {
    Ok(match (inherit_from, enclosing) {
        (Some(""), _) | (None, None) => own,
        (Some(names), _) => named_templates(named, names)?.inherited_by(&own),
        (None, Some(parent)) => parent.inherited_by(&own),
    })
}

/// What a pod agent is made of.
#[derive(Debug, Default)]
pub struct PodAgent {
    /// The template, inheritance done.
    pub template: pod::Template,
    /// The agent's label (`POD_LABEL`); one is made when `None`.
    pub label: Option<String>,
    /// The container the steps run in, when not on jfrun's side.
    pub default_container: Option<String>,
    /// `podRetention`.
    pub retention: Retention,
    /// `showRawYaml`: the pod's YAML in the log.
    pub show_raw_yaml: bool,
}

fn abort<'a>(message: String, span: Option<crate::source::Span>) -> Signal<'a> {
    Signal::Throw(exception("hudson.AbortException", Some(message)), span)
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

/// Runs `body` (given the workspace) on a pod of `agent`'s template.
pub fn run_on_pod<'a>(
    b: &Build<'_>,
    agent: &PodAgent,
    span: Option<crate::source::Span>,
    body: &mut dyn FnMut(&Path) -> Eval<'a>,
) -> Eval<'a> {
    let o = agent;
    if b.opts.in_place {
        return Err(abort(
            "agent kubernetes: --in-place is not supported; the pod works in its own workspace"
                .to_owned(),
            span,
        ));
    }
    let name = pod_name(b);
    // The plugin's declarative agent labels the pod with a label of its own.
    let label = o.label.clone().unwrap_or_else(|| {
        format!(
            "{}_{}-{}",
            b.job,
            b.number,
            name.rsplit('-').next().unwrap_or("")
        )
    });
    let label = pod::sanitize_label(&label);
    let eff = pod::effective(&o.template, &name, &label).map_err(|e| abort(e, span))?;
    for n in &eff.notes {
        b.log.note(n);
    }
    if let Some(dc) = &o.default_container {
        if !pod::containers(&eff.pod).iter().any(|c| &c.name == dc) {
            return Err(abort(
                format!(
                    "agent kubernetes: defaultContainer '{dc}' is not a container of the pod (its containers: {})",
                    pod::containers(&eff.pod)
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
    if o.show_raw_yaml || b.opts.show_pod {
        b.log.lines(&pod::to_yaml(&eff.pod));
    }
    let cancel = context::with(|ctx| ctx.cancel.clone());
    let running = running::start(b, &eff, &root, &cancel).map_err(|e| abort(e, span))?;
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
    let r = context::scoped(
        |ctx| {
            ctx.cwd.clone_from(&ws);
            ctx.on_node = true;
            ctx.pod = Some(running.clone());
            ctx.docker_host = None;
            ctx.container.clone_from(&o.default_container);
            set_env(ctx, &running, &ws, o.default_container.as_deref());
        },
        || body(&ws),
    );
    let keep = match o.retention {
        Retention::Never => false,
        Retention::Always => true,
        Retention::OnFailure => {
            r.is_err() || *b.result.lock() != crate::runtime::result::BuildResult::Success
        }
    };
    if keep {
        b.log.line(&format!(
            "Keeping pod {name} (podRetention): {}; {}",
            match running.on {
                running::On::Docker(_) => "`jfrun clean` removes it",
                running::On::Cluster(_) => "delete it with kubectl when done",
            },
            running.shell_hint()
        ));
        running.keep(b);
        return r;
    }
    match running.stop(b) {
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

fn set_env(ctx: &mut context::Context, pod: &running::RunningPod, ws: &Path, dc: Option<&str>) {
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
