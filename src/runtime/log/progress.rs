//! The live display of parallel branches on a terminal: one status line per running branch
//! (spinner, branch, current stage and step, elapsed time) and a bar per transfer under way (an
//! image's pull) kept at the bottom, with the log's lines printed above them. Only [`super::Log`] draws it, under its output lock, so a line is
//! never torn by a redraw.

use std::fmt;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::super::mask::Masker;

/// How often the spinners turn and the elapsed times change.
const TICK: Duration = Duration::from_millis(120);

/// The status lines of the running branches.
pub struct Progress {
    multi: MultiProgress,
    style: ProgressStyle,
    masker: Arc<Masker>,
    /// How many status lines are shown; while any is, log lines go above them.
    shown: parking_lot::Mutex<usize>,
}

impl Progress {
    /// A display on standard output, when it is a terminal that can redraw lines.
    #[must_use]
    pub fn on_stdout(color: bool, masker: Arc<Masker>) -> Option<Self> {
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        if dumb || !std::io::stdout().is_terminal() {
            return None;
        }
        let template = if color {
            "{spinner:.cyan} {prefix:.bold} {wide_msg:.dim} {elapsed:>4}"
        } else {
            "{spinner} {prefix} {wide_msg} {elapsed:>4}"
        };
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_spinner())
            .tick_strings(&["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏", "✓"]);
        Some(Progress {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stdout()),
            style,
            masker,
            shown: parking_lot::Mutex::new(0),
        })
    }

    /// Whether status lines are on screen (log lines must then go through [`Self::println`]).
    #[must_use]
    pub fn is_drawing(&self) -> bool {
        *self.shown.lock() > 0
    }

    /// Prints a log line (with or without its newline) above the status lines.
    pub fn println(&self, text: &str) {
        let _ = self.multi.println(text.strip_suffix('\n').unwrap_or(text));
    }

    /// Shows a status line for branch `name`.
    #[must_use]
    pub fn start(&self, name: &str) -> Status {
        let bar = self.multi.add(ProgressBar::new_spinner());
        bar.set_style(self.style.clone());
        bar.set_prefix(self.masker.mask(name));
        bar.enable_steady_tick(TICK);
        *self.shown.lock() += 1;
        Status {
            bar,
            branch: name.to_owned(),
            masker: self.masker.clone(),
        }
    }

    /// Shows a byte count bar for a transfer (an image's pull) named `name`.
    #[must_use]
    pub fn transfer(&self, name: &str) -> ProgressBar {
        let bar = self.multi.add(ProgressBar::new(0));
        let style = ProgressStyle::with_template(
            "{prefix} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {elapsed:>4}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix(self.masker.mask(name));
        *self.shown.lock() += 1;
        bar
    }

    /// Removes a transfer's bar.
    pub fn transfer_done(&self, bar: &ProgressBar) {
        bar.finish_and_clear();
        self.multi.remove(bar);
        let mut shown = self.shown.lock();
        *shown = shown.saturating_sub(1);
        if *shown == 0 {
            let _ = self.multi.clear();
        }
    }

    /// Removes a branch's status line.
    pub fn finish(&self, status: &Status) {
        status.bar.finish_and_clear();
        self.multi.remove(&status.bar);
        let mut shown = self.shown.lock();
        *shown = shown.saturating_sub(1);
        if *shown == 0 {
            let _ = self.multi.clear();
        }
    }
}

/// One branch's status line; the branch's context carries it so that its stages and steps
/// can update it.
#[derive(Clone)]
pub struct Status {
    bar: ProgressBar,
    branch: String,
    masker: Arc<Masker>,
}

impl Status {
    /// Shows what the branch is doing: the stages inside it, then the step (`Build › sh`).
    pub fn show(&self, stages: &[String], step: Option<&str>) {
        let inner = match stages.iter().rposition(|s| *s == self.branch) {
            Some(k) => &stages[k + 1..],
            None => stages,
        };
        let mut text = inner.join(" / ");
        if let Some(step) = step {
            if !text.is_empty() {
                text.push_str(" › ");
            }
            text.push_str(step);
        }
        self.bar.set_message(self.masker.mask(&text));
    }
}

impl fmt::Debug for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Status")
            .field("branch", &self.branch)
            .finish_non_exhaustive()
    }
}
