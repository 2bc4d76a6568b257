//! Jenkins' validation rules (pipeline-model-definition's `ModelValidatorImpl` and its
//! validator contributors), in its words, checked against jfrun's catalogue of steps and
//! directives.

use super::build::{ZERO_ARG_AGENTS, invalid_identifier};
use super::model::{
    Agent, AgentConfig, Args, Axis, Branch, Condition, ConditionKind, Environment, Key, Literal,
    MapValue, Matrix, MethodArg, MethodCall, Options, Pipeline, Post, Stage, Stages, Step,
    StepKind, Value, ValueKind, When,
};
use crate::catalog::{self, Describable, Type, directives};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Reports every rule `pipeline` breaks.
pub fn validate(pipeline: &Pipeline<'_>, out: &mut Vec<Diagnostic>) {
    let mut v = Validator { out };
    v.pipeline(pipeline);
}

struct Validator<'o> {
    out: &'o mut Vec<Diagnostic>,
}

/// Where a describable was written, which decides where its model is looked up.
#[derive(Clone, Copy)]
enum Place {
    Option,
    Trigger,
    Parameter,
}

impl Validator<'_> {
    fn error(&mut self, code: &'static str, message: impl Into<String>, span: Span) {
        self.out.push(Diagnostic::error(code, message, span));
    }

    fn pipeline(&mut self, p: &Pipeline<'_>) {
        let keyword = Span::new(
            p.span.start as usize,
            p.span.start as usize + "pipeline".len(),
        );
        if p.stages.is_none() {
            self.error(
                "jenkins/missing-section",
                "Missing required section \"stages\"",
                keyword,
            );
        }
        if p.agent.is_none() {
            self.error(
                "jenkins/missing-section",
                "Missing required section \"agent\"",
                keyword,
            );
        }
        if let Some(s) = &p.stages {
            self.stages(s, false);
        }
        if let Some(post) = &p.post {
            self.post(post);
        }
        if let Some(env) = &p.environment {
            self.environment(env);
        }
        if let Some(agent) = &p.agent {
            self.agent(agent);
        }
        if let Some(tools) = &p.tools {
            self.tools(tools);
        }
        if let Some(options) = &p.options {
            self.options(options);
        }
        if let Some(params) = &p.parameters {
            if params.calls.is_empty() {
                self.error(
                    "jenkins/empty-section",
                    "parameters can not be empty",
                    params.span,
                );
            }
            for c in &params.calls {
                self.section_entry(c, Place::Parameter, true);
            }
        }
        if let Some(triggers) = &p.triggers {
            if triggers.calls.is_empty() {
                self.error(
                    "jenkins/empty-section",
                    "triggers can not be empty",
                    triggers.span,
                );
            } else {
                self.duplicates(
                    &triggers.calls,
                    "jenkins/duplicate-trigger",
                    |n| format!("Duplicate trigger name: \"{n}\""),
                    triggers.span,
                );
            }
            for c in &triggers.calls {
                self.section_entry(c, Place::Trigger, true);
            }
        }
        if let Some(libs) = &p.libraries
            && libs.libs.is_empty()
        {
            self.error(
                "jenkins/empty-section",
                "libraries can not be empty",
                libs.span,
            );
        }
    }

    fn duplicates(
        &mut self,
        calls: &[MethodCall<'_>],
        code: &'static str,
        message: impl Fn(&str) -> String,
        span: Span,
    ) {
        let names: Vec<&str> = calls
            .iter()
            .filter_map(|c| c.name.as_ref().map(|k| k.name.as_str()))
            .collect();
        let mut reported: Vec<&str> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            if names[i + 1..].contains(n) && !reported.contains(n) {
                reported.push(n);
                self.error(code, message(n), span);
            }
        }
    }

    fn stages(&mut self, stages: &Stages<'_>, within_parallel: bool) {
        if stages.stages.is_empty() {
            self.error("jenkins/no-stages", "No stages specified", stages.span);
        }
        let names: Vec<&str> = stages.stages.iter().map(|s| s.name.as_str()).collect();
        let mut reported: Vec<&str> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            if names[i + 1..].contains(n) && !reported.contains(n) {
                reported.push(n);
                self.error(
                    "jenkins/duplicate-stage-name",
                    format!("Duplicate stage name: \"{n}\""),
                    stages.span,
                );
            }
        }
        for s in &stages.stages {
            self.stage(s, within_parallel);
        }
    }

    fn stage(&mut self, stage: &Stage<'_>, within_parallel: bool) {
        let count = usize::from(!stage.branches.is_empty())
            + usize::from(stage.parallel.is_some())
            + usize::from(stage.matrix.is_some())
            + usize::from(stage.stages.is_some());
        let name = &stage.name;
        let at = stage.name_span;
        if within_parallel
            && (stage.branches.len() > 1 || stage.parallel.is_some() || stage.matrix.is_some())
        {
            let span = stage
                .matrix
                .as_ref()
                .map(|m| m.span)
                .or(stage.parallel.as_ref().map(|p| p.span))
                .or(stage.branches.first().map(|b| b.span))
                .unwrap_or(stage.span);
            self.error(
                "jenkins/nested-parallel",
                "\"matrix\" or \"parallel\" cannot be nested inside another \"matrix\" or \"parallel\".",
                span,
            );
        } else if count > 1 {
            self.error(
                "jenkins/stage-content",
                format!(
                    "Only one of \"matrix\", \"parallel\", \"stages\", or \"steps\" allowed for stage \"{name}\""
                ),
                at,
            );
        } else if count == 0 {
            self.error(
                "jenkins/stage-content",
                format!(
                    "Expected one of \"steps\", \"stages\", or \"parallel\" for stage \"{name}\""
                ),
                at,
            );
        } else if stage.parallel.is_some() || stage.matrix.is_some() {
            if let Some(agent) = &stage.agent {
                self.error(
                    "jenkins/agent-in-parallel-stage",
                    format!(
                        "\"agent\" is not allowed in stage \"{name}\" as it contains parallel or matrix stages"
                    ),
                    agent.span,
                );
            }
            if let Some(tools) = &stage.tools {
                self.error(
                    "jenkins/tools-in-parallel-stage",
                    format!(
                        "\"tools\" is not allowed in stage \"{name}\" as it contains parallel or matrix stages"
                    ),
                    tools.span,
                );
            }
        } else {
            let names: Vec<&str> = stage.branches.iter().map(|b| b.name.as_str()).collect();
            let mut reported: Vec<&str> = Vec::new();
            for (i, n) in names.iter().enumerate() {
                if names[i + 1..].contains(n) && !reported.contains(n) {
                    reported.push(n);
                    self.error(
                        "jenkins/duplicate-parallel-branch",
                        format!("Duplicate parallel branch name: \"{n}\""),
                        at,
                    );
                }
            }
        }
        self.stage_base(
            stage.agent.as_ref(),
            stage.when.as_ref(),
            stage.post.as_ref(),
            stage.tools.as_ref(),
            stage.environment.as_ref(),
            stage.options.as_ref(),
            stage.input.as_ref(),
        );
        for b in &stage.branches {
            self.branch(b);
        }
        if let Some(p) = &stage.parallel {
            self.stages(p, true);
        }
        if let Some(m) = &stage.matrix {
            self.matrix(m);
        }
        if let Some(s) = &stage.stages {
            self.stages(s, within_parallel);
        }
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "mirrors the sections a stage base has"
    )]
    fn stage_base(
        &mut self,
        agent: Option<&Agent<'_>>,
        when: Option<&When<'_>>,
        post: Option<&Post<'_>>,
        tools: Option<&super::model::Tools<'_>>,
        environment: Option<&Environment<'_>>,
        options: Option<&Options<'_>>,
        input: Option<&super::model::Input<'_>>,
    ) {
        if let Some(a) = agent {
            self.agent(a);
        }
        if let Some(w) = when {
            self.when(w);
        }
        if let Some(p) = post {
            self.post(p);
        }
        if let Some(t) = tools {
            self.tools(t);
        }
        if let Some(e) = environment {
            self.environment(e);
        }
        if let Some(o) = options {
            self.options(o);
        }
        if let Some(i) = input {
            if i.message.is_none() {
                self.error(
                    "jenkins/input-without-message",
                    "No message specified for input",
                    i.span,
                );
            }
            for p in &i.parameters {
                self.section_entry(p, Place::Parameter, true);
            }
        }
    }

    fn matrix(&mut self, m: &Matrix<'_>) {
        if m.axes.is_none() {
            self.error(
                "jenkins/missing-section",
                "Missing required section \"axes\"",
                m.span,
            );
        }
        if m.stages.is_none() {
            self.error(
                "jenkins/missing-section",
                "Missing required section \"stages\"",
                m.span,
            );
        }
        self.stage_base(
            m.agent.as_ref(),
            m.when.as_ref(),
            m.post.as_ref(),
            m.tools.as_ref(),
            m.environment.as_ref(),
            m.options.as_ref(),
            m.input.as_ref(),
        );
        if let Some(axes) = &m.axes {
            if axes.axes.is_empty() {
                self.error("jenkins/no-axes", "No axis directives specified", axes.span);
            }
            self.duplicate_axes(&axes.axes);
            for a in &axes.axes {
                self.axis(a);
            }
        }
        if let Some(excludes) = &m.excludes {
            if excludes.excludes.is_empty() {
                self.error(
                    "jenkins/no-excludes",
                    "No exclude directives specified",
                    excludes.span,
                );
            }
            for e in &excludes.excludes {
                if e.axes.is_empty() {
                    self.error("jenkins/no-axes", "No axis directives specified", e.span);
                }
                self.duplicate_axes(&e.axes);
                for a in &e.axes {
                    self.axis(a);
                }
            }
        }
        if let Some(s) = &m.stages {
            self.stages(s, true);
        }
    }

    fn duplicate_axes(&mut self, axes: &[Axis<'_>]) {
        let names: Vec<&Key> = axes
            .iter()
            .filter_map(|a| a.name.as_ref())
            .filter(|k| !k.name.is_empty())
            .collect();
        let mut reported: Vec<&str> = Vec::new();
        for (i, k) in names.iter().enumerate() {
            let dup = names[i + 1..].iter().any(|o| o.name == k.name);
            if dup && !reported.contains(&k.name.as_str()) {
                reported.push(&k.name);
                self.error(
                    "jenkins/duplicate-axis-name",
                    format!("Duplicate axis name: \"{}\"", k.name),
                    k.span,
                );
            }
        }
    }

    fn axis(&mut self, axis: &Axis<'_>) {
        match &axis.name {
            None => self.error(
                "jenkins/missing-section",
                "Missing required section \"name\"",
                axis.span,
            ),
            Some(k) if !valid_env_identifier(&k.name) => {
                self.error(
                    "jenkins/invalid-env-identifier",
                    invalid_identifier(&k.name),
                    k.span,
                );
            }
            Some(_) => {}
        }
        if axis.values.is_empty() {
            self.error(
                "jenkins/missing-section",
                "Missing required section \"values\"",
                axis.span,
            );
        }
        let mut reported: Vec<&ValueKind> = Vec::new();
        for (i, v) in axis.values.iter().enumerate() {
            let dup = axis.values[i + 1..].iter().any(|o| o.kind == v.kind);
            if dup && !reported.contains(&&v.kind) {
                reported.push(&v.kind);
                self.error(
                    "jenkins/duplicate-axis-value",
                    format!("Duplicate axis value: \"{}\"", v.display()),
                    v.span,
                );
            }
        }
        for v in &axis.values {
            if v.literal().is_none() {
                self.error(
                    "jenkins/expected-string-literal",
                    format!("Expected string literal but got {}", v.display()),
                    v.span,
                );
            }
        }
    }

    fn environment(&mut self, env: &Environment<'_>) {
        if env.vars.is_empty() {
            self.error(
                "jenkins/empty-environment",
                "No variables specified for environment",
                env.span,
            );
        }
        for (k, _) in &env.vars {
            if !valid_env_identifier(&k.name) {
                self.error(
                    "jenkins/invalid-env-identifier",
                    invalid_identifier(&k.name),
                    k.span,
                );
            }
        }
    }

    fn tools(&mut self, tools: &super::model::Tools<'_>) {
        if tools.tools.is_empty() {
            self.error("jenkins/no-tools", "No tools specified", tools.span);
        }
        for (k, _) in &tools.tools {
            // A tool type may also be named by its Java class.
            if !directives::TOOLS.contains(&k.name.as_str())
                && !directives::by_name::contains(directives::by_name::TOOLS, &k.name)
                && !k.name.contains('.')
            {
                self.error(
                    "jenkins/invalid-tool-type",
                    format!(
                        "Invalid tool type \"{}\". Valid tool types: {}",
                        k.name,
                        java_list(directives::TOOLS.iter().copied())
                    ),
                    k.span,
                );
            }
        }
    }

    fn post(&mut self, post: &Post<'_>) {
        if post.conditions.is_empty() {
            self.error("jenkins/empty-section", "post can not be empty", post.span);
        }
        let names: Vec<&str> = post
            .conditions
            .iter()
            .map(|c| c.name.name.as_str())
            .collect();
        let mut reported: Vec<&str> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            if names[i + 1..].contains(n) && !reported.contains(n) {
                reported.push(n);
                self.error(
                    "jenkins/duplicate-post-condition",
                    format!("Duplicate build condition name: \"{n}\""),
                    post.span,
                );
            }
        }
        for c in &post.conditions {
            if !directives::POST_CONDITIONS.contains(&c.name.name.as_str()) {
                self.error(
                    "jenkins/invalid-post-condition",
                    format!(
                        "Invalid condition \"{}\" - valid conditions are {}",
                        c.name.name,
                        java_list(directives::POST_CONDITIONS.iter().copied())
                    ),
                    c.name.span,
                );
            }
            self.branch(&c.branch);
        }
    }

    fn agent(&mut self, agent: &Agent<'_>) {
        // Jenkins lists each agent type once, by its first name: `label` stands for `node`.
        let ordered = || {
            java_list(
                directives::AGENTS
                    .iter()
                    .map(|d| d.name)
                    .filter(|n| *n != "node"),
            )
        };
        let Some(kind) = &agent.kind else {
            self.error(
                "jenkins/no-agent-type",
                format!("No agent type specified. Must be one of {}", ordered()),
                agent.span,
            );
            return;
        };
        if ZERO_ARG_AGENTS.contains(&kind.name.as_str()) {
            return;
        }
        let Some(model) = catalog::find(directives::AGENTS, &kind.name) else {
            self.error(
                "jenkins/invalid-agent-type",
                format!(
                    "Invalid agent type \"{}\" specified. Must be one of {}",
                    kind.name,
                    ordered()
                ),
                kind.span,
            );
            return;
        };
        let required: Vec<&str> = model
            .params
            .iter()
            .filter(|p| p.required)
            .map(|p| p.name)
            .collect();
        match &agent.config {
            AgentConfig::Block(map) => {
                for r in &required {
                    if map.get(r).is_none() {
                        self.error(
                            "jenkins/missing-agent-parameter",
                            format!(
                                "Missing required parameter for agent type \"{}\": {r}",
                                kind.name
                            ),
                            kind.span,
                        );
                    }
                }
                for (k, v) in &map.entries {
                    let Some(param) = model.param(&k.name) else {
                        self.error(
                            "jenkins/invalid-agent-parameter",
                            format!(
                                "Invalid config option \"{}\" for agent type \"{}\". Valid config options are {}",
                                k.name,
                                kind.name,
                                java_list(model.params.iter().map(|p| p.name))
                            ),
                            k.span,
                        );
                        continue;
                    };
                    if let MapValue::Value(v) = v {
                        self.parameter_type(v, &param.ty, Some(&k.name));
                    }
                }
            }
            AgentConfig::Value(_) | AgentConfig::Bare => {
                if required.len() > 1 {
                    self.error(
                        "jenkins/agent-needs-block",
                        format!(
                            "Multiple parameters are required for agent type \"{}\" - {}. Please use a block instead.",
                            kind.name,
                            java_list(required.iter().copied())
                        ),
                        kind.span,
                    );
                }
            }
        }
    }

    fn options(&mut self, opts: &Options<'_>) {
        if opts.options.is_empty() {
            self.error(
                "jenkins/empty-section",
                "options can not be empty",
                opts.span,
            );
            return;
        }
        self.duplicates(
            &opts.options,
            "jenkins/duplicate-option",
            |n| format!("Duplicate option name: \"{n}\""),
            opts.span,
        );
        for o in &opts.options {
            if opts.in_stage
                && let Some(name) = &o.name
                && !directives::STAGE_OPTIONS.contains(&name.name.as_str())
                && !directives::by_name::contains(directives::by_name::OPTIONS, &name.name)
            {
                self.error(
                    "jenkins/invalid-section-type",
                    format!(
                        "Invalid option type \"{}\". Valid option types: {}",
                        name.name,
                        java_list(directives::STAGE_OPTIONS.iter().copied())
                    ),
                    name.span,
                );
                self.section_entry(o, Place::Option, false);
            } else {
                self.section_entry(o, Place::Option, true);
            }
        }
    }

    /// An option, trigger or build parameter: its type must be known (reported when
    /// `check_type`), then its arguments are checked against the type's parameters.
    fn section_entry(&mut self, call: &MethodCall<'_>, place: Place, check_type: bool) {
        let Some(name) = &call.name else { return };
        let (list, what, by_name): (&'static [Describable], &str, &[(&str, &str)]) = match place {
            Place::Option => (directives::OPTIONS, "option", directives::by_name::OPTIONS),
            Place::Trigger => (
                directives::TRIGGERS,
                "trigger",
                directives::by_name::TRIGGERS,
            ),
            Place::Parameter => (
                directives::PARAMETERS,
                "parameter",
                directives::by_name::PARAMETERS,
            ),
        };
        if directives::by_name::contains(by_name, &name.name) {
            return;
        }
        let model = catalog::find(list, &name.name);
        if model.is_none() && check_type {
            self.error(
                "jenkins/invalid-section-type",
                format!(
                    "Invalid {what} type \"{}\". Valid {what} types: {}",
                    name.name,
                    java_list(list.iter().map(|d| d.name))
                ),
                name.span,
            );
        }
        let has_pair = call
            .args
            .iter()
            .any(|a| matches!(a, MethodArg::Pair { .. }));
        let all_pairs = call
            .args
            .iter()
            .all(|a| matches!(a, MethodArg::Pair { .. }));
        if model.is_some() && has_pair && !all_pairs {
            self.error(
                "jenkins/mixed-arguments",
                "Cannot mix named and unnamed arguments",
                call.span,
            );
        }
        if matches!(place, Place::Option) && (name.name == "parameters" || name.name == "triggers")
        {
            let n = &name.name;
            self.error(
                "jenkins/directive-in-options",
                format!(
                    "The \"{n}\" job property cant be used in the \"options\" directive. Use the \"{n} {{...}}\" directive instead."
                ),
                name.span,
            );
        }
        let model = model.or_else(|| catalog::step(&name.name));
        if model.is_none() && call.args.len() > 1 && !has_pair {
            // No describable takes several unnamed arguments, whatever plugin provides it.
            self.error(
                "jenkins/too-many-unnamed-arguments",
                format!("Arguments to \"{}\" must be explicitly named.", name.name),
                call.span,
            );
        }
        if name.name == "preserveStashes" {
            self.preserve_stashes(call);
        }
        self.method_call(call, model);
    }

    /// `preserveStashes(buildCount: n)` keeps between 1 and 50 builds' stashes.
    fn preserve_stashes(&mut self, call: &MethodCall<'_>) {
        let count = call.args.iter().find_map(|a| match a {
            MethodArg::Pair { key, value } if key.name == "buildCount" => match value.as_ref() {
                MethodArg::Value(v) => Some(v),
                _ => None,
            },
            MethodArg::Value(v) => Some(v),
            _ => None,
        });
        let out_of_range = match count.and_then(Value::literal) {
            Some(Literal::Int(n)) => !(1..=50).contains(n),
            Some(Literal::Long(n)) => !(1..=50).contains(n),
            _ => false,
        };
        if let (true, Some(v)) = (out_of_range, count) {
            self.error(
                "jenkins/preserve-stashes-range",
                "The number of builds to preserve must be between 1 and 50.",
                v.span,
            );
        }
    }

    fn blocked_method_call(&mut self, call: &MethodCall<'_>) {
        if let Some(name) = &call.name
            && let Some(why) = blocked_in_method_call(&name.name)
        {
            self.error(
                "jenkins/blocked-step",
                format!(
                    "Invalid step \"{}\" used - not allowed in this context - {why}",
                    name.name
                ),
                call.span,
            );
        }
    }

    /// Jenkins' `validateElement(ModelASTMethodCall)`.
    fn method_call(&mut self, call: &MethodCall<'_>, model: Option<&'static Describable>) {
        let Some(name) = &call.name else { return };
        let Some(model) = model else {
            // Nested calls: the model is found by name among the nested describables.
            for a in &call.args {
                self.nested_arg(a, None);
            }
            return;
        };
        if call
            .args
            .iter()
            .any(|a| matches!(a, MethodArg::Pair { .. }))
        {
            for a in &call.args {
                let MethodArg::Pair { key, value } = a else {
                    self.error(
                        "jenkins/mixed-arguments",
                        "Cannot mix named and unnamed arguments",
                        call.span,
                    );
                    continue;
                };
                let Some(param) = model.param(&key.name) else {
                    self.invalid_parameter(key, model);
                    continue;
                };
                match value.as_ref() {
                    MethodArg::Call(c) => self.nested_call(c, Some(&param.ty)),
                    MethodArg::Value(v) => {
                        self.parameter_type(v, &param.ty, Some(&key.name));
                    }
                    MethodArg::Pair { .. } => {}
                }
            }
        } else if call.args.len() > 1 {
            self.error(
                "jenkins/too-many-unnamed-arguments",
                format!("Arguments to \"{}\" must be explicitly named.", name.name),
                call.span,
            );
        } else {
            let required: Vec<_> = model.params.iter().filter(|p| p.required).collect();
            if required.len() == call.args.len() {
                for (p, a) in required.iter().zip(&call.args) {
                    match a {
                        MethodArg::Call(c) => self.nested_call(c, Some(&p.ty)),
                        MethodArg::Value(v) => {
                            self.parameter_type(v, &p.ty, None);
                        }
                        MethodArg::Pair { .. } => {}
                    }
                }
            } else if !(required.len() == 1
                && call.args.is_empty()
                && matches!(required[0].ty, Type::Bool))
            {
                self.error(
                    "jenkins/wrong-argument-count",
                    format!(
                        "\"{}\" should have {} arguments but has {} arguments instead.",
                        name.name,
                        required.len(),
                        call.args.len()
                    ),
                    call.span,
                );
            }
        }
    }

    fn nested_arg(&mut self, arg: &MethodArg<'_>, ty: Option<&Type>) {
        match arg {
            MethodArg::Call(c) => self.nested_call(c, ty),
            MethodArg::Pair { value, .. } => self.nested_arg(value, None),
            MethodArg::Value(_) => {}
        }
    }

    /// A describable nested in another's arguments: `buildDiscarder(logRotator(...))`.
    fn nested_call(&mut self, call: &MethodCall<'_>, ty: Option<&Type>) {
        self.blocked_method_call(call);
        let family = match ty {
            Some(Type::Nested(f) | Type::NestedList(f)) => Some(*f),
            _ => None,
        };
        let model = match (family, &call.name) {
            (Some(f), Some(name)) => catalog::find(directives::nested(f), &name.name),
            _ => None,
        };
        self.method_call(call, model);
    }

    fn invalid_parameter(&mut self, key: &Key, model: &Describable) {
        let names: Vec<&str> = model.params.iter().map(|p| p.name).collect();
        let nearest = nearest(&key.name, &names).unwrap_or_default();
        self.error(
            "jenkins/invalid-parameter",
            format!(
                "Invalid parameter \"{}\", did you mean \"{nearest}\"?",
                key.name
            ),
            key.span,
        );
    }

    /// Jenkins' `validateParameterType`: a literal must convert to the parameter's type.
    fn parameter_type(&mut self, v: &Value<'_>, ty: &Type, key: Option<&str>) -> bool {
        let Some(lit) = v.literal() else { return true };
        let ok = match (ty, lit) {
            (Type::String, Literal::Int(_) | Literal::Bool(_))
            | (Type::Int | Type::Long | Type::Double, Literal::Str(_) | Literal::Bool(_))
            | (
                Type::Enum { .. },
                Literal::Int(_) | Literal::Long(_) | Literal::Double(_) | Literal::Bool(_),
            ) => false,
            (Type::Enum { values, .. }, Literal::Str(s)) => values.contains(&s.as_str()),
            _ => true,
        };
        if !ok {
            let message = match key {
                Some(k) => format!(
                    "Expecting \"{}\" for parameter \"{k}\" but got \"{}\" of type {} instead",
                    ty.java_name(),
                    lit.display(),
                    lit.java_class()
                ),
                None => format!(
                    "Expecting \"{}\" but got \"{}\" of type {} instead",
                    ty.java_name(),
                    lit.display(),
                    lit.java_class()
                ),
            };
            self.error("jenkins/parameter-type", message, v.span);
        }
        ok
    }

    fn branch(&mut self, branch: &Branch<'_>) {
        if branch.steps.is_empty() {
            self.error(
                "jenkins/no-steps",
                "No steps specified for branch",
                branch.span,
            );
        }
        for s in &branch.steps {
            self.step(s);
        }
    }

    fn step(&mut self, step: &Step<'_>) {
        if let Some(why) = blocked_in_steps(&step.name) {
            self.error(
                "jenkins/blocked-step",
                format!(
                    "Invalid step \"{}\" used - not allowed in this context - {why}",
                    step.name
                ),
                step.name_span,
            );
        }
        match &step.kind {
            StepKind::Invalid | StepKind::Script(_) => return,
            StepKind::Block(children) => {
                for c in children {
                    self.step(c);
                }
            }
            StepKind::Plain => {}
        }
        if step.name == "parallel" {
            return;
        }
        if let Some(model) = catalog::step(&step.name) {
            let takes_block = model.takes_block();
            self.describable_args(step.name_span, &step.name, &step.args, model, takes_block);
        }
    }

    /// Jenkins' `validateDescribable`: a step's or condition's arguments against its model.
    fn describable_args(
        &mut self,
        at: Span,
        name: &str,
        args: &Args<'_>,
        model: &Describable,
        takes_block: bool,
    ) {
        match args {
            Args::Named(pairs) => {
                let sole = model.sole_required();
                let mut valid = true;
                for (k, v) in pairs {
                    let Some(p) = model.param(&k.name) else {
                        if sole.is_some_and(|p| matches!(p.ty, Type::Nested(_) | Type::Any)) {
                            // A map standing for the sole parameter, a describable itself:
                            // `publishHTML([reportName: ...])`.
                            return;
                        }
                        self.invalid_parameter(k, model);
                        valid = false;
                        continue;
                    };
                    let unnamed =
                        pairs.len() == 1 && sole.is_some_and(|s| s.name == p.name) && !takes_block;
                    let key = if unnamed { None } else { Some(k.name.as_str()) };
                    valid &= self.parameter_type(v, &p.ty, key);
                }
                if valid {
                    for p in model.params.iter().filter(|p| p.required) {
                        if !pairs.iter().any(|(k, _)| k.name == p.name) {
                            self.error(
                                "jenkins/missing-parameter",
                                format!("Missing required parameter: \"{}\"", p.name),
                                at,
                            );
                        }
                    }
                }
            }
            Args::Positional(_) => self.error(
                "jenkins/too-many-unnamed-arguments",
                format!("Arguments to \"{name}\" must be explicitly named."),
                at,
            ),
            Args::Single(v) => match model.sole_required() {
                None if !takes_block => self.error(
                    "jenkins/not-single-parameter",
                    "Step does not take a single required parameter - use named parameters instead",
                    at,
                ),
                None => {}
                Some(p) => {
                    self.parameter_type(v, &p.ty, None);
                }
            },
        }
    }

    fn when(&mut self, when: &When<'_>) {
        if when.conditions.is_empty() {
            self.error(
                "jenkins/empty-when",
                "Empty when closure, remove the property or add some content.",
                when.span,
            );
        }
        for c in &when.conditions {
            self.condition(c);
        }
    }

    fn condition(&mut self, c: &Condition<'_>) {
        let Some(name) = &c.name else { return };
        let n = name.name.as_str();
        if matches!(
            c.kind,
            ConditionKind::Expression(_) | ConditionKind::Invalid
        ) {
            return;
        }
        let known = catalog::find(directives::WHEN, n);
        let Some(model) = known else {
            self.error(
                "jenkins/unknown-when-condition",
                format!(
                    "Unknown conditional {n}. Valid conditionals are: {}",
                    directives::WHEN
                        .iter()
                        .map(|d| d.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                name.span,
            );
            return;
        };
        let (args, children): (Option<&Args<'_>>, &[Condition<'_>]) = match &c.kind {
            ConditionKind::Args(a) => (a.as_ref(), &[]),
            ConditionKind::Nested(a, children) => (a.as_ref(), children),
            ConditionKind::Expression(_) | ConditionKind::Invalid => return,
        };
        match directives::when_children(n) {
            Some(count) => {
                let has_args = matches!(c.kind, ConditionKind::Nested(Some(_), _))
                    || matches!(&c.kind, ConditionKind::Args(Some(a)) if !a.is_empty());
                if has_args {
                    self.error(
                        "jenkins/nested-when-arguments",
                        format!("No additional arguments are allowed for children when condition \"{n}\"."),
                        name.span,
                    );
                } else if count.is_none() && children.is_empty() {
                    self.error(
                        "jenkins/nested-when-children",
                        format!(
                            "Nested when condition \"{n}\" requires at least one child condition."
                        ),
                        name.span,
                    );
                } else if let Some(k) = count
                    && children.len() != k
                {
                    self.error(
                        "jenkins/nested-when-children",
                        format!(
                            "Nested when condition \"{n}\" requires exactly {k} child condition(s)."
                        ),
                        name.span,
                    );
                } else {
                    for child in children {
                        self.condition(child);
                    }
                }
            }
            None => {
                if !children.is_empty() {
                    self.error(
                        "jenkins/when-children-not-allowed",
                        format!(
                            "No children when conditions are allowed for when condition \"{n}\"."
                        ),
                        name.span,
                    );
                } else if let Some(args) = args {
                    self.describable_args(name.span, n, args, model, false);
                    if n == "changelog" {
                        self.changelog(args, name.span);
                    }
                }
            }
        }
    }

    /// The `changelog` condition's pattern must be a valid Java regular expression.
    fn changelog(&mut self, args: &Args<'_>, at: Span) {
        let pattern = match args {
            Args::Single(v) => Some(v),
            Args::Positional(vs) => vs.first(),
            Args::Named(pairs) => pairs
                .iter()
                .find(|(k, _)| k.name == "pattern")
                .map(|(_, v)| v),
        };
        let Some(pattern) = pattern else {
            self.error(
                "jenkins/changelog-pattern",
                "Changelog is missing required parameter \"pattern\".",
                at,
            );
            return;
        };
        if let Some(Literal::Str(p)) = pattern.literal()
            && let Err(e) = crate::java_regex::check(p)
        {
            self.error(
                "jenkins/changelog-pattern",
                format!("\"{p}\" is not a valid regular expression. {}", e.message),
                pattern.span,
            );
        }
    }
}

/// Steps Jenkins refuses in a declarative `steps` block, with its reason.
fn blocked_in_steps(name: &str) -> Option<&'static str> {
    match name {
        "stage" => Some("The stage step cannot be used in Declarative Pipelines"),
        "properties" => Some("The properties step cannot be used in Declarative Pipelines"),
        "parallel" => Some(
            "The parallel step can only be used as the only top-level step in a stages step block",
        ),
        _ => None,
    }
}

/// Steps Jenkins refuses as arguments of options, triggers and parameters.
fn blocked_in_method_call(name: &str) -> Option<&'static str> {
    match name {
        "node" => Some(
            "The node step cannot be called as an argument to a method in Declarative Pipelines",
        ),
        _ => blocked_in_steps(name),
    }
}

/// Jenkins' rule for environment variable and axis names.
pub(crate) fn valid_env_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A list as Java's `List.toString()` prints it: `[a, b, c]`.
fn java_list<'s>(items: impl Iterator<Item = &'s str>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

/// The candidate closest to `word` by edit distance (the first of equals), as Jenkins'
/// `EditDistance.findNearest` picks it.
pub(crate) fn nearest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}
