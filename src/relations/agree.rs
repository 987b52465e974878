//! `agree: { field, with, values }` — a setting that names a mode, and another whose value
//! must fit that mode: `STELLAR_NETWORK=mainnet` with a Horizon URL that is not a testnet
//! endpoint. For each value of `field`, `with` must contain one of `contains` (when given) and
//! none of `excludes`; texts compare without case.

use crate::document::Node;
use std::collections::BTreeMap;

use preflight_host_text::case;
#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::Fields;
use crate::context::{Cx, FieldRef, SchemaProblem};
use crate::diagnostic::codes;
use crate::document::read::{self, FromNode, ReadError};

/// `agree: { field, with, values }`: for each value of `field`, what `with` must contain.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct Agree {
    pub field: String,
    pub with: String,
    pub values: BTreeMap<String, AgreeRule>,
}

impl FromNode for Agree {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "an agree relation", |keys| {
            Ok(Agree {
                field: keys.require("field")?,
                with: keys.require("with")?,
                values: keys.require("values")?,
            })
        })
    }
}

/// What a field must (one of `contains`) and must not (any of `excludes`) contain.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct AgreeRule {
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub contains: Vec<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub excludes: Vec<String>,
}

impl FromNode for AgreeRule {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a rule (contains, excludes)", |keys| {
            Ok(AgreeRule {
                contains: keys.get("contains")?,
                excludes: keys.get("excludes")?,
            })
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    field: FieldRef,
    with: FieldRef,
    values: BTreeMap<String, AgreeRule>,
}

impl Agree {
    pub(super) fn compile(&self, fields: &dyn Fields, at: &str) -> Result<Compiled, SchemaProblem> {
        let here = format!("{at}/agree");
        if self.values.is_empty() {
            return Err(SchemaProblem::new(
                format!("{here}/values"),
                "`agree` needs `values`",
            ));
        }
        Ok(Compiled {
            field: fields.declared(&self.field, &format!("{here}/field"))?,
            with: fields.declared(&self.with, &format!("{here}/with"))?,
            values: self.values.clone(),
        })
    }
}

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        f(&self.field);
        f(&self.with);
    }

    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        let (Some(mode_node), Some(other)) = (cx.set(&self.field), cx.set(&self.with)) else {
            return;
        };
        let (Some(mode), Some(text)) = (mode_node.scalar_text(), other.scalar_text()) else {
            return;
        };
        let mode = case::lower(mode.trim());
        let Some((_, rule)) = self.values.iter().find(|(v, _)| case::lower(v) == mode) else {
            return;
        };
        let lower = case::lower(&text);
        let has = |piece: &String| lower.contains(&case::lower(piece));
        let why = if let Some(bad) = rule.excludes.iter().find(|p| has(p)) {
            format!("it contains `{bad}`")
        } else if !rule.contains.is_empty() && !rule.contains.iter().any(has) {
            format!(
                "it contains none of {}",
                crate::kinds::one_of_list(&rule.contains).replace(" or ", ", ")
            )
        } else {
            return;
        };
        let (mode_name, with_name) = (cx.name(&self.field), cx.name(&self.with));
        cx.report_at(
            &codes::RELATION_DISAGREE,
            &self.with,
            other.span,
            format!("`{with_name}` does not fit `{mode_name}` = `{mode}`: {why}"),
            Some(format!(
                "point `{with_name}` at the `{mode}` service, or change `{mode_name}`"
            )),
        );
    }
}
