//! `jfrun [run] <Jenkinsfile>`: refuses a broken file (exit 2), runs a valid one with the
//! pipeline runtime, and exits with the build's result (0 SUCCESS, 1 FAILURE, 3 UNSTABLE,
//! 4 ABORTED).

use super::{EXIT_USAGE, lint, render};
use crate::diagnostic::Severity;
use crate::runtime::options::Options;

/// Runs the Jenkinsfile `opts.file`.
pub(super) fn run(opts: &Options) -> u8 {
    let path = opts.file.clone();
    let Some(source) = lint::read(&path) else {
        return EXIT_USAGE;
    };
    // Jenkins compiles and validates the whole file before running any of it: a syntax error
    // or a declarative rule it breaks stops the run before it starts.
    let parsed = crate::syntax::parse(&source);
    let (diagnostics, pipeline) = crate::lint::check_parsed(&source, &parsed);
    let errors: Vec<_> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        render::human(&source, &errors);
        // On GitHub Actions the errors also become annotations on the Jenkinsfile's lines.
        let on_github = crate::runtime::ci::from_process()
            .is_some_and(|d| d.system == crate::runtime::ci::System::GitHubActions);
        if on_github {
            render::github(&path.display().to_string(), &source, &errors);
        }
        let what = if errors.iter().all(|d| d.code.starts_with("syntax/")) {
            "it has syntax errors"
        } else {
            "Jenkins would reject it"
        };
        render::message(&format!("refusing to run {}: {what}", path.display()));
        return EXIT_USAGE;
    }
    if opts.dry_run {
        return plan(&source, true, opts.show_pod.then_some(opts));
    }
    let Some(script) = parsed.script.as_ref() else {
        return EXIT_USAGE;
    };
    let (project, _) = crate::runtime::project_of(&opts.file);
    let note = |line: &str| render::message(line);
    let libraries =
        match crate::runtime::libraries::prepare(&opts.libraries, script, &project, &note) {
            Ok(l) => l,
            Err(crate::runtime::libraries::PrepareError::Syntax(file, errors)) => {
                render::human(&file, &errors);
                render::message(&format!(
                    "refusing to run {}: the shared library file {} has errors",
                    path.display(),
                    file.name()
                ));
                return EXIT_USAGE;
            }
            Err(crate::runtime::libraries::PrepareError::Message(msg)) => {
                render::message(&format!("cannot run {}: {msg}", path.display()));
                return EXIT_USAGE;
            }
        };
    match crate::runtime::run(&source, script, pipeline.as_ref(), opts, &libraries) {
        Ok(code) => code,
        Err(msg) => {
            render::message(&format!("cannot run {}: {msg}", path.display()));
            EXIT_USAGE
        }
    }
}

/// `jfrun clean`: removes what earlier runs left on the Docker engine.
#[allow(clippy::print_stdout)]
pub(super) fn clean() -> u8 {
    match crate::runtime::executor::cleanup::clean() {
        Ok(c) => {
            for id in &c.removed {
                println!("removed container {id}");
            }
            for id in &c.images {
                println!("removed image {id}");
            }
            for name in &c.volumes {
                println!("removed volume {name}");
            }
            for id in &c.live {
                println!("kept container {id}: its run is still going");
            }
            for (what, e) in &c.failed {
                render::message(&format!("cannot remove {what}: {e}"));
            }
            if c.removed.is_empty()
                && c.images.is_empty()
                && c.volumes.is_empty()
                && c.failed.is_empty()
            {
                println!("nothing to clean");
            }
            if c.failed.is_empty() {
                super::EXIT_OK
            } else {
                1
            }
        }
        Err(e) => {
            render::message(&format!("cannot clean: {e}"));
            1
        }
    }
}

/// `jfrun list FILE`: the stage tree.
pub(super) fn list(path: &std::path::Path) -> u8 {
    let Some(source) = lint::read(path) else {
        return EXIT_USAGE;
    };
    plan(&source, false, None)
}

/// Prints the plan of a declarative pipeline read from `source`, and with `pods` the effective
/// pod of each of its Kubernetes agents.
#[allow(clippy::print_stdout)]
fn plan(source: &crate::source::SourceFile, detail: bool, pods: Option<&Options>) -> u8 {
    let parsed = crate::syntax::parse(source);
    let Some(script) = parsed.script.as_ref().filter(|_| parsed.is_ok()) else {
        render::human(source, &parsed.diagnostics());
        return EXIT_USAGE;
    };
    let d = crate::pipeline::analyse(source, script);
    if let Some(p) = &d.pipeline {
        print!("{}", crate::runtime::plan::describe(p, detail));
        if let Some(opts) = pods {
            let project = opts.file.parent().unwrap_or(std::path::Path::new("."));
            print!("{}", show_pods(p, project, &opts.pod_templates));
        }
        return super::EXIT_OK;
    }
    render::message(&format!(
        "{} is a scripted pipeline: its stages are known only when it runs",
        source.name()
    ));
    EXIT_USAGE
}

/// The effective pods of the pipeline's Kubernetes agents, for `--show-pod`.
pub(super) fn show_pods(
    p: &crate::pipeline::model::Pipeline<'_>,
    project: &std::path::Path,
    templates: &[(String, crate::runtime::options::PodTemplateSource)],
) -> String {
    use std::fmt::Write as _;
    let src = crate::runtime::plan::pods::Sources { project, templates };
    let mut out = String::new();
    for (place, pod) in crate::runtime::plan::pods::pods(p, &src) {
        match pod {
            Ok(yaml) => {
                let _ = writeln!(out, "pod of {place}:");
                for line in yaml.lines() {
                    let _ = writeln!(out, "  {line}");
                }
            }
            Err(e) => {
                let _ = writeln!(out, "pod of {place}: cannot be shown: {e}");
            }
        }
    }
    out
}
