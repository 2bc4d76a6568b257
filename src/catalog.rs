//! What Jenkins knows by name: steps, declarative directives (options, triggers, parameters,
//! `when` conditions, agent types, tools, post conditions) and the describables nested in
//! them, each with its parameters.
//!
//! This is the one source of truth for `jfrun lint` (parameter checks in Jenkins' words, the
//! unknown-step lint), for the language server (hover, completion) and for docs/steps.md. An
//! entry must list every parameter the real plugin accepts: a missing one would make jfrun
//! reject a file Jenkins accepts. A name that is not here is not checked at all, as Jenkins
//! skips a step it has no model for.

pub mod directives;
pub mod steps;

/// A thing Jenkins instantiates by name (a step, an option, a trigger, a parameter type...).
#[derive(Debug)]
pub struct Describable {
    /// The symbol or step name, e.g. `timeout`.
    pub name: &'static str,
    /// One line on what it does, in the plugin's words where they are good.
    pub summary: &'static str,
    /// Parameters: the `@DataBoundConstructor` ones are `required`, the setters are not.
    pub params: &'static [Param],
    /// Whether it takes a `{ }` body.
    pub block: Block,
    /// A short example as written in a Jenkinsfile.
    pub example: &'static str,
    /// The plugin that provides it (its artifact id), e.g. `workflow-basic-steps`.
    pub plugin: &'static str,
}

/// One parameter of a describable.
#[derive(Debug)]
pub struct Param {
    /// The name, as used in `name: value`.
    pub name: &'static str,
    /// The Java type, which decides which literals Jenkins accepts.
    pub ty: Type,
    /// Set by the constructor: must be given.
    pub required: bool,
    /// What it means.
    pub doc: &'static str,
    /// The default when not given, as Groovy text; `None` when there is none worth saying.
    pub default: Option<&'static str>,
}

/// The erased Java type of a parameter, as far as validation needs it.
#[derive(Debug)]
pub enum Type {
    /// `java.lang.String` (also `Secret` and other string-like types Jenkins coerces).
    String,
    /// `int` / `java.lang.Integer`.
    Int,
    /// `long` / `java.lang.Long`.
    Long,
    /// `boolean` / `java.lang.Boolean`.
    Bool,
    /// `double` / `float`.
    Double,
    /// An enum: the Java class name and its constant names.
    Enum {
        /// e.g. `java.util.concurrent.TimeUnit`.
        class: &'static str,
        /// The constants, e.g. `SECONDS`.
        values: &'static [&'static str],
    },
    /// A list of strings (`List<String>`, `String[]`).
    StringList,
    /// One nested describable of a family, e.g. `buildDiscarder(logRotator(...))`: the
    /// family's name (see [`directives::nested`]).
    Nested(&'static str),
    /// A list of nested describables of a family (`bindings`, `containers`, `parameters`).
    NestedList(&'static str),
    /// Anything else (maps, closures, objects): not checked.
    Any,
}

/// Whether a describable takes a `{ }` body.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Block {
    /// Never.
    None,
    /// It may have one (`node`, `dir`...). Jenkins' "takes an implicit block argument".
    Required,
}

impl Type {
    /// How Jenkins names the type in "Expecting ..." messages: `int`, `class java.lang.String`.
    #[must_use]
    pub fn java_name(&self) -> String {
        match self {
            Self::String => "class java.lang.String".to_owned(),
            Self::Int => "int".to_owned(),
            Self::Long => "long".to_owned(),
            Self::Bool => "boolean".to_owned(),
            Self::Double => "double".to_owned(),
            Self::Enum { class, .. } => format!("class {class}"),
            Self::StringList => "interface java.util.List".to_owned(),
            Self::Nested(_) | Self::NestedList(_) | Self::Any => {
                "class java.lang.Object".to_owned()
            }
        }
    }
}

impl Describable {
    /// The parameter called `name`.
    #[must_use]
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The single required parameter, when there is exactly one (Jenkins' "sole required
    /// parameter", which may be given without its name: `sh 'make'`).
    #[must_use]
    pub fn sole_required(&self) -> Option<&'static Param> {
        let mut required = self.params.iter().filter(|p| p.required);
        match (required.next(), required.next()) {
            (Some(p), None) => Some(p),
            _ => None,
        }
    }

    /// Whether it takes a `{ }` body.
    #[must_use]
    pub fn takes_block(&self) -> bool {
        self.block == Block::Required
    }
}

/// Finds `name` in `list`.
#[must_use]
pub fn find(list: &'static [Describable], name: &str) -> Option<&'static Describable> {
    list.iter().find(|d| d.name == name)
}

/// The environment variables Jenkins defines for a build (`env.NAME`), with what each holds.
pub static ENVIRONMENT: &[(&str, &str)] = &[
    (
        "BRANCH_NAME",
        "The branch being built (multibranch), `PR-<n>` for a pull request.",
    ),
    (
        "BUILD_DISPLAY_NAME",
        "The build's display name, `#<number>` by default.",
    ),
    ("BUILD_ID", "The build's id, its number."),
    ("BUILD_NUMBER", "The build's number."),
    ("BUILD_TAG", "`jenkins-<job>-<number>`."),
    ("BUILD_URL", "The build's URL."),
    ("CHANGE_AUTHOR", "The pull request's author (multibranch)."),
    (
        "CHANGE_BRANCH",
        "The pull request's source branch (multibranch).",
    ),
    ("CHANGE_ID", "The pull request's number (multibranch)."),
    (
        "CHANGE_TARGET",
        "The pull request's target branch (multibranch).",
    ),
    ("CHANGE_TITLE", "The pull request's title (multibranch)."),
    ("CHANGE_URL", "The pull request's URL (multibranch)."),
    (
        "EXECUTOR_NUMBER",
        "The executor running the build on its node.",
    ),
    ("GIT_BRANCH", "The branch checked out (`origin/main`)."),
    ("GIT_COMMIT", "The commit checked out."),
    ("GIT_URL", "The repository's URL."),
    ("JENKINS_HOME", "The controller's home directory."),
    ("JENKINS_URL", "The controller's URL."),
    ("JOB_BASE_NAME", "The job's name without its folders."),
    ("JOB_NAME", "The job's full name."),
    ("JOB_URL", "The job's URL."),
    ("NODE_LABELS", "The labels of the node running the steps."),
    ("NODE_NAME", "The node running the steps."),
    ("STAGE_NAME", "The stage running."),
    ("TAG_NAME", "The tag being built (multibranch)."),
    ("WORKSPACE", "The workspace's path on the node."),
    ("WORKSPACE_TMP", "A temporary folder beside the workspace."),
];

/// The step called `name`.
#[must_use]
pub fn step(name: &str) -> Option<&'static Describable> {
    find(steps::STEPS, name)
}
