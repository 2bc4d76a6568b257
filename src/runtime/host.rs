//! The pipeline seen from Groovy: steps (the step library, describables), and Jenkins' global
//! variables `env`, `params`, `currentBuild`, `scm` and `steps`.

use crate::eval::error::{Signal, throw};
use crate::eval::host::{Found, Host, global};
use crate::eval::interp::Interp;
use crate::eval::value::Value;
use crate::source::Span;

use super::build::Build;
use super::result::BuildResult;
use super::steps::{self, Call};
use super::{context, describable, env, params};

const ENV_CLASS: &str = "org.jenkinsci.plugins.workflow.cps.EnvActionImpl";
const RUN_CLASS: &str = "org.jenkinsci.plugins.workflow.support.steps.build.RunWrapper";
const SCM_CLASS: &str = "org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition";

/// The build as the evaluator's host.
pub struct BuildHost<'b, 'a> {
    /// The build.
    pub b: &'b Build<'a>,
}

impl<'a> Host<'a> for BuildHost<'a, 'a> {
    fn call(&self, i: &Interp<'a>, name: &str, args: Vec<Value<'a>>, span: Span) -> Found<'a> {
        let c = Call { b: self.b, i, span };
        if let Some(r) = steps::call(&c, name, args.clone()) {
            return r.map(Some).map_err(|e| e.at(span));
        }
        if describable::SYMBOLS.contains(&name) {
            return Ok(Some(describable::from_call(name, args)));
        }
        if let Some(searched) = self
            .b
            .libraries
            .searched_for_global(name, &self.b.opts.libraries)
        {
            self.b.log.note(&searched);
        }
        steps::no_such_step(name).map_err(|e: Signal<'a>| e.at(span))
    }

    fn safe_calls(&self) -> bool {
        !context::with(|ctx| ctx.in_environment_value)
    }

    fn interrupted(&self) -> Option<Value<'a>> {
        if !context::with(|ctx| ctx.cancel.is_cancelled()) {
            return None;
        }
        match super::interrupt::thrown::<()>(self.b) {
            Err(Signal::Throw(exc, _)) => Some(exc),
            _ => None,
        }
    }

    fn variable(&self, i: &Interp<'a>, name: &str) -> Found<'a> {
        Ok(Some(match name {
            "env" => global(ENV_CLASS, "env"),
            "params" => params::value(self.b),
            "currentBuild" => global(RUN_CLASS, "currentBuild"),
            "scm" => global(SCM_CLASS, "scm"),
            super::docker_global::NAME => super::docker_global::value(),
            "steps" => i.script.clone(),
            // Environment variables are readable by bare name, as in Jenkins.
            _ => match context::with(|ctx| {
                (env::lookup(self.b, ctx, name), ctx.in_environment_value)
            }) {
                (Some(v), _) => Value::str(v),
                (None, true) if i.class_by_name(name).is_none() => {
                    params::get(self.b, name).unwrap_or(Value::Null)
                }
                (None, _) => return Ok(None),
            },
        }))
    }

    fn get(&self, i: &Interp<'a>, g: &str, name: &str) -> Found<'a> {
        let b = self.b;
        match g {
            "env" => {
                let v = context::with(|ctx| env::lookup(b, ctx, name));
                Ok(Some(v.map_or(Value::Null, Value::str)))
            }
            "currentBuild" => Ok(current_build(b, name)),
            // `docker.script`: the pipeline script itself, whose steps it calls.
            super::docker_global::NAME if name == "script" => Ok(Some(i.script.clone())),
            _ if super::docker_global::owns(g) => Ok(super::docker_global::get(g, name)),
            _ if super::libraries::classes::owns(g) => {
                super::libraries::classes::get(i, &b.libraries, g, name)
            }
            _ if g.starts_with(steps::build_job::GLOBAL_PREFIX) => {
                let index = g[steps::build_job::GLOBAL_PREFIX.len()..]
                    .parse::<usize>()
                    .ok();
                let children = b.children.lock();
                Ok(index
                    .and_then(|n| children.get(n))
                    .and_then(|child| steps::build_job::property(child, name)))
            }
            "scm" => Ok(match name {
                "branches" => Some(crate::eval::value::ListObj::array_list(Vec::new())),
                _ => None,
            }),
            _ => Ok(None),
        }
    }

    fn set(
        &self,
        i: &Interp<'a>,
        g: &str,
        name: &str,
        value: Value<'a>,
    ) -> Result<bool, Signal<'a>> {
        let b = self.b;
        match g {
            "env" => {
                let text = if value.is_null() {
                    None
                } else {
                    Some(i.to_s(&value)?)
                };
                let mut env = b.env.lock();
                match text {
                    Some(t) => env.insert(name.to_owned(), t),
                    None => env.shift_remove(name),
                };
                Ok(true)
            }
            "currentBuild" => match name {
                "result" => {
                    // Jenkins' `Result.fromString`: any case, and FAILURE for what it does not
                    // know.
                    let text = i.to_s(&value)?.to_ascii_uppercase();
                    b.worsen(BuildResult::parse(&text).unwrap_or(BuildResult::Failure));
                    Ok(true)
                }
                "description" => {
                    *b.description.lock() = Some(i.to_s(&value)?);
                    Ok(true)
                }
                "displayName" => {
                    *b.display_name.lock() = Some(i.to_s(&value)?);
                    Ok(true)
                }
                _ => Ok(false),
            },
            _ => Ok(false),
        }
    }

    fn invoke(
        &self,
        i: &Interp<'a>,
        g: &str,
        method: &str,
        args: Vec<Value<'a>>,
        span: Span,
    ) -> Found<'a> {
        if super::docker_global::owns(g) {
            let c = Call { b: self.b, i, span };
            return super::docker_global::invoke(&c, g, method, args);
        }
        if super::libraries::classes::owns(g) {
            return super::libraries::classes::invoke(i, g, method, args, span);
        }
        let prop = method
            .strip_prefix("get")
            .filter(|p| !p.is_empty() && args.is_empty())
            .map(decapitalize);
        match (g, method, args.as_slice()) {
            ("env", "getProperty", [n]) => self.get(i, g, &i.to_s(n)?),
            ("env", "setProperty", [n, v]) => self
                .set(i, g, &i.to_s(n)?, v.clone())
                .map(|_| Some(Value::Null)),
            ("env", "getEnvironment" | "getOverriddenEnvironment", []) => {
                let all = context::with(|ctx| env::effective(self.b, ctx));
                Ok(Some(crate::eval::value::MapObj::linked(
                    all.into_iter()
                        .map(|(k, v)| (Value::str(k), Value::str(v)))
                        .collect(),
                )))
            }
            ("currentBuild", "getRawBuild", _) => throw(
                "org.jenkinsci.plugins.scriptsecurity.sandbox.RejectedAccessException",
                "Scripts not permitted to use method org.jenkinsci.plugins.workflow.support.steps.build.RunWrapper getRawBuild (jfrun has no Jenkins model objects; use currentBuild's own properties)",
            ),
            ("currentBuild", "resultIsBetterOrEqualTo" | "resultIsWorseOrEqualTo", [r]) => {
                let other = BuildResult::parse(&i.to_s(r)?).unwrap_or(BuildResult::Success);
                let cur = self.b.current();
                Ok(Some(Value::Bool(if method == "resultIsBetterOrEqualTo" {
                    cur <= other
                } else {
                    cur >= other
                })))
            }
            (_, _, _) => match prop {
                Some(p) => self.get(i, g, &p),
                None => Ok(None),
            },
        }
    }
}

fn decapitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn current_build<'a>(b: &Build<'a>, name: &str) -> Option<Value<'a>> {
    let cur = b.current();
    Some(match name {
        // `result` is null while the build is still successful, as in Jenkins.
        "result" => {
            if cur == BuildResult::Success {
                Value::Null
            } else {
                Value::str(cur.name())
            }
        }
        "currentResult" => Value::str(cur.name()),
        "number" => Value::Int(b.number as i32),
        "id" => Value::str(b.number.to_string()),
        "displayName" => Value::str(
            b.display_name
                .lock()
                .clone()
                .unwrap_or_else(|| format!("#{}", b.number)),
        ),
        "fullDisplayName" => Value::str(format!("{} #{}", b.job, b.number)),
        "projectName" | "fullProjectName" => Value::str(b.job.as_str()),
        "description" => b.description.lock().clone().map_or(Value::Null, Value::str),
        "duration" => Value::Long(b.elapsed_ms() as i64),
        "durationString" => Value::str(format!(
            "{} and counting",
            super::stages::human_duration(b.elapsed_ms())
        )),
        "startTimeInMillis" | "timeInMillis" => Value::Long(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64)
                - b.elapsed_ms() as i64,
        ),
        "absoluteUrl" => Value::str(""),
        "buildCauses" => crate::eval::value::ListObj::array_list(
            b.opts
                .cause
                .iter()
                .map(|cause| {
                    crate::eval::value::MapObj::linked(vec![
                        (
                            Value::str("_class"),
                            Value::str("hudson.model.Cause$RemoteCause"),
                        ),
                        (
                            Value::str("shortDescription"),
                            Value::str(format!("Started by {cause}")),
                        ),
                    ])
                })
                .collect(),
        ),
        "changeSets" => crate::eval::value::ListObj::array_list(Vec::new()),
        "previousBuild" | "previousCompletedBuild" => match b.previous {
            Some((n, r)) => crate::eval::value::MapObj::linked(vec![
                (Value::str("number"), Value::Int(n as i32)),
                (Value::str("result"), Value::str(r.name())),
                (Value::str("currentResult"), Value::str(r.name())),
                (Value::str("displayName"), Value::str(format!("#{n}"))),
            ]),
            None => Value::Null,
        },
        _ => return None,
    })
}
