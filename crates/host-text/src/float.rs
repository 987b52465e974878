//! Doubles as decimal text: [`parse`] reads a float literal, [`display`] and [`debug`] write a
//! double as Rust's `{}` and `{:?}` do, [`tenths`] as `{:.1}` does.
//!
//! Natively `parse` is `str::parse` and the digits are core's `{:e}`. In WebAssembly run by
//! JavaScript, the host's `Number` parses, and `Number.prototype.toExponential()` gives the
//! shortest digits that read back to the same double. [`layout`] places the digits as core does,
//! on every target. Both hosts round correctly and print the shortest, closest digits, so the
//! text is the same.

/// Whether `text` is a decimal float literal: `[+-]? (digits [. digits?] | . digits)
/// ([eE] [+-]? digits)?`, the numbers of the YAML 1.2 core schema and of JSON.
pub fn is_literal(text: &str) -> bool {
    let b = text.as_bytes();
    let digits_from = |mut i: usize| {
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i, i - start)
    };
    let (mut i, int_digits) = digits_from(usize::from(matches!(b.first(), Some(b'-' | b'+'))));
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        (i, frac_digits) = digits_from(i + 1);
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let exp_digits;
        (i, exp_digits) = digits_from(i);
        if exp_digits == 0 {
            return false;
        }
    }
    i == b.len()
}

/// The double nearest to a decimal float literal ([`is_literal`]); `None` for other text.
/// Literals beyond the doubles' range are infinite, as `str::parse` makes them.
pub fn parse(literal: &str) -> Option<f64> {
    if !is_literal(literal) {
        return None;
    }
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    return literal.parse().ok();
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    return Some(crate::host::number(literal));
}

/// `x` as `format!("{x}")` writes it: never an exponent (`1e21` is
/// `1000000000000000000000`), no fraction for whole numbers (`1`, `-0`), `inf`, `NaN`.
pub fn display(x: f64) -> String {
    write(x, Form::Display)
}

/// `x` as `format!("{x:?}")` writes it: at least one fractional digit (`1.0`), and an exponent
/// below 1e-4 and from 1e16 up (`1e16`, `1.5e-5`).
pub fn debug(x: f64) -> String {
    write(x, Form::Debug)
}

/// `x` (finite, at least zero, below 2^50) with one decimal, as `format!("{x:.1}")` writes it:
/// `x`'s exact value rounded to tenths, ties to even. `x` × 10 is `x` × 8 + `x` × 2, both
/// exact, so the error of their sum says on which side of a tie the exact product lies.
pub fn tenths(x: f64) -> String {
    let (eight, two) = (x * 8.0, x * 2.0);
    let product = eight + two;
    // Knuth's two-sum: `product` + `error` is exactly `eight` + `two`.
    let back = product - eight;
    let error = (eight - (product - back)) + (two - back);
    let mut rounded = product.round_ties_even();
    if (product - rounded).abs() == 0.5 && error != 0.0 {
        rounded = if error > 0.0 {
            product + 0.5
        } else {
            product - 0.5
        };
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let tenths = rounded.max(0.0) as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Which of Rust's two float formats to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `{}`.
    Display,
    /// `{:?}`.
    Debug,
}

fn write(x: f64, form: Form) -> String {
    if x.is_nan() {
        return String::from("NaN");
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    if x == 0.0 {
        let zero = if form == Form::Debug { "0.0" } else { "0" };
        return format!("{sign}{zero}");
    }
    let (digits, exponent) = shortest(x.abs());
    layout(x.is_sign_negative(), &digits, exponent, form)
}

/// The shortest digits that read back to `x` (finite, above zero), and the decimal exponent of
/// the first: `x` = `d.ddd` × 10^exponent.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn shortest(x: f64) -> (String, i32) {
    scientific(&format!("{x:e}")).unwrap_or_default()
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn shortest(x: f64) -> (String, i32) {
    scientific(&crate::host::to_exponential(x)).unwrap_or_default()
}

/// The digits and exponent of scientific notation, `d.ddde±N` (JavaScript's
/// `toExponential()`) or `d.dddeN` (Rust's `{:e}`).
fn scientific(text: &str) -> Option<(String, i32)> {
    let (mantissa, exponent) = text.split_once('e')?;
    let digits: String = mantissa.chars().filter(|&c| c != '.').collect();
    let exponent = exponent
        .strip_prefix('+')
        .unwrap_or(exponent)
        .parse()
        .ok()?;
    Some((digits, exponent))
}

/// Writes the significant `digits` of a double (`d.ddd` × 10^`exponent`), as core's
/// formatting places them for `form`.
pub fn layout(negative: bool, digits: &str, exponent: i32, form: Form) -> String {
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    let (first, rest) = digits.split_at(digits.len().min(1));
    // `{:?}` switches to an exponent outside [1e-4, 1e16).
    if form == Form::Debug && !(-4..16).contains(&exponent) {
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        out.push_str(&format!("{exponent}"));
        return out;
    }
    // The number of digits before the point.
    let whole = exponent.saturating_add(1);
    if whole <= 0 {
        out.push_str("0.");
        (0..-whole).for_each(|_| out.push('0'));
        out.push_str(digits);
        return out;
    }
    let whole = usize::try_from(whole).unwrap_or(usize::MAX);
    if whole >= digits.len() {
        out.push_str(digits);
        (digits.len()..whole).for_each(|_| out.push('0'));
        if form == Form::Debug {
            out.push_str(".0");
        }
    } else {
        out.push_str(&digits[..whole]);
        out.push('.');
        out.push_str(&digits[whole..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Doubles from every binade and the edges of each format's switches.
    fn samples() -> Vec<f64> {
        let mut out = Vec::from([
            1.0,
            0.1,
            0.5,
            1.5,
            2.25,
            10.0,
            100.0,
            123.456,
            1e-4,
            9.999e-5,
            1e-5,
            1.5e-5,
            0.00012,
            1e15,
            9.999999999999998e15,
            1e16,
            1.0000000000000002e16,
            1e21,
            1e22,
            1.7976931348623157e308,
            5e-324,
            2.2250738585072014e-308,
            0.3,
            1.0 / 3.0,
            9_007_199_254_740_993.0,
            4_294_967_296.0,
            65535.0,
        ]);
        // A xorshift walk over bit patterns: every exponent, random mantissas.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if x.is_finite() {
                out.push(x);
            }
        }
        // Short decimals, as configs write them.
        for i in 0..5_000 {
            out.push(f64::from(i) / 100.0);
            out.push(f64::from(i) * 1.0e14);
        }
        out
    }

    #[test]
    fn writes_what_core_writes() {
        for x in samples() {
            for x in [x, -x] {
                assert_eq!(display(x), format!("{x}"), "{{}} of {:e}", x);
                assert_eq!(debug(x), format!("{x:?}"), "{{:?}} of {:e}", x);
            }
        }
    }

    #[test]
    fn writes_zero_infinity_and_nan_as_core() {
        for x in [0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            assert_eq!(display(x), format!("{x}"));
            assert_eq!(debug(x), format!("{x:?}"));
        }
    }

    #[test]
    fn writes_tenths_as_core() {
        for x in [
            0.0,
            0.04,
            0.05,
            0.15,
            0.25,
            1.0,
            2.25,
            2.35,
            2.999,
            3.05,
            0.9999,
            1.0 / 3.0,
        ] {
            assert_eq!(tenths(x), format!("{x:.1}"), "{x}");
        }
        for i in 0..300_000 {
            let x = f64::from(i) / 1000.0;
            assert_eq!(tenths(x), format!("{x:.1}"), "{x}");
            let x = f64::from(i) / 4096.0;
            assert_eq!(tenths(x), format!("{x:.1}"), "{x}");
        }
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..300_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state).abs() % 1e6;
            if x.is_finite() {
                assert_eq!(tenths(x), format!("{x:.1}"), "{x:e}");
            }
        }
    }

    #[test]
    fn reads_both_scientific_spellings() {
        assert_eq!(scientific("1.2345e+2"), Some(("12345".into(), 2)));
        assert_eq!(scientific("5e-7"), Some(("5".into(), -7)));
        assert_eq!(scientific("1.2345e2"), Some(("12345".into(), 2)));
        assert_eq!(scientific("12345"), None);
        assert_eq!(scientific("1e+x"), None);
    }

    #[test]
    fn lays_out_javascript_digits() {
        // What `toExponential()` gives for 1e21, 1.5e-7, 123.456 and 1e16.
        assert_eq!(
            layout(false, "1", 21, Form::Display),
            "1000000000000000000000"
        );
        assert_eq!(layout(false, "1", 21, Form::Debug), "1e21");
        assert_eq!(layout(true, "15", -7, Form::Display), "-0.00000015");
        assert_eq!(layout(true, "15", -7, Form::Debug), "-1.5e-7");
        assert_eq!(layout(false, "123456", 2, Form::Display), "123.456");
        assert_eq!(layout(false, "1", 16, Form::Debug), "1e16");
        assert_eq!(layout(false, "1", 15, Form::Debug), "1000000000000000.0");
        assert_eq!(layout(false, "1", -4, Form::Debug), "0.0001");
        assert_eq!(layout(false, "1", -5, Form::Debug), "1e-5");
    }

    #[test]
    fn accepts_only_float_literals() {
        for ok in [
            "1", "1.", ".5", "+1.5", "-.5", "1e5", "1E+5", "1.e-5", "007.10", "-0",
        ] {
            assert!(is_literal(ok), "{ok}");
        }
        for bad in [
            "", ".", "+", "-.", "e5", "1e", "1e+", "inf", "NaN", "infinity", "1_000", " 1", "1 ",
            "0x10", "1.5.5", "1e5.5", "++1", "１",
        ] {
            assert!(!is_literal(bad), "{bad:?}");
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn parses_as_core_parses() {
        for text in [
            "1.5", "-.5", "1e400", "-1e400", "1e-400", "-0", "0.1", "+7.",
        ] {
            assert_eq!(
                parse(text).map(f64::to_bits),
                text.parse::<f64>().ok().map(f64::to_bits)
            );
        }
        assert_eq!(
            parse("2.2250738585072011e-308"),
            Some(2.225073858507201e-308)
        );
    }
}
