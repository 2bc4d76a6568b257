//! `lint/unknown-step`: a call on the script itself (`name(...)`, `name arg`, `name { }`) whose
//! name is no step, describable, global, Groovy method, or function or variable of the file.
//! Jenkins only finds out when the line runs (`java.lang.NoSuchMethodError: No such DSL method`),
//! often after a long build; the usual causes are a typo and a shared library that is not
//! loaded.
//!
//! Only places where steps stand are read: in a declarative pipeline the steps of `steps { }`
//! and post conditions (nested step blocks included), `script { }` and `when { expression { } }`
//! bodies and environment values; outside the `pipeline { }` block, everything (helper
//! methods, scripted pipelines). Directive words (`agent`, `stage`, `options` entries...) are
//! Jenkins' own validator's business.

use std::collections::HashSet;

use super::Context;
use crate::catalog::{directives, steps};
use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::model::{
    Branch, Condition, ConditionKind, EnvValue, Environment, Matrix, Pipeline, Post, Stage, Stages,
    Step, StepKind, When,
};
use crate::pipeline::validate::edit_distance;
use crate::source::Span;
use crate::syntax::ast::{
    Arg, Call, Callee, Closure, Expr, ExprKind, Ident, Member, Param, Script, Stmt, StmtKind,
};
use crate::syntax::visit::{Visitor, walk_expr, walk_script, walk_stmt};

const CODE: &str = "lint/unknown-step";

/// Steps of common plugins that jfrun recognises by name only: the catalogue does not describe
/// their parameters, so their calls are not checked, but calling them is no mistake.
const KNOWN_PLUGIN_STEPS: &[&str] = &[
    // ansible
    "ansiblePlaybook",
    "ansibleVault",
    // ant, gradle, nodejs, xvnc
    "withAnt",
    "withGradle",
    "nodejs",
    "xvnc",
    // artifactory
    "rtAddInteractivePromotion",
    "rtDownload",
    "rtMavenDeployer",
    "rtMavenResolver",
    "rtMavenRun",
    "rtPublishBuildInfo",
    "rtServer",
    "rtUpload",
    // badge, build-name-setter, groovy-postbuild
    "addBadge",
    "addErrorBadge",
    "addInfoBadge",
    "addShortText",
    "addSummary",
    "addWarningBadge",
    "buildDescription",
    "buildName",
    "createSummary",
    "removeBadges",
    // checks-api, github-checks
    "publishChecks",
    "withChecks",
    // cmakebuilder
    "cmake",
    "cmakeBuild",
    "ctest",
    // code coverage: cobertura, code-coverage-api, coverage, jacoco
    "cobertura",
    "jacoco",
    "publishCoverage",
    "recordCoverage",
    // cucumber-reports, allure, robot, performance, htmlpublisher's relatives
    "allure",
    "cucumber",
    "perfReport",
    "robot",
    // docker-plugin
    "dockerNode",
    // embeddable-build-status
    "addEmbeddableBadgeConfiguration",
    // file-operations
    "fileOperations",
    // git-forensics
    "discoverGitReferenceBuild",
    "gitDiffStat",
    "mineRepository",
    // gitlab-plugin
    "addGitLabMRComment",
    "gitlabBuilds",
    "gitlabCommitStatus",
    "updateGitlabCommitStatus",
    // github: pipeline-githubnotify-step, github-pullrequest, gitstatuswrapper
    "githubNotify",
    "gitStatusWrapper",
    "setGitHubPullRequestStatus",
    // google-storage-plugin
    "googleStorageDownload",
    "googleStorageUpload",
    // hashicorp-vault-plugin
    "withVault",
    // instant-messaging / notifications: discord, mattermost, office-365, rocketchat, telegram
    "discordSend",
    "ircNotify",
    "mattermostSend",
    "office365ConnectorSend",
    "rocketSend",
    "telegramSend",
    // jira-steps, jira
    "jiraComment",
    "jiraSendBuildInfo",
    "jiraSendDeploymentInfo",
    // job-dsl
    "jobDsl",
    // junit-realtime-test-reporter, xunit
    "realtimeJUnit",
    "xunit",
    // log-parser
    "logParser",
    // nexus-artifact-uploader
    "nexusArtifactUploader",
    "nexusPublisher",
    // owasp dependency-check
    "dependencyCheck",
    "dependencyCheckPublisher",
    // parallel-test-executor
    "splitTests",
    // pipeline-aws
    "cfnDelete",
    "cfnUpdate",
    "cfnValidate",
    "ecrLogin",
    "s3Copy",
    "s3Delete",
    "s3Download",
    "s3FindFiles",
    "s3Upload",
    "withAWS",
    // publish-over-ssh, ssh-steps
    "sshCommand",
    "sshGet",
    "sshPublisher",
    "sshPut",
    "sshRemove",
    "sshScript",
    // sloccount
    "sloccountPublish",
    // the static-analysis plugins warnings-ng replaced
    "checkstyle",
    "findbugs",
    "pmd",
    // warnings-ng
    "publishIssues",
    "recordIssues",
    "scanForIssues",
    // workflow-cps and workflow-support: steps the catalogue does not describe
    "getContext",
    "parallel",
    "svn",
    "withContext",
];

/// Describables Jenkins instantiates by their symbol when they are called (as arguments of
/// steps and job properties), beyond those the catalogue lists.
const DESCRIBABLES: &[&str] = &[
    // job properties and triggers, in `properties([...])` and `pipelineTriggers([...])`
    "GenericTrigger",
    "gitLabConnection",
    "issueCommentTrigger",
    "parameters",
    "pipelineTriggers",
    // build parameters of other plugins
    "activeChoice",
    "extendedChoice",
    "gitParameter",
    "reactiveChoice",
    "separator",
    "validatingString",
    // credentials bindings of other plugins
    "azureServicePrincipal",
    // config-file-provider
    "configFile",
    // SCM: git, its extensions, and library retrievers
    "authorInChangelog",
    "checkoutOption",
    "cleanAfterCheckout",
    "cleanBeforeCheckout",
    "cloneOption",
    "gitBranchDiscovery",
    "legacySCM",
    "lfs",
    "localBranch",
    "modernSCM",
    "perBuildTag",
    "pruneStaleBranch",
    "pruneTags",
    "relativeTargetDirectory",
    "scmGit",
    "sparseCheckoutPaths",
    "submodule",
    "userIdentity",
    "wipeWorkspace",
    // email-ext recipient providers
    "brokenBuildSuspects",
    "brokenTestsSuspects",
    "buildUser",
    "contributor",
    "culprits",
    "developers",
    "firstFailingBuildSuspects",
    "previous",
    "requestor",
    "upstreamDevelopers",
    // kubernetes pod templates
    "configMapVolume",
    "containerEnvVar",
    "containerLivenessProbe",
    "emptyDirVolume",
    "hostPathVolume",
    "nfsVolume",
    "persistentVolumeClaim",
    "podAnnotation",
    "podEnvVar",
    "podLabel",
    "portMapping",
    "secretVolume",
    // pipeline-maven publishers (`withMaven(options: [...])`)
    "artifactsPublisher",
    "dependenciesFingerprintPublisher",
    "findbugsPublisher",
    "invokerPublisher",
    "jacocoPublisher",
    "jgivenPublisher",
    "junitPublisher",
    "mavenLinkerPublisher",
    "openTasksPublisher",
    "pipelineGraphPublisher",
    "spotbugsPublisher",
    // code-coverage-api adapters
    "coberturaAdapter",
    "istanbulCoberturaAdapter",
    "jacocoAdapter",
    "sourceFiles",
    // parallel-test-executor
    "count",
    "testCase",
    // publish-over-ssh
    "sshPublisherDesc",
    "sshTransfer",
    // file-operations
    "fileCopyOperation",
    "fileDeleteOperation",
    "fileDownloadOperation",
    "fileRenameOperation",
    "fileUnZipOperation",
    "folderCreateOperation",
    "folderDeleteOperation",
    // xunit tools and thresholds
    "BoostTest",
    "CTest",
    "CppUnit",
    "Custom",
    "GoogleTest",
    "JUnit",
    "MSTest",
    "NUnit2",
    "NUnit3",
    "PHPUnit",
    "QtTest",
    "failed",
    "skipped",
    // warnings-ng tools and filters
    "androidLintParser",
    "checkStyle",
    "clang",
    "clangTidy",
    "cpd",
    "cppCheck",
    "cppLint",
    "detekt",
    "eclipse",
    "errorProne",
    "esLint",
    "excludeCategory",
    "excludeFile",
    "excludeMessage",
    "excludeModule",
    "excludePackage",
    "excludeType",
    "gcc",
    "gcc3",
    "gcc4",
    "groovyScript",
    "includeCategory",
    "includeFile",
    "includeMessage",
    "includeModule",
    "includePackage",
    "includeType",
    "issues",
    "java",
    "javaDoc",
    "jsLint",
    "junitParser",
    "mavenConsole",
    "msBuild",
    "pmdParser",
    "pyLint",
    "sarif",
    "spotBugs",
    "styleLint",
    "taskScanner",
];

/// Global variables Jenkins and its common plugins define, callable or reached through calls.
const JENKINS_GLOBALS: &[&str] = &[
    "Jenkins",
    "currentBuild",
    "docker",
    "env",
    "evaluate",
    "library",
    "load",
    "params",
    "pipeline",
    "scm",
];

/// Methods a Groovy script may call unqualified: its own (`Script`, `CpsScript`) and the
/// methods Groovy adds to every object.
const GROOVY_METHODS: &[&str] = &[
    "addShutdownHook",
    "any",
    "asBoolean",
    "asType",
    "binding",
    "collect",
    "delegate",
    "dump",
    "each",
    "eachWithIndex",
    "equals",
    "every",
    "evaluate",
    "find",
    "findAll",
    "findIndexOf",
    "findResult",
    "getBinding",
    "getClass",
    "getMetaClass",
    "getProperties",
    "getProperty",
    "grep",
    "hasProperty",
    "hashCode",
    "identity",
    "inject",
    "inspect",
    "invokeMethod",
    "is",
    "isCase",
    "it",
    "iterator",
    "owner",
    "print",
    "printf",
    "println",
    "respondsTo",
    "run",
    "setBinding",
    "setMetaClass",
    "setProperty",
    "sleep",
    "split",
    "sprintf",
    "sum",
    "tap",
    "toString",
    "use",
    "with",
];

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let defined = Defined::of(cx.script);
    let mut known: HashSet<&str> = HashSet::new();
    known.extend(steps::STEPS.iter().map(|d| d.name));
    known.extend(steps::BINDINGS.iter().map(|d| d.name));
    for list in [
        directives::OPTIONS,
        directives::TRIGGERS,
        directives::PARAMETERS,
    ] {
        known.extend(list.iter().map(|d| d.name));
    }
    for family in FAMILIES {
        known.extend(directives::nested(family).iter().map(|d| d.name));
    }
    known.extend(KNOWN_PLUGIN_STEPS);
    known.extend(DESCRIBABLES);
    known.extend(JENKINS_GLOBALS);
    known.extend(GROOVY_METHODS);
    known.extend(defined.functions.iter().map(String::as_str));
    known.extend(defined.variables.iter().map(String::as_str));
    known.extend(cx.library_globals.iter().map(String::as_str));

    let mut suggestions: Vec<&str> = steps::STEPS.iter().map(|d| d.name).collect();
    suggestions.extend(KNOWN_PLUGIN_STEPS);
    suggestions.extend(JENKINS_GLOBALS);
    suggestions.extend(defined.functions.iter().map(String::as_str));
    suggestions.extend(cx.library_globals.iter().map(String::as_str));
    suggestions.sort_unstable();
    suggestions.dedup();

    let mut finder = Finder {
        known,
        suggestions,
        skip: cx.pipeline.map(|p| p.span),
        out,
    };
    walk_script(&mut finder, cx.script);
    if let Some(p) = cx.pipeline {
        finder.pipeline(p);
    }
}

/// The nested families of [`directives::nested`].
const FAMILIES: &[&str] = &[
    "buildDiscarder",
    "errorCondition",
    "binding",
    "parameters",
    "buildSelector",
    "containers",
    "envVars",
    "podRetention",
    "workspaceVolume",
    "yamlMergeStrategy",
];

/// The names a file defines: its methods, and every variable it declares or assigns anywhere
/// (an over-approximation of what is in scope at any call).
#[derive(Default)]
struct Defined {
    functions: HashSet<String>,
    variables: HashSet<String>,
}

impl Defined {
    fn of(script: &Script) -> Self {
        let mut d = Self::default();
        walk_script(&mut d, script);
        d
    }

    fn params(&mut self, params: &[Param]) {
        self.variables
            .extend(params.iter().map(|p| p.name.name.clone()));
    }

    fn ident(&mut self, id: &Ident) {
        self.variables.insert(id.name.clone());
    }
}

impl Visitor for Defined {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Import(i) if i.is_static && !i.star => {
                let name = i.alias.as_ref().map_or_else(
                    || i.name.name.rsplit('.').next().unwrap_or_default(),
                    |a| a.name.as_str(),
                );
                self.functions.insert(name.to_owned());
            }
            StmtKind::VarDecl(d) => {
                for decl in &d.declarators {
                    self.ident(&decl.name);
                }
            }
            StmtKind::MultiDecl(m) => {
                for (_, name) in &m.vars {
                    self.ident(name);
                }
            }
            StmtKind::Method(m) => {
                self.functions.insert(m.name.name.clone());
                self.params(&m.params);
            }
            StmtKind::ForIn { var, .. } => self.ident(var),
            StmtKind::Try { catches, .. } => {
                for c in catches {
                    self.ident(&c.var);
                }
            }
            _ => {}
        }
        walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Assign { target, .. } => {
                if let ExprKind::Ident(name) = &target.kind {
                    self.variables.insert(name.clone());
                }
            }
            ExprKind::MultiAssign { targets, .. } => {
                for t in targets {
                    self.ident(t);
                }
            }
            ExprKind::Closure(c) => {
                if let Some(p) = &c.params {
                    self.params(p);
                }
            }
            _ => {}
        }
        walk_expr(self, expr);
    }
}

struct Finder<'k, 'o> {
    known: HashSet<&'k str>,
    /// Names offered in "did you mean", sorted.
    suggestions: Vec<&'k str>,
    /// The `pipeline { }` statement, which is read through its model instead.
    skip: Option<Span>,
    out: &'o mut Vec<Diagnostic>,
}

impl Finder<'_, '_> {
    fn call(&mut self, call: &Call) {
        let Callee::Name(id) = &call.callee else {
            return;
        };
        if self.known.contains(id.name.as_str()) {
            return;
        }
        let name = &id.name;
        // Jenkins' validator already reports a bare `${...}` that is a declarative value.
        if name == "$"
            && self.out.iter().any(|d| {
                d.code == "jenkins/bare-dollar-curly"
                    && d.span.start <= id.span.start
                    && id.span.end <= d.span.end
            })
        {
            return;
        }
        let limit = if name.chars().count() <= 4 { 1 } else { 2 };
        let nearest = self
            .suggestions
            .iter()
            .map(|c| (edit_distance(name, c), *c))
            .filter(|(d, _)| *d <= limit)
            .min_by_key(|(d, _)| *d)
            .map(|(_, c)| c);
        let help = match nearest {
            _ if name == "$" => {
                "`${...}` outside a string calls a method named `$` with a closure: put it in a \
                 double-quoted string, \"${...}\", or drop the `${}`"
                    .to_owned()
            }
            Some(n) => format!("did you mean `{n}`?"),
            None => "if it comes from a shared library, load it with @Library (see docs/lints.md)"
                .to_owned(),
        };
        self.out.push(
            Diagnostic {
                severity: Severity::Warning,
                ..Diagnostic::error(CODE, format!("unknown step or function `{name}`"), id.span)
            }
            .with_label("jfrun knows no step, global or function called this")
            .with_help(help),
        );
    }

    fn closure_body(&mut self, c: &Closure) {
        for s in &c.body {
            self.visit_stmt(s);
        }
    }

    fn pipeline(&mut self, p: &Pipeline<'_>) {
        self.environment(p.environment.as_ref());
        if let Some(s) = &p.stages {
            self.stages(s);
        }
        self.post(p.post.as_ref());
    }

    fn environment(&mut self, env: Option<&Environment<'_>>) {
        for (_, value) in env.iter().flat_map(|e| &e.vars) {
            if let EnvValue::Value(v) = value
                && let Some(e) = v.expr
            {
                self.visit_expr(e);
            }
        }
    }

    fn stages(&mut self, stages: &Stages<'_>) {
        for s in &stages.stages {
            self.stage(s);
        }
    }

    fn stage(&mut self, s: &Stage<'_>) {
        self.environment(s.environment.as_ref());
        self.when(s.when.as_ref());
        for b in &s.branches {
            self.branch(b);
        }
        self.post(s.post.as_ref());
        for nested in [&s.parallel, &s.stages].into_iter().flatten() {
            self.stages(nested);
        }
        if let Some(m) = &s.matrix {
            self.matrix(m);
        }
    }

    fn matrix(&mut self, m: &Matrix<'_>) {
        self.environment(m.environment.as_ref());
        self.when(m.when.as_ref());
        if let Some(s) = &m.stages {
            self.stages(s);
        }
        self.post(m.post.as_ref());
    }

    fn when(&mut self, when: Option<&When<'_>>) {
        for c in when.iter().flat_map(|w| &w.conditions) {
            self.condition(c);
        }
    }

    fn condition(&mut self, c: &Condition<'_>) {
        match &c.kind {
            ConditionKind::Expression(Some(closure)) => self.closure_body(closure),
            ConditionKind::Nested(_, children) => {
                for child in children {
                    self.condition(child);
                }
            }
            _ => {}
        }
    }

    fn post(&mut self, post: Option<&Post<'_>>) {
        for c in post.iter().flat_map(|p| &p.conditions) {
            self.branch(&c.branch);
        }
    }

    fn branch(&mut self, b: &Branch<'_>) {
        for s in &b.steps {
            self.step(s);
        }
    }

    fn step(&mut self, step: &Step<'_>) {
        let call = match &step.stmt.kind {
            StmtKind::Expr(e) => match &strip_parens(e).kind {
                ExprKind::Call(c) => Some(c),
                _ => None,
            },
            _ => None,
        };
        match &step.kind {
            StepKind::Invalid => {}
            StepKind::Script(closure) => self.closure_body(closure),
            StepKind::Plain => {
                if let StmtKind::Expr(e) = &step.stmt.kind {
                    self.visit_expr(e);
                }
            }
            StepKind::Block(children) => {
                if let Some(call) = call {
                    self.call(call);
                    for a in &call.args.items {
                        match a {
                            Arg::Positional(e) | Arg::SpreadMap(e) => {
                                // `foo({ ... })`: the body, read below as steps.
                                if !matches!(e.kind, ExprKind::Closure(_)) {
                                    self.visit_expr(e);
                                }
                            }
                            Arg::Named { value, .. } => self.visit_expr(value),
                        }
                    }
                }
                for child in children {
                    self.step(child);
                }
            }
        }
    }
}

fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(inner) => strip_parens(inner),
        _ => e,
    }
}

impl Visitor for Finder<'_, '_> {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        if self.skip == Some(stmt.span) {
            return;
        }
        walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &Expr) {
        if let ExprKind::Call(c) = &expr.kind {
            // A `pipeline { }` Jenkins does not read as one (it is not at the top level, which
            // Jenkins reports) holds directives, not steps.
            if matches!(&c.callee, Callee::Name(id) if id.name == "pipeline") {
                return;
            }
            self.call(c);
            // `x.with { foo() }`: names in the closure are looked up on `x` first.
            if let Callee::Method {
                object,
                name: Member::Name(m),
                ..
            } = &c.callee
                && (m.name == "with" || m.name == "tap")
            {
                self.visit_expr(object);
                for a in &c.args.items {
                    if let Arg::Positional(e) = a
                        && !matches!(e.kind, ExprKind::Closure(_))
                    {
                        self.visit_expr(e);
                    }
                }
                return;
            }
        }
        walk_expr(self, expr);
    }
}
