//! `exclusive: [A, B, …]` — at most one of the fields may be set. Every field set after the
//! first is reported at its own place.

use super::Fields;
use crate::context::{Cx, FieldRef, SchemaProblem};
use crate::diagnostic::codes;

#[derive(Debug, Clone)]
pub(crate) struct Compiled(Vec<FieldRef>);

pub(super) fn compile(
    keys: &[String],
    fields: &dyn Fields,
    at: &str,
) -> Result<Compiled, SchemaProblem> {
    Ok(Compiled(
        fields.at_least_two(keys, &format!("{at}/exclusive"))?,
    ))
}

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        self.0.iter().for_each(f);
    }

    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        let mut first: Option<&FieldRef> = None;
        for field in &self.0 {
            let Some(node) = cx.set(field) else {
                continue;
            };
            match first {
                None => first = Some(field),
                Some(first) => {
                    let message = format!(
                        "`{}` and `{}` cannot both be set",
                        cx.name(first),
                        cx.name(field)
                    );
                    cx.report_at(
                        &codes::RELATION_EXCLUSIVE,
                        field,
                        node.span,
                        message,
                        Some("keep one of the two".into()),
                    );
                }
            }
        }
    }
}
