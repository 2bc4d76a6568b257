//! `.dockerignore`, read and matched as the Docker CLI does before it sends a build context:
//! one pattern a line, relative to the context's root (a leading `/` changes nothing), `#`
//! starting a comment line, `*` and `?` matching within one path segment, `**` any number of
//! segments, `[...]` a character class, `\` escaping; `!` makes a pattern an exception. The
//! last pattern that matches a path (or one of its parent folders) decides.

use fancy_regex::Regex;

/// One line of a `.dockerignore`.
#[derive(Debug)]
struct Pattern {
    /// The pattern, cleaned, as written.
    text: String,
    regex: Regex,
    /// `!pattern`: what it matches is sent after all.
    exception: bool,
}

/// The patterns of a `.dockerignore`.
#[derive(Debug, Default)]
pub struct Dockerignore {
    patterns: Vec<Pattern>,
}

impl Dockerignore {
    /// Reads the text of a `.dockerignore`; a pattern that cannot be compiled is an error naming
    /// it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut out = Self::default();
        for line in text.lines() {
            out.push(line)?;
        }
        Ok(out)
    }

    /// Adds a line, as if it were the last of the file.
    pub fn push(&mut self, line: &str) -> Result<(), String> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(());
        }
        let (exception, rest) = match line.strip_prefix('!') {
            Some(rest) => (true, rest.trim()),
            None => (false, line),
        };
        if rest.is_empty() {
            return Ok(());
        }
        let mut text = clean(rest);
        if text.len() > 1 && text.starts_with('/') {
            text.remove(0);
        }
        let regex = Regex::new(&to_regex(&text))
            .map_err(|e| format!("invalid .dockerignore pattern '{line}': {e}"))?;
        self.patterns.push(Pattern {
            text,
            regex,
            exception,
        });
        Ok(())
    }

    /// Whether any pattern is an exception (`!`): then an excluded folder may still hold files
    /// to send.
    #[must_use]
    pub fn has_exceptions(&self) -> bool {
        self.patterns.iter().any(|p| p.exception)
    }

    /// Whether the path (relative to the context root, `/`-separated) is left out of the
    /// context: the last pattern matching it or one of its parent folders decides.
    #[must_use]
    pub fn excludes(&self, path: &str) -> bool {
        let parents: Vec<&str> = match path.rsplit_once('/') {
            Some((dir, _)) => dir.split('/').collect(),
            None => Vec::new(),
        };
        let mut excluded = false;
        for p in &self.patterns {
            // Only a pattern that could change the answer is tried.
            if p.exception != excluded {
                continue;
            }
            let mut hit = p.matches(path);
            if !hit {
                hit = (1..=parents.len()).any(|i| p.matches(&parents[..i].join("/")));
            }
            if hit {
                excluded = !p.exception;
            }
        }
        excluded
    }

    /// The patterns, cleaned, exceptions with their `!`.
    #[must_use]
    pub fn patterns(&self) -> Vec<String> {
        self.patterns
            .iter()
            .map(|p| {
                if p.exception {
                    format!("!{}", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }
}

impl Pattern {
    fn matches(&self, path: &str) -> bool {
        self.regex.is_match(path).unwrap_or(false)
    }
}

/// A path cleaned as Go's `filepath.Clean` cleans it: no empty or `.` segments, `..` folded.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|s| *s != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

/// The anchored regular expression of a pattern.
fn to_regex(pattern: &str) -> String {
    let mut re = String::from("^");
    let mut chars = pattern.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                // `**/` is `**`.
                if chars.peek() == Some(&'/') {
                    chars.next();
                }
                if chars.peek().is_none() {
                    re.push_str(".*");
                } else {
                    re.push_str("(.*/)?");
                }
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            '\\' => match chars.next() {
                Some(n) => push_escaped(&mut re, n),
                None => re.push_str("\\\\"),
            },
            '[' => {
                // A character class, as `filepath.Match` has it (`^` negates).
                let mut class = String::from("[");
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        ']' => {
                            closed = true;
                            break;
                        }
                        '\\' => {
                            class.push('\\');
                            if let Some(n) = chars.next() {
                                class.push(n);
                            }
                        }
                        '[' => class.push_str("\\["),
                        c => class.push(c),
                    }
                }
                if closed && class.len() > 1 {
                    re.push_str(&class);
                    re.push(']');
                } else {
                    // Not a class after all: the characters stand for themselves.
                    re.push_str("\\[");
                    for c in class.chars().skip(1) {
                        push_escaped(&mut re, c);
                    }
                    if closed {
                        re.push_str("\\]");
                    }
                }
            }
            c => push_escaped(&mut re, c),
        }
    }
    re.push('$');
    re
}

fn push_escaped(re: &mut String, c: char) {
    if ".+()|{}$^[]\\*?".contains(c) {
        re.push('\\');
    }
    re.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignore(text: &str) -> Dockerignore {
        Dockerignore::parse(text).expect("parses")
    }

    #[test]
    fn plain_names_exclude_the_path_and_everything_under_it() {
        let d = ignore("secret\nnode_modules\n");
        assert!(d.excludes("secret"));
        assert!(d.excludes("node_modules"));
        assert!(d.excludes("node_modules/a/b.js"));
        assert!(!d.excludes("sub/secret"), "relative to the root only");
        assert!(!d.excludes("secrets"));
    }

    #[test]
    fn comments_blank_lines_and_leading_slashes() {
        let d = ignore("# secret\n\n  /build/out  \n./tmp//x\n");
        assert!(!d.excludes("# secret"));
        assert!(!d.excludes("secret"));
        assert!(d.excludes("build/out"));
        assert!(d.excludes("build/out/file"));
        assert!(d.excludes("tmp/x"));
        assert_eq!(d.patterns(), ["build/out", "tmp/x"]);
    }

    #[test]
    fn star_and_question_mark_stay_within_a_segment() {
        let d = ignore("*.log\ntmp?\n*/cache\n");
        assert!(d.excludes("a.log"));
        assert!(!d.excludes("dir/a.log"));
        assert!(d.excludes("tmp1"));
        assert!(!d.excludes("tmp12"));
        assert!(d.excludes("x/cache"));
        assert!(d.excludes("x/cache/deep/file"));
        assert!(!d.excludes("x/y/cache"));
    }

    #[test]
    fn double_star_spans_segments() {
        let d = ignore("**/*.tmp\ndocs/**\na/**/z\n");
        assert!(d.excludes("x.tmp"));
        assert!(d.excludes("a/b/c/x.tmp"));
        assert!(d.excludes("docs/one/two"));
        assert!(d.excludes("a/z"));
        assert!(d.excludes("a/b/c/z"));
        assert!(!d.excludes("b/z"));
    }

    #[test]
    fn exceptions_and_the_last_matching_pattern_wins() {
        let d = ignore("*.md\n!README.md\n");
        assert!(d.excludes("CHANGES.md"));
        assert!(!d.excludes("README.md"));
        assert!(d.has_exceptions());

        let d = ignore("!README.md\n*.md\n");
        assert!(d.excludes("README.md"), "a later pattern wins");

        let d = ignore("logs\n!logs/keep.txt\n");
        assert!(d.excludes("logs"));
        assert!(d.excludes("logs/other.txt"));
        assert!(!d.excludes("logs/keep.txt"));
    }

    #[test]
    fn character_classes_and_escapes() {
        let d = ignore("file[0-9]\n[^a]x\nlit\\*\nweird[\n");
        assert!(d.excludes("file3"));
        assert!(!d.excludes("filea"));
        assert!(d.excludes("bx"));
        assert!(!d.excludes("ax"));
        assert!(d.excludes("lit*"));
        assert!(!d.excludes("litx"));
        assert!(d.excludes("weird["));
    }

    #[test]
    fn regex_characters_are_literal() {
        let d = ignore("a.b\n(x)+\n");
        assert!(d.excludes("a.b"));
        assert!(!d.excludes("axb"));
        assert!(d.excludes("(x)+"));
    }

    #[test]
    fn cleaning_follows_go() {
        assert_eq!(clean("a/./b/../c//"), "a/c");
        assert_eq!(clean("../x"), "../x");
        assert_eq!(clean("/../x"), "/x");
        assert_eq!(clean("./"), ".");
    }
}
