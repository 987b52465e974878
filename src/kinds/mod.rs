//! Field kinds: one typed check of one value each, one module per kind.
//!
//! A schema names a kind with `kind: NAME` and the kind's parameters beside it. Each module
//! holds the parameter struct (what the schema may say), the check, and its unit tests.
//! Registration is the [`Kind`] enum below: one variant per module, nothing else.

mod bind_address;
mod boolean;
mod byte_size;
mod cidr;
pub(crate) mod dsn;
mod duration;
mod email;
mod enumeration;
pub(crate) mod host;
mod hostname;
pub(crate) mod integer;
mod list;
mod origin;
mod password;
mod path;
mod port;
mod postgres_url;
mod record_list;
mod redis_url;
pub(crate) mod secret;
mod string;
mod url;
pub(crate) mod web_url;

use std::borrow::Cow;

#[cfg(feature = "schema-serde")]
use serde::Deserialize;

use crate::context::{Cx, FieldRef};
use crate::diagnostic::{codes, Profile};
use crate::document::read::{self, FromNode, Keys, ReadError};
use crate::document::{Format, Node, Value};

pub use bind_address::BindAddressKind;
pub use boolean::BoolKind;
pub use byte_size::ByteSizeKind;
pub use cidr::{CidrKind, CidrPurpose};
pub use duration::DurationKind;
pub use email::{EmailKind, EmailNameKind};
pub use enumeration::EnumKind;
pub use hostname::HostnameKind;
pub use integer::IntKind;
pub(crate) use list::items_of;
pub use list::ListKind;
pub use origin::OriginKind;
pub use password::{CharClass, PasswordKind};
pub(crate) use path::check_path;
pub use path::PathKind;
pub use port::PortKind;
pub use postgres_url::{PostgresUrl, PostgresUrlKind};
pub use record_list::{RecordListKind, RecordPart};
pub use redis_url::{RedisUrl, RedisUrlKind};
pub use secret::{Encoding, JwtAlgorithm, SecretKind};
pub use string::StringKind;
pub use url::UrlKind;

/// The kind of a field and its parameters, as a schema writes it (`kind: port`).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(
    feature = "schema-serde",
    serde(tag = "kind", rename_all = "snake_case")
)]
pub enum Kind {
    String(StringKind),
    Bool(BoolKind),
    Int(IntKind),
    Port(PortKind),
    Enum(EnumKind),
    Duration(DurationKind),
    ByteSize(ByteSizeKind),
    Path(PathKind),
    Hostname(HostnameKind),
    BindAddress(BindAddressKind),
    Url(UrlKind),
    Cidr(CidrKind),
    Email(EmailKind),
    EmailName(EmailNameKind),
    Origin(OriginKind),
    Secret(SecretKind),
    Password(PasswordKind),
    PostgresUrl(PostgresUrlKind),
    RedisUrl(RedisUrlKind),
    List(ListKind),
    RecordList(RecordListKind),
    /// Anything at all; nothing below it is checked or reported as unknown.
    Any(AnyKind),
}

/// A kind on its own mapping (a list's `item`): its parameters and nothing else.
impl FromNode for Kind {
    fn from_node(node: &Node) -> Result<Self, ReadError> {
        read::record(node, "a kind (`kind: ...` and its parameters)", Kind::read)
    }
}

/// Parameters of `kind: any` (none).
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "schema-serde", derive(Deserialize))]
#[cfg_attr(feature = "schema-serde", serde(deny_unknown_fields))]
pub struct AnyKind {}

impl AnyKind {
    /// The kind has no parameters.
    pub(crate) fn read(_: &mut Keys<'_>) -> Result<Self, ReadError> {
        Ok(AnyKind {})
    }
}

/// A parameter a schema set wrongly, found when the schema is compiled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParamError {
    pub param: &'static str,
    pub message: String,
}

impl ParamError {
    pub fn new(param: &'static str, message: impl Into<String>) -> Self {
        ParamError {
            param,
            message: message.into(),
        }
    }
}

/// Every kind's name, as `kind:` writes it.
pub(crate) const KIND_NAMES: [&str; 22] = [
    "string",
    "bool",
    "int",
    "port",
    "enum",
    "duration",
    "byte_size",
    "path",
    "hostname",
    "bind_address",
    "url",
    "cidr",
    "email",
    "email_name",
    "origin",
    "secret",
    "password",
    "postgres_url",
    "redis_url",
    "list",
    "record_list",
    "any",
];

impl Kind {
    /// Reads `kind:` and the kind's parameters from a mapping it may share with other keys
    /// (a field's `required`, a record part's `name`): the caller finishes `keys`.
    pub(crate) fn read(keys: &mut Keys<'_>) -> Result<Kind, ReadError> {
        let Some(entry) = keys.entry("kind") else {
            return Err(keys.missing("kind"));
        };
        let name = String::from_node(&entry.value).map_err(|e| e.under("kind"))?;
        Ok(match name.as_str() {
            "string" => Kind::String(StringKind::read(keys)?),
            "bool" => Kind::Bool(BoolKind::read(keys)?),
            "int" => Kind::Int(IntKind::read(keys)?),
            "port" => Kind::Port(PortKind::read(keys)?),
            "enum" => Kind::Enum(EnumKind::read(keys)?),
            "duration" => Kind::Duration(DurationKind::read(keys)?),
            "byte_size" => Kind::ByteSize(ByteSizeKind::read(keys)?),
            "path" => Kind::Path(PathKind::read(keys)?),
            "hostname" => Kind::Hostname(HostnameKind::read(keys)?),
            "bind_address" => Kind::BindAddress(BindAddressKind::read(keys)?),
            "url" => Kind::Url(UrlKind::read(keys)?),
            "cidr" => Kind::Cidr(CidrKind::read(keys)?),
            "email" => Kind::Email(EmailKind::read(keys)?),
            "email_name" => Kind::EmailName(EmailNameKind::read(keys)?),
            "origin" => Kind::Origin(OriginKind::read(keys)?),
            "secret" => Kind::Secret(SecretKind::read(keys)?),
            "password" => Kind::Password(PasswordKind::read(keys)?),
            "postgres_url" => Kind::PostgresUrl(PostgresUrlKind::read(keys)?),
            "redis_url" => Kind::RedisUrl(RedisUrlKind::read(keys)?),
            "list" => Kind::List(ListKind::read(keys)?),
            "record_list" => Kind::RecordList(RecordListKind::read(keys)?),
            "any" => Kind::Any(AnyKind::read(keys)?),
            other => {
                let message = format!(
                    "unknown variant `{other}`, expected {}",
                    read::one_of(KIND_NAMES.into_iter())
                );
                return Err(ReadError::new(message, entry.value.span).under("kind"));
            }
        })
    }

    pub fn name(&self) -> &'static str {
        match self {
            Kind::String(_) => "string",
            Kind::Bool(_) => "bool",
            Kind::Int(_) => "int",
            Kind::Port(_) => "port",
            Kind::Enum(_) => "enum",
            Kind::Duration(_) => "duration",
            Kind::ByteSize(_) => "byte_size",
            Kind::Path(_) => "path",
            Kind::Hostname(_) => "hostname",
            Kind::BindAddress(_) => "bind_address",
            Kind::Url(_) => "url",
            Kind::Cidr(_) => "cidr",
            Kind::Email(_) => "email",
            Kind::EmailName(_) => "email_name",
            Kind::Origin(_) => "origin",
            Kind::Secret(_) => "secret",
            Kind::Password(_) => "password",
            Kind::PostgresUrl(_) => "postgres_url",
            Kind::RedisUrl(_) => "redis_url",
            Kind::List(_) => "list",
            Kind::RecordList(_) => "record_list",
            Kind::Any(_) => "any",
        }
    }

    /// Checks the kind's parameters; a schema with bad parameters is rejected.
    pub(crate) fn validate(&self) -> Result<(), ParamError> {
        match self {
            Kind::String(k) => k.validate(),
            Kind::Int(k) => k.validate(),
            Kind::Enum(k) => k.validate(),
            Kind::Duration(k) => k.validate(),
            Kind::ByteSize(k) => k.validate(),
            Kind::Url(k) => k.validate(),
            Kind::List(k) => k.validate(),
            Kind::RecordList(k) => k.validate(),
            Kind::Secret(k) => k.validate(),
            Kind::Bool(_)
            | Kind::Port(_)
            | Kind::Path(_)
            | Kind::Hostname(_)
            | Kind::BindAddress(_)
            | Kind::Cidr(_)
            | Kind::Email(_)
            | Kind::EmailName(_)
            | Kind::Origin(_)
            | Kind::Password(_)
            | Kind::PostgresUrl(_)
            | Kind::RedisUrl(_)
            | Kind::Any(_) => Ok(()),
        }
    }

    /// Checks one value written as text, as a form field or an environment variable holds it
    /// (a list is comma-separated). Diagnostics have an empty pointer and spans within `text`.
    ///
    /// ```
    /// use preflight::kinds::{Kind, PortKind};
    /// use preflight::Profile;
    ///
    /// let port = Kind::Port(PortKind::default());
    /// let found = port.check_text("70000", Profile::Production);
    /// assert_eq!(found[0].code, "port/out-of-range");
    /// ```
    pub fn check_text(&self, text: &str, profile: Profile) -> Vec<crate::Diagnostic> {
        let index = crate::span::LineIndex::new(text);
        let node = Node::new(
            Value::String(text.to_string()),
            Some(crate::span::Span {
                start: index.position(0),
                end: index.position(text.len()),
            }),
        );
        let mut findings = crate::diagnostic::Findings::new(usize::MAX);
        let here = FieldRef::ROOT;
        let mut cx = Cx::standalone(profile, Some(Format::Env), &here, &mut findings);
        if self.applies_to(&node) {
            self.check(&node, &mut cx);
        }
        findings
            .into_vec()
            .into_iter()
            .filter_map(|f| f.resolve(profile))
            .collect()
    }

    /// Whether a value is set for this kind, so its check runs: not null and not an empty
    /// string. A secret of only whitespace is set, to a blank key (`secret/empty`); other kinds
    /// take blank text as unset, as dotenv readers take `KEY=`.
    pub(crate) fn applies_to(&self, node: &Node) -> bool {
        node.is_set()
            || (self.is_secret() && matches!(&node.value, Value::String(s) if !s.is_empty()))
    }

    /// Whether values of this kind are secrets: never echoed, masked by renderers, and
    /// checking their own templates.
    pub fn is_secret(&self) -> bool {
        match self {
            Kind::Secret(_) | Kind::Password(_) => true,
            Kind::List(list) => list.item.is_secret(),
            _ => false,
        }
    }

    /// Checks across the items of a list, for kinds whose items relate (overlapping ranges).
    pub(crate) fn check_items(&self, items: &[Node], cx: &mut Cx<'_>) {
        match self {
            Kind::Cidr(k) => k.check_items(items, cx),
            Kind::Origin(k) => k.check_items(items, cx),
            _ => {}
        }
    }

    /// Checks one value that is set (not null, not an empty string).
    pub(crate) fn check(&self, node: &Node, cx: &mut Cx<'_>) {
        match self {
            Kind::String(k) => k.check(node, cx),
            Kind::Bool(k) => k.check(node, cx),
            Kind::Int(k) => k.check(node, cx),
            Kind::Port(k) => k.check(node, cx),
            Kind::Enum(k) => k.check(node, cx),
            Kind::Duration(k) => k.check(node, cx),
            Kind::ByteSize(k) => k.check(node, cx),
            Kind::Path(k) => k.check(node, cx),
            Kind::Hostname(k) => k.check(node, cx),
            Kind::BindAddress(k) => k.check(node, cx),
            Kind::Url(k) => k.check(node, cx),
            Kind::Cidr(k) => k.check(node, cx),
            Kind::Email(k) => k.check(node, cx),
            Kind::EmailName(k) => k.check(node, cx),
            Kind::Origin(k) => k.check(node, cx),
            Kind::Secret(k) => k.check(node, cx),
            Kind::Password(k) => k.check(node, cx),
            Kind::PostgresUrl(k) => k.check(node, cx),
            Kind::RedisUrl(k) => k.check(node, cx),
            Kind::List(k) => k.check(node, cx),
            Kind::RecordList(k) => k.check(node, cx),
            Kind::Any(_) => {}
        }
    }
}

/// The text of a scalar value, or a `schema/wrong-type` finding when the value is a list or
/// a mapping where the kind expects `expected`.
pub(crate) fn scalar<'n>(node: &'n Node, cx: &mut Cx<'_>, expected: &str) -> Option<Cow<'n, str>> {
    let text = node.scalar_text();
    if text.is_none() {
        cx.report(
            &codes::SCHEMA_WRONG_TYPE,
            node.span,
            format!("expected {expected}, found {}", node.type_name()),
            None,
        );
    }
    text
}

/// The serde default of parameters that are on unless a schema turns them off.
pub(crate) fn default_true() -> bool {
    true
}

/// `from 1 to 64`, `at least 1`, `at most 64`: how an out-of-range message states the bounds.
pub(crate) fn range_phrase<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("from {a} to {b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => String::new(),
    }
}

/// `a`, `b` or `c`: how a help text lists the allowed values.
pub(crate) fn one_of_list<S: AsRef<str>>(values: &[S]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{}`", v.as_ref())).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one kind over one value, as the table tests of every kind module do.
    use super::*;
    use crate::diagnostic::{Finding, Profile};
    use crate::document::{Format, Node, Value};

    pub fn findings(
        kind: &impl Checks,
        value: Value,
        profile: Profile,
        format: Format,
    ) -> Vec<Finding> {
        let mut findings = crate::diagnostic::Findings::new(usize::MAX);
        let node = Node::new(value, None);
        let at = FieldRef::parse("/f").unwrap();
        let mut cx = Cx::standalone(profile, Some(format), &at, &mut findings);
        kind.run(&node, &mut cx);
        findings.into_vec()
    }

    /// The codes a kind reports for a string value in production, as an env file gives it.
    pub fn codes(kind: &impl Checks, text: &str) -> Vec<&'static str> {
        codes_in(kind, text, Profile::Production)
    }

    pub fn codes_in(kind: &impl Checks, text: &str, profile: Profile) -> Vec<&'static str> {
        findings(kind, Value::String(text.into()), profile, Format::Env)
            .iter()
            .map(|f| f.code.code)
            .collect()
    }

    /// The findings of `item` as the item kind of a list written as an env string at `pointer`.
    pub fn list_findings(item: Kind, text: &str, pointer: &'static str) -> Vec<Finding> {
        let list = ListKind {
            item: Box::new(item),
            min_items: None,
            max_items: None,
            unique: false,
        };
        let node = Node::new(Value::String(text.into()), None);
        let mut out = crate::diagnostic::Findings::new(usize::MAX);
        let at = FieldRef::parse(pointer).unwrap();
        let mut cx = Cx::standalone(Profile::Production, Some(Format::Env), &at, &mut out);
        list.check(&node, &mut cx);
        out.into_vec()
    }

    /// The help of the first finding for a string value, in production.
    pub fn first_help(kind: &impl Checks, text: &str) -> String {
        let found = findings(
            kind,
            Value::String(text.into()),
            Profile::Production,
            Format::Env,
        );
        found
            .first()
            .and_then(|f| f.help.clone())
            .unwrap_or_else(|| panic!("{text:?} gives a finding with help"))
    }

    /// Lets tests call any kind's `check` through one name.
    pub trait Checks {
        fn run(&self, node: &Node, cx: &mut Cx<'_>);
    }

    macro_rules! checks {
        ($($t:ty),*) => {$(impl Checks for $t {
            fn run(&self, node: &Node, cx: &mut Cx<'_>) { self.check(node, cx) }
        })*};
    }
    checks!(
        Kind,
        StringKind,
        BoolKind,
        IntKind,
        PortKind,
        EnumKind,
        DurationKind,
        ByteSizeKind,
        CidrKind,
        EmailKind,
        EmailNameKind,
        OriginKind,
        SecretKind,
        PasswordKind,
        PostgresUrlKind,
        RedisUrlKind,
        PathKind,
        HostnameKind,
        BindAddressKind,
        UrlKind,
        ListKind,
        RecordListKind
    );
}
