//! Build and stage results as Jenkins orders them: a result only ever gets worse.

use std::fmt;

/// `hudson.model.Result`, in Jenkins' order (worse is greater).
#[derive(Clone, Copy, Debug, Eq, PartialEq, Ord, PartialOrd, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BuildResult {
    /// Everything passed.
    Success,
    /// Tests failed or a step marked it unstable.
    Unstable,
    /// A step failed.
    Failure,
    /// Not run (a skipped stage, a build that never started).
    NotBuilt,
    /// Interrupted (Ctrl-C, `input` aborted, a timeout).
    Aborted,
}

impl BuildResult {
    /// Jenkins' name: `SUCCESS`, `UNSTABLE`...
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Success => "SUCCESS",
            Self::Unstable => "UNSTABLE",
            Self::Failure => "FAILURE",
            Self::NotBuilt => "NOT_BUILT",
            Self::Aborted => "ABORTED",
        }
    }

    /// Reads a result name (`currentBuild.result = 'UNSTABLE'`).
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "SUCCESS" => Self::Success,
            "UNSTABLE" => Self::Unstable,
            "FAILURE" => Self::Failure,
            "NOT_BUILT" => Self::NotBuilt,
            "ABORTED" => Self::Aborted,
            _ => return None,
        })
    }

    /// The worse of two results (`Result.combine`).
    #[must_use]
    pub fn combine(self, other: Self) -> Self {
        self.max(other)
    }

    /// Whether it is worse than `other` (`isWorseThan`).
    #[must_use]
    pub fn worse_than(self, other: Self) -> bool {
        self > other
    }

    /// `jfrun`'s exit code for a build that ended with this result.
    #[must_use]
    pub fn exit_code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Failure | Self::NotBuilt => 1,
            Self::Unstable => 3,
            Self::Aborted => 4,
        }
    }
}

impl fmt::Display for BuildResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
