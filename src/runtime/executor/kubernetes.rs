//! Kubernetes agents: the kubernetes plugin's `agent { kubernetes { yaml ... } }`,
//! `podTemplate` and `container('name') { }`, with the pod on a cluster or emulated on the
//! Docker engine.
//!
//! - [`pod`]: the pod template as the plugin reads it (`yaml`, `yamlFile`) and what its
//!   `PodTemplateBuilder` adds (the workspace volume at `/home/jenkins/agent`, the working
//!   directory of every container, the `jenkins/label` label); the agent container `jnlp` is
//!   left out, jfrun itself being the agent.
//! - [`agent`]: a pod as an agent: started from a template, the body run on it with the
//!   pod's environment, removed or kept (`podRetention`) when the body ends.
//! - [`docker_pod`]: the pod on Docker: a holder container owning the network namespace, every
//!   container joined to it (they reach each other on `localhost`), the workspace shared by all.
//! - [`pod_data`]: the pod's Secrets (jfrun's credentials) and ConfigMaps (`.jfrun.toml`), and
//!   the environment and volume files made of them.
//! - [`cluster`]: the API server of a real cluster: pods created, watched until they run (or
//!   diagnosed), commands executed over the exec WebSocket, files copied with tar, logs read,
//!   pods deleted.
//! - [`cluster_pod`]: the pod on a cluster as an agent, its workspace kept in step with jfrun's
//!   copy by [`workspace_sync`].
//! - [`running`]: a started pod, whichever backend runs it, and the choice of that backend.

pub mod agent;
pub mod cluster;
pub mod cluster_pod;
pub mod docker_pod;
pub mod pod;
pub mod pod_data;
pub mod running;
pub mod workspace_sync;
