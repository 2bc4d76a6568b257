//! Describables: the things Jenkins instantiates by symbol inside steps and directives
//! (`string(name: 'X')`, `usernamePassword(...)`, `logRotator(...)`, `cron('...')`). jfrun
//! represents one as a Groovy map with its symbol under `$symbol` and its arguments by name;
//! the step or directive that receives it decides what it means.

use crate::eval::error::{Eval, Signal};
use crate::eval::interp::Interp;
use crate::eval::value::{MapObj, Value};
use crate::pipeline::model;

/// The key holding a describable's symbol.
pub const SYMBOL: &str = "$symbol";

/// The symbols jfrun builds describables for when a script calls them.
pub const SYMBOLS: &[&str] = &[
    // Build parameters.
    "parameters",
    "string",
    "text",
    "booleanParam",
    "choice",
    "password",
    "credentials",
    "file",
    "base64File",
    "stashedFile",
    "run",
    // Job properties and options.
    "buildDiscarder",
    "logRotator",
    "disableConcurrentBuilds",
    "disableResume",
    "pipelineTriggers",
    "cron",
    "pollSCM",
    "upstream",
    "githubPush",
    "durabilityHint",
    "overrideIndexTriggers",
    "copyArtifactPermission",
    "rateLimitBuilds",
    "preserveStashes",
    "quietPeriod",
    "skipDefaultCheckout",
    "skipStagesAfterUnstable",
    "checkoutToSubdirectory",
    "parallelsAlwaysFailFast",
    "newContainerPerStage",
    "githubProjectProperty",
    "authorizationMatrix",
    // Credentials bindings.
    "usernamePassword",
    "usernameColonPassword",
    "sshUserPrivateKey",
    "certificate",
    "dockerCert",
    "zip",
    "gitUsernamePassword",
    "aws",
    // SCM.
    "scmGit",
    "branch",
    "GitSCM",
    "userRemoteConfigs",
    // Kubernetes agents: yamlMergeStrategy, podRetention, workspaceVolume.
    "merge",
    "override",
    "never",
    "always",
    "onFailure",
    "emptyDirWorkspaceVolume",
    "hostPathWorkspaceVolume",
    "persistentVolumeClaimWorkspaceVolume",
    "dynamicPVC",
    "genericEphemeralVolume",
    "nfsWorkspaceVolume",
    // Scripted podTemplate.
    "containerTemplate",
    "envVar",
    "containerEnvVar",
    "podEnvVar",
    "secretEnvVar",
    "emptyDirVolume",
    "hostPathVolume",
    "persistentVolumeClaim",
    "secretVolume",
    "configMapVolume",
];

/// A describable made from a script call `name(args)`.
pub fn from_call<'a>(name: &str, args: Vec<Value<'a>>) -> Value<'a> {
    let mut entries = vec![(Value::str(SYMBOL), Value::str(name))];
    let mut unnamed = Vec::new();
    for a in args {
        match &a {
            Value::Map(m) if unnamed.is_empty() => {
                entries.extend(
                    m.snapshot()
                        .into_iter()
                        .map(|(k, v)| (Value::str(crate::eval::text::display(&k)), v)),
                );
            }
            _ => unnamed.push(a),
        }
    }
    if unnamed.len() == 1 {
        entries.push((Value::str("$value"), unnamed.remove(0)));
    } else if !unnamed.is_empty() {
        entries.push((
            Value::str("$value"),
            crate::eval::value::ListObj::array_list(unnamed),
        ));
    }
    MapObj::linked(entries)
}

/// A describable written in a declarative directive (`parameters { string(...) }`), its
/// values evaluated inside the `pipeline { }` closure `scope`.
pub fn from_model<'a>(i: &Interp<'a>, scope: &Value<'a>, call: &model::MethodCall<'a>) -> Eval<'a> {
    let name = call.name.as_ref().map_or("", |k| k.name.as_str());
    let mut args = Vec::new();
    let mut named = Vec::new();
    for a in &call.args {
        match a {
            model::MethodArg::Value(v) => args.push(value(i, scope, v)?),
            model::MethodArg::Call(c) => args.push(from_model(i, scope, c)?),
            model::MethodArg::Pair { key, value: v } => {
                let v = match &**v {
                    model::MethodArg::Value(v) => value(i, scope, v)?,
                    model::MethodArg::Call(c) => from_model(i, scope, c)?,
                    model::MethodArg::Pair { .. } => Value::Null,
                };
                named.push((Value::str(key.name.as_str()), v));
            }
        }
    }
    if !named.is_empty() {
        args.insert(0, MapObj::linked(named));
    }
    Ok(from_call(name, args))
}

/// A directive's value: its Groovy expression evaluated, or its literal.
pub fn value<'a>(i: &Interp<'a>, scope: &Value<'a>, v: &model::Value<'a>) -> Eval<'a> {
    if let Some(e) = v.expr {
        return i.eval_in(scope, e);
    }
    Ok(match &v.kind {
        model::ValueKind::Literal(l) => literal(l),
        model::ValueKind::Code(s) => Value::str(s.as_str()),
    })
}

fn literal<'a>(l: &model::Literal) -> Value<'a> {
    match l {
        model::Literal::Str(s) => Value::str(s.as_str()),
        model::Literal::Int(n) => Value::Int(*n),
        model::Literal::Long(n) => Value::Long(*n),
        model::Literal::Double(d) => Value::Double(*d),
        model::Literal::Bool(b) => Value::Bool(*b),
        model::Literal::Null => Value::Null,
    }
}

/// The symbol of a describable value.
#[must_use]
pub fn symbol(v: &Value<'_>) -> Option<String> {
    match v {
        Value::Map(m) => m
            .get(&Value::str(SYMBOL))
            .map(|s| crate::eval::text::display(&s)),
        _ => None,
    }
}

/// An argument of a describable.
#[must_use]
pub fn arg<'a>(v: &Value<'a>, name: &str) -> Option<Value<'a>> {
    match v {
        Value::Map(m) => m.get(&Value::str(name)).filter(|v| !v.is_null()),
        _ => None,
    }
}

/// An argument as text.
pub fn text<'a>(i: &Interp<'a>, v: &Value<'a>, name: &str) -> Result<Option<String>, Signal<'a>> {
    match arg(v, name) {
        Some(x) => Ok(Some(i.to_s(&x)?)),
        None => Ok(None),
    }
}
