//! Strings as lines and columns: padding and centring, indentation and margins, tabs, line
//! endings, `readLines`/`eachLine`, and `tr`.

use std::collections::HashMap;

use super::super::Found;
use super::convert::is_java_whitespace;
use crate::eval::error::{Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::value::{ListObj, Value};
use crate::source::Span;

/// Groovy's `getPadding`: `padding` repeated and cut to `len` characters.
fn padding(pad: &str, len: usize) -> String {
    pad.chars().cycle().take(len).collect()
}

/// Java's `BufferedReader.readLine` over a whole string: lines end at `\n`, `\r` or `\r\n`.
#[must_use]
pub fn read_lines(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut chars = s.chars().peekable();
    let mut open = false;
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\r' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(std::mem::take(&mut line));
                open = false;
            }
            _ => {
                line.push(c);
                open = true;
            }
        }
    }
    if open {
        out.push(line);
    }
    out
}

/// Java's `String.lines()`: the same lines as [`read_lines`].
fn java_lines(s: &str) -> Vec<String> {
    read_lines(s)
}

/// Applies `f` to every line, keeping a final line ending only when `s` had one (Groovy's
/// `stripMargin`, `stripIndent(n)`, `expand`, `unexpand`).
fn map_lines(s: &str, f: impl Fn(&str) -> String) -> String {
    if s.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    for line in read_lines(s) {
        out.push_str(&f(&line));
        out.push('\n');
    }
    if !s.ends_with('\n') {
        out.pop();
    }
    out
}

fn leading_whitespace(line: &str) -> usize {
    line.chars().take_while(|c| is_java_whitespace(*c)).count()
}

/// Java 17's `String.stripIndent()` (it hides Groovy's): the smallest indentation of the
/// non-blank lines (and of a blank last line) removed, trailing spaces dropped, lines joined
/// with `\n`.
fn java_strip_indent(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    let opt_out = s.ends_with(['\n', '\r']);
    let lines = java_lines(s);
    let outdent = if opt_out {
        0
    } else {
        let mut outdent = usize::MAX;
        for line in &lines {
            let lead = leading_whitespace(line);
            if lead != line.chars().count() {
                outdent = outdent.min(lead);
            }
        }
        if let Some(last) = lines.last() {
            if last.chars().all(is_java_whitespace) {
                outdent = outdent.min(last.chars().count());
            }
        }
        outdent
    };
    let mut out: Vec<String> = Vec::new();
    for line in &lines {
        let lead = leading_whitespace(line);
        if lead == line.chars().count() {
            out.push(String::new());
            continue;
        }
        let body: String = line.chars().skip(outdent.min(lead)).collect();
        out.push(body.trim_end_matches(is_java_whitespace).to_owned());
    }
    let mut text = out.join("\n");
    if opt_out {
        text.push('\n');
    }
    text
}

/// Groovy's `stripIndent(n)`.
fn strip_indent(s: &str, n: usize) -> String {
    if n == 0 {
        return s.to_owned();
    }
    map_lines(s, |line| {
        if line.chars().all(is_java_whitespace) {
            String::new()
        } else {
            line.chars().skip(n).collect()
        }
    })
}

fn strip_margin(s: &str, margin: char) -> String {
    map_lines(s, |line| {
        let lead = line.chars().take_while(|c| *c <= ' ').count();
        let mut rest = line.chars().skip(lead);
        if rest.next() == Some(margin) {
            rest.collect()
        } else {
            line.to_owned()
        }
    })
}

fn expand_line(line: &str, tab: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = tab - col % tab;
            out.push_str(&" ".repeat(n));
            col += n;
        } else {
            out.push(c);
            col += 1;
        }
    }
    out
}

fn unexpand_line(line: &str, tab: usize) -> String {
    let mut b: Vec<char> = line.chars().collect();
    let mut index = 0;
    while index + tab < b.len() {
        let piece = &b[index..index + tab];
        let count = piece
            .iter()
            .rev()
            .take_while(|c| is_java_whitespace(**c))
            .count();
        if count > 0 {
            let mut new: Vec<char> = piece[..tab - count].to_vec();
            new.push('\t');
            b.splice(index..index + tab, new);
            index = index + tab - (count - 1);
        } else {
            index += tab;
        }
    }
    b.into_iter().collect()
}

/// `tr`'s character sets: `a-z` stands for the characters from `a` to `z`.
fn expand_ranges(s: &str) -> Vec<char> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if k + 2 < chars.len() && chars[k + 1] == '-' {
            let (a, b) = (chars[k] as u32, chars[k + 2] as u32);
            out.extend((a..=b).filter_map(char::from_u32));
            k += 3;
        } else {
            out.push(chars[k]);
            k += 1;
        }
    }
    out
}

fn tr(s: &str, source: &str, replacement: &str) -> String {
    let from = expand_ranges(source);
    let mut to = expand_ranges(replacement);
    if from.is_empty() || s.is_empty() {
        return s.to_owned();
    }
    if let Some(&last) = to.last() {
        while to.len() < from.len() {
            to.push(last);
        }
    }
    let map: HashMap<char, char> = from.iter().copied().zip(to.iter().copied()).collect();
    s.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect()
}

/// Calls an `eachLine` closure with the line, and its number when it takes two parameters.
fn each_line<'a>(
    i: &Interp<'a>,
    s: &str,
    first: i64,
    c: &Value<'a>,
) -> Result<Value<'a>, Signal<'a>> {
    let two = matches!(c, Value::Closure(cl) if cl.arity == 2);
    let mut last = Value::Null;
    for (n, line) in read_lines(s).into_iter().enumerate() {
        let mut args = vec![Value::str(line)];
        if two {
            args.push(Value::Int((first + n as i64) as i32));
        }
        last = i.call_value(c, args, Span::default())?;
    }
    Ok(last)
}

/// Layout methods of a string.
pub fn call<'a>(i: &Interp<'a>, s: &str, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let arg_s = |n: usize| i.to_s(&args[n]);
    let count = |n: usize| number::to_i64(&args[n]).unwrap_or(0);
    Ok(Some(match (name, args) {
        ("center" | "padLeft" | "padRight", [_] | [_, _]) => {
            let pad = if args.len() > 1 {
                arg_s(1)?
            } else {
                " ".to_owned()
            };
            let have = s.chars().count() as i64;
            let add = count(0) - have;
            if add <= 0 {
                return Ok(Some(Value::str(s)));
            }
            if pad.is_empty() {
                return throw("java.lang.ArithmeticException", "/ by zero");
            }
            let add = add as usize;
            Value::str(match name {
                "padLeft" => padding(&pad, add) + s,
                "padRight" => s.to_owned() + &padding(&pad, add),
                _ => {
                    let left = add / 2;
                    padding(&pad, left) + s + &padding(&pad, add - left)
                }
            })
        }
        ("stripIndent", []) => Value::str(java_strip_indent(s)),
        ("stripIndent", [_]) => Value::str(strip_indent(s, count(0).max(0) as usize)),
        ("stripMargin", []) => Value::str(strip_margin(s, '|')),
        ("stripMargin", [m]) => {
            let m = match m {
                Value::Char(c) => *c,
                _ => arg_s(0)?.chars().next().unwrap_or('|'),
            };
            Value::str(strip_margin(s, m))
        }
        ("expand", []) => Value::str(map_lines(s, |l| expand_line(l, 8))),
        ("expand", [_]) => {
            let tab = count(0).max(1) as usize;
            Value::str(map_lines(s, |l| expand_line(l, tab)))
        }
        ("expandLine", [_]) => Value::str(expand_line(s, count(0).max(1) as usize)),
        ("unexpand", []) => Value::str(map_lines(s, |l| unexpand_line(l, 8))),
        ("unexpand", [_]) => {
            let tab = count(0).max(1) as usize;
            Value::str(map_lines(s, |l| unexpand_line(l, tab)))
        }
        ("unexpandLine", [_]) => Value::str(unexpand_line(s, count(0).max(1) as usize)),
        ("normalize" | "denormalize", []) => {
            // The platform line separator is `\n`: both give `\n` endings.
            Value::str(s.replace("\r\n", "\n").replace('\r', "\n"))
        }
        ("readLines" | "lines", []) => {
            ListObj::array_list(read_lines(s).into_iter().map(Value::str).collect())
        }
        ("eachLine", [c]) => each_line(i, s, 0, c)?,
        ("eachLine", [_, c]) => each_line(i, s, count(0), c)?,
        ("tr", [_, _]) => Value::str(tr(s, &arg_s(0)?, &arg_s(1)?)),
        _ => return Ok(None),
    }))
}
