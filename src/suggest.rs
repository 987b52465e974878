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
    let chars = text.chars().count();
    let limit = match chars {
        0..=1 => 0,
        2..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    // The distance is at least the difference in length: skip what cannot be near, before
    // anything is allocated (this runs for every unknown key of a document).
    let mut near = candidates
        .filter(|c| c.len() <= LONGEST && c.chars().count().abs_diff(chars) <= limit)
        .peekable();
    near.peek()?;
    let text = text.to_ascii_lowercase();
    near.map(|c| (edit_distance(&text, &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// adjacent characters each cost one. Both texts are at most `LONGEST` bytes (so characters),
/// so it works in three rows on the stack and allocates nothing.
fn edit_distance(a: &str, b: &str) -> usize {
    const N: usize = 129;
    let mut ac = ['\0'; N];
    let mut bc = ['\0'; N];
    let (mut la, mut lb) = (0, 0);
    for c in a.chars().take(N - 1) {
        ac[la] = c;
        la += 1;
    }
    for c in b.chars().take(N - 1) {
        bc[lb] = c;
        lb += 1;
    }
    // Rows i-2, i-1 and i of the distance table.
    let mut two = [0usize; N];
    let mut one: [usize; N] = std::array::from_fn(|j| j);
    let mut row = [0usize; N];
    for i in 1..=la {
        row[0] = i;
        for j in 1..=lb {
            let cost = usize::from(ac[i - 1] != bc[j - 1]);
            let mut best = (one[j] + 1).min(row[j - 1] + 1).min(one[j - 1] + cost);
            if i > 1 && j > 1 && ac[i - 1] == bc[j - 2] && ac[i - 2] == bc[j - 1] {
                best = best.min(two[j - 2] + 1);
            }
            row[j] = best;
        }
        two = one;
        one = row;
    }
    one[lb]
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
