//! `java.util.regex` for Groovy's `~/pattern/`, `=~`, `==~` and the String regex methods, on
//! fancy-regex (backreferences and lookaround, as Java has them).

use std::sync::Arc;

/// A compiled pattern with its Java source text.
pub struct Pattern {
    /// The pattern as written.
    pub source: String,
    /// Java flags (`Pattern.CASE_INSENSITIVE`...).
    pub flags: i32,
    regex: fancy_regex::Regex,
    /// Named groups' names by group number.
    pub names: Vec<Option<String>>,
}

/// Group spans (byte offsets) of one match; index 0 is the whole match.
pub type Groups = Vec<Option<(usize, usize)>>;

/// Java's flag bits.
pub mod flags {
    /// `Pattern.CASE_INSENSITIVE`
    pub const CASE_INSENSITIVE: i32 = 2;
    /// `Pattern.COMMENTS`
    pub const COMMENTS: i32 = 4;
    /// `Pattern.MULTILINE`
    pub const MULTILINE: i32 = 8;
    /// `Pattern.DOTALL`
    pub const DOTALL: i32 = 32;
}

/// Rewrites the parts of Java's syntax that fancy-regex spells differently.
fn translate(java: &str) -> String {
    let mut out = String::with_capacity(java.len());
    let mut chars = java.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(n) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match n {
                    'p' | 'P' if chars.peek() == Some(&'{') => {
                        let mut name = String::new();
                        chars.next();
                        for c in chars.by_ref() {
                            if c == '}' {
                                break;
                            }
                            name.push(c);
                        }
                        let class = match name.as_str() {
                            "Alpha" | "IsAlphabetic" | "javaLetter" => "[:alpha:]",
                            "Digit" | "IsDigit" => "[:digit:]",
                            "Alnum" => "[:alnum:]",
                            "Upper" | "javaUpperCase" | "Lu" => "[:upper:]",
                            "Lower" | "javaLowerCase" | "Ll" => "[:lower:]",
                            "Punct" => "[:punct:]",
                            "Space" | "javaWhitespace" => "[:space:]",
                            "XDigit" => "[:xdigit:]",
                            "Blank" => "[:blank:]",
                            "Cntrl" => "[:cntrl:]",
                            "Graph" => "[:graph:]",
                            "Print" => "[:print:]",
                            "ASCII" => "\\x00-\\x7F",
                            _ => "",
                        };
                        if class.is_empty() {
                            out.push('\\');
                            out.push(n);
                            out.push('{');
                            out.push_str(&name);
                            out.push('}');
                        } else {
                            let negate = n == 'P';
                            if in_class {
                                out.push_str(class);
                            } else {
                                out.push('[');
                                if negate {
                                    out.push('^');
                                }
                                out.push_str(class);
                                out.push(']');
                            }
                        }
                    }
                    'Q' => {
                        // \Q...\E: literal text.
                        let mut lit = String::new();
                        while let Some(c) = chars.next() {
                            if c == '\\' && chars.peek() == Some(&'E') {
                                chars.next();
                                break;
                            }
                            lit.push(c);
                        }
                        out.push_str(&fancy_regex::escape(&lit));
                    }
                    'Z' => out.push_str("(?=\\n?\\z)"),
                    'h' => out.push_str(if in_class { " \\t" } else { "[ \\t]" }),
                    _ => {
                        out.push('\\');
                        out.push(n);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            '[' if in_class => out.push_str("\\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    out
}

impl Pattern {
    /// Compiles a Java regular expression; the error is Java's PatternSyntaxException text.
    pub fn compile(source: &str, java_flags: i32) -> Result<Arc<Pattern>, String> {
        if let Err(e) = crate::java_regex::check(source) {
            return Err(e.message);
        }
        let mut prefix = String::new();
        if java_flags & flags::CASE_INSENSITIVE != 0 {
            prefix.push('i');
        }
        if java_flags & flags::MULTILINE != 0 {
            prefix.push('m');
        }
        if java_flags & flags::DOTALL != 0 {
            prefix.push('s');
        }
        if java_flags & flags::COMMENTS != 0 {
            prefix.push('x');
        }
        let translated = translate(source);
        let full = if prefix.is_empty() {
            translated
        } else {
            format!("(?{prefix}){translated}")
        };
        let regex = fancy_regex::RegexBuilder::new(&full)
            .backtrack_limit(10_000_000)
            .build()
            .map_err(|e| format!("{e} near index 0\n{source}"))?;
        let names = regex
            .capture_names()
            .map(|n| n.map(str::to_owned))
            .collect();
        Ok(Arc::new(Pattern {
            source: source.to_owned(),
            flags: java_flags,
            regex,
            names,
        }))
    }

    /// Number of capturing groups.
    #[must_use]
    pub fn group_count(&self) -> usize {
        self.names.len().saturating_sub(1)
    }

    /// The first match at or after byte `pos`.
    #[must_use]
    pub fn find_at(&self, input: &str, pos: usize) -> Option<Groups> {
        if pos > input.len() {
            return None;
        }
        let caps = self.regex.captures_from_pos(input, pos).ok()??;
        Some(
            (0..caps.len())
                .map(|i| caps.get(i).map(|m| (m.start(), m.end())))
                .collect(),
        )
    }

    /// Whether the whole input matches.
    #[must_use]
    pub fn matches_whole(&self, input: &str) -> Option<Groups> {
        let anchored = format!("^(?:{})$", translate(&self.source));
        let mut prefix = String::new();
        if self.flags & flags::CASE_INSENSITIVE != 0 {
            prefix.push('i');
        }
        if self.flags & flags::DOTALL != 0 {
            prefix.push('s');
        }
        let full = if prefix.is_empty() {
            anchored
        } else {
            format!("(?{prefix}){anchored}")
        };
        let re = fancy_regex::Regex::new(&full).ok()?;
        let caps = re.captures(input).ok()??;
        let whole = caps.get(0)?;
        if whole.start() != 0 || whole.end() != input.len() {
            return None;
        }
        Some(
            (0..caps.len())
                .map(|i| caps.get(i).map(|m| (m.start(), m.end())))
                .collect(),
        )
    }

    /// Every match, left to right (empty matches advance by one character).
    #[must_use]
    pub fn find_all(&self, input: &str) -> Vec<Groups> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(g) = self.find_at(input, pos) {
            let Some((s, e)) = g[0] else { break };
            pos = if e == s {
                e + input[e..].chars().next().map_or(1, char::len_utf8)
            } else {
                e
            };
            out.push(g);
            if pos > input.len() {
                break;
            }
        }
        out
    }
}

/// A `java.util.regex.Matcher`: the input, where `find()` goes on from, the last match.
pub struct MatcherState {
    /// The pattern.
    pub pattern: Arc<Pattern>,
    /// The text searched.
    pub input: String,
    /// Byte offset the next `find()` starts at.
    pub pos: usize,
    /// The last match's groups.
    pub last: Option<Groups>,
    /// Where `appendReplacement` copies from.
    pub append_pos: usize,
}

impl MatcherState {
    /// A matcher at the start of `input`.
    #[must_use]
    pub fn new(pattern: Arc<Pattern>, input: String) -> Self {
        MatcherState {
            pattern,
            input,
            pos: 0,
            last: None,
            append_pos: 0,
        }
    }

    /// `find()`.
    pub fn find(&mut self) -> bool {
        if let Some(g) = self.pattern.find_at(&self.input, self.pos) {
            let (s, e) = g[0].unwrap_or((0, 0));
            self.pos = if e == s {
                e + self.input[e..].chars().next().map_or(1, char::len_utf8)
            } else {
                e
            };
            self.last = Some(g);
            true
        } else {
            self.last = None;
            self.pos = self.input.len() + 1;
            false
        }
    }

    /// `matches()`.
    pub fn matches(&mut self) -> bool {
        self.last = self.pattern.matches_whole(&self.input);
        self.last.is_some()
    }

    /// `reset()`.
    pub fn reset(&mut self) {
        self.pos = 0;
        self.last = None;
        self.append_pos = 0;
    }

    /// Group `i` of the last match.
    #[must_use]
    pub fn group(&self, i: usize) -> Option<Option<&str>> {
        let g = self.last.as_ref()?;
        Some(g.get(i)?.map(|(s, e)| &self.input[s..e]))
    }

    /// The last match's text, or `null` as Matcher.toString writes it.
    #[must_use]
    pub fn last_match_text(&self) -> String {
        match self.group(0) {
            Some(Some(s)) => s.to_owned(),
            _ => String::new(),
        }
    }
}
