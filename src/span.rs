//! Places in the source text: byte offsets with 1-based lines and columns.
//!
//! A [`Span`] carries both the Unicode-scalar column (what a terminal shows) and the UTF-16
//! column (what JavaScript editors index by), so every consumer can underline the exact text.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

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
/// line's prefix is counted. Where the lines start is found on first use: a parser that
/// counts lines itself gives most positions ([`LineIndex::position_from_parser`]), and a clean
/// YAML file may never need the rest.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: OnceLock<Vec<usize>>,
    /// The whole text is ASCII: one byte, one character, one UTF-16 unit.
    ascii: bool,
    /// The text holds no `\r`: every line ends at a `\n`, however a reader counts breaks.
    only_newlines: bool,
    /// The characters of more than one byte, for positions from a parser's character index;
    /// listed on first use (`None`: too many to be worth listing).
    wide_chars: OnceLock<Option<WideChars>>,
    /// For other text: how many characters and UTF-16 units come before each block of
    /// [`BLOCK`] bytes, so a column costs at most one block's scan however long its line is
    /// (a minified file is one line). Counted when a column first lies that far into a line.
    blocks: OnceLock<Vec<(usize, usize)>>,
    /// How many lines start at or before the last offset looked up ([`partition_near`]'s hint).
    line_hint: AtomicUsize,
    /// Where the first NUL byte is, if any (YAML allows none; searched only when the survey saw one).
    first_nul: Option<usize>,
}

impl Clone for LineIndex<'_> {
    fn clone(&self) -> Self {
        LineIndex {
            text: self.text,
            line_starts: self.line_starts.clone(),
            ascii: self.ascii,
            only_newlines: self.only_newlines,
            wide_chars: self.wide_chars.clone(),
            blocks: self.blocks.clone(),
            line_hint: AtomicUsize::new(self.line_hint.load(Ordering::Relaxed)),
            first_nul: self.first_nul,
        }
    }
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let survey = Survey::of(text.as_bytes());
        LineIndex {
            text,
            line_starts: OnceLock::new(),
            ascii: survey.ascii,
            only_newlines: !survey.carriage_return,
            wide_chars: OnceLock::new(),
            blocks: OnceLock::new(),
            line_hint: AtomicUsize::new(0),
            first_nul: if survey.nul { text.find('\0') } else { None },
        }
    }

    /// Where each line starts.
    fn line_starts(&self) -> &[usize] {
        self.line_starts
            .get_or_init(|| Scan::of(self.text).line_starts)
    }

    /// The offset of the first NUL byte in the text, if there is one.
    pub fn first_nul(&self) -> Option<usize> {
        self.first_nul
    }

    /// The characters and UTF-16 units before each block.
    fn blocks(&self) -> &[(usize, usize)] {
        self.blocks.get_or_init(|| {
            let mut blocks = Vec::with_capacity(self.text.len() / BLOCK + 2);
            let (mut chars, mut units) = (0, 0);
            for block in self.text.as_bytes().chunks(BLOCK) {
                blocks.push((chars, units));
                let (c, u) = counts(block);
                chars += c;
                units += u;
            }
            blocks.push((chars, units));
            blocks
        })
    }

    /// Characters and UTF-16 units before `offset` (a character boundary), for non-ASCII text.
    fn counts_before(&self, offset: usize) -> (usize, usize) {
        let block = offset / BLOCK;
        let (chars, units) = self.blocks().get(block).copied().unwrap_or_default();
        let (c, u) = counts(
            self.text
                .as_bytes()
                .get(block * BLOCK..offset)
                .unwrap_or(&[]),
        );
        (chars + c, units + u)
    }

    /// The 0-based line holding `offset`: a few steps from the last one, or a binary search.
    fn line_of(&self, offset: usize) -> usize {
        // The lines starting at or before the offset (the first starts at 0), less one.
        partition_near(self.line_starts(), &self.line_hint, |&start| {
            start <= offset
        })
        .saturating_sub(1)
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Whether the whole text is ASCII: one byte, one character, one UTF-16 unit.
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// The position a parser gives as a 1-based line, a 0-based column and an index, both
    /// counted in characters, in text without `\r` (every reader breaks lines at the same
    /// places): the byte offset and the UTF-16 column follow from the characters of more than
    /// one byte before the place (none in ASCII text), with no line lookup, when the column
    /// leads back to a line's start. `None` otherwise (text with `\r`, text mostly of wide
    /// characters, a place a parser puts past the end on a line of its own);
    /// [`LineIndex::position_at`] and [`LineIndex::position`] answer every case.
    pub fn position_from_parser(
        &self,
        line: usize,
        col_chars: usize,
        index: usize,
    ) -> Option<Position> {
        if !self.only_newlines {
            return None;
        }
        let (offset, line_start, astral_on_line) = if self.ascii {
            (index, index.checked_sub(col_chars)?, 0)
        } else {
            let wide = self
                .wide_chars
                .get_or_init(|| WideChars::of(self.text))
                .as_ref()?;
            let line_index = index.checked_sub(col_chars)?;
            let count = wide.count_before(index);
            // The wide characters before the line: all of them, unless some are on the line
            // before the place (rare: then searched).
            let line_count = match count.checked_sub(1).map(|last| wide.chars[last].index) {
                Some(last) if last >= line_index => {
                    wide.chars[..count].partition_point(|c| c.index < line_index)
                }
                _ => count,
            };
            let (bytes, astral) = wide.extra(count);
            let (line_bytes, line_astral) = wide.extra(line_count);
            (index + bytes, line_index + line_bytes, astral - line_astral)
        };
        // Never a place inside a character, whatever a parser says: spans slice the text.
        if !self.text.is_char_boundary(offset) {
            return None;
        }
        let starts_a_line = match line_start.checked_sub(1) {
            None => line == 1,
            Some(before) => line > 1 && self.text.as_bytes().get(before) == Some(&b'\n'),
        };
        starts_a_line.then_some(Position {
            offset,
            line,
            column: col_chars + 1,
            utf16_column: col_chars + 1 + astral_on_line,
        })
    }

    /// The position at a 1-based line and a 0-based column counted in characters, as a parser
    /// that counts characters gives it, when the line's text up to the column is ASCII (the
    /// usual case, in any text): then no search and no count is needed. `None` otherwise, or
    /// for a place not in the text; [`LineIndex::offset_of_line_col`] and
    /// [`LineIndex::position`] answer every case.
    pub fn position_at(&self, line: usize, col_chars: usize) -> Option<Position> {
        let starts = self.line_starts();
        let start = *starts.get(line.checked_sub(1)?)?;
        let offset = start.checked_add(col_chars)?;
        // On the line: before the next line's start, or anywhere up to the end on the last.
        let on_line = match starts.get(line) {
            Some(&next) => offset < next,
            None => offset <= self.text.len(),
        };
        if !on_line || !(self.ascii || self.text.as_bytes()[start..offset].is_ascii()) {
            return None;
        }
        Some(Position {
            offset,
            line,
            column: col_chars + 1,
            utf16_column: col_chars + 1,
        })
    }

    /// The position of a byte offset. Offsets past the end are clamped to the end, and an
    /// offset inside a multi-byte character is moved back to that character's start.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line0 = self.line_of(offset);
        let start = self.line_starts().get(line0).copied().unwrap_or(0);
        let prefix = self.text.get(start..offset).unwrap_or("");
        // Most config lines are ASCII: one byte, one character, one UTF-16 unit.
        let (column, utf16_column) = if self.ascii || prefix.len() < BLOCK && prefix.is_ascii() {
            (prefix.len(), prefix.len())
        } else if prefix.len() < BLOCK {
            (prefix.chars().count(), prefix.encode_utf16().count())
        } else {
            let (chars, units) = self.counts_before(offset);
            let (line_chars, line_units) = self.counts_before(start);
            (chars - line_chars, units - line_units)
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
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        if self.ascii {
            return (start + col_chars).min(self.text.len());
        }
        let rest = self.text.get(start..).unwrap_or("");
        if col_chars >= BLOCK {
            // Far into a long line: find the block that holds the character, then scan it.
            let target = self.counts_before(start).0 + col_chars;
            let blocks = self.blocks();
            let block = blocks
                .partition_point(|&(chars, _)| chars <= target)
                .saturating_sub(1);
            let mut chars = blocks.get(block).map_or(0, |b| b.0);
            let bytes = self.text.as_bytes();
            let mut i = (block * BLOCK).max(start);
            if i > block * BLOCK {
                chars = self.counts_before(i).0;
            }
            while i < bytes.len() {
                if is_char_start(bytes[i]) {
                    if chars == target {
                        return i;
                    }
                    chars += 1;
                }
                i += 1;
            }
            return self.text.len();
        }
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
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = starts
            .get(line)
            .map(|&next| next - 1)
            .unwrap_or(self.text.len());
        let raw = self.text.get(start..end).unwrap_or("");
        raw.strip_suffix(['\r', '\n']).unwrap_or(raw)
    }
}

/// The block size of the non-ASCII column index.
const BLOCK: usize = 256;

/// Whether a byte starts a UTF-8 character (is not a continuation byte).
fn is_char_start(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// The characters and UTF-16 units of whole UTF-8 text: a character per byte that is not a
/// continuation byte, and one more unit per 4-byte sequence. Written as two plain counts so
/// the compiler can do them many bytes at a time.
fn counts(bytes: &[u8]) -> (usize, usize) {
    let chars = bytes.iter().filter(|&&b| is_char_start(b)).count();
    let astral = bytes.iter().filter(|&&b| b >= 0xF0).count();
    (chars, chars + astral)
}

/// Where lines break, as YAML 1.2 and the env formats read them: at `\n`, `\r\n` and a lone
/// `\r`. Yields each break's first byte and the start of the next line. Every front-end, the
/// line index and the renderers count lines by this one rule.
pub fn line_breaks(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    Scan::of(text)
        .line_starts
        .into_iter()
        .skip(1)
        .map(move |next| match bytes.get(next.saturating_sub(2)..next) {
            Some(b"\r\n") => (next - 2, next),
            _ => (next - 1, next),
        })
}

/// The characters of more than one byte of a text, in order, for turning a character index
/// into a byte offset and a UTF-16 count. Configs hold few (a name, a comment's dash); a text
/// of mostly wide characters is not listed (a list per character would outweigh the line
/// index it saves).
#[derive(Debug)]
struct WideChars {
    /// Per wide character: its character index, and the extra bytes (beyond one per
    /// character) and extra UTF-16 units (one per character of four bytes) up to and
    /// including it.
    chars: Vec<WideChar>,
    /// How many wide characters came before the last place looked up ([`partition_near`]'s
    /// hint).
    last: AtomicUsize,
}

#[derive(Debug, Clone, Copy)]
struct WideChar {
    index: usize,
    extra_bytes: usize,
    extra_units: usize,
}

impl Clone for WideChars {
    fn clone(&self) -> Self {
        WideChars {
            chars: self.chars.clone(),
            last: AtomicUsize::new(self.last.load(Ordering::Relaxed)),
        }
    }
}

impl WideChars {
    /// At most one wide character per this many bytes is listed.
    const SPARSE: usize = 16;

    fn of(text: &str) -> Option<WideChars> {
        let bytes = text.as_bytes();
        let mut chars = Vec::new();
        let (mut extra_bytes, mut extra_units) = (0, 0);
        let mut lead = |at: usize, byte: u8, chars: &mut Vec<WideChar>| {
            // A lead byte of two, three or four bytes; continuation bytes are counted by it.
            let width = match byte {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => return,
            };
            let index = at - extra_bytes;
            extra_bytes += width - 1;
            extra_units += usize::from(width == 4);
            chars.push(WideChar {
                index,
                extra_bytes,
                extra_units,
            });
        };
        let most = bytes.len() / Self::SPARSE + 1;
        for (block_at, block) in bytes.chunks(BLOCK).enumerate() {
            // Most blocks are ASCII: one reduction the compiler does many bytes at a time.
            if block.iter().fold(0u8, |seen, &b| seen | b) < 0x80 {
                continue;
            }
            for (i, &byte) in block.iter().enumerate() {
                lead(block_at * BLOCK + i, byte, &mut chars);
            }
            if chars.len() > most {
                return None;
            }
        }
        Some(WideChars {
            chars,
            last: AtomicUsize::new(0),
        })
    }

    /// How many wide characters come before character `index`.
    fn count_before(&self, index: usize) -> usize {
        partition_near(&self.chars, &self.last, |c| c.index < index)
    }

    /// The extra bytes and extra UTF-16 units of the first `count` wide characters.
    fn extra(&self, count: usize) -> (usize, usize) {
        match count.checked_sub(1).and_then(|last| self.chars.get(last)) {
            Some(c) => (c.extra_bytes, c.extra_units),
            None => (0, 0),
        }
    }
}

/// `items.partition_point(pred)` (how many items from the start hold `pred`), found by a few
/// steps from `hint`, the last answer, when the answer is near it (lookups come mostly in text
/// order), else by binary search; `hint` is left at the answer. Atomic only so the indexes
/// stay `Sync`: relaxed loads and stores cost what plain ones do.
fn partition_near<T>(items: &[T], hint: &AtomicUsize, pred: impl Fn(&T) -> bool) -> usize {
    let mut count = hint.load(Ordering::Relaxed).min(items.len());
    for _ in 0..8 {
        if count > 0 && !pred(&items[count - 1]) {
            count -= 1;
        } else if count < items.len() && pred(&items[count]) {
            count += 1;
        } else {
            hint.store(count, Ordering::Relaxed);
            return count;
        }
    }
    let count = items.partition_point(pred);
    hint.store(count, Ordering::Relaxed);
    count
}

/// Where lines start (at `\n`, `\r\n` and a lone `\r`: [`line_breaks`] is made from it),
/// found in one pass eight bytes at a time.
struct Scan {
    line_starts: Vec<usize>,
}

impl Scan {
    fn of(text: &str) -> Scan {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let bytes = text.as_bytes();
        // Config lines run 20–40 bytes: room for most texts' line starts at once.
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        // Where a `\n` would end a `\r\n` pair rather than start a line of its own.
        let mut after_cr = usize::MAX;
        let mut control = |at: usize, byte: u8, line_starts: &mut Vec<usize>| match byte {
            b'\n' if at == after_cr => {
                if let Some(last) = line_starts.last_mut() {
                    *last = at + 1;
                }
            }
            b'\n' => line_starts.push(at + 1),
            b'\r' => {
                line_starts.push(at + 1);
                after_cr = at + 1;
            }
            _ => {}
        };
        let mut words = bytes.chunks_exact(8);
        let mut base = 0;
        for word in words.by_ref() {
            let mut buffer = [0u8; 8];
            buffer.copy_from_slice(word);
            let x = u64::from_le_bytes(buffer);
            // The high bit of each byte below 14 (`\r` is 13) is set, and perhaps of a byte
            // after one: each marked byte is looked at, lowest first.
            let mut marked = x.wrapping_sub(ONES * 14) & !x & HIGHS;
            while marked != 0 {
                let i = marked.trailing_zeros() as usize / 8;
                control(base + i, word[i], &mut line_starts);
                marked &= marked - 1;
            }
            base += 8;
        }
        for (i, &byte) in words.remainder().iter().enumerate() {
            control(base + i, byte, &mut line_starts);
        }
        Scan { line_starts }
    }
}

/// What the line index must know of a whole text before its first position: whether it is
/// all ASCII, holds a `\r`, holds a NUL. One branch-free pass the compiler does many bytes
/// at a time (a config breaks lines every 40 bytes or so: a pass that stops at each break
/// is several times slower).
struct Survey {
    ascii: bool,
    carriage_return: bool,
    nul: bool,
}

impl Survey {
    fn of(bytes: &[u8]) -> Survey {
        // Three plain reductions in one loop, which the compiler does 16 bytes at a time: any
        // high bit, and the least byte and least distance from `\r` (zero when one is there).
        let (mut high, mut least_from_cr, mut least) = (0u8, u8::MAX, u8::MAX);
        for &b in bytes {
            high |= b;
            least_from_cr = least_from_cr.min(b ^ b'\r');
            least = least.min(b);
        }
        Survey {
            ascii: high < 0x80,
            carriage_return: least_from_cr == 0,
            nul: least == 0,
        }
    }
}

/// The span of `text[range]`, where `span` covers exactly `text` on one line (an unquoted env
/// value). Where it does not (quotes, escapes, line breaks), the whole `span` is the best
/// place there is, and that is what comes back.
pub(crate) fn sub_span(span: Span, text: &str, range: std::ops::Range<usize>) -> Span {
    SubSpans::new(span, text).get(range)
}

/// The spans of pieces of one value's text ([`sub_span`] for each), asked for in the order of
/// the text: each piece's columns are counted on from the last piece's, so the items of a
/// long env list cost the list's length once, not once per item.
pub(crate) struct SubSpans<'t> {
    span: Span,
    text: &'t str,
    /// Whether `span` covers exactly `text` on one line.
    exact: bool,
    /// The last offset asked for in `text`, with the scalars and UTF-16 units before it.
    counted: (usize, usize, usize),
}

impl<'t> SubSpans<'t> {
    pub(crate) fn new(span: Span, text: &'t str) -> Self {
        let exact = span.end.offset.checked_sub(span.start.offset) == Some(text.len())
            && !text.contains('\n');
        SubSpans {
            span,
            text,
            exact,
            counted: (0, 0, 0),
        }
    }

    /// The span of `text[range]`, or the whole span where that cannot be known.
    pub(crate) fn get(&mut self, range: std::ops::Range<usize>) -> Span {
        let text = self.text;
        if !(self.exact
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end)
            && range.start <= range.end
            && range.end <= text.len())
        {
            return self.span;
        }
        Span {
            start: self.at(range.start),
            end: self.at(range.end),
        }
    }

    fn at(&mut self, i: usize) -> Position {
        if i < self.counted.0 {
            self.counted = (0, 0, 0);
        }
        let (from, chars, units) = self.counted;
        let piece = &self.text[from..i];
        self.counted = (
            i,
            chars + piece.chars().count(),
            units + piece.encode_utf16().count(),
        );
        let start = self.span.start;
        Position {
            offset: start.offset + i,
            line: start.line,
            column: start.column + self.counted.1,
            utf16_column: start.utf16_column + self.counted.2,
        }
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
    fn sub_spans_count_on_from_the_last_piece_and_again_from_the_start_when_asked_back() {
        // `a😀,é b,,c` at line 3, column 5 (offset 10): `é b` starts after three scalars and
        // four UTF-16 units.
        let text = "a😀,é b,,c";
        let at = |offset, column, utf16_column| Position {
            offset,
            line: 3,
            column,
            utf16_column,
        };
        let whole = Span {
            start: at(10, 5, 5),
            end: at(10 + text.len(), 5 + 9, 5 + 10),
        };
        let mut spans = SubSpans::new(whole, text);
        let pieces = [
            (0..5, (10, 5, 5), (15, 7, 8)),
            (6..10, (16, 8, 9), (20, 11, 12)),
        ];
        let pieces = pieces
            .iter()
            .chain(&[(12..13, (22, 13, 14), (23, 14, 15))])
            .chain(&pieces[..1]);
        for (range, start, end) in pieces {
            let span = spans.get(range.clone());
            assert_eq!(span.start, at(start.0, start.1, start.2), "{range:?}");
            assert_eq!(span.end, at(end.0, end.1, end.2), "{range:?}");
        }
        // Inside a character, or past the end: the whole span.
        assert_eq!(spans.get(2..5), whole);
        assert_eq!(spans.get(12..40), whole);
        // A span that is not the text's own (quotes around it): the whole span.
        let quoted = Span {
            start: at(9, 4, 4),
            ..whole
        };
        assert_eq!(SubSpans::new(quoted, text).get(0..1), quoted);
    }

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
    fn line_breaks_at_every_place_in_a_word() {
        // Breaks of each kind at every offset modulo 8, beside tabs and multi-byte text.
        let mut text = String::new();
        let mut want = Vec::new();
        for (i, brk) in ["\n", "\r\n", "\r", "\n"]
            .iter()
            .cycle()
            .take(40)
            .enumerate()
        {
            text.push_str(&"a\té€".repeat(i % 5));
            text.push_str(&"x".repeat(i % 8));
            want.push((text.len(), text.len() + brk.len()));
            text.push_str(brk);
        }
        text.push_str("end");
        assert_eq!(line_breaks(&text).collect::<Vec<_>>(), want);
        assert_eq!(line_breaks("").count(), 0);
        assert_eq!(line_breaks("\r").collect::<Vec<_>>(), [(0, 1)]);
        assert_eq!(line_breaks("\r\r\n").collect::<Vec<_>>(), [(0, 1), (1, 3)]);
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

    /// Positions and offsets against counting from the start of the line, on long lines
    /// with 1-, 2-, 3- and 4-byte characters and every kind of line break.
    #[test]
    fn long_non_ascii_lines_agree_with_counting() {
        let pieces = ["a", "é", "€", "😀", "\n", "\r", "\r\n", "bb"];
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for round in 0..20 {
            let len = 100 + round * 150;
            let text: String = (0..len)
                .map(|_| {
                    let r = next() % 100;
                    pieces[if r < 99 { r % 4 } else { 4 + r % 4 }]
                })
                .collect();
            let index = LineIndex::new(&text);
            let starts: Vec<usize> = std::iter::once(0)
                .chain(line_breaks(&text).map(|(_, n)| n))
                .collect();
            for (offset, _) in text.char_indices().step_by(7) {
                let line0 = starts.partition_point(|&s| s <= offset) - 1;
                let prefix = &text[starts[line0]..offset];
                let want = Position {
                    offset,
                    line: line0 + 1,
                    column: prefix.chars().count() + 1,
                    utf16_column: prefix.encode_utf16().count() + 1,
                };
                assert_eq!(index.position(offset), want, "round {round}");
                assert_eq!(
                    index.offset_of_line_col(line0 + 1, prefix.chars().count()),
                    offset,
                    "round {round}"
                );
            }
        }
    }

    #[test]
    fn positions_at_a_line_and_column_are_the_offsets_positions() {
        for text in ["a: 1\nbb: é2\r\n  c: 3\n", "x", "", "é\né\n", "a\rb\n\n"] {
            let index = LineIndex::new(text);
            for line in 0..=text.lines().count() + 2 {
                for col in 0..8 {
                    if let Some(at) = index.position_at(line, col) {
                        assert_eq!(at, index.position(at.offset), "{text:?} {line}:{col}");
                        assert_eq!((at.line, at.column), (line, col + 1), "{text:?}");
                    }
                }
            }
        }
        let index = LineIndex::new("ab: é\ncd\n");
        assert_eq!(index.position_at(1, 4), Some(index.position(4)));
        // Past a multi-byte character: counted by the slower path.
        assert_eq!(index.position_at(1, 5), None);
        assert_eq!(index.position_at(2, 2).map(|p| p.offset), Some(9));
        assert_eq!(index.position_at(2, 3), None, "past the line");
        assert_eq!(index.position_at(0, 0), None);
        assert_eq!(index.position_at(4, 0), None);
    }

    #[test]
    fn positions_from_a_parsers_count_of_characters_are_exact() {
        let sparse = "a: é\nb: 😀 c😀\n# ü\n".to_string() + &"ascii line\n".repeat(4);
        let dense = "名前: 値\n".repeat(8);
        for (text, answers) in [
            ("key: value\nnext: 1\n", true),
            (sparse.as_str(), true),
            ("a: 1\r\nb: é\r\n", false),
            (dense.as_str(), false),
        ] {
            let index = LineIndex::new(text);
            // Every character, as a parser counts it: line, column and index in characters.
            let (mut line, mut col) = (1, 0);
            for (char_index, (offset, c)) in text.char_indices().enumerate() {
                let found = index.position_from_parser(line, col, char_index);
                assert_eq!(found.is_some(), answers, "{text:?} at {offset}");
                if let Some(found) = found {
                    assert_eq!(found, index.position(offset), "{text:?} at {offset}");
                }
                (line, col) = if c == '\n' {
                    (line + 1, 0)
                } else {
                    (line, col + 1)
                };
            }
        }
        // saphyr puts the end of a text without a final line break on a line of its own.
        let index = LineIndex::new("a: é");
        assert_eq!(index.position_from_parser(2, 0, 4), None);
        assert_eq!(index.position_from_parser(1, 4, 4), Some(index.position(5)));
        // A place past the end, whatever its line and column say.
        assert_eq!(index.position_from_parser(1, 9, 9), None);
    }

    #[test]
    fn the_scan_and_the_survey_find_what_a_byte_loop_would() {
        // Breaks of each kind, NULs, tabs and multi-byte text at every offset modulo 8.
        let pieces = ["a", "é", "\t", "\0", "\n", "\r", "\r\n", "😀", "bcdefgh"];
        let mut seed = 11u64;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let scan = Scan::of(&text);
            // The rule spelt out a byte at a time.
            let bytes = text.as_bytes();
            let mut want = vec![0];
            for (i, &b) in bytes.iter().enumerate() {
                let crlf = b == b'\r' && bytes.get(i + 1) == Some(&b'\n');
                if (b == b'\n' || b == b'\r') && !crlf {
                    want.push(i + 1);
                }
            }
            assert_eq!(scan.line_starts, want, "{text:?}");
            let survey = Survey::of(bytes);
            assert_eq!(survey.ascii, text.is_ascii(), "{text:?}");
            assert_eq!(survey.carriage_return, text.contains('\r'), "{text:?}");
            assert_eq!(survey.nul, text.contains('\0'), "{text:?}");
            assert_eq!(
                LineIndex::new(&text).first_nul(),
                text.find('\0'),
                "{text:?}"
            );
        }
        assert_eq!(Scan::of("\r\r\n").line_starts, [0, 1, 3]);
        assert_eq!(LineIndex::new("abcdefgh\0").first_nul(), Some(8));
    }
}
