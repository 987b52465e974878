//! `kind: enum` — one of a fixed set of values, compared case-insensitively unless the field
//! says otherwise; `aliases` map other spellings onto a value.
//!
//! A value that matches only by case, or through an alias, is a warning that shows the
//! canonical spelling; an unknown value is an error that suggests the nearest one.

use crate::shown::shown;
use std::collections::BTreeMap;

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::{one_of_list, scalar, ParamError};
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::Node;

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct EnumKind {
    /// The canonical values.
    pub values: Vec<String>,
    /// Other spellings the reader accepts, each mapped to a canonical value.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub aliases: BTreeMap<String, String>,
    /// Compare exactly; by default `INFO` matches `info` (with a warning).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub case_sensitive: bool,
}

impl EnumKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(EnumKind {
            values: keys.require("values")?,
            aliases: keys.get("aliases")?,
            case_sensitive: keys.get("case_sensitive")?,
        })
    }
}

impl EnumKind {
    pub(crate) fn validate(&self) -> Result<(), ParamError> {
        if self.values.is_empty() {
            return Err(ParamError::new(
                "values",
                "an enum needs at least one value",
            ));
        }
        if let Some((alias, target)) = self.aliases.iter().find(|(_, t)| !self.values.contains(t)) {
            return Err(ParamError::new(
                "aliases",
                format!("alias `{alias}` maps to `{target}`, which is not one of the values"),
            ));
        }
        Ok(())
    }

    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "one of the allowed values") else {
            return;
        };
        let text = text.as_ref();
        if self.values.iter().any(|v| v == text) {
            return;
        }
        let folded = |a: &str, b: &str| !self.case_sensitive && a.eq_ignore_ascii_case(b);
        let canonical = self.values.iter().find(|v| folded(v, text)).or_else(|| {
            self.aliases
                .iter()
                .find(|(alias, _)| *alias == text || folded(alias, text))
                .map(|(_, target)| target)
        });
        if let Some(canonical) = canonical {
            cx.report(
                &codes::ENUM_NON_CANONICAL,
                node.span,
                format!("`{text}` is accepted, but the canonical spelling is `{canonical}`"),
                Some(format!("write `{canonical}`")),
            );
            return;
        }
        let help = match nearest(text, &self.values) {
            Some(near) => format!(
                "did you mean `{near}`? Allowed: {}",
                one_of_list(&self.values)
            ),
            None => format!("write {}", one_of_list(&self.values)),
        };
        cx.report(
            &codes::ENUM_UNKNOWN_VALUE,
            node.span,
            format!("`{}` is not an allowed value", shown(text)),
            Some(help),
        );
    }
}

fn nearest<'a>(text: &str, values: &'a [String]) -> Option<&'a str> {
    crate::suggest::nearest(text, values.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Profile;
    use crate::document::{Format, Value};
    use crate::kinds::testing::{codes, findings};

    fn levels() -> EnumKind {
        EnumKind {
            values: vec!["debug".into(), "info".into(), "warn".into(), "error".into()],
            aliases: [("warning".to_string(), "warn".to_string())].into(),
            case_sensitive: false,
        }
    }

    #[test]
    fn values_case_and_aliases() {
        for (text, want) in [
            ("info", vec![]),
            ("INFO", vec!["enum/non-canonical"]),
            ("warning", vec!["enum/non-canonical"]),
            ("verbose", vec!["enum/unknown-value"]),
        ] {
            assert_eq!(codes(&levels(), text), want, "{text}");
        }
    }

    #[test]
    fn suggests_the_nearest_value() {
        let f = findings(
            &levels(),
            Value::String("inof".into()),
            Profile::Production,
            Format::Env,
        );
        assert_eq!(
            f[0].help.as_deref(),
            Some("did you mean `info`? Allowed: `debug`, `info`, `warn` or `error`")
        );
    }

    #[test]
    fn case_sensitive_fields_reject_other_cases() {
        let kind = EnumKind {
            case_sensitive: true,
            ..levels()
        };
        assert_eq!(codes(&kind, "INFO"), vec!["enum/unknown-value"]);
    }

    #[test]
    fn aliases_must_point_at_values() {
        let kind = EnumKind {
            aliases: [("x".to_string(), "nope".to_string())].into(),
            ..levels()
        };
        assert_eq!(kind.validate().unwrap_err().param, "aliases");
    }
}
