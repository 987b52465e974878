//! How findings name fields: in the file's own terms, where the finding is made.
//!
//! A YAML key is named by its path (`database.url`). An env file checked with a YAML schema
//! (`SYNCTV_DATABASE_URL` for `/database/url`) names the variable the file uses, in messages
//! and in pointers (`/SYNCTV_DATABASE_URL`, and `/SYNCTV_ORIGINS/2` below it): the engine
//! builds a [`Naming`] for that file, and every rule names fields through the check context.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::pointer;

/// How a field is named in messages: `server.port` for nested keys, `PORT` for env names.
pub(crate) fn display_name(pointer_str: &str) -> String {
    // A pointer with no escapes (`~0`, `~1`) is its tokens already: one copy, dots for slashes.
    if let Some(rest) = pointer_str.strip_prefix('/').filter(|r| !r.contains('~')) {
        return rest.replace('/', ".");
    }
    match pointer::tokens(pointer_str) {
        Some(tokens) if !tokens.is_empty() => tokens.join("."),
        _ => pointer_str.to_string(),
    }
}

/// How a file names the schema's pointers: an env file by variables (`SYNCTV_JWT_SECRET` for
/// `/jwt/secret`), Helm values by their own keys (`/config/server/trustedProxies` for
/// `/server/trusted_proxies`).
#[derive(Debug, Default)]
pub(crate) struct Naming {
    /// Schema pointer → the file's pointer and the name messages use.
    names: HashMap<String, (String, String)>,
    /// For a pointer no entry maps (a missing key): the file's pointer made from it (Helm:
    /// the config subtree's prefix and camelCase keys). `None`: the schema's own terms.
    unmapped: Option<fn(&str, &Prefix) -> String>,
    prefix: Prefix,
}

/// The pointer a file's config lives under (Helm values: `/config`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Prefix(pub String);

impl Naming {
    /// An env file's variables for the schema's pointers.
    pub fn new(variables: HashMap<String, String>) -> Self {
        let names = variables
            .into_iter()
            .map(|(at, variable)| (at, (pointer::join([variable.as_str()]), variable)))
            .collect();
        Naming {
            names,
            unmapped: None,
            prefix: Prefix::default(),
        }
    }

    /// A file that writes the schema's pointers in other keys: `paths` maps each schema
    /// pointer to the file's; `unmapped` spells a pointer the file does not hold.
    pub fn paths(
        paths: HashMap<String, String>,
        prefix: Prefix,
        unmapped: fn(&str, &Prefix) -> String,
    ) -> Self {
        let names = paths
            .into_iter()
            .map(|(at, file)| {
                let name = display_name(&file);
                (at, (file, name))
            })
            .collect();
        Naming {
            names,
            unmapped: Some(unmapped),
            prefix,
        }
    }

    /// How messages name the value at a schema pointer.
    pub fn name(&self, at: &str) -> String {
        match self.names.get(at) {
            Some((_, name)) => name.clone(),
            None if self.unmapped.is_some() => display_name(&self.pointer(at)),
            None => display_name(at),
        }
    }

    /// A schema pointer in the file's terms: below a mapped field, it starts at the field's
    /// pointer in the file (`/server/origins/2` → `/SYNCTV_SERVER_ORIGINS/2`).
    pub fn pointer<'p>(&self, at: &'p str) -> Cow<'p, str> {
        if self.names.is_empty() && self.unmapped.is_none() {
            return Cow::Borrowed(at);
        }
        // Longest first, so `/database/url_file` is not renamed as `/database/url` + `_file`:
        // prefixes end at a token boundary.
        let mut end = at.len();
        loop {
            if let Some((file, _)) = self.names.get(&at[..end]) {
                // The rest is spelled as the file spells keys it does not hold.
                return Cow::Owned(match self.unmapped {
                    Some(unmapped) => unmapped(&at[end..], &Prefix(file.clone())),
                    None => format!("{file}{}", &at[end..]),
                });
            }
            match at[..end].rfind('/') {
                Some(slash) if slash > 0 => end = slash,
                _ => break,
            }
        }
        match self.unmapped {
            Some(unmapped) => Cow::Owned(unmapped(at, &self.prefix)),
            None => Cow::Borrowed(at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_names_replace_mapped_pointers_and_their_prefixes() {
        let naming = Naming::new(HashMap::from([
            ("/database/url".to_string(), "DB_URL".to_string()),
            ("/database/url_file".to_string(), "DB_URL_FILE".to_string()),
        ]));
        assert_eq!(naming.pointer("/database/url"), "/DB_URL");
        assert_eq!(naming.pointer("/database/url_file"), "/DB_URL_FILE");
        assert_eq!(naming.pointer("/database/url/2"), "/DB_URL/2");
        assert_eq!(naming.pointer("/database/pool"), "/database/pool");
        assert_eq!(naming.name("/database/url"), "DB_URL");
        assert_eq!(naming.name("/database/pool"), "database.pool");
        assert_eq!(Naming::default().pointer("/a/b"), "/a/b");
    }

    #[test]
    fn display_names_join_the_unescaped_tokens() {
        for (at, name) in [
            ("/server/http/port", "server.http.port"),
            ("/a~1b/c~0d", "a/b.c~d"),
            ("/", ""),
            ("//a", ".a"),
            ("", ""),
            ("PORT", "PORT"),
        ] {
            assert_eq!(display_name(at), name, "{at}");
        }
    }
}
