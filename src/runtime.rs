//! The pipeline runtime: `jfrun Jenkinsfile` runs a declarative or scripted pipeline on the
//! host, with Jenkins' semantics.
//!
//! The Jenkinsfile runs in the Groovy evaluator ([`crate::eval`]) with this module as its host
//! ([`host`]): steps come from the step library ([`steps`]); `pipeline { }` hands the
//! declarative model ([`crate::pipeline`]) to [`declarative`]. A build ([`build`]) has a
//! number and a record on disk ([`record`]), a fresh workspace ([`workspace`]), credentials
//! ([`credentials`]) whose secrets the log masks ([`log`], [`mask`]), and results that follow
//! Jenkins' rules ([`result`]). Code runs in a per-thread [`context`] (directory, environment,
//! stage, cancellation); processes run in their own process groups ([`process`]) so that an
//! interruption ([`interrupt`]) kills them all.

// Steps read like the plugins' code: `c` for the call, `a` for its arguments, `b` for the
// build; results and conditions are long matches where arms with the same body for different
// names read best; millisecond counts fit in i64 for longer than any build runs.
#![allow(
    clippy::many_single_char_names,
    clippy::similar_names,
    clippy::match_same_arms,
    clippy::needless_pass_by_value,
    clippy::struct_excessive_bools,
    clippy::cast_possible_wrap,
    clippy::must_use_candidate
)]

pub mod build;
pub mod ci;
pub mod context;
pub mod credentials;
pub mod declarative;
pub mod describable;
pub mod docker_global;
pub mod env;
pub mod executor;
pub mod failure;
pub mod host;
pub mod interrupt;
pub mod libraries;
pub mod log;
pub mod mask;
pub mod options;
pub mod params;
pub mod plan;
pub mod process;
pub mod record;
pub mod result;
pub mod stages;
pub mod steps;
pub mod summary;
pub mod workspace;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use parking_lot::Mutex;
use tokio_util::sync::CancellationToken;

use crate::eval::error::Signal;
use crate::source::SourceFile;
use build::Build;
use log::{LineWriter, Log};
use options::Options;
use result::BuildResult;

/// The project a Jenkinsfile belongs to (its git work tree, or its folder) and what git says
/// about it.
#[must_use]
pub fn project_of(file: &Path) -> (PathBuf, workspace::Scm) {
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let scm = workspace::scm(&dir);
    (scm.top.clone().unwrap_or(dir), scm)
}

/// Runs a Jenkinsfile that has passed validation (its parsed `script` and declarative
/// `pipeline`, if any), logging to standard output; returns the exit code, or why the build
/// could not start.
pub fn run<'a>(
    source: &SourceFile,
    script: &'a crate::syntax::ast::Script,
    pipeline: Option<&'a crate::pipeline::model::Pipeline<'a>>,
    opts: &Options,
    libraries: &'a [libraries::Loaded],
) -> Result<u8, String> {
    let log = Arc::new(Log::stdout(opts.format, opts.no_color));
    run_with_log(source, script, pipeline, opts, libraries, &log)
}

/// Runs a validated Jenkinsfile, logging to `log`.
pub fn run_with_log<'a>(
    source: &SourceFile,
    script: &'a crate::syntax::ast::Script,
    pipeline: Option<&'a crate::pipeline::model::Pipeline<'a>>,
    opts: &Options,
    libraries: &'a [libraries::Loaded],
    log: &Arc<Log>,
) -> Result<u8, String> {
    if let Some(refusal) = crate::eval::sandbox::check_script(script) {
        return Err(refusal);
    }
    let compile_errors = crate::eval::compile::errors_with(
        script,
        &libraries::classes_visible_to_the_script(libraries),
    );
    if let Some(e) = compile_errors.first() {
        return Err(format!("{}: {}", source.name(), e.message));
    }
    let (project, scm) = project_of(&opts.file);
    let job = opts
        .job_name
        .clone()
        .or(opts.job.clone())
        .unwrap_or_else(|| {
            project
                .file_name()
                .map_or_else(|| "job".to_owned(), |n| n.to_string_lossy().into_owned())
        });
    let state = crate::project::state_dir(&project)
        .map_err(|e| format!("cannot create {}: {e}", project.join(".jfrun").display()))?;
    // A build started by `build job:` numbers its builds as that job, as Jenkins does.
    let records = match &opts.job_name {
        Some(name) => record::Records::new(&state.join("jobs").join(name)),
        None => record::Records::new(&state),
    };
    // Inside a CI system the build is the CI's: its number, branch, change request. A child
    // build (`build job:`) is numbered as its own job instead.
    let ci = if opts.job_name.is_none() {
        ci::from_process()
    } else {
        None
    };
    let (number, dir) = match opts
        .build_number
        .or_else(|| ci.as_ref().and_then(ci::Detected::build_number))
    {
        Some(n) => records.claim(n),
        None => records.next(),
    }
    .map_err(|e| format!("cannot record the build under {}: {e}", state.display()))?;
    let (previous, previous_commit) = records.previous(number);
    let ws = if opts.in_place {
        project.clone()
    } else {
        let ws = workspace::location(&project, &job, opts.workspace.as_deref());
        workspace::prepare(&ws, &project)?;
        ws
    };
    let credentials =
        credentials::Credentials::load(opts.credentials.as_deref(), &project, &opts.secrets)?;
    for s in credentials.all_secrets() {
        log.masker.add(&s);
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let branch = opts
        .branch
        .clone()
        .or_else(|| {
            ci.as_ref()
                .and_then(|c| c.get("BRANCH_NAME"))
                .map(str::to_owned)
        })
        .or(scm.branch.clone());
    let b = Build {
        opts,
        log: log.clone(),
        rt: rt.handle().clone(),
        cancel: CancellationToken::new(),
        post_cancel: CancellationToken::new(),
        interrupted: Mutex::new(None),
        job,
        number,
        dir: dir.clone(),
        workspace: ws,
        project,
        branch,
        is_git: scm.is_git,
        scm: scm.vars,
        env: Mutex::new(indexmap::IndexMap::new()),
        params: Mutex::new(indexmap::IndexMap::new()),
        result: Mutex::new(BuildResult::Success),
        previous,
        previous_commit,
        description: Mutex::new(None),
        display_name: Mutex::new(None),
        stashes: Mutex::new(std::collections::HashMap::new()),
        credentials,
        stages: Mutex::new(Vec::new()),
        pipeline,
        started: Instant::now(),
        children: Mutex::new(Vec::new()),
        containers: executor::cleanup::Containers::new(opts.keep_containers),
        libraries: libraries::Libraries::new(libraries),
        ci,
        ci_group: Mutex::new(None),
    };
    *b.env.lock() = env::jenkins_variables(&b);
    if opts.keep_undefined_parameters {
        params::keep_given(&b);
    }
    // The first Ctrl-C interrupts the build (whose `post` then runs); the next one stops
    // `post` too.
    let ctrl_c = {
        let cancel = b.cancel.clone();
        let post_cancel = b.post_cancel.clone();
        let log = log.clone();
        rt.spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                log.line("Aborted by user");
                cancel.cancel();
            }
            if tokio::signal::ctrl_c().await.is_ok() {
                post_cancel.cancel();
            }
        })
    };
    ci::output::build_started(&b);
    log.event(serde_json::json!({"event": "build_started", "job": b.job, "number": number}));
    if !log.is_json() {
        log.note(&format!("Started {} #{number} ({})", b.job, source.name()));
        if let Some(cause) = &opts.cause {
            log.line(&format!("Started by {cause}"));
        }
    }
    let started = Instant::now();
    let outcome = stacker::grow(crate::eval::interp::SCRIPT_STACK, || {
        execute(&b, source, script)
    });
    ctrl_c.abort();
    // Containers a failure or an interruption left behind, images built for the run only.
    for (what, e) in b.containers.remove_all(&b.rt) {
        log.error(&format!("Failed to remove {what}: {e}"));
    }
    for id in b.containers.left() {
        log.note(&format!(
            "Kept container {id}: docker exec -it {id} sh (jfrun clean removes it)"
        ));
    }
    let mut result = b.current();
    if let Err(Signal::Throw(exc, _)) = &outcome {
        let r = if interrupt::is_interruption(exc) || b.cancel.is_cancelled() {
            BuildResult::Aborted
        } else {
            BuildResult::Failure
        };
        result = result.combine(r);
    } else if b.cancel.is_cancelled() {
        result = result.combine(BuildResult::Aborted);
    }
    summary::print(&b, result);
    ci::output::build_finished(&b, result);
    if let Err(e) = summary::write_junit(&b, result) {
        log.error(&format!(
            "cannot write the stage report in {}: {e}",
            dir.display()
        ));
    }
    let duration = started.elapsed().as_millis() as u64;
    log.event(serde_json::json!({"event": "build_finished", "result": result.name(), "duration_ms": duration}));
    if !log.is_json() {
        log.note(&format!("Finished: {result}"));
    }
    let commit = b
        .scm
        .iter()
        .find(|(k, _)| k == "GIT_COMMIT")
        .map(|(_, v)| v.as_str());
    record::Records::finish(&dir, result, duration, commit, &log.transcript());
    rt.shutdown_background();
    Ok(result.exit_code())
}

/// Runs the script with the build as its host; an uncaught failure is logged as Jenkins logs
/// it.
fn execute<'s>(
    b: &'s Build<'s>,
    source: &SourceFile,
    script: &'s crate::syntax::ast::Script,
) -> Result<(), Signal<'s>> {
    let out = Box::new(LineWriter::new(b.log.clone()));
    let mut interp = crate::eval::interp::Interp::new(script, "WorkflowScript", out);
    let host: Arc<dyn crate::eval::host::Host<'s> + 's> = Arc::new(host::BuildHost { b });
    interp.host = Some(host);
    b.libraries.load(b, &mut interp);
    context::set(context::Context {
        cwd: b.workspace.clone(),
        cancel: b.cancel.clone(),
        ..context::Context::default()
    });
    let r = interp.run();
    interp.flush();
    match r {
        Ok(_) | Err(Signal::Return(_) | Signal::Break(_) | Signal::Continue(_)) => Ok(()),
        Err(Signal::Throw(exc, span)) => {
            let message = failure::message(&interp, &exc);
            b.log.error(&message);
            if !interrupt::is_interruption(&exc) {
                ci::output::failed(b, source, span, &message);
            }
            Err(Signal::Throw(exc, span))
        }
    }
}
