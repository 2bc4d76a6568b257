//! `container('name') { }` of the kubernetes plugin: the body's steps run in the container
//! `name` of the pod the code runs on (`agent { kubernetes }`), with `POD_CONTAINER` set to its
//! name, as the plugin's `ContainerStep` does.

use super::{Call, StepArgs};
use crate::eval::error::{Eval, throw};
use crate::eval::value::Value;
use crate::runtime::context;

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
    let Some(pod) = context::with(|ctx| ctx.pod.clone()) else {
        return throw(
            "hudson.AbortException",
            format!(
                "container('{name}') runs in a pod of agent {{ kubernetes }}; this code does not run on one"
            ),
        );
    };
    let Some(id) = pod.container(&name).map(str::to_owned) else {
        return throw(
            "hudson.AbortException",
            format!(
                "container '{name}' is not in pod {} (its containers: {})",
                pod.name,
                pod.names().join(", ")
            ),
        );
    };
    context::scoped(
        |ctx| {
            ctx.container = Some(id);
            ctx.docker_host = None;
            ctx.env
                .insert("POD_CONTAINER".to_owned(), Some(name.clone()));
        },
        || c.i.call_value(&body, Vec::new(), c.span),
    )
}
