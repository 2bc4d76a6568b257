//! A step's command run in a container (`docker exec`): with the step's environment (what differs
//! from jfrun's own, PATH left to the image, as the plugin does) and working directory, its
//! standard output and error streamed into the log, its exit code returned.

use std::sync::Arc;
use std::time::Duration;

use bollard::container::LogOutput;
use bollard::exec::StartExecResults;
use bollard::models::ExecConfig;
use futures_util::StreamExt;
use tokio_util::sync::CancellationToken;

use super::Engine;
use crate::runtime::log::{LineWriter, Log};
use crate::runtime::process::{Command, Exit};

/// The variables of `env` to pass into a container: those jfrun's own environment does not
/// already have with the same value, and never PATH (the image's stays).
#[must_use]
pub fn reduced_env(env: &[(String, String)]) -> Vec<String> {
    env.iter()
        .filter(|(k, v)| {
            !k.is_empty() && k != "PATH" && std::env::var(k).ok().as_deref() != Some(v.as_str())
        })
        .map(|(k, v)| format!("{k}={v}"))
        .collect()
}

/// Runs `cmd` in the container `id` to completion or cancellation. On cancellation the process
/// is left to die with its container, which the caller removes.
pub async fn run(
    engine: &Engine,
    id: &str,
    cmd: Command,
    log: &Arc<Log>,
    cancel: &CancellationToken,
) -> Result<Exit, String> {
    if cancel.is_cancelled() {
        return Ok(Exit::Cancelled);
    }
    let docker = engine.client();
    let config = ExecConfig {
        attach_stdout: Some(true),
        attach_stderr: Some(true),
        cmd: Some(cmd.argv.clone()),
        env: Some(reduced_env(&cmd.env)),
        working_dir: Some(cmd.cwd.display().to_string()),
        ..ExecConfig::default()
    };
    let exec = docker
        .create_exec(id, config)
        .await
        .map_err(|e| e.to_string())?
        .id;
    let StartExecResults::Attached { mut output, .. } = docker
        .start_exec(&exec, None)
        .await
        .map_err(|e| e.to_string())?
    else {
        return Err("docker exec started detached".to_owned());
    };
    // One writer per stream: their chunks do not end at line ends, and must not be spliced
    // into each other's lines.
    let mut out_lines = LineWriter::new(log.clone());
    let mut err_lines = LineWriter::new(log.clone());
    let mut captured = Vec::new();
    loop {
        tokio::select! {
            m = output.next() => match m {
                None => break,
                Some(Err(e)) => return Err(e.to_string()),
                Some(Ok(LogOutput::StdOut { message })) if cmd.capture_stdout => {
                    captured.extend_from_slice(&message);
                }
                Some(Ok(LogOutput::StdOut { message } | LogOutput::Console { message })) => {
                    let _ = std::io::Write::write_all(&mut out_lines, &message);
                }
                Some(Ok(LogOutput::StdErr { message })) => {
                    let _ = std::io::Write::write_all(&mut err_lines, &message);
                }
                Some(Ok(LogOutput::StdIn { .. })) => {}
            },
            () = cancel.cancelled() => return Ok(Exit::Cancelled),
        }
    }
    let _ = std::io::Write::flush(&mut out_lines);
    let _ = std::io::Write::flush(&mut err_lines);
    // The stream ends when the process does; the engine may report it running a moment longer.
    for _ in 0..100 {
        let info = docker
            .inspect_exec(&exec)
            .await
            .map_err(|e| e.to_string())?;
        if info.running != Some(true) {
            return Ok(Exit::Code {
                status: info.exit_code.unwrap_or(-1) as i32,
                stdout: String::from_utf8_lossy(&captured).into_owned(),
            });
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Err(format!("docker exec {exec} did not report an exit code"))
}
