//! `one_of: [A, B, …]` — exactly one of the fields must be set. None set is reported without
//! a place (nothing to point at); a second one set is reported at its place.

use super::set;
use crate::diagnostic::codes;
use crate::document::Node;
use crate::engine::{display_name, Cx};
use crate::kinds::one_of_list;
use crate::schema::Resolved;

pub(super) fn check(fields: &[Resolved], root: &Node, cx: &mut Cx<'_>) {
    let names: Vec<String> = fields.iter().map(|f| display_name(&f.pointer)).collect();
    let present: Vec<(&Resolved, &Node)> = fields
        .iter()
        .filter_map(|f| set(root, f).map(|n| (f, n)))
        .collect();
    match present.as_slice() {
        [] => cx.report_at(
            &codes::RELATION_ONE_OF,
            &fields[0].pointer,
            None,
            format!("none of {} is set", one_of_list(&names)),
            Some("set exactly one of them".into()),
        ),
        [_] => {}
        [(first, _), rest @ ..] => {
            for (field, node) in rest {
                cx.report_at(
                    &codes::RELATION_ONE_OF,
                    &field.pointer,
                    node.span,
                    format!(
                        "`{}` and `{}` are both set; exactly one of {} may be",
                        display_name(&first.pointer),
                        display_name(&field.pointer),
                        one_of_list(&names)
                    ),
                    Some("keep one of them".into()),
                );
            }
        }
    }
}
