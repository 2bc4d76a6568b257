//! A pod started for an agent, on whichever backend runs pods: the Docker engine (the pod
//! emulated, [`docker_pod`]) or a cluster ([`cluster_pod`]). The backend is chosen once per
//! build: `--kubernetes docker|cluster`, else a cluster when a Kubernetes configuration with a
//! current context (or `--kube-context`) is there, else Docker.

use std::path::{Path, PathBuf};

use tokio_util::sync::CancellationToken;

use super::cluster::Cluster;
use super::{cluster_pod, docker_pod, pod};
use crate::runtime::build::Build;
use crate::runtime::executor::docker;
use crate::runtime::options::KubernetesBackend;
use crate::runtime::process::{Command, Exit};

/// A pod running for an agent.
#[derive(Debug)]
pub struct RunningPod {
    /// The pod's name (`NODE_NAME`).
    pub name: String,
    /// The agent's label (`POD_LABEL`).
    pub label: String,
    /// The agent's root in the containers (`/home/jenkins/agent`).
    pub root: String,
    /// jfrun's side of the workspace volume.
    pub host_root: PathBuf,
    /// The template the pod was made of, which a pod nested in this one inherits.
    pub template: pod::Template,
    /// The names of the pod's containers, in order.
    pub containers: Vec<String>,
    /// Where it runs.
    pub on: On,
}

/// Where a pod runs.
#[derive(Debug)]
pub enum On {
    /// On the Docker engine.
    Docker(Box<docker_pod::Running>),
    /// On a cluster.
    Cluster(Box<cluster_pod::OnCluster>),
}

/// The cluster pods run on for this build, `None` for Docker; chosen the first time.
fn cluster(b: &Build<'_>) -> Result<Option<Cluster>, String> {
    b.rt.block_on(b.containers.cluster.get_or_try_init(|| async {
        let o = b.opts;
        let wanted = match o.kubernetes {
            KubernetesBackend::Docker => false,
            KubernetesBackend::Cluster => true,
            KubernetesBackend::Auto => o.kube_context.is_some() || has_context(),
        };
        if !wanted {
            return Ok(None);
        }
        Cluster::connect(o.kube_context.as_deref(), o.namespace.as_deref())
            .await
            .map(Some)
    }))
    .cloned()
}

/// Whether a Kubernetes configuration names a current context.
fn has_context() -> bool {
    kube::config::Kubeconfig::read().is_ok_and(|k| k.current_context.is_some_and(|c| !c.is_empty()))
}

/// Starts the pod `e` on the build's backend, jfrun's side of its workspace at `host_root`.
pub fn start(
    b: &Build<'_>,
    e: &pod::Effective,
    host_root: &Path,
    cancel: &CancellationToken,
) -> Result<RunningPod, String> {
    let name = e.pod.metadata.name.clone().unwrap_or_default();
    let label = pod::labels(&e.pod)
        .get(pod::JENKINS_LABEL)
        .cloned()
        .unwrap_or_default();
    let containers = pod::containers(&e.pod)
        .iter()
        .map(|c| c.name.clone())
        .collect();
    let on = if let Some(c) = cluster(b)? {
        let started = cluster_pod::start(b, e, &c, host_root, cancel).map_err(|err| {
            if b.opts.kubernetes == KubernetesBackend::Auto {
                format!(
                    "{err} (the pod went to the cluster because the Kubernetes configuration has a current context; --kubernetes docker runs it on Docker)"
                )
            } else {
                err
            }
        })?;
        On::Cluster(Box::new(started))
    } else {
        b.log.line(&format!("Created Pod: docker {name}"));
        On::Docker(Box::new(docker_pod::start(b, e, host_root)?))
    };
    Ok(RunningPod {
        name,
        label,
        root: e.root.clone(),
        host_root: host_root.to_owned(),
        template: e.template.clone(),
        containers,
        on,
    })
}

impl RunningPod {
    /// The names of the pod's containers.
    #[must_use]
    pub fn names(&self) -> Vec<&str> {
        self.containers.iter().map(String::as_str).collect()
    }

    /// Whether the pod has the container `name`.
    #[must_use]
    pub fn has(&self, name: &str) -> bool {
        self.containers.iter().any(|c| c == name)
    }

    /// Where the containers see the host path `p`: under the agent's root when `p` is under
    /// jfrun's side of the workspace volume, else unchanged.
    #[must_use]
    pub fn to_container(&self, p: &Path) -> PathBuf {
        match p.strip_prefix(&self.host_root) {
            Ok(rest) if rest.as_os_str().is_empty() => PathBuf::from(&self.root),
            Ok(rest) => Path::new(&self.root).join(rest),
            Err(_) => p.to_owned(),
        }
    }

    /// `s` with jfrun's side of the workspace volume replaced by the agent's root where it
    /// starts it (environment values such as `WORKSPACE`).
    #[must_use]
    pub fn text_to_container(&self, s: &str) -> String {
        let host = self.host_root.display().to_string();
        match s.strip_prefix(&host) {
            Some(rest) if rest.is_empty() || rest.starts_with(['/', '@']) => {
                format!("{}{rest}", self.root)
            }
            _ => s.to_owned(),
        }
    }

    /// Runs `cmd` (paths already as the container sees them) in the container `name`, the
    /// files `files` (path in the container, text) being there when it starts.
    pub fn exec(
        &self,
        b: &Build<'_>,
        name: &str,
        cmd: Command,
        files: &[(String, String)],
        cancel: &CancellationToken,
    ) -> Result<Exit, String> {
        match &self.on {
            // On Docker the files are in the workspace volume already.
            On::Docker(d) => {
                let id = d
                    .container(name)
                    .ok_or_else(|| format!("no container '{name}' in pod {}", self.name))?;
                b.rt.block_on(async {
                    let engine = b.containers.engine().await?;
                    docker::exec::run(engine, id, cmd, &b.log, cancel).await
                })
            }
            On::Cluster(c) => c.exec(b, name, cmd, files, cancel),
        }
    }

    /// The log of the container `name`: its last `tail` lines, those of the last `since`
    /// seconds, at most `limit` bytes, when given.
    pub fn logs(
        &self,
        b: &Build<'_>,
        name: &str,
        tail: Option<i64>,
        since: Option<i64>,
        limit: Option<i64>,
    ) -> Result<String, String> {
        let text = match &self.on {
            On::Docker(d) => {
                let id = d
                    .container(name)
                    .ok_or_else(|| format!("no container '{name}' in pod {}", self.name))?;
                let since = since.map_or(0, |s| {
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs());
                    i32::try_from(now.saturating_sub(s.unsigned_abs())).unwrap_or(0)
                });
                let tail = tail.and_then(|t| usize::try_from(t).ok());
                let text = b
                    .rt
                    .block_on(async { b.containers.engine().await?.logs(id, tail, since).await })?;
                match limit.and_then(|l| usize::try_from(l).ok()) {
                    Some(l) if text.len() > l => {
                        let mut cut = l;
                        while !text.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        text[..cut].to_owned()
                    }
                    _ => text,
                }
            }
            On::Cluster(c) => c.logs(b, name, tail, since, limit)?,
        };
        Ok(text)
    }

    /// What to run to look into the pod's first container, for a pod left running.
    #[must_use]
    pub fn shell_hint(&self) -> String {
        match &self.on {
            On::Docker(d) => format!(
                "docker exec -it {} sh",
                d.containers.first().map_or(&d.holder, |(_, id)| id)
            ),
            On::Cluster(c) => format!(
                "kubectl exec -it -n {} {} -- sh",
                c.cluster.namespace(),
                c.name
            ),
        }
    }

    /// Leaves the pod running past its block (`podRetention`): `jfrun clean` removes it from
    /// Docker; on a cluster, deleting it is the user's.
    pub fn keep(&self, b: &Build<'_>) {
        match &self.on {
            On::Docker(d) => docker_pod::keep(b, d),
            On::Cluster(c) => c.keep(b),
        }
    }

    /// Removes the pod and what was made for it.
    pub fn stop(&self, b: &Build<'_>) -> Result<(), String> {
        match &self.on {
            On::Docker(d) => docker_pod::stop(b, d),
            On::Cluster(c) => cluster_pod::stop(b, c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_into_the_pod() {
        let r = RunningPod {
            name: "p".into(),
            label: "l".into(),
            root: "/home/jenkins/agent".into(),
            host_root: "/w/job@pod".into(),
            template: pod::Template::default(),
            containers: vec!["a".into()],
            on: On::Docker(Box::new(docker_pod::Running {
                name: "p".into(),
                holder: "h".into(),
                containers: vec![("a".into(), "1".into())],
                volumes: Vec::new(),
                files: None,
            })),
        };
        assert_eq!(
            r.to_container(Path::new("/w/job@pod/workspace/job")),
            Path::new("/home/jenkins/agent/workspace/job")
        );
        assert_eq!(
            r.to_container(Path::new("/elsewhere")),
            Path::new("/elsewhere")
        );
        assert_eq!(
            r.text_to_container("/w/job@pod/workspace/job@tmp"),
            "/home/jenkins/agent/workspace/job@tmp"
        );
        assert_eq!(r.text_to_container("/w/job@pod2"), "/w/job@pod2");
    }
}
