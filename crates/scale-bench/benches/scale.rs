//! How the cost of a check grows with the size of the config (issue 15's figures).
//!
//! Run: `cargo bench -p preflight-scale-bench --bench scale` (figures in BENCHMARKS.md).
//! For SyncTV's example and the same file grown to 64 KiB … 4 MiB (`preflight_scale_bench`),
//! in one run:
//! - `floor`: the YAML event parse alone (preflight's copy of saphyr-parser, crates/saphyr),
//!   every event visited (what any YAML reader pays);
//! - `saphyr`: the same with the published saphyr-parser 0.3.4, which borrows no scalar;
//! - `parse`: `Document::parse`, the spanned tree;
//! - `walk`: the check with an empty schema that ignores unknown keys (parse, the structure
//!   walk and the secret-span scan: what every check pays before any rule runs);
//! - `check`: the full check with the built-in `synctv` schema (parse included, schema
//!   compiled once beforehand, as a `Checker` is used);
//! - `serde_jsonschema`: `serde_yaml` into a `serde_json::Value`, then `jsonschema` with a
//!   shape-only JSON Schema of the same config (synctv-shape.schema.json).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use preflight::{Checker, Document, Format, Limits, Options, Source};

fn inputs() -> Vec<(String, String)> {
    let path = preflight_scale_bench::example_path();
    let Ok(example) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is not here", path.display());
        return Vec::new();
    };
    let mut out = vec![("example".to_string(), example.clone())];
    for (name, bytes) in preflight_scale_bench::SIZES {
        if let Some(text) = preflight_scale_bench::sized(&example, *bytes) {
            out.push((name.to_string(), text));
        }
    }
    out
}

fn scale(c: &mut Criterion) {
    let schema = preflight::builtin::get("synctv").expect("the built-in synctv schema compiles");
    let checker = Checker::new(&schema, Options::production());
    let empty = preflight::Schema::from_yaml("schema: empty\nunknown_fields: ignore\n")
        .expect("the empty schema compiles");
    let walker = Checker::new(&empty, Options::production());
    let shape: serde_json::Value =
        serde_json::from_str(include_str!("../synctv-shape.schema.json")).expect("valid JSON");
    let validator = jsonschema::validator_for(&shape).expect("a valid JSON Schema");
    let limits = Limits::default();

    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for (name, text) in inputs() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("floor", &name), &text, |b, text| {
            b.iter(|| preflight_scale_bench::floor_events(black_box(text)))
        });
        group.bench_with_input(BenchmarkId::new("saphyr", &name), &text, |b, text| {
            b.iter(|| preflight_scale_bench::saphyr_events(black_box(text)))
        });
        group.bench_with_input(BenchmarkId::new("parse", &name), &text, |b, text| {
            b.iter(|| Document::parse(black_box(text), Format::Yaml, &limits))
        });
        group.bench_with_input(BenchmarkId::new("walk", &name), &text, |b, text| {
            b.iter(|| walker.check(Source::yaml(black_box(text))))
        });
        group.bench_with_input(BenchmarkId::new("check", &name), &text, |b, text| {
            b.iter(|| checker.check(Source::yaml(black_box(text))))
        });
        group.bench_with_input(
            BenchmarkId::new("serde_jsonschema", &name),
            &text,
            |b, text| {
                b.iter(|| {
                    let value: serde_json::Value =
                        serde_yaml::from_str(black_box(text)).expect("the input is YAML");
                    validator.iter_errors(&value).count()
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
