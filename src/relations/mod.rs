//! Relations: checks over several fields together, one module each. Each module owns the
//! relation's schema struct (what a schema writes), its compile step (names resolved against
//! the schema's fields, once) and its check. Registration is the [`Relation`] and
//! [`CompiledRelation`] enums below: one variant per module, as [`crate::kinds::Kind`] does.
//!
//! The WebAuthn, SMTP and S3 relations are typed blocks: plain structs a service can check
//! without a schema ([`WebAuthnSettings`], [`SmtpSettings`], [`S3Settings`]), which the schema
//! engine fills from the document fields a schema maps onto them (see `block`).

mod agree;
mod block;
mod cors;
mod distinct;
mod exclusive;
mod key_mode;
mod key_of;
mod member;
mod one_of;
mod order;
mod ports;
mod psl;
mod requires;
mod s3;
mod smtp;
mod webauthn;

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

pub use agree::{Agree, AgreeRule};
pub use cors::Cors;
pub use key_mode::KeyMode;
pub use key_of::KeyOf;
pub use member::Member;
pub use ports::PortUse;
#[doc(hidden)]
#[cfg(feature = "bundled-psl")]
pub use psl::parse_list_uncached;
pub use psl::{
    is_public_suffix_list_loaded, is_registrable_suffix_of_or_equal, load_public_suffix_list,
    load_public_suffix_list_part, part_of as public_suffix_list_part_of, registrable_domain,
    start_public_suffix_list_parts, take_needed_public_suffix_list_part, LIST_PARTS as PSL_PARTS,
    LIST_VERSION as PSL_VERSION,
};
pub use requires::Requires;
pub use s3::{S3Block, S3Settings};
pub use smtp::{SmtpBlock, SmtpSettings, SmtpTls};
pub use webauthn::{WebAuthnBlock, WebAuthnSettings};

use crate::context::{Cond, Condition, Cx, FieldRef, SchemaProblem};
use crate::document::read::{self, FromNode, ReadError};
use crate::document::{Node, Value};
use crate::kinds::Kind;
use block::BlockKind;

/// A rule over several fields, as a schema writes it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(rename_all = "snake_case"))]
pub enum Relation {
    /// If `if` is set (or equals `equals`), every field in `then` must be set.
    Requires(Requires),
    /// At most one of these fields may be set.
    Exclusive(Vec<String>),
    /// Exactly one of these fields must be set.
    OneOf(Vec<String>),
    /// No two of these fields may hold the same value (secrets: the same key material).
    Distinct(Vec<String>),
    /// A CORS policy: the allow-list must not be `*` or contain `null` when credentials are
    /// allowed.
    Cors(Cors),
    /// A WebAuthn relying party: the RP ID against its origins (RULES.md §4).
    Webauthn(WebAuthnBlock),
    /// SMTP submission: host, port, TLS mode and credentials together (RULES.md §5).
    Smtp(SmtpBlock),
    /// S3-compatible storage: bucket, region, endpoint and keys together (RULES.md §6).
    S3(S3Block),
    /// Listeners that must not share a port; each may be enabled by a condition.
    Ports(Vec<PortUse>),
    /// A value that must be the key of a record in a `record_list`, with other fields equal
    /// to that record's parts.
    Member(Member),
    /// Keys whose live/test mode must agree with each other and with the profile.
    KeyMode(KeyMode),
    /// A field whose value must fit the mode another field names.
    Agree(Agree),
    /// Fields whose value must be a key of a wildcard map (or one of `also`).
    KeyOf(KeyOf),
    /// Each value set is at most the next one (a minimum and its maximum).
    Order(Vec<String>),
}

/// A relation is a mapping with one key, the relation's name: `- exclusive: [/a, /b]`.
impl FromNode for Relation {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        let entry = match &node.value {
            Value::Map(entries) if entries.len() == 1 => &entries[0],
            _ => {
                return Err(ReadError::expected(
                    "a mapping with one key, the relation's name",
                    node,
                ))
            }
        };
        let value = &entry.value;
        let relation = match entry.key.as_str() {
            "requires" => FromNode::from_node(value).map(Relation::Requires),
            "exclusive" => FromNode::from_node(value).map(Relation::Exclusive),
            "one_of" => FromNode::from_node(value).map(Relation::OneOf),
            "distinct" => FromNode::from_node(value).map(Relation::Distinct),
            "cors" => FromNode::from_node(value).map(Relation::Cors),
            "webauthn" => FromNode::from_node(value).map(Relation::Webauthn),
            "smtp" => FromNode::from_node(value).map(Relation::Smtp),
            "s3" => FromNode::from_node(value).map(Relation::S3),
            "ports" => FromNode::from_node(value).map(Relation::Ports),
            "member" => FromNode::from_node(value).map(Relation::Member),
            "key_mode" => FromNode::from_node(value).map(Relation::KeyMode),
            "agree" => FromNode::from_node(value).map(Relation::Agree),
            "key_of" => FromNode::from_node(value).map(Relation::KeyOf),
            "order" => FromNode::from_node(value).map(Relation::Order),
            other => {
                let message = format!(
                    "unknown variant `{other}`, expected {}",
                    read::one_of(RELATION_NAMES.into_iter())
                );
                return Err(ReadError::new(message, entry.key_span).under(other));
            }
        };
        relation.map_err(|e| e.under(entry.key.as_str()))
    }
}

/// Every relation's name, as a schema writes it.
const RELATION_NAMES: [&str; 14] = [
    "requires",
    "exclusive",
    "one_of",
    "distinct",
    "cors",
    "webauthn",
    "smtp",
    "s3",
    "ports",
    "member",
    "key_mode",
    "agree",
    "key_of",
    "order",
];

/// A relation with every field it names resolved, ready to check.
#[derive(Debug, Clone)]
pub(crate) enum CompiledRelation {
    Requires(requires::Compiled),
    Exclusive(exclusive::Compiled),
    OneOf(one_of::Compiled),
    Distinct(distinct::Compiled),
    Cors(cors::Compiled),
    Block(block::Compiled),
    Ports(ports::Compiled),
    Member(member::Compiled),
    KeyMode(key_mode::Compiled),
    Agree(agree::Compiled),
    KeyOf(key_of::Compiled),
    Order(order::Compiled),
}

impl CompiledRelation {
    /// Whether checking the relation needs the Public Suffix List (a WebAuthn block).
    pub(crate) fn needs_public_suffix_list(&self) -> bool {
        matches!(self, CompiledRelation::Block(block) if block.kind == block::BlockKind::WebAuthn)
    }
}

/// What a relation's compile step asks of the schema: the fields it declares.
pub(crate) trait Fields {
    /// Reads a field key (a pointer or an env name); `at` is where the schema wrote it.
    fn resolve(&self, key: &str, at: &str) -> Result<FieldRef, SchemaProblem>;
    /// The kind of the field a key names; `None` when no field or `_file` sibling has it.
    fn kind_of(&self, field: &FieldRef) -> Option<&Kind>;
    /// Whether the schema declares the key: a field, or a field's `_file` sibling.
    fn declares(&self, field: &FieldRef) -> bool;
    /// The `_file` sibling of a field.
    fn file_of(&self, field: &FieldRef) -> Option<FieldRef>;
    /// Whether some field is declared under `map` as a wildcard map (`map/*/…`).
    fn is_wildcard_map(&self, map: &FieldRef) -> bool;

    /// A key that must name a declared field.
    fn declared(&self, key: &str, at: &str) -> Result<FieldRef, SchemaProblem> {
        let field = self.resolve(key, at)?;
        if self.declares(&field) {
            Ok(field)
        } else {
            Err(SchemaProblem::new(
                at,
                format!("`{key}` is not a field of this schema"),
            ))
        }
    }

    /// An optional condition on a declared field.
    fn condition(&self, c: &Option<Condition>, at: &str) -> Result<Option<Cond>, SchemaProblem> {
        c.as_ref()
            .map(|c| {
                self.declared(&c.field, &format!("{at}/field"))
                    .map(|r| (r, c.equals.clone()))
            })
            .transpose()
    }

    /// At least two declared fields (`exclusive`, `one_of`, `distinct`).
    fn at_least_two(&self, keys: &[String], at: &str) -> Result<Vec<FieldRef>, SchemaProblem> {
        let name = at.rsplit('/').next().unwrap_or(at);
        if keys.len() < 2 {
            return Err(SchemaProblem::new(
                at,
                format!("`{name}` needs at least two fields"),
            ));
        }
        keys.iter()
            .enumerate()
            .map(|(j, k)| self.declared(k, &format!("{at}/{j}")))
            .collect()
    }
}

impl Relation {
    /// Resolves the relation's fields; `at` is its place in the schema (`/relations/3`).
    pub(crate) fn compile(
        &self,
        fields: &dyn Fields,
        at: &str,
    ) -> Result<CompiledRelation, SchemaProblem> {
        Ok(match self {
            Relation::Requires(r) => CompiledRelation::Requires(r.compile(fields, at)?),
            Relation::Exclusive(keys) => {
                CompiledRelation::Exclusive(exclusive::compile(keys, fields, at)?)
            }
            Relation::OneOf(keys) => CompiledRelation::OneOf(one_of::compile(keys, fields, at)?),
            Relation::Distinct(keys) => {
                CompiledRelation::Distinct(distinct::compile(keys, fields, at)?)
            }
            Relation::Cors(c) => CompiledRelation::Cors(c.compile(fields, at)?),
            Relation::Webauthn(b) => CompiledRelation::Block(block::compile(
                BlockKind::WebAuthn,
                b.parts(),
                &b.when,
                fields,
                at,
            )?),
            Relation::Smtp(b) => CompiledRelation::Block(block::compile(
                BlockKind::Smtp,
                b.parts(),
                &b.when,
                fields,
                at,
            )?),
            Relation::S3(b) => CompiledRelation::Block(block::compile(
                BlockKind::S3,
                b.parts(),
                &b.when,
                fields,
                at,
            )?),
            Relation::Ports(uses) => CompiledRelation::Ports(ports::compile(uses, fields, at)?),
            Relation::Member(m) => CompiledRelation::Member(m.compile(fields, at)?),
            Relation::KeyMode(k) => CompiledRelation::KeyMode(k.compile(fields, at)?),
            Relation::Agree(a) => CompiledRelation::Agree(a.compile(fields, at)?),
            Relation::KeyOf(k) => CompiledRelation::KeyOf(k.compile(fields, at)?),
            Relation::Order(keys) => CompiledRelation::Order(order::compile(keys, fields, at)?),
        })
    }
}

impl CompiledRelation {
    pub(crate) fn check(&self, cx: &mut Cx<'_>) {
        match self {
            CompiledRelation::Requires(r) => r.check(cx),
            CompiledRelation::Exclusive(r) => r.check(cx),
            CompiledRelation::OneOf(r) => r.check(cx),
            CompiledRelation::Distinct(r) => r.check(cx),
            CompiledRelation::Cors(r) => r.check(cx),
            CompiledRelation::Block(r) => r.check(cx),
            CompiledRelation::Ports(r) => r.check(cx),
            CompiledRelation::Member(r) => r.check(cx),
            CompiledRelation::KeyMode(r) => r.check(cx),
            CompiledRelation::Agree(r) => r.check(cx),
            CompiledRelation::KeyOf(r) => r.check(cx),
            CompiledRelation::Order(r) => r.check(cx),
        }
    }

    /// Every document field the relation names (to find the wildcard map it repeats under).
    pub(crate) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        match self {
            CompiledRelation::Requires(r) => r.fields(f),
            CompiledRelation::Exclusive(r) => r.fields(f),
            CompiledRelation::OneOf(r) => r.fields(f),
            CompiledRelation::Distinct(r) => r.fields(f),
            CompiledRelation::Cors(r) => r.fields(f),
            CompiledRelation::Block(r) => r.fields(f),
            CompiledRelation::Ports(r) => r.fields(f),
            CompiledRelation::Member(r) => r.fields(f),
            CompiledRelation::KeyMode(r) => r.fields(f),
            CompiledRelation::Agree(r) => r.fields(f),
            CompiledRelation::KeyOf(r) => r.fields(f),
            CompiledRelation::Order(r) => r.fields(f),
        }
    }
}

/// Visits an optional condition's field.
fn visit_cond(cond: &Option<Cond>, f: &mut dyn FnMut(&FieldRef)) {
    if let Some((field, _)) = cond {
        f(field);
    }
}
