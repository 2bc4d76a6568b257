//! `jenkins/rejected-annotation`: Jenkins compiles every Pipeline script with script-security's
//! `RejectASTTransformsCustomizer`, which refuses `@ASTTest` and `@Grab` (they run code while
//! the script compiles), sandbox or not.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{Annotation, Modifiers, Stmt, StmtKind};
use crate::syntax::visit::{Visitor, walk_script, walk_stmt};

/// The annotations refused, by simple name as Jenkins compares them.
const REJECTED: &[&str] = &["ASTTest", "Grab"];

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut v = Finder { out };
    walk_script(&mut v, cx.script);
}

struct Finder<'o> {
    out: &'o mut Vec<Diagnostic>,
}

impl Finder<'_> {
    fn annotations(&mut self, annotations: &[Annotation]) {
        for a in annotations {
            let simple = a.name.name.rsplit('.').next().unwrap_or_default();
            if let Some(name) = REJECTED.iter().find(|n| **n == simple) {
                self.out.push(
                    Diagnostic::error(
                        "jenkins/rejected-annotation",
                        format!("Annotation {name} cannot be used in the sandbox."),
                        a.span,
                    )
                    .with_label("Jenkins refuses to compile a script with this annotation"),
                );
            }
        }
    }

    fn modifiers(&mut self, m: &Modifiers) {
        self.annotations(&m.annotations);
    }
}

impl Visitor for Finder<'_> {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Import(i) => self.annotations(&i.annotations),
            StmtKind::VarDecl(d) => self.modifiers(&d.modifiers),
            StmtKind::MultiDecl(d) => self.modifiers(&d.modifiers),
            StmtKind::Method(m) => {
                self.modifiers(&m.modifiers);
                for p in &m.params {
                    self.modifiers(&p.modifiers);
                }
            }
            StmtKind::Class(c) => self.modifiers(&c.modifiers),
            _ => {}
        }
        walk_stmt(self, stmt);
    }
}
