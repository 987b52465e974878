//! File globs of `preflight.toml`, as gitignore and ruff read them: `/` separates directories,
//! `*` and `?` never cross one, `**` as a whole segment is any number of directories (none
//! too), `[abc]`, `[a-z]`, `[!a]` classes, `{yaml,yml}` alternatives and `\` escapes.
//!
//! Matching costs the pattern's length times the path's: a star remembers where it last
//! matched and a `**` is a step in a table over segments, so no pattern backtracks
//! exponentially. (globset would bring `regex` into the wasm build: ≈ 300 KB.)

use std::fmt;

/// A compiled glob: alternatives (from `{…}`), each a list of segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    text: String,
    alternatives: Vec<Vec<Segment>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// `**`: any number of directories.
    AnyDirs,
    /// A name without wildcards: walked into directly.
    Literal(String),
    Pattern(Vec<Token>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    Char(char),
    AnyChar,
    Star,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

/// Why a glob cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobError(String);

impl fmt::Display for GlobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `{a,b}` alternatives a pattern may expand to: enough for any real list of extensions.
const MAX_ALTERNATIVES: usize = 64;

impl Glob {
    pub fn new(text: &str) -> Result<Glob, GlobError> {
        if text.is_empty() {
            return Err(GlobError("an empty glob matches nothing".into()));
        }
        if text.starts_with('/') || text.starts_with('\\') || text.get(1..3) == Some(":/") {
            return Err(GlobError(format!(
                "`{text}` is absolute; globs are relative to the project file's directory"
            )));
        }
        let mut alternatives = Vec::new();
        for expanded in expand_braces(text)? {
            let trimmed = expanded.strip_prefix("./").unwrap_or(&expanded);
            let segments = trimmed
                .split('/')
                .filter(|s| !s.is_empty() && *s != ".")
                .map(segment)
                .collect::<Result<Vec<_>, _>>()?;
            alternatives.push(segments);
        }
        Ok(Glob {
            text: text.to_string(),
            alternatives,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether `path` (relative, `/`-separated) matches.
    pub fn matches(&self, path: &str) -> bool {
        let names: Vec<&str> = path
            .split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .collect();
        self.alternatives
            .iter()
            .any(|segments| matches_segments(segments, &names))
    }

    pub(crate) fn alternatives(&self) -> &[Vec<Segment>] {
        &self.alternatives
    }
}

/// Whether segment `pattern` matches the name of one directory or file.
pub(crate) fn segment_matches(pattern: &Segment, name: &str) -> bool {
    match pattern {
        Segment::AnyDirs => true,
        Segment::Literal(text) => text == name,
        Segment::Pattern(tokens) => matches_tokens(tokens, name),
    }
}

/// A table over (pattern segment, path segment): `reach[j]` says the first `j` names are
/// matched by the segments seen so far.
fn matches_segments(segments: &[Segment], names: &[&str]) -> bool {
    let mut reach = vec![false; names.len() + 1];
    reach[0] = true;
    for segment in segments {
        let mut next = vec![false; names.len() + 1];
        match segment {
            Segment::AnyDirs => {
                let mut seen = false;
                for j in 0..=names.len() {
                    seen |= reach[j];
                    next[j] = seen;
                }
            }
            _ => {
                for j in 0..names.len() {
                    if reach[j] && segment_matches(segment, names[j]) {
                        next[j + 1] = true;
                    }
                }
            }
        }
        reach = next;
    }
    reach[names.len()]
}

/// Wildcards within one name: the last star is remembered and retried one character on,
/// which is enough because a star matches any run (the usual linear glob match).
fn matches_tokens(tokens: &[Token], name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    let (mut t, mut c) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while c < chars.len() {
        match tokens.get(t) {
            Some(Token::Star) => {
                star = Some((t, c));
                t += 1;
                continue;
            }
            Some(token) if token_matches(token, chars[c]) => {
                t += 1;
                c += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((st, sc)) => {
                star = Some((st, sc + 1));
                t = st + 1;
                c = sc + 1;
            }
            None => return false,
        }
    }
    tokens[t.min(tokens.len())..]
        .iter()
        .all(|token| *token == Token::Star)
}

fn token_matches(token: &Token, ch: char) -> bool {
    match token {
        Token::Char(expected) => *expected == ch,
        Token::AnyChar => true,
        Token::Star => false,
        Token::Class { negated, ranges } => {
            ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&ch)) != *negated
        }
    }
}

fn segment(text: &str) -> Result<Segment, GlobError> {
    if text == "**" {
        return Ok(Segment::AnyDirs);
    }
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        tokens.push(match ch {
            '*' => {
                if chars.peek() == Some(&'*') {
                    return Err(GlobError(format!(
                        "`{text}`: `**` must be a whole segment (`a/**/b`)"
                    )));
                }
                Token::Star
            }
            '?' => Token::AnyChar,
            '\\' => match chars.next() {
                Some(escaped) => Token::Char(escaped),
                None => return Err(GlobError(format!("`{text}` ends with a lone `\\`"))),
            },
            '[' => class(&mut chars, text)?,
            other => Token::Char(other),
        });
    }
    if tokens.iter().all(|t| matches!(t, Token::Char(_))) {
        return Ok(Segment::Literal(
            tokens
                .iter()
                .map(|t| match t {
                    Token::Char(c) => *c,
                    _ => '?',
                })
                .collect(),
        ));
    }
    Ok(Segment::Pattern(tokens))
}

fn class(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    text: &str,
) -> Result<Token, GlobError> {
    let negated = matches!(chars.peek(), Some('!') | Some('^'));
    if negated {
        chars.next();
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let Some(ch) = chars.next() else {
            return Err(GlobError(format!(
                "`{text}` has a `[` that is never closed"
            )));
        };
        if ch == ']' && !first {
            break;
        }
        first = false;
        let lo = if ch == '\\' {
            chars
                .next()
                .ok_or_else(|| GlobError(format!("`{text}` ends with a lone `\\`")))?
        } else {
            ch
        };
        let mut hi = lo;
        if chars.peek() == Some(&'-') {
            chars.next();
            match chars.peek() {
                Some(']') | None => ranges.push(('-', '-')),
                Some(_) => hi = chars.next().unwrap_or(lo),
            }
        }
        if hi < lo {
            return Err(GlobError(format!(
                "`{text}`: the range `{lo}-{hi}` is reversed"
            )));
        }
        ranges.push((lo, hi));
    }
    Ok(Token::Class { negated, ranges })
}

/// `a.{yaml,yml}` → `a.yaml`, `a.yml` (nested braces too), at most [`MAX_ALTERNATIVES`].
fn expand_braces(text: &str) -> Result<Vec<String>, GlobError> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut open = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'{' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            b'}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let start = open.unwrap_or(0);
                    let (head, body, tail) = (&text[..start], &text[start + 1..i], &text[i + 1..]);
                    let mut out = Vec::new();
                    for choice in split_top_level(body) {
                        for rest in expand_braces(&format!("{head}{choice}{tail}"))? {
                            out.push(rest);
                            if out.len() > MAX_ALTERNATIVES {
                                return Err(GlobError(format!(
                                    "`{text}` expands to more than {MAX_ALTERNATIVES} alternatives"
                                )));
                            }
                        }
                    }
                    return Ok(out);
                }
            }
            _ => {}
        }
        i += 1;
    }
    if depth > 0 {
        return Err(GlobError(format!(
            "`{text}` has a `{{` that is never closed"
        )));
    }
    Ok(vec![text.to_string()])
}

/// The `,`-separated choices of a brace body, not splitting inside nested braces.
fn split_top_level(body: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                parts.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&body[start.min(body.len())..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(glob: &str, path: &str) -> bool {
        Glob::new(glob).unwrap().matches(path)
    }

    #[test]
    fn stars_stay_within_a_directory() {
        assert!(m("deploy/*.env", "deploy/prod.env"));
        assert!(m("deploy/*.env", "deploy/.env"));
        assert!(!m("deploy/*.env", "deploy/eu/prod.env"));
        assert!(!m("*.yaml", "config/synctv.yaml"));
        assert!(m("synctv.yaml", "./synctv.yaml"));
        assert!(m("./synctv.yaml", "synctv.yaml"));
    }

    #[test]
    fn double_star_is_any_number_of_directories() {
        assert!(m("**/*.env", "a.env"));
        assert!(m("**/*.env", "x/y/z/a.env"));
        assert!(m("deploy/**/values.yaml", "deploy/values.yaml"));
        assert!(m("deploy/**/values.yaml", "deploy/eu/west/values.yaml"));
        assert!(!m("deploy/**/values.yaml", "other/values.yaml"));
        assert!(m("deploy/**", "deploy/a/b"));
    }

    #[test]
    fn classes_alternatives_and_escapes() {
        assert!(m("config.{yaml,yml}", "config.yml"));
        assert!(!m("config.{yaml,yml}", "config.json"));
        assert!(m("env/[a-c]?.env", "env/b1.env"));
        assert!(!m("env/[!a-c]?.env", "env/b1.env"));
        assert!(m(r"a\*b", "a*b"));
        assert!(!m(r"a\*b", "axb"));
        assert!(m("{a,{b,c}}.env", "c.env"));
    }

    #[test]
    fn bad_globs_say_why() {
        assert!(Glob::new("/etc/*.env").unwrap_err().0.contains("absolute"));
        assert!(Glob::new("a/[bc").unwrap_err().0.contains("never closed"));
        assert!(Glob::new("a/{b,c").unwrap_err().0.contains("never closed"));
        assert!(Glob::new("a**b").unwrap_err().0.contains("whole segment"));
        assert!(Glob::new("[z-a]").unwrap_err().0.contains("reversed"));
        let many = "{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}";
        assert!(Glob::new(many).unwrap_err().0.contains("more than 64"));
    }

    #[test]
    fn many_stars_cost_linear_time() {
        let glob = Glob::new(&"*a".repeat(200)).unwrap();
        assert!(!glob.matches(&"a".repeat(199)));
        assert!(glob.matches(&"a".repeat(400)));
    }
}
