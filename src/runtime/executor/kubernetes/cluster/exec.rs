//! A step's command run in a container of a pod on the cluster. As the kubernetes plugin's
//! `ContainerExecDecorator` does, the exec request only starts `sh`; the `cd`, the exported
//! variables and the command are written to its standard input, so the environment (secrets
//! included) never appears in a URL the API server logs. The variables passed are those that
//! differ from jfrun's own, never PATH (the image's stays), as for Docker.
//!
//! The script ends with `exec` of the command, its standard input `/dev/null` (as under Docker,
//! where it is not attached): the shell reads nothing after that line, so the script works
//! whether or not the protocol can close standard input (see [`super::channel`]).

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::Cluster;
use super::channel::{Channel, Frame};
use crate::runtime::executor::docker::exec::reduced_env;
use crate::runtime::log::{LineWriter, Log};
use crate::runtime::process::{Command, Exit};

/// How long output may still arrive after the exit status before the connection is left.
const DRAIN: Duration = Duration::from_secs(2);
/// How often a ping is sent while the command runs.
const PING: Duration = Duration::from_secs(60);

/// Runs `cmd` in `container` of `pod` to completion or cancellation, after the shell lines
/// `prelude` (run before the `cd`). On cancellation the connection is dropped and the process
/// left to end with its pod, which the caller deletes.
pub async fn run(
    cluster: &Cluster,
    pod: &str,
    container: &str,
    cmd: Command,
    prelude: &str,
    log: &Arc<Log>,
    cancel: &CancellationToken,
) -> Result<Exit, String> {
    if cancel.is_cancelled() {
        return Ok(Exit::Cancelled);
    }
    let mut channel = tokio::select! {
        c = Channel::open(cluster, pod, container, &["sh"], true) => c?,
        () = cancel.cancelled() => return Ok(Exit::Cancelled),
    };
    let mut text = prelude.to_owned();
    text.push_str(&script(&cmd));
    channel.write_stdin(text.as_bytes()).await?;
    channel.close_stdin().await?;
    // One writer per stream: their chunks do not end at line ends, and must not be spliced
    // into each other's lines.
    let mut out_lines = LineWriter::new(log.clone());
    let mut err_lines = LineWriter::new(log.clone());
    let mut captured = Vec::new();
    let mut status = None;
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + PING, PING);
    ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let frame = tokio::select! {
            f = channel.next() => f?,
            _ = ping.tick() => {
                channel.ping().await?;
                continue;
            }
            () = cancel.cancelled() => return Ok(Exit::Cancelled),
            () = tokio::time::sleep(DRAIN), if status.is_some() => None,
        };
        match frame {
            None => break,
            Some(Frame::Stdout(b)) if cmd.capture_stdout => captured.extend_from_slice(&b),
            Some(Frame::Stdout(b)) => {
                let _ = std::io::Write::write_all(&mut out_lines, &b);
            }
            Some(Frame::Stderr(b)) => {
                let _ = std::io::Write::write_all(&mut err_lines, &b);
            }
            Some(Frame::Exit(code)) => status = Some(code),
        }
    }
    let _ = std::io::Write::flush(&mut out_lines);
    let _ = std::io::Write::flush(&mut err_lines);
    match status {
        Some(status) => Ok(Exit::Code {
            status,
            stdout: String::from_utf8_lossy(&captured).into_owned(),
        }),
        None => Err(format!(
            "the connection to {pod}/{container} closed before the command's exit status"
        )),
    }
}

/// The script written to `sh`: the working directory, the exported variables (names a shell
/// accepts only, as the plugin does), then the command.
#[must_use]
pub fn script(cmd: &Command) -> String {
    let mut s = format!("cd {} || exit 1\n", quote(&cmd.cwd.to_string_lossy()));
    for var in reduced_env(&cmd.env) {
        if let Some((name, value)) = var.split_once('=')
            && is_name(name)
        {
            let _ = writeln!(s, "export {name}={}", quote(value));
        }
    }
    let argv: Vec<String> = cmd.argv.iter().map(|a| quote(a)).collect();
    let _ = writeln!(s, "exec {} </dev/null", argv.join(" "));
    s
}

/// `s` as one shell word: single-quoted, a quote written `'\''`.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Whether `name` is a shell variable name (`[A-Za-z_][A-Za-z0-9_]*`).
fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn script_changes_directory_exports_and_execs() {
        let cmd = Command {
            argv: vec!["sh".into(), "-xe".into(), "/w/it's.sh".into()],
            cwd: PathBuf::from("/home/jenkins/agent/workspace/p"),
            env: vec![
                ("PATH".into(), "/custom".into()),
                ("JFRUN_TEST_SECRET".into(), "a 'quoted' value".into()),
                ("not-a-name".into(), "x".into()),
            ],
            capture_stdout: false,
        };
        assert_eq!(
            script(&cmd),
            "cd '/home/jenkins/agent/workspace/p' || exit 1\n\
             export JFRUN_TEST_SECRET='a '\\''quoted'\\'' value'\n\
             exec 'sh' '-xe' '/w/it'\\''s.sh' </dev/null\n"
        );
    }
}
