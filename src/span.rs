//! Places in the source text: byte offsets with 1-based lines and columns.
//!
//! A [`Span`] carries both the Unicode-scalar column (what a terminal shows) and the UTF-16
//! column (what JavaScript editors index by), so every consumer can underline the exact text.

use serde::Serialize;

/// One point in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// Byte offset from the start of the text; always on a UTF-8 character boundary.
    pub offset: usize,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
    /// 1-based column, counted in UTF-16 code units (JavaScript string indices + 1).
    pub utf16_column: usize,
}

/// A half-open range `[start, end)` of the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: Position,
    pub end: Position,
}

impl Span {
    /// The byte range of this span, for slicing the source it came from.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start.offset..self.end.offset
    }
}

/// Turns byte offsets into [`Position`]s for one text.
///
/// Built once per document. Front-ends ask for positions mostly in text order, so the line of
/// the last lookup is kept and a nearby offset is found by stepping from it; a far one by
/// binary search. In ASCII text a column is the distance from the line's start; otherwise the
/// line's prefix is counted.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// The whole text is ASCII: one byte, one character, one UTF-16 unit.
    ascii: bool,
    /// The 0-based line of the last position looked up.
    last_line: std::cell::Cell<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(line_breaks(text).map(|(_, next)| next));
        LineIndex {
            text,
            line_starts,
            ascii: text.is_ascii(),
            last_line: std::cell::Cell::new(0),
        }
    }

    /// The 0-based line holding `offset`: a few steps from the last one, or a binary search.
    fn line_of(&self, offset: usize) -> usize {
        let starts = &self.line_starts;
        let mut line = self.last_line.get().min(starts.len() - 1);
        for _ in 0..8 {
            if starts[line] > offset {
                line -= 1;
            } else if starts.get(line + 1).is_some_and(|&next| next <= offset) {
                line += 1;
            } else {
                self.last_line.set(line);
                return line;
            }
        }
        let line = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        self.last_line.set(line);
        line
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The position of a byte offset. Offsets past the end are clamped to the end, and an
    /// offset inside a multi-byte character is moved back to that character's start.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line0 = self.line_of(offset);
        let start = self.line_starts.get(line0).copied().unwrap_or(0);
        let prefix = self.text.get(start..offset).unwrap_or("");
        // Most config lines are ASCII: one byte, one character, one UTF-16 unit.
        let (column, utf16_column) = if self.ascii || prefix.is_ascii() {
            (prefix.len(), prefix.len())
        } else {
            (prefix.chars().count(), prefix.encode_utf16().count())
        };
        Position {
            offset,
            line: line0 + 1,
            column: column + 1,
            utf16_column: utf16_column + 1,
        }
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let start_pos = self.position(start);
        let end_pos = self.position(end.max(start));
        Span {
            start: start_pos,
            end: end_pos,
        }
    }

    /// The byte offset of a 1-based line and 0-based character column, as YAML parsers report.
    pub fn offset_of_line_col(&self, line: usize, col_chars: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        if self.ascii {
            return (start + col_chars).min(self.text.len());
        }
        let rest = self.text.get(start..).unwrap_or("");
        if rest
            .as_bytes()
            .get(..col_chars)
            .is_some_and(|b| b.is_ascii())
        {
            return start + col_chars;
        }
        match rest.char_indices().nth(col_chars) {
            Some((i, _)) => start + i,
            None => self.text.len(),
        }
    }

    /// The text of the 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map(|&next| next - 1)
            .unwrap_or(self.text.len());
        let raw = self.text.get(start..end).unwrap_or("");
        raw.strip_suffix(['\r', '\n']).unwrap_or(raw)
    }
}

/// Where lines break, as YAML 1.2 and the env formats read them: at `\n`, `\r\n` and a lone
/// `\r`. Yields each break's first byte and the start of the next line. Every front-end, the
/// line index and the renderers count lines by this one rule.
pub fn line_breaks(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    // `match_indices` with a char set searches a few bytes at a time.
    text.match_indices(['\n', '\r']).filter_map(move |(i, s)| {
        if s == "\r" {
            match bytes.get(i + 1) {
                Some(b'\n') => None,
                _ => Some((i, i + 1)),
            }
        } else if i > 0 && bytes[i - 1] == b'\r' {
            Some((i - 1, i + 1))
        } else {
            Some((i, i + 1))
        }
    })
}

/// The lines of a text without their breaks, by [`line_breaks`]' rule.
pub fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    let mut breaks = line_breaks(text);
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match breaks.next() {
            Some((end, next)) => {
                let line = &text[start..end];
                start = next;
                Some(line)
            }
            None => {
                done = true;
                Some(&text[start..])
            }
        }
    })
}

/// The span of `text[range]`, where `span` covers exactly `text` on one line (an unquoted env
/// value). Where it does not (quotes, escapes, line breaks), the whole `span` is the best
/// place there is, and that is what comes back.
pub(crate) fn sub_span(span: Span, text: &str, range: std::ops::Range<usize>) -> Span {
    let exact = span.end.offset - span.start.offset == text.len()
        && !text.contains('\n')
        && text.is_char_boundary(range.start)
        && text.is_char_boundary(range.end)
        && range.start <= range.end
        && range.end <= text.len();
    if !exact {
        return span;
    }
    let at = |i: usize| {
        let prefix = &text[..i];
        Position {
            offset: span.start.offset + i,
            line: span.start.line,
            column: span.start.column + prefix.chars().count(),
            utf16_column: span.start.utf16_column + prefix.encode_utf16().count(),
        }
    };
    Span {
        start: at(range.start),
        end: at(range.end),
    }
}

pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalars_and_utf16_units() {
        let text = "a: x\nb: 😀é z\n";
        let index = LineIndex::new(text);
        let z = text.find('z').unwrap();
        let pos = index.position(z);
        assert_eq!((pos.line, pos.column, pos.utf16_column), (2, 7, 8));
        assert_eq!(pos.offset, z);
    }

    #[test]
    fn offsets_inside_a_character_move_to_its_start() {
        let text = "é";
        assert_eq!(LineIndex::new(text).position(1).offset, 0);
        assert_eq!(LineIndex::new(text).position(99).offset, 2);
    }

    #[test]
    fn line_and_char_column_map_to_bytes() {
        let text = "ä: 1\nöö: 2\n";
        let index = LineIndex::new(text);
        assert_eq!(index.offset_of_line_col(2, 2), "ä: 1\nöö".len());
        assert_eq!(index.line_text(2), "öö: 2");
        assert_eq!(index.line_text(3), "");
    }
}
