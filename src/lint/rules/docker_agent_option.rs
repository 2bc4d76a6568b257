//! `lint/docker-agent-option`: an option inside `agent { docker { } }` or
//! `agent { dockerfile { } }` that the agent does not have, such as `environment { }`,
//! `command`, `volumes` or `ports`: things `docker run` can do, which people expect
//! the agent to take.
//!
//! Jenkins reports each as `jenkins/invalid-agent-parameter` (and, for a block of assignments
//! like `environment { A = 'b' }`, one `jenkins/expected-key-value` per line). This rule takes
//! those out and puts one error per misplaced option in their place: Jenkins' message, and a
//! help that says where the setting belongs.

use super::Context;
use crate::catalog::{self, directives};
use crate::diagnostic::Diagnostic;
use crate::pipeline::model::{Agent, AgentConfig, MapValue, Matrix, Pipeline, Stage, Stages};
use crate::pipeline::validate::edit_distance;
use crate::source::Span;

const CODE: &str = "lint/docker-agent-option";

/// What Jenkins reports for an unknown agent option.
const INVALID_PARAMETER: &str = "jenkins/invalid-agent-parameter";

/// What Jenkins reports inside a misplaced block: lines that are not `key value`.
const INSIDE_BLOCK: &[&str] = &[
    "jenkins/expected-key-value",
    "jenkins/no-argument",
    "jenkins/too-many-arguments",
];

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(p) = cx.pipeline else { return };
    let mut agents = Vec::new();
    collect(p, &mut agents);
    for agent in agents {
        one_agent(agent, out);
    }
}

/// Every `agent` section of the pipeline, in source order.
fn collect<'p, 'a>(p: &'p Pipeline<'a>, agents: &mut Vec<&'p Agent<'a>>) {
    agents.extend(&p.agent);
    if let Some(s) = &p.stages {
        stages(s, agents);
    }
}

fn stages<'p, 'a>(s: &'p Stages<'a>, agents: &mut Vec<&'p Agent<'a>>) {
    for stage in &s.stages {
        self::stage(stage, agents);
    }
}

fn stage<'p, 'a>(stage: &'p Stage<'a>, agents: &mut Vec<&'p Agent<'a>>) {
    agents.extend(&stage.agent);
    for nested in [&stage.stages, &stage.parallel].into_iter().flatten() {
        stages(nested, agents);
    }
    if let Some(m) = &stage.matrix {
        matrix(m, agents);
    }
}

fn matrix<'p, 'a>(m: &'p Matrix<'a>, agents: &mut Vec<&'p Agent<'a>>) {
    agents.extend(&m.agent);
    if let Some(s) = &m.stages {
        stages(s, agents);
    }
}

fn one_agent(agent: &Agent<'_>, out: &mut Vec<Diagnostic>) {
    let Some(kind) = &agent.kind else { return };
    if kind.name != "docker" && kind.name != "dockerfile" {
        return;
    }
    let AgentConfig::Block(map) = &agent.config else {
        return;
    };
    let Some(model) = catalog::find(directives::AGENTS, &kind.name) else {
        return;
    };
    for (key, value) in &map.entries {
        if model.param(&key.name).is_some() {
            continue;
        }
        let Some(at) = out
            .iter()
            .position(|d| d.code == INVALID_PARAMETER && d.span == key.span)
        else {
            continue;
        };
        let jenkins = out.remove(at);
        if let MapValue::Block(inner) = value {
            out.retain(|d| !(INSIDE_BLOCK.contains(&d.code) && within(d.span, inner.span)));
        }
        let valid: Vec<&str> = model.params.iter().map(|p| p.name).collect();
        out.push(
            Diagnostic::error(CODE, jenkins.message, key.span)
                .with_label(format!(
                    "`{}` is not an option of the `{}` agent",
                    key.name, kind.name
                ))
                .with_help(help(&key.name, &kind.name, &valid)),
        );
    }
}

fn within(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Where the setting belongs.
fn help(option: &str, agent: &str, valid: &[&str]) -> String {
    let lower = option.to_ascii_lowercase().replace(['_', '-'], "");
    let known = match lower.as_str() {
        "environment" | "env" | "envvars" | "environmentvariables" | "envs" => Some(
            "Set variables in the stage's or the pipeline's `environment { }` block: steps \
             that run in the container see them. To hand them to `docker run` itself, use \
             `-e NAME=value` in `args`."
                .to_owned(),
        ),
        "command" | "cmd" | "entrypoint" | "commands" => Some(
            "Jenkins starts the container with `cat` as its command, to keep it running, and \
             runs each step in it with `docker exec`: run the command in `steps { sh '...' }`, \
             or change the image's entrypoint with `args '--entrypoint=...'`."
                .to_owned(),
        ),
        "volumes" | "volume" | "mounts" | "mount" | "volumemounts" | "binds" => Some(
            "Mount volumes with `args '-v /host/path:/container/path'` (the workspace is \
             mounted already)."
                .to_owned(),
        ),
        "ports" | "port" | "publish" | "expose" => {
            Some("Publish ports with `args '-p 8080:8080'`.".to_owned())
        }
        "user" | "runas" => Some(
            "Jenkins runs the container as the agent's user (`-u uid:gid`); to override it, \
             put `-u` in `args`, e.g. `args '-u root'`."
                .to_owned(),
        ),
        "workdir" | "workingdir" | "cwd" => Some(
            "Jenkins uses the workspace as the working directory: use `dir('path') { ... }` \
             in `steps`, or `customWorkspace` to choose the workspace."
                .to_owned(),
        ),
        "network" | "networks" | "networkmode" | "net" => {
            Some("Choose the network with `args '--network=name'`.".to_owned())
        }
        "hostname" => Some("Set the host name with `args '--hostname=name'`.".to_owned()),
        "name" | "containername" => Some(
            "Jenkins names the container itself, and a fixed `--name` would clash when two \
             builds run at once: leave it out, or use `--network-alias` in `args` to give it \
             a name on a network."
                .to_owned(),
        ),
        "privileged" => Some("Use `args '--privileged'`.".to_owned()),
        "memory" | "cpus" | "cpu" | "resources" | "limits" | "shmsize" => Some(
            "Limit resources with `docker run` options in `args`, e.g. `args '--memory=2g \
             --cpus=2'`."
                .to_owned(),
        ),
        "tag" | "version" => Some("Put the tag in the image name: `image 'name:tag'`.".to_owned()),
        "credentials" | "credentialsid" | "credentialid" | "registrycredentials" => {
            Some("The registry's credentials go in `registryCredentialsId`.".to_owned())
        }
        "registry" | "url" | "server" => {
            Some("The registry's address goes in `registryUrl`.".to_owned())
        }
        "pull" | "forcepull" => Some("Use `alwaysPull true`.".to_owned()),
        "dockerfile" | "filename" | "file" if agent == "docker" => Some(
            "To build the image from a Dockerfile, use `agent { dockerfile { filename '...' } }` \
             instead of `docker`."
                .to_owned(),
        ),
        "image" if agent == "dockerfile" => Some(
            "A `dockerfile` agent builds its image; to run an existing image use \
             `agent { docker { image '...' } }`."
                .to_owned(),
        ),
        "buildargs" | "buildarg" | "target" | "buildoptions" if agent == "dockerfile" => Some(
            "Pass options to `docker build` with `additionalBuildArgs`, e.g. \
             `additionalBuildArgs '--build-arg NAME=value --target build'`."
                .to_owned(),
        ),
        "file" | "path" | "dockerfilename" if agent == "dockerfile" => {
            Some("The Dockerfile's name goes in `filename` (relative to `dir`).".to_owned())
        }
        "context" | "directory" | "buildcontext" if agent == "dockerfile" => {
            Some("The build context goes in `dir`.".to_owned())
        }
        _ => None,
    };
    if let Some(h) = known {
        return h;
    }
    let close = valid.iter().copied().find(|v| {
        v.eq_ignore_ascii_case(option)
            || v.to_ascii_lowercase() == lower
            || edit_distance(option, v) <= 2
    });
    match close {
        Some(v) => format!("Did you mean `{v}`?"),
        None => format!(
            "The `{agent}` agent takes only the options listed; anything else for `docker {}` \
             goes in `{}`.",
            if agent == "docker" { "run" } else { "build" },
            if agent == "docker" {
                "args"
            } else {
                "additionalBuildArgs"
            },
        ),
    }
}
