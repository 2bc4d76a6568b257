//! Every container a build created, so that none outlives it: a container is recorded as soon as
//! the engine created it and forgotten once removed; whatever is still recorded when the build
//! ends (a failure, an interruption, Ctrl-C) is removed then.

use parking_lot::Mutex;

use super::docker::Engine;

/// The build's containers and its connection to the engine, made on first use.
#[derive(Default)]
pub struct Containers {
    engine: tokio::sync::OnceCell<Engine>,
    ids: Mutex<Vec<String>>,
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

    /// Removes (by force) every container still recorded; returns the ids that could not be
    /// removed, with why.
    pub fn remove_all(&self, rt: &tokio::runtime::Handle) -> Vec<(String, String)> {
        let ids = std::mem::take(&mut *self.ids.lock());
        let Some(engine) = self.engine.get() else {
            return Vec::new();
        };
        let mut failed = Vec::new();
        for id in ids {
            if let Err(e) = rt.block_on(engine.remove(&id)) {
                failed.push((id, e));
            }
        }
        failed
    }
}
