//! The Docker executor: the Engine API through bollard (the socket of `DOCKER_HOST`, or the
//! local default), with the API version negotiated so that older engines answer. Containers are
//! started as the docker-workflow plugin starts them for `docker.image().inside` and
//! `agent { docker }`: detached, with a TTY, kept alive by `cat`, as the invoking user, with the
//! workspace and its `@tmp` folder mounted at the same paths; steps run in them through exec.

pub mod args;
pub mod build;
pub mod dockerignore;
pub mod exec;
pub mod inside;
pub mod registry;

use std::collections::HashMap;

use bollard::Docker;
use bollard::models::{ContainerCreateBody, HostConfig, PortBinding, ResourcesUlimits};
use bollard::query_parameters::{
    CreateContainerOptionsBuilder, ListContainersOptionsBuilder, ListImagesOptionsBuilder,
    RemoveContainerOptionsBuilder, StartContainerOptions, StopContainerOptionsBuilder, TopOptions,
};

/// A connection to a Docker engine.
#[derive(Clone)]
pub struct Engine {
    docker: Docker,
}

/// What `docker run` is asked for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunSpec {
    /// The image.
    pub image: String,
    /// `-u`: `uid:gid`.
    pub user: Option<String>,
    /// `-w`.
    pub workdir: Option<String>,
    /// `-v host:container[:options]`.
    pub binds: Vec<String>,
    /// `-e NAME=value`.
    pub env: Vec<String>,
    /// `--entrypoint`: `Some("")` resets the image's.
    pub entrypoint: Option<String>,
    /// `--label`, and the labels that mark a container as jfrun's.
    pub labels: HashMap<String, String>,
    /// The command after the image.
    pub cmd: Vec<String>,
    /// `--name`.
    pub name: Option<String>,
    /// `-h`, `--hostname`.
    pub hostname: Option<String>,
    /// `--network`, `--net`.
    pub network: Option<String>,
    /// `-m`, `--memory`, in bytes.
    pub memory: Option<i64>,
    /// `--cpus`, in billionths of a CPU.
    pub nano_cpus: Option<i64>,
    /// `-c`, `--cpu-shares`.
    pub cpu_shares: Option<i64>,
    /// `--shm-size`, in bytes.
    pub shm_size: Option<i64>,
    /// `--privileged`.
    pub privileged: bool,
    /// `--init`.
    pub init: bool,
    /// `--cap-add`.
    pub cap_add: Vec<String>,
    /// `--cap-drop`.
    pub cap_drop: Vec<String>,
    /// `--add-host host:ip`.
    pub extra_hosts: Vec<String>,
    /// `--group-add`.
    pub group_add: Vec<String>,
    /// `--tmpfs path[:options]`: path to options.
    pub tmpfs: HashMap<String, String>,
    /// `-p [ip:][host:]container[/proto]`: `container/proto` to the host bindings.
    pub ports: HashMap<String, Vec<PortBinding>>,
    /// `--ulimit name=soft[:hard]`.
    pub ulimits: Vec<ResourcesUlimits>,
    /// Whether the container gets a TTY (`-t`): the plugin's `inside` asks for one, `run` and
    /// `withRun` do not.
    pub tty: bool,
}

impl Engine {
    /// Connects to the engine of `DOCKER_HOST` (or the local socket) and agrees on an API
    /// version with it.
    pub async fn connect() -> Result<Self, String> {
        let where_ = std::env::var("DOCKER_HOST")
            .unwrap_or_else(|_| "unix:///var/run/docker.sock".to_owned());
        let docker = Docker::connect_with_defaults()
            .map_err(|e| format!("cannot connect to the Docker engine at {where_}: {e}"))?;
        let docker = docker
            .negotiate_version()
            .await
            .map_err(|e| format!("no Docker engine answers at {where_}: {e}"))?;
        Ok(Self { docker })
    }

    /// Connects to the engine at `host` (`unix:///path`, `tcp://host:port`), as
    /// `docker.withServer` names it, and agrees on an API version with it.
    pub async fn connect_to(host: &str) -> Result<Self, String> {
        let docker = Docker::connect_with_host(host)
            .map_err(|e| format!("cannot connect to the Docker engine at {host}: {e}"))?;
        let docker = docker
            .negotiate_version()
            .await
            .map_err(|e| format!("no Docker engine answers at {host}: {e}"))?;
        Ok(Self { docker })
    }

    /// The bollard client.
    #[must_use]
    pub fn client(&self) -> &Docker {
        &self.docker
    }

    /// Creates and starts a container; returns its id. `created` is told the id as soon as the
    /// container exists, before it is started, so that a failed start leaves nothing behind.
    pub async fn run(&self, spec: &RunSpec, created: impl FnOnce(&str)) -> Result<String, String> {
        let body = ContainerCreateBody {
            image: Some(spec.image.clone()),
            cmd: Some(spec.cmd.clone()),
            tty: Some(spec.tty),
            hostname: spec.hostname.clone(),
            exposed_ports: (!spec.ports.is_empty()).then(|| spec.ports.keys().cloned().collect()),
            user: spec.user.clone(),
            working_dir: spec.workdir.clone(),
            env: Some(spec.env.clone()),
            labels: Some(spec.labels.clone()),
            entrypoint: spec.entrypoint.as_ref().map(|e| vec![e.clone()]),
            host_config: Some(HostConfig {
                binds: Some(spec.binds.clone()),
                network_mode: spec.network.clone(),
                memory: spec.memory,
                nano_cpus: spec.nano_cpus,
                cpu_shares: spec.cpu_shares,
                shm_size: spec.shm_size,
                privileged: spec.privileged.then_some(true),
                init: spec.init.then_some(true),
                cap_add: non_empty(&spec.cap_add),
                cap_drop: non_empty(&spec.cap_drop),
                extra_hosts: non_empty(&spec.extra_hosts),
                group_add: non_empty(&spec.group_add),
                tmpfs: (!spec.tmpfs.is_empty()).then(|| spec.tmpfs.clone()),
                port_bindings: (!spec.ports.is_empty()).then(|| {
                    spec.ports
                        .iter()
                        .map(|(k, v)| (k.clone(), Some(v.clone())))
                        .collect()
                }),
                ulimits: non_empty(&spec.ulimits),
                ..HostConfig::default()
            }),
            ..ContainerCreateBody::default()
        };
        let id = self
            .docker
            .create_container(
                spec.name
                    .as_ref()
                    .map(|n| CreateContainerOptionsBuilder::new().name(n).build()),
                body,
            )
            .await
            .map_err(|e| e.to_string())?
            .id;
        created(&id);
        self.docker
            .start_container(&id, None::<StartContainerOptions>)
            .await
            .map_err(|e| e.to_string())?;
        Ok(id)
    }

    /// The commands of the container's processes (`docker top`).
    pub async fn commands(&self, id: &str) -> Result<Vec<String>, String> {
        let top = self
            .docker
            .top_processes(id, None::<TopOptions>)
            .await
            .map_err(|e| e.to_string())?;
        let titles = top.titles.unwrap_or_default();
        let col = titles
            .iter()
            .position(|t| t == "CMD" || t == "COMMAND")
            .unwrap_or(titles.len().saturating_sub(1));
        Ok(top
            .processes
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| p.get(col).cloned())
            .collect())
    }

    /// Stops a container, killing it after a second's grace (`docker stop --time=1`), then
    /// removes it with its anonymous volumes.
    pub async fn stop_and_remove(&self, id: &str) -> Result<(), String> {
        let stop = StopContainerOptionsBuilder::default().t(1).build();
        match self.docker.stop_container(id, Some(stop)).await {
            // 304: already stopped; 404: already gone.
            Ok(())
            | Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 304 | 404,
                ..
            }) => {}
            // Removal by force kills what stopping could not.
            Err(_) => {}
        }
        self.remove(id).await
    }

    /// The ids and labels of the containers, running or not, that carry the label `key`.
    pub async fn labelled(
        &self,
        key: &str,
    ) -> Result<Vec<(String, HashMap<String, String>)>, String> {
        let filters = HashMap::from([("label".to_owned(), vec![key.to_owned()])]);
        let opts = ListContainersOptionsBuilder::default()
            .all(true)
            .filters(&filters)
            .build();
        let list = self
            .docker
            .list_containers(Some(opts))
            .await
            .map_err(|e| e.to_string())?;
        Ok(list
            .into_iter()
            .filter_map(|c| Some((c.id?, c.labels.unwrap_or_default())))
            .collect())
    }

    /// The ids of the images that carry the label `key`, with its value.
    pub async fn images_labelled(&self, key: &str) -> Result<Vec<(String, String)>, String> {
        let filters = HashMap::from([("label".to_owned(), vec![key.to_owned()])]);
        let opts = ListImagesOptionsBuilder::default()
            .filters(&filters)
            .build();
        let list = self
            .docker
            .list_images(Some(opts))
            .await
            .map_err(|e| e.to_string())?;
        Ok(list
            .into_iter()
            .map(|i| {
                let v = i.labels.get(key).cloned().unwrap_or_default();
                (i.id, v)
            })
            .collect())
    }

    /// Removes a container by force, with its anonymous volumes (`docker rm -f --volumes`).
    pub async fn remove(&self, id: &str) -> Result<(), String> {
        let opts = RemoveContainerOptionsBuilder::default()
            .force(true)
            .v(true)
            .build();
        match self.docker.remove_container(id, Some(opts)).await {
            Ok(()) => Ok(()),
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
}

impl Engine {
    /// Creates a volume (`docker volume create`) with `labels`, on the `local` driver with
    /// `driver_opts` (`type=none,o=bind,device=<dir>` backs it by a host folder).
    pub async fn create_volume(
        &self,
        name: &str,
        labels: &HashMap<String, String>,
        driver_opts: HashMap<String, String>,
    ) -> Result<(), String> {
        let req = bollard::models::VolumeCreateRequest {
            name: Some(name.to_owned()),
            driver: Some("local".to_owned()),
            driver_opts: (!driver_opts.is_empty()).then_some(driver_opts),
            labels: Some(labels.clone()),
            ..bollard::models::VolumeCreateRequest::default()
        };
        self.docker
            .create_volume(req)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Removes a volume by force; one already gone is no error.
    pub async fn remove_volume(&self, name: &str) -> Result<(), String> {
        let opts = bollard::query_parameters::RemoveVolumeOptionsBuilder::default()
            .force(true)
            .build();
        match self.docker.remove_volume(name, Some(opts)).await {
            Ok(())
            | Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Whether the volume `name` exists.
    pub async fn has_volume(&self, name: &str) -> bool {
        self.docker.inspect_volume(name).await.is_ok()
    }

    /// The names and labels of the volumes that carry the label `key`.
    pub async fn volumes_labelled(
        &self,
        key: &str,
    ) -> Result<Vec<(String, HashMap<String, String>)>, String> {
        let filters = HashMap::from([("label".to_owned(), vec![key.to_owned()])]);
        let opts = bollard::query_parameters::ListVolumesOptionsBuilder::default()
            .filters(&filters)
            .build();
        let list = self
            .docker
            .list_volumes(Some(opts))
            .await
            .map_err(|e| e.to_string())?;
        Ok(list
            .volumes
            .unwrap_or_default()
            .into_iter()
            .map(|v| (v.name, v.labels))
            .collect())
    }

    /// Whether the container is running, and its exit code when it is not.
    pub async fn state(&self, id: &str) -> Result<(bool, Option<i64>), String> {
        let info = self
            .docker
            .inspect_container(
                id,
                None::<bollard::query_parameters::InspectContainerOptions>,
            )
            .await
            .map_err(|e| e.to_string())?;
        let state = info.state.unwrap_or_default();
        Ok((state.running == Some(true), state.exit_code))
    }

    /// The output of the container's main process so far (`docker logs`), both streams: the
    /// last `tail` lines when given, from `since` (seconds since the epoch) when not 0.
    pub async fn logs(&self, id: &str, tail: Option<usize>, since: i32) -> Result<String, String> {
        use futures_util::StreamExt;
        let opts = bollard::query_parameters::LogsOptions {
            stdout: true,
            stderr: true,
            since,
            tail: tail.map_or_else(|| "all".to_owned(), |n| n.to_string()),
            ..Default::default()
        };
        let mut stream = self.docker.logs(id, Some(opts));
        let mut out = Vec::new();
        while let Some(chunk) = stream.next().await {
            out.extend_from_slice(&chunk.map_err(|e| e.to_string())?.into_bytes());
        }
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

fn non_empty<T: Clone>(v: &[T]) -> Option<Vec<T>> {
    (!v.is_empty()).then(|| v.to_vec())
}
