//! `kind: byte_size` — a number of bytes with a unit (RULES.md §8, IEC 80000-13, IEEE 1541).
//!
//! - IEC units `B`, `KiB` … `EiB` (and the Kubernetes spellings `Ki` … `Ei`) are exact.
//! - SI units `kB`, `MB` …, the JEDEC `KB` and single letters `K`, `M`, `G` are warnings:
//!   readers disagree whether `MB` is 10⁶ or 2²⁰ bytes.
//! - A lower-case `b` means bits (`Mb`, `kb`): an error in a byte field.
//! - IEC units in the wrong case (`MIB`, `mB`) are errors.
//! - A bare number is bytes, with a warning, unless the field names its `unit`.
//! - Fractions must come to whole bytes (`1.5KiB` = 1536 B); negatives and values of 2⁶⁴ or
//!   more are errors.

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::{scalar, ParamError};
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{Keys, ReadError};
use crate::document::Node;
use crate::shown::shown;

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct ByteSizeKind {
    /// The unit of a plain number, e.g. `B` or `MiB`, for fields whose reader takes one.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub unit: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub min: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub max: Option<String>,
}

impl ByteSizeKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(ByteSizeKind {
            unit: keys.get("unit")?,
            min: keys.get("min")?,
            max: keys.get("max")?,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exactness {
    Exact,
    Ambiguous,
}

fn unit_scale(unit: &str) -> Option<(u128, Exactness)> {
    use Exactness::*;
    let k: u128 = 1024;
    Some(match unit {
        "B" => (1, Exact),
        "KiB" | "Ki" => (k, Exact),
        "MiB" | "Mi" => (k.pow(2), Exact),
        "GiB" | "Gi" => (k.pow(3), Exact),
        "TiB" | "Ti" => (k.pow(4), Exact),
        "PiB" | "Pi" => (k.pow(5), Exact),
        "EiB" | "Ei" => (k.pow(6), Exact),
        "kB" => (1000, Ambiguous),
        "KB" | "K" | "k" => (k, Ambiguous),
        "MB" => (1000u128.pow(2), Ambiguous),
        "GB" => (1000u128.pow(3), Ambiguous),
        "TB" => (1000u128.pow(4), Ambiguous),
        "PB" => (1000u128.pow(5), Ambiguous),
        "EB" => (1000u128.pow(6), Ambiguous),
        "M" => (k.pow(2), Ambiguous),
        "G" => (k.pow(3), Ambiguous),
        "T" => (k.pow(4), Ambiguous),
        _ => return None,
    })
}

const KNOWN_UNITS: &[&str] = &[
    "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "kB", "KB", "MB", "GB", "TB", "PB", "EB",
];

/// Why a size could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SizeError {
    Syntax,
    Negative,
    Bits(String),
    WrongCase(String, &'static str),
    UnknownUnit(String),
    Fractional,
    Overflow,
}

#[derive(Debug)]
struct Size {
    bytes: u128,
    unit: Option<String>,
    exactness: Exactness,
}

fn parse_size(text: &str, default_unit: Option<&str>) -> Result<Size, SizeError> {
    let text = text.trim();
    if text.starts_with('-') {
        return Err(SizeError::Negative);
    }
    let number_len = text
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let (number, unit) = text.split_at(number_len);
    let unit = unit.trim_start();
    let (int_part, frac_part) = number.split_once('.').unwrap_or((number, ""));
    if int_part.is_empty() && frac_part.is_empty() || frac_part.contains('.') {
        return Err(SizeError::Syntax);
    }
    let (unit, given) = match (unit, default_unit) {
        ("", Some(d)) => (d, true),
        ("", None) => ("B", false),
        (u, _) => (u, true),
    };
    let Some((scale, exactness)) = unit_scale(unit) else {
        if unit.ends_with('b') {
            return Err(SizeError::Bits(unit.to_string()));
        }
        if let Some(known) = KNOWN_UNITS.iter().find(|k| k.eq_ignore_ascii_case(unit)) {
            return Err(SizeError::WrongCase(unit.to_string(), known));
        }
        return Err(SizeError::UnknownUnit(unit.to_string()));
    };
    let whole: u128 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().map_err(|_| SizeError::Overflow)?
    };
    let mut bytes = whole.checked_mul(scale).ok_or(SizeError::Overflow)?;
    if !frac_part.is_empty() {
        let digits = frac_part.trim_end_matches('0');
        if digits.len() > 30 {
            return Err(SizeError::Fractional);
        }
        let denominator = 10u128.pow(digits.len() as u32);
        let numerator: u128 = if digits.is_empty() {
            0
        } else {
            digits.parse().map_err(|_| SizeError::Syntax)?
        };
        let scaled = numerator.checked_mul(scale).ok_or(SizeError::Overflow)?;
        if scaled % denominator != 0 {
            return Err(SizeError::Fractional);
        }
        bytes = bytes
            .checked_add(scaled / denominator)
            .ok_or(SizeError::Overflow)?;
    }
    if bytes > u128::from(u64::MAX) {
        return Err(SizeError::Overflow);
    }
    Ok(Size {
        bytes,
        unit: given.then(|| unit.to_string()),
        exactness,
    })
}

impl ByteSizeKind {
    pub(crate) fn validate(&self) -> Result<(), ParamError> {
        if let Some(unit) = &self.unit {
            if unit_scale(unit).is_none() {
                return Err(ParamError::new(
                    "unit",
                    format!("`{unit}` is not a byte unit; use B, KiB, MiB, GiB …"),
                ));
            }
        }
        let bound = |param: &'static str, v: &Option<String>| -> Result<Option<u128>, ParamError> {
            v.as_deref()
                .map(|t| {
                    parse_size(t, None)
                        .map(|s| s.bytes)
                        .map_err(|_| ParamError::new(param, format!("`{t}` is not a byte size")))
                })
                .transpose()
        };
        if let (Some(min), Some(max)) = (bound("min", &self.min)?, bound("max", &self.max)?) {
            if min > max {
                return Err(ParamError::new("min", "min is larger than max"));
            }
        }
        Ok(())
    }

    /// The value in bytes, when it reads as a size of this kind (for comparing).
    pub(crate) fn bytes(&self, node: &Node) -> Option<u128> {
        let text = node.scalar_text()?;
        parse_size(text.trim(), self.unit.as_deref())
            .ok()
            .map(|size| size.bytes)
    }

    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let Some(text) = scalar(node, cx, "a byte size") else {
            return;
        };
        let text = text.trim();
        let written = shown(text);
        let size = match parse_size(text, self.unit.as_deref()) {
            Ok(size) => size,
            Err(e) => {
                let (code, message, help) = match e {
                    SizeError::Bits(unit) => (
                        &codes::SIZE_BITS_UNIT,
                        format!("`{unit}` with a lower-case `b` means bits, but this field counts bytes"),
                        Some(format!("write `{}` for bytes", unit.trim_end_matches('b').to_string() + "B")),
                    ),
                    SizeError::WrongCase(unit, known) => (
                        &codes::SIZE_UNIT_CASE,
                        format!("`{unit}` is not a unit; units are case-sensitive"),
                        Some(format!("write `{known}`")),
                    ),
                    SizeError::UnknownUnit(unit) => (
                        &codes::SIZE_INVALID,
                        format!("`{}` is not a byte unit", shown(&unit)),
                        Some("use B, KiB, MiB, GiB or TiB".into()),
                    ),
                    SizeError::Syntax => (
                        &codes::SIZE_INVALID,
                        format!("`{written}` is not a byte size"),
                        Some("write a number and a unit, e.g. `512MiB`".into()),
                    ),
                    SizeError::Negative => (&codes::SIZE_INVALID, format!("`{written}` is negative"), None),
                    SizeError::Fractional => (
                        &codes::SIZE_INVALID,
                        format!("`{written}` is not a whole number of bytes"),
                        Some("write it in a smaller unit, e.g. `1536KiB` for `1.5MiB`".into()),
                    ),
                    SizeError::Overflow => (
                        &codes::SIZE_OUT_OF_RANGE,
                        format!("`{written}` is 2⁶⁴ bytes or more"),
                        None,
                    ),
                };
                cx.report(code, node.span, message, help);
                return;
            }
        };
        match (&size.unit, size.exactness) {
            (None, _) => cx.report(
                &codes::SIZE_NO_UNIT,
                node.span,
                format!("`{written}` has no unit, so it is read as bytes"),
                Some(format!(
                    "write the unit: `{written}B`, or a larger unit such as `MiB`"
                )),
            ),
            (Some(unit), Exactness::Ambiguous) => {
                let iec = match unit.chars().next() {
                    Some('k' | 'K') => "KiB",
                    Some('M') => "MiB",
                    Some('G') => "GiB",
                    Some('T') => "TiB",
                    Some('P') => "PiB",
                    _ => "EiB",
                };
                let message = format!("`{unit}` is ambiguous: some readers take it as a power of 1000, others as a power of 1024");
                let help = Some(format!("write `{iec}` for the binary unit"));
                // The fix is certain only where the field's own unit says binary.
                let binary = self.unit.as_deref().is_some_and(|u| u.ends_with("iB"));
                match text.strip_suffix(unit.as_str()).filter(|_| binary) {
                    Some(number) => cx.report_fix(
                        &codes::SIZE_AMBIGUOUS_UNIT,
                        node.span,
                        message,
                        help,
                        format!("{number}{iec}"),
                    ),
                    None => cx.report(&codes::SIZE_AMBIGUOUS_UNIT, node.span, message, help),
                }
            }
            (Some(_), Exactness::Exact) => {}
        }
        let min = self
            .min
            .as_deref()
            .and_then(|m| parse_size(m, None).ok())
            .map(|s| s.bytes);
        let max = self
            .max
            .as_deref()
            .and_then(|m| parse_size(m, None).ok())
            .map(|s| s.bytes);
        if min.is_some_and(|m| size.bytes < m) || max.is_some_and(|m| size.bytes > m) {
            let range = super::range_phrase(self.min.as_ref(), self.max.as_ref());
            cx.report(
                &codes::SIZE_OUT_OF_RANGE,
                node.span,
                format!(
                    "{} bytes is out of range; the value must be {range}",
                    size.bytes
                ),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Profile;
    use crate::document::{Format, Value};
    use crate::kinds::testing::{codes, findings};

    #[test]
    fn units_and_verdicts() {
        let kind = ByteSizeKind::default();
        for (text, want) in [
            ("512MiB", vec![]),
            ("1 GiB", vec![]),
            ("1.5KiB", vec![]),
            ("64Mi", vec![]),
            ("10B", vec![]),
            ("100MB", vec!["size/ambiguous-unit"]),
            ("1KB", vec!["size/ambiguous-unit"]),
            ("512M", vec!["size/ambiguous-unit"]),
            ("100Mb", vec!["size/bits-unit"]),
            ("1kb", vec!["size/bits-unit"]),
            ("1mib", vec!["size/bits-unit"]),
            ("1MIB", vec!["size/unit-case"]),
            ("1mB", vec!["size/unit-case"]),
            ("1.5B", vec!["size/invalid"]),
            ("-1MiB", vec!["size/invalid"]),
            ("1 parsec", vec!["size/invalid"]),
            ("MiB", vec!["size/invalid"]),
            ("1..5MiB", vec!["size/invalid"]),
            ("16EiB", vec!["size/out-of-range"]),
            ("1048576", vec!["size/no-unit"]),
        ] {
            assert_eq!(codes(&kind, text), want, "{text}");
        }
    }

    #[test]
    fn field_units_and_bounds() {
        let mib = ByteSizeKind {
            unit: Some("MiB".into()),
            ..Default::default()
        };
        assert!(findings(&mib, Value::Int(512), Profile::Production, Format::Yaml).is_empty());
        let bounded = ByteSizeKind {
            max: Some("1GiB".into()),
            ..Default::default()
        };
        assert_eq!(codes(&bounded, "2GiB"), vec!["size/out-of-range"]);
        assert!(codes(&bounded, "1GiB").is_empty());
    }

    #[test]
    fn exact_fractions() {
        assert_eq!(parse_size("1.5KiB", None).unwrap().bytes, 1536);
        assert_eq!(parse_size("0.5MiB", None).unwrap().bytes, 524_288);
        assert_eq!(parse_size("1.0B", None).unwrap().bytes, 1);
        assert_eq!(
            parse_size("15.99EiB", None).unwrap_err(),
            SizeError::Fractional
        );
    }
}
