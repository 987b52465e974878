//! How a finding's message writes a piece of the config: as it is, with what a terminal or an
//! editor would not show faithfully escaped.
//!
//! The escapes are those of Rust's `str::escape_debug` (`\n`, `\t`, `\"`, `\u{202e}`), for
//! the characters that matter in a config: controls, the invisible format characters (bidi
//! overrides, zero-width spaces, the byte order mark), every space but the ASCII one, line and
//! paragraph separators, and private-use characters. `escape_debug` also escapes the code
//! points Unicode has not assigned and a combining mark at the start of the text; its tables
//! and escape iterator cost 1.4 KB of the gzipped wasm module (BENCHMARKS.md), so unassigned
//! code points are shown as they are and only the common combining marks (U+0300–U+036F) are
//! escaped at the start. One escape is preflight's own: a backtick, with which a message quotes
//! the text, is written `\u{60}`, so the quotes of a message pair however the value is written.

use std::borrow::Cow;
use std::fmt::{self, Write};

/// `text`, ready for a message: `format!("`{}` is not a port", shown(text))`.
pub(crate) fn shown(text: &str) -> Shown<'_> {
    Shown(text)
}

/// A character in a message, as [`shown`] writes a text of that one character.
pub(crate) fn shown_char(c: char) -> ShownChar {
    ShownChar(c)
}

/// `text` with the characters a terminal or an editor would not show faithfully escaped
/// (controls, format characters such as bidi overrides, separators, private use), and nothing
/// else: for a finding's whole message, help or pointer as it is printed, so no text a finding
/// quotes without [`shown`] can move a terminal's cursor, colour its output or reorder a line.
pub(crate) fn escape_unseen(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unseen) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unseen(c) {
            // Writing to a String cannot fail.
            let _ = write_unseen(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How a code frame prints a character of the source: as it is, but a control as its Unicode
/// control picture (`␛` for ESC, `␍` for a carriage return; not the tab, which frames keep)
/// and a format character (a bidi override, a zero-width space, a byte order mark), a C1
/// control or a line separator as `�`: one column each, so the underline below stays aligned,
/// and nothing that moves a terminal's cursor, colours its output or reorders the line.
pub(crate) fn frame_char(c: char) -> char {
    match u32::from(c) {
        0x09 => c,
        code @ 0..=0x1f => char::from_u32(0x2400 + code).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
        // Spaces and private-use characters are shown as they are.
        0xa0 | 0x1680 | 0x2000..=0x200a | 0x202f | 0x205f | 0x3000 => c,
        0xe000..=0xf8ff | 0xf0000..=0x10ffff => c,
        _ if is_unseen(c) => '\u{fffd}',
        _ => c,
    }
}

pub(crate) struct Shown<'a>(&'a str);

pub(crate) struct ShownChar(char);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.0.chars();
        if let Some(first) = chars.next() {
            if ('\u{300}'..='\u{36f}').contains(&first) {
                write!(f, "\\u{{{:x}}}", u32::from(first))?;
            } else {
                write_char(f, first)?;
            }
        }
        chars.try_for_each(|c| write_char(f, c))
    }
}

impl fmt::Display for ShownChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Shown(self.0.encode_utf8(&mut [0; 4])).fmt(f)
    }
}

fn write_char(f: &mut fmt::Formatter<'_>, c: char) -> fmt::Result {
    match c {
        '\\' | '\'' | '"' => {
            f.write_char('\\')?;
            f.write_char(c)
        }
        // The message's own quote: a value's backtick would end the quoted text early.
        '`' => f.write_str("\\u{60}"),
        c if is_unseen(c) => write_unseen(f, c),
        c => f.write_char(c),
    }
}

/// An [`is_unseen`] character as `escape_debug` writes it.
fn write_unseen(out: &mut impl Write, c: char) -> fmt::Result {
    match c {
        '\0' => out.write_str("\\0"),
        '\t' => out.write_str("\\t"),
        '\r' => out.write_str("\\r"),
        '\n' => out.write_str("\\n"),
        c => write!(out, "\\u{{{:x}}}", u32::from(c)),
    }
}

/// Controls (Cc), format characters (Cf), separators (Zs but the ASCII space, Zl, Zp) and
/// private-use characters (Co): the assigned characters `escape_debug` escapes (Unicode 16).
fn is_unseen(c: char) -> bool {
    let c = u32::from(c);
    if c < 0x7f {
        return c < 0x20;
    }
    if c < 0xa1 {
        return true; // DEL, the C1 controls and the no-break space
    }
    UNSEEN.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Ranges of [`is_unseen`] characters above U+00A0, in order.
const UNSEEN: &[(u32, u32)] = &[
    (0xad, 0xad),
    (0x600, 0x605),
    (0x61c, 0x61c),
    (0x6dd, 0x6dd),
    (0x70f, 0x70f),
    (0x890, 0x891),
    (0x8e2, 0x8e2),
    (0x1680, 0x1680),
    (0x180e, 0x180e),
    (0x2000, 0x200f),
    (0x2028, 0x202f),
    (0x205f, 0x2064),
    (0x2066, 0x206f),
    (0x3000, 0x3000),
    (0xe000, 0xf8ff),
    (0xfeff, 0xfeff),
    (0xfff9, 0xfffb),
    (0x110bd, 0x110bd),
    (0x110cd, 0x110cd),
    (0x13430, 0x1343f),
    (0x1bca0, 0x1bca3),
    (0x1d173, 0x1d17a),
    (0xe0001, 0xe0001),
    (0xe0020, 0xe007f),
    (0xf0000, 0x10ffff),
];

#[cfg(test)]
mod tests {
    use super::*;

    // Each character in the middle of a text, where a combining mark is not escaped for
    // coming first.
    fn ours(c: char) -> String {
        shown(&format!("a{c}")).to_string()[1..].to_string()
    }

    fn std(c: char) -> String {
        format!("a{c}").escape_debug().to_string()[1..].to_string()
    }

    /// Every character we escape but the backtick, `escape_debug` escapes the same way; the
    /// ones it escapes and we show as they are are code points Unicode has not assigned
    /// (some held by name below, with assigned ones that must not be among them).
    #[test]
    fn characters_are_escaped_as_escape_debug_escapes_them() {
        let mut shown_plain = Vec::new();
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let (ours, std) = (ours(c), std(c));
            if ours != std && c != '`' {
                assert_eq!(
                    ours,
                    c.to_string(),
                    "{:x}: we escape what std does not",
                    u32::from(c)
                );
                shown_plain.push(u32::from(c));
            }
        }
        // Assigned characters are all escaped alike: what differs is unassigned.
        for c in [
            0x378, 0x379, 0x380, 0x0e3b, 0x2065, 0xfff0, 0x1fffe, 0xeffff,
        ] {
            assert!(shown_plain.contains(&c), "{c:x}");
        }
        for c in [0x41, 0xe9, 0x300, 0x2010, 0x1f600, 0x4e00, 0xfffd] {
            assert!(!shown_plain.contains(&c), "{c:x}");
        }
    }

    #[test]
    fn texts_are_shown_as_escape_debug_shows_them() {
        for text in [
            "plain",
            "a\tb\r\nc\0",
            "quotes ' \" and \\",
            "rtl\u{202e}override",
            "zero\u{200b}width",
            "\u{feff}bom",
            "no\u{a0}break",
            "\u{301}combining first",
            "e\u{301}combining inside",
            "ünïcödé 日本",
            "\u{7f}\u{85}\u{9f}",
            "",
        ] {
            assert_eq!(
                shown(text).to_string(),
                text.escape_debug().to_string(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_whole_message_has_only_what_is_unseen_escaped() {
        let message = "`\u{1b}[31mRED\u{202e}` is not a known setting; see `a\\tb`";
        assert_eq!(
            escape_unseen(message),
            "`\\u{1b}[31mRED\\u{202e}` is not a known setting; see `a\\tb`"
        );
        assert!(matches!(escape_unseen("`a` and \"b\""), Cow::Borrowed(_)));
        assert_eq!(escape_unseen("a\tb\nc"), "a\\tb\\nc");
    }

    #[test]
    fn a_frame_shows_controls_as_pictures_and_format_characters_as_replacements() {
        let line: String = "\u{1b}[31mRED\u{202e}\tx\r\u{85}\u{a0}é\u{7f}"
            .chars()
            .map(frame_char)
            .collect();
        assert_eq!(
            line,
            "\u{241b}[31mRED\u{fffd}\tx\u{240d}\u{fffd}\u{a0}é\u{2421}"
        );
        // Nothing a frame prints is unseen but the tab and the spaces it keeps.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let printed = frame_char(c);
            assert!(
                !is_unseen(printed) || printed == '\t' || printed == c && !c.is_control(),
                "{:x}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn a_backtick_is_escaped_so_the_message_quotes_pair() {
        assert_eq!(shown("smtp.acme.i` x").to_string(), "smtp.acme.i\\u{60} x");
        assert_eq!(shown_char('`').to_string(), "\\u{60}");
    }

    #[test]
    fn a_character_is_shown_as_a_text_of_one_character() {
        for c in ['\t', '\u{2028}', 'x', '"', '\u{301}'] {
            assert_eq!(shown_char(c).to_string(), c.escape_debug().to_string());
        }
        assert_eq!(shown_char('\u{2028}').to_string(), "\\u{2028}");
    }
}
