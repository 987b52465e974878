//! The house in order: no import circle among the files of `src/` (DESIGN.md, "Layers").
//!
//! Builds the graph of which file uses which from the code itself: every `crate::a::b` and
//! `super::x` path (in `use` lines and in expressions), resolved to the file that defines the
//! module, with the names the crate root re-exports (`crate::Schema`) followed to where they
//! live. A module's `mod.rs` naming its own submodules declares them; that edge is not an
//! import, so it is left out. Any circle left is a design error and fails the test, printed
//! file by file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The module path of a file: `src/relations/cors.rs` → `["relations", "cors"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "bin") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments, strings and its `#[cfg(test)]` module.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a file names through `crate::` or `super::`, as module paths (`a::b::c`),
/// including the members of `use crate::x::{a, b::c}` groups.
fn paths_in(code: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for start in [("crate::", 0usize), ("super::", 1)] {
        let mut at = 0;
        while let Some(found) = code[at..].find(start.0) {
            let begin = at + found;
            at = begin + start.0.len();
            if begin > 0 && (bytes[begin - 1].is_ascii_alphanumeric() || bytes[begin - 1] == b'_') {
                continue;
            }
            // The base the path starts from: the crate root, or the parent module.
            let mut base: Vec<String> = if start.1 == 0 {
                Vec::new()
            } else {
                // `super` of `a::b` is `a`, whether `b` is `a/b.rs` or `a/b/mod.rs`.
                let mut b = here.to_vec();
                b.pop();
                b
            };
            let mut rest = &code[at..];
            while let Some(more) = rest.strip_prefix("super::") {
                base.pop();
                rest = more;
            }
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '{')
                .collect();
            let path = path.trim_end_matches(':');
            if let Some(group) = path.strip_suffix('{') {
                // `use crate::x::{a, b::c}`: each member is a path below `x`.
                let prefix: Vec<String> = group
                    .trim_end_matches(':')
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
                let open = at + path.len();
                let close = code[open..].find('}').map_or(code.len(), |c| open + c);
                for member in code[open..close].split(',') {
                    let mut full = base.clone();
                    full.extend(prefix.iter().cloned());
                    full.extend(
                        member
                            .trim()
                            .split("::")
                            .map(|s| s.trim().trim_start_matches('{').to_string())
                            .filter(|s| !s.is_empty() && s != "self"),
                    );
                    out.push(full);
                }
            } else {
                let mut full = base;
                full.extend(path.split("::").filter(|s| !s.is_empty()).map(String::from));
                out.push(full);
            }
        }
    }
    out
}

#[test]
fn no_file_of_src_imports_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|f| (module_of(&src, f), f.clone()))
        .collect();
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    // Names the crate root re-exports: `pub use engine::{Checker, …}` → engine.
    let mut reexports: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for stmt in lib
        .split(';')
        .filter_map(|s| s.trim().strip_prefix("pub use "))
    {
        let stmt = stmt.trim();
        let (module, names) = match stmt.split_once("::{") {
            Some((m, names)) => (m, names.trim_end_matches('}').to_string()),
            None => match stmt.rsplit_once("::") {
                Some((m, name)) => (m, name.to_string()),
                None => continue,
            },
        };
        for name in names.split(',') {
            let name = name.trim().rsplit(" as ").next().unwrap_or("").trim();
            if !name.is_empty() {
                reexports.insert(
                    name.to_string(),
                    module.split("::").map(String::from).collect(),
                );
            }
        }
    }
    let resolve = |path: &[String]| -> Option<Vec<String>> {
        if path.len() == 1 {
            if let Some(module) = reexports.get(&path[0]) {
                return Some(module.clone());
            }
        }
        (1..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|m| modules.contains_key(m))
    };
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in &files {
        let here = module_of(&src, file);
        let name = file.file_name().unwrap().to_string_lossy();
        if name == "lib.rs" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for path in paths_in(&code, &here) {
            let Some(target) = resolve(&path) else {
                continue;
            };
            // A module naming its own submodules declares them (and itself is no edge).
            if target.starts_with(&here) {
                continue;
            }
            edges.entry(here.clone()).or_default().insert(target);
        }
    }
    // Between top-level modules (`kinds` uses `context`), a use of a module stands for all of
    // it; within one, each file is its own node.
    let mut between: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (from, tos) in &edges {
        for to in tos {
            let (a, b) = (from[..1].to_vec(), to[..1.min(to.len())].to_vec());
            if a != b && !b.is_empty() {
                between.entry(a).or_default().insert(b);
            }
        }
    }
    let within: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = edges
        .iter()
        .map(|(from, tos)| {
            let same = tos
                .iter()
                .filter(|t| t.first() == from.first())
                .cloned()
                .collect();
            (from.clone(), same)
        })
        .collect();
    let mut shown = circles_of(&between, |m| format!("{}/", m.join("/")));
    shown.extend(circles_of(&within, |m| {
        modules[m].strip_prefix(&src).unwrap().display().to_string()
    }));
    assert!(
        shown.is_empty(),
        "import circles in src/:\n{}",
        shown.join("\n")
    );
    // The graph was read at all: the engine uses the schema, kinds use the context.
    let uses = |from: &[&str], to: &[&str]| {
        let from: Vec<String> = from.iter().map(|s| s.to_string()).collect();
        let to: Vec<String> = to.iter().map(|s| s.to_string()).collect();
        edges.get(&from).is_some_and(|e| e.contains(&to))
    };
    assert!(uses(&["engine"], &["schema"]));
    assert!(uses(&["kinds", "port"], &["context"]));
    assert!(uses(&["relations", "requires"], &["relations"]));
}

type Graph = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

/// Every circle a depth-first search meets (a back edge and the stack from its target on).
fn circles_of(edges: &Graph, show: impl Fn(&Vec<String>) -> String) -> Vec<String> {
    fn visit(
        node: &Vec<String>,
        edges: &Graph,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
        circles: &mut Vec<Vec<Vec<String>>>,
    ) {
        state.insert(node.clone(), 1);
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next).copied().unwrap_or(0) {
                0 => visit(next, edges, state, stack, circles),
                1 => {
                    let from = stack.iter().position(|n| n == next).unwrap_or(0);
                    circles.push(stack[from..].to_vec());
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.clone(), 2);
    }
    let mut state = BTreeMap::new();
    let mut circles = Vec::new();
    for node in edges.keys() {
        if !state.contains_key(node) {
            visit(node, edges, &mut state, &mut Vec::new(), &mut circles);
        }
    }
    circles
        .iter()
        .map(|c| c.iter().map(&show).collect::<Vec<_>>().join(" -> "))
        .collect()
}
