//! `agent { docker 'image' }` and `agent { docker { image 'x'; args '...'; reuseNode true } }`,
//! as the docker-workflow plugin runs them: on a node (a fresh one, checked out, unless
//! `reuseNode` keeps the enclosing one), the body inside a container of the image.
//!
//! Incomplete: `alwaysPull`, `registryUrl` and `registryCredentialsId` are accepted but nothing is
//! pulled (images must already be on the engine); `args` accepts only the options listed in
//! [`crate::runtime::executor::docker::args`].

use super::Run;
use super::stage::on_node;
use crate::eval::error::{Eval, Signal, exception};
use crate::eval::value::Value;
use crate::pipeline::model;
use crate::runtime::context;
use crate::runtime::executor::docker::inside::inside;

/// Runs `body` in a container of the agent's image.
pub fn with_docker<'a>(
    run: &Run<'_, '_, 'a>,
    agent: &model::Agent<'a>,
    checkout: bool,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let c = run.c;
    let text = |v: &model::Value<'a>| -> Result<Value<'a>, Signal<'a>> {
        crate::runtime::describable::value(c.i, &run.scope, v)
    };
    let (mut image, mut args, mut reuse, mut per_stage) = (None, String::new(), false, false);
    match &agent.config {
        model::AgentConfig::Value(v) => image = Some(c.i.to_s(&text(v)?)?),
        model::AgentConfig::Block(m) => {
            if let Some(model::MapValue::Value(v)) = m.get("image") {
                image = Some(c.i.to_s(&text(v)?)?);
            }
            if let Some(model::MapValue::Value(v)) = m.get("args") {
                args = c.i.to_s(&text(v)?)?;
            }
            if let Some(model::MapValue::Value(v)) = m.get("reuseNode") {
                reuse = matches!(text(v)?, Value::Bool(true));
            }
            if let Some(model::MapValue::Value(v)) = m.get("containerPerStageRoot") {
                per_stage = matches!(text(v)?, Value::Bool(true));
            }
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
    let on_node_now = context::with(|ctx| ctx.on_node);
    // `newContainerPerStage()` or `containerPerStageRoot`: the top-level agent is only a node,
    // and the stages (which reuse it) each run in their own container.
    let is_root = b
        .pipeline
        .and_then(|p| p.agent.as_ref())
        .is_some_and(|root| std::ptr::eq(root, agent));
    let per_stage = per_stage || (run.flags.container_per_stage && is_root);
    if per_stage && !on_node_now {
        return on_node(run, agent, checkout, body);
    }
    if (reuse || per_stage) && on_node_now {
        return inside(b, &image, &args, body);
    }
    on_node(run, agent, checkout, &mut || inside(b, &image, &args, body))
}
