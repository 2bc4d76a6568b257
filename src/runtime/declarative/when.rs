//! `when { }`: whether a stage runs. Every condition Jenkins has: `branch`, `buildingTag`,
//! `changelog`, `changeset`, `changeRequest`, `environment`, `equals`, `expression`, `tag`,
//! `triggeredBy`, and `not`/`allOf`/`anyOf` around them.

use super::Run;
use crate::eval::error::{Signal, throw};
use crate::eval::value::Value;
use crate::pipeline::model;
use crate::runtime::{context, describable, env};

/// Whether all of the `when` section's conditions hold.
pub fn holds<'a>(run: &Run<'_, '_, 'a>, when: &model::When<'a>) -> Result<bool, Signal<'a>> {
    for c in &when.conditions {
        if !condition(run, c)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A condition's arguments by name (a single unnamed value is `pattern`, or `value` for
/// conditions whose parameter is named so).
fn args<'a>(
    run: &Run<'_, '_, 'a>,
    a: Option<&model::Args<'a>>,
    default: &str,
) -> Result<Vec<(String, Value<'a>)>, Signal<'a>> {
    let mut out = Vec::new();
    match a {
        None => {}
        Some(model::Args::Named(v)) => {
            for (k, v) in v {
                out.push((k.name.clone(), describable::value(run.c.i, &run.scope, v)?));
            }
        }
        Some(model::Args::Single(v)) => out.push((
            default.to_owned(),
            describable::value(run.c.i, &run.scope, v)?,
        )),
        Some(model::Args::Positional(vs)) => {
            for v in vs {
                out.push((
                    default.to_owned(),
                    describable::value(run.c.i, &run.scope, v)?,
                ));
            }
        }
    }
    Ok(out)
}

fn get<'a>(args: &[(String, Value<'a>)], name: &str) -> Option<Value<'a>> {
    args.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_null())
}

fn var(run: &Run<'_, '_, '_>, name: &str) -> Option<String> {
    context::with(|ctx| env::lookup(run.c.b, ctx, name)).filter(|s| !s.is_empty())
}

/// Jenkins' comparators: `EQUALS`, `GLOB` (Ant patterns, the default) and `REGEXP`.
fn matches<'a>(
    run: &Run<'_, '_, 'a>,
    args: &[(String, Value<'a>)],
    pattern: &str,
    actual: &str,
) -> Result<bool, Signal<'a>> {
    let comparator = match get(args, "comparator") {
        Some(v) => run.c.i.to_s(&v)?,
        None => "GLOB".to_owned(),
    };
    Ok(match comparator.as_str() {
        "EQUALS" => pattern == actual,
        "REGEXP" => match fancy_regex::Regex::new(&format!("^(?:{pattern})$")) {
            Ok(re) => re.is_match(actual).unwrap_or(false),
            Err(e) => return throw("java.util.regex.PatternSyntaxException", e.to_string()),
        },
        _ => glob(pattern, actual),
    })
}

/// Ant-style matching: `*` within one path segment, `**` across segments, `?` one character.
#[must_use]
pub fn glob(pattern: &str, actual: &str) -> bool {
    globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_or(pattern == actual, |g| g.compile_matcher().is_match(actual))
}

fn condition<'a>(run: &Run<'_, '_, 'a>, c: &model::Condition<'a>) -> Result<bool, Signal<'a>> {
    let name = c.name.as_ref().map_or("", |k| k.name.as_str());
    match &c.kind {
        model::ConditionKind::Expression(Some(closure)) => {
            let f = run.c.i.closure_in(&run.scope, closure);
            let v = run.c.i.call_value(&f, Vec::new(), c.span)?;
            run.c.i.truth(&v)
        }
        model::ConditionKind::Expression(None) | model::ConditionKind::Invalid => Ok(false),
        model::ConditionKind::Nested(_, children) => match name {
            "not" => Ok(!condition_all(run, children)?),
            "anyOf" => {
                for ch in children {
                    if condition(run, ch)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => condition_all(run, children),
        },
        model::ConditionKind::Args(a) => {
            let default = match name {
                "environment" => "name",
                "triggeredBy" => "cause",
                "equals" => "expected",
                _ => "pattern",
            };
            let args = args(run, a.as_ref(), default)?;
            let text = |k: &str| -> Result<Option<String>, Signal<'a>> {
                get(&args, k).map(|v| run.c.i.to_s(&v)).transpose()
            };
            match name {
                "branch" => {
                    let pattern = text("pattern")?.unwrap_or_default();
                    // As the plugin does: without BRANCH_NAME, the local branch checked out.
                    match var(run, "BRANCH_NAME").or_else(|| var(run, "GIT_LOCAL_BRANCH")) {
                        Some(b) => matches(run, &args, &pattern, &b),
                        None => Ok(false),
                    }
                }
                "buildingTag" => Ok(var(run, "TAG_NAME").is_some()),
                "tag" => match var(run, "TAG_NAME") {
                    Some(t) => {
                        let pattern = text("pattern")?.unwrap_or_default();
                        if pattern.is_empty() {
                            Ok(true)
                        } else {
                            matches(run, &args, &pattern, &t)
                        }
                    }
                    None => Ok(false),
                },
                "changeRequest" => {
                    if var(run, "CHANGE_ID").is_none() {
                        return Ok(false);
                    }
                    for (k, var_name) in [
                        ("id", "CHANGE_ID"),
                        ("target", "CHANGE_TARGET"),
                        ("branch", "CHANGE_BRANCH"),
                        ("fork", "CHANGE_FORK"),
                        ("url", "CHANGE_URL"),
                        ("title", "CHANGE_TITLE"),
                        ("author", "CHANGE_AUTHOR"),
                        ("authorDisplayName", "CHANGE_AUTHOR_DISPLAY_NAME"),
                        ("authorEmail", "CHANGE_AUTHOR_EMAIL"),
                    ] {
                        if let Some(want) = text(k)? {
                            let actual = var(run, var_name).unwrap_or_default();
                            if !matches(run, &args, &want, &actual)? {
                                return Ok(false);
                            }
                        }
                    }
                    Ok(true)
                }
                "environment" => {
                    let n = text("name")?.unwrap_or_default();
                    let want = text("value")?.unwrap_or_default();
                    let ignore_case = get(&args, "ignoreCase")
                        .map(|v| run.c.i.truth(&v))
                        .transpose()?
                        .unwrap_or(false);
                    let actual =
                        context::with(|ctx| env::lookup(run.c.b, ctx, &n)).unwrap_or_default();
                    Ok(if ignore_case {
                        actual.eq_ignore_ascii_case(&want)
                    } else {
                        actual == want
                    })
                }
                "equals" => {
                    let expected = get(&args, "expected").unwrap_or(Value::Null);
                    let actual = get(&args, "actual").unwrap_or(Value::Null);
                    run.c.i.equals(&expected, &actual)
                }
                // A jfrun build is started by the user running it: Jenkins' UserIdCause,
                // whose detail is the user's id.
                "triggeredBy" => {
                    let cause = text("cause")?.unwrap_or_default();
                    let by_user = matches!(cause.as_str(), "UserIdCause" | "UserCause" | "user");
                    Ok(by_user
                        && match text("detail")? {
                            Some(d) if !d.is_empty() => std::env::var("USER").is_ok_and(|u| u == d),
                            _ => true,
                        })
                }
                // jfrun never restarts a build from a stage.
                "isRestartedRun" => Ok(false),
                "changelog" => {
                    let pattern = text("pattern")?.unwrap_or_default();
                    let Some(since) = changelog_start(run) else {
                        return Ok(false);
                    };
                    let log = super::super::workspace::commit_messages(&run.c.b.project, &since);
                    if log.is_empty() {
                        empty_changelog(run);
                        return Ok(false);
                    }
                    let re = fancy_regex::Regex::new(&format!("(?s){pattern}")).or_else(|e| {
                        throw("java.util.regex.PatternSyntaxException", e.to_string())
                    })?;
                    Ok(log.iter().any(|m| re.is_match(m).unwrap_or(false)))
                }
                "changeset" => {
                    let pattern = text("pattern")?.unwrap_or_default();
                    let Some(since) = changelog_start(run) else {
                        return Ok(false);
                    };
                    let files = super::super::workspace::changed_files(&run.c.b.project, &since);
                    if files.is_empty() {
                        empty_changelog(run);
                        return Ok(false);
                    }
                    let case_sensitive = get(&args, "caseSensitive")
                        .map(|v| run.c.i.truth(&v))
                        .transpose()?
                        .unwrap_or(false);
                    let mut any = false;
                    for f in files {
                        let hit = if case_sensitive {
                            matches(run, &args, &pattern, &f)?
                        } else {
                            matches(run, &args, &pattern.to_lowercase(), &f.to_lowercase())?
                        };
                        any |= hit;
                    }
                    Ok(any)
                }
                other => throw(
                    "java.lang.UnsupportedOperationException",
                    format!("jfrun does not support the when condition '{other}'"),
                ),
            }
        }
    }
}

/// Where the build's changelog starts: the commit the previous build built. Jenkins' first
/// build has an empty changelog, and says so.
fn changelog_start(run: &Run<'_, '_, '_>) -> Option<String> {
    let since = run.c.b.previous_commit.clone();
    if since.is_none() {
        empty_changelog(run);
    }
    since
}

fn empty_changelog(run: &Run<'_, '_, '_>) {
    run.c.b.log.line(if run.c.b.previous.is_none() {
        "Warning, empty changelog. Probably because this is the first build."
    } else {
        "Warning, empty changelog. Have you run checkout?"
    });
}

fn condition_all<'a>(
    run: &Run<'_, '_, 'a>,
    cs: &[model::Condition<'a>],
) -> Result<bool, Signal<'a>> {
    for c in cs {
        if !condition(run, c)? {
            return Ok(false);
        }
    }
    Ok(true)
}
