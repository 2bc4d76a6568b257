//! The rules `jfrun lint` applies beyond Jenkins' declarative validator: jfrun's own lints
//! (`lint/...`, documented in docs/lints.md) and Jenkins' checks that live outside the
//! declarative model (`jenkins/...`). Each rule is a module with a `check` function over a
//! [`Context`]; [`RULES`] describes them for docs, SARIF and the language server.

mod docker_agent_option;
mod invalid_cron;
mod kubernetes_agent;
mod rejected_annotation;
mod secret_interpolation;
mod structure;
mod unknown_step;

use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::model::Pipeline;
use crate::source::SourceFile;
use crate::syntax::ast::Script;

/// What a rule may look at.
pub struct Context<'a> {
    /// The file.
    pub source: &'a SourceFile,
    /// Its AST.
    pub script: &'a Script,
    /// Its declarative model, when it is a declarative pipeline.
    pub pipeline: Option<&'a Pipeline<'a>>,
    /// The global variables of the shared libraries it may use (`vars/NAME.groovy`).
    pub library_globals: &'a [String],
}

/// A rule's description.
#[derive(Debug)]
pub struct RuleInfo {
    /// The stable code.
    pub code: &'static str,
    /// How bad its findings are.
    pub severity: Severity,
    /// One line on what it finds.
    pub summary: &'static str,
}

/// Every rule in this module, by code.
pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "jenkins/rejected-annotation",
        severity: Severity::Error,
        summary: "an annotation Jenkins refuses to compile (`@ASTTest`, `@Grab`)",
    },
    RuleInfo {
        code: "lint/unknown-step",
        severity: Severity::Warning,
        summary: "a call to a step or function that no catalogue, global or definition in the file knows",
    },
    RuleInfo {
        code: "lint/secret-interpolation",
        severity: Severity::Warning,
        summary: "a credentials variable interpolated by Groovy into a step's string (`sh \"...$PASS\"`)",
    },
    RuleInfo {
        code: "lint/docker-agent-option",
        severity: Severity::Error,
        summary: "an option `docker { }` or `dockerfile { }` agents do not take (`environment`, `command`, `volumes`...), with where it belongs",
    },
    RuleInfo {
        code: "lint/invalid-cron",
        severity: Severity::Error,
        summary: "a `cron` or `pollSCM` schedule Jenkins rejects (error) or warns about (warning)",
    },
    RuleInfo {
        code: "lint/kubernetes-deprecated-label",
        severity: Severity::Warning,
        summary: "the kubernetes agent's deprecated `label` option",
    },
    RuleInfo {
        code: "lint/kubernetes-yaml",
        severity: Severity::Error,
        summary: "a kubernetes agent's or `podTemplate`'s literal `yaml` that is not valid YAML or not a Pod",
    },
    RuleInfo {
        code: "lint/kubernetes-container",
        severity: Severity::Warning,
        summary: "`defaultContainer` or a `container('x')` step naming a container the pod does not have",
    },
    RuleInfo {
        code: "lint/duplicate-stage-name",
        severity: Severity::Warning,
        summary: "the same stage name in two places of one pipeline (not siblings, which Jenkins rejects)",
    },
    RuleInfo {
        code: "lint/input-in-parallel",
        severity: Severity::Warning,
        summary: "a stage `input` or an `input` step inside a parallel branch or a matrix",
    },
    RuleInfo {
        code: "lint/before-agent-without-agent",
        severity: Severity::Warning,
        summary: "`when { beforeAgent true }` on a stage with no `agent` of its own",
    },
    RuleInfo {
        code: "lint/needless-script",
        severity: Severity::Info,
        summary: "a `script { }` block around one plain step that could stand in `steps`",
    },
];

/// Runs every rule over `cx`.
pub fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    rejected_annotation::check(cx, out);
    unknown_step::check(cx, out);
    secret_interpolation::check(cx, out);
    docker_agent_option::check(cx, out);
    invalid_cron::check(cx, out);
    kubernetes_agent::check(cx, out);
    structure::check(cx, out);
}
