//! Secret masking: every value bound from a credential is replaced by `****` in everything
//! jfrun writes (log lines, errors, JSON events), as Jenkins' credentials-binding does.

use parking_lot::RwLock;

/// The secrets known so far in a build.
#[derive(Default)]
pub struct Masker {
    secrets: RwLock<Vec<String>>,
}

/// What a secret is replaced with.
pub const MASK: &str = "****";

impl Masker {
    /// Adds a secret (and, for multi-line secrets such as keys, each of its lines).
    pub fn add(&self, secret: &str) {
        let mut secrets = self.secrets.write();
        let mut add = |s: &str| {
            if !s.is_empty() && !secrets.iter().any(|x| x == s) {
                secrets.push(s.to_owned());
            }
        };
        add(secret);
        if secret.contains('\n') {
            for line in secret.lines().map(str::trim_end) {
                if line.len() >= 3 {
                    add(line);
                }
            }
        }
        // Longest first, so a secret containing another is masked whole.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    /// `text` with every secret replaced.
    #[must_use]
    pub fn mask(&self, text: &str) -> String {
        let secrets = self.secrets.read();
        let mut out = text.to_owned();
        for s in secrets.iter() {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), MASK);
            }
        }
        out
    }

    /// Whether any secrets are known.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.secrets.read().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_longest_first_and_each_line_of_multiline_secrets() {
        let m = Masker::default();
        m.add("abc");
        m.add("abcdef");
        m.add("line-one\nline-two");
        assert_eq!(m.mask("x abcdef y abc"), "x **** y ****");
        assert_eq!(m.mask("got line-two"), "got ****");
    }
}
