//! The build log: every line a build prints goes through here, masked, tagged with the stage
//! (and parallel branch) it comes from, as text for people or as JSON events for tools.

pub mod progress;

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::time::Instant;

use parking_lot::Mutex;
use serde_json::json;

use super::context;
use super::mask::Masker;
use progress::{Progress, Status};

/// How the log is written.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub enum LogFormat {
    /// Lines for people.
    #[default]
    Human,
    /// One JSON event per line.
    Json,
}

/// The build log.
pub struct Log {
    out: Mutex<Box<dyn Write + Send>>,
    /// The build's secrets.
    pub masker: Arc<Masker>,
    format: LogFormat,
    color: bool,
    started: Instant,
    /// Everything written, masked (kept as the build's log file).
    transcript: Mutex<String>,
    /// The status lines of running parallel branches, on a terminal.
    progress: Option<Progress>,
}

impl Log {
    /// A log written to `out`.
    #[must_use]
    pub fn new(out: Box<dyn Write + Send>, format: LogFormat, color: bool) -> Self {
        Log {
            out: Mutex::new(out),
            masker: Arc::new(Masker::default()),
            format,
            color,
            started: Instant::now(),
            transcript: Mutex::new(String::new()),
            progress: None,
        }
    }

    /// A log on standard output, coloured when it is a terminal and NO_COLOR is unset; on a
    /// terminal, running parallel branches also get live status lines.
    #[must_use]
    pub fn stdout(format: LogFormat, no_color: bool) -> Self {
        let color = !no_color
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stdout().is_terminal();
        let mut log = Log::new(Box::new(std::io::stdout()), format, color);
        if format == LogFormat::Human {
            log.progress = Progress::on_stdout(color, log.masker.clone());
        }
        log
    }

    /// Seconds since the build started.
    #[must_use]
    pub fn elapsed_ms(&self) -> u128 {
        self.started.elapsed().as_millis()
    }

    fn write_raw(&self, text: &str) {
        let mut out = self.out.lock();
        match &self.progress {
            Some(p) if p.is_drawing() => p.println(text),
            _ => {
                let _ = out.write_all(text.as_bytes());
                let _ = out.flush();
            }
        }
        self.transcript.lock().push_str(text);
    }

    /// A parallel branch starts: its status line, when the log shows them.
    #[must_use]
    pub fn branch_started(&self, name: &str) -> Option<Status> {
        let p = self.progress.as_ref()?;
        let _out = self.out.lock();
        Some(p.start(name))
    }

    /// A transfer (an image's pull) starts: its progress bar, when the log shows them.
    #[must_use]
    pub fn transfer_started(&self, name: &str) -> Option<indicatif::ProgressBar> {
        let p = self.progress.as_ref()?;
        let _out = self.out.lock();
        Some(p.transfer(name))
    }

    /// A transfer ends: its bar goes.
    pub fn transfer_finished(&self, bar: Option<&indicatif::ProgressBar>) {
        if let (Some(p), Some(bar)) = (&self.progress, bar) {
            let _out = self.out.lock();
            p.transfer_done(bar);
        }
    }

    /// A parallel branch ends: its status line goes.
    pub fn branch_finished(&self, status: Option<&Status>) {
        if let (Some(p), Some(s)) = (&self.progress, status) {
            let _out = self.out.lock();
            p.finish(s);
        }
    }

    /// Shows on the current branch's status line what it is doing now: its stage, and the
    /// step when one starts.
    pub fn activity(&self, step: Option<&str>) {
        if self.progress.is_some() {
            context::with(|ctx| {
                if let Some(s) = &ctx.status {
                    s.show(&ctx.stages, step);
                }
            });
        }
    }

    /// A command for the CI system that reads the output (GitHub's `::group::`), in the human
    /// format only: written as it is, unmasked (`::add-mask::` must name the secret), and
    /// not kept in the transcript.
    pub fn command(&self, text: &str) {
        if self.format != LogFormat::Human {
            return;
        }
        let line = format!("{text}\n");
        let mut out = self.out.lock();
        match &self.progress {
            Some(p) if p.is_drawing() => p.println(&line),
            _ => {
                let _ = out.write_all(line.as_bytes());
                let _ = out.flush();
            }
        }
    }

    /// One line of output from the current stage.
    pub fn line(&self, text: &str) {
        let text = self.masker.mask(text.trim_end_matches(['\n', '\r']));
        let ctx = context::current();
        match self.format {
            LogFormat::Human => {
                let tag = ctx.tag();
                let line = if tag.is_empty() {
                    format!("{text}\n")
                } else if self.color {
                    format!("\x1b[2m[{tag}]\x1b[0m {text}\n")
                } else {
                    format!("[{tag}] {text}\n")
                };
                self.write_raw(&line);
            }
            LogFormat::Json => self.event_value(json!({
                "event": "log",
                "stage": ctx.stages,
                "branch": ctx.branch,
                "line": text,
            })),
        }
    }

    /// Several lines.
    pub fn lines(&self, text: &str) {
        for l in text.lines() {
            self.line(l);
        }
    }

    /// A line jfrun itself says about the build (stage markers, results), emphasised.
    pub fn note(&self, text: &str) {
        match self.format {
            LogFormat::Human => {
                let text = self.masker.mask(text);
                let line = if self.color {
                    format!("\x1b[1m{text}\x1b[0m\n")
                } else {
                    format!("{text}\n")
                };
                self.write_raw(&line);
            }
            LogFormat::Json => {}
        }
    }

    /// An error line (`ERROR: ...`).
    pub fn error(&self, text: &str) {
        let text = format!("ERROR: {text}");
        if self.color && self.format == LogFormat::Human {
            let ctx = context::current();
            let tag = ctx.tag();
            let masked = self.masker.mask(&text);
            let prefix = if tag.is_empty() {
                String::new()
            } else {
                format!("\x1b[2m[{tag}]\x1b[0m ")
            };
            self.write_raw(&format!("{prefix}\x1b[31m{masked}\x1b[0m\n"));
        } else {
            self.line(&text);
        }
    }

    /// A structured event (JSON format only); its strings are masked.
    pub fn event(&self, value: serde_json::Value) {
        if self.format == LogFormat::Json {
            self.event_value(value);
        }
    }

    fn event_value(&self, mut value: serde_json::Value) {
        if let Some(o) = value.as_object_mut() {
            o.insert("time_ms".into(), json!(self.elapsed_ms() as u64));
        }
        let text = self.masker.mask(&value.to_string());
        self.write_raw(&format!("{text}\n"));
    }

    /// Whether the log is JSON.
    #[must_use]
    pub fn is_json(&self) -> bool {
        self.format == LogFormat::Json
    }

    /// Whether colours are on.
    #[must_use]
    pub fn color(&self) -> bool {
        self.color
    }

    /// Everything written so far.
    #[must_use]
    pub fn transcript(&self) -> String {
        self.transcript.lock().clone()
    }
}

/// A writer that sends complete lines to the log (Groovy's `println`, a process's output);
/// a partial line waits for its end, so a secret split across writes is still masked.
pub struct LineWriter {
    log: Arc<Log>,
    pending: Vec<u8>,
}

impl LineWriter {
    /// A writer into `log`.
    #[must_use]
    pub fn new(log: Arc<Log>) -> Self {
        LineWriter {
            log,
            pending: Vec::new(),
        }
    }
}

impl Write for LineWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(k) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=k).collect();
            self.log.line(&String::from_utf8_lossy(&line));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            self.log.line(&String::from_utf8_lossy(&line));
        }
        Ok(())
    }
}

impl Drop for LineWriter {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}
