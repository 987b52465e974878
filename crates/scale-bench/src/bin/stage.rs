//! Runs one stage of the scale benchmark many times on one input, for a profiler or an
//! instruction counter (`valgrind --tool=callgrind`, `perf record`), which count what the
//! criterion benchmark only times.
//!
//! `cargo run --release -p preflight-scale-bench --bin stage -- STAGE SIZE [RUNS]`, where
//! STAGE is `floor`, `parse`, `walk` or `check` (as in benches/scale.rs) and SIZE is
//! `example` or one of the sizes the benchmark measures (`64KiB` … `4MiB`).

use std::hint::black_box;
use std::process::ExitCode;

use preflight::{Checker, Document, Format, Limits, Options, Source};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(stage), Some(size)) = (args.first(), args.get(1)) else {
        eprintln!("usage: stage floor|parse|walk|check example|64KiB|256KiB|1MiB|4MiB [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(1);
    let Ok(example) = std::fs::read_to_string(preflight_scale_bench::example_path()) else {
        eprintln!("the corpus is not beside the repository");
        return ExitCode::from(2);
    };
    let text = match preflight_scale_bench::SIZES
        .iter()
        .find(|(name, _)| name == size)
    {
        Some((_, bytes)) => preflight_scale_bench::sized(&example, *bytes).unwrap_or(example),
        None => example,
    };
    let Ok(synctv) = preflight::builtin::get("synctv") else {
        return ExitCode::from(2);
    };
    let Ok(empty) = preflight::Schema::from_yaml("schema: empty\nunknown_fields: ignore\n") else {
        return ExitCode::from(2);
    };
    let limits = Limits::default();
    let mut seen = 0usize;
    for _ in 0..runs {
        seen += match stage.as_str() {
            "floor" => {
                let mut events = 0usize;
                preflight_yaml_events::each_event(black_box(&text), &mut |item| {
                    events += 1;
                    item.is_ok()
                });
                events
            }
            "parse" => {
                usize::from(Document::parse(black_box(&text), Format::Yaml, &limits).failed())
            }
            "walk" => Checker::new(&empty, Options::production())
                .check(Source::yaml(black_box(&text)))
                .diagnostics
                .len(),
            "check" => Checker::new(&synctv, Options::production())
                .check(Source::yaml(black_box(&text)))
                .diagnostics
                .len(),
            other => {
                eprintln!("unknown stage `{other}`");
                return ExitCode::from(2);
            }
        };
    }
    println!("{stage} {size} ({} bytes) x{runs}: {seen}", text.len());
    ExitCode::SUCCESS
}
