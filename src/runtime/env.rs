//! The environment variables Jenkins gives a build (BUILD_NUMBER, JOB_NAME, WORKSPACE...),
//! and the environment a step sees: the build's, then what `withEnv`, `environment` and
//! credentials add in the current context.

use indexmap::IndexMap;

use super::build::Build;
use super::context::Context;

/// The variables Jenkins defines for every build, on top of the process environment.
#[must_use]
pub fn jenkins_variables(b: &Build<'_>) -> IndexMap<String, String> {
    let mut env: IndexMap<String, String> = std::env::vars().collect();
    let job = &b.job;
    let n = b.number.to_string();
    let ws = b.workspace.display().to_string();
    let mut set = |k: &str, v: String| {
        env.insert(k.to_owned(), v);
    };
    set("BUILD_NUMBER", n.clone());
    set("BUILD_ID", n.clone());
    set("BUILD_DISPLAY_NAME", format!("#{n}"));
    set(
        "BUILD_TAG",
        format!("jenkins-{}-{n}", job.replace('/', "-")),
    );
    set("BUILD_URL", String::new());
    set("JOB_NAME", job.clone());
    set(
        "JOB_BASE_NAME",
        job.rsplit('/').next().unwrap_or(job).to_owned(),
    );
    set("JOB_URL", String::new());
    set("JENKINS_URL", String::new());
    set("JENKINS_HOME", String::new());
    set("WORKSPACE", ws.clone());
    set("WORKSPACE_TMP", format!("{ws}@tmp"));
    set("NODE_NAME", "built-in".to_owned());
    set("NODE_LABELS", "built-in".to_owned());
    set("EXECUTOR_NUMBER", "0".to_owned());
    set("CI", "true".to_owned());
    set("HUDSON_HOME", String::new());
    if let Some(branch) = &b.branch {
        set("BRANCH_NAME", branch.clone());
        set("GIT_BRANCH", branch.clone());
        set("GIT_LOCAL_BRANCH", branch.clone());
    }
    for (k, v) in &b.scm {
        set(k, v.clone());
    }
    // What the CI says wins over the checkout's git; the build's number and branch are
    // already the CI's unless the command line chose others.
    if let Some(ci) = &b.ci {
        for (k, v) in &ci.vars {
            match k.as_str() {
                "BUILD_NUMBER" | "BUILD_ID" | "BRANCH_NAME" | "GIT_BRANCH" => {}
                "JOB_NAME" | "JOB_BASE_NAME" if b.opts.job.is_some() => {}
                _ => set(k, v.clone()),
            }
        }
    }
    for (k, v) in &b.opts.env {
        set(k, v.clone());
    }
    env
}

/// The environment of a step run in `ctx`.
#[must_use]
pub fn effective(b: &Build<'_>, ctx: &Context) -> IndexMap<String, String> {
    let mut env = b.env.lock().clone();
    if let Some(stage) = ctx.stages.last() {
        env.insert("STAGE_NAME".to_owned(), stage.clone());
    }
    for (k, v) in &ctx.env {
        match v {
            Some(v) => {
                // `PATH+EXTRA=/opt/bin` prepends to PATH, as in Jenkins.
                if let Some((base, _)) = k.split_once('+') {
                    let old = env.get(base).cloned().unwrap_or_default();
                    let joined = if old.is_empty() {
                        v.clone()
                    } else {
                        format!("{v}:{old}")
                    };
                    env.insert(base.to_owned(), joined);
                } else {
                    env.insert(k.clone(), v.clone());
                }
            }
            None => {
                env.shift_remove(k);
            }
        }
    }
    env
}

/// A variable as the current context sees it (`env.X`, a bare name): read without building
/// the whole environment, which only a `NAME+EXTRA` entry for this name needs.
#[must_use]
pub fn lookup(b: &Build<'_>, ctx: &Context, name: &str) -> Option<String> {
    let prefixed = ctx
        .env
        .keys()
        .any(|k| k.split_once('+').is_some_and(|(base, _)| base == name));
    if prefixed {
        return effective(b, ctx).get(name).cloned();
    }
    if let Some(v) = ctx.env.get(name) {
        return v.clone();
    }
    if name == "STAGE_NAME" {
        if let Some(stage) = ctx.stages.last() {
            return Some(stage.clone());
        }
    }
    b.env.lock().get(name).cloned()
}
