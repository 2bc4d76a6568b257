//! The `input` step, answered on the terminal or by `--input ID=approve|abort` / `--yes`.

use std::io::{BufRead, IsTerminal, Write};

use super::{Call, StepArgs};
use crate::eval::error::{Eval, Signal, exception, throw};
use crate::eval::value::{MapObj, Value};
use crate::runtime::{describable, interrupt};

/// `input message: 'Deploy?', id: 'Deploy', ok: 'Yes', parameters: [...]`.
pub fn input<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("input", Some("message"), args)?;
    let message = a.required(c.i, "message")?;
    let id = a.string(c.i, "id")?.unwrap_or_else(|| message.clone());
    let ok = a.string(c.i, "ok")?.unwrap_or_else(|| "Proceed".into());
    let params = match a.get("parameters") {
        Some(list) => c.i.to_list(list)?,
        None => Vec::new(),
    };
    c.b.log.line(&message);
    let answer = answer(c, &id, &message, &ok);
    match answer {
        Some(true) => {
            c.b.log.line(&format!("Approved by {}", user()));
            let mut values = Vec::new();
            for p in &params {
                let Some(name) = describable::text(c.i, p, "name")? else {
                    continue;
                };
                let given =
                    c.b.opts
                        .params
                        .iter()
                        .rev()
                        .find(|(k, _)| *k == name)
                        .map(|(_, v)| v.clone());
                let v = match (describable::symbol(p).as_deref(), given) {
                    (Some("booleanParam"), Some(v)) => Value::Bool(v == "true"),
                    (_, Some(v)) => Value::str(v),
                    (Some("booleanParam"), None) => {
                        describable::arg(p, "defaultValue").unwrap_or(Value::Bool(false))
                    }
                    (Some("choice"), None) => match describable::arg(p, "choices") {
                        Some(Value::Str(s)) => Value::str(s.lines().next().unwrap_or("")),
                        Some(list) => c.i.to_list(&list)?.first().cloned().unwrap_or(Value::Null),
                        None => Value::Null,
                    },
                    (_, None) => describable::arg(p, "defaultValue").unwrap_or(Value::str("")),
                };
                values.push((Value::str(name), v));
            }
            if let Some(sp) = a.string(c.i, "submitterParameter")? {
                values.push((Value::str(sp), Value::str(user())));
            }
            Ok(match values.len() {
                0 => Value::Null,
                1 => values.remove(0).1,
                _ => MapObj::linked(values),
            })
        }
        Some(false) => {
            c.b.log.line(&format!("Rejected by {}", user()));
            Err(Signal::Throw(
                exception(
                    interrupt::INTERRUPTED,
                    Some(format!("Rejected by {}", user())),
                ),
                None,
            ))
        }
        None => throw(
            "hudson.AbortException",
            format!(
                "input '{id}' needs an answer and there is no terminal to ask: run with --input '{id}=approve' (or abort), or --yes"
            ),
        ),
    }
}

fn user() -> String {
    std::env::var("USER").unwrap_or_else(|_| "jfrun".into())
}

/// The answer from the command line, or from the person at the terminal.
fn answer(c: &Call<'_, '_>, id: &str, message: &str, ok: &str) -> Option<bool> {
    for (k, v) in c.b.opts.inputs.iter().rev() {
        if k == id || k == message {
            return Some(!matches!(v.as_str(), "abort" | "no" | "reject"));
        }
    }
    if c.b.opts.yes {
        return Some(true);
    }
    if !std::io::stdin().is_terminal() {
        return None;
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "{message} [{ok}/Abort] (p/a): ");
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).ok()?;
    Some(
        matches!(
            line.trim().to_lowercase().as_str(),
            "p" | "y" | "yes" | "proceed" | ""
        ) || line.trim() == ok,
    )
}
