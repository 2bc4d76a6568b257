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
use bollard::models::{ContainerCreateBody, HostConfig};
use bollard::query_parameters::{
    CreateContainerOptions, RemoveContainerOptionsBuilder, StartContainerOptions, TopOptions,
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
    /// `--network`.
    pub network: Option<String>,
    /// `-p [ip:][hostPort:]containerPort[/proto]`.
    pub publish: Vec<String>,
    /// Without `-t` (`docker.image().run()`, `withRun`): no TTY.
    pub no_tty: bool,
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
            tty: Some(!spec.no_tty),
            exposed_ports: (!spec.publish.is_empty()).then(|| exposed_ports(&spec.publish)),
            user: spec.user.clone(),
            working_dir: spec.workdir.clone(),
            env: Some(spec.env.clone()),
            labels: Some(spec.labels.clone()),
            entrypoint: spec.entrypoint.as_ref().map(|e| vec![e.clone()]),
            host_config: Some(HostConfig {
                binds: Some(spec.binds.clone()),
                network_mode: spec.network.clone(),
                port_bindings: (!spec.publish.is_empty()).then(|| port_bindings(&spec.publish)),
                ..HostConfig::default()
            }),
            ..ContainerCreateBody::default()
        };
        let id = self
            .docker
            .create_container(None::<CreateContainerOptions>, body)
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

/// The container port of a `-p` value, with its protocol: `8080:80` gives `80/tcp`.
fn container_port(publish: &str) -> String {
    let (spec, proto) = publish.split_once('/').unwrap_or((publish, "tcp"));
    let port = spec.rsplit(':').next().unwrap_or(spec);
    format!("{port}/{proto}")
}

fn exposed_ports(publish: &[String]) -> Vec<String> {
    publish.iter().map(|p| container_port(p)).collect()
}

/// `-p` values as the engine's port bindings: `[ip:][hostPort:]containerPort[/proto]`.
fn port_bindings(publish: &[String]) -> HashMap<String, Option<Vec<bollard::models::PortBinding>>> {
    let mut out: HashMap<String, Option<Vec<bollard::models::PortBinding>>> = HashMap::new();
    for p in publish {
        let spec = p.split_once('/').map_or(p.as_str(), |(s, _)| s);
        let parts: Vec<&str> = spec.split(':').collect();
        let (ip, host) = match parts.as_slice() {
            [ip, host, _] => (Some((*ip).to_owned()), Some((*host).to_owned())),
            [host, _] => (None, Some((*host).to_owned())),
            _ => (None, None),
        };
        out.entry(container_port(p))
            .or_default()
            .get_or_insert_with(Vec::new)
            .push(bollard::models::PortBinding {
                host_ip: ip,
                host_port: host.filter(|h| !h.is_empty()),
            });
    }
    out
}
