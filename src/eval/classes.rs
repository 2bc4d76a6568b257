//! Classes defined in a script (and the script's own class, `WorkflowScript`): their methods,
//! fields and annotations, read once from the AST.

use std::sync::Arc;

use indexmap::IndexMap;
use parking_lot::Mutex;

use super::types::{Type, builtin_by_source_name, known};
use super::value::{Key, Object, Value};
use crate::syntax::ast::{self, ClassKind, MethodDecl, Modifiers, StmtKind};

/// A field or property declared in a class.
pub struct FieldDef<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its initial value.
    pub init: Option<&'a ast::Expr>,
    /// Its declared type.
    pub ty: Option<&'a ast::TypeRef>,
    /// `static`.
    pub is_static: bool,
    /// `final`.
    pub is_final: bool,
    /// A property (no visibility keyword): Groovy adds a getter and a setter.
    pub is_property: bool,
    /// The declaration.
    pub span: crate::source::Span,
}

/// A class.
pub struct ClassDef<'a> {
    /// Its name as `getName()` gives it.
    pub name: String,
    /// The declaration (`None` for the script class).
    pub decl: Option<&'a ast::ClassDecl>,
    /// Class, interface, enum...
    pub kind: ClassKind,
    /// The superclass.
    pub superclass: Type<'a>,
    /// Implemented interfaces.
    pub interfaces: Vec<Type<'a>>,
    /// Methods by name (overloads in declaration order).
    pub methods: IndexMap<&'a str, Vec<&'a MethodDecl>>,
    /// Constructors.
    pub constructors: Vec<&'a MethodDecl>,
    /// Fields and properties in declaration order.
    pub fields: Vec<FieldDef<'a>>,
    /// Values of static fields.
    pub statics: Mutex<IndexMap<String, Value<'a>>>,
    /// Whether static fields were initialised.
    pub initialised: Mutex<bool>,
    /// Annotation names (`ToString`, `Canonical`...).
    pub annotations: Vec<String>,
    /// Annotation arguments by annotation name.
    pub annotation_args: IndexMap<String, Vec<(String, &'a ast::Expr)>>,
    /// Enum constants, once created.
    pub enum_values: Mutex<Vec<Value<'a>>>,
}

impl<'a> ClassDef<'a> {
    /// Whether this is a script's class (the Jenkinsfile's, or a shared library's `vars/`
    /// script): its objects see the binding and the host's globals.
    #[must_use]
    pub fn is_script(&self) -> bool {
        self.decl.is_none()
    }

    /// Whether this is an interface (or trait).
    #[must_use]
    pub fn is_interface(&self) -> bool {
        matches!(self.kind, ClassKind::Interface | ClassKind::Trait)
    }

    /// The method overloads with this name, from this class and its superclasses (nearest
    /// first).
    #[must_use]
    pub fn find_methods(self: &Arc<Self>, name: &str) -> Vec<(Arc<ClassDef<'a>>, &'a MethodDecl)> {
        let mut out = Vec::new();
        let mut current = Some(self.clone());
        while let Some(c) = current {
            if let Some(ms) = c.methods.get(name) {
                for m in ms {
                    if m.body.is_some() {
                        out.push((c.clone(), *m));
                    }
                }
            }
            for i in &c.interfaces {
                if let Type::User(ic) = i {
                    if let Some(ms) = ic.methods.get(name) {
                        for m in ms {
                            if m.body.is_some() {
                                out.push((ic.clone(), *m));
                            }
                        }
                    }
                }
            }
            current = match &c.superclass {
                Type::User(p) => Some(p.clone()),
                _ => None,
            };
        }
        out
    }

    /// The class declaring a field with this name (this class or a superclass) and the
    /// field's index in it.
    #[must_use]
    pub fn find_field(self: &Arc<Self>, name: &str) -> Option<(Arc<ClassDef<'a>>, usize)> {
        let mut current = Some(self.clone());
        while let Some(c) = current {
            if let Some(i) = c.fields.iter().position(|f| f.name == name) {
                return Some((c, i));
            }
            current = match &c.superclass {
                Type::User(p) => Some(p.clone()),
                _ => None,
            };
        }
        None
    }

    /// Whether the class or a superclass carries this annotation.
    #[must_use]
    pub fn has_annotation(&self, name: &str) -> bool {
        self.annotations.iter().any(|a| a == name)
    }
}

/// Whether the modifiers say `static`.
#[must_use]
pub fn is_static(m: &Modifiers) -> bool {
    m.keywords.iter().any(|k| k.name == "static")
}

fn has_keyword(m: &Modifiers, k: &str) -> bool {
    m.keywords.iter().any(|w| w.name == k)
}

fn annotation_name(a: &ast::Annotation) -> String {
    a.name
        .name
        .rsplit('.')
        .next()
        .unwrap_or(&a.name.name)
        .to_owned()
}

/// Reads a class declaration. `resolve` finds other classes of the script by name.
#[must_use]
pub fn build<'a>(
    decl: &'a ast::ClassDecl,
    name: String,
    resolve: &dyn Fn(&str) -> Option<Type<'a>>,
) -> ClassDef<'a> {
    let superclass = decl
        .extends
        .first()
        .filter(|_| decl.kind != ClassKind::Interface)
        .and_then(|t| {
            resolve(&t.name).or_else(|| builtin_by_source_name(&t.name).map(Type::Builtin))
        })
        .unwrap_or_else(|| {
            if decl.kind == ClassKind::Enum {
                known("java.lang.Enum")
            } else {
                known("java.lang.Object")
            }
        });
    let mut interfaces: Vec<Type<'a>> = Vec::new();
    let iface_refs = if decl.kind == ClassKind::Interface {
        &decl.extends
    } else {
        &decl.implements
    };
    for t in iface_refs {
        if let Some(ty) =
            resolve(&t.name).or_else(|| builtin_by_source_name(&t.name).map(Type::Builtin))
        {
            interfaces.push(ty);
        }
    }
    let mut methods: IndexMap<&'a str, Vec<&'a MethodDecl>> = IndexMap::new();
    let mut constructors = Vec::new();
    let mut fields = Vec::new();
    for member in &decl.members {
        match &member.kind {
            StmtKind::Method(m) if m.constructor => constructors.push(m),
            StmtKind::Method(m) => methods.entry(m.name.name.as_str()).or_default().push(m),
            StmtKind::VarDecl(v) => {
                let visibility = ["private", "public", "protected"]
                    .iter()
                    .any(|k| has_keyword(&v.modifiers, k));
                for d in &v.declarators {
                    fields.push(FieldDef {
                        name: d.name.name.as_str(),
                        init: d.init.as_ref(),
                        ty: v.ty.as_ref(),
                        is_static: is_static(&v.modifiers) || decl.kind == ClassKind::Interface,
                        is_final: has_keyword(&v.modifiers, "final")
                            || decl.kind == ClassKind::Interface,
                        is_property: !visibility,
                        span: member.span,
                    });
                }
            }
            _ => {}
        }
    }
    let mut annotation_args = IndexMap::new();
    for a in &decl.modifiers.annotations {
        let args = a
            .args
            .iter()
            .map(|arg| {
                (
                    arg.name
                        .as_ref()
                        .map_or_else(|| "value".to_owned(), |n| n.name.clone()),
                    &arg.value,
                )
            })
            .collect();
        annotation_args.insert(annotation_name(a), args);
    }
    ClassDef {
        name,
        decl: Some(decl),
        kind: decl.kind,
        superclass,
        interfaces,
        methods,
        constructors,
        fields,
        statics: Mutex::new(IndexMap::new()),
        initialised: Mutex::new(false),
        annotations: decl
            .modifiers
            .annotations
            .iter()
            .map(annotation_name)
            .collect(),
        annotation_args,
        enum_values: Mutex::new(Vec::new()),
    }
}

/// The script's own class: its methods and `@Field` fields.
#[must_use]
pub fn script_class<'a>(name: &str, script: &'a ast::Script) -> ClassDef<'a> {
    let mut methods: IndexMap<&'a str, Vec<&'a MethodDecl>> = IndexMap::new();
    let mut fields = Vec::new();
    for stmt in &script.statements {
        match &stmt.kind {
            StmtKind::Method(m) => methods.entry(m.name.name.as_str()).or_default().push(m),
            StmtKind::VarDecl(v)
                if v.modifiers
                    .annotations
                    .iter()
                    .any(|a| annotation_name(a) == "Field") =>
            {
                for d in &v.declarators {
                    fields.push(FieldDef {
                        name: d.name.name.as_str(),
                        init: d.init.as_ref(),
                        ty: v.ty.as_ref(),
                        is_static: is_static(&v.modifiers),
                        is_final: has_keyword(&v.modifiers, "final"),
                        is_property: false,
                        span: stmt.span,
                    });
                }
            }
            _ => {}
        }
    }
    ClassDef {
        name: name.to_owned(),
        decl: None,
        kind: ClassKind::Class,
        superclass: known("groovy.lang.Script"),
        interfaces: Vec::new(),
        methods,
        constructors: Vec::new(),
        fields,
        statics: Mutex::new(IndexMap::new()),
        initialised: Mutex::new(true),
        annotations: Vec::new(),
        annotation_args: IndexMap::new(),
        enum_values: Mutex::new(Vec::new()),
    }
}

/// The identity of an object as a map key: enums by constant, value classes by fields. A class
/// that writes its own `equals` and `hashCode` is keyed by its fields too: keys are built
/// without running Groovy code, and such methods nearly always compare the fields (a
/// difference documented in docs/differences.md).
#[must_use]
pub fn object_key(o: &Arc<Object<'_>>) -> Option<Key> {
    let Type::User(c) = &o.class else {
        return None;
    };
    if c.kind == ClassKind::Enum {
        return None;
    }
    if c.has_annotation("Canonical")
        || c.has_annotation("EqualsAndHashCode")
        || c.has_annotation("Immutable")
        || (!c.find_methods("equals").is_empty() && !c.find_methods("hashCode").is_empty())
    {
        let fields = o.fields.lock();
        return Some(Key::Fields(
            c.name.clone(),
            fields.values().map(Key::of).collect(),
        ));
    }
    None
}

/// The constant name of an enum value.
#[must_use]
pub fn enum_name(o: &Object<'_>) -> Option<String> {
    let Type::User(c) = &o.class else {
        return None;
    };
    if c.kind != ClassKind::Enum {
        return None;
    }
    match o.field("name") {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    }
}
