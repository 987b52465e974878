//! The registry: every diagnostic code, its severity per profile, a summary, an explanation,
//! and a failing and a passing example. `preflight explain CODE` prints an entry; a test runs
//! every example through the engine. A code is never reused or renamed.

// Without the feature `explanations` the table leaves its examples out, and with them every
// use of the builders below.
#![cfg_attr(not(feature = "explanations"), allow(dead_code))]

use super::{Family, Level, Profile};
use crate::input::{Format, Limits};

/// One diagnostic code and everything said about it.
#[derive(Debug, PartialEq)]
pub struct CodeInfo {
    /// Stable slug `area/name`.
    pub code: &'static str,
    pub production: Level,
    pub development: Level,
    /// One line: what the code means.
    pub summary: &'static str,
    /// Why it matters and how to fix it; empty without the feature `explanations`.
    pub explanation: &'static str,
    /// Empty without the feature `explanations`.
    pub example: Example,
    /// The relaxation flag that turns this code off (`--allow-placeholders`), if any.
    pub relaxed_by: Option<Family>,
    /// The value families this code already reports, so a schema's `placeholders` or
    /// `dev_defaults` list says nothing more about the same value.
    pub covers: &'static [Family],
}

impl CodeInfo {
    pub fn level(&self, profile: Profile) -> Level {
        match profile {
            Profile::Production => self.production,
            Profile::Development => self.development,
        }
    }
}

/// A failing and a passing config for one code, with the schema fields they are checked by.
#[derive(Debug, PartialEq)]
pub struct Example {
    pub format: Format,
    /// The `fields:` of the example schema, one field per line.
    pub fields: &'static str,
    /// The `relations:` of the example schema, one per line (may be empty).
    pub relations: &'static str,
    pub bad: &'static str,
    pub good: &'static str,
    pub profile: Profile,
    pub limits: Option<Limits>,
    /// Top-level lines of the example schema besides `fields` and `relations` (may be empty).
    pub top: &'static str,
    /// Through which adapter `bad` and `good` are read (`None`: checked as `format` text).
    pub adapter: Option<Adapter>,
}

/// A deployment file an example is read from before its config is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adapter {
    /// A docker compose file; the example's service is `app`, the config its environment.
    Compose,
    /// A Kubernetes manifest; the example's object is `app`, of the first kind it names.
    Kubernetes,
}

impl Example {
    const fn new(
        format: Format,
        fields: &'static str,
        bad: &'static str,
        good: &'static str,
    ) -> Self {
        Example {
            format,
            fields,
            relations: "",
            bad,
            good,
            profile: Profile::Production,
            limits: None,
            top: "",
            adapter: None,
        }
    }
    const fn top(self, top: &'static str) -> Self {
        Example { top, ..self }
    }
    const fn relations(self, relations: &'static str) -> Self {
        Example { relations, ..self }
    }
    const fn development(self) -> Self {
        Example {
            profile: Profile::Development,
            ..self
        }
    }
    const fn limits(self, limits: Limits) -> Self {
        Example {
            limits: Some(limits),
            ..self
        }
    }

    /// The whole example schema, in YAML.
    pub fn schema_text(&self) -> String {
        let indent = |text: &str| -> String { text.lines().map(|l| format!("  {l}\n")).collect() };
        let mut out = format!(
            "schema: example\nformat: {}\nfields:\n{}",
            self.format,
            indent(self.fields)
        );
        if !self.relations.is_empty() {
            out.push_str("relations:\n");
            out.push_str(&indent(self.relations));
        }
        for line in self.top.lines() {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

const fn yaml(fields: &'static str, bad: &'static str, good: &'static str) -> Example {
    Example::new(Format::Yaml, fields, bad, good)
}
const fn json(fields: &'static str, bad: &'static str, good: &'static str) -> Example {
    Example::new(Format::Json, fields, bad, good)
}
const fn env(fields: &'static str, bad: &'static str, good: &'static str) -> Example {
    Example::new(Format::Env, fields, bad, good)
}

/// An example whose `bad` and `good` are compose files with a service `app`, checked by an
/// env schema of `fields`.
const fn compose(fields: &'static str, bad: &'static str, good: &'static str) -> Example {
    Example {
        adapter: Some(Adapter::Compose),
        ..Example::new(Format::Env, fields, bad, good)
    }
}

/// An example whose `bad` and `good` are Kubernetes manifests with a Secret `app`.
const fn k8s(fields: &'static str, bad: &'static str, good: &'static str) -> Example {
    Example {
        adapter: Some(Adapter::Kubernetes),
        ..Example::new(Format::Env, fields, bad, good)
    }
}

const SMALL: Limits = Limits {
    max_bytes: 64,
    max_depth: 3,
    max_alias_nodes: 8,
    max_findings_per_code: 1_000,
};

/// No findings listed, only counted (the example of `parse/too-many-findings`).
const NONE_LISTED: Limits = Limits {
    max_findings_per_code: 0,
    ..Limits::DEFAULT
};

/// Without the feature `explanations` (the browsers' wasm module, which loads the texts on
/// demand), every code's explanation is empty and its example this one.
#[cfg(not(feature = "explanations"))]
const NO_EXAMPLE: Example = Example::new(Format::Yaml, "", "", "");

/// Declares every code once, and the list of all of them, from one table.
macro_rules! registry {
    ($( $name:ident = $code:literal, $prod:ident / $dev:ident
        $(, relaxed by $relax:ident)? $(, covers $($cover:ident)&+)?,
        $summary:literal,
        $explanation:literal,
        $example:expr; )*) => {
        $( pub static $name: CodeInfo = CodeInfo {
            code: $code,
            production: Level::$prod,
            development: Level::$dev,
            summary: $summary,
            #[cfg(feature = "explanations")]
            explanation: $explanation,
            #[cfg(not(feature = "explanations"))]
            explanation: "",
            #[cfg(feature = "explanations")]
            example: $example,
            #[cfg(not(feature = "explanations"))]
            example: NO_EXAMPLE,
            relaxed_by: registry!(@relax $($relax)?),
            covers: &[$($(Family::$cover),+)?],
        }; )*
        /// Every code, in registry order.
        pub static ALL: &[&CodeInfo] = &[ $( &$name ),* ];
    };
    (@relax) => { None };
    (@relax $family:ident) => { Some(Family::$family) };
}

/// The entry for a code slug.
pub fn lookup(code: &str) -> Option<&'static CodeInfo> {
    ALL.iter().copied().find(|c| c.code == code)
}

registry! {
    // ---- parse: the text could not be read -------------------------------------------------
    PARSE_YAML = "parse/yaml", Error / Error,
        "The file is not valid YAML.",
        "The YAML parser stopped at this place. Nothing else in the file is checked until it parses, because a broken structure would make every later verdict guesswork. Common causes: a tab used for indentation, an unclosed quote or bracket, or a `key: value` line indented differently from its siblings.",
        yaml("/name: { kind: string }", "name: [unclosed\n", "name: closed\n");
    PARSE_JSON = "parse/json", Error / Error,
        "The file is not valid JSON.",
        "preflight reads JSON strictly (RFC 8259), as the services that load it do: no comments, no trailing commas, keys in double quotes, no leading zeros. Nothing else is checked until the file parses.",
        json("/name: { kind: string }", "{\"name\": \"x\",}", "{\"name\": \"x\"}");
    PARSE_ENV = "parse/env", Error / Error,
        "A line of the env file is not `KEY=value`.",
        "Every non-blank, non-comment line of a dotenv file must be `KEY=value` or `export KEY=value`, where the name starts with a letter or `_`. A quoted value must close its quote, and nothing but a `# comment` may follow the closing quote. An unquoted value ends at its line break, so a value pasted over several lines (a PEM key) must be quoted: the lines below it are one finding that names the variable, and no text of theirs is shown, since it may be a key's. A malformed line is skipped; readers such as docker compose reject or misread it.",
        env("NAME: { kind: string }", "NAME x\n", "NAME=x\n");
    PARSE_DUPLICATE_KEY = "parse/duplicate-key", Error / Error,
        "The same key is set twice.",
        "When a key appears twice, readers disagree on which value wins (most take the last, some the first, some refuse the file). preflight checks the last one and reports the repetition; keep exactly one.",
        yaml("/port: { kind: port }", "port: 80\nport: 8080\n", "port: 8080\n");
    PARSE_TOO_LARGE = "parse/too-large", Error / Error,
        "The input is larger than the size limit.",
        "preflight refuses inputs over 4 MiB by default so that an editor never freezes on a pasted log file. No real config is that large; split the file or raise `Limits::max_bytes`.",
        yaml("/name: { kind: string }", "name: this text is longer than the sixty-four bytes this example allows\n", "name: short\n").limits(SMALL);
    PARSE_TOO_MANY_FINDINGS = "parse/too-many-findings", Warning / Warning,
        "One code was found more often than a report lists.",
        "A report lists at most 1,000 findings of one code by default (`Limits::max_findings_per_code`), and counts the rest in this one warning, so a generated or hostile file cannot make a report, or an editor's list of underlines, of hundreds of thousands of entries. The counts of errors and warnings are those listed; the exit status is still 1 when any listed finding is an error.",
        yaml("/port: { kind: port }", "port: 70000\n", "port: 8080\n").limits(NONE_LISTED);
    PARSE_TOO_DEEP = "parse/too-deep", Error / Error,
        "Lists and mappings nest deeper than the limit.",
        "Nesting is bounded (128 levels by default) so that no input can exhaust the stack. Real configs nest a few levels deep; a document this deep is a mistake or an attack.",
        yaml("/a: { kind: any }", "a: [[[[x]]]]\n", "a: [x]\n").limits(SMALL);
    PARSE_ALIAS_LIMIT = "parse/alias-limit", Error / Error,
        "YAML aliases expand to too many nodes.",
        "Aliases (`*name`) copy what an anchor (`&name`) marks. Aliases of aliases grow exponentially (the \"billion laughs\" document), so expansion is bounded (100,000 nodes by default). A config never needs this many copies.",
        yaml("/a: { kind: any }\n/b: { kind: any }", "a: &x [1, 2, 3]\nb: [*x, *x, *x]\n", "a: &x [1, 2, 3]\nb: *x\n").limits(SMALL);

    // ---- schema: the shape of the config ---------------------------------------------------
    SCHEMA_WRONG_TYPE = "schema/wrong-type", Error / Error,
        "The value has the wrong type: a list or mapping where a scalar belongs, or the reverse.",
        "Each field expects one shape: a scalar (text, number, boolean), a list, or a mapping of further fields. A reader given another shape fails to start or silently ignores the setting.",
        yaml("/server/port: { kind: port }", "server: 8080\n", "server:\n  port: 8080\n");
    SCHEMA_MISSING_REQUIRED = "schema/missing-required", Error / Error,
        "A required field is missing or empty.",
        "The schema marks this field as required: always, in production, or when another field has a value. An empty string counts as missing, because readers treat `KEY=` as unset. The diagnostic points at the nearest enclosing key that exists, or has no place when the field belongs at the top level.",
        env("DATABASE_URL: { kind: url, schemes: [postgres], allow_userinfo: true, required: always }\nPORT: { kind: port }", "PORT=8080\n", "DATABASE_URL=postgres://app@db.example.com/app\nPORT=8080\n");
    SCHEMA_UNKNOWN_FIELD = "schema/unknown-field", Warning / Warning,
        "The config sets a key the schema does not know.",
        "An unknown key is usually a typo (`trusted_proxy` for `trusted_proxies`) or a setting from another version, and the service silently ignores it. The schema decides whether this is a warning (the default), an error, or ignored; `--strict` makes it an error.",
        yaml("/server/port: { kind: port }", "server:\n  prot: 8080\n", "server:\n  port: 8080\n");
    SCHEMA_RENAMED_FIELD = "schema/renamed-field", Error / Error,
        "The config uses a key that has been renamed.",
        "The service no longer reads the old key, so the setting is lost without a word. Move the value to the new key named in the message.",
        yaml("/cluster/secret: { kind: string, renamed_from: /server/cluster_secret }", "server:\n  cluster_secret: s3cr3t-value\n", "cluster:\n  secret: s3cr3t-value\n");
    SCHEMA_SECRET_AND_FILE = "schema/secret-and-file", Error / Error,
        "Both a value and its `_file` path are set.",
        "A field with a `secret_file` sibling takes its value either inline or from a file (as Docker and Kubernetes secrets provide). When both are set, readers differ on which wins; set exactly one.",
        yaml("/jwt/secret: { kind: string, secret_file: /jwt/secret_file }", "jwt:\n  secret: inline-value\n  secret_file: /run/secrets/jwt\n", "jwt:\n  secret_file: /run/secrets/jwt\n");
    VALUE_UNRESOLVED_TEMPLATE = "value/unresolved-template", Error / Error, covers Placeholders & DevDefaults,
        "The value is an unresolved template such as `${VAR}` or `{{ .x }}`.",
        "preflight never expands templates: the text it sees is what a reader without that expansion step would use. A `${VAR}` left in a file means a deploy step did not run, or the service reads the literal text. Check the rendered config, or set the real value.",
        env("API_URL: { kind: url }", "API_URL=${PUBLIC_URL}/api\n", "API_URL=https://api.example.com\n");

    VALUE_PROFILE_MISMATCH = "value/profile-mismatch", Error / Warning, relaxed by DevDefaults, covers DevDefaults,
        "The value is not what a config for this profile holds.",
        "Some settings name the environment (`NODE_ENV`, `REND_ENV`, `STELLAR_NETWORK`) or switch off a safety (`REQUIRE_AUTHENTICATED_WS=false`, `ENABLE_SQL_ENDPOINT=true`). A schema lists the values each profile expects with `expect:`. A production config with a development value is an error; a development config holding a production value (a `mainnet` network, real money) is a warning. `--allow-dev-defaults` turns it off.",
        env("NODE_ENV: { kind: enum, values: [development, production, test], expect: { production: [production] } }", "NODE_ENV=development\n", "NODE_ENV=production\n");
    VALUE_PLACEHOLDER = "value/placeholder", Error / Warning, relaxed by Placeholders, covers DevDefaults,
        "The value is a placeholder from an example file.",
        "Example env files ship values such as `replace-me`, `https://api.example.com` or `<your-token>` for the operator to fill in. A schema lists its system's placeholders under `placeholders:` (whole values and pieces, without case; a whole `<…>` always counts). Secret fields are never quoted. `--allow-placeholders` turns it off, for checking an example file itself.",
        env("API_URL: { kind: url }", "API_URL=https://api.example.com\n", "API_URL=https://api.rend.so\n").top("placeholders: { contains: [example.com] }");
    VALUE_DEV_DEFAULT = "value/dev-default", Error / Off, relaxed by DevDefaults,
        "The value is a development default of the system.",
        "Local stacks come with values that must never reach production: `dev-api-key`, a compose service name such as `//minio:`, `local-edge-001`. A schema lists its system's under `dev_defaults:` (whole values and pieces, without case). Secret fields are never quoted. `--allow-dev-defaults` turns it off, for checking a local config with the production rules.",
        env("EDGE_ID: { kind: string }", "EDGE_ID=local-edge-001\n", "EDGE_ID=rend-edge-us-east-001\n").top("dev_defaults: { equals: [local-edge-001] }");

    // ---- compose: a service's environment (docker compose files) ----------------------------
    COMPOSE_ENV_FILE_MISSING = "compose/env-file-missing", Error / Error,
        "An `env_file:` of the service cannot be read.",
        "compose refuses to start a service whose `env_file:` is missing, unless the entry says `required: false`. The finding is on the entry's line. The file may set any variable, so while it cannot be read, preflight does not report required variables as missing.",
        compose("PORT: { kind: port }", "services:\n  app:\n    env_file: missing.env\n", "services:\n  app:\n    environment:\n      PORT: \"8080\"\n");
    COMPOSE_ENV_FILE_OUTSIDE = "compose/env-file-outside", Error / Error,
        "An `env_file:` points outside the project, so preflight did not read it.",
        "A compose file is input, and input can be hostile: preflight reads env files only inside the project (the compose file's directory tree, or that of preflight.toml), never `/etc/shadow` or `../../`. Deployments that keep env files elsewhere (`/etc/rend/rend-api.env`) check that file on its own (`preflight check /etc/rend/rend-api.env --schema rend-api`), or pass `--trust-env-files` for a compose file they trust. While the file is not read, required variables are not reported as missing.",
        compose("PORT: { kind: port }", "services:\n  app:\n    env_file: /etc/app.env\n", "services:\n  app:\n    environment:\n      PORT: \"8080\"\n");

    // ---- k8s: config in Kubernetes manifests ---------------------------------------------------
    K8S_INVALID_BASE64 = "k8s/invalid-base64", Error / Error,
        "A value in a Secret's `data` is not valid base64.",
        "Kubernetes refuses a Secret whose `data` values are not standard base64 (with padding), and a value that decodes to bytes other than UTF-8 text is no config value. Encode it with `base64 -w0`, or write it in `stringData` as plain text. The finding points at the encoded value; the value itself is never shown.",
        k8s("JWT_SECRET: { kind: string }", "apiVersion: v1\nkind: Secret\nmetadata: { name: app }\ndata:\n  JWT_SECRET: '***'\n", "apiVersion: v1\nkind: Secret\nmetadata: { name: app }\ndata:\n  JWT_SECRET: c2VjcmV0\n");

    K8S_VALUE_NOT_CHECKED = "k8s/value-not-checked", Info / Info,
        "A container's variable comes from an object that is not in the file, so it was not checked.",
        "A `valueFrom` reference is resolved against the ConfigMaps and Secrets of the same file (a stream of documents). One that names an object elsewhere in the cluster, or the pod's own fields (`fieldRef`), cannot be checked here: this info says so instead of staying silent. Check that object's manifest too, or keep it in the same file.",
        k8s("PORT: { kind: port }", "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: app }\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: PORT\n              valueFrom: { configMapKeyRef: { name: elsewhere, key: port } }\n", "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: app }\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: PORT\n              value: \"8080\"\n");

    // ---- secrets and passwords (RULES.md §1) ---------------------------------------------------
    SECRET_EMPTY = "secret/empty", Error / Error,
        "The secret is empty or only whitespace.",
        "A blank secret either stops the service or, worse, lets it run with an empty key that anyone can sign with (RULES.md §1.2, S1). Set a random value.",
        yaml("/jwt/secret: { kind: secret }", "jwt:\n  secret: \"   \"\n", "jwt:\n  secret: ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n");
    SECRET_NOT_URL_SAFE = "secret/not-url-safe", Error / Error,
        "The secret has characters a URL must percent-encode, but it is written into one as is.",
        "Some stacks build a connection URL from a password (pgStack puts `AUTHENTICATOR_PASSWORD` into `postgres://authenticator:PASSWORD@db:5432/app`). An `@`, `/`, `#`, `?` or `:` there splits the URL in the wrong place, so the service connects somewhere else or not at all. Use only RFC 3986 unreserved characters: letters, digits and `-._~` (hex output of `openssl rand -hex 32` always is).",
        env("DB_PASSWORD: { kind: secret, url_safe: true, min_bits: 128 }", "DB_PASSWORD=p@ss/w0rd#q7Lw2Zp9Rt4Vx8Bn3Km6\n", "DB_PASSWORD=q7Lw2Zp9Rt4Vx8Bn3Km6Jh1Gf5Dc0SaE\n");
    SECRET_WHITESPACE = "secret/whitespace", Warning / Warning,
        "The secret has whitespace before or after it.",
        "Most services use a secret byte for byte, so a stray space makes it a different key from the one other services hold (RULES.md §1.2, S9). Remove it.",
        yaml("/jwt/secret: { kind: secret }", "jwt:\n  secret: \" ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M= \"\n", "jwt:\n  secret: ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n");
    SECRET_LINE_BREAK = "secret/line-break", Warning / Warning,
        "The secret is wrapped over several lines.",
        "`openssl rand -base64` wraps its output at 64 columns; a key pasted with the line break is a different key, and base64 decoders reject it (RFC 4648 §3.3; RULES.md §1.2, S9). Write it on one line, or set `allow_newline: true` for a PEM block.",
        json("/jwt/secret: { kind: secret }", "{\"jwt\": {\"secret\": \"QjVkEzLP36yE3a1BCyzJyv/SZ+Tb9Mi4p9K4ahn+Gr2t\\nMo12+HAHVDDJLeSQuj2e\"}}", "{\"jwt\": {\"secret\": \"QjVkEzLP36yE3a1BCyzJyv/SZ+Tb9Mi4p9K4ahn+Gr2tMo12+HAHVDDJLeSQuj2e\"}}");
    SECRET_WRONG_ENCODING = "secret/wrong-encoding", Error / Error,
        "The secret is not in the encoding the schema asks for.",
        "A service that decodes its key as hex or base64 fails on anything else, or reads less key than was meant. Base64 is read strictly (RFC 4648): either alphabet but not both, padding canonical or absent, no line breaks, no stray padding bits (§3.5), never a length of 4n+1 (RULES.md §1.4). The message says what is wrong without showing the value.",
        env("ENCRYPTION_KEY: { kind: secret, encoding: hex, exact_bytes: 32 }", "ENCRYPTION_KEY=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n", "ENCRYPTION_KEY=d1571feee3307ac36e7ea0b28936c0810bce556b1554c3840063f2406f2a56c4\n");
    SECRET_TOO_SHORT = "secret/too-short", Error / Error,
        "The secret is shorter than the schema requires.",
        "The schema sets `min_chars` (code points of the text, as services that check the string length count) or `min_bytes` (decoded key bytes: 44 base64 characters are 32 bytes). Services enforce these minimums at startup; generate a longer value.",
        env("SIGNING_KEY: { kind: secret, min_bytes: 48 }", "SIGNING_KEY=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n", "SIGNING_KEY=QjVkEzLP36yE3a1BCyzJyv/SZ+Tb9Mi4p9K4ahn+Gr2tMo12+HAHVDDJLeSQuj2e\n");
    SECRET_WRONG_LENGTH = "secret/wrong-length", Error / Error,
        "The key does not decode to the exact number of bytes the schema requires.",
        "Keys for ciphers have one size: AES-256-GCM takes exactly 32 bytes, so 64 hex digits or 44 base64 characters. A key of another length makes the service refuse to start or fail on first use.",
        env("ENCRYPTION_KEY: { kind: secret, encoding: base64, exact_bytes: 32 }", "ENCRYPTION_KEY=QjVkEzLP36yE3a1BCyzJyv/SZ+Tb9Mi4p9K4ahn+Gr2tMo12+HAHVDDJLeSQuj2e\n", "ENCRYPTION_KEY=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n");
    SECRET_JWT_KEY_TOO_SHORT = "secret/jwt-key-too-short", Error / Error,
        "The HMAC key is shorter than RFC 7518 requires for its JWT algorithm.",
        "RFC 7518 §3.2: \"A key of the same size as the hash output … or larger MUST be used\": 32 bytes for HS256, 48 for HS384, 64 for HS512. Libraries such as jose4j and jjwt refuse shorter keys. Most libraries use the string's raw UTF-8 bytes as the key, so that is what is counted unless the schema sets an `encoding`.",
        env("JWT_SECRET: { kind: secret, jwt: hs512 }", "JWT_SECRET=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n", "JWT_SECRET=x9Qm3rT7vW2yZ5aB8cD1eF4gH6iJ0kL9mN3oP5qR7sT2uV4wX6yZ8aB1cD3eF5gH7iJ9kL0mN2oP4qR6sT8uV0wX2yZ4aB6cD8eA==\n");
    SECRET_DEV_MARKER = "secret/dev-marker", Error / Off, relaxed by DevDefaults, covers Placeholders & DevDefaults,
        "A production secret is marked for development only.",
        "Values such as `dev-only-…` and `django-insecure-…`, or the development values a system ships (the schema lists them in `dev_values`), are public: they are in the repository. They are fine in development and an error in production (RULES.md §1.2, S3).",
        env("JWT_SECRET: { kind: secret }", "JWT_SECRET=dev-only-jwt-secret-3c1f8a9e\n", "JWT_SECRET=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n");
    SECRET_PLACEHOLDER = "secret/placeholder", Error / Warning, relaxed by Placeholders, covers Placeholders & DevDefaults,
        "The secret is a placeholder or a published example key.",
        "`changeme`, `your-…-here`, `CHANGE_ME_…` and the like were meant to be replaced; the AWS documentation keys, jwt.io's `your-256-bit-secret` and the OWASP cheat sheet's sample key are published, so anyone can sign with them (RULES.md §1.2, S4). Whole values are compared case-insensitively, and for machine secrets the usual placeholder words also inside the value. Schemas add whole values with `placeholders`.",
        env("JWT_SECRET: { kind: secret }", "JWT_SECRET=change-me-in-production\n", "JWT_SECRET=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n");
    SECRET_SHIPPED_DEFAULT = "secret/shipped-default", Error / Warning, relaxed by DevDefaults, covers Placeholders & DevDefaults,
        "The secret is the default a popular stack ships.",
        "Defaults such as Supabase's `your-super-secret-jwt-token-with-at-least-32-characters-long`, Grafana's and MinIO's (`minioadmin`) pass every length and entropy check; only a list catches them. preflight keeps that list as data (src/kinds/secret/known.rs).",
        env("JWT_SECRET: { kind: secret }", "JWT_SECRET=this_password_is_insecure_and_should_be_updated\n", "JWT_SECRET=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n");
    SECRET_UUID = "secret/uuid", Error / Off,
        "The secret is a UUID.",
        "A UUID is an identifier, not a key: a version 4 UUID has 122 random bits, and other versions far fewer. OWASP ASVS 11.5.1 asks for at least 128 bits from a CSPRNG and notes that UUIDs do not meet it.",
        env("API_TOKEN: { kind: secret }", "API_TOKEN=3f2504e0-4f89-41d3-9a0c-0305e82c3301\n", "API_TOKEN=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n");
    SECRET_LOW_DIVERSITY = "secret/low-diversity", Error / Off,
        "The secret is repetitive or sequential.",
        "Four or fewer distinct characters, one short block repeated (`abcabc…`, `0123456789abcdef` twice) or mostly a run of consecutive characters: such values pass length checks, and even base64 decoding (`a` × 44 decodes to 33 bytes), yet are guessed at once (NIST SP 800-63B; Django's check W009).",
        env("API_TOKEN: { kind: secret }", "API_TOKEN=abcabcabcabcabcabcabcabcabcabcabcabcabcabc\n", "API_TOKEN=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n");
    SECRET_TOO_WEAK = "secret/too-weak", Error / Off,
        "The secret's estimated strength is below the minimum.",
        "Machine secrets need at least 128 bits from a CSPRNG (OWASP ASVS 11.5.1), JWT keys 160 (OWASP JWT Cheat Sheet); a schema may set `min_bits`. The estimate counts decoded bytes × 8 for hex and base64, and log2 of the alphabet per character for raw text (never Shannon entropy × length, which undercounts good keys).",
        env("API_TOKEN: { kind: secret }", "API_TOKEN=k3Jx9Qw2Lm8Zp4Rt\n", "API_TOKEN=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n");
    SECRET_BELOW_256_BITS = "secret/below-256-bits", Warning / Off,
        "The secret has less than 256 bits of estimated strength.",
        "128 bits resist guessing, but HMAC-SHA-256 keys should be as long as the hash (RFC 2104 §3, RFC 7518): 32 random bytes, `openssl rand -base64 32` or `-hex 32`.",
        env("API_TOKEN: { kind: secret }", "API_TOKEN=d1571feee3307ac36e7ea0b28936c081\n", "API_TOKEN=d1571feee3307ac36e7ea0b28936c0810bce556b1554c3840063f2406f2a56c4\n");
    SECRET_LOW_ENTROPY = "secret/low-entropy", Warning / Off,
        "The secret's characters are unevenly spread.",
        "A long value whose Shannon entropy is below 3 bits per character is made of a few characters repeated: words, or a pattern typed by hand. Secret scanners use the same red flag (gitleaks, trufflehog). It is never used as the strength number.",
        env("API_TOKEN: { kind: secret }", "API_TOKEN=blahblahblahblahblahblahblahblahblahblahblah-2026!\n", "API_TOKEN=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\n");
    SECRET_LOOKS_LIVE = "secret/looks-live", Off / Warning,
        "A development config holds what looks like a live production secret.",
        "The inverse rule: `sk_live_…`, `whsec_…`, an AWS access key ID, a signed JWT, a PEM private key or 40 and more random-looking characters in a development config means a production secret left the vault. Values that say `local`, `dev` or `test` are taken at their word.",
        env("PAYSTACK_SECRET_KEY: { kind: secret }", "PAYSTACK_SECRET_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n", "PAYSTACK_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc\n").development();
    SECRET_REUSED = "secret/reused", Error / Warning,
        "Two secret fields hold the same key material.",
        "One key for two purposes means one leak opens both (OWASP JWT Cheat Sheet). Keys are compared after decoding, so a padded and an unpadded base64 spelling, or hex in two cases, are the same key. The message names both fields and never shows the value.",
        env("SESSION_KEY: { kind: secret }\nCSRF_KEY: { kind: secret }", "SESSION_KEY=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\nCSRF_KEY=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M\n", "SESSION_KEY=ELz/LUyxv9nTv6eu3HRSdiGr29ahBi1JGIups7MEi5M=\nCSRF_KEY=d1571feee3307ac36e7ea0b28936c0810bce556b1554c3840063f2406f2a56c4\n").relations("- distinct: [SESSION_KEY, CSRF_KEY]");
    PASSWORD_TOO_SHORT = "password/too-short", Error / Off,
        "The password is shorter than NIST SP 800-63B-4 requires.",
        "A password used as a single factor SHALL be at least 15 characters, and 8 when it is only part of multi-factor authentication (`mfa: true`). Length counts code points: 11 CJK characters are 11 characters.",
        yaml("/bootstrap/root_password: { kind: password }", "bootstrap:\n  root_password: orange-kettle\n", "bootstrap:\n  root_password: orange-kettle-dawn\n");
    PASSWORD_COMMON = "password/common", Error / Warning,
        "The password is one of the most common passwords.",
        "NIST SP 800-63B-4 requires comparing the entire password (never substrings) with commonly used and compromised values. `Password1!` is its archetype of a predictable password.",
        yaml("/bootstrap/root_password: { kind: password }", "bootstrap:\n  root_password: Password1!\n", "bootstrap:\n  root_password: orange-kettle-dawn\n");
    PASSWORD_REPETITIVE = "password/repetitive", Error / Off,
        "The password is repetitive or sequential.",
        "NIST SP 800-63B lists repetitive or sequential characters (`aaaaaa`, `1234abcd`) among values to refuse.",
        yaml("/bootstrap/root_password: { kind: password }", "bootstrap:\n  root_password: abcdefghijklmnopq\n", "bootstrap:\n  root_password: orange-kettle-dawn\n");
    PASSWORD_COMPOSITION = "password/composition", Error / Error,
        "The password lacks a character class the system requires.",
        "NIST SP 800-63B-4 says verifiers SHALL NOT impose composition rules, so preflight checks them only when the schema's `require` says the system itself refuses such a password at startup (SyncTV's root password needs upper case, lower case and a digit).",
        yaml("/bootstrap/root_password: { kind: password, require: [upper, lower, digit] }", "bootstrap:\n  root_password: orange-kettle-dawn\n", "bootstrap:\n  root_password: Orange-Kettle-7\n");

    // ---- relations between fields ------------------------------------------------------------
    RELATION_REQUIRES = "relation/requires", Error / Error,
        "A field that another field's setting requires is missing.",
        "Some settings only work together: TLS needs a certificate, a feature flag needs its endpoint. The schema states such a dependency with `requires`; set the named field, or turn the first one off.",
        yaml("/tls/enabled: { kind: bool }\n/tls/cert_file: { kind: path }", "tls:\n  enabled: true\n", "tls:\n  enabled: true\n  cert_file: /etc/tls/cert.pem\n").relations("- requires: { if: /tls/enabled, equals: true, then: [/tls/cert_file] }");
    RELATION_EXCLUSIVE = "relation/exclusive", Error / Error,
        "Two fields that exclude each other are both set.",
        "Some settings are alternatives (a URL or its split host/port parts; sentinel or cluster mode). With both set, the reader picks one silently, and which one is a detail of its code. Keep one.",
        yaml("/redis/url: { kind: url, schemes: [redis, rediss] }\n/redis/host: { kind: hostname }", "redis:\n  url: rediss://cache.example.com\n  host: cache.example.com\n", "redis:\n  url: rediss://cache.example.com\n").relations("- exclusive: [/redis/url, /redis/host]");
    RELATION_OUT_OF_ORDER = "relation/out-of-order", Error / Error,
        "A lower bound is above its upper bound.",
        "Pairs such as a pool's minimum and maximum size, or a timeout and the interval it must fit in, only make sense in order. A pool asked to keep 50 connections open with a maximum of 20 fails at startup or silently caps, and which one depends on the library. The schema's `order` relation lists the fields from the smallest to the largest; durations and byte sizes compare by what they mean (`90s` is less than `2m`).",
        yaml("/db/min_connections: { kind: int }\n/db/max_connections: { kind: int }", "db:\n  min_connections: 50\n  max_connections: 20\n", "db:\n  min_connections: 5\n  max_connections: 20\n").relations("- order: [/db/min_connections, /db/max_connections]");
    RELATION_ONE_OF = "relation/one-of", Error / Error,
        "Not exactly one of a set of alternative fields is set.",
        "The service needs exactly one of these alternatives: none leaves it without the setting, several leave the choice to its code.",
        env("DATABASE_URL: { kind: url, schemes: [postgres], allow_userinfo: true }\nDATABASE_URL_FILE: { kind: path }\nPORT: { kind: port }", "PORT=1\n", "DATABASE_URL_FILE=/run/secrets/db\n").relations("- one_of: [DATABASE_URL, DATABASE_URL_FILE]");
    RELATION_DISTINCT = "relation/distinct", Error / Error,
        "Two fields that must differ hold the same value.",
        "Keys and ports that serve different purposes must not be reused: one leaked key would open every purpose (OWASP), and two listeners cannot share a port. The message names both fields and never shows the value.",
        env("SESSION_KEY: { kind: string }\nCSRF_KEY: { kind: string }", "SESSION_KEY=0c1d2e3f4a5b6c7d\nCSRF_KEY=0c1d2e3f4a5b6c7d\n", "SESSION_KEY=0c1d2e3f4a5b6c7d\nCSRF_KEY=7f6e5d4c3b2a1908\n").relations("- distinct: [SESSION_KEY, CSRF_KEY]");

    // ---- kinds -------------------------------------------------------------------------------
    RELATION_PORT_CONFLICT = "relation/port-conflict", Error / Error,
        "Two enabled listeners use the same port.",
        "Only one socket can bind a port; the second listener fails at startup. Listeners that are off do not count, and port 0 (a free port from the kernel) never conflicts. A bind address such as `0.0.0.0:8080` counts by its port.",
        yaml("/server/port: { kind: port }\n/metrics/enabled: { kind: bool }\n/metrics/port: { kind: port }", "server:\n  port: 8080\nmetrics:\n  enabled: true\n  port: 8080\n", "server:\n  port: 8080\nmetrics:\n  enabled: false\n  port: 8080\n").relations("- ports: [{ field: /server/port }, { field: /metrics/port, when: { field: /metrics/enabled, equals: true } }]");
    RELATION_NOT_LISTED = "relation/not-listed", Error / Error,
        "The value is not the key of any record in the list it must belong to.",
        "Some IDs must be declared in a list elsewhere: Rend's `REND_EDGE_ID` must be one of the edges in `REND_EXPECTED_EDGES`, or the control plane rejects the edge. The help lists the keys that are there.",
        env("EDGE_ID: { kind: string }\nEDGES: { kind: record_list, parts: [{ name: id, kind: string }, { name: region, kind: string }] }", "EDGE_ID=edge-3\nEDGES=edge-1=us-east,edge-2=eu-west\n", "EDGE_ID=edge-2\nEDGES=edge-1=us-east,edge-2=eu-west\n").relations("- member: { value: EDGE_ID, list: EDGES }");
    RELATION_MEMBER_MISMATCH = "relation/member-mismatch", Error / Error,
        "A field disagrees with the matching part of its record in a list.",
        "When an ID is declared in a list with further parts (region, URL), the fields that repeat those parts must agree with the record, or the two sides of the service disagree about where the member is. The message names the record and the part.",
        env("EDGE_ID: { kind: string }\nEDGE_REGION: { kind: string }\nEDGES: { kind: record_list, parts: [{ name: id, kind: string }, { name: region, kind: string }] }", "EDGE_ID=edge-2\nEDGE_REGION=us-east\nEDGES=edge-1=us-east,edge-2=eu-west\n", "EDGE_ID=edge-2\nEDGE_REGION=eu-west\nEDGES=edge-1=us-east,edge-2=eu-west\n").relations("- member: { value: EDGE_ID, list: EDGES, match: { region: EDGE_REGION } }");
    RELATION_UNKNOWN_KEY = "relation/unknown-key", Error / Error,
        "The value names an entry of a map that the config does not define.",
        "Some settings choose an entry of a map by its name: SyncTV's `file_storage.default_backend` names one of the storage backends under `file_storage.backends`, or the built-in `disabled`. A name with no entry fails at startup or sends uploads nowhere. The help lists the names that are there.",
        yaml("/storage/default: { kind: string }\n/storage/backends/*/type: { kind: enum, values: [database, s3] }", "storage:\n  default: s3_public\n  backends:\n    database:\n      type: database\n", "storage:\n  default: database\n  backends:\n    database:\n      type: database\n").relations("- key_of: { fields: [/storage/default], map: /storage/backends, also: [disabled] }");
    RELATION_DISAGREE = "relation/disagree", Error / Error,
        "A setting does not fit the mode another setting names.",
        "Some settings come in pairs that must point the same way: `STELLAR_NETWORK=mainnet` with a Horizon or RPC URL on testnet signs transactions for one network and submits them to another. A schema states, per mode, what the other value must contain (`contains`) and must not (`excludes`) with an `agree` relation. Reported at the dependent field, naming the mode.",
        env("NETWORK: { kind: enum, values: [mainnet, testnet] }\nHORIZON_URL: { kind: url }", "NETWORK=mainnet\nHORIZON_URL=https://horizon-testnet.stellar.org\n", "NETWORK=mainnet\nHORIZON_URL=https://horizon.stellar.org\n").relations("- agree: { field: NETWORK, with: HORIZON_URL, values: { mainnet: { excludes: [testnet] }, testnet: { contains: [testnet] } } }");
    RELATION_KEY_MODE_MISMATCH = "relation/key-mode-mismatch", Error / Error,
        "API keys of the same provider are in different modes.",
        "Providers such as Paystack and Stripe issue keys in a live and a test mode (`sk_live_…`, `pk_test_…`); a live secret key with a test public key fails every payment. The message names the fields and modes, never the keys.",
        env("PAYSTACK_SECRET_KEY: { kind: string }\nPAYSTACK_PUBLIC_KEY: { kind: string }", "PAYSTACK_SECRET_KEY=sk_live_x\nPAYSTACK_PUBLIC_KEY=pk_test_x\n", "PAYSTACK_SECRET_KEY=sk_live_x\nPAYSTACK_PUBLIC_KEY=pk_live_x\n").relations("- key_mode: { fields: [PAYSTACK_SECRET_KEY, PAYSTACK_PUBLIC_KEY], live: [sk_live_, pk_live_], test: [sk_test_, pk_test_] }");
    RELATION_TEST_KEY_IN_PRODUCTION = "relation/test-key-in-production", Error / Off,
        "A production config holds a test-mode API key.",
        "Test-mode keys take no real payments; in production every charge silently goes nowhere.",
        env("PAYSTACK_SECRET_KEY: { kind: string }", "PAYSTACK_SECRET_KEY=sk_test_x\n", "PAYSTACK_SECRET_KEY=sk_live_x\n").relations("- key_mode: { fields: [PAYSTACK_SECRET_KEY], live: [sk_live_], test: [sk_test_] }");
    RELATION_LIVE_KEY_IN_DEVELOPMENT = "relation/live-key-in-development", Off / Warning,
        "A development config holds a live-mode API key.",
        "A live key on a developer's machine charges real money and is a production secret outside production's protection. Use the test key.",
        env("PAYSTACK_SECRET_KEY: { kind: string }", "PAYSTACK_SECRET_KEY=sk_live_x\n", "PAYSTACK_SECRET_KEY=sk_test_x\n").relations("- key_mode: { fields: [PAYSTACK_SECRET_KEY], live: [sk_live_], test: [sk_test_] }").development();
    STRING_TOO_SHORT = "string/too-short", Error / Error,
        "The text is shorter than the field allows.",
        "Length is counted in Unicode scalar values (what a person counts as characters), not bytes.",
        yaml("/name: { kind: string, min_len: 3 }", "name: ab\n", "name: abc\n");
    STRING_TOO_LONG = "string/too-long", Error / Error,
        "The text is longer than the field allows.",
        "Length is counted in Unicode scalar values. Readers truncate or reject longer values.",
        yaml("/name: { kind: string, max_len: 3 }", "name: abcd\n", "name: abc\n");
    STRING_INVALID_CHAR = "string/invalid-char", Error / Error,
        "The text contains a character the field does not allow.",
        "Identifiers such as Rend's edge IDs (`^[A-Za-z0-9_.-]{1,128}$`) are matched against a fixed set of characters; anything else is rejected by the service or breaks the format that carries it (a `=` or `,` inside a record list). The help lists the allowed characters.",
        env("EDGE_ID: { kind: string, chars: \"A-Za-z0-9_.-\" }", "EDGE_ID=edge 1\n", "EDGE_ID=edge-1\n");
    BOOL_INVALID = "bool/invalid", Error / Error,
        "The value is not a boolean the field's reader accepts.",
        "Most fields take `true` or `false`. Fields marked lenient also take `1`/`0`, `yes`/`no`, `on`/`off`. YAML 1.2 reads `yes` and `on` as strings, so a strict reader rejects them.",
        yaml("/enabled: { kind: bool }", "enabled: yes\n", "enabled: true\n");
    INT_INVALID = "int/invalid", Error / Error,
        "The value is not a whole number.",
        "The field takes an integer written in decimal digits with an optional sign.",
        yaml("/workers: { kind: int }", "workers: four\n", "workers: 4\n");
    INT_OUT_OF_RANGE = "int/out-of-range", Error / Error,
        "The number is outside the range the field allows.",
        "The schema bounds this number with inclusive `min` and `max` values.",
        yaml("/workers: { kind: int, min: 1, max: 64 }", "workers: 0\n", "workers: 4\n");
    PORT_INVALID = "port/invalid", Error / Error,
        "The value is not a port number.",
        "A port is a decimal number. Service names (`http`) and protocol suffixes (`80/tcp`) are not accepted by config readers.",
        yaml("/port: { kind: port }", "port: http\n", "port: 8080\n");
    PORT_OUT_OF_RANGE = "port/out-of-range", Error / Error,
        "The port is outside 1–65535.",
        "TCP and UDP ports are 16-bit numbers from 1 to 65535. Port 0 asks the OS for any free port, which only some fields allow.",
        yaml("/port: { kind: port }", "port: 70000\n", "port: 8080\n");
    ENUM_UNKNOWN_VALUE = "enum/unknown-value", Error / Error,
        "The value is not one of the allowed values.",
        "The field takes one of a fixed set of values. The help suggests the nearest allowed value when there is one.",
        yaml("/log_level: { kind: enum, values: [debug, info, warn, error] }", "log_level: verbose\n", "log_level: info\n");
    ENUM_NON_CANONICAL = "enum/non-canonical", Warning / Warning,
        "The value is accepted, but not in its canonical spelling.",
        "The reader matches this value case-insensitively or through an alias, but other tools (and people searching the config) expect the canonical spelling shown in the help.",
        yaml("/log_level: { kind: enum, values: [debug, info, warn, error] }", "log_level: INFO\n", "log_level: info\n");
    DURATION_INVALID = "duration/invalid", Error / Error,
        "The value is not a duration.",
        "Durations use Go's grammar: a sequence of number-and-unit pairs with units ns, us (µs), ms, s, m, h, e.g. `300ms`, `1h30m`, `1.5h`. Days (`d`), weeks, spaces, negative values and ISO 8601 (`PT30S`) are not accepted; write `24h` for a day.",
        yaml("/timeout: { kind: duration }", "timeout: 1d\n", "timeout: 24h\n");
    DURATION_MISSING_UNIT = "duration/missing-unit", Error / Error,
        "The duration has no unit.",
        "A bare `90` means seconds to one reader and nanoseconds to another (Go's `time.Duration` in YAML and JSON). Only the bare `0` is unambiguous. Write the unit, e.g. `90s`.",
        yaml("/timeout: { kind: duration }", "timeout: 90\n", "timeout: 90s\n");
    DURATION_OUT_OF_RANGE = "duration/out-of-range", Error / Error,
        "The duration is outside the range the field allows.",
        "The schema bounds this duration with `min` and `max`, or the value exceeds the largest duration Go can hold (about 292 years).",
        yaml("/timeout: { kind: duration, max: 1h }", "timeout: 2h\n", "timeout: 30m\n");
    SIZE_INVALID = "size/invalid", Error / Error,
        "The value is not a byte size.",
        "A byte size is a whole or decimal number and a unit: B, KiB, MiB, GiB, TiB (IEC), e.g. `512MiB`. Negative values and fractions that do not come to whole bytes are errors.",
        yaml("/max_upload: { kind: byte_size }", "max_upload: lots\n", "max_upload: 512MiB\n");
    SIZE_AMBIGUOUS_UNIT = "size/ambiguous-unit", Warning / Warning,
        "The unit may mean a power of 1000 or of 1024.",
        "`MB` is 10⁶ bytes by SI and 2²⁰ bytes by JEDEC and many tools; `KB` and single letters (`512M`) are just as ambiguous. Write the IEC unit (`MiB`) for binary sizes, so every reader agrees.",
        yaml("/max_upload: { kind: byte_size }", "max_upload: 100MB\n", "max_upload: 100MiB\n");
    SIZE_BITS_UNIT = "size/bits-unit", Error / Error,
        "The unit ends in a lower-case `b`, which means bits.",
        "IEEE 1541 and IEC 80000-13 use `b` for bits and `B` for bytes: `100Mb` is 12.5 MB. This field counts bytes.",
        yaml("/max_upload: { kind: byte_size }", "max_upload: 100Mb\n", "max_upload: 100MiB\n");
    SIZE_UNIT_CASE = "size/unit-case", Error / Error,
        "The byte unit is in the wrong case.",
        "Units are case-sensitive: `MIB` or `mB` (millibytes) are not units. Write them as shown in the help.",
        yaml("/max_upload: { kind: byte_size }", "max_upload: 100MIB\n", "max_upload: 100MiB\n");
    SIZE_NO_UNIT = "size/no-unit", Warning / Warning,
        "The byte size has no unit, so it is read as bytes.",
        "A bare number is bytes to most readers, but people often mean kilobytes or megabytes. Write the unit.",
        yaml("/max_upload: { kind: byte_size }", "max_upload: 1048576\n", "max_upload: 1MiB\n");
    SIZE_OUT_OF_RANGE = "size/out-of-range", Error / Error,
        "The byte size is outside the range the field allows.",
        "The schema bounds this size with `min` and `max`, or the value is 2⁶⁴ bytes or more.",
        yaml("/max_upload: { kind: byte_size, max: 1GiB }", "max_upload: 2GiB\n", "max_upload: 1GiB\n");
    PATH_INVALID = "path/invalid", Error / Error,
        "The path contains a character no file path can hold.",
        "A NUL character ends a path in every operating system call, so the rest of the value is silently cut off.",
        json("/data_dir: { kind: path }", "{\"data_dir\": \"/var/lib/app\\u0000x\"}", "{\"data_dir\": \"/var/lib/app\"}");
    PATH_NOT_ABSOLUTE = "path/not-absolute", Error / Error,
        "The path is not absolute.",
        "A relative path is resolved against whatever directory the service was started from, which differs between a shell, systemd and a container. Services do not expand `~`. Write the full path from `/`.",
        yaml("/data_dir: { kind: path }", "data_dir: data/app\n", "data_dir: /var/lib/app\n");
    PATH_DOT_SEGMENT = "path/dot-segment", Error / Error,
        "The path contains a `.` or `..` segment.",
        "Dot segments hide where a file really is and let a path escape the directory it seems to be in. Write the resolved path.",
        yaml("/data_dir: { kind: path }", "data_dir: /var/lib/app/../other\n", "data_dir: /var/lib/other\n");
    HOSTNAME_INVALID = "hostname/invalid", Error / Error,
        "The value is not a bare host name or IP address.",
        "The field takes only a host: no scheme (`smtp://`), no port, no path. Host names are labels of letters, digits and hyphens (RFC 1123), at most 63 characters each and 253 in all; underscores, wildcards and empty labels are not allowed, and non-ASCII names must be written in punycode.",
        yaml("/smtp/host: { kind: hostname }", "smtp:\n  host: smtp://smtp.example.com\n", "smtp:\n  host: smtp.example.com\n");
    HOSTNAME_LOCAL_HOST = "hostname/local-host", Error / Off, relaxed by DevDefaults, covers DevDefaults,
        "A production host is the local machine or a development service.",
        "`localhost`, loopback addresses (all of 127.0.0.0/8, ::1, and numeric spellings like `2130706433`), `0.0.0.0`, `host.docker.internal` and compose service names such as `postgres` or `mailpit` reach the machine itself or a development container. In production the service must name the real host. Kubernetes names (`*.svc.cluster.local`) are fine.",
        yaml("/smtp/host: { kind: hostname }", "smtp:\n  host: localhost\n", "smtp:\n  host: smtp.example.com\n");
    HOSTNAME_SINGLE_LABEL = "hostname/single-label", Warning / Off, relaxed by DevDefaults,
        "A production host is a single-label name.",
        "A name without dots (`backend`) resolves only through a search domain or a compose network. Production configs should name hosts fully.",
        yaml("/smtp/host: { kind: hostname }", "smtp:\n  host: relay\n", "smtp:\n  host: relay.example.com\n");
    BIND_INVALID = "bind/invalid", Error / Error,
        "The value is not a listen address.",
        "A listen address is `host:port`, `[ipv6]:port` or `:port` (every interface). IPv6 addresses must be in brackets, and the port must be 1–65535.",
        yaml("/listen: { kind: bind_address }", "listen: \"::1:8080\"\n", "listen: \"[::1]:8080\"\n");
    BIND_WRONG_PORT = "bind/wrong-port", Error / Error,
        "The listen address uses another port than the service's container listens on.",
        "Container images expose a fixed port and compose files and health checks point at it (Rend's API listens on 4000, its edge on 4100). A different port in the env file starts the service where nothing forwards traffic. Change the published host port instead.",
        env("API_BIND_ADDR: { kind: bind_address, port: 4000 }", "API_BIND_ADDR=0.0.0.0:8080\n", "API_BIND_ADDR=0.0.0.0:4000\n");
    URL_INVALID = "url/invalid", Error / Error,
        "The value is not a valid absolute URL.",
        "The field takes an absolute URL with a scheme and a valid host. WHATWG URL parsers accept hosts such as `*.example.com`, `a..b` or `a_b.example.com`, but they are not host names any resolver or certificate matches.",
        yaml("/public_url: { kind: url }", "public_url: app.example.com\n", "public_url: https://app.example.com\n");
    URL_SCHEME_NOT_ALLOWED = "url/scheme-not-allowed", Error / Error,
        "The URL's scheme is not one the field allows.",
        "The field lists the schemes its reader understands (for example `postgres` and `postgresql` for a database URL).",
        yaml("/database_url: { kind: url, schemes: [postgres, postgresql], allow_userinfo: true }", "database_url: mysql://db.example.com/app\n", "database_url: postgres://db.example.com/app\n");
    URL_MISSING_HOST = "url/missing-host", Error / Error,
        "The URL has no host.",
        "A URL such as `redis:///0` or `postgres:///app` connects to a default (usually local) host. Name the host.",
        yaml("/cache_url: { kind: url, schemes: [redis, rediss] }", "cache_url: rediss:///0\n", "cache_url: rediss://cache.example.com/0\n");
    URL_HAS_USERINFO = "url/has-userinfo", Error / Error,
        "The URL carries a user name or password.",
        "Credentials inside a URL end up in logs, process lists and error messages. This field keeps them in separate fields; remove `user:password@`.",
        yaml("/webhook: { kind: url }", "webhook: https://user:pass@hooks.example.com/x\n", "webhook: https://hooks.example.com/x\n");
    URL_PATH_MISMATCH = "url/path-mismatch", Error / Error,
        "The URL's path is not the exact path the field needs.",
        "The reader appends nothing and matches the whole path, so a missing segment or a trailing slash breaks the call.",
        yaml("/callback: { kind: url, path: /internal/edge }", "callback: https://api.example.com/internal/edge/\n", "callback: https://api.example.com/internal/edge\n");
    URL_NOT_HTTPS = "url/not-https", Error / Off, relaxed by DevDefaults,
        "A production URL uses plain `http://`.",
        "Traffic to a non-local host over `http://` can be read and changed on the way. Use `https://` in production.",
        yaml("/public_url: { kind: url }", "public_url: http://app.example.com\n", "public_url: https://app.example.com\n");
    URL_LOCAL_HOST = "url/local-host", Error / Off, relaxed by DevDefaults, covers DevDefaults,
        "A production URL points at the local machine or a development service.",
        "`localhost`, loopback addresses (all of 127.0.0.0/8, ::1, and spellings like `http://2130706433/`), `0.0.0.0`, `host.docker.internal` and compose service names such as `postgres` or `redis` reach the machine itself or a development container. Kubernetes names (`*.svc.cluster.local`) are fine.",
        yaml("/database_url: { kind: url, schemes: [postgres], allow_userinfo: true }", "database_url: postgres://app@localhost:5432/app\n", "database_url: postgres://app@db.example.com:5432/app\n");
    URL_SINGLE_LABEL_HOST = "url/single-label-host", Warning / Off, relaxed by DevDefaults,
        "A production URL's host is a single-label name.",
        "A host without dots (`http://backend:8080`) resolves only through a search domain or a compose network. Production configs should name hosts fully.",
        yaml("/api_url: { kind: url }", "api_url: https://backend\n", "api_url: https://backend.example.com\n");
    CIDR_INVALID = "cidr/invalid", Error / Error,
        "The value is not an IP address or CIDR prefix.",
        "Trusted-proxy and allow-list entries are an IPv4 or IPv6 address, optionally with a prefix length: `10.0.0.0/8`, `fd00::/8`, `192.0.2.10`. Netmask form (`/255.0.0.0`, accepted by Python but not by Go or ipnet), address ranges (`a-b`), host names, prefix lengths above 32 or 128 and zone IDs (`%eth0`) are not.",
        yaml("/trusted_proxies: { kind: list, item: { kind: cidr } }", "trusted_proxies: [10.0.0.0/255.0.0.0]\n", "trusted_proxies: [10.0.0.0/8]\n");
    CIDR_HOST_BITS_SET = "cidr/host-bits-set", Error / Error,
        "The prefix has host bits set.",
        "In `10.0.0.1/8` the bits after the prefix are not zero. RFC 4291 calls such a prefix not legal; Python's strict mode rejects it while ipnet and Go keep the bits, so readers disagree on what it means. Write the network (`10.0.0.0/8`) or the single address (`10.0.0.1`).",
        yaml("/trusted_proxies: { kind: list, item: { kind: cidr } }", "trusted_proxies: [10.0.0.1/8]\n", "trusted_proxies: [10.0.0.0/8]\n");
    CIDR_LEADING_ZERO = "cidr/leading-zero", Error / Error,
        "An IPv4 octet has a leading zero.",
        "`010.0.0.0` is 8.0.0.0 to inet_aton (octal) but 10.0.0.0 to ipnet; Rust's standard library and Python reject it. Drop the leading zeros.",
        yaml("/trusted_proxies: { kind: list, item: { kind: cidr } }", "trusted_proxies: [010.0.0.0/8]\n", "trusted_proxies: [10.0.0.0/8]\n");
    CIDR_TRUST_ALL = "cidr/trust-all", Error / Warning,
        "The entry matches every address.",
        "`0.0.0.0/0`, `::/0` and `::ffff:0:0/96` (every IPv4 client on a dual-stack socket) trust every peer: any client can then forge X-Forwarded-For or Forwarded and pose as any address. List your proxies' addresses.",
        yaml("/trusted_proxies: { kind: list, item: { kind: cidr, purpose: trusted_proxies } }", "trusted_proxies: [0.0.0.0/0]\n", "trusted_proxies: [10.0.0.0/8]\n");
    CIDR_UNSPECIFIED = "cidr/unspecified", Error / Error,
        "The entry is the unspecified address.",
        "`0.0.0.0` and `::` as bare addresses mean \"no address\" (RFC 1122); no peer has them, so the entry matches nothing. It is usually a listen address pasted into the wrong field.",
        yaml("/trusted_proxies: { kind: list, item: { kind: cidr } }", "trusted_proxies: [0.0.0.0]\n", "trusted_proxies: [10.0.0.1]\n");
    CIDR_IPV4_MAPPED = "cidr/ipv4-mapped", Warning / Warning,
        "The entry is an IPv4-mapped IPv6 prefix.",
        "`::ffff:10.0.0.0/104` means 10.0.0.0/8, but Go's netip (and proxies built on it) never match an IPv4 peer against an IPv6 prefix. Write the IPv4 form.",
        yaml("/trusted_proxies: { kind: list, item: { kind: cidr } }", "trusted_proxies: [\"::ffff:10.0.0.0/104\"]\n", "trusted_proxies: [10.0.0.0/8]\n");
    CIDR_DOCUMENTATION_RANGE = "cidr/documentation-range", Warning / Off,
        "The entry is in a range reserved for documentation.",
        "192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737) and 2001:db8::/32 (RFC 3849) are for examples; no real host has these addresses. The config still holds a value copied from documentation.",
        yaml("/trusted_proxies: { kind: list, item: { kind: cidr } }", "trusted_proxies: [203.0.113.0/24]\n", "trusted_proxies: [10.0.0.0/8]\n");
    CIDR_PUBLIC_RANGE = "cidr/public-range", Warning / Off,
        "A trusted-proxy entry is a public range.",
        "Every host in a trusted range may set X-Forwarded-For. Trusting a CDN's published ranges is legitimate; trusting other public space lets its hosts forge client addresses. Private means RFC 1918, RFC 4193, loopback, link-local and CGNAT (RFC 6598).",
        yaml("/trusted_proxies: { kind: list, item: { kind: cidr, purpose: trusted_proxies } }", "trusted_proxies: [8.8.8.0/24]\n", "trusted_proxies: [10.0.0.0/8]\n");
    CIDR_DUPLICATE = "cidr/duplicate", Warning / Warning,
        "A list entry repeats an earlier range.",
        "The same network appears twice (perhaps spelled differently, like `10.0.0.0/8` and `10.0.0.0/08`). The repeat has no effect.",
        yaml("/trusted_proxies: { kind: list, item: { kind: cidr } }", "trusted_proxies: [10.0.0.0/8, 10.0.0.0/8]\n", "trusted_proxies: [10.0.0.0/8, 192.168.0.0/16]\n");
    CIDR_CONTAINED = "cidr/contained", Warning / Warning,
        "A list entry lies inside another entry.",
        "`10.1.0.0/16` adds nothing when `10.0.0.0/8` is listed. Often the wider entry is the mistake: check which one was meant.",
        yaml("/trusted_proxies: { kind: list, item: { kind: cidr } }", "trusted_proxies: [10.0.0.0/8, 10.1.0.0/16]\n", "trusted_proxies: [10.0.0.0/8, 192.168.0.0/16]\n");
    ORIGIN_INVALID = "origin/invalid", Error / Error,
        "The value is not an http(s) origin.",
        "An origin is `scheme://host[:port]` with the scheme `http` or `https` (Fetch `serialized-origin`). A bare host, another scheme or an invalid port never matches a browser's `Origin` header.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [app.acme.io]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_HAS_PATH = "origin/has-path", Error / Error,
        "The origin carries a path.",
        "Browsers send `Origin: https://app.acme.io`, never a path; an allow-list entry with a path (even a lone trailing `/`) is compared byte for byte and never matches. WHATWG parsers drop the path silently, which hides the mistake.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"https://app.acme.io/\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_HAS_QUERY = "origin/has-query", Error / Error,
        "The origin carries a query or a fragment.",
        "An origin is only scheme, host and port; `?…` and `#…` make the entry match nothing.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"https://app.acme.io?v=2\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_HAS_USERINFO = "origin/has-userinfo", Error / Error,
        "The origin carries a user name or password.",
        "An origin has no user information; the entry matches nothing and leaks a credential into the config.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"https://admin@app.acme.io\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_NON_CANONICAL = "origin/non-canonical", Warning / Warning,
        "The origin is not in the form browsers send.",
        "Browsers serialize origins in lower case, with A-label (punycode) hosts, RFC 5952 IPv6 and no default port (RFC 6454 §6.2). Allow-lists that compare strings never match other spellings; the help shows the canonical one.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"https://App.Acme.io:443\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_WILDCARD = "origin/wildcard", Error / Warning,
        "The allow-list is `*`.",
        "`*` lets every site read the responses (OWASP HTML5 Security Cheat Sheet), and browsers refuse it together with credentials. List the origins that may call the service.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"*\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_NULL = "origin/null", Error / Warning,
        "The allow-list contains `null`.",
        "`null` is the origin of sandboxed iframes, `file:` pages and some redirects; any attacker can produce it, so allowing it allows everyone (OWASP CSRF Cheat Sheet).",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"null\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_WILDCARD_HOST = "origin/wildcard-host", Error / Error,
        "The origin is a wildcard pattern.",
        "`https://*.acme.io` is not an origin: exact matchers never match it, and hand-written pattern matchers tend to match too much (`evil-acme.io`), which makes subdomain takeover an account takeover. The `url` crate and `new URL()` accept `*` in a host, so only an explicit check catches it.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"https://*.acme.io\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_INVALID_HOST = "origin/invalid-host", Error / Error,
        "The origin's host is not a valid host.",
        "WHATWG URL parsers accept hosts like `a..b` and `-a.io`, and read `1.2.3` as the address 1.2.0.3 (a host ending in a number is an IPv4 address). None of these is what the config meant.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"https://1.2.3\"]\n", "cors:\n  allowed_origins: [\"https://1.2.0.3\"]\n");
    ORIGIN_INSECURE = "origin/insecure", Warning / Off, relaxed by DevDefaults,
        "A production origin uses plain `http:`.",
        "Pages served without TLS can be changed on the way, and then act with the allow-list's trust.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"http://app.acme.io\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_LOCALHOST = "origin/localhost", Warning / Off, relaxed by DevDefaults,
        "A production allow-list contains a local origin.",
        "`http://localhost:3000` in production trusts whatever runs on a visitor's own machine; it is usually left over from development.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"http://localhost:3000\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_TRAILING_DOT = "origin/trailing-dot", Warning / Warning,
        "The origin's host ends with a dot.",
        "`https://acme.io.` is a different origin from `https://acme.io`; browsers send the form the user typed, so one of the two never matches.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"https://app.acme.io.\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_DOCUMENTATION_DOMAIN = "origin/documentation-domain", Warning / Off,
        "A production origin uses a domain reserved for documentation.",
        "`example.com` and the `.example`, `.test` and `.invalid` names (RFC 2606) belong to no real site; the entry was copied from an example.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"https://app.example.com\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\"]\n");
    ORIGIN_DUPLICATE = "origin/duplicate", Warning / Warning,
        "The list names the same origin twice.",
        "After normalization (case, default port, punycode) two entries are the same origin; the repeat has no effect and often hides the entry that was meant.",
        yaml("/cors/allowed_origins: { kind: list, item: { kind: origin } }", "cors:\n  allowed_origins: [\"https://app.acme.io\", \"https://app.acme.io\"]\n", "cors:\n  allowed_origins: [\"https://app.acme.io\", \"https://api.acme.io\"]\n");
    CORS_WILDCARD_WITH_CREDENTIALS = "cors/wildcard-with-credentials", Error / Error,
        "The CORS allow-list is `*` while credentials are allowed.",
        "The Fetch standard's CORS check fails when `Access-Control-Allow-Origin` is `*` and the request carries credentials, so every credentialed call breaks; services that 'fix' this by echoing the request's Origin trust every site instead (RULES.md §2, C12). List the origins.",
        yaml("/cors/origins: { kind: list, item: { kind: string } }\n/cors/allow_credentials: { kind: bool }", "cors:\n  origins: [\"*\"]\n  allow_credentials: true\n", "cors:\n  origins: [\"https://app.acme.io\"]\n  allow_credentials: true\n").relations("- cors: { origins: /cors/origins, allow_credentials: /cors/allow_credentials }");
    CORS_NULL_WITH_CREDENTIALS = "cors/null-with-credentials", Error / Warning,
        "The CORS allow-list contains `null` while credentials are allowed.",
        "Sandboxed iframes and `file:` pages send `Origin: null`, and any site can make one; allowing it with credentials lets them act as the signed-in user (RULES.md §2, C13).",
        yaml("/cors/origins: { kind: list, item: { kind: string } }\n/cors/allow_credentials: { kind: bool }", "cors:\n  origins: [\"null\"]\n  allow_credentials: true\n", "cors:\n  origins: [\"null\"]\n  allow_credentials: false\n").relations("- cors: { origins: /cors/origins, allow_credentials: /cors/allow_credentials }");
    EMAIL_INVALID = "email/invalid", Error / Error,
        "The value is not an e-mail address.",
        "A sender address is `local@domain`: the local part is letters, digits and ``!#$%&'*+-/=?^_`{|}~``, with single dots between them (RFC 5322 dot-atom); the domain is a host name of letters, digits and hyphens. Address literals (`[10.0.0.1]`) and surrounding spaces are not accepted.",
        yaml("/smtp/from: { kind: email }", "smtp:\n  from: noreply.acme.io\n", "smtp:\n  from: noreply@acme.io\n");
    EMAIL_DISPLAY_NAME = "email/display-name", Error / Error,
        "The address has the `Name <address>` form.",
        "`Acme <noreply@acme.io>` is a valid RFC 5322 mailbox, but a sender-address field takes the address alone, and the library that builds the `From:` header adds the name from its own field. Many reject the combined form, others send it as a literal local part.",
        yaml("/smtp/from: { kind: email }", "smtp:\n  from: Acme <noreply@acme.io>\n", "smtp:\n  from: noreply@acme.io\n");
    EMAIL_QUOTED_LOCAL_PART = "email/quoted-local-part", Error / Error,
        "The local part of the address is quoted.",
        "Quoted local parts (`\"john doe\"@acme.io`) are valid RFC 5322 but outside what mail libraries, providers and the WHATWG e-mail grammar accept.",
        yaml("/smtp/from: { kind: email }", "smtp:\n  from: '\"john doe\"@acme.io'\n", "smtp:\n  from: john.doe@acme.io\n");
    EMAIL_TOO_LONG = "email/too-long", Error / Error,
        "The address is longer than SMTP allows.",
        "RFC 5321 §4.5.3.1: the local part holds at most 64 octets, the domain 255, and a whole address 254 (the 256-octet path less its angle brackets).",
        env("FROM: { kind: email }", "FROM=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@acme.io\n", "FROM=noreply@acme.io\n");
    EMAIL_NON_ASCII = "email/non-ascii", Warning / Warning,
        "The address has non-ASCII characters.",
        "A non-ASCII local part or a Unicode domain needs a server that supports SMTPUTF8 (RFC 6531). For a Unicode domain, write its A-label (`xn--…`), shown in the help.",
        env("FROM: { kind: email }", "FROM=info@bücher.de\n", "FROM=info@xn--bcher-kva.de\n");
    EMAIL_LOCAL_DOMAIN = "email/local-domain", Error / Off,
        "A production sender address has no fully qualified domain.",
        "RFC 5321 §2.3.5 requires a fully qualified domain. `noreply@localhost` or a single-label domain is rejected by receiving servers or lands in spam.",
        env("FROM: { kind: email }", "FROM=noreply@localhost\n", "FROM=noreply@acme.io\n");
    EMAIL_DOCUMENTATION_DOMAIN = "email/documentation-domain", Warning / Off,
        "A production sender address uses a domain reserved for documentation.",
        "`example.com`, `example.net`, `example.org` and the `.example`, `.test` and `.invalid` names (RFC 2606) deliver no mail; the value was copied from an example.",
        env("FROM: { kind: email }", "FROM=noreply@example.com\n", "FROM=noreply@acme.io\n");
    EMAIL_NAME_LINE_BREAK = "email/name-line-break", Error / Error,
        "The sender name contains a line break.",
        "A CR or LF in a value that goes into a mail header lets it add headers of its own (header injection, e.g. a hidden `Bcc:`). Write the name on one line.",
        json("/smtp/from_name: { kind: email_name }", "{\"smtp\": {\"from_name\": \"Acme\\r\\nBcc: x@acme.io\"}}", "{\"smtp\": {\"from_name\": \"Acme\"}}");
    RECORD_WRONG_PART_COUNT = "record/wrong-part-count", Error / Error,
        "A record of a structured list does not have the parts it needs.",
        "Each item of a `record_list` is one text of named parts joined by a separator, e.g. `edge_id=region=base_url`. An item with too few parts, or an empty part, cannot be read; the help shows the shape.",
        env("EDGES: { kind: record_list, parts: [{ name: id, kind: string }, { name: region, kind: string }] }", "EDGES=edge-1=us-east,edge-2\n", "EDGES=edge-1=us-east,edge-2=eu-west\n");
    RECORD_DUPLICATE = "record/duplicate", Error / Error,
        "Two records share a part that must be unique.",
        "The schema names parts (usually the ID) that no two records may share; a repeated ID makes lookups pick one record and ignore the other.",
        env("EDGES: { kind: record_list, parts: [{ name: id, kind: string }, { name: region, kind: string }], unique: [id] }", "EDGES=edge-1=us-east,edge-1=eu-west\n", "EDGES=edge-1=us-east,edge-2=eu-west\n");
    LIST_INVALID = "list/invalid", Error / Error,
        "The env value is not a list.",
        "In an env file a list is comma-separated (`a,b,c`) or a JSON array of strings (`[\"a\",\"b\"]`). A value that starts with `[` must be a complete JSON array of strings.",
        env("PORTS: { kind: list, item: { kind: port } }", "PORTS=[80, 443\n", "PORTS=80,443\n");
    LIST_EMPTY_ITEM = "list/empty-item", Error / Error,
        "A list item is empty.",
        "An empty item (`a,,b` or a trailing comma) is read as an empty string, which no item kind accepts.",
        env("PORTS: { kind: list, item: { kind: port } }", "PORTS=80,,443\n", "PORTS=80,443\n");
    LIST_DUPLICATE = "list/duplicate", Warning / Warning,
        "A list item repeats an earlier one.",
        "The repeat has no effect, and often hides a typo in the item that was meant.",
        env("PORTS: { kind: list, item: { kind: port }, unique: true }", "PORTS=80,80\n", "PORTS=80,443\n");
    LIST_TOO_FEW = "list/too-few", Error / Error,
        "The list has fewer items than the field requires.",
        "The schema sets `min_items` for this list.",
        yaml("/hosts: { kind: list, item: { kind: hostname }, min_items: 2 }", "hosts: [a.example.com]\n", "hosts: [a.example.com, b.example.com]\n");
    LIST_TOO_MANY = "list/too-many", Error / Error,
        "The list has more items than the field allows.",
        "The schema sets `max_items` for this list.",
        yaml("/hosts: { kind: list, item: { kind: hostname }, max_items: 1 }", "hosts: [a.example.com, b.example.com]\n", "hosts: [a.example.com]\n");
    // ---- webauthn: the relying party (RULES.md §4) -------------------------------------------
    WEBAUTHN_INVALID_RP_ID = "webauthn/invalid-rp-id", Error / Error,
        "The WebAuthn RP ID is not a bare, lower-case ASCII domain.",
        "The RP ID is a domain string with no scheme, port or path (WebAuthn §5.1.2, W3). Authenticators store the SHA-256 of its exact text, and Firefox requires it to equal its own A-label form, so upper case, a trailing dot or Unicode make every credential unusable. An IP address cannot be an RP ID.",
        yaml("/webauthn/rp_id: { kind: string }\n/webauthn/rp_origin: { kind: origin, webauthn: true }", "webauthn:\n  rp_id: https://acme.io\n  rp_origin: https://acme.io\n", "webauthn:\n  rp_id: acme.io\n  rp_origin: https://acme.io\n").relations("- webauthn: { rp_id: /webauthn/rp_id, rp_origin: /webauthn/rp_origin }");
    WEBAUTHN_RP_ID_MISMATCH = "webauthn/rp-id-mismatch", Error / Error,
        "An origin cannot claim the configured RP ID.",
        "Browsers accept an RP ID only when it \"is a registrable domain suffix of or is equal to\" the origin's host (HTML §7.1.1.2, W4): the host itself or a parent domain below the public suffix, on a label boundary (`widgets.com` is no suffix of `acme-widgets.com`). Another registrable domain needs WebAuthn related origins (W7). Ports do not matter (W6). The help names the field on the other side.",
        yaml("/webauthn/rp_id: { kind: string }\n/webauthn/rp_origin: { kind: origin, webauthn: true }", "webauthn:\n  rp_id: widgets.io\n  rp_origin: https://acme-widgets.io\n", "webauthn:\n  rp_id: acme-widgets.io\n  rp_origin: https://app.acme-widgets.io\n").relations("- webauthn: { rp_id: /webauthn/rp_id, rp_origin: /webauthn/rp_origin }");
    WEBAUTHN_RP_ID_PUBLIC_SUFFIX = "webauthn/rp-id-public-suffix", Error / Error,
        "The RP ID is a public suffix.",
        "An RP ID such as `com`, `co.uk` or `github.io` (the Public Suffix List's private section counts) would let every site under it share credentials, so browsers refuse it. Use the registrable domain of the origin, shown in the help.",
        yaml("/webauthn/rp_id: { kind: string }\n/webauthn/rp_origin: { kind: origin, webauthn: true }", "webauthn:\n  rp_id: github.io\n  rp_origin: https://acme.github.io\n", "webauthn:\n  rp_id: acme.github.io\n  rp_origin: https://acme.github.io\n").relations("- webauthn: { rp_id: /webauthn/rp_id, rp_origin: /webauthn/rp_origin }");
    WEBAUTHN_LOCALHOST = "webauthn/localhost", Error / Off,
        "A production WebAuthn RP ID is `localhost`.",
        "Credentials registered for `localhost` only work on a developer's machine (W5). Production needs the site's domain.",
        yaml("/webauthn/rp_id: { kind: string }\n/webauthn/rp_origin: { kind: origin, webauthn: true }", "webauthn:\n  rp_id: localhost\n  rp_origin: http://localhost:3000\n", "webauthn:\n  rp_id: acme.io\n  rp_origin: https://acme.io\n").relations("- webauthn: { rp_id: /webauthn/rp_id, rp_origin: /webauthn/rp_origin }");
    WEBAUTHN_INSECURE_ORIGIN = "webauthn/insecure-origin", Error / Error,
        "A WebAuthn origin is not a secure context.",
        "Browsers offer WebAuthn only to `https:` origins and to `http://localhost` (W1). Chromium also trusts `*.localhost`, other browsers do not, so that is an error too.",
        yaml("/webauthn/rp_origin: { kind: origin, webauthn: true }", "webauthn:\n  rp_origin: http://acme.io\n", "webauthn:\n  rp_origin: https://acme.io\n");
    WEBAUTHN_IP_ORIGIN = "webauthn/ip-origin", Error / Error,
        "A WebAuthn origin has an IP address for its host.",
        "The RP ID must be a domain, and an origin whose host is an IP address has none to claim (W2); Chromium and Firefox refuse the ceremony.",
        yaml("/webauthn/rp_origin: { kind: origin, webauthn: true }", "webauthn:\n  rp_origin: https://10.0.0.5\n", "webauthn:\n  rp_origin: https://acme.io\n");

    // ---- smtp: mail submission (RULES.md §5) -------------------------------------------------
    SMTP_PORT_TLS_MISMATCH = "smtp/port-tls-mismatch", Error / Error,
        "The SMTP port and TLS mode disagree.",
        "Port 465 is implicit TLS: the handshake starts at once (RFC 8314 §3.3). Ports 587 and 2525 greet in plaintext and upgrade with STARTTLS (RFC 6409, RFC 3207). The wrong pairing hangs or fails the handshake on every message.",
        yaml("/smtp/host: { kind: hostname }\n/smtp/port: { kind: port }\n/smtp/tls: { kind: enum, values: [implicit, starttls, none] }", "smtp:\n  host: smtp.acme.io\n  port: 465\n  tls: starttls\n", "smtp:\n  host: smtp.acme.io\n  port: 465\n  tls: implicit\n").relations("- smtp: { host: /smtp/host, port: /smtp/port, tls: /smtp/tls }");
    SMTP_RELAY_PORT = "smtp/relay-port", Warning / Off,
        "Mail is submitted on port 25.",
        "Port 25 is for relaying between mail servers (RFC 5321). Clients submit on 587 or 465 (RFC 6409, RFC 8314); cloud providers block outbound 25 and many servers refuse authenticated submission there.",
        yaml("/smtp/host: { kind: hostname }\n/smtp/port: { kind: port }\n/smtp/tls: { kind: enum, values: [implicit, starttls, none] }", "smtp:\n  host: smtp.acme.io\n  port: 25\n  tls: starttls\n", "smtp:\n  host: smtp.acme.io\n  port: 587\n  tls: starttls\n").relations("- smtp: { host: /smtp/host, port: /smtp/port, tls: /smtp/tls }");
    SMTP_CLEARTEXT_CREDENTIALS = "smtp/cleartext-credentials", Error / Warning,
        "SMTP credentials are sent without TLS.",
        "With TLS off, AUTH sends the user name and password in clear (RFC 4954 §4; RFC 8314 calls cleartext submission obsolete). Use STARTTLS on 587 or implicit TLS on 465.",
        yaml("/smtp/host: { kind: hostname }\n/smtp/port: { kind: port }\n/smtp/tls: { kind: enum, values: [implicit, starttls, none] }\n/smtp/username: { kind: string }\n/smtp/password: { kind: string }", "smtp:\n  host: smtp.acme.io\n  port: 587\n  tls: none\n  username: mailer\n  password: x\n", "smtp:\n  host: smtp.acme.io\n  port: 587\n  tls: starttls\n  username: mailer\n  password: x\n").relations("- smtp: { host: /smtp/host, port: /smtp/port, tls: /smtp/tls, username: /smtp/username, password: /smtp/password }");
    SMTP_TLS_OFF = "smtp/tls-off", Error / Off,
        "Production mail is sent without TLS.",
        "Without TLS every message, with its recipients and any reset links, crosses the network in clear, and anyone on the path can change it (RFC 8314). A local relay in development is fine.",
        yaml("/smtp/host: { kind: hostname }\n/smtp/port: { kind: port }\n/smtp/tls: { kind: bool }", "smtp:\n  host: smtp.acme.io\n  port: 587\n  tls: false\n", "smtp:\n  host: smtp.acme.io\n  port: 587\n  tls: true\n").relations("- smtp: { host: /smtp/host, port: /smtp/port, tls: /smtp/tls }");
    SMTP_CREDENTIALS_INCOMPLETE = "smtp/credentials-incomplete", Error / Error,
        "Only one of the SMTP user name and password is set.",
        "SMTP AUTH needs both (M9); with one of them the service either skips AUTH and is refused, or fails at startup. A password file counts as a password. SendGrid's user name is the literal `apikey`.",
        yaml("/smtp/host: { kind: hostname }\n/smtp/username: { kind: string }\n/smtp/password: { kind: string }", "smtp:\n  host: smtp.acme.io\n  username: mailer\n", "smtp:\n  host: smtp.acme.io\n  username: mailer\n  password: x\n").relations("- smtp: { host: /smtp/host, username: /smtp/username, password: /smtp/password }");

    // ---- s3: object storage (RULES.md §6, §1.6) ----------------------------------------------
    S3_INVALID_BUCKET_NAME = "s3/invalid-bucket-name", Error / Error,
        "The bucket name breaks the S3 naming rules.",
        "A general-purpose bucket name has 3 to 63 characters of `a-z`, `0-9`, `.` and `-`, starts and ends with a letter or digit, has no two adjacent periods and is not formatted as an IP address. A directory bucket is `base-name--zone-id--x-s3` without periods. S3 refuses other names.",
        yaml("/s3/bucket: { kind: string }", "s3:\n  bucket: Acme_Media\n", "s3:\n  bucket: acme-media\n").relations("- s3: { bucket: /s3/bucket }");
    S3_RESERVED_BUCKET_NAME = "s3/reserved-bucket-name", Error / Error,
        "The bucket name uses a prefix or suffix AWS reserves.",
        "Names starting with `xn--`, `sthree-` or `amzn-s3-demo-`, or ending with `-s3alias`, `--ol-s3`, `.mrap` or `--table-s3` are reserved for access points and other S3 features.",
        yaml("/s3/bucket: { kind: string }", "s3:\n  bucket: media-s3alias\n", "s3:\n  bucket: media-files\n").relations("- s3: { bucket: /s3/bucket }");
    S3_DOTTED_BUCKET = "s3/dotted-bucket", Warning / Warning,
        "The bucket name contains periods.",
        "Periods are valid, but with virtual-hosted addressing over HTTPS the host `my.bucket.s3.amazonaws.com` does not match the `*.s3.amazonaws.com` certificate, so TLS fails; Transfer Acceleration refuses such names too. Use hyphens, or path-style addressing.",
        yaml("/s3/bucket: { kind: string }", "s3:\n  bucket: acme.media\n", "s3:\n  bucket: acme-media\n").relations("- s3: { bucket: /s3/bucket }");
    S3_INVALID_REGION = "s3/invalid-region", Error / Error,
        "The region is not one the endpoint's provider has.",
        "AWS regions match a partition pattern such as `us-east-1`, `cn-north-1` or `us-gov-west-1`, in lower case; `us-east-1a` is an availability zone. Cloudflare R2 takes `auto`. A wrong region breaks SigV4 signing.",
        yaml("/s3/bucket: { kind: string }\n/s3/region: { kind: string }", "s3:\n  bucket: acme-media\n  region: us-east-1a\n", "s3:\n  bucket: acme-media\n  region: us-east-1\n").relations("- s3: { bucket: /s3/bucket, region: /s3/region }");
    S3_REGION_MISMATCH = "s3/region-mismatch", Error / Error,
        "The region differs from the one the endpoint names.",
        "`s3.eu-west-1.amazonaws.com` serves `eu-west-1`, and Backblaze's `s3.us-west-004.backblazeb2.com` serves `us-west-004`. Requests signed for another region are rejected. The help names the endpoint field.",
        yaml("/s3/endpoint: { kind: url }\n/s3/bucket: { kind: string }\n/s3/region: { kind: string }", "s3:\n  endpoint: https://s3.eu-west-1.amazonaws.com\n  bucket: acme-media\n  region: eu-west-2\n", "s3:\n  endpoint: https://s3.eu-west-1.amazonaws.com\n  bucket: acme-media\n  region: eu-west-1\n").relations("- s3: { endpoint: /s3/endpoint, bucket: /s3/bucket, region: /s3/region }");
    S3_ENDPOINT_HAS_PATH = "s3/endpoint-has-path", Error / Error,
        "The S3 endpoint URL has a path.",
        "The endpoint is `scheme://host[:port]`; the client adds the bucket (as a subdomain, or as the first path segment with path-style addressing). A path such as `/bucket` sends requests to the wrong place. With path-style addressing on, a path prefix is allowed for gateways that need one.",
        yaml("/s3/endpoint: { kind: url }\n/s3/bucket: { kind: string }", "s3:\n  endpoint: https://storage.acme.io/acme-media\n  bucket: acme-media\n", "s3:\n  endpoint: https://storage.acme.io\n  bucket: acme-media\n").relations("- s3: { endpoint: /s3/endpoint, bucket: /s3/bucket }");
    S3_INVALID_ACCESS_KEY_ID = "s3/invalid-access-key-id", Error / Error,
        "The AWS access key ID does not have the form of one.",
        "An access key ID is `AKIA` (long-term) or `ASIA` (temporary) and 16 upper-case letters and digits. `AIDA…`, `AROA…` and the other IAM prefixes name users, roles and groups, not keys. Checked only for AWS endpoints; R2 and MinIO keys look different.",
        yaml("/s3/bucket: { kind: string }\n/s3/access_key_id: { kind: string }", "s3:\n  bucket: acme-media\n  access_key_id: AIDAJQABLZS4A3QDU576\n", "s3:\n  bucket: acme-media\n  access_key_id: AKIA2E7A5F3B244C4D7Q\n").relations("- s3: { bucket: /s3/bucket, access_key_id: /s3/access_key_id }");
    S3_UNUSUAL_ACCESS_KEY_ID = "s3/unusual-access-key-id", Warning / Warning,
        "The AWS access key ID has digits current keys do not use.",
        "Current key IDs use base 32 (`A-Z`, `2-7`) after the prefix; older ones may have other digits. Check that the ID was copied whole.",
        yaml("/s3/bucket: { kind: string }\n/s3/access_key_id: { kind: string }", "s3:\n  bucket: acme-media\n  access_key_id: AKIA0123456789ABCDEF\n", "s3:\n  bucket: acme-media\n  access_key_id: AKIA2E7A5F3B244C4D7Q\n").relations("- s3: { bucket: /s3/bucket, access_key_id: /s3/access_key_id }");
    S3_INVALID_SECRET_KEY = "s3/invalid-secret-key", Error / Error,
        "The AWS secret access key does not have the form of one.",
        "An AWS secret access key is 40 characters of `A-Z a-z 0-9 / +`. Anything else was cut, padded or copied from elsewhere. Its strength is not scored: 40 base64 characters carry 240 bits by design (RULES.md §1.6). Checked only for AWS endpoints; the value is never shown.",
        yaml("/s3/bucket: { kind: string }\n/s3/secret_access_key: { kind: string }", "s3:\n  bucket: acme-media\n  secret_access_key: tooshort\n", "s3:\n  bucket: acme-media\n  secret_access_key: 9drTJvcXLB89Wq8vN3xL5zxq7Fp2Lm3Nq4Rs5Tu6\n").relations("- s3: { bucket: /s3/bucket, secret_access_key: /s3/secret_access_key }");
    S3_PUBLISHED_CREDENTIALS = "s3/published-credentials", Error / Warning,
        "The storage keys are published defaults or documentation examples.",
        "`AKIAIOSFODNN7EXAMPLE` and its secret come from AWS's documentation; `minioadmin`/`minioadmin` is MinIO's default root user (\"NEVER use the default credentials in production\"). Scanners try them first. Fields declared `kind: secret` report these themselves.",
        yaml("/s3/bucket: { kind: string }\n/s3/access_key_id: { kind: string }", "s3:\n  bucket: acme-media\n  access_key_id: AKIAIOSFODNN7EXAMPLE\n", "s3:\n  bucket: acme-media\n  access_key_id: AKIA2E7A5F3B244C4D7Q\n").relations("- s3: { bucket: /s3/bucket, access_key_id: /s3/access_key_id }");
    S3_MISSING_SESSION_TOKEN = "s3/missing-session-token", Error / Error,
        "A temporary AWS key has no session token.",
        "`ASIA…` keys come from STS with a session token; without the token every request is refused.",
        yaml("/s3/bucket: { kind: string }\n/s3/access_key_id: { kind: string }\n/s3/session_token: { kind: string }", "s3:\n  bucket: acme-media\n  access_key_id: ASIA2E7A5F3B244C4D7Q\n", "s3:\n  bucket: acme-media\n  access_key_id: AKIA2E7A5F3B244C4D7Q\n").relations("- s3: { bucket: /s3/bucket, access_key_id: /s3/access_key_id, session_token: /s3/session_token }");
    S3_TEMPORARY_CREDENTIALS = "s3/temporary-credentials", Warning / Off,
        "Production config holds temporary AWS credentials.",
        "An `ASIA…` key and its session token expire within hours; a static config that holds them loses its storage when they do. Let the runtime assume a role, or give the service a long-term key.",
        yaml("/s3/bucket: { kind: string }\n/s3/access_key_id: { kind: string }\n/s3/session_token: { kind: string }", "s3:\n  bucket: acme-media\n  access_key_id: ASIA2E7A5F3B244C4D7Q\n  session_token: FwoGZXIvYXdzEBYaDH\n", "s3:\n  bucket: acme-media\n  access_key_id: AKIA2E7A5F3B244C4D7Q\n").relations("- s3: { bucket: /s3/bucket, access_key_id: /s3/access_key_id, session_token: /s3/session_token }");

    // ---- postgres, redis: connection URLs (RULES.md §7) --------------------------------------
    POSTGRES_INVALID = "postgres/invalid", Error / Error,
        "The value is not a PostgreSQL connection URL.",
        "libpq reads `postgres://user:password@host:port/database?params`, with several `host:port` pairs separated by commas and IPv6 addresses in brackets. Ports are 1 to 65535; a `%` starts a two-digit hex escape.",
        env("DATABASE_URL: { kind: postgres_url }", "DATABASE_URL=postgres://app@db.acme.io:99999/app?sslmode=verify-full\n", "DATABASE_URL=postgres://app@db.acme.io:5432/app?sslmode=verify-full\n");
    POSTGRES_UNKNOWN_PARAMETER = "postgres/unknown-parameter", Error / Error,
        "The URL has a query parameter libpq does not know.",
        "libpq checks every `?name=value` of a connection URI against its list of connection parameters and refuses to connect on an unknown one (`invalid URI query parameter`), so a typo such as `uzer` or `sslmod` stops the service at startup. Drivers that read parameters of their own (pgx's `pool_max_conns`, Prisma's `schema`) strip them first: a schema lists those with `extra_params`.",
        env("DATABASE_URL: { kind: postgres_url }", "DATABASE_URL=postgres://app@db.acme.io/app?sslmode=verify-full&uzer=app\n", "DATABASE_URL=postgres://app@db.acme.io/app?sslmode=verify-full&user=app\n");
    POSTGRES_SCHEME = "postgres/scheme", Error / Error,
        "The URL's scheme is not `postgres` or `postgresql`.",
        "libpq accepts exactly `postgres://` and `postgresql://`, in lower case. Another scheme means another database or a URL meant for something else.",
        env("DATABASE_URL: { kind: postgres_url }", "DATABASE_URL=mysql://app@db.acme.io/app\n", "DATABASE_URL=postgres://app@db.acme.io/app?sslmode=verify-full\n");
    POSTGRES_UNENCODED_USERINFO = "postgres/unencoded-userinfo", Error / Error,
        "The user name or password in the URL needs percent-encoding.",
        "A raw `@`, `/`, `?` or `#` in the password splits the URL in the wrong place (RFC 3986 §3.2.1): libpq splits at the first `@`, other readers at the last, so the host becomes part of the password or the reverse. Encode them as `%40`, `%2F`, `%3F`, `%23`. The value is never shown.",
        env("DATABASE_URL: { kind: postgres_url }", "DATABASE_URL=postgres://app:p@ss@db.acme.io/app?sslmode=verify-full\n", "DATABASE_URL=postgres://app:Vq8p%40ssR3tL6wZ2nK9x@db.acme.io/app?sslmode=verify-full\n");
    POSTGRES_INVALID_SSLMODE = "postgres/invalid-sslmode", Error / Error,
        "The `sslmode` is not one libpq knows.",
        "`sslmode` is one of `disable`, `allow`, `prefer`, `require`, `verify-ca`, `verify-full`, case-sensitive; libpq refuses to connect with anything else.",
        env("DATABASE_URL: { kind: postgres_url }", "DATABASE_URL=postgres://app@db.acme.io/app?sslmode=Verify-Full\n", "DATABASE_URL=postgres://app@db.acme.io/app?sslmode=verify-full\n");
    POSTGRES_PLAINTEXT = "postgres/plaintext", Error / Off,
        "The production database connection may run without TLS.",
        "`sslmode=disable` never uses TLS and `allow` tries plaintext first, so passwords and data cross the network in clear. Use `verify-full`.",
        env("DATABASE_URL: { kind: postgres_url }", "DATABASE_URL=postgres://app@db.acme.io/app?sslmode=disable\n", "DATABASE_URL=postgres://app@db.acme.io/app?sslmode=verify-full\n");
    POSTGRES_UNVERIFIED_TLS = "postgres/unverified-tls", Warning / Off,
        "The production database connection does not verify the server.",
        "Without `sslmode` libpq uses `prefer`, which falls back to plaintext; `require` encrypts but checks no certificate (unless a root CA file exists) and `verify-ca` checks no host name, so a machine in the middle can pose as the database. `verify-full` checks both. Unix-socket connections are exempt.",
        env("DATABASE_URL: { kind: postgres_url }", "DATABASE_URL=postgres://app@db.acme.io/app?sslmode=require\n", "DATABASE_URL=postgres://app@db.acme.io/app?sslmode=verify-full\n");
    POSTGRES_WEAK_PASSWORD = "postgres/weak-password", Error / Off,
        "The password inside the database URL is shorter than the schema requires.",
        "A database password is a machine secret: nobody types it, so it can be long. Checklists ask for 32+ random characters (the Stellar/Paystack backend's does). Only the length is reported, never the password. Hex passwords need no percent-encoding in a URL.",
        env("DATABASE_URL: { kind: postgres_url, min_password_chars: 32 }", "DATABASE_URL=postgres://app:Zq8Lw2Rt5Vx9@db.example.net/app?sslmode=verify-full\n", "DATABASE_URL=postgres://app:3f9c1a7e5b2d8f4a6c0e9b1d7a3f5c8e@db.example.net/app?sslmode=verify-full\n");
    POSTGRES_MISSING_DATABASE = "postgres/missing-database", Warning / Off,
        "The production database URL names no database.",
        "Without a path libpq connects to the database named like the user, which is rarely the application's. Write the name after the host.",
        env("DATABASE_URL: { kind: postgres_url }", "DATABASE_URL=postgres://app@db.acme.io?sslmode=verify-full\n", "DATABASE_URL=postgres://app@db.acme.io/app?sslmode=verify-full\n");
    REDIS_INVALID = "redis/invalid", Error / Error,
        "The value is not a Redis connection URL.",
        "A Redis URL is `redis[s]://[[user]:password@]host[:port][/db]` with one host, a port from 1 to 65535 and IPv6 in brackets; the Sentinel dialects list several hosts and name the master (`?sentinelMasterId=` or `/service`).",
        env("REDIS_URL: { kind: redis_url }", "REDIS_URL=rediss://cache.acme.io:0\n", "REDIS_URL=rediss://cache.acme.io:6379\n");
    REDIS_SCHEME = "redis/scheme", Error / Error,
        "The URL's scheme is not a lower-case Redis scheme this field accepts.",
        "Use `redis://` or `rediss://` (TLS), in lower case: Lettuce, Predis and redis-py reject `REDIS://`, and ioredis turns TLS on only for a lower-case `rediss://`. Sentinel URLs are accepted only where the schema says `sentinel: true`.",
        env("REDIS_URL: { kind: redis_url }", "REDIS_URL=REDISS://cache.acme.io\n", "REDIS_URL=rediss://cache.acme.io\n");
    REDIS_INVALID_DB = "redis/invalid-db", Error / Error,
        "The Redis database in the URL is not a non-negative integer.",
        "The path of a Redis URL is only the database number (`/0`); clients refuse anything else.",
        env("REDIS_URL: { kind: redis_url }", "REDIS_URL=rediss://cache.acme.io/cache\n", "REDIS_URL=rediss://cache.acme.io/1\n");
    REDIS_PLAINTEXT = "redis/plaintext", Warning / Off,
        "The production Redis connection has no TLS.",
        "`redis://` sends the password and every key and value in clear. Use `rediss://` unless the network between the service and Redis is private and trusted.",
        env("REDIS_URL: { kind: redis_url }", "REDIS_URL=redis://cache.acme.io:6379\n", "REDIS_URL=rediss://cache.acme.io:6379\n");
    REDIS_INSECURE_TLS = "redis/insecure-tls", Warning / Off,
        "The production Redis URL turns certificate checks off.",
        "`#insecure` (redis-rs) keeps TLS but accepts any certificate, so anyone on the path can pose as the server. Trust the server's CA instead.",
        env("REDIS_URL: { kind: redis_url }", "REDIS_URL=rediss://cache.acme.io#insecure\n", "REDIS_URL=rediss://cache.acme.io\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_slugs_with_text() {
        let mut seen = std::collections::HashSet::new();
        for info in ALL {
            assert!(seen.insert(info.code), "{} twice", info.code);
            let (area, name) = info.code.split_once('/').expect("area/name");
            let slug = |s: &str| {
                !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            };
            assert!(slug(area) && slug(name), "{}", info.code);
            assert!(info.summary.ends_with('.'), "{}", info.code);
            if cfg!(feature = "explanations") {
                assert!(info.explanation.len() > 40, "{}", info.code);
            } else {
                assert_eq!(
                    (info.explanation, info.example.bad),
                    ("", ""),
                    "{}",
                    info.code
                );
            }
        }
    }
}
