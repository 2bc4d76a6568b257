//! Fast lexical pre-scan of Groovy 2.4 source: bracket structure, strings, comments and escapes, with problems explained in user terms.

use crate::source::Span;

/// The result of [`scan`]: lexical problems and the bracket structure of the file.
#[derive(Clone, Debug, Default, Eq, PartialEq)]
pub(crate) struct Scan {
    /// Problems found, in source order.
    pub problems: Vec<Problem>,
    /// Deepest bracket nesting seen (all of ( [ { and ${ count).
    pub max_depth: usize,
    /// Every matched bracket pair, as (open offset, close offset, open char), in order of the opening offset.
    /// The open char of an interpolation `${` is `$` (its offset is the `$`).
    pub pairs: Vec<(u32, u32, u8)>,
    /// Every closed string literal and block comment, as (start, end) offsets; line breaks
    /// inside them end no statement.
    pub literals: Vec<(u32, u32)>,
}

/// One lexical or bracket-structure problem.
#[derive(Clone, Debug, Eq, PartialEq)]
pub(crate) struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// Where it is (byte offsets).
    pub span: Span,
    /// A second place worth showing, with its label.
    pub related: Option<(Span, String)>,
}

/// The kinds of problem [`scan`] reports.
#[derive(Clone, Debug, Eq, PartialEq)]
pub(crate) enum ProblemKind {
    /// An opening bracket never closed. `context`: the text before the bracket on its line, trimmed, if any (e.g. "stage('Build')" for `    stage('Build') {`), cut to at most 40 chars.
    Unclosed { open: char, context: Option<String> },
    /// A closing bracket that does not match the innermost open one (`(]`). `open_span` in `related`.
    Mismatched { open: char, close: char },
    /// A closing bracket with nothing open.
    UnexpectedClose { close: char },
    /// A string never terminated; `quote` is how it started: "'", "\"", "'''", "\"\"\"", "/", "$/".
    UnterminatedString { quote: &'static str },
    /// `/*` never closed.
    UnterminatedComment,
    /// A backslash escape Groovy does not know inside a '…' or "…" string (e.g. `\d`, `\/`, `\s`), with the char.
    InvalidEscape { ch: char },
    /// `$` in a double-quoted string (or triple-double, slashy) followed by a character that starts no identifier and is not `{` (Groovy: "illegal string body character after dollar sign").
    IllegalDollar,
    /// `\u` not followed by four hex digits anywhere in the file, even in comments (Groovy decodes unicode escapes before lexing). A backslash preceded by an odd number of backslashes is not an escape start (so `\\u` is fine); `\uuuu0041` (several u) is valid.
    InvalidUnicodeEscape,
}

/// Longest `context` of an [`ProblemKind::Unclosed`], in chars.
const MAX_CONTEXT: usize = 40;
/// Close offset of a pair slot whose bracket has not been closed (yet).
const NOT_CLOSED: u32 = u32::MAX;
/// Identifiers after which a `/` starts a slashy string, not a division.
const REGEX_KEYWORDS: [&[u8]; 10] = [
    b"return",
    b"in",
    b"case",
    b"assert",
    b"throw",
    b"else",
    b"and",
    b"new",
    b"instanceof",
    b"as",
];
const OUTER_BLOCK: &str = "this `}` seems to close an outer block, judging by its indentation";
const NOTHING_LEFT: &str = "…so this one has nothing left to close";

/// Scans `text` once, in linear time and without recursion; never panics.
pub(crate) fn scan(text: &str) -> Scan {
    let mut s = Scanner {
        text,
        b: text.as_bytes(),
        pos: 0,
        stack: Vec::new(),
        depth: 0,
        out: Scan::default(),
        prev_operand: false,
        blame_from: 0,
        lines: Lines::new(text.as_bytes()),
    };
    if s.b.starts_with(b"#!") {
        s.pos = s.find(b"\n", 0).unwrap_or(s.b.len());
    }
    if s.run() {
        s.report_unclosed();
    }
    let mut out = s.out;
    check_unicode_escapes(text.as_bytes(), &mut out.problems);
    out.pairs.retain(|p| p.1 != NOT_CLOSED);
    out.problems.sort_by_key(|p| p.span.start);
    out
}

/// How a string literal starts and ends.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
enum Quote {
    Single,
    TripleSingle,
    Double,
    TripleDouble,
    Slashy,
    DollarSlashy,
}

impl Quote {
    fn opener(self) -> &'static str {
        match self {
            Quote::Single => "'",
            Quote::TripleSingle => "'''",
            Quote::Double => "\"",
            Quote::TripleDouble => "\"\"\"",
            Quote::Slashy => "/",
            Quote::DollarSlashy => "$/",
        }
    }

    fn closer(self) -> &'static [u8] {
        match self {
            Quote::DollarSlashy => b"/$",
            q => q.opener().as_bytes(),
        }
    }

    fn multiline(self) -> bool {
        !matches!(self, Quote::Single | Quote::Double)
    }

    /// Whether `\n`-style escapes apply (slashy strings only know `\/`).
    fn escapes(self) -> bool {
        !matches!(self, Quote::Slashy | Quote::DollarSlashy)
    }

    fn interpolates(self) -> bool {
        !matches!(self, Quote::Single | Quote::TripleSingle)
    }
}

/// One entry of the explicit nesting stack.
enum Frame {
    /// An open bracket: `(`, `[`, `{`, or `$` for `${`; `pair` indexes `Scan::pairs`.
    Open { at: usize, ch: u8, pair: usize },
    /// A string being read; code inside it is under a `$` frame above it.
    Str { at: usize, quote: Quote },
}

/// Start offset, content start offset and indentation width of every line.
struct Lines(Vec<(usize, usize, usize)>);

impl Lines {
    fn new(b: &[u8]) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        while start <= b.len() {
            let (mut content, mut width) = (start, 0);
            while let Some(&c @ (b' ' | b'\t')) = b.get(content) {
                width += if c == b'\t' { 4 } else { 1 };
                content += 1;
            }
            lines.push((start, content, width));
            match b
                .get(content..)
                .and_then(|rest| rest.iter().position(|&c| c == b'\n'))
            {
                Some(nl) => start = content + nl + 1,
                None => break,
            }
        }
        Lines(lines)
    }

    /// The line holding `offset`: (index, content start, indentation).
    fn of(&self, offset: usize) -> (usize, usize, usize) {
        let idx = self.0.partition_point(|l| l.0 <= offset).saturating_sub(1);
        let (_, content, width) = self.0.get(idx).copied().unwrap_or_default();
        (idx, content, width)
    }
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    stack: Vec<Frame>,
    /// Number of `Frame::Open` in `stack`.
    depth: usize,
    out: Scan,
    /// Whether the last significant token ends an operand (so `/` divides).
    prev_operand: bool,
    /// Index in `pairs` from which an extra `}` is looked for (pairs before it were blamed).
    blame_from: usize,
    lines: Lines,
}

impl Scanner<'_> {
    /// Scans to the end; `false` if it stopped at an unterminated string or comment.
    fn run(&mut self) -> bool {
        loop {
            let ok = match self.stack.last() {
                Some(&Frame::Str { at, quote }) => self.string_body(at, quote),
                _ if self.pos >= self.b.len() => return true,
                _ => self.code_token(),
            };
            if !ok {
                return false;
            }
        }
    }

    fn at(&self, offset: usize) -> u8 {
        self.b.get(offset).copied().unwrap_or(0)
    }

    fn find(&self, needle: &[u8], from: usize) -> Option<usize> {
        let hay = self.b.get(from..)?;
        hay.windows(needle.len())
            .position(|w| w == needle)
            .map(|i| i + from)
    }

    fn problem(&mut self, kind: ProblemKind, span: Span, related: Option<(Span, String)>) {
        self.out.problems.push(Problem {
            kind,
            span,
            related,
        });
    }

    /// Reads one token of code.
    fn code_token(&mut self) -> bool {
        let start = self.pos;
        let c = self.at(start);
        let next = self.at(start + 1);
        self.pos += 1;
        match c {
            b'\n' => {
                let in_parens = matches!(
                    self.stack.last(),
                    Some(Frame::Open {
                        ch: b'(' | b'[',
                        ..
                    })
                );
                self.prev_operand &= in_parens;
            }
            b' ' | b'\t' | b'\r' | 0x0c => {}
            b'\\' if next == b'\n' => self.pos += 1,
            b'\\' if next == b'\r' && self.at(start + 2) == b'\n' => self.pos += 2,
            b'/' => return self.slash(start, next),
            b'\'' | b'"' => {
                let triple = next == c && self.at(start + 2) == c;
                let quote = match (c, triple) {
                    (b'\'', false) => Quote::Single,
                    (b'\'', true) => Quote::TripleSingle,
                    (_, false) => Quote::Double,
                    (_, true) => Quote::TripleDouble,
                };
                self.push_string(start, quote);
            }
            b'$' if next == b'/' => self.push_string(start, Quote::DollarSlashy),
            b'(' | b'[' | b'{' => self.open(start, c),
            b')' | b']' | b'}' => self.close(start, c),
            b'+' | b'-' if next == c => {
                self.pos += 1;
                self.prev_operand = true;
            }
            _ if is_ident_start(c) || c == b'$' => {
                self.skip_while(|c| is_ident_char(c) || c == b'$');
                let word = self.b.get(start..self.pos).unwrap_or_default();
                self.prev_operand = !REGEX_KEYWORDS.contains(&word);
            }
            b'0'..=b'9' => {
                while is_ident_char(self.at(self.pos))
                    || (self.at(self.pos) == b'.' && self.at(self.pos + 1).is_ascii_digit())
                {
                    self.pos += 1;
                }
                self.prev_operand = true;
            }
            _ => self.prev_operand = false,
        }
        true
    }

    fn skip_while(&mut self, f: impl Fn(u8) -> bool) {
        while self.pos < self.b.len() && f(self.at(self.pos)) {
            self.pos += 1;
        }
    }

    /// A `/` in code at `start`: comment, `/=`, slashy string or division.
    fn slash(&mut self, start: usize, next: u8) -> bool {
        match next {
            b'/' => self.pos = self.find(b"\n", start).unwrap_or(self.b.len()),
            b'*' => {
                let Some(end) = self.find(b"*/", start + 2) else {
                    self.problem(
                        ProblemKind::UnterminatedComment,
                        Span::new(start, start + 2),
                        None,
                    );
                    return false;
                };
                self.pos = end + 2;
                self.out.literals.push((offset(start), offset(self.pos)));
            }
            _ if next != b'=' && !self.prev_operand => self.push_string(start, Quote::Slashy),
            _ => {
                self.pos += usize::from(next == b'=');
                self.prev_operand = false;
            }
        }
        true
    }

    fn push_string(&mut self, at: usize, quote: Quote) {
        self.stack.push(Frame::Str { at, quote });
        self.pos = at + quote.opener().len();
    }

    fn open(&mut self, at: usize, ch: u8) {
        let pair = self.out.pairs.len();
        self.out.pairs.push((offset(at), NOT_CLOSED, ch));
        self.stack.push(Frame::Open { at, ch, pair });
        self.depth += 1;
        self.out.max_depth = self.out.max_depth.max(self.depth);
        self.pos = at + if ch == b'$' { 2 } else { 1 };
        self.prev_operand = false;
    }

    /// A closing bracket `c` at `at`.
    fn close(&mut self, at: usize, c: u8) {
        let Some(&Frame::Open {
            at: open_at, ch, ..
        }) = self.stack.last()
        else {
            return self.unexpected_close(at, c);
        };
        if closes(ch, c) {
            return self.finish_top(at);
        }
        let related = (open_span(open_at, ch), "opened here".to_string());
        let kind = ProblemKind::Mismatched {
            open: shown(ch),
            close: char::from(c),
        };
        self.problem(kind, Span::new(at, at + 1), Some(related));
        let target = self
            .stack
            .iter()
            .rev()
            .take_while(|f| matches!(f, Frame::Open { .. }))
            .position(|f| matches!(f, Frame::Open { ch, .. } if closes(*ch, c)));
        if let Some(from_top) = target {
            for _ in 0..from_top {
                if let Some(Frame::Open { at, ch, .. }) = self.stack.pop() {
                    self.depth -= 1;
                    let p = self.unclosed(at, ch, None);
                    self.out.problems.push(p);
                }
            }
            self.finish_top(at);
        }
    }

    /// Pops the innermost open bracket, closed at `at`.
    fn finish_top(&mut self, at: usize) {
        if let Some(Frame::Open { pair, .. }) = self.stack.pop() {
            self.depth -= 1;
            if let Some(p) = self.out.pairs.get_mut(pair) {
                p.1 = offset(at);
            }
        }
        self.prev_operand = true;
    }

    /// A closer with nothing open; for `}`, blames the first over-indented closer since the last blame.
    fn unexpected_close(&mut self, at: usize, c: u8) {
        let here = Span::new(at, at + 1);
        let kind = ProblemKind::UnexpectedClose {
            close: char::from(c),
        };
        if c != b'}' {
            return self.problem(kind, here, None);
        }
        let group = self.out.pairs.get(self.blame_from..).unwrap_or_default();
        let culprit = self.first_closed(group, |open, close| close > open);
        self.blame_from = self.out.pairs.len();
        match culprit {
            Some((_, close, _)) => {
                let close = close as usize;
                self.problem(
                    kind,
                    Span::new(close, close + 1),
                    Some((here, NOTHING_LEFT.to_string())),
                );
            }
            None => self.problem(kind, here, None),
        }
    }

    /// Of the closed multi-line `{…}` pairs whose indentations (open, close) satisfy `bad`, the one
    /// closed first: where a missing or extra `}` starts shifting every later match.
    fn first_closed(
        &self,
        pairs: &[(u32, u32, u8)],
        bad: impl Fn(usize, usize) -> bool,
    ) -> Option<(u32, u32, u8)> {
        let misindented = |&&(open, close, ch): &&(u32, u32, u8)| {
            let (open_line, _, open_indent) = self.lines.of(open as usize);
            let (close_line, _, close_indent) = self.lines.of(close as usize);
            ch == b'{'
                && close != NOT_CLOSED
                && open_line != close_line
                && bad(open_indent, close_indent)
        };
        pairs
            .iter()
            .filter(misindented)
            .min_by_key(|p| p.1)
            .copied()
    }

    /// At end of input: reports the one still-open bracket a person would most likely fix.
    fn report_unclosed(&mut self) {
        let outer = self.stack.iter().find_map(|f| match *f {
            Frame::Open { at, ch, pair } => Some((at, ch, pair)),
            Frame::Str { .. } => None,
        });
        let Some((at, ch, pair)) = outer else { return };
        let inner = self.out.pairs.get(pair + 1..).unwrap_or_default();
        let culprit = self.first_closed(inner, |open, close| close < open);
        let p = match culprit {
            Some((open, close, ch)) => {
                let close = close as usize;
                let related = (Span::new(close, close + 1), OUTER_BLOCK.to_string());
                self.unclosed(open as usize, ch, Some(related))
            }
            None => self.unclosed(at, ch, None),
        };
        self.out.problems.push(p);
    }

    fn unclosed(&self, at: usize, ch: u8, related: Option<(Span, String)>) -> Problem {
        Problem {
            kind: ProblemKind::Unclosed {
                open: shown(ch),
                context: self.context(at),
            },
            span: open_span(at, ch),
            related,
        }
    }

    /// The trimmed text before `at` on its line, at most [`MAX_CONTEXT`] chars.
    fn context(&self, at: usize) -> Option<String> {
        let (_, content, _) = self.lines.of(at);
        let before = self.text.get(content.min(at)..at)?;
        let text = match before.char_indices().nth(MAX_CONTEXT) {
            Some(_) => {
                let cut = before
                    .char_indices()
                    .nth(MAX_CONTEXT - 1)
                    .map_or(0, |(i, _)| i);
                format!("{}…", before.get(..cut)?.trim_end())
            }
            None => before.trim_end().to_string(),
        };
        (!text.is_empty()).then_some(text)
    }

    /// Reads string content up to its end, an interpolation `${`, or end of input.
    fn string_body(&mut self, at: usize, quote: Quote) -> bool {
        loop {
            let Some(&c) = self.b.get(self.pos) else {
                return self.unterminated(at, quote);
            };
            if c == b'\n' && !quote.multiline() {
                return self.unterminated(at, quote);
            }
            if self
                .b
                .get(self.pos..)
                .is_some_and(|rest| rest.starts_with(quote.closer()))
            {
                self.pos += quote.closer().len();
                self.stack.pop();
                self.out.literals.push((offset(at), offset(self.pos)));
                self.prev_operand = true;
                return true;
            }
            match c {
                b'\\' if quote.escapes() => self.escape(),
                b'\\' if quote == Quote::Slashy && self.at(self.pos + 1) == b'/' => self.pos += 2,
                b'$' if quote.interpolates() => {
                    if self.dollar(quote) {
                        return true;
                    }
                }
                _ => self.pos += 1,
            }
        }
    }

    fn unterminated(&mut self, at: usize, quote: Quote) -> bool {
        let opener = quote.opener();
        let kind = ProblemKind::UnterminatedString { quote: opener };
        self.problem(kind, Span::new(at, at + opener.len()), None);
        false
    }

    /// A backslash escape in a quoted string, at `self.pos`.
    fn escape(&mut self) {
        let start = self.pos;
        match self.at(start + 1) {
            c if is_known_escape(c) => self.pos += 2,
            b'\r' if self.at(start + 2) == b'\n' => self.pos += 3,
            _ => match self
                .text
                .get(start + 1..)
                .and_then(|rest| rest.chars().next())
            {
                None => self.pos += 1,
                Some(ch) => {
                    self.pos += 1 + ch.len_utf8();
                    self.problem(
                        ProblemKind::InvalidEscape { ch },
                        Span::new(start, self.pos),
                        None,
                    );
                }
            },
        }
    }

    /// A `$` in an interpolating string; `true` if it opened a `${`.
    fn dollar(&mut self, quote: Quote) -> bool {
        let start = self.pos;
        let next = self.at(start + 1);
        self.pos += 1;
        if next == b'{' {
            self.open(start, b'$');
            return true;
        }
        if is_ident_start(next) {
            self.skip_while(is_ident_char);
            while self.at(self.pos) == b'.' && is_ident_start(self.at(self.pos + 1)) {
                self.pos += 1;
                self.skip_while(is_ident_char);
            }
        } else if quote == Quote::DollarSlashy && matches!(next, b'$' | b'/') {
            self.pos += 1;
        } else if quote.escapes() {
            self.problem(
                ProblemKind::IllegalDollar,
                Span::new(start, start + 1),
                None,
            );
        }
        false
    }
}

/// Whether `\c` is an escape Groovy knows (`\u` is checked before lexing; `\` newline continues the line).
fn is_known_escape(c: u8) -> bool {
    matches!(
        c,
        b'n' | b't' | b'b' | b'f' | b'r' | b'\\' | b'\'' | b'"' | b'$' | b'u' | b'0'..=b'7' | b'\n'
    )
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_ident_char(c: u8) -> bool {
    is_ident_start(c) || c.is_ascii_digit()
}

/// Whether closer `c` closes opener `open` (`$` stands for `${`).
fn closes(open: u8, c: u8) -> bool {
    matches!((open, c), (b'(', b')') | (b'[', b']') | (b'{' | b'$', b'}'))
}

/// The opener as the user wrote it (`${` shows as `{`).
fn shown(open: u8) -> char {
    char::from(if open == b'$' { b'{' } else { open })
}

/// A byte offset as stored in `Scan::pairs` (files over 4 GiB saturate).
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(NOT_CLOSED - 1)
}

fn open_span(at: usize, ch: u8) -> Span {
    Span::new(at, at + if ch == b'$' { 2 } else { 1 })
}

/// Reports every `\u` escape start not followed by four hex digits.
fn check_unicode_escapes(b: &[u8], problems: &mut Vec<Problem>) {
    // Whether the byte before is a backslash that starts an escape.
    let mut escaping = false;
    for (i, &c) in b.iter().enumerate() {
        escaping = c == b'\\' && !escaping;
        if !escaping || b.get(i + 1) != Some(&b'u') {
            continue;
        }
        let mut end = i + 1;
        while b.get(end) == Some(&b'u') {
            end += 1;
        }
        let hex = b
            .get(end..)
            .unwrap_or_default()
            .iter()
            .take(4)
            .take_while(|c| c.is_ascii_hexdigit())
            .count();
        if hex < 4 {
            problems.push(Problem {
                kind: ProblemKind::InvalidUnicodeEscape,
                span: Span::new(i, end + hex),
                related: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<ProblemKind> {
        scan(text).problems.into_iter().map(|p| p.kind).collect()
    }

    fn one(text: &str) -> Problem {
        let mut problems = scan(text).problems;
        assert_eq!(problems.len(), 1, "{text:?}: {problems:?}");
        problems.remove(0)
    }

    #[test]
    fn unclosed_with_context() {
        let p = one("def x = 1\n    stage('Build') {\n    sh 'x'\n");
        assert_eq!(
            p.kind,
            ProblemKind::Unclosed {
                open: '{',
                context: Some("stage('Build')".into())
            }
        );
        assert_eq!(p.span, Span::new(29, 30));
        assert_eq!(
            one("(").kind,
            ProblemKind::Unclosed {
                open: '(',
                context: None
            }
        );
        let long = format!("{}(", "a".repeat(60));
        let ProblemKind::Unclosed {
            context: Some(context),
            ..
        } = one(&long).kind
        else {
            panic!()
        };
        assert_eq!(context.chars().count(), 40);
        assert!(context.ends_with('…'));
        let p = one("echo \"a ${b\n");
        assert_eq!(
            p.kind,
            ProblemKind::Unclosed {
                open: '{',
                context: Some("echo \"a".into())
            }
        );
        assert_eq!(p.span, Span::new(8, 10));
    }

    #[test]
    fn mismatched() {
        let s = scan("a(b]");
        assert_eq!(s.problems.len(), 2);
        assert_eq!(
            s.problems[0].kind,
            ProblemKind::Unclosed {
                open: '(',
                context: Some("a".into())
            }
        );
        let p = &s.problems[1];
        assert_eq!(
            p.kind,
            ProblemKind::Mismatched {
                open: '(',
                close: ']'
            }
        );
        assert_eq!(p.span, Span::new(3, 4));
        assert_eq!(p.related, Some((Span::new(1, 2), "opened here".into())));
    }

    #[test]
    fn mismatch_recovers_to_lower_opener() {
        let s = scan("node {\n  echo(foo\n}\nx()");
        assert_eq!(
            s.problems.iter().map(|p| &p.kind).collect::<Vec<_>>(),
            [
                &ProblemKind::Unclosed {
                    open: '(',
                    context: Some("echo".into())
                },
                &ProblemKind::Mismatched {
                    open: '(',
                    close: '}'
                }
            ]
        );
        assert_eq!(s.pairs, [(5, 18, b'{'), (21, 22, b'(')]);
    }

    #[test]
    fn unexpected_close() {
        let p = one("a)");
        assert_eq!(p.kind, ProblemKind::UnexpectedClose { close: ')' });
        assert_eq!(p.span, Span::new(1, 2));
        assert_eq!(one("}").kind, ProblemKind::UnexpectedClose { close: '}' });
    }

    #[test]
    fn unterminated_strings() {
        for (text, quote, at) in [
            ("x = 'abc", "'", 4),
            ("x = 'abc\n'", "'", 4),
            ("x = \"abc\n\"", "\"", 4),
            ("x = '''abc\n", "'''", 4),
            ("x = \"\"\"abc ${ y } \n", "\"\"\"", 4),
            ("x = /abc", "/", 4),
            ("x = $/abc/", "$/", 4),
            ("x = \"a ${ 'b }\"", "'", 10),
        ] {
            let p = one(text);
            assert_eq!(
                p.kind,
                ProblemKind::UnterminatedString { quote },
                "{text:?}"
            );
            assert_eq!(p.span, Span::new(at, at + quote.len()), "{text:?}");
        }
    }

    #[test]
    fn unterminated_comment() {
        let p = one("a {\n/* b");
        assert_eq!(p.kind, ProblemKind::UnterminatedComment);
        assert_eq!(p.span, Span::new(4, 6));
        assert!(kinds("/* a */ /** b\n * c */").is_empty());
    }

    #[test]
    fn invalid_escapes() {
        for (text, ch) in [
            ("'\\d'", 'd'),
            ("\"\\/\"", '/'),
            ("'''\\s'''", 's'),
            ("'\\é'", 'é'),
            ("'\\8'", '8'),
        ] {
            let p = one(text);
            assert_eq!(p.kind, ProblemKind::InvalidEscape { ch }, "{text:?}");
            assert_eq!(
                p.span,
                Span::new(
                    1 + usize::from(text.starts_with("'''")) * 2,
                    3 + ch.len_utf8() - 1 + usize::from(text.starts_with("'''")) * 2
                )
            );
        }
        assert!(
            kinds(
                r#"'\n\t\b\f\r\\\'\"\$\u0041\0\377' + "a\
b" + /\d\s\// + $/\d/$"#
            )
            .is_empty()
        );
    }

    #[test]
    fn illegal_dollar() {
        let p = one("\"a $ b\"");
        assert_eq!(p.kind, ProblemKind::IllegalDollar);
        assert_eq!(p.span, Span::new(3, 4));
        assert_eq!(
            kinds("\"\"\"$\"\"\" + \"$1$2\""),
            [
                ProblemKind::IllegalDollar,
                ProblemKind::IllegalDollar,
                ProblemKind::IllegalDollar
            ]
        );
        assert!(kinds("'$' + '''$ ''' + /a$/ + $/a$ b$$ $/ /$ + \"$a.b.c ${x}\"").is_empty());
    }

    #[test]
    fn invalid_unicode_escapes() {
        let p = one("// see \\u00g1");
        assert_eq!(p.kind, ProblemKind::InvalidUnicodeEscape);
        assert_eq!(p.span, Span::new(7, 11));
        assert_eq!(one("'\\u12'").span, Span::new(1, 5));
        assert_eq!(one("'\\\\\\u'").span, Span::new(3, 5));
        assert!(kinds("'\\\\u' // \\uuuu0041 \\uABcd").is_empty());
    }

    #[test]
    fn shebang() {
        assert!(kinds("#!/usr/bin/env groovy '\nprintln 1").is_empty());
    }

    #[test]
    fn division_or_regex() {
        assert!(kinds("def r = a / b; def s = (c) / 2 / d[0]; x++ / 2\ny /= 3 // it's").is_empty());
        assert!(kinds("if (s =~ /a\\d+\\//) { return /x'/ }\nassert s ==~ /b/\n/c/").is_empty());
        assert_eq!(
            kinds("x = / b"),
            [ProblemKind::UnterminatedString { quote: "/" }]
        );
        assert!(kinds("def f = {\n  a\n  /x'/\n}").is_empty());
        assert!(kinds("foo(a\n / b, \"${ c }\" / 2)").is_empty());
    }

    #[test]
    fn clean_jenkinsfile() {
        let text = r#"#!groovy
@Library('shared') _
def version = "1.${env.BUILD_NUMBER}"
pipeline {
    agent { label 'linux' }
    environment { X = "a/b" }
    stages {
        stage('Build') {
            steps {
                sh '''
                    echo $VAR \
                      && make -j4 "$HOME"
                '''
                sh "echo ${env.X} ${ [1, 2].collect { "v$it" }.join(',') } $version.length"
                script {
                    def m = version =~ /a\d+\//
                    def half = total / 2
                    def ratio = (a + b) / c
                    def p = $/C:\path\$$ and $/ ${x}/$
                    /* block
                       comment with ' and " */
                    ['a', 'b'].each { item -> echo "item: ${item['k']}" }
                    if (m) { return }
                }
            }
        }
    }
    post { always { echo 'done' } }
}
"#;
        let s = scan(text);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.max_depth, 8);
        assert!(s.pairs.windows(2).all(|w| w[0].0 < w[1].0));
        let quoted = s.pairs.iter().filter(|p| p.2 == b'$').count();
        assert_eq!(quoted, 5);
    }

    #[test]
    fn missing_close_blamed_by_indentation() {
        let text = "pipeline {\n    stages {\n        stage('Build') {\n            steps {\n                sh 'x'\n        }\n    }\n}\n";
        let p = one(text);
        let steps = text.find("steps {").unwrap_or_default() + 6;
        assert_eq!(
            p.kind,
            ProblemKind::Unclosed {
                open: '{',
                context: Some("steps".into())
            }
        );
        assert_eq!(p.span, Span::new(steps, steps + 1));
        let closer = text.find("        }").unwrap_or_default() + 8;
        assert_eq!(
            p.related,
            Some((Span::new(closer, closer + 1), OUTER_BLOCK.into()))
        );
    }

    #[test]
    fn missing_close_without_hint_blames_outermost() {
        let p = one("pipeline {\n\tstages {\n\t\tstage('A') { steps { sh 'x' } }\n\t}\n");
        assert_eq!(
            p.kind,
            ProblemKind::Unclosed {
                open: '{',
                context: Some("pipeline".into())
            }
        );
        assert_eq!(p.related, None);
    }

    #[test]
    fn extra_close_blamed_by_indentation() {
        let text = "pipeline {\n    stages {\n        stage('A') {\n            steps {\n                sh 'x'\n                }\n            }\n        }\n    }\n}\n";
        let p = one(text);
        let extra = text.find("                }").unwrap_or_default() + 16;
        assert_eq!(p.kind, ProblemKind::UnexpectedClose { close: '}' });
        assert_eq!(p.span, Span::new(extra, extra + 1));
        let last = text.len() - 2;
        assert_eq!(
            p.related,
            Some((Span::new(last, last + 1), NOTHING_LEFT.into()))
        );
        assert_eq!(one("a {\n}\n}").span, Span::new(6, 7));
    }

    #[test]
    fn deep_nesting() {
        let text = "[".repeat(100_000);
        let s = scan(&text);
        assert_eq!(s.max_depth, 100_000);
        assert_eq!(s.problems.len(), 1);
        assert_eq!(
            s.problems[0].kind,
            ProblemKind::Unclosed {
                open: '[',
                context: None
            }
        );
        let closed = format!("{}{}", "(".repeat(100_000), ")".repeat(100_000));
        let s = scan(&closed);
        assert!(s.problems.is_empty());
        assert_eq!(s.pairs.len(), 100_000);
        let interpolated = "\"${".repeat(50_000);
        assert_eq!(scan(&interpolated).max_depth, 50_000);
    }

    #[test]
    fn never_panics() {
        let sample = "#!x\nnode { sh \"\"\"a ${b[\"c\"] / 2} $d \\q\"\"\" ; x = /r\\/$/ + $/y$$/$ '\\u12' /* c */ // e\n \"$\" (] } é'\\é ''' \\\\u";
        for end in 0..=sample.len() {
            if let Some(prefix) = sample.get(..end) {
                let _ = scan(prefix);
            }
            if let Some(suffix) = sample.get(end..) {
                let _ = scan(suffix);
            }
        }
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..2_000 {
            let bytes: Vec<u8> = (0..64)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    b"(){}[]'\"/\\$u*\n 0a=.-"[(seed % 20) as usize]
                })
                .collect();
            let _ = scan(&String::from_utf8_lossy(&bytes));
        }
    }
}
