//! The schema language: what a service's config must look like, as data.
//!
//! A schema is YAML or JSON (see docs/schema-language.md). It deserializes into
//! [`SchemaDef`], which [`Schema`] compiles: every pointer parsed, every relation resolved,
//! every kind parameter checked. A [`Schema`] value is therefore always valid; a wrong schema
//! is an [`Error`](crate::Error) that says where, never a panic.

mod compile;
mod extend;
pub mod infer;
mod json_schema;
mod wildcard;

#[cfg(all(test, feature = "schema-serde"))]
mod serde_agrees;

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::sync::Arc;

use preflight_host_text::case;
#[cfg(feature = "schema-serde")]
use serde::{de::MapAccess, de::Visitor, Deserialize, Deserializer};

use crate::document::read::{self, FromNode, ReadError};
use crate::document::{Document, Format, Limits, Node};
use crate::kinds::Kind;
use crate::relations::CompiledRelation;
use crate::report::MaskedKeys;
use crate::Error;

pub use crate::context::{Condition, Literal};
pub use crate::relations::{
    Agree, AgreeRule, Cors, KeyMode, KeyOf, Member, PortUse, Relation, Requires, S3Block,
    SmtpBlock, WebAuthnBlock,
};
pub(crate) use compile::{CompiledField, DeclTree, FieldSlot, HelmMap};
pub use json_schema::{json_schema, Json};
pub(crate) use wildcard::WildMap;

/// A schema as written: the serde form of the schema language.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct SchemaDef {
    /// The schema's name, e.g. `synctv`; the report names it.
    pub schema: String,
    /// A one-line description; `preflight schemas` prints it.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub title: Option<String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub description: Option<String>,
    /// The format `check` expects when the file name does not say (default yaml).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub format: Option<Format>,
    /// What a key the schema does not name is (default warning); `--strict` makes it error.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub unknown_fields: UnknownFields,
    /// Fields by pointer (`/server/port`) or, for env files, by variable name (`PORT`).
    #[cfg_attr(
        feature = "schema-serde",
        serde(default, deserialize_with = "ordered_map")
    )]
    pub fields: Vec<(String, Field)>,
    /// Environment variable names mapped onto pointers, so an env file can be checked with a
    /// YAML schema: `SYNCTV_JWT_SECRET: /jwt/secret`.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub env: BTreeMap<String, String>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub relations: Vec<Relation>,
    /// The built-in schema (or fragment) this one extends: its fields, env names and
    /// relations come first; a field named again here has its keys replaced one by one.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub extends: Option<String>,
    /// Derives an env name for every pointer field: `SYNCTV_` + `/jwt/secret` is
    /// `SYNCTV_JWT_SECRET`. Names in `env` add to (and win over) the derived ones.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub env_prefix: Option<String>,
    /// How a Helm chart's values file maps onto the schema, for
    /// `preflight check values.yaml`: the subtree, the key spelling, values set elsewhere.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub helm: Option<HelmDef>,
    /// Values that are placeholders in any field (`value/placeholder`).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub placeholders: Option<ValuePolicy>,
    /// Values that are development defaults in any field (`value/dev-default`).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub dev_defaults: Option<ValuePolicy>,
}

impl FromNode for SchemaDef {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(
            node,
            "a schema (a mapping with `schema:` and `fields:`)",
            |keys| {
                Ok(SchemaDef {
                    schema: keys.require("schema")?,
                    title: keys.get("title")?,
                    description: keys.get("description")?,
                    format: keys.get("format")?,
                    unknown_fields: keys.get("unknown_fields")?,
                    fields: keys.ordered("fields")?,
                    env: keys.get("env")?,
                    relations: keys.get("relations")?,
                    extends: keys.get("extends")?,
                    env_prefix: keys.get("env_prefix")?,
                    helm: keys.get("helm")?,
                    placeholders: keys.get("placeholders")?,
                    dev_defaults: keys.get("dev_defaults")?,
                })
            },
        )
    }
}

/// How a chart's `values.yaml` holds the config (SyncTV's chart: `config:` in camelCase, the
/// secrets under `secrets:`).
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct HelmDef {
    /// The values subtree that is the config (`/config`); the whole file when unset.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub config: Option<String>,
    /// How the values spell the schema's snake_case keys.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub keys: KeySpelling,
    /// Other values that set fields, values pointer → field (`/secrets/jwt/secret: /jwt/secret`).
    #[cfg_attr(
        feature = "schema-serde",
        serde(default, deserialize_with = "ordered_map")
    )]
    pub values: Vec<(String, String)>,
    /// Values the chart fills in when they are left empty (generated passwords): an empty one
    /// is not reported as missing.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub generated: Vec<String>,
}

impl FromNode for HelmDef {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a helm mapping", |keys| {
            Ok(HelmDef {
                config: keys.get("config")?,
                keys: keys.get("keys")?,
                values: keys.ordered("values")?,
                generated: keys.get("generated")?,
            })
        })
    }
}

/// How a values file spells keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(rename_all = "snake_case"))]
pub enum KeySpelling {
    /// As the schema does.
    #[default]
    AsIs,
    /// `trustedProxies` for `trusted_proxies`.
    CamelCase,
}

read::from_names!(KeySpelling {
    "as_is" => KeySpelling::AsIs,
    "camel_case" => KeySpelling::CamelCase,
});

/// `trusted_proxies` → `trustedProxies`: how a camelCase values file spells a schema key.
pub(crate) fn camel_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for ch in key.chars() {
        match (ch, upper) {
            ('_', _) => upper = true,
            (c, true) => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            (c, false) => out.push(c),
        }
    }
    out
}

/// A list of telltale values, compared without case: whole values and pieces of values.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct ValuePolicy {
    /// Whole values (`local-edge-001`).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub equals: Vec<String>,
    /// Pieces of values (`replace-me`, `example.com`, `localhost`).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub contains: Vec<String>,
}

/// A schema's value list as a check compares with it: each item lower-cased once, beside the
/// item as written (what a finding quotes).
#[derive(Debug, Clone, Default)]
pub(crate) struct ValueList {
    pub equals: Vec<(String, String)>,
    pub contains: Vec<(String, String)>,
}

impl ValueList {
    fn of(policy: &ValuePolicy) -> Self {
        let lowered = |items: &[String]| {
            items
                .iter()
                .map(|item| (case::lower(item), item.clone()))
                .collect()
        };
        ValueList {
            equals: lowered(&policy.equals),
            contains: lowered(&policy.contains),
        }
    }

    /// The listed value a lower-cased value equals, or else the listed piece it contains, as
    /// the schema writes it.
    pub fn hit(&self, lower: &str) -> Option<&str> {
        self.equals
            .iter()
            .find(|(item, _)| item == lower)
            .or_else(|| {
                self.contains
                    .iter()
                    .find(|(item, _)| lower.contains(item.as_str()))
            })
            .map(|(_, written)| written.as_str())
    }
}

impl FromNode for ValuePolicy {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a value list (equals, contains)", |keys| {
            Ok(ValuePolicy {
                equals: keys.get("equals")?,
                contains: keys.get("contains")?,
            })
        })
    }
}

/// The values a field must have in each profile (`NODE_ENV` is `production` in production).
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct Expect {
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub production: Vec<Literal>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub development: Vec<Literal>,
    /// Why, for the message's help (`unauthenticated clients could read every change`).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub because: Option<String>,
}

impl FromNode for Expect {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(
            node,
            "the values per profile (production, development)",
            |keys| {
                Ok(Expect {
                    production: keys.get("production")?,
                    development: keys.get("development")?,
                    because: keys.get("because")?,
                })
            },
        )
    }
}

/// One field: its kind (with the kind's parameters beside it) and the rules for its presence.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
pub struct Field {
    #[cfg_attr(feature = "schema-serde", serde(flatten))]
    pub kind: Kind,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub required: Required,
    /// Required when another field is set, or has a given value.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub required_if: Option<Condition>,
    /// The key this field had before a rename; a config that still uses it is told the new one.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub renamed_from: Option<String>,
    /// Every finding on this field is an error while the condition holds (a local Redis is
    /// a warning, but an error once `cluster.enabled` is true).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub error_if: Option<Condition>,
    /// The sibling that may hold a path to a file with the value instead (`/jwt/secret_file`);
    /// exactly one of the two may be set, and the path must be absolute. Never read.
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub secret_file: Option<String>,
    /// The values the field must have in each profile (`value/profile-mismatch`).
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub expect: Option<Expect>,
    #[cfg_attr(feature = "schema-serde", serde(default))]
    pub description: Option<String>,
}

/// A field's mapping holds its kind's parameters beside its own keys.
impl FromNode for Field {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a field (a mapping with `kind:`)", |keys| {
            Ok(Field {
                kind: Kind::read(keys)?,
                required: keys.get("required")?,
                required_if: keys.get("required_if")?,
                renamed_from: keys.get("renamed_from")?,
                error_if: keys.get("error_if")?,
                secret_file: keys.get("secret_file")?,
                expect: keys.get("expect")?,
                description: keys.get("description")?,
            })
        })
    }
}

/// When a field must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(rename_all = "lowercase"))]
pub enum Required {
    Always,
    Production,
    #[default]
    Never,
}

read::from_names!(Required {
    "always" => Required::Always,
    "production" => Required::Production,
    "never" => Required::Never,
});

/// What a key the schema does not know is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(rename_all = "lowercase"))]
pub enum UnknownFields {
    Error,
    #[default]
    Warning,
    Ignore,
}

read::from_names!(UnknownFields {
    "error" => UnknownFields::Error,
    "warning" => UnknownFields::Warning,
    "ignore" => UnknownFields::Ignore,
});

/// A compiled, valid schema. Build it with [`Schema::from_yaml`], [`Schema::from_json`],
/// [`Schema::from_def`] or serde; use it with [`crate::check`] or a [`crate::Checker`].
#[derive(Debug, Clone)]
pub struct Schema {
    pub(crate) def: SchemaDef,
    pub(crate) fields: Vec<CompiledField>,
    pub(crate) tree: DeclTree,
    pub(crate) env: Vec<(String, Vec<String>)>,
    /// Where each env name is in `env`.
    pub(crate) env_index: std::collections::HashMap<String, usize>,
    /// Env name prefixes that belong to a free-form (`any`) field.
    pub(crate) env_subtrees: Vec<(String, Vec<String>)>,
    pub(crate) relations: Vec<CompiledRelation>,
    /// Fields and relations repeated under every key of a map (`/backends/*/bucket`).
    pub(crate) wild: Vec<WildMap>,
    /// The keys whose values renderers mask in source lines.
    pub(crate) masked: Arc<MaskedKeys>,
    /// How a chart's values file maps onto the fields, when the schema says.
    pub(crate) helm: Option<compile::HelmMap>,
    /// Inferred from the config (`--schema auto`): findings note it.
    pub(crate) inferred: bool,
    /// Where each field key is in `def.fields`, and which keys hold a `*` (for `field_at`).
    pub(crate) field_keys: HashMap<String, usize>,
    pub(crate) wildcard_keys: Vec<usize>,
    /// `placeholders` and `dev_defaults`, lower-cased once for the checks.
    pub(crate) placeholders: Option<ValueList>,
    pub(crate) dev_defaults: Option<ValueList>,
}

impl Schema {
    /// Parses and compiles a schema written in YAML.
    pub fn from_yaml(text: &str) -> Result<Schema, Error> {
        Schema::from_text(text, Format::Yaml)
    }

    /// Parses and compiles a schema written in JSON.
    pub fn from_json(text: &str) -> Result<Schema, Error> {
        Schema::from_text(text, Format::Json)
    }

    /// Parses and compiles a schema from a file or a pasted text, by one rule in every front
    /// end: a file name that says `.json` or `.yaml`/`.yml` decides; otherwise a text whose
    /// first non-blank character is `{` is JSON, and anything else YAML.
    pub fn from_source(text: &str, file_name: Option<&str>) -> Result<Schema, Error> {
        let format = match file_name.and_then(Format::from_file_name) {
            Some(Format::Json) => Format::Json,
            Some(_) => Format::Yaml,
            None if text.trim_start().starts_with('{') => Format::Json,
            None => Format::Yaml,
        };
        Schema::from_text(text, format)
    }

    fn from_text(text: &str, format: Format) -> Result<Schema, Error> {
        let doc = Document::parse(text, format, &Limits::default());
        if let Some(problem) = doc.findings.first() {
            return Err(Error::InvalidSchema {
                pointer: problem.pointer.clone(),
                position: problem.span.map(|s| s.start),
                message: problem.message.clone(),
            });
        }
        let Some(root) = doc.root() else {
            return Err(Error::InvalidSchema {
                pointer: String::new(),
                position: None,
                message: "the schema is empty".into(),
            });
        };
        let extended;
        let root = if root.entry("extends").is_some() {
            extended = extend::resolve(root).map_err(|e| Error::InvalidSchema {
                pointer: e.pointer.to_string(),
                position: doc.get(e.pointer).and_then(|n| n.span).map(|s| s.start),
                message: e.message,
            })?;
            &extended
        } else {
            root
        };
        let def = SchemaDef::from_node(root).map_err(|e| Error::InvalidSchema {
            pointer: crate::pointer::join(e.tokens.iter().map(String::as_str)),
            position: e.span.map(|s| s.start),
            message: e.message,
        })?;
        compile::compile(def).map_err(|e| {
            let position = doc.get(&e.pointer).and_then(|n| n.span).map(|s| s.start);
            Error::InvalidSchema {
                pointer: e.pointer,
                position,
                message: e.message,
            }
        })
    }

    /// A YAML schema as JSON text that stands alone: its `extends` base merged in, so a host
    /// without the built-in schemas (the browsers' wasm module) reads it with
    /// [`Schema::from_json`] and checks exactly as with the original.
    pub fn standalone_json(text: &str) -> Result<String, Error> {
        let doc = Document::parse(text, Format::Yaml, &Limits::default());
        let root = doc.root().ok_or_else(|| Error::InvalidSchema {
            pointer: String::new(),
            position: None,
            message: "the schema is empty or does not parse".into(),
        })?;
        let mut resolved = extend::resolve(root).map_err(|e| Error::InvalidSchema {
            pointer: e.pointer.to_string(),
            position: None,
            message: e.message,
        })?;
        // The base is in; a host without it must not look for it again.
        if let crate::document::Value::Map(entries) = &mut resolved.value {
            entries.remove("extends");
        }
        Ok(crate::document::write_json(&resolved))
    }

    /// Compiles a schema built in code or deserialized from another format.
    pub fn from_def(def: SchemaDef) -> Result<Schema, Error> {
        compile::compile(def).map_err(|e| Error::InvalidSchema {
            pointer: e.pointer,
            position: None,
            message: e.message,
        })
    }

    pub fn name(&self) -> &str {
        &self.def.schema
    }

    pub fn title(&self) -> Option<&str> {
        self.def.title.as_deref()
    }

    /// The format a file is read in when its name does not say.
    pub fn format(&self) -> Format {
        self.def.format.unwrap_or(Format::Yaml)
    }

    /// The keys of secret fields, and of fields that hold URLs with credentials
    /// (`postgres_url`, `redis_url`, `url` with `allow_userinfo`).
    pub(crate) fn masked_keys(&self) -> &Arc<MaskedKeys> {
        &self.masked
    }

    /// Finds [`Schema::masked_keys`]; the compile step calls it once.
    fn find_masked_keys(&self) -> MaskedKeys {
        let urls = |kind: &Kind| match kind {
            Kind::PostgresUrl(_) | Kind::RedisUrl(_) => true,
            Kind::Url(k) => k.allow_userinfo,
            _ => false,
        };
        MaskedKeys {
            secrets: self.keys_of(&|k: &Kind| k.is_secret()),
            urls: self.keys_of(&urls),
        }
    }

    /// Sets the keys found by [`Schema::find_masked_keys`].
    pub(super) fn with_masked_keys(mut self) -> Schema {
        self.masked = Arc::new(self.find_masked_keys());
        self
    }

    /// The keys that hold a field of such a kind, as a file writes them: each field's last
    /// pointer token, its old key's, and the env names mapped onto it.
    fn keys_of(&self, holds: &dyn Fn(&Kind) -> bool) -> Vec<String> {
        let mut keys = Vec::new();
        let fields = self
            .fields
            .iter()
            .chain(self.wild.iter().flat_map(|m| &m.fields));
        for field in fields.filter(|f| holds(&f.field.kind)) {
            for at in std::iter::once(&field.at).chain(&field.renamed) {
                keys.extend(at.tokens.last().cloned());
                keys.extend(
                    self.env
                        .iter()
                        .filter(|(_, tokens)| *tokens == at.tokens)
                        .map(|(name, _)| name.clone()),
                );
            }
        }
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    pub fn def(&self) -> &SchemaDef {
        &self.def
    }

    /// A schema inferred from `document`'s names and values (`--schema auto`): the schema
    /// `preflight init` writes, compiled. Each finding on an inferred field carries a note
    /// saying so.
    pub fn auto(document: &Document, name: &str) -> Result<Schema, Error> {
        let mut schema = Schema::from_yaml(&infer::schema_text(document, name))?;
        schema.inferred = true;
        Ok(schema)
    }

    /// Whether the schema was inferred (`--schema auto`).
    pub fn is_inferred(&self) -> bool {
        self.inferred
    }

    /// Whether checking with this schema needs the Public Suffix List (it has a WebAuthn
    /// block): a host without the built-in list loads it first
    /// ([`crate::relations::load_public_suffix_list`]).
    pub fn needs_public_suffix_list(&self) -> bool {
        self.relations
            .iter()
            .chain(self.wild.iter().flat_map(|map| &map.relations))
            .any(|relation| relation.needs_public_suffix_list())
    }

    /// The declared field at `pointer` (`/file_storage/backends/media/bucket` finds
    /// `/file_storage/backends/*/bucket`; `/PORT` finds an env schema's `PORT`), with the key
    /// the schema writes it under. For editors: hover and completion.
    pub fn field_at(&self, pointer: &str) -> Option<(&str, &Field)> {
        let tokens = crate::pointer::tokens(pointer)?;
        let exact = match tokens.as_slice() {
            [name] => self
                .field_keys
                .get(name.as_str())
                .or_else(|| self.field_keys.get(pointer)),
            _ => self.field_keys.get(pointer),
        };
        exact
            .copied()
            .filter(|&i| declared_matches(&self.def.fields[i].0, &tokens))
            .or_else(|| {
                self.wildcard_keys
                    .iter()
                    .copied()
                    .find(|&i| declared_matches(&self.def.fields[i].0, &tokens))
            })
            .map(|i| (self.def.fields[i].0.as_str(), &self.def.fields[i].1))
    }

    /// The pointer an env file's variable `name` sets, for a schema of YAML fields with env
    /// names (`SYNCTV_JWT_SECRET` → `/jwt/secret`); `None` for a name it does not map.
    pub fn env_pointer(&self, name: &str) -> Option<String> {
        let index = *self.env_index.get(name)?;
        let tokens = &self.env.get(index)?.1;
        Some(crate::pointer::join(tokens.iter().map(String::as_str)))
    }

    /// Every env variable name the schema maps onto a field, in order.
    pub fn env_names(&self) -> impl Iterator<Item = &str> {
        self.env.iter().map(|(name, _)| name.as_str())
    }
}

/// Whether a field key of the schema (a pointer with `*` segments, or an env name) names the
/// value at `tokens`.
fn declared_matches(key: &str, tokens: &[String]) -> bool {
    match key.strip_prefix('/') {
        Some(rest) => {
            let declared: Vec<&str> = rest.split('/').collect();
            declared.len() == tokens.len()
                && declared
                    .iter()
                    .zip(tokens)
                    .all(|(d, t)| *d == "*" || d.replace("~1", "/").replace("~0", "~") == *t)
        }
        None => tokens.len() == 1 && tokens[0] == key,
    }
}

/// With the feature `schema-serde`: a schema from any serde format, compiled.
#[cfg(feature = "schema-serde")]
impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let def = SchemaDef::deserialize(deserializer)?;
        Schema::from_def(def).map_err(serde::de::Error::custom)
    }
}

/// Deserializes a mapping into a list of pairs, keeping the order the schema wrote.
#[cfg(feature = "schema-serde")]
fn ordered_map<'de, D, V>(deserializer: D) -> Result<Vec<(String, V)>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Ordered<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for Ordered<V> {
        type Value = Vec<(String, V)>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a mapping of field names to field definitions")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((k, v)) = map.next_entry::<String, V>()? {
                out.push((k, v));
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Ordered(std::marker::PhantomData))
}
