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
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::pipeline::model::{
    Agent, AgentConfig, ClosureMap, Environment, MapValue, Matrix, Pipeline, Stage, Stages,
};
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
    for (agent, environment) in agents {
        one_agent(cx.source.text(), agent, environment, out);
    }
}

/// An `agent` section and the `environment` section beside it (of the same stage, matrix or
/// pipeline), if any.
type Placed<'p, 'a> = (&'p Agent<'a>, Option<&'p Environment<'a>>);

/// Every `agent` section of the pipeline, in source order.
fn collect<'p, 'a>(p: &'p Pipeline<'a>, agents: &mut Vec<Placed<'p, 'a>>) {
    agents.extend(p.agent.iter().map(|a| (a, p.environment.as_ref())));
    if let Some(s) = &p.stages {
        stages(s, agents);
    }
}

fn stages<'p, 'a>(s: &'p Stages<'a>, agents: &mut Vec<Placed<'p, 'a>>) {
    for stage in &s.stages {
        self::stage(stage, agents);
    }
}

fn stage<'p, 'a>(stage: &'p Stage<'a>, agents: &mut Vec<Placed<'p, 'a>>) {
    agents.extend(stage.agent.iter().map(|a| (a, stage.environment.as_ref())));
    for nested in [&stage.stages, &stage.parallel].into_iter().flatten() {
        stages(nested, agents);
    }
    if let Some(m) = &stage.matrix {
        matrix(m, agents);
    }
}

fn matrix<'p, 'a>(m: &'p Matrix<'a>, agents: &mut Vec<Placed<'p, 'a>>) {
    agents.extend(m.agent.iter().map(|a| (a, m.environment.as_ref())));
    if let Some(s) = &m.stages {
        stages(s, agents);
    }
}

fn one_agent(
    text: &str,
    agent: &Agent<'_>,
    environment: Option<&Environment<'_>>,
    out: &mut Vec<Diagnostic>,
) {
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
        let mut diagnostic = Diagnostic::error(CODE, jenkins.message, key.span)
            .with_label(format!(
                "`{}` is not an option of the `{}` agent",
                key.name, kind.name
            ))
            .with_help(help(&key.name, &kind.name, &valid));
        if let MapValue::Block(block) = value
            && is_environment(&key.name)
            && let Some(fix) = move_environment(text, agent, key.span, block, environment)
        {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

fn is_environment(option: &str) -> bool {
    matches!(
        option.to_ascii_lowercase().replace(['_', '-'], "").as_str(),
        "environment" | "env" | "envvars" | "environmentvariables" | "envs"
    )
}

/// The fix for `environment { }` inside a docker agent: its lines move to the `environment`
/// section beside the agent, which is created after the agent when there is none.
fn move_environment(
    text: &str,
    agent: &Agent<'_>,
    key: Span,
    block: &ClosureMap<'_>,
    environment: Option<&Environment<'_>>,
) -> Option<Fix> {
    let inner = text.get(block.span.start as usize..block.span.end as usize)?;
    let body = inner.strip_prefix('{')?.strip_suffix('}')?;
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return None;
    }
    let removal = whole_lines(text, Span::new(key.start as usize, block.span.end as usize));
    let agent_indent = indentation(text, agent.span.start as usize);
    let insertion = if let Some(env) = environment {
        let open = env.span.start as usize + text.get(env.span.start as usize..)?.find('{')?;
        let indent = format!("{}    ", indentation(text, env.span.start as usize));
        let mut added = String::new();
        for line in &lines {
            added.push('\n');
            added.push_str(&indent);
            added.push_str(line);
        }
        Edit {
            span: Span::new(open + 1, open + 1),
            text: added,
        }
    } else {
        let mut block = format!("\n{agent_indent}environment {{");
        for line in &lines {
            block.push('\n');
            block.push_str(&agent_indent);
            block.push_str("    ");
            block.push_str(line);
        }
        block.push('\n');
        block.push_str(&agent_indent);
        block.push('}');
        Edit {
            span: Span::new(agent.span.end as usize, agent.span.end as usize),
            text: block,
        }
    };
    Some(Fix {
        title: "Move `environment` out of the agent, beside it".to_owned(),
        edits: vec![
            Edit {
                span: removal,
                text: String::new(),
            },
            insertion,
        ],
    })
}

/// `span` widened to whole lines when nothing but white space shares its lines, so that
/// removing it leaves no blank line.
fn whole_lines(text: &str, span: Span) -> Span {
    let (start, end) = (span.start as usize, span.end as usize);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    if text[line_start..start].trim().is_empty() && text[end..line_end].trim().is_empty() {
        Span::new(line_start, line_end)
    } else {
        span
    }
}

/// The white space that starts the line holding `at`.
fn indentation(text: &str, at: usize) -> String {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

fn within(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Where the setting belongs.
fn help(option: &str, agent: &str, valid: &[&str]) -> String {
    let lower = option.to_ascii_lowercase().replace(['_', '-'], "");
    let known = match lower.as_str() {
        _ if is_environment(option) => Some(
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
