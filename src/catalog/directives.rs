//! Declarative directives' vocabularies: options, triggers, build parameters, `when`
//! conditions, agent types, tool types, post conditions, and the describables nested in them.
//!
//! Read from the plugins' sources (pipeline-model-definition's `Options`, `StageOptions`,
//! `Triggers`, `Parameters`, `Tools`, `DeclarativeAgentDescriptor`,
//! `DeclarativeStageConditionalDescriptor` and `BuildCondition`, and the classes they find).
//!
//! Conventions, as structs' `DescribableModel` has them:
//!
//! - Parameters are listed constructor parameters first (in the constructor's order), then the
//!   `@DataBoundSetter`s in alphabetical order, setters of superclasses included.
//! - `required` means "a `@DataBoundConstructor` parameter with no setter of the same name".
//!   Declarative enforces it unevenly: a step or a `when` condition given named arguments must
//!   have every required one; a directive's method call (an option, a trigger, a parameter, a
//!   describable nested in one) is only checked for the positional form (one unnamed argument
//!   must be the sole required parameter; no argument needs no required parameter, or a sole
//!   `Boolean` one), and named arguments may leave constructor parameters out. An agent's block
//!   must give every required parameter.
//! - A name whose descriptor has several symbols is listed under the first one, which is the
//!   only one Declarative accepts in `options`, `triggers` and `parameters` (`string`, not
//!   `stringParam`); agents accept every symbol (`label` and `node`).

use super::{Block, Describable, Param, Type};

/// A required parameter (a constructor parameter).
const fn req(name: &'static str, ty: Type, doc: &'static str) -> Param {
    Param {
        name,
        ty,
        required: true,
        doc,
        default: None,
    }
}

/// An optional parameter (a setter).
const fn opt(
    name: &'static str,
    ty: Type,
    doc: &'static str,
    default: Option<&'static str>,
) -> Param {
    Param {
        name,
        ty,
        required: false,
        doc,
        default,
    }
}

/// `java.util.concurrent.TimeUnit`.
const TIME_UNIT: Type = Type::Enum {
    class: "java.util.concurrent.TimeUnit",
    values: &[
        "NANOSECONDS",
        "MICROSECONDS",
        "MILLISECONDS",
        "SECONDS",
        "MINUTES",
        "HOURS",
        "DAYS",
    ],
};

/// The doc of the `comparator` setter shared by several `when` conditions.
const COMPARATOR_DOC: &str =
    "How `pattern` is matched: `EQUALS`, `GLOB` (Ant-style, the default) or `REGEXP`";

// ---------------------------------------------------------------------------------------------
// options
// ---------------------------------------------------------------------------------------------

/// Options allowed in the pipeline's `options { }`: job properties, declarative options and
/// block-scoped wrapper steps (`timeout`, `retry`, `timestamps`...).
///
/// Jenkins' `Options.getAllowedOptionTypes()` (sorted by name, as here) is the union of
/// - job properties with a symbol, except `pipelineTriggers` and `parameters` (which have
///   their own directives): core, workflow-job, branch-api, pipeline-model-definition,
///   copyartifact, github;
/// - declarative options (`DeclarativeOptionDescriptor`) that are not stage-only:
///   pipeline-model-definition, docker-workflow;
/// - wrapper steps: every step that takes a block, is not `node`, `stage`, `parallel` or
///   `properties`, and needs neither a `Launcher` nor a `FilePath` (so not `dir`,
///   `container`, `withDockerContainer`, `withDockerRegistry`, `withDockerServer`,
///   `withMaven`, `sshagent`, `tee`).
pub static OPTIONS: &[Describable] = &[
    Describable {
        name: "ansiColor",
        summary: "Colors ANSI escape sequences in the console output.",
        params: &[req(
            "colorMapName",
            Type::String,
            "The color map: `xterm`, `vga`, `css` or `gnome-terminal` (null means the global default)",
        )],
        block: Block::Required,
        example: "ansiColor('xterm')",
        plugin: "ansicolor",
    },
    Describable {
        name: "buildDiscarder",
        summary: "Discards old builds and their artifacts (job property).",
        params: &[req(
            "strategy",
            Type::Nested("buildDiscarder"),
            "How to discard, e.g. `logRotator(numToKeepStr: '10')`",
        )],
        block: Block::None,
        example: "buildDiscarder(logRotator(numToKeepStr: '10'))",
        plugin: "jenkins-core",
    },
    Describable {
        name: "catchError",
        summary: "Catches an error in the body, marks the build and stage with a result, and continues.",
        params: &[
            opt(
                "buildResult",
                Type::String,
                "The build result to set on error: SUCCESS, UNSTABLE, FAILURE, NOT_BUILT or ABORTED",
                Some("'FAILURE'"),
            ),
            opt(
                "catchInterruptions",
                Type::Bool,
                "Whether to catch interruptions (aborts, timeouts) too",
                Some("true"),
            ),
            opt("message", Type::String, "A message logged on error", None),
            opt(
                "stageResult",
                Type::String,
                "The stage result to set on error: SUCCESS, UNSTABLE, FAILURE, NOT_BUILT or ABORTED",
                Some("'SUCCESS'"),
            ),
        ],
        block: Block::Required,
        example: "catchError(buildResult: 'SUCCESS', stageResult: 'FAILURE')",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "checkoutToSubdirectory",
        summary: "Performs the automatic SCM checkout into a subdirectory of the workspace.",
        params: &[req(
            "subdirectory",
            Type::String,
            "The subdirectory of the workspace to check out into",
        )],
        block: Block::None,
        example: "checkoutToSubdirectory('src')",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "copyArtifactPermission",
        summary: "Lets the listed projects copy this job's artifacts (job property).",
        params: &[req(
            "projectNames",
            Type::String,
            "Comma-separated project names (wildcards allowed) allowed to copy artifacts",
        )],
        block: Block::None,
        example: "copyArtifactPermission('downstream-*')",
        plugin: "copyartifact",
    },
    Describable {
        name: "disableConcurrentBuilds",
        summary: "Does not allow concurrent builds of this job (job property).",
        params: &[opt(
            "abortPrevious",
            Type::Bool,
            "Abort the running build when a new one starts, instead of queueing the new one",
            Some("false"),
        )],
        block: Block::None,
        example: "disableConcurrentBuilds(abortPrevious: true)",
        plugin: "workflow-job",
    },
    Describable {
        name: "disableRestartFromStage",
        summary: "Disables restarting this pipeline from a specific stage.",
        params: &[],
        block: Block::None,
        example: "disableRestartFromStage()",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "disableResume",
        summary: "Does not allow the pipeline to resume if the controller restarts (job property).",
        params: &[],
        block: Block::None,
        example: "disableResume()",
        plugin: "workflow-job",
    },
    Describable {
        name: "durabilityHint",
        summary: "Overrides the pipeline's speed/durability trade-off (job property).",
        params: &[req(
            "hint",
            Type::Enum {
                class: "org.jenkinsci.plugins.workflow.flow.FlowDurabilityHint",
                values: &[
                    "PERFORMANCE_OPTIMIZED",
                    "SURVIVABLE_NONATOMIC",
                    "MAX_SURVIVABILITY",
                ],
            },
            "The durability level",
        )],
        block: Block::None,
        example: "durabilityHint('PERFORMANCE_OPTIMIZED')",
        plugin: "workflow-job",
    },
    Describable {
        name: "githubProjectProperty",
        summary: "Associates the job with a GitHub project (job property).",
        params: &[
            req(
                "projectUrlStr",
                Type::String,
                "The GitHub project URL, e.g. `https://github.com/org/repo/`",
            ),
            opt(
                "displayName",
                Type::String,
                "The name shown for the project in commit statuses",
                None,
            ),
        ],
        block: Block::None,
        example: "githubProjectProperty(projectUrlStr: 'https://github.com/org/repo/')",
        plugin: "github",
    },
    Describable {
        name: "lock",
        summary: "Locks a lockable resource (or some resources with a label) while the body runs.",
        params: &[
            req(
                "resource",
                Type::String,
                "The resource to lock; may be null (`resource: null`) when `label` is given",
            ),
            opt(
                "extra",
                Type::Any,
                "More resources to lock, as a list of maps `[resource: ..., label: ..., quantity: ...]`",
                None,
            ),
            opt(
                "inversePrecedence",
                Type::Bool,
                "Give the lock to the newest waiting build first",
                Some("false"),
            ),
            opt(
                "label",
                Type::String,
                "Lock resources carrying this label instead of a named resource",
                None,
            ),
            opt(
                "priority",
                Type::Int,
                "Queue priority; a higher number gets the lock first",
                Some("0"),
            ),
            opt(
                "quantity",
                Type::Int,
                "How many resources with `label` to lock (0 means all)",
                Some("0"),
            ),
            opt(
                "reason",
                Type::String,
                "Why the resource is locked, shown while it is",
                None,
            ),
            opt(
                "resourceSelectStrategy",
                Type::String,
                "How resources with `label` are picked: `sequential` or `random`",
                Some("'sequential'"),
            ),
            opt(
                "serverId",
                Type::String,
                "The lockable-resources server to lock on",
                None,
            ),
            opt(
                "skipIfLocked",
                Type::Bool,
                "Skip the body instead of waiting when the resource is locked",
                Some("false"),
            ),
            opt(
                "timeoutForAllocateResource",
                Type::Long,
                "How long to wait for the lock before failing (0 waits forever)",
                Some("0"),
            ),
            opt(
                "timeoutUnit",
                Type::String,
                "The `java.util.concurrent.TimeUnit` name of `timeoutForAllocateResource`",
                Some("'MINUTES'"),
            ),
            opt(
                "variable",
                Type::String,
                "An environment variable to receive the locked resources' names",
                None,
            ),
        ],
        block: Block::Required,
        example: "lock(resource: 'staging-db', inversePrecedence: true)",
        plugin: "lockable-resources",
    },
    Describable {
        name: "newContainerPerStage",
        summary: "With a `docker` or `dockerfile` top-level agent, runs each stage in a new container on the same node.",
        params: &[],
        block: Block::None,
        example: "newContainerPerStage()",
        plugin: "docker-workflow",
    },
    Describable {
        name: "overrideIndexTriggers",
        summary: "Overrides multibranch or organization branch indexing triggers (job property).",
        params: &[req(
            "enableTriggers",
            Type::Bool,
            "Whether branch indexing triggers builds of this branch",
        )],
        block: Block::None,
        example: "overrideIndexTriggers(false)",
        plugin: "branch-api",
    },
    Describable {
        name: "parallelsAlwaysFailFast",
        summary: "Makes every `parallel` in the pipeline fail fast.",
        params: &[],
        block: Block::None,
        example: "parallelsAlwaysFailFast()",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "podTemplate",
        summary: "Defines a Kubernetes pod template for the body (a wrapper step; normally used in scripted pipelines).",
        params: POD_TEMPLATE_PARAMS,
        block: Block::Required,
        example: "podTemplate(yaml: readTrusted('pod.yaml'))",
        plugin: "kubernetes",
    },
    Describable {
        name: "preserveStashes",
        summary: "Preserves stashes of completed builds, for restarting stages (job property).",
        params: &[opt(
            "buildCount",
            Type::Int,
            "How many recent completed builds keep their stashes (1 to 50)",
            Some("1"),
        )],
        block: Block::None,
        example: "preserveStashes(buildCount: 5)",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "quietPeriod",
        summary: "Sets the job's quiet period, in seconds.",
        params: &[req(
            "quietPeriod",
            Type::Int,
            "Seconds to wait in the queue before building",
        )],
        block: Block::None,
        example: "quietPeriod(30)",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "rateLimitBuilds",
        summary: "Throttles builds to a number per duration (job property).",
        params: &[req(
            "throttle",
            Type::Any,
            "A map `[count: int, durationName: 'second'|'minute'|'hour'|'day'|'week'|'month'|'year', userBoost: boolean]`",
        )],
        block: Block::None,
        example: "rateLimitBuilds(throttle: [count: 2, durationName: 'hour', userBoost: true])",
        plugin: "branch-api",
    },
    Describable {
        name: "retry",
        summary: "Retries the body up to a number of times.",
        params: &[
            req("count", Type::Int, "How many times to try the body in all"),
            opt(
                "conditions",
                Type::NestedList("errorCondition"),
                "Retry only on these errors, e.g. `[agent(), nonresumable()]`; every error when absent",
                None,
            ),
        ],
        block: Block::Required,
        example: "retry(3)",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "script",
        summary: "Runs arbitrary Pipeline script (a block step, so Declarative accepts it as an option).",
        params: &[],
        block: Block::Required,
        example: "script { }",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "skipDefaultCheckout",
        summary: "Skips the automatic SCM checkout when entering an agent.",
        params: &[req(
            "skipDefaultCheckout",
            Type::Bool,
            "Whether to skip; `skipDefaultCheckout()` passes null, which means true",
        )],
        block: Block::None,
        example: "skipDefaultCheckout()",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "skipStagesAfterUnstable",
        summary: "Skips the remaining stages once the build has become unstable.",
        params: &[],
        block: Block::None,
        example: "skipStagesAfterUnstable()",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "timeout",
        summary: "Aborts the body if it runs longer than the given time.",
        params: &[
            req("time", Type::Int, "The time allowed, in `unit`s"),
            opt(
                "activity",
                Type::Bool,
                "Count the time since the last log output instead of since the start",
                Some("false"),
            ),
            opt("unit", TIME_UNIT, "The unit of `time`", Some("'MINUTES'")),
        ],
        block: Block::Required,
        example: "timeout(time: 1, unit: 'HOURS')",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "timestamps",
        summary: "Prefixes each console output line with a timestamp.",
        params: &[],
        block: Block::Required,
        example: "timestamps()",
        plugin: "timestamper",
    },
    Describable {
        name: "waitUntil",
        summary: "Runs the body repeatedly until it returns true.",
        params: &[
            opt(
                "initialRecurrencePeriod",
                Type::Long,
                "Milliseconds before the first retry; the delay then grows",
                Some("250"),
            ),
            opt("quiet", Type::Bool, "Do not log each retry", Some("false")),
        ],
        block: Block::Required,
        example: "waitUntil(initialRecurrencePeriod: 15000)",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "warnError",
        summary: "Catches an error in the body, marks the build and stage unstable, and continues.",
        params: &[
            req(
                "message",
                Type::String,
                "The message logged and shown on the stage",
            ),
            opt(
                "catchInterruptions",
                Type::Bool,
                "Whether to catch interruptions (aborts, timeouts) too",
                Some("true"),
            ),
        ],
        block: Block::Required,
        example: "warnError('Tests failed')",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "withContext",
        summary: "Runs the body with an object (a console log filter, launcher decorator...) in its context.",
        params: &[req("context", Type::Any, "The context object")],
        block: Block::Required,
        example: "withContext(myDecorator)",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "withCredentials",
        summary: "Binds credentials to environment variables while the body runs.",
        params: &[req(
            "bindings",
            Type::NestedList("binding"),
            "The credential bindings, e.g. `[string(credentialsId: 'token', variable: 'TOKEN')]`",
        )],
        block: Block::Required,
        example: "withCredentials([usernamePassword(credentialsId: 'deploy', usernameVariable: 'USER', passwordVariable: 'PASS')])",
        plugin: "credentials-binding",
    },
    Describable {
        name: "withEnv",
        summary: "Sets environment variables while the body runs.",
        params: &[req(
            "overrides",
            Type::StringList,
            "`NAME=value` strings; `PATH+EXTRA=/opt/bin` prepends to PATH",
        )],
        block: Block::Required,
        example: "withEnv(['LANG=C.UTF-8'])",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "wrap",
        summary: "Runs the body inside a build wrapper (`SimpleBuildWrapper`).",
        params: &[req(
            "delegate",
            Type::Any,
            "The build wrapper, e.g. `[$class: 'Xvfb']`",
        )],
        block: Block::Required,
        example: "wrap([$class: 'Xvfb'])",
        plugin: "workflow-basic-steps",
    },
    Describable {
        name: "ws",
        summary: "Runs the body in another workspace, locked for the build.",
        params: &[req(
            "dir",
            Type::String,
            "The workspace directory (relative to the agent's root, or absolute)",
        )],
        block: Block::Required,
        example: "ws('/srv/builds/shared')",
        plugin: "workflow-durable-task-step",
    },
];

/// The names of the options also allowed in a stage's `options { }`: the declarative options
/// whose descriptor says `canUseInStage()` (pipeline-model-definition's `StageOptions`) and
/// every wrapper step. No job property is allowed in a stage.
pub static STAGE_OPTIONS: &[&str] = &[
    "ansiColor",
    "catchError",
    "checkoutToSubdirectory",
    "lock",
    "podTemplate",
    "retry",
    "script",
    "skipDefaultCheckout",
    "timeout",
    "timestamps",
    "waitUntil",
    "warnError",
    "withContext",
    "withCredentials",
    "withEnv",
    "wrap",
    "ws",
];

/// `PodTemplateStep`'s parameters (all setters).
const POD_TEMPLATE_PARAMS: &[Param] = &[
    opt(
        "activeDeadlineSeconds",
        Type::Int,
        "Seconds the pod may run before Kubernetes kills it",
        Some("0"),
    ),
    opt(
        "agentContainer",
        Type::String,
        "The container that runs the agent",
        Some("'jnlp'"),
    ),
    opt(
        "agentInjection",
        Type::Bool,
        "Inject the agent into `agentContainer` instead of using a `jnlp` container",
        Some("false"),
    ),
    opt(
        "annotations",
        Type::Any,
        "Pod annotations, e.g. `[podAnnotation(key: 'k', value: 'v')]`",
        None,
    ),
    opt("cloud", Type::String, "The Kubernetes cloud to use", None),
    opt(
        "containers",
        Type::NestedList("containers"),
        "The containers, as `containerTemplate(...)`s",
        None,
    ),
    opt(
        "envVars",
        Type::NestedList("envVars"),
        "Environment variables for every container",
        None,
    ),
    opt(
        "hostNetwork",
        Type::Bool,
        "Use the host's network",
        Some("false"),
    ),
    opt(
        "idleMinutes",
        Type::Int,
        "Minutes to keep the pod alive after the body",
        Some("0"),
    ),
    opt(
        "imagePullSecrets",
        Type::StringList,
        "Names of image pull secrets",
        None,
    ),
    opt(
        "inheritFrom",
        Type::String,
        "Space-separated names of pod templates to inherit from",
        None,
    ),
    opt(
        "inheritYamlMergeStrategy",
        Type::Bool,
        "Inherit the parent's YAML merge strategy",
        Some("false"),
    ),
    opt(
        "instanceCap",
        Type::Int,
        "The maximum number of pods from this template",
        None,
    ),
    opt("label", Type::String, "The agent label of the pod", None),
    opt("name", Type::String, "The template's name", None),
    opt("namespace", Type::String, "The namespace of the pod", None),
    opt(
        "nodeSelector",
        Type::String,
        "Node selector, `key=value` pairs separated by commas",
        None,
    ),
    opt(
        "nodeUsageMode",
        Type::String,
        "`NORMAL` or `EXCLUSIVE` (only builds asking for the label)",
        Some("'EXCLUSIVE'"),
    ),
    opt(
        "podRetention",
        Type::Nested("podRetention"),
        "When to keep the pod after the build",
        Some("default()"),
    ),
    opt(
        "runAsGroup",
        Type::String,
        "The group id the containers run as",
        None,
    ),
    opt(
        "runAsUser",
        Type::String,
        "The user id the containers run as",
        None,
    ),
    opt(
        "schedulerName",
        Type::String,
        "The Kubernetes scheduler to use",
        None,
    ),
    opt(
        "serviceAccount",
        Type::String,
        "The service account of the pod",
        None,
    ),
    opt(
        "showRawYaml",
        Type::Bool,
        "Log the pod's YAML",
        Some("true"),
    ),
    opt(
        "slaveConnectTimeout",
        Type::Int,
        "Seconds to wait for the agent to connect",
        Some("100"),
    ),
    opt(
        "supplementalGroups",
        Type::String,
        "Comma-separated supplemental group ids",
        None,
    ),
    opt(
        "volumes",
        Type::Any,
        "Pod volumes, e.g. `[secretVolume(secretName: 's', mountPath: '/s')]`",
        None,
    ),
    opt(
        "workingDir",
        Type::String,
        "The containers' working directory",
        Some("'/home/jenkins/agent'"),
    ),
    opt(
        "workspaceVolume",
        Type::Nested("workspaceVolume"),
        "The volume holding the workspace",
        Some("emptyDirWorkspaceVolume(false)"),
    ),
    opt(
        "yaml",
        Type::String,
        "A pod spec in YAML, merged with the rest",
        None,
    ),
    opt(
        "yamlMergeStrategy",
        Type::Nested("yamlMergeStrategy"),
        "How `yaml` combines with inherited YAML",
        Some("override()"),
    ),
];

// ---------------------------------------------------------------------------------------------
// triggers
// ---------------------------------------------------------------------------------------------

/// Triggers allowed in `triggers { }`: every `TriggerDescriptor` with a symbol (core,
/// github, pipeline-maven).
pub static TRIGGERS: &[Describable] = &[
    Describable {
        name: "cron",
        summary: "Builds periodically, on a cron-like schedule.",
        params: &[req(
            "spec",
            Type::String,
            "The schedule, e.g. `H 4 * * 1-5`; one per line",
        )],
        block: Block::None,
        example: "cron('H 4 * * 1-5')",
        plugin: "jenkins-core",
    },
    Describable {
        name: "githubPush",
        summary: "Builds when GitHub sends a push hook for the job's repository.",
        params: &[],
        block: Block::None,
        example: "githubPush()",
        plugin: "github",
    },
    Describable {
        name: "pollSCM",
        summary: "Polls the SCM on a cron-like schedule and builds on changes.",
        params: &[
            req(
                "scmpoll_spec",
                Type::String,
                "The polling schedule, e.g. `H/15 * * * *`; empty means only on post-commit hooks",
            ),
            opt(
                "ignorePostCommitHooks",
                Type::Bool,
                "Ignore post-commit hooks and poll only on schedule",
                Some("false"),
            ),
        ],
        block: Block::None,
        example: "pollSCM('H/15 * * * *')",
        plugin: "jenkins-core",
    },
    Describable {
        name: "snapshotDependencies",
        summary: "Builds when a Maven SNAPSHOT dependency built by another pipeline changes.",
        params: &[],
        block: Block::None,
        example: "snapshotDependencies()",
        plugin: "pipeline-maven",
    },
    Describable {
        name: "upstream",
        summary: "Builds when one of the given jobs completes.",
        params: &[
            req(
                "upstreamProjects",
                Type::String,
                "Comma-separated names of the jobs to watch",
            ),
            opt(
                "threshold",
                Type::Any,
                "The worst upstream result that triggers, a `hudson.model.Result` such as \
                 `hudson.model.Result.UNSTABLE`; Jenkins rejects a string literal",
                Some("hudson.model.Result.SUCCESS"),
            ),
        ],
        block: Block::None,
        example: "upstream(upstreamProjects: 'lib-a,lib-b', threshold: hudson.model.Result.SUCCESS)",
        plugin: "jenkins-core",
    },
];

// ---------------------------------------------------------------------------------------------
// parameters
// ---------------------------------------------------------------------------------------------

/// Build parameter types allowed in `parameters { }` and in `input { parameters { } }`: every
/// `ParameterDescriptor` with a symbol, under its first symbol (core, credentials,
/// copyartifact).
///
/// `description` is a setter on every parameter definition (`ParameterDefinition`), so it is
/// optional even where a constructor also takes it.
pub static PARAMETERS: &[Describable] = &[
    Describable {
        name: "string",
        summary: "A single-line string parameter.",
        params: &[
            req("name", Type::String, "The parameter's name"),
            opt(
                "defaultValue",
                Type::String,
                "The default value",
                Some("''"),
            ),
            opt(
                "description",
                Type::String,
                "What the parameter is for",
                None,
            ),
            opt(
                "trim",
                Type::Bool,
                "Strip whitespace from both ends of the value",
                Some("false"),
            ),
        ],
        block: Block::None,
        example: "string(name: 'GREETING', defaultValue: 'Hello', description: 'What to say')",
        plugin: "jenkins-core",
    },
    Describable {
        name: "text",
        summary: "A multi-line string parameter.",
        params: &[
            req("name", Type::String, "The parameter's name"),
            opt(
                "defaultValue",
                Type::String,
                "The default value",
                Some("''"),
            ),
            opt(
                "description",
                Type::String,
                "What the parameter is for",
                None,
            ),
            opt(
                "trim",
                Type::Bool,
                "Strip whitespace from both ends of the value",
                Some("false"),
            ),
        ],
        block: Block::None,
        example: "text(name: 'NOTES', defaultValue: '', description: 'Release notes')",
        plugin: "jenkins-core",
    },
    Describable {
        name: "booleanParam",
        summary: "A true/false parameter.",
        params: &[
            req("name", Type::String, "The parameter's name"),
            opt(
                "defaultValue",
                Type::Bool,
                "The default value",
                Some("false"),
            ),
            opt(
                "description",
                Type::String,
                "What the parameter is for",
                None,
            ),
        ],
        block: Block::None,
        example: "booleanParam(name: 'DEPLOY', defaultValue: false, description: 'Deploy after the build')",
        plugin: "jenkins-core",
    },
    Describable {
        name: "choice",
        summary: "A parameter chosen from a list; the first choice is the default.",
        params: &[
            req("name", Type::String, "The parameter's name"),
            opt(
                "choices",
                Type::Any,
                "The choices: a list of strings or one string with a choice per line",
                None,
            ),
            opt(
                "description",
                Type::String,
                "What the parameter is for",
                None,
            ),
        ],
        block: Block::None,
        example: "choice(name: 'ENV', choices: ['dev', 'staging', 'prod'], description: 'Target')",
        plugin: "jenkins-core",
    },
    Describable {
        name: "password",
        summary: "A password parameter, masked in the UI and the log.",
        params: &[
            req("name", Type::String, "The parameter's name"),
            req(
                "defaultValueAsSecret",
                Type::String,
                "The default value, a `hudson.util.Secret` (the model's name for `defaultValue`)",
            ),
            opt(
                "description",
                Type::String,
                "What the parameter is for",
                None,
            ),
            opt(
                "defaultValue",
                Type::String,
                "The default value as a string; Declarative accepts it for `password` only (JENKINS-63499)",
                None,
            ),
        ],
        block: Block::None,
        example: "password(name: 'DB_PASSWORD', defaultValue: '', description: 'Database password')",
        plugin: "jenkins-core",
    },
    Describable {
        name: "file",
        summary: "A file uploaded when the build starts, put in the workspace.",
        params: &[
            req(
                "name",
                Type::String,
                "The file's location relative to the workspace",
            ),
            opt(
                "description",
                Type::String,
                "What the parameter is for",
                None,
            ),
        ],
        block: Block::None,
        example: "file(name: 'config/upload.zip', description: 'Archive to deploy')",
        plugin: "jenkins-core",
    },
    Describable {
        name: "run",
        summary: "Selects a build of another job; the value is the build's URL.",
        params: &[
            req("name", Type::String, "The parameter's name"),
            req(
                "projectName",
                Type::String,
                "The job whose builds are offered",
            ),
            req(
                "filter",
                Type::Enum {
                    class: "hudson.model.RunParameterDefinition$RunParameterFilter",
                    values: &["ALL", "STABLE", "SUCCESSFUL", "COMPLETED"],
                },
                "Which builds are offered",
            ),
            opt(
                "description",
                Type::String,
                "What the parameter is for",
                None,
            ),
        ],
        block: Block::None,
        example: "run(name: 'UPSTREAM', projectName: 'app-build', filter: 'SUCCESSFUL', description: 'Build to deploy')",
        plugin: "jenkins-core",
    },
    Describable {
        name: "credentials",
        summary: "Selects a credential; the value is its id.",
        params: &[
            req("name", Type::String, "The parameter's name"),
            req("defaultValue", Type::String, "The default credential's id"),
            req(
                "credentialType",
                Type::String,
                "The credentials class offered, e.g. `com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl`",
            ),
            req(
                "required",
                Type::Bool,
                "Whether a credential must be selected",
            ),
            opt(
                "description",
                Type::String,
                "What the parameter is for",
                None,
            ),
        ],
        block: Block::None,
        example: "credentials(name: 'DEPLOY_KEY', credentialType: 'com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey', defaultValue: 'deploy', required: true, description: 'SSH key')",
        plugin: "credentials",
    },
    Describable {
        name: "buildSelector",
        summary: "Selects a build to copy artifacts from, for `copyArtifacts`.",
        params: &[
            req("name", Type::String, "The parameter's name"),
            req(
                "defaultSelector",
                Type::Nested("buildSelector"),
                "The default build selector, e.g. `lastSuccessful()`",
            ),
            opt(
                "description",
                Type::String,
                "What the parameter is for",
                None,
            ),
        ],
        block: Block::None,
        example: "buildSelector(name: 'SOURCE_BUILD', defaultSelector: lastSuccessful(), description: 'Build to copy from')",
        plugin: "copyartifact",
    },
];

// ---------------------------------------------------------------------------------------------
// when
// ---------------------------------------------------------------------------------------------

/// `when` conditions, sorted by name as `DeclarativeStageConditionalDescriptor.allNames()`
/// lists them. `allOf`, `anyOf` and `not` take nested conditions, never arguments (see
/// [`when_children`]); `expression` takes a closure.
pub static WHEN: &[Describable] = &[
    Describable {
        name: "allOf",
        summary: "True when all the nested conditions are true.",
        params: &[],
        block: Block::Required,
        example: "allOf { branch 'main'; environment name: 'DEPLOY', value: 'true' }",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "anyOf",
        summary: "True when at least one of the nested conditions is true.",
        params: &[],
        block: Block::Required,
        example: "anyOf { branch 'main'; branch 'release-*' }",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "branch",
        summary: "True when the branch being built matches the pattern (multibranch only).",
        params: &[
            req("pattern", Type::String, "The branch name pattern"),
            opt("comparator", Type::String, COMPARATOR_DOC, Some("'GLOB'")),
        ],
        block: Block::None,
        example: "branch 'release-*'",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "buildingTag",
        summary: "True when the build is building a tag.",
        params: &[opt(
            "comparator",
            Type::String,
            "Inherited from `tag`; has no pattern to use it on",
            None,
        )],
        block: Block::None,
        example: "buildingTag()",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "changeRequest",
        summary: "True when the build is for a change request (a pull request), optionally matching its attributes.",
        params: &[
            opt(
                "author",
                Type::String,
                "The change request's author's id",
                None,
            ),
            opt(
                "authorDisplayName",
                Type::String,
                "The author's display name",
                None,
            ),
            opt("authorEmail", Type::String, "The author's e-mail", None),
            opt(
                "branch",
                Type::String,
                "The change request's branch name, e.g. `PR-42`",
                None,
            ),
            opt(
                "comparator",
                Type::String,
                "How the attributes are matched: `EQUALS` (the default), `GLOB` or `REGEXP`",
                Some("'EQUALS'"),
            ),
            opt("fork", Type::String, "The fork the change comes from", None),
            opt(
                "id",
                Type::String,
                "The change request's id, e.g. `42`",
                None,
            ),
            opt("target", Type::String, "The target branch", None),
            opt("title", Type::String, "The change request's title", None),
            opt("url", Type::String, "The change request's URL", None),
        ],
        block: Block::None,
        example: "changeRequest target: 'main'",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "changelog",
        summary: "True when a commit message in the build's changelog matches the regular expression.",
        params: &[req(
            "pattern",
            Type::String,
            "A regular expression matched against commit messages",
        )],
        block: Block::None,
        example: "changelog '.*\\\\[deploy\\\\].*'",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "changeset",
        summary: "True when a file changed in the build matches the pattern.",
        params: &[
            req("pattern", Type::String, "The file path pattern"),
            opt(
                "caseSensitive",
                Type::Bool,
                "Match case-sensitively",
                Some("false"),
            ),
            opt("comparator", Type::String, COMPARATOR_DOC, Some("'GLOB'")),
        ],
        block: Block::None,
        example: "changeset 'docs/**'",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "environment",
        summary: "True when an environment variable has the given value.",
        params: &[
            req("name", Type::String, "The variable's name"),
            req("value", Type::String, "The value to compare with"),
            opt(
                "ignoreCase",
                Type::Bool,
                "Compare ignoring case",
                Some("false"),
            ),
        ],
        block: Block::None,
        example: "environment name: 'DEPLOY_TO', value: 'production'",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "equals",
        summary: "True when the actual value equals the expected one.",
        params: &[
            req("expected", Type::Any, "The expected value"),
            req(
                "actual",
                Type::Any,
                "The value to test, often an expression",
            ),
        ],
        block: Block::None,
        example: "equals expected: 2, actual: currentBuild.number",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "expression",
        summary: "True when the Groovy expression in the closure is true.",
        params: &[],
        block: Block::Required,
        example: "expression { return params.DEPLOY }",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "isRestartedRun",
        summary: "True when the build was restarted from a stage.",
        params: &[],
        block: Block::None,
        example: "isRestartedRun()",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "not",
        summary: "True when the nested condition is false.",
        params: &[],
        block: Block::Required,
        example: "not { branch 'main' }",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "tag",
        summary: "True when the build is building a tag matching the pattern.",
        params: &[
            req("pattern", Type::String, "The tag name pattern"),
            opt("comparator", Type::String, COMPARATOR_DOC, Some("'GLOB'")),
        ],
        block: Block::None,
        example: "tag 'v*'",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "triggeredBy",
        summary: "True when the build was caused by the given cause.",
        params: &[
            req(
                "cause",
                Type::String,
                "The cause's class simple name, e.g. `TimerTrigger`, `SCMTrigger`, `UserIdCause`, `BuildUpstreamCause`",
            ),
            opt(
                "detail",
                Type::String,
                "A detail the cause must match, e.g. the user id for `UserIdCause`",
                None,
            ),
        ],
        block: Block::None,
        example: "triggeredBy 'TimerTrigger'",
        plugin: "pipeline-model-definition",
    },
];

/// How many child conditions a nesting `when` condition takes: `None` for a condition that
/// takes none, `Some(None)` for "one or more", `Some(Some(n))` for exactly `n`.
#[must_use]
pub fn when_children(name: &str) -> Option<Option<usize>> {
    match name {
        "allOf" | "anyOf" => Some(None),
        "not" => Some(Some(1)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// agents
// ---------------------------------------------------------------------------------------------

/// The setters every Docker agent has (`AbstractDockerAgent`), for the docs of both.
const DOCKER_ARGS_DOC: &str = "Extra arguments to `docker run`";
/// See [`DOCKER_ARGS_DOC`].
const DOCKER_LABEL_DOC: &str = "The label of the node to run Docker on";
/// See [`DOCKER_ARGS_DOC`].
const DOCKER_REUSE_DOC: &str =
    "In a stage, run the container on the pipeline's node and workspace instead of a new node";
/// See [`DOCKER_ARGS_DOC`].
const DOCKER_PER_STAGE_DOC: &str = "With `newContainerPerStage()`, whether this is the top-level agent whose node the stages reuse";

/// Agent types with their options (`any` and `none` take none), sorted by name as
/// `DeclarativeAgentDescriptor.allSorted()` does (`node` is `label`'s second symbol).
pub static AGENTS: &[Describable] = &[
    Describable {
        name: "any",
        summary: "Runs on any available agent.",
        params: &[],
        block: Block::None,
        example: "agent any",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "docker",
        summary: "Runs in a container of the given image, on a node with Docker.",
        params: &[
            req(
                "image",
                Type::String,
                "The image to run, e.g. `maven:3-eclipse-temurin-21`",
            ),
            opt(
                "alwaysPull",
                Type::Bool,
                "Pull the image even when it is present",
                Some("false"),
            ),
            opt("args", Type::String, DOCKER_ARGS_DOC, Some("''")),
            opt(
                "containerPerStageRoot",
                Type::Bool,
                DOCKER_PER_STAGE_DOC,
                Some("false"),
            ),
            opt(
                "customWorkspace",
                Type::String,
                "A custom workspace directory",
                None,
            ),
            opt("label", Type::String, DOCKER_LABEL_DOC, None),
            opt(
                "registryCredentialsId",
                Type::String,
                "Credentials for the registry",
                None,
            ),
            opt(
                "registryUrl",
                Type::String,
                "The registry to pull from",
                None,
            ),
            opt("reuseNode", Type::Bool, DOCKER_REUSE_DOC, Some("false")),
        ],
        block: Block::None,
        example: "agent { docker { image 'node:22-alpine'; args '-v /tmp:/tmp' } }",
        plugin: "docker-workflow",
    },
    Describable {
        name: "dockerfile",
        summary: "Builds an image from a Dockerfile in the repository and runs in it.",
        params: &[
            opt(
                "additionalBuildArgs",
                Type::String,
                "Extra arguments to `docker build`",
                None,
            ),
            opt("args", Type::String, DOCKER_ARGS_DOC, Some("''")),
            opt(
                "containerPerStageRoot",
                Type::Bool,
                DOCKER_PER_STAGE_DOC,
                Some("false"),
            ),
            opt(
                "customWorkspace",
                Type::String,
                "A custom workspace directory",
                None,
            ),
            opt(
                "dir",
                Type::String,
                "The build context directory",
                Some("'.'"),
            ),
            opt(
                "filename",
                Type::String,
                "The Dockerfile's name, relative to `dir`",
                Some("'Dockerfile'"),
            ),
            opt("label", Type::String, DOCKER_LABEL_DOC, None),
            opt(
                "registryCredentialsId",
                Type::String,
                "Credentials for the registry",
                None,
            ),
            opt(
                "registryUrl",
                Type::String,
                "The registry to pull base images from",
                None,
            ),
            opt("reuseNode", Type::Bool, DOCKER_REUSE_DOC, Some("false")),
        ],
        block: Block::None,
        example: "agent { dockerfile { filename 'Dockerfile.build'; dir 'ci' } }",
        plugin: "docker-workflow",
    },
    Describable {
        name: "kubernetes",
        summary: "Runs in a Kubernetes pod provisioned for the build.",
        params: &[
            opt(
                "activeDeadlineSeconds",
                Type::Int,
                "Seconds the pod may run before Kubernetes kills it",
                Some("0"),
            ),
            opt(
                "agentContainer",
                Type::String,
                "The container that runs the agent",
                Some("'jnlp'"),
            ),
            opt(
                "agentInjection",
                Type::Bool,
                "Inject the agent into `agentContainer` instead of using a `jnlp` container",
                Some("false"),
            ),
            opt("cloud", Type::String, "The Kubernetes cloud to use", None),
            opt(
                "containerTemplate",
                Type::Nested("containers"),
                "One container (deprecated: use `yaml`)",
                None,
            ),
            opt(
                "containerTemplates",
                Type::NestedList("containers"),
                "The containers (deprecated: use `yaml`)",
                None,
            ),
            opt(
                "customWorkspace",
                Type::String,
                "A custom workspace directory",
                None,
            ),
            opt(
                "defaultContainer",
                Type::String,
                "The container steps run in unless `container` says otherwise",
                Some("'jnlp'"),
            ),
            opt(
                "idleMinutes",
                Type::Int,
                "Minutes to keep the pod alive after the build",
                Some("0"),
            ),
            opt(
                "inheritFrom",
                Type::String,
                "Space-separated names of pod templates to inherit from",
                None,
            ),
            opt(
                "inheritYamlMergeStrategy",
                Type::Bool,
                "Inherit the parent's YAML merge strategy",
                Some("false"),
            ),
            opt(
                "instanceCap",
                Type::Int,
                "The maximum number of pods from this template",
                None,
            ),
            opt(
                "label",
                Type::String,
                "The pod's label; generated when absent",
                None,
            ),
            opt("namespace", Type::String, "The namespace of the pod", None),
            opt(
                "nodeSelector",
                Type::String,
                "Node selector, `key=value` pairs separated by commas",
                None,
            ),
            opt(
                "podRetention",
                Type::Nested("podRetention"),
                "When to keep the pod after the build",
                Some("default()"),
            ),
            opt(
                "retries",
                Type::Int,
                "How many times to try the stage when the agent is lost",
                Some("1"),
            ),
            opt(
                "schedulerName",
                Type::String,
                "The Kubernetes scheduler to use",
                None,
            ),
            opt(
                "serviceAccount",
                Type::String,
                "The service account of the pod",
                None,
            ),
            opt(
                "showRawYaml",
                Type::Bool,
                "Log the pod's YAML",
                Some("true"),
            ),
            opt(
                "slaveConnectTimeout",
                Type::Int,
                "Seconds to wait for the agent to connect",
                Some("100"),
            ),
            opt(
                "supplementalGroups",
                Type::String,
                "Comma-separated supplemental group ids",
                None,
            ),
            opt(
                "workingDir",
                Type::String,
                "The containers' working directory",
                Some("'/home/jenkins/agent'"),
            ),
            opt(
                "workspaceVolume",
                Type::Nested("workspaceVolume"),
                "The volume holding the workspace",
                Some("emptyDirWorkspaceVolume(false)"),
            ),
            opt("yaml", Type::String, "The pod spec in YAML", None),
            opt(
                "yamlFile",
                Type::String,
                "A file in the repository holding the pod spec in YAML",
                None,
            ),
            opt(
                "yamlMergeStrategy",
                Type::Nested("yamlMergeStrategy"),
                "How `yaml` combines with inherited YAML",
                Some("override()"),
            ),
        ],
        block: Block::None,
        example: "agent { kubernetes { yamlFile 'ci/pod.yaml'; defaultContainer 'maven' } }",
        plugin: "kubernetes",
    },
    Describable {
        name: "label",
        summary: "Runs on an agent matching a label expression.",
        params: &[
            req(
                "label",
                Type::String,
                "The label expression, e.g. `linux && docker`",
            ),
            opt(
                "customWorkspace",
                Type::String,
                "A custom workspace directory",
                None,
            ),
            opt(
                "retries",
                Type::Int,
                "How many times to try the stage when the agent is lost",
                Some("1"),
            ),
        ],
        block: Block::None,
        example: "agent { label 'linux && docker' }",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "node",
        summary: "Runs on an agent matching a label expression, with more options (the same agent as `label`).",
        params: &[
            req(
                "label",
                Type::String,
                "The label expression, e.g. `linux && docker`",
            ),
            opt(
                "customWorkspace",
                Type::String,
                "A custom workspace directory",
                None,
            ),
            opt(
                "retries",
                Type::Int,
                "How many times to try the stage when the agent is lost",
                Some("1"),
            ),
        ],
        block: Block::None,
        example: "agent { node { label 'linux'; customWorkspace '/srv/ws/app' } }",
        plugin: "pipeline-model-definition",
    },
    Describable {
        name: "none",
        summary: "Allocates no agent; each stage must declare its own.",
        params: &[],
        block: Block::None,
        example: "agent none",
        plugin: "pipeline-model-definition",
    },
];

// ---------------------------------------------------------------------------------------------
// tools, post conditions
// ---------------------------------------------------------------------------------------------

/// Tool types allowed in `tools { }`, e.g. `maven`, `jdk`: the symbols of the
/// `ToolDescriptor`s of core (`jdk`, `maven`), ant, docker-commons (`dockerTool`), git-client
/// (`git`, `jgit`, `jgitapache`), gradle, golang (`go`) and nodejs. Jenkins also accepts each
/// installation's class name as a key (`Utils.generateTypeCache(ToolDescriptor, true)`).
pub static TOOLS: &[&str] = &[
    "ant",
    "dockerTool",
    "git",
    "go",
    "gradle",
    "jdk",
    "jgit",
    "jgitapache",
    "maven",
    "nodejs",
];

/// Post conditions, in the order Jenkins runs them: `BuildCondition.getOrderedConditionNames()`,
/// by descending extension ordinal (always 1000, changed 900, fixed 890, regression 880,
/// The sections and directives of a declarative pipeline, with what each is for.
pub static SECTIONS: &[(&str, &str)] = &[
    (
        "agent",
        "Where the pipeline or stage runs: `any`, `none`, `label`, `docker`, `dockerfile`, `kubernetes`.",
    ),
    (
        "axes",
        "The axes of a `matrix`: each `axis` has a `name` and `values`.",
    ),
    (
        "axis",
        "One axis of a `matrix`: `name 'OS'` and `values 'linux', 'mac'`.",
    ),
    (
        "environment",
        "Environment variables for the pipeline or stage; `credentials('id')` binds a credential.",
    ),
    ("excludes", "Combinations of a `matrix` left out."),
    (
        "failFast",
        "`failFast true`: a failing parallel stage aborts the others.",
    ),
    (
        "input",
        "Asks for input before the stage runs (after its `when`).",
    ),
    ("libraries", "Shared libraries to load: `lib('name@ref')`."),
    (
        "matrix",
        "Runs its stages once per combination of its `axes` values, in parallel.",
    ),
    (
        "options",
        "Options of the pipeline or stage: `timeout`, `retry`, `timestamps`, `skipDefaultCheckout`...",
    ),
    ("parallel", "Stages run at the same time."),
    (
        "parameters",
        "The build's parameters, given with `-p NAME=VALUE` to `jfrun`.",
    ),
    ("pipeline", "A declarative pipeline."),
    (
        "post",
        "Steps run after the pipeline or stage by condition, in order: always, changed, fixed, regression, aborted, success, unsuccessful, unstable, failure, notBuilt, cleanup.",
    ),
    (
        "stage",
        "A named stage: `steps`, or nested `stages`, `parallel` or `matrix`.",
    ),
    ("stages", "The stages, run in order."),
    ("steps", "The steps of a stage."),
    (
        "tools",
        "Tool installations put on the PATH: `maven 'M3'`, `jdk 'jdk17'`...",
    ),
    (
        "triggers",
        "What starts the pipeline on a controller: `cron`, `pollSCM`, `upstream`.",
    ),
    (
        "when",
        "Whether the stage runs: conditions such as `branch`, `environment`, `expression`, `allOf`.",
    ),
];

/// aborted 800, success 700, unsuccessful 650, unstable 600, failure 500, notBuilt 400,
/// cleanup -10000).
pub static POST_CONDITIONS: &[&str] = &[
    "always",
    "changed",
    "fixed",
    "regression",
    "aborted",
    "success",
    "unsuccessful",
    "unstable",
    "failure",
    "notBuilt",
    "cleanup",
];

// ---------------------------------------------------------------------------------------------
// nested describables
// ---------------------------------------------------------------------------------------------

/// Describables nested inside directives' arguments, by family (the `Type::Nested` name).
///
/// Families: `buildDiscarder`, `errorCondition` (`retry`'s conditions), `binding`
/// (`withCredentials`), `parameters` (parameter definitions, as in `input` and `properties`),
/// `buildSelector` (copyartifact), and kubernetes' `containers`, `envVars`, `podRetention`,
/// `workspaceVolume` and `yamlMergeStrategy`. Any other name has no members.
#[must_use]
pub fn nested(family: &str) -> &'static [Describable] {
    match family {
        "buildDiscarder" => BUILD_DISCARDERS,
        "errorCondition" => ERROR_CONDITIONS,
        "binding" => super::steps::BINDINGS,
        "parameters" => PARAMETERS,
        "buildSelector" => BUILD_SELECTORS,
        "containers" => CONTAINERS,
        "envVars" => ENV_VARS,
        "podRetention" => POD_RETENTIONS,
        "workspaceVolume" => WORKSPACE_VOLUMES,
        "yamlMergeStrategy" => YAML_MERGE_STRATEGIES,
        _ => &[],
    }
}

/// `BuildDiscarder`s: core's `LogRotator`.
static BUILD_DISCARDERS: &[Describable] = &[Describable {
    name: "logRotator",
    summary: "Keeps builds and artifacts for a number of days or up to a number of builds.",
    params: &[
        req(
            "daysToKeepStr",
            Type::String,
            "Days to keep builds (empty or -1: no limit)",
        ),
        req(
            "numToKeepStr",
            Type::String,
            "How many builds to keep (empty or -1: no limit)",
        ),
        req(
            "artifactDaysToKeepStr",
            Type::String,
            "Days to keep artifacts (empty or -1: no limit)",
        ),
        req(
            "artifactNumToKeepStr",
            Type::String,
            "How many builds keep their artifacts (empty or -1: no limit)",
        ),
        opt(
            "removeLastBuild",
            Type::Bool,
            "Allow discarding the last build too",
            Some("false"),
        ),
    ],
    block: Block::None,
    example: "logRotator(numToKeepStr: '10', artifactNumToKeepStr: '3')",
    plugin: "jenkins-core",
}];

/// `ErrorCondition`s for `retry(conditions: [...])`.
static ERROR_CONDITIONS: &[Describable] = &[
    Describable {
        name: "agent",
        summary: "Retries when the agent the body ran on went away.",
        params: &[],
        block: Block::None,
        example: "agent()",
        plugin: "workflow-durable-task-step",
    },
    Describable {
        name: "kubernetesAgent",
        summary: "Retries when the Kubernetes pod the body ran on was lost (evicted, out of memory...).",
        params: &[opt(
            "handleNonKubernetes",
            Type::Bool,
            "Also retry when a non-Kubernetes agent went away",
            Some("false"),
        )],
        block: Block::None,
        example: "kubernetesAgent()",
        plugin: "kubernetes",
    },
    Describable {
        name: "nonresumable",
        summary: "Retries when a step could not resume after a controller restart.",
        params: &[],
        block: Block::None,
        example: "nonresumable()",
        plugin: "workflow-basic-steps",
    },
];

/// copyartifact's `BuildSelector`s.
static BUILD_SELECTORS: &[Describable] = &[
    Describable {
        name: "buildParameter",
        summary: "The build named by a build parameter.",
        params: &[req(
            "parameterName",
            Type::String,
            "The parameter holding the selection",
        )],
        block: Block::None,
        example: "buildParameter('SOURCE_BUILD')",
        plugin: "copyartifact",
    },
    Describable {
        name: "downstream",
        summary: "The build of a downstream job triggered by a given upstream build.",
        params: &[
            req("upstreamProjectName", Type::String, "The upstream job"),
            req(
                "upstreamBuildNumber",
                Type::String,
                "The upstream build's number",
            ),
        ],
        block: Block::None,
        example: "downstream(upstreamProjectName: 'app', upstreamBuildNumber: '42')",
        plugin: "copyartifact",
    },
    Describable {
        name: "lastCompleted",
        summary: "The last completed build, whatever its result.",
        params: &[],
        block: Block::None,
        example: "lastCompleted()",
        plugin: "copyartifact",
    },
    Describable {
        name: "lastSuccessful",
        summary: "The last successful (or stable) build.",
        params: &[opt(
            "stable",
            Type::Bool,
            "Only stable builds",
            Some("false"),
        )],
        block: Block::None,
        example: "lastSuccessful()",
        plugin: "copyartifact",
    },
    Describable {
        name: "lastWithArtifacts",
        summary: "The last build with archived artifacts.",
        params: &[],
        block: Block::None,
        example: "lastWithArtifacts()",
        plugin: "copyartifact",
    },
    Describable {
        name: "latestSavedBuild",
        summary: "The latest build marked keep-forever.",
        params: &[],
        block: Block::None,
        example: "latestSavedBuild()",
        plugin: "copyartifact",
    },
    Describable {
        name: "permalink",
        summary: "The build a permalink points to.",
        params: &[req(
            "id",
            Type::String,
            "The permalink, e.g. `lastStableBuild`",
        )],
        block: Block::None,
        example: "permalink('lastStableBuild')",
        plugin: "copyartifact",
    },
    Describable {
        name: "specific",
        summary: "A build by number.",
        params: &[req("buildNumber", Type::String, "The build number")],
        block: Block::None,
        example: "specific('42')",
        plugin: "copyartifact",
    },
    Describable {
        name: "upstream",
        summary: "The upstream build that triggered this one.",
        params: &[
            opt(
                "allowUpstreamDependencies",
                Type::Bool,
                "Also consider upstream builds of dependencies",
                Some("false"),
            ),
            opt(
                "fallbackToLastSuccessful",
                Type::Bool,
                "Use the last successful build when not triggered by upstream",
                Some("false"),
            ),
            opt(
                "upstreamFilterStrategy",
                Type::Enum {
                    class: "hudson.plugins.copyartifact.TriggeredBuildSelector$UpstreamFilterStrategy",
                    values: &["UseGlobalSetting", "UseOldest", "UseNewest"],
                },
                "Which upstream build when there are several",
                Some("'UseGlobalSetting'"),
            ),
        ],
        block: Block::None,
        example: "upstream(fallbackToLastSuccessful: true)",
        plugin: "copyartifact",
    },
    Describable {
        name: "workspace",
        summary: "The job's workspace instead of a build.",
        params: &[],
        block: Block::None,
        example: "workspace()",
        plugin: "copyartifact",
    },
];

/// kubernetes' `ContainerTemplate`.
static CONTAINERS: &[Describable] = &[Describable {
    name: "containerTemplate",
    summary: "A container of a Kubernetes pod template.",
    params: &[
        req("name", Type::String, "The container's name"),
        req("image", Type::String, "The image"),
        opt(
            "alwaysPullImage",
            Type::Bool,
            "Pull the image even when present",
            Some("false"),
        ),
        opt("args", Type::String, "Arguments to `command`", None),
        opt(
            "command",
            Type::String,
            "The command to run, e.g. `sleep` (with `args '99d'`) or `cat`",
            None,
        ),
        opt(
            "envVars",
            Type::NestedList("envVars"),
            "Environment variables",
            None,
        ),
        opt(
            "livenessProbe",
            Type::Any,
            "A `containerLivenessProbe(...)`",
            None,
        ),
        opt(
            "ports",
            Type::Any,
            "Port mappings, `[portMapping(name:, containerPort:, hostPort:)]`",
            None,
        ),
        opt("privileged", Type::Bool, "Run privileged", Some("false")),
        opt("resourceLimitCpu", Type::String, "CPU limit", None),
        opt(
            "resourceLimitEphemeralStorage",
            Type::String,
            "Ephemeral storage limit",
            None,
        ),
        opt("resourceLimitMemory", Type::String, "Memory limit", None),
        opt("resourceRequestCpu", Type::String, "CPU request", None),
        opt(
            "resourceRequestEphemeralStorage",
            Type::String,
            "Ephemeral storage request",
            None,
        ),
        opt(
            "resourceRequestMemory",
            Type::String,
            "Memory request",
            None,
        ),
        opt("runAsGroup", Type::String, "The group id to run as", None),
        opt("runAsUser", Type::String, "The user id to run as", None),
        opt(
            "shell",
            Type::String,
            "The shell `sh` steps use in this container",
            None,
        ),
        opt("ttyEnabled", Type::Bool, "Allocate a TTY", Some("false")),
        opt(
            "workingDir",
            Type::String,
            "The working directory",
            Some("'/home/jenkins/agent'"),
        ),
    ],
    block: Block::None,
    example: "containerTemplate(name: 'maven', image: 'maven:3-eclipse-temurin-21', command: 'sleep', args: '99d')",
    plugin: "kubernetes",
}];

/// kubernetes' `TemplateEnvVar`s.
static ENV_VARS: &[Describable] = &[
    Describable {
        name: "envVar",
        summary: "An environment variable with a value.",
        params: &[
            req("key", Type::String, "The variable's name"),
            req("value", Type::String, "The value"),
        ],
        block: Block::None,
        example: "envVar(key: 'MAVEN_OPTS', value: '-Xmx1g')",
        plugin: "kubernetes",
    },
    Describable {
        name: "secretEnvVar",
        summary: "An environment variable from a Kubernetes secret.",
        params: &[
            req("key", Type::String, "The variable's name"),
            req("secretName", Type::String, "The secret"),
            req("secretKey", Type::String, "The key in the secret"),
            req("optional", Type::Bool, "Whether the secret may be missing"),
        ],
        block: Block::None,
        example: "secretEnvVar(key: 'TOKEN', secretName: 'ci', secretKey: 'token', optional: false)",
        plugin: "kubernetes",
    },
];

/// kubernetes' `PodRetention`s.
static POD_RETENTIONS: &[Describable] = &[
    Describable {
        name: "always",
        summary: "Always keep the pod.",
        params: &[],
        block: Block::None,
        example: "always()",
        plugin: "kubernetes",
    },
    Describable {
        name: "default",
        summary: "Use the cloud's or the parent template's setting.",
        params: &[],
        block: Block::None,
        example: "default()",
        plugin: "kubernetes",
    },
    Describable {
        name: "evicted",
        summary: "Keep the pod when it was evicted.",
        params: &[],
        block: Block::None,
        example: "evicted()",
        plugin: "kubernetes",
    },
    Describable {
        name: "never",
        summary: "Never keep the pod.",
        params: &[],
        block: Block::None,
        example: "never()",
        plugin: "kubernetes",
    },
    Describable {
        name: "onFailure",
        summary: "Keep the pod when the build failed.",
        params: &[],
        block: Block::None,
        example: "onFailure()",
        plugin: "kubernetes",
    },
];

/// kubernetes' `WorkspaceVolume`s.
static WORKSPACE_VOLUMES: &[Describable] = &[
    Describable {
        name: "dynamicPVC",
        summary: "A persistent volume claim created for the pod and deleted with it.",
        params: &[
            opt(
                "accessModes",
                Type::String,
                "The access mode",
                Some("'ReadWriteOnce'"),
            ),
            opt(
                "requestsSize",
                Type::String,
                "The size requested",
                Some("'10Gi'"),
            ),
            opt("storageClassName", Type::String, "The storage class", None),
        ],
        block: Block::None,
        example: "dynamicPVC(requestsSize: '20Gi')",
        plugin: "kubernetes",
    },
    Describable {
        name: "emptyDirWorkspaceVolume",
        summary: "An emptyDir volume.",
        params: &[
            req("memory", Type::Bool, "Back it with memory (tmpfs)"),
            opt("sizeLimit", Type::String, "The size limit", None),
        ],
        block: Block::None,
        example: "emptyDirWorkspaceVolume(false)",
        plugin: "kubernetes",
    },
    Describable {
        name: "genericEphemeralVolume",
        summary: "A generic ephemeral volume.",
        params: &[
            opt(
                "accessModes",
                Type::String,
                "The access mode",
                Some("'ReadWriteOnce'"),
            ),
            opt(
                "requestsSize",
                Type::String,
                "The size requested",
                Some("'10Gi'"),
            ),
            opt("storageClassName", Type::String, "The storage class", None),
        ],
        block: Block::None,
        example: "genericEphemeralVolume(requestsSize: '20Gi')",
        plugin: "kubernetes",
    },
    Describable {
        name: "hostPathWorkspaceVolume",
        summary: "A directory of the Kubernetes node.",
        params: &[req("hostPath", Type::String, "The directory on the node")],
        block: Block::None,
        example: "hostPathWorkspaceVolume('/var/ci/workspace')",
        plugin: "kubernetes",
    },
    Describable {
        name: "nfsWorkspaceVolume",
        summary: "An NFS share.",
        params: &[
            req("serverAddress", Type::String, "The NFS server"),
            req("serverPath", Type::String, "The exported path"),
            req("readOnly", Type::Bool, "Mount read-only"),
        ],
        block: Block::None,
        example: "nfsWorkspaceVolume(serverAddress: 'nfs.local', serverPath: '/ws', readOnly: false)",
        plugin: "kubernetes",
    },
    Describable {
        name: "persistentVolumeClaimWorkspaceVolume",
        summary: "An existing persistent volume claim.",
        params: &[
            req("claimName", Type::String, "The claim"),
            req("readOnly", Type::Bool, "Mount read-only"),
        ],
        block: Block::None,
        example: "persistentVolumeClaimWorkspaceVolume(claimName: 'ws', readOnly: false)",
        plugin: "kubernetes",
    },
];

/// kubernetes' `YamlMergeStrategy`s.
static YAML_MERGE_STRATEGIES: &[Describable] = &[
    Describable {
        name: "merge",
        summary: "Merge the YAML with the inherited YAML.",
        params: &[],
        block: Block::None,
        example: "merge()",
        plugin: "kubernetes",
    },
    Describable {
        name: "override",
        summary: "Replace the inherited YAML.",
        params: &[],
        block: Block::None,
        example: "override()",
        plugin: "kubernetes",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every list of describables, with a name for messages.
    fn lists() -> Vec<(&'static str, &'static [Describable])> {
        let mut all = vec![
            ("OPTIONS", OPTIONS),
            ("TRIGGERS", TRIGGERS),
            ("PARAMETERS", PARAMETERS),
            ("WHEN", WHEN),
            ("AGENTS", AGENTS),
        ];
        for family in families() {
            all.push((family, nested(family)));
        }
        all
    }

    /// Every family named by a `Type::Nested` or `Type::NestedList` anywhere here.
    fn families() -> Vec<&'static str> {
        fn walk(list: &'static [Describable], seen: &mut Vec<&'static str>) {
            for d in list {
                for p in d.params {
                    if let Type::Nested(f) | Type::NestedList(f) = p.ty {
                        if !seen.contains(&f) {
                            seen.push(f);
                            walk(nested(f), seen);
                        }
                    }
                }
            }
        }
        let mut seen = Vec::new();
        for list in [OPTIONS, TRIGGERS, PARAMETERS, WHEN, AGENTS] {
            walk(list, &mut seen);
        }
        seen
    }

    fn unique(what: &str, names: impl IntoIterator<Item = &'static str>) {
        let mut seen = HashSet::new();
        for name in names {
            assert!(seen.insert(name), "{what}: `{name}` twice");
        }
    }

    #[test]
    fn names_are_unique_per_list() {
        for (what, list) in lists() {
            unique(what, list.iter().map(|d| d.name));
        }
        unique("STAGE_OPTIONS", STAGE_OPTIONS.iter().copied());
        unique("TOOLS", TOOLS.iter().copied());
        unique("POST_CONDITIONS", POST_CONDITIONS.iter().copied());
    }

    #[test]
    fn params_are_unique_and_constructor_first() {
        for (what, list) in lists() {
            for d in list {
                unique(
                    &format!("{what} {}", d.name),
                    d.params.iter().map(|p| p.name),
                );
                let first_optional = d.params.iter().position(|p| !p.required);
                if let Some(i) = first_optional {
                    assert!(
                        d.params[i..].iter().all(|p| !p.required),
                        "{what} {}: a required parameter after an optional one",
                        d.name
                    );
                }
            }
        }
    }

    #[test]
    fn entries_are_documented() {
        for (what, list) in lists() {
            for d in list {
                assert!(!d.summary.is_empty(), "{what} {}: no summary", d.name);
                assert!(!d.example.is_empty(), "{what} {}: no example", d.name);
                assert!(!d.plugin.is_empty(), "{what} {}: no plugin", d.name);
                for p in d.params {
                    assert!(!p.doc.is_empty(), "{what} {}.{}: no doc", d.name, p.name);
                    if let Type::Enum { values, .. } = p.ty {
                        assert!(!values.is_empty(), "{what} {}.{}", d.name, p.name);
                        if let Some(default) = p.default {
                            assert!(
                                values.contains(&default.trim_matches('\'')),
                                "{what} {}.{}: default not a constant",
                                d.name,
                                p.name
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn options_are_sorted_as_jenkins_lists_them() {
        let names: Vec<_> = OPTIONS.iter().map(|d| d.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        let stage: Vec<_> = STAGE_OPTIONS.to_vec();
        let mut sorted = stage.clone();
        sorted.sort_unstable();
        assert_eq!(stage, sorted);
    }

    #[test]
    fn stage_options_are_options() {
        for name in STAGE_OPTIONS {
            assert!(crate::catalog::find(OPTIONS, name).is_some(), "`{name}`");
        }
        for name in [
            "skipStagesAfterUnstable",
            "buildDiscarder",
            "disableConcurrentBuilds",
        ] {
            assert!(!STAGE_OPTIONS.contains(&name), "`{name}` in a stage");
        }
        // Every wrapper step is allowed in a stage.
        for d in OPTIONS.iter().filter(|d| d.takes_block()) {
            assert!(STAGE_OPTIONS.contains(&d.name), "wrapper `{}`", d.name);
        }
    }

    #[test]
    fn nested_families_resolve() {
        let families = families();
        assert!(families.contains(&"buildDiscarder"));
        for family in families {
            assert!(!nested(family).is_empty(), "family `{family}` is empty");
        }
        assert!(nested("no such family").is_empty());
        assert!(!nested("parameters").is_empty());
    }

    #[test]
    fn when_nesting_conditions_exist() {
        for d in WHEN {
            if when_children(d.name).is_some() {
                assert!(d.params.is_empty() && d.takes_block(), "`{}`", d.name);
            }
        }
        for name in ["allOf", "anyOf", "not"] {
            assert!(crate::catalog::find(WHEN, name).is_some());
        }
    }

    #[test]
    fn sole_required_parameters() {
        let find = |list, name| crate::catalog::find(list, name).expect(name);
        assert_eq!(
            find(OPTIONS, "timeout").sole_required().map(|p| p.name),
            Some("time")
        );
        assert_eq!(
            find(OPTIONS, "retry").sole_required().map(|p| p.name),
            Some("count")
        );
        assert_eq!(
            find(TRIGGERS, "pollSCM").sole_required().map(|p| p.name),
            Some("scmpoll_spec")
        );
        assert!(find(AGENTS, "dockerfile").sole_required().is_none());
        assert_eq!(
            find(AGENTS, "docker").sole_required().map(|p| p.name),
            Some("image")
        );
    }

    #[test]
    fn post_conditions_start_with_always_and_end_with_cleanup() {
        assert_eq!(POST_CONDITIONS.first(), Some(&"always"));
        assert_eq!(POST_CONDITIONS.last(), Some(&"cleanup"));
        assert_eq!(POST_CONDITIONS.len(), 11);
    }
}

/// Options, triggers, build parameters and tools of other common plugins, known by name only:
/// Jenkins accepts them where those plugins are installed, and jfrun accepts them without
/// checking their arguments. Each entry is the symbol and the plugin that defines it.
pub mod by_name {
    /// Options (job properties and block-scoped wrappers).
    pub static OPTIONS: &[(&str, &str)] = &[
        ("authorizationMatrix", "matrix-auth"),
        ("buildBlocker", "build-blocker-plugin"),
        ("gitLabConnection", "gitlab-plugin"),
        ("gitlabBuilds", "gitlab-plugin"),
        ("gitlabCommitStatus", "gitlab-plugin"),
        ("office365ConnectorWebhooks", "Office-365-Connector"),
        ("throttle", "throttle-concurrents"),
        ("throttleJobProperty", "throttle-concurrents"),
        ("withAWS", "pipeline-aws"),
        ("withFolderProperties", "folder-properties"),
    ];

    /// Triggers.
    pub static TRIGGERS: &[(&str, &str)] = &[
        ("GenericTrigger", "generic-webhook-trigger"),
        ("bitbucketPush", "bitbucket"),
        ("eventTrigger", "pipeline-event-step"),
        ("gitlab", "gitlab-plugin"),
        ("issueCommentTrigger", "pipeline-github"),
        ("parameterizedCron", "parameterized-scheduler"),
        ("pullRequestReview", "pipeline-github"),
        ("pullRequestReviewComment", "pipeline-github"),
    ];

    /// Build parameter types.
    pub static PARAMETERS: &[(&str, &str)] = &[
        ("activeChoice", "uno-choice"),
        ("activeChoiceHtml", "uno-choice"),
        ("base64File", "file-parameters"),
        ("extendedChoice", "extended-choice-parameter"),
        ("gitParameter", "git-parameter"),
        ("imageTag", "image-tag-parameter"),
        ("listGitBranches", "list-git-branches-parameter"),
        ("reactiveChoice", "uno-choice"),
        ("separator", "parameter-separator"),
        ("stashedFile", "file-parameters"),
        ("validatingString", "validating-string-parameter"),
    ];

    /// Tool types.
    pub static TOOLS: &[(&str, &str)] = &[
        ("allure", "allure-jenkins-plugin"),
        ("dotnetsdk", "dotnet-sdk"),
        ("jfrog", "jfrog"),
        ("msbuild", "msbuild"),
        ("terraform", "terraform"),
    ];

    /// Whether `name` is in `list`.
    #[must_use]
    pub fn contains(list: &[(&str, &str)], name: &str) -> bool {
        list.iter().any(|(n, _)| *n == name)
    }
}
