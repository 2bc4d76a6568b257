//! The containers of the pod templates a file defines, for completion inside `container('…')`
//! and `defaultContainer '…'`: a scripted `podTemplate(yaml: …, yamlFile: …, containers:
//! [containerTemplate(name: …)]) { }`, whose scope is its block, and a declarative
//! `agent { kubernetes { yaml …; yamlFile … } }`, whose scope is its stage or pipeline.
//! Every pod also has `jnlp`, the agent's own container.

use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

use crate::source::Span;
use crate::syntax::ast::{Arg, Call, Callee, Expr, ExprKind, MapKey, Script, StmtKind};
use crate::syntax::visit::{Visitor, walk_expr, walk_script};

/// A container of a pod template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Container {
    /// Its name.
    pub name: String,
    /// Its image, when the template gives one.
    pub image: Option<String>,
}

/// The containers usable at byte `at` of the file: those of the innermost pod template whose
/// scope holds `at`, or of every template when none does, then `jnlp`. `dir` is the file's
/// folder, for `yamlFile`.
#[must_use]
pub fn containers_at(script: &Script, at: usize, dir: Option<&Path>) -> Vec<Container> {
    let mut finder = Finder {
        dir,
        calls: Vec::new(),
        templates: Vec::new(),
    };
    walk_script(&mut finder, script);
    let inner = finder
        .templates
        .iter()
        .filter(|t| t.scope.start as usize <= at && at <= t.scope.end as usize)
        .min_by_key(|t| t.scope.end - t.scope.start);
    let mut out: Vec<Container> = match inner {
        Some(t) => t.containers.clone(),
        None => finder
            .templates
            .iter()
            .flat_map(|t| t.containers.clone())
            .collect(),
    };
    out.push(Container {
        name: "jnlp".to_owned(),
        image: None,
    });
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert(c.name.clone()));
    out
}

struct Template {
    scope: Span,
    containers: Vec<Container>,
}

struct Finder<'d> {
    dir: Option<&'d Path>,
    /// The named calls enclosing the walk, with their spans.
    calls: Vec<(String, Span)>,
    templates: Vec<Template>,
}

impl Finder<'_> {
    fn pod_template(&mut self, call: &Call, span: Span) {
        let mut containers = Vec::new();
        for arg in &call.args.items {
            let Arg::Named {
                key: MapKey::Name(key),
                value,
            } = arg
            else {
                continue;
            };
            match key.name.as_str() {
                "yaml" => containers.extend(string(value).map_or_else(Vec::new, from_yaml)),
                "yamlFile" => containers.extend(self.yaml_file(value)),
                "containers" => {
                    if let ExprKind::List(items) = &value.kind {
                        containers.extend(items.iter().filter_map(container_template));
                    }
                }
                _ => {}
            }
        }
        self.templates.push(Template {
            scope: span,
            containers,
        });
    }

    /// `kubernetes { yaml '…'; yamlFile '…' }` directly inside `agent`.
    fn kubernetes_agent(&mut self, call: &Call) {
        let Some(scope) = self
            .calls
            .iter()
            .rev()
            .find(|(n, _)| n == "stage" || n == "pipeline")
            .map(|(_, s)| *s)
        else {
            return;
        };
        let mut containers = Vec::new();
        for closure in &call.args.closures {
            for stmt in &closure.body {
                let StmtKind::Expr(e) = &stmt.kind else {
                    continue;
                };
                let ExprKind::Call(inner) = &e.kind else {
                    continue;
                };
                let Callee::Name(id) = &inner.callee else {
                    continue;
                };
                let Some(Arg::Positional(value)) = inner.args.items.first() else {
                    continue;
                };
                match id.name.as_str() {
                    "yaml" => containers.extend(string(value).map_or_else(Vec::new, from_yaml)),
                    "yamlFile" => containers.extend(self.yaml_file(value)),
                    _ => {}
                }
            }
        }
        self.templates.push(Template { scope, containers });
    }

    fn yaml_file(&self, value: &Expr) -> Vec<Container> {
        let (Some(dir), Some(name)) = (self.dir, string(value)) else {
            return Vec::new();
        };
        std::fs::read_to_string(dir.join(name))
            .map(|text| from_yaml(&text))
            .unwrap_or_default()
    }
}

impl Visitor for Finder<'_> {
    fn visit_expr(&mut self, expr: &Expr) {
        if let ExprKind::Call(call) = &expr.kind
            && let Callee::Name(id) = &call.callee
        {
            match id.name.as_str() {
                "podTemplate" => self.pod_template(call, expr.span),
                "kubernetes" if self.calls.last().is_some_and(|(n, _)| n == "agent") => {
                    self.kubernetes_agent(call);
                }
                _ => {}
            }
            self.calls.push((id.name.clone(), expr.span));
            walk_expr(self, expr);
            self.calls.pop();
            return;
        }
        walk_expr(self, expr);
    }
}

fn string(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Str(s) => Some(s),
        _ => None,
    }
}

/// `containerTemplate(name: 'x', image: 'y', ...)`.
fn container_template(e: &Expr) -> Option<Container> {
    let ExprKind::Call(call) = &e.kind else {
        return None;
    };
    let mut name = None;
    let mut image = None;
    for arg in &call.args.items {
        if let Arg::Named {
            key: MapKey::Name(key),
            value,
        } = arg
        {
            match key.name.as_str() {
                "name" => name = string(value).map(str::to_owned),
                "image" => image = string(value).map(str::to_owned),
                _ => {}
            }
        }
    }
    Some(Container { name: name?, image })
}

/// The containers of a pod written in YAML (`spec.containers`), indented as a multi-line
/// string in the file may be.
fn from_yaml(text: &str) -> Vec<Container> {
    let Ok(docs) = YamlLoader::load_from_str(&dedent(text)) else {
        return Vec::new();
    };
    let Some(Yaml::Array(list)) = docs.first().map(|d| &d["spec"]["containers"]) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|c| {
            Some(Container {
                name: c["name"].as_str()?.to_owned(),
                image: c["image"].as_str().map(str::to_owned),
            })
        })
        .collect()
}

fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn names(text: &str, at: &str, dir: Option<&Path>) -> Vec<String> {
        let parsed = crate::syntax::parse(&SourceFile::new("Jenkinsfile", text));
        let script = parsed.script.expect("parses");
        containers_at(&script, text.find(at).expect("marker"), dir)
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn declarative_agents_by_stage_and_scripted_templates_by_block() {
        let text = r"pipeline {
    agent {
        kubernetes {
            yaml '''
                apiVersion: v1
                kind: Pod
                spec:
                  containers:
                  - name: maven
                    image: maven:3
                  - name: docker
                    image: docker:27
            '''
        }
    }
    stages {
        stage('Test') {
            agent { kubernetes { yamlFile 'pods/node.yaml' } }
            steps { container('NODE') { sh 'npm test' } }
        }
        stage('Build') {
            steps { container('BUILD') { sh 'mvn package' } }
        }
    }
}
podTemplate(containers: [containerTemplate(name: 'golang', image: 'golang:1.22', command: 'cat')]) {
    node(POD_LABEL) { container('GO') { sh 'go test' } }
}
";
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("pods")).expect("mkdir");
        std::fs::write(
            dir.path().join("pods/node.yaml"),
            "spec:\n  containers:\n  - name: node\n    image: node:20\n",
        )
        .expect("write");
        assert_eq!(names(text, "NODE", Some(dir.path())), ["node", "jnlp"]);
        assert_eq!(
            names(text, "BUILD", Some(dir.path())),
            ["maven", "docker", "jnlp"]
        );
        assert_eq!(names(text, "GO", None), ["golang", "jnlp"]);
    }
}
