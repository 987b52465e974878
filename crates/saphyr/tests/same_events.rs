//! This copy of saphyr-parser gives exactly the events, spans and errors of the published
//! 0.3.4 (PATCHES.md): on every YAML file of the repository and of ../shared/corpus (when it
//! is beside the repository), and on generated text: documents whose scalars are plain,
//! single- or double-quoted, on one line or folded over several, with escapes, tabs, `\r`,
//! NUL and non-ASCII text, and soups of YAML's punctuation that mostly fail to parse.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

/// Each event and its span, or the error that ends the stream, as text (upstream's and this
/// copy's types are distinct). Stops after the first error, as the parser's callers do.
macro_rules! events_of {
    ($events:expr) => {{
        let mut seen = Vec::new();
        for item in $events {
            match item {
                Ok((event, span)) => seen.push(format!("{event:?} {span:?}")),
                Err(error) => {
                    seen.push(format!("error {error:?}"));
                    break;
                }
            }
        }
        seen
    }};
}

fn assert_same_events(text: &str) {
    let copy = events_of!(saphyr_parser::Parser::new_from_str(text));
    let published = events_of!(upstream::Parser::new_from_str(text));
    assert_eq!(copy, published, "events differ for {text:?}");
}

/// Whether the scalars this copy borrows are borrowed: an event's value is the input's own
/// text exactly where the text is the value.
#[test]
fn scalars_that_are_their_own_text_are_borrowed() {
    let text = "plain: two words\nsingle: 'it is'\ndouble: \"a \\t b\"\nfolded: one\n  two\nkept: 'it''s'\n";
    let mut borrowed = Vec::new();
    for item in saphyr_parser::Parser::new_from_str(text) {
        if let Ok((saphyr_parser::Event::Scalar(value, ..), _)) = item {
            borrowed.push((
                value.to_string(),
                matches!(value, std::borrow::Cow::Borrowed(_)),
            ));
        }
    }
    let expected = [
        ("plain", true),
        ("two words", true),
        ("single", true),
        ("it is", true),
        ("double", true),
        ("a \t b", false),
        ("folded", true),
        ("one two", false),
        ("kept", true),
        ("it's", false),
    ];
    let expected: Vec<(String, bool)> = expected.iter().map(|(v, b)| (v.to_string(), *b)).collect();
    assert_eq!(borrowed, expected);
    assert_same_events(text);
}

#[test]
fn the_repository_and_the_corpus_give_the_same_events() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["tests", "examples", "src/builtin", "../shared/corpus"] {
        collect_yaml(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "only {} YAML files found", files.len());
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        assert_same_events(&text);
    }
}

fn collect_yaml(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() && name != "node_modules" {
            collect_yaml(&path, files);
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        {
            files.push(path);
        }
    }
}

/// Text for a scalar's inside: words, blanks, line breaks, escapes and quotes of both kinds.
fn scalar_text() -> impl Strategy<Value = String> {
    pieces_joined(
        12,
        vec![
            "a",
            "word",
            "x:y",
            "a#b",
            "é",
            "日本",
            "\u{FEFF}",
            " ",
            "  ",
            "\t",
            "\n",
            "\n\n",
            "\r\n",
            "\n  ",
            "\n    more",
            "\\",
            "\\n",
            "\\\"",
            "\\x41",
            "\\u00e9",
            "\\\n",
            "\\ ",
            "'",
            "''",
            "\"",
            "#",
            " #",
            ": ",
            ",",
            "[",
            "}",
            "-",
            "\0",
            "---",
            "...",
        ],
    )
}

/// A scalar in one of the three styles, with text that may or may not be valid in it.
fn scalar() -> impl Strategy<Value = String> {
    (0..4u8, scalar_text()).prop_map(|(style, text)| match style {
        0 => format!("\"{text}\""),
        1 => format!("'{text}'"),
        2 => text.trim_start_matches([' ', '\t', '\n', '\r']).to_string(),
        _ => format!("plain {text}"),
    })
}

/// A document: block mappings (nested by indentation), sequences, flow collections, anchors,
/// aliases, tags, comments, block scalars, explicit keys and several documents in a stream,
/// whose keys and values are generated scalars.
fn document() -> impl Strategy<Value = String> {
    let line = (0..3usize, 0..10u8, scalar(), scalar()).prop_map(|(depth, shape, key, value)| {
        let indent = "  ".repeat(depth);
        match shape {
            0 => format!("{indent}{key}: {value}\n"),
            1 => format!("{indent}- {value}\n"),
            2 => format!("{indent}k: [{key}, {value}]\n"),
            3 => format!("{indent}k: {{{key}: {value}}}\n"),
            4 => format!("{indent}{key}: &a {value} # note\n"),
            5 => format!("{indent}- *a\n{indent}- !!str {value}\n"),
            6 => format!("{indent}{key}: |\n{indent}  {value}\n"),
            7 => format!("---\n{key}: {value}\r\n...\n"),
            8 => format!("{indent}? {key}\n{indent}: {value}\n"),
            _ => format!("{indent}{key}:\n{indent}  {value}\n"),
        }
    });
    prop::collection::vec(line, 1..8).prop_map(|lines| lines.concat())
}

/// YAML's punctuation and scalars in any order: mostly text that fails to parse somewhere.
fn soup() -> impl Strategy<Value = String> {
    pieces_joined(
        40,
        vec![
            "a",
            "key",
            ": ",
            ":",
            " ",
            "\t",
            "\n",
            "\r\n",
            "- ",
            "[",
            "]",
            "{",
            "}",
            ", ",
            "#",
            " # c",
            "\"",
            "'",
            "''",
            "\\",
            "\\n",
            "é",
            "\0",
            "---\n",
            "...\n",
            "|\n",
            ">\n",
            "&a ",
            "*a",
            "!t ",
            "? ",
            "%YAML 1.2\n",
            "\"q\"",
            "'s'",
            "  ",
            "two words",
        ],
    )
}

/// Up to `most` of the pieces, in any order and repeated, joined.
fn pieces_joined(most: usize, pieces: Vec<&'static str>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..most).prop_map(|chosen| chosen.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn generated_documents_give_the_same_events(text in document()) {
        assert_same_events(&text);
    }

    #[test]
    fn punctuation_soups_give_the_same_events(text in soup()) {
        assert_same_events(&text);
    }
}
