//! The kubernetes plugin's scripted `podTemplate(...) { node(POD_LABEL) { } }`: `podTemplate`
//! declares a pod template for its body, labelled `POD_LABEL`; `node` with that label runs its
//! body on a pod of it ([`crate::runtime::executor::kubernetes::agent`]). The template's
//! `containers` (`containerTemplate`) and `volumes` become the pod's as the plugin's
//! `PodTemplateBuilder` makes them, its `yaml` is combined with them by the same rules as the
//! declarative agent's, and a `podTemplate` inside another inherits it.

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::core::v1::{
    ConfigMapVolumeSource, Container, EmptyDirVolumeSource, EnvVar, EnvVarSource,
    HostPathVolumeSource, PersistentVolumeClaimVolumeSource, PodSpec, ResourceRequirements,
    SecretKeySelector, SecretVolumeSource, SecurityContext, Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use super::{Call, StepArgs};
use crate::eval::error::{Eval, throw};
use crate::eval::text::display;
use crate::eval::value::Value;
use crate::runtime::context;
use crate::runtime::describable;
use crate::runtime::executor::kubernetes::agent::{
    PodAgent, Retention, inherit, merges, set_field,
};
use crate::runtime::executor::kubernetes::pod;

/// Options of `podTemplate` that concern a Jenkins controller's cloud only.
const CONTROLLER_ONLY: &[&str] = &[
    "cloud",
    "idleMinutes",
    "instanceCap",
    "slaveConnectTimeout",
    "name",
    "nodeUsageMode",
    "annotations",
];

/// `podTemplate(label: ..., yaml: ..., containers: [...], volumes: [...]) { ... }`.
pub fn pod_template<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("podTemplate", None, args)?;
    let body = a.body()?;
    let mut agent = PodAgent {
        show_raw_yaml: true,
        ..PodAgent::default()
    };
    let mut own = pod::Template::default();
    let mut inherit_from: Option<String> = None;
    // Volumes and environment apply to every container: read after the containers.
    let mut later = Vec::new();
    for (key, v) in &a.named {
        let text = display(v);
        let r: Result<(), String> = match key.as_str() {
            "label" => {
                agent.label = Some(text).filter(|s| !s.is_empty());
                Ok(())
            }
            "yaml" => pod::parse(&text).map(|p| own.yamls = vec![p]),
            "yamlMergeStrategy" => merges(&describable::symbol(v).unwrap_or_default())
                .map(|m| own.merge = m)
                .map_err(|e| format!("podTemplate: {e}")),
            "inheritFrom" => {
                inherit_from = Some(text.trim().to_owned());
                Ok(())
            }
            "showRawYaml" => {
                agent.show_raw_yaml = c.i.truth(v)?;
                Ok(())
            }
            "podRetention" => Retention::from_symbol(&describable::symbol(v).unwrap_or_default())
                .map(|r| agent.retention = r)
                .map_err(|e| format!("podTemplate: {e}")),
            k @ ("namespace" | "serviceAccount" | "nodeSelector" | "activeDeadlineSeconds") => {
                set_field(&mut own.fields, k, &text).map_err(|e| format!("podTemplate: {e}"))
            }
            "containers" => list(v)
                .iter()
                .map(container_template)
                .collect::<Result<Vec<_>, _>>()
                .map(|cs| {
                    own.fields
                        .spec
                        .get_or_insert_with(PodSpec::default)
                        .containers = cs;
                }),
            "volumes" | "envVars" => {
                later.push((key.clone(), v.clone()));
                Ok(())
            }
            k if CONTROLLER_ONLY.contains(&k) => {
                c.b.log.note(&format!(
                    "podTemplate: {k} concerns a Jenkins controller's cloud; jfrun ignores it"
                ));
                Ok(())
            }
            other => Err(format!(
                "podTemplate: the option {other} is not supported by jfrun"
            )),
        };
        if let Err(e) = r {
            return throw("hudson.AbortException", e);
        }
    }
    for (key, v) in later {
        let r = if key == "volumes" {
            volumes(&list(&v), &mut own.fields)
        } else {
            env_vars(&list(&v)).map(|env| {
                for ct in &mut own
                    .fields
                    .spec
                    .get_or_insert_with(PodSpec::default)
                    .containers
                {
                    let mut all = env.clone();
                    all.extend(ct.env.take().unwrap_or_default());
                    ct.env = Some(all);
                }
            })
        };
        if let Err(e) = r {
            return throw("hudson.AbortException", e);
        }
    }
    let enclosing = context::with(|ctx| ctx.pod_templates.last().cloned());
    agent.template = match inherit(
        own,
        inherit_from.as_deref(),
        enclosing.as_ref().map(|(_, parent)| &parent.template),
        &c.b.opts.pod_templates,
    ) {
        Ok(t) => t,
        Err(e) => return throw("hudson.AbortException", format!("podTemplate: {e}")),
    };
    let label = agent.label.clone().unwrap_or_else(|| {
        pod::sanitize_label(&format!(
            "{}_{}-{}",
            c.b.job,
            c.b.number,
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos() % 100_000)
        ))
    });
    agent.label = Some(label.clone());
    let agent = Arc::new(agent);
    context::scoped(
        |ctx| {
            ctx.pod_templates.push((label.clone(), agent.clone()));
            ctx.env.insert("POD_LABEL".to_owned(), Some(label.clone()));
        },
        || c.i.call_value(&body, Vec::new(), c.span),
    )
}

fn list<'a>(v: &Value<'a>) -> Vec<Value<'a>> {
    match v {
        Value::List(l) => l.snapshot(),
        Value::Null => Vec::new(),
        other => vec![other.clone()],
    }
}

fn arg(v: &Value<'_>, name: &str) -> Option<String> {
    describable::arg(v, name)
        .map(|a| display(&a))
        .filter(|s| !s.is_empty())
}

fn flag(v: &Value<'_>, name: &str) -> bool {
    arg(v, name).is_some_and(|s| s == "true")
}

/// The plugin's `Boolean optional`: unset when not given.
fn optional(v: &Value<'_>) -> Option<bool> {
    arg(v, "optional").map(|s| s == "true")
}

/// A command line split as the plugin's `splitCommandLine` does: on blanks, quotes keeping
/// blanks together.
fn split_command_line(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for ch in s.chars() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(ch);
                started = true;
            }
            (None, c) if c.is_whitespace() => {
                if started {
                    out.push(std::mem::take(&mut cur));
                    started = false;
                }
            }
            (None, c) => {
                cur.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(cur);
    }
    out
}

fn env_vars(items: &[Value<'_>]) -> Result<Vec<EnvVar>, String> {
    items
        .iter()
        .map(|e| {
            let key = arg(e, "key").ok_or("envVar: no key")?;
            match describable::symbol(e).as_deref() {
                Some("envVar" | "containerEnvVar" | "podEnvVar") => Ok(EnvVar {
                    name: key,
                    value: Some(arg(e, "value").unwrap_or_default()),
                    ..EnvVar::default()
                }),
                Some("secretEnvVar") => Ok(EnvVar {
                    name: key,
                    value_from: Some(EnvVarSource {
                        secret_key_ref: Some(SecretKeySelector {
                            name: arg(e, "secretName").unwrap_or_default(),
                            key: arg(e, "secretKey").unwrap_or_default(),
                            optional: optional(e),
                        }),
                        ..EnvVarSource::default()
                    }),
                    ..EnvVar::default()
                }),
                other => Err(format!(
                    "podTemplate: {}() is not an environment variable (envVar, containerEnvVar, podEnvVar, secretEnvVar)",
                    other.unwrap_or("?")
                )),
            }
        })
        .collect()
}

/// A `containerTemplate(...)` as `PodTemplateBuilder` makes a container of it.
fn container_template(v: &Value<'_>) -> Result<Container, String> {
    if describable::symbol(v).as_deref() != Some("containerTemplate") {
        return Err("podTemplate: containers holds containerTemplate(...) entries".to_owned());
    }
    let name = arg(v, "name").ok_or("containerTemplate: no name")?;
    let resources = |keys: [(&str, &str); 2]| {
        let m: BTreeMap<String, Quantity> = keys
            .iter()
            .filter_map(|(k, r)| arg(v, k).map(|q| ((*r).to_owned(), Quantity(q))))
            .collect();
        (!m.is_empty()).then_some(m)
    };
    let requests = resources([
        ("resourceRequestCpu", "cpu"),
        ("resourceRequestMemory", "memory"),
    ]);
    let limits = resources([
        ("resourceLimitCpu", "cpu"),
        ("resourceLimitMemory", "memory"),
    ]);
    let run_as = |k: &str| -> Result<Option<i64>, String> {
        arg(v, k)
            .map(|s| {
                s.parse()
                    .map_err(|_| format!("containerTemplate '{name}': {k} '{s}' is not a number"))
            })
            .transpose()
    };
    let (user, group) = (run_as("runAsUser")?, run_as("runAsGroup")?);
    let privileged = flag(v, "privileged");
    let env = match describable::arg(v, "envVars") {
        Some(e) => env_vars(&list(&e))?,
        None => Vec::new(),
    };
    Ok(Container {
        image: Some(arg(v, "image").ok_or(format!("containerTemplate '{name}': no image"))?),
        image_pull_policy: Some(
            if flag(v, "alwaysPullImage") {
                "Always"
            } else {
                "IfNotPresent"
            }
            .to_owned(),
        ),
        command: arg(v, "command").map(|c| split_command_line(&c)),
        args: arg(v, "args").map(|c| split_command_line(&c)),
        working_dir: arg(v, "workingDir"),
        tty: Some(flag(v, "ttyEnabled")),
        env: (!env.is_empty()).then_some(env),
        resources: (requests.is_some() || limits.is_some()).then(|| ResourceRequirements {
            limits,
            requests,
            ..ResourceRequirements::default()
        }),
        security_context: (privileged || user.is_some() || group.is_some()).then(|| {
            SecurityContext {
                privileged: Some(privileged),
                run_as_user: user,
                run_as_group: group,
                ..SecurityContext::default()
            }
        }),
        name,
        ..Container::default()
    })
}

/// The `volumes` of `podTemplate`: each a pod volume (`volume-N`) mounted at its `mountPath`
/// in every container, as `PodTemplateBuilder` does.
fn volumes(items: &[Value<'_>], fields: &mut pod::Pod) -> Result<(), String> {
    let spec = fields.spec.get_or_insert_with(PodSpec::default);
    for (n, v) in items.iter().enumerate() {
        let name = format!("volume-{n}");
        let mount = arg(v, "mountPath").ok_or("podTemplate: a volume has no mountPath")?;
        let mut vol = Volume {
            name: name.clone(),
            ..Volume::default()
        };
        let mut sub_path = None;
        match describable::symbol(v).as_deref() {
            Some("emptyDirVolume") => {
                vol.empty_dir = Some(EmptyDirVolumeSource {
                    medium: flag(v, "memory").then(|| "Memory".to_owned()),
                    ..EmptyDirVolumeSource::default()
                });
            }
            Some("hostPathVolume") => {
                vol.host_path = Some(HostPathVolumeSource {
                    path: arg(v, "hostPath").ok_or("hostPathVolume: no hostPath")?,
                    ..HostPathVolumeSource::default()
                });
            }
            Some("persistentVolumeClaim") => {
                vol.persistent_volume_claim = Some(PersistentVolumeClaimVolumeSource {
                    claim_name: arg(v, "claimName").ok_or("persistentVolumeClaim: no claimName")?,
                    read_only: Some(flag(v, "readOnly")),
                });
            }
            Some("secretVolume") => {
                // The plugin reads defaultMode with Integer.parseInt: decimal.
                let default_mode = arg(v, "defaultMode")
                    .map(|m| {
                        m.trim().parse::<i32>().map_err(|_| {
                            format!("secretVolume: defaultMode '{m}' is not a (decimal) number")
                        })
                    })
                    .transpose()?;
                vol.secret = Some(SecretVolumeSource {
                    secret_name: arg(v, "secretName"),
                    default_mode,
                    optional: optional(v),
                    ..SecretVolumeSource::default()
                });
            }
            Some("configMapVolume") => {
                vol.config_map = Some(ConfigMapVolumeSource {
                    name: arg(v, "configMapName").unwrap_or_default(),
                    optional: optional(v),
                    ..ConfigMapVolumeSource::default()
                });
                sub_path = arg(v, "subPath");
            }
            other => {
                return Err(format!(
                    "podTemplate: the volume {}() is not supported by jfrun (emptyDirVolume, hostPathVolume, persistentVolumeClaim, secretVolume, configMapVolume are)",
                    other.unwrap_or("?")
                ));
            }
        }
        spec.volumes.get_or_insert_with(Vec::new).push(vol);
        for c in &mut spec.containers {
            c.volume_mounts
                .get_or_insert_with(Vec::new)
                .push(VolumeMount {
                    name: name.clone(),
                    mount_path: mount.clone(),
                    read_only: Some(flag(v, "readOnly")),
                    sub_path: sub_path.clone(),
                    ..VolumeMount::default()
                });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::split_command_line;

    #[test]
    fn command_lines_split_on_blanks_outside_quotes() {
        assert_eq!(split_command_line("cat"), ["cat"]);
        assert_eq!(
            split_command_line("sh -c 'sleep 1; echo x'"),
            ["sh", "-c", "sleep 1; echo x"]
        );
        assert!(split_command_line("  ").is_empty());
        assert_eq!(split_command_line("a \"\" b"), ["a", "", "b"]);
    }
}
