//! Random edits of a config, for the properties that check "never a secret" on broken
//! files (tests/broken_inputs.rs, tests/cli_broken_inputs.rs): what an edit inserts, where it
//! may fall, and secrets that look generated.
#![allow(dead_code)]

use std::ops::Range;

use proptest::prelude::*;

/// One edit: its kind (insert, remove, replace), where (a fraction of the text), how many
/// bytes it removes, and which of [`PIECES`] it inserts.
pub type Edit = (u8, f64, usize, usize);

/// Up to three edits.
pub fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec((any::<u8>(), 0.0f64..1.0, 0usize..6, any::<usize>()), 1..4)
}

/// What a random edit inserts: YAML, JSON and env punctuation, whitespace and line
/// breaks of every kind, and characters that are more than one byte.
pub const PIECES: &[&str] = &[
    ":", "-", "- ", "{", "}", "[", "]", "\"", "'", "#", " #", "&a ", "*a", "!!str ", "!", "|", ">",
    "?", ",", "\n", "\n  ", "\t", " ", "  ", "\r", "=", "\\", "@", "/", "%", "é", "\u{feff}",
    "<<: ", "---\n", "export ", "${", "`", "\"\"", "''",
];

/// What an edit may not fall inside in the configs of the demo schema: the secrets `s`, and
/// the keys that name them (an edit that renames a key is another property's case).
pub fn kept_words(s: &[String; 3]) -> Vec<&str> {
    let names = [
        "jwt_secret",
        "password",
        "DEMO_JWT_SECRET",
        "SMTP_PASSWORD",
        "postgres://app",
    ];
    s.iter().map(String::as_str).chain(names).collect()
}

/// Where an edit may not fall: inside one of `words` (the secrets, and the keys that name
/// them). It may fall right before or after one.
fn kept(text: &str, words: &[&str]) -> Vec<Range<usize>> {
    words
        .iter()
        .flat_map(|word| text.match_indices(word).map(|(at, w)| at..at + w.len()))
        .collect()
}

/// One random edit at `at` (a fraction of the text): `piece` inserted, `len` bytes
/// removed, or `len` bytes replaced by `piece`, unless that falls inside
/// one of `words`.
pub fn edit(text: &str, words: &[&str], (op, at, len, piece): Edit) -> String {
    let mut from = ((text.len() as f64) * at) as usize;
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (from + len).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let (to, piece) = match op % 3 {
        0 => (from, PIECES[piece % PIECES.len()]),
        1 => (to, ""),
        _ => (to, PIECES[piece % PIECES.len()]),
    };
    if kept(text, words)
        .iter()
        .any(|k| from < k.end && to > k.start)
    {
        return text.to_string();
    }
    format!("{}{piece}{}", &text[..from], &text[to..])
}

/// Three secrets that look generated: letters and digits, `len` of them, with at least
/// `least` of each class (lower case, upper case, digit), as `openssl rand` and password
/// managers write them.
pub fn generated(len: std::ops::Range<usize>, least: usize) -> impl Strategy<Value = [String; 3]> {
    let pattern = format!("[A-Za-z0-9]{{{},{}}}", len.start, len.end - 1);
    let word = proptest::string::string_regex(&pattern).unwrap();
    proptest::array::uniform3(word.prop_filter("looks generated", move |s| {
        [
            u8::is_ascii_lowercase,
            u8::is_ascii_uppercase,
            u8::is_ascii_digit,
        ]
        .iter()
        .all(|class| s.bytes().filter(class).count() >= least)
    }))
}

/// The first 6-byte piece of `secret` that `out` shows, if any (secrets here are ASCII).
pub fn shown_piece<'s>(out: &str, secret: &'s str) -> Option<&'s str> {
    (0..secret.len().saturating_sub(5))
        .map(|i| &secret[i..i + 6])
        .find(|piece| out.contains(piece))
}
