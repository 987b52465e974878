//! `kind: duration` — Go's `time.ParseDuration` grammar (RULES.md §8): a sequence of
//! `decimal[.fraction]unit` with units `ns`, `us`/`µs`, `ms`, `s`, `m`, `h`, e.g. `300ms`,
//! `1h30m`, `1.5h`. The bare string `0` is allowed.
//!
//! A plain number is accepted only when the field names its `unit` (`{kind: duration, unit:
//! s}`); otherwise it is `duration/missing-unit`, because readers disagree on what `90` means.
//! Optional `min` and `max` bound the value (written as durations).

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::{scalar, ParamError};
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::{Node, Value};
use crate::shown::shown;

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct DurationKind {
    /// The unit of a plain number (`ns`, `us`, `ms`, `s`, `m`, `h`), for fields that take one.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub unit: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub min: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub max: Option<String>,
}

impl DurationKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(DurationKind {
            unit: keys.get("unit")?,
            min: keys.get("min")?,
            max: keys.get("max")?,
        })
    }
}

const NANOS_MAX: u128 = i64::MAX as u128;

/// What a duration could not be read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DurationError {
    Empty,
    MissingUnit,
    UnknownUnit(String),
    Negative,
    Overflow,
    Syntax(String),
}

fn unit_nanos(unit: &str) -> Option<u128> {
    Some(match unit {
        "ns" => 1,
        "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        "m" => 60_000_000_000,
        "h" => 3_600_000_000_000,
        _ => return None,
    })
}

/// Parses Go duration syntax into nanoseconds.
pub(crate) fn parse_go_duration(text: &str) -> Result<u128, DurationError> {
    if text.is_empty() {
        return Err(DurationError::Empty);
    }
    let body = match text.as_bytes()[0] {
        b'-' => return Err(DurationError::Negative),
        b'+' => &text[1..],
        _ => text,
    };
    if body == "0" {
        return Ok(0);
    }
    if body.is_empty() {
        return Err(DurationError::Syntax(
            "a sign alone is not a duration".into(),
        ));
    }
    let mut rest = body;
    let mut total: u128 = 0;
    while !rest.is_empty() {
        let int_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (int_part, after) = rest.split_at(int_len);
        let (frac_part, after) = match after.strip_prefix('.') {
            Some(f) => {
                let n = f.bytes().take_while(u8::is_ascii_digit).count();
                f.split_at(n)
            }
            None => ("", after),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            let c = after.chars().next().unwrap_or(' ');
            return Err(if c.is_whitespace() {
                DurationError::Syntax("a duration has no spaces".into())
            } else {
                DurationError::Syntax(format!("expected a number before `{c}`"))
            });
        }
        let unit_len = after
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || *c == '.')
            .map(|(i, _)| i)
            .unwrap_or(after.len());
        let (unit, next) = after.split_at(unit_len);
        if unit.is_empty() {
            return Err(DurationError::MissingUnit);
        }
        let Some(scale) = unit_nanos(unit) else {
            if unit.chars().any(char::is_whitespace) {
                return Err(DurationError::Syntax("a duration has no spaces".into()));
            }
            return Err(DurationError::UnknownUnit(unit.to_string()));
        };
        let whole: u128 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| DurationError::Overflow)?
        };
        let mut value = whole.checked_mul(scale).ok_or(DurationError::Overflow)?;
        let mut place = scale;
        for digit in frac_part.bytes() {
            place /= 10;
            if place == 0 {
                break;
            }
            value += u128::from(digit - b'0') * place;
        }
        total = total.checked_add(value).ok_or(DurationError::Overflow)?;
        if total > NANOS_MAX {
            return Err(DurationError::Overflow);
        }
        rest = next;
    }
    Ok(total)
}

/// Writes nanoseconds back as a short Go duration (`90m` → `1h30m`).
pub(crate) fn format_nanos(nanos: u128) -> String {
    if nanos == 0 {
        return "0s".into();
    }
    let mut out = String::new();
    let mut left = nanos;
    for (unit, scale) in [
        ("h", 3_600_000_000_000u128),
        ("m", 60_000_000_000),
        ("s", 1_000_000_000),
        ("ms", 1_000_000),
        ("us", 1_000),
        ("ns", 1),
    ] {
        if left >= scale {
            out.push_str(&format!("{}{unit}", left / scale));
            left %= scale;
        }
    }
    out
}

impl DurationKind {
    pub(crate) fn validate(&self) -> Result<(), ParamError> {
        if let Some(unit) = &self.unit {
            if unit_nanos(unit).is_none() {
                return Err(ParamError::new(
                    "unit",
                    format!("`{unit}` is not a unit; use ns, us, ms, s, m or h"),
                ));
            }
        }
        let bound = |param: &'static str, v: &Option<String>| -> Result<Option<u128>, ParamError> {
            v.as_deref()
                .map(|t| {
                    parse_go_duration(t)
                        .map_err(|_| ParamError::new(param, format!("`{t}` is not a Go duration")))
                })
                .transpose()
        };
        let min = bound("min", &self.min)?;
        let max = bound("max", &self.max)?;
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                return Err(ParamError::new("min", "min is larger than max"));
            }
        }
        Ok(())
    }

    fn nanos_of_plain_number(
        &self,
        node: &Node,
        text: &str,
    ) -> Option<Result<u128, DurationError>> {
        let is_number = matches!(node.value, Value::Int(_) | Value::Float(_))
            || (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
        if !is_number || text == "0" {
            return None;
        }
        let Some(unit) = &self.unit else {
            return Some(Err(DurationError::MissingUnit));
        };
        Some(parse_go_duration(&format!("{text}{unit}")))
    }

    /// The value in nanoseconds, when it reads as a duration of this kind (for comparing).
    pub(crate) fn nanos(&self, node: &Node) -> Option<u128> {
        let text = node.scalar_text()?;
        let text = text.trim();
        self.nanos_of_plain_number(node, text)
            .unwrap_or_else(|| parse_go_duration(text))
            .ok()
    }

    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a duration") else {
            return;
        };
        let text = text.trim();
        let parsed = self
            .nanos_of_plain_number(node, text)
            .unwrap_or_else(|| parse_go_duration(text));
        let nanos = match parsed {
            Ok(n) => n,
            Err(e) => return report_error(e, text, node, cx),
        };
        let min = self.min.as_deref().and_then(|m| parse_go_duration(m).ok());
        let max = self.max.as_deref().and_then(|m| parse_go_duration(m).ok());
        if min.is_some_and(|m| nanos < m) || max.is_some_and(|m| nanos > m) {
            let range = super::range_phrase(self.min.as_ref(), self.max.as_ref());
            cx.report(
                &codes::DURATION_OUT_OF_RANGE,
                node.span,
                format!(
                    "{} is out of range; the value must be {range}",
                    format_nanos(nanos)
                ),
                None,
            );
        }
    }
}

fn report_error(e: DurationError, text: &str, node: &Node, cx: &mut Cx<'_>) {
    let written = shown(text);
    let (code, message, help) = match e {
        DurationError::MissingUnit => (
            &codes::DURATION_MISSING_UNIT,
            format!("`{written}` has no unit"),
            Some(format!(
                "write the unit, e.g. `{}s` or `{}ms`",
                text.trim_end_matches(|c: char| !c.is_ascii_digit()),
                text.trim_end_matches(|c: char| !c.is_ascii_digit())
            )),
        ),
        DurationError::UnknownUnit(unit) => {
            let help = match unit.as_str() {
                "d" => "Go durations stop at hours: write days as hours, e.g. `24h` for `1d`"
                    .to_string(),
                "w" => "Go durations stop at hours: write weeks as hours, e.g. `168h` for `1w`"
                    .to_string(),
                "S" | "H" | "M" | "MS" | "Ms" => {
                    format!("units are lower case: `{}`", unit.to_ascii_lowercase())
                }
                "sec" | "secs" | "second" | "seconds" => "write `s`".into(),
                "min" | "mins" | "minute" | "minutes" => "write `m`".into(),
                "hr" | "hrs" | "hour" | "hours" => "write `h`".into(),
                _ => "use ns, us, ms, s, m or h".into(),
            };
            (
                &codes::DURATION_INVALID,
                format!("`{written}` has the unknown unit `{unit}`"),
                Some(help),
            )
        }
        DurationError::Negative => (
            &codes::DURATION_INVALID,
            format!("`{written}` is negative"),
            Some("a configured duration is zero or more".into()),
        ),
        DurationError::Overflow => (
            &codes::DURATION_OUT_OF_RANGE,
            format!("`{written}` is longer than the largest duration (2562047h47m16.854775807s)"),
            None,
        ),
        DurationError::Empty => (
            &codes::DURATION_INVALID,
            "the duration is empty".to_string(),
            None,
        ),
        DurationError::Syntax(why) => (
            &codes::DURATION_INVALID,
            format!("`{written}` is not a duration: {why}"),
            Some("write it like `30s`, `1h30m` or `250ms`".into()),
        ),
    };
    cx.report(code, node.span, message, help);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Profile;
    use crate::document::Format;
    use crate::kinds::testing::{codes, findings};

    #[test]
    fn go_grammar() {
        for (text, nanos) in [
            ("0", 0u128),
            ("300ms", 300_000_000),
            ("1h30m", 5_400_000_000_000),
            ("1.5h", 5_400_000_000_000),
            (".5s", 500_000_000),
            ("1µs", 1_000),
            ("1μs", 1_000),
            ("+5s", 5_000_000_000),
            ("2562047h47m16.854775807s", NANOS_MAX),
        ] {
            assert_eq!(parse_go_duration(text), Ok(nanos), "{text}");
        }
        for (text, err) in [
            ("90", DurationError::MissingUnit),
            ("1h30", DurationError::MissingUnit),
            ("1d", DurationError::UnknownUnit("d".into())),
            ("5M", DurationError::UnknownUnit("M".into())),
            ("-5s", DurationError::Negative),
            ("2562047h47m16.854775808s", DurationError::Overflow),
            ("", DurationError::Empty),
        ] {
            assert_eq!(parse_go_duration(text), Err(err), "{text}");
        }
        assert!(matches!(
            parse_go_duration("30 s"),
            Err(DurationError::Syntax(_))
        ));
        assert!(matches!(
            parse_go_duration("PT30S"),
            Err(DurationError::Syntax(_) | DurationError::UnknownUnit(_))
        ));
        assert!(matches!(
            parse_go_duration("."),
            Err(DurationError::Syntax(_))
        ));
    }

    #[test]
    fn field_rules() {
        let plain = DurationKind::default();
        assert_eq!(codes(&plain, "30s"), Vec::<&str>::new());
        assert_eq!(codes(&plain, "30"), vec!["duration/missing-unit"]);
        assert_eq!(codes(&plain, "1d"), vec!["duration/invalid"]);
        let seconds = DurationKind {
            unit: Some("s".into()),
            ..Default::default()
        };
        assert!(codes(&seconds, "30").is_empty());
        assert!(findings(&seconds, Value::Int(30), Profile::Production, Format::Yaml).is_empty());
        let bounded = DurationKind {
            min: Some("1s".into()),
            max: Some("1h".into()),
            ..Default::default()
        };
        assert!(codes(&bounded, "30m").is_empty());
        assert_eq!(codes(&bounded, "2h"), vec!["duration/out-of-range"]);
        assert_eq!(codes(&bounded, "500ms"), vec!["duration/out-of-range"]);
    }

    #[test]
    fn days_get_a_helpful_hint() {
        let f = findings(
            &DurationKind::default(),
            Value::String("7d".into()),
            Profile::Production,
            Format::Env,
        );
        assert!(f[0].help.as_deref().unwrap().contains("24h"));
    }

    #[test]
    fn formats_back() {
        assert_eq!(format_nanos(5_400_000_000_000), "1h30m");
        assert_eq!(format_nanos(1_500_000), "1ms500us");
    }
}
