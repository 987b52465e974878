//! What a secret's text is made of: its encoding, the key material it decodes to, and an
//! estimate of its strength in bits (RULES.md §1.2, "Strength estimator").
//!
//! The estimate is capacity, not Shannon entropy × length: hex and base64 count their decoded
//! bytes × 8, raw text counts log2(alphabet) per code point. Shannon entropy caps at log2 of the
//! length per character, so it would score a perfect `openssl rand -base64 32` at ~220 bits;
//! it is used only as a red flag ([`shannon`]).

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use crate::document::read;

/// How a schema says a secret is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(rename_all = "lowercase"))]
pub enum Encoding {
    /// Text used as is; strength from its alphabet and length.
    Raw,
    /// Hexadecimal, either case.
    Hex,
    /// RFC 4648 base64, standard or URL-safe alphabet (not mixed), padded or not.
    Base64,
    /// RFC 4648 §5 URL-safe base64 only, padded or not.
    Base64url,
    /// Whatever the value looks like: long even hex, then base64, then raw text.
    #[default]
    Any,
}

read::from_names!(Encoding {
    "raw" => Encoding::Raw,
    "hex" => Encoding::Hex,
    "base64" => Encoding::Base64,
    "base64url" => Encoding::Base64url,
    "any" => Encoding::Any,
});

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Raw => "raw text",
            Encoding::Hex => "hex",
            Encoding::Base64 => "base64",
            Encoding::Base64url => "URL-safe base64",
            Encoding::Any => "any encoding",
        }
    }
}

/// A secret, read: how it was decoded and what that gives.
#[derive(Clone, PartialEq)]
pub(crate) struct Material {
    /// The encoding the value was read in (never `Any`).
    pub encoding: Encoding,
    /// Code points of the text.
    pub chars: usize,
    /// Decoded key bytes (UTF-8 bytes for raw text).
    pub bytes: Vec<u8>,
    /// Estimated strength.
    pub bits: u32,
    /// For raw text: the size of the alphabet the bits were counted from.
    pub alphabet: u32,
}

impl std::fmt::Debug for Material {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Material")
            .field("encoding", &self.encoding)
            .field("chars", &self.chars)
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .field("bits", &self.bits)
            .finish()
    }
}

impl Material {
    /// "44 base64 characters (32 bytes, 256 bits)": what the message says instead of the value.
    pub fn describe(&self) -> String {
        match self.encoding {
            Encoding::Raw | Encoding::Any => format!(
                "{} characters of text from an alphabet of {} (about {} bits)",
                self.chars, self.alphabet, self.bits
            ),
            e => format!(
                "{} {} characters ({} bytes, {} bits)",
                self.chars,
                e.name(),
                self.bytes.len(),
                self.bits
            ),
        }
    }
}

/// Why a value is not in the encoding the schema asks for. Never quotes the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EncodingError {
    NotHex { position: usize },
    OddHexLength,
    NotBase64 { position: usize },
    MixedAlphabets,
    LineBreak,
    Length,
    PadBits,
    Padding,
}

impl EncodingError {
    pub fn describe(&self) -> String {
        match self {
            EncodingError::NotHex { position } => {
                format!("character {position} is not a hex digit")
            }
            EncodingError::OddHexLength => "it has an odd number of hex digits".into(),
            EncodingError::NotBase64 { position } => {
                format!("character {position} is not in the base64 alphabet")
            }
            EncodingError::MixedAlphabets => {
                "it mixes the standard (`+/`) and URL-safe (`-_`) base64 alphabets".into()
            }
            EncodingError::LineBreak => {
                "it is wrapped over several lines (RFC 4648 §3.3 forbids line breaks)".into()
            }
            EncodingError::Length => {
                "its length leaves a single character over (4n+1 is never base64)".into()
            }
            EncodingError::PadBits => {
                "its last character has non-zero padding bits (not canonical, RFC 4648 §3.5)".into()
            }
            EncodingError::Padding => "its `=` padding is wrong".into(),
        }
    }
}

/// Padding is canonical when present (`QQ==`, never `QQ=`), and may be left out.
const PADDED: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::RequireCanonical);
const UNPADDED: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::RequireNone);
const ENGINES: [[GeneralPurpose; 2]; 2] = [
    [
        GeneralPurpose::new(&alphabet::STANDARD, PADDED),
        GeneralPurpose::new(&alphabet::STANDARD, UNPADDED),
    ],
    [
        GeneralPurpose::new(&alphabet::URL_SAFE, PADDED),
        GeneralPurpose::new(&alphabet::URL_SAFE, UNPADDED),
    ],
];

/// Decodes hex of either case.
pub(crate) fn decode_hex(text: &str) -> Result<Vec<u8>, EncodingError> {
    if let Some(position) = text.chars().position(|c| !c.is_ascii_hexdigit()) {
        return Err(EncodingError::NotHex {
            position: position + 1,
        });
    }
    if text.len() % 2 == 1 {
        return Err(EncodingError::OddHexLength);
    }
    let digit = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
    Ok(text
        .as_bytes()
        .chunks(2)
        .map(|pair| digit(pair[0]) << 4 | digit(pair[1]))
        .collect())
}

/// Strict RFC 4648 base64: either alphabet (only URL-safe when `url_only`), not mixed,
/// padding canonical or absent, no line breaks, zero padding bits.
pub(crate) fn decode_base64(text: &str, url_only: bool) -> Result<Vec<u8>, EncodingError> {
    if text.contains(['\n', '\r']) {
        return Err(EncodingError::LineBreak);
    }
    let standard = text.contains(['+', '/']);
    let url_safe = text.contains(['-', '_']);
    if standard && url_safe {
        return Err(EncodingError::MixedAlphabets);
    }
    let engine = &ENGINES[usize::from(url_only || url_safe)][usize::from(!text.ends_with('='))];
    engine.decode(text).map_err(|e| match e {
        base64::DecodeError::InvalidByte(offset, b'=') if offset + 1 < text.len() => {
            EncodingError::Padding
        }
        base64::DecodeError::InvalidByte(offset, _) => EncodingError::NotBase64 {
            position: text.char_indices().take_while(|(i, _)| *i < offset).count() + 1,
        },
        base64::DecodeError::InvalidLength(_) => EncodingError::Length,
        base64::DecodeError::InvalidLastSymbol(..) => EncodingError::PadBits,
        base64::DecodeError::InvalidPadding => EncodingError::Padding,
    })
}

/// Reads a (trimmed) secret in the encoding a schema asks for. `Any` picks hex for an even
/// run of at least 32 hex digits, then base64 when the value decodes, then raw text.
pub(crate) fn read(text: &str, encoding: Encoding) -> Result<Material, EncodingError> {
    let chars = text.chars().count();
    let decoded = |encoding: Encoding, bytes: Vec<u8>| Material {
        encoding,
        chars,
        bits: u32::try_from(bytes.len().saturating_mul(8)).unwrap_or(u32::MAX),
        bytes,
        alphabet: 0,
    };
    match encoding {
        Encoding::Raw => Ok(raw(text)),
        Encoding::Hex => decode_hex(text).map(|b| decoded(Encoding::Hex, b)),
        Encoding::Base64 => decode_base64(text, false).map(|b| decoded(Encoding::Base64, b)),
        Encoding::Base64url => decode_base64(text, true).map(|b| decoded(Encoding::Base64url, b)),
        Encoding::Any => {
            let hex = text.len() >= 32 && text.len() % 2 == 0;
            if let Some(bytes) = hex.then(|| decode_hex(text).ok()).flatten() {
                return Ok(decoded(Encoding::Hex, bytes));
            }
            match decode_base64(text, false) {
                Ok(bytes) if !bytes.is_empty() => Ok(decoded(Encoding::Base64, bytes)),
                _ => Ok(raw(text)),
            }
        }
    }
}

/// Raw text: code points × log2(alphabet), the alphabet being the classes present (lower 26,
/// upper 26, digits 10, ASCII symbols and space 33, anything non-ASCII 100).
pub(crate) fn raw(text: &str) -> Material {
    let has = |f: fn(&char) -> bool| text.chars().any(|c| f(&c));
    let alphabet = [
        (has(char::is_ascii_lowercase), 26),
        (has(char::is_ascii_uppercase), 26),
        (has(char::is_ascii_digit), 10),
        (has(|c| c.is_ascii() && !c.is_ascii_alphanumeric()), 33),
        (has(|c| !c.is_ascii()), 100),
    ]
    .iter()
    .filter(|(present, _)| *present)
    .map(|(_, size)| size)
    .sum::<u32>();
    let chars = text.chars().count();
    let bits = (chars as f64) * f64::from(alphabet.max(1)).log2();
    Material {
        encoding: Encoding::Raw,
        chars,
        bytes: text.as_bytes().to_vec(),
        bits: bits.floor() as u32,
        alphabet,
    }
}

/// Shannon entropy in bits per character, over Unicode scalar values (gitleaks divides by
/// bytes, which skews non-ASCII text).
pub(crate) fn shannon(text: &str) -> f64 {
    let mut counts: Vec<(char, u32)> = Vec::new();
    let mut total = 0u32;
    for c in text.chars() {
        total += 1;
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    if total == 0 {
        return 0.0;
    }
    let total = f64::from(total);
    counts
        .iter()
        .map(|(_, n)| {
            let p = f64::from(*n) / total;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const B64_32: &str = "ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=";

    #[test]
    fn base64_padded_unpadded_and_url_safe_decode_to_the_same_length() {
        assert_eq!(decode_base64(B64_32, false).map(|b| b.len()), Ok(32));
        assert_eq!(
            decode_base64(B64_32.trim_end_matches('='), false).map(|b| b.len()),
            Ok(32)
        );
        let url = B64_32.replace('/', "_").replace('+', "-");
        assert_eq!(decode_base64(&url, false).map(|b| b.len()), Ok(32));
        assert_eq!(decode_base64(&url, true).map(|b| b.len()), Ok(32));
        assert_eq!(
            decode_base64(B64_32, true),
            Err(EncodingError::NotBase64 { position: 4 })
        );
    }

    #[test]
    fn base64_is_strict() {
        assert_eq!(
            decode_base64("ab+c-d==", false),
            Err(EncodingError::MixedAlphabets)
        );
        assert_eq!(decode_base64("abcde", false), Err(EncodingError::Length));
        assert_eq!(
            decode_base64("ab\ncd", false),
            Err(EncodingError::LineBreak)
        );
        // `QR==` has bits set in its last symbol that padding throws away.
        assert_eq!(decode_base64("QR==", false), Err(EncodingError::PadBits));
        assert_eq!(decode_base64("QQ=", false), Err(EncodingError::Padding));
        assert_eq!(decode_base64("Q=Q=", false), Err(EncodingError::Padding));
        assert_eq!(
            decode_base64("ab!d", false),
            Err(EncodingError::NotBase64 { position: 3 })
        );
    }

    #[test]
    fn hex_is_case_insensitive_and_even() {
        assert_eq!(decode_hex("00fFaA"), Ok(vec![0, 255, 170]));
        assert_eq!(decode_hex("abc"), Err(EncodingError::OddHexLength));
        assert_eq!(
            decode_hex("abcg"),
            Err(EncodingError::NotHex { position: 4 })
        );
    }

    #[test]
    fn the_estimator_follows_the_rules_table() {
        let hex64 = "d1571feee3307ac36e7ea0b28936c0810bce556b1554c3840063f2406f2a56c4";
        let m = read(hex64, Encoding::Any).unwrap();
        assert_eq!(
            (m.encoding, m.bytes.len(), m.bits),
            (Encoding::Hex, 32, 256)
        );
        let m = read(B64_32, Encoding::Any).unwrap();
        assert_eq!((m.encoding, m.bits), (Encoding::Base64, 256));
        let m = read(B64_32.trim_end_matches('='), Encoding::Any).unwrap();
        assert_eq!((m.encoding, m.bits), (Encoding::Base64, 256));
        // 30 hex digits are too short to be read as hex, and not canonical base64: raw text
        // from an alphabet of 36, 30 × 5.17 = 155 bits.
        let m = read("d1571feee3307ac36e7ea0b28936c0", Encoding::Any).unwrap();
        assert_eq!((m.encoding, m.bits), (Encoding::Raw, 155));
        // Alphanumeric text of a length 4n decodes as base64: 16 characters are 12 bytes.
        let m = read("k3Jx9Qw2Lm8Zp4Rt", Encoding::Any).unwrap();
        assert_eq!((m.encoding, m.bits), (Encoding::Base64, 96));
        // Raw: 21 characters from lower+upper+digits = 62 → 21 × 5.954 = 125 bits.
        let m = read("k3Jx9Qw2Lm8Zp4Rt7Vn1Q", Encoding::Any).unwrap();
        assert_eq!((m.encoding, m.alphabet, m.bits), (Encoding::Raw, 62, 125));
        // Non-ASCII adds 100 to the alphabet; code points count, not bytes.
        let m = raw("пароль");
        assert_eq!((m.chars, m.alphabet, m.bits), (6, 100, 39));
        assert_eq!(
            read(B64_32, Encoding::Hex).map(|m| m.bits),
            Err(EncodingError::NotHex { position: 2 })
        );
    }

    #[test]
    fn shannon_counts_characters() {
        assert_eq!(shannon("aaaa"), 0.0);
        assert!((shannon("abcd") - 2.0).abs() < 1e-9);
        assert!((shannon("ééàà") - 1.0).abs() < 1e-9);
    }

    #[test]
    fn debug_never_shows_the_bytes() {
        let m = read(B64_32, Encoding::Any).unwrap();
        let debug = format!("{m:?}");
        assert!(debug.contains("<32 bytes>"), "{debug}");
        assert!(!debug.contains("16,"), "{debug}");
    }
}
