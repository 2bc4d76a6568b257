//! The `build` step: `build job: 'deploy', parameters: [...]` runs the local Jenkinsfile that
//! `--job deploy=PATH` (or `.jfrun.toml`'s `[jobs]`) maps the job to, as a child build of its
//! own (jfrun itself, run again), and gives back its result as Jenkins' `RunWrapper` does.

use std::path::Path;

use super::{Call, StepArgs};
use crate::eval::error::{Eval, Signal, exception, throw};
use crate::eval::value::{MapObj, Value};
use crate::runtime::process::{self, Command, Exit};
use crate::runtime::result::BuildResult;
use crate::runtime::{context, describable, interrupt};

/// The class scripts see for a child build.
const RUN_CLASS: &str = "org.jenkinsci.plugins.workflow.support.steps.build.RunWrapper";
/// How the host names the global standing for the child build with an index.
pub const GLOBAL_PREFIX: &str = "build:";

/// A finished child build.
#[derive(Clone, Debug)]
pub struct ChildBuild {
    /// The job's name.
    pub job: String,
    /// Its build number.
    pub number: u64,
    /// Its result.
    pub result: BuildResult,
    /// How long it took.
    pub duration_ms: u64,
}

/// A property of a child build (`result`, `number`, `buildVariables`...).
#[must_use]
pub fn property<'a>(child: &ChildBuild, name: &str) -> Option<Value<'a>> {
    let n = child.number;
    Some(match name {
        "result" | "currentResult" => Value::str(child.result.name()),
        "number" => Value::Int(i32::try_from(n).unwrap_or(i32::MAX)),
        "id" => Value::str(n.to_string()),
        "displayName" => Value::str(format!("#{n}")),
        "fullDisplayName" => Value::str(format!("{} #{n}", child.job)),
        "projectName" | "fullProjectName" => Value::str(child.job.as_str()),
        "duration" => Value::Long(i64::try_from(child.duration_ms).unwrap_or(i64::MAX)),
        "absoluteUrl" => Value::str(""),
        // The child's own environment stays in its process.
        "buildVariables" => MapObj::linked(Vec::new()),
        _ => return None,
    })
}

/// `build job: 'NAME', parameters: [...], wait: true, propagate: true`.
pub fn build<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("build", Some("job"), args)?;
    let job = a.required(c.i, "job")?;
    let Some(file) = c.b.opts.job(&job).cloned() else {
        return throw(
            "hudson.AbortException",
            format!(
                "build: jfrun cannot trigger job '{job}': it runs a single Jenkinsfile, and no local Jenkinsfile is mapped to that job (map one with --job {job}=PATH)"
            ),
        );
    };
    let wait = a.flag(c.i, "wait", true)?;
    let propagate = a.flag(c.i, "propagate", true)?;
    if !wait {
        return throw(
            "hudson.AbortException",
            format!(
                "build: jfrun runs job '{job}' only as part of this build: use wait: true (the default) instead of wait: false"
            ),
        );
    }
    let mut argv = vec![
        std::env::current_exe()
            .map_err(|e| io_failure(&job, &e))?
            .display()
            .to_string(),
        "run".to_owned(),
        file.display().to_string(),
        "--format".to_owned(),
        "json".to_owned(),
        "--child-of-job".to_owned(),
        job.clone(),
    ];
    for (k, v) in parameters(c, &a)? {
        argv.extend(["-p".to_owned(), format!("{k}={v}")]);
    }
    argv.extend(forwarded(c.b.opts));
    c.b.log.line(&format!("Scheduling project: {job}"));
    let cwd = std::env::current_dir().map_err(|e| io_failure(&job, &e))?;
    let cmd = Command {
        argv,
        cwd,
        env: std::env::vars().collect(),
        capture_stdout: true,
    };
    let cancel = context::with(|ctx| ctx.cancel.clone());
    let events = match process::run(&c.b.rt, cmd, &c.b.log, &cancel) {
        Ok(Exit::Code { stdout, .. }) => stdout,
        Ok(Exit::Cancelled) => return interrupt::thrown(c.b),
        Err(e) => return Err(io_failure(&job, &e)),
    };
    let child = relay(c, &job, &file, &events)?;
    let index = {
        let mut children = c.b.children.lock();
        children.push(child.clone());
        children.len() - 1
    };
    if propagate && child.result != BuildResult::Success {
        let message = format!(
            "{job} #{} completed with status {} (propagate: false to ignore)",
            child.number,
            child.result.name()
        );
        match child.result {
            // Jenkins interrupts the parent with the child's result; jfrun marks the build
            // UNSTABLE and lets it go on, as an interruption here would abort it.
            BuildResult::Unstable => {
                c.b.log.line(&message);
                c.b.worsen(BuildResult::Unstable);
            }
            BuildResult::Aborted | BuildResult::NotBuilt => {
                return Err(Signal::Throw(
                    exception(interrupt::INTERRUPTED, Some(message)),
                    None,
                ));
            }
            _ => return throw("hudson.AbortException", message),
        }
    }
    Ok(crate::eval::host::global(
        RUN_CLASS,
        &format!("{GLOBAL_PREFIX}{index}"),
    ))
}

/// `parameters: [string(name: 'X', value: 'v'), booleanParam(...)]` as `NAME=VALUE` pairs.
fn parameters<'a>(c: &Call<'_, 'a>, a: &StepArgs<'a>) -> Result<Vec<(String, String)>, Signal<'a>> {
    let Some(list) = a.get("parameters") else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for p in c.i.to_list(list)? {
        let Some(name) = describable::text(c.i, &p, "name")? else {
            return throw(
                "java.lang.IllegalArgumentException",
                "build: each parameter needs a name, as in string(name: 'X', value: 'v')",
            );
        };
        let value = describable::text(c.i, &p, "value")?.unwrap_or_default();
        out.push((name, value));
    }
    Ok(out)
}

/// The flags of this run that the child run keeps: where credentials, tools, other jobs and
/// shared libraries are, and how inputs are answered.
fn forwarded(o: &crate::runtime::options::Options) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(f) = &o.credentials {
        out.extend(["--credentials".to_owned(), f.display().to_string()]);
    }
    for (k, v) in &o.secrets {
        out.extend(["--secret".to_owned(), format!("{k}={v}")]);
    }
    for (k, v) in &o.tools {
        out.extend(["--tool".to_owned(), format!("{k}={}", v.display())]);
    }
    for (k, v) in &o.jobs {
        out.extend(["--job".to_owned(), format!("{k}={}", v.display())]);
    }
    for (k, v) in &o.inputs {
        out.extend(["--input".to_owned(), format!("{k}={v}")]);
    }
    if o.yes {
        out.push("--yes".to_owned());
    }
    for lib in &o.libraries {
        let location = match &lib.source {
            crate::library::Source::Folder(f) => f.display().to_string(),
            crate::library::Source::Git(url) => url.clone(),
        };
        out.extend(["--library".to_owned(), format!("{}={location}", lib.name)]);
    }
    out
}

/// Reads the child's event stream: its log lines go into this build's log, after Jenkins'
/// `Starting building:` line; its number and result are kept.
fn relay<'a>(
    c: &Call<'_, 'a>,
    job: &str,
    file: &Path,
    events: &str,
) -> Result<ChildBuild, Signal<'a>> {
    let mut number = None;
    let mut result = None;
    let mut duration_ms = 0;
    for line in events.lines() {
        let Ok(ev) = serde_json::from_str::<serde_json::Value>(line) else {
            c.b.log.line(line);
            continue;
        };
        match ev["event"].as_str() {
            Some("build_started") => {
                number = ev["number"].as_u64();
                c.b.log.line(&format!(
                    "Starting building: {job} #{}",
                    number.unwrap_or(0)
                ));
            }
            Some("log") => c.b.log.line(ev["line"].as_str().unwrap_or("")),
            Some("build_finished") => {
                result = ev["result"].as_str().and_then(BuildResult::parse);
                duration_ms = ev["duration_ms"].as_u64().unwrap_or(0);
            }
            _ => {}
        }
    }
    match (number, result) {
        (Some(number), Some(result)) => Ok(ChildBuild {
            job: job.to_owned(),
            number,
            result,
            duration_ms,
        }),
        _ => throw(
            "hudson.AbortException",
            format!(
                "build: job '{job}' ({}) could not start; see the lines above",
                file.display()
            ),
        ),
    }
}

fn io_failure<'a>(job: &str, e: &std::io::Error) -> Signal<'a> {
    Signal::Throw(
        exception(
            "java.io.IOException",
            Some(format!("build: cannot start job '{job}': {e}")),
        ),
        None,
    )
}
