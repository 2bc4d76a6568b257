//! `jfrun lint --format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request (`::error file=F,line=L,col=C,...,title=CODE::message`).

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Severity};
use crate::runtime::ci::output::{escape_data, escape_property};
use crate::source::SourceFile;

/// One workflow command per diagnostic of `file`, each on its own line.
pub(super) fn commands(file: &str, source: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let start = source.line_col(d.span.start as usize);
        let mut end = source.line_col(d.span.end as usize);
        // A span that takes in a line break ends where that line break stands, not at the start
        // of the next line.
        if end.line > start.line && end.column == 1 {
            end = source.line_col((d.span.end - 1) as usize);
        }
        let _ = write!(
            out,
            "::{command} file={},line={},",
            escape_property(file),
            start.line
        );
        // GitHub takes columns only for one-line annotations, and its end column is the last
        // column covered, where jfrun's is one past it.
        if start.line == end.line {
            let last = end.column.saturating_sub(1).max(start.column);
            let _ = write!(
                out,
                "col={},endLine={},endColumn={last},",
                start.column, end.line
            );
        } else {
            let _ = write!(out, "endLine={},", end.line);
        }
        let _ = writeln!(
            out,
            "title={}::{}",
            escape_property(d.code),
            escape_data(&d.message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape_data("100% done\r\nok: a,b"),
            "100%25 done%0D%0Aok: a,b"
        );
        assert_eq!(escape_property("C:\\a,b%\n"), "C%3A\\a%2Cb%25%0A");
    }
}
