//! What Groovy's compiler rejects before a script runs at all: `new` of a class that is
//! neither the script's, nor imported, nor one jfrun knows (`unable to resolve class Foo`).

use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{self, ExprKind, StmtKind};
use crate::syntax::visit;

/// JDK classes jfrun recognises by name when constructed (and then rejects, as Jenkins'
/// sandbox does) without modelling them.
const KNOWN_UNMODELLED: &[&str] = &[
    "Vector",
    "File",
    "FileReader",
    "FileWriter",
    "FileInputStream",
    "FileOutputStream",
    "PrintWriter",
    "URL",
    "URI",
    "Socket",
    "ServerSocket",
    "ProcessBuilder",
    "Thread",
];

/// The compilation errors of a script: classes it instantiates that cannot be resolved.
#[must_use]
pub fn errors(script: &ast::Script) -> Vec<Diagnostic> {
    errors_with(script, &[])
}

/// [`errors`], for a script that also sees the classes named in `visible` without importing
/// them (a shared library's classes of its own package, or of no package).
#[must_use]
pub fn errors_with(script: &ast::Script, visible: &[String]) -> Vec<Diagnostic> {
    struct Checker<'s> {
        declared: Vec<&'s str>,
        imported: Vec<&'s str>,
        visible: &'s [String],
        errors: Vec<Diagnostic>,
    }
    impl visit::Visitor for Checker<'_> {
        fn visit_expr(&mut self, e: &ast::Expr) {
            if let ExprKind::New { ty, .. } = &e.kind {
                let name = ty.name.as_str();
                let resolvable = name.contains('.')
                    || self.declared.contains(&name)
                    || self.imported.contains(&name)
                    || self.visible.iter().any(|v| v == name)
                    || KNOWN_UNMODELLED.contains(&name)
                    || super::types::builtin_by_source_name(name).is_some();
                if !resolvable {
                    self.errors.push(Diagnostic::error(
                        "groovy/unresolved-class",
                        format!("unable to resolve class {name}"),
                        ty.span,
                    ));
                }
            }
            visit::walk_expr(self, e);
        }
    }
    let mut checker = Checker {
        declared: Vec::new(),
        imported: Vec::new(),
        visible,
        errors: Vec::new(),
    };
    collect_names(
        &script.statements,
        &mut checker.declared,
        &mut checker.imported,
    );
    // A star import may bring in any class: nothing can be said then.
    if script
        .statements
        .iter()
        .any(|s| matches!(&s.kind, StmtKind::Import(i) if i.star))
    {
        return Vec::new();
    }
    for stmt in &script.statements {
        visit::walk_stmt(&mut checker, stmt);
    }
    checker.errors
}

/// Names of classes declared (at any depth) and imported.
fn collect_names<'s>(
    stmts: &'s [ast::Stmt],
    declared: &mut Vec<&'s str>,
    imported: &mut Vec<&'s str>,
) {
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::Class(c) => {
                declared.push(c.name.name.as_str());
                collect_names(&c.members, declared, imported);
            }
            StmtKind::Import(i) => {
                if let Some(alias) = &i.alias {
                    imported.push(alias.name.as_str());
                }
                if let Some(last) = i.name.name.rsplit('.').next() {
                    imported.push(last);
                }
            }
            _ => {}
        }
    }
}
