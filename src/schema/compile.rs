//! Compiling a [`SchemaDef`]: parse every pointer, resolve every reference, check every kind
//! parameter. Problems name their place in the schema document as a pointer.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::wildcard::{self, WildMap, WILDCARD};
use super::{Condition, Field, Literal, Relation, Schema, SchemaDef};
use crate::kinds::{Encoding, Kind};
use crate::pointer;
use crate::relations::{BlockKind, Mapped, MappedPart};

/// A problem in a schema, at a pointer into the schema document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SchemaProblem {
    pub pointer: String,
    pub message: String,
}

/// A condition on another field: set, or equal to the literal.
pub(crate) type Cond = (Resolved, Option<Literal>);

/// A pointer into the checked document, parsed once.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub pointer: String,
    pub tokens: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledField {
    pub at: Resolved,
    /// Shared: a field under a wildcard map is instantiated once per key of each document.
    pub field: Arc<Field>,
    pub file: Option<Resolved>,
    pub renamed: Option<Resolved>,
    pub required_if: Option<Cond>,
    pub error_if: Option<Cond>,
}

#[derive(Debug, Clone)]
pub(crate) enum CompiledRelation {
    Requires {
        when: Resolved,
        equals: Option<Literal>,
        and: Option<Cond>,
        /// Each needed field with its `_file` sibling, which satisfies it too.
        then: Vec<(Resolved, Option<Resolved>)>,
    },
    Exclusive(Vec<Resolved>),
    OneOf(Vec<Resolved>),
    /// Each field with the encoding of its key material, when it is a secret.
    Distinct(Vec<(Resolved, Option<Encoding>)>),
    Cors {
        origins: Resolved,
        credentials: Resolved,
    },
    /// A typed block (WebAuthn, SMTP, S3) mapped onto document fields.
    Block {
        kind: BlockKind,
        mapped: Mapped,
        when: Option<Cond>,
    },
    /// Listeners with their enabling condition.
    Ports(Vec<(Resolved, Option<Cond>)>),
    Member {
        value: Resolved,
        list: Resolved,
        /// Record part index → the field that must equal it.
        matches: Vec<(usize, String, Resolved)>,
        separator: String,
        parts: usize,
    },
    KeyMode {
        fields: Vec<Resolved>,
        live: Vec<String>,
        test: Vec<String>,
    },
    Agree {
        field: Resolved,
        with: Resolved,
        values: BTreeMap<String, super::AgreeRule>,
    },
    /// Fields that name a key of a wildcard map, or one of `also`.
    KeyOf {
        fields: Vec<Resolved>,
        map: Resolved,
        also: Vec<String>,
    },
}

/// The declared keys as a tree, for finding keys the schema does not know.
#[derive(Debug, Clone, Default)]
pub(crate) struct DeclTree {
    pub children: BTreeMap<String, DeclTree>,
    pub leaf: Option<Leaf>,
}

/// What a declared path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Leaf {
    /// A field; its kind checks everything below it.
    Field,
    /// The `_file` sibling of a field.
    SecretFile,
    /// The old key of a renamed field.
    Renamed,
}

impl DeclTree {
    fn insert(&mut self, tokens: &[String], leaf: Leaf) -> Result<(), String> {
        let mut node = self;
        for (i, token) in tokens.iter().enumerate() {
            if node.leaf.is_some() {
                return Err(format!(
                    "it lies inside the field `{}`",
                    pointer::join(tokens[..i].iter().map(String::as_str))
                ));
            }
            node = node.children.entry(token.clone()).or_default();
        }
        if node.leaf.is_some() {
            return Err("the same key is declared twice".into());
        }
        if !node.children.is_empty() {
            return Err("other fields lie inside it".into());
        }
        node.leaf = Some(leaf);
        Ok(())
    }

    /// The declarations below a key; any key of a wildcard map (`*`) has its map's.
    pub fn get(&self, token: &str) -> Option<&DeclTree> {
        self.children
            .get(token)
            .or_else(|| self.children.get(WILDCARD))
    }

    /// The keys declared by name (not the wildcard), for suggestions.
    pub fn named_keys(&self) -> impl Iterator<Item = &str> {
        self.children
            .keys()
            .map(String::as_str)
            .filter(|k| *k != WILDCARD)
    }
}

fn problem(pointer: String, message: impl Into<String>) -> SchemaProblem {
    SchemaProblem {
        pointer,
        message: message.into(),
    }
}

/// Reads a field key: a pointer (`/server/port`) or an env variable name (`PORT`).
fn resolve(key: &str) -> Result<Resolved, String> {
    if key.starts_with('/') {
        let tokens = pointer::tokens(key).ok_or_else(|| {
            format!("`{key}` is not a valid JSON pointer (`~` must be `~0` or `~1`)")
        })?;
        if tokens.iter().filter(|t| *t == WILDCARD).count() > 1 {
            return Err(format!(
                "`{key}` has more than one `*`; a field repeats under the keys of one map"
            ));
        }
        return Ok(Resolved {
            pointer: key.to_string(),
            tokens,
        });
    }
    let valid = key
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if !valid {
        return Err(format!(
            "`{key}` is neither a pointer (starting with `/`) nor an environment variable name"
        ));
    }
    Ok(Resolved {
        pointer: pointer::join([key]),
        tokens: vec![key.to_string()],
    })
}

pub(crate) fn compile(def: SchemaDef) -> Result<Schema, SchemaProblem> {
    if def.schema.trim().is_empty() {
        return Err(problem("/schema".into(), "the schema needs a name"));
    }
    let mut tree = DeclTree::default();
    let mut fields = Vec::with_capacity(def.fields.len());
    for (key, field) in &def.fields {
        let here = format!("/fields/{}", pointer::escape(key));
        let at = resolve(key).map_err(|m| problem(here.clone(), m))?;
        tree.insert(&at.tokens, Leaf::Field).map_err(|m| {
            problem(
                here.clone(),
                format!("the field `{key}` cannot be declared: {m}"),
            )
        })?;
        field.kind.validate().map_err(|e| {
            problem(
                format!("{here}/{}", e.param),
                format!(
                    "the {} parameter `{}` of `{key}`: {}",
                    field.kind.name(),
                    e.param,
                    e.message
                ),
            )
        })?;
        let file = field
            .secret_file
            .as_deref()
            .map(|f| {
                let r = resolve(f).map_err(|m| problem(format!("{here}/secret_file"), m))?;
                tree.insert(&r.tokens, Leaf::SecretFile).map_err(|m| {
                    problem(
                        format!("{here}/secret_file"),
                        format!("`{f}` cannot be the file field: {m}"),
                    )
                })?;
                Ok(r)
            })
            .transpose()?;
        let renamed = field
            .renamed_from
            .as_deref()
            .map(|f| {
                let r = resolve(f).map_err(|m| problem(format!("{here}/renamed_from"), m))?;
                tree.insert(&r.tokens, Leaf::Renamed).map_err(|m| {
                    problem(
                        format!("{here}/renamed_from"),
                        format!("`{f}` cannot be the old key: {m}"),
                    )
                })?;
                Ok(r)
            })
            .transpose()?;
        fields.push(CompiledField {
            at,
            field: Arc::new(field.clone()),
            file,
            renamed,
            required_if: None,
            error_if: None,
        });
    }
    let declared = |key: &str, at: String| -> Result<Resolved, SchemaProblem> {
        let r = resolve(key).map_err(|m| problem(at.clone(), m))?;
        let names_field = |f: &CompiledField| {
            f.at.tokens == r.tokens || f.file.as_ref().is_some_and(|file| file.tokens == r.tokens)
        };
        if fields.iter().any(names_field) {
            Ok(r)
        } else {
            Err(problem(
                at,
                format!("`{key}` is not a field of this schema"),
            ))
        }
    };
    let condition = |c: &Option<Condition>, at: String| {
        c.as_ref()
            .map(|c| declared(&c.field, at).map(|r| (r, c.equals.clone())))
            .transpose()
    };
    let mut conditions = Vec::with_capacity(fields.len());
    for (key, field) in &def.fields {
        let here = format!("/fields/{}", pointer::escape(key));
        conditions.push((
            condition(&field.required_if, format!("{here}/required_if/field"))?,
            condition(&field.error_if, format!("{here}/error_if/field"))?,
        ));
    }
    let mut env = Vec::with_capacity(def.env.len());
    for (name, target) in &def.env {
        let here = format!("/env/{}", pointer::escape(name));
        resolve(name).map_err(|m| problem(here.clone(), m))?;
        env.push((name.clone(), declared(target, here)?.tokens));
    }
    let mut env_subtrees = Vec::new();
    if let Some(prefix) = &def.env_prefix {
        derive_env_names(prefix, &def, &fields, &mut env, &mut env_subtrees);
    }
    let mut relations = Vec::with_capacity(def.relations.len());
    for (i, relation) in def.relations.iter().enumerate() {
        let list = |keys: &[String], name: &str| -> Result<Vec<Resolved>, SchemaProblem> {
            if keys.len() < 2 {
                return Err(problem(
                    format!("/relations/{i}/{name}"),
                    format!("`{name}` needs at least two fields"),
                ));
            }
            keys.iter()
                .enumerate()
                .map(|(j, k)| declared(k, format!("/relations/{i}/{name}/{j}")))
                .collect()
        };
        let block = |kind: BlockKind,
                     name: &str,
                     parts: Vec<(&'static str, Option<&String>)>,
                     when: &Option<Condition>|
         -> Result<CompiledRelation, SchemaProblem> {
            let mut mapped = Vec::with_capacity(parts.len());
            for (part, key) in parts {
                let Some(key) = key else { continue };
                let at = declared(key, format!("/relations/{i}/{name}/{part}"))?;
                let secret = fields
                    .iter()
                    .any(|f| f.at.tokens == at.tokens && f.field.kind.is_secret());
                mapped.push(MappedPart {
                    name: part,
                    at,
                    secret,
                });
            }
            Ok(CompiledRelation::Block {
                kind,
                mapped: Mapped { parts: mapped },
                when: condition(when, format!("/relations/{i}/{name}/when/field"))?,
            })
        };
        relations.push(match relation {
            Relation::Requires(r) => CompiledRelation::Requires {
                when: declared(&r.when, format!("/relations/{i}/requires/if"))?,
                equals: r.equals.clone(),
                and: condition(&r.and, format!("/relations/{i}/requires/and/field"))?,
                then: r
                    .then
                    .iter()
                    .enumerate()
                    .map(|(j, k)| {
                        let at = declared(k, format!("/relations/{i}/requires/then/{j}"))?;
                        let file = fields
                            .iter()
                            .find(|f| f.at.tokens == at.tokens)
                            .and_then(|f| f.file.clone());
                        Ok((at, file))
                    })
                    .collect::<Result<_, _>>()?,
            },
            Relation::Exclusive(keys) => CompiledRelation::Exclusive(list(keys, "exclusive")?),
            Relation::OneOf(keys) => CompiledRelation::OneOf(list(keys, "one_of")?),
            Relation::Distinct(keys) => CompiledRelation::Distinct(
                list(keys, "distinct")?
                    .into_iter()
                    .map(|r| {
                        let encoding =
                            fields
                                .iter()
                                .find(|f| f.at.tokens == r.tokens)
                                .and_then(|f| match &f.field.kind {
                                    Kind::Secret(k) => Some(k.encoding),
                                    Kind::Password(_) => Some(Encoding::Raw),
                                    _ => None,
                                });
                        (r, encoding)
                    })
                    .collect(),
            ),
            Relation::Cors(c) => CompiledRelation::Cors {
                origins: declared(&c.origins, format!("/relations/{i}/cors/origins"))?,
                credentials: declared(
                    &c.allow_credentials,
                    format!("/relations/{i}/cors/allow_credentials"),
                )?,
            },
            Relation::Webauthn(b) => block(BlockKind::WebAuthn, "webauthn", b.parts(), &b.when)?,
            Relation::Smtp(b) => block(BlockKind::Smtp, "smtp", b.parts(), &b.when)?,
            Relation::S3(b) => block(BlockKind::S3, "s3", b.parts(), &b.when)?,
            Relation::Ports(uses) => {
                if uses.len() < 2 {
                    return Err(problem(
                        format!("/relations/{i}/ports"),
                        "`ports` needs at least two listeners",
                    ));
                }
                let mut out = Vec::with_capacity(uses.len());
                for (j, u) in uses.iter().enumerate() {
                    let here = format!("/relations/{i}/ports/{j}");
                    out.push((
                        declared(&u.field, format!("{here}/field"))?,
                        condition(&u.when, format!("{here}/when/field"))?,
                    ));
                }
                CompiledRelation::Ports(out)
            }
            Relation::Member(m) => {
                let here = format!("/relations/{i}/member");
                let list = declared(&m.list, format!("{here}/list"))?;
                let Some(Kind::RecordList(records)) = fields
                    .iter()
                    .find(|f| f.at.tokens == list.tokens)
                    .map(|f| &f.field.kind)
                else {
                    return Err(problem(
                        format!("{here}/list"),
                        format!("`{}` must be a `record_list` field", m.list),
                    ));
                };
                let mut matches = Vec::with_capacity(m.matches.len());
                for (part, key) in &m.matches {
                    let Some(index) = records.parts.iter().position(|p| &p.name == part) else {
                        return Err(problem(
                            format!("{here}/match/{}", pointer::escape(part)),
                            format!("the records of `{}` have no part `{part}`", m.list),
                        ));
                    };
                    matches.push((
                        index,
                        part.clone(),
                        declared(key, format!("{here}/match/{}", pointer::escape(part)))?,
                    ));
                }
                CompiledRelation::Member {
                    value: declared(&m.value, format!("{here}/value"))?,
                    separator: records.separator.clone(),
                    parts: records.parts.len(),
                    list,
                    matches,
                }
            }
            Relation::KeyMode(k) => {
                let here = format!("/relations/{i}/key_mode");
                if k.live.is_empty() || k.test.is_empty() {
                    return Err(problem(here, "`key_mode` needs `live` and `test` prefixes"));
                }
                CompiledRelation::KeyMode {
                    fields: k
                        .fields
                        .iter()
                        .enumerate()
                        .map(|(j, f)| declared(f, format!("{here}/fields/{j}")))
                        .collect::<Result<_, _>>()?,
                    live: k.live.clone(),
                    test: k.test.clone(),
                }
            }
            Relation::Agree(a) => {
                let here = format!("/relations/{i}/agree");
                if a.values.is_empty() {
                    return Err(problem(format!("{here}/values"), "`agree` needs `values`"));
                }
                CompiledRelation::Agree {
                    field: declared(&a.field, format!("{here}/field"))?,
                    with: declared(&a.with, format!("{here}/with"))?,
                    values: a.values.clone(),
                }
            }
            Relation::KeyOf(k) => {
                let here = format!("/relations/{i}/key_of");
                let map = resolve(&k.map).map_err(|m| problem(format!("{here}/map"), m))?;
                if !fields
                    .iter()
                    .any(|f| f.at.wildcard_map() == Some(map.tokens.as_slice()))
                {
                    return Err(problem(
                        format!("{here}/map"),
                        format!(
                            "`{}` must be a wildcard map: no field is declared as `{}/*/…`",
                            k.map, map.pointer
                        ),
                    ));
                }
                let mut named = Vec::with_capacity(k.fields.len());
                for (j, key) in k.fields.iter().enumerate() {
                    let at = declared(key, format!("{here}/fields/{j}"))?;
                    if fields
                        .iter()
                        .any(|f| f.at.tokens == at.tokens && f.field.kind.is_secret())
                    {
                        return Err(problem(
                            format!("{here}/fields/{j}"),
                            format!("`{key}` is a secret; a secret cannot name a key (its value would be shown)"),
                        ));
                    }
                    named.push(at);
                }
                CompiledRelation::KeyOf {
                    fields: named,
                    map,
                    also: k.also.clone(),
                }
            }
        });
    }
    for (field, (required_if, error_if)) in fields.iter_mut().zip(conditions) {
        field.required_if = required_if;
        field.error_if = error_if;
    }
    let (fields, relations, wild) = split_wildcards(&def, fields, relations)?;
    Ok(Schema {
        def,
        fields,
        tree,
        env,
        env_subtrees,
        relations,
        wild,
    })
}

/// Moves the fields and relations that repeat under a wildcard map out of the plain ones.
/// A field under a map may depend on fields outside it; a plain field may not depend on one
/// under a map (which key would it mean?).
#[allow(clippy::type_complexity)]
fn split_wildcards(
    def: &SchemaDef,
    fields: Vec<CompiledField>,
    relations: Vec<CompiledRelation>,
) -> Result<(Vec<CompiledField>, Vec<CompiledRelation>, Vec<WildMap>), SchemaProblem> {
    let mut wild: Vec<WildMap> = Vec::new();
    let mut plain_fields = Vec::with_capacity(fields.len());
    for ((key, _), mut field) in def.fields.iter().zip(fields) {
        let here = format!("/fields/{}", pointer::escape(key));
        let map =
            wildcard::map_of(|f| field.pointers_mut(f)).map_err(|m| problem(here.clone(), m))?;
        match map {
            None => plain_fields.push(field),
            Some(map) if field.at.wildcard_map() == Some(map.as_slice()) => {
                wildcard::group(&mut wild, map).fields.push(field);
            }
            Some(map) => {
                return Err(problem(
                    here,
                    format!(
                        "`{key}` depends on a field under the wildcard map `{}`; only fields under that map can",
                        pointer::join(map.iter().map(String::as_str))
                    ),
                ))
            }
        }
    }
    let mut plain_relations = Vec::with_capacity(relations.len());
    for (i, mut relation) in relations.into_iter().enumerate() {
        let map = wildcard::map_of(|f| relation.pointers_mut(f))
            .map_err(|m| problem(format!("/relations/{i}"), m))?;
        match map {
            None => plain_relations.push(relation),
            Some(map) => wildcard::group(&mut wild, map).relations.push(relation),
        }
    }
    Ok((plain_fields, plain_relations, wild))
}

/// `env_prefix`: every pointer field (and its `_file` sibling) gets the name `PREFIX` +
/// its keys joined by `_` in upper case, unless `env` already uses that name. A free-form
/// (`any`) field takes every name that starts with its own and `_`.
fn derive_env_names(
    prefix: &str,
    def: &SchemaDef,
    fields: &[CompiledField],
    env: &mut Vec<(String, Vec<String>)>,
    subtrees: &mut Vec<(String, Vec<String>)>,
) {
    let name_of = |tokens: &[String]| format!("{prefix}{}", tokens.join("_").to_ascii_uppercase());
    for ((key, _), field) in def.fields.iter().zip(fields) {
        // A field under a wildcard map has no one variable name.
        if !key.starts_with('/') || field.at.wildcard_map().is_some() {
            continue;
        }
        for at in std::iter::once(&field.at).chain(field.file.as_ref()) {
            let name = name_of(&at.tokens);
            if !env.iter().any(|(n, _)| *n == name) {
                env.push((name, at.tokens.clone()));
            }
        }
        if matches!(field.field.kind, Kind::Any(_)) {
            subtrees.push((
                format!("{}_", name_of(&field.at.tokens)),
                field.at.tokens.clone(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Error, Schema};

    fn rejected(text: &str) -> (String, Option<(usize, usize)>, String) {
        match Schema::from_yaml(text) {
            Err(Error::InvalidSchema {
                pointer,
                position,
                message,
            }) => (pointer, position.map(|p| (p.line, p.column)), message),
            other => panic!("expected a schema error, got {other:?}"),
        }
    }

    #[test]
    fn unknown_kinds_say_where() {
        let (pointer, pos, message) = rejected("schema: x\nfields:\n  /port:\n    kind: portt\n");
        assert_eq!(pointer, "/fields/~1port");
        assert_eq!(pos, Some((3, 3)));
        assert!(message.contains("unknown variant `portt`"), "{message}");
    }

    #[test]
    fn unknown_parameters_say_where() {
        let (pointer, _, message) =
            rejected("schema: x\nfields:\n  /name: { kind: string, min_lenght: 3 }\n");
        assert_eq!(pointer, "/fields/~1name");
        assert!(message.contains("unknown field `min_lenght`"), "{message}");
    }

    #[test]
    fn bad_parameter_values_point_at_the_parameter() {
        let (pointer, pos, message) =
            rejected("schema: x\nfields:\n  /t: { kind: duration, unit: days }\n");
        assert_eq!(pointer, "/fields/~1t/unit");
        assert_eq!(pos, Some((3, 31)));
        assert!(message.contains("`days` is not a unit"), "{message}");
    }

    #[test]
    fn relations_must_name_fields() {
        let (pointer, pos, message) = rejected(
            "schema: x\nfields:\n  /a: { kind: bool }\n  /b: { kind: bool }\nrelations:\n  - exclusive: [/a, /c]\n",
        );
        assert_eq!(pointer, "/relations/0/exclusive/1");
        assert_eq!(pos, Some((6, 21)));
        assert_eq!(message, "`/c` is not a field of this schema");
    }

    #[test]
    fn fields_cannot_nest_inside_fields() {
        let (pointer, _, message) =
            rejected("schema: x\nfields:\n  /a: { kind: string }\n  /a/b: { kind: string }\n");
        assert_eq!(pointer, "/fields/~1a~1b");
        assert!(message.contains("inside the field `/a`"), "{message}");
    }

    #[test]
    fn keys_are_pointers_or_env_names() {
        let (_, _, message) = rejected("schema: x\nfields:\n  'not a name': { kind: string }\n");
        assert!(message.contains("neither a pointer"), "{message}");
        let (_, _, message) = rejected("schema: x\nfields:\n  /a~2: { kind: string }\n");
        assert!(message.contains("not a valid JSON pointer"), "{message}");
    }

    #[test]
    fn schema_level_typos_are_rejected() {
        let (pointer, _, message) = rejected("schema: x\nfeilds: {}\n");
        assert_eq!(pointer, "/feilds");
        assert!(message.contains("unknown field `feilds`"), "{message}");
    }

    #[test]
    fn a_valid_schema_compiles() {
        let schema = Schema::from_yaml(
            "schema: demo\nformat: env\nfields:\n  PORT: { kind: port, required: always }\n  JWT_SECRET: { kind: string, secret_file: JWT_SECRET_FILE }\n  FLAG: { kind: bool }\n  NEEDED: { kind: string, required_if: { field: FLAG, equals: true } }\nrelations:\n  - requires: { if: FLAG, then: [PORT] }\n",
        )
        .unwrap();
        assert_eq!(schema.name(), "demo");
        assert_eq!(schema.fields.len(), 4);
    }
}
