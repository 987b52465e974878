//! Keys that name a secret, whatever the schema says: the tree walk masks their values, and
//! so does the renderers' scan of text that did not parse.

/// Whether a key names a secret (`jwt_secret`, `DB_PASSWORD`, `apiKey`, `auth_token`), for
/// masking values the schema does not declare, such as a misspelt secret key. A key naming
/// where a secret is (`password_file`, `key_path`) holds a path, not a secret.
pub(crate) fn is_secret_like_key(key: &str) -> bool {
    // This runs on every key of every document, so it lowercases into a stack buffer and
    // compares bytes instead of allocating and building a substring searcher per word.
    let mut buffer = [0u8; 64];
    let owned;
    let lower: &[u8] = match buffer.get_mut(..key.len()) {
        Some(slot) => {
            slot.copy_from_slice(key.as_bytes());
            slot.make_ascii_lowercase();
            slot
        }
        None => {
            owned = key.to_ascii_lowercase();
            owned.as_bytes()
        }
    };
    if [&b"file"[..], b"path"].iter().any(|s| lower.ends_with(s)) {
        return false;
    }
    let contains = |word: &[u8]| {
        (0..lower.len()).any(|i| lower[i] == word[0] && lower.get(i..i + word.len()) == Some(word))
    };
    [
        &b"secret"[..],
        b"password",
        b"passwd",
        b"token",
        b"private",
        b"credential",
        b"apikey",
        b"_key",
    ]
    .iter()
    .any(|w| contains(w))
        || lower == b"key"
        || key.ends_with("Key")
}
