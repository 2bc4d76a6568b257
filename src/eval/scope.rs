//! Local variables: a chain of frames, shared by reference with the closures that capture them
//! (a closure that changes a captured variable changes it for its creator too).

use std::sync::Arc;

use parking_lot::Mutex;

use super::value::Value;
use crate::syntax::ast::TypeRef;

/// A variable: its name, value, and declared type when it has one other than `def`
/// (assignments to it convert to that type, `int i; i = 7.9` stores 7).
type Slot<'a> = (&'a str, Value<'a>, Option<&'a TypeRef>);

/// What [`Scope::assign`] did.
pub enum Assigned<'a> {
    /// The variable now holds the value.
    Done,
    /// No frame declares the variable: the value, handed back.
    Undeclared(Value<'a>),
    /// The variable has a declared type: the value to convert to it, then [`Scope::set`].
    Typed(&'a TypeRef, Value<'a>),
}

/// One block's variables.
pub struct Frame<'a> {
    vars: Mutex<Vec<Slot<'a>>>,
    parent: Option<Scope<'a>>,
}

/// A frame and every frame around it.
#[derive(Clone)]
pub struct Scope<'a>(Arc<Frame<'a>>);

impl<'a> Scope<'a> {
    /// A scope with no enclosing variables (a method body, the script body).
    #[must_use]
    pub fn root() -> Self {
        Scope(Arc::new(Frame {
            vars: Mutex::new(Vec::new()),
            parent: None,
        }))
    }

    /// A nested block's scope.
    #[must_use]
    pub fn child(&self) -> Self {
        Scope(Arc::new(Frame {
            vars: Mutex::new(Vec::new()),
            parent: Some(self.clone()),
        }))
    }

    /// Declares a variable in the innermost frame (a redeclaration replaces it).
    pub fn declare(&self, name: &'a str, value: Value<'a>) {
        self.declare_typed(name, value, None);
    }

    /// Declares a variable of a declared type (`int i`, `String s`).
    pub fn declare_typed(&self, name: &'a str, value: Value<'a>, ty: Option<&'a TypeRef>) {
        let ty = ty.filter(|t| !matches!(t.name.as_str(), "def" | "var" | "Object"));
        let mut vars = self.0.vars.lock();
        if let Some(slot) = vars.iter_mut().find(|(n, _, _)| *n == name) {
            slot.1 = value;
            slot.2 = ty;
        } else {
            vars.push((name, value, ty));
        }
    }

    /// The variable's value, from the innermost frame that declares it.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Value<'a>> {
        let mut frame = Some(self);
        while let Some(scope) = frame {
            if let Some((_, v, _)) = scope
                .0
                .vars
                .lock()
                .iter()
                .rev()
                .find(|(n, _, _)| *n == name)
            {
                return Some(v.clone());
            }
            frame = scope.0.parent.as_ref();
        }
        None
    }

    /// Assigns a declared variable as it is; false when no frame declares it.
    #[must_use]
    pub fn set(&self, name: &str, value: Value<'a>) -> bool {
        !matches!(self.store(name, value, true), Assigned::Undeclared(_))
    }

    /// Assigns a declared variable, unless it has a declared type: then nothing is stored and
    /// the type is handed back with the value.
    #[must_use]
    pub fn assign(&self, name: &str, value: Value<'a>) -> Assigned<'a> {
        self.store(name, value, false)
    }

    fn store(&self, name: &str, value: Value<'a>, as_is: bool) -> Assigned<'a> {
        let mut frame = Some(self);
        while let Some(scope) = frame {
            let mut vars = scope.0.vars.lock();
            if let Some(slot) = vars.iter_mut().rev().find(|(n, _, _)| *n == name) {
                match slot.2 {
                    Some(ty) if !as_is => return Assigned::Typed(ty, value),
                    _ => slot.1 = value,
                }
                return Assigned::Done;
            }
            drop(vars);
            frame = scope.0.parent.as_ref();
        }
        Assigned::Undeclared(value)
    }

    /// Whether any frame declares the variable.
    #[must_use]
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}
