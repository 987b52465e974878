//! Documents from values a host program already holds: a process environment, and (behind
//! the `serde_json` / `serde_yaml` features) a `serde_json::Value` or `serde_yaml::Value`.
//! Such documents have no spans; their pointers are exact.

use super::{Document, Entry, Format, Mapping, Node, Value};
use crate::diagnostic::Findings;

impl Document {
    /// A document from environment variables (e.g. `std::env::vars()`), checked like a
    /// `.env` file: every value is a string, lists are comma-separated or JSON arrays.
    pub fn from_env_vars<I, K, V>(vars: I) -> Document
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let mut entries = Mapping::new();
        for (key, value) in vars {
            entries.set(Entry {
                key: key.into(),
                key_span: None,
                value: Node::new(Value::String(value.into()), None),
            });
        }
        Document {
            root: Some(Node::new(Value::Map(entries), None)),
            format: Some(Format::Env),
            findings: Findings::unlimited(),
            stream: false,
        }
    }
}

impl Document {
    /// The same document, checked as if read from `format`: a host object holding
    /// `process.env` is checked as an env file (lists in comma-separated strings, env names of
    /// a YAML schema mapped onto its fields).
    pub fn with_format(self, format: Format) -> Document {
        Document {
            format: Some(format),
            ..self
        }
    }
}

#[cfg(feature = "serde_json")]
impl Document {
    /// A document from a `serde_json::Value`.
    pub fn from_json_value(value: &serde_json::Value) -> Document {
        Document::from_node(json_node(value))
    }
}

#[cfg(feature = "serde_json")]
fn json_node(value: &serde_json::Value) -> Node {
    use serde_json::Value as J;
    let value = match value {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        J::String(s) => Value::String(s.clone()),
        J::Array(items) => Value::Seq(items.iter().map(json_node).collect()),
        J::Object(map) => Value::Map(
            map.iter()
                .map(|(k, v)| Entry {
                    key: k.clone(),
                    key_span: None,
                    value: json_node(v),
                })
                .collect(),
        ),
    };
    Node::new(value, None)
}

#[cfg(feature = "serde_yaml")]
impl Document {
    /// A document from a `serde_yaml::Value`. Non-scalar keys are skipped: a config never
    /// uses them, and a pointer cannot name them.
    pub fn from_yaml_value(value: &serde_yaml::Value) -> Document {
        Document::from_node(yaml_node(value))
    }
}

#[cfg(feature = "serde_yaml")]
fn yaml_node(value: &serde_yaml::Value) -> Node {
    use serde_yaml::Value as Y;
    let value = match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(*b),
        Y::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Y::String(s) => Value::String(s.clone()),
        Y::Sequence(items) => Value::Seq(items.iter().map(yaml_node).collect()),
        Y::Mapping(map) => Value::Map(
            map.iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s.clone(),
                        Y::Bool(b) => b.to_string(),
                        Y::Number(n) => n.to_string(),
                        _ => return None,
                    };
                    Some(Entry {
                        key,
                        key_span: None,
                        value: yaml_node(v),
                    })
                })
                .collect(),
        ),
        Y::Tagged(tagged) => return yaml_node(&tagged.value),
    };
    Node::new(value, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_vars_become_a_flat_mapping_and_the_last_wins() {
        let doc = Document::from_env_vars([("A", "1"), ("B", "x"), ("A", "2")]);
        assert_eq!(doc.get("/A").unwrap().value, Value::String("2".into()));
        assert_eq!(doc.format(), Some(Format::Env));
        assert!(doc.get("/B").unwrap().span.is_none());
    }
}
