//! `requires: { if: A, equals: V, then: [B, C] }` — when A is set (or equals V), B and C must
//! be set. With `and: { field, equals }` only while that holds too (`metrics.enabled` and
//! `metrics.auth.mode` = `basic`). A needed field with a `_file` sibling is satisfied by
//! either. The finding names the missing field and sits at A, the setting that requires it.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::{visit_cond, Fields};
use crate::context::{matches, Cond, Condition, Cx, FieldRef, Literal, SchemaProblem};
use crate::diagnostic::codes;
use crate::document::read::{self, FromNode, ReadError};
use crate::document::Node;

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct Requires {
    #[cfg_attr(feature = "schema-serde", serde(rename = "if"))]
    pub when: String,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub equals: Option<Literal>,
    /// A second condition that must hold too.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub and: Option<Condition>,
    pub then: Vec<String>,
}

impl FromNode for Requires {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a requires relation", |keys| {
            Ok(Requires {
                when: keys.require("if")?,
                equals: keys.get("equals")?,
                and: keys.get("and")?,
                then: keys.require("then")?,
            })
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    when: FieldRef,
    equals: Option<Literal>,
    and: Option<Cond>,
    /// Each needed field with its `_file` sibling, which satisfies it too.
    then: Vec<(FieldRef, Option<FieldRef>)>,
}

impl Requires {
    pub(super) fn compile(&self, fields: &dyn Fields, at: &str) -> Result<Compiled, SchemaProblem> {
        let here = format!("{at}/requires");
        let mut then = Vec::with_capacity(self.then.len());
        for (j, key) in self.then.iter().enumerate() {
            let needed = fields.declared(key, &format!("{here}/then/{j}"))?;
            let file = fields.file_of(&needed);
            then.push((needed, file));
        }
        Ok(Compiled {
            when: fields.declared(&self.when, &format!("{here}/if"))?,
            equals: self.equals.clone(),
            and: fields.condition(&self.and, &format!("{here}/and"))?,
            then,
        })
    }
}

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        f(&self.when);
        visit_cond(&self.and, f);
        for (needed, file) in &self.then {
            f(needed);
            if let Some(file) = file {
                f(file);
            }
        }
    }

    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        let Some(trigger) = cx.set(&self.when) else {
            return;
        };
        if self
            .equals
            .as_ref()
            .is_some_and(|lit| !matches(trigger, lit))
            || !cx.holds(self.and.as_ref())
        {
            return;
        }
        for (needed, file) in &self.then {
            if cx.set(needed).is_none() && file.as_ref().is_none_or(|f| cx.set(f).is_none()) {
                // Named only for a finding: in most configs the fields are there.
                let when = cx.name(&self.when);
                let because = match &self.equals {
                    Some(lit) => format!("`{when}` is `{lit}`"),
                    None => format!("`{when}` is set"),
                };
                let name = cx.name(needed);
                cx.report_at(
                    &codes::RELATION_REQUIRES,
                    needed,
                    trigger.span,
                    format!("`{name}` is required because {because}"),
                    Some(format!("set `{name}`, or change `{when}`")),
                );
            }
        }
    }
}
