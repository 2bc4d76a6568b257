//! Go to definition, find references and rename, for the functions and variables a
//! Jenkinsfile defines (`def build(...)`, `def image = ...`, `String tag = ...`).
//!
//! Names are matched within the file by name, as most Jenkinsfiles use them (script-level
//! functions and variables): a name the file does not define (a step, `env`, a shared
//! library's global) has no definition here, and renaming it is refused.

use std::collections::HashMap;

use lsp_types::{Position, Range, TextEdit};

use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Callee, Expr, ExprKind, Stmt, StmtKind};
use crate::syntax::visit::{self, Visitor};

use super::documents::{offset, position};

/// Where each name is defined and used.
#[derive(Default)]
struct Names {
    definitions: HashMap<String, Vec<Span>>,
    uses: HashMap<String, Vec<Span>>,
}

impl Visitor for Names {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Method(m) => self.define(&m.name.name, m.name.span),
            StmtKind::VarDecl(v) => {
                for d in &v.declarators {
                    self.define(&d.name.name, d.name.span);
                }
            }
            StmtKind::MultiDecl(m) => {
                for (_, name) in &m.vars {
                    self.define(&name.name, name.span);
                }
            }
            _ => {}
        }
        visit::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Ident(name) => self.used(name, expr.span),
            ExprKind::Call(call) => {
                if let Callee::Name(n) = &call.callee {
                    self.used(&n.name, n.span);
                }
            }
            _ => {}
        }
        visit::walk_expr(self, expr);
    }
}

impl Names {
    fn define(&mut self, name: &str, span: Span) {
        self.definitions
            .entry(name.to_owned())
            .or_default()
            .push(span);
    }

    fn used(&mut self, name: &str, span: Span) {
        self.uses.entry(name.to_owned()).or_default().push(span);
    }

    fn of(text: &str) -> Option<Names> {
        let source = SourceFile::new("navigate", text);
        let parsed = crate::syntax::parse(&source);
        let script = parsed.script.as_ref()?;
        let mut names = Names::default();
        visit::walk_script(&mut names, script);
        Some(names)
    }

    /// The defined name whose definition or use covers `at`.
    fn at(&self, at: usize) -> Option<&str> {
        let covers = |s: &Span| (s.start as usize) <= at && at <= s.end as usize;
        self.definitions
            .iter()
            .find(|(_, spans)| spans.iter().any(covers))
            .or_else(|| {
                self.uses.iter().find(|(name, spans)| {
                    self.definitions.contains_key(*name) && spans.iter().any(covers)
                })
            })
            .map(|(name, _)| name.as_str())
    }
}

fn range(text: &str, span: Span) -> Range {
    Range::new(
        position(text, span.start as usize),
        position(text, span.end as usize),
    )
}

/// Where the function or variable at `at` is defined.
#[must_use]
pub fn definition(text: &str, at: Position) -> Vec<Range> {
    let Some(names) = Names::of(text) else {
        return Vec::new();
    };
    let Some(name) = names.at(offset(text, at)) else {
        return Vec::new();
    };
    names.definitions[name]
        .iter()
        .map(|s| range(text, *s))
        .collect()
}

/// Every place the function or variable at `at` is used, and defined when `declarations`.
#[must_use]
pub fn references(text: &str, at: Position, declarations: bool) -> Vec<Range> {
    let Some(names) = Names::of(text) else {
        return Vec::new();
    };
    let Some(name) = names.at(offset(text, at)) else {
        return Vec::new();
    };
    let mut spans: Vec<Span> = names.uses.get(name).cloned().unwrap_or_default();
    if declarations {
        spans.extend(names.definitions[name].iter().copied());
    }
    spans.sort_by_key(|s| s.start);
    spans.dedup();
    spans.into_iter().map(|s| range(text, s)).collect()
}

/// The edits renaming the function or variable at `at` to `new_name`; an error when there is
/// none there or the new name is not an identifier.
pub fn rename(text: &str, at: Position, new_name: &str) -> Result<Vec<TextEdit>, String> {
    let mut chars = new_name.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    if !valid {
        return Err(format!("'{new_name}' is not a Groovy identifier"));
    }
    let edits: Vec<TextEdit> = references(text, at, true)
        .into_iter()
        .map(|r| TextEdit::new(r, new_name.to_owned()))
        .collect();
    if edits.is_empty() {
        return Err(
            "only functions and variables this file defines can be renamed here".to_owned(),
        );
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "def tag = 'v1'\ndef push(String t) {\n  sh \"docker push app:${t}\"\n}\nnode {\n  push(tag)\n  echo tag\n}\n";

    #[test]
    fn definitions_references_and_renames_follow_names_the_file_defines() {
        // `push` in `push(tag)` on line 5.
        assert_eq!(
            definition(TEXT, Position::new(5, 3)),
            [Range::new(Position::new(1, 4), Position::new(1, 8))]
        );
        let refs = references(TEXT, Position::new(0, 5), true);
        assert_eq!(
            refs.iter().map(|r| r.start.line).collect::<Vec<_>>(),
            [0, 5, 6]
        );
        let edits = rename(TEXT, Position::new(6, 8), "version").expect("renamed");
        assert_eq!(edits.len(), 3);
        assert!(edits.iter().all(|e| e.new_text == "version"));
        // A step is not the file's to rename.
        assert!(rename(TEXT, Position::new(2, 3), "run").is_err());
        assert!(rename(TEXT, Position::new(0, 5), "1bad").is_err());
        assert!(definition(TEXT, Position::new(2, 3)).is_empty());
    }
}
