//! An open document's text, with the positions of the protocol: 0-based lines and characters
//! counted in the encoding the client chose (UTF-16 by default, UTF-8 when offered). Lines
//! break at `\n`, `\r\n` and a lone `\r`, as everywhere in preflight.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use preflight::span::line_breaks;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

#[derive(Debug, Clone)]
pub struct Text {
    pub text: String,
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
}

impl Text {
    pub fn new(text: String) -> Text {
        let mut line_starts = vec![0];
        line_starts.extend(line_breaks(&text).map(|(_, next)| next));
        Text { text, line_starts }
    }

    /// The byte offset of `position`, clamped to the line's end and the text's.
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len();
        };
        let end = self.line_end(line);
        let mut units = 0u32;
        for (i, ch) in self.text[start..end].char_indices() {
            if units >= position.character {
                return start + i;
            }
            units += match encoding {
                Encoding::Utf8 => ch.len_utf8() as u32,
                Encoding::Utf16 => ch.len_utf16() as u32,
            };
        }
        end
    }

    /// The position of a byte offset (on a character boundary, or the one before it).
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let mut offset = offset.min(self.line_end(line).max(start));
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let piece = &self.text[start..offset];
        let character = match encoding {
            Encoding::Utf8 => piece.len(),
            Encoding::Utf16 => piece.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, start: usize, end: usize, encoding: Encoding) -> Range {
        Range::new(self.position(start, encoding), self.position(end, encoding))
    }

    /// The end of line `line`'s text (before its break).
    fn line_end(&self, line: usize) -> usize {
        match self.line_starts.get(line + 1) {
            Some(&next) => {
                let mut end = next;
                let bytes = self.text.as_bytes();
                if end > 0 && bytes[end - 1] == b'\n' {
                    end -= 1;
                }
                if end > 0 && bytes[end - 1] == b'\r' {
                    end -= 1;
                }
                end.max(self.line_starts[line])
            }
            None => self.text.len(),
        }
    }

    /// The text of line `line` (0-based), without its break.
    pub fn line(&self, line: usize) -> &str {
        match self.line_starts.get(line) {
            Some(&start) => &self.text[start..self.line_end(line)],
            None => "",
        }
    }

    /// Applies the client's changes in order (a change without a range replaces everything).
    pub fn apply(self, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) -> Text {
        let mut current = self;
        for change in changes {
            current = match change.range {
                None => Text::new(change.text),
                Some(range) => {
                    let start = current.offset(range.start, encoding);
                    let end = current.offset(range.end, encoding).max(start);
                    let mut text = current.text;
                    text.replace_range(start..end, &change.text);
                    Text::new(text)
                }
            };
        }
        current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_both_encodings() {
        let text = Text::new("a: é😀x\r\nb\rc\n".to_string());
        // `x` is after `a: ` (3), `é` (2 bytes, 1 unit) and `😀` (4 bytes, 2 units).
        let x = text.text.find('x').unwrap();
        assert_eq!(text.position(x, Encoding::Utf16), Position::new(0, 6));
        assert_eq!(text.position(x, Encoding::Utf8), Position::new(0, 9));
        assert_eq!(text.offset(Position::new(0, 6), Encoding::Utf16), x);
        assert_eq!(text.offset(Position::new(0, 9), Encoding::Utf8), x);
        assert_eq!(
            text.offset(Position::new(1, 0), Encoding::Utf16),
            text.text.find('b').unwrap()
        );
        assert_eq!(
            text.offset(Position::new(2, 5), Encoding::Utf16),
            text.text.find('c').unwrap() + 1
        );
        assert_eq!(text.line(0), "a: é😀x");
        assert_eq!(text.line(1), "b");
    }

    #[test]
    fn incremental_changes() {
        let text = Text::new("port: 80\nhost: a\n".to_string());
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(0, 6), Position::new(0, 8))),
            range_length: None,
            text: "8080".into(),
        };
        assert_eq!(
            text.apply(vec![change], Encoding::Utf16).text,
            "port: 8080\nhost: a\n"
        );
    }
}
