//! Local variables: a chain of frames, shared by reference with the closures that capture them
//! (a closure that changes a captured variable changes it for its creator too).

use std::sync::Arc;

use parking_lot::Mutex;

use super::value::Value;

/// One block's variables.
pub struct Frame<'a> {
    vars: Mutex<Vec<(&'a str, Value<'a>)>>,
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
        let mut vars = self.0.vars.lock();
        if let Some(slot) = vars.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        } else {
            vars.push((name, value));
        }
    }

    /// The variable's value, from the innermost frame that declares it.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Value<'a>> {
        let mut frame = Some(self);
        while let Some(scope) = frame {
            if let Some((_, v)) = scope.0.vars.lock().iter().rev().find(|(n, _)| *n == name) {
                return Some(v.clone());
            }
            frame = scope.0.parent.as_ref();
        }
        None
    }

    /// Assigns a declared variable; false when no frame declares it.
    #[must_use]
    pub fn set(&self, name: &str, value: Value<'a>) -> bool {
        let mut frame = Some(self);
        while let Some(scope) = frame {
            let mut vars = scope.0.vars.lock();
            if let Some(slot) = vars.iter_mut().rev().find(|(n, _)| *n == name) {
                slot.1 = value;
                return true;
            }
            drop(vars);
            frame = scope.0.parent.as_ref();
        }
        false
    }

    /// Whether any frame declares the variable.
    #[must_use]
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}
