//! The `docker` global variable of scripted pipelines, as the docker-workflow plugin's
//! `Docker.groovy` defines it: `docker.image(name)` gives an image object (`id`,
//! `imageName()`, `inside`, `run`, `withRun`, `pull`, `push`, `tag`), `run` a container object
//! (`id`, `port(n)`, `stop()`); `docker.withRegistry`, `docker.withServer` and `docker.withTool`
//! run a block against a registry, an engine, a tool; `docker.build(name, args)` builds an image
//! ([`crate::runtime::executor::docker::build`]) and gives its image object.
//!
//! Where the plugin runs the `docker` command line through `sh`, jfrun calls the Engine API
//! ([`crate::runtime::executor::docker`]) and logs the command line the plugin would have run.
//! Image and container objects are host globals whose name carries the image name or the
//! container id (`docker.image:busybox`, `docker.container:<id>`): they hold nothing else.

use crate::eval::error::{Eval, Signal, exception};
use crate::eval::host::{Found, global};
use crate::eval::value::Value;
use crate::runtime::build::Build;
use crate::runtime::credentials::Credential;
use crate::runtime::executor::docker::build::build_image;
use crate::runtime::executor::docker::inside::{self, WORKSPACE_LABEL, inside};
use crate::runtime::executor::docker::{Engine, RunSpec, args, registry};
use crate::runtime::steps::Call;
use crate::runtime::{context, env};

/// The class of the `docker` global.
pub const DOCKER_CLASS: &str = "org.jenkinsci.plugins.docker.workflow.Docker";
/// The class of `docker.image(...)`.
pub const IMAGE_CLASS: &str = "org.jenkinsci.plugins.docker.workflow.Docker$Image";
/// The class of `docker.image(...).run()`.
pub const CONTAINER_CLASS: &str = "org.jenkinsci.plugins.docker.workflow.Docker$Container";

/// The name of the `docker` global.
pub const NAME: &str = "docker";
const IMAGE_PREFIX: &str = "docker.image:";
const CONTAINER_PREFIX: &str = "docker.container:";

/// Whether the host global `g` is `docker` or one of its image and container objects.
#[must_use]
pub fn owns(g: &str) -> bool {
    g == NAME || g.starts_with(IMAGE_PREFIX) || g.starts_with(CONTAINER_PREFIX)
}

/// The `docker` global.
#[must_use]
pub fn value<'a>() -> Value<'a> {
    global(DOCKER_CLASS, NAME)
}

fn image_value<'a>(id: &str) -> Value<'a> {
    global(IMAGE_CLASS, &format!("{IMAGE_PREFIX}{id}"))
}

fn container_value<'a>(id: &str) -> Value<'a> {
    global(CONTAINER_CLASS, &format!("{CONTAINER_PREFIX}{id}"))
}

fn abort<'a>(message: impl Into<String>) -> Signal<'a> {
    Signal::Throw(
        exception("hudson.AbortException", Some(message.into())),
        None,
    )
}

fn io_error<'a>(message: impl Into<String>) -> Signal<'a> {
    Signal::Throw(exception("java.io.IOException", Some(message.into())), None)
}

fn illegal<'a>(message: impl Into<String>) -> Signal<'a> {
    Signal::Throw(
        exception("java.lang.IllegalArgumentException", Some(message.into())),
        None,
    )
}

/// A property of the `docker` global or of one of its objects.
#[must_use]
pub fn get<'a>(g: &str, name: &str) -> Option<Value<'a>> {
    if let Some(id) = g.strip_prefix(IMAGE_PREFIX) {
        return (name == "id").then(|| Value::str(id));
    }
    if let Some(id) = g.strip_prefix(CONTAINER_PREFIX) {
        return (name == "id").then(|| Value::str(id));
    }
    None
}

/// The arguments of a call: the strings and flags before an optional trailing block.
struct Args<'a> {
    plain: Vec<Value<'a>>,
    body: Option<Value<'a>>,
}

impl<'a> Args<'a> {
    fn new(mut args: Vec<Value<'a>>) -> Self {
        let body = match args.last() {
            Some(Value::Closure(_)) => args.pop(),
            _ => None,
        };
        Self { plain: args, body }
    }

    /// The `n`th argument as a string; `None` when absent or null.
    fn text(&self, c: &Call<'_, 'a>, n: usize) -> Result<Option<String>, Signal<'a>> {
        match self.plain.get(n) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => c.i.to_s(v).map(Some),
        }
    }

    fn body(&self, what: &str) -> Result<Value<'a>, Signal<'a>> {
        self.body
            .clone()
            .ok_or_else(|| illegal(format!("{what}: a body block is required")))
    }

    fn at_most(&self, what: &str, n: usize) -> Result<(), Signal<'a>> {
        if self.plain.len() > n {
            return Err(Signal::Throw(
                exception(
                    "groovy.lang.MissingMethodException",
                    Some(format!(
                        "No signature of method: {what}() is applicable for {} arguments",
                        self.plain.len()
                    )),
                ),
                None,
            ));
        }
        Ok(())
    }
}

/// A method call on the `docker` global or one of its objects; `None` for a method it does
/// not have.
pub fn invoke<'a>(c: &Call<'_, 'a>, g: &str, method: &str, args: Vec<Value<'a>>) -> Found<'a> {
    let a = Args::new(args);
    let r = if g == NAME {
        docker_method(c, method, &a)
    } else if let Some(id) = g.strip_prefix(IMAGE_PREFIX) {
        image_method(c, id, method, &a)
    } else if let Some(id) = g.strip_prefix(CONTAINER_PREFIX) {
        container_method(c, id, method, &a)
    } else {
        return Ok(None);
    };
    r.map_err(|e| match e {
        Signal::Throw(exc, None) => Signal::Throw(exc, Some(c.span)),
        other => other,
    })
}

fn docker_method<'a>(c: &Call<'_, 'a>, method: &str, a: &Args<'a>) -> Found<'a> {
    Ok(Some(match method {
        "image" => {
            a.at_most("image", 1)?;
            let id = a.text(c, 0)?.unwrap_or_default();
            registry::check_name(&id).map_err(illegal)?;
            image_value(&id)
        }
        "withRegistry" => {
            a.at_most("withRegistry", 2)?;
            let url = a.text(c, 0)?.unwrap_or_default();
            let creds = a.text(c, 1)?.filter(|s| !s.is_empty());
            let body = a.body("withRegistry")?;
            with_registry(c, &url, creds.as_deref(), &body)?
        }
        "withServer" => {
            a.at_most("withServer", 2)?;
            let uri = a.text(c, 0)?.filter(|s| !s.is_empty());
            let creds = a.text(c, 1)?.filter(|s| !s.is_empty());
            let body = a.body("withServer")?;
            if let Some(id) = creds {
                return Err(abort(format!(
                    "docker.withServer: jfrun does not support Docker server credentials (TLS client certificates) yet; '{id}' cannot be used (point DOCKER_CERT_PATH and DOCKER_TLS_VERIFY at them outside jfrun instead)"
                )));
            }
            on_node(c, &mut || match &uri {
                None => c.i.call_value(&body, Vec::new(), c.span),
                Some(u) => context::scoped(
                    |ctx| {
                        ctx.env.insert("DOCKER_HOST".to_owned(), Some(u.clone()));
                        ctx.docker_host = Some(u.clone());
                    },
                    || c.i.call_value(&body, Vec::new(), c.span),
                ),
            })?
        }
        "withTool" => {
            a.at_most("withTool", 1)?;
            let name = a.text(c, 0)?.unwrap_or_default();
            let body = a.body("withTool")?;
            c.b.log.note(&format!(
                "docker.withTool('{name}'): jfrun installs no Docker tools; the docker of PATH is used"
            ));
            on_node(c, &mut || {
                context::scoped(
                    |ctx| {
                        ctx.env
                            .insert("DOCKER_TOOL_NAME".to_owned(), Some(name.clone()));
                    },
                    || c.i.call_value(&body, Vec::new(), c.span),
                )
            })?
        }
        "build" => {
            a.at_most("build", 2)?;
            let name = a.text(c, 0)?.unwrap_or_default();
            let build_args = a.text(c, 1)?.unwrap_or_else(|| ".".to_owned());
            registry::check_name(&name).map_err(illegal)?;
            on_node(c, &mut || {
                build_image(c.b, &name, &build_args)?;
                Ok(image_value(&name))
            })?
        }
        _ => return Ok(None),
    }))
}

/// The plugin's `Docker.node`: the body runs on the current node, or on a new one when there
/// is none.
fn on_node<'a>(c: &Call<'_, 'a>, body: &mut dyn FnMut() -> Eval<'a>) -> Eval<'a> {
    if context::with(|ctx| ctx.on_node) {
        return body();
    }
    crate::runtime::steps::node::on_new_node(c.b, body)
}

/// `docker.withRegistry(url, credentialsId) { }`: `DOCKER_REGISTRY_URL` set for the body, and
/// the registry's credentials sent with the pulls and pushes of its images.
fn with_registry<'a>(
    c: &Call<'_, 'a>,
    url: &str,
    credentials_id: Option<&str>,
    body: &Value<'a>,
) -> Eval<'a> {
    on_node(c, &mut || {
        in_registry(c.b, url, credentials_id, &mut || {
            c.i.call_value(body, Vec::new(), c.span)
        })
    })
}

/// Runs `body` with the registry `url` (and the credentials `credentials_id`) as
/// `docker.withRegistry` sets it: `DOCKER_REGISTRY_URL` for image names, the credentials for
/// pulls and pushes.
pub fn in_registry<'a>(
    b: &Build<'a>,
    url: &str,
    credentials_id: Option<&str>,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    if let Some(id) = credentials_id {
        match b.credentials.get(id) {
            Some(Credential::UsernamePassword { username, password }) => {
                b.log.masker.add(password);
                b.log.line(&format!(
                    "Using the credentials '{id}' for the registry {} (user {username}; sent with each request, no docker login)",
                    if url.is_empty() { "https://index.docker.io/v1/" } else { url }
                ));
            }
            _ => return Err(abort(format!("Could not find credentials matching {id}"))),
        }
    }
    let registry = credentials_id.map(|id| (url.to_owned(), id.to_owned()));
    context::scoped(
        |ctx| {
            ctx.env
                .insert("DOCKER_REGISTRY_URL".to_owned(), Some(url.to_owned()));
            ctx.docker_registry = registry;
        },
        body,
    )
}

/// `docker.image(id).inside(args) { }` on the current node: the image run as `imageName()`
/// names it (or as `id` when built here), pulled first when the engine lacks it.
pub fn image_inside<'a>(
    b: &Build<'a>,
    id: &str,
    run_args: &str,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let mut to_run = image_name(b, id)?;
    if to_run != id && exists(b, id)? {
        // Built locally: runs without the registry's prefix.
        id.clone_into(&mut to_run);
    } else if !exists(b, &to_run)? {
        // The container is started from a local image only.
        pull(b, &to_run)?;
    }
    inside(b, &to_run, run_args, body)
}

/// `docker.image(id).pull()` on the current node.
pub fn image_pull<'a>(b: &Build<'a>, id: &str) -> Result<(), Signal<'a>> {
    pull(b, &image_name(b, id)?)
}

/// The engine the current code talks to (`docker.withServer`'s, or the default).
fn engine(b: &Build<'_>) -> Result<(Engine, Option<String>), String> {
    let host = context::with(|ctx| ctx.docker_host.clone());
    let e = b.rt.block_on(b.containers.engine_at(host.as_deref()))?;
    Ok((e, host))
}

/// The registry credentials of `docker.withRegistry` for `image`, when it is in that registry.
fn auth_for(b: &Build<'_>, image: &str) -> Option<bollard::auth::DockerCredentials> {
    let (url, id) = context::with(|ctx| ctx.docker_registry.clone())?;
    if registry::registry_of_url(&url) != registry::registry_of(image) {
        return None;
    }
    match b.credentials.get(&id)? {
        Credential::UsernamePassword { username, password } => {
            Some(registry::credentials(&url, username, password))
        }
        _ => None,
    }
}

/// `Image.imageName()`: the name qualified with the registry of `DOCKER_REGISTRY_URL`.
fn image_name<'a>(b: &Build<'_>, id: &str) -> Result<String, Signal<'a>> {
    let url = context::with(|ctx| env::lookup(b, ctx, "DOCKER_REGISTRY_URL"));
    registry::qualified(url.as_deref(), id).map_err(illegal)
}

/// `docker pull` of `image` through the current engine, with the registry's credentials.
fn pull<'a>(b: &Build<'a>, image: &str) -> Result<(), Signal<'a>> {
    b.log.line(&format!("$ docker pull {image}"));
    let (engine, _) = engine(b).map_err(io_error)?;
    let auth = auth_for(b, image);
    wait(b, registry::pull(&engine, image, auth, &b.log))
}

/// Waits for a pull or a push; an interruption (Ctrl-C, `timeout`) stops waiting and throws
/// as interruptions do, the engine's transfer being abandoned with the request.
fn wait<'a>(
    b: &Build<'a>,
    transfer: impl std::future::Future<Output = Result<(), String>>,
) -> Result<(), Signal<'a>> {
    let cancel = context::with(|ctx| ctx.cancel.clone());
    let done = b.rt.block_on(async {
        tokio::select! {
            r = transfer => Some(r),
            () = cancel.cancelled() => None,
        }
    });
    match done {
        Some(r) => r.map_err(abort),
        None => crate::runtime::interrupt::thrown(b),
    }
}

fn exists<'a>(b: &Build<'_>, image: &str) -> Result<bool, Signal<'a>> {
    b.log.line(&format!("$ docker inspect -f . {image}"));
    let (engine, _) = engine(b).map_err(io_error)?;
    b.rt.block_on(registry::exists(&engine, image))
        .map_err(io_error)
}

/// `Image.tag(tagName, force)`: returns the tagged name.
fn tag<'a>(b: &Build<'_>, id: &str, tag_name: &str) -> Result<String, Signal<'a>> {
    let (user_and_repo, _) = registry::split_tag(id);
    let tagged = image_name(b, &format!("{user_and_repo}:{tag_name}"))?;
    b.log.line(&format!("$ docker tag {id} {tagged}"));
    let (engine, _) = engine(b).map_err(io_error)?;
    b.rt.block_on(registry::tag(&engine, id, &tagged))
        .map_err(abort)?;
    Ok(tagged)
}

fn image_method<'a>(c: &Call<'_, 'a>, id: &str, method: &str, a: &Args<'a>) -> Found<'a> {
    let b = c.b;
    Ok(Some(match method {
        "imageName" => {
            a.at_most("imageName", 0)?;
            Value::str(image_name(b, id)?)
        }
        "getId" => Value::str(id),
        "inside" => {
            a.at_most("inside", 1)?;
            let run_args = a.text(c, 0)?.unwrap_or_default();
            let body = a.body("inside")?;
            on_node(c, &mut || {
                image_inside(b, id, &run_args, &mut || {
                    c.i.call_value(&body, Vec::new(), c.span)
                })
            })?
        }
        "pull" => {
            a.at_most("pull", 0)?;
            on_node(c, &mut || {
                image_pull(b, id)?;
                Ok(Value::Null)
            })?
        }
        "run" => {
            a.at_most("run", 2)?;
            let run_args = a.text(c, 0)?.unwrap_or_default();
            let command = a.text(c, 1)?.unwrap_or_default();
            on_node(c, &mut || {
                let cid = run(b, id, &run_args, &command)?;
                Ok(container_value(&cid))
            })?
        }
        "withRun" => {
            a.at_most("withRun", 2)?;
            let run_args = a.text(c, 0)?.unwrap_or_default();
            let command = a.text(c, 1)?.unwrap_or_default();
            let body = a.body("withRun")?;
            on_node(c, &mut || {
                let cid = run(b, id, &run_args, &command)?;
                let r = c.i.call_value(&body, vec![container_value(&cid)], c.span);
                let stopped = stop(b, &cid);
                match (r, stopped) {
                    (Err(e), _) => Err(e),
                    (Ok(_), Err(e)) => Err(e),
                    (Ok(v), Ok(())) => Ok(v),
                }
            })?
        }
        "tag" => {
            a.at_most("tag", 2)?;
            let (_, default_tag) = registry::split_tag(id);
            let tag_name = a.text(c, 0)?.unwrap_or(default_tag);
            on_node(c, &mut || Ok(Value::str(tag(b, id, &tag_name)?)))?
        }
        "push" => {
            a.at_most("push", 2)?;
            let (_, default_tag) = registry::split_tag(id);
            let tag_name = a.text(c, 0)?.unwrap_or(default_tag);
            on_node(c, &mut || {
                // Tagging is cheap, and a no-op when the image already has the tag.
                let tagged = tag(b, id, &tag_name)?;
                b.log.line(&format!("$ docker push {tagged}"));
                let (engine, _) = engine(b).map_err(io_error)?;
                let auth = auth_for(b, &tagged);
                wait(b, registry::push(&engine, &tagged, auth, &b.log))?;
                Ok(Value::Null)
            })?
        }
        _ => return Ok(None),
    }))
}

/// `docker run -d <args> <image> <command>`: a detached container without TTY, workspace or
/// user, labelled as the build's so that it never outlives it; returns its id. The image is
/// pulled first when the engine does not have it, as `docker run` does.
fn run<'a>(
    b: &Build<'a>,
    image: &str,
    run_args: &str,
    command: &str,
) -> Result<String, Signal<'a>> {
    let ctx = context::current();
    let mut spec = RunSpec {
        image: image.to_owned(),
        tty: false,
        ..RunSpec::default()
    };
    args::apply(run_args, &mut spec).map_err(abort)?;
    spec.cmd = args::words(command);
    inside::label(b, &mut spec);
    spec.labels
        .insert(WORKSPACE_LABEL.to_owned(), ctx.cwd.display().to_string());
    let mut line = vec!["$ docker run -d".to_owned()];
    line.extend(
        Some(run_args.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
    );
    line.push(image.to_owned());
    line.extend(
        Some(command.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
    );
    b.log.line(&line.join(" "));
    let (engine, host) = engine(b).map_err(io_error)?;
    let present =
        b.rt.block_on(registry::exists(&engine, image))
            .map_err(io_error)?;
    if !present {
        b.log
            .line(&format!("Unable to find image '{image}' locally"));
        let auth = auth_for(b, image);
        wait(b, registry::pull(&engine, image, auth, &b.log))?;
    }
    let id =
        b.rt.block_on(engine.run(&spec, |id| b.containers.created_at(host.as_deref(), id)))
            .map_err(|e| abort(format!("Failed to run image '{image}'. Error: {e}")))?;
    Ok(id)
}

/// `Container.stop()`: `docker stop` then `docker rm -f --volumes`.
fn stop<'a>(b: &Build<'_>, id: &str) -> Result<(), Signal<'a>> {
    b.log.line(&format!("$ docker stop {id}"));
    let (engine, _) = engine(b).map_err(io_error)?;
    // A container already gone (removed by hand, or stopped twice) is not an error for the
    // removal; the stop's own failure is not either, as `rm -f` follows.
    let _ = b.rt.block_on(
        engine
            .client()
            .stop_container(id, None::<bollard::query_parameters::StopContainerOptions>),
    );
    b.log.line(&format!("$ docker rm -f --volumes {id}"));
    b.rt.block_on(engine.remove(id))
        .map_err(|e| abort(format!("Failed to remove container {id}: {e}")))?;
    b.containers.removed(id);
    Ok(())
}

/// `Container.port(n)`: the host addresses the container's port `n` is published on, one a
/// line, as `docker port <id> <n>` prints them.
fn port<'a>(b: &Build<'_>, id: &str, port: &str) -> Result<String, Signal<'a>> {
    let (engine, _) = engine(b).map_err(io_error)?;
    let info =
        b.rt.block_on(engine.client().inspect_container(
            id,
            None::<bollard::query_parameters::InspectContainerOptions>,
        ))
        .map_err(|e| abort(format!("docker port {id} {port}: {e}")))?;
    let key = if port.contains('/') {
        port.to_owned()
    } else {
        format!("{port}/tcp")
    };
    let bindings = info
        .network_settings
        .and_then(|n| n.ports)
        .and_then(|mut p| p.remove(&key))
        .flatten()
        .unwrap_or_default();
    if bindings.is_empty() {
        return Err(abort(format!(
            "Error: No public port '{key}' published for {id}"
        )));
    }
    Ok(bindings
        .iter()
        .map(|pb| {
            let ip = pb.host_ip.as_deref().unwrap_or("0.0.0.0");
            let ip = if ip.contains(':') {
                format!("[{ip}]")
            } else {
                ip.to_owned()
            };
            format!("{ip}:{}", pb.host_port.as_deref().unwrap_or(""))
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

fn container_method<'a>(c: &Call<'_, 'a>, id: &str, method: &str, a: &Args<'a>) -> Found<'a> {
    Ok(Some(match method {
        "getId" => Value::str(id),
        "stop" => {
            a.at_most("stop", 0)?;
            stop(c.b, id)?;
            Value::Null
        }
        "port" => {
            a.at_most("port", 1)?;
            let n = a.text(c, 0)?.unwrap_or_default();
            Value::str(port(c.b, id, &n)?)
        }
        _ => return Ok(None),
    }))
}
