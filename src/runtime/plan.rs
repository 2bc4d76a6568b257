//! What a run would do, without running anything: the stage tree (`jfrun list`) and, with
//! `--dry-run`, each stage's agent, `when` conditions and steps. Read from the declarative
//! model alone, so no Groovy code and no process runs.

pub mod pods;

use std::fmt::Write as _;

use crate::pipeline::model;

/// The plan of a declarative pipeline; `detail` adds agents, conditions and steps.
#[must_use]
pub fn describe(p: &model::Pipeline<'_>, detail: bool) -> String {
    let mut out = String::new();
    if detail {
        let _ = writeln!(
            out,
            "agent: {}",
            agent(p.agent.as_ref()).unwrap_or_else(|| "(none given)".into())
        );
        if let Some(params) = &p.parameters {
            for c in &params.calls {
                let _ = writeln!(out, "parameter: {}", call_text(c));
            }
        }
    }
    if let Some(stages) = &p.stages {
        for s in &stages.stages {
            stage(&mut out, s, 0, detail, "");
        }
    }
    if detail {
        if let Some(post) = &p.post {
            let names: Vec<&str> = post
                .conditions
                .iter()
                .map(|c| c.name.name.as_str())
                .collect();
            let _ = writeln!(out, "post: {}", names.join(", "));
        }
    }
    out
}

fn stage(out: &mut String, s: &model::Stage<'_>, depth: usize, detail: bool, mark: &str) {
    let pad = "  ".repeat(depth);
    let kind = if s.parallel.is_some() {
        " (parallel)"
    } else if s.matrix.is_some() {
        " (matrix)"
    } else {
        ""
    };
    let _ = writeln!(out, "{pad}{mark}{}{kind}", s.name);
    if detail {
        let pad = "  ".repeat(depth + 1);
        if let Some(a) = agent(s.agent.as_ref()) {
            let _ = writeln!(out, "{pad}agent: {a}");
        }
        if let Some(w) = &s.when {
            let conds: Vec<String> = w.conditions.iter().map(condition).collect();
            let _ = writeln!(out, "{pad}when: {}", conds.join(" and "));
        }
        for b in &s.branches {
            for step in &b.steps {
                let _ = writeln!(out, "{pad}- {}", step.name);
            }
        }
        if let Some(post) = &s.post {
            let names: Vec<&str> = post
                .conditions
                .iter()
                .map(|c| c.name.name.as_str())
                .collect();
            let _ = writeln!(out, "{pad}post: {}", names.join(", "));
        }
    }
    if let Some(m) = &s.matrix {
        if let Some(axes) = &m.axes {
            for a in &axes.axes {
                let name = a.name.as_ref().map_or("", |k| k.name.as_str());
                let values: Vec<String> = a.values.iter().map(model::Value::display).collect();
                let _ = writeln!(
                    out,
                    "{}axis {name}: {}",
                    "  ".repeat(depth + 1),
                    values.join(", ")
                );
            }
        }
        if let Some(st) = &m.stages {
            for c in &st.stages {
                stage(out, c, depth + 1, detail, "");
            }
        }
    }
    for (list, mark) in [(&s.parallel, "|| "), (&s.stages, "")] {
        if let Some(list) = list {
            for c in &list.stages {
                stage(out, c, depth + 1, detail, mark);
            }
        }
    }
}

fn agent(a: Option<&model::Agent<'_>>) -> Option<String> {
    let a = a?;
    let kind = a
        .kind
        .as_ref()
        .map_or("any", |k| k.name.as_str())
        .to_owned();
    Some(match &a.config {
        model::AgentConfig::Bare => kind,
        model::AgentConfig::Value(v) => format!("{kind} {}", v.display()),
        model::AgentConfig::Block(m) => {
            let keys: Vec<String> = m
                .entries
                .iter()
                .map(|(k, v)| match v {
                    model::MapValue::Value(v) => format!("{} {}", k.name, v.display()),
                    model::MapValue::Block(_) => format!("{} {{...}}", k.name),
                })
                .collect();
            format!("{kind} {{ {} }}", keys.join("; "))
        }
    })
}

fn condition(c: &model::Condition<'_>) -> String {
    let name = c.name.as_ref().map_or("?", |k| k.name.as_str());
    match &c.kind {
        model::ConditionKind::Args(Some(model::Args::Single(v))) => {
            format!("{name} {}", v.display())
        }
        model::ConditionKind::Args(Some(model::Args::Named(v))) => {
            let args: Vec<String> = v
                .iter()
                .map(|(k, v)| format!("{}: {}", k.name, v.display()))
                .collect();
            format!("{name}({})", args.join(", "))
        }
        model::ConditionKind::Nested(_, children) => {
            let inner: Vec<String> = children.iter().map(condition).collect();
            format!("{name}({})", inner.join(", "))
        }
        model::ConditionKind::Expression(_) => "expression { ... } (decided when run)".to_owned(),
        _ => name.to_owned(),
    }
}

fn call_text(c: &model::MethodCall<'_>) -> String {
    let name = c.name.as_ref().map_or("?", |k| k.name.as_str());
    let args: Vec<String> = c
        .args
        .iter()
        .map(|a| match a {
            model::MethodArg::Value(v) => v.display(),
            model::MethodArg::Call(c) => call_text(c),
            model::MethodArg::Pair { key, value } => match &**value {
                model::MethodArg::Value(v) => format!("{}: {}", key.name, v.display()),
                other => format!("{}: {}", key.name, call_text_arg(other)),
            },
        })
        .collect();
    format!("{name}({})", args.join(", "))
}

fn call_text_arg(a: &model::MethodArg<'_>) -> String {
    match a {
        model::MethodArg::Call(c) => call_text(c),
        model::MethodArg::Value(v) => v.display(),
        model::MethodArg::Pair { key, .. } => key.name.clone(),
    }
}
