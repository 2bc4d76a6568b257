//! `--show-pod`: the effective pod of every `agent { kubernetes }` of a declarative pipeline,
//! read from the model alone (no Groovy runs): the YAML given as a literal or in `yamlFile`,
//! the templates of `inheritFrom`, a stage's pod nested in its parents' as the plugin nests
//! them, `yamlMergeStrategy`, and the fields the block sets (`namespace`, `serviceAccount`,
//! `nodeSelector`, `activeDeadlineSeconds`). A YAML computed at run time is named as such.

use std::path::Path;

use crate::pipeline::model;
use crate::runtime::executor::kubernetes::agent::{inherit, set_field};
use crate::runtime::executor::kubernetes::pod;
use crate::runtime::options::PodTemplateSource;

/// Where the pipeline's files are and which named templates `inheritFrom` may name.
pub struct Sources<'s> {
    /// The folder holding the Jenkinsfile (`yamlFile` is relative to it).
    pub project: &'s Path,
    /// `.jfrun.toml`'s pod templates.
    pub templates: &'s [(String, PodTemplateSource)],
}

/// Each kubernetes agent of `p`, where it stands (`pipeline`, `stage 'x'`), and its effective
/// pod as YAML, or why it cannot be shown.
#[must_use]
pub fn pods(p: &model::Pipeline<'_>, src: &Sources<'_>) -> Vec<(String, Result<String, String>)> {
    let mut out = Vec::new();
    let parent = visit(p.agent.as_ref(), "pipeline".to_owned(), None, src, &mut out);
    if let Some(stages) = &p.stages {
        for s in &stages.stages {
            stage(s, parent.as_ref(), src, &mut out);
        }
    }
    out
}

fn stage(
    s: &model::Stage<'_>,
    parent: Option<&pod::Template>,
    src: &Sources<'_>,
    out: &mut Vec<(String, Result<String, String>)>,
) {
    let mine = visit(
        s.agent.as_ref(),
        format!("stage '{}'", s.name),
        parent,
        src,
        out,
    );
    let parent = mine.as_ref().or(parent);
    for list in [&s.parallel, &s.stages] {
        for c in list.iter().flat_map(|l| &l.stages) {
            stage(c, parent, src, out);
        }
    }
    if let Some(st) = s.matrix.as_ref().and_then(|m| m.stages.as_ref()) {
        for c in &st.stages {
            stage(c, parent, src, out);
        }
    }
}

/// The template of `agent` when it is a kubernetes one, its effective pod recorded in `out`.
fn visit(
    agent: Option<&model::Agent<'_>>,
    place: String,
    parent: Option<&pod::Template>,
    src: &Sources<'_>,
    out: &mut Vec<(String, Result<String, String>)>,
) -> Option<pod::Template> {
    let agent = agent?;
    if agent.kind.as_ref().map(|k| k.name.as_str()) != Some("kubernetes") {
        return None;
    }
    match template(agent, parent, src) {
        Ok((t, label)) => {
            let shown = pod::effective(&t, "<pod name>", &label).map(|e| pod::to_yaml(&e.pod));
            out.push((place, shown));
            Some(t)
        }
        Err(e) => {
            out.push((place, Err(e)));
            None
        }
    }
}

fn literal(v: &model::Value<'_>, key: &str) -> Result<String, String> {
    match &v.kind {
        model::ValueKind::Literal(l) => Ok(l.display()),
        model::ValueKind::Code(_) => Err(format!(
            "its {key} is computed when the pipeline runs (`jfrun --show-pod` prints it then)"
        )),
    }
}

fn template(
    agent: &model::Agent<'_>,
    parent: Option<&pod::Template>,
    src: &Sources<'_>,
) -> Result<(pod::Template, String), String> {
    let model::AgentConfig::Block(m) = &agent.config else {
        return Err("agent kubernetes without a block".to_owned());
    };
    let mut own = pod::Template::default();
    let mut inherit_from = None;
    let mut label = "<label>".to_owned();
    for (key, value) in &m.entries {
        let model::MapValue::Value(v) = value else {
            continue;
        };
        match key.name.as_str() {
            "yaml" => own.yamls = vec![pod::parse(&literal(v, "yaml")?)?],
            "yamlFile" => {
                let f = literal(v, "yamlFile")?;
                let text = std::fs::read_to_string(src.project.join(&f))
                    .map_err(|e| format!("cannot read yamlFile {f}: {e}"))?;
                own.yamls = vec![pod::parse(&text)?];
            }
            "yamlMergeStrategy" => own.merge = v.display().trim() == "merge()",
            "inheritFrom" => inherit_from = Some(literal(v, "inheritFrom")?.trim().to_owned()),
            "label" => label = literal(v, "label")?,
            k @ ("namespace" | "serviceAccount" | "nodeSelector" | "activeDeadlineSeconds") => {
                set_field(&mut own.fields, k, &literal(v, k)?)?;
            }
            _ => {}
        }
    }
    Ok((
        inherit(own, inherit_from.as_deref(), parent, src.templates)?,
        label,
    ))
}
