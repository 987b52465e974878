//! A mapping's entries in document order, with an index beside them so a key is found in
//! O(1) however many keys there are.
//!
//! Most mappings in a config have a handful of keys, where comparing them one by one is the
//! fastest lookup there is; a mapping grows an index (a hash table of entry positions, keyed
//! with a per-process random key so no input can make its keys collide) once it holds more
//! than [`INDEX_FROM`] entries. Lookups, duplicate-key detection in every front-end and the
//! engine's pointer walks all go through it.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

use super::Entry;

/// How many entries a mapping holds before it keeps an index.
const INDEX_FROM: usize = 32;

/// The entries of a mapping node, in the order the document wrote them, each key once.
///
/// Read it as a slice of [`Entry`] (it dereferences to `[Entry]`); change it through
/// [`Mapping::set`], [`Mapping::push_new`] and [`Mapping::value_mut`], which keep the index.
#[derive(Clone, Default)]
pub struct Mapping {
    entries: Vec<Entry>,
    /// Boxed: most mappings have none, and a node moves several times while it is built.
    index: Option<Box<Index>>,
}

#[derive(Clone)]
struct Index {
    hasher: RandomState,
    /// Positions in `entries`, found by the hash of their key.
    table: HashTable<Slot>,
}

/// An entry's position, with the hash of its key kept beside it so the table grows without
/// reading (and hashing) every key again.
#[derive(Clone, Copy)]
struct Slot {
    position: u32,
    hash: u32,
}

impl Slot {
    /// The table's hash of a kept hash: its 32 bits spread over all 64, as the table takes
    /// its bucket from the low bits and a tag from the top seven.
    fn table_hash(hash: u32) -> u64 {
        u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

impl Index {
    /// The kept hash of a key: 32 bits of its keyed SipHash.
    fn hash(&self, key: &str) -> u32 {
        self.hasher.hash_one(key) as u32
    }

    fn find(&self, entries: &[Entry], key: &str) -> Option<usize> {
        let hash = self.hash(key);
        let at = self.table.find(Slot::table_hash(hash), |slot| {
            slot.hash == hash && entries[slot.position as usize].key == key
        })?;
        Some(at.position as usize)
    }

    /// Adds the entry at `position`; its key is not in the table yet.
    fn add(&mut self, entries: &[Entry], position: usize) {
        let hash = self.hash(entries[position].key.as_str());
        let slot = Slot {
            position: position as u32,
            hash,
        };
        self.table
            .insert_unique(Slot::table_hash(hash), slot, |slot| {
                Slot::table_hash(slot.hash)
            });
    }

    fn build(entries: &[Entry]) -> Index {
        let mut index = Index {
            hasher: RandomState::new(),
            table: HashTable::with_capacity(entries.len()),
        };
        for position in 0..entries.len() {
            if index.find(entries, &entries[position].key).is_none() {
                index.add(entries, position);
            }
        }
        index
    }
}

impl Mapping {
    pub fn new() -> Self {
        Mapping::default()
    }

    pub fn with_capacity(capacity: usize) -> Self {
        Mapping {
            entries: Vec::with_capacity(capacity),
            index: None,
        }
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.find(&self.entries, key),
            None => self
                .entries
                .iter()
                .position(|e| same_key(e.key.as_bytes(), key.as_bytes())),
        }
    }

    /// The entry with this key.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.position(key).map(|i| &self.entries[i])
    }

    /// The value under this key, to change it in place (the key stays).
    pub fn value_mut(&mut self, key: &str) -> Option<&mut super::Node> {
        let i = self.position(key)?;
        Some(&mut self.entries[i].value)
    }

    /// Whether a key is in the mapping.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Sets an entry. A key the mapping already holds keeps its place and takes the new key
    /// span and value; the entry it replaced comes back (a front-end reports the duplicate).
    pub fn set(&mut self, entry: Entry) -> Option<Entry> {
        match self.position(&entry.key) {
            Some(i) => Some(std::mem::replace(&mut self.entries[i], entry)),
            None => {
                self.append(entry);
                None
            }
        }
    }

    /// Adds an entry whose key the mapping does not hold yet; returns whether it was added
    /// (a `<<` merge adds only the keys a mapping does not set itself).
    pub fn push_new(&mut self, entry: Entry) -> bool {
        if self.contains_key(&entry.key) {
            return false;
        }
        self.append(entry);
        true
    }

    /// Removes the entry with this key, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Entry> {
        let i = self.position(key)?;
        let entry = self.entries.remove(i);
        if self.index.is_some() {
            self.index = Some(Box::new(Index::build(&self.entries)));
        }
        Some(entry)
    }

    fn append(&mut self, entry: Entry) {
        self.entries.push(entry);
        let position = self.entries.len() - 1;
        match &mut self.index {
            Some(index) => index.add(&self.entries, position),
            None if self.entries.len() > INDEX_FROM => {
                self.index = Some(Box::new(Index::build(&self.entries)));
            }
            None => {}
        }
    }

    /// The values, to change them in place (keys cannot change, so the index stays true).
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut super::Node> {
        self.entries.iter_mut().map(|e| &mut e.value)
    }

    /// Gives back the room a mapping that grew reserved beyond its entries.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
    }

    /// How many more entries the mapping has room for without growing.
    #[cfg(test)]
    pub(crate) fn spare_room(&self) -> usize {
        self.entries.capacity() - self.entries.len()
    }

    /// The entries, in document order.
    pub fn into_entries(self) -> Vec<Entry> {
        self.entries
    }
}

/// The mappings a front-end is reading, innermost last, their entries kept on one stack.
///
/// A mapping's entries arrive one by one and their number is known only at its end; pushed
/// into a `Vec` of its own, each mapping would grow by doubling (a reallocation and a copy
/// of its entries at each step) and keep up to half its room unused, for the life of the
/// document. Here entries wait on one shared stack and each mapping gets a `Vec` of exactly
/// its size when it closes. A mapping that grows past [`INDEX_FROM`] entries moves into a
/// [`Mapping`] of its own then, so finding a repeated key stays O(1).
#[derive(Default)]
pub(crate) struct OpenMappings {
    entries: Vec<Entry>,
}

/// One mapping being read: where its entries start on the shared stack, or its own
/// [`Mapping`] once it has grown large.
pub(crate) struct OpenMapping {
    first: usize,
    large: Option<Mapping>,
}

impl OpenMappings {
    /// Starts a mapping inside the innermost open one (or at the top).
    pub fn open(&self) -> OpenMapping {
        OpenMapping {
            first: self.entries.len(),
            large: None,
        }
    }

    /// The last entry added to `open`.
    pub fn last<'m>(&'m self, open: &'m OpenMapping) -> Option<&'m Entry> {
        match &open.large {
            Some(mapping) => mapping.last(),
            None => self.entries[open.first..].last(),
        }
    }

    /// [`Mapping::set`] on the innermost open mapping, `open`.
    pub fn set(&mut self, open: &mut OpenMapping, entry: Entry) -> Option<Entry> {
        if let Some(mapping) = &mut open.large {
            return mapping.set(entry);
        }
        let own = &mut self.entries[open.first..];
        if let Some(same) = own
            .iter_mut()
            .find(|e| same_key(e.key.as_bytes(), entry.key.as_bytes()))
        {
            return Some(std::mem::replace(same, entry));
        }
        if own.len() == INDEX_FROM {
            let mut mapping = Mapping::from(self.entries.split_off(open.first));
            mapping.append(entry);
            open.large = Some(mapping);
        } else {
            self.entries.push(entry);
        }
        None
    }

    /// Ends the innermost open mapping, `open`: its entries, in order.
    pub fn close(&mut self, open: OpenMapping) -> Mapping {
        match open.large {
            Some(mut mapping) => {
                mapping.shrink_to_fit();
                mapping
            }
            None => Mapping {
                entries: self.entries.drain(open.first..).collect(),
                index: None,
            },
        }
    }
}

/// Key equality for the scan of a small mapping: config keys are short, and comparing their
/// bytes here is cheaper than a call to `memcmp` for each key of the same length.
fn same_key(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

impl std::ops::Deref for Mapping {
    type Target = [Entry];
    fn deref(&self) -> &[Entry] {
        &self.entries
    }
}

/// Entries with repeated keys keep the first of them, as a lookup finds it.
impl From<Vec<Entry>> for Mapping {
    fn from(entries: Vec<Entry>) -> Self {
        let index = (entries.len() > INDEX_FROM).then(|| Box::new(Index::build(&entries)));
        Mapping { entries, index }
    }
}

impl FromIterator<Entry> for Mapping {
    fn from_iter<I: IntoIterator<Item = Entry>>(iter: I) -> Self {
        Mapping::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl IntoIterator for Mapping {
    type Item = Entry;
    type IntoIter = std::vec::IntoIter<Entry>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a> IntoIterator for &'a Mapping {
    type Item = &'a Entry;
    type IntoIter = std::slice::Iter<'a, Entry>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl PartialEq for Mapping {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl std::fmt::Debug for Mapping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.entries).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Node, Value};

    fn entry(key: &str, value: i64) -> Entry {
        Entry {
            key: key.into(),
            key_span: None,
            value: Node::new(Value::Int(value), None),
        }
    }

    fn int(e: Option<&Entry>) -> Option<i64> {
        match e.map(|e| &e.value.value) {
            Some(Value::Int(i)) => Some(*i),
            _ => None,
        }
    }

    #[test]
    fn small_and_large_mappings_find_keys_and_keep_order() {
        for n in [3, INDEX_FROM, INDEX_FROM + 1, 1000] {
            let mut m = Mapping::new();
            for i in 0..n {
                assert!(m.set(entry(&format!("k{i}"), i as i64)).is_none());
            }
            assert_eq!(m.index.is_some(), n > INDEX_FROM, "{n}");
            for i in 0..n {
                assert_eq!(int(m.get(&format!("k{i}"))), Some(i as i64));
            }
            assert!(m.get("absent").is_none());
            let keys: Vec<&str> = m.iter().map(|e| e.key.as_str()).collect();
            assert_eq!(keys.len(), n);
            assert_eq!(keys.first(), Some(&"k0"));
            assert_eq!(
                keys.last().map(|k| k.to_string()),
                Some(format!("k{}", n - 1))
            );
        }
    }

    #[test]
    fn a_key_set_again_keeps_its_place_and_returns_the_first() {
        let mut m: Mapping = (0..20).map(|i| entry(&format!("k{i}"), i)).collect();
        let old = m.set(entry("k3", 99)).map(|e| e.value);
        assert_eq!(old, Some(Node::new(Value::Int(3), None)));
        assert_eq!(m[3].key, "k3");
        assert_eq!(int(m.get("k3")), Some(99));
        assert!(!m.push_new(entry("k4", 1)));
        assert!(m.push_new(entry("new", 1)));
        assert_eq!(m.len(), 21);
    }

    #[test]
    fn removing_keeps_the_others_findable() {
        let mut m: Mapping = (0..20).map(|i| entry(&format!("k{i}"), i)).collect();
        assert_eq!(int(m.remove("k5").as_ref()), Some(5));
        assert!(m.get("k5").is_none());
        assert_eq!(int(m.get("k19")), Some(19));
        assert_eq!(m[5].key, "k6");
    }

    #[test]
    fn open_mappings_nest_find_repeated_keys_and_close_to_their_size() {
        let mut open = OpenMappings::default();
        let mut outer = open.open();
        assert!(open.set(&mut outer, entry("a", 1)).is_none());
        let mut inner = open.open();
        for i in 0..INDEX_FROM + 8 {
            assert!(open
                .set(&mut inner, entry(&format!("k{i}"), i as i64))
                .is_none());
        }
        assert!(inner.large.is_some());
        let again = open.set(&mut inner, entry("k3", 99)).map(|e| e.value);
        assert_eq!(again, Some(Node::new(Value::Int(3), None)));
        assert_eq!(open.last(&inner).map(|e| e.key.as_str()), Some("k39"));
        let inner = open.close(inner);
        assert_eq!((inner.len(), inner.spare_room()), (INDEX_FROM + 8, 0));
        assert!(inner.index.is_some());
        assert_eq!(int(inner.get("k3")), Some(99));
        assert_eq!(inner[3].key, "k3");

        assert_eq!(open.last(&outer).map(|e| e.key.as_str()), Some("a"));
        assert!(open.set(&mut outer, entry("b", 2)).is_none());
        assert_eq!(int(open.set(&mut outer, entry("a", 3)).as_ref()), Some(1));
        let empty = open.open();
        assert!(open.last(&empty).is_none());
        assert!(open.close(empty).is_empty());
        let outer = open.close(outer);
        assert_eq!((outer.len(), outer.spare_room()), (2, 0));
        assert!(outer.index.is_none());
        assert_eq!(
            (int(outer.get("a")), int(outer.get("b"))),
            (Some(3), Some(2))
        );
        assert!(open.entries.is_empty());
    }

    #[test]
    fn a_vec_with_repeated_keys_finds_the_first() {
        let m: Mapping = (0..20).map(|i| entry(&format!("k{}", i % 10), i)).collect();
        assert_eq!(int(m.get("k2")), Some(2));
        let small: Mapping = vec![entry("a", 1), entry("a", 2)].into();
        assert_eq!(int(small.get("a")), Some(1));
    }
}
