//! Pipeline Utility Steps' `zip` and `unzip`: zip archives made from (and read into) the
//! current directory, selected by Ant patterns, with the plugin's log lines and messages.

use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use super::files::resolve;
use super::pattern::{Patterns, Selection};
use super::{Call, StepArgs};
use crate::eval::error::{Eval, Signal, exception, throw};
use crate::eval::value::{MapObj, Value};
use crate::runtime::{context, describable};

/// The current directory (`dir()`).
fn cwd() -> PathBuf {
    context::with(|ctx| ctx.cwd.clone())
}

fn io_error<'a, T>(message: String) -> Result<T, Signal<'a>> {
    throw("java.io.IOException", message)
}

/// Java's `String.valueOf` of an optional argument: `null` when it is missing.
fn or_null(s: Option<&str>) -> &str {
    s.unwrap_or("null")
}

/// `zip zipFile: 'a.zip', dir: 'src', glob: '**/*.txt', exclude: '', archive: false,
/// overwrite: false`: packs the files under `dir` (default: the current directory) that `glob`
/// selects and `exclude` leaves, by their paths relative to `dir`.
pub fn zip<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("zip", Some("zipFile"), args)?;
    // `zip(credentialsId: ..., variable: ...)` inside `withCredentials` is the credentials
    // binding of that name, not this step.
    if a.get("zipFile").is_none() && a.get("credentialsId").is_some() {
        let named: Vec<(Value<'a>, Value<'a>)> = a
            .named
            .iter()
            .map(|(k, v)| (Value::str(k.as_str()), v.clone()))
            .collect();
        return Ok(describable::from_call("zip", vec![MapObj::linked(named)]));
    }
    let zip_file = zip_file_arg(c, &a, "zip")?;
    let dir = a.string(c.i, "dir")?.filter(|d| !d.trim().is_empty());
    let glob = a.string(c.i, "glob")?;
    let exclude = a.string(c.i, "exclude")?;
    let archive = a.flag(c.i, "archive", false)?;
    let overwrite = a.flag(c.i, "overwrite", false)?;
    let default_excludes = a.flag(c.i, "defaultExcludes", true)?;
    let source = dir.as_deref().map_or_else(cwd, resolve);
    if dir.is_some() {
        if !source.exists() {
            return io_error(format!("{} does not exist.", source.display()));
        }
        if !source.is_dir() {
            return io_error(format!("{} is not a directory.", source.display()));
        }
    }
    let destination = resolve(&zip_file);
    if destination.exists() && !overwrite {
        return io_error(format!("{} exists.", destination.display()));
    }
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    let filter = if blank(&glob) && blank(&exclude) {
        String::new()
    } else {
        format!(
            " filtered by [{}] - [{}]",
            or_null(glob.as_deref()),
            or_null(exclude.as_deref())
        )
    };
    let line = format!(
        "Compress {}{filter} to {}",
        source.display(),
        destination.display()
    );
    c.b.log.line(&line);
    let includes = if blank(&glob) {
        "**/*".to_owned()
    } else {
        glob.clone().unwrap_or_default()
    };
    let selection = Selection::new(&includes, exclude.as_deref(), default_excludes)?;
    let files = selection.files(&source);
    let count = write_zip(&source, &files, &destination)
        .or_else(|e| io_error(format!("{}: {e}", destination.display())))?;
    c.b.log.line(&format!("Compressed {count} entries."));
    if archive {
        c.b.log
            .line(&format!("Archiving {}", destination.display()));
        let rel = zip_file.replace('\\', "/");
        let target = c.b.dir.join("artifacts").join(&rel);
        let copied = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::copy(&destination, &target));
        if let Err(e) = copied {
            return io_error(format!("zip: cannot archive {rel}: {e}"));
        }
    }
    Ok(Value::Null)
}

/// Writes `files` (relative to `base`) into a new zip file at `to`; the count of entries.
fn write_zip(base: &Path, files: &[String], to: &Path) -> std::io::Result<usize> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let target = std::fs::canonicalize(to.parent().unwrap_or(Path::new(".")))?
        .join(to.file_name().unwrap_or_default());
    let mut writer = ::zip::ZipWriter::new(File::create(to)?);
    let options = ::zip::write::SimpleFileOptions::default()
        .compression_method(::zip::CompressionMethod::Deflated);
    let mut count = 0;
    for rel in files {
        let path = base.join(rel);
        // The archive being written is never put into itself.
        if std::fs::canonicalize(&path).is_ok_and(|p| p == target) {
            continue;
        }
        writer.start_file(rel.as_str(), options)?;
        std::io::copy(&mut File::open(&path)?, &mut writer)?;
        count += 1;
    }
    writer.finish()?;
    Ok(count)
}

/// `unzip zipFile: 'a.zip', dir: 'out', glob: '', test: false, read: false, quiet: false`:
/// extracts into `dir` (default: the current directory); `read: true` gives a map of entry
/// name to content instead, `test: true` checks the archive and gives whether it is sound.
pub fn unzip<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("unzip", Some("zipFile"), args)?;
    let zip_file = zip_file_arg(c, &a, "unzip")?;
    let source = resolve(&zip_file);
    let destination = a
        .string(c.i, "dir")?
        .filter(|d| !d.trim().is_empty())
        .map_or_else(cwd, |d| resolve(&d));
    let (problem, is_problem) = if !source.exists() {
        (format!("{} does not exist.", source.display()), true)
    } else if source.is_dir() {
        (format!("{} is a directory.", source.display()), true)
    } else {
        (String::new(), false)
    };
    if a.flag(c.i, "test", false)? {
        if is_problem {
            c.b.log.error(&problem);
            return Ok(Value::Bool(false));
        }
        return Ok(Value::Bool(test(c, &source)));
    }
    if is_problem {
        return io_error(problem);
    }
    let glob = a.string(c.i, "glob")?.filter(|g| !g.trim().is_empty());
    let read = a.flag(c.i, "read", false)?;
    let quiet = a.flag(c.i, "quiet", false)?;
    let glob = glob.as_deref().map(Patterns::new).transpose()?;
    extract(c, &source, &destination, glob.as_ref(), read, quiet)
}

/// Extracts (or, with `read`, reads) the entries `glob` selects.
fn extract<'a>(
    c: &Call<'_, 'a>,
    source: &Path,
    destination: &Path,
    glob: Option<&Patterns>,
    read: bool,
    quiet: bool,
) -> Eval<'a> {
    let fail = |e: &dyn std::fmt::Display| -> Signal<'a> {
        Signal::Throw(
            exception(
                "java.io.IOException",
                Some(format!("{}: {e}", source.display())),
            ),
            None,
        )
    };
    if !read {
        std::fs::create_dir_all(destination).map_err(|e| fail(&e))?;
    }
    let mut archive = File::open(source)
        .map_err(::zip::result::ZipError::from)
        .and_then(::zip::ZipArchive::new)
        .map_err(|e| fail(&e))?;
    c.b.log
        .line(&format!("Extracting from {}", source.display()));
    let mut contents: Vec<(String, String)> = Vec::new();
    let mut count = 0;
    for n in 0..archive.len() {
        let mut entry = archive.by_index(n).map_err(|e| fail(&e))?;
        let name = entry.name().to_owned();
        if glob.is_some_and(|g| !g.matches(&name)) {
            continue;
        }
        let Some(target) = inside(destination, &name) else {
            return throw(
                "java.io.FileNotFoundException",
                format!("{} is out of bounds!", destination.join(&name).display()),
            );
        };
        if entry.is_dir() {
            if !read {
                std::fs::create_dir_all(&target).map_err(|e| fail(&e))?;
            }
            continue;
        }
        count += 1;
        if read {
            if !quiet {
                c.b.log.line(&format!("Reading: {name}"));
            }
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).map_err(|e| fail(&e))?;
            contents.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        } else {
            if !quiet {
                c.b.log
                    .line(&format!("Extracting: {name} -> {}", target.display()));
            }
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| fail(&e))?;
            }
            let mut out = File::create(&target).map_err(|e| fail(&e))?;
            std::io::copy(&mut entry, &mut out).map_err(|e| fail(&e))?;
        }
    }
    if read {
        c.b.log.line(&format!("Read: {count} files"));
        // The plugin collects the entries in a TreeMap: sorted by name.
        contents.sort();
        return Ok(MapObj::linked(
            contents
                .into_iter()
                .map(|(k, v)| (Value::str(k), Value::str(v)))
                .collect(),
        ));
    }
    c.b.log.line(&format!("Extracted: {count} files"));
    Ok(Value::Null)
}

/// Where entry `name` goes under `destination`, unless it would land outside it.
fn inside(destination: &Path, name: &str) -> Option<PathBuf> {
    let mut out = destination.to_path_buf();
    for part in Path::new(name).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// `unzip test: true`: reads every entry, checking its checksum.
fn test(c: &Call<'_, '_>, source: &Path) -> bool {
    let opened = File::open(source)
        .map_err(::zip::result::ZipError::from)
        .and_then(::zip::ZipArchive::new);
    let mut archive = match opened {
        Ok(a) => a,
        Err(e) => {
            c.b.log.error(&format!("Error validating zip file: {e}"));
            return false;
        }
    };
    c.b.log.line(&format!(
        "Checking {} zipped entries in {}",
        archive.len(),
        source.display()
    ));
    for n in 0..archive.len() {
        let mut entry = match archive.by_index(n) {
            Ok(e) => e,
            Err(e) => {
                c.b.log.error(&format!("Error validating zip file: {e}"));
                return false;
            }
        };
        if entry.is_dir() {
            continue;
        }
        if std::io::copy(&mut entry, &mut std::io::sink()).is_err() {
            c.b.log.error(&format!(
                "Checksum error in : {}:{}",
                source.display(),
                entry.name()
            ));
            return false;
        }
    }
    true
}

/// The `zipFile` argument (or `file`, the same parameter through a setter the plugin
/// inherits), which must not be empty.
fn zip_file_arg<'a>(c: &Call<'_, 'a>, a: &StepArgs<'a>, step: &str) -> Result<String, Signal<'a>> {
    let zip_file = match a.string(c.i, "zipFile")? {
        Some(f) => f,
        None => a.string(c.i, "file")?.unwrap_or_default(),
    };
    if zip_file.trim().is_empty() {
        return throw(
            "java.lang.IllegalArgumentException",
            format!("{step}: zipFile can not be empty"),
        );
    }
    Ok(zip_file)
}
