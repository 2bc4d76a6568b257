//! From the Groovy AST to the declarative model, reporting what Jenkins' parser reports
//! (pipeline-model-definition's `ModelParser`), in its words. What it cannot read it leaves out
//! of the model after saying so, and goes on: one run shows every problem.

mod args;

use self::args::{GroovyArg, groovy_args, strip_parens};
use super::model::{
    Agent, AgentConfig, Args, Axes, Axis, Branch, Calls, ClosureMap, Condition, ConditionKind,
    EnvValue, Environment, Exclude, Excludes, Input, Key, Libraries, Literal, MapValue, Matrix,
    MethodArg, MethodCall, Options, Pipeline, Post, PostCondition, Stage, Stages, Step, StepKind,
    Tools, Value, ValueKind, When,
};
use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{
    BinaryOp, Call, Callee, Closure, Expr, ExprKind, MapKey, Member, NumberKind, Script, Stmt,
    StmtKind, UnaryOp,
};

/// The agent types that take no configuration (`agent any`, `agent none`).
pub const ZERO_ARG_AGENTS: &[&str] = &["any", "none"];

/// Finds the `pipeline { }` block of `script` and builds its model. `None` when the file has
/// no top-level `pipeline` block (a scripted pipeline), after reporting a `pipeline` block
/// nested somewhere Jenkins does not look.
pub fn build<'a>(
    source: &'a SourceFile,
    script: &'a Script,
    out: &mut Vec<Diagnostic>,
) -> Option<Pipeline<'a>> {
    let mut b = Builder { source, out };
    if let Some(stmt) = script.statements.iter().find(|s| is_pipeline_step(s)) {
        return b.pipeline(stmt);
    }
    // A library's `vars/x.groovy` defines the pipeline in `def call() { pipeline { ... } }`.
    for stmt in &script.statements {
        if let StmtKind::Method(m) = &stmt.kind
            && m.name.name == "call"
            && let Some(body) = &m.body
            && let Some(p) = body.statements.iter().find(|s| is_pipeline_step(s))
        {
            return b.pipeline(p);
        }
    }
    for stmt in &script.statements {
        b.nested_pipeline(stmt);
    }
    None
}

/// Whether `stmt` is `pipeline { ... }` with nothing else in the call.
fn is_pipeline_step(stmt: &Stmt) -> bool {
    call_of(stmt).is_some_and(|c| {
        method_name(c) == Some("pipeline") && block_of(c).is_some() && groovy_args(c).len() == 1
    })
}

/// The call a statement consists of (Jenkins' `matchMethodCall`).
pub(super) fn call_of(stmt: &Stmt) -> Option<&Call> {
    match &stmt.kind {
        StmtKind::Expr(e) => match &strip_parens(e).kind {
            ExprKind::Call(c) => Some(c),
            _ => None,
        },
        _ => None,
    }
}

/// The name of a call on the script itself: `foo(...)` or `this.foo(...)`.
pub(super) fn method_name(call: &Call) -> Option<&str> {
    match &call.callee {
        Callee::Name(id) => Some(&id.name),
        Callee::Method {
            object,
            name: Member::Name(id),
            ..
        } if matches!(object.kind, ExprKind::This) => Some(&id.name),
        _ => None,
    }
}

/// The span of a call's name.
fn name_span(call: &Call, whole: Span) -> Span {
    match &call.callee {
        Callee::Name(id)
        | Callee::Method {
            name: Member::Name(id),
            ..
        } => id.span,
        _ => whole,
    }
}

/// The closure a call ends with, when the call is on the script (Jenkins' `matchBlockStatement`).
pub(super) fn block_of(call: &Call) -> Option<&Closure> {
    method_name(call)?;
    match groovy_args(call).last() {
        Some(GroovyArg::Closure(c)) => Some(c),
        _ => None,
    }
}

/// The statements of a block.
fn statements(closure: &Closure) -> &[Stmt] {
    &closure.body
}

struct Builder<'a, 'o> {
    source: &'a SourceFile,
    out: &'o mut Vec<Diagnostic>,
}

impl<'a> Builder<'a, '_> {
    fn error(&mut self, code: &'static str, message: impl Into<String>, span: Span) {
        self.out.push(Diagnostic::error(code, message, span));
    }

    fn text(&self, span: Span) -> &'a str {
        self.source.slice(span)
    }

    /// Reports `pipeline { }` blocks nested in other blocks.
    fn nested_pipeline(&mut self, stmt: &Stmt) {
        let Some(call) = call_of(stmt) else { return };
        let Some(block) = block_of(call) else { return };
        if method_name(call) == Some("pipeline") {
            self.error(
                "jenkins/pipeline-not-top-level",
                "pipeline block must be at the top-level, not within another block.",
                name_span(call, stmt.span),
            );
        }
        for s in statements(block) {
            self.nested_pipeline(s);
        }
    }

    fn pipeline(&mut self, stmt: &'a Stmt) -> Option<Pipeline<'a>> {
        let call = call_of(stmt)?;
        let block = block_of(call)?;
        let mut p = Pipeline {
            span: stmt.span,
            ..Pipeline::default()
        };
        let mut seen: Vec<String> = Vec::new();
        for s in statements(block) {
            let Some((mc, name, at)) = self.section(s, &mut seen, "section") else {
                continue;
            };
            match name.as_str() {
                "stages" => p.stages = Some(self.stages(s, mc, "stages")),
                "environment" => p.environment = Some(self.environment(s, mc)),
                "post" => p.post = Some(self.post(s, mc)),
                "agent" => p.agent = Some(self.agent(s, mc)),
                "tools" => p.tools = Some(self.tools(s, mc)),
                "options" => p.options = Some(self.options(s, mc, false)),
                "parameters" => p.parameters = Some(self.calls(s, mc, Family::Parameters)),
                "triggers" => p.triggers = Some(self.calls(s, mc, Family::Triggers)),
                "libraries" => p.libraries = Some(self.libraries(s, mc)),
                "properties" => self.error(
                    "jenkins/renamed-section",
                    "The \u{2018}properties\u{2019} section has been renamed as of version 0.8. Use \u{2018}options\u{2019} instead.",
                    at,
                ),
                "wrappers" => self.error(
                    "jenkins/renamed-section",
                    "The 'wrappers' section has been removed as of version 0.8. Use 'options' instead.",
                    at,
                ),
                "jobProperties" => self.error(
                    "jenkins/renamed-section",
                    "The \u{2018}jobProperties\u{2019} section has been renamed as of version 0.7. Use \u{2018}properties\u{2019} instead.",
                    at,
                ),
                "notifications" => self.error(
                    "jenkins/renamed-section",
                    "The \u{2018}notifications\u{2019} section has been removed as of version 0.6. Use \u{2018}post\u{2019} for all post-build actions.",
                    at,
                ),
                "postBuild" => self.error(
                    "jenkins/renamed-section",
                    "The \u{2018}postBuild\u{2019} section has been renamed as of version 0.6. Use \u{2018}post\u{2019} for all post-build actions.",
                    at,
                ),
                _ => {
                    let mut d = Diagnostic::error(
                        "jenkins/undefined-section",
                        undefined_section(&name),
                        at,
                    );
                    d.help = Some(format!(
                        "the sections of a pipeline are {}",
                        PIPELINE_SECTIONS.join(", ")
                    ));
                    self.out.push(d);
                }
            }
        }
        Some(p)
    }

    /// One line of a block of sections: its call, name and the span of the name, after
    /// reporting a line that is not a call and a section given twice (Jenkins' wording names
    /// `what`: "section" or "stage section").
    fn section(
        &mut self,
        s: &'a Stmt,
        seen: &mut Vec<String>,
        what: &str,
    ) -> Option<(&'a Call, String, Span)> {
        let Some(mc) = call_of(s) else {
            let text = self.text(s.span).to_owned();
            self.error(
                "jenkins/invalid-section",
                format!(
                    "Not a valid {what} definition: \"{text}\". Some extra configuration is required."
                ),
                s.span,
            );
            return None;
        };
        let name = self.parse_method_name(mc, s.span);
        let at = name_span(mc, s.span);
        if seen.contains(&name) {
            self.error(
                "jenkins/duplicate-section",
                format!("Multiple occurrences of the {name} section"),
                at,
            );
        } else {
            seen.push(name.clone());
        }
        Some((mc, name, at))
    }

    /// Jenkins' `parseMethodName`: the name of a call on the script, or an error.
    fn parse_method_name(&mut self, call: &Call, span: Span) -> String {
        if let Some(name) = method_name(call) {
            return name.to_owned();
        }
        match &call.callee {
            Callee::Method { object, .. }
                if matches!(strip_parens(object).kind, ExprKind::Ident(_)) =>
            {
                self.error(
                    "jenkins/object-method-call",
                    "Method calls on objects not allowed outside \"script\" blocks.",
                    span,
                );
            }
            _ => self.error("jenkins/expected-symbol", "Expected a symbol", span),
        }
        "error".to_owned()
    }

    fn expected_block(&mut self, what: &str, span: Span) {
        self.error(
            "jenkins/expected-block",
            format!("Expected a block for {what}"),
            span,
        );
    }

    fn stages(&mut self, stmt: &'a Stmt, call: &'a Call, what: &str) -> Stages<'a> {
        let mut r = Stages {
            span: stmt.span,
            stages: Vec::new(),
        };
        match block_of(call) {
            None => self.expected_block(what, stmt.span),
            Some(block) => {
                for s in statements(block) {
                    if let Some(stage) = self.stage(s) {
                        r.stages.push(stage);
                    }
                }
            }
        }
        r
    }

    fn stage(&mut self, stmt: &'a Stmt) -> Option<Stage<'a>> {
        let Some(call) = call_of(stmt).filter(|c| method_name(c) == Some("stage")) else {
            self.error("jenkins/expected-stage", "Expected a stage", stmt.span);
            return None;
        };
        if block_of(call).is_none() && groovy_args(call).is_empty() {
            self.error(
                "jenkins/expected-stage-name",
                "Expected a stage name but did not find any",
                stmt.span,
            );
            return None;
        }
        let args = groovy_args(call);
        let mut stage = Stage {
            span: stmt.span,
            ..Stage::default()
        };
        if let Some(first) = args.first() {
            stage.name_span = first.span();
            stage.name = self
                .string_literal_arg(first)
                .unwrap_or_else(|| "error".to_owned());
        }
        let Some(GroovyArg::Closure(body)) = args.get(1) else {
            self.error(
                "jenkins/stage-without-block",
                "Stage does not have a block",
                stmt.span,
            );
            return Some(stage);
        };
        let mut seen: Vec<String> = Vec::new();
        for s in statements(body) {
            let Some((mc, name, at)) = self.section(s, &mut seen, "stage section") else {
                continue;
            };
            match name.as_str() {
                "agent" => stage.agent = Some(self.agent(s, mc)),
                "when" => stage.when = Some(self.when(s, mc)),
                "steps" => self.steps_section(&mut stage, s, mc),
                "post" => stage.post = Some(self.post(s, mc)),
                "options" => stage.options = Some(self.options(s, mc, true)),
                "input" => stage.input = Some(self.input(s, mc)),
                "tools" => stage.tools = Some(self.tools(s, mc)),
                "environment" => stage.environment = Some(self.environment(s, mc)),
                "parallel" => stage.parallel = Some(self.stages(s, mc, "parallel")),
                "matrix" => stage.matrix = Some(Box::new(self.matrix(s, mc))),
                "failFast" => stage.fail_fast = self.boolean_method(mc, &name, s.span),
                "stages" => stage.stages = Some(self.stages(s, mc, "stages")),
                _ => self.error(
                    "jenkins/unknown-stage-section",
                    format!(
                        "Unknown stage section \"{name}\". Starting with version 0.5, steps in a stage must be in a \u{2018}steps\u{2019} block."
                    ),
                    at,
                ),
            }
        }
        Some(stage)
    }

    fn steps_section(&mut self, stage: &mut Stage<'a>, stmt: &'a Stmt, call: &'a Call) {
        let Some(block) = block_of(call) else {
            self.expected_block("steps", stmt.span);
            return;
        };
        let body = statements(block);
        if let [only] = body
            && let Some(pc) = call_of(only)
            && method_name(pc) == Some("parallel")
        {
            // The old way to run branches in parallel: `steps { parallel(a: { }, b: { }) }`.
            let args = groovy_args(pc);
            if let [GroovyArg::Named(pairs, _)] = args.as_slice() {
                for (key, value) in pairs {
                    let key_name = Self::map_key_literal(key);
                    if key_name.as_deref() == Some("failFast") {
                        match &strip_parens(value).kind {
                            ExprKind::Bool(b) => stage.fail_fast = Some(*b),
                            _ => self.error(
                                "jenkins/expected-boolean",
                                "Expected a boolean with failFast",
                                key_span(key, value),
                            ),
                        }
                    } else if let ExprKind::Closure(c) = &strip_parens(value).kind {
                        let name = key_name.unwrap_or_else(|| {
                            self.error(
                                "jenkins/expected-string-literal",
                                "Expected string literal",
                                key_span(key, value),
                            );
                            "error".to_owned()
                        });
                        let branch = self.branch(name, c.span, statements(c));
                        stage.branches.push(branch);
                    } else {
                        self.error(
                            "jenkins/expected-closure-or-fail-fast",
                            "Expected closure or failFast",
                            key_span(key, value),
                        );
                    }
                }
            }
            // Any other shape of `parallel` gives no branches, which the stage reports.
            return;
        }
        let branch = self.branch("default".to_owned(), block.span, body);
        stage.branches.push(branch);
    }

    fn branch(&mut self, name: String, span: Span, body: &'a [Stmt]) -> Branch<'a> {
        let steps = body.iter().map(|s| self.step(s)).collect();
        Branch { span, name, steps }
    }

    fn step(&mut self, stmt: &'a Stmt) -> Step<'a> {
        let invalid = |name: &str| Step {
            stmt,
            name: name.to_owned(),
            name_span: stmt.span,
            args: Args::Named(Vec::new()),
            kind: StepKind::Invalid,
        };
        let Some(call) = call_of(stmt) else {
            self.error("jenkins/expected-step", "Expected a step", stmt.span);
            return invalid("error");
        };
        let name = self.parse_method_name(call, stmt.span);
        if method_name(call).is_none() {
            // Already reported; Jenkins would go on to check it as the step called `error`.
            return invalid(&name);
        }
        let name_span = name_span(call, stmt.span);
        if name == "script" || name == "expression" {
            let Some(block) = block_of(call) else {
                let pronoun = if name == "script" { "Script" } else { "When" };
                self.error(
                    "jenkins/step-without-block",
                    format!("{pronoun} step without a block"),
                    stmt.span,
                );
                return invalid(&name);
            };
            return Step {
                stmt,
                name,
                name_span,
                args: Args::Named(Vec::new()),
                kind: StepKind::Script(block),
            };
        }
        let mut args = groovy_args(call);
        if let Some(block) = block_of(call) {
            args.pop();
            let children = statements(block).iter().map(|s| self.step(s)).collect();
            let args = self.argument_list(&args, call_span(stmt));
            Step {
                stmt,
                name,
                name_span,
                args,
                kind: StepKind::Block(children),
            }
        } else {
            let args = self.argument_list(&args, call_span(stmt));
            Step {
                stmt,
                name,
                name_span,
                args,
                kind: StepKind::Plain,
            }
        }
    }

    /// Jenkins' `parseArgumentList`: none, one map of named arguments, one value, or several.
    fn argument_list(&mut self, args: &[GroovyArg<'a>], _span: Span) -> Args<'a> {
        match args {
            [] => Args::Named(Vec::new()),
            [GroovyArg::Named(pairs, _)]
                if !pairs
                    .iter()
                    .any(|(k, _)| Self::map_key_literal(k).as_deref() == Some("$class")) =>
            {
                let pairs = pairs
                    .iter()
                    .map(|(k, v)| (self.key(k, v), self.argument(v)))
                    .collect();
                Args::Named(pairs)
            }
            [one] => Args::Single(self.groovy_arg_value(one)),
            many => Args::Positional(many.iter().map(|a| self.groovy_arg_value(a)).collect()),
        }
    }

    fn groovy_arg_value(&mut self, arg: &GroovyArg<'a>) -> Value<'a> {
        match arg {
            GroovyArg::Expr(e) | GroovyArg::Named(_, e) | GroovyArg::ClosureExpr(e) => {
                self.argument(e)
            }
            GroovyArg::Closure(c) => Value {
                kind: ValueKind::Code(format!("${{{}}}", self.text(c.span))),
                span: c.span,
                expr: None,
            },
        }
    }

    /// Jenkins' `parseArgument`: a literal, or code kept as text.
    pub(super) fn argument(&mut self, e: &'a Expr) -> Value<'a> {
        let inner = strip_parens(e);
        let literal = |l: Literal| Value {
            kind: ValueKind::Literal(l),
            span: inner.span,
            expr: Some(inner),
        };
        match &inner.kind {
            ExprKind::Str(s) => return literal(Literal::Str(s.clone())),
            ExprKind::Bool(b) => return literal(Literal::Bool(*b)),
            ExprKind::Null => return literal(Literal::Null),
            ExprKind::Number(_) => {
                if let Some(l) = self.number(inner, false) {
                    return literal(l);
                }
            }
            ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            } if matches!(operand.kind, ExprKind::Number(_)) => {
                if let Some(l) = self.number(operand, true) {
                    return literal(l);
                }
            }
            ExprKind::GString(_) | ExprKind::Map(_) => {
                return Value {
                    kind: ValueKind::Code(self.text(inner.span).to_owned()),
                    span: inner.span,
                    expr: Some(inner),
                };
            }
            ExprKind::Ident(name) if ZERO_ARG_AGENTS.contains(&name.as_str()) => {
                return literal(Literal::Str(name.clone()));
            }
            _ => {}
        }
        let text = self.text(inner.span);
        if text.starts_with("${") {
            self.error(
                "jenkins/bare-dollar-curly",
                format!("{text} cannot be used as a value directly. Did you mean \"{text}\"? (add quotes)"),
                inner.span,
            );
        }
        Value {
            kind: ValueKind::Code(format!("${{{text}}}")),
            span: inner.span,
            expr: Some(inner),
        }
    }

    /// A number literal as Jenkins keeps it: Integer, Long, or Double; BigIntegers beyond
    /// Long are refused.
    fn number(&mut self, e: &Expr, negative: bool) -> Option<Literal> {
        let ExprKind::Number(n) = &e.kind else {
            return None;
        };
        match n.kind {
            NumberKind::BigDecimal | NumberKind::Double | NumberKind::Float => {
                let v = n.float_value()?;
                Some(Literal::Double(if negative { -v } else { v }))
            }
            NumberKind::Integer | NumberKind::Long | NumberKind::BigInteger => {
                let v = n.int_value().map(|v| if negative { -v } else { v });
                match (v, n.kind) {
                    (Some(v), NumberKind::Integer) if i32::try_from(v).is_ok() => {
                        i32::try_from(v).ok().map(Literal::Int)
                    }
                    (Some(v), _) if i64::try_from(v).is_ok() => {
                        i64::try_from(v).ok().map(Literal::Long)
                    }
                    _ => {
                        self.error(
                            "jenkins/big-integer",
                            "BigIntegers cannot be used as constants in Declarative. The maximum value for an integer is 9,223,372,036,854,775,807 and the minimum value for an integer is -9,223,372,036,854,775,808.",
                            e.span,
                        );
                        Some(Literal::Long(-1))
                    }
                }
            }
        }
    }

    /// A key written as a name or a string literal (Jenkins' `parseKey`).
    fn key(&mut self, key: &MapKey, value: &Expr) -> Key {
        let span = key_span(key, value);
        let name = Self::map_key_literal(key).unwrap_or_else(|| {
            self.error(
                "jenkins/expected-string-literal",
                "Expected string literal",
                span,
            );
            "error".to_owned()
        });
        Key { name, span }
    }

    fn map_key_literal(key: &MapKey) -> Option<String> {
        match key {
            MapKey::Name(id) => Some(id.name.clone()),
            MapKey::Expr(e) => string_literal(e),
        }
    }

    /// Jenkins' `parseStringLiteral` on an argument: a string constant or a bare name.
    fn string_literal_arg(&mut self, arg: &GroovyArg<'a>) -> Option<String> {
        let found = match arg {
            GroovyArg::Expr(e) => string_literal(e),
            _ => None,
        };
        if found.is_none() {
            self.error(
                "jenkins/expected-string-literal",
                "Expected string literal",
                arg.span(),
            );
        }
        found
    }

    fn boolean_method(&mut self, call: &Call, name: &str, span: Span) -> Option<bool> {
        let args = groovy_args(call);
        if let Some(GroovyArg::Expr(e)) = args.first()
            && let ExprKind::Bool(b) = strip_parens(e).kind
        {
            return Some(b);
        }
        self.error(
            "jenkins/expected-boolean",
            format!("Expected a boolean with {name}"),
            name_span(call, span),
        );
        None
    }

    fn environment(&mut self, stmt: &'a Stmt, call: &'a Call) -> Environment<'a> {
        let mut env = Environment {
            span: stmt.span,
            vars: Vec::new(),
        };
        let Some(block) = block_of(call) else {
            self.expected_block("environment", stmt.span);
            return env;
        };
        let mut bad = false;
        for s in statements(block) {
            let StmtKind::Expr(e) = &s.kind else {
                bad = true;
                continue;
            };
            let e = strip_parens(e);
            let ExprKind::Assign {
                op: None,
                target,
                value,
            } = &e.kind
            else {
                let text = self.text(e.span).to_owned();
                if let Some((key, _)) = text.split_once('=') {
                    self.error(
                        "jenkins/invalid-env-identifier",
                        invalid_identifier(key.trim()),
                        e.span,
                    );
                } else {
                    self.error(
                        "jenkins/invalid-env-expression",
                        format!(
                            "\"{text}\" is not a valid environment expression. Use \"key = value\" pairs with valid Java/shell keys."
                        ),
                        e.span,
                    );
                }
                bad = true;
                continue;
            };
            let name = string_literal(target).unwrap_or_else(|| {
                self.error(
                    "jenkins/expected-string-literal",
                    "Expected string literal",
                    target.span,
                );
                "error".to_owned()
            });
            let key = Key {
                name,
                span: target.span,
            };
            if env.vars.iter().any(|(k, _)| k.name == key.name) {
                self.error(
                    "jenkins/duplicate-env-var",
                    format!("Duplicate environment variable name: \"{}\"", key.name),
                    key.span,
                );
                continue;
            }
            if let Some(v) = self.env_value(value) {
                env.vars.push((key, v));
            }
        }
        if bad {
            self.error(
                "jenkins/expected-name-value-pairs",
                "Expected name=value pairs",
                stmt.span,
            );
        }
        env
    }

    fn env_value(&mut self, value: &'a Expr) -> Option<EnvValue<'a>> {
        let v = strip_parens(value);
        match &v.kind {
            ExprKind::Str(_)
            | ExprKind::GString(_)
            | ExprKind::Number(_)
            | ExprKind::Bool(_)
            | ExprKind::Null => Some(EnvValue::Value(self.argument(v))),
            ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            } if matches!(operand.kind, ExprKind::Number(_)) => {
                Some(EnvValue::Value(self.argument(v)))
            }
            ExprKind::Call(c) => {
                if method_name(c) == Some("credentials") {
                    let mut args = Vec::new();
                    for a in groovy_args(c) {
                        match a {
                            GroovyArg::Expr(e)
                                if matches!(
                                    strip_parens(e).kind,
                                    ExprKind::Str(_)
                                        | ExprKind::GString(_)
                                        | ExprKind::Number(_)
                                        | ExprKind::Bool(_)
                                        | ExprKind::Null
                                ) =>
                            {
                                args.push(self.argument(e));
                            }
                            _ => self.error(
                                "jenkins/internal-function-argument",
                                "Internal function call parameters must be strings.",
                                a.span(),
                            ),
                        }
                    }
                    Some(EnvValue::Credentials { span: v.span, args })
                } else {
                    Some(EnvValue::Value(self.argument(v)))
                }
            }
            ExprKind::Binary {
                op: BinaryOp::Add, ..
            } => self.env_concat(v).map(|(kind, _)| {
                EnvValue::Value(Value {
                    kind,
                    span: v.span,
                    expr: Some(v),
                })
            }),
            ExprKind::Binary { .. } => {
                self.error(
                    "jenkins/invalid-env-operation",
                    "Environment variable values can only be joined together with \u{2018}+\u{2019}s.",
                    v.span,
                );
                None
            }
            _ => {
                self.error(
                    "jenkins/invalid-env-value",
                    "Environment variable values must either be single quoted, double quoted, or function calls.",
                    v.span,
                );
                None
            }
        }
    }

    /// `"a" + "b" + "$c"`: the joined value, or `None` after reporting a part Jenkins refuses.
    fn env_concat(&mut self, e: &'a Expr) -> Option<(ValueKind, bool)> {
        let ExprKind::Binary { op, lhs, rhs } = &e.kind else {
            return None;
        };
        debug_assert_eq!(*op, BinaryOp::Add);
        let mut text = String::new();
        let mut literal = true;
        let lhs = strip_parens(lhs);
        match &lhs.kind {
            ExprKind::Binary {
                op: BinaryOp::Add, ..
            } => {
                let (kind, lit) = self.env_concat(lhs)?;
                literal &= lit;
                text.push_str(&kind_text(&kind));
            }
            ExprKind::Binary { .. } => {
                self.error(
                    "jenkins/invalid-env-operation",
                    "Environment variable values can only be joined together with \u{2018}+\u{2019}s.",
                    lhs.span,
                );
                return None;
            }
            _ => literal &= self.env_part(lhs, &mut text),
        }
        literal &= self.env_part(strip_parens(rhs), &mut text);
        let kind = if literal {
            ValueKind::Literal(Literal::Str(text))
        } else {
            ValueKind::Code(text)
        };
        Some((kind, literal))
    }

    fn env_part(&mut self, e: &'a Expr, text: &mut String) -> bool {
        match &e.kind {
            ExprKind::Str(_)
            | ExprKind::GString(_)
            | ExprKind::Number(_)
            | ExprKind::Bool(_)
            | ExprKind::Null => {
                let v = self.argument(e);
                match &v.kind {
                    ValueKind::Literal(l) => {
                        text.push_str(&l.display());
                        true
                    }
                    ValueKind::Code(c) => {
                        text.push_str(c.trim_matches('"'));
                        false
                    }
                }
            }
            _ => {
                self.error(
                    "jenkins/invalid-env-concat",
                    "Environment variable values to be concatenated together must be single or double quoted.",
                    e.span,
                );
                true
            }
        }
    }

    fn libraries(&mut self, stmt: &'a Stmt, call: &'a Call) -> Libraries<'a> {
        let mut r = Libraries {
            span: stmt.span,
            libs: Vec::new(),
        };
        let Some(block) = block_of(call) else {
            self.expected_block("libraries", stmt.span);
            return r;
        };
        for s in statements(block) {
            let expected = |b: &mut Self, span: Span| {
                let text = b.text(span).to_owned();
                b.error(
                    "jenkins/expected-library",
                    format!("Expected a \"lib(...)\" but got {text}"),
                    span,
                );
            };
            let Some(mc) = call_of(s).filter(|c| method_name(c) == Some("lib")) else {
                expected(self, s.span);
                continue;
            };
            if block_of(mc).is_some() {
                self.error(
                    "jenkins/cannot-have-blocks",
                    "Libraries definitions cannot have blocks",
                    s.span,
                );
                continue;
            }
            let m = self.method_call(mc, s.span);
            match m.args.as_slice() {
                [MethodArg::Value(_)] => {
                    if let Some(MethodArg::Value(v)) = m.args.into_iter().next() {
                        r.libs.push(v);
                    }
                }
                _ => expected(self, call_span(s)),
            }
        }
        r
    }

    fn tools(&mut self, stmt: &'a Stmt, call: &'a Call) -> Tools<'a> {
        let mut r = Tools {
            span: stmt.span,
            tools: Vec::new(),
        };
        let Some(block) = block_of(call) else {
            self.expected_block("tools", stmt.span);
            return r;
        };
        for s in statements(block) {
            let Some(mc) = call_of(s) else {
                self.error(
                    "jenkins/expected-tool",
                    "Expected to find \u{2018}someTool \"someVersion\"\u{2019}",
                    s.span,
                );
                continue;
            };
            let key = Key {
                name: method_name(mc).unwrap_or("error").to_owned(),
                span: name_span(mc, s.span),
            };
            let args = groovy_args(mc);
            match args.as_slice() {
                [] => self.error(
                    "jenkins/no-argument",
                    format!("No argument for tool \"{}\"", key.name),
                    key.span,
                ),
                [one] => {
                    let v = self.groovy_arg_value(one);
                    r.tools.push((key, v));
                }
                _ => self.error(
                    "jenkins/too-many-arguments",
                    format!("Too many arguments for tool \"{}\"", key.name),
                    key.span,
                ),
            }
        }
        r
    }

    fn options(&mut self, stmt: &'a Stmt, call: &'a Call, in_stage: bool) -> Options<'a> {
        let mut r = Options {
            span: stmt.span,
            options: Vec::new(),
            in_stage,
        };
        match block_of(call) {
            None => self.expected_block("options", stmt.span),
            Some(block) => {
                for s in statements(block) {
                    r.options.push(self.describable(s, Family::Options));
                }
            }
        }
        r
    }

    fn calls(&mut self, stmt: &'a Stmt, call: &'a Call, family: Family) -> Calls<'a> {
        let mut r = Calls {
            span: stmt.span,
            calls: Vec::new(),
        };
        match block_of(call) {
            None => self.expected_block(family.section(), stmt.span),
            Some(block) => {
                for s in statements(block) {
                    r.calls.push(self.describable(s, family));
                }
            }
        }
        r
    }

    /// An option, trigger or build parameter: a call without a block.
    fn describable(&mut self, stmt: &'a Stmt, family: Family) -> MethodCall<'a> {
        let empty = MethodCall {
            span: stmt.span,
            name: None,
            args: Vec::new(),
        };
        let Some(call) = call_of(stmt) else {
            let is_map = matches!(&stmt.kind, StmtKind::Expr(e) if matches!(strip_parens(e).kind, ExprKind::Map(_)));
            if is_map {
                self.error(
                    "jenkins/map-not-allowed",
                    format!("{} cannot be defined as maps", family.title()),
                    stmt.span,
                );
            } else {
                self.error("jenkins/expected-describable", family.expected(), stmt.span);
            }
            return empty;
        };
        if block_of(call).is_some() {
            self.error(
                "jenkins/cannot-have-blocks",
                format!("{} definitions cannot have blocks", family.title()),
                stmt.span,
            );
            return empty;
        }
        self.method_call(call, stmt.span)
    }

    /// Jenkins' `parseMethodCall`: a describable with values, named values and nested calls.
    fn method_call(&mut self, call: &'a Call, span: Span) -> MethodCall<'a> {
        let name = self.parse_method_name(call, span);
        let mut m = MethodCall {
            span,
            name: Some(Key {
                name,
                span: name_span(call, span),
            }),
            args: Vec::new(),
        };
        for a in groovy_args(call) {
            match a {
                GroovyArg::Named(pairs, _) => {
                    for (k, v) in pairs {
                        let key = self.key(k, v);
                        let inner = strip_parens(v);
                        let value = match &inner.kind {
                            ExprKind::Closure(_) => {
                                self.error(
                                    "jenkins/method-call-with-closure",
                                    "Method call arguments",
                                    key_span(k, v),
                                );
                                continue;
                            }
                            ExprKind::Call(c) => MethodArg::Call(self.method_call(c, inner.span)),
                            _ => MethodArg::Value(self.argument(v)),
                        };
                        m.args.push(MethodArg::Pair {
                            key,
                            value: Box::new(value),
                        });
                    }
                }
                GroovyArg::Closure(c) => self.error(
                    "jenkins/method-call-with-closure",
                    "Method call arguments",
                    c.span,
                ),
                GroovyArg::ClosureExpr(e) => self.error(
                    "jenkins/method-call-with-closure",
                    "Method call arguments",
                    e.span,
                ),
                GroovyArg::Expr(e) => {
                    let inner = strip_parens(e);
                    if let ExprKind::Call(c) = &inner.kind {
                        m.args
                            .push(MethodArg::Call(self.method_call(c, inner.span)));
                    } else {
                        m.args.push(MethodArg::Value(self.argument(e)));
                    }
                }
            }
        }
        m
    }

    fn agent(&mut self, stmt: &'a Stmt, call: &'a Call) -> Agent<'a> {
        let mut agent = Agent {
            span: stmt.span,
            kind: None,
            config: AgentConfig::Bare,
        };
        let Some(block) = block_of(call) else {
            let args = groovy_args(call);
            match args.as_slice() {
                [] => self.error(
                    "jenkins/no-agent-argument",
                    "No argument for agent",
                    stmt.span,
                ),
                [GroovyArg::Expr(e)] => match string_literal(e) {
                    Some(name) if ZERO_ARG_AGENTS.contains(&name.as_str()) => {
                        agent.kind = Some(Key { name, span: e.span });
                    }
                    _ => self.invalid_bare_agent(stmt.span),
                },
                _ => self.invalid_bare_agent(stmt.span),
            }
            return agent;
        };
        match statements(block) {
            [] => self.error("jenkins/expected-agent", "Expected an agent", stmt.span),
            [only] => {
                let Some(tc) = call_of(only) else {
                    self.error("jenkins/expected-agent", "Expected an agent", stmt.span);
                    return agent;
                };
                let mut kind = Key {
                    name: method_name(tc).unwrap_or("error").to_owned(),
                    span: name_span(tc, only.span),
                };
                let map = self.closure_map(block);
                if let Some((_, value)) = map.entries.into_iter().next() {
                    agent.config = match value {
                        MapValue::Value(v) => AgentConfig::Value(v),
                        MapValue::Block(m) => {
                            // `label` with options is the `node` agent type.
                            if kind.name == "label" {
                                "node".clone_into(&mut kind.name);
                            }
                            AgentConfig::Block(m)
                        }
                    };
                }
                agent.kind = Some(kind);
            }
            _ => self.error(
                "jenkins/one-agent-max",
                "Only one agent type is allowed per agent section",
                stmt.span,
            ),
        }
        agent
    }

    fn invalid_bare_agent(&mut self, span: Span) {
        self.error(
            "jenkins/invalid-agent",
            "Only \"agent none\", \"agent any\" or \"agent {...}\" are allowed.",
            span,
        );
    }

    /// A block of `key value` lines (Jenkins' `parseClosureMap`).
    fn closure_map(&mut self, block: &'a Closure) -> ClosureMap<'a> {
        let mut map = ClosureMap {
            span: block.span,
            entries: Vec::new(),
        };
        for s in statements(block) {
            let Some(mc) = call_of(s) else {
                self.error(
                    "jenkins/expected-key-value",
                    "Expected to find \u{2018}someKey \"someValue\"\u{2019}",
                    s.span,
                );
                continue;
            };
            let key = Key {
                name: method_name(mc).unwrap_or("error").to_owned(),
                span: name_span(mc, s.span),
            };
            let args = groovy_args(mc);
            match args.as_slice() {
                [] => self.error(
                    "jenkins/no-argument",
                    format!("No argument for map key \"{}\"", key.name),
                    key.span,
                ),
                [GroovyArg::Closure(c)] => {
                    let nested = self.closure_map(c);
                    map.entries.push((key, MapValue::Block(nested)));
                }
                [one] => {
                    let v = self.groovy_arg_value(one);
                    map.entries.push((key, MapValue::Value(v)));
                }
                _ => self.error(
                    "jenkins/too-many-arguments",
                    format!("Too many arguments for map key \"{}\"", key.name),
                    key.span,
                ),
            }
        }
        map
    }

    fn post(&mut self, stmt: &'a Stmt, call: &'a Call) -> Post<'a> {
        let mut post = Post {
            span: stmt.span,
            conditions: Vec::new(),
        };
        let Some(block) = block_of(call) else {
            self.error("jenkins/expected-block", "Expected a block", stmt.span);
            return post;
        };
        for s in statements(block) {
            let found = call_of(s).and_then(|c| Some((c, block_of(c)?)));
            let Some((c, body)) = found else {
                self.error(
                    "jenkins/invalid-post-condition",
                    format!(
                        "The \u{2018}post\u{2019} section can only contain build condition names with code blocks. Valid condition names are [{}]",
                        crate::catalog::directives::POST_CONDITIONS.join(", ")
                    ),
                    s.span,
                );
                continue;
            };
            let name = Key {
                name: method_name(c).unwrap_or("error").to_owned(),
                span: name_span(c, s.span),
            };
            let branch = self.branch("default".to_owned(), body.span, statements(body));
            post.conditions.push(PostCondition { name, branch });
        }
        post
    }

    fn when(&mut self, stmt: &'a Stmt, call: &'a Call) -> When<'a> {
        let mut w = When {
            span: stmt.span,
            conditions: Vec::new(),
            before_agent: None,
            before_input: None,
            before_options: None,
        };
        let Some(block) = block_of(call) else {
            self.expected_block("when", stmt.span);
            return w;
        };
        for s in statements(block) {
            let Some(mc) = call_of(s) else {
                self.error("jenkins/expected-when", "Expected a when condition", s.span);
                continue;
            };
            match method_name(mc) {
                Some(n @ "beforeAgent") => w.before_agent = self.boolean_method(mc, n, s.span),
                Some(n @ "beforeInput") => w.before_input = self.boolean_method(mc, n, s.span),
                Some(n @ "beforeOptions") => {
                    w.before_options = self.boolean_method(mc, n, s.span);
                }
                _ => w.conditions.push(self.condition(s)),
            }
        }
        w
    }

    fn condition(&mut self, stmt: &'a Stmt) -> Condition<'a> {
        let Some(call) = call_of(stmt) else {
            self.error(
                "jenkins/expected-when",
                "Expected a when condition",
                stmt.span,
            );
            return Condition {
                span: stmt.span,
                name: None,
                kind: ConditionKind::Invalid,
            };
        };
        let name = self.parse_method_name(call, stmt.span);
        let key = Key {
            name: name.clone(),
            span: name_span(call, stmt.span),
        };
        if name == "expression" {
            let block = block_of(call);
            if block.is_none() {
                self.error(
                    "jenkins/step-without-block",
                    "When step without a block",
                    stmt.span,
                );
            }
            return Condition {
                span: stmt.span,
                name: Some(key),
                kind: ConditionKind::Expression(block),
            };
        }
        let mut args = groovy_args(call);
        let kind = if let Some(block) = block_of(call) {
            args.pop();
            let args = if args.is_empty() {
                None
            } else {
                Some(self.argument_list(&args, stmt.span))
            };
            let children = statements(block)
                .iter()
                .map(|s| self.condition(s))
                .collect();
            ConditionKind::Nested(args, children)
        } else {
            ConditionKind::Args(Some(self.argument_list(&args, stmt.span)))
        };
        Condition {
            span: stmt.span,
            name: Some(key),
            kind,
        }
    }

    fn input(&mut self, stmt: &'a Stmt, call: &'a Call) -> Input<'a> {
        let mut input = Input {
            span: stmt.span,
            message: None,
            id: None,
            ok: None,
            submitter: None,
            submitter_parameter: None,
            parameters: Vec::new(),
        };
        let Some(block) = block_of(call) else {
            self.expected_block("input", stmt.span);
            return input;
        };
        let mut seen: Vec<String> = Vec::new();
        for s in statements(block) {
            let Some((mc, name, at)) = self.section(s, &mut seen, "section") else {
                continue;
            };
            let args = groovy_args(mc);
            let [one] = args.as_slice() else {
                if args.is_empty() {
                    self.error(
                        "jenkins/no-argument",
                        format!("No argument for field \"{name}\""),
                        at,
                    );
                } else {
                    self.error(
                        "jenkins/too-many-arguments",
                        format!("Too many arguments for field \"{name}\""),
                        at,
                    );
                }
                continue;
            };
            match name.as_str() {
                "message" => input.message = Some(self.groovy_arg_value(one)),
                "id" => input.id = Some(self.groovy_arg_value(one)),
                "ok" => input.ok = Some(self.groovy_arg_value(one)),
                "submitter" => input.submitter = Some(self.groovy_arg_value(one)),
                "submitterParameter" => {
                    input.submitter_parameter = Some(self.groovy_arg_value(one));
                }
                "parameters" => {
                    let params = self.calls(s, mc, Family::Parameters);
                    input.parameters.extend(params.calls);
                }
                _ => self.error(
                    "jenkins/invalid-input-field",
                    format!("Not a valid field for input: \"{name}\""),
                    at,
                ),
            }
        }
        input
    }

    fn matrix(&mut self, stmt: &'a Stmt, call: &'a Call) -> Matrix<'a> {
        let mut m = Matrix {
            span: stmt.span,
            ..Matrix::default()
        };
        let Some(block) = block_of(call) else {
            self.expected_block("matrix", stmt.span);
            return m;
        };
        let mut seen: Vec<String> = Vec::new();
        for s in statements(block) {
            let Some((mc, name, at)) = self.section(s, &mut seen, "section") else {
                continue;
            };
            match name.as_str() {
                "axes" => m.axes = Some(self.axes(s, mc)),
                "excludes" => m.excludes = Some(self.excludes(s, mc)),
                "agent" => m.agent = Some(self.agent(s, mc)),
                "when" => m.when = Some(self.when(s, mc)),
                "post" => m.post = Some(self.post(s, mc)),
                "options" => m.options = Some(self.options(s, mc, true)),
                "input" => m.input = Some(self.input(s, mc)),
                "tools" => m.tools = Some(self.tools(s, mc)),
                "environment" => m.environment = Some(self.environment(s, mc)),
                "stages" => m.stages = Some(self.stages(s, mc, "stages")),
                _ => self.error(
                    "jenkins/undefined-section",
                    format!("Undefined section \"{name}\""),
                    at,
                ),
            }
        }
        m
    }

    fn axes(&mut self, stmt: &'a Stmt, call: &'a Call) -> Axes<'a> {
        let mut r = Axes {
            span: stmt.span,
            axes: Vec::new(),
        };
        match block_of(call) {
            None => self.expected_block("axes", stmt.span),
            Some(block) => {
                for s in statements(block) {
                    let a = self.axis(s, false);
                    r.axes.push(a);
                }
            }
        }
        r
    }

    fn excludes(&mut self, stmt: &'a Stmt, call: &'a Call) -> Excludes<'a> {
        let mut r = Excludes {
            span: stmt.span,
            excludes: Vec::new(),
        };
        let Some(block) = block_of(call) else {
            self.expected_block("excludes", stmt.span);
            return r;
        };
        for s in statements(block) {
            let mut exclude = Exclude {
                span: s.span,
                axes: Vec::new(),
            };
            match call_of(s).and_then(block_of) {
                None => self.expected_block("exclude", s.span),
                Some(b) => {
                    for a in statements(b) {
                        let axis = self.axis(a, true);
                        exclude.axes.push(axis);
                    }
                }
            }
            r.excludes.push(exclude);
        }
        r
    }

    fn axis(&mut self, stmt: &'a Stmt, exclude: bool) -> Axis<'a> {
        let mut axis = Axis {
            span: stmt.span,
            name: None,
            values: Vec::new(),
            inverse: false,
        };
        let Some(block) = call_of(stmt).and_then(block_of) else {
            self.expected_block("axis", stmt.span);
            return axis;
        };
        let mut seen: Vec<String> = Vec::new();
        for s in statements(block) {
            let Some(mc) = call_of(s) else {
                let text = self.text(s.span).to_owned();
                self.error(
                    "jenkins/invalid-section",
                    format!(
                        "Not a valid section definition: \"{text}\". Some extra configuration is required."
                    ),
                    s.span,
                );
                continue;
            };
            let method = self.method_call(mc, s.span);
            let name = method
                .name
                .as_ref()
                .map_or("error", |k| k.name.as_str())
                .to_owned();
            let at = name_span(mc, s.span);
            let values_or_not = |n: &str| n == "values" || n == "notValues";
            if exclude
                && values_or_not(&name)
                && seen.iter().any(|n| values_or_not(n) && *n != name)
            {
                self.error(
                    "jenkins/exclude-values-or-not-values",
                    "Exclude axis must contain either \"values\" or \"notValues\"",
                    at,
                );
            }
            if seen.contains(&name) {
                self.error(
                    "jenkins/duplicate-section",
                    format!("Multiple occurrences of the {name} section"),
                    at,
                );
            } else {
                seen.push(name.clone());
            }
            match name.as_str() {
                "name" => {
                    let args = groovy_args(mc);
                    match args.as_slice() {
                        [] => {
                            self.error("jenkins/no-argument", "No argument for field \"name\"", at);
                        }
                        [one] => {
                            let value = match one {
                                GroovyArg::Expr(e) => string_literal(e),
                                _ => None,
                            };
                            let value = value.unwrap_or_else(|| {
                                let written = self.text(call_span(s)).to_owned();
                                self.error(
                                    "jenkins/expected-string-literal",
                                    format!("Expected string literal in: {written}"),
                                    one.span(),
                                );
                                String::new()
                            });
                            axis.name = Some(Key {
                                name: value,
                                span: one.span(),
                            });
                        }
                        _ => self.error(
                            "jenkins/too-many-arguments",
                            "Too many arguments for field \"name\"",
                            at,
                        ),
                    }
                }
                "values" | "notValues" if exclude || name == "values" => {
                    axis.inverse |= name == "notValues";
                    for a in method.args {
                        if let MethodArg::Value(v) = a {
                            axis.values.push(v);
                        }
                    }
                }
                _ => self.error(
                    "jenkins/undefined-section",
                    format!("Undefined section \"{name}\""),
                    at,
                ),
            }
        }
        axis
    }
}

/// The describable families Jenkins parses alike, for their messages.
#[derive(Clone, Copy)]
enum Family {
    Options,
    Triggers,
    Parameters,
}

impl Family {
    fn title(self) -> &'static str {
        match self {
            Self::Options => "Options",
            Self::Triggers => "Triggers",
            Self::Parameters => "Build parameters",
        }
    }

    fn section(self) -> &'static str {
        match self {
            Self::Options => "options",
            Self::Triggers => "triggers",
            Self::Parameters => "parameters",
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Self::Options => "Expected an option",
            Self::Triggers => "Expected a trigger",
            Self::Parameters => "Expected a build parameter definition",
        }
    }
}

/// The sections a `pipeline { }` block may have.
pub const PIPELINE_SECTIONS: &[&str] = &[
    "agent",
    "environment",
    "libraries",
    "options",
    "parameters",
    "post",
    "stages",
    "tools",
    "triggers",
];

/// Jenkins' message for an unknown section; scripted-pipeline blocks written inside
/// `pipeline { }` (a common mix-up) also say what declarative has instead.
fn undefined_section(name: &str) -> String {
    let message = format!("Undefined section \"{name}\"");
    match name {
        "node" => format!(
            "{message}: node {{ ... }} is scripted-pipeline syntax; a declarative pipeline picks its machine with agent {{ label '...' }}"
        ),
        "stage" => format!("{message}: stage(...) {{ ... }} belongs inside stages {{ ... }}"),
        "steps" => format!("{message}: steps {{ ... }} belongs inside a stage"),
        _ => message,
    }
}

/// A string constant or a bare name (Jenkins' `matchStringLiteral`).
pub(super) fn string_literal(e: &Expr) -> Option<String> {
    match &strip_parens(e).kind {
        ExprKind::Str(s) => Some(s.clone()),
        ExprKind::Ident(name) => Some(name.clone()),
        _ => None,
    }
}

/// Jenkins' message for an environment variable or axis name that is not an identifier.
pub(super) fn invalid_identifier(name: &str) -> String {
    format!(
        "\"{name}\" is not a valid identifier and cannot be used for an environment variable. Identifiers must start with a letter or underscore and can contain only letters, numbers or underscores."
    )
}

fn kind_text(kind: &ValueKind) -> String {
    match kind {
        ValueKind::Literal(l) => l.display(),
        ValueKind::Code(c) => c.clone(),
    }
}

fn key_span(key: &MapKey, value: &Expr) -> Span {
    match key {
        MapKey::Name(id) => id.span,
        MapKey::Expr(e) => e.span.to(value.span),
    }
}

/// The span of the call in an expression statement (without a trailing comment or `;`).
fn call_span(stmt: &Stmt) -> Span {
    match &stmt.kind {
        StmtKind::Expr(e) => e.span,
        _ => stmt.span,
    }
}
