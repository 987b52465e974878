//! RFC 6901 JSON Pointers: how every diagnostic names the value it is about.

/// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Splits a pointer into its unescaped reference tokens. `""` is the whole document.
/// Returns `None` when the pointer is not of RFC 6901 form (it must start with `/`, and `~`
/// must be followed by `0` or `1`).
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/').map(unescape).collect()
}

fn unescape(token: &str) -> Option<String> {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Joins unescaped tokens into a pointer.
pub fn join<'a>(tokens: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for token in tokens {
        out.push('/');
        out.push_str(&escape(token));
    }
    out
}

/// The parent of a pointer (`/a/b` → `/a`, `/a` → ``); `None` for the whole document.
pub fn parent(pointer: &str) -> Option<&str> {
    pointer.rfind('/').map(|i| &pointer[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_tokens_with_special_characters() {
        let p = join(["a/b", "m~n", "0"]);
        assert_eq!(p, "/a~1b/m~0n/0");
        assert_eq!(tokens(&p).unwrap(), vec!["a/b", "m~n", "0"]);
    }

    #[test]
    fn rejects_malformed_pointers() {
        assert_eq!(tokens("a"), None);
        assert_eq!(tokens("/a~2"), None);
        assert_eq!(tokens("/a~"), None);
        assert_eq!(tokens(""), Some(vec![]));
        assert_eq!(tokens("/"), Some(vec![String::new()]));
    }

    #[test]
    fn parent_walks_up_one_token() {
        assert_eq!(parent("/a/b"), Some("/a"));
        assert_eq!(parent("/a"), Some(""));
        assert_eq!(parent(""), None);
    }
}
