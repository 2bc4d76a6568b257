//! Jenkins cron specs (`cron('…')`, `pollSCM('…')`), checked as Jenkins' own
//! `hudson.scheduler.CronTabList` parses them.
//!
//! Jenkins reads a spec line by line: a first line `TZ=Zone` names the time zone, blank lines and
//! lines starting with `#` are skipped, and every other (trimmed) line is one tab, parsed by the
//! ANTLR grammar `CrontabParser.g4` with the checks of `BaseParser`. A tab is five fields
//! separated by blanks or tabs (minute 0–59, hour 0–23, day of month 1–31, month 1–12, day of
//! week 0–7), each a `,` list of `N`, `N-M`, `N-M/S`, `*`, `*/S`, `H`, `H/S`, `H(N-M)` or
//! `H(N-M)/S`; or one of `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`,
//! `@hourly`. There are no month or day names: `JAN` or `MON` is a lexer error there.
//!
//! Errors carry the text Jenkins throws (`Invalid input: "…": line 1:2: …`), including ANTLR's
//! own recovery messages (`missing WS at '*'`, `mismatched input …`, `token recognition error
//! at: …`), reproduced by following the generated parser's calls to its error strategy. Warnings
//! are `CronTab.checkSanity()`'s and the timer trigger's "rare or impossible date" one.

use std::fmt::Write as _;

/// How bad a [`CronProblem`] is.
#[derive(Clone, Copy, Debug, Eq, Hash, PartialEq)]
pub enum CronSeverity {
    /// Jenkins rejects the spec.
    Error,
    /// Jenkins accepts the spec but its form validation warns about it.
    Warning,
}

/// One thing wrong with a cron spec.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct CronProblem {
    /// 0-based index of the line inside the spec.
    pub line: usize,
    /// Byte offset in the spec of the first byte the problem is about: the bad token of a
    /// syntax error, the field term of an out-of-range value, the whole (trimmed) line for a
    /// warning or a bad time zone.
    pub start: usize,
    /// Byte offset in the spec one past the last byte the problem is about.
    pub end: usize,
    /// Jenkins' message.
    pub message: String,
    /// Error or warning.
    pub severity: CronSeverity,
}

/// Checks a cron spec the way `CronTabList.create` and the timer trigger's form validation do.
///
/// Every line that Jenkins would reject yields one error (Jenkins itself stops at the first).
/// Warnings are given only when the whole spec is accepted, one or two per tab: the
/// `checkSanity()` hint and, when the schedule can go more than two years without firing, the
/// "rare or impossible" warning.
#[must_use]
pub fn check(spec: &str) -> Vec<CronProblem> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut line_start = 0;
    for (index, raw) in spec.split('\n').enumerate() {
        let next_start = line_start + raw.len() + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let (lead, line) = java_trim(raw);
        let base = line_start + lead;
        line_start = next_start;
        let problem = |start: usize, end: usize, message: String, severity| CronProblem {
            line: index,
            start: base + start,
            end: base + end,
            message,
            severity,
        };
        if index == 0 && line.starts_with("TZ=") {
            let zone = line.replace("TZ=", "");
            if !is_time_zone_id(&zone) {
                errors.push(problem(
                    0,
                    line.len(),
                    format!("Invalid or unsupported timezone '{zone}'"),
                    CronSeverity::Error,
                ));
            }
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_tab(line, index + 1) {
            Ok(tab) => {
                let whole = |message| problem(0, line.len(), message, CronSeverity::Warning);
                if let Some(message) = tab.check_sanity() {
                    warnings.push(whole(message));
                }
                if tab.is_rare() {
                    warnings.push(whole(RARE_OR_IMPOSSIBLE.to_owned()));
                }
            }
            Err(failure) => errors.push(problem(
                failure.start,
                failure.end,
                format!("Invalid input: \"{line}\": {}", failure.message),
                CronSeverity::Error,
            )),
        }
    }
    if errors.is_empty() { warnings } else { errors }
}

/// `TimerTrigger.the_specified_cron_tab_is_rare_or_impossible`.
const RARE_OR_IMPOSSIBLE: &str = "This schedule will match dates only rarely (e.g. February 29) or \
     never (e.g. June 31), so this job may be triggered very rarely, if at all.";

/// Java's `String.trim()`: strips every char up to U+0020 at both ends. Returns the number of
/// bytes cut at the start and the trimmed text.
fn java_trim(s: &str) -> (usize, &str) {
    let start = s.len() - s.trim_start_matches(|c| c <= ' ').len();
    (start, s[start..].trim_end_matches(|c| c <= ' '))
}

/// Lower bounds of the five fields, inclusive (`BaseParser.LOWER_BOUNDS`).
const LOWER: [i64; 5] = [0, 0, 1, 1, 0];
/// Upper bounds of the five fields, inclusive (`BaseParser.UPPER_BOUNDS`).
const UPPER: [i64; 5] = [59, 23, 31, 12, 7];

/// A parsed tab: the bit sets `CronTab` keeps.
struct Tab {
    /// Minute, hour, day of month, month, then day of week with Sunday as bit 0 only.
    bits: [u64; 5],
    /// The text `checkSanity` looks at: the line, or the expansion of an `@` keyword.
    spec: String,
}

impl Tab {
    fn has(&self, field: usize, value: i64) -> bool {
        (0..64).contains(&value) && self.bits[field] & (1 << value) != 0
    }

    /// `CronTab.checkSanity()`.
    fn check_sanity(&self) -> Option<String> {
        'outer: for field in 0..5 {
            for value in LOWER[field]..=UPPER[field] {
                if !self.has(field, value) {
                    if field > 0 {
                        let rest = self
                            .spec
                            .find(' ')
                            .map_or(&*self.spec, |i| &self.spec[i + 1..]);
                        return Some(format!(
                            "Do you really mean \"every minute\" when you say \"{}\"? Perhaps you \
                             meant \"H {rest}\" to poll once per hour",
                            self.spec
                        ));
                    }
                    break 'outer;
                }
            }
        }
        let days = (1..31).filter(|&day| self.has(2, day)).count();
        if days > 5 && days < 28 {
            return Some(
                "Short cycles in the day-of-month field will behave oddly near the end of a month"
                    .to_owned(),
            );
        }
        hashify(&self.spec).map(|better| {
            format!(
                "Spread load evenly by using ‘{better}’ rather than ‘{}’",
                self.spec
            )
        })
    }

    /// Whether Jenkins' `previous()`/`next()` can fail to find a match within two years: no
    /// date ever matches, or two consecutive matching dates lie more than two years apart.
    /// Checked over the 400-year Gregorian cycle, so it does not depend on today's date.
    fn is_rare(&self) -> bool {
        const CYCLE: i64 = 146_097;
        if (1..=31).all(|dom| self.has(2, dom)) {
            // Every selected month has each selected weekday at least four times.
            return false;
        }
        if (0..7).all(|dow| self.has(4, dow)) {
            // A month and day that every year has come back yearly; February 29 alone does not.
            return !(1..=12).any(|month| {
                self.has(3, month) && (1..=days_in_month(2001, month)).any(|dom| self.has(2, dom))
            });
        }
        let mut first = None;
        let mut last = 0;
        let mut widest = 0;
        let mut day = 0_i64;
        // 2000-01-01 was a Saturday.
        for year in 2000..2400 {
            for month in 1..=12 {
                for dom in 1..=days_in_month(year, month) {
                    let dow = (day + 6) % 7;
                    if self.has(3, month) && self.has(2, dom) && self.has(4, dow) {
                        match first {
                            None => first = Some(day),
                            Some(_) => widest = widest.max(day - last),
                        }
                        last = day;
                    }
                    day += 1;
                }
            }
        }
        match first {
            None => true,
            Some(first) => widest.max(first + CYCLE - last) > 731,
        }
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `CronTab.hashify`: a spec that spreads its load with `H`, for a spec that fixes a minute.
fn hashify(spec: &str) -> Option<String> {
    let after_space = || spec.find(' ').map_or(spec, |i| &spec[i + 1..]);
    if spec.contains('H') {
        return None;
    }
    if let Some(rest) = spec.strip_prefix("*/") {
        return Some(format!("H/{rest}"));
    }
    // "\d+ .+"
    let digits = spec.len() - spec.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && is_space_then_any(&spec[digits..]) {
        return Some(format!("H {}", after_space()));
    }
    // "0(,(\d+)(,\d+)*)( .+)": 0,15,30,45 to H/15.
    let list = spec.strip_prefix('0')?;
    let tail_at = list.find(' ')?;
    let (numbers, tail) = list.split_at(tail_at);
    if !is_space_then_any(tail) || !numbers.starts_with(',') {
        return None;
    }
    let parts: Vec<&str> = numbers[1..].split(',').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let period: usize = parts[0].parse().ok()?;
    if period == 0 {
        return None;
    }
    let expected: String = (period..60)
        .step_by(period)
        .fold(String::new(), |mut s, i| {
            let _ = write!(s, ",{i}");
            s
        });
    (expected == numbers).then(|| format!("H/{period}{tail}"))
}

/// Whether `s` matches Java's `" .+"`: a space, then at least one char that is no line
/// terminator.
fn is_space_then_any(s: &str) -> bool {
    s.strip_prefix(' ').is_some_and(|rest| {
        !rest.is_empty() && !rest.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
    })
}

/// Why one line failed: the text after `Invalid input: "…": ` and the bytes it is about,
/// relative to the trimmed line.
struct Failure {
    message: String,
    start: usize,
    end: usize,
}

/// Token types of `CrontabLexer.g4`, numbered as ANTLR numbers them (EOF is -1 there; here it
/// is 0 so that it sorts first in expected sets, as ANTLR prints them).
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
enum Kind {
    Eof = 0,
    Number,
    Ws,
    Minus,
    Star,
    Div,
    Or,
    At,
    H,
    LParen,
    RParen,
    Yearly,
    Annually,
    Monthly,
    Weekly,
    Daily,
    Midnight,
    Hourly,
}

/// The keywords after `@`, with their token kinds and the spec Jenkins expands them to.
const KEYWORDS: [(&str, Kind, &str); 7] = [
    ("yearly", Kind::Yearly, "H H H H *"),
    ("annually", Kind::Annually, "H H H H *"),
    ("monthly", Kind::Monthly, "H H H * *"),
    ("weekly", Kind::Weekly, "H H * * H"),
    ("daily", Kind::Daily, "H H * * *"),
    ("midnight", Kind::Midnight, "H H(0-2) * * *"),
    ("hourly", Kind::Hourly, "H * * * *"),
];

/// ANTLR's display names of the token kinds, by kind number.
const DISPLAY: [&str; 18] = [
    "<EOF>",
    "TOKEN",
    "WS",
    "'-'",
    "'*'",
    "'/'",
    "','",
    "'@'",
    "'H'",
    "'('",
    "')'",
    "'yearly'",
    "'annually'",
    "'monthly'",
    "'weekly'",
    "'daily'",
    "'midnight'",
    "'hourly'",
];

/// A set of token kinds.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
struct Set(u32);

impl Set {
    const fn of(kinds: &[Kind]) -> Set {
        let mut bits = 0;
        let mut i = 0;
        while i < kinds.len() {
            bits |= 1 << kinds[i] as u32;
            i += 1;
        }
        Set(bits)
    }

    fn has(self, kind: Kind) -> bool {
        self.0 & (1 << kind as u32) != 0
    }

    fn with(self, other: Set) -> Set {
        Set(self.0 | other.0)
    }

    /// `IntervalSet.toString(Vocabulary)`.
    fn display(self) -> String {
        let names: Vec<&str> = (0..DISPLAY.len())
            .filter(|i| self.0 & (1 << i) != 0)
            .map(|i| DISPLAY[i])
            .collect();
        if names.len() == 1 {
            names[0].to_owned()
        } else {
            format!("{{{}}}", names.join(", "))
        }
    }
}

const TERM_START: Set = Set::of(&[Kind::Number, Kind::Star, Kind::H]);
const RULE_START: Set = Set::of(&[Kind::Number, Kind::Star, Kind::At, Kind::H]);
const AT_KEYWORDS: Set = Set::of(&[
    Kind::Yearly,
    Kind::Annually,
    Kind::Monthly,
    Kind::Weekly,
    Kind::Daily,
    Kind::Midnight,
    Kind::Hourly,
]);

#[derive(Clone, Copy, Debug)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// The generated parser over a lazily filled token stream, with `DefaultErrorStrategy`'s
/// behaviour where this grammar can reach it. Tokens are lexed only when the parser first looks
/// at them, as `CommonTokenStream` does, so a lexer error wins over a parser error exactly when
/// it does in Jenkins.
struct Parser<'a> {
    text: &'a str,
    line: usize,
    tokens: Vec<Token>,
    /// Index of the current token (`LT(1)`).
    p: usize,
    /// The expected set of `DefaultErrorStrategy.nextTokensContext`, if set.
    next_expected: Option<Set>,
}

fn parse_tab(text: &str, line: usize) -> Result<Tab, Failure> {
    let mut parser = Parser {
        text,
        line,
        tokens: Vec::new(),
        p: 0,
        next_expected: None,
    };
    parser.start_rule()
}

impl Parser<'_> {
    /// 0-based column of a byte offset, in code points as ANTLR counts them.
    fn column(&self, offset: usize) -> usize {
        self.text[..offset].chars().count()
    }

    fn fail_at(&self, at: Token, message: &str, start: usize, end: usize) -> Failure {
        Failure {
            message: format!("line {}:{}: {message}", self.line, self.column(at.start)),
            start,
            end,
        }
    }

    /// Lexes the token that starts at byte `at`.
    fn lex(&self, at: usize) -> Result<Token, Failure> {
        let rest = &self.text[at..];
        let token = |kind, len| {
            Ok(Token {
                kind,
                start: at,
                end: at + len,
            })
        };
        let Some(c) = rest.chars().next() else {
            return token(Kind::Eof, 0);
        };
        let run = |f: fn(char) -> bool| rest.len() - rest.trim_start_matches(f).len();
        match c {
            '0'..='9' => return token(Kind::Number, run(|c| c.is_ascii_digit())),
            ' ' | '\t' => return token(Kind::Ws, run(|c| c == ' ' || c == '\t')),
            '-' => return token(Kind::Minus, 1),
            '*' => return token(Kind::Star, 1),
            '/' => return token(Kind::Div, 1),
            ',' => return token(Kind::Or, 1),
            '@' => return token(Kind::At, 1),
            'H' => return token(Kind::H, 1),
            '(' => return token(Kind::LParen, 1),
            ')' => return token(Kind::RParen, 1),
            _ => {}
        }
        // Only the keywords are left: follow their common prefix as far as the input does.
        let mut len = 0;
        for c in rest.chars() {
            let prefix = &rest[..len + c.len_utf8()];
            if let Some(&(_, kind, _)) = KEYWORDS.iter().find(|(k, _, _)| *k == prefix) {
                return token(kind, prefix.len());
            }
            if !KEYWORDS.iter().any(|(k, _, _)| k.starts_with(prefix)) {
                // The char that could not go on is part of the reported text.
                len += c.len_utf8();
                break;
            }
            len += c.len_utf8();
        }
        let bad = &rest[..len];
        let shown: String = bad
            .chars()
            .map(|c| match c {
                '\n' => "\\n".to_owned(),
                '\r' => "\\r".to_owned(),
                '\t' => "\\t".to_owned(),
                c => c.to_string(),
            })
            .collect();
        Err(Failure {
            message: format!(
                "line {}:{}: token recognition error at: '{shown}'",
                self.line,
                self.column(at)
            ),
            start: at,
            end: at + len,
        })
    }

    /// `LT(k)`, lexing as far as needed.
    fn lt(&mut self, k: usize) -> Result<Token, Failure> {
        let index = self.p + k - 1;
        while self.tokens.len() <= index {
            match self.tokens.last() {
                Some(last) if last.kind == Kind::Eof => return Ok(*last),
                _ => {}
            }
            let at = self.tokens.last().map_or(0, |t| t.end);
            let token = self.lex(at)?;
            self.tokens.push(token);
        }
        Ok(self.tokens[index])
    }

    /// `Parser.consume()`: moves past `LT(1)`, which makes the stream fetch the next token.
    fn consume(&mut self) -> Result<Token, Failure> {
        let token = self.lt(1)?;
        if token.kind != Kind::Eof {
            self.p += 1;
            self.lt(1)?;
        }
        Ok(token)
    }

    /// `DefaultErrorStrategy.sync` at a block start whose alternatives begin with `expected`:
    /// single-token deletion, else a mismatch.
    fn sync_block(&mut self, expected: Set) -> Result<(), Failure> {
        let la1 = self.lt(1)?;
        if expected.has(la1.kind) {
            self.next_expected = None;
            return Ok(());
        }
        let la2 = self.lt(2)?;
        let what = if expected.has(la2.kind) {
            "extraneous input"
        } else {
            "mismatched input"
        };
        Err(self.token_error(la1, what, expected))
    }

    /// `DefaultErrorStrategy.sync` before an optional `kind`: whether it is there.
    fn sync_optional(&mut self, kind: Kind, follow: Set) -> Result<bool, Failure> {
        let la1 = self.lt(1)?;
        if la1.kind == kind {
            self.next_expected = None;
            return Ok(true);
        }
        if self.next_expected.is_none() {
            self.next_expected = Some(Set::of(&[kind]).with(follow));
        }
        Ok(false)
    }

    /// `Parser.match(kind)` with `recoverInline`; `after` is what may follow `kind` here.
    fn expect(&mut self, kind: Kind, after: Set) -> Result<Token, Failure> {
        let la1 = self.lt(1)?;
        if la1.kind == kind {
            return self.consume();
        }
        let la2 = self.lt(2)?;
        let only = Set::of(&[kind]);
        if la2.kind == kind {
            return Err(self.token_error(la1, "extraneous input", only));
        }
        if after.has(la1.kind) {
            let message = format!("missing {} at {}", only.display(), self.token_display(la1));
            return Err(self.fail_at(la1, &message, la1.start, la1.end));
        }
        let expected = self.next_expected.unwrap_or(only);
        Err(self.token_error(la1, "mismatched input", expected))
    }

    fn token_display(&self, token: Token) -> String {
        if token.kind == Kind::Eof {
            "'<EOF>'".to_owned()
        } else {
            let text = &self.text[token.start..token.end];
            format!("'{}'", text.replace('\t', "\\t"))
        }
    }

    fn token_error(&self, token: Token, what: &str, expected: Set) -> Failure {
        let message = format!(
            "{what} {} expecting {}",
            self.token_display(token),
            expected.display()
        );
        self.fail_at(token, &message, token.start, token.end)
    }

    /// Rule `token`: a number, parsed with `Integer.parseInt` once matched.
    fn number(&mut self, after: Set) -> Result<(i64, Token), Failure> {
        let token = self.expect(Kind::Number, after)?;
        let digits = &self.text[token.start..token.end];
        match digits.parse::<i32>() {
            Ok(value) => Ok((i64::from(value), token)),
            Err(_) => Err(Failure {
                message: format!("For input string: \"{digits}\""),
                start: token.start,
                end: token.end,
            }),
        }
    }

    /// Rule `startRule`.
    fn start_rule(&mut self) -> Result<Tab, Failure> {
        self.sync_block(RULE_START)?;
        if self.lt(1)?.kind == Kind::At {
            self.consume()?;
            self.sync_block(AT_KEYWORDS)?;
            let keyword = self.consume()?;
            let expansion = KEYWORDS
                .iter()
                .find(|(_, kind, _)| *kind == keyword.kind)
                .map_or("H * * * *", |k| k.2);
            let mut tab = parse_tab(expansion, 1)?;
            expansion.clone_into(&mut tab.spec);
            return Ok(tab);
        }
        let mut bits = [0; 5];
        for (field, slot) in bits.iter_mut().enumerate() {
            *slot = self.expr(field)?;
            if field < 4 {
                self.expect(Kind::Ws, TERM_START)?;
            } else {
                self.expect(Kind::Eof, Set::of(&[Kind::Eof]))?;
            }
        }
        if bits[4] & (1 << 7) != 0 {
            bits[4] = (bits[4] | 1) & !(1 << 7);
        }
        Ok(Tab {
            bits,
            spec: self.text.to_owned(),
        })
    }

    /// Rule `expr`: terms joined by `,` (the grammar's right recursion, as a loop).
    fn expr(&mut self, field: usize) -> Result<u64, Failure> {
        let follow = Set::of(&[if field < 4 { Kind::Ws } else { Kind::Eof }]);
        let mut bits = 0;
        loop {
            bits |= self.term(field, Set::of(&[Kind::Or]).with(follow))?;
            if !self.sync_optional(Kind::Or, follow)? {
                return Ok(bits);
            }
            self.consume()?;
        }
    }

    /// Rule `term`; `follow` is what may come after it.
    fn term(&mut self, field: usize, follow: Set) -> Result<u64, Failure> {
        self.sync_block(TERM_START)?;
        let first = self.lt(1)?;
        let start = first.start;
        // Fails with Jenkins' message at LT(1), covering the term so far.
        let check = |parser: &mut Self, result: Result<u64, String>| -> Result<u64, Failure> {
            result.or_else(|message| {
                let at = parser.lt(1)?;
                let end = parser.tokens[parser.p - 1].end;
                Err(parser.fail_at(at, &message, start, end))
            })
        };
        let after_step = Set::of(&[Kind::Div]).with(follow);
        match first.kind {
            Kind::Star => {
                self.consume()?;
                let step = self.step(follow)?;
                let result = do_range(LOWER[field], UPPER[field], step, field);
                check(self, result)
            }
            Kind::H if self.lt(2)?.kind == Kind::LParen => {
                self.consume()?;
                self.consume()?;
                let (s, _) = self.number(Set::of(&[Kind::Minus]))?;
                self.expect(Kind::Minus, Set::of(&[Kind::Number]))?;
                let (e, _) = self.number(Set::of(&[Kind::RParen]))?;
                self.expect(Kind::RParen, after_step)?;
                let step = self.step(follow)?;
                let result = do_hash(s, e, step, field);
                check(self, result)
            }
            Kind::H => {
                self.consume()?;
                let step = self.step(follow)?;
                let upper = match field {
                    2 => 28,
                    4 => 6,
                    _ => UPPER[field],
                };
                let result = do_hash(LOWER[field], upper, step, field);
                check(self, result)
            }
            _ if self.lt(2)?.kind == Kind::Minus => {
                let (s, _) = self.number(Set::of(&[Kind::Minus]))?;
                self.consume()?;
                let (e, _) = self.number(after_step)?;
                let step = self.step(follow)?;
                let result = do_range(s, e, step, field);
                check(self, result)
            }
            _ => {
                let (value, _) = self.number(follow)?;
                let result = range_check(value, field).map(|()| 1 << value);
                check(self, result)
            }
        }
    }

    /// The optional `/ token` of a term: the step, or `NO_STEP` (1).
    fn step(&mut self, follow: Set) -> Result<i64, Failure> {
        if self.sync_optional(Kind::Div, follow)? {
            self.consume()?;
            Ok(self.number(follow)?.0)
        } else {
            Ok(1)
        }
    }
}

/// `BaseParser.rangeCheck`.
fn range_check(value: i64, field: usize) -> Result<(), String> {
    if value < LOWER[field] || UPPER[field] < value {
        Err(out_of_range(value, LOWER[field], UPPER[field]))
    } else {
        Ok(())
    }
}

fn out_of_range(value: i64, low: i64, high: i64) -> String {
    format!(
        "{} is an invalid value. Must be within {} and {}",
        java_number(value),
        java_number(low),
        java_number(high)
    )
}

/// `BaseParser.doRange`.
fn do_range(start: i64, end: i64, step: i64, field: usize) -> Result<u64, String> {
    range_check(start, field)?;
    range_check(end, field)?;
    if step <= 0 {
        return Err(format!(
            "step must be positive, but found {}",
            java_number(step)
        ));
    }
    if start > end {
        return Err(format!(
            "You mean {}-{}?",
            java_number(end),
            java_number(start)
        ));
    }
    Ok((start..=end)
        .step_by(usize::try_from(step).unwrap_or(usize::MAX))
        .fold(0, |bits, i| bits | 1 << i))
}

/// `BaseParser.doHash`, with the zero hash Jenkins uses when validating (every `H` picks the
/// first value it may).
fn do_hash(start: i64, end: i64, step: i64, field: usize) -> Result<u64, String> {
    range_check(start, field)?;
    range_check(end, field)?;
    if step > end - start + 1 {
        Err(out_of_range(step, 1, end - start + 1))
    } else if step > 1 {
        Ok((start..=end)
            .step_by(usize::try_from(step).unwrap_or(usize::MAX))
            .fold(0, |bits, i| bits | 1 << i))
    } else if step <= 0 {
        Err(format!(
            "step must be positive, but found {}",
            java_number(step)
        ))
    } else {
        Ok(1 << start)
    }
}

/// An integer as `MessageFormat` shows it in English: grouped by threes with commas.
fn java_number(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn is_time_zone_id(zone: &str) -> bool {
    TIME_ZONE_IDS.split(' ').any(|id| id == zone)
}

/// `java.util.TimeZone.getAvailableIDs()` of Java 17, which `CronTabList.getValidTimezone`
/// accepts.
const TIME_ZONE_IDS: &str = "ACT AET AGT ART AST Africa/Abidjan Africa/Accra Africa/Addis_Ababa Africa/Algiers \
     Africa/Asmara Africa/Asmera Africa/Bamako Africa/Bangui Africa/Banjul Africa/Bissau \
     Africa/Blantyre Africa/Brazzaville Africa/Bujumbura Africa/Cairo Africa/Casablanca \
     Africa/Ceuta Africa/Conakry Africa/Dakar Africa/Dar_es_Salaam Africa/Djibouti Africa/Douala \
     Africa/El_Aaiun Africa/Freetown Africa/Gaborone Africa/Harare Africa/Johannesburg \
     Africa/Juba Africa/Kampala Africa/Khartoum Africa/Kigali Africa/Kinshasa Africa/Lagos \
     Africa/Libreville Africa/Lome Africa/Luanda Africa/Lubumbashi Africa/Lusaka Africa/Malabo \
     Africa/Maputo Africa/Maseru Africa/Mbabane Africa/Mogadishu Africa/Monrovia Africa/Nairobi \
     Africa/Ndjamena Africa/Niamey Africa/Nouakchott Africa/Ouagadougou Africa/Porto-Novo \
     Africa/Sao_Tome Africa/Timbuktu Africa/Tripoli Africa/Tunis Africa/Windhoek America/Adak \
     America/Anchorage America/Anguilla America/Antigua America/Araguaina \
     America/Argentina/Buenos_Aires America/Argentina/Catamarca America/Argentina/ComodRivadavia \
     America/Argentina/Cordoba America/Argentina/Jujuy America/Argentina/La_Rioja \
     America/Argentina/Mendoza America/Argentina/Rio_Gallegos America/Argentina/Salta \
     America/Argentina/San_Juan America/Argentina/San_Luis America/Argentina/Tucuman \
     America/Argentina/Ushuaia America/Aruba America/Asuncion America/Atikokan America/Atka \
     America/Bahia America/Bahia_Banderas America/Barbados America/Belem America/Belize \
     America/Blanc-Sablon America/Boa_Vista America/Bogota America/Boise America/Buenos_Aires \
     America/Cambridge_Bay America/Campo_Grande America/Cancun America/Caracas America/Catamarca \
     America/Cayenne America/Cayman America/Chicago America/Chihuahua America/Ciudad_Juarez \
     America/Coral_Harbour America/Cordoba America/Costa_Rica America/Creston America/Cuiaba \
     America/Curacao America/Danmarkshavn America/Dawson America/Dawson_Creek America/Denver \
     America/Detroit America/Dominica America/Edmonton America/Eirunepe America/El_Salvador \
     America/Ensenada America/Fort_Nelson America/Fort_Wayne America/Fortaleza America/Glace_Bay \
     America/Godthab America/Goose_Bay America/Grand_Turk America/Grenada America/Guadeloupe \
     America/Guatemala America/Guayaquil America/Guyana America/Halifax America/Havana \
     America/Hermosillo America/Indiana/Indianapolis America/Indiana/Knox \
     America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Tell_City \
     America/Indiana/Vevay America/Indiana/Vincennes America/Indiana/Winamac \
     America/Indianapolis America/Inuvik America/Iqaluit America/Jamaica America/Jujuy \
     America/Juneau America/Kentucky/Louisville America/Kentucky/Monticello America/Knox_IN \
     America/Kralendijk America/La_Paz America/Lima America/Los_Angeles America/Louisville \
     America/Lower_Princes America/Maceio America/Managua America/Manaus America/Marigot \
     America/Martinique America/Matamoros America/Mazatlan America/Mendoza America/Menominee \
     America/Merida America/Metlakatla America/Mexico_City America/Miquelon America/Moncton \
     America/Monterrey America/Montevideo America/Montreal America/Montserrat America/Nassau \
     America/New_York America/Nipigon America/Nome America/Noronha America/North_Dakota/Beulah \
     America/North_Dakota/Center America/North_Dakota/New_Salem America/Nuuk America/Ojinaga \
     America/Panama America/Pangnirtung America/Paramaribo America/Phoenix \
     America/Port-au-Prince America/Port_of_Spain America/Porto_Acre America/Porto_Velho \
     America/Puerto_Rico America/Punta_Arenas America/Rainy_River America/Rankin_Inlet \
     America/Recife America/Regina America/Resolute America/Rio_Branco America/Rosario \
     America/Santa_Isabel America/Santarem America/Santiago America/Santo_Domingo \
     America/Sao_Paulo America/Scoresbysund America/Shiprock America/Sitka America/St_Barthelemy \
     America/St_Johns America/St_Kitts America/St_Lucia America/St_Thomas America/St_Vincent \
     America/Swift_Current America/Tegucigalpa America/Thule America/Thunder_Bay America/Tijuana \
     America/Toronto America/Tortola America/Vancouver America/Virgin America/Whitehorse \
     America/Winnipeg America/Yakutat America/Yellowknife Antarctica/Casey Antarctica/Davis \
     Antarctica/DumontDUrville Antarctica/Macquarie Antarctica/Mawson Antarctica/McMurdo \
     Antarctica/Palmer Antarctica/Rothera Antarctica/South_Pole Antarctica/Syowa \
     Antarctica/Troll Antarctica/Vostok Arctic/Longyearbyen Asia/Aden Asia/Almaty Asia/Amman \
     Asia/Anadyr Asia/Aqtau Asia/Aqtobe Asia/Ashgabat Asia/Ashkhabad Asia/Atyrau Asia/Baghdad \
     Asia/Bahrain Asia/Baku Asia/Bangkok Asia/Barnaul Asia/Beirut Asia/Bishkek Asia/Brunei \
     Asia/Calcutta Asia/Chita Asia/Choibalsan Asia/Chongqing Asia/Chungking Asia/Colombo \
     Asia/Dacca Asia/Damascus Asia/Dhaka Asia/Dili Asia/Dubai Asia/Dushanbe Asia/Famagusta \
     Asia/Gaza Asia/Harbin Asia/Hebron Asia/Ho_Chi_Minh Asia/Hong_Kong Asia/Hovd Asia/Irkutsk \
     Asia/Istanbul Asia/Jakarta Asia/Jayapura Asia/Jerusalem Asia/Kabul Asia/Kamchatka \
     Asia/Karachi Asia/Kashgar Asia/Kathmandu Asia/Katmandu Asia/Khandyga Asia/Kolkata \
     Asia/Krasnoyarsk Asia/Kuala_Lumpur Asia/Kuching Asia/Kuwait Asia/Macao Asia/Macau \
     Asia/Magadan Asia/Makassar Asia/Manila Asia/Muscat Asia/Nicosia Asia/Novokuznetsk \
     Asia/Novosibirsk Asia/Omsk Asia/Oral Asia/Phnom_Penh Asia/Pontianak Asia/Pyongyang \
     Asia/Qatar Asia/Qostanay Asia/Qyzylorda Asia/Rangoon Asia/Riyadh Asia/Saigon Asia/Sakhalin \
     Asia/Samarkand Asia/Seoul Asia/Shanghai Asia/Singapore Asia/Srednekolymsk Asia/Taipei \
     Asia/Tashkent Asia/Tbilisi Asia/Tehran Asia/Tel_Aviv Asia/Thimbu Asia/Thimphu Asia/Tokyo \
     Asia/Tomsk Asia/Ujung_Pandang Asia/Ulaanbaatar Asia/Ulan_Bator Asia/Urumqi Asia/Ust-Nera \
     Asia/Vientiane Asia/Vladivostok Asia/Yakutsk Asia/Yangon Asia/Yekaterinburg Asia/Yerevan \
     Atlantic/Azores Atlantic/Bermuda Atlantic/Canary Atlantic/Cape_Verde Atlantic/Faeroe \
     Atlantic/Faroe Atlantic/Jan_Mayen Atlantic/Madeira Atlantic/Reykjavik \
     Atlantic/South_Georgia Atlantic/St_Helena Atlantic/Stanley Australia/ACT Australia/Adelaide \
     Australia/Brisbane Australia/Broken_Hill Australia/Canberra Australia/Currie \
     Australia/Darwin Australia/Eucla Australia/Hobart Australia/LHI Australia/Lindeman \
     Australia/Lord_Howe Australia/Melbourne Australia/NSW Australia/North Australia/Perth \
     Australia/Queensland Australia/South Australia/Sydney Australia/Tasmania Australia/Victoria \
     Australia/West Australia/Yancowinna BET BST Brazil/Acre Brazil/DeNoronha Brazil/East \
     Brazil/West CAT CET CNT CST CST6CDT CTT Canada/Atlantic Canada/Central Canada/Eastern \
     Canada/Mountain Canada/Newfoundland Canada/Pacific Canada/Saskatchewan Canada/Yukon \
     Chile/Continental Chile/EasterIsland Cuba EAT ECT EET EST EST5EDT Egypt Eire Etc/GMT \
     Etc/GMT+0 Etc/GMT+1 Etc/GMT+10 Etc/GMT+11 Etc/GMT+12 Etc/GMT+2 Etc/GMT+3 Etc/GMT+4 \
     Etc/GMT+5 Etc/GMT+6 Etc/GMT+7 Etc/GMT+8 Etc/GMT+9 Etc/GMT-0 Etc/GMT-1 Etc/GMT-10 Etc/GMT-11 \
     Etc/GMT-12 Etc/GMT-13 Etc/GMT-14 Etc/GMT-2 Etc/GMT-3 Etc/GMT-4 Etc/GMT-5 Etc/GMT-6 \
     Etc/GMT-7 Etc/GMT-8 Etc/GMT-9 Etc/GMT0 Etc/Greenwich Etc/UCT Etc/UTC Etc/Universal Etc/Zulu \
     Europe/Amsterdam Europe/Andorra Europe/Astrakhan Europe/Athens Europe/Belfast \
     Europe/Belgrade Europe/Berlin Europe/Bratislava Europe/Brussels Europe/Bucharest \
     Europe/Budapest Europe/Busingen Europe/Chisinau Europe/Copenhagen Europe/Dublin \
     Europe/Gibraltar Europe/Guernsey Europe/Helsinki Europe/Isle_of_Man Europe/Istanbul \
     Europe/Jersey Europe/Kaliningrad Europe/Kiev Europe/Kirov Europe/Kyiv Europe/Lisbon \
     Europe/Ljubljana Europe/London Europe/Luxembourg Europe/Madrid Europe/Malta \
     Europe/Mariehamn Europe/Minsk Europe/Monaco Europe/Moscow Europe/Nicosia Europe/Oslo \
     Europe/Paris Europe/Podgorica Europe/Prague Europe/Riga Europe/Rome Europe/Samara \
     Europe/San_Marino Europe/Sarajevo Europe/Saratov Europe/Simferopol Europe/Skopje \
     Europe/Sofia Europe/Stockholm Europe/Tallinn Europe/Tirane Europe/Tiraspol Europe/Ulyanovsk \
     Europe/Uzhgorod Europe/Vaduz Europe/Vatican Europe/Vienna Europe/Vilnius Europe/Volgograd \
     Europe/Warsaw Europe/Zagreb Europe/Zaporozhye Europe/Zurich GB GB-Eire GMT GMT0 Greenwich \
     HST Hongkong IET IST Iceland Indian/Antananarivo Indian/Chagos Indian/Christmas \
     Indian/Cocos Indian/Comoro Indian/Kerguelen Indian/Mahe Indian/Maldives Indian/Mauritius \
     Indian/Mayotte Indian/Reunion Iran Israel JST Jamaica Japan Kwajalein Libya MET MIT MST \
     MST7MDT Mexico/BajaNorte Mexico/BajaSur Mexico/General NET NST NZ NZ-CHAT Navajo PLT PNT \
     PRC PRT PST PST8PDT Pacific/Apia Pacific/Auckland Pacific/Bougainville Pacific/Chatham \
     Pacific/Chuuk Pacific/Easter Pacific/Efate Pacific/Enderbury Pacific/Fakaofo Pacific/Fiji \
     Pacific/Funafuti Pacific/Galapagos Pacific/Gambier Pacific/Guadalcanal Pacific/Guam \
     Pacific/Honolulu Pacific/Johnston Pacific/Kanton Pacific/Kiritimati Pacific/Kosrae \
     Pacific/Kwajalein Pacific/Majuro Pacific/Marquesas Pacific/Midway Pacific/Nauru \
     Pacific/Niue Pacific/Norfolk Pacific/Noumea Pacific/Pago_Pago Pacific/Palau \
     Pacific/Pitcairn Pacific/Pohnpei Pacific/Ponape Pacific/Port_Moresby Pacific/Rarotonga \
     Pacific/Saipan Pacific/Samoa Pacific/Tahiti Pacific/Tarawa Pacific/Tongatapu Pacific/Truk \
     Pacific/Wake Pacific/Wallis Pacific/Yap Poland Portugal ROK SST Singapore SystemV/AST4 \
     SystemV/AST4ADT SystemV/CST6 SystemV/CST6CDT SystemV/EST5 SystemV/EST5EDT SystemV/HST10 \
     SystemV/MST7 SystemV/MST7MDT SystemV/PST8 SystemV/PST8PDT SystemV/YST9 SystemV/YST9YDT \
     Turkey UCT US/Alaska US/Aleutian US/Arizona US/Central US/East-Indiana US/Eastern US/Hawaii \
     US/Indiana-Starke US/Michigan US/Mountain US/Pacific US/Samoa UTC Universal VST W-SU WET \
     Zulu";

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages of the problems, as (severity, message) pairs.
    fn messages(spec: &str) -> Vec<(CronSeverity, String)> {
        check(spec)
            .into_iter()
            .map(|p| (p.severity, p.message))
            .collect()
    }

    fn error(spec: &str) -> String {
        let problems = check(spec);
        assert_eq!(problems.len(), 1, "{spec}: {problems:?}");
        assert_eq!(problems[0].severity, CronSeverity::Error, "{spec}");
        problems[0].message.clone()
    }

    fn warning(spec: &str) -> String {
        let problems = check(spec);
        assert_eq!(problems.len(), 1, "{spec}: {problems:?}");
        assert_eq!(problems[0].severity, CronSeverity::Warning, "{spec}");
        problems[0].message.clone()
    }

    #[test]
    fn accepts_every_form_of_field() {
        for spec in [
            "H/15 * * * *",
            "H * * * *",
            "H H * * *",
            "H H(0-2) * * *",
            "H(0-29)/10 * * * *",
            "H 1-5 * * 1-5",
            "H 0-23/2 * * *",
            "H H 1,15 * *",
            "H H * * 7",
            "H H * * 0-7",
            "H,5 * * * *",
            "H H/3 * * *",
            "H(0-59)/60 * * * *",
            "H\t*\t*\t*\t*",
            "H  H  *  *  *",
            "  H * * * *  ",
            "H H * 1-12/3 *",
            "H/15 * 1 1 *",
            "0 3 H/15 * *",
            "",
            "# only a comment",
            "\n\n",
        ] {
            assert_eq!(messages(spec), vec![], "{spec:?}");
        }
    }

    #[test]
    fn accepts_the_at_keywords() {
        for spec in [
            "@yearly",
            "@annually",
            "@monthly",
            "@weekly",
            "@daily",
            "@midnight",
            "@hourly",
            // Jenkins' grammar stops after the keyword.
            "@daily x",
        ] {
            assert_eq!(messages(spec), vec![], "{spec:?}");
        }
    }

    #[test]
    fn rejects_unknown_at_keywords() {
        assert_eq!(
            error("@reboot"),
            "Invalid input: \"@reboot\": line 1:1: token recognition error at: 'r'"
        );
        assert_eq!(
            error("@Hourly"),
            "Invalid input: \"@Hourly\": line 1:2: token recognition error at: 'o'"
        );
        assert_eq!(
            error("@ hourly"),
            "Invalid input: \"@ hourly\": line 1:1: extraneous input ' ' expecting {'yearly', \
             'annually', 'monthly', 'weekly', 'daily', 'midnight', 'hourly'}"
        );
        assert_eq!(
            error("@"),
            "Invalid input: \"@\": line 1:1: mismatched input '<EOF>' expecting {'yearly', \
             'annually', 'monthly', 'weekly', 'daily', 'midnight', 'hourly'}"
        );
    }

    #[test]
    fn has_no_month_or_day_names() {
        assert_eq!(
            error("H H * JAN *"),
            "Invalid input: \"H H * JAN *\": line 1:6: token recognition error at: 'J'"
        );
        assert_eq!(
            error("H H * * MON"),
            "Invalid input: \"H H * * MON\": line 1:8: token recognition error at: 'M'"
        );
        assert_eq!(
            error("H H * * mon"),
            "Invalid input: \"H H * * mon\": line 1:8: token recognition error at: 'mon'"
        );
        assert_eq!(
            error("h * * * *"),
            "Invalid input: \"h * * * *\": line 1:0: token recognition error at: 'h '"
        );
    }

    #[test]
    fn checks_bounds_of_each_field() {
        for (spec, message) in [
            (
                "60 * * * *",
                "line 1:2: 60 is an invalid value. Must be within 0 and 59",
            ),
            (
                "H 24 * * *",
                "line 1:4: 24 is an invalid value. Must be within 0 and 23",
            ),
            (
                "H H 0 * *",
                "line 1:5: 0 is an invalid value. Must be within 1 and 31",
            ),
            (
                "H H 32 * *",
                "line 1:6: 32 is an invalid value. Must be within 1 and 31",
            ),
            (
                "H H * 0 *",
                "line 1:7: 0 is an invalid value. Must be within 1 and 12",
            ),
            (
                "H H * 13 *",
                "line 1:8: 13 is an invalid value. Must be within 1 and 12",
            ),
            (
                "H H * * 8",
                "line 1:9: 8 is an invalid value. Must be within 0 and 7",
            ),
            (
                "H(33-66) * * * *",
                "line 1:8: 66 is an invalid value. Must be within 0 and 59",
            ),
            (
                "H H(12-24) * * *",
                "line 1:10: 24 is an invalid value. Must be within 0 and 23",
            ),
            (
                "H(0-3)/15 * * * *",
                "line 1:9: 15 is an invalid value. Must be within 1 and 4",
            ),
            (
                "H H H/29 * *",
                "line 1:8: 29 is an invalid value. Must be within 1 and 28",
            ),
            (
                "H(5-1) * * * *",
                "line 1:6: 1 is an invalid value. Must be within 1 and -3",
            ),
            (
                "H 1000 * * *",
                "line 1:6: 1,000 is an invalid value. Must be within 0 and 23",
            ),
        ] {
            assert_eq!(error(spec), format!("Invalid input: \"{spec}\": {message}"));
        }
    }

    #[test]
    fn checks_steps_and_ranges() {
        for (spec, message) in [
            ("H 5-1 * * *", "line 1:5: You mean 1-5?"),
            (
                "*/0 * * * *",
                "line 1:3: step must be positive, but found 0",
            ),
            (
                "H/0 * * * *",
                "line 1:3: step must be positive, but found 0",
            ),
            (
                "1-5/0 * * * *",
                "line 1:5: step must be positive, but found 0",
            ),
            ("99999999999 * * * *", "For input string: \"99999999999\""),
        ] {
            assert_eq!(error(spec), format!("Invalid input: \"{spec}\": {message}"));
        }
    }

    #[test]
    fn reports_antlr_syntax_errors() {
        for (spec, message) in [
            (
                "* * * *",
                "line 1:7: mismatched input '<EOF>' expecting {WS, '/', ','}",
            ),
            (
                "* * * * * *",
                "line 1:9: mismatched input ' ' expecting {<EOF>, '/', ','}",
            ),
            ("**** *", "line 1:1: missing WS at '*'"),
            (
                "H-5 * * * *",
                "line 1:1: mismatched input '-' expecting {WS, '/', ','}",
            ),
            (
                "5-H * * * *",
                "line 1:2: mismatched input 'H' expecting TOKEN",
            ),
            ("1- * * * *", "line 1:2: missing TOKEN at ' '"),
            (
                "-1 * * * *",
                "line 1:0: extraneous input '-' expecting {TOKEN, '*', '@', 'H'}",
            ),
            (
                "1,,2 * * * *",
                "line 1:2: extraneous input ',' expecting {TOKEN, '*', 'H'}",
            ),
            (
                "1, * * * *",
                "line 1:2: extraneous input ' ' expecting {TOKEN, '*', 'H'}",
            ),
            ("*/ * * * *", "line 1:2: missing TOKEN at ' '"),
            (
                "H( * * * *",
                "line 1:2: mismatched input ' ' expecting TOKEN",
            ),
            (
                "H(1) * * * *",
                "line 1:3: mismatched input ')' expecting '-'",
            ),
            ("H(1-2 * * * *", "line 1:5: missing ')' at ' '"),
            (
                "5/2 * * * *",
                "line 1:1: mismatched input '/' expecting {WS, ','}",
            ),
            (
                "* * * * *)",
                "line 1:9: extraneous input ')' expecting <EOF>",
            ),
            ("@dailyx", "line 1:6: token recognition error at: 'x'"),
        ] {
            assert_eq!(error(spec), format!("Invalid input: \"{spec}\": {message}"));
        }
    }

    #[test]
    fn spans_point_at_the_problem() {
        let problems = check("H H * * *\n  60 * * * *");
        assert_eq!(problems.len(), 1);
        let p = &problems[0];
        assert_eq!((p.line, p.start, p.end), (1, 12, 14));
        assert_eq!(
            p.message,
            "Invalid input: \"60 * * * *\": line 2:2: 60 is an invalid value. Must be within 0 \
             and 59"
        );
        let p = &check("H H * JAN *")[0];
        assert_eq!((p.line, p.start, p.end), (0, 6, 7));
        let p = &check("H H(12-24) * * *")[0];
        assert_eq!((p.start, p.end), (2, 10));
    }

    #[test]
    fn reports_an_error_on_every_bad_line() {
        let problems = check("*/15 * * * *\n60 * * * *\n\n# fine\nx\r\nH H * * *");
        let lines: Vec<(usize, CronSeverity)> =
            problems.iter().map(|p| (p.line, p.severity)).collect();
        assert_eq!(
            lines,
            vec![(1, CronSeverity::Error), (4, CronSeverity::Error)]
        );
        assert_eq!(
            problems[1].message,
            "Invalid input: \"x\": line 5:0: token recognition error at: 'x'"
        );
    }

    #[test]
    fn time_zone_only_on_the_first_line() {
        assert_eq!(messages("TZ=Europe/London\nH H * * *"), vec![]);
        assert_eq!(messages("TZ=UTC\n@daily"), vec![]);
        assert_eq!(
            error("TZ=Foo/Bar\nH H * * *"),
            "Invalid or unsupported timezone 'Foo/Bar'"
        );
        assert_eq!(
            error("H H * * *\nTZ=Europe/London"),
            "Invalid input: \"TZ=Europe/London\": line 2:0: token recognition error at: 'T'"
        );
    }

    #[test]
    fn warns_about_every_minute() {
        for (spec, better) in [
            ("* * * * *", "H * * * *"),
            ("*/1 * * * *", "H * * * *"),
            ("* 0 * * *", "H 0 * * *"),
            ("* 6,18 * * *", "H 6,18 * * *"),
            ("* * 3 * *", "H * 3 * *"),
            ("*,5 * * * *", "H * * * *"),
        ] {
            assert_eq!(
                warning(spec),
                format!(
                    "Do you really mean \"every minute\" when you say \"{spec}\"? Perhaps you \
                     meant \"{better}\" to poll once per hour"
                )
            );
        }
    }

    #[test]
    fn warns_to_spread_load() {
        for (spec, better) in [
            ("*/15 * * * *", "H/15 * * * *"),
            ("0,15,30,45 * * * *", "H/15 * * * *"),
            ("0 * * * *", "H * * * *"),
            ("5 * * * *", "H * * * *"),
            ("0 3 * * *", "H 3 * * *"),
            ("00 22 * * 6", "H 22 * * 6"),
        ] {
            assert_eq!(
                warning(spec),
                format!("Spread load evenly by using ‘{better}’ rather than ‘{spec}’")
            );
        }
        assert_eq!(messages("0,20,45 * * * *"), vec![]);
    }

    #[test]
    fn warns_about_short_day_of_month_cycles() {
        for spec in ["0 3 H/3 * *", "0 3 */5 * *", "H H H/2 * *"] {
            assert_eq!(
                warning(spec),
                "Short cycles in the day-of-month field will behave oddly near the end of a month"
            );
        }
    }

    #[test]
    fn warns_about_rare_or_impossible_dates() {
        for spec in [
            "H H 31 2 *",
            "H H 30 2 *",
            "H H 31 4,6 *",
            "H H 29 2 *",
            "H H 31 12 1",
        ] {
            assert_eq!(warning(spec), RARE_OR_IMPOSSIBLE, "{spec}");
        }
        // Friday the 13th comes at least once a year.
        assert_eq!(messages("H H 13 * 5"), vec![]);
        assert_eq!(messages("H H 29 * *"), vec![]);
    }

    #[test]
    fn gives_no_warnings_when_a_line_fails() {
        assert_eq!(messages("*/15 * * * *\n60 * * * *").len(), 1);
        assert_eq!(messages("*/15 * * * *\n* * * * *").len(), 2);
    }

    #[test]
    fn formats_numbers_as_java_does() {
        assert_eq!(java_number(0), "0");
        assert_eq!(java_number(-3), "-3");
        assert_eq!(java_number(2_147_483_647), "2,147,483,647");
        assert_eq!(java_number(100_000), "100,000");
    }
}
