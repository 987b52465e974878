//! Built-in schemas: the same schema language, embedded as data (the default feature
//! `builtin-schemas`; without it there are none, and hosts pass schemas as text: the
//! browsers' npm module imports them one by one, each from [`standalone`]'s output).

pub(crate) mod texts;

use crate::{Error, Schema};

pub use texts::source;
use texts::SCHEMAS;

/// Every built-in schema's name and one-line description, for `preflight schemas`.
pub fn list() -> Vec<(&'static str, String)> {
    entries()
        .into_iter()
        .map(|entry| (entry.name, entry.title))
        .collect()
}

/// A built-in schema as a picker lists it: its name, title and the format it reads by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub title: String,
    pub format: crate::Format,
}

/// Every built-in schema with its title and default format (an editor sets its language
/// from the format).
pub fn entries() -> Vec<Entry> {
    SCHEMAS
        .iter()
        .filter_map(|(name, text)| {
            let schema = Schema::from_yaml(text).ok()?;
            Some(Entry {
                name,
                title: schema.title().unwrap_or_default().to_string(),
                format: schema.format(),
            })
        })
        .collect()
}

/// A built-in schema as JSON text that stands alone (its `extends` base merged in), for a
/// host that has no built-in schemas: `Schema::from_json` reads it into the same schema.
pub fn standalone(name: &str) -> Option<String> {
    Schema::standalone_json(source(name)?).ok()
}

/// A built-in schema by name.
pub fn get(name: &str) -> Result<Schema, Error> {
    let (_, text) = SCHEMAS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| Error::UnknownSchema(name.to_string()))?;
    Schema::from_yaml(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "builtin-schemas")]
    fn every_builtin_schema_compiles_and_is_named_as_listed() {
        for (name, _) in SCHEMAS {
            let schema = get(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(schema.name(), *name);
            assert!(
                schema.title().is_some_and(|t| !t.is_empty()),
                "{name} has a title"
            );
        }
        assert!(matches!(get("nope"), Err(Error::UnknownSchema(_))));
        let entries = entries();
        assert_eq!(entries.len(), SCHEMAS.len());
        let format_of = |name| entries.iter().find(|e| e.name == name).map(|e| e.format);
        assert_eq!(format_of("synctv"), Some(crate::Format::Yaml));
        assert_eq!(format_of("pgstack"), Some(crate::Format::Env));
    }

    #[test]
    #[cfg(feature = "builtin-schemas")]
    fn standalone_texts_read_into_the_same_schemas() {
        for (name, _) in SCHEMAS {
            let text = standalone(name).unwrap_or_else(|| panic!("{name} has a standalone text"));
            assert!(
                !text.contains("\"extends\""),
                "{name}: its base is merged in"
            );
            let alone = Schema::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut original = get(name).unwrap_or_else(|e| panic!("{name}: {e}")).def;
            original.extends = None;
            assert!(*alone.def() == original, "{name} reads the same");
        }
        assert_eq!(standalone("rend-common"), None, "fragments are not schemas");
        assert_eq!(standalone("nope"), None);
    }

    #[test]
    #[cfg(not(feature = "builtin-schemas"))]
    fn without_the_feature_there_are_none() {
        assert!(list().is_empty());
        assert!(matches!(get("synctv"), Err(Error::UnknownSchema(_))));
        assert_eq!(standalone("synctv"), None);
    }
}
