//! The shared libraries a document may use: those its project's `.jfrun.toml` configures
//! (`[libraries.NAME]`), found from the document's folder as `jfrun lint` finds them, so the
//! editor shows the diagnostics `jfrun lint` prints; their global variables' help
//! (`vars/NAME.txt`) for hover, and their scripts for go to definition.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use lsp_types::Uri;

use crate::library::{Global, Library};
use crate::source::SourceFile;

use super::documents::folder;

/// A document's project, as far as libraries go.
pub struct Project {
    /// The libraries `.jfrun.toml` configures.
    pub libraries: Vec<Library>,
    /// The folder holding `.jfrun.toml` (and `.jfrun/`, where cloned libraries are cached).
    pub root: PathBuf,
}

/// The project of the document `uri`, when it is a file whose `.jfrun.toml` names libraries.
#[must_use]
pub fn project(uri: &Uri) -> Option<Project> {
    let dir = folder(uri)?;
    let config = crate::project::config_file(&dir.join("Jenkinsfile"))?;
    let libraries = crate::library::configured(&config);
    if libraries.is_empty() {
        return None;
    }
    Some(Project {
        libraries,
        root: config
            .parent()
            .map_or_else(|| dir.clone(), Path::to_path_buf),
    })
}

/// The global variables `text` may call: those of the implicit libraries and of the ones it
/// asks for.
#[must_use]
pub fn globals(project: &Project, text: &str) -> Vec<Global> {
    let parsed = crate::syntax::parse(&SourceFile::new("", text));
    parsed.script.map_or_else(Vec::new, |script| {
        crate::library::visible_globals(&project.libraries, &script, &project.root)
    })
}

/// The `file:` URI of `path`.
#[must_use]
pub fn file_uri(path: &Path) -> Option<Uri> {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut text = String::from("file://");
    for b in path.to_str()?.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            text.push(b as char);
        } else {
            let _ = write!(text, "%{b:02X}");
        }
    }
    text.parse().ok()
}
