//! `--schema auto` and `preflight init`: a schema inferred from a config's names and values,
//! written as commented YAML (one implementation: `auto` compiles the text `init` writes).
//!
//! Every rule is a row of [`RULES`]: a name pattern (on the key, or a YAML key's path joined
//! with `_`: `database.url` is `DATABASE_URL`), a test of the value, the kind it gives and why.
//! Precision is the point — a rule that fires on a correct config costs trust — so a name that
//! says little (`*_KEY`, which may be a public key or an ID) infers nothing, and the first rule
//! that matches wins. Unknown keys are never findings (`unknown_fields: ignore`).

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use crate::document::{Document, Node, Value};
use crate::input::Format;
use crate::pointer;

/// How a rule matches a normalized name (upper case, `_`-separated).
#[derive(Debug, Clone, Copy)]
pub enum Name {
    Exact(&'static str),
    Suffix(&'static str),
    Contains(&'static str),
    /// Both pieces, in this order.
    Both(&'static str, &'static str),
}

/// What the value must look like for a rule to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    /// Non-empty, and not a number, a boolean or a duration.
    Secretlike,
    NonEmpty,
    Digits,
    /// `scheme://…` with this scheme (or one of the `|`-separated ones).
    Scheme(&'static str),
    /// A port number other than 0 (which many services read as "pick one" or "off").
    PortNumber,
    /// Holds an `@`.
    At,
    /// A number with a unit (`30s`, `5m`, `250ms`).
    WithUnit,
    /// Any value.
    Any,
}

/// One row of the inference table.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub name: Name,
    pub test: Test,
    /// The field as the schema writes it (without the key): `{ kind: port }`.
    pub kind: &'static str,
    pub why: &'static str,
}

use Name::*;
use Test::*;

/// The table, in order: the first rule whose name and value match gives the kind.
pub const RULES: &[Rule] = &[
    // Not secrets, though their names say SECRET, TOKEN or PASSWORD.
    Rule {
        name: Suffix("_FILE"),
        test: Any,
        kind: "",
        why: "a path to a file, not the value itself",
    },
    Rule {
        name: Contains("_TTL"),
        test: WithUnit,
        kind: "{ kind: duration }",
        why: "a time to live with its unit",
    },
    Rule {
        name: Suffix("_TTL"),
        test: Any,
        kind: "",
        why: "a time to live, not a secret",
    },
    Rule {
        name: Contains("EXPIR"),
        test: Any,
        kind: "",
        why: "an expiry, not a secret",
    },
    Rule {
        name: Suffix("_LENGTH"),
        test: Any,
        kind: "",
        why: "a length, not a secret",
    },
    Rule {
        name: Suffix("_USER"),
        test: Any,
        kind: "",
        why: "a user name",
    },
    Rule {
        name: Suffix("_USERNAME"),
        test: Any,
        kind: "",
        why: "a user name",
    },
    // Secrets and passwords.
    Rule {
        name: Suffix("_PASSWORD"),
        test: NonEmpty,
        kind: "{ kind: password }",
        why: "the name ends in _PASSWORD",
    },
    Rule {
        name: Exact("PASSWORD"),
        test: NonEmpty,
        kind: "{ kind: password }",
        why: "the name is PASSWORD",
    },
    Rule {
        name: Contains("SECRET_KEY"),
        test: Secretlike,
        kind: "{ kind: secret }",
        why: "the name holds SECRET_KEY",
    },
    Rule {
        name: Suffix("_SECRET"),
        test: Secretlike,
        kind: "{ kind: secret }",
        why: "the name ends in _SECRET",
    },
    Rule {
        name: Exact("SECRET"),
        test: Secretlike,
        kind: "{ kind: secret }",
        why: "the name is SECRET",
    },
    Rule {
        name: Suffix("_TOKEN"),
        test: Secretlike,
        kind: "{ kind: secret }",
        why: "the name ends in _TOKEN",
    },
    Rule {
        name: Suffix("_SECRET_ACCESS_KEY"),
        test: Secretlike,
        // An AWS secret access key is 40 characters of base64: about 240 bits.
        kind: "{ kind: secret, min_bits: 128 }",
        why: "the name ends in _SECRET_ACCESS_KEY",
    },
    Rule {
        name: Suffix("_ENCRYPTION_KEY"),
        test: Secretlike,
        kind: "{ kind: secret }",
        why: "the name ends in _ENCRYPTION_KEY",
    },
    Rule {
        name: Suffix("_SIGNING_KEY"),
        test: Secretlike,
        kind: "{ kind: secret }",
        why: "the name ends in _SIGNING_KEY",
    },
    Rule {
        name: Suffix("_API_KEY"),
        test: Secretlike,
        kind: "{ kind: secret }",
        why: "the name ends in _API_KEY",
    },
    // Connection URLs, by the scheme the value names.
    Rule {
        name: Suffix("_URL"),
        test: Scheme("postgres|postgresql"),
        kind: "{ kind: postgres_url }",
        why: "a _URL whose scheme is postgres",
    },
    Rule {
        name: Suffix("_DSN"),
        test: Scheme("postgres|postgresql"),
        kind: "{ kind: postgres_url }",
        why: "a _DSN whose scheme is postgres",
    },
    Rule {
        name: Suffix("_URL"),
        test: Scheme("redis|rediss"),
        kind: "{ kind: redis_url }",
        why: "a _URL whose scheme is redis",
    },
    Rule {
        name: Suffix("_URL"),
        test: Scheme("http|https"),
        kind: "{ kind: url, allow_userinfo: true }",
        why: "a _URL whose scheme is http(s)",
    },
    Rule {
        name: Suffix("_URI"),
        test: Scheme("http|https"),
        kind: "{ kind: url, allow_userinfo: true }",
        why: "a _URI whose scheme is http(s)",
    },
    // Origins and networks.
    Rule {
        name: Both("CORS", "ORIGIN"),
        test: NonEmpty,
        kind: "{ kind: list, item: { kind: origin } }",
        why: "a CORS origin list",
    },
    Rule {
        name: Contains("ALLOWED_ORIGINS"),
        test: NonEmpty,
        kind: "{ kind: list, item: { kind: origin } }",
        why: "an allowed-origins list",
    },
    Rule {
        name: Exact("TRUSTED_PROXIES"),
        test: NonEmpty,
        kind: "{ kind: list, item: { kind: cidr, purpose: trusted_proxies } }",
        why: "trusted proxies",
    },
    Rule {
        name: Suffix("_TRUSTED_PROXIES"),
        test: NonEmpty,
        kind: "{ kind: list, item: { kind: cidr, purpose: trusted_proxies } }",
        why: "trusted proxies",
    },
    Rule {
        name: Suffix("_CIDRS"),
        test: NonEmpty,
        kind: "{ kind: list, item: { kind: cidr } }",
        why: "the name ends in _CIDRS",
    },
    // Ports, addresses, durations.
    Rule {
        name: Suffix("_PORT"),
        test: PortNumber,
        kind: "{ kind: port }",
        why: "the name ends in _PORT",
    },
    Rule {
        name: Exact("PORT"),
        test: PortNumber,
        kind: "{ kind: port }",
        why: "the name is PORT",
    },
    Rule {
        name: Suffix("_EMAIL"),
        test: At,
        kind: "{ kind: email }",
        why: "an _EMAIL holding an @",
    },
    Rule {
        name: Contains("_FROM"),
        test: At,
        kind: "{ kind: email_name }",
        why: "a sender (_FROM) holding an @",
    },
    Rule {
        name: Suffix("_TIMEOUT"),
        test: WithUnit,
        kind: "{ kind: duration }",
        why: "a _TIMEOUT with its unit",
    },
    Rule {
        name: Suffix("_INTERVAL"),
        test: WithUnit,
        kind: "{ kind: duration }",
        why: "an _INTERVAL with its unit",
    },
];

/// The host and TLS setting of an SMTP group, declared so the `smtp` block can read them.
const SMTP_HOST: Rule = Rule {
    name: Suffix("SMTP_HOST"),
    test: NonEmpty,
    kind: "{ kind: hostname }",
    why: "the host of an SMTP group",
};
const SMTP_TLS: Rule = Rule {
    name: Suffix("SMTP_TLS"),
    test: NonEmpty,
    kind: "{ kind: string }",
    why: "the TLS setting of an SMTP group",
};

/// The fields of an S3 group (a `…BUCKET` with its region, endpoint and keys) and of a
/// WebAuthn relying party (`…RP_ID` with `…RP_ORIGIN`), declared so their blocks can read them.
const S3_BUCKET: Rule = Rule {
    name: Suffix("BUCKET"),
    test: NonEmpty,
    kind: "{ kind: string }",
    why: "the bucket of an S3 group",
};
const S3_REGION: Rule = Rule {
    name: Suffix("REGION"),
    test: NonEmpty,
    kind: "{ kind: string }",
    why: "the region of an S3 group",
};
const S3_ENDPOINT: Rule = Rule {
    name: Suffix("ENDPOINT"),
    test: NonEmpty,
    kind: "{ kind: url }",
    why: "the endpoint of an S3 group",
};
const S3_ACCESS_KEY: Rule = Rule {
    name: Suffix("ACCESS_KEY_ID"),
    test: NonEmpty,
    kind: "{ kind: string }",
    why: "the access key ID of an S3 group",
};
const RP_ID: Rule = Rule {
    name: Suffix("RP_ID"),
    test: NonEmpty,
    kind: "{ kind: hostname }",
    why: "a WebAuthn relying party ID",
};
const RP_ORIGIN: Rule = Rule {
    name: Suffix("RP_ORIGIN"),
    test: NonEmpty,
    kind: "{ kind: origin, webauthn: true }",
    why: "a WebAuthn relying party origin",
};

/// One inferred field: where it is, the name the rule read, the rule.
#[derive(Debug, Clone)]
struct Inferred {
    /// The schema's key: an env name, or a YAML pointer.
    key: String,
    name: String,
    rule: &'static Rule,
}

/// The first rule for `name` (normalized) and `value`, if any gives a kind.
pub fn rule_for(name: &str, value: &str) -> Option<&'static Rule> {
    let rule = RULES
        .iter()
        .find(|r| names(r.name, name) && passes(r.test, value))?;
    (!rule.kind.is_empty()).then_some(rule)
}

fn names(pattern: Name, name: &str) -> bool {
    match pattern {
        Exact(n) => name == n,
        Suffix(s) => name.ends_with(s),
        Contains(c) => name.contains(c),
        Both(a, b) => name
            .find(a)
            .is_some_and(|i| name[i + a.len()..].contains(b)),
    }
}

fn passes(test: Test, value: &str) -> bool {
    let value = value.trim();
    let number_with_unit = || {
        let digits = value.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !digits.is_empty()
            && digits.len() < value.len()
            && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
    };
    match test {
        Any => true,
        NonEmpty => !value.is_empty(),
        Digits => !value.is_empty() && value.chars().all(|c| c.is_ascii_digit()),
        PortNumber => passes(Digits, value) && !value.trim_start_matches('0').is_empty(),
        At => value.contains('@'),
        WithUnit => number_with_unit(),
        Scheme(schemes) => value
            .split_once("://")
            .is_some_and(|(s, _)| schemes.split('|').any(|x| x.eq_ignore_ascii_case(s))),
        Secretlike => {
            !value.is_empty()
                && !value.chars().all(|c| c.is_ascii_digit())
                && !matches!(value.to_ascii_lowercase().as_str(), "true" | "false")
                && !number_with_unit()
        }
    }
}

/// The format of a config whose name does not say (`.env.example`, `env.production.bad`): env
/// when the name holds an `env` part or the first line that sets something is `KEY=value`,
/// JSON when the text starts with `{`, else YAML.
pub fn sniff_format(name: &str, text: &str) -> Format {
    let base = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_ascii_lowercase();
    if base.split(['.', '-', '_']).any(|part| part == "env") {
        return Format::Env;
    }
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    if first.starts_with('{') {
        return Format::Json;
    }
    let key_end = first.find(['=', ':']).unwrap_or(first.len());
    let is_key = key_end > 0
        && first[..key_end]
            .trim_start_matches("export ")
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if is_key && first[key_end..].starts_with('=') {
        Format::Env
    } else {
        Format::Yaml
    }
}

/// `database.url` → `DATABASE_URL`; `smtpPort` → `SMTP_PORT`.
pub fn normalize(tokens: &[&str]) -> String {
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            out.push('_');
        }
        let mut previous_lower = false;
        for ch in token.chars() {
            if ch.is_ascii_uppercase() && previous_lower {
                out.push('_');
            }
            previous_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
            out.push(if ch.is_ascii_alphanumeric() {
                ch.to_ascii_uppercase()
            } else {
                '_'
            });
        }
    }
    out
}

/// The inferred schema of `document` as commented YAML, named `name`.
pub fn schema_text(document: &Document, name: &str) -> String {
    let format = document.format().unwrap_or(Format::Yaml);
    let mut found = Vec::new();
    let mut relations = Vec::new();
    if let Some(root) = document.root() {
        let mut path = Vec::new();
        let mut all = Vec::new();
        let mut disabled = Vec::new();
        leaves(root, format, &mut path, &mut found, &mut all, &mut disabled);
        relations = groups(&mut found, &all, &disabled);
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Inferred by preflight from the names and values of the config (`preflight init`)."
    );
    let _ = writeln!(
        out,
        "# Each field says why its kind was chosen; mark what production needs with"
    );
    let _ = writeln!(
        out,
        "# `required: production`, and add what the names could not say."
    );
    let _ = writeln!(out, "schema: {}", yaml_string(name));
    let _ = writeln!(out, "format: {format}");
    let _ = writeln!(out, "unknown_fields: ignore");
    let _ = writeln!(
        out,
        "# Words an example file ships for the operator to replace, in any value."
    );
    let _ = writeln!(out, "placeholders:");
    let _ = writeln!(
        out,
        "  contains: [replace-me, replace_me, replace-with, changeme, change-me, change_me]"
    );
    if found.is_empty() {
        let _ = writeln!(out, "fields: {{}}");
        return out;
    }
    let _ = writeln!(out, "fields:");
    for field in &found {
        let _ = writeln!(out, "  # {} ({})", field.rule.why, field.name);
        let _ = writeln!(out, "  #   required: production");
        let description = format!(
            "kind inferred from the name {}: {}",
            field.name, field.rule.why
        );
        let kind = field.rule.kind.trim_end_matches('}').trim_end();
        let _ = writeln!(
            out,
            "  {}: {kind}, description: {} }}",
            yaml_string(&field.key),
            yaml_string(&description)
        );
    }
    if !relations.is_empty() {
        let _ = writeln!(out, "relations:");
        for (why, relation) in relations {
            let _ = writeln!(out, "  # {why}");
            let _ = writeln!(out, "  - {relation}");
        }
    }
    out
}

/// Every scalar (or list of scalars) with a rule, in document order; `all` gets every
/// leaf's key and name.
fn leaves<'a>(
    node: &'a Node,
    format: Format,
    path: &mut Vec<&'a str>,
    found: &mut Vec<Inferred>,
    all: &mut Vec<(String, String)>,
    disabled: &mut Vec<String>,
) {
    // `all` holds set values only: an empty one groups with nothing. `disabled` gets the
    // prefixes whose `…ENABLED` is false (`WEBAUTHN_`).
    match &node.value {
        Value::Map(entries) => {
            for entry in entries.iter() {
                path.push(entry.key.as_str());
                leaves(&entry.value, format, path, found, all, disabled);
                path.pop();
            }
        }
        _ if path.is_empty() => {}
        value => {
            let text = match value {
                Value::Seq(items) => items
                    .iter()
                    .filter_map(|i| i.scalar_text())
                    .map(|t| t.into_owned())
                    .collect::<Vec<_>>()
                    .join(","),
                _ => node
                    .scalar_text()
                    .map(|t| t.into_owned())
                    .unwrap_or_default(),
            };
            let name = normalize(path);
            let key = match format {
                Format::Env => path.join("_"),
                _ => pointer::join(path.iter().copied()),
            };
            if let Some(rule) = rule_for(&name, &text) {
                found.push(Inferred {
                    key: key.clone(),
                    name: name.clone(),
                    rule,
                });
            }
            if let Some(prefix) = name.strip_suffix("ENABLED") {
                if text.trim().eq_ignore_ascii_case("false") {
                    disabled.push(prefix.to_string());
                }
            }
            if !text.trim().is_empty() {
                all.push((key, name));
            }
        }
    }
}

/// The typed blocks the names group into, with the fields they read declared, and `distinct`
/// over the inferred secrets. Every lookup goes through one index of names, so a file of many
/// keys costs one pass, not keys × keys.
///
/// - SMTP: a `…SMTP_PORT` with its `…SMTP_HOST` or `…SMTP_SERVER` (and a TLS setting);
/// - S3: a `…S3_BUCKET` (or `AWS_BUCKET`) with its region (or `AWS_REGION`), endpoint and keys;
/// - WebAuthn: a `…RP_ID` with the `…RP_ORIGIN` of its prefix, unless `…ENABLED` is false.
fn groups(
    found: &mut Vec<Inferred>,
    all: &[(String, String)],
    disabled: &[String],
) -> Vec<(String, String)> {
    let names: HashMap<&str, &str> = all
        .iter()
        .map(|(key, name)| (name.as_str(), key.as_str()))
        .collect();
    let mut taken: HashSet<String> = found.iter().map(|f| f.key.clone()).collect();
    let inferred: HashSet<String> = taken.clone();
    let mut out = Vec::new();
    let mut declare =
        |found: &mut Vec<Inferred>, name: &str, rule: &'static Rule| -> Option<String> {
            let key = names.get(name)?.to_string();
            if taken.insert(key.clone()) {
                found.push(Inferred {
                    key: key.clone(),
                    name: name.to_string(),
                    rule,
                });
            }
            Some(key)
        };
    let first = |candidates: &[String]| {
        candidates
            .iter()
            .find(|c| names.contains_key(c.as_str()))
            .cloned()
    };
    let set = |name: &str| names.get(name).map(|k| k.to_string());
    // Each group's fields, listed as pairs `part: key`.
    let line = |parts: &[(&str, String)]| {
        parts
            .iter()
            .map(|(p, k)| format!("{p}: {}", yaml_string(k)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (_, name) in all {
        if let Some(prefix) = name.strip_suffix("SMTP_PORT").map(|p| format!("{p}SMTP_")) {
            let port = set(name).filter(|k| inferred.contains(k));
            let host_name = first(&[format!("{prefix}HOST"), format!("{prefix}SERVER")]);
            let (Some(port), Some(host_name)) = (port, host_name) else {
                continue;
            };
            let Some(host) = declare(found, &host_name, &SMTP_HOST) else {
                continue;
            };
            let mut parts = vec![("host", host), ("port", port)];
            let tls = ["TLS", "SECURE", "STARTTLS", "USE_TLS", "ENCRYPTION"]
                .map(|s| format!("{prefix}{s}"));
            if let Some(tls) = first(&tls).and_then(|n| declare(found, &n, &SMTP_TLS)) {
                parts.push(("tls", tls));
            }
            if let Some(password) =
                set(&format!("{prefix}PASSWORD")).filter(|k| inferred.contains(k))
            {
                parts.push(("password", password));
            }
            out.push((
                "an SMTP host and port: TLS must match the port".to_string(),
                format!("smtp: {{ {} }}", line(&parts)),
            ));
        } else if name.ends_with("S3_BUCKET") || name == "AWS_BUCKET" {
            let prefix = &name[..name.len() - "BUCKET".len()];
            let Some(region_name) = first(&[format!("{prefix}REGION"), "AWS_REGION".to_string()])
            else {
                continue;
            };
            let Some(bucket) = declare(found, name, &S3_BUCKET) else {
                continue;
            };
            let mut parts = vec![("bucket", bucket)];
            parts.extend(declare(found, &region_name, &S3_REGION).map(|k| ("region", k)));
            parts.extend(
                declare(found, &format!("{prefix}ENDPOINT"), &S3_ENDPOINT).map(|k| ("endpoint", k)),
            );
            let access = first(&[
                format!("{prefix}ACCESS_KEY_ID"),
                "AWS_ACCESS_KEY_ID".to_string(),
            ]);
            parts.extend(
                access
                    .and_then(|n| declare(found, &n, &S3_ACCESS_KEY))
                    .map(|k| ("access_key_id", k)),
            );
            let secret = first(&[
                format!("{prefix}SECRET_ACCESS_KEY"),
                "AWS_SECRET_ACCESS_KEY".to_string(),
            ]);
            parts.extend(
                secret
                    .and_then(|n| set(&n))
                    .filter(|k| inferred.contains(k))
                    .map(|k| ("secret_access_key", k)),
            );
            out.push((
                "an S3 bucket with its region: the bucket name, the endpoint and the keys together"
                    .to_string(),
                format!("s3: {{ {} }}", line(&parts)),
            ));
        } else if let Some(prefix) = name.strip_suffix("RP_ID") {
            // `webauthn.enabled: false` beside it: the relying party is not in use.
            if disabled.iter().any(|d| d == prefix)
                || !names.contains_key(format!("{prefix}RP_ORIGIN").as_str())
            {
                continue;
            }
            let id = declare(found, name, &RP_ID);
            let origin = declare(found, &format!("{prefix}RP_ORIGIN"), &RP_ORIGIN);
            if let (Some(id), Some(origin)) = (id, origin) {
                out.push((
                    "a WebAuthn relying party: the RP ID must be the origin's host or a suffix of it".to_string(),
                    format!("webauthn: {{ {} }}", line(&[("rp_id", id), ("rp_origin", origin)])),
                ));
            }
        }
    }
    let secrets: Vec<String> = found
        .iter()
        .filter(|f| {
            f.rule.kind.starts_with("{ kind: secret") || f.rule.kind == "{ kind: password }"
        })
        .map(|f| yaml_string(&f.key))
        .collect();
    if secrets.len() >= 2 {
        out.insert(
            0,
            (
                "inferred secrets: no two may be the same value".to_string(),
                format!("distinct: [{}]", secrets.join(", ")),
            ),
        );
    }
    out
}

/// A YAML scalar for a key or name: plain when it is safe, quoted otherwise.
fn yaml_string(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '.'))
        && !matches!(text, "true" | "false" | "null" | "~");
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, value: &str) -> Option<&'static str> {
        rule_for(name, value).map(|r| r.kind)
    }

    #[test]
    fn every_rule_of_the_table() {
        assert_eq!(kind("DB_PASSWORD", "hunter2"), Some("{ kind: password }"));
        assert_eq!(kind("PASSWORD", "x"), Some("{ kind: password }"));
        assert_eq!(kind("DB_PASSWORD", ""), None);
        assert_eq!(kind("DJANGO_SECRET_KEY", "abc"), Some("{ kind: secret }"));
        assert_eq!(kind("JWT_SECRET", "abc"), Some("{ kind: secret }"));
        assert_eq!(kind("SECRET", "abc"), Some("{ kind: secret }"));
        assert_eq!(kind("GITHUB_TOKEN", "ghp_x"), Some("{ kind: secret }"));
        assert_eq!(kind("STRIPE_API_KEY", "sk_x"), Some("{ kind: secret }"));
        assert_eq!(
            kind("AWS_SECRET_ACCESS_KEY", "x"),
            Some("{ kind: secret, min_bits: 128 }")
        );
        assert_eq!(kind("CONFIG_ENCRYPTION_KEY", "x"), Some("{ kind: secret }"));
        assert_eq!(kind("PROXY_SIGNING_KEY", "x"), Some("{ kind: secret }"));
        assert_eq!(kind("JWT_SECRET_FILE", "/run/x"), None);
        assert_eq!(kind("TOKEN_TTL", "3600"), None);
        assert_eq!(kind("SESSION_TTL", "30m"), Some("{ kind: duration }"));
        assert_eq!(kind("TOKEN_EXPIRY_SECRET", "x"), None);
        assert_eq!(kind("SECRET_LENGTH", "32"), None);
        assert_eq!(kind("SMTP_USER", "mailer"), None);
        assert_eq!(kind("SMTP_USERNAME", "mailer"), None);
        assert_eq!(kind("RESET_TOKEN", "3600"), None, "a number is no token");
        assert_eq!(
            kind("DATABASE_URL", "postgres://db/app"),
            Some("{ kind: postgres_url }")
        );
        assert_eq!(
            kind("DATABASE_DSN", "postgresql://db/app"),
            Some("{ kind: postgres_url }")
        );
        assert_eq!(
            kind("REDIS_URL", "rediss://cache:6380"),
            Some("{ kind: redis_url }")
        );
        assert_eq!(
            kind("PUBLIC_URL", "https://app.example.com"),
            Some("{ kind: url, allow_userinfo: true }")
        );
        assert_eq!(
            kind("CALLBACK_URI", "http://x"),
            Some("{ kind: url, allow_userinfo: true }")
        );
        assert_eq!(kind("S3_URL", "s3://bucket"), None);
        assert_eq!(
            kind("CORS_ALLOWED_ORIGINS", "https://a"),
            Some("{ kind: list, item: { kind: origin } }")
        );
        assert_eq!(
            kind("WS_ALLOWED_ORIGINS", "https://a"),
            Some("{ kind: list, item: { kind: origin } }")
        );
        assert_eq!(
            kind("TRUSTED_PROXIES", "10.0.0.0/8"),
            Some("{ kind: list, item: { kind: cidr, purpose: trusted_proxies } }")
        );
        assert_eq!(
            kind("APP_TRUSTED_PROXIES", "10.0.0.0/8"),
            Some("{ kind: list, item: { kind: cidr, purpose: trusted_proxies } }")
        );
        assert_eq!(
            kind("ADMIN_CIDRS", "10.0.0.0/8"),
            Some("{ kind: list, item: { kind: cidr } }")
        );
        assert_eq!(kind("SMTP_PORT", "587"), Some("{ kind: port }"));
        assert_eq!(kind("PORT", "8080"), Some("{ kind: port }"));
        assert_eq!(kind("PORT", "eighty"), None);
        assert_eq!(
            kind("ADVERTISE_PORT", "0"),
            None,
            "0 is often `pick one` or `off`"
        );
        assert_eq!(
            kind("ADMIN_EMAIL", "ops@example.com"),
            Some("{ kind: email }")
        );
        assert_eq!(
            kind("MAIL_FROM", "Ops <ops@example.com>"),
            Some("{ kind: email_name }")
        );
        assert_eq!(kind("MAIL_FROM", "Ops"), None);
        assert_eq!(kind("HTTP_TIMEOUT", "30s"), Some("{ kind: duration }"));
        assert_eq!(
            kind("HTTP_TIMEOUT", "30"),
            None,
            "a bare number's unit is not known"
        );
        assert_eq!(kind("POLL_INTERVAL", "250ms"), Some("{ kind: duration }"));
        assert_eq!(kind("PUBLIC_KEY", "abc"), None, "a _KEY may be public");
        assert_eq!(kind("LOG_LEVEL", "info"), None);
    }

    #[test]
    fn formats_of_unnamed_configs() {
        assert_eq!(sniff_format("docs/.env.example", "A=1\n"), Format::Env);
        assert_eq!(
            sniff_format("SYNTHETIC-env.production.bad", "A: 1\n"),
            Format::Env
        );
        assert_eq!(sniff_format("config", "# c\nPORT=1\n"), Format::Env);
        assert_eq!(sniff_format("config", "export PORT=1\n"), Format::Env);
        assert_eq!(sniff_format("config", "server:\n  port: 1\n"), Format::Yaml);
        assert_eq!(sniff_format("config", "url: a=b\n"), Format::Yaml);
        assert_eq!(sniff_format("config", "{\"a\": 1}"), Format::Json);
    }

    #[test]
    fn names_of_yaml_keys() {
        assert_eq!(normalize(&["database", "url"]), "DATABASE_URL");
        assert_eq!(normalize(&["smtpPort"]), "SMTP_PORT");
        assert_eq!(normalize(&["jwt", "secret"]), "JWT_SECRET");
        assert_eq!(normalize(&["a-b", "c"]), "A_B_C");
    }
}
