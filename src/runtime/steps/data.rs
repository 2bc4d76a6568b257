//! Pipeline Utility Steps for data files: `readJSON`, `writeJSON`, `readYaml`, `writeYaml`.
//! What they read comes back as Groovy maps and lists, in the order of the file.

use yaml_rust2::{Yaml, YamlEmitter, YamlLoader};

use super::files::resolve;
use super::{Call, StepArgs};
use crate::eval::error::{Eval, Signal, throw};
use crate::eval::gdk::json;
use crate::eval::value::{ListObj, MapObj, Value};

/// The text of a `file:` or `text:` argument (one of them is required, not both).
pub fn file_or_text<'a>(c: &Call<'_, 'a>, a: &StepArgs<'a>) -> Result<String, Signal<'a>> {
    let file = a.string(c.i, "file")?;
    let text = a.string(c.i, "text")?;
    match (file, text) {
        (Some(_), Some(_)) => throw(
            "java.lang.IllegalArgumentException",
            format!("{}: at most one of file or text must be provided", a.step),
        ),
        (Some(f), None) => {
            let path = resolve(&f);
            std::fs::read_to_string(&path).or_else(|_| {
                throw(
                    "java.io.FileNotFoundException",
                    format!("{} does not exist.", path.display()),
                )
            })
        }
        (None, Some(t)) => Ok(t),
        (None, None) => throw(
            "java.lang.IllegalArgumentException",
            format!(
                "{}: at least one of file or text needs to be provided",
                a.step
            ),
        ),
    }
}

/// Writes `text` to the file argument `file`, creating its folders.
fn write_to<'a>(path: &std::path::Path, text: &str) -> Result<(), Signal<'a>> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .or_else(|e| throw("java.io.IOException", format!("{}: {e}", parent.display())))?;
    }
    std::fs::write(path, text)
        .or_else(|e| throw("java.io.IOException", format!("{}: {e}", path.display())))
}

/// `readJSON file: 'x.json'` or `readJSON text: '{...}'`; `returnPojo` is accepted.
pub fn read_json<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("readJSON", None, args)?;
    let text = file_or_text(c, &a)?;
    // JsonSlurperClassic keeps keys in the order of the text, as net.sf.json does.
    json::parse(&text, true)
}

/// `writeJSON file: 'x.json', json: obj, pretty: 4` (or `returnText: true`).
pub fn write_json<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("writeJSON", None, args)?;
    let Some(value) = a.get("json").cloned() else {
        return throw(
            "java.lang.IllegalArgumentException",
            "writeJSON: missing required parameter 'json'",
        );
    };
    let compact = match &value {
        Value::Str(s) => json::to_json(c.i, &json::parse(s, true)?)?,
        v => json::to_json(c.i, v)?,
    };
    let pretty = a.int("pretty").unwrap_or(0);
    let text = if pretty > 0 {
        indent(&compact, usize::try_from(pretty).unwrap_or(4))
    } else {
        compact
    };
    if a.flag(c.i, "returnText", false)? {
        return Ok(Value::str(text));
    }
    let file = a.required(c.i, "file")?;
    write_to(&resolve(&file), &text)?;
    Ok(Value::Null)
}

/// Re-indents compact JSON text with `n` spaces per level.
fn indent(compact: &str, n: usize) -> String {
    let mut out = String::new();
    let mut level = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, level: usize| {
        out.push('\n');
        out.push_str(&" ".repeat(level * n));
    };
    while let Some(ch) = chars.next() {
        if in_str {
            out.push(ch);
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_str = false;
            }
            continue;
        }
        match ch {
            '"' => {
                in_str = true;
                out.push(ch);
            }
            '{' | '[' => {
                out.push(ch);
                if matches!(chars.peek(), Some('}' | ']')) {
                    if let Some(close) = chars.next() {
                        out.push(close);
                    }
                } else {
                    level += 1;
                    newline(&mut out, level);
                }
            }
            '}' | ']' => {
                level = level.saturating_sub(1);
                newline(&mut out, level);
                out.push(ch);
            }
            ',' => {
                out.push(ch);
                newline(&mut out, level);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

/// A YAML node as a Groovy value (snakeyaml's types: LinkedHashMap, ArrayList, Integer...).
fn from_yaml<'a>(y: &Yaml) -> Value<'a> {
    match y {
        Yaml::Real(s) => y
            .as_f64()
            .map_or_else(|| Value::str(s.as_str()), Value::Double),
        Yaml::Integer(n) => i32::try_from(*n).map_or(Value::Long(*n), Value::Int),
        Yaml::String(s) => Value::str(s.as_str()),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(items) => ListObj::array_list(items.iter().map(from_yaml).collect()),
        Yaml::Hash(h) => MapObj::linked(
            h.iter()
                .map(|(k, v)| (from_yaml(k), from_yaml(v)))
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

/// `readYaml file: 'x.yaml'` or `readYaml text: '...'`: one document gives its value, several
/// give a list of them.
pub fn read_yaml<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("readYaml", None, args)?;
    let text = file_or_text(c, &a)?;
    let docs = YamlLoader::load_from_str(&text)
        .or_else(|e| throw("org.yaml.snakeyaml.scanner.ScannerException", e.to_string()))?;
    Ok(match docs.as_slice() {
        [] => Value::Null,
        [one] => from_yaml(one),
        many => ListObj::array_list(many.iter().map(from_yaml).collect()),
    })
}

/// A Groovy value as a YAML node.
fn to_yaml<'a>(c: &Call<'_, 'a>, v: &Value<'a>) -> Result<Yaml, Signal<'a>> {
    Ok(match v {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Boolean(*b),
        Value::Int(_) | Value::Long(_) | Value::Short(_) | Value::Byte(_) | Value::BigInt(_) => {
            let s = c.i.to_s(v)?;
            s.parse().map_or(Yaml::Real(s), Yaml::Integer)
        }
        Value::Double(_) | Value::Float(_) | Value::Decimal(_) => Yaml::Real(c.i.to_s(v)?),
        Value::Map(m) => {
            let mut h = yaml_rust2::yaml::Hash::new();
            for (k, v) in m.snapshot() {
                h.insert(Yaml::String(c.i.to_s(&k)?), to_yaml(c, &v)?);
            }
            Yaml::Hash(h)
        }
        Value::List(_) | Value::Set(_) | Value::Range(_) => Yaml::Array(
            c.i.to_list(v)?
                .iter()
                .map(|x| to_yaml(c, x))
                .collect::<Result<_, _>>()?,
        ),
        other => Yaml::String(c.i.to_s(other)?),
    })
}

/// YAML text of one document, in block style and without the leading `---`.
fn dump<'a>(y: &Yaml) -> Result<String, Signal<'a>> {
    let mut out = String::new();
    YamlEmitter::new(&mut out)
        .dump(y)
        .or_else(|e| throw("java.io.IOException", format!("writeYaml: {e:?}")))?;
    let body = out
        .strip_prefix("---")
        .unwrap_or(&out)
        .trim_start_matches([' ', '\n']);
    Ok(format!("{body}\n"))
}

/// `writeYaml file: 'x.yaml', data: obj, overwrite: false` (or `datas: [...]` for several
/// documents, or `returnText: true`).
pub fn write_yaml<'a>(c: &Call<'_, 'a>, args: Vec<Value<'a>>) -> Eval<'a> {
    let a = StepArgs::new("writeYaml", None, args)?;
    let text = if let Some(datas) = a.get("datas") {
        let mut parts = Vec::new();
        for d in c.i.to_list(datas)? {
            parts.push(dump(&to_yaml(c, &d)?)?);
        }
        parts.join("---\n")
    } else if let Some(data) = a.get("data") {
        dump(&to_yaml(c, data)?)?
    } else {
        return throw(
            "java.lang.IllegalArgumentException",
            "writeYaml: data parameter must be provided",
        );
    };
    if a.flag(c.i, "returnText", false)? {
        return Ok(Value::str(text));
    }
    let file = a.required(c.i, "file")?;
    let path = resolve(&file);
    if path.exists() && !a.flag(c.i, "overwrite", false)? {
        return throw(
            "java.nio.file.FileAlreadyExistsException",
            format!("{} already exist.", path.display()),
        );
    }
    write_to(&path, &text)?;
    Ok(Value::Null)
}

#[cfg(test)]
mod tests {
    #[test]
    fn indents_json() {
        assert_eq!(
            super::indent(r#"{"a":[1,{}],"b":"x,{"}"#, 2),
            "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": \"x,{\"\n}"
        );
    }
}
