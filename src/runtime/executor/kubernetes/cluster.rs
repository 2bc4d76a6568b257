//! A pod on a real Kubernetes cluster, through the API server: created from a
//! `k8s_openapi` [`Pod`], watched until its containers run (or diagnosed when they cannot),
//! commands executed in its containers, files copied in and out, its logs read, and deleted.
//!
//! - [`ready`]: the watch that waits for the pod, reporting progress, failing on timeout.
//! - [`diagnose`]: a pod's status as ready, pending (and on what) or never going to run (image
//!   pull failure, unschedulable, crash loop, terminated container, failed pod).
//! - [`channel`]: the exec WebSocket and its channel protocol (`v5.channel.k8s.io`, else
//!   `v4.channel.k8s.io`).
//! - [`exec`]: a step's command run with `sh` reading the script on its standard input, so the
//!   environment never appears in the request URL.
//! - [`copy`]: directories copied with `tar` over exec, as `kubectl cp` does.

pub mod channel;
pub mod copy;
pub mod diagnose;
pub mod exec;
pub mod ready;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use kube::api::{Api, DeleteParams, LogParams, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use tokio_util::sync::CancellationToken;

use crate::runtime::log::Log;
use crate::runtime::process::{Command, Exit};

/// A connection to one namespace of a Kubernetes cluster.
#[derive(Clone)]
pub struct Cluster {
    client: kube::Client,
    namespace: String,
    /// The API server's address, for error messages.
    server: String,
    /// The kubeconfig context used, for error messages (empty when there is none).
    context: String,
}

impl Cluster {
    /// Connects with the kubeconfig (`KUBECONFIG`, else `~/.kube/config`): its current context,
    /// or `context` when given. The namespace is `namespace` when given, else the context's,
    /// else `default`.
    pub async fn connect(context: Option<&str>, namespace: Option<&str>) -> Result<Self, String> {
        let kubeconfig = Kubeconfig::read().map_err(|e| {
            format!("cannot read the Kubernetes configuration (KUBECONFIG or ~/.kube/config): {e}")
        })?;
        Self::from_kubeconfig(kubeconfig, context, namespace).await
    }

    /// Connects with `kubeconfig` as [`Cluster::connect`] does with the one it reads.
    pub async fn from_kubeconfig(
        kubeconfig: Kubeconfig,
        context: Option<&str>,
        namespace: Option<&str>,
    ) -> Result<Self, String> {
        let name = context
            .map(str::to_owned)
            .or_else(|| kubeconfig.current_context.clone())
            .unwrap_or_default();
        let options = KubeConfigOptions {
            context: context.map(str::to_owned),
            ..KubeConfigOptions::default()
        };
        let mut config = kube::Config::from_custom_kubeconfig(kubeconfig, &options)
            .await
            .map_err(|e| {
                let which = if name.is_empty() {
                    "the current context".to_owned()
                } else {
                    format!("context {name}")
                };
                format!("cannot use {which} of the Kubernetes configuration: {e}")
            })?;
        if let Some(ns) = namespace {
            ns.clone_into(&mut config.default_namespace);
        }
        Self::from_config(config, name)
    }

    /// Connects to the API server at `url` without authentication (a local proxy such as
    /// `kubectl proxy`, or a test's server), in `namespace` (default `default`).
    pub fn from_url(url: &str, namespace: Option<&str>) -> Result<Self, String> {
        let uri = url
            .parse()
            .map_err(|e| format!("invalid Kubernetes API address {url}: {e}"))?;
        let mut config = kube::Config::new(uri);
        if let Some(ns) = namespace {
            ns.clone_into(&mut config.default_namespace);
        }
        Self::from_config(config, String::new())
    }

    fn from_config(config: kube::Config, context: String) -> Result<Self, String> {
        let server = config.cluster_url.to_string();
        let namespace = config.default_namespace.clone();
        let client = kube::Client::try_from(config).map_err(|e| {
            format!("cannot set up a client for the Kubernetes API at {server}: {e}")
        })?;
        Ok(Cluster {
            client,
            namespace,
            server,
            context,
        })
    }

    /// The namespace pods are created in.
    #[must_use]
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    fn pods(&self) -> Api<Pod> {
        Api::namespaced(self.client.clone(), &self.namespace)
    }

    /// Creates `pod` in the namespace; returns its name (the server's, when the pod only has
    /// `generateName`).
    pub async fn create(&self, pod: &Pod) -> Result<String, String> {
        let created = self
            .pods()
            .create(&PostParams::default(), pod)
            .await
            .map_err(|e| self.error("cannot create the pod", &e))?;
        created
            .metadata
            .name
            .ok_or_else(|| "the API server created a pod without a name".to_owned())
    }

    /// Waits until every container of the pod `name` runs, reporting progress; fails early
    /// when it never will (see [`ready`]), or after `timeout`, or on cancellation.
    pub async fn wait_ready(
        &self,
        name: &str,
        timeout: Duration,
        progress: &mut dyn FnMut(&str),
        cancel: &CancellationToken,
    ) -> Result<(), String> {
        ready::wait(self, name, timeout, progress, cancel).await
    }

    /// Runs `cmd` in `container` of `pod` (see [`exec`]): its output streamed into `log`,
    /// standard output kept instead when `capture_stdout`, its exit code returned.
    pub async fn exec(
        &self,
        pod: &str,
        container: &str,
        cmd: Command,
        log: &Arc<Log>,
        cancel: &CancellationToken,
    ) -> Result<Exit, String> {
        exec::run(self, pod, container, cmd, "", log, cancel).await
    }

    /// [`Cluster::exec`] with the shell lines `prelude` run first (files written, files
    /// removed), in the same connection.
    pub async fn exec_after(
        &self,
        pod: &str,
        container: &str,
        cmd: Command,
        prelude: &str,
        log: &Arc<Log>,
        cancel: &CancellationToken,
    ) -> Result<Exit, String> {
        exec::run(self, pod, container, cmd, prelude, log, cancel).await
    }

    /// Copies the contents of `local_dir` into `remote_dir` (which must exist) in `container`.
    pub async fn copy_in(
        &self,
        pod: &str,
        container: &str,
        local_dir: &Path,
        remote_dir: &str,
    ) -> Result<(), String> {
        copy::copy_in(self, pod, container, local_dir, remote_dir).await
    }

    /// Copies `paths` (relative to `local_dir`) into `remote_dir` in `container`.
    pub async fn copy_paths_in(
        &self,
        pod: &str,
        container: &str,
        local_dir: &Path,
        paths: &[std::path::PathBuf],
        remote_dir: &str,
    ) -> Result<(), String> {
        copy::copy_paths_in(self, pod, container, local_dir, paths, remote_dir).await
    }

    /// Copies the contents of `remote_dir` in `container` into `local_dir` but for the entries
    /// `skip` names; returns the paths copied.
    pub async fn copy_out_except(
        &self,
        pod: &str,
        container: &str,
        remote_dir: &str,
        local_dir: &Path,
        skip: &dyn Fn(&Path) -> bool,
    ) -> Result<std::collections::BTreeSet<std::path::PathBuf>, String> {
        copy::copy_out_except(self, pod, container, remote_dir, local_dir, skip).await
    }

    /// The same cluster, pods going to `namespace`.
    #[must_use]
    pub fn in_namespace(&self, namespace: &str) -> Cluster {
        Cluster {
            namespace: namespace.to_owned(),
            ..self.clone()
        }
    }

    /// Copies the contents of `remote_dir` in `container` into `local_dir`.
    pub async fn copy_out(
        &self,
        pod: &str,
        container: &str,
        remote_dir: &str,
        local_dir: &Path,
    ) -> Result<(), String> {
        copy::copy_out(self, pod, container, remote_dir, local_dir).await
    }

    /// The log of `container` in `pod` (the `containerLog` step): its last `tail` lines,
    /// those of the last `since` seconds, at most `limit` bytes, when given.
    pub async fn logs(
        &self,
        pod: &str,
        container: &str,
        tail: Option<i64>,
        since: Option<i64>,
        limit: Option<i64>,
    ) -> Result<String, String> {
        let params = LogParams {
            container: Some(container.to_owned()),
            tail_lines: tail,
            since_seconds: since,
            limit_bytes: limit,
            ..LogParams::default()
        };
        self.pods()
            .logs(pod, &params)
            .await
            .map_err(|e| self.error(&format!("cannot read the log of {pod}/{container}"), &e))
    }

    /// Deletes the pod `name` at once (grace period 0); a pod already gone is not an error.
    pub async fn delete(&self, name: &str) -> Result<(), String> {
        let params = DeleteParams {
            grace_period_seconds: Some(0),
            ..DeleteParams::default()
        };
        match self.pods().delete(name, &params).await {
            Ok(_) => Ok(()),
            Err(kube::Error::Api(s)) if s.code == 404 => Ok(()),
            Err(e) => Err(self.error(&format!("cannot delete the pod {name}"), &e)),
        }
    }

    /// `what` failed with `e`, said so that a user can act on it: the API server's own message
    /// when it answered, else that it could not be reached (naming the context).
    fn error(&self, what: &str, e: &kube::Error) -> String {
        match e {
            kube::Error::Api(s) => {
                let reason = if s.reason.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", s.reason)
                };
                format!(
                    "{what} in namespace {}: {}{reason}",
                    self.namespace, s.message
                )
            }
            _ => self.unreachable(what, e),
        }
    }

    /// `what` failed because the API server could not be reached.
    fn unreachable(&self, what: &str, e: &dyn std::fmt::Display) -> String {
        let context = if self.context.is_empty() {
            String::new()
        } else {
            format!(" (context {})", self.context)
        };
        format!(
            "{what}: cannot reach the Kubernetes API at {}{context}: {e}",
            self.server
        )
    }
}
