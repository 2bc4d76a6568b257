//! The host executor's processes: a step's command runs in its own process group, its output
//! (standard output and error merged, as Jenkins shows them) streams into the log line by line,
//! and cancelling the step (`timeout`, a failed parallel sibling with failFast, Ctrl-C) kills
//! the whole group.

use std::os::fd::OwnedFd;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use tokio::io::AsyncReadExt;
use tokio::net::unix::pipe;
use tokio_util::sync::CancellationToken;

use super::log::{LineWriter, Log};

/// A command to run.
pub struct Command {
    /// Program and arguments.
    pub argv: Vec<String>,
    /// Working directory.
    pub cwd: PathBuf,
    /// The complete environment.
    pub env: Vec<(String, String)>,
    /// Keep standard output instead of logging it (`returnStdout`).
    pub capture_stdout: bool,
}

/// How a command ended.
pub enum Exit {
    /// It exited (a signal counts as 128 + its number, as shells report it).
    Code {
        /// The exit status.
        status: i32,
        /// Standard output, when captured.
        stdout: String,
    },
    /// It was cancelled and its process group killed.
    Cancelled,
}

/// Runs `cmd` to completion or cancellation on the build's tokio runtime.
pub fn run(
    rt: &tokio::runtime::Handle,
    cmd: Command,
    log: &Arc<Log>,
    cancel: &CancellationToken,
) -> std::io::Result<Exit> {
    if cancel.is_cancelled() {
        return Ok(Exit::Cancelled);
    }
    let (reader, writer) = std::io::pipe()?;
    let mut command = tokio::process::Command::new(&cmd.argv[0]);
    command
        .args(&cmd.argv[1..])
        .current_dir(&cmd.cwd)
        .env_clear()
        .envs(cmd.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stderr(Stdio::from(OwnedFd::from(writer.try_clone()?)))
        .process_group(0)
        .kill_on_drop(false);
    if cmd.capture_stdout {
        command.stdout(Stdio::piped());
    } else {
        command.stdout(Stdio::from(OwnedFd::from(writer)));
    }
    let entered = rt.enter();
    let mut child = command.spawn()?;
    drop(entered);
    // The parent's copy of the write end must be closed for the reader to see the end.
    drop(command);
    let pgid = child.id().map(|id| Pid::from_raw(id as i32));
    let mut stdout_pipe = child.stdout.take();
    let log = log.clone();
    rt.block_on(async move {
        let mut merged = pipe::Receiver::from_owned_fd(OwnedFd::from(reader))?;
        let mut lines = LineWriter::new(log);
        let mut captured = Vec::new();
        let mut buf = vec![0u8; 16 * 1024];
        let mut cbuf = vec![0u8; 16 * 1024];
        let mut merged_open = true;
        let mut stdout_open = stdout_pipe.is_some();
        let mut status = None;
        let status = loop {
            if let Some(st) = status {
                if !merged_open && !stdout_open {
                    break st;
                }
            }
            tokio::select! {
                n = merged.read(&mut buf), if merged_open => match n {
                    Ok(0) | Err(_) => merged_open = false,
                    Ok(n) => { let _ = std::io::Write::write_all(&mut lines, &buf[..n]); }
                },
                n = read_some(stdout_pipe.as_mut(), &mut cbuf), if stdout_open => match n {
                    Ok(0) | Err(_) => stdout_open = false,
                    Ok(n) => captured.extend_from_slice(&cbuf[..n]),
                },
                st = child.wait(), if status.is_none() => status = Some(st?),
                // A background process may hold the output open after the step's own process
                // ended; it is not waited for.
                () = tokio::time::sleep(Duration::from_millis(200)), if status.is_some() => {
                    if let Some(st) = status { break st; }
                },
                () = cancel.cancelled() => {
                    kill_group(pgid).await;
                    let _ = child.wait().await;
                    return Ok(Exit::Cancelled);
                }
            }
        };
        let _ = std::io::Write::flush(&mut lines);
        Ok(Exit::Code {
            status: exit_status(status),
            stdout: String::from_utf8_lossy(&captured).into_owned(),
        })
    })
}

async fn read_some(
    pipe: Option<&mut tokio::process::ChildStdout>,
    buf: &mut [u8],
) -> std::io::Result<usize> {
    match pipe {
        Some(p) => p.read(buf).await,
        None => Ok(0),
    }
}

fn exit_status(status: std::process::ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0))
}

/// Terminates a process group: SIGTERM, then SIGKILL for what is left after a grace period.
pub async fn kill_group(pgid: Option<Pid>) {
    let Some(pgid) = pgid else { return };
    if killpg(pgid, Signal::SIGTERM).is_err() {
        return;
    }
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(25)).await;
        if killpg(pgid, None).is_err() {
            return;
        }
    }
    let _ = killpg(pgid, Signal::SIGKILL);
}
