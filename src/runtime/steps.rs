//! The step library: one file per step (or per family of small steps), each a function from
//! the call's arguments to its result. The catalogue (`crate::catalog`) describes the same
//! steps for `jfrun lint`, the language server and docs/steps.md.

mod archive;
mod args;
mod basic;
pub mod build_flow;
pub mod build_job;
mod container;
pub mod credentials;
mod data;
pub mod files;
pub mod flow;
pub mod junit;
mod library;
pub mod node;
mod notify;
pub mod pattern;
mod pipeline_file;
mod pod_template;
mod scm;
mod sh;
mod stash;
mod utility;
mod zip_file;

pub use args::StepArgs;

use crate::eval::error::{Eval, Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::value::Value;
use crate::source::Span;

use super::build::Build;

/// One step call in progress: the build, the evaluator and where the call is written.
pub struct Call<'r, 'a> {
    /// The build.
    pub b: &'r Build<'a>,
    /// The evaluator running the Jenkinsfile.
    pub i: &'r Interp<'a>,
    /// The call in the Jenkinsfile.
    pub span: Span,
}

/// A step's implementation.
pub type Run = for<'r, 'a> fn(&Call<'r, 'a>, Vec<Value<'a>>) -> Eval<'a>;

/// The steps jfrun runs, by name.
const STEPS: &[(&str, Run)] = &[
    ("echo", basic::echo),
    ("error", basic::error),
    ("unstable", basic::unstable),
    ("isUnix", basic::is_unix),
    ("sleep", basic::sleep),
    ("properties", basic::properties),
    ("milestone", basic::milestone),
    ("sh", sh::sh),
    ("bat", sh::windows_only),
    ("powershell", sh::windows_only),
    ("pwsh", sh::pwsh),
    ("pipeline", node::pipeline),
    ("node", node::node),
    ("stage", node::stage),
    ("parallel", node::parallel),
    ("ws", node::ws),
    ("dir", files::dir),
    ("pwd", files::pwd),
    ("readFile", files::read_file),
    ("readTrusted", pipeline_file::read_trusted),
    ("validateDeclarativePipeline", pipeline_file::validate),
    ("getContext", node::get_context),
    ("writeFile", files::write_file),
    ("fileExists", files::file_exists),
    ("deleteDir", files::delete_dir),
    ("withEnv", flow::with_env),
    ("container", container::container),
    ("containerLog", container::container_log),
    ("podTemplate", pod_template::pod_template),
    ("timeout", flow::timeout),
    ("retry", flow::retry),
    ("waitUntil", flow::wait_until),
    ("catchError", flow::catch_error),
    ("warnError", flow::warn_error),
    ("timestamps", flow::wrapper),
    ("ansiColor", flow::wrapper),
    ("lock", flow::lock),
    ("withCredentials", credentials::with_credentials),
    ("script", flow::script),
    ("library", library::library),
    ("libraryResource", library::library_resource),
    ("input", build_flow::input),
    ("build", build_job::build),
    ("checkout", scm::checkout),
    ("git", scm::git),
    ("stash", stash::stash),
    ("unstash", stash::unstash),
    ("archiveArtifacts", archive::archive_artifacts),
    ("archive", archive::archive_artifacts),
    ("cleanWs", archive::clean_ws),
    ("junit", junit::junit),
    ("readJSON", data::read_json),
    ("writeJSON", data::write_json),
    ("readYaml", data::read_yaml),
    ("writeYaml", data::write_yaml),
    ("readProperties", utility::read_properties),
    ("readCSV", utility::read_csv),
    ("findFiles", utility::find_files),
    ("sha256", utility::sha256),
    ("sha1", utility::sha1),
    ("md5", utility::md5),
    ("zip", zip_file::zip),
    ("unzip", zip_file::unzip),
    ("tool", utility::tool),
    ("mail", notify::mail),
    ("emailext", notify::emailext),
    ("slackSend", notify::slack_send),
    ("githubNotify", notify::github_notify),
    ("setGitHubPullRequestStatus", notify::set_github_pr_status),
    ("publishHTML", notify::publish_html),
    ("recordIssues", notify::record_issues),
    (
        "discoverGitReferenceBuild",
        notify::discover_git_reference_build,
    ),
];

/// Steps that work on files or processes: they need a node (a workspace).
const NEEDS_NODE: &[&str] = &[
    "sh",
    "bat",
    "powershell",
    "pwsh",
    "dir",
    "pwd",
    "readFile",
    "writeFile",
    "fileExists",
    "deleteDir",
    "checkout",
    "git",
    "stash",
    "unstash",
    "archiveArtifacts",
    "junit",
    "cleanWs",
    "findFiles",
    "readJSON",
    "writeJSON",
    "readYaml",
    "writeYaml",
    "readProperties",
    "readCSV",
    "sha256",
    "zip",
    "unzip",
    "withCredentials",
    "ws",
];

/// Jenkins' failure for a step that needs a node where there is none.
fn missing_node<'a>(c: &Call<'_, 'a>) -> Eval<'a> {
    if c.b.pipeline.is_some() {
        throw(
            "org.jenkinsci.plugins.workflow.steps.MissingContextVariableException",
            "Attempted to execute a step that requires a node context while ‘agent none’ was specified. Be sure to specify your own ‘node { ... }’ blocks when using ‘agent none’.",
        )
    } else {
        throw(
            "org.jenkinsci.plugins.workflow.steps.MissingContextVariableException",
            "Required context class hudson.FilePath is missing\nPerhaps you forgot to surround the code with a step that provides this, such as: node",
        )
    }
}

/// Calls step `name`; `None` when jfrun has no such step.
pub fn call<'a>(c: &Call<'_, 'a>, name: &str, args: Vec<Value<'a>>) -> Option<Eval<'a>> {
    let run = STEPS.iter().find(|(n, _)| *n == name)?.1;
    if NEEDS_NODE.contains(&name) && !super::context::with(|ctx| ctx.on_node) {
        return Some(missing_node(c));
    }
    let log_step = !matches!(name, "pipeline" | "stage" | "script");
    if log_step {
        c.b.log
            .event(serde_json::json!({"event": "step", "name": name}));
        c.b.log.activity(Some(name));
    }
    Some(run(c, args))
}

/// Names of the steps jfrun runs.
pub fn names() -> impl Iterator<Item = &'static str> {
    STEPS.iter().map(|(n, _)| *n)
}

/// Jenkins' failure for an unknown step: `No such DSL method 'x' found among steps [...]`, with
/// the closest name jfrun knows.
pub fn no_such_step<'a, T>(name: &str) -> Result<T, Signal<'a>> {
    let mut known: Vec<&str> = names().collect();
    known.sort_unstable();
    let catalogued = crate::catalog::steps::STEPS.iter().any(|d| d.name == name);
    if catalogued {
        return throw(
            "java.lang.UnsupportedOperationException",
            format!(
                "jfrun does not run the step '{name}' yet (it knows it from Jenkins' plugins, but has no implementation of it)"
            ),
        );
    }
    let hint = known
        .iter()
        .map(|k| (strsim(name, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| format!(" (did you mean '{k}'?)"))
        .unwrap_or_default();
    throw(
        "java.lang.NoSuchMethodError",
        format!(
            "No such DSL method '{name}' found among steps [{}]{hint}",
            known.join(", ")
        ),
    )
}

/// Edit distance between two names.
fn strsim(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
