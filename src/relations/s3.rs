//! S3-compatible object storage: bucket name, region, endpoint and keys together (RULES.md §6
//! and §1.6).
//!
//! - Bucket names by every general-purpose rule (3–63 characters, `a-z 0-9 . -`, letter or
//!   digit at both ends, no `..`, not an IP address) → `s3/invalid-bucket-name`; the reserved
//!   prefixes and suffixes → `s3/reserved-bucket-name`; directory buckets
//!   (`name--zone--x-s3`, no periods) by their own form; periods → `s3/dotted-bucket` (a
//!   warning, naming the TLS mismatch of virtual-hosted HTTPS).
//! - Region: an AWS partition pattern, lower case, not an availability zone; `auto` for R2;
//!   the region segment of an AWS or Backblaze B2 endpoint → `s3/invalid-region`,
//!   `s3/region-mismatch`.
//! - Endpoint: no path unless path-style addressing is on → `s3/endpoint-has-path`. Scheme,
//!   https in production and local hosts are the endpoint's `kind: url`.
//! - Keys, for AWS endpoints only: `AKIA`/`ASIA` + 16 base-32 characters → `s3/invalid-access-key-id`
//!   (other digits: `s3/unusual-access-key-id`); 40 characters of `A-Za-z0-9/+` →
//!   `s3/invalid-secret-key`; `ASIA` needs a session token → `s3/missing-session-token`, and
//!   with one it expires → `s3/temporary-credentials`. For every endpoint, AWS's documentation
//!   keys and MinIO's `minioadmin` → `s3/published-credentials` (unless the field's own secret
//!   kind reports them).

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use super::block::{self, Out, Parts};
use crate::diagnostic::{codes, Diagnostic, Profile};
use crate::document::read::{self, FromNode, ReadError};
use crate::document::Node;
use crate::kinds::web_url::WebUrl;
use crate::kinds::{Kind, UrlKind};
use crate::shown::{shown, shown_char};

/// `s3:` — which fields hold the storage settings.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct S3Block {
    pub bucket: String,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub endpoint: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub region: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub access_key_id: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub secret_access_key: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub session_token: Option<String>,
    /// A boolean field: path-style addressing.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub path_style: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub when: Option<crate::context::Condition>,
}

impl FromNode for S3Block {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "an S3 block", |keys| {
            Ok(S3Block {
                bucket: keys.require("bucket")?,
                endpoint: keys.get("endpoint")?,
                region: keys.get("region")?,
                access_key_id: keys.get("access_key_id")?,
                secret_access_key: keys.get("secret_access_key")?,
                session_token: keys.get("session_token")?,
                path_style: keys.get("path_style")?,
                when: keys.get("when")?,
            })
        })
    }
}

impl S3Block {
    /// Each part of the block with the field the schema maps onto it.
    pub(super) fn parts(&self) -> Vec<(&'static str, Option<&String>)> {
        vec![
            ("bucket", Some(&self.bucket)),
            ("endpoint", self.endpoint.as_ref()),
            ("region", self.region.as_ref()),
            ("access_key_id", self.access_key_id.as_ref()),
            ("secret_access_key", self.secret_access_key.as_ref()),
            ("session_token", self.session_token.as_ref()),
            ("path_style", self.path_style.as_ref()),
        ]
    }
}

/// An S3-compatible storage setup as a service configures it.
///
/// ```
/// use preflight::{Profile, S3Settings};
///
/// let s3 = S3Settings {
///     endpoint: Some("https://s3.eu-west-1.amazonaws.com".into()),
///     bucket: "acme.media".into(),
///     region: Some("eu-west-2".into()),
///     ..S3Settings::default()
/// };
/// let codes: Vec<_> = s3.check(Profile::Production).into_iter().map(|d| (d.code, d.pointer)).collect();
/// assert_eq!(codes, [("s3/dotted-bucket", "/bucket".to_string()), ("s3/region-mismatch", "/region".to_string())]);
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct S3Settings {
    /// `https://host[:port]`; `None` means AWS, as the SDKs default.
    pub endpoint: Option<String>,
    pub bucket: String,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    /// Never echoed.
    pub secret_access_key: Option<String>,
    /// Never echoed.
    pub session_token: Option<String>,
    /// Path-style addressing (`https://host/bucket/key`) instead of virtual-hosted.
    pub path_style: Option<bool>,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = |s: &Option<String>| s.as_ref().map(|_| "<hidden>");
        f.debug_struct("S3Settings")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("access_key_id", &hidden(&self.access_key_id))
            .field("secret_access_key", &hidden(&self.secret_access_key))
            .field("session_token", &hidden(&self.session_token))
            .field("path_style", &self.path_style)
            .finish()
    }
}

/// Who serves the endpoint, as far as its host tells.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Provider {
    /// AWS, with the region an `s3.<region>.amazonaws.com` host names.
    Aws(Option<String>),
    R2,
    /// Backblaze B2, with the region of `s3.<region>.backblazeb2.com`.
    B2(String),
    Other,
}

/// Reserved by AWS for its own features (S3NAMES).
const RESERVED_PREFIXES: &[&str] = &["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES: &[&str] = &["-s3alias", "--ol-s3", ".mrap", "--table-s3"];
/// AWS documentation example keys and MinIO's root default (AWS-KEYS, MINIO).
const PUBLISHED_KEYS: &[&str] = &[
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "minioadmin",
];
/// IAM unique-ID prefixes that are not access keys (AWS-KEYS).
const OTHER_IAM_PREFIXES: &[&str] = &[
    "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA", "ASCA",
];

impl S3Settings {
    /// Checks the endpoint URL on its own (https in production, no local host) and the
    /// settings together. Pointers are `/endpoint`, `/bucket`, `/region`, `/access_key_id`,
    /// `/secret_access_key`, `/session_token`; there are no spans.
    pub fn check(&self, profile: Profile) -> Vec<Diagnostic> {
        let values = [(
            "endpoint",
            Kind::Url(UrlKind::default()),
            self.endpoint.as_deref(),
        )];
        block::standalone(profile, &values, |out| self.rules(out))
    }

    pub(crate) fn from_parts(parts: &Parts<'_>) -> Self {
        S3Settings {
            endpoint: parts.text("endpoint"),
            bucket: parts.text("bucket").unwrap_or_default(),
            region: parts.text("region"),
            access_key_id: parts.text("access_key_id"),
            secret_access_key: parts.text("secret_access_key"),
            session_token: parts.text("session_token"),
            path_style: parts.flag("path_style"),
        }
    }

    /// Who serves the endpoint: AWS when none is set (as the SDKs default); `url` is the
    /// endpoint parsed once by [`S3Settings::rules`].
    fn provider(&self, url: Option<&WebUrl<'_>>) -> Provider {
        if self.endpoint.is_none() {
            return Provider::Aws(None);
        }
        let Some(host) = url.and_then(|u| u.host_str().map(str::to_ascii_lowercase)) else {
            return Provider::Other;
        };
        if let Some(rest) = host.strip_suffix(".amazonaws.com") {
            // s3.<region>, s3-<region>, s3.dualstack.<region>, <bucket>.s3.<region>
            let region = rest
                .rsplit('.')
                .find(|l| looks_like_region(l))
                .map(str::to_string);
            return Provider::Aws(region);
        }
        if host.ends_with(".r2.cloudflarestorage.com") {
            return Provider::R2;
        }
        if let Some(region) = host
            .strip_suffix(".backblazeb2.com")
            .and_then(|r| r.strip_prefix("s3."))
        {
            return Provider::B2(region.to_string());
        }
        Provider::Other
    }

    pub(crate) fn rules(&self, out: &mut Out<'_>) {
        let url = self
            .endpoint
            .as_deref()
            .and_then(|e| WebUrl::parse(e.trim()).ok());
        let provider = self.provider(url.as_ref());
        // Virtual-hosted addressing over HTTPS (the SDKs' default without an endpoint).
        let https = self.endpoint.is_none() || url.as_ref().is_some_and(|u| u.scheme() == "https");
        self.bucket_rules(https, out);
        if let Some(url) = &url {
            self.endpoint_rules(url, out);
        }
        self.region_rules(&provider, out);
        if matches!(provider, Provider::Aws(_)) {
            self.aws_key_rules(out);
        }
        for (part, value) in [
            ("access_key_id", &self.access_key_id),
            ("secret_access_key", &self.secret_access_key),
        ] {
            let Some(value) = value else { continue };
            if PUBLISHED_KEYS.contains(&value.as_str()) && !out.checked_as_secret(part) {
                let whose = if value == "minioadmin" {
                    "MinIO's default root credential"
                } else {
                    "the example key from AWS's documentation"
                };
                out.report(
                    &codes::S3_PUBLISHED_CREDENTIALS,
                    part,
                    format!("`{}` is {whose}; anyone can try it", out.name(part)),
                    Some("create a dedicated access key for this service".into()),
                );
            }
        }
    }

    fn bucket_rules(&self, https: bool, out: &mut Out<'_>) {
        let name = self.bucket.as_str();
        if name.is_empty() {
            return;
        }
        if let Some(problem) = bucket_problem(name) {
            out.report(
                &codes::S3_INVALID_BUCKET_NAME,
                "bucket",
                format!("`{}` is not a valid bucket name: {problem}", shown(name)),
                Some("use 3–63 lower-case letters, digits and hyphens, starting and ending with a letter or digit".into()),
            );
            return;
        }
        if let Some(reserved) = RESERVED_PREFIXES.iter().find(|p| name.starts_with(*p)) {
            out.report(
                &codes::S3_RESERVED_BUCKET_NAME,
                "bucket",
                format!("bucket names starting with `{reserved}` are reserved by AWS"),
                None,
            );
            return;
        }
        if let Some(reserved) = RESERVED_SUFFIXES.iter().find(|s| name.ends_with(*s)) {
            out.report(
                &codes::S3_RESERVED_BUCKET_NAME,
                "bucket",
                format!("bucket names ending with `{reserved}` are reserved by AWS"),
                None,
            );
            return;
        }
        if name.contains('.') {
            let message = if https && self.path_style != Some(true) {
                format!("the bucket name `{name}` has periods: with virtual-hosted addressing over HTTPS its host `{name}.s3…` does not match the wildcard certificate, so TLS fails")
            } else {
                format!("the bucket name `{name}` has periods, which AWS advises against (no Transfer Acceleration, TLS trouble with virtual-hosted addressing)")
            };
            out.report(
                &codes::S3_DOTTED_BUCKET,
                "bucket",
                message,
                Some(format!(
                    "use `{}`, or turn on path-style addressing",
                    name.replace('.', "-")
                )),
            );
        }
    }

    fn endpoint_rules(&self, url: &WebUrl<'_>, out: &mut Out<'_>) {
        let path = url.path();
        if path != "/" && !path.is_empty() && self.path_style != Some(true) {
            let help = url.to_url().map(|url| {
                let mut bare = url.into_owned();
                bare.set_path("");
                bare.set_query(None);
                // The help repeats the endpoint: never its credentials (`user:password@`).
                let _ = bare.set_password(None);
                let _ = bare.set_username("");
                format!(
                    "write `{}` and set the bucket in `{}`",
                    bare.as_str().trim_end_matches('/'),
                    out.name("bucket")
                )
            });
            out.report(
                &codes::S3_ENDPOINT_HAS_PATH,
                "endpoint",
                format!("the endpoint has the path `{path}`; the client adds the bucket itself, so requests go to the wrong place"),
                help,
            );
        }
    }

    fn region_rules(&self, provider: &Provider, out: &mut Out<'_>) {
        let Some(region) = self.region.as_deref() else {
            return;
        };
        match provider {
            Provider::Aws(endpoint_region) => {
                if let Some(problem) = aws_region_problem(region) {
                    out.report(&codes::S3_INVALID_REGION, "region", problem.0, problem.1);
                } else if let Some(expected) = endpoint_region.as_deref().filter(|r| *r != region) {
                    out.report(
                        &codes::S3_REGION_MISMATCH,
                        "region",
                        format!("the region `{region}` differs from `{expected}` in `{}`; SigV4 signatures will not match", out.name("endpoint")),
                        Some(format!("set `{}` to `{expected}`, or use the endpoint of `{region}`", out.name("region"))),
                    );
                }
            }
            Provider::R2 => {
                if !matches!(region, "auto" | "us-east-1") {
                    out.report(
                        &codes::S3_INVALID_REGION,
                        "region",
                        format!("Cloudflare R2 takes the region `auto`, not `{region}`"),
                        Some("write `auto`".into()),
                    );
                }
            }
            Provider::B2(expected) => {
                if region != expected {
                    out.report(
                        &codes::S3_REGION_MISMATCH,
                        "region",
                        format!(
                            "the region `{region}` differs from `{expected}` in `{}`",
                            out.name("endpoint")
                        ),
                        Some(format!("set `{}` to `{expected}`", out.name("region"))),
                    );
                }
            }
            Provider::Other => {}
        }
    }

    fn aws_key_rules(&self, out: &mut Out<'_>) {
        if let Some(id) = self.access_key_id.as_deref() {
            if PUBLISHED_KEYS.contains(&id) {
                // Reported below as a published credential.
            } else if let Some(prefix) = OTHER_IAM_PREFIXES.iter().find(|p| id.starts_with(*p)) {
                out.report(
                    &codes::S3_INVALID_ACCESS_KEY_ID,
                    "access_key_id",
                    format!("`{}` starts with `{prefix}`: an IAM ID of another kind (user, role, group…), not an access key", out.name("access_key_id")),
                    Some("create an access key; its ID starts with `AKIA`".into()),
                );
            } else if id.len() != 20
                || !(id.starts_with("AKIA") || id.starts_with("ASIA"))
                || !id[4..]
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            {
                out.report(
                    &codes::S3_INVALID_ACCESS_KEY_ID,
                    "access_key_id",
                    format!("`{}` is not an AWS access key ID: those are `AKIA` or `ASIA` and 16 upper-case letters and digits ({} characters here)", out.name("access_key_id"), id.chars().count()),
                    None,
                );
            } else if !id[4..]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
            {
                out.report(
                    &codes::S3_UNUSUAL_ACCESS_KEY_ID,
                    "access_key_id",
                    format!(
                        "`{}` has digits outside base 32 (2–7); only old keys look like that",
                        out.name("access_key_id")
                    ),
                    Some("check that the whole ID was copied".into()),
                );
            }
            if id.starts_with("ASIA") && id.len() == 20 {
                if self.session_token.is_none() {
                    out.report_near(
                        &codes::S3_MISSING_SESSION_TOKEN,
                        "session_token",
                        &["access_key_id"],
                        format!("`{}` is a temporary key (`ASIA…`), which only works with its session token", out.name("access_key_id")),
                        Some(format!("set `{}`, or use a long-term key (`AKIA…`)", out.name("session_token"))),
                    );
                } else {
                    out.report(
                        &codes::S3_TEMPORARY_CREDENTIALS,
                        "access_key_id",
                        format!("`{}` is a temporary key (`ASIA…`); it expires and the service loses its storage", out.name("access_key_id")),
                        Some("use a role the runtime assumes, or a long-term key for this service".into()),
                    );
                }
            }
        }
        if let Some(secret) = self.secret_access_key.as_deref() {
            if !PUBLISHED_KEYS.contains(&secret) {
                let len = secret.chars().count();
                let alphabet = secret
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+');
                if len != 40 || !alphabet {
                    out.report(
                        &codes::S3_INVALID_SECRET_KEY,
                        "secret_access_key",
                        format!("`{}` is not an AWS secret access key: those are 40 characters of `A-Z a-z 0-9 / +` ({len} characters{})", out.name("secret_access_key"), if alphabet { "" } else { ", other symbols" }),
                        Some("copy the whole secret from the key's creation".into()),
                    );
                }
            }
        }
    }
}

/// What makes a general-purpose or directory bucket name invalid (S3NAMES).
fn bucket_problem(name: &str) -> Option<String> {
    let len = name.chars().count();
    if !(3..=63).contains(&len) {
        return Some(format!("it has {len} characters, not 3 to 63"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '.' || *c == '-'))
    {
        return Some(if c.is_ascii_uppercase() {
            "it has upper-case letters".into()
        } else {
            format!(
                "`{}` is not allowed (only `a-z`, `0-9`, `.` and `-`)",
                shown_char(c)
            )
        });
    }
    let ends = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !ends(name.chars().next()) || !ends(name.chars().last()) {
        return Some("it must start and end with a letter or digit".into());
    }
    if name.contains("..") {
        return Some("it has two periods in a row".into());
    }
    if name.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some("it is formatted as an IP address".into());
    }
    if let Some(base) = name.strip_suffix("--x-s3") {
        // A directory bucket: base-name--zone-id--x-s3, no periods.
        if name.contains('.') {
            return Some("a directory bucket (`--x-s3`) has no periods".into());
        }
        let Some((base_name, zone)) = base.rsplit_once("--") else {
            return Some("a directory bucket is `base-name--zone-id--x-s3`".into());
        };
        if base_name.is_empty() || zone.is_empty() || !ends(base_name.chars().last()) {
            return Some("a directory bucket is `base-name--zone-id--x-s3`".into());
        }
    }
    None
}

/// A label shaped like an AWS region (`eu-west-1`, `us-gov-east-1`).
fn looks_like_region(label: &str) -> bool {
    // Three or more parts between hyphens: letters first, a number last (`eu-west-1`).
    let (Some((first, _)), Some((_, last))) = (label.split_once('-'), label.rsplit_once('-'))
    else {
        return false;
    };
    label.bytes().filter(|&b| b == b'-').count() >= 2
        && !last.is_empty()
        && last.bytes().all(|b| b.is_ascii_digit())
        && first.bytes().all(|b| b.is_ascii_lowercase())
}

/// Whether a region matches one AWS partition's pattern (PARTITIONS), in lower case.
fn aws_region_problem(region: &str) -> Option<(String, Option<String>)> {
    if region == "auto" {
        return Some((
            "`auto` is Cloudflare R2's region; AWS needs a real one".into(),
            Some("write the bucket's region, e.g. `us-east-1`".into()),
        ));
    }
    if region.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some((
            format!("the region `{region}` must be lower case"),
            Some(format!("write `{}`", region.to_ascii_lowercase())),
        ));
    }
    let last = region.rsplit('-').next().unwrap_or("");
    if last.len() > 1
        && last.ends_with(|c: char| c.is_ascii_lowercase())
        && last[..last.len() - 1].bytes().all(|b| b.is_ascii_digit())
    {
        let trimmed = &region[..region.len() - 1];
        return Some((
            format!("`{region}` is an availability zone, not a region"),
            Some(format!("write `{trimmed}`")),
        ));
    }
    // aws: (us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+; cn-, us-gov-, us-iso-, us-isob-, eu-isoe-,
    // us-isof-, eusc-de-: all of the form PREFIX-word-digits.
    const PREFIXES: &[&str] = &[
        "us-gov-", "us-iso-", "us-isob-", "us-isof-", "eu-isoe-", "eusc-de-", "cn-", "us-", "eu-",
        "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-",
    ];
    let valid = PREFIXES.iter().any(|p| {
        region.strip_prefix(p).is_some_and(|rest| {
            rest.rsplit_once('-').is_some_and(|(word, digits)| {
                !word.is_empty()
                    && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    && !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
            })
        })
    });
    (!valid).then(|| {
        (
            format!("`{region}` is not an AWS region (such as `us-east-1` or `eu-central-2`)"),
            None,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    type Expected = Vec<(&'static str, Severity, String)>;

    fn found(s: &S3Settings, profile: Profile) -> Vec<(&'static str, Severity, String)> {
        s.check(profile)
            .into_iter()
            .map(|d| (d.code, d.severity, d.pointer))
            .collect()
    }

    fn aws(bucket: &str, region: &str) -> S3Settings {
        S3Settings {
            bucket: bucket.into(),
            region: Some(region.into()),
            access_key_id: Some("AKIA2E7A5F3B244C4D7Q".into()),
            secret_access_key: Some(
                "9drTJvcXLB89EXAMPLEKEYxq7Fp2Lm3Nq4Rs5Tu6".replace("EXAMPLEKEY", "Wq8vN3xL5z"),
            ),
            ..S3Settings::default()
        }
    }

    #[test]
    fn bucket_names() {
        let bad = [
            "ab",
            &"a".repeat(64),
            "My-Bucket",
            "my_bucket",
            "-bucket",
            "bucket-",
            "my..bucket",
            "192.168.5.4",
            "base.name--usw2-az1--x-s3",
            "x--x-s3",
        ];
        for name in bad {
            assert!(bucket_problem(name).is_some(), "{name}");
        }
        for name in [
            "abc",
            "my-bucket-01",
            "a.b.c",
            "bucket-base-name--usw2-az1--x-s3",
        ] {
            assert_eq!(bucket_problem(name), None, "{name}");
        }
    }

    #[test]
    fn rules_per_profile() {
        use Profile::*;
        use Severity::*;
        let e = |c, p: &str| vec![(c, Error, p.to_string())];
        let w = |c, p: &str| vec![(c, Warning, p.to_string())];
        let with = |f: &dyn Fn(&mut S3Settings)| {
            let mut s = aws("acme-media", "eu-west-1");
            f(&mut s);
            s
        };
        let cases: Vec<(S3Settings, Profile, Expected)> = vec![
            (aws("acme-media", "eu-west-1"), Production, vec![]),
            (aws("acme-media", "us-gov-west-1"), Production, vec![]),
            (aws("acme-media", "cn-north-1"), Production, vec![]),
            (
                aws("Acme", "eu-west-1"),
                Development,
                e("s3/invalid-bucket-name", "/bucket"),
            ),
            (
                aws("xn--acme", "eu-west-1"),
                Production,
                e("s3/reserved-bucket-name", "/bucket"),
            ),
            (
                aws("acme-s3alias", "eu-west-1"),
                Production,
                e("s3/reserved-bucket-name", "/bucket"),
            ),
            (
                aws("sthree-configurator", "eu-west-1"),
                Production,
                e("s3/reserved-bucket-name", "/bucket"),
            ),
            (
                aws("acme.media", "eu-west-1"),
                Development,
                w("s3/dotted-bucket", "/bucket"),
            ),
            (
                aws("acme-media", "eu-west-1a"),
                Production,
                e("s3/invalid-region", "/region"),
            ),
            (
                aws("acme-media", "EU-WEST-1"),
                Production,
                e("s3/invalid-region", "/region"),
            ),
            (
                aws("acme-media", "europe"),
                Production,
                e("s3/invalid-region", "/region"),
            ),
            (
                aws("acme-media", "auto"),
                Production,
                e("s3/invalid-region", "/region"),
            ),
            (
                with(&|s| s.endpoint = Some("https://s3.eu-west-2.amazonaws.com".into())),
                Production,
                e("s3/region-mismatch", "/region"),
            ),
            (
                with(&|s| {
                    s.endpoint = Some("https://s3.eu-west-1.amazonaws.com/acme-media".into())
                }),
                Production,
                e("s3/endpoint-has-path", "/endpoint"),
            ),
            (
                with(&|s| {
                    s.endpoint = Some("https://minio.acme.io/storage".into());
                    s.path_style = Some(true);
                    s.region = None
                }),
                Production,
                vec![],
            ),
            (
                with(&|s| s.endpoint = Some("http://s3.eu-west-1.amazonaws.com".into())),
                Production,
                e("url/not-https", "/endpoint"),
            ),
            (
                with(&|s| {
                    s.endpoint = Some("http://minio:9000".into());
                    s.region = None
                }),
                Production,
                e("url/local-host", "/endpoint"),
            ),
            // R2 and B2 regions.
            (
                with(&|s| {
                    s.endpoint = Some(
                        "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com".into(),
                    );
                    s.region = Some("auto".into());
                    s.access_key_id = Some("x".repeat(32));
                }),
                Production,
                vec![],
            ),
            (
                with(&|s| {
                    s.endpoint = Some(
                        "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com".into(),
                    );
                    s.access_key_id = Some("x".repeat(32));
                }),
                Production,
                e("s3/invalid-region", "/region"),
            ),
            (
                with(&|s| {
                    s.endpoint = Some("https://s3.us-west-004.backblazeb2.com".into());
                    s.region = Some("us-west-002".into());
                }),
                Production,
                e("s3/region-mismatch", "/region"),
            ),
            // Keys, for AWS only.
            (
                with(&|s| s.access_key_id = Some("AIDAJQABLZS4A3QDU576".into())),
                Production,
                e("s3/invalid-access-key-id", "/access_key_id"),
            ),
            (
                with(&|s| s.access_key_id = Some("AKIA123".into())),
                Production,
                e("s3/invalid-access-key-id", "/access_key_id"),
            ),
            (
                with(&|s| s.access_key_id = Some("AKIA0123456789ABCDEF".into())),
                Production,
                w("s3/unusual-access-key-id", "/access_key_id"),
            ),
            (
                with(&|s| s.secret_access_key = Some("short".into())),
                Production,
                e("s3/invalid-secret-key", "/secret_access_key"),
            ),
            (
                with(&|s| s.access_key_id = Some("ASIA2E7A5F3B244C4D7Q".into())),
                Development,
                e("s3/missing-session-token", "/session_token"),
            ),
            (
                with(&|s| {
                    s.access_key_id = Some("ASIA2E7A5F3B244C4D7Q".into());
                    s.session_token = Some("FwoGZXIvYXdzEBYaDH".into())
                }),
                Production,
                w("s3/temporary-credentials", "/access_key_id"),
            ),
            (
                with(&|s| s.access_key_id = Some("AKIAIOSFODNN7EXAMPLE".into())),
                Production,
                e("s3/published-credentials", "/access_key_id"),
            ),
            (
                with(&|s| s.access_key_id = Some("AKIAIOSFODNN7EXAMPLE".into())),
                Development,
                w("s3/published-credentials", "/access_key_id"),
            ),
            (
                with(&|s| {
                    s.endpoint = Some("https://minio.acme.io".into());
                    s.access_key_id = Some("minioadmin".into());
                    s.secret_access_key = Some("minioadmin".into());
                    s.region = None
                }),
                Production,
                vec![
                    ("s3/published-credentials", Error, "/access_key_id".into()),
                    (
                        "s3/published-credentials",
                        Error,
                        "/secret_access_key".into(),
                    ),
                ],
            ),
            // Non-AWS endpoints: any key shape.
            (
                with(&|s| {
                    s.endpoint = Some("https://minio.acme.io".into());
                    s.access_key_id = Some("acme-media-writer".into());
                    s.region = None
                }),
                Production,
                vec![],
            ),
        ];
        for (settings, profile, expected) in cases {
            assert_eq!(
                found(&settings, profile),
                expected,
                "{settings:?} in {profile}"
            );
        }
    }

    #[test]
    fn region_labels_of_aws_host_names() {
        for (label, want) in [
            ("eu-west-1", true),
            ("us-gov-west-1", true),
            ("a--1", true),
            ("s3", false),
            ("dualstack", false),
            ("eu-west", false),
            ("eu-west-", false),
            ("Eu-west-1", false),
            ("eu-west-1a", false),
        ] {
            assert_eq!(looks_like_region(label), want, "{label}");
        }
    }

    #[test]
    fn an_endpoint_with_a_path_is_shown_without_it() {
        for (endpoint, bare) in [
            (
                "https://s3.eu-west-1.amazonaws.com/acme-media",
                "https://s3.eu-west-1.amazonaws.com",
            ),
            (
                "https://minio.acme.io:9000/acme-media",
                "https://minio.acme.io:9000",
            ),
            (
                "https://MinIO.acme.io/acme-media?x=1",
                "https://minio.acme.io",
            ),
            (
                "https://minio:SuperSecretPw99@minio.acme.io/acme-media",
                "https://minio.acme.io",
            ),
        ] {
            let settings = S3Settings {
                endpoint: Some(endpoint.into()),
                region: None,
                ..aws("acme-media", "eu-west-1")
            };
            let helps: Vec<_> = settings
                .check(Profile::Development)
                .into_iter()
                .filter(|d| d.code == "s3/endpoint-has-path")
                .map(|d| d.help)
                .collect();
            assert_eq!(
                helps,
                [Some(format!(
                    "write `{bare}` and set the bucket in `bucket`"
                ))],
                "{endpoint}"
            );
        }
    }

    #[test]
    fn debug_hides_keys() {
        let s = aws("acme-media", "eu-west-1");
        let shown = format!("{s:?}");
        assert!(!shown.contains("AKIA2E0A"), "{shown}");
        assert!(!shown.contains("9drTJ"), "{shown}");
    }
}
