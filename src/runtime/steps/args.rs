//! A step's arguments as Jenkins reads them: named (`sh script: 'make', label: 'build'`), or
//! one unnamed value for the step's default parameter (`sh 'make'`), and a closure body.

use indexmap::IndexMap;

use crate::eval::error::{Signal, throw};
use crate::eval::interp::Interp;
use crate::eval::value::Value;

/// Arguments of one step call.
pub struct StepArgs<'a> {
    /// The step's name.
    pub step: &'static str,
    /// Named arguments (an unnamed single argument is stored under the default parameter).
    pub named: IndexMap<String, Value<'a>>,
    /// Unnamed arguments beyond the first (`parallel` maps, `stage('x')`).
    pub positional: Vec<Value<'a>>,
    /// The closure body, when the step takes one.
    pub body: Option<Value<'a>>,
}

impl<'a> StepArgs<'a> {
    /// Reads `args` for step `step` whose unnamed argument means `default_param`.
    pub fn new(
        step: &'static str,
        default_param: Option<&str>,
        mut args: Vec<Value<'a>>,
    ) -> Result<Self, Signal<'a>> {
        let body = match args.last() {
            Some(Value::Closure(_)) => args.pop(),
            _ => None,
        };
        let mut named = IndexMap::new();
        let mut positional = Vec::new();
        let mut items = args.into_iter();
        if let Some(first) = items.next() {
            match &first {
                Value::Map(m) if default_param != Some("__map") => {
                    for (k, v) in m.snapshot() {
                        named.insert(crate::eval::text::display(&k), v);
                    }
                }
                _ => match default_param {
                    Some(p) if p != "__map" => {
                        named.insert(p.to_owned(), first);
                    }
                    _ => positional.push(first),
                },
            }
        }
        positional.extend(items);
        Ok(StepArgs {
            step,
            named,
            positional,
            body,
        })
    }

    /// A named argument.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Value<'a>> {
        self.named.get(name).filter(|v| !v.is_null())
    }

    /// A text argument.
    pub fn string(&self, i: &Interp<'a>, name: &str) -> Result<Option<String>, Signal<'a>> {
        match self.get(name) {
            Some(v) => Ok(Some(i.to_s(v)?)),
            None => Ok(None),
        }
    }

    /// A text argument that must be given.
    pub fn required(&self, i: &Interp<'a>, name: &str) -> Result<String, Signal<'a>> {
        match self.string(i, name)? {
            Some(s) => Ok(s),
            None => throw(
                "java.lang.IllegalArgumentException",
                format!("{}: missing required parameter '{name}'", self.step),
            ),
        }
    }

    /// A boolean argument (Groovy truth), `default` when absent.
    pub fn flag(&self, i: &Interp<'a>, name: &str, default: bool) -> Result<bool, Signal<'a>> {
        match self.get(name) {
            Some(v) => i.truth(v),
            None => Ok(default),
        }
    }

    /// A whole-number argument.
    #[must_use]
    pub fn int(&self, name: &str) -> Option<i64> {
        match self.get(name)? {
            Value::Str(s) => s.trim().parse().ok(),
            v => crate::eval::number::to_i64(v),
        }
    }

    /// The closure body, which the step requires.
    pub fn body(&self) -> Result<Value<'a>, Signal<'a>> {
        match &self.body {
            Some(b) => Ok(b.clone()),
            None => throw(
                "java.lang.IllegalArgumentException",
                format!("{}: a body block is required", self.step),
            ),
        }
    }
}
