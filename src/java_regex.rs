//! Whether a pattern compiles under `java.util.regex.Pattern`, and if not, Java's
//! `PatternSyntaxException` for it.
//!
//! This is a port of the parsing half of OpenJDK's `Pattern` (the JDK 25 sources): the same
//! cursor over the same code point array (after the same `\Q…\E` rewriting), the same
//! recursive descent (`expr`, `sequence`, `atom`, `closure`, `group0`, `clazz`, `range`,
//! `escape`, `family`, …) and the same error texts at the same indexes, but without building a
//! matcher. Of the node tree only what `TreeInfo` needs is kept, so that look-behinds without an
//! obvious maximum length are refused exactly where Java refuses them.
//!
//! Known gaps: `\N{name}` accepts any name made of letters, digits, blanks, `-` and `_` (Java
//! looks it up in the Unicode name table); `\p{…}` block and script names are those of Java 17
//! and Java 25 together; patterns nested deeper than [`MAX_DEPTH`] are refused as Java refuses
//! patterns that overflow its stack. Where JDKs differ this follows JDK 25: Java 17 says
//! "Unexpected internal error" for a trailing backslash (JDK 19 changed that), and accepts a few
//! classes ending in `&&]` (such as `[^[b]a&&]`) that JDK 25 refuses with "Bad intersection
//! syntax".

/// A pattern Java refuses: the parts of its `PatternSyntaxException`.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct JavaRegexError {
    /// `getDescription()`, such as `Illegal repetition`.
    pub description: String,
    /// `getIndex()` when it is not -1: an index into the pattern's code points (after Java's
    /// `\Q…\E` rewriting, as Java counts it).
    pub index: Option<usize>,
    /// `getMessage()`: the description, ` near index N`, then the pattern and a caret line, each
    /// after a newline.
    pub message: String,
}

use std::fmt::Write as _;

/// Compiles `pattern` as `Pattern.compile(pattern)` does (no flags), as far as syntax goes.
pub fn check(pattern: &str) -> Result<(), JavaRegexError> {
    if pattern.is_empty() {
        return Ok(());
    }
    let mut parser = Parser::new(pattern);
    parser.compile().map_err(|failure| {
        let index = usize::try_from(failure.index).ok();
        JavaRegexError {
            message: message(&failure.description, failure.index, pattern),
            description: failure.description,
            index,
        }
    })
}

/// How deep groups and classes may nest before the check gives up as Java does when its stack
/// overflows.
pub const MAX_DEPTH: usize = 200;

/// `PatternSyntaxException.getMessage()`.
fn message(description: &str, index: i64, pattern: &str) -> String {
    let mut out = description.to_owned();
    if index >= 0 {
        let _ = write!(out, " near index {index}");
    }
    out.push('\n');
    out.push_str(pattern);
    let units: Vec<u16> = pattern.encode_utf16().collect();
    let Some(caret) = usize::try_from(index).ok().filter(|&i| i < units.len()) else {
        return out;
    };
    out.push('\n');
    for &unit in &units[..caret] {
        out.push(if unit == u16::from(b'\t') { '\t' } else { ' ' });
    }
    out.push('^');
    out
}

// The flags of `Pattern` that change how a pattern parses.
const UNIX_LINES: u32 = 0x01;
const CASE_INSENSITIVE: u32 = 0x02;
const COMMENTS: u32 = 0x04;
const MULTILINE: u32 = 0x08;
const DOTALL: u32 = 0x20;
const UNICODE_CASE: u32 = 0x40;
const CANON_EQ: u32 = 0x80;
const UNICODE_CHARACTER_CLASS: u32 = 0x100;

const MAX_REPS: i32 = 0x7FFF_FFFF;

/// A syntax error: description and Java's index (`cursor - 1`, so possibly -1).
struct Failure {
    description: String,
    index: i64,
}

type Parsed<T> = Result<T, Failure>;

/// What `TreeInfo` sees of the node tree. Zero-width nodes (anchors, look-arounds, group heads
/// and tails) are left out: their `study` only passes on to the next node.
#[derive(Clone, Debug)]
enum Node {
    /// `CharProperty` (1, 1), `SliceNode` (n, n), `LineEnding` (1, 2).
    Len(i32, i32),
    /// `XGrapheme` and `NFCCharProperty`: one more minimum, not deterministic.
    MinOnly,
    /// `CharPropertyGreedy`: `x*`, `x+` or `x{n,}` over one character.
    CharGreedy(i32),
    /// `Ques` over an atom; `true` for an independent group `(?>…)`.
    Ques(Vec<Node>, bool),
    /// `Curly` or `GroupCurly`: atom, minimum, maximum.
    Curly(Vec<Node>, i32, i32),
    /// `Loop` (with its `Prolog`): a non-deterministic group under a quantifier.
    Loop,
    /// `Branch`: alternatives (`None` when empty); its `study` also covers what follows it.
    Branch(Vec<Option<Vec<Node>>>),
    /// `BackRef` and `CIBackRef`.
    BackRef,
}

/// `Pattern.TreeInfo`.
#[derive(Clone, Copy)]
struct Info {
    min: i32,
    max: i32,
    max_valid: bool,
    deterministic: bool,
}

impl Info {
    const fn new() -> Self {
        Info {
            min: 0,
            max: 0,
            max_valid: true,
            deterministic: true,
        }
    }
}

/// `Node.study` along a chain of nodes, with Java's `int` arithmetic.
fn study(nodes: &[Node], info: &mut Info) {
    for (i, node) in nodes.iter().enumerate() {
        match node {
            Node::Len(min, max) => {
                info.min = info.min.wrapping_add(*min);
                info.max = info.max.wrapping_add(*max);
            }
            Node::MinOnly => {
                info.min = info.min.wrapping_add(1);
                info.deterministic = false;
            }
            Node::CharGreedy(cmin) => {
                info.min = info.min.wrapping_add(*cmin);
                if info.max_valid {
                    info.max = info.max.wrapping_add(MAX_REPS);
                }
                info.deterministic = false;
            }
            Node::Ques(atom, independent) => {
                if *independent {
                    study(atom, info);
                } else {
                    let min = info.min;
                    study(atom, info);
                    info.min = min;
                    info.deterministic = false;
                }
            }
            Node::Curly(atom, cmin, cmax) => {
                let saved = *info;
                *info = Info::new();
                study(atom, info);
                let mut temp = info.min.wrapping_mul(*cmin).wrapping_add(saved.min);
                if temp < saved.min {
                    temp = 0xFFF_FFFF;
                }
                info.min = temp;
                if saved.max_valid && info.max_valid {
                    let temp = info.max.wrapping_mul(*cmax).wrapping_add(saved.max);
                    info.max = temp;
                    if temp < saved.max {
                        info.max_valid = false;
                    }
                } else {
                    info.max_valid = false;
                }
                info.deterministic = info.deterministic && cmin == cmax && saved.deterministic;
            }
            Node::Loop => {
                info.max_valid = false;
                info.deterministic = false;
                return;
            }
            Node::Branch(alternatives) => {
                let mut min = info.min;
                let mut max = info.max;
                let mut max_valid = info.max_valid;
                let mut min2 = i32::MAX;
                let mut max2 = -1;
                for alternative in alternatives {
                    *info = Info::new();
                    if let Some(atom) = alternative {
                        study(atom, info);
                    }
                    min2 = min2.min(info.min);
                    max2 = max2.max(info.max);
                    max_valid &= info.max_valid;
                }
                min = min.wrapping_add(min2);
                max = max.wrapping_add(max2);
                *info = Info::new();
                study(&nodes[i + 1..], info);
                info.min = info.min.wrapping_add(min);
                info.max = info.max.wrapping_add(max);
                info.max_valid &= max_valid;
                info.deterministic = false;
                return;
            }
            Node::BackRef => info.max_valid = false,
        }
    }
}

/// A parsed atom and whether it is a `CharProperty` (which `*` and `+` turn into a
/// `CharPropertyGreedy`).
struct Piece {
    nodes: Vec<Node>,
    char_property: bool,
}

impl Piece {
    fn char_property(canon: bool) -> Piece {
        if canon {
            Piece::other(vec![Node::MinOnly])
        } else {
            Piece {
                nodes: vec![Node::Len(1, 1)],
                char_property: true,
            }
        }
    }

    fn other(nodes: Vec<Node>) -> Piece {
        Piece {
            nodes,
            char_property: false,
        }
    }
}

/// A quantifier as `closure` read it.
#[derive(Clone, Copy)]
enum Quantifier {
    None,
    /// `?`, `??`, `?+`, `{0,1}`…; whether possessive.
    Ques(bool),
    /// `*`, `+` or `{n,}` (made by `curly`): minimum, greedy, possessive.
    Open(i32, bool, bool),
    /// `{n}` or `{n,m}`: minimum, maximum, possessive.
    Counted(i32, i32, bool),
}

/// What `escape` gave: a character, or a node (`-1` in Java).
enum Escape {
    Char(i64),
    Node(Piece),
}

struct Parser {
    /// `Pattern.temp`: code points, then two zeros.
    temp: Vec<u32>,
    /// `patternLength`.
    len: usize,
    cursor: usize,
    flags: u32,
    capturing_groups: i64,
    names: Vec<String>,
    depth: usize,
}

fn is_digit(ch: u32) -> bool {
    (0x30..=0x39).contains(&ch)
}

fn is_hex(ch: u32) -> bool {
    is_digit(ch) || (0x41..=0x46).contains(&ch) || (0x61..=0x66).contains(&ch)
}

fn is_alpha(ch: u32) -> bool {
    (0x41..=0x5A).contains(&ch) || (0x61..=0x7A).contains(&ch)
}

/// `ASCII.isSpace`.
fn is_space(ch: u32) -> bool {
    ch == 0x20 || (0x09..=0x0D).contains(&ch)
}

fn hex_value(ch: u32) -> i64 {
    char::from_u32(ch)
        .and_then(|c| c.to_digit(16))
        .map_or(0, i64::from)
}

fn digit_value(ch: u32) -> i32 {
    char::from_u32(ch)
        .and_then(|c| c.to_digit(10))
        .and_then(|d| i32::try_from(d).ok())
        .unwrap_or(0)
}

fn c(ch: char) -> u32 {
    u32::from(ch)
}

impl Parser {
    fn new(pattern: &str) -> Parser {
        let mut temp: Vec<u32> = pattern.chars().map(u32::from).collect();
        let len = temp.len();
        temp.extend([0, 0]);
        let mut parser = Parser {
            temp,
            len,
            cursor: 0,
            flags: 0,
            capturing_groups: 1,
            names: Vec::new(),
            depth: 0,
        };
        parser.remove_qe_quoting();
        parser
    }

    /// `Pattern.RemoveQEQuoting`: `\Q…\E` becomes escaped characters.
    fn remove_qe_quoting(&mut self) {
        let len = self.len;
        let temp = &self.temp;
        let mut i = 0;
        while i + 1 < len {
            if temp[i] != c('\\') {
                i += 1;
            } else if temp[i + 1] != c('Q') {
                i += 2;
            } else {
                break;
            }
        }
        if i + 1 >= len {
            return;
        }
        let mut out: Vec<u32> = temp[..i].to_vec();
        i += 2;
        let mut in_quote = true;
        let mut begin_quote = true;
        while i < len {
            let ch = temp[i];
            i += 1;
            if ch >= 0x80 || is_alpha(ch) {
                out.push(ch);
            } else if is_digit(ch) {
                if begin_quote {
                    // Keep a digit from joining an escape before the quote.
                    out.extend([c('\\'), c('x'), c('3')]);
                }
                out.push(ch);
            } else if ch != c('\\') {
                if in_quote {
                    out.push(c('\\'));
                }
                out.push(ch);
            } else if in_quote {
                if temp[i] == c('E') {
                    i += 1;
                    in_quote = false;
                } else {
                    out.extend([c('\\'), c('\\')]);
                }
            } else if temp[i] == c('Q') {
                i += 1;
                in_quote = true;
                begin_quote = true;
                continue;
            } else {
                out.push(ch);
                if i != len {
                    out.push(temp[i]);
                    i += 1;
                }
            }
            begin_quote = false;
        }
        self.len = out.len();
        out.extend([0, 0]);
        self.temp = out;
    }

    fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    fn at(&self, i: usize) -> u32 {
        self.temp.get(i).copied().unwrap_or(0)
    }

    fn error(&self, description: impl Into<String>) -> Failure {
        Failure {
            description: description.into(),
            index: i64::try_from(self.cursor).unwrap_or(i64::MAX) - 1,
        }
    }

    fn peek(&mut self) -> u32 {
        let ch = self.at(self.cursor);
        if self.has(COMMENTS) {
            self.peek_past_whitespace(ch)
        } else {
            ch
        }
    }

    fn read(&mut self) -> u32 {
        let ch = self.at(self.cursor);
        self.cursor += 1;
        if self.has(COMMENTS) {
            self.parse_past_whitespace(ch)
        } else {
            ch
        }
    }

    fn next(&mut self) -> u32 {
        self.cursor += 1;
        let ch = self.at(self.cursor);
        if self.has(COMMENTS) {
            self.peek_past_whitespace(ch)
        } else {
            ch
        }
    }

    fn next_escaped(&mut self) -> u32 {
        self.cursor += 1;
        self.at(self.cursor)
    }

    fn skip(&mut self) -> u32 {
        let ch = self.at(self.cursor + 1);
        self.cursor += 2;
        ch
    }

    fn unread(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    fn mark(&mut self, ch: u32) {
        if let Some(slot) = self.temp.get_mut(self.len) {
            *slot = ch;
        }
    }

    fn accept(&mut self, ch: u32, description: &str) -> Parsed<()> {
        let mut test = self.at(self.cursor);
        self.cursor += 1;
        if self.has(COMMENTS) {
            test = self.parse_past_whitespace(test);
        }
        if test == ch {
            Ok(())
        } else {
            Err(self.error(description))
        }
    }

    fn peek_past_whitespace(&mut self, mut ch: u32) -> u32 {
        while is_space(ch) || ch == c('#') {
            while is_space(ch) {
                self.cursor += 1;
                ch = self.at(self.cursor);
            }
            if ch == c('#') {
                ch = self.peek_past_line();
            }
        }
        ch
    }

    fn parse_past_whitespace(&mut self, mut ch: u32) -> u32 {
        while is_space(ch) || ch == c('#') {
            while is_space(ch) {
                ch = self.at(self.cursor);
                self.cursor += 1;
            }
            if ch == c('#') {
                ch = self.parse_past_line();
            }
        }
        ch
    }

    fn parse_past_line(&mut self) -> u32 {
        let mut ch = self.at(self.cursor);
        self.cursor += 1;
        while ch != 0 && !self.is_line_separator(ch) {
            ch = self.at(self.cursor);
            self.cursor += 1;
        }
        if ch == 0 && self.cursor > self.len {
            self.cursor = self.len;
            ch = self.at(self.cursor);
            self.cursor += 1;
        }
        ch
    }

    fn peek_past_line(&mut self) -> u32 {
        self.cursor += 1;
        let mut ch = self.at(self.cursor);
        while ch != 0 && !self.is_line_separator(ch) {
            self.cursor += 1;
            ch = self.at(self.cursor);
        }
        if ch == 0 && self.cursor > self.len {
            self.cursor = self.len;
            ch = self.at(self.cursor);
        }
        ch
    }

    fn is_line_separator(&self, ch: u32) -> bool {
        if self.has(UNIX_LINES) {
            ch == c('\n')
        } else {
            ch == c('\n') || ch == c('\r') || (ch | 1) == 0x2029 || ch == 0x85
        }
    }

    /// `Pattern.compile()` after the set-up.
    fn compile(&mut self) -> Parsed<()> {
        self.expr()?;
        if self.len != self.cursor {
            return Err(if self.peek() == c(')') {
                self.error("Unmatched closing ')'")
            } else if self.cursor == self.len + 1
                && self.len.checked_sub(1).map(|i| self.at(i)) == Some(c('\\'))
            {
                self.error("Unescaped trailing backslash")
            } else {
                self.error("Unexpected internal error")
            });
        }
        Ok(())
    }

    fn enter(&mut self) -> Parsed<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(self.error("Stack overflow during pattern compilation"))
        } else {
            Ok(())
        }
    }

    /// `Pattern.expr`: alternatives.
    fn expr(&mut self) -> Parsed<Vec<Node>> {
        self.enter()?;
        let mut alternatives = Vec::new();
        loop {
            let nodes = self.sequence()?;
            alternatives.push((!nodes.is_empty()).then_some(nodes));
            if self.peek() != c('|') {
                break;
            }
            self.next();
        }
        self.depth -= 1;
        Ok(if alternatives.len() == 1 {
            alternatives.pop().flatten().unwrap_or_default()
        } else {
            vec![Node::Branch(alternatives)]
        })
    }

    /// `Pattern.sequence`: atoms and their quantifiers up to `|` or `)`.
    fn sequence(&mut self) -> Parsed<Vec<Node>> {
        let mut nodes = Vec::new();
        loop {
            let ch = self.peek();
            let piece = match char::from_u32(ch).unwrap_or('\u{fffd}') {
                '(' => {
                    if let Some(group) = self.group0()? {
                        nodes.extend(group);
                    }
                    continue;
                }
                '[' => {
                    let canon = self.has(CANON_EQ);
                    self.clazz(true)?;
                    Piece::char_property(canon)
                }
                '\\' => {
                    let ch = self.next_escaped();
                    if ch == c('p') || ch == c('P') {
                        let ch = self.next();
                        let one_letter = ch != c('{');
                        if one_letter {
                            self.unread();
                        }
                        let canon = self.has(CANON_EQ);
                        self.family(one_letter)?;
                        Piece::char_property(canon)
                    } else {
                        self.unread();
                        self.atom()?
                    }
                }
                '^' | '$' => {
                    self.next();
                    Piece::other(Vec::new())
                }
                '.' => {
                    self.next();
                    Piece::char_property(false)
                }
                '|' | ')' => break,
                '?' | '*' | '+' => {
                    self.next();
                    return Err(self.error(format!(
                        "Dangling meta character '{}'",
                        char::from_u32(ch).unwrap_or('?')
                    )));
                }
                '\0' if self.cursor >= self.len => break,
                _ => self.atom()?,
            };
            let quantifier = self.closure()?;
            nodes.extend(apply(piece, quantifier));
        }
        Ok(nodes)
    }

    /// `Pattern.atom`: a run of literal characters, or one escape.
    fn atom(&mut self) -> Parsed<Piece> {
        let mut first = 0;
        let mut prev = self.cursor;
        let mut ch = self.peek();
        loop {
            match char::from_u32(ch).unwrap_or('\u{fffd}') {
                '*' | '+' | '?' | '{' => {
                    if first > 1 {
                        self.cursor = prev;
                        first -= 1;
                    }
                    break;
                }
                '$' | '.' | '^' | '(' | '[' | '|' | ')' => break,
                '\\' => {
                    let ch2 = self.next_escaped();
                    if ch2 == c('p') || ch2 == c('P') {
                        if first > 0 {
                            self.unread();
                            break;
                        }
                        let ch3 = self.next();
                        let one_letter = ch3 != c('{');
                        if one_letter {
                            self.unread();
                        }
                        let canon = self.has(CANON_EQ);
                        self.family(one_letter)?;
                        return Ok(Piece::char_property(canon));
                    }
                    self.unread();
                    prev = self.cursor;
                    match self.escape(false, first == 0, false)? {
                        Escape::Char(_) => {
                            first += 1;
                            ch = self.peek();
                        }
                        Escape::Node(piece) if first == 0 => return Ok(piece),
                        Escape::Node(_) => {
                            self.cursor = prev;
                            break;
                        }
                    }
                }
                '\0' if self.cursor >= self.len => break,
                _ => {
                    prev = self.cursor;
                    first += 1;
                    ch = self.next();
                }
            }
        }
        Ok(if first == 1 {
            Piece::char_property(false)
        } else {
            Piece::other(vec![Node::Len(first, first)])
        })
    }

    /// `Pattern.ref`: a numbered back reference takes further digits while such a group exists.
    fn back_reference(&mut self, mut number: i64) -> Piece {
        loop {
            let ch = self.peek();
            if !is_digit(ch) {
                break;
            }
            let longer = number * 10 + i64::from(ch - c('0'));
            if self.capturing_groups - 1 < longer {
                break;
            }
            number = longer;
            self.read();
        }
        Piece::other(vec![Node::BackRef])
    }

    /// `Pattern.escape`: what follows a backslash.
    fn escape(&mut self, in_class: bool, create: bool, is_range: bool) -> Parsed<Escape> {
        let ch = self.skip();
        let Some(letter) = char::from_u32(ch) else {
            return Ok(Escape::Char(i64::from(ch)));
        };
        let node = |nodes: Vec<Node>| Ok(Escape::Node(Piece::other(nodes)));
        let char_class = || Ok(Escape::Node(Piece::char_property(false)));
        match letter {
            '0' => return Ok(Escape::Char(self.octal()?)),
            '1'..='9' if !in_class => {
                if create {
                    return Ok(Escape::Node(self.back_reference(i64::from(ch - c('0')))));
                }
                return node(vec![Node::BackRef]);
            }
            'A' | 'B' | 'G' | 'Z' | 'z' if !in_class => return node(Vec::new()),
            'v' if is_range => return Ok(Escape::Char(0x0B)),
            'D' | 'd' | 'H' | 'h' | 'S' | 's' | 'V' | 'v' | 'W' | 'w' => return char_class(),
            'N' => return Ok(Escape::Char(self.named_character()?)),
            'R' if !in_class => return node(vec![Node::Len(1, 2)]),
            'X' if !in_class => return node(vec![Node::MinOnly]),
            'a' => return Ok(Escape::Char(7)),
            'b' if !in_class => {
                if create && self.peek() == c('{') {
                    if self.skip() == c('g') {
                        if self.read() == c('}') {
                            return node(Vec::new());
                        }
                        return Err(self.error("Illegal/unsupported escape sequence"));
                    }
                    self.unread();
                    self.unread();
                }
                return node(Vec::new());
            }
            'c' => return Ok(Escape::Char(self.control()?)),
            'e' => return Ok(Escape::Char(0x1B)),
            'f' => return Ok(Escape::Char(0x0C)),
            'k' if !in_class => {
                if self.read() != c('<') {
                    return Err(self.error("\\k is not followed by '<' for named capturing group"));
                }
                let first = self.read();
                let name = self.group_name(first)?;
                if !self.names.contains(&name) {
                    return Err(
                        self.error(format!("named capturing group <{name}> does not exist"))
                    );
                }
                return node(vec![Node::BackRef]);
            }
            'n' => return Ok(Escape::Char(0x0A)),
            'r' => return Ok(Escape::Char(0x0D)),
            't' => return Ok(Escape::Char(0x09)),
            'u' => return Ok(Escape::Char(self.unicode()?)),
            'x' => return Ok(Escape::Char(self.hexadecimal()?)),
            _ if letter.is_ascii_alphanumeric() => {}
            _ => return Ok(Escape::Char(i64::from(ch))),
        }
        Err(self.error("Illegal/unsupported escape sequence"))
    }

    /// `Pattern.clazz`: a character class, after its `[`. Only whether each predicate Java
    /// builds is null matters, for its "Bad class syntax" and "Bad intersection syntax".
    fn clazz(&mut self, consume: bool) -> Parsed<()> {
        self.enter()?;
        let mut prev = false;
        let mut curr = false;
        let mut has_bits = false;
        let mut ch = self.next();
        if ch == c('^') && self.at(self.cursor - 1) == c('[') {
            ch = self.next();
        }
        loop {
            if ch == c('[') {
                self.clazz(true)?;
                curr = true;
                prev = true;
                ch = self.peek();
                continue;
            } else if ch == c('&') {
                ch = self.next();
                if ch == c('&') {
                    ch = self.next();
                    let mut right = false;
                    while ch != c(']') && ch != c('&') {
                        if ch != c('[') {
                            self.unread();
                        }
                        self.clazz(ch == c('['))?;
                        right = true;
                        ch = self.peek();
                    }
                    if has_bits {
                        if !prev {
                            curr = true;
                        }
                        prev = true;
                        has_bits = false;
                    }
                    if right {
                        curr = true;
                    }
                    if !prev {
                        if !right {
                            return Err(self.error("Bad class syntax"));
                        }
                        prev = true;
                    } else if !curr {
                        return Err(self.error("Bad intersection syntax"));
                    }
                    continue;
                }
                self.unread();
            } else if ch == 0 {
                if self.cursor >= self.len {
                    return Err(self.error("Unclosed character class"));
                }
            } else if ch == c(']') && (prev || has_bits) {
                if consume {
                    self.next();
                }
                self.depth -= 1;
                return Ok(());
            }
            curr = self.range()?;
            if curr {
                prev = true;
            } else {
                has_bits = true;
            }
            ch = self.peek();
        }
    }

    /// `Pattern.bitsOrSingle`: whether the character gets a predicate of its own (rather than
    /// a bit in the class's `BitClass`).
    fn single_predicate(&self, ch: i64) -> bool {
        let folds_far = self.has(CASE_INSENSITIVE)
            && self.has(UNICODE_CASE)
            && [0xff, 0xb5, 0x49, 0x69, 0x53, 0x73, 0x4b, 0x6b, 0xc5, 0xe5].contains(&ch);
        ch >= 256 || folds_far
    }

    /// `Pattern.range`: one member of a class; whether Java returns a predicate for it.
    fn range(&mut self) -> Parsed<bool> {
        let ch = self.peek();
        let value = if ch == c('\\') {
            let ch = self.next_escaped();
            if ch == c('p') || ch == c('P') {
                let ch = self.next();
                let one_letter = ch != c('{');
                if one_letter {
                    self.unread();
                }
                self.family(one_letter)?;
                return Ok(true);
            }
            let is_range = self.at(self.cursor + 1) == c('-');
            self.unread();
            match self.escape(true, true, is_range)? {
                Escape::Node(_) => return Ok(true),
                Escape::Char(value) => value,
            }
        } else {
            self.next();
            i64::from(ch)
        };
        if self.peek() == c('-') {
            let end = self.at(self.cursor + 1);
            if end == c('[') {
                return Ok(self.single_predicate(value));
            }
            if end != c(']') {
                self.next();
                let m = self.peek();
                let m = if m == c('\\') {
                    match self.escape(true, false, true)? {
                        Escape::Char(m) => m,
                        Escape::Node(_) => -1,
                    }
                } else {
                    self.next();
                    i64::from(m)
                };
                if m < value {
                    return Err(self.error("Illegal character range"));
                }
                return Ok(true);
            }
        }
        Ok(self.single_predicate(value))
    }

    /// `Pattern.family`: the name of `\p{…}` or `\pX`, which Java must know.
    fn family(&mut self, single_letter: bool) -> Parsed<()> {
        self.next();
        let name: String = if single_letter {
            let ch = self.at(self.cursor);
            self.read();
            char::from_u32(ch).map(String::from).unwrap_or_default()
        } else {
            let start = self.cursor;
            self.mark(c('}'));
            while self.read() != c('}') {
                if self.cursor > self.len + 2 {
                    break;
                }
            }
            self.mark(0);
            let end = self.cursor;
            if end > self.len {
                return Err(self.error("Unclosed character family"));
            }
            if start + 1 >= end {
                return Err(self.error("Empty character family"));
            }
            self.temp[start..end - 1]
                .iter()
                .filter_map(|&ch| char::from_u32(ch))
                .collect()
        };
        if let Some(i) = name.find('=') {
            let value = &name[i + 1..];
            let key = name[..i].to_lowercase();
            let known = match key.as_str() {
                "sc" | "script" => is_script(value),
                "blk" | "block" => is_block(value),
                "gc" | "general_category" => is_property(value),
                _ => false,
            };
            if !known {
                return Err(self.error(format!(
                    "Unknown Unicode property {{name=<{key}>, value=<{value}>}}"
                )));
            }
        } else {
            let known = if let Some(block) = name.strip_prefix("In") {
                is_block(block)
            } else if let Some(short) = name.strip_prefix("Is") {
                is_unicode_property(short) || is_property(short) || is_script(short)
            } else {
                (self.has(UNICODE_CHARACTER_CLASS) && is_posix(&name.to_uppercase()))
                    || is_property(&name)
            };
            if !known {
                return Err(self.error(format!("Unknown character property name {{{name}}}")));
            }
        }
        Ok(())
    }

    /// `Pattern.groupname`: a group name and its closing `>`.
    fn group_name(&mut self, mut ch: u32) -> Parsed<String> {
        if !is_alpha(ch) {
            return Err(self.error("capturing group name does not start with a Latin letter"));
        }
        let mut name = String::new();
        loop {
            name.push(char::from_u32(ch).unwrap_or('?'));
            ch = self.read();
            if !(is_alpha(ch) || is_digit(ch)) {
                break;
            }
        }
        if ch != c('>') {
            return Err(self.error("named capturing group is missing trailing '>'"));
        }
        Ok(name)
    }

    /// `Pattern.group0`: a group and its quantifier; `None` for a flags-only `(?i)`.
    fn group0(&mut self) -> Parsed<Option<Vec<Node>>> {
        let saved_flags = self.flags;
        let ch = self.next();
        // Zero-width groups keep nothing of their body for `study`; independent ones keep it
        // under a `Ques`.
        let (body, zero_width) = if ch == c('?') {
            let ch = self.skip();
            match char::from_u32(ch).unwrap_or('\u{fffd}') {
                ':' => (self.expr()?, false),
                '=' | '!' => {
                    self.expr()?;
                    (Vec::new(), true)
                }
                '>' => {
                    let body = self.expr()?;
                    (vec![Node::Ques(body, true)], true)
                }
                '<' => {
                    let ch = self.read();
                    if ch == c('=') || ch == c('!') {
                        let body = self.expr()?;
                        let mut info = Info::new();
                        study(&body, &mut info);
                        if !info.max_valid {
                            return Err(self.error(
                                "Look-behind group does not have an obvious maximum length",
                            ));
                        }
                        (Vec::new(), true)
                    } else {
                        let name = self.group_name(ch)?;
                        if self.names.contains(&name) {
                            return Err(self.error(format!(
                                "Named capturing group <{name}> is already defined"
                            )));
                        }
                        self.capturing_groups += 1;
                        self.names.push(name);
                        (self.expr()?, false)
                    }
                }
                '$' | '@' => return Err(self.error("Unknown group type")),
                _ => {
                    self.unread();
                    self.add_flags();
                    let ch = self.read();
                    if ch == c(')') {
                        return Ok(None);
                    }
                    if ch != c(':') {
                        return Err(self.error("Unknown inline modifier"));
                    }
                    (self.expr()?, false)
                }
            }
        } else {
            self.capturing_groups += 1;
            (self.expr()?, false)
        };
        self.accept(c(')'), "Unclosed group")?;
        self.flags = saved_flags;
        let quantifier = self.closure()?;
        if zero_width {
            return Ok(Some(apply(Piece::other(body), quantifier)));
        }
        Ok(Some(match quantifier {
            Quantifier::None => body,
            Quantifier::Ques(true) => vec![Node::Ques(body, false)],
            Quantifier::Ques(false) => vec![Node::Branch(vec![Some(body), None])],
            Quantifier::Open(cmin, _, possessive) => group_curly(body, cmin, MAX_REPS, possessive),
            Quantifier::Counted(cmin, cmax, possessive) => {
                group_curly(body, cmin, cmax, possessive)
            }
        }))
    }

    /// `Pattern.addFlag` (and `subFlag` after a `-`).
    fn add_flags(&mut self) {
        let mut ch = self.peek();
        let mut on = true;
        loop {
            let flag = match char::from_u32(ch).unwrap_or('\u{fffd}') {
                'i' => CASE_INSENSITIVE,
                'm' => MULTILINE,
                's' => DOTALL,
                'd' => UNIX_LINES,
                'u' => UNICODE_CASE,
                'c' => CANON_EQ,
                'x' => COMMENTS,
                'U' => UNICODE_CHARACTER_CLASS | UNICODE_CASE,
                '-' if on => {
                    on = false;
                    ch = self.next();
                    continue;
                }
                _ => return,
            };
            if on {
                self.flags |= flag;
            } else {
                self.flags &= !flag;
            }
            ch = self.next();
        }
    }

    /// `Pattern.qtype`: whether a quantifier is followed by `+` (possessive) or `?` (lazy).
    /// Returns (greedy, possessive).
    fn qtype(&mut self) -> (bool, bool) {
        let ch = self.next();
        if ch == c('?') {
            self.next();
            (false, false)
        } else if ch == c('+') {
            self.next();
            (false, true)
        } else {
            (true, false)
        }
    }

    /// `Pattern.closure`: the quantifier after an atom, if any.
    fn closure(&mut self) -> Parsed<Quantifier> {
        let ch = self.peek();
        if ch == c('?') {
            let (_, possessive) = self.qtype();
            return Ok(Quantifier::Ques(possessive));
        }
        if ch == c('*') || ch == c('+') {
            let (greedy, possessive) = self.qtype();
            return Ok(Quantifier::Open(
                i32::from(ch == c('+')),
                greedy,
                possessive,
            ));
        }
        if ch != c('{') {
            return Ok(Quantifier::None);
        }
        let mut ch = self.skip();
        if !is_digit(ch) {
            return Err(self.error("Illegal repetition"));
        }
        let mut cmin: i32 = 0;
        let cmax;
        loop {
            cmin = match cmin
                .checked_mul(10)
                .and_then(|v| v.checked_add(digit_value(ch)))
            {
                Some(v) => v,
                None => return Err(self.error("Illegal repetition range")),
            };
            ch = self.read();
            if !is_digit(ch) {
                break;
            }
        }
        if ch == c(',') {
            ch = self.read();
            if ch == c('}') {
                self.unread();
                let (greedy, possessive) = self.qtype();
                return Ok(Quantifier::Open(cmin, greedy, possessive));
            }
            let mut max: i32 = 0;
            while is_digit(ch) {
                max = match max
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(digit_value(ch)))
                {
                    Some(v) => v,
                    None => return Err(self.error("Illegal repetition range")),
                };
                ch = self.read();
            }
            cmax = max;
        } else {
            cmax = cmin;
        }
        if ch != c('}') {
            return Err(self.error("Unclosed counted closure"));
        }
        if cmax < cmin {
            return Err(self.error("Illegal repetition range"));
        }
        self.unread();
        let (_, possessive) = self.qtype();
        Ok(if cmin == 0 && cmax == 1 {
            Quantifier::Ques(possessive)
        } else {
            Quantifier::Counted(cmin, cmax, possessive)
        })
    }

    /// `Pattern.c`: `\cX`.
    fn control(&mut self) -> Parsed<i64> {
        if self.cursor < self.len {
            return Ok(i64::from(self.read() ^ 64));
        }
        Err(self.error("Illegal control escape sequence"))
    }

    /// `Pattern.o`: `\0n`, `\0nn`, `\0mnn`.
    fn octal(&mut self) -> Parsed<i64> {
        let is_octal = |ch: u32| ch >= c('0') && ch <= c('7');
        let n = self.read();
        if !is_octal(n) {
            return Err(self.error("Illegal octal escape sequence"));
        }
        let m = self.read();
        if !is_octal(m) {
            self.unread();
            return Ok(i64::from(n - c('0')));
        }
        let o = self.read();
        if is_octal(o) && n <= c('3') {
            return Ok(i64::from(
                (n - c('0')) * 64 + (m - c('0')) * 8 + (o - c('0')),
            ));
        }
        self.unread();
        Ok(i64::from((n - c('0')) * 8 + (m - c('0'))))
    }

    /// `Pattern.x`: `\xhh` and `\x{h…h}`.
    fn hexadecimal(&mut self) -> Parsed<i64> {
        let n = self.read();
        if is_hex(n) {
            let m = self.read();
            if is_hex(m) {
                return Ok(hex_value(n) * 16 + hex_value(m));
            }
        } else if n == c('{') && is_hex(self.peek()) {
            let mut value = 0;
            let mut n = self.read();
            while is_hex(n) {
                value = (value << 4) + hex_value(n);
                if value > 0x10_FFFF {
                    return Err(self.error("Hexadecimal codepoint is too big"));
                }
                n = self.read();
            }
            if n != c('}') {
                return Err(self.error("Unclosed hexadecimal escape sequence"));
            }
            return Ok(value);
        }
        Err(self.error("Illegal hexadecimal escape sequence"))
    }

    /// `Pattern.uxxxx`.
    fn four_hex(&mut self) -> Parsed<i64> {
        let mut value = 0;
        for _ in 0..4 {
            let ch = self.read();
            if !is_hex(ch) {
                return Err(self.error("Illegal Unicode escape sequence"));
            }
            value = value * 16 + hex_value(ch);
        }
        Ok(value)
    }

    /// `Pattern.u`: `\uhhhh`, joining a surrogate pair written as two escapes.
    fn unicode(&mut self) -> Parsed<i64> {
        let high = self.four_hex()?;
        if (0xD800..0xDC00).contains(&high) {
            let saved = self.cursor;
            if self.read() == c('\\') && self.read() == c('u') {
                let low = self.four_hex()?;
                if (0xDC00..0xE000).contains(&low) {
                    return Ok(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
                }
            }
            self.cursor = saved;
        }
        Ok(high)
    }

    /// `Pattern.N`: `\N{name}`. Any plausible name is taken (see the module docs).
    fn named_character(&mut self) -> Parsed<i64> {
        if self.read() != c('{') {
            return Err(self.error("Illegal character name escape sequence"));
        }
        let start = self.cursor;
        while self.read() != c('}') {
            if self.cursor >= self.len {
                return Err(self.error("Unclosed character name escape sequence"));
            }
        }
        let name: String = self.temp[start..self.cursor - 1]
            .iter()
            .filter_map(|&ch| char::from_u32(ch))
            .collect();
        let trimmed = name.trim();
        let plausible = trimmed.chars().any(|c| c.is_ascii_alphabetic())
            && trimmed
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_'));
        if plausible {
            Ok(0)
        } else {
            Err(self.error(format!("Unknown character name [{name}]")))
        }
    }
}

/// The node a quantifier makes of a piece (`closure`, then `curly`).
fn apply(piece: Piece, quantifier: Quantifier) -> Vec<Node> {
    match quantifier {
        Quantifier::None => piece.nodes,
        Quantifier::Ques(_) => vec![Node::Ques(piece.nodes, false)],
        Quantifier::Open(cmin, true, _) if piece.char_property => vec![Node::CharGreedy(cmin)],
        Quantifier::Open(cmin, _, _) => vec![Node::Curly(piece.nodes, cmin, MAX_REPS)],
        Quantifier::Counted(cmin, cmax, _) => vec![Node::Curly(piece.nodes, cmin, cmax)],
    }
}

/// A group under `*`, `+` or `{…}`: `GroupCurly` when its body is deterministic, else a `Loop`
/// (possessive ones stay a `Curly`).
fn group_curly(body: Vec<Node>, cmin: i32, cmax: i32, possessive: bool) -> Vec<Node> {
    if !possessive {
        let mut info = Info::new();
        study(&body, &mut info);
        if !info.deterministic {
            return vec![Node::Loop];
        }
    }
    vec![Node::Curly(body, cmin, cmax)]
}

fn in_list(list: &str, separator: char, name: &str) -> bool {
    list.split(separator).any(|item| item == name)
}

/// `CharPredicates.forProperty`: names taken as written.
fn is_property(name: &str) -> bool {
    in_list(PROPERTIES, ' ', name)
}

/// `CharPredicates.forUnicodeProperty`: binary properties and POSIX names, any case.
fn is_unicode_property(name: &str) -> bool {
    let upper = name.to_uppercase();
    in_list(UNICODE_PROPERTIES, ' ', &upper) || is_posix(&upper)
}

/// `CharPredicates.getPosixPredicate`, for an upper-cased name.
fn is_posix(upper: &str) -> bool {
    in_list(POSIX_NAMES, ' ', upper)
}

/// `Character.UnicodeScript.forName`.
fn is_script(name: &str) -> bool {
    in_list(UNICODE_SCRIPTS, '|', &name.to_uppercase())
}

/// `Character.UnicodeBlock.forName`.
fn is_block(name: &str) -> bool {
    in_list(UNICODE_BLOCKS, '|', &name.to_uppercase())
}

/// The names `CharPredicates.forProperty` knows.
const PROPERTIES: &str = "Cn Lu Ll Lt Lm Lo Mn Me Mc Nd Nl No Zs Zl Zp Cc Cf Co Cs Pd Ps Pe Pc Po \
    Sm Sc Sk So Pi Pf L M N Z C P S LC LD L1 all ASCII Alnum Alpha Blank Cntrl Digit Graph Lower \
    Print Punct Space Upper XDigit javaLowerCase javaUpperCase javaAlphabetic javaIdeographic \
    javaTitleCase javaDigit javaDefined javaLetter javaLetterOrDigit javaJavaIdentifierStart \
    javaJavaIdentifierPart javaUnicodeIdentifierStart javaUnicodeIdentifierPart \
    javaIdentifierIgnorable javaSpaceChar javaWhitespace javaISOControl javaMirrored";

/// The binary properties of `CharPredicates.getUnicodePredicate`.
const UNICODE_PROPERTIES: &str = "ALPHABETIC ASSIGNED CONTROL EMOJI EMOJI_PRESENTATION \
    EMOJI_MODIFIER EMOJI_MODIFIER_BASE EMOJI_COMPONENT EXTENDED_PICTOGRAPHIC HEXDIGIT HEX_DIGIT \
    IDEOGRAPHIC JOINCONTROL JOIN_CONTROL LETTER LOWERCASE NONCHARACTERCODEPOINT \
    NONCHARACTER_CODE_POINT TITLECASE PUNCTUATION UPPERCASE WHITESPACE WHITE_SPACE WORD";

/// The names of `CharPredicates.getPosixPredicate`.
const POSIX_NAMES: &str =
    "ALPHA LOWER UPPER SPACE PUNCT XDIGIT ALNUM CNTRL DIGIT BLANK GRAPH PRINT";

/// Keys of `Character.UnicodeBlock.forName` (upper case), Java 17 and 25 together, `|`-separated.
const UNICODE_BLOCKS: &str = "ADLAM|AEGEAN NUMBERS|AEGEANNUMBERS|AEGEAN_NUMBERS|AHOM|ALCHEMICAL SYMBOLS|\
    ALCHEMICALSYMBOLS|ALCHEMICAL_SYMBOLS|ALPHABETIC PRESENTATION FORMS|\
    ALPHABETICPRESENTATIONFORMS|ALPHABETIC_PRESENTATION_FORMS|ANATOLIAN HIEROGLYPHS|\
    ANATOLIANHIEROGLYPHS|ANATOLIAN_HIEROGLYPHS|ANCIENT GREEK MUSICAL NOTATION|\
    ANCIENT GREEK NUMBERS|ANCIENT SYMBOLS|ANCIENTGREEKMUSICALNOTATION|ANCIENTGREEKNUMBERS|\
    ANCIENTSYMBOLS|ANCIENT_GREEK_MUSICAL_NOTATION|ANCIENT_GREEK_NUMBERS|ANCIENT_SYMBOLS|\
    ARABIC|ARABIC EXTENDED-A|ARABIC EXTENDED-B|ARABIC EXTENDED-C|\
    ARABIC MATHEMATICAL ALPHABETIC SYMBOLS|ARABIC PRESENTATION FORMS-A|\
    ARABIC PRESENTATION FORMS-B|ARABIC SUPPLEMENT|ARABICEXTENDED-A|ARABICEXTENDED-B|\
    ARABICEXTENDED-C|ARABICMATHEMATICALALPHABETICSYMBOLS|ARABICPRESENTATIONFORMS-A|\
    ARABICPRESENTATIONFORMS-B|ARABICSUPPLEMENT|ARABIC_EXTENDED_A|ARABIC_EXTENDED_B|\
    ARABIC_EXTENDED_C|ARABIC_MATHEMATICAL_ALPHABETIC_SYMBOLS|ARABIC_PRESENTATION_FORMS_A|\
    ARABIC_PRESENTATION_FORMS_B|ARABIC_SUPPLEMENT|ARMENIAN|ARROWS|AVESTAN|BALINESE|BAMUM|\
    BAMUM SUPPLEMENT|BAMUMSUPPLEMENT|BAMUM_SUPPLEMENT|BASIC LATIN|BASICLATIN|BASIC_LATIN|\
    BASSA VAH|BASSAVAH|BASSA_VAH|BATAK|BENGALI|BHAIKSUKI|BLOCK ELEMENTS|BLOCKELEMENTS|\
    BLOCK_ELEMENTS|BOPOMOFO|BOPOMOFO EXTENDED|BOPOMOFOEXTENDED|BOPOMOFO_EXTENDED|BOX DRAWING|\
    BOXDRAWING|BOX_DRAWING|BRAHMI|BRAILLE PATTERNS|BRAILLEPATTERNS|BRAILLE_PATTERNS|BUGINESE|\
    BUHID|BYZANTINE MUSICAL SYMBOLS|BYZANTINEMUSICALSYMBOLS|BYZANTINE_MUSICAL_SYMBOLS|CARIAN|\
    CAUCASIAN ALBANIAN|CAUCASIANALBANIAN|CAUCASIAN_ALBANIAN|CHAKMA|CHAM|CHEROKEE|\
    CHEROKEE SUPPLEMENT|CHEROKEESUPPLEMENT|CHEROKEE_SUPPLEMENT|CHESS SYMBOLS|CHESSSYMBOLS|\
    CHESS_SYMBOLS|CHORASMIAN|CJK COMPATIBILITY|CJK COMPATIBILITY FORMS|\
    CJK COMPATIBILITY IDEOGRAPHS|CJK COMPATIBILITY IDEOGRAPHS SUPPLEMENT|\
    CJK RADICALS SUPPLEMENT|CJK STROKES|CJK SYMBOLS AND PUNCTUATION|CJK UNIFIED IDEOGRAPHS|\
    CJK UNIFIED IDEOGRAPHS EXTENSION A|CJK UNIFIED IDEOGRAPHS EXTENSION B|\
    CJK UNIFIED IDEOGRAPHS EXTENSION C|CJK UNIFIED IDEOGRAPHS EXTENSION D|\
    CJK UNIFIED IDEOGRAPHS EXTENSION E|CJK UNIFIED IDEOGRAPHS EXTENSION F|\
    CJK UNIFIED IDEOGRAPHS EXTENSION G|CJK UNIFIED IDEOGRAPHS EXTENSION H|\
    CJK UNIFIED IDEOGRAPHS EXTENSION I|CJKCOMPATIBILITY|CJKCOMPATIBILITYFORMS|\
    CJKCOMPATIBILITYIDEOGRAPHS|CJKCOMPATIBILITYIDEOGRAPHSSUPPLEMENT|CJKRADICALSSUPPLEMENT|\
    CJKSTROKES|CJKSYMBOLSANDPUNCTUATION|CJKUNIFIEDIDEOGRAPHS|CJKUNIFIEDIDEOGRAPHSEXTENSIONA|\
    CJKUNIFIEDIDEOGRAPHSEXTENSIONB|CJKUNIFIEDIDEOGRAPHSEXTENSIONC|\
    CJKUNIFIEDIDEOGRAPHSEXTENSIOND|CJKUNIFIEDIDEOGRAPHSEXTENSIONE|\
    CJKUNIFIEDIDEOGRAPHSEXTENSIONF|CJKUNIFIEDIDEOGRAPHSEXTENSIONG|\
    CJKUNIFIEDIDEOGRAPHSEXTENSIONH|CJKUNIFIEDIDEOGRAPHSEXTENSIONI|CJK_COMPATIBILITY|\
    CJK_COMPATIBILITY_FORMS|CJK_COMPATIBILITY_IDEOGRAPHS|\
    CJK_COMPATIBILITY_IDEOGRAPHS_SUPPLEMENT|CJK_RADICALS_SUPPLEMENT|CJK_STROKES|\
    CJK_SYMBOLS_AND_PUNCTUATION|CJK_UNIFIED_IDEOGRAPHS|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_A|\
    CJK_UNIFIED_IDEOGRAPHS_EXTENSION_B|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_C|\
    CJK_UNIFIED_IDEOGRAPHS_EXTENSION_D|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_E|\
    CJK_UNIFIED_IDEOGRAPHS_EXTENSION_F|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_G|\
    CJK_UNIFIED_IDEOGRAPHS_EXTENSION_H|CJK_UNIFIED_IDEOGRAPHS_EXTENSION_I|\
    COMBINING DIACRITICAL MARKS|COMBINING DIACRITICAL MARKS EXTENDED|\
    COMBINING DIACRITICAL MARKS FOR SYMBOLS|COMBINING DIACRITICAL MARKS SUPPLEMENT|\
    COMBINING HALF MARKS|COMBINING MARKS FOR SYMBOLS|COMBININGDIACRITICALMARKS|\
    COMBININGDIACRITICALMARKSEXTENDED|COMBININGDIACRITICALMARKSFORSYMBOLS|\
    COMBININGDIACRITICALMARKSSUPPLEMENT|COMBININGHALFMARKS|COMBININGMARKSFORSYMBOLS|\
    COMBINING_DIACRITICAL_MARKS|COMBINING_DIACRITICAL_MARKS_EXTENDED|\
    COMBINING_DIACRITICAL_MARKS_SUPPLEMENT|COMBINING_HALF_MARKS|COMBINING_MARKS_FOR_SYMBOLS|\
    COMMON INDIC NUMBER FORMS|COMMONINDICNUMBERFORMS|COMMON_INDIC_NUMBER_FORMS|\
    CONTROL PICTURES|CONTROLPICTURES|CONTROL_PICTURES|COPTIC|COPTIC EPACT NUMBERS|\
    COPTICEPACTNUMBERS|COPTIC_EPACT_NUMBERS|COUNTING ROD NUMERALS|COUNTINGRODNUMERALS|\
    COUNTING_ROD_NUMERALS|CUNEIFORM|CUNEIFORM NUMBERS AND PUNCTUATION|\
    CUNEIFORMNUMBERSANDPUNCTUATION|CUNEIFORM_NUMBERS_AND_PUNCTUATION|CURRENCY SYMBOLS|\
    CURRENCYSYMBOLS|CURRENCY_SYMBOLS|CYPRIOT SYLLABARY|CYPRIOTSYLLABARY|CYPRIOT_SYLLABARY|\
    CYPRO-MINOAN|CYPRO_MINOAN|CYRILLIC|CYRILLIC EXTENDED-A|CYRILLIC EXTENDED-B|\
    CYRILLIC EXTENDED-C|CYRILLIC EXTENDED-D|CYRILLIC SUPPLEMENT|CYRILLIC SUPPLEMENTARY|\
    CYRILLICEXTENDED-A|CYRILLICEXTENDED-B|CYRILLICEXTENDED-C|CYRILLICEXTENDED-D|\
    CYRILLICSUPPLEMENT|CYRILLICSUPPLEMENTARY|CYRILLIC_EXTENDED_A|CYRILLIC_EXTENDED_B|\
    CYRILLIC_EXTENDED_C|CYRILLIC_EXTENDED_D|CYRILLIC_SUPPLEMENTARY|DESERET|DEVANAGARI|\
    DEVANAGARI EXTENDED|DEVANAGARI EXTENDED-A|DEVANAGARIEXTENDED|DEVANAGARIEXTENDED-A|\
    DEVANAGARI_EXTENDED|DEVANAGARI_EXTENDED_A|DINGBATS|DIVES AKURU|DIVESAKURU|DIVES_AKURU|\
    DOGRA|DOMINO TILES|DOMINOTILES|DOMINO_TILES|DUPLOYAN|EARLY DYNASTIC CUNEIFORM|\
    EARLYDYNASTICCUNEIFORM|EARLY_DYNASTIC_CUNEIFORM|EGYPTIAN HIEROGLYPH FORMAT CONTROLS|\
    EGYPTIAN HIEROGLYPHS|EGYPTIAN HIEROGLYPHS EXTENDED-A|EGYPTIANHIEROGLYPHFORMATCONTROLS|\
    EGYPTIANHIEROGLYPHS|EGYPTIANHIEROGLYPHSEXTENDED-A|EGYPTIAN_HIEROGLYPHS|\
    EGYPTIAN_HIEROGLYPHS_EXTENDED_A|EGYPTIAN_HIEROGLYPH_FORMAT_CONTROLS|ELBASAN|ELYMAIC|\
    EMOTICONS|ENCLOSED ALPHANUMERIC SUPPLEMENT|ENCLOSED ALPHANUMERICS|\
    ENCLOSED CJK LETTERS AND MONTHS|ENCLOSED IDEOGRAPHIC SUPPLEMENT|ENCLOSEDALPHANUMERICS|\
    ENCLOSEDALPHANUMERICSUPPLEMENT|ENCLOSEDCJKLETTERSANDMONTHS|ENCLOSEDIDEOGRAPHICSUPPLEMENT|\
    ENCLOSED_ALPHANUMERICS|ENCLOSED_ALPHANUMERIC_SUPPLEMENT|ENCLOSED_CJK_LETTERS_AND_MONTHS|\
    ENCLOSED_IDEOGRAPHIC_SUPPLEMENT|ETHIOPIC|ETHIOPIC EXTENDED|ETHIOPIC EXTENDED-A|\
    ETHIOPIC EXTENDED-B|ETHIOPIC SUPPLEMENT|ETHIOPICEXTENDED|ETHIOPICEXTENDED-A|\
    ETHIOPICEXTENDED-B|ETHIOPICSUPPLEMENT|ETHIOPIC_EXTENDED|ETHIOPIC_EXTENDED_A|\
    ETHIOPIC_EXTENDED_B|ETHIOPIC_SUPPLEMENT|GARAY|GENERAL PUNCTUATION|GENERALPUNCTUATION|\
    GENERAL_PUNCTUATION|GEOMETRIC SHAPES|GEOMETRIC SHAPES EXTENDED|GEOMETRICSHAPES|\
    GEOMETRICSHAPESEXTENDED|GEOMETRIC_SHAPES|GEOMETRIC_SHAPES_EXTENDED|GEORGIAN|\
    GEORGIAN EXTENDED|GEORGIAN SUPPLEMENT|GEORGIANEXTENDED|GEORGIANSUPPLEMENT|\
    GEORGIAN_EXTENDED|GEORGIAN_SUPPLEMENT|GLAGOLITIC|GLAGOLITIC SUPPLEMENT|\
    GLAGOLITICSUPPLEMENT|GLAGOLITIC_SUPPLEMENT|GOTHIC|GRANTHA|GREEK|GREEK AND COPTIC|\
    GREEK EXTENDED|GREEKANDCOPTIC|GREEKEXTENDED|GREEK_EXTENDED|GUJARATI|GUNJALA GONDI|\
    GUNJALAGONDI|GUNJALA_GONDI|GURMUKHI|GURUNG KHEMA|GURUNGKHEMA|GURUNG_KHEMA|\
    HALFWIDTH AND FULLWIDTH FORMS|HALFWIDTHANDFULLWIDTHFORMS|HALFWIDTH_AND_FULLWIDTH_FORMS|\
    HANGUL COMPATIBILITY JAMO|HANGUL JAMO|HANGUL JAMO EXTENDED-A|HANGUL JAMO EXTENDED-B|\
    HANGUL SYLLABLES|HANGULCOMPATIBILITYJAMO|HANGULJAMO|HANGULJAMOEXTENDED-A|\
    HANGULJAMOEXTENDED-B|HANGULSYLLABLES|HANGUL_COMPATIBILITY_JAMO|HANGUL_JAMO|\
    HANGUL_JAMO_EXTENDED_A|HANGUL_JAMO_EXTENDED_B|HANGUL_SYLLABLES|HANIFI ROHINGYA|\
    HANIFIROHINGYA|HANIFI_ROHINGYA|HANUNOO|HATRAN|HEBREW|HIGH PRIVATE USE SURROGATES|\
    HIGH SURROGATES|HIGHPRIVATEUSESURROGATES|HIGHSURROGATES|HIGH_PRIVATE_USE_SURROGATES|\
    HIGH_SURROGATES|HIRAGANA|IDEOGRAPHIC DESCRIPTION CHARACTERS|\
    IDEOGRAPHIC SYMBOLS AND PUNCTUATION|IDEOGRAPHICDESCRIPTIONCHARACTERS|\
    IDEOGRAPHICSYMBOLSANDPUNCTUATION|IDEOGRAPHIC_DESCRIPTION_CHARACTERS|\
    IDEOGRAPHIC_SYMBOLS_AND_PUNCTUATION|IMPERIAL ARAMAIC|IMPERIALARAMAIC|IMPERIAL_ARAMAIC|\
    INDIC SIYAQ NUMBERS|INDICSIYAQNUMBERS|INDIC_SIYAQ_NUMBERS|INSCRIPTIONAL PAHLAVI|\
    INSCRIPTIONAL PARTHIAN|INSCRIPTIONALPAHLAVI|INSCRIPTIONALPARTHIAN|INSCRIPTIONAL_PAHLAVI|\
    INSCRIPTIONAL_PARTHIAN|IPA EXTENSIONS|IPAEXTENSIONS|IPA_EXTENSIONS|JAVANESE|KAITHI|\
    KAKTOVIK NUMERALS|KAKTOVIKNUMERALS|KAKTOVIK_NUMERALS|KANA EXTENDED-A|KANA EXTENDED-B|\
    KANA SUPPLEMENT|KANAEXTENDED-A|KANAEXTENDED-B|KANASUPPLEMENT|KANA_EXTENDED_A|\
    KANA_EXTENDED_B|KANA_SUPPLEMENT|KANBUN|KANGXI RADICALS|KANGXIRADICALS|KANGXI_RADICALS|\
    KANNADA|KATAKANA|KATAKANA PHONETIC EXTENSIONS|KATAKANAPHONETICEXTENSIONS|\
    KATAKANA_PHONETIC_EXTENSIONS|KAWI|KAYAH LI|KAYAHLI|KAYAH_LI|KHAROSHTHI|\
    KHITAN SMALL SCRIPT|KHITANSMALLSCRIPT|KHITAN_SMALL_SCRIPT|KHMER|KHMER SYMBOLS|\
    KHMERSYMBOLS|KHMER_SYMBOLS|KHOJKI|KHUDAWADI|KIRAT RAI|KIRATRAI|KIRAT_RAI|LAO|\
    LATIN EXTENDED ADDITIONAL|LATIN EXTENDED-A|LATIN EXTENDED-B|LATIN EXTENDED-C|\
    LATIN EXTENDED-D|LATIN EXTENDED-E|LATIN EXTENDED-F|LATIN EXTENDED-G|LATIN-1 SUPPLEMENT|\
    LATIN-1SUPPLEMENT|LATINEXTENDED-A|LATINEXTENDED-B|LATINEXTENDED-C|LATINEXTENDED-D|\
    LATINEXTENDED-E|LATINEXTENDED-F|LATINEXTENDED-G|LATINEXTENDEDADDITIONAL|\
    LATIN_1_SUPPLEMENT|LATIN_EXTENDED_A|LATIN_EXTENDED_ADDITIONAL|LATIN_EXTENDED_B|\
    LATIN_EXTENDED_C|LATIN_EXTENDED_D|LATIN_EXTENDED_E|LATIN_EXTENDED_F|LATIN_EXTENDED_G|\
    LEPCHA|LETTERLIKE SYMBOLS|LETTERLIKESYMBOLS|LETTERLIKE_SYMBOLS|LIMBU|LINEAR A|\
    LINEAR B IDEOGRAMS|LINEAR B SYLLABARY|LINEARA|LINEARBIDEOGRAMS|LINEARBSYLLABARY|LINEAR_A|\
    LINEAR_B_IDEOGRAMS|LINEAR_B_SYLLABARY|LISU|LISU SUPPLEMENT|LISUSUPPLEMENT|LISU_SUPPLEMENT|\
    LOW SURROGATES|LOWSURROGATES|LOW_SURROGATES|LYCIAN|LYDIAN|MAHAJANI|MAHJONG TILES|\
    MAHJONGTILES|MAHJONG_TILES|MAKASAR|MALAYALAM|MANDAIC|MANICHAEAN|MARCHEN|MASARAM GONDI|\
    MASARAMGONDI|MASARAM_GONDI|MATHEMATICAL ALPHANUMERIC SYMBOLS|MATHEMATICAL OPERATORS|\
    MATHEMATICALALPHANUMERICSYMBOLS|MATHEMATICALOPERATORS|MATHEMATICAL_ALPHANUMERIC_SYMBOLS|\
    MATHEMATICAL_OPERATORS|MAYAN NUMERALS|MAYANNUMERALS|MAYAN_NUMERALS|MEDEFAIDRIN|\
    MEETEI MAYEK|MEETEI MAYEK EXTENSIONS|MEETEIMAYEK|MEETEIMAYEKEXTENSIONS|MEETEI_MAYEK|\
    MEETEI_MAYEK_EXTENSIONS|MENDE KIKAKUI|MENDEKIKAKUI|MENDE_KIKAKUI|MEROITIC CURSIVE|\
    MEROITIC HIEROGLYPHS|MEROITICCURSIVE|MEROITICHIEROGLYPHS|MEROITIC_CURSIVE|\
    MEROITIC_HIEROGLYPHS|MIAO|MISCELLANEOUS MATHEMATICAL SYMBOLS-A|\
    MISCELLANEOUS MATHEMATICAL SYMBOLS-B|MISCELLANEOUS SYMBOLS|\
    MISCELLANEOUS SYMBOLS AND ARROWS|MISCELLANEOUS SYMBOLS AND PICTOGRAPHS|\
    MISCELLANEOUS TECHNICAL|MISCELLANEOUSMATHEMATICALSYMBOLS-A|\
    MISCELLANEOUSMATHEMATICALSYMBOLS-B|MISCELLANEOUSSYMBOLS|MISCELLANEOUSSYMBOLSANDARROWS|\
    MISCELLANEOUSSYMBOLSANDPICTOGRAPHS|MISCELLANEOUSTECHNICAL|\
    MISCELLANEOUS_MATHEMATICAL_SYMBOLS_A|MISCELLANEOUS_MATHEMATICAL_SYMBOLS_B|\
    MISCELLANEOUS_SYMBOLS|MISCELLANEOUS_SYMBOLS_AND_ARROWS|\
    MISCELLANEOUS_SYMBOLS_AND_PICTOGRAPHS|MISCELLANEOUS_TECHNICAL|MODI|MODIFIER TONE LETTERS|\
    MODIFIERTONELETTERS|MODIFIER_TONE_LETTERS|MONGOLIAN|MONGOLIAN SUPPLEMENT|\
    MONGOLIANSUPPLEMENT|MONGOLIAN_SUPPLEMENT|MRO|MULTANI|MUSICAL SYMBOLS|MUSICALSYMBOLS|\
    MUSICAL_SYMBOLS|MYANMAR|MYANMAR EXTENDED-A|MYANMAR EXTENDED-B|MYANMAR EXTENDED-C|\
    MYANMAREXTENDED-A|MYANMAREXTENDED-B|MYANMAREXTENDED-C|MYANMAR_EXTENDED_A|\
    MYANMAR_EXTENDED_B|MYANMAR_EXTENDED_C|NABATAEAN|NAG MUNDARI|NAGMUNDARI|NAG_MUNDARI|\
    NANDINAGARI|NEW TAI LUE|NEWA|NEWTAILUE|NEW_TAI_LUE|NKO|NUMBER FORMS|NUMBERFORMS|\
    NUMBER_FORMS|NUSHU|NYIAKENG PUACHUE HMONG|NYIAKENGPUACHUEHMONG|NYIAKENG_PUACHUE_HMONG|\
    OGHAM|OL CHIKI|OL ONAL|OLCHIKI|OLD HUNGARIAN|OLD ITALIC|OLD NORTH ARABIAN|OLD PERMIC|\
    OLD PERSIAN|OLD SOGDIAN|OLD SOUTH ARABIAN|OLD TURKIC|OLD UYGHUR|OLDHUNGARIAN|OLDITALIC|\
    OLDNORTHARABIAN|OLDPERMIC|OLDPERSIAN|OLDSOGDIAN|OLDSOUTHARABIAN|OLDTURKIC|OLDUYGHUR|\
    OLD_HUNGARIAN|OLD_ITALIC|OLD_NORTH_ARABIAN|OLD_PERMIC|OLD_PERSIAN|OLD_SOGDIAN|\
    OLD_SOUTH_ARABIAN|OLD_TURKIC|OLD_UYGHUR|OLONAL|OL_CHIKI|OL_ONAL|\
    OPTICAL CHARACTER RECOGNITION|OPTICALCHARACTERRECOGNITION|OPTICAL_CHARACTER_RECOGNITION|\
    ORIYA|ORNAMENTAL DINGBATS|ORNAMENTALDINGBATS|ORNAMENTAL_DINGBATS|OSAGE|OSMANYA|\
    OTTOMAN SIYAQ NUMBERS|OTTOMANSIYAQNUMBERS|OTTOMAN_SIYAQ_NUMBERS|PAHAWH HMONG|PAHAWHHMONG|\
    PAHAWH_HMONG|PALMYRENE|PAU CIN HAU|PAUCINHAU|PAU_CIN_HAU|PHAGS-PA|PHAGS_PA|PHAISTOS DISC|\
    PHAISTOSDISC|PHAISTOS_DISC|PHOENICIAN|PHONETIC EXTENSIONS|PHONETIC EXTENSIONS SUPPLEMENT|\
    PHONETICEXTENSIONS|PHONETICEXTENSIONSSUPPLEMENT|PHONETIC_EXTENSIONS|\
    PHONETIC_EXTENSIONS_SUPPLEMENT|PLAYING CARDS|PLAYINGCARDS|PLAYING_CARDS|PRIVATE USE AREA|\
    PRIVATEUSEAREA|PRIVATE_USE_AREA|PSALTER PAHLAVI|PSALTERPAHLAVI|PSALTER_PAHLAVI|REJANG|\
    RUMI NUMERAL SYMBOLS|RUMINUMERALSYMBOLS|RUMI_NUMERAL_SYMBOLS|RUNIC|SAMARITAN|SAURASHTRA|\
    SHARADA|SHAVIAN|SHORTHAND FORMAT CONTROLS|SHORTHANDFORMATCONTROLS|\
    SHORTHAND_FORMAT_CONTROLS|SIDDHAM|SINHALA|SINHALA ARCHAIC NUMBERS|SINHALAARCHAICNUMBERS|\
    SINHALA_ARCHAIC_NUMBERS|SMALL FORM VARIANTS|SMALL KANA EXTENSION|SMALLFORMVARIANTS|\
    SMALLKANAEXTENSION|SMALL_FORM_VARIANTS|SMALL_KANA_EXTENSION|SOGDIAN|SORA SOMPENG|\
    SORASOMPENG|SORA_SOMPENG|SOYOMBO|SPACING MODIFIER LETTERS|SPACINGMODIFIERLETTERS|\
    SPACING_MODIFIER_LETTERS|SPECIALS|SUNDANESE|SUNDANESE SUPPLEMENT|SUNDANESESUPPLEMENT|\
    SUNDANESE_SUPPLEMENT|SUNUWAR|SUPERSCRIPTS AND SUBSCRIPTS|SUPERSCRIPTSANDSUBSCRIPTS|\
    SUPERSCRIPTS_AND_SUBSCRIPTS|SUPPLEMENTAL ARROWS-A|SUPPLEMENTAL ARROWS-B|\
    SUPPLEMENTAL ARROWS-C|SUPPLEMENTAL MATHEMATICAL OPERATORS|SUPPLEMENTAL PUNCTUATION|\
    SUPPLEMENTAL SYMBOLS AND PICTOGRAPHS|SUPPLEMENTALARROWS-A|SUPPLEMENTALARROWS-B|\
    SUPPLEMENTALARROWS-C|SUPPLEMENTALMATHEMATICALOPERATORS|SUPPLEMENTALPUNCTUATION|\
    SUPPLEMENTALSYMBOLSANDPICTOGRAPHS|SUPPLEMENTAL_ARROWS_A|SUPPLEMENTAL_ARROWS_B|\
    SUPPLEMENTAL_ARROWS_C|SUPPLEMENTAL_MATHEMATICAL_OPERATORS|SUPPLEMENTAL_PUNCTUATION|\
    SUPPLEMENTAL_SYMBOLS_AND_PICTOGRAPHS|SUPPLEMENTARY PRIVATE USE AREA-A|\
    SUPPLEMENTARY PRIVATE USE AREA-B|SUPPLEMENTARYPRIVATEUSEAREA-A|\
    SUPPLEMENTARYPRIVATEUSEAREA-B|SUPPLEMENTARY_PRIVATE_USE_AREA_A|\
    SUPPLEMENTARY_PRIVATE_USE_AREA_B|SURROGATES_AREA|SUTTON SIGNWRITING|SUTTONSIGNWRITING|\
    SUTTON_SIGNWRITING|SYLOTI NAGRI|SYLOTINAGRI|SYLOTI_NAGRI|\
    SYMBOLS AND PICTOGRAPHS EXTENDED-A|SYMBOLS FOR LEGACY COMPUTING|\
    SYMBOLS FOR LEGACY COMPUTING SUPPLEMENT|SYMBOLSANDPICTOGRAPHSEXTENDED-A|\
    SYMBOLSFORLEGACYCOMPUTING|SYMBOLSFORLEGACYCOMPUTINGSUPPLEMENT|\
    SYMBOLS_AND_PICTOGRAPHS_EXTENDED_A|SYMBOLS_FOR_LEGACY_COMPUTING|\
    SYMBOLS_FOR_LEGACY_COMPUTING_SUPPLEMENT|SYRIAC|SYRIAC SUPPLEMENT|SYRIACSUPPLEMENT|\
    SYRIAC_SUPPLEMENT|TAGALOG|TAGBANWA|TAGS|TAI LE|TAI THAM|TAI VIET|TAI XUAN JING SYMBOLS|\
    TAILE|TAITHAM|TAIVIET|TAIXUANJINGSYMBOLS|TAI_LE|TAI_THAM|TAI_VIET|TAI_XUAN_JING_SYMBOLS|\
    TAKRI|TAMIL|TAMIL SUPPLEMENT|TAMILSUPPLEMENT|TAMIL_SUPPLEMENT|TANGSA|TANGUT|\
    TANGUT COMPONENTS|TANGUT SUPPLEMENT|TANGUTCOMPONENTS|TANGUTSUPPLEMENT|TANGUT_COMPONENTS|\
    TANGUT_SUPPLEMENT|TELUGU|THAANA|THAI|TIBETAN|TIFINAGH|TIRHUTA|TODHRI|TOTO|\
    TRANSPORT AND MAP SYMBOLS|TRANSPORTANDMAPSYMBOLS|TRANSPORT_AND_MAP_SYMBOLS|TULU-TIGALARI|\
    TULU_TIGALARI|UGARITIC|UNIFIED CANADIAN ABORIGINAL SYLLABICS|\
    UNIFIED CANADIAN ABORIGINAL SYLLABICS EXTENDED|\
    UNIFIED CANADIAN ABORIGINAL SYLLABICS EXTENDED-A|UNIFIEDCANADIANABORIGINALSYLLABICS|\
    UNIFIEDCANADIANABORIGINALSYLLABICSEXTENDED|UNIFIEDCANADIANABORIGINALSYLLABICSEXTENDED-A|\
    UNIFIED_CANADIAN_ABORIGINAL_SYLLABICS|UNIFIED_CANADIAN_ABORIGINAL_SYLLABICS_EXTENDED|\
    UNIFIED_CANADIAN_ABORIGINAL_SYLLABICS_EXTENDED_A|VAI|VARIATION SELECTORS|\
    VARIATION SELECTORS SUPPLEMENT|VARIATIONSELECTORS|VARIATIONSELECTORSSUPPLEMENT|\
    VARIATION_SELECTORS|VARIATION_SELECTORS_SUPPLEMENT|VEDIC EXTENSIONS|VEDICEXTENSIONS|\
    VEDIC_EXTENSIONS|VERTICAL FORMS|VERTICALFORMS|VERTICAL_FORMS|VITHKUQI|WANCHO|WARANG CITI|\
    WARANGCITI|WARANG_CITI|YEZIDI|YI RADICALS|YI SYLLABLES|YIJING HEXAGRAM SYMBOLS|\
    YIJINGHEXAGRAMSYMBOLS|YIJING_HEXAGRAM_SYMBOLS|YIRADICALS|YISYLLABLES|YI_RADICALS|\
    YI_SYLLABLES|ZANABAZAR SQUARE|ZANABAZARSQUARE|ZANABAZAR_SQUARE|ZNAMENNY MUSICAL NOTATION|\
    ZNAMENNYMUSICALNOTATION|ZNAMENNY_MUSICAL_NOTATION";

/// Names and aliases of `Character.UnicodeScript.forName` (upper case), Java 17 and 25 together, `|`-separated.
const UNICODE_SCRIPTS: &str = "ADLAM|ADLM|AGHB|AHOM|ANATOLIAN_HIEROGLYPHS|ARAB|ARABIC|ARMENIAN|ARMI|ARMN|AVESTAN|AVST|\
    BALI|BALINESE|BAMU|BAMUM|BASS|BASSA_VAH|BATAK|BATK|BENG|BENGALI|BHAIKSUKI|BHKS|BOPO|\
    BOPOMOFO|BRAH|BRAHMI|BRAI|BRAILLE|BUGI|BUGINESE|BUHD|BUHID|CAKM|CANADIAN_ABORIGINAL|CANS|\
    CARI|CARIAN|CAUCASIAN_ALBANIAN|CHAKMA|CHAM|CHER|CHEROKEE|CHORASMIAN|CHRS|COMMON|COPT|\
    COPTIC|CPMN|CPRT|CUNEIFORM|CYPRIOT|CYPRO_MINOAN|CYRILLIC|CYRL|DESERET|DEVA|DEVANAGARI|\
    DIAK|DIVES_AKURU|DOGR|DOGRA|DSRT|DUPL|DUPLOYAN|EGYP|EGYPTIAN_HIEROGLYPHS|ELBA|ELBASAN|\
    ELYM|ELYMAIC|ETHI|ETHIOPIC|GARA|GARAY|GEOR|GEORGIAN|GLAG|GLAGOLITIC|GONG|GONM|GOTH|GOTHIC|\
    GRAN|GRANTHA|GREEK|GREK|GUJARATI|GUJR|GUKH|GUNJALA_GONDI|GURMUKHI|GURU|GURUNG_KHEMA|HAN|\
    HANG|HANGUL|HANI|HANIFI_ROHINGYA|HANO|HANUNOO|HATR|HATRAN|HEBR|HEBREW|HIRA|HIRAGANA|HLUW|\
    HMNG|HMNP|HUNG|IMPERIAL_ARAMAIC|INHERITED|INSCRIPTIONAL_PAHLAVI|INSCRIPTIONAL_PARTHIAN|\
    ITAL|JAVA|JAVANESE|KAITHI|KALI|KANA|KANNADA|KATAKANA|KAWI|KAYAH_LI|KHAR|KHAROSHTHI|\
    KHITAN_SMALL_SCRIPT|KHMER|KHMR|KHOJ|KHOJKI|KHUDAWADI|KIRAT_RAI|KITS|KNDA|KRAI|KTHI|LANA|\
    LAO|LAOO|LATIN|LATN|LEPC|LEPCHA|LIMB|LIMBU|LINA|LINB|LINEAR_A|LINEAR_B|LISU|LYCI|LYCIAN|\
    LYDI|LYDIAN|MAHAJANI|MAHJ|MAKA|MAKASAR|MALAYALAM|MAND|MANDAIC|MANI|MANICHAEAN|MARC|\
    MARCHEN|MASARAM_GONDI|MEDEFAIDRIN|MEDF|MEETEI_MAYEK|MEND|MENDE_KIKAKUI|MERC|MERO|\
    MEROITIC_CURSIVE|MEROITIC_HIEROGLYPHS|MIAO|MLYM|MODI|MONG|MONGOLIAN|MRO|MROO|MTEI|MULT|\
    MULTANI|MYANMAR|MYMR|NABATAEAN|NAGM|NAG_MUNDARI|NAND|NANDINAGARI|NARB|NBAT|NEWA|\
    NEW_TAI_LUE|NKO|NKOO|NSHU|NUSHU|NYIAKENG_PUACHUE_HMONG|OGAM|OGHAM|OLCK|OLD_HUNGARIAN|\
    OLD_ITALIC|OLD_NORTH_ARABIAN|OLD_PERMIC|OLD_PERSIAN|OLD_SOGDIAN|OLD_SOUTH_ARABIAN|\
    OLD_TURKIC|OLD_UYGHUR|OL_CHIKI|OL_ONAL|ONAO|ORIYA|ORKH|ORYA|OSAGE|OSGE|OSMA|OSMANYA|OUGR|\
    PAHAWH_HMONG|PALM|PALMYRENE|PAUC|PAU_CIN_HAU|PERM|PHAG|PHAGS_PA|PHLI|PHLP|PHNX|PHOENICIAN|\
    PLRD|PRTI|PSALTER_PAHLAVI|REJANG|RJNG|ROHG|RUNIC|RUNR|SAMARITAN|SAMR|SARB|SAUR|SAURASHTRA|\
    SGNW|SHARADA|SHAVIAN|SHAW|SHRD|SIDD|SIDDHAM|SIGNWRITING|SIND|SINH|SINHALA|SOGD|SOGDIAN|\
    SOGO|SORA|SORA_SOMPENG|SOYO|SOYOMBO|SUND|SUNDANESE|SUNU|SUNUWAR|SYLO|SYLOTI_NAGRI|SYRC|\
    SYRIAC|TAGALOG|TAGB|TAGBANWA|TAI_LE|TAI_THAM|TAI_VIET|TAKR|TAKRI|TALE|TALU|TAMIL|TAML|\
    TANG|TANGSA|TANGUT|TAVT|TELU|TELUGU|TFNG|TGLG|THAA|THAANA|THAI|TIBETAN|TIBT|TIFINAGH|TIRH|\
    TIRHUTA|TNSA|TODHRI|TODR|TOTO|TULU_TIGALARI|TUTG|UGAR|UGARITIC|UNKNOWN|VAI|VAII|VITH|\
    VITHKUQI|WANCHO|WARA|WARANG_CITI|WCHO|XPEO|XSUX|YEZI|YEZIDI|YI|YIII|ZANABAZAR_SQUARE|ZANB|\
    ZINH|ZYYY|ZZZZ";

#[cfg(test)]
mod tests {
    use super::*;

    /// `None` when the pattern compiles, else its description, index and message.
    type Verdict = Option<(&'static str, i64, &'static str)>;

    /// Verdicts of `Pattern.compile` on a real JVM (Temurin 25; OpenJDK 17 agrees on all but
    /// the trailing backslash ones): pattern, then description, index and `getMessage()`.
    const JVM: &[(&str, Verdict)] = &[
        (
            "{\"user_id\" : 24}",
            Some((
                "Illegal repetition",
                1,
                "Illegal repetition near index 1\n{\"user_id\" : 24}\n ^",
            )),
        ),
        ("^\\[(.*)\\] (.+)$", None),
        ("(?i)^release-\\d+\\.\\d+(\\.\\d+)?$", None),
        (".*\\[ci skip\\].*", None),
        ("(?<year>\\d{4})-(?<month>\\d{2})", None),
        ("(?:foo|bar)+?baz", None),
        ("a{2}b{1,}c{0,3}d*+e??", None),
        ("[a-z&&[^aeiou]]+", None),
        ("\\p{L}\\p{IsLatin}\\p{InGreek}\\p{sc=Cyrillic}", None),
        ("\\Q(literal)\\E[x]", None),
        ("(?<=\\d{3})px", None),
        ("(?<!\\w+?)x", None),
        ("(?>atomic)(?=ahead)(?!not)", None),
        ("\\bword\\B\\G\\A\\z\\Z\\R\\X", None),
        ("\\x41\\u0042\\0103\\cA\\t\\n\\e", None),
        (
            "(a)(b)\\2\\1\\k<n>",
            Some((
                "named capturing group <n> does not exist",
                14,
                "named capturing group <n> does not exist near index 14\n(a)(b)\\2\\1\\k<n>\n              ^",
            )),
        ),
        ("(?<n>a)\\k<n>", None),
        (
            "*.groovy",
            Some((
                "Dangling meta character '*'",
                0,
                "Dangling meta character '*' near index 0\n*.groovy\n^",
            )),
        ),
        (
            "a**",
            Some((
                "Dangling meta character '*'",
                2,
                "Dangling meta character '*' near index 2\na**\n  ^",
            )),
        ),
        (
            "+x",
            Some((
                "Dangling meta character '+'",
                0,
                "Dangling meta character '+' near index 0\n+x\n^",
            )),
        ),
        (
            "(abc",
            Some(("Unclosed group", 4, "Unclosed group near index 4\n(abc")),
        ),
        (
            "abc)",
            Some((
                "Unmatched closing ')'",
                2,
                "Unmatched closing ')' near index 2\nabc)\n  ^",
            )),
        ),
        (
            "[abc",
            Some((
                "Unclosed character class",
                3,
                "Unclosed character class near index 3\n[abc\n   ^",
            )),
        ),
        (
            "[]",
            Some((
                "Unclosed character class",
                1,
                "Unclosed character class near index 1\n[]\n ^",
            )),
        ),
        (
            "[z-a]",
            Some((
                "Illegal character range",
                3,
                "Illegal character range near index 3\n[z-a]\n   ^",
            )),
        ),
        (
            "a{2,1}",
            Some((
                "Illegal repetition range",
                5,
                "Illegal repetition range near index 5\na{2,1}\n     ^",
            )),
        ),
        (
            "a{3",
            Some((
                "Unclosed counted closure",
                3,
                "Unclosed counted closure near index 3\na{3",
            )),
        ),
        (
            "x{,3}",
            Some((
                "Illegal repetition",
                2,
                "Illegal repetition near index 2\nx{,3}\n  ^",
            )),
        ),
        (
            "\\k<missing>",
            Some((
                "named capturing group <missing> does not exist",
                10,
                "named capturing group <missing> does not exist near index 10\n\\k<missing>\n          ^",
            )),
        ),
        (
            "(?<1x>a)",
            Some((
                "capturing group name does not start with a Latin letter",
                3,
                "capturing group name does not start with a Latin letter near index 3\n(?<1x>a)\n   ^",
            )),
        ),
        (
            "(?<a>x)(?<a>y)",
            Some((
                "Named capturing group <a> is already defined",
                11,
                "Named capturing group <a> is already defined near index 11\n(?<a>x)(?<a>y)\n           ^",
            )),
        ),
        (
            "(?z)",
            Some((
                "Unknown inline modifier",
                2,
                "Unknown inline modifier near index 2\n(?z)\n  ^",
            )),
        ),
        (
            "(?<=a+b*?)c",
            Some((
                "Look-behind group does not have an obvious maximum length",
                8,
                "Look-behind group does not have an obvious maximum length near index 8\n(?<=a+b*?)c\n        ^",
            )),
        ),
        (
            "(?<=(ab)*)c",
            Some((
                "Look-behind group does not have an obvious maximum length",
                8,
                "Look-behind group does not have an obvious maximum length near index 8\n(?<=(ab)*)c\n        ^",
            )),
        ),
        (
            "\\p{NoSuch}",
            Some((
                "Unknown character property name {NoSuch}",
                9,
                "Unknown character property name {NoSuch} near index 9\n\\p{NoSuch}\n         ^",
            )),
        ),
        (
            "\\p{}",
            Some((
                "Empty character family",
                3,
                "Empty character family near index 3\n\\p{}\n   ^",
            )),
        ),
        (
            "\\x{110000}",
            Some((
                "Hexadecimal codepoint is too big",
                8,
                "Hexadecimal codepoint is too big near index 8\n\\x{110000}\n        ^",
            )),
        ),
        (
            "\\uD83",
            Some((
                "Illegal Unicode escape sequence",
                5,
                "Illegal Unicode escape sequence near index 5\n\\uD83",
            )),
        ),
        (
            "\\y",
            Some((
                "Illegal/unsupported escape sequence",
                1,
                "Illegal/unsupported escape sequence near index 1\n\\y\n ^",
            )),
        ),
        (
            "[\\b]",
            Some((
                "Illegal/unsupported escape sequence",
                2,
                "Illegal/unsupported escape sequence near index 2\n[\\b]\n  ^",
            )),
        ),
        (
            "\\c",
            Some((
                "Illegal control escape sequence",
                1,
                "Illegal control escape sequence near index 1\n\\c\n ^",
            )),
        ),
        ("(?x) a b # comment", None),
        (
            "foo\\",
            Some((
                "Unescaped trailing backslash",
                4,
                "Unescaped trailing backslash near index 4\nfoo\\",
            )),
        ),
        (
            "\\Qx\\E\\",
            Some((
                "Unescaped trailing backslash",
                2,
                "Unescaped trailing backslash near index 2\n\\Qx\\E\\\n  ^",
            )),
        ),
    ];

    #[test]
    fn agrees_with_the_jvm() {
        for &(pattern, expected) in JVM {
            let got = check(pattern).err();
            match expected {
                None => assert_eq!(got, None, "{pattern}"),
                Some((description, index, message)) => {
                    let got = got.unwrap_or_else(|| panic!("{pattern} should fail"));
                    assert_eq!(got.description, description, "{pattern}");
                    assert_eq!(got.index, usize::try_from(index).ok(), "{pattern}");
                    assert_eq!(got.message, message, "{pattern}");
                }
            }
        }
    }

    fn description(pattern: &str) -> String {
        check(pattern)
            .err()
            .map(|e| e.description)
            .unwrap_or_default()
    }

    #[test]
    fn a_json_like_pattern_is_an_illegal_repetition() {
        let e = check("{\"user_id\" : 24}")
            .err()
            .unwrap_or_else(|| panic!("should fail"));
        assert_eq!(e.description, "Illegal repetition");
        assert_eq!(e.index, Some(1));
        assert_eq!(
            e.message,
            "Illegal repetition near index 1\n{\"user_id\" : 24}\n ^"
        );
    }

    #[test]
    fn accepts_groups_flags_and_quantifiers() {
        for pattern in [
            "",
            "(?:a)(?=b)(?!c)(?<=d)(?<!e)(?<n>f)(?>g)",
            "(?i)a(?-i)b(?i:c)(?s-m:d)(?U)\\w(?d)(?u)(?c)",
            "a{1}b{1,}c{1,2}d?e*f+g??h*?i+?j?+k*+l++m{2}?n{2,}+",
            "[a-z&&[^b]][\\w&&\\d][[a][b]]x",
            "\\d\\D\\w\\W\\s\\S\\h\\H\\v\\V\\p{Lu}\\P{L}\\pL\\p{javaLowerCase}",
            "\\Q*+?\\E\\b{g}\\N{LATIN SMALL LETTER A}\\x{1F600}\\0377",
            "(a)\\1(b)\\2\\12",
            "(?x) a  b # comment\n c",
            "(?<=a{1,3}|bc)d(?<!(?:x|yz)?)",
            "]}",
        ] {
            assert_eq!(check(pattern), Ok(()), "{pattern}");
        }
    }

    #[test]
    fn rejects_what_java_rejects() {
        for (pattern, expected) in [
            (
                "(?<=ba*?)c",
                "Look-behind group does not have an obvious maximum length",
            ),
            (
                "(?<=(a|b){2})c",
                "Look-behind group does not have an obvious maximum length",
            ),
            (
                "(?<=x\\1)c",
                "Look-behind group does not have an obvious maximum length",
            ),
            ("[&&]", "Bad class syntax"),
            (
                "\\p{sc=Nope}",
                "Unknown Unicode property {name=<sc>, value=<Nope>}",
            ),
            ("\\p{IsNope}", "Unknown character property name {IsNope}"),
            ("(?$)", "Unknown group type"),
            (
                "\\k",
                "\\k is not followed by '<' for named capturing group",
            ),
            ("(?<a", "named capturing group is missing trailing '>'"),
            ("\\x{12", "Unclosed hexadecimal escape sequence"),
            ("\\xg", "Illegal hexadecimal escape sequence"),
            ("\\08", "Illegal octal escape sequence"),
            ("\\p{L", "Unclosed character family"),
            ("\\N{x", "Unclosed character name escape sequence"),
            ("\\Nx", "Illegal character name escape sequence"),
            ("\\E", "Illegal/unsupported escape sequence"),
            ("a{99999999999}", "Illegal repetition range"),
        ] {
            assert_eq!(description(pattern), expected, "{pattern}");
        }
    }

    #[test]
    fn index_minus_one_has_no_caret() {
        let e = check(")").err().unwrap_or_else(|| panic!("should fail"));
        assert_eq!(e.index, None);
        assert_eq!(e.message, "Unmatched closing ')'\n)");
    }

    #[test]
    fn caret_keeps_tabs() {
        let e = check("\ta\t*+*")
            .err()
            .unwrap_or_else(|| panic!("should fail"));
        assert_eq!(
            e.message,
            "Dangling meta character '*' near index 5\n\ta\t*+*\n\t \t  ^"
        );
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing() {
        let pattern = format!("{}{}", "(".repeat(5_000), ")".repeat(5_000));
        assert_eq!(
            description(&pattern),
            "Stack overflow during pattern compilation"
        );
        let pattern = format!("{}a{}", "[".repeat(5_000), "]".repeat(5_000));
        assert_eq!(
            description(&pattern),
            "Stack overflow during pattern compilation"
        );
        let pattern = format!("{}a{}", "(?<=".repeat(150), ")".repeat(150));
        assert_eq!(check(&pattern), Ok(()));
    }
}
