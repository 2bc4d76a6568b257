//! Encodings of bytes and text: Groovy's `encodeBase64`/`decodeBase64`/`encodeHex`/
//! `decodeHex` (`EncodingGroovyMethods`, with its lenient decoding and its errors),
//! `String.getBytes(charset)`, `new String(bytes, charset)`, and `java.net.URLEncoder` /
//! `URLDecoder` with Java's exact rules.

use std::fmt::Write as _;
use std::sync::Arc;

use base64::Engine as _;

use super::Found;
use crate::eval::error::{Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::number;
use crate::eval::types::known;
use crate::eval::value::{ListKind, ListObj, Native, Object, Value};

/// The class of `encodeBase64()`'s Writable.
const BASE64_WRITABLE: &str = "org.codehaus.groovy.runtime.EncodingGroovyMethods$1";
/// The class of `encodeHex()`'s Writable.
const HEX_WRITABLE: &str = "org.codehaus.groovy.runtime.EncodingGroovyMethods$2";

/// Methods of `byte[]` this module answers.
pub const BYTE_NAMES: &[&str] = &["encodeBase64", "encodeHex"];
/// Methods of strings this module answers.
pub const STRING_NAMES: &[&str] = &["decodeBase64", "decodeHex", "getBytes"];

/// The charsets jfrun converts text with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Charset {
    Utf8,
    Latin1,
    Ascii,
}

/// The charset named `name` (as `Charset.forName` accepts it), or Java's
/// UnsupportedEncodingException.
fn charset<'a>(name: &str) -> Result<Charset, Signal<'a>> {
    match name.to_ascii_uppercase().as_str() {
        "UTF-8" | "UTF8" => Ok(Charset::Utf8),
        "ISO-8859-1" | "ISO8859_1" | "ISO_8859_1" | "LATIN1" | "ISO-LATIN-1" => Ok(Charset::Latin1),
        "US-ASCII" | "ASCII" => Ok(Charset::Ascii),
        _ => throw("java.io.UnsupportedEncodingException", name),
    }
}

fn encode_text(s: &str, cs: Charset) -> Vec<u8> {
    match cs {
        Charset::Utf8 => s.as_bytes().to_vec(),
        Charset::Latin1 => s
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect(),
        Charset::Ascii => s
            .chars()
            .map(|c| if c.is_ascii() { c as u8 } else { b'?' })
            .collect(),
    }
}

fn decode_text(bytes: &[u8], cs: Charset) -> String {
    match cs {
        Charset::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        Charset::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
        Charset::Ascii => bytes
            .iter()
            .map(|&b| {
                if b.is_ascii() {
                    char::from(b)
                } else {
                    '\u{FFFD}'
                }
            })
            .collect(),
    }
}

/// The bytes of a `byte[]` value, if it is one.
#[must_use]
pub fn bytes_of_array(v: &Value<'_>) -> Option<Vec<u8>> {
    match v {
        Value::List(l) if l.kind == ListKind::Array("byte") => Some(
            l.snapshot()
                .iter()
                .map(|b| number::to_i64(b).unwrap_or(0) as u8)
                .collect(),
        ),
        _ => None,
    }
}

/// A new `byte[]`.
#[must_use]
pub fn byte_array<'a>(bytes: &[u8]) -> Value<'a> {
    ListObj::of_kind(
        ListKind::Array("byte"),
        bytes.iter().map(|&b| Value::Byte(b as i8)).collect(),
    )
}

/// A Writable whose text is `text`.
fn writable<'a>(class: &str, text: String) -> Value<'a> {
    Object::native(known(class), Native::Writable(Arc::from(text)))
}

/// Methods of a Writable made here.
pub fn writable_call<'a>(text: &Arc<str>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    Ok(match (name, args) {
        ("toString", []) => Some(Value::Str(text.clone())),
        _ => None,
    })
}

/// Methods of `byte[]`: `encodeBase64()`, `encodeBase64(chunked)`, `encodeHex()`.
pub fn bytes_call<'a>(
    i: &Interp<'a>,
    recv: &Value<'a>,
    name: &str,
    args: &[Value<'a>],
) -> Found<'a> {
    let Some(bytes) = bytes_of_array(recv) else {
        return Ok(None);
    };
    Ok(Some(match (name, args) {
        ("encodeBase64", []) => writable(BASE64_WRITABLE, base64_text(&bytes, false)),
        ("encodeBase64", [chunked @ Value::Bool(_)]) => {
            writable(BASE64_WRITABLE, base64_text(&bytes, i.truth(chunked)?))
        }
        ("encodeHex", []) => {
            let mut text = String::with_capacity(bytes.len() * 2);
            for b in &bytes {
                let _ = write!(text, "{b:02x}");
            }
            writable(HEX_WRITABLE, text)
        }
        _ => return Ok(None),
    }))
}

/// Base64 as Groovy writes it; chunked output breaks lines after every 76 characters with
/// `\r\n`, and ends a last partial group with one when the line holds other groups too.
fn base64_text(bytes: &[u8], chunked: bool) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(bytes);
    if !chunked {
        return text;
    }
    let full_groups = bytes.len() / 3;
    let mut out = String::with_capacity(text.len() + text.len() / 38 + 2);
    for (n, group) in text.as_bytes().chunks(4).enumerate() {
        out.push_str(std::str::from_utf8(group).unwrap_or_default());
        let count = n + 1;
        if count <= full_groups {
            if count % 19 == 0 {
                out.push_str("\r\n");
            }
        } else if !full_groups.is_multiple_of(19) {
            // The trailing partial group.
            out.push_str("\r\n");
        }
    }
    out
}

/// Methods of strings: `decodeBase64()`, `decodeHex()`, `getBytes(charset)`.
pub fn string_call<'a>(s: &str, name: &str, args: &[Value<'a>]) -> Found<'a> {
    Ok(Some(match (name, args) {
        ("decodeBase64", []) => byte_array(&decode_base64(s)?),
        ("decodeHex", []) => byte_array(&decode_hex(s)?),
        ("getBytes", [Value::Str(cs)]) => byte_array(&encode_text(s, charset(cs)?)),
        _ => return Ok(None),
    }))
}

/// Groovy's `decodeBase64`: whitespace is skipped, `=` ends the data, anything else outside
/// the alphabet is an error.
fn decode_base64<'a>(s: &str) -> Result<Vec<u8>, Signal<'a>> {
    let mut out = Vec::new();
    let mut shift = 4;
    let mut acc: u32 = 0;
    let mut done = false;
    for c in s.chars() {
        let six = match c {
            'A'..='Z' => Some(u32::from(c) - u32::from('A')),
            'a'..='z' => Some(u32::from(c) - u32::from('a') + 26),
            '0'..='9' => Some(u32::from(c) - u32::from('0') + 52),
            '+' => Some(62),
            '/' => Some(63),
            '=' => None,
            '\t' | '\n' | '\r' | ' ' => continue,
            _ => {
                return throw(
                    "java.lang.RuntimeException",
                    "bad character in base64 value",
                );
            }
        };
        if let Some(six) = six {
            if done {
                return throw(
                    "java.lang.RuntimeException",
                    "= character not at end of base64 value",
                );
            }
            acc = (acc << 6) | six;
            if shift != 4 {
                out.push(((acc >> ((shift - 1) * 2)) & 0xFF) as u8);
            }
            shift -= 1;
        } else {
            shift -= 1;
            done = true;
        }
        if shift == 0 {
            shift = 4;
        }
    }
    Ok(out)
}

/// Groovy's `decodeHex`: pairs of digits read with `Integer.parseInt(pair, 16)`.
fn decode_hex<'a>(s: &str) -> Result<Vec<u8>, Signal<'a>> {
    let chars: Vec<char> = s.chars().collect();
    if !chars.len().is_multiple_of(2) {
        return throw(
            "java.lang.NumberFormatException",
            "odd number of characters in hex string",
        );
    }
    let mut out = Vec::with_capacity(chars.len() / 2);
    for pair in chars.chunks(2) {
        let text: String = pair.iter().collect();
        match parse_hex(pair) {
            Ok(v) => out.push(v as u8),
            Err(_) => {
                return throw(
                    "java.lang.NumberFormatException",
                    format!("For input string: \"{text}\" under radix 16"),
                );
            }
        }
    }
    Ok(out)
}

/// `Integer.parseInt` of hex digits with an optional sign; the error is the index of the
/// first character that does not fit.
fn parse_hex(chars: &[char]) -> Result<i32, usize> {
    let (negative, start) = match chars.first() {
        Some('-') => (true, 1),
        Some('+') => (false, 1),
        Some(_) => (false, 0),
        None => return Err(0),
    };
    if start == chars.len() {
        return Err(start);
    }
    let mut v: i32 = 0;
    for (n, c) in chars.iter().enumerate().skip(start) {
        let d = c.to_digit(16).ok_or(n)?;
        v = v * 16 + d as i32;
    }
    Ok(if negative { -v } else { v })
}

/// `new String(bytes, charset)`.
pub fn new_string<'a>(i: &Interp<'a>, bytes: &Value<'a>, cs: &Value<'a>) -> Found<'a> {
    let Some(b) = bytes_of_array(bytes) else {
        return Ok(None);
    };
    let cs = charset(&i.to_s(cs)?)?;
    Ok(Some(Value::str(decode_text(&b, cs))))
}

/// Static methods of `java.net.URLEncoder` and `URLDecoder`.
pub fn static_call<'a>(i: &Interp<'a>, class: &str, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let (text, cs) = match args {
        [s] => (i.to_s(s)?, Charset::Utf8),
        [s, cs] => (i.to_s(s)?, charset(&i.to_s(cs)?)?),
        _ => return Ok(None),
    };
    Ok(Some(match (class, name) {
        ("java.net.URLEncoder", "encode") => Value::str(url_encode(&text, cs)),
        ("java.net.URLDecoder", "decode") => Value::str(url_decode(&text, cs)?),
        _ => return Ok(None),
    }))
}

/// `URLEncoder.encode`: letters, digits and `.-*_` stay, space becomes `+`, everything else
/// is `%XX` of its bytes.
fn url_encode(s: &str, cs: Charset) -> String {
    let mut out = String::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for c in s.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '-' | '*' | '_' => out.push(c),
            ' ' => out.push('+'),
            _ => {
                for b in encode_text(c.encode_utf8(&mut buf), cs) {
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
    }
    out
}

/// `URLDecoder.decode`, with Java's errors for bad escapes.
fn url_decode<'a>(s: &str, cs: Charset) -> Result<String, Signal<'a>> {
    const IAE: &str = "java.lang.IllegalArgumentException";
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '+' => {
                out.push(' ');
                i += 1;
            }
            '%' => {
                let mut bytes = Vec::new();
                while i + 2 < chars.len() && chars[i] == '%' {
                    let pair = &chars[i + 1..i + 3];
                    let v = match parse_hex(pair) {
                        Ok(v) => v,
                        Err(at) => {
                            let text: String = pair.iter().collect();
                            return throw(
                                IAE,
                                format!(
                                    "URLDecoder: Illegal hex characters in escape (%) pattern - Error at index {at} in: \"{text}\""
                                ),
                            );
                        }
                    };
                    if v < 0 {
                        return throw(
                            IAE,
                            "URLDecoder: Illegal hex characters in escape (%) pattern - negative value",
                        );
                    }
                    bytes.push(v as u8);
                    i += 3;
                }
                if i < chars.len() && chars[i] == '%' {
                    return throw(IAE, "URLDecoder: Incomplete trailing escape (%) pattern");
                }
                out.push_str(&decode_text(&bytes, cs));
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}
