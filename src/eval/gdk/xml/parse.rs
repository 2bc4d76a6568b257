//! XML text to the element tree `XmlSlurper` navigates, with quick-xml; malformed documents
//! fail with the messages the JDK's parser (Xerces) gives in its `SAXParseException`.

use std::sync::Arc;

use quick_xml::Reader;
use quick_xml::errors::{Error, IllFormedError};
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};

/// An element: local name, attributes (local names, `xmlns` declarations left out, as a
/// namespace-aware SAX parser reports them) and content.
#[derive(Debug)]
pub struct XmlNode {
    /// The element's local name.
    pub name: String,
    /// Attributes in document order.
    pub attrs: Vec<(String, String)>,
    /// Child elements and text.
    pub children: Vec<XmlChild>,
}

/// Content of an element.
#[derive(Debug)]
pub enum XmlChild {
    /// A child element.
    Node(Arc<XmlNode>),
    /// Text (adjacent text, references and CDATA joined; whitespace-only text dropped, as
    /// `XmlSlurper` does by default).
    Text(String),
}

impl XmlNode {
    /// All text below this element, in document order (`GPathResult.text()`).
    #[must_use]
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write_text(&mut out);
        out
    }

    fn write_text(&self, out: &mut String) {
        for c in &self.children {
            match c {
                XmlChild::Node(n) => n.write_text(out),
                XmlChild::Text(t) => out.push_str(t),
            }
        }
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Arc<XmlNode>> {
        self.children.iter().filter_map(|c| match c {
            XmlChild::Node(n) => Some(n),
            XmlChild::Text(_) => None,
        })
    }
}

/// Element being built.
struct Open {
    name: String,
    qname: String,
    attrs: Vec<(String, String)>,
    children: Vec<XmlChild>,
    text: String,
}

impl Open {
    fn flush_text(&mut self) {
        if !self.text.trim().is_empty() {
            self.children
                .push(XmlChild::Text(std::mem::take(&mut self.text)));
        }
        self.text.clear();
    }

    fn close(mut self) -> Arc<XmlNode> {
        self.flush_text();
        Arc::new(XmlNode {
            name: self.name,
            attrs: self.attrs,
            children: self.children,
        })
    }
}

fn local(qname: &str) -> String {
    qname.rsplit(':').next().unwrap_or(qname).to_owned()
}

fn start(e: &BytesStart<'_>) -> Result<Open, String> {
    let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let mut attrs: Vec<(String, String)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|err| match err {
            AttrError::ExpectedQuote(..) | AttrError::UnquotedValue(_) | AttrError::ExpectedValue(_) => {
                let name = unquoted_attr(e);
                format!(
                    "Open quote is expected for attribute \"{name}\" associated with an  element type  \"{qname}\"."
                )
            }
            _ => format!("Element type \"{qname}\" must be followed by either attribute specifications, \">\" or \"/>\"."),
        })?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        if seen.contains(&key) {
            return Err(format!(
                "Attribute \"{key}\" was already specified for element \"{qname}\"."
            ));
        }
        seen.push(key.clone());
        let value = a.unescape_value().map_err(|err| reference_message(&err))?;
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        attrs.push((local(&key), value.into_owned()));
    }
    Ok(Open {
        name: local(&qname),
        qname,
        attrs,
        children: Vec::new(),
        text: String::new(),
    })
}

/// The name of the first attribute whose `=` is not followed by a quote.
fn unquoted_attr(e: &BytesStart<'_>) -> String {
    let raw = String::from_utf8_lossy(e.attributes_raw()).into_owned();
    for (at, _) in raw.match_indices('=') {
        let after = raw[at + 1..].trim_start();
        if !after.starts_with(['"', '\'']) {
            return raw[..at]
                .trim_end()
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("")
                .to_owned();
        }
    }
    String::new()
}

fn reference_message(err: &Error) -> String {
    let text = err.to_string();
    match text.split('`').nth(1) {
        Some(name) if text.contains("entity") => {
            format!("The entity \"{name}\" was referenced, but not declared.")
        }
        _ => "The entity name must immediately follow the '&' in the entity reference.".to_owned(),
    }
}

const UNCLOSED: &str = "XML document structures must start and end within the same entity.";

fn error_message(err: &Error, open: &[Open]) -> String {
    match err {
        Error::IllFormed(IllFormedError::MismatchedEndTag { expected, .. }) => format!(
            "The element type \"{expected}\" must be terminated by the matching end-tag \"</{expected}>\"."
        ),
        Error::IllFormed(IllFormedError::UnmatchedEndTag(_)) if open.is_empty() => {
            "The markup in the document following the root element must be well-formed.".to_owned()
        }
        Error::Syntax(_) => UNCLOSED.to_owned(),
        Error::Escape(_) => reference_message(err),
        _ => match open.last() {
            Some(o) => format!(
                "The element type \"{q}\" must be terminated by the matching end-tag \"</{q}>\".",
                q = o.qname
            ),
            None => UNCLOSED.to_owned(),
        },
    }
}

/// The text of a general reference `&name;`.
fn reference(name: &str) -> Result<String, String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        return code
            .and_then(char::from_u32)
            .map(String::from)
            .ok_or_else(|| {
                format!("Character reference \"&{name}\" is an invalid XML character.")
            });
    }
    Ok(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => {
            return Err(format!(
                "The entity \"{name}\" was referenced, but not declared."
            ));
        }
    }
    .to_owned())
}

/// Parses a document; the error is the `SAXParseException`'s message.
pub fn parse(text: &str) -> Result<Arc<XmlNode>, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<Open> = Vec::new();
    let mut root: Option<Arc<XmlNode>> = None;
    let mut started = false;
    loop {
        let event = reader.read_event().map_err(|e| error_message(&e, &open))?;
        let outside = open.is_empty();
        match event {
            Event::Start(e) | Event::Empty(e) if outside && root.is_some() => {
                let _ = e;
                return Err(
                    "The markup in the document following the root element must be well-formed."
                        .to_owned(),
                );
            }
            Event::Start(e) => {
                if let Some(parent) = open.last_mut() {
                    parent.flush_text();
                }
                open.push(start(&e)?);
                started = true;
            }
            Event::Empty(e) => {
                let node = start(&e)?.close();
                started = true;
                match open.last_mut() {
                    Some(parent) => {
                        parent.flush_text();
                        parent.children.push(XmlChild::Node(node));
                    }
                    None => root = Some(node),
                }
            }
            Event::End(_) => {
                let Some(done) = open.pop() else {
                    return Err(
                        "The markup in the document following the root element must be well-formed."
                            .to_owned(),
                    );
                };
                let node = done.close();
                match open.last_mut() {
                    Some(parent) => parent.children.push(XmlChild::Node(node)),
                    None => root = Some(node),
                }
            }
            Event::Text(t) => {
                let s = t.decode().map_err(|e| e.to_string())?;
                match open.last_mut() {
                    Some(o) => o.text.push_str(&s),
                    None if s.trim().is_empty() => {}
                    None if root.is_some() => {
                        return Err("Content is not allowed in trailing section.".to_owned());
                    }
                    None => return Err("Content is not allowed in prolog.".to_owned()),
                }
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| e.to_string())?;
                match open.last_mut() {
                    Some(o) => o.text.push_str(&s),
                    None => return Err("Content is not allowed in prolog.".to_owned()),
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| e.to_string())?;
                let s = reference(&name)?;
                match open.last_mut() {
                    Some(o) => o.text.push_str(&s),
                    None => return Err("Content is not allowed in prolog.".to_owned()),
                }
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => break,
        }
    }
    if !open.is_empty() {
        return Err(UNCLOSED.to_owned());
    }
    match root {
        Some(r) => Ok(r),
        None if started => Err(UNCLOSED.to_owned()),
        None => Err("Premature end of file.".to_owned()),
    }
}
