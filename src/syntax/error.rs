//! Syntax errors: what went wrong, in the words of someone writing a Jenkinsfile, as data that
//! becomes a [`Diagnostic`] only when shown.

use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// A syntax error found while reading a file.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// What went wrong.
    pub kind: SyntaxErrorKind,
    /// Where.
    pub span: Span,
    /// A second place that explains the first (the opening bracket of an unclosed block).
    pub related: Option<(Span, String)>,
}

/// The kinds of syntax error.
#[derive(Clone, Debug, PartialEq)]
pub enum SyntaxErrorKind {
    /// Something that cannot stand here. `found` describes it, `expected` lists what could.
    Unexpected {
        /// What was found, e.g. "`}`", "a line break".
        found: String,
        /// What could have stood here, in words.
        expected: Vec<&'static str>,
    },
    /// The file ended inside a statement or expression.
    UnexpectedEnd {
        /// What could have come next.
        expected: Vec<&'static str>,
    },
    /// A binary operator with nothing after it.
    MissingOperand {
        /// The operator.
        op: String,
    },
    /// A binary operator starting a line: Groovy ended the statement at the line break.
    LeadingOperator {
        /// The operator.
        op: String,
    },
    /// `else` with no `if` before it.
    ElseWithoutIf,
    /// `catch` or `finally` with no `try` before it.
    CatchWithoutTry {
        /// `catch` or `finally`.
        keyword: &'static str,
    },
    /// `case`/`default` outside a `switch`.
    CaseOutsideSwitch {
        /// `case` or `default`.
        keyword: &'static str,
    },
    /// A reserved word where a name is needed.
    ReservedWord {
        /// The word.
        word: String,
    },
    /// Syntax of a later Groovy or of Java that Groovy 2.4 does not have.
    Unsupported {
        /// What it is.
        what: &'static str,
        /// What to write instead.
        help: &'static str,
    },
    /// `->` outside a closure's parameter list.
    StrayArrow,
    /// An annotation `@` with no name after it.
    EmptyAnnotation,
    /// A `{ }` standing as a statement: Groovy cannot tell a closure from a block.
    AmbiguousBlock,
    /// `try` with neither `catch` nor `finally`.
    TryWithoutCatch,
    /// `[a: 1, 2]`.
    MixedMapLiteral,
    /// A named argument or map key that is not a name, string, number or `(expression)`.
    InvalidKey,
    /// `a + foo bar`: a paren-less command inside an expression.
    CommandNotAllowed,
    /// An opening bracket never closed.
    Unclosed {
        /// The bracket.
        open: char,
        /// What the bracket belongs to, e.g. "stage('Build')".
        context: Option<String>,
    },
    /// A closing bracket of the wrong kind.
    Mismatched {
        /// The bracket open at that point.
        open: char,
        /// The closing bracket found.
        close: char,
    },
    /// A closing bracket with nothing open.
    UnexpectedClose {
        /// The bracket.
        close: char,
    },
    /// A string never closed.
    UnterminatedString {
        /// How it was opened.
        quote: &'static str,
    },
    /// `/*` never closed.
    UnterminatedComment,
    /// An escape Groovy does not know.
    InvalidEscape {
        /// The character after the backslash.
        ch: char,
    },
    /// `$` in a GString followed by something that is not a name or `{`.
    IllegalDollar,
    /// `\u` without four hex digits.
    InvalidUnicodeEscape,
    /// Brackets, blocks or operators nested deeper than jfrun reads.
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// The parser gave up on the file as too complex.
    TooComplex,
    /// `"a" = 1`, `a - b = 1`: Groovy's message says what the left side is.
    InvalidAssignmentTarget {
        /// Groovy's own words, e.g. "(a - b) is a binary expression, but it should be a
        /// variable expression".
        message: String,
    },
    /// `123_ABC`: an underscore in a number not followed by a digit.
    MalformedNumber {
        /// The token.
        text: String,
        /// The character found after the underscore.
        found: char,
    },
    /// `foo(a: 1, a: 2)`.
    DuplicateNamedArgument {
        /// The name given twice.
        name: String,
    },
}

impl SyntaxError {
    /// An error of `kind` at `span`.
    #[must_use]
    pub fn new(kind: SyntaxErrorKind, span: Span) -> Self {
        Self {
            kind,
            span,
            related: None,
        }
    }

    /// The stable code, e.g. `syntax/unclosed-delimiter`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        use SyntaxErrorKind as K;
        match &self.kind {
            K::Unexpected { .. } => "syntax/unexpected-token",
            K::UnexpectedEnd { .. } => "syntax/unexpected-end-of-file",
            K::MissingOperand { .. } => "syntax/missing-operand",
            K::LeadingOperator { .. } => "syntax/leading-operator",
            K::ElseWithoutIf => "syntax/else-without-if",
            K::CatchWithoutTry { .. } => "syntax/catch-without-try",
            K::CaseOutsideSwitch { .. } => "syntax/case-outside-switch",
            K::ReservedWord { .. } => "syntax/reserved-word",
            K::Unsupported { .. } => "syntax/unsupported-syntax",
            K::StrayArrow => "syntax/stray-arrow",
            K::EmptyAnnotation => "syntax/empty-annotation",
            K::AmbiguousBlock => "syntax/ambiguous-block",
            K::TryWithoutCatch => "syntax/try-without-catch",
            K::MixedMapLiteral => "syntax/mixed-map-literal",
            K::InvalidKey => "syntax/invalid-key",
            K::CommandNotAllowed => "syntax/command-in-expression",
            K::Unclosed { .. } => "syntax/unclosed-delimiter",
            K::Mismatched { .. } => "syntax/mismatched-delimiter",
            K::UnexpectedClose { .. } => "syntax/unexpected-closing-delimiter",
            K::UnterminatedString { .. } => "syntax/unterminated-string",
            K::UnterminatedComment => "syntax/unterminated-comment",
            K::InvalidEscape { .. } => "syntax/invalid-escape",
            K::IllegalDollar => "syntax/illegal-dollar",
            K::InvalidUnicodeEscape => "syntax/invalid-unicode-escape",
            K::TooDeep { .. } => "syntax/nesting-too-deep",
            K::TooComplex => "syntax/too-complex",
            K::InvalidAssignmentTarget { .. } => "syntax/invalid-assignment-target",
            K::DuplicateNamedArgument { .. } => "syntax/duplicate-named-argument",
            K::MalformedNumber { .. } => "syntax/malformed-number",
        }
    }

    /// The diagnostic shown for this error.
    #[must_use]
    pub fn to_diagnostic(&self) -> Diagnostic {
        use SyntaxErrorKind as K;
        let (message, label, help): (String, Option<String>, Option<String>) = match &self.kind {
            K::Unexpected { found, expected } => (
                format!("unexpected {found}"),
                expected_label(expected),
                None,
            ),
            K::UnexpectedEnd { expected } => (
                "unexpected end of file".into(),
                expected_label(expected),
                Some("something is unfinished here: a statement, a call or an expression".into()),
            ),
            K::MissingOperand { op } => (
                format!("expected an expression after `{op}`"),
                Some("nothing follows the operator".into()),
                None,
            ),
            K::LeadingOperator { op } => (
                format!("a line cannot start with `{op}`"),
                Some("the statement before already ended at the line break".into()),
                Some(format!(
                    "put `{op}` at the end of the previous line, or wrap the whole expression in parentheses"
                )),
            ),
            K::ElseWithoutIf => (
                "`else` without a matching `if`".into(),
                Some("no `if` statement ends right before this `else`".into()),
                Some("check the braces of the `if` block above".into()),
            ),
            K::CatchWithoutTry { keyword } => (
                format!("`{keyword}` without a matching `try`"),
                Some(format!("no `try` block ends right before this `{keyword}`")),
                Some("check the braces of the `try` block above".into()),
            ),
            K::CaseOutsideSwitch { keyword } => (
                format!("`{keyword}` outside a `switch`"),
                None,
                Some("`case` and `default` labels stand directly inside `switch (x) { ... }`".into()),
            ),
            K::ReservedWord { word } => (
                format!("`{word}` is a reserved word and cannot be used as a name"),
                None,
                Some(format!("rename it, for example `{word}Name`")),
            ),
            K::Unsupported { what, help } => (
                format!("{what} is not Groovy 2.4 syntax"),
                None,
                Some((*help).to_string()),
            ),
            K::StrayArrow => (
                "`->` outside a closure's parameter list".into(),
                None,
                Some("Groovy 2.4 has no Java lambdas: write a closure, `{ a, b -> a + b }`".into()),
            ),
            K::EmptyAnnotation => (
                "an annotation needs a name after `@`".into(),
                None,
                Some("for a shared library write `@Library('name') _`".into()),
            ),
            K::AmbiguousBlock => (
                "Ambiguous expression could be either a parameterless closure expression or an isolated open code block".into(),
                Some("this `{` starts a statement".into()),
                Some("add an explicit closure parameter list, e.g. `{ it -> ... }`, or make it a block by giving it a label, e.g. `L: { ... }`".into()),
            ),
            K::TryWithoutCatch => (
                "A try statement must have at least one catch or finally block.".into(),
                None,
                Some("add `catch (e) { ... }` or `finally { ... }` after the block".into()),
            ),
            K::MixedMapLiteral => (
                "a map literal cannot mix `key: value` entries with plain values".into(),
                Some("this entry has no key".into()),
                None,
            ),
            K::InvalidKey => (
                "this expression cannot be the name of a named argument or a map key".into(),
                None,
                Some("use a name, a string or a number, or put an expression in parentheses: `(a + b): value`".into()),
            ),
            K::CommandNotAllowed => (
                "a call without parentheses can only stand as a statement or as the value of an assignment".into(),
                None,
                Some("add parentheses around the arguments: `name(argument)`".into()),
            ),
            K::Unclosed { open, context } => (
                match context {
                    Some(c) => format!("unclosed `{open}` opened here for `{c}`"),
                    None => format!("unclosed `{open}`"),
                },
                Some(format!("this `{open}` is never closed")),
                Some(format!("add the missing `{}`", closing(*open))),
            ),
            K::Mismatched { open, close } => (
                format!("mismatched `{close}`: expected `{}`", closing(*open)),
                Some(format!("`{}` expected here", closing(*open))),
                None,
            ),
            K::UnexpectedClose { close } => (
                format!("unexpected `{close}` with nothing open to close"),
                Some("this has no opening bracket".into()),
                Some("remove it, or add the opening bracket it belongs to".into()),
            ),
            K::UnterminatedString { quote } => (
                "unterminated string started here".into(),
                Some(format!("this `{quote}` is never closed")),
                Some(format!(
                    "close the string with `{}`",
                    match *quote {
                        "$/" => "/$",
                        q => q,
                    }
                )),
            ),
            K::UnterminatedComment => (
                "unterminated comment started here".into(),
                Some("this `/*` is never closed".into()),
                Some("close the comment with `*/`".into()),
            ),
            K::InvalidEscape { ch } => (
                format!("invalid escape sequence `\\{ch}` in a string"),
                None,
                Some(format!(
                    "write `\\\\{ch}` for a backslash followed by `{ch}`, or use a slashy string `/...\\{ch}.../`"
                )),
            ),
            K::IllegalDollar => (
                "illegal string body character after dollar sign".into(),
                Some("`$` must be followed by a name or `{`".into()),
                Some("escape a literal dollar sign as `\\$`, or bracket the value expression: `${5}`".into()),
            ),
            K::InvalidUnicodeEscape => (
                "`\\u` must be followed by four hex digits".into(),
                None,
                Some("Groovy reads unicode escapes everywhere, even in comments: write `\\\\u` for a backslash followed by `u`".into()),
            ),
            K::TooDeep { limit } => (
                format!("the code is nested more than {limit} levels deep"),
                None,
                Some("split the expression or block into smaller pieces".into()),
            ),
            K::TooComplex => (
                "the file is too complex to read here".into(),
                None,
                Some("split the expression or block into smaller pieces".into()),
            ),
            K::InvalidAssignmentTarget { message } => (
                message.clone(),
                Some("this cannot be assigned to".into()),
                Some("the left of `=` must be a variable, a property or an index: `x = ...`, `env.X = ...`, `m['k'] = ...`".into()),
            ),
            K::MalformedNumber { text, found } => (
                format!(
                    "malformed number `{text}`: expecting token in range: '0'..'9', found '{found}'"
                ),
                Some("an `_` in a number must stand between digits".into()),
                Some("a name cannot start with a digit: rename it, e.g. `_123_ABC` or `ABC_123`".into()),
            ),
            K::DuplicateNamedArgument { name } => (
                format!("Duplicate named parameter '{name}' found."),
                Some("given a second time here".into()),
                Some("give each named argument once".into()),
            ),
        };
        let mut d = Diagnostic::error(self.code(), message, self.span);
        d.label = label;
        d.help = help;
        if let Some((span, words)) = &self.related {
            d = d.with_related(*span, words.clone());
        }
        d
    }
}

/// Every syntax code with one line on when it is reported, as docs/lint-json.md lists them
/// (a test keeps the two in step); SARIF's rule descriptions come from here.
pub const CODES: &[(&str, &str)] = &[
    (
        "syntax/unclosed-delimiter",
        "a `(`, `[`, `{` or `${` is never closed",
    ),
    (
        "syntax/mismatched-delimiter",
        "a closing bracket of the wrong kind",
    ),
    (
        "syntax/unexpected-closing-delimiter",
        "a closing bracket with nothing open",
    ),
    ("syntax/unterminated-string", "a string never closed"),
    ("syntax/unterminated-comment", "a `/*` never closed"),
    (
        "syntax/invalid-escape",
        "an escape Groovy does not know (`\"\\d\"`)",
    ),
    (
        "syntax/illegal-dollar",
        "`$` in a GString not followed by a name or `{`",
    ),
    (
        "syntax/invalid-unicode-escape",
        "`\\u` without four hex digits, anywhere, comments included",
    ),
    (
        "syntax/unexpected-token",
        "something that cannot stand where it is",
    ),
    (
        "syntax/unexpected-end-of-file",
        "the file ends inside a statement",
    ),
    (
        "syntax/missing-operand",
        "an operator with nothing after it",
    ),
    (
        "syntax/leading-operator",
        "a line starting with `&&`, `||`, ... after a complete statement",
    ),
    ("syntax/else-without-if", "`else` without a matching `if`"),
    (
        "syntax/catch-without-try",
        "`catch` without a matching `try`",
    ),
    ("syntax/case-outside-switch", "`case` outside a `switch`"),
    (
        "syntax/reserved-word",
        "a reserved word used as a name (`def class = 1`)",
    ),
    (
        "syntax/unsupported-syntax",
        "syntax of later Groovy or Java: `?=`, `::`, `?[`, `do ... while`",
    ),
    (
        "syntax/stray-arrow",
        "`->` outside a closure (a Java lambda)",
    ),
    ("syntax/empty-annotation", "`@` with no name"),
    ("syntax/ambiguous-block", "`{ }` standing as a statement"),
    (
        "syntax/try-without-catch",
        "`try` with neither `catch` nor `finally`",
    ),
    ("syntax/mixed-map-literal", "`[a: 1, 2]`"),
    (
        "syntax/invalid-key",
        "a named argument or map key that is not a name, string, number or `(expression)`",
    ),
    (
        "syntax/command-in-expression",
        "a paren-less call inside an expression",
    ),
    (
        "syntax/nesting-too-deep",
        "brackets nested more than 200 levels, or a syntax tree more than 500 levels tall",
    ),
    (
        "syntax/too-complex",
        "the parser gave up (stack or call limit)",
    ),
    (
        "syntax/invalid-assignment-target",
        "the left of `=` is not a variable, property or index (`\"a\" = 1`)",
    ),
    (
        "syntax/duplicate-named-argument",
        "a named argument given twice (`foo(a: 1, a: 2)`)",
    ),
    (
        "syntax/malformed-number",
        "an `_` in a number not followed by a digit (`123_ABC`)",
    ),
];

/// One line on when `code` is reported, if it is a syntax code.
#[must_use]
pub fn describe(code: &str) -> Option<&'static str> {
    CODES.iter().find(|(c, _)| *c == code).map(|(_, d)| *d)
}

fn closing(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

fn expected_label(expected: &[&'static str]) -> Option<String> {
    match expected {
        [] => None,
        [one] => Some(format!("expected {one}")),
        [init @ .., last] => Some(format!("expected {} or {last}", init.join(", "))),
    }
}
