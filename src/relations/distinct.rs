//! `distinct: [A, B, …]` — no two of the set fields may hold the same value. Secret fields
//! compare their decoded key material (RULES.md §1.2, S10), so a padded and an unpadded base64
//! spelling, or one hex key in two cases, are the same key. Messages name both fields and never
//! show the value. Secrets that are placeholders are left to the secret kind.

use super::set_scalar;
use crate::diagnostic::codes;
use crate::document::Node;
use crate::engine::{display_name, Cx};
use crate::kinds::secret::read;
use crate::kinds::Encoding;
use crate::schema::Resolved;

pub(super) fn check(fields: &[(Resolved, Option<Encoding>)], root: &Node, cx: &mut Cx<'_>) {
    let mut seen: Vec<(&Resolved, bool, Vec<u8>)> = Vec::new();
    for (field, encoding) in fields {
        let Some((node, text)) = set_scalar(root, field) else {
            continue;
        };
        let text = text.trim();
        // A placeholder is reported where it is; two fields still saying `replace-me` are
        // not a reused key.
        if encoding.is_some() && crate::kinds::secret::is_placeholder(text) {
            continue;
        }
        let key = encoding
            .and_then(|e| read(text, e).ok())
            .map_or_else(|| text.as_bytes().to_vec(), |m| m.bytes);
        let secret = encoding.is_some();
        if let Some((first, first_secret, _)) = seen.iter().find(|(_, _, k)| *k == key) {
            let (code, what) = if secret && *first_secret {
                (&codes::SECRET_REUSED, "the same key as")
            } else {
                (&codes::RELATION_DISTINCT, "the same value as")
            };
            cx.report_at(
                code,
                &field.pointer,
                node.span,
                format!(
                    "`{}` holds {what} `{}`",
                    display_name(&field.pointer),
                    display_name(&first.pointer)
                ),
                Some(if secret {
                    "give each purpose its own random key".into()
                } else {
                    "give each field its own value".into()
                }),
            );
        } else {
            seen.push((field, secret, key));
        }
    }
}
