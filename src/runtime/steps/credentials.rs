//! `withCredentials([...]) { }`, as the credentials-binding plugin runs it: each binding sets
//! variables for the body only, secret files are written under the build's `@tmp` folder and
//! deleted afterwards, and every bound secret is masked before the body starts.

use super::{Call, StepArgs};
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::value::Value;
use crate::runtime::context;
use crate::runtime::credentials::Credential;
use crate::runtime::credentials::bind::{Bound, SecretFiles};
use crate::runtime::describable;

/// `withCredentials([usernamePassword(...), string(...), ...]) { ... }`.
pub fn with_credentials<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("withCredentials", Some("bindings"), args)?;
    let body = a.body()?;
    with_bindings(c, &a, &mut || c.i.call_value(&body, Vec::new(), c.span))
}

/// Runs `body` with the variables of the `bindings` argument of `a` set (the
/// `withCredentials` step, or the option of that name wrapping a pipeline or stage).
pub fn with_bindings<'a>(
    c: &Call<'_, 'a>,
    a: &StepArgs<'a>,
    body: &mut dyn FnMut() -> Eval<'a>,
) -> Eval<'a> {
    let bindings = match a.get("bindings") {
        Some(v) => c.i.to_list(v)?,
        None => Vec::new(),
    };
    let mut files = SecretFiles::new(c.b.tmp_dir());
    let mut all = Bound::default();
    let mut masked_names = Vec::new();
    for binding in &bindings {
        let bound = bind_one(c, binding, &mut files).map_err(|e| at_call(c, e))?;
        for (name, value) in &bound.vars {
            if bound.secrets.contains(value) {
                masked_names.push(format!("${name}"));
            }
        }
        all.vars.extend(bound.vars);
        all.secrets.extend(bound.secrets);
    }
    for s in &all.secrets {
        c.b.log.masker.add(s);
    }
    if !masked_names.is_empty() {
        c.b.log.line(&format!(
            "Masking supported pattern matches of {}",
            masked_names.join(" or ")
        ));
    }
    let r = context::scoped(
        |ctx| {
            for (k, v) in all.vars {
                ctx.env.insert(k, Some(v));
            }
        },
        body,
    );
    drop(files);
    r
}

/// A failure located at the step call.
fn at_call<'a>(c: &Call<'_, 'a>, e: Signal<'a>) -> Signal<'a> {
    match e {
        Signal::Throw(exc, None) => Signal::Throw(exc, Some(c.span)),
        other => other,
    }
}

/// The kind of a binding: its symbol, or the class named by `$class`.
fn kind<'a>(c: &Call<'_, 'a>, binding: &Value<'a>) -> Result<String, Signal<'a>> {
    if let Some(s) = describable::symbol(binding) {
        return Ok(s);
    }
    let class = describable::text(c.i, binding, "$class")?.unwrap_or_default();
    let symbol = match class.rsplit('.').next().unwrap_or("") {
        "UsernamePasswordMultiBinding" => "usernamePassword",
        "UsernamePasswordBinding" => "usernameColonPassword",
        "StringBinding" => "string",
        "FileBinding" => "file",
        "SSHUserPrivateKeyBinding" => "sshUserPrivateKey",
        "CertificateMultiBinding" => "certificate",
        _ => {
            let shown = c.i.to_s(binding)?;
            return throw(
                "java.lang.IllegalArgumentException",
                format!(
                    "withCredentials: unsupported binding {shown} (jfrun binds usernamePassword, usernameColonPassword, string, file, sshUserPrivateKey and certificate)"
                ),
            );
        }
    };
    Ok(symbol.to_owned())
}

/// The variables one binding sets.
fn bind_one<'a>(
    c: &Call<'_, 'a>,
    binding: &Value<'a>,
    files: &mut SecretFiles,
) -> Result<Bound, Signal<'a>> {
    let kind = kind(c, binding)?;
    let text = |name: &str| describable::text(c.i, binding, name);
    let need = |name: &str| -> Result<String, Signal<'a>> {
        match text(name)? {
            Some(v) => Ok(v),
            None => throw(
                "java.lang.IllegalArgumentException",
                format!("withCredentials: {kind}(...) needs {name}"),
            ),
        }
    };
    let id = need("credentialsId")?;
    let Some(cred) = c.b.credentials.get(&id) else {
        return throw("hudson.AbortException", c.b.credentials.missing(&id));
    };
    let wrong = || -> Result<Bound, Signal<'a>> {
        throw(
            "hudson.AbortException",
            format!(
                "Credentials '{id}' is of type '{}' where '{kind}' was expected",
                cred.type_name()
            ),
        )
    };
    let io = |e: std::io::Error| {
        Signal::Throw(
            crate::eval::error::exception("java.io.IOException", Some(e.to_string())),
            None,
        )
    };
    let mut b = Bound::default();
    match (kind.as_str(), cred) {
        ("usernamePassword", Credential::UsernamePassword { username, password }) => {
            if let Some(v) = text("usernameVariable")? {
                b.public(&v, username);
            }
            if let Some(v) = text("passwordVariable")? {
                b.secret(&v, password);
            }
        }
        ("usernameColonPassword", Credential::UsernamePassword { username, password }) => {
            b.secret(&need("variable")?, &format!("{username}:{password}"));
        }
        ("string", Credential::Secret(s)) => b.secret(&need("variable")?, s),
        ("file", Credential::File { content, filename }) => {
            let path = files.write(filename, content).map_err(io)?;
            b.secret(&need("variable")?, &path);
        }
        (
            "sshUserPrivateKey",
            Credential::SshKey {
                username,
                private_key,
                passphrase,
            },
        ) => {
            let path = files.write(&id, private_key.as_bytes()).map_err(io)?;
            b.secret(&need("keyFileVariable")?, &path);
            if let Some(v) = text("usernameVariable")? {
                b.public(&v, username);
            }
            if let Some(v) = text("passphraseVariable")? {
                b.secret(&v, passphrase.as_deref().unwrap_or(""));
            }
        }
        (
            "certificate",
            Credential::Certificate {
                keystore,
                password,
                alias,
            },
        ) => {
            let path = files.write(&id, keystore).map_err(io)?;
            b.secret(&need("keystoreVariable")?, &path);
            if let Some(v) = text("passwordVariable")? {
                b.secret(&v, password);
            }
            if let Some(v) = text("aliasVariable")? {
                b.public(&v, alias.as_deref().unwrap_or(""));
            }
        }
        _ => return wrong(),
    }
    b.secrets.extend(cred.secrets());
    b.secrets.retain(|s| !s.is_empty());
    Ok(b)
}
