//! `.jfrun.toml`: defaults for `jfrun run`'s flags, kept in the repository root (the folder
//! holding the Jenkinsfile, or the git top level). The command line overrides it; for lists
//! and tables the command line's entries win key by key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Options, PodTemplateSource};
use crate::runtime::log::LogFormat;

/// The file's name.
pub const FILE_NAME: &str = crate::project::CONFIG_FILE;

/// What `.jfrun.toml` may hold: the `run` flags, by their long names.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The Jenkinsfile.
    pub file: Option<PathBuf>,
    /// `--branch`.
    pub branch: Option<String>,
    /// `--credentials`.
    pub credentials: Option<PathBuf>,
    /// `--in-place`.
    pub in_place: Option<bool>,
    /// `--workspace`.
    pub workspace: Option<PathBuf>,
    /// `--yes`.
    pub yes: Option<bool>,
    /// `--keep-containers`.
    pub keep_containers: Option<bool>,
    /// `--no-color`.
    pub no_color: Option<bool>,
    /// `--format`.
    pub format: Option<Format>,
    /// `--stage`, repeated.
    pub stages: Option<Vec<String>>,
    /// `-p`.
    #[serde(default)]
    pub params: BTreeMap<String, Scalar>,
    /// `-e`.
    #[serde(default)]
    pub env: BTreeMap<String, Scalar>,
    /// `--input`.
    #[serde(default)]
    pub inputs: BTreeMap<String, String>,
    /// `--tool`.
    #[serde(default)]
    pub tools: BTreeMap<String, PathBuf>,
    /// `--job`.
    #[serde(default)]
    pub jobs: BTreeMap<String, PathBuf>,
    /// Shared libraries by name (`path` or `git`, `implicit`, `version`).
    #[serde(default)]
    pub libraries: BTreeMap<String, crate::library::LibraryConfig>,
    /// Pod templates by name, which `inheritFrom` names (a Jenkins cloud's templates).
    #[serde(default)]
    pub pod_templates: BTreeMap<String, PodTemplate>,
    /// ConfigMaps by name, their keys and values, which the pods of `agent { kubernetes }`
    /// read (`configMap` volumes, `configMapKeyRef`, `envFrom`).
    #[serde(default)]
    pub config_maps: ConfigMaps,
}

/// ConfigMaps by name: their keys and values.
pub type ConfigMaps = BTreeMap<String, BTreeMap<String, String>>;

/// A pod template of `[pod_templates.NAME]`: its YAML, inline or in a file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PodTemplate {
    /// The pod's YAML.
    pub yaml: Option<String>,
    /// A file holding it, relative to the configuration file.
    pub yaml_file: Option<PathBuf>,
}

/// `format = "text"` (or `"human"`) or `"json"`.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Lines for people.
    #[serde(alias = "human")]
    Text,
    /// One JSON event per line.
    Json,
}

/// A parameter or variable value: text, or a TOML boolean or number written as Groovy would
/// print it.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// Text.
    Text(String),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(n) => n.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Text(s) => s.clone(),
        }
    }
}

/// What the command line gave, before `.jfrun.toml` fills the gaps.
#[derive(Debug, Default)]
pub struct Given {
    /// The options, with the flags' own values.
    pub opts: Options,
    /// Whether a Jenkinsfile was named.
    pub file: bool,
    /// Whether `--format` was given.
    pub format: bool,
}

/// Where `.jfrun.toml` is for a run of `file` (or of `./Jenkinsfile`): next to the
/// Jenkinsfile, else at the top of its git work tree.
#[must_use]
pub fn find(file: &Path) -> Option<PathBuf> {
    crate::project::config_file(file)
}

/// Reads and checks a `.jfrun.toml`; the error names the file and the offending key.
pub fn load(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The options of a run: the command line's, with the gaps filled from `.jfrun.toml` when
/// there is one.
pub fn resolve(given: Given) -> Result<Options, String> {
    // A child build (`build job:`) gets what applies to it from its parent's options: the
    // parent's parameters, stages or workspace are not its own.
    if given.opts.job_name.is_some() {
        return Ok(given.opts);
    }
    let probe = if given.file {
        given.opts.file.clone()
    } else {
        PathBuf::from("Jenkinsfile")
    };
    let Some(path) = find(&probe) else {
        return Ok(given.opts);
    };
    let config = load(&path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    // Absolute, so that a path means the same in the workspace and in a child build.
    let base = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    apply(config, &base, given)
}

/// Fills the options the command line left unset from `config`, whose relative paths are
/// relative to `base`.
pub fn apply(config: Config, base: &Path, given: Given) -> Result<Options, String> {
    let rel = |p: PathBuf| if p.is_absolute() { p } else { base.join(p) };
    let mut o = given.opts;
    if !given.file {
        if let Some(f) = config.file {
            o.file = rel(f);
        }
    }
    o.branch = o.branch.or(config.branch);
    o.credentials = o.credentials.or(config.credentials.map(rel));
    o.workspace = o.workspace.or(config.workspace.map(rel));
    o.in_place |= config.in_place.unwrap_or(false);
    o.yes |= config.yes.unwrap_or(false);
    o.keep_containers |= config.keep_containers.unwrap_or(false);
    o.no_color |= config.no_color.unwrap_or(false);
    if !given.format {
        if let Some(f) = config.format {
            o.format = match f {
                Format::Text => LogFormat::Human,
                Format::Json => LogFormat::Json,
            };
        }
    }
    if o.stages.is_empty() {
        o.stages = config.stages.unwrap_or_default();
    }
    o.params = under(
        config.params.iter().map(|(k, v)| (k.clone(), v.text())),
        o.params,
    );
    o.env = under(config.env.iter().map(|(k, v)| (k.clone(), v.text())), o.env);
    o.inputs = under(config.inputs, o.inputs);
    o.tools = under(config.tools.into_iter().map(|(k, v)| (k, rel(v))), o.tools);
    o.jobs = under(config.jobs.into_iter().map(|(k, v)| (k, rel(v))), o.jobs);
    let libraries = crate::library::from_config(&config.libraries, base)?;
    o.libraries = under(
        libraries.into_iter().map(|l| (l.name.clone(), l)),
        o.libraries
            .into_iter()
            .map(|l| (l.name.clone(), l))
            .collect(),
    )
    .into_iter()
    .map(|(_, l)| l)
    .collect();
    o.pod_templates = config
        .pod_templates
        .into_iter()
        .map(|(k, t)| {
            let source = match (t.yaml, t.yaml_file) {
                (Some(y), None) => PodTemplateSource::Yaml(y),
                (None, Some(f)) => PodTemplateSource::File(rel(f)),
                _ => PodTemplateSource::Invalid,
            };
            (k, source)
        })
        .collect();
    Ok(o)
}

/// The ConfigMaps of `[config_maps.NAME]` in the `.jfrun.toml` of a run of `file`, and that
/// file (`None` when there is none).
pub fn config_maps(file: &Path) -> Result<(Option<PathBuf>, ConfigMaps), String> {
    match find(file) {
        Some(path) => Ok((Some(path.clone()), load(&path)?.config_maps)),
        None => Ok((None, ConfigMaps::new())),
    }
}

/// The file's entries whose keys the command line does not give, then the command line's.
fn under<V>(
    file: impl IntoIterator<Item = (String, V)>,
    cli: Vec<(String, V)>,
) -> Vec<(String, V)> {
    let mut out: Vec<(String, V)> = file
        .into_iter()
        .filter(|(k, _)| !cli.iter().any(|(c, _)| c == k))
        .collect();
    out.extend(cli);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_entries_win_per_key() {
        let config: Config = toml::from_str(
            "branch = 'dev'\n[params]\nA = 'file'\nB = true\n[tools]\nmvn = 'tools/mvn'\n",
        )
        .expect("valid");
        let mut opts = Options::default();
        opts.params.push(("A".into(), "cli".into()));
        let o = apply(
            config,
            Path::new("/repo"),
            Given {
                opts,
                file: false,
                format: false,
            },
        )
        .expect("applies");
        assert_eq!(o.branch.as_deref(), Some("dev"));
        assert_eq!(
            o.params,
            vec![("B".into(), "true".into()), ("A".into(), "cli".into())]
        );
        assert_eq!(o.tool("mvn"), Some(&PathBuf::from("/repo/tools/mvn")));
    }

    #[test]
    fn unknown_keys_are_refused() {
        let e = toml::from_str::<Config>("colour = true\n").expect_err("unknown");
        assert!(e.to_string().contains("colour"), "{e}");
    }
}
