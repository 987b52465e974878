//! `cors: { origins, allow_credentials }` — a CORS policy as a whole (RULES.md §2, C12–C13):
//! with credentials allowed, `*` breaks every credentialed request (the Fetch CORS check fails),
//! and `null` lets sandboxed or `file:` documents act as the signed-in user.

use super::{matches, set};
use crate::diagnostic::codes;
use crate::document::{Format, Node, Value};
use crate::engine::{display_name, Cx};
use crate::kinds::items_of;
use crate::schema::{Literal, Resolved};

pub(super) fn check(origins: &Resolved, credentials: &Resolved, root: &Node, cx: &mut Cx<'_>) {
    let Some(flag) = set(root, credentials) else {
        return;
    };
    if !matches(flag, &Literal::Bool(true)) {
        return;
    }
    let Some(list) = set(root, origins) else {
        return;
    };
    let Some(items) = items_of(list, cx.format) else {
        return;
    };
    let flag_name = display_name(&credentials.pointer);
    // Items have their own pointers, as the list kind gives them; a YAML string is one value.
    let indexed = matches!(list.value, Value::Seq(_)) || cx.format == Some(Format::Env);
    for (i, item) in items.iter().enumerate() {
        let Some(text) = item.scalar_text() else {
            continue;
        };
        let pointer = if indexed {
            format!("{}/{i}", origins.pointer)
        } else {
            origins.pointer.clone()
        };
        match text.trim() {
            "*" => cx.report_at(
                &codes::CORS_WILDCARD_WITH_CREDENTIALS,
                &pointer,
                item.span,
                format!("`*` allows every origin, but `{flag_name}` is true: browsers refuse credentialed requests under `*`"),
                Some("list the origins that may call the service with credentials".into()),
            ),
            "null" => cx.report_at(
                &codes::CORS_NULL_WITH_CREDENTIALS,
                &pointer,
                item.span,
                format!("`null` is allowed while `{flag_name}` is true; any sandboxed page can send `Origin: null`"),
                Some("remove `null` from the list".into()),
            ),
            _ => {}
        }
    }
}
