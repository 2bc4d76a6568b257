//! The pod template: the `yaml` of `agent { kubernetes }` read into typed structs, and the
//! effective pod the kubernetes plugin's `PodTemplateBuilder` makes of it.
//!
//! The model is jfrun's own, the subset of the Kubernetes `v1` Pod that the Docker emulation can
//! honour (containers, their command, env, working directory, resources, mounts, security
//! context; `emptyDir`, `hostPath` and `persistentVolumeClaim` volumes), in the field names and
//! JSON shape of the API. `k8s-openapi` was the alternative: it models every field, but most of
//! them could only be refused here, and it costs minutes of compilation on every clean build.
//! The YAML is read with yaml-rust2 (already used by `readYaml`) into a `serde_json::Value`, then
//! deserialized: `serde_yaml` is unmaintained, and one YAML reader in the tree is enough.
//! Fields the model does not know are ignored, as Kubernetes ignores unknown fields (the linter
//! warns about them); fields it knows but cannot emulate fail the run by name.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use yaml_rust2::{Yaml, YamlLoader};

/// Where the plugin's agent works, and every container's working directory by default.
pub const DEFAULT_WORKING_DIR: &str = "/home/jenkins/agent";
/// The volume the plugin adds for the workspace.
pub const WORKSPACE_VOLUME: &str = "workspace-volume";
/// The plugin's agent container, which jfrun replaces.
pub const JNLP: &str = "jnlp";
/// The pod label holding the agent's label.
pub const JENKINS_LABEL: &str = "jenkins/label";

/// A Pod.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Pod {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PodSpec,
}

/// `metadata`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

/// `spec`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    #[serde(default)]
    pub containers: Vec<Container>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub init_containers: Vec<Container>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<Volume>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_context: Option<SecurityContext>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_network: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
}

/// A container of the pod.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<Scalar>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<Scalar>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_dir: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<EnvVar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Resources>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volume_mounts: Vec<VolumeMount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tty: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdin: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_context: Option<SecurityContext>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_pull_policy: Option<String>,
}

/// A string the YAML may write as a number or a boolean (`cpu: 1`, `value: 8080`), as the
/// plugin's YAML reader accepts it.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Json::deserialize(d)? {
            Json::String(s) => Ok(Self(s)),
            Json::Number(n) => Ok(Self(n.to_string())),
            Json::Bool(b) => Ok(Self(b.to_string())),
            other => Err(serde::de::Error::custom(format!(
                "expected a string, found {other}"
            ))),
        }
    }
}

impl Scalar {
    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `env` of a container.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EnvVar {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Scalar>,
    /// `valueFrom` (secrets, config maps, the downward API): not emulated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_from: Option<Json>,
}

/// `resources`: quantities by resource name.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Resources {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub limits: BTreeMap<String, Scalar>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub requests: BTreeMap<String, Scalar>,
}

/// `volumeMounts` of a container.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct VolumeMount {
    pub name: String,
    pub mount_path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_path: Option<String>,
}

/// `securityContext` of the pod or a container.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SecurityContext {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileged: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_as_user: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_as_group: Option<i64>,
}

/// A volume of the pod.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty_dir: Option<Json>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_path: Option<HostPath>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persistent_volume_claim: Option<Claim>,
    /// `configMap`: not emulated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map: Option<Json>,
    /// `secret`: not emulated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<Json>,
}

/// `hostPath`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct HostPath {
    pub path: String,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// `persistentVolumeClaim`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    pub claim_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
}

/// Reads the `yaml` of a pod template: one document, a Pod.
pub fn parse(text: &str) -> Result<Pod, String> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| format!("invalid pod YAML: {e}"))?;
    let doc = match docs.as_slice() {
        [] => return Ok(Pod::default()),
        [one] => one,
        _ => return Err("the pod YAML holds more than one document".to_owned()),
    };
    let json = to_json(doc)?;
    if json.is_null() {
        return Ok(Pod::default());
    }
    if let Some(kind) = json.get("kind").and_then(Json::as_str) {
        if kind != "Pod" {
            return Err(format!("the pod YAML is a {kind}, not a Pod"));
        }
    }
    serde_json::from_value(json).map_err(|e| format!("invalid pod YAML: {e}"))
}

fn to_json(y: &Yaml) -> Result<Json, String> {
    Ok(match y {
        Yaml::Null | Yaml::BadValue => Json::Null,
        Yaml::Boolean(b) => Json::Bool(*b),
        Yaml::Integer(i) => Json::from(*i),
        Yaml::Real(r) => r
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| Json::String(r.clone()), Json::Number),
        Yaml::String(s) => Json::String(s.clone()),
        Yaml::Array(a) => Json::Array(a.iter().map(to_json).collect::<Result<_, _>>()?),
        Yaml::Hash(h) => {
            let mut m = serde_json::Map::new();
            for (k, v) in h {
                let key = match k {
                    Yaml::String(s) => s.clone(),
                    Yaml::Integer(i) => i.to_string(),
                    Yaml::Boolean(b) => b.to_string(),
                    other => return Err(format!("invalid pod YAML: a key {other:?}")),
                };
                m.insert(key, to_json(v)?);
            }
            Json::Object(m)
        }
        Yaml::Alias(_) => return Err("invalid pod YAML: aliases are not supported".to_owned()),
    })
}

/// The pod as the plugin builds it from a template, and what jfrun noted doing so.
#[derive(Clone, Debug, PartialEq)]
pub struct Effective {
    pub pod: Pod,
    /// The agent's root: the working directory of the agent container (`/home/jenkins/agent`).
    pub root: String,
    /// Notes for the log (the `jnlp` container left out).
    pub notes: Vec<String>,
    /// The template it was made of.
    pub template: Pod,
}

/// The effective pod of `template` for the agent labelled `label`, named `name`: the `jnlp`
/// container left out (jfrun is the agent), every container's working directory defaulting to
/// the agent's, the workspace volume added and mounted at the working directory of every
/// container that has nothing mounted there, and the label `jenkins/label`.
pub fn effective(template: &Pod, name: &str, label: &str) -> Result<Effective, String> {
    let mut pod = template.clone();
    pod.api_version.get_or_insert_with(|| "v1".to_owned());
    pod.kind.get_or_insert_with(|| "Pod".to_owned());
    pod.metadata.name = Some(name.to_owned());
    pod.metadata
        .labels
        .insert(JENKINS_LABEL.to_owned(), sanitize_label(label));
    let mut notes = Vec::new();
    let mut root = DEFAULT_WORKING_DIR.to_owned();
    if let Some(i) = pod.spec.containers.iter().position(|c| c.name == JNLP) {
        let jnlp = pod.spec.containers.remove(i);
        if let Some(w) = jnlp.working_dir.filter(|w| !w.is_empty()) {
            root = w;
        }
        notes.push(format!(
            "container '{JNLP}' left out: jfrun is the agent (its workspace is {root})"
        ));
    }
    if pod.spec.containers.is_empty() {
        return Err(
            "the pod has no container but jnlp: give one for the steps to run in".to_owned(),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for c in &pod.spec.containers {
        if c.name.is_empty() {
            return Err("a container of the pod has no name".to_owned());
        }
        if !seen.insert(c.name.clone()) {
            return Err(format!("two containers of the pod are named '{}'", c.name));
        }
        if c.image.as_deref().is_none_or(str::is_empty) {
            return Err(format!("container '{}' has no image", c.name));
        }
    }
    if !pod.spec.volumes.iter().any(|v| v.name == WORKSPACE_VOLUME) {
        pod.spec.volumes.push(Volume {
            name: WORKSPACE_VOLUME.to_owned(),
            empty_dir: Some(Json::Object(serde_json::Map::new())),
            ..Volume::default()
        });
    }
    for c in &mut pod.spec.containers {
        let wd = c.working_dir.get_or_insert_with(|| root.clone()).clone();
        if !c
            .volume_mounts
            .iter()
            .any(|m| same_path(&m.mount_path, &wd))
        {
            c.volume_mounts.push(VolumeMount {
                name: WORKSPACE_VOLUME.to_owned(),
                mount_path: wd,
                read_only: Some(false),
                sub_path: None,
            });
        }
    }
    Ok(Effective {
        pod,
        root,
        notes,
        template: template.clone(),
    })
}

/// `child` nested in `parent` (a stage's kubernetes agent inside the pipeline's), as the
/// plugin combines them: the parent's containers and volumes, those of the same name replaced
/// by the child's (whole, where the plugin merges them field by field), then the child's
/// others; labels and annotations merged, the child's winning.
#[must_use]
pub fn inherit(parent: &Pod, child: &Pod) -> Pod {
    let mut pod = child.clone();
    let mut containers: Vec<Container> = parent
        .spec
        .containers
        .iter()
        .map(|p| {
            child
                .spec
                .containers
                .iter()
                .find(|c| c.name == p.name)
                .unwrap_or(p)
                .clone()
        })
        .collect();
    for c in &child.spec.containers {
        if !containers.iter().any(|x| x.name == c.name) {
            containers.push(c.clone());
        }
    }
    pod.spec.containers = containers;
    let mut volumes: Vec<Volume> = parent
        .spec
        .volumes
        .iter()
        .filter(|p| !child.spec.volumes.iter().any(|c| c.name == p.name))
        .cloned()
        .collect();
    volumes.extend(child.spec.volumes.iter().cloned());
    pod.spec.volumes = volumes;
    for (k, v) in &parent.metadata.labels {
        pod.metadata
            .labels
            .entry(k.clone())
            .or_insert_with(|| v.clone());
    }
    for (k, v) in &parent.metadata.annotations {
        pod.metadata
            .annotations
            .entry(k.clone())
            .or_insert_with(|| v.clone());
    }
    if pod.spec.security_context.is_none() {
        pod.spec
            .security_context
            .clone_from(&parent.spec.security_context);
    }
    pod
}

fn same_path(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// A label value as Kubernetes accepts it: at most 63 characters of `[A-Za-z0-9._-]`, starting
/// and ending with an alphanumeric one.
#[must_use]
pub fn sanitize_label(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    out.truncate(63);
    out.trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_owned()
}

/// The bytes of a memory quantity (`512Mi`, `4Gi`, `1G`, `1000`, `1.5Gi`).
pub fn memory_bytes(q: &str) -> Result<i64, String> {
    let q = q.trim();
    let split = q.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(q.len());
    let (num, suffix) = q.split_at(split);
    let factor: f64 = match suffix {
        "" => 1.0,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        "Pi" => 1024.0 * 1024.0 * 1024.0 * 1024.0 * 1024.0,
        "m" => 1e-3,
        _ => return Err(format!("invalid memory quantity '{q}'")),
    };
    let n: f64 = num
        .parse()
        .map_err(|_| format!("invalid memory quantity '{q}'"))?;
    if n < 0.0 {
        return Err(format!("invalid memory quantity '{q}'"));
    }
    #[allow(clippy::cast_possible_truncation)]
    Ok((n * factor).ceil() as i64)
}

/// The billionths of a CPU of a cpu quantity (`2`, `500m`, `0.5`).
pub fn nano_cpus(q: &str) -> Result<i64, String> {
    let q = q.trim();
    let (num, factor) = match q.strip_suffix('m') {
        Some(n) => (n, 1e6),
        None => (q, 1e9),
    };
    let n: f64 = num
        .parse()
        .map_err(|_| format!("invalid cpu quantity '{q}'"))?;
    if n <= 0.0 {
        return Err(format!("invalid cpu quantity '{q}'"));
    }
    #[allow(clippy::cast_possible_truncation)]
    Ok((n * factor).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_pod_with_numbers_as_strings() {
        let pod = parse(
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: busybox\n    command: ['cat']\n    tty: true\n    resources:\n      limits:\n        cpu: 1\n        memory: 64Mi\n    env:\n    - name: PORT\n      value: 8080\n",
        )
        .expect("parses");
        let c = &pod.spec.containers[0];
        assert_eq!(c.name, "a");
        assert_eq!(c.command.as_ref().expect("command")[0].as_str(), "cat");
        let limits = &c.resources.as_ref().expect("resources").limits;
        assert_eq!(limits["cpu"].as_str(), "1");
        assert_eq!(c.env[0].value.as_ref().expect("value").as_str(), "8080");
        assert_eq!(c.tty, Some(true));
    }

    #[test]
    fn refuses_what_is_not_a_pod() {
        assert!(
            parse("kind: Deployment\n")
                .expect_err("refused")
                .contains("not a Pod")
        );
        assert!(parse("a: [\n").expect_err("refused").contains("invalid"));
        assert!(
            parse("spec:\n  containers: 3\n")
                .expect_err("refused")
                .contains("invalid pod YAML")
        );
    }

    #[test]
    fn effective_adds_the_workspace_and_leaves_jnlp_out() {
        let pod = parse(
            "spec:\n  containers:\n  - name: jnlp\n    image: agent\n  - name: a\n    image: x\n  - name: b\n    image: y\n    workingDir: /src\n",
        )
        .expect("parses");
        let e = effective(&pod, "p-1", "job #1").expect("effective");
        assert_eq!(e.root, DEFAULT_WORKING_DIR);
        assert_eq!(e.notes.len(), 1);
        let names: Vec<_> = e.pod.spec.containers.iter().map(|c| &c.name[..]).collect();
        assert_eq!(names, ["a", "b"]);
        let a = &e.pod.spec.containers[0];
        assert_eq!(a.working_dir.as_deref(), Some(DEFAULT_WORKING_DIR));
        assert_eq!(a.volume_mounts[0].name, WORKSPACE_VOLUME);
        assert_eq!(a.volume_mounts[0].mount_path, DEFAULT_WORKING_DIR);
        assert_eq!(e.pod.spec.containers[1].volume_mounts[0].mount_path, "/src");
        assert_eq!(e.pod.metadata.labels[JENKINS_LABEL], "job__1");
    }

    #[test]
    fn effective_refuses_nameless_and_duplicate_containers() {
        let two =
            parse("spec:\n  containers:\n  - name: a\n    image: x\n  - name: a\n    image: y\n")
                .expect("parses");
        assert!(effective(&two, "p", "l").is_err());
        let none = parse("spec:\n  containers:\n  - image: x\n").expect("parses");
        assert!(effective(&none, "p", "l").is_err());
    }

    #[test]
    fn a_nested_pod_inherits_the_parent_containers() {
        let parent = parse(
            "metadata:\n  labels:\n    a: p\n    b: p\nspec:\n  containers:\n  - name: x\n    image: px\n  - name: y\n    image: py\n  volumes:\n  - name: v\n    emptyDir: {}\n",
        )
        .expect("parses");
        let child = parse(
            "metadata:\n  labels:\n    b: c\nspec:\n  containers:\n  - name: y\n    image: cy\n  - name: z\n    image: cz\n",
        )
        .expect("parses");
        let pod = inherit(&parent, &child);
        let got: Vec<_> = pod
            .spec
            .containers
            .iter()
            .map(|c| format!("{}={}", c.name, c.image.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got, ["x=px", "y=cy", "z=cz"]);
        assert_eq!(pod.spec.volumes.len(), 1);
        assert_eq!(pod.metadata.labels["a"], "p");
        assert_eq!(pod.metadata.labels["b"], "c");
    }

    #[test]
    fn quantities() {
        assert_eq!(memory_bytes("64Mi"), Ok(64 * 1024 * 1024));
        assert_eq!(memory_bytes("1G"), Ok(1_000_000_000));
        assert_eq!(memory_bytes("4Gi"), Ok(4 * 1024 * 1024 * 1024));
        assert!(memory_bytes("lots").is_err());
        assert_eq!(nano_cpus("2"), Ok(2_000_000_000));
        assert_eq!(nano_cpus("500m"), Ok(500_000_000));
        assert_eq!(nano_cpus("0.25"), Ok(250_000_000));
        assert!(nano_cpus("x").is_err());
    }

    fn seed(name: &str) -> Pod {
        let text = std::fs::read_to_string(format!(
            "{}/fixtures/jenkinsfiles/seed/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("seed");
        let start = text.find("yaml '''").expect("yaml") + "yaml '''".len();
        let end = start + text[start..].find("'''").expect("end");
        parse(&text[start..end]).expect("parses")
    }

    #[test]
    fn seed_pods_snapshot() {
        for name in [
            "03-kubernetes-dynamic-pod.Jenkinsfile",
            "04-kubernetes-multi-container.Jenkinsfile",
        ] {
            let e = effective(&seed(name), "seed-pod", "seed-label").expect("effective");
            let json = serde_json::to_string_pretty(&e.pod).expect("json");
            insta::assert_snapshot!(name, json);
        }
    }
}
