//! `container('name') { }` of the kubernetes plugin: the body's steps run in the container
//! `name` of the pod the code runs on (`agent { kubernetes }`), with `POD_CONTAINER` set to its
//! name, as the plugin's `ContainerStep` does; and `containerLog('name')`, the log of one of the
//! pod's containers, as the plugin's `ContainerLogStep` prints or returns it.

use super::{Call, StepArgs};
use std::sync::Arc;

use crate::eval::error::{Eval, Signal, exception, throw};
use crate::eval::value::Value;
use crate::runtime::context;
use crate::runtime::executor::kubernetes::running::RunningPod;

/// `container('maven') { sh 'mvn -v' }`, `container(name: 'maven') { }`.
pub fn container<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("container", Some("name"), args)?;
    let name = a.required(c.i, "name")?;
    if a.string(c.i, "shell")?.is_some() {
        return throw(
            "hudson.AbortException",
            "container(shell: ...) is not supported by jfrun: sh runs /bin/sh -xe in the container",
        );
    }
    let body = a.body()?;
    pod_with(&format!("container('{name}') runs in"), &name)?;
    context::scoped(
        |ctx| {
            ctx.container = Some(name.clone());
            ctx.docker_host = None;
            ctx.env
                .insert("POD_CONTAINER".to_owned(), Some(name.clone()));
        },
        || c.i.call_value(&body, Vec::new(), c.span),
    )
}

/// `containerLog('db')`, `containerLog(name: 'db', returnLog: true, tailingLines: 100,
/// sinceSeconds: 60, limitBytes: 4096)`.
pub fn container_log<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("containerLog", Some("name"), args)?;
    let name = a.required(c.i, "name")?;
    let return_log = a.flag(c.i, "returnLog", false)?;
    // The plugin's 0 means no limit.
    let positive = |key: &str| a.int(key).filter(|n| *n > 0);
    let (tail, since, limit) = (
        positive("tailingLines"),
        positive("sinceSeconds"),
        positive("limitBytes"),
    );
    let pod = pod_with(
        &format!("containerLog('{name}') reads a container of"),
        &name,
    )?;
    let log = match pod.logs(c.b, &name, tail, since, limit) {
        Ok(log) => log,
        Err(e) => {
            // As the plugin: the failure is reported, the step does not fail the build.
            c.b.log.line("Failed to get logs for container");
            c.b.log.error(&e);
            return Ok(Value::str(String::new()));
        }
    };
    if return_log {
        return Ok(Value::str(log));
    }
    c.b.log.line(&format!(
        "> start log of container '{name}' in pod '{}'",
        pod.name
    ));
    c.b.log.lines(&log);
    c.b.log.line(&format!(
        "> end log of container '{name}' in pod '{}'",
        pod.name
    ));
    Ok(Value::str(String::new()))
}

/// The pod the code runs on, which must have the container `name`; `what` says what needs it
/// (`container('x') runs in`).
fn pod_with<'a>(what: &str, name: &str) -> Result<Arc<RunningPod>, Signal<'a>> {
    let Some(pod) = context::with(|ctx| ctx.pod.clone()) else {
        return Err(abort(format!(
            "{what} a pod of agent {{ kubernetes }}; this code does not run on one"
        )));
    };
    if !pod.has(name) {
        return Err(abort(format!(
            "container '{name}' is not in pod {} (its containers: {})",
            pod.name,
            pod.names().join(", ")
        )));
    }
    Ok(pod)
}

fn abort<'a>(message: String) -> Signal<'a> {
    Signal::Throw(exception("hudson.AbortException", Some(message)), None)
}
