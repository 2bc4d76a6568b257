//! A pod run on Docker.
//!
//! - A holder container owns the pod's network namespace and hostname (the role of the
//!   Kubernetes "pause" container). It runs the image of the pod's first container with its
//!   entrypoint replaced by `cat` on a TTY, as the docker-workflow plugin keeps its containers
//!   alive: nothing is built or pulled for it, and an image the pod uses is one the engine has.
//! - Every container of the pod is started with `network_mode: container:<holder>`: they share
//!   `localhost`, as in a pod.
//! - The workspace: one Docker volume, labelled with the run, on the `local` driver bound to a
//!   host folder (`<workspace>@pod`), mounted at the agent's root (`/home/jenkins/agent`) in every
//!   container that mounts the workspace volume. jfrun, playing the plugin's `jnlp` agent, works
//!   in that host folder: the checkout and the host-side steps (`writeFile`, `readFile`,
//!   `archiveArtifacts`, `stash`) see the files the containers write, and the other way round,
//!   as the agent container and the others share the workspace volume in the plugin's pods.
//!   An `emptyDir` volume the YAML mounts at the agent's root is that same workspace (in a real
//!   pod it would hide the agent's files from the container).
//! - Other `emptyDir` volumes are labelled Docker volumes, removed with the pod; `hostPath`
//!   volumes are binds; a `persistentVolumeClaim` is a Docker volume named after the claim
//!   (`jfrun-pvc-<claim>`), kept from run to run as a claim outlives its pods.
//! - `secret` and `configMap` volumes are files written to a host folder of the pod
//!   (`<workspace>@pod@volumes/<volume>`, outside the workspace), one per key or per `items`
//!   entry, and mounted read-only (a `subPath` mounts one file or folder of it); the folder is
//!   removed with the pod. Their Secrets and ConfigMaps, and those of `env[].valueFrom` and
//!   `envFrom`, are read as [`super::pod_data`] says: a Secret is the credential of its name,
//!   a ConfigMap a `[config_maps.NAME]` table of `.jfrun.toml`; the secret values the pod
//!   reads are masked in the log. Other `subPath`s and init containers fail the run by name.
//! - Containers run as the pod's `securityContext.runAsUser`/`runAsGroup` when given, else as
//!   the invoking user (as `agent { docker }` does), so that the workspace stays theirs.
//! - `resources.limits` `memory` and `cpu` become the container's memory and CPU limits.
//! - Images are pulled as the kubelet pulls them, by `imagePullPolicy` (`IfNotPresent` by
//!   default), without credentials.
//!
//! Every container and volume is recorded for the build's cleanup as soon as it exists.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::pod::{self, Container, Effective};
use super::pod_data;
use crate::runtime::build::Build;
use crate::runtime::executor::docker::inside::{BUILD_LABEL, PID_LABEL, WORKSPACE_LABEL};
use crate::runtime::executor::docker::{Engine, RunSpec, registry};

/// The label naming the pod a container or volume belongs to.
pub const POD_LABEL: &str = "jfrun.pod";
/// The label naming the pod's container a Docker container plays.
pub const CONTAINER_LABEL: &str = "jfrun.pod.container";
/// The label of the volumes standing for persistent volume claims (kept between runs).
pub const CLAIM_LABEL: &str = "jfrun.pvc";

/// A pod running on Docker.
#[derive(Debug)]
pub struct Running {
    /// The pod's name (its hostname, `NODE_NAME`).
    pub name: String,
    /// The holder container.
    pub holder: String,
    /// The pod's containers, in order: name and Docker id.
    pub containers: Vec<(String, String)>,
    /// The volumes made for the pod.
    pub volumes: Vec<String>,
    /// The host folder holding the files of its `secret` and `configMap` volumes, if any.
    pub files: Option<PathBuf>,
}

impl Running {
    /// The Docker id of the pod's container `name`.
    #[must_use]
    pub fn container(&self, name: &str) -> Option<&str> {
        self.containers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| id.as_str())
    }
}

/// The name of the Docker volume standing for the claim `claim`.
#[must_use]
pub fn claim_volume(claim: &str) -> String {
    format!("jfrun-pvc-{}", pod::sanitize_label(claim))
}

/// How one volume of the pod is provided.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    /// The workspace volume.
    Workspace,
    /// A Docker volume (its name).
    Volume(String),
    /// A host folder.
    Bind(String),
    /// A host folder of the pod's own (`secret` and `configMap` volumes), mounted read-only.
    Files(PathBuf),
}

/// Refuses what the emulation cannot honour, naming it.
pub fn check(e: &Effective) -> Result<(), String> {
    let spec = pod::spec(&e.pod);
    if spec.init_containers.as_ref().is_some_and(|i| !i.is_empty()) {
        return Err("initContainers of agent { kubernetes } are not run by jfrun".to_owned());
    }
    for v in pod::volumes(&e.pod) {
        if v.empty_dir.is_none()
            && v.host_path.is_none()
            && v.persistent_volume_claim.is_none()
            && v.secret.is_none()
            && v.config_map.is_none()
        {
            return Err(format!(
                "volume '{}': only emptyDir, hostPath, persistentVolumeClaim, secret and configMap volumes of agent {{ kubernetes }} are supported by jfrun",
                v.name
            ));
        }
    }
    for c in &spec.containers {
        for m in c.volume_mounts.iter().flatten() {
            let Some(v) = pod::volumes(&e.pod).iter().find(|v| v.name == m.name) else {
                return Err(format!(
                    "container '{}' mounts the volume '{}', which the pod does not declare",
                    c.name, m.name
                ));
            };
            if let Some(sub) = m.sub_path.as_deref().filter(|s| !s.is_empty()) {
                if v.secret.is_none() && v.config_map.is_none() {
                    return Err(format!(
                        "container '{}': the subPath of the mount of '{}' is not supported by jfrun (only for secret and configMap volumes)",
                        c.name, m.name
                    ));
                }
                if sub.starts_with('/') || sub.split('/').any(|p| p == "..") {
                    return Err(format!(
                        "container '{}': the subPath '{sub}' of the mount of '{}' must be relative and stay inside the volume",
                        c.name, m.name
                    ));
                }
            }
        }
        if let Some(limits) = c.resources.as_ref().and_then(|r| r.limits.as_ref()) {
            if let Some(m) = limits.get("memory") {
                pod::memory_bytes(&m.0).map_err(|e| format!("container '{}': {e}", c.name))?;
            }
            if let Some(q) = limits.get("cpu") {
                pod::nano_cpus(&q.0).map_err(|e| format!("container '{}': {e}", c.name))?;
            }
        }
    }
    Ok(())
}

/// The labels of everything made for the pod `name`.
fn labels(b: &Build<'_>, name: &str, host_root: &Path) -> HashMap<String, String> {
    HashMap::from([
        (BUILD_LABEL.to_owned(), format!("{}#{}", b.job, b.number)),
        (PID_LABEL.to_owned(), std::process::id().to_string()),
        (POD_LABEL.to_owned(), name.to_owned()),
        (WORKSPACE_LABEL.to_owned(), host_root.display().to_string()),
    ])
}

/// The user the containers run as: the pod's or container's `runAsUser`/`runAsGroup`, else the
/// invoking user.
fn user(e: &Effective, c: &Container) -> String {
    let pod_sc = pod::spec(&e.pod).security_context.as_ref();
    let sc = c.security_context.as_ref();
    let uid = sc
        .and_then(|s| s.run_as_user)
        .or_else(|| pod_sc.and_then(|s| s.run_as_user));
    let gid = sc
        .and_then(|s| s.run_as_group)
        .or_else(|| pod_sc.and_then(|s| s.run_as_group));
    match (uid, gid) {
        (None, None) => format!(
            "{}:{}",
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw()
        ),
        (Some(u), None) => u.to_string(),
        (u, Some(g)) => format!("{}:{g}", u.unwrap_or(0)),
    }
}

/// The `docker run` of a pod's container joined to the holder `holder`.
fn spec_of(
    e: &Effective,
    c: &Container,
    holder: &str,
    sources: &HashMap<String, Source>,
    workspace_volume: &str,
    labels: &HashMap<String, String>,
    env: &[(String, String)],
) -> RunSpec {
    let mut spec = RunSpec {
        image: c.image.clone().unwrap_or_default(),
        user: Some(user(e, c)),
        workdir: c.working_dir.clone(),
        network: Some(format!("container:{holder}")),
        tty: c.tty == Some(true),
        labels: labels.clone(),
        ..RunSpec::default()
    };
    spec.labels
        .insert(CONTAINER_LABEL.to_owned(), c.name.clone());
    // Kubernetes' command replaces the image's entrypoint, args its command.
    match (c.command.clone(), c.args.clone()) {
        (Some(command), args) if !command.is_empty() => {
            spec.entrypoint = Some(command[0].clone());
            spec.cmd = command[1..].to_vec();
            spec.cmd.extend(args.unwrap_or_default());
        }
        (_, Some(args)) => spec.cmd = args,
        _ => {}
    }
    for (k, v) in env {
        spec.env.push(format!("{k}={v}"));
    }
    for m in c.volume_mounts.iter().flatten() {
        let ro = if m.read_only == Some(true) { ":ro" } else { "" };
        let at_root = m.mount_path.trim_end_matches('/') == e.root.trim_end_matches('/');
        let source = match sources.get(&m.name) {
            Some(Source::Volume(_)) if at_root => &Source::Workspace,
            Some(s) => s,
            None => continue,
        };
        match source {
            Source::Workspace => {
                spec.binds
                    .push(format!("{workspace_volume}:{}{ro}", m.mount_path));
            }
            Source::Volume(v) => spec.binds.push(format!("{v}:{}{ro}", m.mount_path)),
            Source::Bind(p) => spec.binds.push(format!("{p}:{}{ro}", m.mount_path)),
            Source::Files(dir) => {
                let dir = match m.sub_path.as_deref().filter(|s| !s.is_empty()) {
                    Some(sub) => dir.join(sub),
                    None => dir.clone(),
                };
                spec.binds
                    .push(format!("{}:{}:ro", dir.display(), m.mount_path));
            }
        }
    }
    if let Some(limits) = c.resources.as_ref().and_then(|r| r.limits.as_ref()) {
        spec.memory = limits
            .get("memory")
            .and_then(|m| pod::memory_bytes(&m.0).ok());
        spec.nano_cpus = limits.get("cpu").and_then(|q| pod::nano_cpus(&q.0).ok());
    }
    spec.privileged = c
        .security_context
        .as_ref()
        .and_then(|s| s.privileged)
        .unwrap_or(false);
    spec
}

/// Starts the pod `e` on the default engine, its workspace backed by `host_root`. What is made
/// is recorded for cleanup as it is made, so that a failure half-way leaves nothing behind once
/// the build ends; the caller stops the pod with [`stop`].
pub fn start(b: &Build<'_>, e: &Effective, host_root: &Path) -> Result<Running, String> {
    check(e)?;
    let (config_file, config_maps) = crate::runtime::options::config::config_maps(&b.opts.file)?;
    let store = pod_data::Store {
        credentials: &b.credentials,
        config_maps: &config_maps,
        config_file: config_file.as_deref(),
    };
    let data = pod_data::resolve(&e.pod, &store, &node_name())?;
    for s in &data.secrets {
        b.log.masker.add(s);
    }
    let name = e.pod.metadata.name.clone().unwrap_or_default();
    let engine = b.rt.block_on(b.containers.engine())?.clone();
    pull_images(b, &engine, e)?;
    let labels = labels(b, &name, host_root);
    let mut volumes = Vec::new();
    let mut make_volume = |vname: &str, opts: HashMap<String, String>| -> Result<(), String> {
        b.rt.block_on(engine.create_volume(vname, &labels, opts))
            .map_err(|e| format!("cannot create the volume {vname}: {e}"))?;
        b.containers.volume_created(vname);
        volumes.push(vname.to_owned());
        Ok(())
    };
    // The workspace, a volume bound to the host folder.
    let workspace_volume = format!("jfrun-{name}-workspace");
    make_volume(
        &workspace_volume,
        HashMap::from([
            ("type".to_owned(), "none".to_owned()),
            ("o".to_owned(), "bind".to_owned()),
            ("device".to_owned(), host_root.display().to_string()),
        ]),
    )?;
    // The files of the secret and configMap volumes, removed if the pod does not start.
    let mut files = FilesGuard(None);
    if !data.files.is_empty() {
        let mut dir = host_root.as_os_str().to_owned();
        dir.push("@volumes");
        let dir = PathBuf::from(dir);
        files.0 = Some(dir.clone());
        write_files(&dir, &data.files)?;
    }
    let mut sources = HashMap::new();
    for v in pod::volumes(&e.pod) {
        let source = if v.name == pod::WORKSPACE_VOLUME {
            Source::Workspace
        } else if let (Some(dir), Some(_)) = (&files.0, data.files.get(&v.name)) {
            Source::Files(dir.join(pod::sanitize_label(&v.name)))
        } else if let Some(h) = &v.host_path {
            Source::Bind(h.path.clone())
        } else if let Some(claim) = &v.persistent_volume_claim {
            let vname = claim_volume(&claim.claim_name);
            if !b.rt.block_on(engine.has_volume(&vname)) {
                let claim_labels =
                    HashMap::from([(CLAIM_LABEL.to_owned(), claim.claim_name.clone())]);
                b.rt.block_on(engine.create_volume(&vname, &claim_labels, HashMap::new()))
                    .map_err(|e| format!("cannot create the volume {vname}: {e}"))?;
            }
            b.log.note(&format!(
                "volume '{}': the claim '{}' is the Docker volume {vname}, kept between runs",
                v.name, claim.claim_name
            ));
            Source::Volume(vname)
        } else {
            let vname = format!("jfrun-{name}-{}", pod::sanitize_label(&v.name));
            make_volume(&vname, HashMap::new())?;
            Source::Volume(vname)
        };
        sources.insert(v.name.clone(), source);
    }
    let host_network = pod::spec(&e.pod).host_network == Some(true);
    let first = &pod::containers(&e.pod)[0];
    let mut holder_spec = RunSpec {
        image: first.image.clone().unwrap_or_default(),
        user: Some(user(e, first)),
        entrypoint: Some("cat".to_owned()),
        hostname: Some(name.clone()),
        network: host_network.then(|| "host".to_owned()),
        tty: true,
        labels: labels.clone(),
        ..RunSpec::default()
    };
    if host_network {
        holder_spec.hostname = None;
    }
    holder_spec
        .labels
        .insert(CONTAINER_LABEL.to_owned(), String::new());
    let holder =
        b.rt.block_on(engine.run(&holder_spec, |id| b.containers.created(id)))
            .map_err(|e| format!("cannot start the pod {name}: {e}"))?;
    let mut containers = Vec::new();
    for c in pod::containers(&e.pod) {
        let env = data.env.get(&c.name).map_or(&[][..], Vec::as_slice);
        let spec = spec_of(e, c, &holder, &sources, &workspace_volume, &labels, env);
        b.log.line(&format!(
            "Starting container '{}' of pod {name}: {}",
            c.name, spec.image
        ));
        let id =
            b.rt.block_on(engine.run(&spec, |id| b.containers.created(id)))
                .map_err(|e| {
                    format!(
                        "cannot start container '{}' ({}) of pod {name}: {e}",
                        c.name, spec.image
                    )
                })?;
        containers.push((c.name.clone(), id));
    }
    let running = Running {
        name: name.clone(),
        holder,
        containers,
        volumes,
        files: files.0.clone(),
    };
    // A container whose command ends at once (`cat` without `tty: true`) cannot run steps.
    std::thread::sleep(std::time::Duration::from_millis(200));
    for (cname, id) in &running.containers {
        let (up, code) = b.rt.block_on(engine.state(id))?;
        if !up {
            return Err(format!(
                "container '{cname}' of pod {name} exited at once (exit code {}): its command must keep it running, as `command: ['cat']` with `tty: true`, or `command: ['sleep']` with `args: ['infinity']`",
                code.unwrap_or(-1)
            ));
        }
    }
    files.0 = None;
    Ok(running)
}

/// Removes the folder of a pod's volume files when dropped holding it.
struct FilesGuard(Option<PathBuf>);

impl Drop for FilesGuard {
    fn drop(&mut self) {
        if let Some(dir) = self.0.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// The node's name (`spec.nodeName`): the host's.
fn node_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_owned())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_owned())
}

/// Writes the files of the pod's `secret` and `configMap` volumes under `dir`, one folder per
/// volume; `dir` itself is the invoking user's only.
fn write_files(
    dir: &Path,
    files: &std::collections::BTreeMap<String, Vec<pod_data::File>>,
) -> Result<(), String> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let err = |p: &Path, e: std::io::Error| format!("cannot write {}: {e}", p.display());
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| err(dir, e))?;
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| err(dir, e))?;
    for (volume, list) in files {
        let vdir = dir.join(pod::sanitize_label(volume));
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true).mode(0o755);
        builder.create(&vdir).map_err(|e| err(&vdir, e))?;
        for f in list {
            let path = vdir.join(&f.path);
            if let Some(parent) = path.parent() {
                builder.create(parent).map_err(|e| err(parent, e))?;
            }
            std::fs::write(&path, &f.data).map_err(|e| err(&path, e))?;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(f.mode))
                .map_err(|e| err(&path, e))?;
        }
    }
    Ok(())
}

/// Pulls the images of the pod's containers as the kubelet does: those missing
/// (`imagePullPolicy: IfNotPresent`, the default here), all of them (`Always`), none (`Never`:
/// a missing one fails the run).
fn pull_images(b: &Build<'_>, engine: &Engine, e: &Effective) -> Result<(), String> {
    let mut done = std::collections::HashSet::new();
    for c in pod::containers(&e.pod) {
        let image = c.image.clone().unwrap_or_default();
        let policy = c.image_pull_policy.as_deref().unwrap_or("IfNotPresent");
        let have =
            b.rt.block_on(registry::exists(engine, &image))
                .map_err(|e| format!("cannot inspect image {image}: {e}"))?;
        let pull = match policy {
            "Always" => true,
            "Never" if !have => {
                return Err(format!(
                    "container '{}': image {image} is not on the engine and its imagePullPolicy is Never",
                    c.name
                ));
            }
            "Never" => false,
            _ => !have,
        };
        if pull && done.insert(image.clone()) {
            b.rt.block_on(registry::pull(engine, &image, None, &b.log))
                .map_err(|e| format!("container '{}': {e}", c.name))?;
        }
    }
    Ok(())
}

/// Leaves the pod running past the build (`podRetention`), for `jfrun clean` to remove.
pub fn keep(b: &Build<'_>, pod: &Running) {
    let mut ids: Vec<&str> = pod.containers.iter().map(|(_, id)| id.as_str()).collect();
    ids.push(&pod.holder);
    b.containers.kept(&ids, &pod.volumes);
}

/// Stops and removes the pod's containers, then its volumes.
pub fn stop(b: &Build<'_>, pod: &Running) -> Result<(), String> {
    if b.containers.keep {
        b.log.line(&format!(
            "Keeping pod {} (--keep-containers): docker exec -it {} sh",
            pod.name,
            pod.containers.first().map_or(&pod.holder, |(_, id)| id)
        ));
        return Ok(());
    }
    let engine: Engine = b.rt.block_on(b.containers.engine())?.clone();
    let mut failed = Vec::new();
    for id in pod
        .containers
        .iter()
        .map(|(_, id)| id)
        .chain(std::iter::once(&pod.holder))
    {
        match b.rt.block_on(engine.stop_and_remove(id)) {
            Ok(()) => b.containers.removed(id),
            Err(e) => failed.push(format!("container {id}: {e}")),
        }
    }
    for v in &pod.volumes {
        match b.rt.block_on(engine.remove_volume(v)) {
            Ok(()) => b.containers.volume_removed(v),
            Err(e) => failed.push(format!("volume {v}: {e}")),
        }
    }
    if let Some(dir) = &pod.files {
        if let Err(e) = std::fs::remove_dir_all(dir) {
            failed.push(format!("{}: {e}", dir.display()));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "cannot remove pod {}: {}",
            pod.name,
            failed.join("; ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_and_args_become_entrypoint_and_cmd() {
        let p = pod::Template {
            yamls: vec![pod::parse(
            "spec:\n  containers:\n  - name: a\n    image: x\n    command: ['sh', '-c']\n    args: ['sleep 1']\n    resources:\n      limits:\n        memory: 64Mi\n        cpu: 500m\n  - name: b\n    image: y\n    args: ['infinity']\n",
        )
            .expect("parses")],
            ..pod::Template::default()
        };
        let e = pod::effective(&p, "p", "l").expect("effective");
        let sources = HashMap::from([(pod::WORKSPACE_VOLUME.to_owned(), Source::Workspace)]);
        let a = spec_of(
            &e,
            &pod::containers(&e.pod)[0],
            "h",
            &sources,
            "ws",
            &HashMap::new(),
            &[],
        );
        assert_eq!(a.entrypoint.as_deref(), Some("sh"));
        assert_eq!(a.cmd, ["-c", "sleep 1"]);
        assert_eq!(a.memory, Some(64 * 1024 * 1024));
        assert_eq!(a.nano_cpus, Some(500_000_000));
        assert_eq!(a.network.as_deref(), Some("container:h"));
        assert_eq!(a.binds, ["ws:/home/jenkins/agent"]);
        let b = spec_of(
            &e,
            &pod::containers(&e.pod)[1],
            "h",
            &sources,
            "ws",
            &HashMap::new(),
            &[],
        );
        assert_eq!(b.entrypoint, None);
        assert_eq!(b.cmd, ["infinity"]);
    }

    #[test]
    fn what_cannot_be_emulated_is_named() {
        let p = pod::Template {
            yamls: vec![pod::parse(
            "spec:\n  containers:\n  - name: a\n    image: x\n    volumeMounts:\n    - {name: scratch, mountPath: /s, subPath: a}\n    - {name: conf, mountPath: /c, subPath: app.yml}\n  volumes:\n  - name: conf\n    configMap:\n      name: c\n  - name: scratch\n    emptyDir: {}\n",
        )
            .expect("parses")],
            ..pod::Template::default()
        };
        let e = pod::effective(&p, "p", "l").expect("effective");
        let err = check(&e).expect_err("refused");
        assert!(
            err.contains("the subPath of the mount of 'scratch'"),
            "{err}"
        );
    }
}
