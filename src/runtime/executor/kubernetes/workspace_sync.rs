//! The workspace of a pod on a cluster, kept in step with jfrun's copy of it.
//!
//! On Docker the pod's workspace volume is a host folder, so jfrun (playing the plugin's agent
//! container) and the pod's containers see the same files. On a cluster it is an `emptyDir` in
//! the pod, out of jfrun's reach: jfrun keeps its own copy (the same `<workspace>@pod` folder)
//! and keeps the two in step around every step run in a container. Before the step, what
//! changed on jfrun's side since the last sync (the checkout, `writeFile`, `unstash`) is
//! copied in, and what was deleted there is deleted in the pod. After it, the pod's workspace
//! is copied out and becomes jfrun's copy, so that host-side steps (`junit`,
//! `archiveArtifacts`, `stash`, `readFile`) see what the step made.
//!
//! The `@tmp` folders beside a workspace hold jfrun's scripts; they are never synced.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

/// What jfrun's copy held at the last sync: every file and folder (relative path) with its
/// modification time and size (folders: none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot(BTreeMap<PathBuf, Option<(SystemTime, u64)>>);

/// What changed in jfrun's copy since a snapshot.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files and folders new or modified, parents first.
    pub changed: Vec<PathBuf>,
    /// Files and folders gone.
    pub removed: Vec<PathBuf>,
}

impl Changes {
    /// Whether nothing changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Whether `rel` lies in a folder that is never synced (`<dir>@tmp`).
#[must_use]
pub fn skipped(rel: &Path) -> bool {
    rel.components().any(|c| match c {
        Component::Normal(n) => n.to_string_lossy().ends_with("@tmp"),
        _ => false,
    })
}

impl Snapshot {
    /// The state of `root` now. Symbolic links are recorded, never followed.
    pub fn of(root: &Path) -> Result<Snapshot, String> {
        let mut map = BTreeMap::new();
        walk(root, Path::new(""), &mut map)?;
        Ok(Snapshot(map))
    }

    /// What changed from `self` to `now`.
    #[must_use]
    pub fn changes(&self, now: &Snapshot) -> Changes {
        let changed = now
            .0
            .iter()
            .filter(|(p, s)| self.0.get(*p) != Some(s))
            .map(|(p, _)| p.clone())
            .collect();
        let mut removed: Vec<PathBuf> = self
            .0
            .keys()
            .filter(|p| !now.0.contains_key(*p))
            .cloned()
            .collect();
        // A folder removed takes what it holds along: name only the outermost.
        removed.dedup_by(|later, earlier| later.starts_with(&*earlier));
        Changes { changed, removed }
    }

    /// The paths recorded.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.0.keys().map(PathBuf::as_path)
    }
}

fn walk(
    root: &Path,
    rel: &Path,
    map: &mut BTreeMap<PathBuf, Option<(SystemTime, u64)>>,
) -> Result<(), String> {
    let dir = root.join(rel);
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let rel = rel.join(entry.file_name());
        if skipped(&rel) {
            continue;
        }
        let meta = entry
            .metadata()
            .map_err(|e| format!("{}: {e}", root.join(&rel).display()))?;
        if meta.is_dir() {
            map.insert(rel.clone(), None);
            walk(root, &rel, map)?;
        } else {
            let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            map.insert(rel, Some((modified, meta.len())));
        }
    }
    Ok(())
}

/// Makes `root` hold exactly what `kept` names and the folders holding it (besides the `@tmp`
/// folders): removes every other file and folder, after the pod's copy of the workspace was
/// unpacked over it.
pub fn remove_others(
    root: &Path,
    kept: &std::collections::BTreeSet<PathBuf>,
) -> Result<(), String> {
    let now = Snapshot::of(root)?;
    let held: std::collections::BTreeSet<&Path> = kept.iter().flat_map(|k| k.ancestors()).collect();
    let mut gone: Vec<&Path> = now.paths().filter(|p| !held.contains(p)).collect();
    gone.dedup_by(|later, earlier| later.starts_with(*earlier));
    for rel in gone {
        let path = root.join(rel);
        let meta =
            std::fs::symlink_metadata(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let result = if meta.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        result.map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    #[test]
    fn changes_name_new_and_modified_files_and_the_outermost_removed_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(root, "workspace/job/a.txt", "a");
        write(root, "workspace/job/old/x/y.txt", "y");
        write(root, "workspace/job@tmp/script.sh", "echo");
        let before = Snapshot::of(root).expect("snapshot");
        assert!(before.paths().all(|p| !skipped(p)));
        write(root, "workspace/job/a.txt", "longer");
        write(root, "workspace/job/b.txt", "b");
        std::fs::remove_dir_all(root.join("workspace/job/old")).expect("rm");
        write(root, "workspace/job@tmp/other.sh", "echo");
        let changes = before.changes(&Snapshot::of(root).expect("snapshot"));
        assert_eq!(
            changes.changed,
            vec![
                PathBuf::from("workspace/job/a.txt"),
                PathBuf::from("workspace/job/b.txt")
            ]
        );
        assert_eq!(changes.removed, vec![PathBuf::from("workspace/job/old")]);
        let same = Snapshot::of(root).expect("snapshot");
        assert!(same.changes(&same).is_empty());
    }

    #[test]
    fn remove_others_keeps_what_is_named_and_the_tmp_folders() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(root, "workspace/job/keep.txt", "k");
        write(root, "workspace/job/gone/deep.txt", "g");
        write(root, "workspace/job@tmp/script.sh", "echo");
        let kept = ["workspace/job/keep.txt"]
            .into_iter()
            .map(PathBuf::from)
            .collect();
        remove_others(root, &kept).expect("remove");
        assert!(root.join("workspace/job/keep.txt").exists());
        assert!(!root.join("workspace/job/gone").exists());
        assert!(root.join("workspace/job@tmp/script.sh").exists());
    }
}
