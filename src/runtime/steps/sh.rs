//! `sh`: a shell script run as Jenkins' durable-task plugin runs it: `/bin/sh -xe` (or the
//! interpreter of its `#!` line), in the current directory with the step's environment, output
//! in the log, failing on a non-zero exit unless `returnStatus`; `returnStdout` gives the
//! output instead of logging it.

use std::io::Write;

use super::{Call, StepArgs};
use crate::eval::error::{Eval, throw};
use crate::eval::value::Value;
use crate::runtime::executor::docker;
use crate::runtime::process::{self, Command, Exit};
use crate::runtime::{context, env, interrupt};

/// `sh 'make'`, `sh script: '...', returnStdout: true`.
pub fn sh<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("sh", Some("script"), args)?;
    let script = a.required(c.i, "script")?;
    let return_stdout = a.flag(c.i, "returnStdout", false)?;
    let return_status = a.flag(c.i, "returnStatus", false)?;
    if let Some(label) = a.string(c.i, "label")? {
        c.b.log.note(&format!("[{label}]"));
    }
    let ctx = context::current();
    // In a container the script must be where the container sees it: beside the current
    // directory, as the durable-task plugin puts it.
    let tmp = match &ctx.container {
        Some(_) => docker::inside::tmp_beside(&ctx.cwd),
        None => c.b.tmp_dir(),
    };
    std::fs::create_dir_all(&tmp)
        .and_then(|()| std::fs::create_dir_all(&ctx.cwd))
        .or_else(|e| throw("java.io.IOException", e.to_string()))?;
    let file = tempfile::Builder::new()
        .prefix("script-")
        .suffix(".sh")
        .tempfile_in(&tmp)
        .and_then(|mut f| f.write_all(script.as_bytes()).map(|()| f))
        .or_else(|e| throw("java.io.IOException", e.to_string()))?;
    let path = file.path().display().to_string();
    let argv = if let Some(line) = script.strip_prefix("#!") {
        let line = line.lines().next().unwrap_or("").trim();
        let mut argv: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        if argv.is_empty() {
            argv.push("/bin/sh".into());
        }
        argv.push(path);
        argv
    } else {
        vec!["/bin/sh".into(), "-xe".into(), path]
    };
    let mut env: Vec<(String, String)> = env::effective(c.b, &ctx).into_iter().collect();
    let mut cmd_cwd = ctx.cwd.clone();
    let mut argv = argv;
    let mut files = Vec::new();
    // In a pod's container, the workspace is where the pod mounts it.
    if let (Some(pod), Some(_)) = (&ctx.pod, &ctx.container) {
        cmd_cwd = pod.to_container(&ctx.cwd);
        if let Some(last) = argv.last_mut() {
            *last = pod
                .to_container(std::path::Path::new(last.as_str()))
                .display()
                .to_string();
            files.push((last.clone(), script.clone()));
        }
        for (_, v) in &mut env {
            *v = pod.text_to_container(v);
        }
    }
    let cmd = Command {
        argv,
        cwd: cmd_cwd,
        env,
        capture_stdout: return_stdout,
    };
    let exit = match (&ctx.pod, &ctx.container) {
        (Some(pod), Some(name)) => pod.exec(c.b, name, cmd, &files, &ctx.cancel).or_else(|e| {
            throw(
                "java.io.IOException",
                format!(
                    "cannot run the script in container '{name}' of pod {}: {e}",
                    pod.name
                ),
            )
        })?,
        (None, Some(id)) => {
            c.b.rt
                .block_on(async {
                    let engine = c.b.containers.engine_at(ctx.docker_host.as_deref()).await?;
                    docker::exec::run(&engine, id, cmd, &c.b.log, &ctx.cancel).await
                })
                .or_else(|e| throw("java.io.IOException", format!("docker exec failed: {e}")))?
        }
        (_, None) => process::run(&c.b.rt, cmd, &c.b.log, &ctx.cancel).or_else(|e| {
            throw(
                "java.io.IOException",
                format!("Cannot run program \"/bin/sh\": {e}"),
            )
        })?,
    };
    drop(file);
    match exit {
        Exit::Cancelled => interrupt::thrown(c.b),
        Exit::Code { status, stdout } => {
            if return_status {
                return Ok(Value::Int(status));
            }
            if status != 0 {
                return throw(
                    "hudson.AbortException",
                    format!("script returned exit code {status}"),
                );
            }
            if return_stdout {
                return Ok(Value::str(stdout));
            }
            Ok(Value::Null)
        }
    }
}

/// `bat` and `powershell`: Windows only.
pub fn windows_only<'a>(_: &Call<'_, 'a>, _: Vec<Value<'a>>) -> Eval<'a> {
    throw(
        "java.lang.UnsupportedOperationException",
        "bat and powershell run on Windows agents only; jfrun runs on Linux and macOS (use sh)",
    )
}

/// `pwsh`: PowerShell Core, when installed.
pub fn pwsh<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("pwsh", Some("script"), args)?;
    let script = a.required(c.i, "script")?;
    let mut named = a.named.clone();
    named.insert(
        "script".into(),
        Value::str(format!("#!/usr/bin/env pwsh\n{script}")),
    );
    let map = crate::eval::value::MapObj::linked(
        named.into_iter().map(|(k, v)| (Value::str(k), v)).collect(),
    );
    sh(c, vec![map])
}
