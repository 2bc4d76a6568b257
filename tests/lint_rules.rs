//! One snapshot per lint fixture: every file under fixtures/jenkinsfiles/lint/ is checked by
//! the whole lint engine (syntax, Jenkins' rules, jfrun's lints, suppression). Its first line
//! says which codes it must produce, `// expect: jenkins/no-stages, lint/unknown-step`, or
//! `// expect: clean`; the test fails when the codes found differ from that list. Lines
//! `// jenkins says: TEXT` that follow name a message Jenkins prints for the file: some error
//! must contain it (the fixtures under `lint/jenkins/` come from Jenkins' own test suite).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use jfrun::diagnostic::{Diagnostic, render_plain};
use jfrun::source::SourceFile;

fn load(path: &Path) -> SourceFile {
    let text = std::fs::read_to_string(path).expect("fixture");
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    SourceFile::new(name, text)
}

/// The codes a fixture's header lists.
fn expected_codes(header: &str) -> BTreeSet<String> {
    let list = header
        .strip_prefix("// expect:")
        .expect("the first line is `// expect: CODE, ...` or `// expect: clean`")
        .trim();
    if list == "clean" {
        return BTreeSet::new();
    }
    list.split(',').map(|c| c.trim().to_owned()).collect()
}

#[test]
fn lint_fixtures() {
    insta::glob!(
        "../fixtures/jenkinsfiles",
        "lint/**/*.Jenkinsfile",
        |path| {
            let source = load(path);
            let diagnostics = jfrun::lint::check(&source);
            let found: BTreeSet<String> = diagnostics.iter().map(|d| d.code.to_owned()).collect();
            let want = expected_codes(source.line_text(1));
            assert_eq!(
                found,
                want,
                "{}:\n{}",
                path.display(),
                render_plain(&source, &diagnostics, 100)
            );
            for line in source.text().lines().skip(1) {
                let Some(said) = line.strip_prefix("// jenkins says: ") else {
                    break;
                };
                assert!(
                    diagnostics.iter().any(|d| d.message.contains(said)),
                    "{}: no message contains {said:?}:\n{}",
                    path.display(),
                    render_plain(&source, &diagnostics, 100)
                );
            }
            insta::assert_snapshot!(render_plain(&source, &diagnostics, 100));
        }
    );
}

/// Every quick fix the lints offer for the fixtures, applied: the file linted again has one
/// diagnostic of the fixed kind fewer and no diagnostic of a kind it did not have. The lines
/// each fix changes are snapshotted.
#[test]
fn lint_fixes() {
    insta::glob!(
        "../fixtures/jenkinsfiles",
        "lint/**/*.Jenkinsfile",
        |path| {
            let source = load(path);
            let before = jfrun::lint::check(&source);
            let count =
                |ds: &[Diagnostic], code: &str| ds.iter().filter(|d| d.code == code).count();
            let mut report = String::new();
            for d in before.iter().filter(|d| !d.fixes.is_empty()) {
                for fix in &d.fixes {
                    let fixed = SourceFile::new(source.name(), fix.apply(source.text()));
                    let after = jfrun::lint::check(&fixed);
                    let shown = render_plain(&fixed, &after, 100);
                    assert!(
                        count(&after, d.code) < count(&before, d.code),
                        "{}: `{}` left {} in place:\n{}\n{shown}",
                        path.display(),
                        fix.title,
                        d.code,
                        fixed.text()
                    );
                    for a in &after {
                        assert!(
                            count(&after, a.code) <= count(&before, a.code),
                            "{}: `{}` brought {}:\n{}\n{shown}",
                            path.display(),
                            fix.title,
                            a.code,
                            fixed.text()
                        );
                    }
                    let line = source.line_col(d.span.start as usize).line;
                    let _ = writeln!(report, "== line {line}: {}", fix.title);
                    report.push_str(&changed_lines(source.text(), fixed.text()));
                }
            }
            if !report.is_empty() {
                insta::assert_snapshot!(report);
            }
        }
    );
}

/// The lines of `after` that differ from `before`, with the unchanged lines around them cut.
fn changed_lines(before: &str, after: &str) -> String {
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let head = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let tail = b[head..]
        .iter()
        .rev()
        .zip(a[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut out = String::new();
    for line in &b[head..b.len() - tail] {
        let _ = writeln!(out, "- {line}");
    }
    for line in &a[head..a.len() - tail] {
        let _ = writeln!(out, "+ {line}");
    }
    out
}

#[test]
fn headers_are_read() {
    assert!(expected_codes("// expect: clean").is_empty());
    assert_eq!(
        expected_codes("// expect: a/b, c/d")
            .into_iter()
            .collect::<Vec<_>>(),
        vec!["a/b".to_owned(), "c/d".to_owned()]
    );
}
