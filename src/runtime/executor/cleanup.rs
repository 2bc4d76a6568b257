//! Every container a build created, so that none outlives it: a container is recorded as soon as
//! the engine created it and forgotten once removed; whatever is still recorded when the build
//! ends (a failure, an interruption, Ctrl-C) is removed then. Images built for the run only
//! (`agent { dockerfile }`) are recorded too, and removed after the containers, as are the
//! volumes of pods (`agent { kubernetes }`). Pods created on a cluster are recorded the same
//! way, and deleted.

use std::collections::HashMap;

use parking_lot::Mutex;

use super::docker::Engine;
use super::docker::build::DISPOSABLE_LABEL;
use super::docker::inside::{BUILD_LABEL, PID_LABEL};

/// The build's containers and its connections to engines, each made on first use: the default
/// one (`DOCKER_HOST` of jfrun's environment) and those `docker.withServer` names.
#[derive(Default)]
pub struct Containers {
    engine: tokio::sync::OnceCell<Engine>,
    others: Mutex<HashMap<String, Engine>>,
    /// The containers not yet removed, with the engine they are on (`None`: the default).
    ids: Mutex<Vec<(Option<String>, String)>>,
    images: Mutex<Vec<String>>,
    /// The volumes of pods (`agent { kubernetes }`) not yet removed, on the default engine.
    volumes: Mutex<Vec<String>>,
    /// The cluster Kubernetes agents run on, when they do not run on Docker: chosen (and
    /// connected) the first time one starts.
    pub cluster: tokio::sync::OnceCell<Option<super::kubernetes::cluster::Cluster>>,
    /// The pods created on a cluster and not yet deleted.
    pods: Mutex<Vec<(super::kubernetes::cluster::Cluster, String)>>,
    /// `--keep-containers`: nothing is removed; the ids are printed instead.
    pub keep: bool,
}

impl Containers {
    /// The record of a build that keeps its containers when `keep` is set.
    #[must_use]
    pub fn new(keep: bool) -> Self {
        Self {
            keep,
            ..Self::default()
        }
    }

    /// The engine, connected (and its API version negotiated) the first time.
    pub async fn engine(&self) -> Result<&Engine, String> {
        self.engine.get_or_try_init(Engine::connect).await
    }

    /// The engine at `host` (`None`: the default one), connected the first time.
    pub async fn engine_at(&self, host: Option<&str>) -> Result<Engine, String> {
        let Some(host) = host else {
            return self.engine().await.cloned();
        };
        if let Some(e) = self.others.lock().get(host) {
            return Ok(e.clone());
        }
        let e = Engine::connect_to(host).await?;
        self.others.lock().insert(host.to_owned(), e.clone());
        Ok(e)
    }

    /// Records a container just created on the default engine.
    pub fn created(&self, id: &str) {
        self.created_at(None, id);
    }

    /// Records a container just created on the engine at `host` (`None`: the default one).
    pub fn created_at(&self, host: Option<&str>, id: &str) {
        self.ids
            .lock()
            .push((host.map(str::to_owned), id.to_owned()));
    }

    /// Forgets a container once it is removed.
    pub fn removed(&self, id: &str) {
        self.ids.lock().retain(|(_, i)| i != id);
    }

    /// Forgets a container and the volumes kept on purpose (a pod's `podRetention`): they
    /// outlive the build, for `jfrun clean` to remove.
    pub fn kept(&self, ids: &[&str], volumes: &[String]) {
        self.ids.lock().retain(|(_, i)| !ids.contains(&i.as_str()));
        self.volumes.lock().retain(|v| !volumes.contains(v));
    }

    /// Records a pod just created on `cluster` (in its namespace).
    pub fn pod_created(&self, cluster: &super::kubernetes::cluster::Cluster, name: &str) {
        self.pods.lock().push((cluster.clone(), name.to_owned()));
    }

    /// Forgets a pod once deleted.
    pub fn pod_deleted(&self, name: &str) {
        self.pods.lock().retain(|(_, n)| n != name);
    }

    /// Forgets a pod kept on purpose (`podRetention`, `--keep-containers`).
    pub fn pod_kept(&self, name: &str) {
        self.pod_deleted(name);
    }

    /// Records a volume just created on the default engine.
    pub fn volume_created(&self, name: &str) {
        self.volumes.lock().push(name.to_owned());
    }

    /// Forgets a volume once it is removed.
    pub fn volume_removed(&self, name: &str) {
        self.volumes.lock().retain(|v| v != name);
    }

    /// Records an image (by name) to remove when the build ends.
    pub fn image_built(&self, name: &str) {
        let mut images = self.images.lock();
        if !images.iter().any(|i| i == name) {
            images.push(name.to_owned());
        }
    }

    /// Stops (one second's grace, as `docker stop --time=1`) and removes every container still
    /// recorded, then every image recorded; returns what could not be removed (`container
    /// <id>`, `image <name>`), with why. With `keep`, removes nothing and returns nothing.
    pub fn remove_all(&self, rt: &tokio::runtime::Handle) -> Vec<(String, String)> {
        if self.keep {
            return Vec::new();
        }
        let ids = std::mem::take(&mut *self.ids.lock());
        let images = std::mem::take(&mut *self.images.lock());
        let volumes = std::mem::take(&mut *self.volumes.lock());
        let pods = std::mem::take(&mut *self.pods.lock());
        let mut failed = Vec::new();
        for (cluster, name) in pods {
            if let Err(e) = rt.block_on(cluster.delete(&name)) {
                failed.push((format!("pod {}/{name}", cluster.namespace()), e));
            }
        }
        for (host, id) in ids {
            let engine = match &host {
                None => self.engine.get().cloned(),
                Some(h) => self.others.lock().get(h).cloned(),
            };
            let Some(engine) = engine else { continue };
            if let Err(e) = rt.block_on(engine.stop_and_remove(&id)) {
                failed.push((format!("container {id}"), e));
            }
        }
        let Some(engine) = self.engine.get() else {
            return failed;
        };
        // After the containers: a volume in use cannot be removed.
        for name in volumes {
            if let Err(e) = rt.block_on(engine.remove_volume(&name)) {
                failed.push((format!("volume {name}"), e));
            }
        }
        for name in images {
            if let Err(e) = rt.block_on(engine.remove_image(&name)) {
                failed.push((format!("image {name}"), e));
            }
        }
        failed
    }

    /// The containers still recorded (those `--keep-containers` keeps, at the end).
    #[must_use]
    pub fn left(&self) -> Vec<String> {
        self.ids.lock().iter().map(|(_, id)| id.clone()).collect()
    }
}

/// What `jfrun clean` removed, and what it could not.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// The containers removed.
    pub removed: Vec<String>,
    /// The containers left because the run that made them is still going.
    pub live: Vec<String>,
    /// What could not be removed (`container <id>`, `image <id>`), with why.
    pub failed: Vec<(String, String)>,
    /// The images built for a Dockerfile agent, removed.
    pub images: Vec<String>,
    /// The volumes of pods, removed.
    pub volumes: Vec<String>,
}

/// Removes what earlier runs left behind: every container labelled as jfrun's, and every image
/// built for a Dockerfile agent, whose `jfrun` process is gone (crashed, killed, or run with
/// `--keep-containers`).
pub fn clean() -> Result<Cleaned, String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async {
        let engine = Engine::connect().await?;
        let mut out = Cleaned::default();
        for (id, labels) in engine.labelled(BUILD_LABEL).await? {
            let pid = labels.get(PID_LABEL).and_then(|p| p.parse::<u32>().ok());
            if pid.is_some_and(|p| p != std::process::id() && is_jfrun(p)) {
                out.live.push(id);
                continue;
            }
            match engine.stop_and_remove(&id).await {
                Ok(()) => out.removed.push(id),
                Err(e) => out.failed.push((format!("container {id}"), e)),
            }
        }
        // After the containers, which may hold them.
        for (name, labels) in engine.volumes_labelled(BUILD_LABEL).await? {
            let pid = labels.get(PID_LABEL).and_then(|p| p.parse::<u32>().ok());
            if pid.is_some_and(|p| p != std::process::id() && is_jfrun(p)) {
                continue;
            }
            match engine.remove_volume(&name).await {
                Ok(()) => out.volumes.push(name),
                Err(e) => out.failed.push((format!("volume {name}"), e)),
            }
        }
        for (id, pid) in engine.images_labelled(DISPOSABLE_LABEL).await? {
            if pid
                .parse::<u32>()
                .is_ok_and(|p| p != std::process::id() && is_jfrun(p))
            {
                continue;
            }
            match engine.remove_image(&id).await {
                Ok(()) => out.images.push(id),
                Err(e) => out.failed.push((format!("image {id}"), e)),
            }
        }
        Ok(out)
    })
}

/// Whether the process `pid` is a running `jfrun`.
fn is_jfrun(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == "jfrun")
}
