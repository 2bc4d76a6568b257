//! `matrix { }`: one cell per combination of the axes' values, minus the excluded ones, run
//! in parallel; each cell sees its axis values as environment variables and runs the matrix's
//! `when`, agent, environment, stages and `post`.

use super::{Run, environment, post, stage, when};
use crate::eval::error::{Eval, Signal};
use crate::eval::value::Value;
use crate::pipeline::model;
use crate::runtime::result::BuildResult;
use crate::runtime::{context, describable, interrupt};

/// The axis values of every cell, in Jenkins' order (the first axis varies slowest).
fn cells<'a>(
    run: &Run<'_, '_, 'a>,
    m: &model::Matrix<'a>,
) -> Result<Vec<Vec<(String, String)>>, Signal<'a>> {
    let mut out: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for axis in m
        .axes
        .as_ref()
        .map(|a| a.axes.as_slice())
        .unwrap_or_default()
    {
        let name = axis.name.as_ref().map_or(String::new(), |k| k.name.clone());
        let mut values = Vec::new();
        for v in &axis.values {
            let v = describable::value(run.c.i, &run.scope, v)?;
            values.push(run.c.i.to_s(&v)?);
        }
        out = out
            .into_iter()
            .flat_map(|cell| {
                let name = name.clone();
                values.iter().map(move |v| {
                    let mut c = cell.clone();
                    c.push((name.clone(), v.clone()));
                    c
                })
            })
            .collect();
    }
    let mut excluded = Vec::new();
    for ex in m
        .excludes
        .as_ref()
        .map(|e| e.excludes.as_slice())
        .unwrap_or_default()
    {
        let mut rules = Vec::new();
        for axis in &ex.axes {
            let name = axis.name.as_ref().map_or(String::new(), |k| k.name.clone());
            let mut values = Vec::new();
            for v in &axis.values {
                let v = describable::value(run.c.i, &run.scope, v)?;
                values.push(run.c.i.to_s(&v)?);
            }
            rules.push((name, values, axis.inverse));
        }
        excluded.push(rules);
    }
    out.retain(|cell| {
        !excluded.iter().any(|rules| {
            rules.iter().all(|(name, values, inverse)| {
                let v = cell.iter().find(|(k, _)| k == name).map(|(_, v)| v);
                let listed = v.is_some_and(|v| values.contains(v));
                if *inverse { !listed } else { listed }
            })
        })
    });
    Ok(out)
}

/// A cell's name, as Jenkins names its branch: `Matrix - OS = 'linux', JDK = '17'`.
fn label(cell: &[(String, String)]) -> String {
    format!(
        "Matrix - {}",
        cell.iter()
            .map(|(k, v)| format!("{k} = '{v}'"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The names of the matrix's cells (none when its axes cannot be computed).
pub fn cell_labels<'a>(run: &Run<'_, '_, 'a>, m: &model::Matrix<'a>) -> Vec<String> {
    cells(run, m)
        .map(|cells| cells.iter().map(|c| label(c)).collect())
        .unwrap_or_default()
}

/// Runs the matrix of stage `s`.
pub fn run<'a>(run: &Run<'_, '_, 'a>, s: &model::Stage<'a>, m: &model::Matrix<'a>) -> Eval<'a> {
    let cells = cells(run, m)?;
    let fail_fast = s.fail_fast.unwrap_or(run.flags.fail_fast);
    let branches: Vec<(String, Box<dyn Fn() -> Eval<'a> + Send + Sync + '_>)> = cells
        .into_iter()
        .map(|cell| {
            let label = label(&cell);
            let f: Box<dyn Fn() -> Eval<'a> + Send + Sync + '_> =
                Box::new(move || one_cell(run, m, &cell));
            (label, f)
        })
        .collect();
    crate::runtime::steps::node::run_branches(run.c, branches, fail_fast)
}

fn one_cell<'a>(
    run: &Run<'_, '_, 'a>,
    m: &model::Matrix<'a>,
    cell: &[(String, String)],
) -> Eval<'a> {
    let cell_result = std::sync::Arc::new(parking_lot::Mutex::new(BuildResult::Success));
    context::scoped(
        |ctx| {
            for (k, v) in cell {
                ctx.env.insert(k.clone(), Some(v.clone()));
            }
            ctx.stage_result = Some(cell_result.clone());
        },
        || {
            if let Some(w) = &m.when {
                if !when::holds(run, w)? {
                    run.c.b.log.line("Stage skipped due to when conditional");
                    return Ok(Value::Null);
                }
            }
            stage::with_agent(run, m.agent.as_ref(), true, &mut || {
                environment::with_environment(run, m.environment.as_ref(), || {
                    let r = match &m.stages {
                        Some(st) => stage::run_stages(run, &st.stages, &[]).map(|()| Value::Null),
                        None => Ok(Value::Null),
                    };
                    if let Some(res) = r.as_ref().err().and_then(interrupt::result_of) {
                        let mut c = cell_result.lock();
                        *c = c.combine(res);
                    }
                    let result = *cell_result.lock();
                    let post = post::run(run, m.post.as_ref(), Some(result));
                    r.and_then(|v| post.map(|()| v))
                })
            })
        },
    )
}
