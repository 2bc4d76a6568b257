//! Source control: `checkout scm` copies the project as it is on disk (uncommitted changes
//! included) into the current directory; `git url: ..., branch: ...` and `checkout` of a git
//! SCM clone with real git.

use super::{Call, StepArgs};
use crate::eval::error::{Eval, throw};
use crate::eval::value::{MapObj, Value};
use crate::runtime::{context, describable, workspace};

/// `checkout scm` or `checkout([$class: 'GitSCM', userRemoteConfigs: [[url: ...]], branches: [[name: ...]]])`.
pub fn checkout<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("checkout", Some("scm"), args)?;
    let scm = a.get("scm").cloned().unwrap_or(Value::Null);
    if crate::eval::host::global_name(&scm).as_deref() == Some("scm") {
        let dest = context::with(|ctx| ctx.cwd.clone());
        c.b.log.line(&format!(
            "Checking out {} (working tree, uncommitted changes included)",
            c.b.project.display()
        ));
        workspace::checkout(&c.b.project, &dest, c.b.is_git)
            .or_else(|e| throw("hudson.AbortException", format!("checkout failed: {e}")))?;
        return Ok(scm_vars(c));
    }
    // A GitSCM map or describable.
    let remotes = describable::arg(&scm, "userRemoteConfigs")
        .map(|l| c.i.to_list(&l))
        .transpose()?
        .unwrap_or_default();
    let url = match remotes.first() {
        Some(r) => describable::text(c.i, r, "url")?,
        None => describable::text(c.i, &scm, "url")?,
    };
    let Some(url) = url else {
        return throw(
            "java.lang.UnsupportedOperationException",
            "checkout: jfrun checks out `scm` and git repositories (userRemoteConfigs with a url)",
        );
    };
    let branch = match describable::arg(&scm, "branches")
        .map(|l| c.i.to_list(&l))
        .transpose()?
        .unwrap_or_default()
        .first()
    {
        Some(b) => describable::text(c.i, b, "name")?,
        None => None,
    };
    clone(c, &url, branch.as_deref())
}

/// `git url: '...', branch: 'main'`.
pub fn git<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("git", Some("url"), args)?;
    let url = a.required(c.i, "url")?;
    let branch = a.string(c.i, "branch")?.unwrap_or_else(|| "master".into());
    clone(c, &url, Some(&branch))
}

fn clone<'a>(c: &Call<'_, 'a>, url: &str, branch: Option<&str>) -> Eval<'a> {
    let dest = context::with(|ctx| ctx.cwd.clone());
    let branch = branch.map(|b| {
        b.trim_start_matches("*/")
            .trim_start_matches("refs/heads/")
            .to_owned()
    });
    c.b.log.line(&format!(
        "Cloning {url}{}",
        branch
            .as_ref()
            .map(|b| format!(" ({b})"))
            .unwrap_or_default()
    ));
    let tmp = tempfile::tempdir_in(c.b.tmp_dir())
        .or_else(|e| throw("java.io.IOException", e.to_string()))?;
    let mut cmd = std::process::Command::new("git");
    cmd.arg("clone").arg("--quiet");
    if let Some(b) = &branch {
        cmd.args(["--branch", b]);
    }
    cmd.arg(url).arg(tmp.path().join("repo"));
    let out = cmd
        .output()
        .or_else(|e| throw("java.io.IOException", format!("cannot run git: {e}")))?;
    if !out.status.success() {
        return throw(
            "hudson.AbortException",
            format!(
                "Error cloning remote repo 'origin': {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        );
    }
    let repo = tmp.path().join("repo");
    workspace::checkout(&repo, &dest, true)
        .or_else(|e| throw("java.io.IOException", e.to_string()))?;
    let _ = std::fs::create_dir_all(dest.join(".git"));
    let copy = std::process::Command::new("cp")
        .arg("-a")
        .arg(repo.join(".git/."))
        .arg(dest.join(".git"))
        .status();
    if copy.map_or(true, |s| !s.success()) {
        return throw("java.io.IOException", "cannot copy the clone's .git folder");
    }
    let commit = std::process::Command::new("git")
        .arg("-C")
        .arg(&dest)
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    Ok(MapObj::linked(vec![
        (Value::str("GIT_URL"), Value::str(url)),
        (Value::str("GIT_COMMIT"), Value::str(commit)),
        (
            Value::str("GIT_BRANCH"),
            branch.map_or(Value::Null, Value::str),
        ),
    ]))
}

/// What `checkout scm` returns: the SCM's variables.
fn scm_vars<'a>(c: &Call<'_, 'a>) -> Value<'a> {
    let mut entries: Vec<(Value<'a>, Value<'a>)> =
        c.b.scm
            .iter()
            .map(|(k, v)| (Value::str(k.as_str()), Value::str(v.as_str())))
            .collect();
    if let Some(b) = &c.b.branch {
        entries.push((Value::str("GIT_BRANCH"), Value::str(b.as_str())));
    }
    MapObj::linked(entries)
}
