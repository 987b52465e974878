//! Compiling a [`SchemaDef`]: parse every pointer, resolve every reference, check every kind
//! parameter. Problems name their place in the schema document as a pointer. Each relation
//! compiles itself (`relations::X::compile`) against the fields declared here.

use std::collections::HashMap;
use std::sync::Arc;

use super::wildcard::{self, WildMap};
use super::{Field, Schema, SchemaDef, ValueList};
use crate::context::{Cond, FieldRef, SchemaProblem, WILDCARD};
use crate::kinds::Kind;
use crate::pointer;
use crate::relations::{CompiledRelation, Fields};
use crate::secret_names::is_secret_like_key;

#[derive(Debug, Clone)]
pub(crate) struct CompiledField {
    pub at: FieldRef,
    /// Shared by every key of a wildcard map the field repeats under.
    pub field: Arc<Field>,
    pub file: Option<FieldRef>,
    pub renamed: Option<FieldRef>,
    pub required_if: Option<Cond>,
    pub error_if: Option<Cond>,
}

impl CompiledField {
    /// The same field, its pointer naming its slot ([`FieldSlot`]).
    fn with_slot(self, slot: Option<usize>) -> Self {
        CompiledField {
            at: self.at.with_slot(slot),
            ..self
        }
    }

    /// Every document field the field names: itself, its file, its old key, its conditions.
    pub(crate) fn fields(&self, f: &mut dyn FnMut(&FieldRef)) {
        f(&self.at);
        for r in [&self.file, &self.renamed].into_iter().flatten() {
            f(r);
        }
        for (r, _) in [&self.required_if, &self.error_if].into_iter().flatten() {
            f(r);
        }
    }
}

/// How many declared keys below one key are scanned rather than searched (the same bound as a
/// document mapping's, `document::mapping`).
const SCANNED_KEYS: usize = 32;

/// The declared keys as a tree, for finding keys the schema does not know.
///
/// The structure walk looks up every key of a document here, so the named keys are a short
/// sorted list scanned by their [`key_tag`]s, kept in a list of their own (a config section
/// declares a few dozen at most), and a wildcard map's `*` is kept apart: its entries' keys
/// need no search at all.
#[derive(Debug, Clone, Default)]
pub(crate) struct DeclTree {
    children: Vec<(String, DeclTree)>,
    /// Each named key's [`key_tag`], in the order of `children`: one word per key, side by
    /// side, so a scan reads neither the keys' text nor the subtrees between them.
    tags: Vec<u64>,
    wildcard: Option<Box<DeclTree>>,
    pub leaf: Option<Leaf>,
    /// The wildcard map (its place in `Schema::wild`) this key is, when the fields under
    /// its `*` can be checked as the structure walk passes each of its entries.
    pub wild_map: Option<usize>,
    /// The field this key is, when the structure walk can hand its entry on the way: a plain
    /// field, or a field of a wildcard map below its `*`.
    pub field: Option<FieldSlot>,
    /// The fields declared directly below this key that the walk can hand on: once it has
    /// passed every entry of the mapping here, those it did not meet are absent.
    pub fields_below: Vec<FieldSlot>,
    /// Whether the key this is declared under looks like it names a secret
    /// ([`is_secret_like_key`]): known once here for every document key that matches it.
    names_secret: bool,
}

/// A field the structure walk can hand on: a plain field (its place in `Schema::fields`), or
/// a field of the wildcard map whose entry the walk is in (its place in that map's fields).
/// A [`FieldRef`]'s slot is the same place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldSlot {
    Plain(usize),
    Wild(usize),
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
            node = node.child_mut(token);
        }
        if node.leaf.is_some() {
            return Err("the same key is declared twice".into());
        }
        if !node.children.is_empty() || node.wildcard.is_some() {
            return Err("other fields lie inside it".into());
        }
        node.leaf = Some(leaf);
        Ok(())
    }

    /// The declarations below `token`, made when first asked for.
    fn child_mut(&mut self, token: &str) -> &mut DeclTree {
        if token == WILDCARD {
            return self.wildcard.get_or_insert_with(Default::default);
        }
        let at = match self.search(token) {
            Ok(at) => at,
            Err(at) => {
                let child = DeclTree {
                    names_secret: is_secret_like_key(token),
                    ..DeclTree::default()
                };
                self.children.insert(at, (token.to_string(), child));
                self.tags.insert(at, key_tag(token.as_bytes()));
                at
            }
        };
        &mut self.children[at].1
    }

    /// The declarations below a key; any key of a wildcard map (`*`) has its map's.
    pub fn get(&self, token: &str) -> Option<&DeclTree> {
        self.named(token).or(self.wildcard.as_deref())
    }

    /// The declarations below a document key, and whether the key looks like it names a
    /// secret when that is known without testing it (a key declared by name).
    pub fn lookup(&self, token: &str) -> (Option<&DeclTree>, Option<bool>) {
        match self.named(token) {
            Some(tree) => (Some(tree), Some(tree.names_secret)),
            None => (self.wildcard.as_deref(), None),
        }
    }

    /// The declarations below a key declared by name.
    fn named(&self, token: &str) -> Option<&DeclTree> {
        // A short list is scanned by tag; a long one (a generated schema) searched in order.
        let named = if self.children.len() <= SCANNED_KEYS {
            let (tag, short) = (key_tag(token.as_bytes()), token.len() <= TAGGED_BYTES);
            self.tags
                .iter()
                .zip(&self.children)
                .find(|(&t, (key, _))| t == tag && (short || key == token))
                .map(|(_, child)| child)
        } else {
            self.search(token).ok().map(|at| &self.children[at])
        };
        named.map(|(_, tree)| tree)
    }

    /// Where a key is among the named keys (kept in order), or where it would go.
    fn search(&self, token: &str) -> Result<usize, usize> {
        self.children
            .binary_search_by(|(key, _)| key.as_str().cmp(token))
    }

    /// Marks the key of each wildcard map and each plain field that the structure walk
    /// reaches: one declared by name at every step from the root (the walk follows only
    /// mappings, by their keys, so each such key is met at most once per document); and
    /// below the `*` of such a map, each of its fields, met once per entry of the map (the
    /// walk hands each entry on right after passing it).
    fn mark_walked(&mut self, wild: &[WildMap], plain: &[CompiledField]) {
        for (i, map) in wild.iter().enumerate() {
            let Some(node) = self.named_path_mut(&map.map.tokens) else {
                continue;
            };
            node.wild_map = Some(i);
            if let Some(below) = node.wildcard.as_deref_mut() {
                for (j, field) in map.fields.iter().enumerate() {
                    let path = field.at.tokens.get(map.map.tokens.len() + 1..);
                    below.mark_field(path.unwrap_or_default(), FieldSlot::Wild(j));
                }
            }
        }
        for (i, field) in plain.iter().enumerate() {
            self.mark_field(&field.at.tokens, FieldSlot::Plain(i));
        }
    }

    /// Marks the field at `path` (keys declared by name) and lists it under its parent.
    fn mark_field(&mut self, path: &[String], slot: FieldSlot) {
        let Some((_, parent)) = path.split_last() else {
            return;
        };
        let Some(node) = self.named_path_mut(path) else {
            return;
        };
        node.field = Some(slot);
        if let Some(node) = self.named_path_mut(parent) {
            node.fields_below.push(slot);
        }
    }

    /// The node of a path of keys declared by name (no `*`).
    fn named_path_mut(&mut self, tokens: &[String]) -> Option<&mut DeclTree> {
        let mut node = self;
        for token in tokens {
            let at = node.search(token).ok()?;
            node = &mut node.children[at].1;
        }
        Some(node)
    }

    /// The keys declared by name (not the wildcard), in order, for suggestions.
    pub fn named_keys(&self) -> impl Iterator<Item = &str> {
        self.children.iter().map(|(key, _)| key.as_str())
    }
}

/// How many of a key's first bytes its [`key_tag`] holds.
const TAGGED_BYTES: usize = 7;

/// A key's length and first seven bytes in one word: keys of fewer than eight bytes are
/// equal when their tags are, and longer keys with equal tags are rare (then compared). Read
/// by at most two fixed-width loads, each byte in its place (two loads that overlap read the
/// same bytes): a call to copy a few bytes would cost more than the scan it serves.
fn key_tag(key: &[u8]) -> u64 {
    let n = key.len();
    let load = |at: usize, width: usize| {
        key[at..at + width]
            .iter()
            .rev()
            .fold(0u64, |word, &b| word << 8 | u64::from(b))
            << (8 * at)
    };
    let head = match n {
        0 => 0,
        1 => load(0, 1),
        2..=3 => load(0, 2) | load(n - 2, 2),
        4..=7 => load(0, 4) | load(n - 4, 4),
        _ => load(0, 8) & ((1 << (8 * TAGGED_BYTES)) - 1),
    };
    head | u64::from(u8::try_from(n).unwrap_or(u8::MAX)) << (8 * TAGGED_BYTES)
}

/// Reads a field key: a pointer (`/server/port`) or an env variable name (`PORT`).
fn resolve(key: &str) -> Result<FieldRef, String> {
    if key.starts_with('/') {
        let tokens = pointer::tokens(key).ok_or_else(|| {
            format!("`{key}` is not a valid JSON pointer (`~` must be `~0` or `~1`)")
        })?;
        if tokens.iter().filter(|t| *t == WILDCARD).count() > 1 {
            return Err(format!(
                "`{key}` has more than one `*`; a field repeats under the keys of one map"
            ));
        }
        return Ok(FieldRef::new(key.to_string(), tokens));
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
    Ok(FieldRef::new(pointer::join([key]), vec![key.to_string()]))
}

/// The fields a schema declares, as relations' compile steps look them up: indexed once by
/// pointer (and `_file` sibling), so a relation over many fields costs one lookup each.
struct Declared<'a> {
    fields: &'a [CompiledField],
    /// Tokens of a field → its index.
    at: HashMap<&'a [String], usize>,
    /// Tokens of a `_file` sibling → its field's index.
    files: HashMap<&'a [String], usize>,
    /// The maps that hold a wildcard field (`map/*/…`).
    wildcard_maps: std::collections::HashSet<&'a [String]>,
}

impl<'a> Declared<'a> {
    fn new(fields: &'a [CompiledField]) -> Self {
        let mut at = HashMap::with_capacity(fields.len());
        let mut files = HashMap::new();
        let mut wildcard_maps = std::collections::HashSet::new();
        for (i, f) in fields.iter().enumerate() {
            at.entry(f.at.tokens.as_slice()).or_insert(i);
            if let Some(file) = &f.file {
                files.entry(file.tokens.as_slice()).or_insert(i);
            }
            if let Some(map) = f.at.wildcard_map() {
                wildcard_maps.insert(map);
            }
        }
        Declared {
            fields,
            at,
            files,
            wildcard_maps,
        }
    }

    fn field(&self, field: &FieldRef) -> Option<&'a CompiledField> {
        self.at
            .get(field.tokens.as_slice())
            .map(|&i| &self.fields[i])
    }
}

impl Fields for Declared<'_> {
    /// A key naming a field gets its slot, so a check finds its node where the structure
    /// walk recorded it.
    fn resolve(&self, key: &str, at: &str) -> Result<FieldRef, SchemaProblem> {
        let field = resolve(key).map_err(|m| SchemaProblem::new(at, m))?;
        let slot = self.field(&field).and_then(|f| f.at.slot());
        Ok(field.with_slot(slot))
    }

    fn kind_of(&self, field: &FieldRef) -> Option<&Kind> {
        self.field(field).map(|f| &f.field.kind)
    }

    fn declares(&self, field: &FieldRef) -> bool {
        self.at.contains_key(field.tokens.as_slice())
            || self.files.contains_key(field.tokens.as_slice())
    }

    fn file_of(&self, field: &FieldRef) -> Option<FieldRef> {
        self.field(field).and_then(|f| f.file.clone())
    }

    fn is_wildcard_map(&self, map: &FieldRef) -> bool {
        self.wildcard_maps.contains(map.tokens.as_slice())
    }
}

pub(crate) fn compile(def: SchemaDef) -> Result<Schema, SchemaProblem> {
    if def.schema.trim().is_empty() {
        return Err(SchemaProblem::new("/schema", "the schema needs a name"));
    }
    let mut tree = DeclTree::default();
    let mut fields = Vec::with_capacity(def.fields.len());
    // Each field's slot: its place in its group as `split_wildcards` keeps them (the plain
    // fields, or one wildcard map's), known now so relations' pointers can carry it.
    let mut group_sizes: HashMap<Option<Vec<String>>, usize> = HashMap::new();
    for (key, field) in &def.fields {
        let field = compile_field(key, field, &mut tree)?;
        let size = group_sizes
            .entry(field.at.wildcard_map().map(<[String]>::to_vec))
            .or_default();
        let slot = Some(*size);
        *size += 1;
        fields.push(field.with_slot(slot));
    }
    // Conditions name other fields, so they resolve once every field is declared.
    let declared = Declared::new(&fields);
    let mut conditions = Vec::with_capacity(fields.len());
    for (key, field) in &def.fields {
        let here = format!("/fields/{}", pointer::escape(key));
        conditions.push((
            declared.condition(&field.required_if, &format!("{here}/required_if"))?,
            declared.condition(&field.error_if, &format!("{here}/error_if"))?,
        ));
    }
    let mut env = Vec::with_capacity(def.env.len());
    for (name, target) in &def.env {
        let here = format!("/env/{}", pointer::escape(name));
        resolve(name).map_err(|m| SchemaProblem::new(here.clone(), m))?;
        env.push((name.clone(), declared.declared(target, &here)?.tokens));
    }
    let mut env_subtrees = Vec::new();
    if let Some(prefix) = &def.env_prefix {
        derive_env_names(prefix, &def, &fields, &mut env, &mut env_subtrees);
    }
    let mut relations = Vec::with_capacity(def.relations.len());
    for (i, relation) in def.relations.iter().enumerate() {
        relations.push(relation.compile(&declared, &format!("/relations/{i}"))?);
    }
    let helm = def
        .helm
        .as_ref()
        .map(|h| compile_helm(h, &declared, &fields))
        .transpose()?;
    for (field, (required_if, error_if)) in fields.iter_mut().zip(conditions) {
        field.required_if = required_if;
        field.error_if = error_if;
    }
    let mut field_keys = HashMap::with_capacity(def.fields.len());
    let mut wildcard_keys = Vec::new();
    for (i, (key, _)) in def.fields.iter().enumerate() {
        field_keys.entry(key.clone()).or_insert(i);
        if key.split('/').any(|t| t == "*") {
            wildcard_keys.push(i);
        }
    }
    let (fields, relations, wild) = split_wildcards(&def, fields, relations)?;
    tree.mark_walked(&wild, &fields);
    let env_index = env_index(&env);
    let placeholders = def.placeholders.as_ref().map(ValueList::of);
    let dev_defaults = def.dev_defaults.as_ref().map(ValueList::of);
    Ok(Schema {
        def,
        fields,
        tree,
        env,
        env_index,
        env_subtrees,
        relations,
        wild,
        masked: Default::default(),
        helm,
        inferred: false,
        field_keys,
        wildcard_keys,
        placeholders,
        dev_defaults,
    }
    .with_masked_keys())
}

/// A schema's `helm:` section, compiled: pointers as tokens, every `values` target declared.
#[derive(Debug, Clone)]
pub(crate) struct HelmMap {
    pub config: Vec<String>,
    pub camel_case: bool,
    /// Values pointer tokens → field pointer tokens.
    pub values: Vec<(Vec<String>, Vec<String>)>,
    /// Values pointers the chart fills in when empty.
    pub generated: Vec<String>,
    /// Every key the fields declare, so only keys the schema knows are respelled.
    pub keys: std::collections::HashSet<String>,
}

fn compile_helm(
    helm: &super::HelmDef,
    declared: &Declared<'_>,
    fields: &[CompiledField],
) -> Result<HelmMap, SchemaProblem> {
    let tokens = |p: &str, at: &str| {
        pointer::tokens(p).ok_or_else(|| {
            SchemaProblem::new(at.to_string(), format!("`{p}` is not a JSON pointer"))
        })
    };
    let config = match &helm.config {
        Some(c) => tokens(c, "/helm/config")?,
        None => Vec::new(),
    };
    let mut values = Vec::with_capacity(helm.values.len());
    for (from, to) in &helm.values {
        let here = format!("/helm/values/{}", pointer::escape(from));
        let target = declared.declared(to, &here)?.tokens;
        values.push((tokens(from, &here)?, target));
    }
    for (i, g) in helm.generated.iter().enumerate() {
        tokens(g, &format!("/helm/generated/{i}"))?;
    }
    let keys = fields
        .iter()
        .flat_map(|f| f.at.tokens.iter().cloned())
        .collect();
    Ok(HelmMap {
        config,
        camel_case: helm.keys == super::KeySpelling::CamelCase,
        values,
        generated: helm.generated.clone(),
        keys,
    })
}

/// One field: its pointer, its place in the tree of declared keys, its kind's parameters,
/// and its `_file` sibling and old key.
fn compile_field(
    key: &str,
    field: &Field,
    tree: &mut DeclTree,
) -> Result<CompiledField, SchemaProblem> {
    let here = format!("/fields/{}", pointer::escape(key));
    let at = resolve(key).map_err(|m| SchemaProblem::new(here.clone(), m))?;
    tree.insert(&at.tokens, Leaf::Field).map_err(|m| {
        SchemaProblem::new(
            here.clone(),
            format!("the field `{key}` cannot be declared: {m}"),
        )
    })?;
    field.kind.validate().map_err(|e| {
        SchemaProblem::new(
            format!("{here}/{}", e.param),
            format!(
                "the {} parameter `{}` of `{key}`: {}",
                field.kind.name(),
                e.param,
                e.message
            ),
        )
    })?;
    let mut sibling = |name: &str, value: &Option<String>, leaf: Leaf, what: &str| {
        value
            .as_deref()
            .map(|f| {
                let at = format!("{here}/{name}");
                let r = resolve(f).map_err(|m| SchemaProblem::new(at.clone(), m))?;
                tree.insert(&r.tokens, leaf)
                    .map_err(|m| SchemaProblem::new(at, format!("`{f}` cannot be {what}: {m}")))?;
                Ok(r)
            })
            .transpose()
    };
    let file = sibling(
        "secret_file",
        &field.secret_file,
        Leaf::SecretFile,
        "the file field",
    )?;
    let renamed = sibling(
        "renamed_from",
        &field.renamed_from,
        Leaf::Renamed,
        "the old key",
    )?;
    Ok(CompiledField {
        at,
        field: Arc::new(field.clone()),
        file,
        renamed,
        required_if: None,
        error_if: None,
    })
}

/// Where each env name is in the list of names, for projecting an env file in one pass.
fn env_index(env: &[(String, Vec<String>)]) -> HashMap<String, usize> {
    let mut index = HashMap::with_capacity(env.len());
    for (i, (name, _)) in env.iter().enumerate() {
        index.entry(name.clone()).or_insert(i);
    }
    index
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
    for ((key, _), field) in def.fields.iter().zip(fields) {
        let here = format!("/fields/{}", pointer::escape(key));
        let map = wildcard::map_of(|f| field.fields(f))
            .map_err(|m| SchemaProblem::new(here.clone(), m))?;
        match map {
            None => plain_fields.push(field),
            Some(map) if field.at.wildcard_map() == Some(map.as_slice()) => {
                wildcard::group(&mut wild, map).fields.push(field);
            }
            Some(map) => {
                return Err(SchemaProblem::new(
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
    for (i, relation) in relations.into_iter().enumerate() {
        let map = wildcard::map_of(|f| relation.fields(f))
            .map_err(|m| SchemaProblem::new(format!("/relations/{i}"), m))?;
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
    use super::{DeclTree, Leaf, SCANNED_KEYS};
    use crate::{Error, Schema};

    /// A relation's field that names a field carries that field's place (where a check finds
    /// what the structure walk recorded): in `Schema::fields`, or among its wildcard map's
    /// fields; every other field carries none; and each field knows its own place: in every
    /// built-in schema.
    #[test]
    fn every_field_pointer_knows_the_place_of_the_field_it_names() {
        use crate::context::FieldRef;
        for (name, _) in crate::builtin::list() {
            let schema = crate::builtin::get(name).unwrap();
            let (mut with_slot, mut without) = (0, 0);
            let mut check = |fields: &[super::CompiledField], field: &FieldRef| {
                let at: Vec<&[String]> = fields.iter().map(|f| &f.at.tokens[..]).collect();
                match field.slot() {
                    Some(slot) => {
                        assert_eq!(at[slot], &field.tokens[..], "{name}: {}", field.pointer);
                        with_slot += 1;
                    }
                    None => {
                        assert!(
                            !at.contains(&&field.tokens[..]),
                            "{name}: {}",
                            field.pointer
                        );
                        without += 1;
                    }
                }
            };
            for (i, field) in schema.fields.iter().enumerate() {
                assert_eq!(field.at.slot(), Some(i), "{name}: {}", field.at.pointer);
            }
            for relation in &schema.relations {
                relation.fields(&mut |field| check(&schema.fields, field));
            }
            for map in &schema.wild {
                for (i, field) in map.fields.iter().enumerate() {
                    assert_eq!(field.at.slot(), Some(i), "{name}: {}", field.at.pointer);
                }
                for relation in &map.relations {
                    relation.fields(&mut |field| match field.wildcard_map() {
                        Some(_) => check(&map.fields, field),
                        None => check(&schema.fields, field),
                    });
                }
            }
            if name == "synctv" {
                assert!(with_slot > 60 && without > 10, "{with_slot} {without}");
            }
        }
    }

    /// Two keys have the same tag exactly when they have the same length and first seven
    /// bytes: at every length the loads take a different way (0 to 9 bytes, and longer).
    #[test]
    fn a_tag_is_the_length_and_the_first_seven_bytes() {
        let mut keys: Vec<Vec<u8>> = Vec::new();
        for n in 0..=10 {
            keys.push(vec![b'a'; n]);
            for at in 0..n {
                let mut key = vec![b'a'; n];
                key[at] = 0xFF;
                keys.push(key);
            }
        }
        for a in &keys {
            for b in &keys {
                let head = |k: &Vec<u8>| k[..k.len().min(super::TAGGED_BYTES)].to_vec();
                let same = a.len() == b.len() && head(a) == head(b);
                assert_eq!(super::key_tag(a) == super::key_tag(b), same, "{a:?} {b:?}");
            }
        }
    }

    /// Keys whose tags are equal (the same length and first seven bytes) or nearly so are
    /// told apart, at every length, including the empty key and one longer than 255 bytes.
    #[test]
    fn declared_keys_with_the_same_tag_are_told_apart() {
        let long = |end: &str| format!("{}{end}", "k".repeat(300));
        let keys = [
            "database_url".to_string(),
            "database_uri".to_string(),
            "databas".to_string(),
            "databasf".to_string(),
            "data".to_string(),
            String::new(),
            long("a"),
            long("b"),
        ];
        let mut tree = DeclTree::default();
        for (i, key) in keys.iter().enumerate() {
            tree.insert(&[key.clone(), format!("f{i}")], Leaf::Field)
                .unwrap();
        }
        for (i, key) in keys.iter().enumerate() {
            let below: Vec<&str> = tree.get(key).unwrap().named_keys().collect();
            assert_eq!(below, [format!("f{i}")], "{key}");
        }
        for absent in [
            "database_urx",
            "databa",
            "databasg",
            "dat",
            &long("c"),
            &long(""),
        ] {
            assert!(tree.get(absent).is_none(), "{absent}");
        }
    }

    #[test]
    fn declared_keys_are_found_in_short_and_long_lists() {
        for count in [3, SCANNED_KEYS, SCANNED_KEYS + 1, 200] {
            let mut tree = DeclTree::default();
            for i in (0..count).rev() {
                tree.insert(&[format!("k{i}")], Leaf::Field).unwrap();
            }
            for i in 0..count {
                let key = format!("k{i}");
                assert_eq!(
                    tree.get(&key).map(|t| t.leaf),
                    Some(Some(Leaf::Field)),
                    "{key}"
                );
            }
            assert!(tree.get("absent").is_none());
            tree.insert(&["*".to_string(), "x".to_string()], Leaf::Field)
                .unwrap();
            assert!(tree.get("absent").is_some_and(|t| t.leaf.is_none()));
            assert_eq!(tree.named_keys().count(), count);
        }
    }

    #[test]
    fn a_key_declared_by_name_knows_whether_it_names_a_secret() {
        let mut tree = DeclTree::default();
        for key in ["api_token", "port", "*"] {
            tree.insert(&[key.to_string(), "x".to_string()], Leaf::Field)
                .unwrap();
        }
        let secret = |key: &str| {
            let (sub, names_secret) = tree.lookup(key);
            (sub.is_some(), names_secret)
        };
        assert_eq!(secret("api_token"), (true, Some(true)));
        assert_eq!(secret("port"), (true, Some(false)));
        // Any other key is a wildcard entry: whether it names a secret is tested per key.
        assert_eq!(secret("db_password"), (true, None));
    }

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
        // At the value that is wrong, not at the field that holds it.
        let (pointer, pos, message) = rejected("schema: x\nfields:\n  /port:\n    kind: portt\n");
        assert_eq!(pointer, "/fields/~1port/kind");
        assert_eq!(pos, Some((4, 11)));
        assert!(message.contains("unknown variant `portt`"), "{message}");
    }

    #[test]
    fn unknown_parameters_say_where() {
        let (pointer, pos, message) =
            rejected("schema: x\nfields:\n  /name: { kind: string, min_lenght: 3 }\n");
        assert_eq!(pointer, "/fields/~1name/min_lenght");
        assert_eq!(pos, Some((3, 26)));
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
