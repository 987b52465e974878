//! Hostile shapes at 1, 2 and 4 MiB (issue 16): what a real file can look like and a naive
//! reader chokes on, each checked with the built-in schema named beside it. Prints, for each shape and size, the median of three full checks
//! (parse included) and the time per MiB, then the check and the human report (code frames,
//! masking) at 4 MiB. A script, not a timed test: the figures go in BENCHMARKS.md.
//!
//! `cargo run --release -p preflight-scale-bench --bin hostile`; with `-- --write DIR` it
//! writes each shape at 4 MiB to DIR instead (`hostile-NN-SCHEMA.yaml|json|env`), for the npm
//! package's benchmark (`node benches/node/hostile.mjs DIR`).

use std::time::Instant;

use preflight::{builtin, Checker, Format, Options, Source};

const MIB: usize = 1024 * 1024;

/// Repeats `item(i)` joined by `sep` between `open` and `close` until the text reaches `bytes`
/// (a little under, so it stays inside the 4 MiB limit).
fn fill(
    open: &str,
    close: &str,
    sep: &str,
    bytes: usize,
    item: impl Fn(usize) -> String,
) -> String {
    let mut out = String::with_capacity(bytes);
    out.push_str(open);
    let mut i = 0;
    loop {
        let next = item(i);
        if out.len() + sep.len() + next.len() + close.len() >= bytes {
            break;
        }
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(&next);
        i += 1;
    }
    out.push_str(close);
    out
}

/// A shape's name, the built-in schema it is checked with, its format and its generator.
type Shape = (&'static str, &'static str, Format, fn(usize) -> String);

fn shapes() -> Vec<Shape> {
    vec![
        (
            "YAML: one mapping of many keys",
            "demo",
            Format::Yaml,
            |n| fill("", "\n", "\n", n, |i| format!("key_{i:07}: {i}")),
        ),
        (
            "JSON: one object of many keys, one line",
            "demo",
            Format::Json,
            |n| fill("{", "}", ",", n, |i| format!("\"key_{i:07}\":{i}")),
        ),
        ("env: many lines", "demo", Format::Env, |n| {
            fill("", "\n", "\n", n, |i| format!("VAR_{i:07}=value-{i}"))
        }),
        ("YAML: one long flow list", "demo", Format::Yaml, |n| {
            fill("list: [", "]\n", ",", n, |_| "1".to_string())
        }),
        (
            "JSON: one long line of non-ASCII strings",
            "demo",
            Format::Json,
            |n| fill("{\"list\":[", "]}", ",", n, |_| "\"é€😀\"".to_string()),
        ),
        ("YAML: unknown keys of 1 KB", "demo", Format::Yaml, |n| {
            fill("", "\n", "\n", n, |i| {
                format!("{}{i:07}: 1", "k".repeat(1000))
            })
        }),
        (
            "YAML: one unknown key of the whole size",
            "demo",
            Format::Yaml,
            |n| format!("{}: 1\n", "k".repeat(n - 10)),
        ),
        (
            "env: secrets with unclosed quotes",
            "demo",
            Format::Env,
            |n| {
                fill("", "\n", "\n", n, |i| {
                    format!("API_TOKEN_{i:07}=\"Zk4pQv9Lr2Xw7Tn3")
                })
            },
        ),
        (
            "YAML: one key set again and again, 120 flow lists deep",
            "demo",
            Format::Yaml,
            |n| {
                let (open, close) = ("[".repeat(120) + "{", "}".to_string() + &"]".repeat(120));
                fill(&open, &close, ", ", n, |_| "k: 1".to_string())
            },
        ),
        (
            "JSON: one key set again and again",
            "demo",
            Format::Json,
            |n| fill("{", "}", ",", n, |_| "\"k\":1".to_string()),
        ),
        (
            "env: one variable set again and again",
            "demo",
            Format::Env,
            |n| fill("", "\n", "\n", n, |_| "K=1".to_string()),
        ),
        (
            "YAML: one list of distinct hosts that must be unique",
            "demo",
            Format::Yaml,
            |n| {
                fill("admin:\n  allowed_hosts:\n", "\n", "\n", n, |i| {
                    format!("    - app{i}.acme-widgets.com")
                })
            },
        ),
        (
            "YAML: lists of distinct origins and trusted proxies",
            "synctv",
            Format::Yaml,
            |n| {
                let origins = fill(
                    "server:\n  cors_allowed_origins:\n",
                    "\n",
                    "\n",
                    n / 2,
                    |i| format!("    - https://app{i}.acme-widgets.com"),
                );
                let proxies = fill("  trusted_proxies:\n", "\n", "\n", n - origins.len(), |i| {
                    format!("    - 10.{}.{}.0/{}", i >> 8 & 255, i & 255, 24 + i % 9)
                });
                origins + &proxies
            },
        ),
        (
            "YAML: secret keys that alias anchors, all distinct",
            "demo",
            Format::Yaml,
            |n| {
                fill("", "\n", "\n", n, |i| {
                    format!("v{i}: &n{i} s3cret-{i}\nk{i}_password: *n{i}")
                })
            },
        ),
        (
            "env: distinct records under a unique part",
            "rend-api",
            Format::Env,
            |n| {
                fill("REND_EXPECTED_EDGES=", "\n", ",", n, |i| {
                    format!("edge-{i}=us-east=https://edge{i}.acme-video.net")
                })
            },
        ),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, dir] = args.as_slice() {
        if flag == "--write" {
            return write_shapes(dir);
        }
    }
    println!("| shape | schema | 1 MiB | 2 MiB | 4 MiB | per MiB at 4 MiB | 4 MiB with the human report |");
    println!("|---|---|---|---|---|---|---|");
    for (name, schema_name, format, make) in shapes() {
        let schema = builtin::get(schema_name).expect("the built-in schemas compile");
        let checker = Checker::new(&schema, Options::production());
        let mut row = format!("| {name} | {schema_name} |");
        let mut last = 0.0;
        for mib in [1, 2, 4] {
            let text = make(mib * MIB - 64);
            let mut times: Vec<f64> = (0..3)
                .map(|_| {
                    let t0 = Instant::now();
                    let report = checker.check(Source::Text {
                        text: &text,
                        format: Some(format),
                    });
                    std::hint::black_box(report);
                    t0.elapsed().as_secs_f64() * 1e3
                })
                .collect();
            times.sort_by(f64::total_cmp);
            last = times[1];
            row.push_str(&format!(" {last:.1} ms |"));
        }
        row.push_str(&format!(" {:.1} ms |", last / 4.0));
        let text = make(4 * MIB - 64);
        let t0 = Instant::now();
        let report = checker.check(Source::Text {
            text: &text,
            format: Some(format),
        });
        let human = preflight::render::human(
            "f",
            &text,
            &report,
            preflight::render::Style { color: false },
        );
        std::hint::black_box(human);
        row.push_str(&format!(" {:.1} ms |", t0.elapsed().as_secs_f64() * 1e3));
        println!("{row}");
    }
}

/// Writes each shape at 4 MiB, named by its index and format, with its name beside it.
fn write_shapes(dir: &str) {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("cannot create {dir}: {e}");
        std::process::exit(2);
    }
    for (i, (name, schema, format, make)) in shapes().into_iter().enumerate() {
        let path = format!("{dir}/hostile-{i:02}-{schema}.{format}");
        if let Err(e) = std::fs::write(&path, make(4 * MIB - 64)) {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(2);
        }
        println!("{path}\t{name}");
    }
}
