//! The outline of a Jenkinsfile: its document symbols (the stage tree of declarative and
//! scripted pipelines, `parallel` branches and `matrix` included, `node` blocks, `post`, and the
//! functions the file defines) and its folding ranges (every block spanning lines).
//!
//! Both are read from the syntax tree, so a file with a syntax error has none until it parses.

use lsp_types::{DocumentSymbol, FoldingRange, FoldingRangeKind, Range, SymbolKind};

use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Arg, Callee, Closure, Expr, ExprKind, MapKey, Stmt, StmtKind};
use crate::syntax::visit::{self, Visitor};

use super::documents::position;

/// The document symbols of `text`, outermost first.
#[must_use]
pub fn symbols(text: &str) -> Vec<DocumentSymbol> {
    walked(text).map_or_else(Vec::new, |mut o| o.stack.pop().unwrap_or_default())
}

/// The folding ranges of `text`: every block whose braces stand on different lines.
#[must_use]
pub fn folding_ranges(text: &str) -> Vec<FoldingRange> {
    let Some(mut o) = walked(text) else {
        return Vec::new();
    };
    o.folds.sort_by_key(|f| (f.start_line, f.end_line));
    o.folds.dedup_by_key(|f| (f.start_line, f.end_line));
    o.folds
}

/// The outline of `text` once its syntax tree is walked; `None` when it does not parse.
fn walked(text: &str) -> Option<Outline<'_>> {
    let source = SourceFile::new("outline", text);
    let parsed = crate::syntax::parse(&source);
    let script = parsed.script.as_ref()?;
    let mut o = Outline {
        text,
        stack: vec![Vec::new()],
        folds: Vec::new(),
    };
    visit::walk_script(&mut o, script);
    Some(o)
}

struct Outline<'t> {
    text: &'t str,
    /// The symbols being collected, one list per open parent.
    stack: Vec<Vec<DocumentSymbol>>,
    folds: Vec<FoldingRange>,
}

impl Outline<'_> {
    fn range(&self, span: Span) -> Range {
        Range::new(
            position(self.text, span.start as usize),
            position(self.text, span.end as usize),
        )
    }

    fn fold(&mut self, span: Span) {
        let start = position(self.text, span.start as usize).line;
        let end = position(self.text, span.end as usize).line;
        if end > start {
            self.folds.push(FoldingRange {
                start_line: start,
                end_line: end.saturating_sub(1).max(start),
                kind: Some(FoldingRangeKind::Region),
                ..FoldingRange::default()
            });
        }
    }

    /// Collects the symbols `inside` adds as children of a new symbol.
    fn nest(
        &mut self,
        name: String,
        detail: Option<&str>,
        kind: SymbolKind,
        span: Span,
        selection: Span,
        inside: impl FnOnce(&mut Self),
    ) {
        self.stack.push(Vec::new());
        inside(self);
        let children = self.stack.pop().unwrap_or_default();
        #[allow(deprecated)]
        let symbol = DocumentSymbol {
            name: if name.is_empty() {
                " ".to_owned()
            } else {
                name
            },
            detail: detail.map(str::to_owned),
            kind,
            tags: None,
            deprecated: None,
            range: self.range(span),
            selection_range: self.range(selection),
            children: (!children.is_empty()).then_some(children),
        };
        if let Some(top) = self.stack.last_mut() {
            top.push(symbol);
        }
    }
}

/// The text of a string or bare-name expression (`'Build'`, `Build`).
fn label(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Str(s) | ExprKind::Ident(s) => Some(s.clone()),
        ExprKind::Paren(inner) => label(inner),
        ExprKind::GString(_) => Some("\"…\"".to_owned()),
        _ => None,
    }
}

impl Visitor for Outline<'_> {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        if let StmtKind::Method(m) = &stmt.kind {
            let name = m.name.name.clone();
            let params: Vec<&str> = m.params.iter().map(|p| p.name.name.as_str()).collect();
            let detail = format!("({})", params.join(", "));
            if let Some(b) = &m.body {
                self.fold(b.span);
            }
            self.nest(
                name,
                Some(&detail),
                SymbolKind::FUNCTION,
                stmt.span,
                m.name.span,
                |o| visit::walk_stmt(o, stmt),
            );
            return;
        }
        visit::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Closure(c) => self.fold(c.span),
            ExprKind::Call(call) => {
                for c in &call.args.closures {
                    self.fold(c.span);
                }
                if let Callee::Name(n) = &call.callee {
                    let first = call.args.items.iter().find_map(|a| match a {
                        Arg::Positional(e) => Some(e),
                        _ => None,
                    });
                    let named = |key: &str| {
                        call.args.items.iter().find_map(|a| match a {
                            Arg::Named {
                                key: MapKey::Name(k),
                                value,
                            } if k.name == key => Some(value),
                            _ => None,
                        })
                    };
                    let block = !call.args.closures.is_empty();
                    let symbol = match n.name.as_str() {
                        "pipeline" if block => {
                            Some(("pipeline".to_owned(), None, SymbolKind::MODULE, n.span))
                        }
                        "stage" => first.or_else(|| named("name")).and_then(|e| {
                            label(e).map(|l| (l, Some("stage"), SymbolKind::CLASS, e.span))
                        }),
                        "matrix" if block => {
                            Some(("matrix".to_owned(), None, SymbolKind::ENUM, n.span))
                        }
                        "parallel" => {
                            Some(("parallel".to_owned(), None, SymbolKind::ARRAY, n.span))
                        }
                        "node" => {
                            let l = first.or_else(|| named("label")).and_then(label);
                            Some((
                                l.map_or_else(|| "node".to_owned(), |l| format!("node {l}")),
                                None,
                                SymbolKind::OBJECT,
                                n.span,
                            ))
                        }
                        "post" if block => {
                            Some(("post".to_owned(), None, SymbolKind::EVENT, n.span))
                        }
                        _ => None,
                    };
                    if let Some((name, detail, kind, selection)) = symbol {
                        self.nest(name, detail, kind, expr.span, selection, |o| {
                            if n.name == "parallel" {
                                o.branches(&call.args.items);
                                for a in &call.args.items {
                                    if let Arg::Positional(e) = a {
                                        o.visit_expr(e);
                                    }
                                }
                                for c in &call.args.closures {
                                    for s in &c.body {
                                        o.visit_stmt(s);
                                    }
                                }
                            } else {
                                visit::walk_expr(o, expr);
                            }
                        });
                        return;
                    }
                }
            }
            _ => {}
        }
        visit::walk_expr(self, expr);
    }
}

impl Outline<'_> {
    /// The branches of a scripted `parallel(a: { }, b: { })` (or of a map given to it), each
    /// a symbol holding what its closure holds.
    fn branches(&mut self, items: &[Arg]) {
        for a in items {
            if let Arg::Named { key, value } = a {
                let (name, span) = match key {
                    MapKey::Name(k) => (k.name.clone(), k.span),
                    MapKey::Expr(e) => (label(e).unwrap_or_default(), e.span),
                };
                if name == "failFast" {
                    continue;
                }
                if let ExprKind::Closure(c) = &value.kind {
                    let c: &Closure = c;
                    self.nest(
                        name,
                        Some("branch"),
                        SymbolKind::EVENT,
                        value.span,
                        span,
                        |o| {
                            o.fold(c.span);
                            for s in &c.body {
                                o.visit_stmt(s);
                            }
                        },
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(symbols: &[DocumentSymbol], depth: usize, out: &mut Vec<String>) {
        for s in symbols {
            out.push(format!("{}{}", "  ".repeat(depth), s.name));
            names(s.children.as_deref().unwrap_or(&[]), depth + 1, out);
        }
    }

    #[test]
    fn scripted_stages_nodes_and_parallel_branches() {
        let text = "node('linux') {\n  stage('Build') {\n    sh 'make'\n  }\n  parallel(\n    unit: { stage('Unit') { sh 'make test' } },\n    'lint': { sh 'make lint' },\n    failFast: true\n  )\n}\n";
        let mut out = Vec::new();
        names(&symbols(text), 0, &mut out);
        assert_eq!(
            out,
            [
                "node linux",
                "  Build",
                "  parallel",
                "    unit",
                "      Unit",
                "    lint"
            ]
        );
        assert!(symbols("pipeline { stages {").is_empty());
    }
}
