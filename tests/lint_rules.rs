//! One snapshot per lint fixture: every file under fixtures/jenkinsfiles/lint/ is checked by
//! the whole lint engine (syntax, Jenkins' rules, jfrun's lints, suppression). Its first line
//! says which codes it must produce, `// expect: jenkins/no-stages, lint/unknown-step`, or
//! `// expect: clean`; the test fails when the codes found differ from that list. Lines
//! `// jenkins says: TEXT` that follow name a message Jenkins prints for the file: some error
//! must contain it (the fixtures under `lint/jenkins/` come from Jenkins' own test suite).

use std::collections::BTreeSet;
use std::path::Path;

use jfrun::diagnostic::render_plain;
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
