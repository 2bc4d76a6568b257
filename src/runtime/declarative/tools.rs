//! The `tools { maven 'M3' }` section: each tool mapped by `--tool NAME=HOME` (or
//! `.jfrun.toml`'s `[tools]`) has its `bin` put first on the PATH and its home variable set
//! for the steps inside; an unmapped one is taken from the PATH.

use std::path::Path;

use super::Run;
use crate::eval::error::Signal;
use crate::pipeline::model;
use crate::runtime::{context, describable};

/// The variables Jenkins' tool installers set to a tool's home, by tool type.
fn home_variables(kind: &str) -> &'static [&'static str] {
    match kind {
        "maven" => &["MAVEN_HOME", "M2_HOME"],
        "jdk" => &["JAVA_HOME"],
        "ant" => &["ANT_HOME"],
        "gradle" => &["GRADLE_HOME"],
        "nodejs" => &["NODEJS_HOME"],
        _ => &[],
    }
}

/// Runs `body` with the tools of `tools` installed in the context.
pub fn with_tools<'a, R>(
    run: &Run<'_, '_, 'a>,
    tools: Option<&model::Tools<'a>>,
    body: impl FnOnce() -> Result<R, Signal<'a>>,
) -> Result<R, Signal<'a>> {
    let mut vars: Vec<(String, String)> = Vec::new();
    for (kind, name) in tools.map(|t| t.tools.as_slice()).unwrap_or_default() {
        let v = describable::value(run.c.i, &run.scope, name)?;
        let name = run.c.i.to_s(&v)?;
        let Some(home) = run.c.b.opts.tool(&name) else {
            run.c.b.log.line(&format!(
                "tools: {} '{name}' is not installed by jfrun; the one on PATH is used (map it with --tool {name}=PATH)",
                kind.name
            ));
            continue;
        };
        let home = home.display().to_string();
        run.c
            .b
            .log
            .line(&format!("tools: {} '{name}' from {home}", kind.name));
        vars.push((
            format!("PATH+{}", kind.name.to_uppercase()),
            Path::new(&home).join("bin").display().to_string(),
        ));
        for var in home_variables(&kind.name) {
            vars.push(((*var).to_owned(), home.clone()));
        }
    }
    if vars.is_empty() {
        return body();
    }
    context::scoped(
        |ctx| {
            for (k, v) in vars {
                ctx.env.insert(k, Some(v));
            }
        },
        body,
    )
}
