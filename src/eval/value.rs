//! Groovy values: what a script computes with, shared by reference as in Java.
//!
//! Collections, objects and closures are shared (`Arc`) and mutable behind a lock, so that a
//! list passed to a method and changed there is changed for the caller too, and values can be
//! handed to parallel branches. No lock is ever held while Groovy code runs.

use std::fmt;
use std::sync::Arc;

use indexmap::IndexMap;
use num_bigint::BigInt;
use parking_lot::Mutex;

use super::decimal::Decimal;
use super::types::Type;
use crate::syntax::ast;

/// A Groovy value.
#[derive(Clone)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `java.lang.Boolean`
    Bool(bool),
    /// `java.lang.Integer`
    Int(i32),
    /// `java.lang.Long`
    Long(i64),
    /// `java.math.BigInteger`
    BigInt(Arc<BigInt>),
    /// `java.math.BigDecimal`
    Decimal(Arc<Decimal>),
    /// `java.lang.Double`
    Double(f64),
    /// `java.lang.Float`
    Float(f32),
    /// `java.lang.Character`
    Char(char),
    /// `java.lang.Byte`
    Byte(i8),
    /// `java.lang.Short`
    Short(i16),
    /// `java.lang.String`
    Str(Arc<str>),
    /// `groovy.lang.GString`: literal strings and the values put between them.
    GString(Arc<GString<'a>>),
    /// `java.util.List` (ArrayList, arrays, immutable lists).
    List(Arc<ListObj<'a>>),
    /// `java.util.Map` (LinkedHashMap, HashMap, TreeMap).
    Map(Arc<MapObj<'a>>),
    /// `java.util.Set`
    Set(Arc<SetObj<'a>>),
    /// `groovy.lang.Range`
    Range(Arc<RangeObj<'a>>),
    /// `groovy.lang.Closure`
    Closure(Arc<Closure<'a>>),
    /// An instance of a class: a script class, an exception, a built-in object.
    Object(Arc<Object<'a>>),
    /// A class used as a value (`String`, `Integer`, a class of the script).
    Class(Type<'a>),
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", super::text::inspect(self))
    }
}

/// A GString: `strings.len() == values.len() + 1`.
pub struct GString<'a> {
    /// The literal parts.
    pub strings: Vec<Arc<str>>,
    /// The interpolated values.
    pub values: Vec<Value<'a>>,
}

/// What kind of list a [`ListObj`] is.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ListKind {
    /// `java.util.ArrayList` (list literals).
    ArrayList,
    /// `java.util.LinkedList`.
    LinkedList,
    /// A Java array; the element class name is kept for `.class` and casts.
    Array(&'static str),
    /// An unmodifiable list (`asImmutable()`, `Collections.unmodifiableList`).
    Immutable,
    /// `Arrays.asList`: set works, add does not.
    FixedSize,
}

/// A list and how many times it was changed structurally (for ConcurrentModificationException).
pub struct ListObj<'a> {
    /// Which Java class.
    pub kind: ListKind,
    /// The elements.
    pub items: Mutex<Vec<Value<'a>>>,
}

impl<'a> ListObj<'a> {
    /// A new ArrayList.
    #[must_use]
    pub fn array_list(items: Vec<Value<'a>>) -> Value<'a> {
        Value::List(Arc::new(ListObj {
            kind: ListKind::ArrayList,
            items: Mutex::new(items),
        }))
    }

    /// A new list of a kind.
    #[must_use]
    pub fn of_kind(kind: ListKind, items: Vec<Value<'a>>) -> Value<'a> {
        Value::List(Arc::new(ListObj {
            kind,
            items: Mutex::new(items),
        }))
    }

    /// A copy of the elements.
    #[must_use]
    pub fn snapshot(&self) -> Vec<Value<'a>> {
        self.items.lock().clone()
    }
}

/// What kind of map a [`MapObj`] is.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum MapKind {
    /// `java.util.LinkedHashMap` (map literals).
    LinkedHashMap,
    /// `java.util.HashMap`: iterated in Java's bucket order.
    HashMap,
    /// `java.util.TreeMap`: kept sorted by key.
    TreeMap,
    /// An unmodifiable map.
    Immutable,
    /// `java.util.concurrent.ConcurrentHashMap`.
    Concurrent,
    /// `groovy.json.internal.LazyMap` (JsonSlurper's objects), kept sorted by key as Groovy
    /// 2.4 iterates it.
    LazyMap,
    /// `java.util.Properties`: iterated as the `ConcurrentHashMap` it keeps its entries in.
    Properties,
}

/// A map: entries in iteration order, found by Java's `equals` of their keys.
pub struct MapObj<'a> {
    /// Which Java class.
    pub kind: MapKind,
    /// Entries by key identity.
    pub entries: Mutex<IndexMap<Key, (Value<'a>, Value<'a>)>>,
    /// `withDefault { }`'s closure.
    pub default: Option<Value<'a>>,
}

impl<'a> MapObj<'a> {
    /// A new LinkedHashMap with these entries.
    #[must_use]
    pub fn linked(entries: Vec<(Value<'a>, Value<'a>)>) -> Value<'a> {
        Self::of_kind(MapKind::LinkedHashMap, entries)
    }

    /// A new map of a kind.
    #[must_use]
    pub fn of_kind(kind: MapKind, entries: Vec<(Value<'a>, Value<'a>)>) -> Value<'a> {
        let mut map = IndexMap::with_capacity(entries.len());
        for (k, v) in entries {
            map.insert(Key::of(&k), (k, v));
        }
        Value::Map(Arc::new(MapObj {
            kind,
            entries: Mutex::new(map),
            default: None,
        }))
    }

    /// A copy of the entries in iteration order.
    #[must_use]
    pub fn snapshot(&self) -> Vec<(Value<'a>, Value<'a>)> {
        self.entries.lock().values().cloned().collect()
    }

    /// The value for `key`, if present.
    #[must_use]
    pub fn get(&self, key: &Value<'a>) -> Option<Value<'a>> {
        self.entries
            .lock()
            .get(&Key::of(key))
            .map(|(_, v)| v.clone())
    }
}

/// What kind of set a [`SetObj`] is.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum SetKind {
    /// `java.util.LinkedHashSet`.
    LinkedHashSet,
    /// `java.util.HashSet`: iterated in Java's bucket order.
    HashSet,
    /// `java.util.TreeSet`.
    TreeSet,
    /// An unmodifiable set.
    Immutable,
}

/// Which view of a map a set is.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum MapView {
    /// `keySet()`
    Keys,
    /// `entrySet()`
    Entries,
}

/// A set.
pub struct SetObj<'a> {
    /// Which Java class.
    pub kind: SetKind,
    /// Elements by key identity.
    pub items: Mutex<IndexMap<Key, Value<'a>>>,
    /// For `keySet()` and `entrySet()`: the map whose keys (or entries) these are. The set is
    /// refreshed from the map before it is read, and removing from it removes from the map,
    /// as Java's views do.
    pub view_of: Option<(Arc<MapObj<'a>>, MapView)>,
}

impl<'a> SetObj<'a> {
    /// A new set of a kind with these elements (duplicates dropped).
    #[must_use]
    pub fn of_kind(kind: SetKind, items: Vec<Value<'a>>) -> Value<'a> {
        let mut map = IndexMap::with_capacity(items.len());
        for v in items {
            map.entry(Key::of(&v)).or_insert(v);
        }
        Value::Set(Arc::new(SetObj {
            kind,
            items: Mutex::new(map),
            view_of: None,
        }))
    }

    /// The keys or entries of `map` as a live set (filled when first read).
    #[must_use]
    pub fn view_of(map: &Arc<MapObj<'a>>, view: MapView) -> Value<'a> {
        Value::Set(Arc::new(SetObj {
            kind: SetKind::LinkedHashSet,
            items: Mutex::new(IndexMap::new()),
            view_of: Some((map.clone(), view)),
        }))
    }

    /// A copy of the elements in iteration order.
    #[must_use]
    pub fn snapshot(&self) -> Vec<Value<'a>> {
        self.items.lock().values().cloned().collect()
    }
}

/// `from..to` or `from..<to` (kept normalised: `from <= to`, `reverse` when written downwards).
pub struct RangeObj<'a> {
    /// Lower bound.
    pub from: Value<'a>,
    /// Upper bound (inclusive).
    pub to: Value<'a>,
    /// Whether it counts downwards.
    pub reverse: bool,
}

/// How a closure resolves names it does not declare.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum ResolveStrategy {
    /// Owner, then delegate (the default).
    OwnerFirst = 0,
    /// Delegate, then owner.
    DelegateFirst = 1,
    /// Owner only.
    OwnerOnly = 2,
    /// Delegate only.
    DelegateOnly = 3,
}

/// What a closure runs.
pub enum ClosureBody<'a> {
    /// Code written in the script.
    Code {
        /// The closure's AST.
        ast: &'a ast::Closure,
        /// The variables it sees.
        scope: super::scope::Scope<'a>,
        /// The class whose code created it (for fields and methods it calls).
        class: Arc<super::classes::ClassDef<'a>>,
        /// Whether it was created in static code.
        is_static: bool,
        /// Its class name (`WorkflowScript$_run_closure1`).
        class_name: Arc<str>,
    },
    /// `obj.&name`.
    MethodPointer {
        /// The receiver.
        receiver: Value<'a>,
        /// The method's name.
        name: String,
    },
    /// `f >> g` / `f << g`: the first called, then the second with its result.
    Composed(Value<'a>, Value<'a>),
    /// `curry`/`rcurry`/`ncurry`: the closure with some arguments fixed.
    Curried {
        /// The closure.
        inner: Value<'a>,
        /// The position the fixed arguments go at (`usize::MAX` for the end).
        at: usize,
        /// The fixed arguments.
        fixed: Vec<Value<'a>>,
    },
    /// `memoize()`.
    Memoized {
        /// The closure.
        inner: Value<'a>,
        /// Results by arguments.
        cache: Mutex<IndexMap<Key, Value<'a>>>,
    },
    /// A built-in function used as a closure (e.g. a comparator).
    Native(Arc<dyn Fn(Vec<Value<'a>>) -> Value<'a> + Send + Sync + 'a>),
}

/// A closure value.
pub struct Closure<'a> {
    /// What it runs.
    pub body: ClosureBody<'a>,
    /// `this`: the script or object whose code created it.
    pub this: Value<'a>,
    /// `owner`: the enclosing closure or `this`.
    pub owner: Value<'a>,
    /// `delegate` and the resolve strategy.
    pub delegate: Mutex<(Value<'a>, ResolveStrategy)>,
    /// Number of parameters, as `getMaximumNumberOfParameters` gives it.
    pub arity: usize,
    /// Declared parameter types (`Object` when not written).
    pub param_types: Vec<String>,
}

impl<'a> Closure<'a> {
    /// Where a name the closure does not declare is looked for, in the order of its resolve
    /// strategy: owner and delegate (the delegate left out when it is the owner).
    #[must_use]
    pub fn resolution_order(&self) -> Vec<Value<'a>> {
        let owner = self.owner.clone();
        let (delegate, strategy) = {
            let d = self.delegate.lock();
            (d.0.clone(), d.1)
        };
        let mut order = match strategy {
            ResolveStrategy::OwnerFirst => vec![owner, delegate],
            ResolveStrategy::DelegateFirst => vec![delegate, owner],
            ResolveStrategy::OwnerOnly => vec![owner],
            ResolveStrategy::DelegateOnly => vec![delegate],
        };
        if order.len() == 2 && order[1].same(&order[0]) {
            order.pop();
        }
        order
    }

    /// The closure's delegate.
    #[must_use]
    pub fn delegate(&self) -> Value<'a> {
        self.delegate.lock().0.clone()
    }

    /// The resolve strategy.
    #[must_use]
    pub fn strategy(&self) -> ResolveStrategy {
        self.delegate.lock().1
    }
}

/// An object: an instance of a script class, an exception, or a built-in Java object.
pub struct Object<'a> {
    /// Its class.
    pub class: Type<'a>,
    /// Fields by name, in declaration order.
    pub fields: Mutex<IndexMap<String, Value<'a>>>,
    /// State of a built-in object (StringBuilder, Matcher, ...).
    pub native: Option<Mutex<Native<'a>>>,
}

/// State of built-in Java objects that are not collections.
pub enum Native<'a> {
    /// `java.lang.StringBuilder` / `StringBuffer`.
    StringBuilder(String),
    /// `java.util.regex.Pattern`.
    Pattern(Arc<super::regex::Pattern>),
    /// `java.util.regex.Matcher`.
    Matcher(super::regex::MatcherState),
    /// A `Map.Entry`.
    Entry(Value<'a>, Value<'a>, Option<Arc<MapObj<'a>>>),
    /// An iterator over a snapshot; `remove()` also removes from the list it came from.
    Iterator(Vec<Value<'a>>, usize, Option<Arc<ListObj<'a>>>),
    /// `java.util.Random` with its seed.
    Random(i64),
    /// `java.util.concurrent.atomic.AtomicInteger` / `AtomicLong`.
    Atomic(i64),
    /// `java.util.Date` in milliseconds since the epoch.
    Date(i64),
    /// `java.net.URL`, as written.
    Url(String),
    /// A global variable of the embedding program (`env`), by name; see [`super::host`].
    Global(Arc<str>),
    /// The `groovy.lang.MetaClass` of a class (read-only).
    MetaClass(super::types::Type<'a>),
    /// A `GPathResult` of `XmlSlurper`.
    GPath(Arc<super::gdk::xml::GPath>),
    /// `java.io.StringReader`: its text and how much of it was read (in bytes).
    Reader(String, usize),
    /// A `groovy.lang.Writable` of fixed text (what `encodeBase64()` and `encodeHex()` give).
    Writable(Arc<str>),
    /// `java.security.MessageDigest`: the algorithm and the bytes given since the last reset.
    Digest(super::gdk::digest::DigestState),
}

impl<'a> Object<'a> {
    /// A new object with fields.
    #[must_use]
    pub fn new(class: Type<'a>, fields: IndexMap<String, Value<'a>>) -> Value<'a> {
        Value::Object(Arc::new(Object {
            class,
            fields: Mutex::new(fields),
            native: None,
        }))
    }

    /// A built-in object.
    #[must_use]
    pub fn native(class: Type<'a>, native: Native<'a>) -> Value<'a> {
        Value::Object(Arc::new(Object {
            class,
            fields: Mutex::new(IndexMap::new()),
            native: Some(Mutex::new(native)),
        }))
    }

    /// A field's value.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<Value<'a>> {
        self.fields.lock().get(name).cloned()
    }
}

/// The identity of a map key or set element under Java's `equals`/`hashCode`: `1` (Integer)
/// and `1L` differ, a String and a GString with the same text differ, `1.0` and `1.00` differ.
#[derive(Clone, Debug, Eq, Hash, PartialEq)]
pub enum Key {
    /// null
    Null,
    /// Boolean
    Bool(bool),
    /// Integer
    Int(i32),
    /// Long
    Long(i64),
    /// Short
    Short(i16),
    /// Byte
    Byte(i8),
    /// BigInteger
    BigInt(BigInt),
    /// BigDecimal (unscaled value and scale).
    Decimal(BigInt, i64),
    /// Double, by bits (NaN equals NaN in `Double.equals`).
    Double(u64),
    /// Float, by bits.
    Float(u32),
    /// Character
    Char(char),
    /// String
    Str(Arc<str>),
    /// GString (equal to another GString with the same text).
    GString(String),
    /// List, element-wise.
    List(Vec<Key>),
    /// Map, entry-wise (order ignored by sorting).
    Map(Vec<(Key, Key)>),
    /// A class.
    Class(String),
    /// Anything else, by identity.
    Id(usize),
    /// An object with fields compared by value (`@EqualsAndHashCode`, `@Canonical`, enums).
    Fields(String, Vec<Key>),
}

impl Key {
    /// The key identity of a value.
    #[must_use]
    pub fn of(value: &Value<'_>) -> Key {
        match value {
            Value::Null => Key::Null,
            Value::Bool(b) => Key::Bool(*b),
            Value::Int(i) => Key::Int(*i),
            Value::Long(i) => Key::Long(*i),
            Value::Short(i) => Key::Short(*i),
            Value::Byte(i) => Key::Byte(*i),
            Value::BigInt(i) => Key::BigInt((**i).clone()),
            Value::Decimal(d) => Key::Decimal(d.unscaled.clone(), d.scale),
            Value::Double(d) => Key::Double(if d.is_nan() {
                f64::NAN.to_bits()
            } else {
                d.to_bits()
            }),
            Value::Float(d) => Key::Float(d.to_bits()),
            Value::Char(c) => Key::Char(*c),
            Value::Str(s) => Key::Str(s.clone()),
            Value::GString(g) => Key::GString(super::text::gstring_text(g)),
            Value::List(l) => Key::List(l.items.lock().iter().map(Key::of).collect()),
            Value::Set(s) => {
                let mut keys: Vec<Key> = s.items.lock().keys().cloned().collect();
                keys.sort_by_key(|k| format!("{k:?}"));
                Key::List(keys)
            }
            Value::Map(m) => {
                let mut entries: Vec<(Key, Key)> = m
                    .entries
                    .lock()
                    .iter()
                    .map(|(k, (_, v))| (k.clone(), Key::of(v)))
                    .collect();
                entries.sort_by_key(|e| format!("{e:?}"));
                Key::Map(entries)
            }
            Value::Range(r) => Key::List(
                super::gdk::range::elements(r)
                    .unwrap_or_default()
                    .iter()
                    .map(Key::of)
                    .collect(),
            ),
            Value::Class(t) => Key::Class(t.name()),
            Value::Closure(c) => Key::Id(Arc::as_ptr(c).cast::<()>() as usize),
            Value::Object(o) => super::classes::object_key(o)
                .unwrap_or(Key::Id(Arc::as_ptr(o).cast::<()>() as usize)),
        }
    }
}

impl<'a> Value<'a> {
    /// A String value.
    #[must_use]
    pub fn str(s: impl Into<Arc<str>>) -> Self {
        Value::Str(s.into())
    }

    /// Whether the value is `null`.
    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Whether both are the same object (`is`), or equal primitives.
    #[must_use]
    pub fn same(&self, other: &Value<'a>) -> bool {
        match (self, other) {
            (Value::List(a), Value::List(b)) => Arc::ptr_eq(a, b),
            (Value::Map(a), Value::Map(b)) => Arc::ptr_eq(a, b),
            (Value::Set(a), Value::Set(b)) => Arc::ptr_eq(a, b),
            (Value::Object(a), Value::Object(b)) => Arc::ptr_eq(a, b),
            (Value::Closure(a), Value::Closure(b)) => Arc::ptr_eq(a, b),
            (Value::Range(a), Value::Range(b)) => Arc::ptr_eq(a, b),
            (Value::GString(a), Value::GString(b)) => Arc::ptr_eq(a, b),
            (Value::Str(a), Value::Str(b)) => Arc::ptr_eq(a, b),
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b && (-128..=127).contains(a),
            (Value::Long(a), Value::Long(b)) => a == b && (-128..=127).contains(a),
            (Value::Char(a), Value::Char(b)) => a == b && (*a as u32) < 128,
            (Value::Class(a), Value::Class(b)) => a.name() == b.name(),
            _ => false,
        }
    }

    /// The object, if this is one.
    #[must_use]
    pub fn as_object(&self) -> Option<&Arc<Object<'a>>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
}
