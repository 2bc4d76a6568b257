//! Bad input never panics: truncated and mutated files, and absurd nesting.

use jfrun::source::SourceFile;
use jfrun::syntax;

use crate::support::fixture_files;

fn corpus() -> Vec<String> {
    ["seed", "parse/ok", "parse/err"]
        .iter()
        .flat_map(|d| fixture_files(d))
        .map(|p| std::fs::read_to_string(p).expect("fixture"))
        .collect()
}

/// Every prefix of every fixture at a stride: unfinished files are the most common bad input
/// while typing in an editor.
#[test]
fn truncated_files_never_panic() {
    for text in corpus() {
        let stride = (text.len() / 25).max(1);
        let mut cut = 0;
        while cut < text.len() {
            if text.is_char_boundary(cut) {
                let parsed = syntax::parse(&SourceFile::new("t", &text[..cut]));
                for e in &parsed.errors {
                    assert!(e.span.end as usize <= cut);
                }
            }
            cut += stride;
        }
    }
}

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (self.0 >> 33) as usize
    }
}

/// Deletes, duplicates and swaps in Groovy's special characters at random places.
#[test]
fn mutated_files_never_panic() {
    let specials = [
        "{", "}", "(", ")", "[", "]", "'", "\"", "\"\"\"", "$", "${", "/", "\\", "\n", "->", ":",
        "?", "@", "*",
    ];
    let mut rng = Lcg(42);
    for text in corpus() {
        for _ in 0..5 {
            let mut bytes = text.clone().into_bytes();
            for _ in 0..3 {
                if bytes.is_empty() {
                    break;
                }
                let at = rng.next() % bytes.len();
                match rng.next() % 3 {
                    0 => {
                        bytes.remove(at);
                    }
                    1 => {
                        let s = specials[rng.next() % specials.len()];
                        bytes.splice(at..at, s.bytes());
                    }
                    _ => {
                        let b = bytes[at];
                        bytes.insert(at, b);
                    }
                }
            }
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let _ = syntax::parse(&SourceFile::new("m", text));
        }
    }
}

/// Nesting without brackets: statements in statements, chains of operators and members. Each
/// must give a diagnostic, and whatever AST comes back must be walkable and droppable on a
/// test thread's small stack.
#[test]
fn deep_nesting_without_brackets_is_a_diagnostic() {
    let cases = [
        format!("{}x()", "if (a) ".repeat(5_000)),
        format!("x = {}1", "!".repeat(50_000)),
        format!("x = {}1", "- ".repeat(50_000)),
        format!("x = 1{}", " + 1".repeat(50_000)),
        format!("x{}", " = a".repeat(50_000)),
        format!("x = a{}", ".b".repeat(50_000)),
        format!("x = a{}", "(1)".repeat(50_000)),
        format!("x = a{}", " ? b : c".repeat(20_000)),
    ];
    for text in cases {
        let source = SourceFile::new("deep", text);
        let parsed = syntax::parse(&source);
        assert!(!parsed.is_ok(), "{}", &source.text()[..40]);
        if let Some(script) = &parsed.script {
            let _ = jfrun::syntax::print::render(&source, script);
        }
    }
    // Deep but sane code still reads.
    for text in [
        format!("{}x()", "if (a) ".repeat(400)),
        format!("x = 1{}", " + 1".repeat(400)),
    ] {
        assert!(syntax::parse(&SourceFile::new("ok", text)).is_ok());
    }
}

#[test]
fn deep_nesting_is_a_diagnostic() {
    for open in ["(", "[", "{", "a(", "[a: "] {
        let text = open.repeat(100_000);
        let parsed = syntax::parse(&SourceFile::new("deep", text));
        assert!(!parsed.is_ok());
    }
    // Just within the limit still parses.
    let ok = format!("x = {}1{}\n", "(".repeat(150), ")".repeat(150));
    assert!(syntax::parse(&SourceFile::new("ok", ok)).is_ok());
}

/// Inputs the fuzzer once crashed on (fuzz/regressions): read, print and render each, on a
/// test thread's small stack.
#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("fuzz/regressions") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let source = SourceFile::new(
            path.display().to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        );
        let parsed = syntax::parse(&source);
        if let Some(script) = &parsed.script {
            let _ = jfrun::syntax::print::render(&source, script);
        }
        let _ = jfrun::diagnostic::render_plain(&source, &parsed.diagnostics(), 100);
        count += 1;
    }
    assert!(count > 0, "no regression inputs found");
}
