//! `agent { docker 'image' }` and `agent { docker { image 'x'; args '...'; reuseNode true } }`,
//! as the docker-workflow plugin runs them: on a node (a fresh one, checked out, unless
//! `reuseNode` keeps the enclosing one), the body inside a container of the image;
//! `agent { dockerfile }` the same with an image built there from a Dockerfile. `registryUrl`
//! and `registryCredentialsId` put the container's start in `docker.withRegistry`, and
//! `alwaysPull` pulls the image first, as the plugin does; `label` names the host, as every
//! label does.

use super::Run;
use super::stage::on_node;
use crate::eval::error::{Eval, Signal, exception};
use crate::eval::value::Value;
use crate::pipeline::model;
use crate::runtime::build::Build;
use crate::runtime::executor::docker::build::build_disposable_image;
use crate::runtime::executor::docker::inside::inside;
use crate::runtime::{context, docker_global};

/// Runs `body` in a container of the agent's image.
pub fn with_docker<'a>(
    run: &Run<'_, '_, 'a>,
    agent: &model::Agent<'a>,
    checkout: bool,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let c = run.c;
    let (mut image, mut args, mut reuse, mut per_stage) = (None, String::new(), false, false);
    let mut registry = Registry::default();
    match &agent.config {
        model::AgentConfig::Value(v) => {
            image = Some(c.i.to_s(&crate::runtime::describable::value(c.i, &run.scope, v)?)?);
        }
        model::AgentConfig::Block(m) => {
            image = text(run, m, "image")?;
            args = text(run, m, "args")?.unwrap_or_default();
            reuse = flag(run, m, "reuseNode")?;
            per_stage = flag(run, m, "containerPerStageRoot")?;
            registry = Registry::read(run, m)?;
        }
        model::AgentConfig::Bare => {}
    }
    let Some(image) = image.filter(|i| !i.is_empty()) else {
        return Err(Signal::Throw(
            exception(
                "java.lang.IllegalArgumentException",
                Some("agent docker: no image given".to_owned()),
            ),
            Some(agent.span),
        ));
    };
    let b = c.b;
    place(run, agent, checkout, reuse, per_stage, body, &mut |body| {
        registry.scope(b, &mut || {
            if registry.always_pull {
                docker_global::image_pull(b, &image)?;
            }
            docker_global::image_inside(b, &image, &args, body)
        })
    })
}

/// The agent option `key` as text; `None` when it is not given or is null.
fn text<'a>(
    run: &Run<'_, '_, 'a>,
    m: &model::ClosureMap<'a>,
    key: &str,
) -> Result<Option<String>, Signal<'a>> {
    let Some(model::MapValue::Value(v)) = m.get(key) else {
        return Ok(None);
    };
    match crate::runtime::describable::value(run.c.i, &run.scope, v)? {
        Value::Null => Ok(None),
        v => run.c.i.to_s(&v).map(Some),
    }
}

/// Whether the agent option `key` is given as `true`.
fn flag<'a>(
    run: &Run<'_, '_, 'a>,
    m: &model::ClosureMap<'a>,
    key: &str,
) -> Result<bool, Signal<'a>> {
    let Some(model::MapValue::Value(v)) = m.get(key) else {
        return Ok(false);
    };
    Ok(matches!(
        crate::runtime::describable::value(run.c.i, &run.scope, v)?,
        Value::Bool(true)
    ))
}

/// `registryUrl`, `registryCredentialsId` and `alwaysPull` of a Docker agent.
#[derive(Debug, Default)]
struct Registry {
    url: Option<String>,
    credentials_id: Option<String>,
    always_pull: bool,
}

impl Registry {
    fn read<'a>(run: &Run<'_, '_, 'a>, m: &model::ClosureMap<'a>) -> Result<Self, Signal<'a>> {
        let given = |key| -> Result<Option<String>, Signal<'a>> {
            Ok(text(run, m, key)?.filter(|s| !s.is_empty()))
        };
        Ok(Self {
            url: given("registryUrl")?,
            credentials_id: given("registryCredentialsId")?,
            always_pull: flag(run, m, "alwaysPull")?,
        })
    }

    /// Runs `body` in `docker.withRegistry(url, credentialsId)` when either is given, as the
    /// plugin does.
    fn scope<'a>(&self, b: &Build<'a>, body: &mut dyn FnMut() -> Eval<'a>) -> Eval<'a> {
        if self.url.is_none() && self.credentials_id.is_none() {
            return body();
        }
        docker_global::in_registry(
            b,
            self.url.as_deref().unwrap_or(""),
            self.credentials_id.as_deref(),
            body,
        )
    }
}

/// Where a Docker agent's body runs, as the plugin places it: in a container (`in_container`)
/// on a new node, checked out; in a container on the enclosing node with `reuseNode`; and, with
/// `newContainerPerStage()` or `containerPerStageRoot`, the top-level agent is only a node and
/// each stage that reuses it gets a container of its own.
fn place<'a>(
    run: &Run<'_, '_, 'a>,
    agent: &model::Agent<'a>,
    checkout: bool,
    reuse: bool,
    per_stage_root: bool,
    body: &mut dyn FnMut() -> Eval<'a>,
    in_container: &mut dyn FnMut(&mut dyn FnMut() -> Eval<'a>) -> Eval<'a>,
) -> Eval<'a> {
    let on_node_now = context::with(|ctx| ctx.on_node);
    let is_root = run
        .c
        .b
        .pipeline
        .and_then(|p| p.agent.as_ref())
        .is_some_and(|root| std::ptr::eq(root, agent));
    let per_stage = per_stage_root || (run.flags.container_per_stage && is_root);
    if per_stage && !on_node_now {
        return on_node(run, agent, checkout, body);
    }
    if (reuse || per_stage) && on_node_now {
        return in_container(body);
    }
    on_node(run, agent, checkout, &mut || in_container(body))
}

/// The parts of `agent { dockerfile { } }` that choose the image.
#[derive(Debug, Default)]
struct Dockerfile {
    filename: Option<String>,
    dir: Option<String>,
    additional_build_args: Option<String>,
    args: String,
    reuse: bool,
    per_stage_root: bool,
    registry: Registry,
}

impl Dockerfile {
    /// The Dockerfile's path as the plugin writes it: `<dir>/<filename>`, `Dockerfile` by
    /// default.
    fn path(&self) -> String {
        let name = self.filename.as_deref().unwrap_or("Dockerfile");
        match self.dir.as_deref().filter(|d| !d.is_empty()) {
            Some(d) => format!("{d}/{name}"),
            None => name.to_owned(),
        }
    }

    /// The context folder, `.` by default.
    fn dir(&self) -> &str {
        self.dir.as_deref().filter(|d| !d.is_empty()).unwrap_or(".")
    }

    /// `additionalBuildArgs` with the space that separates it from the tag, or nothing.
    fn additional(&self) -> String {
        self.additional_build_args
            .as_deref()
            .filter(|a| !a.is_empty())
            .map_or_else(String::new, |a| format!(" {a}"))
    }

    /// The `docker build` arguments after `-t <tag>`.
    fn build_args(&self) -> String {
        format!(
            "{} -f \"{}\" \"{}\"",
            self.additional(),
            self.path(),
            self.dir()
        )
    }
}

/// The image name the plugin gives a Dockerfile's image: the SHA-1, in hex, of the project's
/// full name, the Dockerfile's content and the additional build arguments (with their leading
/// space), a line apart.
#[must_use]
pub fn dockerfile_tag(project: &str, dockerfile: &str, additional: &str) -> String {
    use sha1::{Digest, Sha1};
    use std::fmt::Write;
    let digest = Sha1::digest(format!("{project}\n{dockerfile}\n{additional}").as_bytes());
    digest.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Runs `body` in a container of the image built from the agent's Dockerfile
/// (`agent { dockerfile true }`, `agent { dockerfile { filename; dir; additionalBuildArgs;
/// args; reuseNode } }`), as the docker-workflow plugin does: on a node (the enclosing one with
/// `reuseNode`), the image built there (in a `Declarative: Agent Setup` stage for the
/// pipeline's agent) and tagged with [`dockerfile_tag`], then the body inside it. The image is
/// removed when the run ends.
///
pub fn with_dockerfile<'a>(
    run: &Run<'_, '_, 'a>,
    agent: &model::Agent<'a>,
    checkout: bool,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let c = run.c;
    let mut d = Dockerfile::default();
    if let model::AgentConfig::Block(m) = &agent.config {
        d.filename = text(run, m, "filename")?;
        d.dir = text(run, m, "dir")?;
        d.additional_build_args = text(run, m, "additionalBuildArgs")?;
        d.args = text(run, m, "args")?.unwrap_or_default();
        d.reuse = flag(run, m, "reuseNode")?;
        d.per_stage_root = flag(run, m, "containerPerStageRoot")?;
        d.registry = Registry::read(run, m)?;
    }
    let b = c.b;
    place(
        run,
        agent,
        checkout,
        d.reuse,
        d.per_stage_root,
        body,
        &mut |body| d.registry.scope(b, &mut || in_built_image(run, &d, body)),
    )
}

/// Builds the agent's image (in a stage of its own for the pipeline's agent) and runs `body` in
/// it.
fn in_built_image<'a>(
    run: &Run<'_, '_, 'a>,
    d: &Dockerfile,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let image = if context::with(|ctx| ctx.stages.is_empty()) {
        let mut image = None;
        crate::runtime::stages::run_stage(run.c, "Declarative: Agent Setup", || {
            image = Some(build_dockerfile(run, d)?);
            Ok(Value::Null)
        })?;
        image.unwrap_or_default()
    } else {
        build_dockerfile(run, d)?
    };
    inside(run.c.b, &image, &d.args, body)
}

/// Builds the agent's image in the current folder; returns its name.
fn build_dockerfile<'a>(run: &Run<'_, '_, 'a>, d: &Dockerfile) -> Result<String, Signal<'a>> {
    let b = run.c.b;
    let path = d.path();
    let cwd = context::with(|ctx| ctx.cwd.clone());
    let Ok(content) = std::fs::read(cwd.join(&path)) else {
        return Err(Signal::Throw(
            exception(
                "hudson.AbortException",
                Some(format!(
                    "No Dockerfile found at {path} in repository - failing."
                )),
            ),
            None,
        ));
    };
    let tag = dockerfile_tag(&b.job, &String::from_utf8_lossy(&content), &d.additional());
    build_disposable_image(b, &tag, &d.build_args())?;
    Ok(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_is_the_plugins_hash() {
        // The image name the plugin's own test expects for this project, Dockerfile and
        // arguments.
        let dockerfile = "FROM ubuntu:noble\n\nARG someArg=thisArgHere\n\nRUN echo \"hi there, $someArg\" > /hi-there\n\n";
        assert_eq!(
            dockerfile_tag(
                "testFolder/parallelImageHashTest",
                dockerfile,
                " --build-arg someArg=thisOtherArg"
            ),
            "02a5b681aa9d457d1a8ebf2d61f4af0061dad300"
        );
    }

    #[test]
    fn paths_and_arguments_as_the_plugin_writes_them() {
        let d = Dockerfile::default();
        assert_eq!(d.path(), "Dockerfile");
        assert_eq!(d.build_args(), " -f \"Dockerfile\" \".\"");
        let d = Dockerfile {
            filename: Some("Dockerfile.x".into()),
            dir: Some("sub".into()),
            additional_build_args: Some("--build-arg A=1".into()),
            ..Dockerfile::default()
        };
        assert_eq!(d.path(), "sub/Dockerfile.x");
        assert_eq!(
            d.build_args(),
            " --build-arg A=1 -f \"sub/Dockerfile.x\" \"sub\""
        );
    }
}
