//! The declarative pipeline model: what a `pipeline { }` block says, section by section, with
//! a span on every part and a reference to the AST where code must later be evaluated.
//!
//! The shapes follow Jenkins' own model (pipeline-model-api's `ModelAST*` classes) so that its
//! validation rules carry over one for one.

use crate::source::Span;
use crate::syntax::ast::{Closure, Expr, Stmt};

/// A name written in the file: a section, a key, a parameter name.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The name (Jenkins uses `error` when the written thing was not a name).
    pub name: String,
    /// Where it stands.
    pub span: Span,
}

/// A constant the file spells out.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// A string without interpolation.
    Str(String),
    /// An `Integer` literal.
    Int(i32),
    /// A `Long` literal (or an unsuffixed one too big for `Integer`).
    Long(i64),
    /// A decimal literal, which Jenkins turns into a `Double`.
    Double(f64),
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
}

impl Literal {
    /// The Java class Jenkins names in type errors (`class java.lang.Integer`).
    #[must_use]
    pub fn java_class(&self) -> &'static str {
        match self {
            Self::Str(_) => "class java.lang.String",
            Self::Int(_) => "class java.lang.Integer",
            Self::Long(_) => "class java.lang.Long",
            Self::Double(_) => "class java.lang.Double",
            Self::Bool(_) => "class java.lang.Boolean",
            Self::Null => "null",
        }
    }

    /// The value as Java's `toString()` prints it.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            Self::Str(s) => s.clone(),
            Self::Int(n) => n.to_string(),
            Self::Long(n) => n.to_string(),
            Self::Double(d) => {
                if d.fract() == 0.0 && d.abs() < 1e7 {
                    format!("{d:.1}")
                } else {
                    d.to_string()
                }
            }
            Self::Bool(b) => b.to_string(),
            Self::Null => "null".to_owned(),
        }
    }
}

/// An argument value: a literal, or code Jenkins evaluates at run time (a GString, a variable,
/// any other expression), kept as its Groovy text.
#[derive(Clone, Debug, PartialEq)]
pub struct Value<'a> {
    /// What it is.
    pub kind: ValueKind,
    /// Where it stands.
    pub span: Span,
    /// The expression written; `None` for a closure written after a call's parentheses.
    pub expr: Option<&'a Expr>,
}

/// The two kinds of values Jenkins distinguishes.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    /// A constant.
    Literal(Literal),
    /// Code, as Jenkins prints it: a GString with its quotes, anything else as `${text}`.
    Code(String),
}

impl Value<'_> {
    /// The literal, if it is one.
    #[must_use]
    pub fn literal(&self) -> Option<&Literal> {
        match &self.kind {
            ValueKind::Literal(l) => Some(l),
            ValueKind::Code(_) => None,
        }
    }

    /// The text Jenkins shows for the value: a literal's `toString()`, code as written.
    #[must_use]
    pub fn display(&self) -> String {
        match &self.kind {
            ValueKind::Literal(l) => l.display(),
            ValueKind::Code(c) => c.clone(),
        }
    }
}

/// A whole `pipeline { }` block.
#[derive(Debug, Default)]
pub struct Pipeline<'a> {
    /// The `pipeline { }` statement.
    pub span: Span,
    /// `agent`.
    pub agent: Option<Agent<'a>>,
    /// `environment`.
    pub environment: Option<Environment<'a>>,
    /// `options`.
    pub options: Option<Options<'a>>,
    /// `parameters`.
    pub parameters: Option<Calls<'a>>,
    /// `triggers`.
    pub triggers: Option<Calls<'a>>,
    /// `tools`.
    pub tools: Option<Tools<'a>>,
    /// `libraries`.
    pub libraries: Option<Libraries<'a>>,
    /// `stages`.
    pub stages: Option<Stages<'a>>,
    /// `post`.
    pub post: Option<Post<'a>>,
}

/// `agent ...`.
#[derive(Debug)]
pub struct Agent<'a> {
    /// The whole section.
    pub span: Span,
    /// The agent type (`any`, `label`, `docker`...), when one could be read.
    pub kind: Option<Key>,
    /// Its configuration.
    pub config: AgentConfig<'a>,
}

/// How an agent type is configured.
#[derive(Debug)]
pub enum AgentConfig<'a> {
    /// Nothing: `agent any`, `agent none`.
    Bare,
    /// One value: `agent { label 'linux' }`, `agent { docker 'maven:3' }`.
    Value(Value<'a>),
    /// A block of options: `agent { docker { image 'x'; args '-v a:b' } }`.
    Block(ClosureMap<'a>),
}

/// A block of `key value` lines, possibly nested (`agent { kubernetes { ... } }`).
#[derive(Debug)]
pub struct ClosureMap<'a> {
    /// The block.
    pub span: Span,
    /// The lines in order.
    pub entries: Vec<(Key, MapValue<'a>)>,
}

impl<'a> ClosureMap<'a> {
    /// The value of `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&MapValue<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }
}

/// A value in a [`ClosureMap`].
#[derive(Debug)]
pub enum MapValue<'a> {
    /// `key value`.
    Value(Value<'a>),
    /// `key { ... }`.
    Block(ClosureMap<'a>),
}

/// `environment { }`.
#[derive(Debug)]
pub struct Environment<'a> {
    /// The section.
    pub span: Span,
    /// `NAME = value` lines in order.
    pub vars: Vec<(Key, EnvValue<'a>)>,
}

/// The value of an environment variable.
#[derive(Debug)]
pub enum EnvValue<'a> {
    /// A string, a GString, a number, or a `+` concatenation of strings.
    Value(Value<'a>),
    /// `credentials('id')`.
    Credentials {
        /// The call.
        span: Span,
        /// Its arguments (string literals or GStrings).
        args: Vec<Value<'a>>,
    },
}

/// `options { }`.
#[derive(Debug)]
pub struct Options<'a> {
    /// The section.
    pub span: Span,
    /// The options in order.
    pub options: Vec<MethodCall<'a>>,
    /// Whether this is a stage's `options`.
    pub in_stage: bool,
}

/// `parameters { }` or `triggers { }`: a list of describables.
#[derive(Debug)]
pub struct Calls<'a> {
    /// The section.
    pub span: Span,
    /// The entries in order.
    pub calls: Vec<MethodCall<'a>>,
}

/// A describable written as a call: `timeout(time: 5, unit: 'MINUTES')`, `cron('H * * * *')`.
#[derive(Debug)]
pub struct MethodCall<'a> {
    /// The whole call.
    pub span: Span,
    /// Its name; `None` when the statement was not a call Jenkins can read.
    pub name: Option<Key>,
    /// Its arguments in order.
    pub args: Vec<MethodArg<'a>>,
}

/// One argument of a [`MethodCall`].
#[derive(Debug)]
pub enum MethodArg<'a> {
    /// A value.
    Value(Value<'a>),
    /// A nested describable: `logRotator(numToKeepStr: '5')`.
    Call(MethodCall<'a>),
    /// `name: value`.
    Pair {
        /// The name.
        key: Key,
        /// The value (a value or a nested call).
        value: Box<MethodArg<'a>>,
    },
}

/// `tools { maven 'M3' }`.
#[derive(Debug)]
pub struct Tools<'a> {
    /// The section.
    pub span: Span,
    /// Tool type and installation name, in order.
    pub tools: Vec<(Key, Value<'a>)>,
}

/// `libraries { lib('name@version') }`.
#[derive(Debug)]
pub struct Libraries<'a> {
    /// The section.
    pub span: Span,
    /// The library identifiers.
    pub libs: Vec<Value<'a>>,
}

/// `stages { }` or `parallel { }`: stages in order.
#[derive(Debug)]
pub struct Stages<'a> {
    /// The section.
    pub span: Span,
    /// The stages.
    pub stages: Vec<Stage<'a>>,
}

/// `stage('name') { ... }`.
#[derive(Debug, Default)]
pub struct Stage<'a> {
    /// The whole stage.
    pub span: Span,
    /// Its name.
    pub name: String,
    /// Where the name stands.
    pub name_span: Span,
    /// `agent`.
    pub agent: Option<Agent<'a>>,
    /// `when`.
    pub when: Option<When<'a>>,
    /// `steps`, as branches (one named `default`, or the branches of a `parallel` step).
    pub branches: Vec<Branch<'a>>,
    /// `post`.
    pub post: Option<Post<'a>>,
    /// `options`.
    pub options: Option<Options<'a>>,
    /// `input`.
    pub input: Option<Input<'a>>,
    /// `tools`.
    pub tools: Option<Tools<'a>>,
    /// `environment`.
    pub environment: Option<Environment<'a>>,
    /// `parallel { }`.
    pub parallel: Option<Stages<'a>>,
    /// `matrix { }`.
    pub matrix: Option<Box<Matrix<'a>>>,
    /// `stages { }` (sequential nested stages).
    pub stages: Option<Stages<'a>>,
    /// `failFast true`.
    pub fail_fast: Option<bool>,
}

/// A list of steps (the body of `steps`, a post condition, a parallel branch).
#[derive(Debug)]
pub struct Branch<'a> {
    /// The block.
    pub span: Span,
    /// `default`, or the branch's name in a `parallel` step.
    pub name: String,
    /// The steps.
    pub steps: Vec<Step<'a>>,
}

/// One step in a `steps` block.
#[derive(Debug)]
pub struct Step<'a> {
    /// The statement.
    pub stmt: &'a Stmt,
    /// The step's name (`error` when it could not be read).
    pub name: String,
    /// Where the name stands.
    pub name_span: Span,
    /// Its arguments.
    pub args: Args<'a>,
    /// What kind of step.
    pub kind: StepKind<'a>,
}

/// The kinds of step Jenkins distinguishes.
#[derive(Debug)]
pub enum StepKind<'a> {
    /// A step without a body: `sh 'make'`.
    Plain,
    /// A step with a body of steps: `dir('x') { ... }`.
    Block(Vec<Step<'a>>),
    /// `script { ... }` (or a `when { expression { } }`): Groovy code.
    Script(&'a Closure),
    /// A statement that is not a step (already reported).
    Invalid,
}

/// Step or condition arguments, in Jenkins' three shapes.
#[derive(Debug)]
pub enum Args<'a> {
    /// `name: value` pairs (also no arguments at all).
    Named(Vec<(Key, Value<'a>)>),
    /// One unnamed value: `sh 'make'`.
    Single(Value<'a>),
    /// Several unnamed values.
    Positional(Vec<Value<'a>>),
}

impl Args<'_> {
    /// Whether there are no arguments.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Named(v) if v.is_empty())
    }
}

/// `when { }`.
#[derive(Debug)]
pub struct When<'a> {
    /// The section.
    pub span: Span,
    /// The conditions (all must hold).
    pub conditions: Vec<Condition<'a>>,
    /// `beforeAgent true`.
    pub before_agent: Option<bool>,
    /// `beforeInput true`.
    pub before_input: Option<bool>,
    /// `beforeOptions true`.
    pub before_options: Option<bool>,
}

/// A `when` condition.
#[derive(Debug)]
pub struct Condition<'a> {
    /// The statement.
    pub span: Span,
    /// Its name (`branch`, `allOf`, `expression`...); `None` when unreadable.
    pub name: Option<Key>,
    /// What it holds.
    pub kind: ConditionKind<'a>,
}

/// A condition's content.
#[derive(Debug)]
pub enum ConditionKind<'a> {
    /// Arguments (`None` when a nesting condition was written without any).
    Args(Option<Args<'a>>),
    /// Child conditions of `allOf`, `anyOf`, `not` (with arguments, if any were also written).
    Nested(Option<Args<'a>>, Vec<Condition<'a>>),
    /// `expression { ... }`.
    Expression(Option<&'a Closure>),
    /// Not a condition (already reported).
    Invalid,
}

/// `post { }`.
#[derive(Debug)]
pub struct Post<'a> {
    /// The section.
    pub span: Span,
    /// Conditions in the order written.
    pub conditions: Vec<PostCondition<'a>>,
}

/// `always { ... }` and the like.
#[derive(Debug)]
pub struct PostCondition<'a> {
    /// The condition's name.
    pub name: Key,
    /// The steps.
    pub branch: Branch<'a>,
}

/// A stage's `input { }`.
#[derive(Debug)]
pub struct Input<'a> {
    /// The section.
    pub span: Span,
    /// `message`.
    pub message: Option<Value<'a>>,
    /// `id`.
    pub id: Option<Value<'a>>,
    /// `ok`.
    pub ok: Option<Value<'a>>,
    /// `submitter`.
    pub submitter: Option<Value<'a>>,
    /// `submitterParameter`.
    pub submitter_parameter: Option<Value<'a>>,
    /// `parameters { }`.
    pub parameters: Vec<MethodCall<'a>>,
}

/// `matrix { }`.
#[derive(Debug, Default)]
pub struct Matrix<'a> {
    /// The section.
    pub span: Span,
    /// `axes`.
    pub axes: Option<Axes<'a>>,
    /// `excludes`.
    pub excludes: Option<Excludes<'a>>,
    /// `agent`.
    pub agent: Option<Agent<'a>>,
    /// `when`.
    pub when: Option<When<'a>>,
    /// `post`.
    pub post: Option<Post<'a>>,
    /// `options`.
    pub options: Option<Options<'a>>,
    /// `input`.
    pub input: Option<Input<'a>>,
    /// `tools`.
    pub tools: Option<Tools<'a>>,
    /// `environment`.
    pub environment: Option<Environment<'a>>,
    /// `stages`: what runs in every cell.
    pub stages: Option<Stages<'a>>,
}

/// `axes { }`.
#[derive(Debug)]
pub struct Axes<'a> {
    /// The section.
    pub span: Span,
    /// The axes.
    pub axes: Vec<Axis<'a>>,
}

/// `axis { name 'X'; values 'a', 'b' }`, also an `exclude`'s axis.
#[derive(Debug)]
pub struct Axis<'a> {
    /// The block.
    pub span: Span,
    /// `name`.
    pub name: Option<Key>,
    /// `values` (or `notValues`).
    pub values: Vec<Value<'a>>,
    /// `notValues` was used (exclude axes only).
    pub inverse: bool,
}

/// `excludes { }`.
#[derive(Debug)]
pub struct Excludes<'a> {
    /// The section.
    pub span: Span,
    /// Each `exclude { }`.
    pub excludes: Vec<Exclude<'a>>,
}

/// `exclude { axis { } ... }`: the cells matching every axis are left out.
#[derive(Debug)]
pub struct Exclude<'a> {
    /// The block.
    pub span: Span,
    /// The axes.
    pub axes: Vec<Axis<'a>>,
}
