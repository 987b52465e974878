//! `requires: { if: A, equals: V, then: [B, C] }` — when A is set (or equals V), B and C must
//! be set. With `and: { field, equals }` only while that holds too (`metrics.enabled` and
//! `metrics.auth.mode` = `basic`). A needed field with a `_file` sibling is satisfied by
//! either. The finding names the missing field and sits at A, the setting that requires it.

use super::{condition_holds, matches, set};
use crate::diagnostic::codes;
use crate::document::Node;
use crate::engine::{display_name, Cx};
use crate::schema::{Cond, Literal, Resolved};

pub(super) fn check(
    when: &Resolved,
    equals: Option<&Literal>,
    and: Option<&Cond>,
    then: &[(Resolved, Option<Resolved>)],
    root: &Node,
    cx: &mut Cx<'_>,
) {
    let Some(trigger) = set(root, when) else {
        return;
    };
    if equals.is_some_and(|lit| !matches(trigger, lit)) || !condition_holds(and, root) {
        return;
    }
    let because = match equals {
        Some(lit) => format!("`{}` is `{lit}`", display_name(&when.pointer)),
        None => format!("`{}` is set", display_name(&when.pointer)),
    };
    for (needed, file) in then {
        if set(root, needed).is_none() && file.as_ref().is_none_or(|f| set(root, f).is_none()) {
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
