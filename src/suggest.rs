//! "Did you mean …?": the nearest candidate within a few edits, for typos in keys and values.

/// The candidate closest to `text` by case-insensitive edit distance (a swap of neighbours
/// counts as one edit), within 1 edit for words of up to 4 characters, 2 up to 8, 3 beyond.
pub(crate) fn nearest<'a>(
    text: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
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
    // anything is compared (this runs for every unknown key of a document).
    let mut near = candidates
        .filter(|c| c.len() <= LONGEST && c.chars().count().abs_diff(chars) <= limit)
        .peekable();
    near.peek()?;
    let mut table = Table::new(text);
    let mut best: Option<(usize, &str)> = None;
    for candidate in near {
        let distance = table.distance_to(candidate, limit);
        // The first of the nearest wins.
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Keys and values longer than this are no typo of a short name; comparing them would cost
/// their length times each candidate's, for every unknown key.
const LONGEST: usize = 128;

/// One text's characters (lowercased) and the rows of the distance table, on the stack and
/// reused for every candidate it is compared with.
struct Table {
    text: [char; LONGEST],
    len: usize,
    other: [char; LONGEST],
    /// Rows i-2, i-1 and i, taken in turn (`rows[i % 3]`), never copied. A distance is at most
    /// the longer text's length, `LONGEST`, so a byte holds it.
    rows: [[u8; LONGEST + 1]; 3],
}

impl Table {
    fn new(text: &str) -> Table {
        let mut table = Table {
            text: ['\0'; LONGEST],
            len: 0,
            other: ['\0'; LONGEST],
            rows: [[0; LONGEST + 1]; 3],
        };
        table.len = lowercase_into(&mut table.text, text);
        table
    }

    /// The case-insensitive optimal string alignment distance to `other` (insertions,
    /// deletions, substitutions and swaps of adjacent characters each cost one), or some
    /// number over `limit` as soon as the distance is sure to be over it.
    fn distance_to(&mut self, other: &str, limit: usize) -> usize {
        let lb = lowercase_into(&mut self.other, other);
        let la = self.len;
        if la.abs_diff(lb) > limit {
            return limit + 1;
        }
        // Only cells within `band` of the diagonal can hold a distance within the limit
        // (a cell is at least its distance from the diagonal). The cells just beside the band
        // are set to `outside`, over the limit, so no cell is read unset.
        let band = limit.min(LONGEST);
        let outside = (band + 1) as u8;
        let (a, b) = (&self.text[..la], &self.other[..lb]);
        for (j, cell) in (0..=LONGEST as u8).zip(self.rows[0].iter_mut().take(band.min(lb) + 1)) {
            *cell = j;
        }
        if band < lb {
            self.rows[0][band + 1] = outside;
        }
        let mut row_over = false;
        for i in 1..=la {
            let [two, one, row] = three_rows(&mut self.rows, i);
            let (lo, hi) = (i.saturating_sub(band).max(1), (i + band).min(lb));
            row[lo - 1] = if lo == 1 { i as u8 } else { outside };
            let mut least = row[lo - 1];
            for j in lo..=hi {
                let cost = u8::from(a[i - 1] != b[j - 1]);
                let mut best = (one[j] + 1).min(row[j - 1] + 1).min(one[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(two[j - 2] + 1);
                }
                row[j] = best;
                least = least.min(best);
            }
            if hi < lb {
                row[hi + 1] = outside;
            }
            // A cell comes from the row above at no cost, or from two rows up at a cost:
            // once two rows in turn are over the limit, every later one is.
            let over = usize::from(least) > limit;
            if over && row_over {
                return limit + 1;
            }
            row_over = over;
        }
        usize::from(self.rows[la % 3][lb]).min(limit + 1)
    }
}

/// Rows i-2, i-1 and i of the table, where row k is `rows[k % 3]`.
fn three_rows(rows: &mut [[u8; LONGEST + 1]; 3], i: usize) -> [&mut [u8; LONGEST + 1]; 3] {
    let [r0, r1, r2] = rows;
    match i % 3 {
        0 => [r1, r2, r0],
        1 => [r2, r0, r1],
        _ => [r0, r1, r2],
    }
}

/// Writes `text`'s characters, ASCII letters lowercased, into `out`; how many (at most
/// `LONGEST`: longer texts never get here).
fn lowercase_into(out: &mut [char; LONGEST], text: &str) -> usize {
    let mut len = 0;
    for (slot, c) in out.iter_mut().zip(text.chars()) {
        *slot = c.to_ascii_lowercase();
        len += 1;
    }
    len
}

/// The distance of two texts (tests and the figures in the doc comment).
#[cfg(test)]
fn edit_distance(a: &str, b: &str) -> usize {
    Table::new(a).distance_to(b, usize::MAX - 1)
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

    /// The whole table, as the textbook writes it.
    fn textbook(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.to_ascii_lowercase().chars().collect();
        let b: Vec<char> = b.to_ascii_lowercase().chars().collect();
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
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    /// The three rotating rows, the band and the early stop against the whole table: the same
    /// distance for every pair, the same answer for every limit.
    #[test]
    fn the_banded_rows_agree_with_the_whole_table() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "port",
            "prot",
            "PORT",
            "trusted_proxies",
            "trusted_proxy",
            "kitten",
            "sitting",
            "jwt_secret",
            "jwt_secert",
            "database_url",
            "databse_ulr",
            "é€😀",
            "€é😀",
            "key_0000001",
            "key_0000010",
            "abcdefghij",
            "jihgfedcba",
        ];
        for a in words {
            let mut table = Table::new(a);
            for b in words {
                let exact = textbook(a, b);
                assert_eq!(edit_distance(a, b), exact, "{a:?} {b:?}");
                for limit in 0..5 {
                    assert_eq!(
                        table.distance_to(b, limit),
                        exact.min(limit + 1),
                        "{a:?} {b:?} {limit}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_banded_distance_agrees_with_the_whole_table(
            a in "[abcé]{0,14}",
            b in "[abcé]{0,14}",
            limit in 0usize..6,
        ) {
            let exact = textbook(&a, &b);
            let cut = Table::new(&a).distance_to(&b, limit);
            proptest::prop_assert_eq!(cut, exact.min(limit + 1));
        }
    }
}
