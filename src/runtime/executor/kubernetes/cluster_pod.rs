//! A pod on a cluster as an agent: the effective pod submitted to the API server (in the
//! template's namespace, else the one jfrun was given), watched until its containers run, steps
//! run in its containers over exec with the workspace kept in step with jfrun's copy (see
//! [`super::workspace_sync`]), deleted when the agent's block ends (or kept, `podRetention`).
//! The pod is recorded for the build's cleanup from the moment it exists, so that a failure or
//! an interruption deletes it too.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use parking_lot::Mutex;
use tokio_util::sync::CancellationToken;

use super::cluster::Cluster;
use super::cluster::exec::quote;
use super::pod::Effective;
use super::workspace_sync::{self, Snapshot};
use crate::runtime::build::Build;
use crate::runtime::process::{Command, Exit};

/// How long a pod may take to run, as the plugin's default `slaveConnectTimeout`.
pub const READY_TIMEOUT: Duration = Duration::from_secs(1000);

/// A pod running on a cluster.
pub struct OnCluster {
    /// The cluster, in the pod's namespace.
    pub cluster: Cluster,
    /// The pod's name, as the API server has it.
    pub name: String,
    /// The agent's root in the containers (`/home/jenkins/agent`).
    root: String,
    /// jfrun's copy of the workspace volume.
    host_root: std::path::PathBuf,
    /// jfrun's copy at the last sync; held while a container step syncs, so that parallel
    /// steps on the pod sync one at a time.
    synced: tokio::sync::Mutex<Snapshot>,
    /// Whether the pod was left (`podRetention`): not deleted.
    kept: Mutex<bool>,
}

impl std::fmt::Debug for OnCluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnCluster")
            .field("namespace", &self.cluster.namespace())
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// The pod as submitted: the effective pod, in `namespace` unless the template names one.
#[must_use]
pub fn manifest(e: &Effective, namespace: &str) -> Pod {
    let mut pod = e.pod.clone();
    if pod.metadata.namespace.as_deref().is_none_or(str::is_empty) {
        pod.metadata.namespace = Some(namespace.to_owned());
    }
    pod
}

/// Creates the pod `e` on `cluster` and waits until it runs, with jfrun's copy of its
/// workspace at `host_root`.
pub fn start(
    b: &Build<'_>,
    e: &Effective,
    cluster: &Cluster,
    host_root: &Path,
    cancel: &CancellationToken,
) -> Result<OnCluster, String> {
    let manifest = manifest(e, cluster.namespace());
    let namespace = manifest.metadata.namespace.clone().unwrap_or_default();
    let cluster = cluster.in_namespace(&namespace);
    let name = b.rt.block_on(cluster.create(&manifest))?;
    b.containers.pod_created(&cluster, &name);
    b.log
        .line(&format!("Created Pod: kubernetes {namespace}/{name}"));
    let waited = b.rt.block_on(cluster.wait_ready(
        &name,
        READY_TIMEOUT,
        &mut |line: &str| b.log.line(line),
        cancel,
    ));
    let on = OnCluster {
        cluster,
        name,
        root: e.root.clone(),
        host_root: host_root.to_owned(),
        synced: tokio::sync::Mutex::new(Snapshot::default()),
        kept: Mutex::new(false),
    };
    match waited {
        Ok(()) => Ok(on),
        Err(err) => {
            if let Err(e) = stop(b, &on) {
                b.log.error(&e);
            }
            Err(err)
        }
    }
}

impl OnCluster {
    /// Runs `cmd` in `container`, the files `files` (path in the container, text) written
    /// first, the workspace synced before and after.
    pub fn exec(
        &self,
        b: &Build<'_>,
        container: &str,
        cmd: Command,
        files: &[(String, String)],
        cancel: &CancellationToken,
    ) -> Result<Exit, String> {
        b.rt.block_on(async {
            let mut synced = self.synced.lock().await;
            let now = Snapshot::of(&self.host_root)?;
            let changes = synced.changes(&now);
            if !changes.changed.is_empty() {
                self.cluster
                    .copy_paths_in(
                        &self.name,
                        container,
                        &self.host_root,
                        &changes.changed,
                        &self.root,
                    )
                    .await?;
            }
            let prelude = prelude(&self.root, &changes.removed, files);
            let exit = self
                .cluster
                .exec_after(&self.name, container, cmd, &prelude, &b.log, cancel)
                .await?;
            if matches!(exit, Exit::Cancelled) {
                return Ok(exit);
            }
            let copied = self
                .cluster
                .copy_out_except(
                    &self.name,
                    container,
                    &self.root,
                    &self.host_root,
                    &workspace_sync::skipped,
                )
                .await?;
            workspace_sync::remove_others(&self.host_root, &copied)?;
            *synced = Snapshot::of(&self.host_root)?;
            Ok(exit)
        })
    }

    /// The log of `container` (the `containerLog` step).
    pub fn logs(
        &self,
        b: &Build<'_>,
        container: &str,
        tail: Option<i64>,
        since: Option<i64>,
        limit: Option<i64>,
    ) -> Result<String, String> {
        b.rt.block_on(self.cluster.logs(&self.name, container, tail, since, limit))
    }

    /// Leaves the pod on the cluster (`podRetention`).
    pub fn keep(&self, b: &Build<'_>) {
        *self.kept.lock() = true;
        b.containers.pod_kept(&self.name);
    }
}

/// The shell lines run before a step: what jfrun's side deleted since the last sync deleted
/// in the pod too, then the files the step needs (its script) written.
fn prelude(root: &str, removed: &[std::path::PathBuf], files: &[(String, String)]) -> String {
    let mut s = String::new();
    if !removed.is_empty() {
        let paths: Vec<String> = removed
            .iter()
            .map(|p| quote(&Path::new(root).join(p).to_string_lossy()))
            .collect();
        let _ = writeln!(s, "rm -rf -- {}", paths.join(" "));
    }
    for (path, text) in files {
        let mut end = "JFRUN_EOF".to_owned();
        while text.lines().any(|l| l == end) {
            end.push('_');
        }
        let dir = Path::new(path)
            .parent()
            .map_or_else(|| "/".to_owned(), |d| d.to_string_lossy().into_owned());
        let _ = writeln!(
            s,
            "mkdir -p {} && cat > {} <<'{end}' || exit 1",
            quote(&dir),
            quote(path)
        );
        s.push_str(text);
        if !text.ends_with('\n') {
            s.push('\n');
        }
        s.push_str(&end);
        s.push('\n');
    }
    s
}

/// Deletes the pod unless it was kept; a pod already gone is not an error.
pub fn stop(b: &Build<'_>, on: &OnCluster) -> Result<(), String> {
    if *on.kept.lock() {
        return Ok(());
    }
    if b.containers.keep {
        b.log.line(&format!(
            "Keeping pod {}/{} (--keep-containers): kubectl delete pod -n {} {} removes it",
            on.cluster.namespace(),
            on.name,
            on.cluster.namespace(),
            on.name
        ));
        b.containers.pod_kept(&on.name);
        return Ok(());
    }
    b.rt.block_on(on.cluster.delete(&on.name))?;
    b.containers.pod_deleted(&on.name);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::executor::kubernetes::pod;

    #[test]
    fn prelude_removes_then_writes_each_file_with_its_own_end_marker() {
        let s = prelude(
            "/home/jenkins/agent",
            &[std::path::PathBuf::from("workspace/p/old dir")],
            &[(
                "/home/jenkins/agent/workspace/p@tmp/script-1.sh".to_owned(),
                "echo a\nJFRUN_EOF\necho 'b'".to_owned(),
            )],
        );
        assert_eq!(
            s,
            "rm -rf -- '/home/jenkins/agent/workspace/p/old dir'\n\
             mkdir -p '/home/jenkins/agent/workspace/p@tmp' && cat > '/home/jenkins/agent/workspace/p@tmp/script-1.sh' <<'JFRUN_EOF_' || exit 1\n\
             echo a\nJFRUN_EOF\necho 'b'\nJFRUN_EOF_\n"
        );
    }

    #[test]
    fn the_namespace_of_the_template_wins() {
        let t = pod::Template {
            yamls: vec![
                pod::parse(
                    "metadata:\n  namespace: ci\nspec:\n  containers:\n  - name: a\n    image: busybox\n",
                )
                .expect("yaml"),
            ],
            ..pod::Template::default()
        };
        let e = pod::effective(&t, "p-1", "l").expect("effective");
        assert_eq!(
            manifest(&e, "default").metadata.namespace.as_deref(),
            Some("ci")
        );
        let t = pod::Template {
            yamls: vec![
                pod::parse("spec:\n  containers:\n  - name: a\n    image: busybox\n")
                    .expect("yaml"),
            ],
            ..pod::Template::default()
        };
        let e = pod::effective(&t, "p-1", "l").expect("effective");
        assert_eq!(
            manifest(&e, "default").metadata.namespace.as_deref(),
            Some("default")
        );
    }

    /// The first `yaml '''...'''` of a seed pipeline, as its agent's template.
    fn seed(name: &str) -> pod::Template {
        let text = std::fs::read_to_string(format!(
            "{}/fixtures/jenkinsfiles/seed/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("seed");
        let start = text.find("yaml '''").expect("yaml") + "yaml '''".len();
        let end = start + text[start..].find("'''").expect("end");
        pod::Template {
            yamls: vec![pod::parse(&text[start..end]).expect("pod")],
            ..pod::Template::default()
        }
    }

    /// The pod each seed pipeline's agent submits to the API server.
    #[test]
    fn seed_pods_as_submitted() {
        for name in [
            "03-kubernetes-dynamic-pod.Jenkinsfile",
            "04-kubernetes-multi-container.Jenkinsfile",
            "08-helm-deploy.Jenkinsfile",
        ] {
            let e = pod::effective(&seed(name), "seed-pod", "seed-label").expect("effective");
            let json = serde_json::to_string_pretty(&manifest(&e, "default")).expect("json");
            insta::assert_snapshot!(name, json);
        }
    }
}
