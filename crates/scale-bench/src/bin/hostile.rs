//! Hostile shapes at 1, 2 and 4 MiB (issue 16): what a real file can look like and a naive
//! reader chokes on. Prints, for each shape and size, the median of three full checks
//! (parse included) and the time per MiB, then the check and the human report (code frames,
//! masking) at 4 MiB. A script, not a timed test: the figures go in BENCHMARKS.md.
//!
//! `cargo run --release -p preflight-scale-bench --bin hostile`; with `-- --write DIR` it
//! writes each shape at 4 MiB to DIR instead (`hostile-N.yaml|json|env`), for the npm
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

type Shape = (&'static str, Format, fn(usize) -> String);

fn shapes() -> Vec<Shape> {
    vec![
        ("YAML: one mapping of many keys", Format::Yaml, |n| {
            fill("", "\n", "\n", n, |i| format!("key_{i:07}: {i}"))
        }),
        (
            "JSON: one object of many keys, one line",
            Format::Json,
            |n| fill("{", "}", ",", n, |i| format!("\"key_{i:07}\":{i}")),
        ),
        ("env: many lines", Format::Env, |n| {
            fill("", "\n", "\n", n, |i| format!("VAR_{i:07}=value-{i}"))
        }),
        ("YAML: one long flow list", Format::Yaml, |n| {
            fill("list: [", "]\n", ",", n, |_| "1".to_string())
        }),
        (
            "JSON: one long line of non-ASCII strings",
            Format::Json,
            |n| fill("{\"list\":[", "]}", ",", n, |_| "\"é€😀\"".to_string()),
        ),
        ("YAML: unknown keys of 1 KB", Format::Yaml, |n| {
            fill("", "\n", "\n", n, |i| {
                format!("{}{i:07}: 1", "k".repeat(1000))
            })
        }),
        (
            "YAML: one unknown key of the whole size",
            Format::Yaml,
            |n| format!("{}: 1\n", "k".repeat(n - 10)),
        ),
        ("env: secrets with unclosed quotes", Format::Env, |n| {
            fill("", "\n", "\n", n, |i| {
                format!("API_TOKEN_{i:07}=\"Zk4pQv9Lr2Xw7Tn3")
            })
        }),
        (
            "YAML: one key set again and again, 120 flow lists deep",
            Format::Yaml,
            |n| {
                let (open, close) = ("[".repeat(120) + "{", "}".to_string() + &"]".repeat(120));
                fill(&open, &close, ", ", n, |_| "k: 1".to_string())
            },
        ),
        ("JSON: one key set again and again", Format::Json, |n| {
            fill("{", "}", ",", n, |_| "\"k\":1".to_string())
        }),
        ("env: one variable set again and again", Format::Env, |n| {
            fill("", "\n", "\n", n, |_| "K=1".to_string())
        }),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, dir] = args.as_slice() {
        if flag == "--write" {
            return write_shapes(dir);
        }
    }
    let schema = builtin::get("demo").expect("the demo schema compiles");
    let checker = Checker::new(&schema, Options::production());
    println!("| shape | 1 MiB | 2 MiB | 4 MiB | per MiB at 4 MiB | 4 MiB with the human report |");
    println!("|---|---|---|---|---|---|");
    for (name, format, make) in shapes() {
        let mut row = format!("| {name} |");
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
    for (i, (name, format, make)) in shapes().into_iter().enumerate() {
        let path = format!("{dir}/hostile-{i}.{format}");
        if let Err(e) = std::fs::write(&path, make(4 * MIB - 64)) {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(2);
        }
        println!("{path}\t{name}");
    }
}
