//! `java.net.URL` values made by `String.toURL()`: their parts can be read, but nothing is
//! fetched (the sandbox refuses `getText`, `openConnection` and the other reads).

use super::Found;
use crate::eval::types::known;
use crate::eval::value::{Native, Object, Value};

/// `"https://host/path".toURL()`; Java's `MalformedURLException` when there is no protocol.
pub fn parse<'a>(text: &str) -> Result<Value<'a>, crate::eval::error::Signal<'a>> {
    let has_protocol = text.split_once(':').is_some_and(|(p, _)| {
        !p.is_empty()
            && p.starts_with(|c: char| c.is_ascii_alphabetic())
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if !has_protocol {
        return crate::eval::error::throw(
            "java.net.MalformedURLException",
            format!("no protocol: {text}"),
        );
    }
    Ok(Object::native(
        known("java.net.URL"),
        Native::Url(text.to_owned()),
    ))
}

/// The parts of a URL as `java.net.URL` splits them.
struct Parts<'t> {
    protocol: &'t str,
    authority: Option<&'t str>,
    path: &'t str,
    query: Option<&'t str>,
    fragment: Option<&'t str>,
}

fn split(text: &str) -> Parts<'_> {
    let (protocol, rest) = text.split_once(':').unwrap_or(("", text));
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (rest, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(r) => match r.find('/') {
            Some(k) => (Some(&r[..k]), &r[k..]),
            None => (Some(r), ""),
        },
        None => (None, rest),
    };
    Parts {
        protocol,
        authority,
        path,
        query,
        fragment,
    }
}

fn default_port(protocol: &str) -> i32 {
    match protocol {
        "http" => 80,
        "https" => 443,
        "ftp" => 21,
        _ => -1,
    }
}

fn opt<'a>(s: Option<&str>) -> Value<'a> {
    s.map_or(Value::Null, Value::str)
}

/// Methods of a URL value.
pub fn call<'a>(text: &str, name: &str, args: &[Value<'a>]) -> Found<'a> {
    if !args.is_empty() {
        return Ok(None);
    }
    let p = split(text);
    let host_port = p
        .authority
        .map(|a| a.rsplit_once('@').map_or(a, |(_, h)| h));
    let (host, port) = match host_port {
        Some(h) => match h.rsplit_once(':') {
            Some((host, port)) if !host.ends_with(']') || port.parse::<i32>().is_ok() => {
                (host, port.parse::<i32>().unwrap_or(-1))
            }
            _ => (h, -1),
        },
        None => ("", -1),
    };
    Ok(Some(match name {
        "toString" | "toExternalForm" => Value::str(text),
        "getProtocol" => Value::str(p.protocol),
        "getHost" => Value::str(host),
        "getPort" => Value::Int(port),
        "getDefaultPort" => Value::Int(default_port(p.protocol)),
        "getAuthority" => opt(p.authority),
        "getUserInfo" => opt(p.authority.and_then(|a| a.rsplit_once('@').map(|(u, _)| u))),
        "getPath" => Value::str(p.path),
        "getQuery" => opt(p.query),
        "getRef" => opt(p.fragment),
        "getFile" => Value::str(match p.query {
            Some(q) => format!("{}?{q}", p.path),
            None => p.path.to_owned(),
        }),
        _ => return Ok(None),
    }))
}
