//! The `jfrun` command line: arguments, dispatch to one file per subcommand, exit codes.

mod compat;
mod env;
mod groovy;
mod lint;
mod render;
mod run;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit code: no error found.
pub const EXIT_OK: u8 = 0;
/// Exit code: errors were found in the input (lint) or the pipeline failed (run).
pub const EXIT_FOUND: u8 = 1;
/// Exit code: bad usage, an unreadable file, or a Jenkinsfile that cannot be run at all.
pub const EXIT_USAGE: u8 = 2;

const EXAMPLES: &str = "\
Examples:
  jfrun                               run ./Jenkinsfile on this machine
  jfrun ci/Jenkinsfile -p VERSION=1.2 run a pipeline with a parameter
  jfrun run --dry-run                 print the plan without running anything
  jfrun list                          the stages as a tree
  jfrun lint                          check ./Jenkinsfile
  jfrun lint ci/*.Jenkinsfile         check several files, every error of each
  jfrun lint --format json Jenkinsfile
                                      one JSON object per file per line, for tools
  jfrun lint --format sarif ci/*.Jenkinsfile > jfrun.sarif
                                      one SARIF 2.1.0 log, for code scanning
  jfrun lint --format github --deny warnings
                                      GitHub Actions annotations; warnings fail the build
  jfrun parse --ast Jenkinsfile       print the syntax tree jfrun reads
  jfrun lsp                           serve the Language Server Protocol on stdio, for editors";

/// Run, lint and serve Jenkinsfiles natively.
#[derive(Debug, Parser)]
#[command(name = "jfrun", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check Jenkinsfiles for syntax errors, reporting every error with file, line and column.
    Lint(LintArgs),
    /// Print the syntax tree of a Jenkinsfile (for debugging jfrun and writing tools).
    Parse(ParseArgs),
    /// Run a Jenkinsfile.
    Run(Box<RunArgs>),
    /// Print a declarative pipeline's stages as a tree.
    List(ListArgs),
    /// Print the CI system jfrun runs inside and the Jenkins variables (BRANCH_NAME,
    /// CHANGE_ID, TAG_NAME, BUILD_NUMBER...) a build gets from it and from git.
    Env,
    /// Remove the containers and images earlier runs left behind (crashed, killed, or run with
    /// `--keep-containers`).
    Clean,
    /// Run a plain Groovy script as Groovy 2.4 would (`groovy FILE`), to compare jfrun's
    /// Groovy with the real thing.
    Groovy(GroovyArgs),
    /// Serve the Language Server Protocol on stdin/stdout, for editors: lint diagnostics as
    /// you type and the step catalogue on hover.
    Lsp,
}

/// Output formats of `jfrun lint`.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq, ValueEnum)]
pub(crate) enum Format {
    /// Diagnostics with source excerpts, for people.
    #[default]
    Human,
    /// One JSON object per file per line, for tools (see docs/lint-json.md).
    Json,
    /// One SARIF 2.1.0 log for all files, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`), one per diagnostic.
    Github,
}

/// What `--deny` turns into errors.
#[derive(Clone, Copy, Debug, Eq, PartialEq, ValueEnum)]
pub(crate) enum Deny {
    /// Warnings are shown as errors and make the exit code 1.
    Warnings,
}

#[derive(Debug, clap::Args)]
struct LintArgs {
    /// Files to check [default: ./Jenkinsfile].
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Treat warnings as errors (shown as errors, exit code 1).
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Vec<Deny>,
    /// Drop diagnostics with this code, or every code under it when it ends with `/`
    /// (`--allow lint/`); repeatable. Syntax errors cannot be allowed.
    #[arg(long, value_name = "CODE")]
    allow: Vec<String>,
    /// Print the effective pod of every Kubernetes agent (after inheritance and merging),
    /// with the human format.
    #[arg(long)]
    show_pod: bool,
    /// A shared library whose global variables (`vars/*.groovy`) the files may call, loaded
    /// implicitly: NAME=PATH (a folder) or NAME=GIT_URL (known once a run has cloned it);
    /// repeatable. `[libraries.NAME]` in `.jfrun.toml` adds more.
    #[arg(long, value_name = "NAME=PATH")]
    library: Vec<String>,
}

#[derive(Debug, clap::Args)]
struct ParseArgs {
    /// The file to read.
    file: PathBuf,
    /// Print the AST (the default and, for now, only view).
    #[arg(long)]
    ast: bool,
}

#[derive(Debug, clap::Args)]
struct GroovyArgs {
    /// The script to run.
    file: PathBuf,
}

// Each flag is one command-line switch.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, clap::Args)]
struct RunArgs {
    /// The Jenkinsfile to run [default: ./Jenkinsfile].
    file: Option<PathBuf>,
    /// A build parameter, typed by its declaration (repeatable).
    #[arg(short = 'p', long = "param", value_name = "NAME=VALUE", value_parser = name_value)]
    params: Vec<(String, String)>,
    /// An environment variable for the build (repeatable).
    #[arg(short = 'e', long = "env", value_name = "NAME=VALUE", value_parser = name_value)]
    env: Vec<(String, String)>,
    /// The branch the build is for (BRANCH_NAME) [default: the current git branch].
    #[arg(long)]
    branch: Option<String>,
    /// Run only this stage (and what it contains); repeatable. Other stages are skipped.
    #[arg(long = "stage", value_name = "NAME")]
    stages: Vec<String>,
    /// The credentials file [default: .jfrun/credentials.toml, then ~/.config/jfrun/credentials.toml].
    #[arg(long, value_name = "FILE")]
    credentials: Option<PathBuf>,
    /// Secret text for a credential id (repeatable).
    #[arg(long = "secret", value_name = "ID=VALUE", value_parser = name_value)]
    secrets: Vec<(String, String)>,
    /// Run in the checkout itself instead of a fresh workspace.
    #[arg(long)]
    in_place: bool,
    /// The workspace folder [default: .jfrun/workspace/<job>].
    #[arg(long, value_name = "DIR")]
    workspace: Option<PathBuf>,
    /// Answer an input step: approve or abort (repeatable).
    #[arg(long = "input", value_name = "ID=approve|abort", value_parser = name_value)]
    inputs: Vec<(String, String)>,
    /// Approve every input step.
    #[arg(long)]
    yes: bool,
    /// Output: human text or a JSON event stream [default: human].
    #[arg(long, value_enum)]
    format: Option<RunFormat>,
    /// No colours.
    #[arg(long)]
    no_color: bool,
    /// Print the plan (stages, agents, when conditions, steps) without running anything.
    #[arg(long)]
    dry_run: bool,
    /// Leave the build's containers running when it ends, to look into them with
    /// `docker exec` (`jfrun clean` removes them later).
    #[arg(long)]
    keep_containers: bool,
    /// Print the effective pod of every Kubernetes agent (after inheritance and merging):
    /// in the log when it starts, and in the plan of `--dry-run`.
    #[arg(long)]
    show_pod: bool,
    /// Where the pods of Kubernetes agents run: on a cluster through its API server, or
    /// emulated on the Docker engine [default: cluster when the Kubernetes configuration
    /// (KUBECONFIG, ~/.kube/config) has a current context, else docker].
    #[arg(long, value_enum, value_name = "BACKEND")]
    kubernetes: Option<KubernetesArg>,
    /// The context of the Kubernetes configuration to use [default: its current context].
    #[arg(long, value_name = "CONTEXT")]
    kube_context: Option<String>,
    /// The namespace pods are created in when their template names none [default: the
    /// context's, else default].
    #[arg(long, value_name = "NAMESPACE")]
    namespace: Option<String>,
    /// Where the tool installation NAME lives, for `tool` and `tools { }` (repeatable).
    #[arg(long = "tool", value_name = "NAME=PATH", value_parser = name_path)]
    tools: Vec<(String, PathBuf)>,
    /// The local Jenkinsfile that `build job: 'NAME'` runs (repeatable).
    #[arg(long = "job", value_name = "NAME=PATH", value_parser = name_path)]
    jobs: Vec<(String, PathBuf)>,
    /// A shared library (a folder with vars/, src/, resources/, or a git repository, cloned
    /// with `@ref` into .jfrun/libraries), loaded implicitly (repeatable).
    #[arg(long = "library", value_name = "NAME=PATH|GIT_URL")]
    library: Vec<String>,
    /// The job this build is, when another build started it (`build job:`).
    #[arg(long = "child-of-job", value_name = "NAME", hide = true)]
    job_name: Option<String>,
    /// The Jenkinsfile, or a folder holding one (jenkinsfile-runner's `-f`).
    #[arg(
        short = 'f',
        long = "file",
        value_name = "PATH",
        conflicts_with = "file"
    )]
    file_flag: Option<PathBuf>,
    /// A build parameter, as `-p` (jenkinsfile-runner's `-a`; repeatable).
    #[arg(short = 'a', long = "arg", value_name = "NAME=VALUE", value_parser = name_value)]
    args: Vec<(String, String)>,
    /// The workspace folder, as `--workspace` (jenkinsfile-runner's spelling).
    #[arg(
        long = "runWorkspace",
        value_name = "DIR",
        conflicts_with = "workspace"
    )]
    run_workspace: Option<PathBuf>,
    /// The job's name (JOB_NAME) [default: the project's folder name].
    #[arg(short = 'n', long = "job-name", value_name = "NAME")]
    job: Option<String>,
    /// The build's number (BUILD_NUMBER), when no build of that number is recorded yet
    /// [default: the next one].
    #[arg(short = 'b', long = "build-number", value_name = "N")]
    build_number: Option<u64>,
    /// Why the build runs, shown as `Started by CAUSE`.
    #[arg(short = 'c', long = "cause", value_name = "CAUSE")]
    cause: Option<String>,
    /// Accepted for jenkinsfile-runner's `-ns`: jfrun's sandbox only refuses what has no
    /// meaning without a Jenkins controller (see docs/ci.md).
    #[arg(long = "no-sandbox")]
    no_sandbox: bool,
    /// Keep parameters the pipeline does not declare (in `params` and the environment)
    /// instead of refusing them.
    #[arg(short = 'u', long = "keep-undefined-parameters")]
    keep_undefined_parameters: bool,
}

#[derive(Debug, clap::Args)]
struct ListArgs {
    /// The Jenkinsfile [default: ./Jenkinsfile].
    file: Option<PathBuf>,
}

/// Backends of `--kubernetes`.
#[derive(Clone, Copy, Debug, Eq, PartialEq, ValueEnum)]
enum KubernetesArg {
    /// A cluster, through the API server of the Kubernetes configuration's context.
    Cluster,
    /// The Docker engine: the pod's containers share a network namespace and the workspace.
    Docker,
}

/// Output formats of `jfrun run`.
#[derive(Clone, Copy, Debug, Eq, PartialEq, ValueEnum)]
enum RunFormat {
    /// Lines for people.
    Human,
    /// One JSON event per line.
    Json,
}

/// `NAME=PATH`, the path made absolute so that it means the same in every folder.
fn name_path(s: &str) -> Result<(String, PathBuf), String> {
    let (k, v) = name_value(s)?;
    let p = PathBuf::from(v);
    Ok((k, std::path::absolute(&p).unwrap_or(p)))
}

fn name_value(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
        _ => Err(format!("expected NAME=VALUE, got '{s}'")),
    }
}

/// Parses the process arguments and runs the command.
#[must_use]
pub fn main() -> ExitCode {
    ExitCode::from(run_with(std::env::args_os()))
}

/// Runs `jfrun` with `args` (the first being the program name) and returns the exit code.
pub fn run_with(args: impl IntoIterator<Item = OsString>) -> u8 {
    let args: Vec<OsString> = args.into_iter().collect();
    let args = match compat::translate(with_default_command(args)) {
        Ok(args) => args,
        Err(msg) => {
            render::message(&msg);
            return EXIT_USAGE;
        }
    };
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            render::clap_error(&e);
            return code;
        }
    };
    match cli.command {
        Command::Lint(a) => lint::lint(
            &a.files,
            &lint::Options {
                format: a.format,
                deny_warnings: a.deny.contains(&Deny::Warnings),
                allow: a.allow,
                show_pod: a.show_pod,
                libraries: a.library,
            },
        ),
        Command::Parse(a) => lint::print_ast(&a.file),
        Command::Run(a) => {
            let a = *a;
            let file = match a.file.or(a.file_flag) {
                Some(f) if f.is_dir() => Some(f.join("Jenkinsfile")),
                other => other,
            };
            if a.no_sandbox {
                render::message(
                    "--no-sandbox: nothing to turn off; jfrun's sandbox only refuses what has no meaning without a Jenkins controller (see docs/ci.md)",
                );
            }
            let mut params = a.params;
            params.extend(a.args);
            let given = crate::runtime::options::config::Given {
                file: file.is_some(),
                format: a.format.is_some(),
                opts: crate::runtime::options::Options {
                    file: file.unwrap_or_else(|| PathBuf::from("Jenkinsfile")),
                    params,
                    env: a.env,
                    branch: a.branch,
                    stages: a.stages,
                    credentials: a.credentials,
                    secrets: a.secrets,
                    in_place: a.in_place,
                    workspace: a.workspace.or(a.run_workspace),
                    inputs: a.inputs,
                    yes: a.yes,
                    format: match a.format {
                        Some(RunFormat::Json) => crate::runtime::log::LogFormat::Json,
                        Some(RunFormat::Human) | None => crate::runtime::log::LogFormat::Human,
                    },
                    no_color: a.no_color,
                    dry_run: a.dry_run,
                    keep_containers: a.keep_containers,
                    show_pod: a.show_pod,
                    kubernetes: match a.kubernetes {
                        None => crate::runtime::options::KubernetesBackend::Auto,
                        Some(KubernetesArg::Cluster) => {
                            crate::runtime::options::KubernetesBackend::Cluster
                        }
                        Some(KubernetesArg::Docker) => {
                            crate::runtime::options::KubernetesBackend::Docker
                        }
                    },
                    kube_context: a.kube_context,
                    namespace: a.namespace,
                    pod_templates: Vec::new(),
                    tools: a.tools,
                    jobs: a.jobs,
                    job_name: a.job_name,
                    libraries: Vec::new(),
                    job: a.job,
                    build_number: a.build_number,
                    cause: a.cause,
                    keep_undefined_parameters: a.keep_undefined_parameters,
                },
            };
            let cwd = std::env::current_dir().unwrap_or_default();
            let mut given = given;
            for spec in &a.library {
                match crate::library::parse_flag(spec, &cwd) {
                    Ok(lib) => given.opts.libraries.push(lib),
                    Err(msg) => {
                        render::message(&msg);
                        return EXIT_USAGE;
                    }
                }
            }
            match crate::runtime::options::config::resolve(given) {
                Ok(opts) => run::run(&opts),
                Err(msg) => {
                    render::message(&msg);
                    EXIT_USAGE
                }
            }
        }
        Command::List(a) => run::list(&a.file.unwrap_or_else(|| PathBuf::from("Jenkinsfile"))),
        Command::Groovy(a) => groovy::run(&a.file),
        Command::Clean => run::clean(),
        Command::Env => env::env(),
        Command::Lsp => match crate::lsp::run_stdio() {
            Ok(()) => EXIT_OK,
            Err(e) => {
                render::message(&format!("jfrun lsp: {e}"));
                EXIT_USAGE
            }
        },
    }
}

/// `jfrun Jenkinsfile` means `jfrun run Jenkinsfile`, as in jenkinsfile-runner.
fn with_default_command(mut args: Vec<OsString>) -> Vec<OsString> {
    let known = [
        "lint",
        "parse",
        "run",
        "list",
        "groovy",
        "clean",
        "env",
        "lsp",
        "help",
        "-h",
        "--help",
        "-V",
        "--version",
    ];
    match args.get(1).and_then(|a| a.to_str()) {
        Some(first) if known.contains(&first) => args,
        // `jfrun` alone runs ./Jenkinsfile; `jfrun FILE` runs FILE.
        Some(_) | None => {
            args.insert(1.min(args.len()), "run".into());
            args
        }
    }
}
