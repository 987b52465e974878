//! Inputs of any size with the shape of a real config: SyncTV's example file with its
//! `file_storage.backends` map filled with S3 backends (the commented example in that file,
//! under new names) until the text reaches the size asked for.
//!
//! Used by the criterion benchmark `scale` and, through the `sized-configs` binary, by the
//! npm package's benchmark, so both measure the same texts. Also the two event-parse floors
//! the benchmark and the `stage` example both time.

use std::path::PathBuf;

/// Sizes measured, with the names the figures use.
pub const SIZES: &[(&str, usize)] = &[
    ("64KiB", 64 * 1024),
    ("256KiB", 256 * 1024),
    ("1MiB", 1024 * 1024),
    ("4MiB", 4 * 1024 * 1024),
];

/// SyncTV's example config in the corpus beside the repository (`../shared/corpus`, or
/// `PREFLIGHT_CORPUS`).
pub fn example_path() -> PathBuf {
    let corpus = std::env::var_os("PREFLIGHT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
        });
    corpus.join("synctv/head/synctv.example.yaml")
}

/// One storage backend, as the example file's own comment writes one.
fn backend(i: usize) -> String {
    format!(
        "    backend_{i:05}:\n      type: \"s3\"\n      endpoint: \"https://s3.eu-west-1.amazonaws.com\"\n      access_key_id_file: \"/run/secrets/file_storage_s3_access_key_id\"\n      secret_access_key_file: \"/run/secrets/file_storage_s3_secret_access_key\"\n      bucket: \"synctv-files-{i:05}\"\n      region: \"eu-west-1\"\n      base_path: \"files/\"\n      public_base_url: \"https://cdn.synctv.example.org/files\"\n      upload_expires_seconds: 900\n"
    )
}

/// The example with as many backends as fit in `bytes` (at most `bytes` long; the example
/// itself when it is larger). `None` when the example has no `backends: {}` line to fill.
pub fn sized(example: &str, bytes: usize) -> Option<String> {
    let marker = "\n  backends: {}\n";
    let at = example.find(marker)?;
    let (head, tail) = (&example[..at], &example[at + marker.len()..]);
    let mut out = String::with_capacity(bytes);
    out.push_str(head);
    out.push_str("\n  backends:\n");
    let mut total = out.len() + 1 + tail.len();
    for i in 0.. {
        let next = backend(i);
        if i > 0 && total + next.len() > bytes {
            break;
        }
        total += next.len();
        out.push_str(&next);
    }
    out.push('\n');
    out.push_str(tail);
    Some(out)
}

/// How many backends a sized text holds.
pub fn backends_in(text: &str) -> usize {
    text.matches("\n    backend_").count()
}

/// The floor: every event of preflight's own event parse (its copy of saphyr-parser,
/// crates/saphyr), counted up to the first error.
pub fn floor_events(text: &str) -> usize {
    let mut events = 0usize;
    preflight_yaml_events::each_event(text, &mut |item| {
        events += 1;
        item.is_ok()
    });
    events
}

/// The same with the published saphyr-parser 0.3.4, which borrows no scalar.
pub fn saphyr_events(text: &str) -> usize {
    let mut events = 0usize;
    for item in saphyr_parser::Parser::new_from_str(text) {
        events += 1;
        if item.is_err() {
            break;
        }
    }
    events
}
