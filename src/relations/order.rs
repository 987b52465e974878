//! `order: [A, B, …]` — each value set is at most the next one set: a minimum and its maximum
//! (SyncTV's `database.min_connections` ≤ `database.max_connections`), a timeout and the
//! interval it must fit in. Values compare by what they mean, by their kind: integers and
//! ports as numbers, durations in time (`90s` < `2m`), byte sizes in bytes (`512MiB` <
//! `1GiB`). A value its own kind cannot read is left to that kind.

use super::Fields;
use crate::context::{Cx, FieldRef, SchemaProblem};
use crate::diagnostic::codes;
use crate::document::Node;
use crate::kinds::{integer, ByteSizeKind, DurationKind, Kind};

/// How a field's value is measured.
#[derive(Debug, Clone)]
enum Measure {
    Number,
    Duration(DurationKind),
    Size(ByteSizeKind),
}

impl Measure {
    fn of(&self, node: &Node) -> Option<i128> {
        match self {
            Measure::Number => {
                let text = node.scalar_text()?;
                match integer::parse_int(node, &text) {
                    integer::IntText::Int(i) => Some(i128::from(i)),
                    _ => None,
                }
            }
            Measure::Duration(k) => k.nanos(node).and_then(|n| i128::try_from(n).ok()),
            Measure::Size(k) => k.bytes(node).and_then(|n| i128::try_from(n).ok()),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Compiled(Vec<(FieldRef, Measure)>);

pub(super) fn compile(
    keys: &[String],
    fields: &dyn Fields,
    at: &str,
) -> Result<Compiled, SchemaProblem> {
    let here = format!("{at}/order");
    let resolved = fields.at_least_two(keys, &here)?;
    let mut out = Vec::with_capacity(resolved.len());
    for (j, field) in resolved.into_iter().enumerate() {
        let measure = match fields.kind_of(&field) {
            Some(Kind::Int(_) | Kind::Port(_)) => Measure::Number,
            Some(Kind::Duration(k)) => Measure::Duration(k.clone()),
            Some(Kind::ByteSize(k)) => Measure::Size(k.clone()),
            other => {
                return Err(SchemaProblem::new(
                    format!("{here}/{j}"),
                    format!(
                        "`order` compares integers, ports, durations and byte sizes; `{}` is {}",
                        keys[j],
                        other.map_or("no field", |k| k.name())
                    ),
                ))
            }
        };
        out.push((field, measure));
    }
    let first = std::mem::discriminant(&out[0].1);
    if let Some(j) = out
        .iter()
        .position(|(_, m)| std::mem::discriminant(m) != first)
    {
        return Err(SchemaProblem::new(
            format!("{here}/{j}"),
            format!(
                "`{}` is measured in other units than `{}`",
                keys[j], keys[0]
            ),
        ));
    }
    Ok(Compiled(out))
}

impl Compiled {
    pub(super) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        self.0.iter().for_each(|(r, _)| f(r));
    }

    pub(super) fn check(&self, cx: &mut Cx<'_>) {
        let mut previous: Option<(&FieldRef, &Node, i128)> = None;
        for (field, measure) in &self.0 {
            let Some(node) = cx.set(field) else {
                continue;
            };
            let Some(value) = measure.of(node) else {
                continue;
            };
            if let Some((lower, lower_node, lower_value)) = previous {
                if lower_value > value {
                    let (low, high) = (cx.name(lower), cx.name(field));
                    let shown = |n: &Node| {
                        n.scalar_text()
                            .map(|t| t.trim().to_string())
                            .unwrap_or_default()
                    };
                    cx.report_at(
                        &codes::RELATION_OUT_OF_ORDER,
                        lower,
                        lower_node.span,
                        format!(
                            "`{low}` is `{}`, more than `{high}` (`{}`)",
                            shown(lower_node),
                            shown(node)
                        ),
                        Some(format!("make `{low}` at most `{high}`")),
                    );
                }
            }
            previous = Some((field, node, value));
        }
    }
}
