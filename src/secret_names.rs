//! Keys that name a secret, whatever the schema says: the tree walk masks their values, the
//! renderers' scan of text that did not parse masks them too, and a finding's text never
//! shows what such a key holds ([`hide_swallowed_secrets`]).

use std::borrow::Cow;
use std::ops::Range;

/// Whether a key names a secret (`jwt_secret`, `DB_PASSWORD`, `apiKey`, `auth_token`), for
/// masking values the schema does not declare, such as a misspelt secret key. A key naming
/// where a secret is (`password_file`, `key_path`) holds a path, not a secret.
pub(crate) fn is_secret_like_key(key: &str) -> bool {
    // This runs on every key of every document, and few keys name a secret: a key without
    // the letters of any of the words below is settled by one pass that sets a bit per letter.
    might_name_secret(key.as_bytes()) && names_secret(key)
}

/// The secret-like key a malformed key starts with, when the rest is its value
/// (`jwt_secret:"s3cr3t`, `API_TOKEN=abc`): `Some("jwt_secret")`. `secret_keys` are the
/// names a schema declares secret besides those [`is_secret_like_key`] knows.
pub(crate) fn swallowed_secret<'k>(key: &'k str, secret_keys: &[String]) -> Option<&'k str> {
    let cut = key.find([':', '='])?;
    let (name, rest) = (key[..cut].trim().trim_matches(['"', '\'']), &key[cut + 1..]);
    let secret = is_secret_like_key(name) || secret_keys.iter().any(|s| s == name);
    (secret && !rest.trim().is_empty()).then_some(name)
}

/// The name a malformed key starts with, whatever the name, when the rest looks like its value
/// (`pass:"hunter2`, `SMTP_PASS=abc`): `Some("pass")`. The front-ends, which do not know the
/// schema's secret names, never echo such a key: what follows the name may be a secret.
/// Only a plain name (letters, digits, `_`, `-`, `.`) counts, so a key such as `a b:c` or a
/// URL's `https://…` is still shown as written.
pub(crate) fn swallowed_value(key: &str) -> Option<&str> {
    let cut = key.find([':', '='])?;
    let (name, rest) = (key[..cut].trim().trim_matches(['"', '\'']), &key[cut + 1..]);
    let plain = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    let value = !rest.trim().is_empty() && !rest.starts_with("//");
    (plain && value).then_some(name)
}

/// The words of `text` that look like generated credentials: runs of the base64 and
/// base64url alphabets (letters, digits, `+ / - _`; not the padding `=`, which also ends a
/// name, `KEY=value`) of 16 characters or more, with a digit and a letter, and either letters
/// of both cases (`Zk4pQv9Lr2…`, base64) or nothing but letters and digits (`9f86d081…`, hex).
/// Names such as `DEMO_JWT_SECRET2` or `aws_s3_bucket`, and paths such as
/// `4100/internal/warm`, are not such words. A code frame hides them wherever they stand (a
/// token under a key that does not name a secret, a URL's user, a secret whose key or `:` a
/// broken file lost), and the env front-end never quotes one as a broken line's first word.
pub(crate) fn generated_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    runs(bytes, true, 16).filter(|word| looks_generated(&bytes[word.clone()]))
}

/// The runs of `bytes` of at least `shortest` letters, digits, `+`, `-` or `_` (and `/` with
/// `slash`), in one pass that counts the run it is in.
fn runs(bytes: &[u8], slash: bool, shortest: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    const fn table(slash: bool) -> [bool; 256] {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = c.is_ascii_alphanumeric()
                || matches!(c, b'+' | b'-' | b'_')
                || (slash && c == b'/');
            b += 1;
        }
        table
    }
    static WORD: [bool; 256] = table(false);
    static WORD_OR_SLASH: [bool; 256] = table(true);
    let in_word = if slash { &WORD_OR_SLASH } else { &WORD };
    let (mut at, end, mut run) = (0, bytes.len(), 0);
    std::iter::from_fn(move || {
        while at < end {
            let b = bytes[at];
            at += 1;
            let in_word = in_word[usize::from(b)];
            run += usize::from(in_word);
            // A run ends at a byte outside it, or at the text's end.
            if in_word && at < end {
                continue;
            }
            let stop = if in_word { at } else { at - 1 };
            let word = stop - std::mem::take(&mut run)..stop;
            if word.len() >= shortest {
                return Some(word);
            }
        }
        None
    })
}

/// Whether one word (of the alphabet above) looks generated: see [`generated_words`].
pub(crate) fn looks_generated(word: &[u8]) -> bool {
    if word.len() < 16 {
        return false;
    }
    let has = |test: fn(&u8) -> bool| word.iter().any(test);
    let letters = has(u8::is_ascii_lowercase) as u8 + has(u8::is_ascii_uppercase) as u8;
    has(u8::is_ascii_digit)
        && letters > 0
        && (letters == 2 || word.iter().all(u8::is_ascii_alphanumeric))
}

/// A finding's message, help or pointer with what a secret-bearing text holds hidden, where a
/// value the finding quotes swallowed one: after a key naming a secret and its `=` or `:`
/// (two settings run together, `db.example.comJWT_SECRET=s3cret`), and a URL's password
/// (`postgres://app:s3cret@db` as a key's text), and a word that can only be random (a
/// secret that a broken line ran into the next key, `S3CRET…_DATA_DIR`). The rules never quote
/// a secret's value; this is for text they quote that was not meant to hold one. What is
/// hidden runs to the next blank, quote, backtick or comma (and `/` in a pointer) and is shown
/// as `…`.
pub(crate) fn hide_swallowed_secrets(text: &str, pointer: bool) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let ends_run = |b: u8| {
        matches!(b, b' ' | b'\t' | b'\n' | b'`' | b'"' | b'\'' | b',') || (pointer && b == b'/')
    };
    let run_end = |from: usize| {
        bytes[from..]
            .iter()
            .position(|&b| ends_run(b))
            .map_or(bytes.len(), |i| from + i)
    };
    let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    let mut hidden: Vec<Range<usize>> = Vec::new();
    // Each `:` and `=` (found by `memchr`, one character at a time), in any order.
    let separators = text.match_indices(':').chain(text.match_indices('='));
    for at in separators.map(|(at, _)| at) {
        // A `:` with an `@` after it in the same run reads as a URL's `user:password@` that
        // lost its `scheme://user` (a URL broken over two keys: `:s3cret@db/app`); a URL whole,
        // `scheme://` (`~1~1` in a pointer), is read below.
        let rest = &text[at + 1..];
        if bytes[at] == b':' && !rest.starts_with("//") && !rest.starts_with("~1~1") {
            let from = at + 1;
            if let Some(at_sign) = text[from..run_end(from)].rfind('@') {
                if at_sign > 0 {
                    hide(&mut hidden, from..from + at_sign);
                }
            }
        }
        // Only one between a word (and its closing quote, if any) and more text starts anything
        // hidden (prose's `: ` does not).
        let quote = |b: &u8| matches!(b, b'"' | b'\'');
        let key_end = at - bytes[..at].iter().rev().take_while(|b| quote(b)).count();
        // The value, inside its opening quote if it has one (escaped, `\"`, as a message
        // quotes it).
        let escaped = usize::from(bytes.get(at + 1) == Some(&b'\\'));
        let value = match bytes.get(at + 1 + escaped) {
            Some(b) if quote(b) => at + 2 + escaped,
            _ => at + 1,
        };
        if key_end == 0
            || !word(bytes[key_end - 1])
            || bytes.get(value).is_none_or(|&b| ends_run(b))
        {
            continue;
        }
        // The key, with quotes and tabs that broke it (`JWT_S'ECRET=`) dropped.
        let start = bytes[..key_end]
            .iter()
            .rposition(|b| !word(*b) && !quote(b) && *b != b'\t')
            .map_or(0, |i| i + 1);
        let key = &text[start..key_end];
        let names_secret = if key.contains(['"', '\'', '\t']) {
            is_secret_like_key(&key.replace(['"', '\'', '\t'], ""))
        } else {
            is_secret_like_key(key)
        };
        let end = run_end(value);
        if names_secret && &text[value..end] != "…" {
            hide(&mut hidden, value..end);
        }
        // A URL's `user:password@`; a pointer writes its `//` as `~1~1`.
        let after = &text[at + 1..];
        let slashes = match bytes[at] {
            b':' if after.starts_with("//") => Some(2),
            b':' if after.starts_with("~1~1") => Some(4),
            _ => None,
        };
        if let Some(len) = slashes {
            let from = at + 1 + len;
            let run = &text[from..run_end(from)];
            if let Some(at_sign) = run.rfind('@') {
                if let Some(colon) = run[..at_sign].find(':') {
                    hide(&mut hidden, from + colon + 1..from + at_sign);
                }
            }
        }
    }
    if pointer {
        segments_after_secret_names(text, &mut hidden);
    } else {
        quoted_after_secret_names(text, &mut hidden);
    }
    // Anywhere, not only between backticks: a value the finding quotes may hold a backtick of
    // its own, and then the message's backticks no longer pair.
    random_words(text, &mut hidden);
    if hidden.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in hidden {
        if range.end <= at || range.is_empty() {
            continue;
        }
        // A range that overlaps the one before extends what that one hides.
        if range.start >= at {
            out.push_str(&text[at..range.start]);
            out.push('…');
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// The words of a finding's text that can only be random: 24 or more letters, digits, `+`,
/// `-` or `_`, with at least three each of digits, upper-case and lower-case letters (a
/// 32-character base64 secret has them nine times in ten). Stricter than
/// [`generated_words`], which code frames hide: a finding quotes keys and host names as
/// written, and a key such as `s3ForcePathStyle` must stay readable.
fn random_words(text: &str, hidden: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    for word in runs(bytes, false, 24) {
        let count =
            |class: fn(&u8) -> bool| bytes[word.clone()].iter().filter(|b| class(b)).count();
        if count(u8::is_ascii_digit) >= 3
            && count(u8::is_ascii_uppercase) >= 3
            && count(u8::is_ascii_lowercase) >= 3
        {
            hide(hidden, word);
        }
    }
}

/// In each `` ` ``-quoted span of a message, what follows a word naming a secret and its
/// separator, however mistyped (`=`, `:`, blanks, `,`, `\\`, a bracket: `…JWT_SECRET, s3cret`,
/// `password[s3cret`), to the span's end.
fn quoted_after_secret_names(text: &str, hidden: &mut Vec<Range<usize>>) {
    let mut ticks = text.match_indices('`').map(|(at, _)| at);
    while let (Some(open), Some(close)) = (ticks.next(), ticks.next()) {
        after_secret_name(text, open + 1..close, hidden);
    }
}

/// The same in each segment of a pointer (`/auth/jwt_secret s3cret`: a key that swallowed its
/// value).
fn segments_after_secret_names(pointer: &str, hidden: &mut Vec<Range<usize>>) {
    let mut start = 0;
    for end in pointer
        .match_indices('/')
        .map(|(at, _)| at)
        .chain([pointer.len()])
    {
        after_secret_name(pointer, start..end, hidden);
        start = end + 1;
    }
}

/// In `span` of `text`, what follows a word naming a secret and its separator, to the span's
/// end.
fn after_secret_name(text: &str, span: Range<usize>, hidden: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    // What a key and its value are written with, or a mistyped or mangled form of it (a stray
    // bracket or brace, `password[s3cret`); not `/`, which separates a path's names.
    static SEPARATORS: [bool; 256] = {
        let (mut table, mut i) = ([false; 256], 0);
        let bytes = b"=: \t,\\[]{}()|*<>!#&;?";
        while i < bytes.len() {
            table[bytes[i] as usize] = true;
            i += 1;
        }
        table
    };
    let separator = |b: &u8| SEPARATORS[usize::from(*b)];
    let (open, close) = (span.start, span.end);
    // Most quoted text is one word: nothing can follow a name in it.
    if !bytes[open..close].iter().any(separator) {
        return;
    }
    let mut i = open;
    while i < close {
        if !word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < close && word(bytes[i]) {
            i += 1;
        }
        let after_quotes = i + bytes[i..close]
            .iter()
            .take_while(|&&b| b == b'"' || b == b'\'')
            .count();
        let separated = bytes[after_quotes..close]
            .iter()
            .take_while(|b| separator(b))
            .count();
        let value = after_quotes + separated;
        let rest = text[value..close].trim_matches(['"', '\'']);
        if separated > 0 && !rest.is_empty() && rest != "…" && is_secret_like_key(&text[start..i])
        {
            hide(hidden, value..close);
            return;
        }
    }
}

/// Adds `range` to `hidden`, kept in order of start (a few at most: no sort is compiled in).
fn hide(hidden: &mut Vec<Range<usize>>, range: Range<usize>) {
    let at = hidden.partition_point(|r| r.start <= range.start);
    hidden.insert(at, range);
}

/// The letters, without case, that each word naming a secret needs (a 64-bit set indexed by
/// the byte's low six bits after folding case: digits share bits with letters, which only
/// lets more keys through to the full test).
fn might_name_secret(bytes: &[u8]) -> bool {
    const fn set(word: &[u8]) -> u64 {
        let mut bits = 0;
        let mut i = 0;
        while i < word.len() {
            bits |= 1 << ((word[i] | 0x20) & 63);
            i += 1;
        }
        bits
    }
    // `apikey`, `_key` and a key ending in `Key` all hold the letters of `key`.
    const NEEDS: [u64; 6] = [
        set(b"secret"),
        set(b"passw"),
        set(b"private"),
        set(b"token"),
        set(b"credential"),
        set(b"key"),
    ];
    let present = bytes
        .iter()
        .fold(0u64, |bits, &b| bits | 1 << ((b | 0x20) & 63));
    NEEDS.iter().any(|&needed| needed & !present == 0)
}

/// The full test: bytes compared without case in place, each place tested only against the
/// words its byte starts, nothing copied or allocated.
fn names_secret(key: &str) -> bool {
    let bytes = key.as_bytes();
    let ends = |word: &[u8]| {
        bytes.len() >= word.len() && bytes[bytes.len() - word.len()..].eq_ignore_ascii_case(word)
    };
    if ends(b"file") || ends(b"path") {
        return false;
    }
    let names_secret = (0..bytes.len()).any(|i| {
        let rest = &bytes[i..];
        let starts =
            |word: &[u8]| rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word);
        match rest[0].to_ascii_lowercase() {
            b's' => starts(b"secret"),
            b'p' => starts(b"password") || starts(b"passwd") || starts(b"private"),
            b't' => starts(b"token"),
            b'c' => starts(b"credential"),
            b'a' => starts(b"apikey"),
            b'_' => starts(b"_key"),
            _ => false,
        }
    });
    names_secret || key.eq_ignore_ascii_case("key") || key.ends_with("Key")
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_words_are_found_and_names_are_not() {
        let text = "url: postgres://app-Zk4pQv9Lr2Xw7Tn3Hb6Jm8@db x 9f86d081884c7d659a2feaa0c55ad015 \
                    DEMO_JWT_SECRET2 aws_s3_bucket_name s3ForcePathStyle4u a1b2c3d4e5f6a7b 550e8400-e29b-41d4-a716-446655440000 \
                    JWT_SECRET=s3cret12 KEY=Zk4pQv9Lr2Xw7Tn3Hb6Jm8== http://edge:4100/internal/warm";
        let words: Vec<&str> = super::generated_words(text).map(|r| &text[r]).collect();
        assert_eq!(
            words,
            [
                "//app-Zk4pQv9Lr2Xw7Tn3Hb6Jm8",
                "9f86d081884c7d659a2feaa0c55ad015",
                "s3ForcePathStyle4u",
                "Zk4pQv9Lr2Xw7Tn3Hb6Jm8"
            ]
        );
        assert!(super::generated_words("").next().is_none());
        assert!(super::generated_words("é+").next().is_none());
    }

    #[test]
    fn what_a_swallowed_secret_holds_is_hidden() {
        let cases = [
            (
                "the host `db.example.comJWT_SECRET=s3cret` is not valid",
                "the host `db.example.comJWT_SECRET=…` is not valid",
            ),
            (
                "`database.ur postgres://app:s3cret@db` is not a known setting",
                "`database.ur postgres://app:…@db` is not a known setting",
            ),
            ("`api_key:abc,` x", "`api_key:…` x"),
            (
                "`:s3cret@db.example.com/app` is not a known setting",
                "`:…@db.example.com/app` is not a known setting",
            ),
            ("`8080JWT_SECRET\"=s3cret`", "`8080JWT_SECRET\"=…`"),
            ("`8080JWT_SECRET=\"s3cret`", "`8080JWT_SECRET=…`"),
            ("`8080JWT_SECRET, s3cret` no", "`8080JWT_SECRET, …` no"),
            ("`jwt_secret s3cret`", "`jwt_secret …`"),
            ("`smtp.password[s3cret\"-`", "`smtp.password[…`"),
            (
                "`Zk4pQv9Lr2Xw7Tn3Hb6Jm8Yc1Df5Gs0Ka_DATA_DIR` is not a known setting",
                "`…` is not a known setting",
            ),
            (
                "the host `appZk4pQv9Lr2Xw7Tn3Hb6Jm8Yc1Df5Gs0Ka%C3%A9example.com` is not valid",
                "the host `…%C3%A9example.com` is not valid",
            ),
            (
                "`s3ForcePathStyle` is not a known setting; did you mean `s3_force_path_style`?",
                "`s3ForcePathStyle` is not a known setting; did you mean `s3_force_path_style`?",
            ),
            ("`8080JWT_S'ECRET=s3cret`", "`8080JWT_S'ECRET=…`"),
            ("`8080JWT_S\tECRET=s3cret`", "`8080JWT_S\tECRET=…`"),
            ("`JWT_SECRET=s3\"cret`", "`JWT_SECRET=…`"),
            ("`JWT_SECRET=\ts3cret`", "`JWT_SECRET=\t…`"),
            // A value with a backtick of its own: the message's backticks no longer pair, and
            // its quotes are escaped.
            (
                "`smtp.acme.i` password:\\\"a0aaA0aaAaaAA0aAaA000Aa0AaA\\\"` is not a valid host name",
                "`smtp.acme.i` password:\\\"…\"` is not a valid host name",
            ),
            (
                "`a` Zk4pQv9Lr2Xw7Tn3Hb6Jm8Yc1Df5Gs0Ka `b`",
                "`a` … `b`",
            ),
            // Named, not swallowed.
            (
                "`jwt_secret` and `smtp.password`",
                "`jwt_secret` and `smtp.password`",
            ),
            ("`/secrets/db` `api_keys.0`", "`/secrets/db` `api_keys.0`"),
            // Nothing swallowed: a key named, a help's placeholder, another key's value.
            ("`JWT_SECRET` is required", "`JWT_SECRET` is required"),
            (
                "quote it (`JWT_SECRET=\"…\"`)",
                "quote it (`JWT_SECRET=\"…\"`)",
            ),
            ("`sslmode=disable` is plain", "`sslmode=disable` is plain"),
            ("the password: weak", "the password: weak"),
        ];
        for (text, want) in cases {
            assert_eq!(super::hide_swallowed_secrets(text, false), want);
        }
        let pointers = [
            (
                "/database/ur postgres:~1~1app:s3cret@db/x",
                "/database/ur postgres:~1~1app:…@db/x",
            ),
            ("/:s3cret@db.example.com~1app", "/:…@db.example.com~1app"),
            ("/auth/jwt_secret s3cret/x", "/auth/jwt_secret …/x"),
            ("/Zk4pQv9Lr2Xw7Tn3Hb6Jm8Yc1Df5Gs0Ka_DATA_DIR/x", "/…/x"),
            ("/a/JWT_SECRET=s3cret/b", "/a/JWT_SECRET=…/b"),
        ];
        for (pointer, want) in pointers {
            assert_eq!(super::hide_swallowed_secrets(pointer, true), want);
        }
    }

    use super::{is_secret_like_key, swallowed_value};

    #[test]
    fn a_plain_name_with_a_value_after_its_colon_swallowed_it() {
        for (key, name) in [
            ("pass:\"hunter2", Some("pass")),
            ("SMTP_PASS=abc", Some("SMTP_PASS")),
            ("\"db.pass\":x", Some("db.pass")),
            ("pass:", None),
            ("pass: ", None),
            ("a b:c", None),
            ("https://example.com", None),
            ("plain", None),
        ] {
            assert_eq!(swallowed_value(key), name, "{key}");
        }
    }

    #[test]
    fn keys_that_name_a_secret_and_keys_that_name_where_one_is() {
        for key in [
            "jwt_secret",
            "DB_PASSWORD",
            "passwd",
            "auth_token",
            "private_key",
            "aws_credentials",
            "apiKey",
            "APIKEY",
            "signing_key",
            "key",
            "KEY",
            "clientSecretValue",
        ] {
            assert!(is_secret_like_key(key), "{key}");
        }
        for key in [
            "password_file",
            "key_path",
            "TOKEN_FILE",
            "port",
            "keyboard",
            "monkey",
            "",
            "s",
            "secre",
            "tokens_per_user_path",
        ] {
            assert!(!is_secret_like_key(key), "{key}");
        }
        // Longer than the stack buffer.
        assert!(is_secret_like_key(&format!("{}_token", "x".repeat(80))));
        assert!(!is_secret_like_key(&"x".repeat(80)));
    }

    proptest::proptest! {
        /// The letter filter never turns away a key the full test accepts.
        #[test]
        fn the_filter_lets_every_secret_like_key_through(
            parts in proptest::collection::vec(proptest::sample::select(&[
                "secret", "SECRET", "Pass", "word", "wd", "private", "token", "Credential",
                "api", "Key", "key", "KEY", "_", "-", "file", "Path", "x", "e", "y", "k", "id",
                "0", "9", "é",
            ][..]), 0..5)
        ) {
            let key = parts.concat();
            proptest::prop_assert_eq!(is_secret_like_key(&key), super::names_secret(&key), "{:?}", key);
        }
    }
}
