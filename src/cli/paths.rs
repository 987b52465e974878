//! Paths as strings, `/`-separated, resolved lexically (no IO): the same in the Rust binary
//! and in Node, so both name every file alike.

/// `path` made absolute against `base` (an absolute directory), with `.` and `..` resolved.
pub fn absolute(base: &str, path: &str) -> String {
    if is_absolute(path) {
        normalize(path)
    } else {
        normalize(&format!("{}/{path}", base.trim_end_matches('/')))
    }
}

pub fn is_absolute(path: &str) -> bool {
    path.starts_with('/') || path.starts_with('\\') || path.get(1..2) == Some(":")
}

/// Resolves `.` and `..` and repeated separators of an absolute path.
pub fn normalize(path: &str) -> String {
    let (root, rest) = match path.find('/') {
        // `C:/x` on Windows: the drive is the root.
        Some(i) if i > 0 && path[..i].ends_with(':') => (&path[..=i], &path[i + 1..]),
        _ => ("/", path.trim_start_matches('/')),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("{root}{}", parts.join("/"))
}

/// The directory that holds `path` (absolute, normalized).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) => "/",
        Some(i) => &path[..i],
        None => path,
    }
}

/// `to` relative to the directory `from` (both absolute, normalized): `deploy/a.env`, or
/// `../x/a.env` when it lies elsewhere.
pub fn relative(from: &str, to: &str) -> String {
    let from_parts: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|p| !p.is_empty()).collect();
    let common = from_parts
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from_parts.len() - common];
    out.extend(&to_parts[common..]);
    if out.is_empty() {
        ".".to_string()
    } else {
        out.join("/")
    }
}

/// `to` inside the directory `dir`: its path below it, or `None`.
pub fn inside<'a>(dir: &str, to: &'a str) -> Option<&'a str> {
    if dir == "/" {
        return to.strip_prefix('/');
    }
    to.strip_prefix(dir)?.strip_prefix('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_resolution() {
        assert_eq!(
            absolute("/repo/app", "../deploy/./a.env"),
            "/repo/deploy/a.env"
        );
        assert_eq!(absolute("/repo", "/etc/x"), "/etc/x");
        assert_eq!(absolute("/", "a//b/"), "/a/b");
        assert_eq!(normalize("/../.."), "/");
        assert_eq!(parent("/repo/preflight.toml"), "/repo");
        assert_eq!(parent("/preflight.toml"), "/");
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative("/repo", "/repo/deploy/a.env"), "deploy/a.env");
        assert_eq!(
            relative("/repo/app", "/repo/deploy/a.env"),
            "../deploy/a.env"
        );
        assert_eq!(relative("/repo", "/repo"), ".");
        assert_eq!(relative("/", "/a"), "a");
        assert_eq!(inside("/repo", "/repo/a/b"), Some("a/b"));
        assert_eq!(inside("/repo", "/repository/a"), None);
        assert_eq!(inside("/", "/a"), Some("a"));
    }
}
