//! One snapshot per parse fixture: the AST of every file Groovy 2.4 accepts, the rendered
//! diagnostics of every file it rejects, and the line each error is reported on.

use std::path::Path;

use jfrun::diagnostic::render_plain;
use jfrun::source::{SourceFile, Span};
use jfrun::syntax::visit::{Visitor, walk_script};
use jfrun::syntax::{self, print};

fn load(path: &Path) -> SourceFile {
    let text = std::fs::read_to_string(path).expect("fixture");
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    SourceFile::new(name, text)
}

struct SpanCheck {
    len: u32,
    bad: Vec<Span>,
}

impl Visitor for SpanCheck {
    fn visit_span(&mut self, span: Span) {
        if span.start > span.end || span.end > self.len {
            self.bad.push(span);
        }
    }
}

/// Parses a file that must be valid and returns its AST rendering with the source above it.
fn ast_snapshot(path: &Path) -> String {
    let source = load(path);
    let parsed = syntax::parse(&source);
    assert!(
        parsed.is_ok(),
        "{} should parse:\n{}",
        path.display(),
        render_plain(&source, &parsed.diagnostics(), 100)
    );
    let script = parsed.script.expect("an AST");
    let mut check = SpanCheck {
        len: source.text().len() as u32,
        bad: Vec::new(),
    };
    walk_script(&mut check, &script);
    assert!(
        check.bad.is_empty(),
        "spans outside the file: {:?}",
        check.bad
    );
    format!(
        "{}\n---\n{}",
        source.text(),
        print::render(&source, &script)
    )
}

#[test]
fn valid_files_parse() {
    insta::glob!("../fixtures/jenkinsfiles", "parse/ok/*.groovy", |path| {
        insta::assert_snapshot!(ast_snapshot(path));
    });
}

#[test]
fn seed_pipelines_parse() {
    insta::glob!("../fixtures/jenkinsfiles", "seed/*.Jenkinsfile", |path| {
        insta::assert_snapshot!(ast_snapshot(path));
    });
}

/// The lines a malformed fixture's header says a person would fix: "the fix is on line N" or
/// "the fixes are on lines A and B".
fn fix_lines(header: &str) -> Vec<usize> {
    let tail = header
        .split("the fix is on line ")
        .nth(1)
        .or_else(|| header.split("the fixes are on lines ").nth(1))
        .expect("header names the line to fix");
    tail.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(if header.contains("the fixes are") {
            2
        } else {
            1
        })
        .map(|s| s.parse().expect("line number"))
        .collect()
}

#[test]
fn malformed_files_report_the_line_to_fix() {
    insta::glob!("../fixtures/jenkinsfiles", "parse/err/*.groovy", |path| {
        let source = load(path);
        let parsed = syntax::parse(&source);
        let diagnostics = parsed.diagnostics();
        assert!(
            !diagnostics.is_empty(),
            "{} should be rejected",
            path.display()
        );
        for d in &diagnostics {
            assert!(d.code.starts_with("syntax/"), "{}", d.code);
            assert!(d.span.end as usize <= source.text().len());
        }
        let reported: Vec<usize> = diagnostics
            .iter()
            .map(|d| source.line_col(d.span.start as usize).line)
            .collect();
        let header = source.line_text(1);
        for line in fix_lines(header) {
            assert!(
                reported.contains(&line),
                "{}: expected an error on line {line}, got lines {reported:?}\n{}",
                path.display(),
                render_plain(&source, &diagnostics, 100)
            );
        }
        insta::assert_snapshot!(render_plain(&source, &diagnostics, 100));
    });
}

#[test]
fn fix_lines_reads_headers() {
    assert_eq!(fix_lines("// error: x; the fix is on line 7"), vec![7]);
    assert_eq!(
        fix_lines("// error: x; the fixes are on lines 5 and 10 (Groovy stops at the first)"),
        vec![5, 10]
    );
}
