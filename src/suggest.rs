//! "Did you mean …?": the nearest candidate within a few edits, for typos in keys and values.

/// The candidate closest to `text` by case-insensitive edit distance (a swap of neighbours
/// counts as one edit), within 1 edit for words of up to 4 characters, 2 up to 8, 3 beyond.
pub(crate) fn nearest<'a>(
    text: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    // Keys and values longer than this are no typo of a short name; comparing them would cost
    // their length times each candidate's, for every unknown key.
    const LONGEST: usize = 128;
    if text.len() > LONGEST {
        return None;
    }
    let text = text.to_ascii_lowercase();
    let chars = text.chars().count();
    let limit = match chars {
        0..=1 => 0,
        2..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    candidates
        // The distance is at least the difference in length: skip what cannot be near.
        .filter(|c| c.len() <= LONGEST && c.chars().count().abs_diff(chars) <= limit)
        .map(|c| (edit_distance(&text, &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// adjacent characters each cost one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_close_words_only() {
        let words = ["port", "host", "trusted_proxies"];
        assert_eq!(nearest("prot", words.into_iter()), Some("port"));
        assert_eq!(
            nearest("trusted_proxy", words.into_iter()),
            Some("trusted_proxies")
        );
        assert_eq!(nearest("xyz", words.into_iter()), None);
        assert_eq!(nearest("a", words.into_iter()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("prot", "port"), 1);
    }
}
