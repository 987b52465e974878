//! `cors: { origins, allow_credentials }` — a CORS policy as a whole (RULES.md §2, C12–C13):
//! with credentials allowed, `*` breaks every credentialed request (the Fetch CORS check fails),
//! and `null` lets sandboxed or `file:` documents act as the signed-in user.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::Fields;
use crate::context::{matches, Cx, FieldRef, Literal, SchemaProblem};
use crate::diagnostic::codes;
use crate::document::read::{self, FromNode, ReadError};
use crate::document::Node;
use crate::document::{Format, Value};
use crate::kinds::items_of;

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct Cors {
    /// The list of allowed origins.
    pub origins: String,
    /// The boolean that allows credentials.
    pub allow_credentials: String,
}

impl FromNode for Cors {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a CORS relation", |keys| {
            Ok(Cors {
                origins: keys.require("origins")?,
                allow_credentials: keys.require("allow_credentials")?,
            })
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    origins: FieldRef,
    credentials: FieldRef,
}

impl Cors {
    pub(super) fn compile(&self, fields: &dyn Fields, at: &str) -> Result<Compiled, SchemaProblem> {
        Ok(Compiled {
            origins: fields.declared(&self.origins, &format!("{at}/cors/origins"))?,
            credentials: fields.declared(
                &self.allow_credentials,
                &format!("{at}/cors/allow_credentials"),
            )?,
        })
    }
}

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        f(&self.origins);
        f(&self.credentials);
    }

    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        let Some(flag) = cx.set(&self.credentials) else {
            return;
        };
        if !matches(flag, &Literal::Bool(true)) {
            return;
        }
        let Some(list) = cx.set(&self.origins) else {
            return;
        };
        let Some(items) = items_of(list, cx.format) else {
            return;
        };
        let flag_name = cx.name(&self.credentials);
        // Items have their own pointers, as the list kind gives them; a YAML string is one value.
        let indexed = matches!(list.value, Value::Seq(_)) || cx.format == Some(Format::Env);
        for (i, item) in items.iter().enumerate() {
            let Some(text) = item.scalar_text() else {
                continue;
            };
            let at = indexed.then_some(i);
            match text.trim() {
                "*" => cx.report_at_item(
                    &codes::CORS_WILDCARD_WITH_CREDENTIALS,
                    &self.origins,
                    at,
                    item.span,
                    format!("`*` allows every origin, but `{flag_name}` is true: browsers refuse credentialed requests under `*`"),
                    Some("list the origins that may call the service with credentials".into()),
                ),
                "null" => cx.report_at_item(
                    &codes::CORS_NULL_WITH_CREDENTIALS,
                    &self.origins,
                    at,
                    item.span,
                    format!("`null` is allowed while `{flag_name}` is true; any sandboxed page can send `Origin: null`"),
                    Some("remove `null` from the list".into()),
                ),
                _ => {}
            }
        }
    }
}
