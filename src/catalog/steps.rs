//! Pipeline steps: name, parameters, body, docs.

#[allow(unused_imports, reason = "placeholder until the steps are filled in")]
use super::{Block, Describable, Param, Type};

/// Every step jfrun knows, sorted by name.
pub static STEPS: &[Describable] = &[];
