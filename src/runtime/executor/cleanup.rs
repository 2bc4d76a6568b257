//! Every container a build created, so that none outlives it: a container is recorded as soon as
//! the engine created it and forgotten once removed; whatever is still recorded when the build
//! ends (a failure, an interruption, Ctrl-C) is removed then. Images built for the run only
//! (`agent { dockerfile }`) are recorded too, and removed after the containers.

use parking_lot::Mutex;

use super::docker::Engine;

/// The build's containers and its connection to the engine, made on first use.
#[derive(Default)]
pub struct Containers {
    engine: tokio::sync::OnceCell<Engine>,
    ids: Mutex<Vec<String>>,
    images: Mutex<Vec<String>>,
}

impl Containers {
    /// The engine, connected (and its API version negotiated) the first time.
    pub async fn engine(&self) -> Result<&Engine, String> {
        self.engine.get_or_try_init(Engine::connect).await
    }

    /// Records a container just created.
    pub fn created(&self, id: &str) {
        self.ids.lock().push(id.to_owned());
    }

    /// Forgets a container once it is removed.
    pub fn removed(&self, id: &str) {
        self.ids.lock().retain(|i| i != id);
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
        let Some(engine) = self.engine.get() else {
            return Vec::new();
        };
        let mut failed = Vec::new();
        for id in ids {
            if let Err(e) = rt.block_on(engine.remove(&id)) {
                failed.push((format!("container {id}"), e));
            }
        }
        for name in images {
            if let Err(e) = rt.block_on(engine.remove_image(&name)) {
                failed.push((format!("image {name}"), e));
            }
        }
        failed
    }
}
