//! Builds kept on disk under `.jfrun/builds/<n>/`: the number the next build gets, the result
//! of the previous one (for `changed`, `fixed` and `regression`), the log and artifacts.

use std::path::{Path, PathBuf};

use super::result::BuildResult;

/// The builds of one project.
pub struct Records {
    dir: PathBuf,
}

/// What is kept of a finished build.
#[derive(serde::Serialize, serde::Deserialize)]
struct Saved {
    result: String,
    duration_ms: u64,
}

impl Records {
    /// The builds under `state` (the project's `.jfrun`).
    #[must_use]
    pub fn new(state: &Path) -> Self {
        Records {
            dir: state.join("builds"),
        }
    }

    fn numbers(&self) -> Vec<u64> {
        let mut out: Vec<u64> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse().ok())
            .collect();
        out.sort_unstable();
        out
    }

    /// Allocates the next build number and its folder.
    pub fn next(&self) -> std::io::Result<(u64, PathBuf)> {
        std::fs::create_dir_all(&self.dir)?;
        let mut n = self.numbers().last().copied().unwrap_or(0) + 1;
        loop {
            let dir = self.dir.join(n.to_string());
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok((n, dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// The result of the last finished build before `number`.
    #[must_use]
    pub fn previous(&self, number: u64) -> Option<(u64, BuildResult)> {
        self.numbers()
            .into_iter()
            .rev()
            .filter(|n| *n < number)
            .find_map(|n| {
                let text = std::fs::read_to_string(self.dir.join(n.to_string()).join("build.json"))
                    .ok()?;
                let saved: Saved = serde_json::from_str(&text).ok()?;
                Some((n, BuildResult::parse(&saved.result)?))
            })
    }

    /// Saves a finished build's result and log.
    pub fn finish(dir: &Path, result: BuildResult, duration_ms: u64, log: &str) {
        let saved = Saved {
            result: result.name().to_owned(),
            duration_ms,
        };
        if let Ok(text) = serde_json::to_string_pretty(&saved) {
            let _ = std::fs::write(dir.join("build.json"), text);
        }
        let _ = std::fs::write(dir.join("log"), log);
    }
}
