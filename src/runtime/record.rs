//! Builds kept on disk under `.jfrun/builds/<n>/`: the number the next build gets, the result
//! of the previous one (for `changed`, `fixed` and `regression`), the commit it built (for
//! `when { changelog }` and `changeset`), the log and artifacts.

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
    /// The commit the build checked out, when the project is a git repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    commit: Option<String>,
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
    /// Build `n`, as the CI numbers it, when no build of that number is recorded yet;
    /// otherwise the next number.
    pub fn claim(&self, n: u64) -> std::io::Result<(u64, PathBuf)> {
        std::fs::create_dir_all(&self.dir)?;
        let dir = self.dir.join(n.to_string());
        match std::fs::create_dir(&dir) {
            Ok(()) => Ok((n, dir)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => self.next(),
            Err(e) => Err(e),
        }
    }

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

    /// The last finished build before `number`.
    fn last_before(&self, number: u64) -> Option<(u64, Saved)> {
        self.numbers()
            .into_iter()
            .rev()
            .filter(|n| *n < number)
            .find_map(|n| {
                let text = std::fs::read_to_string(self.dir.join(n.to_string()).join("build.json"))
                    .ok()?;
                Some((n, serde_json::from_str(&text).ok()?))
            })
    }

    /// The last finished build before `number`: its number and result (for `changed`,
    /// `fixed` and `regression`), and the commit it built, where this build's changelog starts
    /// (Jenkins' changelog is the commits since the previous build).
    #[must_use]
    pub fn previous(&self, number: u64) -> (Option<(u64, BuildResult)>, Option<String>) {
        match self.last_before(number) {
            Some((n, saved)) => (
                BuildResult::parse(&saved.result).map(|r| (n, r)),
                saved.commit,
            ),
            None => (None, None),
        }
    }

    /// Saves a finished build's result, commit and log.
    pub fn finish(
        dir: &Path,
        result: BuildResult,
        duration_ms: u64,
        commit: Option<&str>,
        log: &str,
    ) {
        let saved = Saved {
            result: result.name().to_owned(),
            duration_ms,
            commit: commit.map(str::to_owned),
        };
        if let Ok(text) = serde_json::to_string_pretty(&saved) {
            let _ = std::fs::write(dir.join("build.json"), text);
        }
        let _ = std::fs::write(dir.join("log"), log);
    }
}
