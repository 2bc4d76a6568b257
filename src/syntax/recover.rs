//! After a failed parse: the error in a reader's words, and blanking the broken statement so
//! that the rest of the file can be read for further errors.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::error::{SyntaxError, SyntaxErrorKind};
use super::grammar::Rule;
use super::scan::{Problem, ProblemKind, Scan};
use crate::source::Span;

const KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "def",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "true",
    "try",
    "void",
    "volatile",
    "while",
];

/// Binary and assignment operators, longest first, for "nothing after the operator".
const OPERATORS: &[&str] = &[
    ">>>=", "<<=", ">>=", "**=", "..<", "==~", "<=>", "&&", "||", "==", "!=", "<=", ">=", "=~",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "..", "**", "?:", "+", "-", "*",
    "/", "%", "=", "<", ">", "&", "|", "^", "?", ":", ",",
];

/// Describes a pest error in user terms.
pub(super) fn describe(source: &str, err: &Error<Rule>) -> SyntaxError {
    let pos = match err.location {
        InputLocation::Pos(p) | InputLocation::Span((p, _)) => p,
    };
    let positives = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => {
            return SyntaxError::new(SyntaxErrorKind::TooComplex, Span::at(pos));
        }
    };
    let pos = skip_blanks(source, pos);
    let rest = source.get(pos..).unwrap_or("");
    let word = leading_word(rest);
    let token_span = Span::new(
        pos,
        pos + token_len(rest).max(usize::from(!rest.is_empty())),
    );

    if let Some(at) = open_safe_index(source, pos) {
        return SyntaxError::new(
            SyntaxErrorKind::Unsupported {
                what: "safe indexing with `?[`",
                help: "write `x == null ? null : x[i]`",
            },
            Span::new(at, at + 2),
        );
    }
    let kind = if let Some((op, op_span)) = dangling_operator(source, pos, rest) {
        return SyntaxError::new(SyntaxErrorKind::MissingOperand { op }, op_span);
    } else if rest.trim().is_empty() {
        SyntaxErrorKind::UnexpectedEnd {
            expected: expected(&positives),
        }
    } else if word == "else" {
        SyntaxErrorKind::ElseWithoutIf
    } else if word == "catch" || word == "finally" {
        SyntaxErrorKind::CatchWithoutTry {
            keyword: if word == "catch" { "catch" } else { "finally" },
        }
    } else if word == "case" || word == "default" {
        SyntaxErrorKind::CaseOutsideSwitch {
            keyword: if word == "case" { "case" } else { "default" },
        }
    } else if word == "do" {
        SyntaxErrorKind::Unsupported {
            what: "a `do ... while` loop",
            help: "write `while (true) { ...; if (!condition) break }`",
        }
    } else if rest.starts_with("?=") || (rest.starts_with('=') && source[..pos].ends_with('?')) {
        SyntaxErrorKind::Unsupported {
            what: "the `?=` operator",
            help: "write `x = x ?: value`",
        }
    } else if rest.starts_with("::") {
        SyntaxErrorKind::Unsupported {
            what: "a method reference with `::`",
            help: "use a method pointer, `this.&name`, or a closure `{ it.name() }`",
        }
    } else if rest.starts_with("->") {
        SyntaxErrorKind::StrayArrow
    } else if (rest.starts_with('@') && !rest[1..].starts_with(|c: char| c.is_alphabetic()))
        || source[..pos].trim_end().ends_with('@')
    {
        SyntaxErrorKind::EmptyAnnotation
    } else if let Some(kind) = malformed_number(rest) {
        kind
    } else if let Some(kind) = java_only(source, pos, rest) {
        kind
    } else if let Some(op) = leading_operator(source, pos, rest) {
        SyntaxErrorKind::LeadingOperator { op }
    } else if lambda_ahead(rest) {
        SyntaxErrorKind::StrayArrow
    } else if let Some((word, span)) = reserved_before(source, pos, rest) {
        return SyntaxError::new(SyntaxErrorKind::ReservedWord { word }, span);
    } else if KEYWORDS.contains(&word) && expects_name(&positives) {
        SyntaxErrorKind::ReservedWord {
            word: word.to_string(),
        }
    } else {
        SyntaxErrorKind::Unexpected {
            found: describe_token(rest),
            expected: expected(&positives),
        }
    };
    // Point at the whole `?=` and at the lone `@`, not at what the parser stopped on.
    let span = match kind {
        SyntaxErrorKind::Unsupported { what, .. }
            if what.contains("?=") && source[..pos].ends_with('?') =>
        {
            Span::new(pos - 1, pos + 1)
        }
        SyntaxErrorKind::EmptyAnnotation if !rest.starts_with('@') => {
            let at = source[..pos].rfind('@').unwrap_or(pos);
            Span::new(at, at + 1)
        }
        _ => token_span,
    };
    SyntaxError::new(kind, span)
}

/// Where a Groovy 3 safe index `x?[i]` starts, when the parse failed after one: Groovy 2.4
/// reads `?[` as a ternary whose `[...]` is a list (`c ? [a] : [b]` is valid), so the parser only
/// fails later, wanting the `:`. The `?[` must be on the failing line or the one before, with
/// no `:` after it.
fn open_safe_index(source: &str, pos: usize) -> Option<usize> {
    let before = &source[..pos];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let window_start = before[..line_start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let window = &source[window_start..pos];
    let at = window.rfind("?[")?;
    let after = &window[at + 2..];
    if after.contains(':') || window[..at].ends_with('?') {
        return None;
    }
    Some(window_start + at)
}

/// Blanks out what a lexical problem is about, so that the rest of the file reads cleanly: a
/// stray or mismatched closing bracket, the opener of an unclosed one, a bad escape or dollar.
/// Returns false for problems past which nothing can be read (an unterminated string).
pub(super) fn neutralise(source: &mut String, problem: &Problem) -> bool {
    if matches!(
        problem.kind,
        ProblemKind::UnterminatedString { .. } | ProblemKind::UnterminatedComment
    ) {
        return false;
    }
    blank(
        source,
        problem.span.start as usize,
        problem.span.end as usize,
    );
    true
}

/// Blanks (with spaces, keeping offsets and line breaks) the statement holding `pos`, or with
/// `whole_block` the whole innermost block around it. Returns false when nothing is left to
/// blank.
pub(super) fn blank_statement(
    source: &mut String,
    scan: &Scan,
    pos: usize,
    whole_block: bool,
) -> bool {
    let (block_start, block_end) = innermost_block(scan, pos, source.len());
    let (start, end) = if whole_block {
        (block_start, block_end)
    } else {
        statement_extent(source, scan, pos, block_start, block_end)
    };
    if start >= end || source.get(start..end).is_none_or(|s| s.trim().is_empty()) {
        if whole_block || (block_start, block_end) == (0, source.len()) {
            return false;
        }
        return blank_statement(source, scan, pos, true);
    }
    blank(source, start, end);
    true
}

/// Replaces `start..end` with spaces, keeping line breaks and every byte offset.
fn blank(source: &mut String, start: usize, end: usize) {
    let Some(text) = source.get(start..end) else {
        return;
    };
    let mut bytes = Vec::with_capacity(end - start);
    for c in text.chars() {
        if c == '\n' || c == '\r' {
            bytes.push(c as u8);
        } else {
            bytes.extend(std::iter::repeat_n(b' ', c.len_utf8()));
        }
    }
    let replacement = String::from_utf8(bytes).unwrap_or_default();
    source.replace_range(start..end, &replacement);
}

/// The inside of the innermost `{ }` around `pos`, or the whole file.
fn innermost_block(scan: &Scan, pos: usize, len: usize) -> (usize, usize) {
    scan.pairs
        .iter()
        .filter(|(open, close, ch)| *ch == b'{' && (*open as usize) < pos && pos <= *close as usize)
        .max_by_key(|(open, ..)| *open)
        .map_or((0, len), |(open, close, _)| {
            (*open as usize + 1, *close as usize)
        })
}

/// The statement around `pos` inside a block: from the line break (or `;`) before it to the
/// one after it, where breaks inside brackets or strings do not count.
fn statement_extent(
    source: &str,
    scan: &Scan,
    pos: usize,
    block_start: usize,
    block_end: usize,
) -> (usize, usize) {
    let bytes = source.as_bytes();
    // Ranges inside the block that a statement boundary cannot fall in.
    let inner: Vec<(usize, usize)> = scan
        .pairs
        .iter()
        .map(|(o, c, _)| (*o as usize, *c as usize))
        .chain(
            scan.literals
                .iter()
                .map(|(o, c)| (*o as usize, *c as usize)),
        )
        .filter(|(o, c)| *o >= block_start && *c <= block_end)
        .collect();
    // Nested ranges merged into disjoint ones, sorted, so each lookup is a binary search.
    let mut inner = inner;
    inner.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(inner.len());
    for (o, c) in inner {
        match merged.last_mut() {
            Some(last) if o <= last.1 => last.1 = last.1.max(c),
            _ => merged.push((o, c)),
        }
    }
    let hidden = |i: usize| {
        let k = merged.partition_point(|(o, _)| *o < i);
        k > 0 && merged.get(k - 1).is_some_and(|(_, c)| i < *c)
    };
    let is_break = |i: usize| matches!(bytes.get(i), Some(b'\n' | b';')) && !hidden(i);
    let mut start = pos.min(block_end);
    while start > block_start && !is_break(start - 1) {
        start -= 1;
    }
    let mut end = pos.min(block_end);
    while end < block_end && !is_break(end) {
        end += 1;
    }
    (start, end)
}

fn skip_blanks(source: &str, mut pos: usize) -> usize {
    let bytes = source.as_bytes();
    while matches!(bytes.get(pos), Some(b' ' | b'\t')) {
        pos += 1;
    }
    pos
}

fn leading_word(rest: &str) -> &str {
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(rest.len());
    rest.get(..end).unwrap_or("")
}

fn token_len(rest: &str) -> usize {
    let word = leading_word(rest);
    if !word.is_empty() {
        return word.len();
    }
    if rest.starts_with(['\n', '\r']) {
        return 0;
    }
    OPERATORS
        .iter()
        .chain(["->", "::", "?=", "?[", "?."].iter())
        .find(|op| rest.starts_with(**op))
        .map_or_else(
            || rest.chars().next().map_or(0, char::len_utf8),
            |op| op.len(),
        )
}

fn describe_token(rest: &str) -> String {
    if rest.starts_with(['\n', '\r']) {
        return "line break".into();
    }
    if rest.starts_with(['\'', '"']) {
        return "string".into();
    }
    let len = token_len(rest);
    format!("`{}`", rest.get(..len).unwrap_or(rest))
}

/// A number with an `_` not followed by a digit (`123_ABC`), which Groovy's lexer refuses.
fn malformed_number(rest: &str) -> Option<SyntaxErrorKind> {
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let token = rest.get(..token_len(rest))?;
    let after = token.find('_').map(|i| &token[i..])?;
    let found = after.trim_start_matches('_').chars().next()?;
    (!found.is_ascii_digit()).then(|| SyntaxErrorKind::MalformedNumber {
        text: token.to_owned(),
        found,
    })
}

/// Java syntax that Groovy 2.4 refuses, recognised around where the parser stopped.
fn java_only(source: &str, pos: usize, rest: &str) -> Option<SyntaxErrorKind> {
    let before = source.get(..pos)?.trim_end();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.get(line_start..)?;
    if rest.starts_with(']') && line.contains("new ") && before.ends_with('[') {
        return Some(SyntaxErrorKind::Unsupported {
            what: "a Java array initializer `new T[] { ... }`",
            help: "write a list and convert it: `[80, 443] as int[]`",
        });
    }
    let signs = |t: &str| t.starts_with(['-', '+']) && !t.starts_with("--") && !t.starts_with("++");
    if signs(rest)
        && rest
            .get(1..)
            .is_some_and(|r| r.trim_start().starts_with(['-', '+']))
    {
        return Some(SyntaxErrorKind::Unsupported {
            what: "a sign directly after a sign (`- -x`)",
            help: "put the inner one in parentheses: `-(-x)`",
        });
    }
    let trimmed = line.trim_start();
    if rest.starts_with(',')
        && trimmed.starts_with("for")
        && line.contains('=')
        && !line.contains(';')
    {
        return Some(SyntaxErrorKind::Unsupported {
            what: "declaring several variables in a `for` initialiser",
            help: "declare the others before the loop",
        });
    }
    None
}

/// `&& b` as the first thing on a line, after a complete statement.
fn leading_operator(source: &str, pos: usize, rest: &str) -> Option<String> {
    let line_start = source[..pos].rfind('\n').map_or(0, |i| i + 1);
    if !source[line_start..pos].trim().is_empty() {
        return None;
    }
    [
        "&&",
        "||",
        "==",
        "!=",
        "*",
        "/",
        "%",
        "|",
        "^",
        "?:",
        "instanceof",
        "in ",
        "=~",
        "<=",
        ">=",
    ]
    .into_iter()
    .find(|op| rest.starts_with(op) && !rest.starts_with("//") && !rest.starts_with("/*"))
    .map(|op| op.trim().to_string())
}

/// `(a, b) -> a + b` on this line: a Java lambda, which Groovy 2.4 does not have.
fn lambda_ahead(rest: &str) -> bool {
    let line = rest.lines().next().unwrap_or("");
    line.find("->")
        .is_some_and(|arrow| line[..arrow].trim_end().ends_with(')'))
}

/// `x = 1 +` followed by a line break, `}` or the end: the operator lacks its right operand.
fn dangling_operator(source: &str, pos: usize, rest: &str) -> Option<(String, Span)> {
    if !(rest.trim().is_empty() || rest.starts_with(['\n', '\r', '}', ')', ']'])) {
        return None;
    }
    let before = source.get(..pos)?.trim_end();
    let word_op = ["in", "instanceof", "as"].into_iter().find(|w| {
        before.ends_with(w)
            && !before[..before.len() - w.len()]
                .ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.')
    });
    let op = word_op.or_else(|| {
        OPERATORS
            .iter()
            .copied()
            .find(|op| before.ends_with(op) && !matches!(*op, "," | ":" | "?" | "<" | ">"))
    })?;
    let end = before.len();
    // `foo()` ends in `)`, `a++` in `+`: only a real binary operator counts.
    if before.ends_with("++") || before.ends_with("--") {
        return None;
    }
    Some((op.to_string(), Span::new(end - op.len(), end)))
}

/// `def class = 1`: the parser stops after the reserved word; point at the word itself.
fn reserved_before(source: &str, pos: usize, rest: &str) -> Option<(String, Span)> {
    if !rest.starts_with('=') || rest.starts_with("==") {
        return None;
    }
    let before = source.get(..pos)?.trim_end();
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let word = before.get(start..)?;
    let prev = before.get(..start)?.trim_end();
    (KEYWORDS.contains(&word) && !prev.ends_with('.'))
        .then(|| (word.to_string(), Span::new(start, start + word.len())))
}

fn expects_name(positives: &[Rule]) -> bool {
    positives.iter().any(|r| {
        matches!(
            r,
            Rule::ident | Rule::declarator | Rule::method_name | Rule::multi_var | Rule::param
        )
    })
}

/// What the parser would have accepted, in words, most useful first.
fn expected(positives: &[Rule]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for rule in positives {
        let words = match rule {
            Rule::stmt_expr
            | Rule::expr_s
            | Rule::expr_p
            | Rule::postfix_s
            | Rule::postfix_p
            | Rule::closure
            | Rule::list_or_map
            | Rule::paren_expr
            | Rule::new_expr
            | Rule::number
            | Rule::ident_expr
            | Rule::kw_true_lit
            | Rule::kw_false_lit
            | Rule::kw_null_lit
            | Rule::arg_or_named_p
            | Rule::arg_or_named_s
            | Rule::single_quoted
            | Rule::double_quoted
            | Rule::triple_double
            | Rule::triple_single => "an expression",
            Rule::import_decl
            | Rule::class_decl
            | Rule::method_decl
            | Rule::var_decl
            | Rule::multi_decl
            | Rule::if_stmt
            | Rule::for_stmt
            | Rule::while_stmt
            | Rule::switch_stmt
            | Rule::try_stmt
            | Rule::expr_stmt
            | Rule::kw_if
            | Rule::kw_for
            | Rule::kw_while
            | Rule::kw_try
            | Rule::kw_return => "a statement",
            Rule::block | Rule::class_body | Rule::enum_body => "`{`",
            Rule::call_args | Rule::params => "`(`",
            Rule::type_ | Rule::class_type | Rule::primitive_type | Rule::cast_type => "a type",
            Rule::ident | Rule::declarator | Rule::method_name => "a name",
            Rule::catch_clause | Rule::finally_clause => "`catch` or `finally`",
            Rule::case_group | Rule::case_label => "`case` or `default`",
            Rule::member_name => "a member name",
            _ => continue,
        };
        if !out.contains(&words) {
            out.push(words);
        }
    }
    out
}
