//! The pod template: the `yaml` of `agent { kubernetes }` (or of `podTemplate`) read into the
//! typed Kubernetes `v1` Pod of `k8s-openapi`, the templates combined as the kubernetes plugin
//! combines them (`PodTemplateUtils.combine`, `yamlMergeStrategy`), and the effective pod its
//! `PodTemplateBuilder` makes of them.
//!
//! The YAML is read with yaml-rust2 (already used by `readYaml`) into a `serde_json::Value`, then
//! deserialized: `serde_yaml` is unmaintained, and one YAML reader in the tree is enough. Numbers
//! and booleans written where the API wants strings (`cpu: 1`, `value: 8080`, `args: [3]`) are
//! read as strings, as the plugin's Jackson reader coerces them. Fields the model does not know
//! are ignored, as Kubernetes ignores unknown fields.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{EmptyDirVolumeSource, PodSpec, Volume, VolumeMount};
use serde_json::Value as Json;
use yaml_rust2::{Yaml, YamlLoader};

pub use k8s_openapi::api::core::v1::{Container, Pod};

/// Where the plugin's agent works, and every container's working directory by default.
pub const DEFAULT_WORKING_DIR: &str = "/home/jenkins/agent";
/// The volume the plugin adds for the workspace.
pub const WORKSPACE_VOLUME: &str = "workspace-volume";
/// The plugin's agent container, which jfrun replaces.
pub const JNLP: &str = "jnlp";
/// The pod label holding the agent's label.
pub const JENKINS_LABEL: &str = "jenkins/label";

/// The pod's spec (an empty one when the template has none).
#[must_use]
pub fn spec(pod: &Pod) -> &PodSpec {
    static EMPTY: std::sync::OnceLock<PodSpec> = std::sync::OnceLock::new();
    pod.spec
        .as_ref()
        .unwrap_or_else(|| EMPTY.get_or_init(PodSpec::default))
}

/// The pod's containers.
#[must_use]
pub fn containers(pod: &Pod) -> &[Container] {
    &spec(pod).containers
}

/// The pod's volumes.
#[must_use]
pub fn volumes(pod: &Pod) -> &[Volume] {
    spec(pod).volumes.as_deref().unwrap_or_default()
}

/// The pod's labels.
#[must_use]
pub fn labels(pod: &Pod) -> &BTreeMap<String, String> {
    static EMPTY: BTreeMap<String, String> = BTreeMap::new();
    pod.metadata.labels.as_ref().unwrap_or(&EMPTY)
}

/// Reads the `yaml` of a pod template: one document, a Pod.
pub fn parse(text: &str) -> Result<Pod, String> {
    let text = octal_modes(text);
    let docs = YamlLoader::load_from_str(&text).map_err(|e| format!("invalid pod YAML: {e}"))?;
    let doc = match docs.as_slice() {
        [] => return Ok(Pod::default()),
        [one] => one,
        _ => return Err("the pod YAML holds more than one document".to_owned()),
    };
    let mut json = to_json(doc)?;
    if json.is_null() {
        return Ok(Pod::default());
    }
    if let Some(kind) = json.get("kind").and_then(Json::as_str) {
        if kind != "Pod" {
            return Err(format!("the pod YAML is a {kind}, not a Pod"));
        }
    }
    strings_where_the_api_wants_them(&mut json);
    serde_json::from_value(json).map_err(|e| format!("invalid pod YAML: {e}"))
}

/// `text` with the file modes written with a leading `0` (`defaultMode: 0400`, `mode: 0644`)
/// made octal (`0o400`), as the YAML 1.1 readers of Kubernetes and of the plugin read them
/// (YAML 1.2 reads `0400` as decimal).
fn octal_modes(text: &str) -> std::borrow::Cow<'_, str> {
    use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
    use yaml_rust2::scanner::{Marker, TScalarStyle};

    /// Where each mode value written `0NNN` starts.
    #[derive(Default)]
    struct Modes {
        /// For each open collection: whether it is a mapping expecting a key, and its last key.
        stack: Vec<(bool, bool, Option<String>)>,
        at: Vec<usize>,
    }
    impl Modes {
        /// A value (scalar, alias or collection) was read where the top expects one.
        fn value_read(&mut self) {
            if let Some((true, expect_key, _)) = self.stack.last_mut() {
                *expect_key = !*expect_key;
            }
        }
    }
    impl MarkedEventReceiver for Modes {
        fn on_event(&mut self, ev: Event, mark: Marker) {
            match ev {
                Event::MappingStart(..) => {
                    self.value_read();
                    self.stack.push((true, true, None));
                }
                Event::SequenceStart(..) => {
                    self.value_read();
                    self.stack.push((false, false, None));
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    self.stack.pop();
                }
                Event::Alias(_) => self.value_read(),
                Event::Scalar(v, style, ..) => {
                    if let Some((true, expect_key, key)) = self.stack.last_mut() {
                        if *expect_key {
                            *key = Some(v);
                        } else if matches!(key.as_deref(), Some("mode" | "defaultMode"))
                            && style == TScalarStyle::Plain
                            && v.len() > 1
                            && v.starts_with('0')
                            && v.bytes().all(|b| (b'0'..=b'7').contains(&b))
                        {
                            self.at.push(mark.index());
                        }
                    }
                    self.value_read();
                }
                _ => {}
            }
        }
    }
    let mut modes = Modes::default();
    if Parser::new_from_str(text).load(&mut modes, true).is_err() || modes.at.is_empty() {
        return text.into();
    }
    let mut out = text.to_owned();
    for at in modes.at.into_iter().rev() {
        // Only where the marker is the value's first digit, followed by octal digits.
        if out.get(at..).is_some_and(|rest| {
            rest.starts_with('0') && rest[1..].starts_with(|c: char| ('0'..='7').contains(&c))
        }) {
            out.insert(at + 1, 'o');
        }
    }
    out.into()
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

/// A number or boolean as the string Jackson makes of it.
fn stringify(v: &mut Json) {
    match v {
        Json::Number(n) => *v = Json::String(n.to_string()),
        Json::Bool(b) => *v = Json::String(b.to_string()),
        _ => {}
    }
}

fn stringify_values(v: Option<&mut Json>) {
    match v {
        Some(Json::Object(m)) => m.values_mut().for_each(stringify),
        Some(Json::Array(a)) => a.iter_mut().for_each(stringify),
        Some(other) => stringify(other),
        None => {}
    }
}

/// The string-typed fields a YAML author commonly writes as numbers or booleans.
fn strings_where_the_api_wants_them(pod: &mut Json) {
    if let Some(meta) = pod.get_mut("metadata") {
        stringify_values(meta.get_mut("labels"));
        stringify_values(meta.get_mut("annotations"));
    }
    let Some(spec) = pod.get_mut("spec") else {
        return;
    };
    stringify_values(spec.get_mut("nodeSelector"));
    for key in ["containers", "initContainers"] {
        let Some(Json::Array(cs)) = spec.get_mut(key) else {
            continue;
        };
        for c in cs {
            for field in ["command", "args", "image", "workingDir", "name"] {
                stringify_values(c.get_mut(field));
            }
            if let Some(Json::Array(env)) = c.get_mut("env") {
                for e in env {
                    stringify_values(e.get_mut("value"));
                }
            }
            if let Some(r) = c.get_mut("resources") {
                stringify_values(r.get_mut("limits"));
                stringify_values(r.get_mut("requests"));
            }
        }
    }
}

/// A pod template as the plugin holds one: the YAML documents of the template and of those it
/// inherits from, in inheritance order, the strategy that makes one pod of them, and the
/// fields given outside the YAML (`serviceAccount`, `nodeSelector`, containers of
/// `containerTemplate`...), held as a pod of their own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Template {
    /// The YAML documents, the inherited ones first.
    pub yamls: Vec<Pod>,
    /// `yamlMergeStrategy merge()`: the documents are combined; else (`override()`, the
    /// default) the last one alone counts.
    pub merge: bool,
    /// What the template sets outside its YAML.
    pub fields: Pod,
}

impl Template {
    /// `child` inheriting from `self`, as `PodTemplateUtils.combine(PodTemplate, PodTemplate)`
    /// does: the YAML documents follow each other, the child's merge strategy counts, the
    /// fields are combined (the child's winning).
    #[must_use]
    pub fn inherited_by(&self, child: &Template) -> Template {
        let mut yamls = self.yamls.clone();
        yamls.extend(child.yamls.iter().cloned());
        Template {
            yamls,
            merge: child.merge,
            fields: combine(&self.fields, &child.fields),
        }
    }

    /// The one pod the template stands for: its fields, combined with what its strategy makes
    /// of its YAML documents (the YAML winning), as `PodTemplateBuilder` builds it.
    #[must_use]
    pub fn pod(&self) -> Pod {
        let yaml = if self.merge {
            self.yamls.iter().fold(None::<Pod>, |acc, p| {
                Some(acc.map_or_else(|| p.clone(), |a| combine(&a, p)))
            })
        } else {
            self.yamls.last().cloned()
        };
        match yaml {
            Some(y) => combine(&self.fields, &y),
            None => self.fields.clone(),
        }
    }
}

fn merged(
    parent: Option<&BTreeMap<String, String>>,
    child: Option<&BTreeMap<String, String>>,
) -> Option<BTreeMap<String, String>> {
    let mut m = parent.cloned().unwrap_or_default();
    m.extend(child.cloned().unwrap_or_default());
    (!m.is_empty()).then_some(m)
}

fn or_parent<T: Clone>(child: Option<&T>, parent: Option<&T>) -> Option<T> {
    child.or(parent).cloned()
}

fn non_empty(s: Option<&String>) -> Option<&String> {
    s.filter(|s| !s.is_empty())
}

fn non_empty_vec<T>(v: Option<&Vec<T>>) -> Option<&Vec<T>> {
    v.filter(|v| !v.is_empty())
}

/// Two containers of the same name combined as `PodTemplateUtils.combine(Container, Container)`
/// does: the child's image, pull policy, command, args, working directory and tty unless
/// empty, resources and environment merged (the child's winning), mounts merged by path.
#[must_use]
pub fn combine_container(parent: &Container, child: &Container) -> Container {
    let mut c = parent.clone();
    c.name.clone_from(&child.name);
    c.image = or_parent(non_empty(child.image.as_ref()), parent.image.as_ref());
    c.image_pull_policy = or_parent(
        non_empty(child.image_pull_policy.as_ref()),
        parent.image_pull_policy.as_ref(),
    );
    c.command = or_parent(
        non_empty_vec(child.command.as_ref()),
        parent.command.as_ref(),
    );
    c.args = or_parent(non_empty_vec(child.args.as_ref()), parent.args.as_ref());
    c.working_dir = or_parent(
        non_empty(child.working_dir.as_ref()),
        parent.working_dir.as_ref(),
    );
    c.tty = child.tty.or(parent.tty);
    let pr = parent.resources.clone().unwrap_or_default();
    let cr = child.resources.clone().unwrap_or_default();
    let mut limits = pr.limits.unwrap_or_default();
    limits.extend(cr.limits.unwrap_or_default());
    let mut requests = pr.requests.unwrap_or_default();
    requests.extend(cr.requests.unwrap_or_default());
    c.resources = (!limits.is_empty() || !requests.is_empty()).then(|| {
        k8s_openapi::api::core::v1::ResourceRequirements {
            limits: (!limits.is_empty()).then_some(limits),
            requests: (!requests.is_empty()).then_some(requests),
            ..Default::default()
        }
    });
    let mut env = parent.env.clone().unwrap_or_default();
    for e in child.env.iter().flatten() {
        env.retain(|p| p.name != e.name);
        env.push(e.clone());
    }
    c.env = (!env.is_empty()).then_some(env);
    let mut mounts: Vec<VolumeMount> = parent.volume_mounts.clone().unwrap_or_default();
    for m in child.volume_mounts.iter().flatten() {
        mounts.retain(|p| !same_path(&p.mount_path, &m.mount_path));
        mounts.push(m.clone());
    }
    c.volume_mounts = (!mounts.is_empty()).then_some(mounts);
    c.security_context = match (&parent.security_context, &child.security_context) {
        (Some(p), Some(ch)) => {
            let mut s = p.clone();
            s.privileged = ch.privileged.or(p.privileged);
            s.run_as_user = ch.run_as_user.or(p.run_as_user);
            s.run_as_group = ch.run_as_group.or(p.run_as_group);
            s.capabilities = or_parent(ch.capabilities.as_ref(), p.capabilities.as_ref());
            Some(s)
        }
        (p, ch) => ch.clone().or_else(|| p.clone()),
    };
    c
}

fn combine_containers(parent: &[Container], child: &[Container]) -> Vec<Container> {
    let mut out: Vec<Container> = parent
        .iter()
        .map(|p| {
            child
                .iter()
                .find(|c| c.name == p.name)
                .map_or_else(|| p.clone(), |c| combine_container(p, c))
        })
        .collect();
    for c in child {
        if !parent.iter().any(|p| p.name == c.name) {
            out.push(c.clone());
        }
    }
    out
}

/// Two pods combined as `PodTemplateUtils.combine(Pod, Pod)` does: labels, annotations and node
/// selectors merged, containers and init containers combined by name, volumes by name (the
/// child's replacing the parent's), tolerations and image pull secrets put together, the
/// child's service account, deadline, host network and security context's user and group
/// unless unset, its name and namespace unless empty.
#[must_use]
pub fn combine(parent: &Pod, child: &Pod) -> Pod {
    let ps = spec(parent);
    let cs = spec(child);
    let mut pod = parent.clone();
    pod.metadata.labels = merged(
        parent.metadata.labels.as_ref(),
        child.metadata.labels.as_ref(),
    );
    pod.metadata.annotations = merged(
        parent.metadata.annotations.as_ref(),
        child.metadata.annotations.as_ref(),
    );
    if let Some(n) = non_empty(child.metadata.name.as_ref()) {
        pod.metadata.name = Some(n.clone());
    }
    if let Some(n) = non_empty(child.metadata.namespace.as_ref()) {
        pod.metadata.namespace = Some(n.clone());
    }
    let mut s = ps.clone();
    s.node_selector = merged(ps.node_selector.as_ref(), cs.node_selector.as_ref());
    s.service_account = or_parent(
        non_empty(cs.service_account.as_ref()),
        ps.service_account.as_ref(),
    );
    s.service_account_name = or_parent(
        non_empty(cs.service_account_name.as_ref()),
        ps.service_account_name.as_ref(),
    );
    s.scheduler_name = or_parent(
        non_empty(cs.scheduler_name.as_ref()),
        ps.scheduler_name.as_ref(),
    );
    s.active_deadline_seconds = cs.active_deadline_seconds.or(ps.active_deadline_seconds);
    s.host_network = cs.host_network.or(ps.host_network);
    s.share_process_namespace = cs.share_process_namespace.or(ps.share_process_namespace);
    s.containers = combine_containers(&ps.containers, &cs.containers);
    let init = combine_containers(
        ps.init_containers.as_deref().unwrap_or_default(),
        cs.init_containers.as_deref().unwrap_or_default(),
    );
    s.init_containers = (!init.is_empty()).then_some(init);
    let mut vols: Vec<Volume> = ps.volumes.clone().unwrap_or_default();
    for v in cs.volumes.iter().flatten() {
        vols.retain(|p| p.name != v.name);
        vols.push(v.clone());
    }
    s.volumes = (!vols.is_empty()).then_some(vols);
    let mut tol = ps.tolerations.clone().unwrap_or_default();
    tol.extend(cs.tolerations.clone().unwrap_or_default());
    s.tolerations = (!tol.is_empty()).then_some(tol);
    let mut secrets = ps.image_pull_secrets.clone().unwrap_or_default();
    for x in cs.image_pull_secrets.iter().flatten() {
        if !secrets.contains(x) {
            secrets.push(x.clone());
        }
    }
    s.image_pull_secrets = (!secrets.is_empty()).then_some(secrets);
    if ps.security_context.is_some() || cs.security_context.is_some() {
        let mut sc = ps.security_context.clone().unwrap_or_default();
        let csc = cs.security_context.clone().unwrap_or_default();
        sc.run_as_user = csc.run_as_user.or(sc.run_as_user);
        sc.run_as_group = csc.run_as_group.or(sc.run_as_group);
        s.security_context = Some(sc);
    }
    pod.spec = Some(s);
    pod
}

/// The pod as the plugin builds it from a template, and what jfrun noted doing so.
#[derive(Clone, Debug, PartialEq)]
pub struct Effective {
    pub pod: Pod,
    /// The agent's root: the working directory of the agent container (`/home/jenkins/agent`).
    pub root: String,
    /// Notes for the log (the `jnlp` container left out).
    pub notes: Vec<String>,
    /// The template it was made of, which a pod nested in this one inherits.
    pub template: Template,
}

/// The effective pod of `template` for the agent labelled `label`, named `name`: the `jnlp`
/// container left out (jfrun is the agent), every container's working directory defaulting to
/// the agent's, the workspace volume added and mounted at the working directory of every
/// container that has nothing mounted there, the label `jenkins/label`, and the restart policy
/// `Never` unless one is given (the plugin's `DefaultRestartPolicy`).
pub fn effective(template: &Template, name: &str, label: &str) -> Result<Effective, String> {
    let mut pod = template.pod();
    pod.metadata.name = Some(name.to_owned());
    pod.metadata
        .labels
        .get_or_insert_with(BTreeMap::new)
        .insert(JENKINS_LABEL.to_owned(), sanitize_label(label));
    let mut notes = Vec::new();
    let mut root = DEFAULT_WORKING_DIR.to_owned();
    let spec = pod.spec.get_or_insert_with(PodSpec::default);
    if let Some(i) = spec.containers.iter().position(|c| c.name == JNLP) {
        let jnlp = spec.containers.remove(i);
        if let Some(w) = jnlp.working_dir.filter(|w| !w.is_empty()) {
            root = w;
        }
        notes.push(format!(
            "container '{JNLP}' left out: jfrun is the agent (its workspace is {root})"
        ));
    }
    if spec.containers.is_empty() {
        return Err(
            "the pod has no container but jnlp: give one for the steps to run in".to_owned(),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for c in &spec.containers {
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
    if spec.restart_policy.as_deref().is_none_or(str::is_empty) {
        spec.restart_policy = Some("Never".to_owned());
    }
    let volumes = spec.volumes.get_or_insert_with(Vec::new);
    if !volumes.iter().any(|v| v.name == WORKSPACE_VOLUME) {
        volumes.push(Volume {
            name: WORKSPACE_VOLUME.to_owned(),
            empty_dir: Some(EmptyDirVolumeSource::default()),
            ..Volume::default()
        });
    }
    for c in &mut spec.containers {
        let wd = c.working_dir.get_or_insert_with(|| root.clone()).clone();
        let mounts = c.volume_mounts.get_or_insert_with(Vec::new);
        if !mounts.iter().any(|m| same_path(&m.mount_path, &wd)) {
            mounts.push(VolumeMount {
                name: WORKSPACE_VOLUME.to_owned(),
                mount_path: wd,
                read_only: Some(false),
                ..VolumeMount::default()
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

/// The pod as YAML, as the plugin prints it (`showRawYaml`) and `--show-pod` shows it.
#[must_use]
pub fn to_yaml(pod: &Pod) -> String {
    let json = serde_json::to_value(pod).unwrap_or(Json::Null);
    let mut out = String::new();
    let mut emitter = yaml_rust2::YamlEmitter::new(&mut out);
    if emitter.dump(&from_json(&json)).is_err() {
        return json.to_string();
    }
    out.strip_prefix("---\n").unwrap_or(&out).to_owned()
}

fn from_json(j: &Json) -> Yaml {
    match j {
        Json::Null => Yaml::Null,
        Json::Bool(b) => Yaml::Boolean(*b),
        Json::Number(n) => n
            .as_i64()
            .map_or_else(|| Yaml::Real(n.to_string()), Yaml::Integer),
        Json::String(s) => Yaml::String(s.clone()),
        Json::Array(a) => Yaml::Array(a.iter().map(from_json).collect()),
        Json::Object(m) => Yaml::Hash(
            m.iter()
                .map(|(k, v)| (Yaml::String(k.clone()), from_json(v)))
                .collect(),
        ),
    }
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

    fn one(yaml: &str) -> Template {
        Template {
            yamls: vec![parse(yaml).expect("parses")],
            ..Template::default()
        }
    }

    #[test]
    fn modes_with_a_leading_zero_are_octal() {
        let p = parse(
            "spec:\n  containers:\n  - name: a\n    image: x\n    args: ['mode: 0644']\n  volumes:\n  - name: s\n    secret:\n      secretName: x\n      defaultMode: 0400\n      items:\n      - {key: k, path: p, mode: 0600}\n      - {key: l, path: q, mode: 420}\n",
        )
        .expect("parses");
        let s = volumes(&p)[0].secret.clone().expect("secret");
        assert_eq!(s.default_mode, Some(0o400));
        let items = s.items.expect("items");
        assert_eq!(items[0].mode, Some(0o600));
        assert_eq!(items[1].mode, Some(420));
        assert_eq!(
            containers(&p)[0].args.as_deref(),
            Some(&["mode: 0644".to_owned()][..])
        );
    }

    #[test]
    fn reads_a_pod_with_numbers_as_strings() {
        let pod = parse(
            "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: busybox\n    command: ['cat']\n    args: [3]\n    tty: true\n    resources:\n      limits:\n        cpu: 1\n        memory: 64Mi\n    env:\n    - name: PORT\n      value: 8080\n",
        )
        .expect("parses");
        let c = &containers(&pod)[0];
        assert_eq!(c.name, "a");
        assert_eq!(c.command.as_deref(), Some(&["cat".to_owned()][..]));
        assert_eq!(c.args.as_deref(), Some(&["3".to_owned()][..]));
        let limits = c
            .resources
            .as_ref()
            .and_then(|r| r.limits.as_ref())
            .expect("limits");
        assert_eq!(limits["cpu"].0, "1");
        let env = c.env.as_ref().expect("env");
        assert_eq!(env[0].value.as_deref(), Some("8080"));
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
        assert!(
            parse("apiVersion: v2\nkind: Pod\n")
                .expect_err("refused")
                .contains("invalid pod YAML")
        );
    }

    #[test]
    fn effective_adds_the_workspace_and_leaves_jnlp_out() {
        let t = one(
            "spec:\n  containers:\n  - name: jnlp\n    image: agent\n  - name: a\n    image: x\n  - name: b\n    image: y\n    workingDir: /src\n",
        );
        let e = effective(&t, "p-1", "job #1").expect("effective");
        assert_eq!(e.root, DEFAULT_WORKING_DIR);
        assert_eq!(e.notes.len(), 1);
        let names: Vec<_> = containers(&e.pod).iter().map(|c| &c.name[..]).collect();
        assert_eq!(names, ["a", "b"]);
        let a = &containers(&e.pod)[0];
        assert_eq!(a.working_dir.as_deref(), Some(DEFAULT_WORKING_DIR));
        let mounts = a.volume_mounts.as_ref().expect("mounts");
        assert_eq!(mounts[0].name, WORKSPACE_VOLUME);
        assert_eq!(mounts[0].mount_path, DEFAULT_WORKING_DIR);
        let b = &containers(&e.pod)[1];
        assert_eq!(
            b.volume_mounts.as_ref().expect("mounts")[0].mount_path,
            "/src"
        );
        assert_eq!(labels(&e.pod)[JENKINS_LABEL], "job__1");
    }

    #[test]
    fn effective_refuses_nameless_and_duplicate_containers() {
        let two =
            one("spec:\n  containers:\n  - name: a\n    image: x\n  - name: a\n    image: y\n");
        assert!(effective(&two, "p", "l").is_err());
        let none = one("spec:\n  containers:\n  - image: x\n");
        assert!(effective(&none, "p", "l").is_err());
    }

    const PARENT: &str = "metadata:\n  labels:\n    a: p\n    b: p\nspec:\n  serviceAccountName: builder\n  containers:\n  - name: x\n    image: px\n  - name: y\n    image: py\n    command: ['cat']\n    env:\n    - name: A\n      value: p\n  volumes:\n  - name: v\n    emptyDir: {}\n";
    const CHILD: &str = "metadata:\n  labels:\n    b: c\nspec:\n  containers:\n  - name: y\n    image: cy\n    env:\n    - name: B\n      value: c\n  - name: z\n    image: cz\n";

    fn images(p: &Pod) -> Vec<String> {
        containers(p)
            .iter()
            .map(|c| format!("{}={}", c.name, c.image.as_deref().unwrap_or("")))
            .collect()
    }

    #[test]
    fn merge_combines_the_yamls_of_a_template_and_its_parent() {
        let parent = one(PARENT);
        let mut child = one(CHILD);
        child.merge = true;
        let pod = parent.inherited_by(&child).pod();
        assert_eq!(images(&pod), ["x=px", "y=cy", "z=cz"]);
        let y = &containers(&pod)[1];
        assert_eq!(y.command.as_deref(), Some(&["cat".to_owned()][..]));
        let env: Vec<_> = y.env.iter().flatten().map(|e| e.name.as_str()).collect();
        assert_eq!(env, ["A", "B"]);
        assert_eq!(volumes(&pod).len(), 1);
        assert_eq!(labels(&pod)["a"], "p");
        assert_eq!(labels(&pod)["b"], "c");
        assert_eq!(spec(&pod).service_account_name.as_deref(), Some("builder"));
    }

    #[test]
    fn override_keeps_the_last_yaml_alone() {
        let pod = one(PARENT).inherited_by(&one(CHILD)).pod();
        assert_eq!(images(&pod), ["y=cy", "z=cz"]);
        assert!(volumes(&pod).is_empty());
    }

    #[test]
    fn the_yaml_wins_over_the_template_fields() {
        let mut t = one(
            "spec:\n  nodeSelector:\n    disk: ssd\n  containers:\n  - name: a\n    image: x\n",
        );
        t.fields =
            parse("spec:\n  serviceAccountName: sa\n  nodeSelector:\n    disk: hdd\n    zone: a\n")
                .expect("parses");
        let pod = t.pod();
        let ns = spec(&pod).node_selector.clone().expect("selector");
        assert_eq!(ns["disk"], "ssd");
        assert_eq!(ns["zone"], "a");
        assert_eq!(spec(&pod).service_account_name.as_deref(), Some("sa"));
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
}
