//! Go to definition, find references and rename, for the functions and variables a
//! Jenkinsfile defines: functions (`def build(...)`), variables (`def image = ...`,
//! `String tag = ...`, `@Field`), parameters of functions and closures, loop and `catch`
//! variables, and script variables assigned without a declaration (`version = '1.0'`, the
//! script's binding).
//!
//! Names resolve as Groovy resolves them: a parameter or local is seen from its declaration to
//! the end of its function, closure or block, and the innermost wins; a local of the script's
//! body is not seen inside the file's functions (Groovy compiles those to methods), while
//! functions, `@Field` and binding variables are seen everywhere. A name the file does not
//! define (a step, `env`, a shared library's global) has no definition here, and renaming it is
//! refused.

use lsp_types::{Position, Range, TextEdit};

use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Callee, Closure, Expr, ExprKind, Param, Stmt, StmtKind};
use crate::syntax::visit::{self, Visitor};

use super::documents::{offset, position};

/// Where a definition is seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    /// A function of the file, or a `@Field` or binding variable: everywhere.
    File,
    /// A local of the script's body: in its region, but not inside the file's functions.
    ScriptBody,
    /// A parameter, or a local of a function, closure or block: in its region.
    Region,
}

#[derive(Debug)]
struct Definition {
    name: String,
    /// The name where it is defined.
    span: Span,
    /// Where it may be seen.
    region: Span,
    reach: Reach,
    function: bool,
}

/// A name used: a variable read or written, or a function called by name.
struct Use {
    name: String,
    span: Span,
    call: bool,
}

/// The definitions of a file, and which one each use of a name resolves to.
#[derive(Default)]
struct Names {
    definitions: Vec<Definition>,
    /// `(use, definition)`.
    resolved: Vec<(Span, usize)>,
}

/// Collects definitions and uses in one walk; uses are resolved once every function is known.
#[derive(Default)]
struct Collector {
    definitions: Vec<Definition>,
    uses: Vec<Use>,
    /// Targets of plain assignments, which define a binding variable when nothing else does.
    assigned: Vec<Use>,
    /// The regions enclosing the walk, the script's first.
    regions: Vec<Span>,
    /// The bodies of the file's functions.
    functions: Vec<Span>,
}

fn contains(outer: Span, at: usize) -> bool {
    outer.start as usize <= at && at <= outer.end as usize
}

impl Collector {
    fn region(&self) -> Span {
        self.regions.last().copied().unwrap_or_default()
    }

    fn define(&mut self, name: &str, span: Span, region: Span, reach: Reach) {
        self.definitions.push(Definition {
            name: name.to_owned(),
            span,
            region,
            reach,
            function: false,
        });
    }

    /// A local declared at `span` in the current region: seen from there to its end.
    fn local(&mut self, name: &str, span: Span, field: bool) {
        let region = self.region();
        let reach = if field {
            Reach::File
        } else if self.regions.len() == 1 {
            Reach::ScriptBody
        } else {
            Reach::Region
        };
        self.define(
            name,
            span,
            Span::new(span.start as usize, region.end as usize),
            reach,
        );
    }

    fn params(&mut self, params: &[Param], region: Span) {
        for p in params {
            self.define(&p.name.name, p.name.span, region, Reach::Region);
        }
    }

    fn visible(&self, d: &Definition, u: &Use) -> bool {
        let at = u.span.start as usize;
        d.name == u.name
            && (u.call || !d.function)
            && match d.reach {
                Reach::File => true,
                Reach::Region => contains(d.region, at),
                Reach::ScriptBody => {
                    contains(d.region, at) && !self.functions.iter().any(|f| contains(*f, at))
                }
            }
    }

    /// The innermost definition `u` sees.
    fn resolve(&self, u: &Use) -> Option<usize> {
        self.definitions
            .iter()
            .enumerate()
            .filter(|(_, d)| self.visible(d, u))
            .min_by_key(|(_, d)| d.region.end - d.region.start)
            .map(|(i, _)| i)
    }

    fn finish(mut self) -> Names {
        // A plain assignment to a name nothing defines creates a binding variable.
        for a in std::mem::take(&mut self.assigned) {
            if self.resolve(&a).is_none() {
                let script = self.regions.first().copied().unwrap_or_default();
                self.define(&a.name, a.span, script, Reach::File);
            }
            self.uses.push(a);
        }
        let resolved = self
            .uses
            .iter()
            .filter_map(|u| Some((u.span, self.resolve(u)?)))
            .collect();
        Names {
            definitions: self.definitions,
            resolved,
        }
    }
}

impl Visitor for Collector {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Method(m) => {
                self.definitions.push(Definition {
                    name: m.name.name.clone(),
                    span: m.name.span,
                    region: self.regions.first().copied().unwrap_or_default(),
                    reach: Reach::File,
                    function: true,
                });
                self.functions.push(stmt.span);
                self.params(&m.params, stmt.span);
                self.regions.push(stmt.span);
                visit::walk_stmt(self, stmt);
                self.regions.pop();
                return;
            }
            StmtKind::VarDecl(v) => {
                let field = v
                    .modifiers
                    .annotations
                    .iter()
                    .any(|a| a.name.name == "Field" || a.name.name.ends_with(".Field"));
                for d in &v.declarators {
                    self.local(&d.name.name, d.name.span, field);
                }
            }
            StmtKind::MultiDecl(m) => {
                for (_, name) in &m.vars {
                    self.local(&name.name, name.span, false);
                }
            }
            StmtKind::ForIn { var, .. } => {
                self.define(&var.name, var.span, stmt.span, Reach::Region);
            }
            StmtKind::Try { catches, .. } => {
                for c in catches {
                    self.define(&c.var.name, c.var.span, c.body.span, Reach::Region);
                }
            }
            StmtKind::Block(b) => {
                self.regions.push(b.span);
                visit::walk_stmt(self, stmt);
                self.regions.pop();
                return;
            }
            _ => {}
        }
        visit::walk_stmt(self, stmt);
    }

    fn visit_closure(&mut self, closure: &Closure) {
        if let Some(params) = &closure.params {
            self.params(params, closure.span);
        }
        self.regions.push(closure.span);
        visit::walk_closure(self, closure);
        self.regions.pop();
    }

    fn visit_expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Ident(name) => self.uses.push(Use {
                name: name.clone(),
                span: expr.span,
                call: false,
            }),
            ExprKind::Call(call) => {
                if let Callee::Name(n) = &call.callee {
                    self.uses.push(Use {
                        name: n.name.clone(),
                        span: n.span,
                        call: true,
                    });
                }
            }
            ExprKind::Assign {
                op: None, target, ..
            } => {
                if let ExprKind::Ident(name) = &target.kind {
                    self.assigned.push(Use {
                        name: name.clone(),
                        span: target.span,
                        call: false,
                    });
                    visit::walk_expr(self, expr);
                    // The target was recorded as a use by the walk as well: keep one.
                    if let Some(i) = self
                        .uses
                        .iter()
                        .rposition(|u| u.span == target.span && !u.call)
                    {
                        self.uses.remove(i);
                    }
                    return;
                }
            }
            _ => {}
        }
        visit::walk_expr(self, expr);
    }
}

impl Names {
    fn of(text: &str) -> Option<Names> {
        let source = SourceFile::new("navigate", text);
        let parsed = crate::syntax::parse(&source);
        let script = parsed.script.as_ref()?;
        let mut collector = Collector {
            regions: vec![script.span],
            ..Collector::default()
        };
        visit::walk_script(&mut collector, script);
        Some(collector.finish())
    }

    /// The definition whose name, or a use of it, covers `at`.
    fn at(&self, at: usize) -> Option<usize> {
        self.definitions
            .iter()
            .position(|d| contains(d.span, at))
            .or_else(|| {
                self.resolved
                    .iter()
                    .find(|(span, _)| contains(*span, at))
                    .map(|(_, d)| *d)
            })
    }

    /// The uses of definition `d`, and its definition when `declaration`, in order.
    fn spans(&self, d: usize, declaration: bool) -> Vec<Span> {
        let mut spans: Vec<Span> = self
            .resolved
            .iter()
            .filter(|(_, to)| *to == d)
            .map(|(span, _)| *span)
            .collect();
        if declaration {
            spans.push(self.definitions[d].span);
        }
        spans.sort_by_key(|s| (s.start, s.end));
        spans.dedup();
        spans
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
    names
        .at(offset(text, at))
        .map(|d| vec![range(text, names.definitions[d].span)])
        .unwrap_or_default()
}

/// Every place the function or variable at `at` is used, and defined when `declarations`.
#[must_use]
pub fn references(text: &str, at: Position, declarations: bool) -> Vec<Range> {
    let Some(names) = Names::of(text) else {
        return Vec::new();
    };
    let Some(d) = names.at(offset(text, at)) else {
        return Vec::new();
    };
    names
        .spans(d, declarations)
        .into_iter()
        .map(|s| range(text, s))
        .collect()
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

    fn spans_of(text: &str, marker: &str) -> Vec<(u32, u32)> {
        let at = text.find(marker).expect("marker");
        let before = &text[..at];
        let line = before.matches('\n').count() as u32;
        let character = (at - before.rfind('\n').map_or(0, |i| i + 1)) as u32;
        references(text, Position::new(line, character), true)
            .into_iter()
            .map(|r| (r.start.line, r.start.character))
            .collect()
    }

    #[test]
    fn names_resolve_by_scope() {
        let text = "def name = 'script'\nversion = '1.0'\ndef greet(String name) {\n  echo name + version\n}\nnode {\n  ['a', 'b'].each { name -> echo name }\n  echo name\n  for (v in [1]) { echo \"$v\" }\n  try { greet(name) } catch (e) { echo e.message }\n}\n";
        // The function's parameter: its own uses only.
        assert_eq!(spans_of(text, "name) {"), [(2, 17), (3, 7)]);
        // The closure's parameter shadows the script's local.
        assert_eq!(spans_of(text, "name -> "), [(6, 20), (6, 33)]);
        // The script's local: not inside the function, not inside the closure.
        assert_eq!(spans_of(text, "name = 'script'"), [(0, 4), (7, 7), (9, 14)]);
        // A binding variable is seen inside the function.
        assert_eq!(spans_of(text, "version ="), [(1, 0), (3, 14)]);
        assert_eq!(spans_of(text, "v in"), [(8, 7), (8, 26)]);
        assert_eq!(spans_of(text, "e) { echo"), [(9, 29), (9, 39)]);
        let edits = rename(text, Position::new(2, 17), "who").expect("renamed");
        assert_eq!(edits.len(), 2);
    }
}
