//! Every line, in any format: each word that is followed (after an optional closing quote and
//! blanks) by `:` or `=` is a key wherever it stands — at the start of a line, inside flow
//! text, after a stray quote that broke the line — and after a secret one its value is masked.
//! In JSON every value ends at its quote or at `,` `}` `]`; in YAML a plain value also takes
//! the lines below it that read as more of it ([`continues_plain`]).
//!
//! A key may be broken too: its `:` left out or mistyped (`password "s3cret"`), its value
//! glued to it (`API_TOKENs3cret`), or stray quotes and tabs inside it (`"jwt_s"ecret":`).

use std::ops::Range;

use super::urls::{push_url_password, push_url_password_below};
use super::values::{
    continues_json, continues_plain, indented_below, lines_that, run_on, skip_blanks, value_end,
};
use super::Held;
use crate::document::continues_secret_value;
use crate::first_seen::FirstSeen;
use crate::input::Format;

/// How far before a word the scan looks for where its key starts.
const KEY_REACH: usize = 256;

/// How many blanks and punctuation marks may stand between a secret's key and its value where
/// the `:` is missing or mistyped.
const GAP: usize = 4;

/// Masks the values of secret keys in `lines` of `source` (see the module's comment).
pub(super) fn keyed_lines(
    source: &str,
    lines: &[Range<usize>],
    format: Format,
    is_secret: &dyn Fn(&str) -> Option<Held>,
    declared: &[String],
    out: &mut Vec<Range<usize>>,
) {
    let mut scan = KeyedScan {
        source,
        bytes: source.as_bytes(),
        lines,
        format,
        is_secret,
        declared,
        out,
        aliases: Vec::new(),
    };
    let mut n = 0;
    while n < lines.len() {
        n = scan.line(n);
    }
    let aliases = std::mem::take(&mut scan.aliases);
    mask_anchored_values(source, lines, &aliases, scan.out);
}

/// The scan's state: the text, what counts as a secret key, and what it has found.
struct KeyedScan<'a, 'o> {
    source: &'a str,
    bytes: &'a [u8],
    lines: &'a [Range<usize>],
    format: Format,
    is_secret: &'a dyn Fn(&str) -> Option<Held>,
    declared: &'a [String],
    out: &'o mut Vec<Range<usize>>,
    /// The aliases found under secret keys (`password: *db_password`).
    aliases: Vec<&'a str>,
}

/// A word that may be a key, with what stands around it on its line.
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// Where its `:` or `=` is, past stray quotes, tabs, non-ASCII characters and blanks; or
    /// where one would be.
    separator: usize,
    /// Whether a `:` or `=` stands at `separator`.
    separated: bool,
    /// The key as written around stray quotes and tabs (`"jwt_s"ecret`).
    around: &'a str,
    /// Whether it stands where a key does ([`at_key_position`]).
    at_key_position: bool,
    /// Whether it reads as a key whose `:` is missing: alone (only quotes and tabs around it)
    /// and where a key stands.
    unseparated_key: bool,
}

/// Where a secret key's value is.
struct ValueAt {
    start: usize,
    /// The separator (or, with none, the value's start): the scan goes on after it at least.
    separator: usize,
    /// Where masking starts: the value, or right after the key where its separator is
    /// mistyped (what stands between is masked too).
    mask_from: usize,
    /// A word right after the key to read as a key too: the rest of a key a tab broke
    /// (`"jwt_secr\tet", "s3cret"`), or a value glued to its key.
    read_again: Option<usize>,
}

/// Where the scan goes on after a word.
enum Next {
    /// At this byte of the same line.
    At(usize),
    /// At this line: the value took the rest of its line (and perhaps lines below).
    Line(usize),
}

impl<'a> KeyedScan<'a, '_> {
    /// Scans line `n`; returns the line to scan next.
    fn line(&mut self, n: usize) -> usize {
        let line = self.lines[n].clone();
        let mut i = line.start;
        while i < line.end {
            if !is_word_byte(self.bytes[i]) || (i > line.start && is_word_byte(self.bytes[i - 1])) {
                i += 1;
                continue;
            }
            let word = self.word(&line, i);
            match self.after_word(n, &line, &word) {
                Next::At(at) => i = at,
                Next::Line(next) => return next,
            }
        }
        n + 1
    }

    /// The word starting at `start`, and what stands around it.
    fn word(&self, line: &Range<usize>, start: usize) -> Word<'a> {
        let (source, bytes) = (self.source, self.bytes);
        let mut end = start;
        while end < line.end && is_word_byte(bytes[end]) {
            end += 1;
        }
        // Stray quotes, tabs and characters no key is written with (a byte order mark, an `é`
        // typed by mistake) between the key and its separator.
        let mut separator = end;
        while separator < line.end
            && (matches!(bytes[separator], b'"' | b'\'' | b'\t') || bytes[separator] >= 0x80)
        {
            separator += 1;
        }
        separator = skip_blanks(bytes, separator, line.end);
        let separated = separator < line.end && matches!(bytes[separator], b':' | b'=');
        // Where the key starts, around stray quotes and tabs. Looked for no further back than
        // a key is long, so a long line of many words costs its length.
        let mut reach = start.saturating_sub(KEY_REACH).max(line.start);
        while !source.is_char_boundary(reach) {
            reach += 1;
        }
        let key_start = bytes[reach..start]
            .iter()
            .rposition(|b| matches!(b, b' ' | b'{' | b',' | b'[' | b':'))
            .map_or(reach, |k| reach + k + 1);
        let around = &source[key_start..end];
        // A key whose `:` was left out or mistyped (`password "s3cret"`, `"jwt_secret",
        // "s3cret"`, `jwt_secret\": "s3cret"`): the first word of a line or of a flow entry,
        // then at most a few blanks and punctuation, then a value.
        let alone = around
            .bytes()
            .all(|b| is_word_byte(b) || matches!(b, b'"' | b'\'' | b'\t') || b >= 0x80);
        let at_key_position = at_key_position(&source[line.start..key_start]);
        Word {
            start,
            end,
            text: &source[start..end],
            separator,
            separated,
            around,
            at_key_position,
            unseparated_key: !separated && alone && at_key_position,
        }
    }

    /// Masks the value of `word` if it is a secret key; says where the scan goes on.
    fn after_word(&mut self, n: usize, line: &Range<usize>, word: &Word<'a>) -> Next {
        let next_word = Next::At(word.end);
        if !word.separated {
            self.mask_glued_to_declared(word);
        }
        let value = if word.separated {
            self.value_after_separator(line, word)
        } else if word.unseparated_key {
            match self.value_without_separator(line, word) {
                Some(value) => value,
                None => return next_word,
            }
        } else {
            return next_word;
        };
        let Some(held) = self.held(word) else {
            return next_word;
        };
        let json = self.format == Format::Json;
        if json && value.start >= line.end {
            self.mask_json_value_below(n, held);
            return Next::Line(n + 1);
        }
        if held == Held::CredentialUrl {
            // A broken URL may run past where a value would end: take the whole line, and a
            // password the line break cut off from its `@` on the next.
            let url = value.start..line.end;
            push_url_password(self.source, url.clone(), self.out);
            if let Some(below) = self.lines.get(n + 1) {
                push_url_password_below(self.source, url, below.clone(), self.out);
            }
            return next_word;
        }
        let flow = json || self.source[line.start..word.start].contains(['{', '[']);
        let (end, run_on_quote) = value_end(self.bytes, value.start, line.end, flow);
        let end = end.max(value.start);
        if value.mask_from < end {
            self.out.push(value.mask_from..end);
        }
        if let Some(alias) = self.source[value.start..end].strip_prefix('*') {
            self.aliases.push(alias);
        }
        if let Some(quote) = run_on_quote {
            // The lines it runs over are still read for keys: the quote may be a mistake.
            run_on(self.source, self.lines, n + 1, quote, self.out);
            return Next::Line(n + 1);
        }
        if json
            && self.source[end..line.end]
                .trim_matches([' ', '\t', ','])
                .is_empty()
        {
            // The last value of its line: lines below that no JSON token starts are more of
            // it (a quote typed inside it closed it early, then a line break).
            lines_that(continues_json, self.source, self.lines, n + 1, self.out);
        }
        if !flow {
            return Next::Line(self.mask_block_value_below(n, line, value.start));
        }
        Next::At(value.read_again.unwrap_or(end.max(value.separator + 1)))
    }

    /// A key and its value run together into one word (`"passwords3cret"`, `API_TOKENs3cret`):
    /// what follows a name the schema declares secret is masked. Away from a key's place, only
    /// when it does not read as a longer name (`jwt_secret_file` in a comment).
    fn mask_glued_to_declared(&mut self, word: &Word<'_>) {
        let Some(name) = self
            .declared
            .iter()
            .filter(|d| word.text.len() > d.len() && word.text.starts_with(d.as_str()))
            .max_by_key(|d| d.len())
        else {
            return;
        };
        let rest = &word.text[name.len()..];
        if word.at_key_position || !rest.starts_with(['_', '-', '.']) {
            self.out.push(word.start + name.len()..word.end);
        }
    }

    /// The value after a key's `:` or `=`.
    fn value_after_separator(&self, line: &Range<usize>, word: &Word<'_>) -> ValueAt {
        let bytes = self.bytes;
        let value = skip_blanks(bytes, word.separator + 1, line.end);
        // A stray `,` `}` `]` before a quoted value (`"password": }"s3cret"`).
        let stray = bytes[value..line.end]
            .iter()
            .take(GAP + 1)
            .take_while(|&&b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t'))
            .count();
        // The same before a value whose opening quote it replaced (`"password": }s3cret"`).
        let start = match bytes.get(value + stray) {
            Some(&b)
                if stray > 0 && stray <= GAP && (matches!(b, b'"' | b'\'') || is_word_byte(b)) =>
            {
                value + stray
            }
            _ => value,
        };
        ValueAt {
            start,
            separator: word.separator,
            mask_from: start,
            read_again: None,
        }
    }

    /// The value of a key whose `:` is missing or mistyped: after the key's closing quote, if
    /// it has one, blanks and a few punctuation marks (`password\\ `, `"password",\t`), then
    /// the value. After a blank, the value may start with punctuation itself (`jwt_secret
    /// -x…`): all of it is masked from the key on. `None` where no value follows.
    fn value_without_separator(&self, line: &Range<usize>, word: &Word<'_>) -> Option<ValueAt> {
        let bytes = self.bytes;
        let from = word.end + usize::from(matches!(bytes.get(word.end), Some(b'"' | b'\'')));
        let first = skip_blanks(bytes, from, line.end);
        let gap = bytes[first..line.end]
            .iter()
            .take_while(|&&b| b.is_ascii_punctuation() && !matches!(b, b'"' | b'\''))
            .count();
        let start = skip_blanks(bytes, first + gap, line.end);
        let blank = first > from;
        // At the end of a JSON line the value may be on a line below (see there).
        if (!blank && gap > GAP) || (first >= line.end && self.format != Format::Json) {
            return None;
        }
        let mut read_again = None;
        // Nothing between: a word is the rest of a key a quote broke (`"jwt_s"ecret`), or the
        // value glued to its key (`"password"s3cret`); a quote is the value's.
        let glued = start == from && !matches!(bytes.get(start), Some(b'"' | b'\''));
        if glued {
            // After a secret's key the word is masked and read as a key too; after any other
            // word it is read as a key only.
            (self.is_secret)(word.text)?;
            read_again = Some(start);
        }
        if from == word.end
            && first < line.end
            && bytes[from..first].iter().all(|&b| b == b'\t')
            && is_word_byte(bytes[first])
        {
            read_again = Some(first);
        }
        Some(ValueAt {
            start,
            separator: start,
            mask_from: first,
            read_again,
        })
    }

    /// What `word` holds as a key: by its text, or by its text with the quotes and tabs that
    /// broke it taken out.
    fn held(&self, word: &Word<'_>) -> Option<Held> {
        (self.is_secret)(word.text).or_else(|| {
            let around = word.around;
            // Only a key broken by quotes or tabs needs putting back together.
            (!around.is_ascii() || around.contains(['"', '\'', '\t'])).then(|| {
                let whole: String = around
                    .chars()
                    .filter(|c| !matches!(c, '"' | '\'' | '\t') && c.is_ascii())
                    .collect();
                (self.is_secret)(&whole)
            })?
        })
    }

    /// JSON lets a value start on a line below its key: masks it on the first line below
    /// that is not blank.
    fn mask_json_value_below(&mut self, n: usize, held: Held) {
        let bytes = self.bytes;
        let Some(below) = self.lines[n + 1..]
            .iter()
            .find(|l| skip_blanks(bytes, l.start, l.end) < l.end)
        else {
            return;
        };
        let value = skip_blanks(bytes, below.start, below.end);
        match held {
            Held::CredentialUrl => push_url_password(self.source, value..below.end, self.out),
            Held::Secret => self
                .out
                .push(value..value_end(bytes, value, below.end, true).0),
        }
    }

    /// The lines below a block value that are more of it: a block scalar's (or a value that
    /// starts on the next line) indented lines, or the lines of a plain value pasted over
    /// several lines. Returns the line to scan next.
    fn mask_block_value_below(&mut self, n: usize, line: &Range<usize>, value: usize) -> usize {
        let rest = self.source[value..line.end].trim_start_matches(['&', '!']);
        if rest.starts_with(['|', '>']) || value >= line.end {
            let indent = skip_blanks(self.bytes, line.start, line.end) - line.start;
            return indented_below(self.source, self.lines, n + 1, indent, self.out);
        }
        if !rest.starts_with(['"', '\'']) {
            // A plain value pasted over several lines, at any indentation (in an env file,
            // after a key that is not first on its line: two lines run together).
            let continues = match self.format {
                Format::Env => continues_secret_value,
                _ => continues_plain,
            };
            lines_that(continues, self.source, self.lines, n + 1, self.out);
        }
        n + 1
    }
}

/// A byte of a word that may be a key.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'$')
}

/// Whether a word after `before` (the text of its line before it) stands where a key does:
/// first on its line (after blanks, a list's `- ` and quotes, stray ones too), first in a flow
/// entry (after `{` or `,`), or right after another key's `:` (its line run into the one
/// above).
fn at_key_position(before: &str) -> bool {
    // Quotes and blanks in any order: a key's quote may have blanks inside (`{"  password`).
    let before = before.trim_end_matches(['"', '\'', ' ', '\t']);
    let before = before
        .strip_suffix('-')
        .map_or(before, |b| b.trim_end_matches([' ', '\t']));
    before.trim_matches(['"', '\'', ' ', '\t']).is_empty() || before.ends_with(['{', ',', ':'])
}

/// An alias under a secret key shows nothing; its anchor (`&name value`) holds the value.
///
/// One pass over the text: each `&` that starts a name (at the start of the text or after a
/// byte that ends one) is looked up among the aliases' names. A name ends at a blank, a line
/// break, a quote, `:` or a flow indicator, for aliases and anchors alike, so the names the
/// pass reads never overlap: many anchors and aliases cost the text's length.
fn mask_anchored_values(
    source: &str,
    lines: &[Range<usize>],
    aliases: &[&str],
    out: &mut Vec<Range<usize>>,
) {
    if aliases.is_empty() {
        return;
    }
    let mut names = FirstSeen::with_capacity(aliases.len());
    for alias in aliases {
        names.earlier(anchor_name(alias), 0);
    }
    let bytes = source.as_bytes();
    for (at, _) in source.match_indices('&') {
        if at > 0 && !ends_anchor_name(bytes[at - 1]) {
            continue;
        }
        let name = anchor_name(&source[at + 1..]);
        if name.is_empty() || names.first(name).is_none() {
            continue;
        }
        let Some(line) = lines.get(lines.partition_point(|l| l.start <= at).saturating_sub(1))
        else {
            continue;
        };
        let value = skip_blanks(bytes, at + 1 + name.len(), line.end);
        let flow = source[line.start..at].contains(['{', '[']);
        let (end, _) = value_end(bytes, value, line.end, flow);
        if value < end {
            out.push(value..end);
        }
    }
}

/// The anchor or alias name at the start of `text` (after its `&` or `*`).
fn anchor_name(text: &str) -> &str {
    let end = text
        .bytes()
        .position(ends_anchor_name)
        .unwrap_or(text.len());
    &text[..end]
}

/// Whether a byte ends an anchor's or alias's name, as the masking scan reads them.
fn ends_anchor_name(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | b',' | b'[' | b']' | b'{' | b'}' | b'"' | b'\'' | b':'
    )
}
