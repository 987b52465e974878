//! "Did you mean …?": the nearest candidate within two edits, for typos in keys and values.

/// The candidate closest to `text` (case-insensitive Levenshtein distance at most 2, and less
/// than the length of `text`, so short words do not match everything).
pub(crate) fn nearest<'a>(
    text: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let text = text.to_ascii_lowercase();
    let limit = 2.min(text.chars().count().saturating_sub(1));
    candidates
        .map(|c| (edit_distance(&text, &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
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
    }
}
