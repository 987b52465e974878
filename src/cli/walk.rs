//! Finding the files of a glob: literal segments are walked into directly, a pattern
//! segment lists one directory, `**` descends (never into `.git` or `node_modules`); every
//! entry looked at counts against one budget per run.

use super::glob::{segment_matches, Glob, Segment};
use super::host::{EntryKind, Host};
use super::paths;

/// How many directory entries the globs of one run may look at, so a `**` in a huge tree
/// (or a loop of symbolic links) ends.
pub(super) const MAX_WALKED: usize = 200_000;

/// The files a glob matches below `dir`, absolute and sorted. Literal segments are walked into
/// directly; `**` does not descend into `.git` or `node_modules`.
pub(super) fn expand(host: &dyn Host, dir: &str, glob: &Glob, budget: &mut usize) -> Vec<String> {
    let mut found = Vec::new();
    for segments in glob.alternatives() {
        walk(host, dir, segments, &mut found, budget);
    }
    found.sort();
    found.dedup();
    found
}

fn walk(
    host: &dyn Host,
    dir: &str,
    segments: &[Segment],
    found: &mut Vec<String>,
    budget: &mut usize,
) {
    let Some((segment, rest)) = segments.split_first() else {
        return;
    };
    let visit = |path: String, kind: EntryKind, found: &mut Vec<String>, budget: &mut usize| match (
        rest.is_empty(),
        kind,
    ) {
        (true, EntryKind::File) => found.push(path),
        (false, EntryKind::Dir) => walk(host, &path, rest, found, budget),
        _ => {}
    };
    match segment {
        Segment::Literal(name) => {
            let path = paths::absolute(dir, name);
            if let Some(kind) = host.kind(&path) {
                visit(path, kind, found, budget);
            }
        }
        Segment::Pattern(_) => {
            for (name, kind) in listing(host, dir, budget) {
                if segment_matches(segment, &name) {
                    visit(paths::absolute(dir, &name), kind, found, budget);
                }
            }
        }
        Segment::AnyDirs => {
            walk(host, dir, rest, found, budget);
            for (name, kind) in listing(host, dir, budget) {
                if kind == EntryKind::Dir && name != ".git" && name != "node_modules" {
                    walk(host, &paths::absolute(dir, &name), segments, found, budget);
                }
            }
        }
    }
}

/// A directory's entries, sorted by name, counted against the walk's budget.
fn listing(host: &dyn Host, dir: &str, budget: &mut usize) -> Vec<(String, EntryKind)> {
    if *budget == 0 {
        return Vec::new();
    }
    let mut entries = host.list_dir(dir).unwrap_or_default();
    entries.truncate(*budget);
    *budget -= entries.len();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries
}
