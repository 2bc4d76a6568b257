//! Fuzzes the Groovy front end: `syntax::parse`, the AST printer and the plain diagnostic renderer must never panic, overflow the stack or point past the end of the text on any input.
#![no_main]

use jfrun::diagnostic::render_plain;
use jfrun::source::SourceFile;
use jfrun::syntax::{self, print};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let len = text.len();
    let file = SourceFile::new("fuzz.groovy", text);
    let parsed = syntax::parse(&file);
    if let Some(script) = &parsed.script {
        let _ = print::render(&file, script);
    }
    let diagnostics = parsed.diagnostics();
    for d in &diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end as usize <= len,
            "diagnostic {} has span {} outside the text of {len} bytes",
            d.code,
            d.span,
        );
        for l in &d.related {
            assert!(
                l.span.start <= l.span.end && l.span.end as usize <= len,
                "related label of {} has span {} outside the text of {len} bytes",
                d.code,
                l.span,
            );
        }
    }
    let _ = render_plain(&file, &diagnostics, 100);
});
