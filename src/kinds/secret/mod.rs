//! `kind: secret` — a machine secret: a session or signing key, an API token, an encryption
//! key (RULES.md §1.2–§1.4).
//!
//! Order of the checks, each its own code:
//! 1. empty (S1), unresolved template (S2);
//! 2. form, in every profile: line breaks and surrounding whitespace (S9), the encoding the
//!    schema asks for, its length (`min_chars`, `min_bytes`, `exact_bytes`), and the RFC 7518
//!    key size for `jwt: hs256|hs384|hs512`;
//! 3. what the value is known as: a dev marker (S3, fine in development and then nothing more
//!    is said), a published example key, a shipped default, a placeholder (S4);
//! 4. quality: a UUID (S8), low diversity (S5), estimated strength against `min_bits` (S6) and
//!    256 bits (S7), a low Shannon entropy as a red flag;
//! 5. in development only, the inverse rule: a value that looks like a live production key.
//!
//! No message or help contains any part of the value: they describe it (length, encoding,
//! estimated bits). The engine marks the value's span so renderers mask it.

mod known;
mod material;
mod shape;

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::scalar;
use crate::context::Cx;
use crate::diagnostic::codes;
use crate::document::read::{self, Keys, ReadError};
use crate::document::Node;
use crate::span::Span;

pub(crate) use known::{is_common_password, is_dev_value, Known};
pub use material::Encoding;

/// Whether a value is a known placeholder, whole or in part (`replace-me`, `changeme`).
pub(crate) fn is_placeholder(value: &str) -> bool {
    matches!(known::whole_value(value, &[]), Some(Known::Placeholder))
        || known::placeholder_fragment(value).is_some()
}
/// Whether a value is one the secret kind reports for what it is rather than for its
/// strength: a placeholder, a development value, or a published or shipped default key.
pub(crate) fn is_known_non_secret(value: &str) -> bool {
    is_placeholder(value) || is_dev_value(value, &[]) || known::whole_value(value, &[]).is_some()
}
pub(crate) use material::{read, Material};
pub(crate) use shape::{low_diversity, Template};

use super::ParamError;

/// The HMAC algorithm a JWT key is for; RFC 7518 §3.2 sets its minimum key size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(rename_all = "lowercase"))]
pub enum JwtAlgorithm {
    Hs256,
    Hs384,
    Hs512,
}

read::from_names!(JwtAlgorithm {
    "hs256" => JwtAlgorithm::Hs256,
    "hs384" => JwtAlgorithm::Hs384,
    "hs512" => JwtAlgorithm::Hs512,
});

impl JwtAlgorithm {
    fn min_bytes(self) -> usize {
        match self {
            JwtAlgorithm::Hs256 => 32,
            JwtAlgorithm::Hs384 => 48,
            JwtAlgorithm::Hs512 => 64,
        }
    }
    fn name(self) -> &'static str {
        match self {
            JwtAlgorithm::Hs256 => "HS256",
            JwtAlgorithm::Hs384 => "HS384",
            JwtAlgorithm::Hs512 => "HS512",
        }
    }
}

/// Parameters of `kind: secret`.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct SecretKind {
    /// How the value is written (default `any`).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub encoding: Encoding,
    /// Decoded bytes at least (UTF-8 bytes for raw text).
    pub min_bytes: Option<usize>,
    /// Decoded bytes exactly (an AES-256 key is 32).
    pub exact_bytes: Option<usize>,
    /// Characters (code points) at least, as services that count `len()` of the text require.
    pub min_chars: Option<usize>,
    /// Estimated strength below which the value is an error in production (default 128; 160
    /// for JWT keys, per the OWASP JWT Cheat Sheet).
    pub min_bits: Option<u32>,
    /// The value is an HMAC key for this JWT algorithm.
    pub jwt: Option<JwtAlgorithm>,
    /// Line breaks inside the value are expected (a PEM block).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub allow_newline: bool,
    /// Values this system ships for development: fine there, errors in production.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub dev_values: Vec<String>,
    /// More whole values to treat as placeholders.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub placeholders: Vec<String>,
    /// Values published in the system's own public repository or docs (committed dev keys):
    /// anyone can read them, so they are never secret.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub published: Vec<String>,
    /// The value is written into a URL as is (pgStack's `AUTHENTICATOR_PASSWORD` inside
    /// `DATABASE_URL`): only RFC 3986 unreserved characters.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub url_safe: bool,
}

impl SecretKind {
    /// Reads the kind's parameters from the field's mapping.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(SecretKind {
            encoding: keys.get("encoding")?,
            min_bytes: keys.get("min_bytes")?,
            exact_bytes: keys.get("exact_bytes")?,
            min_chars: keys.get("min_chars")?,
            min_bits: keys.get("min_bits")?,
            jwt: keys.get("jwt")?,
            allow_newline: keys.get("allow_newline")?,
            dev_values: keys.get("dev_values")?,
            placeholders: keys.get("placeholders")?,
            published: keys.get("published")?,
            url_safe: keys.get("url_safe")?,
        })
    }
}

/// Below this a secret is weaker than the HMAC-SHA-256 key size (RFC 2104 §3, RFC 7518).
const RECOMMENDED_BITS: u32 = 256;

impl SecretKind {
    pub(crate) fn validate(&self) -> Result<(), ParamError> {
        if self.min_bytes.is_some() && self.exact_bytes.is_some() {
            return Err(ParamError::new(
                "exact_bytes",
                "set `min_bytes` or `exact_bytes`, not both",
            ));
        }
        if self.allow_newline
            && matches!(
                self.encoding,
                Encoding::Hex | Encoding::Base64 | Encoding::Base64url
            )
        {
            return Err(ParamError::new(
                "allow_newline",
                "hex and base64 secrets cannot contain line breaks",
            ));
        }
        Ok(())
    }

    fn min_bits(&self) -> u32 {
        self.min_bits
            .unwrap_or(if self.jwt.is_some() { 160 } else { 128 })
    }

    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        let empty_help = "set a random value, e.g. from `openssl rand -base64 32`";
        let Some(text) = first_checks(node, cx, "secret", empty_help, self.allow_newline) else {
            return;
        };
        let span = node.span;
        let value = text.trim();
        let material = match material::read(value, self.encoding) {
            Ok(m) => m,
            Err(e) => {
                return cx.report(
                    &codes::SECRET_WRONG_ENCODING,
                    span,
                    format!(
                        "the secret is not valid {}: {}",
                        self.encoding.name(),
                        e.describe()
                    ),
                    self.help(),
                )
            }
        };
        self.check_length(&material, span, cx);
        // Counted only for fields written into a URL.
        let unsafe_chars = if self.url_safe {
            value
                .chars()
                .filter(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')))
                .count()
        } else {
            0
        };
        if unsafe_chars > 0 {
            cx.report(
                &codes::SECRET_NOT_URL_SAFE,
                span,
                format!("the secret has {unsafe_chars} character(s) that a URL must percent-encode, but it is written into a URL as is"),
                Some("use only letters, digits and `-._~`, e.g. from `openssl rand -hex 32`".into()),
            );
        }
        if let Some(alg) = self.jwt {
            check_jwt_size(alg, value, &material, self.encoding, span, cx);
        }
        if known::is_dev_value(value, &self.dev_values) {
            return cx.report(
                &codes::SECRET_DEV_MARKER,
                span,
                "the secret is marked for development only",
                self.help(),
            );
        }
        if self.published.iter().any(|p| p.trim() == value) {
            return cx.report(
                &codes::SECRET_PLACEHOLDER,
                span,
                "the secret is committed to the system's public repository, so anyone can use it",
                Some("generate a new value, revoke the published one, and keep config files with secrets out of version control".into()),
            );
        }
        if report_known(value, &self.placeholders, true, span, cx) {
            return;
        }
        self.check_quality(value, &material, span, cx);
        let live = cx.enabled(&codes::SECRET_LOOKS_LIVE);
        if let Some(why) = shape::looks_live(value).filter(|_| live) {
            cx.report(
                &codes::SECRET_LOOKS_LIVE,
                span,
                format!("a development config holds what looks like a live secret ({why})"),
                Some(
                    "use a development value here and keep production secrets out of local configs"
                        .into(),
                ),
            );
        }
    }

    /// The help that says how to generate a value of the right shape.
    fn help(&self) -> Option<String> {
        Some(generate_help(self.encoding, self.wanted_bytes()))
    }

    /// Decoded bytes the schema asks for, for the `openssl rand` hint.
    fn wanted_bytes(&self) -> usize {
        let jwt = self.jwt.map_or(0, JwtAlgorithm::min_bytes);
        self.exact_bytes
            .or(self.min_bytes)
            .unwrap_or(32)
            .max(jwt)
            .max(self.min_chars.map_or(0, |c| c.div_ceil(4) * 3))
    }

    fn check_length(&self, m: &Material, span: Option<Span>, cx: &mut Cx<'_>) {
        if let Some(min) = self.min_chars.filter(|min| m.chars < *min) {
            cx.report(
                &codes::SECRET_TOO_SHORT,
                span,
                format!(
                    "the secret is {} characters long; at least {min} are required",
                    m.chars
                ),
                self.help(),
            );
        }
        if let Some(min) = self.min_bytes.filter(|min| m.bytes.len() < *min) {
            cx.report(
                &codes::SECRET_TOO_SHORT,
                span,
                format!(
                    "the secret is {}; at least {min} bytes are required",
                    m.describe()
                ),
                self.help(),
            );
        }
        if let Some(exact) = self.exact_bytes.filter(|n| m.bytes.len() != *n) {
            cx.report(
                &codes::SECRET_WRONG_LENGTH,
                span,
                format!(
                    "the secret is {}; exactly {exact} bytes are required",
                    m.describe()
                ),
                self.help(),
            );
        }
    }

    fn check_quality(&self, value: &str, m: &Material, span: Option<Span>, cx: &mut Cx<'_>) {
        if shape::is_uuid(value) {
            return cx.report(
                &codes::SECRET_UUID,
                span,
                "the secret is a UUID, an identifier with at most 122 random bits",
                self.help(),
            );
        }
        if let Some(why) = shape::low_diversity(value) {
            return cx.report(
                &codes::SECRET_LOW_DIVERSITY,
                span,
                format!("the secret has too little variety: {why}"),
                self.help(),
            );
        }
        let min_bits = self.min_bits();
        if m.bits < min_bits {
            cx.report(
                &codes::SECRET_TOO_WEAK,
                span,
                format!(
                    "the secret is {}; at least {min_bits} bits are required",
                    m.describe()
                ),
                self.help(),
            );
        } else if m.bits < RECOMMENDED_BITS && self.min_bits.is_none() {
            // A schema that sets `min_bits` below 256 has accepted that strength (AWS secret
            // access keys carry 240 bits by design, RULES.md §1.6).
            cx.report(
                &codes::SECRET_BELOW_256_BITS,
                span,
                format!(
                    "the secret is {}; 256 bits match the HMAC-SHA-256 key size",
                    m.describe()
                ),
                self.help(),
            );
        }
        let entropy = material::shannon(value);
        if m.chars >= 16 && entropy < 3.0 {
            cx.report(
                &codes::SECRET_LOW_ENTROPY,
                span,
                format!(
                    "the secret's characters are unevenly spread ({} bits of Shannon entropy per character; random values have 3.5 or more)",
                    preflight_host_text::float::tenths(entropy)
                ),
                self.help(),
            );
        }
    }
}

/// The checks every secret and password starts with: a scalar (`schema/wrong-type`), not
/// blank (S1), not a template (S2), no stray whitespace (S9). The text when the kind's own
/// checks should go on.
pub(crate) fn first_checks<'n>(
    node: &'n Node,
    cx: &mut Cx<'_>,
    noun: &str,
    empty_help: &str,
    allow_newline: bool,
) -> Option<std::borrow::Cow<'n, str>> {
    let text = scalar(node, cx, &format!("a {noun}"))?;
    let value = text.trim();
    if value.is_empty() {
        cx.report(
            &codes::SECRET_EMPTY,
            node.span,
            format!("the {noun} is empty"),
            Some(empty_help.into()),
        );
        return None;
    }
    if report_template(value, node.span, cx) {
        return None;
    }
    report_whitespace(&text, allow_newline, node.span, cx);
    Some(text)
}

/// Reports an unresolved template; quotes it only when it is the whole value.
fn report_template(value: &str, span: Option<Span>, cx: &mut Cx<'_>) -> bool {
    let Some(found) = shape::template(value) else {
        return false;
    };
    // Quoted only when it is plainly a reference (`${JWT_SECRET}`, `<your key>`): a secret
    // that merely starts with `<` and ends with `>` stays unquoted.
    let reference = value.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '$' | '{' | '}' | '<' | '>' | '%' | '_' | '-' | '.' | ' ')
    });
    let message = match found {
        Template::Whole if reference => {
            format!("the secret is the unresolved template `{value}`")
        }
        Template::Whole => "the secret is an unresolved template".to_string(),
        Template::Inside => "the secret contains an unresolved template".to_string(),
    };
    cx.report(
        &codes::VALUE_UNRESOLVED_TEMPLATE,
        span,
        message,
        Some("preflight checks values as written; render the template first, or write the real secret (in an env file, write `$$` for a literal `$`)".into()),
    );
    true
}

/// S9: whitespace around the value, or line breaks inside it.
fn report_whitespace(text: &str, allow_newline: bool, span: Option<Span>, cx: &mut Cx<'_>) {
    let value = text.trim();
    if !allow_newline && value.contains(['\n', '\r']) {
        cx.report(
            &codes::SECRET_LINE_BREAK,
            span,
            format!(
                "the secret is wrapped over {} lines",
                value.lines().count()
            ),
            Some("write it on one line (`openssl rand -base64` wraps at 64 columns; use `-A` or `tr -d '\\n'`)".into()),
        );
    }
    if text != value {
        cx.report(
            &codes::SECRET_WHITESPACE,
            span,
            "the secret has whitespace before or after it",
            Some(
                "remove the surrounding whitespace; most services use the value byte for byte"
                    .into(),
            ),
        );
    }
}

/// S4: a published example key, a shipped default or a placeholder. `fragments` also matches
/// placeholder words inside the value (machine secrets only).
pub(crate) fn report_known(
    value: &str,
    extra: &[String],
    fragments: bool,
    span: Option<Span>,
    cx: &mut Cx<'_>,
) -> bool {
    let help = "generate a random value, e.g. `openssl rand -base64 32`, and keep it out of version control";
    match known::whole_value(value, extra) {
        Some(Known::Example(source)) => cx.report(
            &codes::SECRET_PLACEHOLDER,
            span,
            format!("the secret is {source}, published for anyone to use"),
            Some(help.into()),
        ),
        Some(Known::Default(source)) => cx.report(
            &codes::SECRET_SHIPPED_DEFAULT,
            span,
            format!("the secret is the default from {source}"),
            Some(help.into()),
        ),
        Some(Known::Placeholder) => cx.report(
            &codes::SECRET_PLACEHOLDER,
            span,
            "the secret is a placeholder word",
            Some(help.into()),
        ),
        // The word is not quoted: it is a piece of the secret's value.
        None => match known::placeholder_fragment(value).filter(|_| fragments) {
            Some(_) => cx.report(
                &codes::SECRET_PLACEHOLDER,
                span,
                "the secret contains a placeholder word",
                Some(help.into()),
            ),
            None => return false,
        },
    }
    true
}

/// RFC 7518 §3.2: the key is at least the hash output size. Libraries take the raw UTF-8
/// bytes of the string unless the schema says the key is encoded.
fn check_jwt_size(
    alg: JwtAlgorithm,
    value: &str,
    m: &Material,
    encoding: Encoding,
    span: Option<Span>,
    cx: &mut Cx<'_>,
) {
    let (bytes, reading) = match encoding {
        Encoding::Any | Encoding::Raw => (value.len(), "raw bytes"),
        _ => (m.bytes.len(), "decoded bytes"),
    };
    if bytes < alg.min_bytes() {
        cx.report(
            &codes::SECRET_JWT_KEY_TOO_SHORT,
            span,
            format!(
                "the {} key is {bytes} {reading}; RFC 7518 requires at least {} ({} bits)",
                alg.name(),
                alg.min_bytes(),
                alg.min_bytes() * 8
            ),
            Some(format!(
                "generate one with `openssl rand -base64 {}`",
                alg.min_bytes()
            )),
        );
    }
}

/// The command that makes a value of the right shape.
fn generate_help(encoding: Encoding, bytes: usize) -> String {
    match encoding {
        Encoding::Hex => format!("generate one with `openssl rand -hex {bytes}`"),
        Encoding::Base64url => {
            format!("generate one with `openssl rand -base64 {bytes} | tr '+/' '-_' | tr -d '='`")
        }
        _ => format!("generate one with `openssl rand -base64 {bytes}`"),
    }
}

#[cfg(test)]
mod tests;
