//! Open documents: their text and version, edited by full and incremental changes whose
//! positions count UTF-16 code units, as the protocol's default position encoding does.

use std::path::PathBuf;

use lsp_types::{Position, TextDocumentContentChangeEvent, Uri};

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// The client's version of the text.
    pub version: i32,
    /// The text.
    pub text: String,
}

impl Document {
    /// Applies the changes of one `didChange`, in order.
    pub fn apply(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        self.version = version;
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let start = offset(&self.text, range.start);
                    let end = offset(&self.text, range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
        }
    }
}

/// The identifier around byte `at` of `text`, as a byte range.
#[must_use]
pub fn word_at(text: &str, at: usize) -> Option<(usize, usize)> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .find(|c: char| !is_word(c))
        .map_or(text.len(), |i| at + i);
    (start < end).then_some((start, end))
}

/// The folder of a `file:` document on disk, where its project's files are looked for.
#[must_use]
pub fn folder(uri: &Uri) -> Option<PathBuf> {
    let path = uri.as_str().strip_prefix("file://")?;
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                decoded.push((hex(h)? * 16 + hex(l)?) as u8);
                i += 3;
            }
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    let path = PathBuf::from(String::from_utf8(decoded).ok()?);
    path.parent().map(PathBuf::from)
}

/// The byte offset of a UTF-16 `position` in `text`, clamped to the line's end and to the
/// text (as the protocol asks for positions past either).
#[must_use]
pub fn offset(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut units = 0;
    for (i, c) in text[line_start..line_end].char_indices() {
        if units >= position.character as usize {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    line_end
}

/// The UTF-16 position of byte `offset` in `text` (clamped, and moved back to a character
/// boundary).
#[must_use]
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count();
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    Position::new(line as u32, character as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::Range;

    #[test]
    fn positions_count_utf16_units() {
        let text = "a\n😀é x\n";
        // 😀 is two UTF-16 units and four bytes, é one unit and two bytes.
        assert_eq!(position(text, 2 + 4 + 2 + 1), Position::new(1, 4));
        assert_eq!(offset(text, Position::new(1, 4)), 9);
        assert_eq!(offset(text, Position::new(1, 99)), 10);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut doc = Document {
            version: 1,
            text: "node {\n  echo 'é'\n}\n".to_owned(),
        };
        doc.apply(
            2,
            vec![
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(Position::new(1, 8), Position::new(1, 9))),
                    range_length: None,
                    text: "hi".to_owned(),
                },
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(Position::new(2, 1), Position::new(2, 1))),
                    range_length: None,
                    text: " // end".to_owned(),
                },
            ],
        );
        assert_eq!(doc.text, "node {\n  echo 'hi'\n} // end\n");
        assert_eq!(doc.version, 2);
    }
}
