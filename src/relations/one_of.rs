//! `one_of: [A, B, …]` — exactly one of the fields must be set. None set is reported without
//! a place (nothing to point at); a second one set is reported at its place.

use super::Fields;
use crate::context::{Cx, FieldRef, SchemaProblem};
use crate::diagnostic::codes;
use crate::document::Node;
use crate::kinds::one_of_list;

#[derive(Debug, Clone)]
pub(crate) struct Compiled(Vec<FieldRef>);

pub(super) fn compile(
    keys: &[String],
    fields: &dyn Fields,
    at: &str,
) -> Result<Compiled, SchemaProblem> {
    Ok(Compiled(
        fields.at_least_two(keys, &format!("{at}/one_of"))?,
    ))
}

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        self.0.iter().for_each(f);
    }

    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        let fields = &self.0;
        // Names are made only for a finding: most configs set exactly one.
        let names = |cx: &Cx<'_>| fields.iter().map(|f| cx.name(f)).collect::<Vec<_>>();
        let present: Vec<(&FieldRef, &Node)> = fields
            .iter()
            .filter_map(|f| cx.set(f).map(|n| (f, n)))
            .collect();
        match present.as_slice() {
            [] => cx.report_at(
                &codes::RELATION_ONE_OF,
                &fields[0],
                None,
                format!("none of {} is set", one_of_list(&names(cx))),
                Some("set exactly one of them".into()),
            ),
            [_] => {}
            [(first, _), rest @ ..] => {
                let names = names(cx);
                let first = cx.name(first);
                for (field, node) in rest {
                    let message = format!(
                        "`{first}` and `{}` are both set; exactly one of {} may be",
                        cx.name(field),
                        one_of_list(&names)
                    );
                    cx.report_at(
                        &codes::RELATION_ONE_OF,
                        field,
                        node.span,
                        message,
                        Some("keep one of them".into()),
                    );
                }
            }
        }
    }
}
