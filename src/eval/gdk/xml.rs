//! `groovy.util.XmlSlurper` and the `GPathResult`s it gives: `parseText`, navigation to child
//! elements by name (`pom.modules.module`), attributes (`'@id'`, `.@id`), `'*'`, `'**'`, `'..'`,
//! `text()`, `name()`, `size()`, `children()`, `find`/`findAll`, and the `DefaultGroovyMethods`
//! of `Iterable` over the nodes. A result prints as its text.

pub mod parse;

use std::sync::Arc;

use super::Found;
use crate::eval::error::{Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::types::known;
use crate::eval::value::{ListObj, MapKind, MapObj, Native, Object, Value};
use parse::XmlNode;

/// Which `GPathResult` class a result is.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum Kind {
    /// `NodeChild`: one element.
    Child,
    /// `NodeChildren`: the elements a navigation found.
    Children,
    /// `FilteredNodeChildren`: what `findAll` kept.
    Filtered,
    /// `Attributes`: the values of an attribute on the elements.
    Attributes,
    /// `Attribute`: one attribute value.
    Attribute,
    /// `NoChildren`: what `find` gives when nothing matches.
    NoChildren,
}

/// A `GPathResult`: elements (or attribute values) and the result it was navigated from.
#[derive(Debug)]
pub struct GPath {
    /// Its class.
    pub kind: Kind,
    /// The elements (for attributes: the elements carrying them).
    pub nodes: Vec<Arc<XmlNode>>,
    /// Attribute values, for `Attributes` and `Attribute`.
    pub values: Vec<String>,
    /// The name navigated with (`name()` of a list of results).
    pub name: String,
    /// The result this one was navigated from; `None` for the document's root.
    pub parent: Option<Arc<GPath>>,
}

impl GPath {
    /// The text of the result: every text below its elements, or the attribute values.
    #[must_use]
    pub fn text(&self) -> String {
        match self.kind {
            Kind::Attributes | Kind::Attribute => self.values.concat(),
            _ => self.nodes.iter().map(|n| n.text()).collect(),
        }
    }

    /// How many nodes or attribute values it has.
    #[must_use]
    pub fn size(&self) -> usize {
        match self.kind {
            Kind::Attributes | Kind::Attribute => self.values.len(),
            _ => self.nodes.len(),
        }
    }

    fn class_name(&self) -> &'static str {
        match self.kind {
            Kind::Child => "groovy.util.slurpersupport.NodeChild",
            Kind::Children => "groovy.util.slurpersupport.NodeChildren",
            Kind::Filtered => "groovy.util.slurpersupport.FilteredNodeChildren",
            Kind::Attributes => "groovy.util.slurpersupport.Attributes",
            Kind::Attribute => "groovy.util.slurpersupport.Attribute",
            Kind::NoChildren => "groovy.util.slurpersupport.NoChildren",
        }
    }
}

fn value<'a>(g: GPath) -> Value<'a> {
    let class = known(g.class_name());
    Object::native(class, Native::GPath(Arc::new(g)))
}

/// The result a value holds, if it is a `GPathResult`.
#[must_use]
pub fn gpath(v: &Value<'_>) -> Option<Arc<GPath>> {
    let Value::Object(o) = v else { return None };
    match &*o.native.as_ref()?.lock() {
        Native::GPath(g) => Some(g.clone()),
        _ => None,
    }
}

/// `new XmlSlurper().parseText(text)`.
pub fn parse_text<'a>(text: &str) -> Result<Value<'a>, Signal<'a>> {
    match parse::parse(text) {
        Ok(root) => Ok(value(GPath {
            kind: Kind::Child,
            name: root.name.clone(),
            nodes: vec![root],
            values: Vec::new(),
            parent: None,
        })),
        Err(message) => throw("org.xml.sax.SAXParseException", message),
    }
}

/// Calls on an `XmlSlurper`.
pub fn slurper_call<'a>(i: &Interp<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    match (name, args) {
        ("parseText", [text]) => Ok(Some(parse_text(&i.to_s(text)?)?)),
        ("parse", [r]) if super::reader::is_reader(r) => {
            Ok(Some(parse_text(&super::reader::read_all(r))?))
        }
        _ => Ok(None),
    }
}

/// The results each of its items is, one by one (`NodeChild`s, `Attribute`s).
fn items(g: &Arc<GPath>) -> Vec<GPath> {
    match g.kind {
        Kind::Attributes | Kind::Attribute => g
            .values
            .iter()
            .map(|v| GPath {
                kind: Kind::Attribute,
                nodes: Vec::new(),
                values: vec![v.clone()],
                name: g.name.clone(),
                parent: g.parent.clone(),
            })
            .collect(),
        _ => g
            .nodes
            .iter()
            .map(|n| GPath {
                kind: Kind::Child,
                nodes: vec![n.clone()],
                values: Vec::new(),
                name: n.name.clone(),
                parent: Some(g.clone()),
            })
            .collect(),
    }
}

fn item_values<'a>(g: &Arc<GPath>) -> Vec<Value<'a>> {
    items(g).into_iter().map(value).collect()
}

fn depth_first(n: &Arc<XmlNode>, out: &mut Vec<Arc<XmlNode>>) {
    out.push(n.clone());
    for c in n.elements() {
        depth_first(c, out);
    }
}

fn children_named(g: &Arc<GPath>, name: &str, nodes: Vec<Arc<XmlNode>>) -> GPath {
    GPath {
        kind: Kind::Children,
        nodes,
        values: Vec::new(),
        name: name.to_owned(),
        parent: Some(g.clone()),
    }
}

/// A property of a result: child elements by name, `@name`, `*`, `**`, `..`.
#[must_use]
pub fn property<'a>(g: &Arc<GPath>, name: &str) -> Value<'a> {
    if name == ".." {
        return parent(g);
    }
    if name == "**" {
        let mut nodes = Vec::new();
        for n in &g.nodes {
            depth_first(n, &mut nodes);
        }
        return value(children_named(g, "**", nodes));
    }
    if let Some(attr) = name.strip_prefix('@') {
        let (nodes, values): (Vec<_>, Vec<_>) = g
            .nodes
            .iter()
            .filter_map(|n| {
                let v = n.attrs.iter().find(|(k, _)| k == attr)?;
                Some((n.clone(), v.1.clone()))
            })
            .unzip();
        return value(GPath {
            kind: Kind::Attributes,
            nodes,
            values,
            name: attr.to_owned(),
            parent: Some(g.clone()),
        });
    }
    let nodes = g
        .nodes
        .iter()
        .flat_map(|n| n.elements().filter(|c| name == "*" || c.name == name))
        .cloned()
        .collect();
    value(children_named(g, name, nodes))
}

fn parent<'a>(g: &Arc<GPath>) -> Value<'a> {
    match &g.parent {
        Some(p) => value(GPath {
            kind: p.kind,
            nodes: p.nodes.clone(),
            values: p.values.clone(),
            name: p.name.clone(),
            parent: p.parent.clone(),
        }),
        None => value(GPath {
            kind: g.kind,
            nodes: g.nodes.clone(),
            values: g.values.clone(),
            name: g.name.clone(),
            parent: None,
        }),
    }
}

fn no_children<'a>(g: &Arc<GPath>) -> Value<'a> {
    value(GPath {
        kind: Kind::NoChildren,
        nodes: Vec::new(),
        values: Vec::new(),
        name: g.name.clone(),
        parent: Some(g.clone()),
    })
}

/// `DefaultGroovyMethods` of `Iterable` (and Object) a result answers over its items.
const ITERABLE: &[&str] = &[
    "collect",
    "any",
    "every",
    "inject",
    "count",
    "join",
    "sum",
    "max",
    "min",
    "sort",
    "first",
    "last",
    "toList",
    "collectEntries",
    "groupBy",
    "findResult",
    "findResults",
    "withIndex",
    "collectMany",
    "contains",
    "grep",
    "indexed",
    "asList",
    "take",
    "drop",
    "countBy",
    "findIndexOf",
    "toSorted",
    "toSet",
    "flatten",
    "reverseEach",
    "eachWithIndex",
    "head",
    "tail",
];

/// Methods of `GPathResult` (and `NodeChild`'s `attributes()`); the rest of Iterable's
/// `DefaultGroovyMethods` run over the list of its items.
pub fn call<'a>(i: &Interp<'a>, recv: &Value<'a>, name: &str, args: &[Value<'a>]) -> Found<'a> {
    let Some(g) = gpath(recv) else {
        return Ok(None);
    };
    let text = || Value::str(g.text());
    Ok(Some(match (name, args) {
        ("text" | "toString", []) => text(),
        ("name", []) => Value::str(g.name.as_str()),
        ("size", []) => Value::Int(g.size() as i32),
        ("isEmpty", []) => Value::Bool(g.size() == 0),
        ("parent", []) => parent(&g),
        ("children", []) => property(&g, "*"),
        ("depthFirst", []) => property(&g, "**"),
        ("breadthFirst", []) => {
            let mut nodes = Vec::new();
            let mut queue: std::collections::VecDeque<_> = g.nodes.iter().cloned().collect();
            while let Some(n) = queue.pop_front() {
                queue.extend(n.elements().cloned());
                nodes.push(n);
            }
            value(children_named(&g, "**", nodes))
        }
        ("getProperty", [n]) => property(&g, &i.to_s(n)?),
        ("attributes", []) if g.kind == Kind::Child => MapObj::of_kind(
            MapKind::HashMap,
            g.nodes[0]
                .attrs
                .iter()
                .map(|(k, v)| (Value::str(k.as_str()), Value::str(v.as_str())))
                .collect(),
        ),
        ("getAt", [idx]) => {
            let Some(n) = crate::eval::number::to_i64(idx) else {
                return Ok(None);
            };
            let mut all = items(&g);
            let len = all.len() as i64;
            let at = if n < 0 { n + len } else { n };
            if (0..len).contains(&at) {
                value(all.swap_remove(at as usize))
            } else {
                no_children(&g)
            }
        }
        ("list", []) => ListObj::of_kind(crate::eval::value::ListKind::LinkedList, item_values(&g)),
        ("iterator", []) => Object::native(
            known("java.util.Iterator"),
            Native::Iterator(item_values(&g), 0, None),
        ),
        ("find", [f]) => {
            for item in item_values(&g) {
                let r = i.call_value(f, vec![item.clone()], crate::source::Span::default())?;
                if i.truth(&r)? {
                    return Ok(Some(item));
                }
            }
            no_children(&g)
        }
        ("findAll", [f]) => {
            let mut nodes = Vec::new();
            for (item, node) in item_values(&g).into_iter().zip(&g.nodes) {
                let r = i.call_value(f, vec![item], crate::source::Span::default())?;
                if i.truth(&r)? {
                    nodes.push(node.clone());
                }
            }
            value(GPath {
                kind: Kind::Filtered,
                nodes,
                values: Vec::new(),
                name: g.name.clone(),
                parent: Some(g.clone()),
            })
        }
        ("each" | "eachWithIndex", [_]) => {
            let list = ListObj::array_list(item_values(&g));
            super::collection::call(i, &list, name, args)?;
            recv.clone()
        }
        ("plus", [_]) => recv.clone(),
        ("equals", [other]) => Value::Bool(g.text() == i.to_s(other)?),
        ("hashCode", []) => {
            let s = g.text();
            Value::Int(
                s.encode_utf16()
                    .fold(0i32, |h, u| h.wrapping_mul(31).wrapping_add(i32::from(u))),
            )
        }
        (
            "toInteger" | "toLong" | "toFloat" | "toDouble" | "toBigDecimal" | "toBigInteger"
            | "toBoolean",
            [],
        ) => return super::string::call(i, &text(), name, args),
        ("getClass" | "inspect" | "is" | "with" | "identity" | "println" | "print", _) => {
            return Ok(None);
        }
        _ => {
            let list = ListObj::array_list(item_values(&g));
            if ITERABLE.contains(&name) {
                return super::collection::call(i, &list, name, args);
            }
            return Ok(None);
        }
    }))
}

/// The items a result iterates over (empty for anything else).
#[must_use]
pub fn items_of<'a>(v: &Value<'a>) -> Vec<Value<'a>> {
    gpath(v).map(|g| item_values(&g)).unwrap_or_default()
}
