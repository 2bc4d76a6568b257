//! `agent { kubernetes { yaml '...'; defaultContainer 'x' } }`, at the pipeline's or a stage's
//! level, as the kubernetes plugin runs it, on a pod emulated on Docker
//! ([`crate::runtime::executor::kubernetes`]): the pod starts, jfrun plays its agent (the `jnlp`
//! container) in the workspace the pod's containers share, checks out there, runs the body,
//! and removes the pod whatever the outcome. Steps run in the `defaultContainer` when one is
//! named, else on jfrun's side of the workspace (where the plugin's agent container runs them);
//! `container('x') { }` picks another. The body sees `POD_LABEL`, `NODE_NAME` (the pod's name)
//! and, in a container, `POD_CONTAINER`.

use std::path::PathBuf;

use super::Run;
use super::stage::default_checkout;
use crate::eval::error::{Eval, Signal, exception};
use crate::eval::value::Value;
use crate::pipeline::model;
use crate::runtime::build::Build;
use crate::runtime::context;
use crate::runtime::describable;
use crate::runtime::executor::kubernetes::agent::{
    PodAgent, Retention, inherit, merges, run_on_pod, set_field,
};
use crate::runtime::executor::kubernetes::pod;
use k8s_openapi::api::core::v1::{
    EmptyDirVolumeSource, HostPathVolumeSource, LocalObjectReference,
    PersistentVolumeClaimVolumeSource, PodSpec, Volume,
};

/// Options of the plugin's declarative agent that concern only a Jenkins controller (how many
/// pods, how long agents idle, how long to wait for them): accepted and noted.
const CONTROLLER_ONLY: &[&str] = &[
    "cloud",
    "idleMinutes",
    "retries",
    "instanceCap",
    "slaveConnectTimeout",
    "supplementalGroups",
];

/// What the agent block says.
#[derive(Debug, Default)]
struct Options {
    yaml: Option<String>,
    yaml_file: Option<String>,
    default_container: Option<String>,
    label: Option<String>,
    /// `inheritFrom`: `Some("")` stops the inheritance from the enclosing pod.
    inherit_from: Option<String>,
    merge: bool,
    retention: Retention,
    show_raw_yaml: bool,
    /// What the block sets outside the YAML.
    fields: pod::Pod,
}

fn abort<'a>(message: String, span: Option<crate::source::Span>) -> Signal<'a> {
    Signal::Throw(exception("hudson.AbortException", Some(message)), span)
}

/// The workspace volume a `workspaceVolume` describable stands for.
fn workspace_volume(v: &Value<'_>) -> Result<Volume, String> {
    let text = |k: &str| describable::arg(v, k).map(|v| crate::eval::text::display(&v));
    let symbol = describable::symbol(v).unwrap_or_default();
    let mut vol = Volume {
        name: pod::WORKSPACE_VOLUME.to_owned(),
        ..Volume::default()
    };
    match symbol.as_str() {
        "emptyDirWorkspaceVolume" => {
            vol.empty_dir = Some(EmptyDirVolumeSource {
                medium: (text("memory").as_deref() == Some("true")).then(|| "Memory".to_owned()),
                ..EmptyDirVolumeSource::default()
            });
        }
        "hostPathWorkspaceVolume" => {
            vol.host_path = Some(HostPathVolumeSource {
                path: text("hostPath").unwrap_or_default(),
                ..HostPathVolumeSource::default()
            });
        }
        "persistentVolumeClaimWorkspaceVolume" => {
            vol.persistent_volume_claim = Some(PersistentVolumeClaimVolumeSource {
                claim_name: text("claimName").unwrap_or_default(),
                read_only: text("readOnly").map(|r| r == "true"),
            });
        }
        other => {
            return Err(format!(
                "agent kubernetes: workspaceVolume {other}() is not supported by jfrun (emptyDirWorkspaceVolume, hostPathWorkspaceVolume and persistentVolumeClaimWorkspaceVolume are)"
            ));
        }
    }
    Ok(vol)
}

fn read_options<'a>(
    run: &Run<'_, '_, 'a>,
    agent: &model::Agent<'a>,
) -> Result<Options, Signal<'a>> {
    let c = run.c;
    let span = Some(agent.span);
    let mut o = Options {
        show_raw_yaml: true,
        ..Options::default()
    };
    let model::AgentConfig::Block(m) = &agent.config else {
        return Err(abort(
            "agent kubernetes: give the pod as kubernetes { yaml '...' } or kubernetes { yamlFile '...' }"
                .to_owned(),
            span,
        ));
    };
    for (key, value) in &m.entries {
        let model::MapValue::Value(v) = value else {
            return Err(abort(
                format!(
                    "agent kubernetes: the option {} is not supported by jfrun",
                    key.name
                ),
                span,
            ));
        };
        let v = describable::value(c.i, &run.scope, v)?;
        let text = |v: &Value<'a>| -> Result<String, Signal<'a>> {
            if matches!(v, Value::Null) {
                return Ok(String::new());
            }
            c.i.to_s(v)
        };
        let strategy = |what: &str, v: &Value<'a>| -> Result<String, Signal<'a>> {
            describable::symbol(v).ok_or_else(|| {
                abort(
                    format!(
                        "agent kubernetes: give {what} as a call, such as {what} {}",
                        match what {
                            "yamlMergeStrategy" => "merge()",
                            _ => "onFailure()",
                        }
                    ),
                    span,
                )
            })
        };
        match key.name.as_str() {
            "yaml" => o.yaml = Some(text(&v)?),
            "yamlFile" => o.yaml_file = Some(text(&v)?),
            "defaultContainer" => o.default_container = Some(text(&v)?).filter(|s| !s.is_empty()),
            "inheritFrom" => o.inherit_from = Some(text(&v)?.trim().to_owned()),
            "label" => o.label = Some(text(&v)?).filter(|s| !s.is_empty()),
            key @ ("namespace" | "serviceAccount" | "nodeSelector" | "activeDeadlineSeconds") => {
                set_field(&mut o.fields, key, &text(&v)?)
                    .map_err(|e| abort(format!("agent kubernetes: {e}"), span))?;
            }
            "showRawYaml" => o.show_raw_yaml = c.i.truth(&v)?,
            "yamlMergeStrategy" => {
                o.merge = merges(&strategy("yamlMergeStrategy", &v)?)
                    .map_err(|e| abort(format!("agent kubernetes: {e}"), span))?;
            }
            "podRetention" => {
                o.retention = Retention::from_symbol(&strategy("podRetention", &v)?)
                    .map_err(|e| abort(format!("agent kubernetes: {e}"), span))?;
            }
            "workspaceVolume" => {
                let vol = workspace_volume(&v).map_err(|e| abort(e, span))?;
                o.fields.spec.get_or_insert_with(PodSpec::default).volumes = Some(vec![vol]);
            }
            "imagePullSecrets" => {
                let names: Vec<String> = match &v {
                    Value::List(l) => l
                        .snapshot()
                        .iter()
                        .map(crate::eval::text::display)
                        .collect(),
                    other => vec![text(other)?],
                };
                o.fields
                    .spec
                    .get_or_insert_with(PodSpec::default)
                    .image_pull_secrets = Some(
                    names
                        .into_iter()
                        .map(|n| LocalObjectReference { name: n })
                        .collect(),
                );
            }
            name if CONTROLLER_ONLY.contains(&name) => {
                c.b.log.note(&format!(
                    "agent kubernetes: {name} concerns a Jenkins controller's cloud; jfrun ignores it"
                ));
            }
            other => {
                return Err(abort(
                    format!("agent kubernetes: the option {other} is not supported by jfrun"),
                    span,
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
        (None, None) => Ok(String::new()),
    }
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
    let own = pod::Template {
        yamls: if text.trim().is_empty() {
            Vec::new()
        } else {
            vec![pod::parse(&text).map_err(|e| abort(e, span))?]
        },
        merge: o.merge,
        fields: o.fields.clone(),
    };
    let enclosing = context::with(|ctx| ctx.pod.clone());
    if let Some(parent) = &enclosing {
        match o.inherit_from.as_deref() {
            Some("") => b.log.note(&format!(
                "agent kubernetes: inheritFrom '': this pod does not inherit from pod {}",
                parent.name
            )),
            None => b.log.note(&format!(
                "agent kubernetes: this pod inherits from pod {} ({})",
                parent.name,
                if own.merge {
                    "yamlMergeStrategy merge(): the YAMLs are combined"
                } else {
                    "yamlMergeStrategy override(): its own YAML replaces the enclosing one"
                }
            )),
            Some(_) => {}
        }
    }
    let template = inherit(
        own,
        o.inherit_from.as_deref(),
        enclosing.as_ref().map(|p| &p.template),
        &b.opts.pod_templates,
    )
    .map_err(|e| abort(format!("agent kubernetes: {e}"), span))?;
    let agent = PodAgent {
        template,
        label: o.label,
        default_container: o.default_container,
        retention: o.retention,
        show_raw_yaml: o.show_raw_yaml,
    };
    run_on_pod(b, &agent, span, &mut |ws| {
        if checkout && !run.flags.skip_checkout {
            let dest: PathBuf = match &run.flags.checkout_dir {
                Some(d) => ws.join(d),
                None => ws.to_path_buf(),
            };
            default_checkout(run, &dest)?;
        }
        body()
    })
}
