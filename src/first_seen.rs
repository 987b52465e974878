//! Repeated items found in one pass: each item's key is looked up among those of the items
//! before it in a hash map, so a list of any length costs its length (a search of the earlier
//! items for each one made a list of 20,000 origins take over a second). Lists use it, and
//! the masking scan for the anchors behind secret aliases.

use std::collections::HashMap;

/// The keys of the items seen so far, each with the index of the item it first stood in.
pub(crate) struct FirstSeen(HashMap<String, usize>);

impl FirstSeen {
    pub(crate) fn with_capacity(items: usize) -> Self {
        FirstSeen(HashMap::with_capacity(items))
    }

    /// The index of the first earlier item with `key`; `None` (and `key` recorded at `index`)
    /// when no earlier item had it.
    pub(crate) fn earlier(&mut self, key: &str, index: usize) -> Option<usize> {
        if let Some(&first) = self.0.get(key) {
            return Some(first);
        }
        self.0.insert(key.to_owned(), index);
        None
    }

    /// The index of the first item with `key`, if any.
    pub(crate) fn first(&self, key: &str) -> Option<usize> {
        self.0.get(key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_points_at_its_first_item() {
        let mut seen = FirstSeen::with_capacity(4);
        let found: Vec<Option<usize>> = ["a", "b", "a", "a", "b", "c"]
            .iter()
            .enumerate()
            .map(|(i, key)| seen.earlier(key, i))
            .collect();
        assert_eq!(found, [None, None, Some(0), Some(0), Some(1), None]);
    }
}
