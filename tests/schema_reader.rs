//! The schema reader on schemas that are broken in every way a hand or a paste can break
//! them: every built-in schema with a piece cut out or a YAML fragment put in at any place,
//! and arbitrary text, read as YAML and as JSON. Reading never panics, and a refusal says
//! where: a pointer, and a position inside the text.

use preflight::{builtin, Error, Schema};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "",
    " ",
    "\n",
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "kind: ",
    "port",
    "nope",
    "required: ",
    "always",
    "null",
    "~",
    "1",
    "-1",
    "70000",
    "true",
    "\"x\"",
    "'",
    "&a ",
    "*a",
    "<<: ",
    "fields:",
    "relations:",
    "\n  - ",
    "extends: ",
    "é",
    "\t",
    "#",
];

/// A refusal's place lies in the text.
fn assert_placed(text: &str, result: Result<Schema, Error>) -> Result<(), TestCaseError> {
    if let Err(Error::InvalidSchema {
        pointer, position, ..
    }) = result
    {
        prop_assert!(pointer.is_empty() || pointer.starts_with('/'), "{pointer}");
        if let Some(at) = position {
            prop_assert!(at.offset <= text.len(), "{at:?}");
            prop_assert!(
                at.line >= 1 && at.line <= text.lines().count() + 1,
                "{at:?}"
            );
        }
    }
    Ok(())
}

proptest! {
    // Each case compiles a built-in schema twice (up to 20 KB, in a debug build): 96 cases
    // by default, as many as PROPTEST_CASES says.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    #[test]
    fn broken_built_in_schemas_are_read_or_refused_with_a_place(
        which in 0usize..10,
        cut_at in any::<prop::sample::Index>(),
        cut_len in 0usize..40,
        put_at in any::<prop::sample::Index>(),
        fragment in prop::sample::select(FRAGMENTS),
    ) {
        let names: Vec<&str> = builtin::list().into_iter().map(|(name, _)| name).collect();
        let source = builtin::source(names[which % names.len()]).expect("a built-in");
        let chars: Vec<char> = source.chars().collect();
        let from = cut_at.index(chars.len());
        let mut text: String = chars[..from].iter().chain(chars[(from + cut_len).min(chars.len())..].iter()).collect();
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let at = boundaries[put_at.index(boundaries.len())];
        text.insert_str(at, fragment);
        assert_placed(&text, Schema::from_yaml(&text))?;
        assert_placed(&text, Schema::from_source(&text, None))?;
    }

}

proptest! {
    #[test]
    fn any_text_is_read_or_refused_with_a_place(text in "\\PC{0,200}") {
        assert_placed(&text, Schema::from_yaml(&text))?;
        assert_placed(&text, Schema::from_json(&text))?;
    }
}
