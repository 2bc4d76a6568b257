//! Lints on the shape of a pipeline:
//!
//! - `lint/duplicate-stage-name`: two stages of one declarative pipeline with the same name in
//!   different places (Jenkins itself rejects duplicates among siblings, as
//!   `jenkins/duplicate-stage-name`). Stages are selected by name: in the Stage View and Blue
//!   Ocean, by Restart from Stage, by `--stage`.
//! - `lint/input-in-parallel`: a stage's `input { }` or an `input` step inside a parallel branch
//!   or a matrix: one branch waits for a person while the others run on.
//! - `lint/before-agent-without-agent`: `when { beforeAgent true }` on a stage with no `agent`
//!   of its own, where it changes nothing.
//! - `lint/needless-script`: `script { }` around one plain step that could stand in `steps`.

use super::Context;
use crate::catalog;
use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::model::{Agent, Branch, Pipeline, Post, Stage, Stages, Step, StepKind, When};
use crate::source::Span;
use crate::syntax::ast::{Arg, Call, Callee, Expr, ExprKind, Stmt, StmtKind, UnaryOp};
use crate::syntax::visit::{Visitor, walk_expr, walk_script};

const DUPLICATE_STAGE: &str = "lint/duplicate-stage-name";
const INPUT_IN_PARALLEL: &str = "lint/input-in-parallel";
const BEFORE_AGENT: &str = "lint/before-agent-without-agent";
const NEEDLESS_SCRIPT: &str = "lint/needless-script";

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(p) = cx.pipeline {
        duplicate_stages(p, out);
        before_agent(cx, p, out);
        needless_script(p, out);
    }
    let mut v = Parallel {
        around: Vec::new(),
        out,
    };
    walk_script(&mut v, cx.script);
}

fn with_severity(mut d: Diagnostic, severity: Severity) -> Diagnostic {
    d.severity = severity;
    d
}

/// The name of a call written as a bare name: `foo(...)`.
fn call_name(call: &Call) -> Option<&str> {
    match &call.callee {
        Callee::Name(id) => Some(&id.name),
        _ => None,
    }
}

/// Every stage of the pipeline, nested ones included, in source order.
fn all_stages<'p, 'a>(p: &'p Pipeline<'a>) -> Vec<&'p Stage<'a>> {
    fn stages<'p, 'a>(s: &'p Stages<'a>, all: &mut Vec<&'p Stage<'a>>) {
        for stage in &s.stages {
            all.push(stage);
            for nested in [&stage.stages, &stage.parallel].into_iter().flatten() {
                stages(nested, all);
            }
            if let Some(Some(s)) = stage.matrix.as_ref().map(|m| &m.stages) {
                stages(s, all);
            }
        }
    }
    let mut all = Vec::new();
    if let Some(s) = &p.stages {
        stages(s, &mut all);
    }
    all
}

// ------------------------------------------------------------------ duplicate stage names

/// A stage's name, where it stands, and the `stages`/`parallel` block it is in.
struct Named<'p> {
    name: &'p str,
    at: Span,
    parent: Span,
}

fn duplicate_stages(p: &Pipeline<'_>, out: &mut Vec<Diagnostic>) {
    fn collect<'p>(s: &'p Stages<'_>, all: &mut Vec<Named<'p>>) {
        for stage in &s.stages {
            all.push(Named {
                name: &stage.name,
                at: stage.name_span,
                parent: s.span,
            });
            for nested in [&stage.stages, &stage.parallel].into_iter().flatten() {
                collect(nested, all);
            }
            if let Some(Some(m)) = stage.matrix.as_ref().map(|m| &m.stages) {
                collect(m, all);
            }
        }
    }
    let mut all = Vec::new();
    if let Some(s) = &p.stages {
        collect(s, &mut all);
    }
    for (i, stage) in all.iter().enumerate() {
        let earlier: Vec<&Named<'_>> = all[..i].iter().filter(|e| e.name == stage.name).collect();
        let Some(first) = earlier.first() else {
            continue;
        };
        // Jenkins reports duplicates among siblings itself.
        if earlier.iter().any(|e| e.parent == stage.parent) {
            continue;
        }
        out.push(
            with_severity(
                Diagnostic::error(
                    DUPLICATE_STAGE,
                    format!(
                        "Another stage of this pipeline is also named \"{}\"",
                        stage.name
                    ),
                    stage.at,
                ),
                Severity::Warning,
            )
            .with_label("a second stage with this name")
            .with_related(first.at, "the first stage with this name")
            .with_help(
                "Jenkins allows the same name in different places, but stages are picked by \
                 name: the Stage View and Blue Ocean mix them up, and Restart from Stage and \
                 `--stage` cannot tell them apart. Give each stage its own name (e.g. prefix \
                 the branch's name).",
            ),
        );
    }
}

// ------------------------------------------------------------------ beforeAgent

fn before_agent(cx: &Context<'_>, p: &Pipeline<'_>, out: &mut Vec<Diagnostic>) {
    let mut spans = BeforeAgentSpans(Vec::new());
    let mut found = |when: &When<'_>, own_agent: bool, parent: bool, out: &mut Vec<Diagnostic>| {
        if when.before_agent != Some(true) || own_agent {
            return;
        }
        if spans.0.is_empty() {
            walk_script(&mut spans, cx.script);
        }
        let at = spans
            .0
            .iter()
            .copied()
            .find(|s| when.span.start <= s.start && s.end <= when.span.end)
            .unwrap_or(when.span);
        out.push(
            with_severity(
                Diagnostic::error(
                    BEFORE_AGENT,
                    "`beforeAgent true` on a stage without an agent of its own changes nothing",
                    at,
                ),
                Severity::Warning,
            )
            .with_label("there is no stage `agent` to wait for")
            .with_help(if parent {
                "`beforeAgent true` makes `when` decide before the stage's own `agent` is \
                 allocated. This stage has none: the agents are its nested stages', and its \
                 `when` is checked before any of them starts anyway. Remove it."
            } else {
                "`beforeAgent true` makes `when` decide before the stage's own `agent` is \
                 allocated; this stage runs where the enclosing stage or the pipeline put it. \
                 Remove it, or give the stage the `agent` it was meant to skip."
            }),
        );
    };
    let has_agent =
        |a: Option<&Agent<'_>>| a.is_some_and(|a| a.kind.as_ref().is_none_or(|k| k.name != "none"));
    for stage in all_stages(p) {
        let parent = stage.stages.is_some() || stage.parallel.is_some() || stage.matrix.is_some();
        if let Some(w) = &stage.when {
            found(w, has_agent(stage.agent.as_ref()), parent, out);
        }
        if let Some(m) = &stage.matrix
            && let Some(w) = &m.when
        {
            found(w, has_agent(m.agent.as_ref()), true, out);
        }
    }
}

/// The spans of every `beforeAgent ...` statement.
struct BeforeAgentSpans(Vec<Span>);

impl Visitor for BeforeAgentSpans {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        if let StmtKind::Expr(e) = &stmt.kind
            && let ExprKind::Call(c) = &e.kind
            && call_name(c) == Some("beforeAgent")
        {
            self.0.push(stmt.span);
        }
        crate::syntax::visit::walk_stmt(self, stmt);
    }
}

// ------------------------------------------------------------------ input in parallel

/// Walks the script with the parallel branches and matrices around each point.
struct Parallel<'o> {
    /// The `parallel`/`matrix` names around, innermost last.
    around: Vec<(&'static str, Span)>,
    out: &'o mut Vec<Diagnostic>,
}

impl Visitor for Parallel<'_> {
    fn visit_expr(&mut self, expr: &Expr) {
        let ExprKind::Call(c) = &expr.kind else {
            walk_expr(self, expr);
            return;
        };
        let Callee::Name(id) = &c.callee else {
            walk_expr(self, expr);
            return;
        };
        match id.name.as_str() {
            "parallel" | "matrix" => {
                let kind = if id.name == "matrix" {
                    "matrix"
                } else {
                    "parallel"
                };
                self.around.push((kind, id.span));
                walk_expr(self, expr);
                self.around.pop();
                return;
            }
            "input" => {
                if let Some(&(kind, at)) = self.around.last() {
                    self.input(c, id.span, kind, at);
                }
            }
            _ => {}
        }
        walk_expr(self, expr);
    }
}

impl Parallel<'_> {
    fn input(&mut self, c: &Call, at: Span, kind: &str, around: Span) {
        let directive = !c.args.closures.is_empty();
        let (message, label) = match (directive, kind) {
            (true, "matrix") => (
                "A stage `input` in a matrix: every cell stops and asks on its own",
                "each cell of the matrix waits here",
            ),
            (true, _) => (
                "A stage `input` in a parallel branch: the build waits on one branch while the others run",
                "this branch waits here",
            ),
            (false, "matrix") => (
                "An `input` step in a matrix: every cell stops and asks on its own",
                "each cell of the matrix waits here",
            ),
            (false, _) => (
                "An `input` step in a parallel branch: the build waits on one branch while the others run",
                "this branch waits here",
            ),
        };
        self.out.push(
            with_severity(
                Diagnostic::error(INPUT_IN_PARALLEL, message, at),
                Severity::Warning,
            )
            .with_label(label)
            .with_related(
                around,
                if kind == "matrix" {
                    "the cells of this matrix run in parallel"
                } else {
                    "these branches run in parallel"
                },
            )
            .with_help(
                "Jenkins allows it, but the other branches keep running, holding their \
                     agents, while this one waits, and the prompt is easy to miss among them. \
                     Ask before the parallel part starts: in a stage before it, or in the \
                     `input` of the stage that holds it.",
            ),
        );
    }
}

// ------------------------------------------------------------------ needless script

fn needless_script(p: &Pipeline<'_>, out: &mut Vec<Diagnostic>) {
    fn post_branches<'p, 'a>(post: Option<&'p Post<'a>>, branches: &mut Vec<&'p Branch<'a>>) {
        if let Some(post) = post {
            branches.extend(post.conditions.iter().map(|c| &c.branch));
        }
    }
    let mut branches: Vec<&Branch<'_>> = Vec::new();
    post_branches(p.post.as_ref(), &mut branches);
    for stage in all_stages(p) {
        branches.extend(&stage.branches);
        post_branches(stage.post.as_ref(), &mut branches);
        if let Some(m) = &stage.matrix {
            post_branches(m.post.as_ref(), &mut branches);
        }
    }
    for b in branches {
        for s in &b.steps {
            needless_in(s, out);
        }
    }
}

fn needless_in(step: &Step<'_>, out: &mut Vec<Diagnostic>) {
    match &step.kind {
        StepKind::Block(children) => {
            for c in children {
                needless_in(c, out);
            }
        }
        StepKind::Script(closure) if step.name == "script" => {
            if let [only] = closure.body.as_slice()
                && let Some(name) = plain_step(only)
            {
                out.push(
                    with_severity(
                        Diagnostic::error(
                            NEEDLESS_SCRIPT,
                            format!("`script {{ }}` around a single `{name}` step"),
                            step.name_span,
                        ),
                        Severity::Info,
                    )
                    .with_label(format!("only runs `{name}`"))
                    .with_help(format!(
                        "Write the `{name}` step without `script {{ }}` around it: `script` is \
                         for Groovy that declarative steps cannot express, and outside it Jenkins \
                         checks the step's arguments before the build starts."
                    )),
                );
            }
        }
        _ => {}
    }
}

/// Steps declarative `steps` refuse.
/// `library` is left out too: it loads code for Groovy to use.
const NOT_IN_STEPS: &[&str] = &["stage", "properties", "parallel", "script", "library"];

/// The step's name when `stmt` is a call of a known step with literal or GString arguments
/// (and, if it takes a block, a block of such steps): something `steps` takes as it is.
fn plain_step(stmt: &Stmt) -> Option<&str> {
    let StmtKind::Expr(e) = &stmt.kind else {
        return None;
    };
    let ExprKind::Call(c) = &e.kind else {
        return None;
    };
    let name = call_name(c)?;
    if NOT_IN_STEPS.contains(&name) || catalog::step(name).is_none() {
        return None;
    }
    for a in &c.args.items {
        match a {
            Arg::Positional(v) | Arg::Named { value: v, .. } if constant(v) => {}
            _ => return None,
        }
    }
    for closure in &c.args.closures {
        if closure.params.is_some()
            || closure.body.is_empty()
            || !closure.body.iter().all(|s| plain_step(s).is_some())
        {
            return None;
        }
    }
    Some(name)
}

/// A literal or a GString.
fn constant(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Number(_)
        | ExprKind::Str(_)
        | ExprKind::GString(_) => true,
        ExprKind::Unary {
            op: UnaryOp::Neg,
            operand,
        } => matches!(operand.kind, ExprKind::Number(_)),
        ExprKind::Paren(inner) => constant(inner),
        _ => false,
    }
}
