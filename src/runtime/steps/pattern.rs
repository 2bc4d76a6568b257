//! Ant file patterns, as Jenkins' `stash`, `archiveArtifacts`, `junit` and `findFiles` read
//! them: comma-separated lists of patterns relative to a folder, where `*` stays within one
//! folder, `**` crosses any number of them, and a pattern ending in `/` means everything below.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::eval::error::{Signal, throw};

/// Ant's default excludes: version-control folders and editor leftovers.
const DEFAULT_EXCLUDES: &[&str] = &[
    "**/*~",
    "**/#*#",
    "**/.#*",
    "**/%*%",
    "**/._*",
    "**/CVS",
    "**/CVS/**",
    "**/.cvsignore",
    "**/SCCS",
    "**/SCCS/**",
    "**/vssver.scc",
    "**/.svn",
    "**/.svn/**",
    "**/.DS_Store",
    "**/.git",
    "**/.git/**",
    "**/.gitattributes",
    "**/.gitignore",
    "**/.gitmodules",
    "**/.hg",
    "**/.hg/**",
    "**/.hgignore",
    "**/.hgsub",
    "**/.hgsubstate",
    "**/.hgtags",
    "**/.bzr",
    "**/.bzr/**",
    "**/.bzrignore",
];

/// A compiled set of Ant patterns.
pub struct Patterns {
    set: GlobSet,
    empty: bool,
}

impl Patterns {
    /// Compiles a comma-separated list of Ant patterns (blank entries are skipped).
    pub fn new<'a>(list: &str) -> Result<Self, Signal<'a>> {
        Self::of(list.split(',').map(str::trim).filter(|p| !p.is_empty()))
    }

    /// Compiles the given patterns.
    pub fn of<'a, 'p>(patterns: impl IntoIterator<Item = &'p str>) -> Result<Self, Signal<'a>> {
        let mut b = GlobSetBuilder::new();
        let mut empty = true;
        for p in patterns {
            let mut p = p.replace('\\', "/");
            if p.ends_with('/') {
                p.push_str("**");
            }
            let mut globs = vec![p.clone()];
            // Ant's `dir/**` also matches `dir` itself.
            if let Some(prefix) = p.strip_suffix("/**") {
                globs.push(prefix.to_owned());
            }
            for g in globs {
                let glob = GlobBuilder::new(&g)
                    .literal_separator(true)
                    .backslash_escape(false)
                    .build();
                match glob {
                    Ok(glob) => {
                        b.add(glob);
                    }
                    Err(e) => {
                        return throw(
                            "java.lang.IllegalArgumentException",
                            format!("invalid file pattern '{p}': {e}"),
                        );
                    }
                }
            }
            empty = false;
        }
        let set = b.build().or_else(|e| {
            throw(
                "java.lang.IllegalArgumentException",
                format!("invalid file pattern: {e}"),
            )
        })?;
        Ok(Patterns { set, empty })
    }

    /// Ant's default excludes.
    pub fn default_excludes<'a>() -> Result<Self, Signal<'a>> {
        Self::of(DEFAULT_EXCLUDES.iter().copied())
    }

    /// Whether a relative path (with `/` separators) matches.
    #[must_use]
    pub fn matches(&self, rel: &str) -> bool {
        !self.empty && self.set.is_match(rel)
    }
}

/// What to select under a folder.
pub struct Selection {
    /// Files to take.
    pub includes: Patterns,
    /// Files to leave out.
    pub excludes: Option<Patterns>,
    /// Ant's default excludes, when they apply.
    pub defaults: Option<Patterns>,
}

impl Selection {
    /// `includes` and optional `excludes`, with or without Ant's default excludes.
    pub fn new<'a>(
        includes: &str,
        excludes: Option<&str>,
        default_excludes: bool,
    ) -> Result<Self, Signal<'a>> {
        Ok(Selection {
            includes: Patterns::new(includes)?,
            excludes: excludes.map(Patterns::new).transpose()?,
            defaults: if default_excludes {
                Some(Patterns::default_excludes()?)
            } else {
                None
            },
        })
    }

    fn excluded(&self, rel: &str) -> bool {
        self.excludes.as_ref().is_some_and(|e| e.matches(rel))
            || self.defaults.as_ref().is_some_and(|e| e.matches(rel))
    }

    /// Whether a relative path is selected.
    #[must_use]
    pub fn selects(&self, rel: &str) -> bool {
        self.includes.matches(rel) && !self.excluded(rel)
    }

    /// The files under `base` selected, as sorted relative paths with `/` separators.
    #[must_use]
    pub fn files(&self, base: &Path) -> Vec<String> {
        let mut out = Vec::new();
        walk(base, "", &mut |rel, is_dir| {
            if is_dir {
                // A folder that default excludes remove takes everything in it along.
                return !self.defaults.as_ref().is_some_and(|e| e.matches(rel));
            }
            if self.selects(rel) {
                out.push(rel.to_owned());
            }
            true
        });
        out.sort();
        out
    }
}

/// Visits everything under `dir` (folders before their content); `visit` returns whether to
/// descend into a folder. Symbolic links to folders are not followed; jfrun's own `.jfrun`
/// folder is never visited.
pub fn walk(dir: &Path, prefix: &str, visit: &mut dyn FnMut(&str, bool) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if prefix.is_empty() && name == ".jfrun" {
            continue;
        }
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if visit(&rel, is_dir) && is_dir {
            walk(&e.path(), &rel, visit);
        }
    }
}

/// Copies the files `rels` from `from` to `to`, keeping their relative paths.
pub fn copy_files(from: &Path, to: &Path, rels: &[String]) -> std::io::Result<()> {
    for rel in rels {
        let dest: PathBuf = to.join(rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from.join(rel), &dest)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ant_patterns() {
        let p = Patterns::new("**/*.xml, target/").unwrap_or_else(|_| panic!());
        assert!(p.matches("a.xml"));
        assert!(p.matches("x/y/a.xml"));
        assert!(p.matches("target/a/b.class"));
        assert!(!p.matches("src/a.java"));
        let star = Patterns::new("*.txt").unwrap_or_else(|_| panic!());
        assert!(star.matches("a.txt"));
        assert!(!star.matches("d/a.txt"));
        let d = Patterns::default_excludes().unwrap_or_else(|_| panic!());
        assert!(d.matches(".git/config"));
        assert!(d.matches("sub/.gitignore"));
        assert!(!d.matches("src/main.rs"));
    }
}
