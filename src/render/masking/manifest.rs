//! Kubernetes Secrets: every value under `data:` and `stringData:` is a secret.

use std::ops::Range;

use super::values::skip_blanks;

/// The values under `data:` and `stringData:` in a Kubernetes manifest that holds a Secret:
/// each is a secret, whatever its key (a ConfigMap's in the same file are masked too).
pub(super) fn secret_manifest_data(
    source: &str,
    lines: &[Range<usize>],
    out: &mut Vec<Range<usize>>,
) {
    let text_of = |line: &Range<usize>| &source[line.clone()];
    let holds_secret = lines.iter().any(|line| {
        let text = text_of(line).trim_end();
        text.strip_prefix("kind:")
            .is_some_and(|kind| kind.trim().trim_matches(['"', '\'']) == "Secret")
    });
    if !holds_secret {
        return;
    }
    let bytes = source.as_bytes();
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n].clone();
        let first = skip_blanks(bytes, line.start, line.end);
        let key = source[first..line.end].trim_end();
        let Some(rest) = key
            .strip_prefix("data:")
            .or_else(|| key.strip_prefix("stringData:"))
        else {
            n += 1;
            continue;
        };
        let rest_start = line.end - rest.len();
        if !rest.trim().is_empty() {
            // A flow mapping on the line (`data: {a: b}`).
            out.push(skip_blanks(bytes, rest_start, line.end)..line.end);
        }
        let indent = first - line.start;
        n += 1;
        while let Some(below) = lines.get(n) {
            let at = skip_blanks(bytes, below.start, below.end);
            if at < below.end && at - below.start <= indent {
                break;
            }
            // Each entry's value, or the whole line where no `key: ` starts it.
            let value = source[at..below.end]
                .find(": ")
                .map_or(at, |colon| skip_blanks(bytes, at + colon + 1, below.end));
            if value < below.end {
                out.push(value..below.end);
            }
            n += 1;
        }
    }
}
