//! Pods of the kubernetes plugin: `agent { kubernetes { ... } }` at any level of a declarative
//! pipeline, and scripted `podTemplate(...) { node(POD_LABEL) { ... } }`.
//!
//! - `lint/kubernetes-deprecated-label`: the agent's `label` option, which the plugin
//!   deprecates (pods get a generated label; `inheritFrom` selects configured templates).
//! - `lint/kubernetes-yaml`: a literal `yaml` that does not parse, or is not a Pod. The plugin
//!   reads it when the agent starts, and the build fails (or, for a field outside the Pod's,
//!   the setting is silently dropped).
//! - `lint/kubernetes-container`: `defaultContainer 'x'` or a `container('x') { }` step that
//!   names a container the pod does not have; the step fails when it runs.
//!
//! A pod's containers are known when the file spells them all out: a literal `yaml`, literal
//! container templates, and the parent's containers where the plugin nests one pod template in
//! another (a stage's agent inside the pipeline's, a `podTemplate` inside another), plus the
//! `jnlp` container the plugin adds. `yamlFile`, `inheritFrom 'template'` or code leave them
//! unknown, and nothing is said about containers then.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::Context;
use super::invalid_cron::LiteralMap;
use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::model::{
    Agent, AgentConfig, Literal, MapValue, Matrix, Pipeline, Stage, Stages, Value, ValueKind,
};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Arg, Call, Callee, Expr, ExprKind, MapKey, Script, StmtKind};
use crate::syntax::visit::{Visitor, walk_expr, walk_script};

const DEPRECATED_LABEL: &str = "lint/kubernetes-deprecated-label";
const YAML: &str = "lint/kubernetes-yaml";
const CONTAINER: &str = "lint/kubernetes-container";

/// The container the plugin adds to every pod to run the agent.
const JNLP: &str = "jnlp";

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut k = Checker {
        source: cx.source,
        out,
        constants: constants(cx.script),
        regions: Vec::new(),
        stack: Vec::new(),
    };
    if let Some(p) = cx.pipeline {
        k.pipeline(p);
    }
    walk_script(&mut k, cx.script);
}

/// What the steps at some point of the file run in.
#[derive(Clone, Debug)]
enum Pod {
    /// A pod whose containers are all known.
    Known {
        /// The containers, `jnlp` included.
        names: Vec<String>,
        /// Where the pod's own containers are defined.
        defined: Span,
        /// Its label, as [`label_text`] reads it.
        label: Option<String>,
    },
    /// A pod whose containers the file does not tell.
    Unknown {
        /// Its label, as [`label_text`] reads it.
        label: Option<String>,
    },
    /// Not a Kubernetes pod (another agent, or no agent).
    Outside,
}

impl Pod {
    fn label(&self) -> Option<&str> {
        match self {
            Self::Known { label, .. } | Self::Unknown { label } => label.as_deref(),
            Self::Outside => None,
        }
    }
}

/// Where a pod template takes containers from besides its own.
#[derive(Clone, Copy, PartialEq)]
enum Inherit {
    /// The enclosing pod template (the plugin's default for nested templates).
    Parent,
    /// Nothing: `inheritFrom ''`.
    Nothing,
    /// A template configured in Jenkins.
    Configured,
}

/// A pod template's own parts, as read so far.
struct Parts {
    names: Vec<String>,
    /// Some container comes from somewhere the file does not show.
    unknown: bool,
    defined: Option<Span>,
    inherit: Inherit,
    label: Option<String>,
}

impl Parts {
    fn new() -> Self {
        Self {
            names: Vec::new(),
            unknown: false,
            defined: None,
            inherit: Inherit::Parent,
            label: None,
        }
    }

    fn add(&mut self, names: Option<Vec<String>>, at: Span) {
        match names {
            Some(n) => {
                self.names.extend(n);
                self.defined.get_or_insert(at);
            }
            None => self.unknown = true,
        }
    }

    fn finish(self, parent: &Pod, whole: Span) -> Pod {
        let label = self.label;
        if self.unknown || self.inherit == Inherit::Configured {
            return Pod::Unknown { label };
        }
        let mut names = self.names;
        if self.inherit == Inherit::Parent {
            match parent {
                Pod::Known { names: up, .. } => names.extend(up.iter().cloned()),
                Pod::Unknown { .. } => return Pod::Unknown { label },
                Pod::Outside => {}
            }
        }
        names.push(JNLP.to_owned());
        let mut seen = Vec::new();
        names.retain(|n| {
            let new = !seen.contains(n);
            seen.push(n.clone());
            new
        });
        Pod::Known {
            names,
            defined: self.defined.unwrap_or(whole),
            label,
        }
    }
}

struct Checker<'s, 'o> {
    source: &'s SourceFile,
    out: &'o mut Vec<Diagnostic>,
    /// Top-level variables that hold one string literal for good (`def podYaml = '...'`).
    constants: HashMap<String, &'s Expr>,
    /// Parts of a declarative pipeline (the pipeline, stages, matrices with an agent) and the
    /// pod their steps run in.
    regions: Vec<(Span, Pod)>,
    /// The pod templates of scripted code around the current point, innermost last.
    stack: Vec<Pod>,
}

// ------------------------------------------------------------------ declarative agents

impl Checker<'_, '_> {
    fn pipeline(&mut self, p: &Pipeline<'_>) {
        let top = match &p.agent {
            Some(a) => {
                let pod = self.agent(a, &Pod::Outside);
                self.regions.push((p.span, pod.clone()));
                pod
            }
            None => Pod::Outside,
        };
        if let Some(s) = &p.stages {
            self.stages(s, &top);
        }
    }

    fn stages(&mut self, s: &Stages<'_>, parent: &Pod) {
        for stage in &s.stages {
            self.stage(stage, parent);
        }
    }

    fn stage(&mut self, stage: &Stage<'_>, parent: &Pod) {
        let pod = match &stage.agent {
            Some(a) => {
                let pod = self.agent(a, parent);
                self.regions.push((stage.span, pod.clone()));
                pod
            }
            None => parent.clone(),
        };
        for nested in [&stage.stages, &stage.parallel].into_iter().flatten() {
            self.stages(nested, &pod);
        }
        if let Some(m) = &stage.matrix {
            self.matrix(m, &pod);
        }
    }

    fn matrix(&mut self, m: &Matrix<'_>, parent: &Pod) {
        let pod = match &m.agent {
            Some(a) => {
                let pod = self.agent(a, parent);
                self.regions.push((m.span, pod.clone()));
                pod
            }
            None => parent.clone(),
        };
        if let Some(s) = &m.stages {
            self.stages(s, &pod);
        }
    }

    /// The pod of an `agent` section (reporting what is wrong with it).
    fn agent(&mut self, agent: &Agent<'_>, parent: &Pod) -> Pod {
        let Some(kind) = &agent.kind else {
            return Pod::Outside;
        };
        if kind.name != "kubernetes" {
            return Pod::Outside;
        }
        let AgentConfig::Block(map) = &agent.config else {
            return Pod::Unknown { label: None };
        };
        let mut parts = Parts::new();
        let mut default_container = None;
        for (key, entry) in &map.entries {
            let value = match entry {
                MapValue::Value(v) => Some(v),
                MapValue::Block(_) => None,
            };
            match key.name.as_str() {
                "label" => {
                    self.out.push(
                        warning(
                            DEPRECATED_LABEL,
                            "`label` is deprecated in the kubernetes agent",
                            key.span,
                        )
                        .with_label("deprecated option")
                        .with_help(
                            "The plugin gives each pod a generated label and runs the stage on \
                             it, so `label` is not needed; to start from a pod template \
                             configured in Jenkins, name it with `inheritFrom 'template-name'`.",
                        ),
                    );
                    parts.label = value
                        .and_then(|v| v.expr)
                        .map(|e| label_text(self.source, e));
                }
                "yaml" => match value.and_then(|v| v.expr).map(|e| self.resolve(e)) {
                    Some(e) if matches!(e.kind, ExprKind::Str(_)) => {
                        let (names, listed) = self.yaml(e);
                        parts.add(names, listed.unwrap_or(key.span));
                    }
                    _ => parts.unknown = true,
                },
                "yamlFile" => parts.unknown = true,
                "inheritFrom" => parts.inherit = inherit_from(value.and_then(|v| v.expr)),
                "containerTemplate" => {
                    let names = match entry {
                        MapValue::Block(m) => match m.get("name") {
                            Some(MapValue::Value(v)) => literal_str(v).map(|n| vec![n.to_owned()]),
                            _ => None,
                        },
                        MapValue::Value(v) => v.expr.and_then(template_names),
                    };
                    parts.add(names, key.span);
                }
                "containerTemplates" => {
                    let names = value.and_then(|v| v.expr).and_then(template_names);
                    parts.add(names, key.span);
                }
                "agentContainer" => {
                    if let Some(n) = value.and_then(literal_str) {
                        parts.names.push(n.to_owned());
                    }
                }
                "defaultContainer" => {
                    if let Some(v) = value
                        && let Some(n) = literal_str(v)
                    {
                        default_container = Some((n.to_owned(), v.span));
                    }
                }
                _ => {}
            }
        }
        let pod = parts.finish(parent, agent.span);
        if let Some((name, at)) = default_container
            && let Pod::Known { names, defined, .. } = &pod
            && !names.contains(&name)
        {
            self.out.push(
                warning(
                    CONTAINER,
                    format!("`defaultContainer` names a container the pod does not have: `{name}`"),
                    at,
                )
                .with_label("no such container in this pod")
                .with_related(*defined, "the pod's containers are defined here")
                .with_help(format!(
                    "Every step of the agent would run in `{name}` and fail. The pod has {}.",
                    list(names)
                )),
            );
        }
        pod
    }
}

fn literal_str<'v>(v: &'v Value<'_>) -> Option<&'v str> {
    match &v.kind {
        ValueKind::Literal(Literal::Str(s)) => Some(s),
        _ => None,
    }
}

/// `inheritFrom ''` (or blank) turns inheritance off; any other value names a template.
fn inherit_from(e: Option<&Expr>) -> Inherit {
    match e.map(|e| &strip_parens(e).kind) {
        Some(ExprKind::Str(s)) if s.trim().is_empty() => Inherit::Nothing,
        _ => Inherit::Configured,
    }
}

/// Variables declared at the top of the script with a string literal and never assigned again.
fn constants(script: &Script) -> HashMap<String, &Expr> {
    let mut found: HashMap<String, Option<&Expr>> = HashMap::new();
    for s in &script.statements {
        let StmtKind::VarDecl(d) = &s.kind else {
            continue;
        };
        for decl in &d.declarators {
            let init = decl
                .init
                .as_ref()
                .map(strip_parens)
                .filter(|e| matches!(e.kind, ExprKind::Str(_)));
            found
                .entry(decl.name.name.clone())
                .and_modify(|v| *v = None)
                .or_insert(init);
        }
    }
    let mut assigned = Assigned(Vec::new());
    walk_script(&mut assigned, script);
    found
        .into_iter()
        .filter(|(name, _)| !assigned.0.contains(name))
        .filter_map(|(name, e)| Some((name, e?)))
        .collect()
}

/// The names of variables assigned with `=` anywhere.
struct Assigned(Vec<String>);

impl Visitor for Assigned {
    fn visit_expr(&mut self, expr: &Expr) {
        if let ExprKind::Assign { target, .. } = &expr.kind
            && let ExprKind::Ident(name) = &strip_parens(target).kind
        {
            self.0.push(name.clone());
        }
        walk_expr(self, expr);
    }
}

/// Container names of `containerTemplate(name: 'x', ...)` or a list of them; `None` when any
/// is not spelled out.
fn template_names(e: &Expr) -> Option<Vec<String>> {
    match &strip_parens(e).kind {
        ExprKind::List(items) => {
            let mut names = Vec::new();
            for i in items {
                names.extend(template_names(i)?);
            }
            Some(names)
        }
        ExprKind::Call(c) if call_name(c) == Some("containerTemplate") => {
            let name = c.args.items.iter().find_map(|a| match a {
                Arg::Named {
                    key: MapKey::Name(k),
                    value,
                } if k.name == "name" => Some(value),
                _ => None,
            })?;
            match &strip_parens(name).kind {
                ExprKind::Str(s) => Some(vec![s.clone()]),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A label as the file gives it: a string's value, or other code's text.
fn label_text(source: &SourceFile, e: &Expr) -> String {
    match &strip_parens(e).kind {
        ExprKind::Str(s) => s.clone(),
        _ => source.slice(e.span).to_owned(),
    }
}

fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(inner) => strip_parens(inner),
        _ => e,
    }
}

fn call_name(call: &Call) -> Option<&str> {
    match &call.callee {
        Callee::Name(id) => Some(&id.name),
        _ => None,
    }
}

fn warning(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
    let mut d = Diagnostic::error(code, message, span);
    d.severity = Severity::Warning;
    d
}

/// `` `jnlp`, `maven` and `docker` ``.
fn list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => "no containers".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

// ------------------------------------------------------------------ scripted pod templates

impl Visitor for Checker<'_, '_> {
    fn visit_expr(&mut self, expr: &Expr) {
        if let ExprKind::Call(c) = &expr.kind {
            match call_name(c) {
                Some("podTemplate") if !c.args.closures.is_empty() => {
                    let parent = self.current(expr.span);
                    let pod = self.pod_template(c, &parent, expr.span);
                    self.nested(c, pod);
                    return;
                }
                Some("node") if !c.args.closures.is_empty() => {
                    let current = self.current(expr.span);
                    if !matches!(current, Pod::Outside) && !runs_on_pod(self.source, c, &current) {
                        self.nested(c, Pod::Outside);
                        return;
                    }
                }
                Some("container") => self.container(c),
                _ => {}
            }
        }
        walk_expr(self, expr);
    }
}

/// Whether `node(...)` inside a pod template runs on the pod: `node(POD_LABEL)`, or the
/// template's own label.
fn runs_on_pod(source: &SourceFile, node: &Call, pod: &Pod) -> bool {
    let arg = node.args.items.iter().find_map(|a| match a {
        Arg::Positional(e) => Some(e),
        Arg::Named {
            key: MapKey::Name(k),
            value,
        } if k.name == "label" => Some(value),
        _ => None,
    });
    let Some(arg) = arg else { return false };
    let text = label_text(source, arg);
    text.contains("POD_LABEL") || pod.label() == Some(text.as_str())
}

impl<'s> Checker<'s, '_> {
    /// The string literal a variable stands for, or the expression itself.
    fn resolve<'e>(&self, e: &'e Expr) -> &'e Expr
    where
        's: 'e,
    {
        match &strip_parens(e).kind {
            ExprKind::Ident(name) => self.constants.get(name).copied().unwrap_or(e),
            _ => e,
        }
    }

    /// The pod code at `span` runs in.
    fn current(&self, span: Span) -> Pod {
        if let Some(p) = self.stack.last() {
            return p.clone();
        }
        self.regions
            .iter()
            .filter(|(r, _)| r.start <= span.start && span.end <= r.end)
            .min_by_key(|(r, _)| r.len())
            .map_or(Pod::Outside, |(_, p)| p.clone())
    }

    /// Visits a call's arguments, then its closures inside `pod`.
    fn nested(&mut self, c: &Call, pod: Pod) {
        for a in &c.args.items {
            match a {
                Arg::Positional(e) | Arg::SpreadMap(e) | Arg::Named { value: e, .. } => {
                    self.visit_expr(e);
                }
            }
        }
        self.stack.push(pod);
        for closure in &c.args.closures {
            for s in &closure.body {
                self.visit_stmt(s);
            }
        }
        self.stack.pop();
    }

    /// The pod of `podTemplate(...)` (reporting what is wrong with its `yaml`).
    fn pod_template(&mut self, c: &Call, parent: &Pod, whole: Span) -> Pod {
        let mut parts = Parts::new();
        for a in &c.args.items {
            let Arg::Named {
                key: MapKey::Name(k),
                value,
            } = a
            else {
                parts.unknown = true;
                continue;
            };
            let value = strip_parens(value);
            match k.name.as_str() {
                "yaml" => {
                    let value = self.resolve(value);
                    if matches!(value.kind, ExprKind::Str(_)) {
                        let (names, listed) = self.yaml(value);
                        parts.add(names, listed.unwrap_or(k.span));
                    } else {
                        parts.unknown = true;
                    }
                }
                "yamlFile" => parts.unknown = true,
                "containers" => parts.add(template_names(value), k.span),
                "inheritFrom" => parts.inherit = inherit_from(Some(value)),
                "label" => parts.label = Some(label_text(self.source, value)),
                "agentContainer" => {
                    if let ExprKind::Str(s) = &value.kind {
                        parts.names.push(s.clone());
                    }
                }
                _ => {}
            }
        }
        parts.finish(parent, whole)
    }

    /// `container('x') { }` or `container(name: 'x') { }`.
    fn container(&mut self, c: &Call) {
        let arg = c.args.items.iter().find_map(|a| match a {
            Arg::Positional(e) => Some(e),
            Arg::Named {
                key: MapKey::Name(k),
                value,
            } if k.name == "name" => Some(value),
            _ => None,
        });
        let Some(arg) = arg.map(strip_parens) else {
            return;
        };
        let ExprKind::Str(name) = &arg.kind else {
            return;
        };
        let Pod::Known { names, defined, .. } = self.current(arg.span) else {
            return;
        };
        if names.contains(name) {
            return;
        }
        self.out.push(
            warning(
                CONTAINER,
                format!("The pod has no container `{name}`"),
                arg.span,
            )
            .with_label("no such container in this pod")
            .with_related(defined, "the pod's containers are defined here")
            .with_help(format!(
                "The step fails when it runs, as the container does not exist. The pod has {}.",
                list(&names)
            )),
        );
    }
}

// ------------------------------------------------------------------ the pod's YAML

impl Checker<'_, '_> {
    /// Checks a literal `yaml` string; the container names it defines (`None` when they
    /// cannot be told), and where it lists them.
    fn yaml(&mut self, e: &Expr) -> (Option<Vec<String>>, Option<Span>) {
        let ExprKind::Str(text) = &e.kind else {
            return (None, None);
        };
        let map = LiteralMap::new(self.source, e);
        let at = |m: Marker, len: usize| match &map {
            Some(map) => yaml_span(text, map, m, len),
            None => e.span,
        };
        let docs = match parse(text) {
            Ok(docs) => docs,
            Err((info, m)) => {
                self.out.push(
                    Diagnostic::error(
                        YAML,
                        format!("The pod's `yaml` is not valid YAML: {info}"),
                        at(m, 1),
                    )
                    .with_label("the YAML parser stops here")
                    .with_help(
                        "The kubernetes plugin parses this YAML when the agent starts and \
                             fails the build if it cannot: indent with spaces (YAML refuses \
                             tabs) and keep the keys of one mapping in one column.",
                    ),
                );
                return (None, None);
            }
        };
        let Some(doc) = docs.first() else {
            return (Some(Vec::new()), None);
        };
        let (problems, names) = pod_shape(doc);
        let listed = doc
            .get("spec")
            .and_then(|s| s.key("containers"))
            .map(|k| at(k.at(), "containers".len()));
        for p in problems {
            let mut d = Diagnostic::error(YAML, p.message, at(p.at, p.len)).with_label(p.label);
            if p.ignored {
                d.severity = Severity::Warning;
            }
            if let Some(h) = p.help {
                d = d.with_help(h);
            }
            self.out.push(d);
        }
        (names, listed)
    }
}

/// The span in the file of `len` characters at a YAML position inside a literal.
fn yaml_span(text: &str, map: &LiteralMap, m: Marker, len: usize) -> Span {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(m.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let line = text[line_start.min(text.len())..]
        .split('\n')
        .next()
        .unwrap_or_default();
    let col = line
        .char_indices()
        .nth(m.col())
        .map_or(line.len(), |(i, _)| i);
    let width: usize = line[col..]
        .chars()
        .take(len.max(1))
        .map(char::len_utf8)
        .sum();
    let start = line_start + col;
    map.span(start, start + width)
}

/// A YAML node with the position it starts at.
#[derive(Clone, Debug)]
enum Node {
    Scalar(String, Marker),
    Seq(Vec<Node>, Marker),
    Map(Vec<(Node, Node)>, Marker),
}

impl Node {
    /// Where to point at the node: a collection by its first element.
    fn at(&self) -> Marker {
        match self {
            Self::Scalar(_, m) => *m,
            Self::Seq(items, m) => items.first().map_or(*m, Node::at),
            Self::Map(entries, m) => entries.first().map_or(*m, |(k, _)| k.at()),
        }
    }

    fn scalar(&self) -> Option<&str> {
        match self {
            Self::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.scalar(), Some("" | "~" | "null" | "Null" | "NULL"))
    }

    fn entry(&self, key: &str) -> Option<&(Node, Node)> {
        match self {
            Self::Map(entries, _) => entries.iter().find(|(k, _)| k.scalar() == Some(key)),
            _ => None,
        }
    }

    fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node of `key`.
    fn key(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(k, _)| k)
    }

    fn what(&self) -> &'static str {
        match self {
            Self::Scalar(..) => "a scalar",
            Self::Seq(..) => "a list",
            Self::Map(..) => "a mapping",
        }
    }
}

/// An open collection while the tree is built.
enum Frame {
    Seq(Vec<Node>, Marker, usize),
    Map(Vec<(Node, Node)>, Option<Node>, Marker, usize),
}

/// Collections nested deeper than this are kept as empty scalars: a pod needs a few levels, and
/// the tree is walked recursively.
const MAX_DEPTH: usize = 64;

/// Nodes built at most, aliases expanded: a few aliases can stand for an exponential tree.
const MAX_NODES: usize = 100_000;

/// Builds [`Node`] trees from the parser's events, resolving aliases.
#[derive(Default)]
struct Builder {
    docs: Vec<Node>,
    stack: Vec<Frame>,
    /// Anchored nodes with their sizes.
    anchors: HashMap<usize, (Node, usize)>,
    /// How deep inside a collection past [`MAX_DEPTH`] the events are.
    skipped: usize,
    /// Nodes built so far.
    nodes: usize,
}

impl Builder {
    fn push(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            let size = size(&node);
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(Frame::Seq(items, ..)) => items.push(node),
            Some(Frame::Map(entries, key, ..)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }

    /// Opens a collection, or starts skipping one that is too deep.
    fn open(&mut self, frame: Frame, mark: Marker) {
        if self.skipped == 0 && self.stack.len() < MAX_DEPTH {
            self.stack.push(frame);
            return;
        }
        if self.skipped == 0 {
            self.push(Node::Scalar(String::new(), mark), 0);
        }
        self.skipped += 1;
    }
}

/// The number of nodes in a tree.
fn size(node: &Node) -> usize {
    match node {
        Node::Scalar(..) => 1,
        Node::Seq(items, _) => 1 + items.iter().map(size).sum::<usize>(),
        Node::Map(entries, _) => {
            1 + entries
                .iter()
                .map(|(k, v)| size(k) + size(v))
                .sum::<usize>()
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.skipped > 0 {
            match ev {
                Event::SequenceStart(..) | Event::MappingStart(..) => self.skipped += 1,
                Event::SequenceEnd | Event::MappingEnd => self.skipped -= 1,
                _ => {}
            }
            return;
        }
        match ev {
            Event::Scalar(s, _, anchor, _) => {
                self.nodes += 1;
                self.push(Node::Scalar(s, mark), anchor);
            }
            Event::Alias(id) => {
                let node = match self.anchors.get(&id) {
                    Some((node, size)) if self.nodes + size <= MAX_NODES => {
                        self.nodes += size;
                        node.clone()
                    }
                    _ => Node::Scalar(String::new(), mark),
                };
                self.push(node, 0);
            }
            Event::SequenceStart(anchor, _) => {
                self.open(Frame::Seq(Vec::new(), mark, anchor), mark);
            }
            Event::MappingStart(anchor, _) => {
                self.open(Frame::Map(Vec::new(), None, mark, anchor), mark);
            }
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Seq(items, m, anchor)) => {
                    self.nodes += 1;
                    self.push(Node::Seq(items, m), anchor);
                }
                Some(Frame::Map(entries, _, m, anchor)) => {
                    self.nodes += 1;
                    self.push(Node::Map(entries, m), anchor);
                }
                None => {}
            },
            _ => {}
        }
    }
}

/// The documents of a YAML text, or the parser's complaint and where.
fn parse(text: &str) -> Result<Vec<Node>, (String, Marker)> {
    let mut b = Builder::default();
    let mut parser = Parser::new_from_str(text);
    parser
        .load(&mut b, true)
        .map_err(|e| (e.info().to_owned(), *e.marker()))?;
    Ok(b.docs)
}

/// Something about the YAML that is not a Pod.
struct Problem {
    /// A field Kubernetes ignores: worth a warning, not a failed build.
    ignored: bool,
    message: String,
    label: String,
    help: Option<String>,
    at: Marker,
    len: usize,
}

impl Problem {
    fn at(node: &Node, message: String, label: &str, help: Option<String>) -> Self {
        Self {
            ignored: false,
            message,
            label: label.to_owned(),
            help,
            at: node.at(),
            len: node.scalar().map_or(1, |s| s.chars().count()),
        }
    }
}

/// Fields of a Pod's `metadata` people put at the top level.
const METADATA_FIELDS: &[&str] = &["annotations", "generateName", "labels", "name", "namespace"];

/// Fields of a Pod's `spec` people put at the top level.
const SPEC_FIELDS: &[&str] = &[
    "affinity",
    "containers",
    "dnsPolicy",
    "hostNetwork",
    "imagePullSecrets",
    "initContainers",
    "nodeName",
    "nodeSelector",
    "priorityClassName",
    "restartPolicy",
    "securityContext",
    "serviceAccount",
    "serviceAccountName",
    "tolerations",
    "volumes",
];

/// Checks that `doc` is a Pod; its containers' names, `None` when they cannot be told.
fn pod_shape(doc: &Node) -> (Vec<Problem>, Option<Vec<String>>) {
    let mut problems = Vec::new();
    let Node::Map(entries, _) = doc else {
        if doc.is_null() {
            return (problems, Some(Vec::new()));
        }
        problems.push(Problem::at(
            doc,
            format!("The pod's `yaml` is {}, not a Pod", doc.what()),
            "the kubernetes plugin reads this YAML as a Pod",
            Some(
                "Write a Pod: `apiVersion: v1`, `kind: Pod`, and `spec:` with `containers:`."
                    .to_owned(),
            ),
        ));
        return (problems, None);
    };
    let mut names = Some(Vec::new());
    for (k, v) in entries {
        let Some(key) = k.scalar() else { continue };
        match key {
            "apiVersion" | "metadata" | "status" => {}
            "kind" => {
                let kind = v.scalar().unwrap_or_default();
                if kind != "Pod" {
                    problems.push(Problem::at(
                        v,
                        format!("The pod's `yaml` describes a `{kind}`, not a Pod"),
                        "the kubernetes plugin reads this YAML as a Pod",
                        Some(
                            "The agent's YAML is the one Pod the build runs in: write \
                             `kind: Pod` (or leave `kind` out) and put the containers under \
                             `spec.containers`."
                                .to_owned(),
                        ),
                    ));
                    names = None;
                }
            }
            "spec" => {
                let found = spec(v, &mut problems);
                if names.is_some() {
                    names = found;
                }
            }
            _ => {
                let help = if SPEC_FIELDS.contains(&key) {
                    format!("`{key}` belongs under `spec:`, indented one level deeper.")
                } else if METADATA_FIELDS.contains(&key) {
                    format!("`{key}` belongs under `metadata:`, indented one level deeper.")
                } else {
                    "A Pod's fields are `apiVersion`, `kind`, `metadata` and `spec`.".to_owned()
                };
                let mut p = Problem::at(
                    k,
                    format!("A Pod has no field `{key}`: Kubernetes ignores it"),
                    "not a field of a Pod",
                    Some(help),
                );
                p.ignored = true;
                problems.push(p);
                if key == "containers" {
                    names = None;
                }
            }
        }
    }
    (problems, names)
}

/// Checks a Pod's `spec`; the names of its containers.
fn spec(node: &Node, problems: &mut Vec<Problem>) -> Option<Vec<String>> {
    if node.is_null() {
        return Some(Vec::new());
    }
    if !matches!(node, Node::Map(..)) {
        problems.push(Problem::at(
            node,
            format!("The Pod's `spec` is {}, not a mapping", node.what()),
            "expected `key: value` lines here",
            None,
        ));
        return None;
    }
    let Some(containers) = node.get("containers") else {
        return Some(Vec::new());
    };
    if containers.is_null() {
        return Some(Vec::new());
    }
    let Node::Seq(items, _) = containers else {
        problems.push(Problem::at(
            containers,
            format!("`spec.containers` is {}, not a list", containers.what()),
            "expected a list of containers",
            Some(
                "Write each container as a list item: `- name: maven` then its `image:`."
                    .to_owned(),
            ),
        ));
        return None;
    };
    let mut names = Some(Vec::new());
    for item in items {
        let merged = || match item.get("<<")? {
            Node::Seq(parents, _) => parents
                .iter()
                .find_map(|p| p.get("name").and_then(Node::scalar)),
            parent => parent.get("name").and_then(Node::scalar),
        };
        match item.get("name").and_then(Node::scalar).or_else(merged) {
            Some(n) => {
                if let Some(names) = &mut names {
                    names.push(n.to_owned());
                }
            }
            None if item.get("<<").is_some() => names = None,
            None => {
                let message = if matches!(item, Node::Map(..)) {
                    "A container in `spec.containers` has no `name`".to_owned()
                } else {
                    format!(
                        "A container in `spec.containers` is {}, not a mapping",
                        item.what()
                    )
                };
                problems.push(Problem::at(
                    item,
                    message,
                    "every container needs a `name`",
                    Some(
                        "Kubernetes refuses a pod whose containers have no name, and \
                         `container('...')` steps select containers by it."
                            .to_owned(),
                    ),
                ));
                names = None;
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::{MAX_NODES, Node, parse, pod_shape, size};

    #[test]
    fn aliases_are_expanded_within_a_budget() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = format!("*a{}", i - 1);
            let items = [p.as_str(); 10].join(", ");
            text.push_str(
                &[
                    "a",
                    &i.to_string(),
                    ": &a",
                    &i.to_string(),
                    " [",
                    &items,
                    "]\n",
                ]
                .concat(),
            );
        }
        let docs = parse(&text).expect("valid YAML");
        assert!(docs.iter().map(size).sum::<usize>() <= MAX_NODES + 1000);
    }

    #[test]
    fn deep_nesting_is_cut() {
        let text = format!("{}x{}", "[".repeat(200), "]".repeat(200));
        // The parser itself refuses flow nesting past 255 levels; below that, the tree is cut.
        let docs = parse(&text).expect("valid YAML");
        let mut depth = 0;
        let mut node = docs.first().expect("a document");
        while let Node::Seq(items, _) = node {
            depth += 1;
            node = items.first().expect("one item");
        }
        assert!(depth <= 64);
    }

    #[test]
    fn container_names_are_read() {
        let docs = parse("kind: Pod\nspec:\n  containers:\n  - name: a\n  - name: b\n")
            .expect("valid YAML");
        let (problems, names) = pod_shape(docs.first().expect("a document"));
        assert!(problems.is_empty());
        assert_eq!(names, Some(vec!["a".to_owned(), "b".to_owned()]));
    }

    #[test]
    fn merge_keys_give_names() {
        let docs = parse(
            "spec:\n  containers:\n  - &base {name: a, image: x}\n  - <<: *base\n    name: b\n  - <<: [*base]\n",
        )
        .expect("valid YAML");
        let (problems, names) = pod_shape(docs.first().expect("a document"));
        assert!(problems.is_empty());
        let names = names.expect("names");
        assert_eq!(names, vec!["a".to_owned(), "b".to_owned(), "a".to_owned()]);
    }
}
