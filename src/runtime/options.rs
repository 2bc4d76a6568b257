//! What the command line (and `.jfrun.toml`) says about a run.

pub mod config;

use std::path::PathBuf;

use super::log::LogFormat;

/// Options of `jfrun run`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The Jenkinsfile.
    pub file: PathBuf,
    /// `-p NAME=VALUE`.
    pub params: Vec<(String, String)>,
    /// `-e NAME=VALUE`.
    pub env: Vec<(String, String)>,
    /// `--branch`.
    pub branch: Option<String>,
    /// `--stage NAME`: run only these.
    pub stages: Vec<String>,
    /// `--credentials FILE`.
    pub credentials: Option<PathBuf>,
    /// `--secret ID=VALUE`.
    pub secrets: Vec<(String, String)>,
    /// `--in-place`: run in the checkout itself.
    pub in_place: bool,
    /// `--workspace DIR`.
    pub workspace: Option<PathBuf>,
    /// `--input ID=approve|abort`.
    pub inputs: Vec<(String, String)>,
    /// `--yes`: approve every input.
    pub yes: bool,
    /// `--format`.
    pub format: LogFormat,
    /// `--no-color`.
    pub no_color: bool,
    /// `--dry-run`.
    pub dry_run: bool,
    /// `--keep-containers`: containers outlive the run, for debugging.
    pub keep_containers: bool,
    /// `--tool NAME=HOME`: where the `tool` step and `tools { }` find a tool.
    pub tools: Vec<(String, PathBuf)>,
    /// `--job NAME=JENKINSFILE`: the local Jenkinsfile `build job: NAME` runs.
    pub jobs: Vec<(String, PathBuf)>,
    /// The job name when this build is another build's child (`build job:`); its builds and
    /// workspace are kept apart from the project's own.
    pub job_name: Option<String>,
    /// Pod templates by name (`.jfrun.toml`'s `[pod_templates.NAME]`), for `inheritFrom`.
    pub pod_templates: Vec<(String, PodTemplateSource)>,
    /// `--show-pod`: print the effective pod of every Kubernetes agent.
    pub show_pod: bool,
    /// `--kubernetes`: where Kubernetes agents' pods run.
    pub kubernetes: KubernetesBackend,
    /// `--kube-context`: the context of the Kubernetes configuration to use.
    pub kube_context: Option<String>,
    /// `--namespace`: the namespace pods are created in when their template names none.
    pub namespace: Option<String>,
    /// Shared libraries: `--library NAME=PATH|GIT_URL` (loaded implicitly) and
    /// `.jfrun.toml`'s `[libraries.NAME]`.
    pub libraries: Vec<crate::library::Library>,
    /// `-n/--job-name`: the job's name (JOB_NAME).
    pub job: Option<String>,
    /// `-b/--build-number`: the build's number, when it is free.
    pub build_number: Option<u64>,
    /// `-c/--cause`: why the build runs.
    pub cause: Option<String>,
    /// `-u/--keep-undefined-parameters`: parameters nothing declares are kept.
    pub keep_undefined_parameters: bool,
}

/// Where the pods of Kubernetes agents run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KubernetesBackend {
    /// On a cluster when the Kubernetes configuration has a current context (or
    /// `--kube-context` names one), else on Docker.
    #[default]
    Auto,
    /// On the Docker engine, emulated.
    Docker,
    /// On a cluster, through its API server.
    Cluster,
}

/// Where a named pod template's YAML is.
#[derive(Clone, Debug)]
pub enum PodTemplateSource {
    /// Inline.
    Yaml(String),
    /// In a file.
    File(PathBuf),
    /// Neither or both given.
    Invalid,
}

impl PodTemplateSource {
    /// The template's YAML.
    pub fn text(&self, name: &str) -> Result<String, String> {
        match self {
            Self::Yaml(y) => Ok(y.clone()),
            Self::File(f) => std::fs::read_to_string(f)
                .map_err(|e| format!("pod template '{name}': cannot read {}: {e}", f.display())),
            Self::Invalid => Err(format!(
                "pod template '{name}' of .jfrun.toml: give yaml or yaml_file, one of them"
            )),
        }
    }
}

impl Options {
    /// The home `--tool` gives for the tool installation `name`.
    #[must_use]
    pub fn tool(&self, name: &str) -> Option<&PathBuf> {
        self.tools
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// The Jenkinsfile `--job` maps the job `name` to.
    #[must_use]
    pub fn job(&self, name: &str) -> Option<&PathBuf> {
        self.jobs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}
