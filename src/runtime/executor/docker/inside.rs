//! A block run in a container, as the docker-workflow plugin's `withDockerContainer` runs it
//! (`docker.image('x').inside('args') { }`, `agent { docker }`): the container is started for the
//! current directory as workspace, the block's steps run in it, and it is removed when the
//! block ends, whether it succeeds, fails or is interrupted.

use std::path::{Path, PathBuf};

use super::{RunSpec, args, exec};
use crate::eval::error::{Eval, Signal, exception};
use crate::runtime::build::Build;
use crate::runtime::{context, env};

/// The label every container jfrun creates carries: `<job>#<build number>`.
pub const BUILD_LABEL: &str = "jfrun.build";
/// The label holding the workspace a container was started for.
pub const WORKSPACE_LABEL: &str = "jfrun.workspace";
/// The label holding the process id of the `jfrun` that created a container, so that
/// `jfrun clean` can tell a live run's containers from leftovers.
pub const PID_LABEL: &str = "jfrun.pid";

/// The value of [`BUILD_LABEL`] on what the build creates: `<job>#<number>`.
#[must_use]
pub fn build_label(b: &Build<'_>) -> String {
    format!("{}#{}", b.job, b.number)
}

/// Marks `spec` as the build's: its labels.
pub fn label(b: &Build<'_>, spec: &mut RunSpec) {
    spec.labels.insert(BUILD_LABEL.to_owned(), build_label(b));
    spec.labels
        .insert(PID_LABEL.to_owned(), std::process::id().to_string());
}

/// The folder beside `dir` for its temporary files (`dir@tmp`), as Jenkins names it.
#[must_use]
pub fn tmp_beside(dir: &Path) -> PathBuf {
    let mut s = dir.as_os_str().to_owned();
    s.push("@tmp");
    PathBuf::from(s)
}

fn io_error<'a>(message: String) -> Signal<'a> {
    Signal::Throw(exception("java.io.IOException", Some(message)), None)
}

/// Runs `body` in a container of `image` started with the `docker run` options `args`.
pub fn inside<'a>(
    b: &Build<'_>,
    image: &str,
    run_args: &str,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let ctx = context::current();
    let ws = ctx.cwd.clone();
    let tmp = tmp_beside(&ws);
    // Made now so that they belong to the user, not to the engine (root).
    std::fs::create_dir_all(&ws)
        .and_then(|()| std::fs::create_dir_all(&tmp))
        .map_err(|e| io_error(e.to_string()))?;
    let (ws_s, tmp_s) = (ws.display().to_string(), tmp.display().to_string());
    let user = format!(
        "{}:{}",
        nix::unistd::getuid().as_raw(),
        nix::unistd::getgid().as_raw()
    );
    let mut spec = RunSpec {
        image: image.to_owned(),
        user: Some(user),
        tty: true,
        ..RunSpec::default()
    };
    args::apply(run_args, &mut spec)
        .map_err(|e| Signal::Throw(exception("hudson.AbortException", Some(e)), None))?;
    spec.workdir = Some(ws_s.clone());
    spec.binds.push(format!("{ws_s}:{ws_s}:rw,z"));
    spec.binds.push(format!("{tmp_s}:{tmp_s}:rw,z"));
    let step_env: Vec<(String, String)> = env::effective(b, &ctx).into_iter().collect();
    spec.env.extend(exec::reduced_env(&step_env));
    label(b, &mut spec);
    spec.labels.insert(WORKSPACE_LABEL.to_owned(), ws_s.clone());
    spec.cmd = vec!["cat".to_owned()];
    b.log
        .line("built-in does not seem to be running inside a container");
    b.log.line(&command_line(&spec, run_args));
    let host = ctx.docker_host.as_deref();
    let engine =
        b.rt.block_on(b.containers.engine_at(host))
            .map_err(io_error)?;
    let id =
        b.rt.block_on(engine.run(&spec, |id| b.containers.created_at(host, id)))
            .map_err(|e| io_error(format!("Failed to run image '{image}'. Error: {e}")))?;
    b.log.line(&format!("$ docker top {id} -eo pid,comm"));
    match b.rt.block_on(engine.commands(&id)) {
        Ok(cmds) if cmds.iter().any(|c| c == "cat" || c.ends_with("/cat")) => {}
        _ => b.log.error(
            "The container started but didn't run the expected command. Please double check your ENTRYPOINT does execute the command passed as docker run argument, as required by official docker images (see https://github.com/docker-library/official-images#consistency for entrypoint consistency requirements).\nAlternatively you can force image entrypoint to be disabled by adding option `--entrypoint=''`.",
        ),
    }
    // Not a pod's container: its paths are the host's.
    let r = context::scoped(
        |c| {
            c.container = Some(id.clone());
            c.pod = None;
        },
        body,
    );
    if b.containers.keep {
        b.log.line(&format!(
            "Keeping container {id} (--keep-containers): docker exec -it {id} sh"
        ));
        return r;
    }
    b.log.line(&format!("$ docker stop --time=1 {id}"));
    b.log.line(&format!("$ docker rm -f --volumes {id}"));
    match b.rt.block_on(engine.stop_and_remove(&id)) {
        Ok(()) => b.containers.removed(&id),
        Err(e) => {
            b.log
                .error(&format!("Failed to remove container {id}: {e}"));
            if r.is_ok() {
                return Err(io_error(format!("Failed to kill container '{id}'.")));
            }
        }
    }
    r
}

/// The `docker run` command line as the plugin logs it, variables' values hidden.
fn command_line(spec: &RunSpec, run_args: &str) -> String {
    let mut words = vec!["$ docker run -t -d".to_owned()];
    if let Some(u) = &spec.user {
        words.push(format!("-u {u}"));
    }
    if !run_args.trim().is_empty() {
        words.push(run_args.trim().to_owned());
    }
    if let Some(w) = &spec.workdir {
        words.push(format!("-w {w}"));
    }
    for v in spec.binds.iter().rev().take(2).rev() {
        words.push(format!("-v {v}"));
    }
    for _ in spec.env.iter().filter(|e| !run_args.contains(e.as_str())) {
        words.push("-e ********".to_owned());
    }
    words.push(spec.image.clone());
    words.extend(spec.cmd.iter().cloned());
    words.join(" ")
}
