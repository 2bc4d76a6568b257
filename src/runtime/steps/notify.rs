//! Steps that talk to the world outside the build: `mail`, `emailext`, `slackSend`,
//! `githubNotify`, `setGitHubPullRequestStatus`, and the report publishers `publishHTML`,
//! `recordIssues` and `discoverGitReferenceBuild`. A local run delivers nothing: each call is
//! recorded in the log (and the JSON events), clearly marked as not delivered.

use super::{Call, StepArgs};
use crate::eval::error::Eval;
use crate::eval::value::Value;

/// What the call says, as `key: value` text of the named arguments given.
fn field<'a>(
    c: &Call<'_, 'a>,
    a: &StepArgs<'a>,
    name: &str,
) -> Result<Option<String>, crate::eval::error::Signal<'a>> {
    Ok(a.string(c.i, name)?.filter(|s| !s.is_empty()))
}

#[allow(clippy::unnecessary_wraps)]
fn report<'a>(c: &Call<'_, 'a>, step: &str, why: &str, what: &str) -> Eval<'a> {
    let line = if what.is_empty() {
        format!("{step}: {why}")
    } else {
        format!("{step}: {why}: {what}")
    };
    c.b.log.line(&line);
    c.b.log.event(serde_json::json!({
        "event": "not_delivered", "step": step, "detail": what
    }));
    Ok(Value::Null)
}

const NOT_SENT: &str = "not sent (jfrun does not deliver notifications)";
const NOT_PUBLISHED: &str = "not published (jfrun has no Jenkins controller to publish to)";

/// `mail to: 'a@b', subject: 's', body: 'b'` and `emailext` with the same arguments.
fn email<'a>(c: &Call<'_, 'a>, step: &'static str, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new(step, None, args)?;
    let to = field(c, &a, "to")?.unwrap_or_else(|| "(no recipients)".into());
    let subject = field(c, &a, "subject")?.unwrap_or_default();
    report(c, step, NOT_SENT, &format!("to {to}: {subject}"))
}

/// `mail`.
pub fn mail<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    email(c, "mail", args)
}

/// `emailext`.
pub fn emailext<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    email(c, "emailext", args)
}

/// `slackSend channel: '#x', message: 'm'` (or `slackSend 'm'`).
pub fn slack_send<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("slackSend", Some("message"), args)?;
    let channel = field(c, &a, "channel")?.unwrap_or_else(|| "(default channel)".into());
    let message = field(c, &a, "message")?.unwrap_or_default();
    report(c, "slackSend", NOT_SENT, &format!("{channel}: {message}"))
}

/// `githubNotify context: 'ci', status: 'SUCCESS', description: 'd'`.
pub fn github_notify<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("githubNotify", None, args)?;
    let context =
        field(c, &a, "context")?.unwrap_or_else(|| "continuous-integration/jenkins".into());
    let status = field(c, &a, "status")?.unwrap_or_default();
    let description = field(c, &a, "description")?.unwrap_or_default();
    report(
        c,
        "githubNotify",
        NOT_SENT,
        &format!("{context} {status}: {description}"),
    )
}

/// `setGitHubPullRequestStatus context: 'ci', message: 'm', state: 'SUCCESS'`.
pub fn set_github_pr_status<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("setGitHubPullRequestStatus", None, args)?;
    let context = field(c, &a, "context")?.unwrap_or_default();
    let state = field(c, &a, "state")?.unwrap_or_default();
    let message = field(c, &a, "message")?.unwrap_or_default();
    report(
        c,
        "setGitHubPullRequestStatus",
        NOT_SENT,
        &format!("{context} {state}: {message}"),
    )
}

/// `publishHTML target: [reportDir: 'd', reportFiles: 'index.html', reportName: 'R']`.
pub fn publish_html<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("publishHTML", Some("target"), args)?;
    let mut what = String::new();
    if let Some(Value::Map(t)) = a.get("target") {
        let get = |k: &str| -> Result<String, crate::eval::error::Signal<'a>> {
            t.get(&Value::str(k))
                .map(|v| c.i.to_s(&v))
                .transpose()
                .map(Option::unwrap_or_default)
        };
        what = format!(
            "{} ({}/{})",
            get("reportName")?,
            get("reportDir")?,
            get("reportFiles")?
        );
    }
    report(c, "publishHTML", NOT_PUBLISHED, &what)
}

/// `recordIssues tools: [...]`: the warnings are in the log the tools wrote; nothing is
/// analysed.
pub fn record_issues<'a>(c: &Call<'_, 'a>, _: Vec<Value<'a>>) -> Eval<'a> {
    report(c, "recordIssues", NOT_PUBLISHED, "")
}

/// `discoverGitReferenceBuild()`: there is no build history of the target branch to consult.
pub fn discover_git_reference_build<'a>(c: &Call<'_, 'a>, _: Vec<Value<'a>>) -> Eval<'a> {
    report(
        c,
        "discoverGitReferenceBuild",
        "skipped (jfrun keeps no reference builds of other branches)",
        "",
    )
}
