//! `distinct: [A, B, …]` — no two of the set fields may hold the same value. Secret fields
//! compare their decoded key material (RULES.md §1.2, S10), so a padded and an unpadded base64
//! spelling, or one hex key in two cases, are the same key. Messages name both fields and never
//! show the value. Secrets that are placeholders are left to the secret kind.

use super::Fields;
use crate::context::{Cx, FieldRef, SchemaProblem};
use crate::diagnostic::codes;
use crate::kinds::secret::read;
use crate::kinds::{Encoding, Kind};

/// Each field with the encoding of its key material and its development values, when it is
/// a secret.
#[derive(Debug, Clone)]
pub(crate) struct Compiled(Vec<(FieldRef, Option<Encoding>, Vec<String>)>);

pub(super) fn compile(
    keys: &[String],
    fields: &dyn Fields,
    at: &str,
) -> Result<Compiled, SchemaProblem> {
    let resolved = fields.at_least_two(keys, &format!("{at}/distinct"))?;
    Ok(Compiled(
        resolved
            .into_iter()
            .map(|r| {
                let (encoding, dev_values) = match fields.kind_of(&r) {
                    Some(Kind::Secret(k)) => (Some(k.encoding), k.dev_values.clone()),
                    Some(Kind::Password(k)) => (Some(Encoding::Raw), k.dev_values.clone()),
                    _ => (None, Vec::new()),
                };
                (r, encoding, dev_values)
            })
            .collect(),
    ))
}

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        self.0.iter().for_each(|(r, _, _)| f(r));
    }

    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        // Each value's first field, by the value (hashed: many fields cost one pass).
        let mut seen: std::collections::HashMap<Vec<u8>, (&FieldRef, bool)> =
            std::collections::HashMap::new();
        for (field, encoding, dev_values) in &self.0 {
            let Some((node, text)) = cx.set_scalar(field) else {
                continue;
            };
            let text = text.trim();
            // A placeholder, a development value or a shipped default is reported where it is
            // (and relaxed with its family): two fields still saying `replace-me`, or both set
            // to a local stack's `dev-only-…` key, are not a reused key on top.
            if encoding.is_some()
                && (crate::kinds::secret::is_known_non_secret(text)
                    || crate::kinds::secret::is_dev_value(text, dev_values))
            {
                continue;
            }
            let key = encoding
                .and_then(|e| read(text, e).ok())
                .map_or_else(|| text.as_bytes().to_vec(), |m| m.bytes);
            let secret = encoding.is_some();
            if let Some(&(first, first_secret)) = seen.get(&key) {
                let (code, what) = if secret && first_secret {
                    (&codes::SECRET_REUSED, "the same key as")
                } else {
                    (&codes::RELATION_DISTINCT, "the same value as")
                };
                let message = format!("`{}` holds {what} `{}`", cx.name(field), cx.name(first));
                cx.report_at(
                    code,
                    field,
                    node.span,
                    message,
                    Some(if secret {
                        "give each purpose its own random key".into()
                    } else {
                        "give each field its own value".into()
                    }),
                );
            } else {
                seen.insert(key, (field, secret));
            }
        }
    }
}
