//! `agree: { field, with, values }` — a setting that names a mode, and another whose value
//! must fit that mode: `STELLAR_NETWORK=mainnet` with a Horizon URL that is not a testnet
//! endpoint. For each value of `field`, `with` must contain one of `contains` (when given) and
//! none of `excludes`; texts compare without case.

use std::collections::BTreeMap;

use super::set;
use crate::diagnostic::codes;
use crate::document::Node;
use crate::engine::{display_name, Cx};
use crate::schema::{AgreeRule, Resolved};

pub(super) fn check(
    field: &Resolved,
    with: &Resolved,
    values: &BTreeMap<String, AgreeRule>,
    root: &Node,
    cx: &mut Cx<'_>,
) {
    let (Some(mode_node), Some(other)) = (set(root, field), set(root, with)) else {
        return;
    };
    let (Some(mode), Some(text)) = (mode_node.scalar_text(), other.scalar_text()) else {
        return;
    };
    let mode = mode.trim().to_lowercase();
    let Some((_, rule)) = values.iter().find(|(v, _)| v.to_lowercase() == mode) else {
        return;
    };
    let lower = text.to_lowercase();
    let has = |piece: &String| lower.contains(&piece.to_lowercase());
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
    let (mode_name, with_name) = (display_name(&field.pointer), display_name(&with.pointer));
    cx.report_at(
        &codes::RELATION_DISAGREE,
        &with.pointer,
        other.span,
        format!("`{with_name}` does not fit `{mode_name}` = `{mode}`: {why}"),
        Some(format!(
            "point `{with_name}` at the `{mode}` service, or change `{mode_name}`"
        )),
    );
}
