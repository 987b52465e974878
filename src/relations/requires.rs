//! `requires: { if: A, equals: V, then: [B, C] }` — when A is set (or equals V), B and C must
//! be set. The finding names the missing field and sits at A, the setting that requires it.

use super::{matches, set};
use crate::diagnostic::codes;
use crate::document::Node;
use crate::engine::{display_name, Cx};
use crate::schema::{Literal, Resolved};

pub(super) fn check(
    when: &Resolved,
    equals: Option<&Literal>,
    then: &[Resolved],
    root: &Node,
    cx: &mut Cx<'_>,
) {
    let Some(trigger) = set(root, when) else {
        return;
    };
    if equals.is_some_and(|lit| !matches(trigger, lit)) {
        return;
    }
    let because = match equals {
        Some(lit) => format!("`{}` is `{lit}`", display_name(&when.pointer)),
        None => format!("`{}` is set", display_name(&when.pointer)),
    };
    for needed in then {
        if set(root, needed).is_none() {
            cx.report_at(
                &codes::RELATION_REQUIRES,
                &needed.pointer,
                trigger.span,
                format!(
                    "`{}` is required because {because}",
                    display_name(&needed.pointer)
                ),
                Some(format!(
                    "set `{}`, or change `{}`",
                    display_name(&needed.pointer),
                    display_name(&when.pointer)
                )),
            );
        }
    }
}
