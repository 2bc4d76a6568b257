//! Every container a build created, so that none outlives it: a container is recorded as soon as
//! the engine created it and forgotten once removed; whatever is still recorded when the build
//! ends (a failure, an interruption, Ctrl-C) is removed then. Images built for the run only
//! (`agent { dockerfile }`) are recorded too, and removed after the containers.

use std::collections::HashMap;

use parking_lot::Mutex;

use super::docker::Engine;

/// The build's containers and its connections to engines, each made on first use: the default
/// one (`DOCKER_HOST` of jfrun's environment) and those `docker.withServer` names.
#[derive(Default)]
pub struct Containers {
    engine: tokio::sync::OnceCell<Engine>,
    others: Mutex<HashMap<String, Engine>>,
    /// The containers not yet removed, with the engine they are on (`None`: the default).
    ids: Mutex<Vec<(Option<String>, String)>>,
    images: Mutex<Vec<String>>,
}

impl Containers {
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

    /// Records an image (by name) to remove when the build ends.
    pub fn image_built(&self, name: &str) {
        let mut images = self.images.lock();
        if !images.iter().any(|i| i == name) {
            images.push(name.to_owned());
        }
    }

    /// Removes (by force) every container still recorded, then every image recorded; returns
    /// what could not be removed (`container <id>`, `image <name>`), with why.
    pub fn remove_all(&self, rt: &tokio::runtime::Handle) -> Vec<(String, String)> {
        let ids = std::mem::take(&mut *self.ids.lock());
        let images = std::mem::take(&mut *self.images.lock());
        let mut failed = Vec::new();
        for (host, id) in ids {
            let engine = match &host {
                None => self.engine.get().cloned(),
                Some(h) => self.others.lock().get(h).cloned(),
            };
            let Some(engine) = engine else { continue };
            if let Err(e) = rt.block_on(engine.remove(&id)) {
                failed.push((format!("container {id}"), e));
            }
        }
        let Some(engine) = self.engine.get() else {
            return failed;
        };
        for name in images {
            if let Err(e) = rt.block_on(engine.remove_image(&name)) {
                failed.push((format!("image {name}"), e));
            }
        }
        failed
    }
}
