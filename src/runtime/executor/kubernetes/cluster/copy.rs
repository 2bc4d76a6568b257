//! Directories copied between this machine and a container, as `kubectl cp` does: a tar
//! archive over exec, `tar xf - -C dir` reading it in, `tar cf - -C dir .` writing it out.
//! Nothing is ever written outside the local directory: an entry with an absolute path or
//! `..` fails the copy.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use super::Cluster;
use super::channel::{Channel, Frame};

/// tar's record size: GNU tar reads standard input a whole record at a time, so an archive
/// padded to records lets it reach the end-of-archive blocks without the end of the stream
/// (which the v4 protocol cannot signal).
const RECORD: usize = 10240;

/// Copies the contents of `local_dir` into `remote_dir` of `container`.
pub async fn copy_in(
    cluster: &Cluster,
    pod: &str,
    container: &str,
    local_dir: &Path,
    remote_dir: &str,
) -> Result<(), String> {
    let archive = archive(local_dir)?;
    send(cluster, pod, container, &archive, remote_dir).await
}

/// Copies `paths` (relative to `local_dir`; folders without what they hold) into
/// `remote_dir` of `container`, at the same relative places.
pub async fn copy_paths_in(
    cluster: &Cluster,
    pod: &str,
    container: &str,
    local_dir: &Path,
    paths: &[PathBuf],
    remote_dir: &str,
) -> Result<(), String> {
    let archive = archive_of(local_dir, paths)?;
    send(cluster, pod, container, &archive, remote_dir).await
}

/// Unpacks `archive` in `remote_dir` of `container`.
async fn send(
    cluster: &Cluster,
    pod: &str,
    container: &str,
    archive: &[u8],
    remote_dir: &str,
) -> Result<(), String> {
    let mut channel = Channel::open(
        cluster,
        pod,
        container,
        &["tar", "xf", "-", "-C", remote_dir],
        true,
    )
    .await?;
    channel.write_stdin(archive).await?;
    channel.close_stdin().await?;
    let (code, _, stderr) = collect(&mut channel).await?;
    if code == 0 {
        Ok(())
    } else {
        Err(failed("into", pod, container, remote_dir, code, &stderr))
    }
}

/// Copies the contents of `remote_dir` of `container` into `local_dir`.
pub async fn copy_out(
    cluster: &Cluster,
    pod: &str,
    container: &str,
    remote_dir: &str,
    local_dir: &Path,
) -> Result<(), String> {
    copy_out_except(cluster, pod, container, remote_dir, local_dir, &|_| false)
        .await
        .map(|_| ())
}

/// Copies the contents of `remote_dir` of `container` into `local_dir`, but for the entries
/// `skip` names; returns the paths of the entries copied (relative, without `./`).
pub async fn copy_out_except(
    cluster: &Cluster,
    pod: &str,
    container: &str,
    remote_dir: &str,
    local_dir: &Path,
    skip: &dyn Fn(&Path) -> bool,
) -> Result<BTreeSet<PathBuf>, String> {
    let mut channel = Channel::open(
        cluster,
        pod,
        container,
        &["tar", "cf", "-", "-C", remote_dir, "."],
        false,
    )
    .await?;
    let (code, stdout, stderr) = collect(&mut channel).await?;
    if code != 0 {
        return Err(failed("out of", pod, container, remote_dir, code, &stderr));
    }
    unpack_except(&stdout, local_dir, skip)
}

/// The tar archive of the contents of `dir`, padded to whole records.
fn archive(dir: &Path) -> Result<Vec<u8>, String> {
    let mut builder = tar::Builder::new(Vec::new());
    builder.follow_symlinks(false);
    builder
        .append_dir_all(".", dir)
        .map_err(|e| format!("cannot archive {}: {e}", dir.display()))?;
    let mut bytes = builder
        .into_inner()
        .map_err(|e| format!("cannot archive {}: {e}", dir.display()))?;
    bytes.resize(bytes.len().div_ceil(RECORD) * RECORD, 0);
    Ok(bytes)
}

/// The tar archive of `paths` under `dir` (folders as folders only), padded to whole records.
fn archive_of(dir: &Path, paths: &[PathBuf]) -> Result<Vec<u8>, String> {
    let mut builder = tar::Builder::new(Vec::new());
    builder.follow_symlinks(false);
    for rel in paths {
        let full = dir.join(rel);
        let meta = std::fs::symlink_metadata(&full)
            .map_err(|e| format!("cannot archive {}: {e}", full.display()))?;
        let result = if meta.is_dir() {
            let mut header = tar::Header::new_gnu();
            header.set_metadata(&meta);
            builder.append_data(&mut header, rel, std::io::empty())
        } else {
            builder.append_path_with_name(&full, rel)
        };
        result.map_err(|e| format!("cannot archive {}: {e}", full.display()))?;
    }
    let mut bytes = builder
        .into_inner()
        .map_err(|e| format!("cannot archive {}: {e}", dir.display()))?;
    bytes.resize(bytes.len().div_ceil(RECORD) * RECORD, 0);
    Ok(bytes)
}

/// Unpacks `archive` into `dir`, refusing any entry that would land outside it.
pub fn unpack(archive: &[u8], dir: &Path) -> Result<(), String> {
    unpack_except(archive, dir, &|_| false).map(|_| ())
}

/// Unpacks `archive` into `dir` but for the entries `skip` names, refusing any entry that
/// would land outside it; returns the paths unpacked (relative, without `./`).
fn unpack_except(
    archive: &[u8],
    dir: &Path,
    skip: &dyn Fn(&Path) -> bool,
) -> Result<BTreeSet<PathBuf>, String> {
    let mut unpacked = BTreeSet::new();
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut reader = tar::Archive::new(archive);
    let entries = reader
        .entries()
        .map_err(|e| format!("unreadable archive from the container: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("unreadable archive from the container: {e}"))?;
        let path = entry
            .path()
            .map_err(|e| format!("unreadable archive from the container: {e}"))?
            .into_owned();
        if path
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(format!(
                "the archive from the container has the entry {}, outside the destination",
                path.display()
            ));
        }
        let rel: PathBuf = path
            .components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .collect();
        if rel.as_os_str().is_empty() || skip(&rel) {
            continue;
        }
        // unpack_in also refuses to write through a symbolic link leading out of `dir`.
        entry
            .unpack_in(dir)
            .map_err(|e| format!("cannot write {}: {e}", dir.join(&path).display()))?;
        unpacked.insert(rel);
    }
    Ok(unpacked)
}

/// Reads the channel to its end: the exit code, standard output and standard error.
async fn collect(channel: &mut Channel) -> Result<(i32, Vec<u8>, Vec<u8>), String> {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let mut code = None;
    while let Some(frame) = channel.next().await? {
        match frame {
            Frame::Stdout(b) => stdout.extend_from_slice(&b),
            Frame::Stderr(b) => stderr.extend_from_slice(&b),
            Frame::Exit(c) => code = Some(c),
        }
    }
    code.map(|c| (c, stdout, stderr))
        .ok_or_else(|| "the connection closed before tar's exit status".to_owned())
}

fn failed(
    direction: &str,
    pod: &str,
    container: &str,
    dir: &str,
    code: i32,
    stderr: &[u8],
) -> String {
    format!(
        "cannot copy files {direction} {dir} in {pod}/{container}: tar exited with code {code}: {}",
        String::from_utf8_lossy(stderr).trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive_with(path: &str) -> Vec<u8> {
        let mut header = tar::Header::new_gnu();
        header.set_size(1);
        header.set_mode(0o644);
        header.set_entry_type(tar::EntryType::Regular);
        // set_path refuses `..`; write the name bytes directly, as a hostile archive would.
        let name = &mut header.as_old_mut().name;
        name[..path.len()].copy_from_slice(path.as_bytes());
        header.set_cksum();
        let mut b = tar::Builder::new(Vec::new());
        b.append(&header, &b"x"[..]).expect("append");
        b.into_inner().expect("finish")
    }

    #[test]
    fn entries_outside_the_destination_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        for bad in ["../escape", "/etc/escape", "a/../../escape"] {
            let err = unpack(&archive_with(bad), &dir.path().join("out")).expect_err(bad);
            assert!(err.contains("outside the destination"), "{err}");
        }
        assert!(!dir.path().join("escape").exists());
        unpack(&archive_with("./ok"), &dir.path().join("out")).expect("a plain entry");
        assert!(dir.path().join("out/ok").exists());
    }
}
