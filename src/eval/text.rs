//! Values as text, exactly as Groovy prints them: `println` and GString interpolation
//! (`toString`) and `inspect()` (quoted strings, `1..3`), with Java's number formats.

use std::fmt::Write as _;
use std::sync::Arc;

use super::types::type_of;
use super::value::{GString, Native, Value};

/// Java's `Double.toString`: shortest digits that read back, plain between 10^-3 and 10^7,
/// otherwise `d.dddE±n`.
#[must_use]
pub fn java_double(d: f64) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if d == 0.0 {
        return if d.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let two = format!("{d:.1e}");
    let text = two_digits_when_one(format!("{d:e}"), two.parse() == Ok(d), two);
    layout(&text, d.abs() >= 1e-3 && d.abs() < 1e7)
}

/// Java prints at least two significant digits when one would do but two are closer to the
/// value (only in the wide gaps of subnormal doubles: `Double.MIN_VALUE` is `4.9E-324`, not
/// `5.0E-324`).
/// `shortest` and `two` are Rust's `{:e}` and `{:.1e}`; `two_reads_back` says whether `two`
/// parses back to the same value.
fn two_digits_when_one(shortest: String, two_reads_back: bool, two: String) -> String {
    let single = shortest
        .trim_start_matches('-')
        .split('e')
        .next()
        .is_some_and(|m| m.len() == 1);
    let new_digit = !two.split('e').next().is_some_and(|m| m.ends_with('0'));
    if single && new_digit && two_reads_back {
        two
    } else {
        shortest
    }
}

/// Java's `Float.toString`.
#[must_use]
pub fn java_float(f: f32) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let two = format!("{f:.1e}");
    let text = two_digits_when_one(format!("{f:e}"), two.parse() == Ok(f), two);
    layout(&text, f.abs() >= 1e-3 && f.abs() < 1e7)
}

/// Lays out Rust's `{:e}` text (`-1.2345e3`) the way Java does.
fn layout(sci: &str, plain: bool) -> String {
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::from(sign);
    if plain {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                out.push_str(&"0".repeat(int_len - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            out.push_str(&"0".repeat((-exp - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        if digits.len() > 1 {
            out.push_str(&digits[1..]);
        } else {
            out.push('0');
        }
        let _ = write!(out, "E{exp}");
    }
    out
}

/// A hook that renders objects whose class defines `toString` (it runs Groovy code).
pub type ObjectHook<'h, 'a, E> = &'h mut dyn FnMut(&Value<'a>) -> Result<Option<String>, E>;

/// `toString()` as `println` and GStrings use it.
pub fn to_string<'a, E>(value: &Value<'a>, hook: ObjectHook<'_, 'a, E>) -> Result<String, E> {
    let mut out = String::new();
    write_value(&mut out, value, false, hook, 0)?;
    Ok(out)
}

/// `inspect()`: strings quoted, ranges as `1..3`.
pub fn inspect_with<'a, E>(value: &Value<'a>, hook: ObjectHook<'_, 'a, E>) -> Result<String, E> {
    let mut out = String::new();
    write_value(&mut out, value, true, hook, 0)?;
    Ok(out)
}

/// `toString()` without running any Groovy code (objects get their default text).
#[must_use]
pub fn display(value: &Value<'_>) -> String {
    let mut none = |_: &Value<'_>| Ok::<_, ()>(None);
    to_string(value, &mut none).unwrap_or_default()
}

/// `inspect()` without running any Groovy code.
#[must_use]
pub fn inspect(value: &Value<'_>) -> String {
    let mut none = |_: &Value<'_>| Ok::<_, ()>(None);
    inspect_with(value, &mut none).unwrap_or_default()
}

/// The text of a GString (its values rendered without running Groovy code).
#[must_use]
pub fn gstring_text(g: &GString<'_>) -> String {
    let mut out = String::new();
    for (i, s) in g.strings.iter().enumerate() {
        out.push_str(s);
        if let Some(v) = g.values.get(i) {
            out.push_str(&display(v));
        }
    }
    out
}

/// Java's default `Object.toString`: `Class@hash`.
#[must_use]
pub fn identity_text(class: &str, id: usize) -> String {
    format!("{class}@{:x}", (id >> 4) as u32 & 0x7fff_ffff)
}

/// `'text'` with Groovy's escapes, as `inspect()` writes a String.
#[must_use]
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            _ => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// How deep nested collections are printed before giving up (self-references).
const MAX_NESTING: usize = 64;

fn write_value<'a, E>(
    out: &mut String,
    value: &Value<'a>,
    verbose: bool,
    hook: ObjectHook<'_, 'a, E>,
    depth: usize,
) -> Result<(), E> {
    if depth > MAX_NESTING {
        out.push_str("...");
        return Ok(());
    }
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Long(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Short(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Byte(i) => {
            let _ = write!(out, "{i}");
        }
        Value::BigInt(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Decimal(d) => {
            let _ = write!(out, "{d}");
        }
        Value::Double(d) => out.push_str(&java_double(*d)),
        Value::Float(f) => out.push_str(&java_float(*f)),
        // `inspect()` quotes Strings only, not Characters.
        Value::Char(c) => out.push(*c),
        Value::Str(s) => {
            if verbose {
                out.push_str(&quote(s));
            } else {
                out.push_str(s);
            }
        }
        Value::GString(g) => {
            // The hook renders GStrings holding closures (calling them).
            let text = if let Some(t) = hook(value)? {
                t
            } else {
                let mut text = String::new();
                for (i, s) in g.strings.iter().enumerate() {
                    text.push_str(s);
                    if let Some(v) = g.values.get(i) {
                        write_value(&mut text, v, false, hook, depth + 1)?;
                    }
                }
                text
            };
            if verbose {
                out.push_str(&quote(&text));
            } else {
                out.push_str(&text);
            }
        }
        Value::List(l) => {
            let items = l.snapshot();
            write_seq(out, value, &items, verbose, hook, depth)?;
        }
        Value::Set(s) => {
            let items = super::gdk::collection::iteration_order(s);
            write_seq(out, value, &items, verbose, hook, depth)?;
        }
        Value::Range(r) => {
            if verbose {
                write_value(out, &r.from_written(), verbose, hook, depth + 1)?;
                out.push_str("..");
                write_value(out, &r.to_written(), verbose, hook, depth + 1)?;
            } else {
                let items = super::gdk::range::elements(r).unwrap_or_default();
                write_seq(out, value, &items, verbose, hook, depth)?;
            }
        }
        Value::Map(m) => {
            let entries = super::gdk::map::iteration_order(m);
            if entries.is_empty() {
                out.push_str("[:]");
                return Ok(());
            }
            out.push('[');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if k.same(value) {
                    out.push_str("(this Map)");
                } else {
                    write_value(out, k, verbose, hook, depth + 1)?;
                }
                out.push(':');
                if v.same(value) {
                    out.push_str("(this Map)");
                } else {
                    write_value(out, v, verbose, hook, depth + 1)?;
                }
            }
            out.push(']');
        }
        Value::Closure(c) => {
            let class = super::closure::class_of(c).name();
            out.push_str(&identity_text(&class, Arc::as_ptr(c).cast::<()>() as usize));
        }
        Value::Class(t) => {
            let interface = matches!(t, super::types::Type::Builtin(b) if b.parent.is_none() && b.name != "java.lang.Object")
                || matches!(t, super::types::Type::User(c) if c.is_interface());
            out.push_str(if interface { "interface " } else { "class " });
            out.push_str(&t.name());
        }
        Value::Object(o) => {
            if let Some(text) = hook(value)? {
                out.push_str(&text);
                return Ok(());
            }
            if let Some(native) = &o.native {
                let native = native.lock();
                match &*native {
                    Native::StringBuilder(s) => {
                        if verbose {
                            out.push_str(&quote(s));
                        } else {
                            out.push_str(s);
                        }
                        return Ok(());
                    }
                    Native::Pattern(p) => {
                        out.push_str(&p.source);
                        return Ok(());
                    }
                    Native::GPath(g) => {
                        out.push_str(&g.text());
                        return Ok(());
                    }
                    Native::Entry(k, v, _) => {
                        let (k, v) = (k.clone(), v.clone());
                        drop(native);
                        write_value(out, &k, verbose, hook, depth + 1)?;
                        out.push('=');
                        write_value(out, &v, verbose, hook, depth + 1)?;
                        return Ok(());
                    }
                    Native::Atomic(n) => {
                        let _ = write!(out, "{n}");
                        return Ok(());
                    }
                    Native::Url(u) => {
                        out.push_str(u);
                        return Ok(());
                    }
                    Native::MetaClass(t) => {
                        let _ = write!(out, "groovy.lang.MetaClassImpl[class {}]", t.name());
                        return Ok(());
                    }
                    Native::Writable(text) => {
                        out.push_str(text);
                        return Ok(());
                    }
                    Native::Digest(state) => {
                        out.push_str(&state.text());
                        return Ok(());
                    }
                    Native::Matcher(m) => {
                        let _ = write!(
                            out,
                            "java.util.regex.Matcher[pattern={} region=0,{} lastmatch={}]",
                            m.pattern.source,
                            m.input.chars().count(),
                            m.last_match_text()
                        );
                        return Ok(());
                    }
                    _ => {}
                }
            }
            if o.class.is_throwable() {
                out.push_str(&throwable_text(value));
                return Ok(());
            }
            if let Some(name) = super::classes::enum_name(o) {
                out.push_str(&name);
                return Ok(());
            }
            let class = type_of(value).name();
            out.push_str(&identity_text(&class, Arc::as_ptr(o).cast::<()>() as usize));
        }
    }
    Ok(())
}

fn write_seq<'a, E>(
    out: &mut String,
    whole: &Value<'a>,
    items: &[Value<'a>],
    verbose: bool,
    hook: ObjectHook<'_, 'a, E>,
    depth: usize,
) -> Result<(), E> {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if item.same(whole) {
            out.push_str("(this Collection)");
        } else {
            write_value(out, item, verbose, hook, depth + 1)?;
        }
    }
    out.push(']');
    Ok(())
}

/// `Throwable.toString()`: the class name, then `: message` when there is one.
#[must_use]
pub fn throwable_text(value: &Value<'_>) -> String {
    let Value::Object(o) = value else {
        return display(value);
    };
    let class = o.class.name();
    match o.field("message") {
        Some(Value::Null) | None => class,
        Some(m) => format!("{class}: {}", display(&m)),
    }
}
