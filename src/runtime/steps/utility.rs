//! More Pipeline Utility Steps: `readProperties`, `readCSV`, `findFiles`, `sha256`, `sha1`,
//! `md5`, and the `tool` step, which finds tools where `--tool` says or on the PATH.

use std::path::{Path, PathBuf};

use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::data::file_or_text;
use super::files::resolve;
use super::pattern::{Selection, walk};
use super::{Call, StepArgs};
use crate::eval::error::{Eval, throw};
use crate::eval::value::{ListObj, MapObj, Value};
use crate::runtime::context;

/// `readProperties file: 'x.properties'` (or `text:`), with `defaults` under the file's keys.
pub fn read_properties<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("readProperties", None, args)?;
    let mut entries: indexmap::IndexMap<String, Value<'a>> = indexmap::IndexMap::new();
    if let Some(Value::Map(d)) = a.get("defaults") {
        for (k, v) in d.snapshot() {
            entries.insert(c.i.to_s(&k)?, v);
        }
    }
    let text = file_or_text(c, &a)?;
    for (k, v) in crate::eval::gdk::properties::parse(&text)? {
        entries.insert(k, Value::str(v));
    }
    Ok(MapObj::linked(
        entries
            .into_iter()
            .map(|(k, v)| (Value::str(k), v))
            .collect(),
    ))
}

/// Splits CSV text into records of fields (RFC 4180 quoting).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(ch) = chars.next() {
        any = true;
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => record.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                any = false;
            }
            c => field.push(c),
        }
    }
    if any {
        record.push(field);
        records.push(record);
    }
    records
}

/// `readCSV file: 'x.csv'` (or `text:`): a list of records, each a list of fields.
pub fn read_csv<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("readCSV", None, args)?;
    let text = file_or_text(c, &a)?;
    let records = parse_csv(&text)
        .into_iter()
        .map(|r| ListObj::array_list(r.into_iter().map(Value::str).collect()))
        .collect();
    Ok(ListObj::array_list(records))
}

/// A `FileWrapper`: `name`, `path`, `directory`, `length`, `lastModified`.
fn file_wrapper<'a>(base: &Path, rel: &str) -> Value<'a> {
    let full = base.join(rel);
    let meta = std::fs::metadata(&full).ok();
    let name = Path::new(rel)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let modified = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_millis() as i64);
    MapObj::linked(vec![
        (Value::str("name"), Value::str(name)),
        (Value::str("path"), Value::str(rel)),
        (
            Value::str("directory"),
            Value::Bool(meta.as_ref().is_some_and(std::fs::Metadata::is_dir)),
        ),
        (
            Value::str("length"),
            Value::Long(meta.as_ref().map_or(0, |m| m.len() as i64)),
        ),
        (Value::str("lastModified"), Value::Long(modified)),
    ])
}

/// `findFiles glob: '**/*.jar', excludes: ''`: the matching files; without a glob, what the
/// current directory holds.
pub fn find_files<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("findFiles", Some("glob"), args)?;
    let cwd = context::with(|ctx| ctx.cwd.clone());
    let glob = a.string(c.i, "glob")?.filter(|g| !g.trim().is_empty());
    let rels = if let Some(glob) = glob {
        let excludes = a.string(c.i, "excludes")?;
        Selection::new(&glob, excludes.as_deref(), false)?.files(&cwd)
    } else {
        let mut rels = Vec::new();
        walk(&cwd, "", &mut |rel, _| {
            rels.push(rel.to_owned());
            false
        });
        rels
    };
    Ok(ListObj::array_list(
        rels.iter().map(|r| file_wrapper(&cwd, r)).collect(),
    ))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn digest_step<'a, D: Digest>(
    c: &Call<'_, 'a>,
    step: &'static str,
    args: Vec<Value<'a>>,
) -> Eval<'a> {
    let a = StepArgs::new(step, Some("file"), args)?;
    let path = resolve(&a.required(c.i, "file")?);
    let bytes = std::fs::read(&path).or_else(|_| {
        throw(
            "java.io.FileNotFoundException",
            format!("File not found: {}", path.display()),
        )
    })?;
    Ok(Value::str(hex(&D::digest(&bytes))))
}

/// `sha256 file: 'x'` (or `sha256 'x'`): the file's SHA-256 in hex.
pub fn sha256<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    digest_step::<Sha256>(c, "sha256", args)
}

/// `sha1 file: 'x'`: the file's SHA-1 in hex.
pub fn sha1<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    digest_step::<Sha1>(c, "sha1", args)
}

/// `md5 file: 'x'`: the file's MD5 in hex.
pub fn md5<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    digest_step::<Md5>(c, "md5", args)
}

/// Where `name` is on the PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// `tool 'mvn'` (or `tool name: 'mvn', type: 'maven'`): the tool's home, as `--tool NAME=PATH`
/// maps it, else found from the executable of that name on the PATH (the folder above its
/// `bin`).
pub fn tool<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("tool", Some("name"), args)?;
    let name = a.required(c.i, "name")?;
    let kind = a.string(c.i, "type")?;
    if let Some(home) = c.b.opts.tool(&name) {
        if !home.is_dir() {
            return throw(
                "hudson.AbortException",
                format!(
                    "Tool {name} is mapped to {}, which is not a folder",
                    home.display()
                ),
            );
        }
        c.b.log.event(serde_json::json!({
            "event": "tool", "name": name, "home": home.display().to_string()
        }));
        return Ok(Value::str(home.display().to_string()));
    }
    let Some(exe) = on_path(&name) else {
        let kind = kind.map(|k| format!(" of type {k}")).unwrap_or_default();
        return throw(
            "hudson.AbortException",
            format!(
                "No tool named {name}{kind} found: map it with --tool {name}=PATH, or put a folder holding an executable named '{name}' on the PATH (for example PATH=/opt/{name}/bin:$PATH jfrun ...)"
            ),
        );
    };
    let exe = std::fs::canonicalize(&exe).unwrap_or(exe);
    let bin = exe.parent().unwrap_or(Path::new("/"));
    let home = bin.parent().unwrap_or(bin);
    c.b.log.event(serde_json::json!({
        "event": "tool", "name": name, "home": home.display().to_string()
    }));
    Ok(Value::str(home.display().to_string()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv() {
        assert_eq!(
            super::parse_csv("a,\"b,c\",\"d\"\"e\"\r\n1,2,3\n"),
            vec![vec!["a", "b,c", "d\"e"], vec!["1", "2", "3"]]
        );
    }
}
