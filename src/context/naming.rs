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
    match pointer::tokens(pointer_str) {
        Some(tokens) if !tokens.is_empty() => tokens.join("."),
        _ => pointer_str.to_string(),
    }
}

/// The variables an env file uses for the schema's pointers.
#[derive(Debug, Default)]
pub(crate) struct Naming {
    /// Schema pointer (`/database/url`) → the variable that stands for it.
    variables: HashMap<String, String>,
}

impl Naming {
    pub fn new(variables: HashMap<String, String>) -> Self {
        Naming { variables }
    }

    /// How messages name the value at a schema pointer.
    pub fn name(&self, at: &str) -> String {
        match self.variables.get(at) {
            Some(variable) => variable.clone(),
            None => display_name(at),
        }
    }

    /// A schema pointer in the file's terms: below a mapped field, it starts at the field's
    /// variable (`/server/origins/2` → `/SYNCTV_SERVER_ORIGINS/2`).
    pub fn pointer<'p>(&self, at: &'p str) -> Cow<'p, str> {
        if self.variables.is_empty() {
            return Cow::Borrowed(at);
        }
        // Longest first, so `/database/url_file` is not renamed as `/database/url` + `_file`:
        // prefixes end at a token boundary.
        let mut end = at.len();
        loop {
            if let Some(variable) = self.variables.get(&at[..end]) {
                let mut renamed = pointer::join([variable.as_str()]);
                renamed.push_str(&at[end..]);
                return Cow::Owned(renamed);
            }
            match at[..end].rfind('/') {
                Some(slash) if slash > 0 => end = slash,
                _ => return Cow::Borrowed(at),
            }
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
}
