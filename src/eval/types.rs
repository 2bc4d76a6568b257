//! Classes as Groovy sees them: the Java and Groovy classes scripts name (with their place in
//! the class hierarchy, for `instanceof`, `catch` and `switch`), and the script's own classes.

use std::sync::Arc;

use super::classes::ClassDef;
use super::value::{ListKind, MapKind, Native, SetKind, Value};

/// A built-in class: its full name, superclass and interfaces.
#[derive(Debug)]
pub struct Builtin {
    /// Fully qualified name (`java.lang.String`).
    pub name: &'static str,
    /// Superclass's full name.
    pub parent: Option<&'static str>,
    /// Interfaces' full names (transitively closed by [`Type::is_assignable_to`]).
    pub interfaces: &'static [&'static str],
}

macro_rules! builtins {
    ($($name:literal < $parent:expr ; [$($iface:literal),*]),* $(,)?) => {
        /// Every built-in class jfrun knows.
        pub static BUILTINS: &[Builtin] = &[
            $(Builtin { name: $name, parent: $parent, interfaces: &[$($iface),*] }),*
        ];
    };
}

const OBJ: Option<&str> = Some("java.lang.Object");
const NUM: Option<&str> = Some("java.lang.Number");
const RTE: Option<&str> = Some("java.lang.RuntimeException");
const EXC: Option<&str> = Some("java.lang.Exception");
const GRE: Option<&str> = Some("groovy.lang.GroovyRuntimeException");
const IAE: Option<&str> = Some("java.lang.IllegalArgumentException");
const IOOBE: Option<&str> = Some("java.lang.IndexOutOfBoundsException");

builtins! {
    "java.lang.Object" < None; [],
    "java.lang.Number" < OBJ; ["java.io.Serializable"],
    "java.lang.Integer" < NUM; ["java.lang.Comparable"],
    "java.lang.Long" < NUM; ["java.lang.Comparable"],
    "java.lang.Short" < NUM; ["java.lang.Comparable"],
    "java.lang.Byte" < NUM; ["java.lang.Comparable"],
    "java.lang.Double" < NUM; ["java.lang.Comparable"],
    "java.lang.Float" < NUM; ["java.lang.Comparable"],
    "java.math.BigInteger" < NUM; ["java.lang.Comparable"],
    "java.math.BigDecimal" < NUM; ["java.lang.Comparable"],
    "java.lang.Boolean" < OBJ; ["java.lang.Comparable", "java.io.Serializable"],
    "java.lang.Character" < OBJ; ["java.lang.Comparable", "java.io.Serializable"],
    "java.lang.CharSequence" < None; [],
    "java.lang.String" < OBJ; ["java.lang.CharSequence", "java.lang.Comparable", "java.io.Serializable"],
    "groovy.lang.GString" < OBJ; ["java.lang.CharSequence", "java.lang.Comparable", "java.io.Serializable", "groovy.lang.GroovyObject"],
    "java.lang.Comparable" < None; [],
    "java.io.Serializable" < None; [],
    "java.lang.Iterable" < None; [],
    "java.lang.Cloneable" < None; [],
    "java.lang.Runnable" < None; [],
    "java.util.Comparator" < None; [],
    "java.util.concurrent.Callable" < None; [],
    "groovy.lang.GroovyObject" < None; [],
    "java.util.Collection" < None; ["java.lang.Iterable"],
    "java.util.List" < None; ["java.util.Collection"],
    "java.util.RandomAccess" < None; [],
    "java.util.Set" < None; ["java.util.Collection"],
    "java.util.SortedSet" < None; ["java.util.Set"],
    "java.util.Queue" < None; ["java.util.Collection"],
    "java.util.Deque" < None; ["java.util.Queue"],
    "java.util.Map" < None; [],
    "java.util.Map$Entry" < None; [],
    "java.util.LinkedHashMap$Entry" < OBJ; ["java.util.Map$Entry"],
    "java.util.SortedMap" < None; ["java.util.Map"],
    "java.util.Iterator" < None; [],
    "java.util.AbstractCollection" < OBJ; ["java.util.Collection"],
    "java.util.AbstractList" < Some("java.util.AbstractCollection"); ["java.util.List"],
    "java.util.ArrayList" < Some("java.util.AbstractList"); ["java.util.List", "java.util.RandomAccess", "java.lang.Cloneable", "java.io.Serializable"],
    "java.util.LinkedList" < Some("java.util.AbstractList"); ["java.util.List", "java.util.Deque", "java.lang.Cloneable", "java.io.Serializable"],
    "java.util.Arrays$ArrayList" < Some("java.util.AbstractList"); ["java.util.RandomAccess", "java.io.Serializable"],
    "java.util.Collections$UnmodifiableRandomAccessList" < OBJ; ["java.util.List", "java.util.RandomAccess", "java.io.Serializable"],
    "java.util.AbstractSet" < Some("java.util.AbstractCollection"); ["java.util.Set"],
    "java.util.HashSet" < Some("java.util.AbstractSet"); ["java.util.Set", "java.lang.Cloneable", "java.io.Serializable"],
    "java.util.LinkedHashSet" < Some("java.util.HashSet"); ["java.util.Set", "java.lang.Cloneable", "java.io.Serializable"],
    "java.util.TreeSet" < Some("java.util.AbstractSet"); ["java.util.SortedSet", "java.lang.Cloneable", "java.io.Serializable"],
    "java.util.Collections$UnmodifiableSet" < OBJ; ["java.util.Set", "java.io.Serializable"],
    "java.util.AbstractMap" < OBJ; ["java.util.Map"],
    "java.util.HashMap" < Some("java.util.AbstractMap"); ["java.util.Map", "java.lang.Cloneable", "java.io.Serializable"],
    "java.util.LinkedHashMap" < Some("java.util.HashMap"); ["java.util.Map"],
    "java.util.TreeMap" < Some("java.util.AbstractMap"); ["java.util.SortedMap", "java.lang.Cloneable", "java.io.Serializable"],
    "java.util.concurrent.ConcurrentHashMap" < Some("java.util.AbstractMap"); ["java.util.Map", "java.io.Serializable"],
    "java.util.Collections$UnmodifiableMap" < OBJ; ["java.util.Map", "java.io.Serializable"],
    "groovy.lang.Range" < None; ["java.util.List"],
    "groovy.lang.IntRange" < Some("java.util.AbstractList"); ["groovy.lang.Range"],
    "groovy.lang.ObjectRange" < Some("java.util.AbstractList"); ["groovy.lang.Range"],
    "groovy.lang.Closure" < OBJ; ["groovy.lang.GroovyObject", "java.lang.Runnable", "java.util.concurrent.Callable", "java.lang.Cloneable", "java.io.Serializable"],
    "java.lang.Class" < OBJ; [],
    "groovy.util.Expando" < OBJ; ["groovy.lang.GroovyObject"],
    "groovy.lang.MetaClass" < None; [],
    "groovy.lang.MetaClassImpl" < OBJ; ["groovy.lang.MetaClass"],
    "groovy.lang.Binding" < OBJ; ["groovy.lang.GroovyObject"],
    "java.lang.StringBuilder" < OBJ; ["java.lang.CharSequence", "java.io.Serializable"],
    "java.lang.StringBuffer" < OBJ; ["java.lang.CharSequence", "java.io.Serializable"],
    "java.io.Writer" < OBJ; ["java.lang.Appendable", "java.io.Closeable", "java.io.Flushable"],
    "java.io.StringWriter" < Some("java.io.Writer"); [],
    "java.util.regex.Pattern" < OBJ; ["java.io.Serializable"],
    "java.util.regex.Matcher" < OBJ; [],
    "java.util.Random" < OBJ; ["java.io.Serializable"],
    "java.util.Date" < OBJ; ["java.io.Serializable", "java.lang.Comparable"],
    "java.util.concurrent.atomic.AtomicInteger" < NUM; [],
    "java.util.concurrent.atomic.AtomicLong" < NUM; [],
    "java.lang.Math" < OBJ; [],
    "groovy.lang.Writable" < None; [],
    "org.codehaus.groovy.runtime.EncodingGroovyMethods$1" < OBJ; ["groovy.lang.Writable"],
    "org.codehaus.groovy.runtime.EncodingGroovyMethods$2" < OBJ; ["groovy.lang.Writable"],
    "java.net.URLEncoder" < OBJ; [],
    "java.net.URLDecoder" < OBJ; [],
    "java.security.MessageDigestSpi" < OBJ; [],
    "java.security.MessageDigest" < Some("java.security.MessageDigestSpi"); [],
    "java.security.MessageDigest$Delegate" < Some("java.security.MessageDigest"); [],
    "java.security.MessageDigest$Delegate$CloneableDelegate" < Some("java.security.MessageDigest$Delegate"); ["java.lang.Cloneable"],
    "java.lang.System" < OBJ; [],
    "groovy.json.JsonOutput" < OBJ; [],
    "groovy.json.JsonSlurper" < OBJ; [],
    "groovy.json.JsonSlurperClassic" < OBJ; [],
    "groovy.json.JsonException" < RTE; [],
    "groovy.json.internal.LazyMap" < Some("java.util.AbstractMap"); ["java.util.Map"],
    "java.util.Dictionary" < OBJ; [],
    "java.util.Hashtable" < Some("java.util.Dictionary"); ["java.util.Map", "java.lang.Cloneable", "java.io.Serializable"],
    "java.util.Properties" < Some("java.util.Hashtable"); [],
    "java.lang.Readable" < None; [],
    "java.io.Closeable" < None; [],
    "java.io.Reader" < OBJ; ["java.lang.Readable", "java.io.Closeable"],
    "java.io.StringReader" < Some("java.io.Reader"); [],
    "groovy.util.XmlSlurper" < OBJ; [],
    "groovy.util.slurpersupport.GPathResult" < OBJ; ["groovy.lang.GroovyObject", "java.lang.Iterable"],
    "groovy.util.slurpersupport.NodeChild" < Some("groovy.util.slurpersupport.GPathResult"); [],
    "groovy.util.slurpersupport.NodeChildren" < Some("groovy.util.slurpersupport.GPathResult"); [],
    "groovy.util.slurpersupport.FilteredNodeChildren" < Some("groovy.util.slurpersupport.NodeChildren"); [],
    "groovy.util.slurpersupport.Attributes" < Some("groovy.util.slurpersupport.NodeChildren"); [],
    "groovy.util.slurpersupport.Attribute" < Some("groovy.util.slurpersupport.GPathResult"); [],
    "groovy.util.slurpersupport.NoChildren" < Some("groovy.util.slurpersupport.GPathResult"); [],
    "org.xml.sax.SAXException" < EXC; [],
    "org.xml.sax.SAXParseException" < Some("org.xml.sax.SAXException"); [],
    "java.lang.Runtime" < OBJ; [],
    "java.lang.Thread" < OBJ; ["java.lang.Runnable"],
    "java.lang.ProcessBuilder" < OBJ; [],
    "java.io.File" < OBJ; ["java.io.Serializable", "java.lang.Comparable"],
    "java.net.URL" < OBJ; ["java.io.Serializable"],
    "java.util.Collections" < OBJ; [],
    "java.util.Arrays" < OBJ; [],
    "java.util.Objects" < OBJ; [],
    "java.lang.Enum" < OBJ; ["java.lang.Comparable", "java.io.Serializable"],
    "java.math.RoundingMode" < Some("java.lang.Enum"); [],
    "groovy.lang.Script" < OBJ; ["groovy.lang.GroovyObject"],
    "java.lang.Throwable" < OBJ; ["java.io.Serializable"],
    "java.lang.Exception" < Some("java.lang.Throwable"); [],
    "java.lang.Error" < Some("java.lang.Throwable"); [],
    "java.lang.AssertionError" < Some("java.lang.Error"); [],
    "java.lang.LinkageError" < Some("java.lang.Error"); [],
    "java.lang.VerifyError" < Some("java.lang.LinkageError"); [],
    "java.lang.VirtualMachineError" < Some("java.lang.Error"); [],
    "java.lang.StackOverflowError" < Some("java.lang.VirtualMachineError"); [],
    "java.lang.OutOfMemoryError" < Some("java.lang.VirtualMachineError"); [],
    "org.codehaus.groovy.runtime.powerassert.PowerAssertionError" < Some("java.lang.AssertionError"); [],
    "java.lang.RuntimeException" < EXC; [],
    "java.lang.InterruptedException" < EXC; [],
    "java.io.IOException" < EXC; [],
    "java.io.FileNotFoundException" < Some("java.io.IOException"); [],
    "java.io.UnsupportedEncodingException" < Some("java.io.IOException"); [],
    "java.security.GeneralSecurityException" < EXC; [],
    "java.security.NoSuchAlgorithmException" < Some("java.security.GeneralSecurityException"); [],
    "java.lang.CloneNotSupportedException" < EXC; [],
    "java.lang.ClassNotFoundException" < Some("java.lang.ReflectiveOperationException"); [],
    "java.lang.ReflectiveOperationException" < EXC; [],
    "java.util.concurrent.TimeoutException" < EXC; [],
    "java.lang.IllegalArgumentException" < RTE; [],
    "java.lang.NumberFormatException" < IAE; [],
    "java.lang.IllegalStateException" < RTE; [],
    "java.lang.ArithmeticException" < RTE; [],
    "java.lang.NullPointerException" < RTE; [],
    "java.lang.ClassCastException" < RTE; [],
    "java.lang.IndexOutOfBoundsException" < RTE; [],
    "java.lang.ArrayIndexOutOfBoundsException" < IOOBE; [],
    "java.lang.StringIndexOutOfBoundsException" < IOOBE; [],
    "java.lang.UnsupportedOperationException" < RTE; [],
    "java.lang.NegativeArraySizeException" < RTE; [],
    "java.lang.ArrayStoreException" < RTE; [],
    "java.lang.SecurityException" < RTE; [],
    "java.util.ConcurrentModificationException" < RTE; [],
    "java.util.NoSuchElementException" < RTE; [],
    "java.util.EmptyStackException" < RTE; [],
    "java.util.MissingResourceException" < RTE; [],
    "java.util.regex.PatternSyntaxException" < IAE; [],
    "groovy.lang.GroovyRuntimeException" < RTE; [],
    "groovy.lang.MissingPropertyException" < GRE; [],
    "groovy.lang.MissingMethodException" < GRE; [],
    "groovy.lang.MissingFieldException" < GRE; [],
    "groovy.lang.ReadOnlyPropertyException" < Some("groovy.lang.MissingPropertyException"); [],
    "groovy.lang.IncorrectClosureArgumentsException" < GRE; [],
    "org.codehaus.groovy.runtime.typehandling.GroovyCastException" < Some("java.lang.ClassCastException"); [],
    "org.codehaus.groovy.control.MultipleCompilationErrorsException" < Some("org.codehaus.groovy.control.CompilationFailedException"); [],
    "org.codehaus.groovy.control.CompilationFailedException" < GRE; [],
    "org.jenkinsci.plugins.scriptsecurity.sandbox.RejectedAccessException" < Some("java.lang.SecurityException"); [],
    "hudson.AbortException" < Some("java.io.IOException"); [],
    "hudson.FilePath" < OBJ; ["java.io.Serializable"],
    "java.lang.NoSuchMethodError" < Some("java.lang.Error"); [],
    "org.jenkinsci.plugins.workflow.steps.MissingContextVariableException" < Some("java.lang.Exception"); [],
    "org.jenkinsci.plugins.workflow.steps.FlowInterruptedException" < Some("java.lang.InterruptedException"); [],
    "org.jenkinsci.plugins.workflow.cps.EnvActionImpl" < OBJ; ["groovy.lang.GroovyObject"],
    "org.jenkinsci.plugins.workflow.support.steps.build.RunWrapper" < OBJ; ["java.io.Serializable"],
    "org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition" < OBJ; [],
    "org.jenkinsci.plugins.docker.workflow.Docker" < OBJ; ["java.io.Serializable"],
    "org.jenkinsci.plugins.docker.workflow.Docker$Image" < OBJ; ["java.io.Serializable"],
    "org.jenkinsci.plugins.docker.workflow.Docker$Container" < OBJ; ["java.io.Serializable"],
}

/// Packages searched for a simple class name, as Groovy's default imports.
pub const DEFAULT_PACKAGES: &[&str] = &[
    "java.lang.",
    "java.util.",
    "java.io.",
    "java.net.",
    "groovy.lang.",
    "groovy.util.",
    "java.math.",
    "java.util.regex.",
    "java.util.concurrent.",
    "java.util.concurrent.atomic.",
];

/// A class.
#[derive(Clone)]
pub enum Type<'a> {
    /// A Java or Groovy class.
    Builtin(&'static Builtin),
    /// A class defined in the script.
    User(Arc<ClassDef<'a>>),
    /// An array class, by element class name (`[Ljava.lang.String;` for `String[]`).
    Array(&'static str),
    /// A primitive type (`int`, `boolean`...).
    Primitive(&'static str),
    /// The class of a closure literal: `WorkflowScript$_run_closure1`.
    Closure(Arc<str>),
}

/// The built-in class with this full name.
#[must_use]
pub fn builtin(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// The built-in class with this full name; for names jfrun itself uses, which must exist.
#[must_use]
pub fn known<'a>(name: &str) -> Type<'a> {
    Type::Builtin(builtin(name).unwrap_or(&BUILTINS[0]))
}

/// The primitive type names and their boxes.
pub const PRIMITIVES: &[(&str, &str)] = &[
    ("int", "java.lang.Integer"),
    ("long", "java.lang.Long"),
    ("short", "java.lang.Short"),
    ("byte", "java.lang.Byte"),
    ("double", "java.lang.Double"),
    ("float", "java.lang.Float"),
    ("boolean", "java.lang.Boolean"),
    ("char", "java.lang.Character"),
    ("void", "java.lang.Void"),
];

/// A built-in class by the name a script writes: simple (`String`), through the default
/// imports, or fully qualified.
#[must_use]
pub fn builtin_by_source_name(name: &str) -> Option<&'static Builtin> {
    if name.contains('.') {
        return builtin(name).or_else(|| {
            // `Map.Entry`
            let dollar = name.replacen('.', "$", 1);
            DEFAULT_PACKAGES
                .iter()
                .find_map(|p| builtin(&format!("{p}{dollar}")))
        });
    }
    DEFAULT_PACKAGES.iter().find_map(|p| {
        BUILTINS
            .iter()
            .find(|b| b.name.strip_prefix(p) == Some(name))
    })
}

impl<'a> Type<'a> {
    /// The class's full name as `getName()` gives it.
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Type::Builtin(b) => b.name.to_owned(),
            Type::User(c) => c.name.clone(),
            Type::Array(elem) => array_class_name(elem),
            Type::Primitive(p) => (*p).to_owned(),
            Type::Closure(n) => n.to_string(),
        }
    }

    /// The simple name (`String`, `ArrayList`).
    #[must_use]
    pub fn simple_name(&self) -> String {
        if let Type::Array(elem) = self {
            format!("{}[]", elem.rsplit(['.', '$']).next().unwrap_or(elem))
        } else {
            let name = self.name();
            name.rsplit(['.', '$']).next().unwrap_or(&name).to_owned()
        }
    }

    /// The superclass.
    #[must_use]
    pub fn parent(&self) -> Option<Type<'a>> {
        match self {
            Type::Builtin(b) => b.parent.and_then(builtin).map(Type::Builtin),
            Type::User(c) => Some(c.superclass.clone()),
            Type::Array(_) => Some(Type::Builtin(builtin("java.lang.Object")?)),
            Type::Closure(name) if &**name == "groovy.lang.Closure" => {
                Some(Type::Builtin(builtin("java.lang.Object")?))
            }
            Type::Closure(_) => Some(Type::Builtin(builtin("groovy.lang.Closure")?)),
            Type::Primitive(_) => None,
        }
    }

    /// Whether a value of this class is also of class `other` (same class, subclass or
    /// implementation of an interface).
    #[must_use]
    pub fn is_assignable_to(&self, other: &str) -> bool {
        let mut current = Some(self.clone());
        while let Some(t) = current {
            if t.name() == other {
                return true;
            }
            match &t {
                Type::Builtin(b) if b.interfaces.iter().any(|i| interface_extends(i, other)) => {
                    return true;
                }
                Type::User(c) if c.interfaces.iter().any(|i| i.is_assignable_to(other)) => {
                    return true;
                }
                Type::Closure(_)
                    if builtin("groovy.lang.Closure")
                        .is_some_and(|b| Type::Builtin(b).is_assignable_to(other)) =>
                {
                    return true;
                }
                _ => {}
            }
            current = t.parent();
        }
        other == "java.lang.Object" && !matches!(self, Type::Primitive(_))
    }

    /// Whether this is an interface (an object of such a class is a proxy made with `as`).
    #[must_use]
    pub fn is_interface(&self) -> bool {
        match self {
            Type::User(c) => c.is_interface(),
            Type::Builtin(b) => b.parent.is_none() && b.name != "java.lang.Object",
            _ => false,
        }
    }

    /// Whether this is a Throwable class.
    #[must_use]
    pub fn is_throwable(&self) -> bool {
        self.is_assignable_to("java.lang.Throwable")
    }
}

fn interface_extends(iface: &str, other: &str) -> bool {
    if iface == other {
        return true;
    }
    builtin(iface).is_some_and(|b| b.interfaces.iter().any(|i| interface_extends(i, other)))
}

/// `[Ljava.lang.String;` for element class `java.lang.String`, `[I` for `int`.
#[must_use]
pub fn array_class_name(elem: &str) -> String {
    match elem {
        "int" => "[I".into(),
        "long" => "[J".into(),
        "double" => "[D".into(),
        "float" => "[F".into(),
        "boolean" => "[Z".into(),
        "char" => "[C".into(),
        "byte" => "[B".into(),
        "short" => "[S".into(),
        _ => format!("[L{elem};"),
    }
}

/// The class of a value.
#[must_use]
pub fn type_of<'a>(value: &Value<'a>) -> Type<'a> {
    let name = match value {
        Value::Null => return known("java.lang.Object"),
        Value::Bool(_) => "java.lang.Boolean",
        Value::Int(_) => "java.lang.Integer",
        Value::Long(_) => "java.lang.Long",
        Value::Short(_) => "java.lang.Short",
        Value::Byte(_) => "java.lang.Byte",
        Value::BigInt(_) => "java.math.BigInteger",
        Value::Decimal(_) => "java.math.BigDecimal",
        Value::Double(_) => "java.lang.Double",
        Value::Float(_) => "java.lang.Float",
        Value::Char(_) => "java.lang.Character",
        Value::Str(_) => "java.lang.String",
        Value::GString(_) => "org.codehaus.groovy.runtime.GStringImpl",
        Value::List(l) => match l.kind {
            ListKind::ArrayList => "java.util.ArrayList",
            ListKind::LinkedList => "java.util.LinkedList",
            ListKind::Array(elem) => return Type::Array(elem),
            ListKind::Immutable => "java.util.Collections$UnmodifiableRandomAccessList",
            ListKind::FixedSize => "java.util.Arrays$ArrayList",
        },
        Value::Map(m) => match m.kind {
            MapKind::LinkedHashMap => "java.util.LinkedHashMap",
            MapKind::HashMap => "java.util.HashMap",
            MapKind::TreeMap => "java.util.TreeMap",
            MapKind::Immutable => "java.util.Collections$UnmodifiableMap",
            MapKind::Concurrent => "java.util.concurrent.ConcurrentHashMap",
            MapKind::LazyMap => "groovy.json.internal.LazyMap",
            MapKind::Properties => "java.util.Properties",
        },
        Value::Set(s) => match s.kind {
            SetKind::LinkedHashSet => "java.util.LinkedHashSet",
            SetKind::HashSet => "java.util.HashSet",
            SetKind::TreeSet => "java.util.TreeSet",
            SetKind::Immutable => "java.util.Collections$UnmodifiableSet",
        },
        Value::Range(r) => {
            if matches!(r.from, Value::Int(_)) {
                "groovy.lang.IntRange"
            } else {
                "groovy.lang.ObjectRange"
            }
        }
        Value::Closure(c) => return super::closure::class_of(c),
        Value::Object(o) => {
            if let Some(native) = &o.native {
                if let Native::Entry(..) = &*native.lock() {
                    return known("java.util.LinkedHashMap$Entry");
                }
            }
            return o.class.clone();
        }
        Value::Class(_) => "java.lang.Class",
    };
    builtin(name).map_or_else(|| gstring_type(name), Type::Builtin)
}

fn gstring_type<'a>(name: &str) -> Type<'a> {
    if name == "org.codehaus.groovy.runtime.GStringImpl" {
        Type::Closure(Arc::from(name))
    } else {
        known("java.lang.Object")
    }
}

/// Whether `value` is an instance of the class named `class` (full name).
#[must_use]
pub fn is_instance(value: &Value<'_>, class: &str) -> bool {
    if value.is_null() {
        return false;
    }
    if matches!(value, Value::GString(_)) {
        return matches!(
            class,
            "groovy.lang.GString"
                | "java.lang.CharSequence"
                | "java.lang.Comparable"
                | "java.io.Serializable"
                | "groovy.lang.GroovyObject"
                | "java.lang.Object"
                | "org.codehaus.groovy.runtime.GStringImpl"
        );
    }
    if matches!(value, Value::Object(o) if matches!(o.native.as_ref().map(|n| matches!(&*n.lock(), Native::Entry(..))), Some(true)))
    {
        return matches!(class, "java.util.Map$Entry" | "java.lang.Object");
    }
    type_of(value).is_assignable_to(class)
}
