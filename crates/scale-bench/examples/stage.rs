//! Runs one stage of the scale benchmark many times on one input, for a profiler or an
//! instruction counter (`valgrind --tool=callgrind`, `perf record`), which count what the
//! criterion benchmark only times.
//!
//! `cargo run --release -p preflight-scale-bench --example stage -- STAGE SIZE [RUNS]`, where
//! STAGE is `floor`, `saphyr`, `parse`, `walk`, `check` or `serde_jsonschema` (as in
//! benches/scale.rs)
//! and SIZE is `example`, one of the sizes the benchmark measures (`64KiB` … `4MiB`), or the
//! path of a YAML file (a hostile shape, say).
//!
//! `stage compare SIZE [ROUNDS]` times the six stages in turn, round after round (each round
//! starting at the next stage), and prints each one's median and its ratios to the floor and
//! to serde_yaml + jsonschema: interleaved, so a machine whose speed drifts slows every stage
//! of a round alike; then the ratios taken within each round, median and quartiles (the full
//! check also against the published saphyr-parser's event parse).
//! (An example, not a binary: serde_yaml and jsonschema are dev-dependencies of the bench.)

use std::hint::black_box;
use std::process::ExitCode;

use preflight::{Checker, Document, Format, Limits, Options, Source};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(stage), Some(size)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: stage floor|parse|walk|check|serde_jsonschema|compare example|64KiB|256KiB|1MiB|4MiB [RUNS]"
        );
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
        None if size.as_str() == "example" => example,
        None => match std::fs::read_to_string(size) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{size}: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let Ok(synctv) = preflight::builtin::get("synctv") else {
        return ExitCode::from(2);
    };
    let Ok(empty) = preflight::Schema::from_yaml("schema: empty\nunknown_fields: ignore\n") else {
        return ExitCode::from(2);
    };
    let shape: serde_json::Value =
        match serde_json::from_str(include_str!("../synctv-shape.schema.json")) {
            Ok(shape) => shape,
            Err(_) => return ExitCode::from(2),
        };
    let Ok(validator) = jsonschema::validator_for(&shape) else {
        return ExitCode::from(2);
    };
    let limits = Limits::default();
    let walker = Checker::new(&empty, Options::production());
    let checker = Checker::new(&synctv, Options::production());
    let run_stage = |stage: &str| -> Option<usize> {
        Some(match stage {
            "floor" => preflight_scale_bench::floor_events(black_box(&text)),
            "saphyr" => preflight_scale_bench::saphyr_events(black_box(&text)),
            "parse" => {
                usize::from(Document::parse(black_box(&text), Format::Yaml, &limits).failed())
            }
            "walk" => walker
                .check(Source::yaml(black_box(&text)))
                .diagnostics
                .len(),
            "check" => checker
                .check(Source::yaml(black_box(&text)))
                .diagnostics
                .len(),
            "serde_jsonschema" => {
                let value: serde_json::Value = serde_yaml::from_str(black_box(&text)).ok()?;
                validator.iter_errors(&value).count()
            }
            _ => return None,
        })
    };
    if stage == "compare" {
        let stages = [
            "floor",
            "saphyr",
            "parse",
            "walk",
            "check",
            "serde_jsonschema",
        ];
        let (floor, saphyr, parse, check, serde) = (0, 1, 2, 4, 5);
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); stages.len()];
        let rounds = runs.max(5);
        // Enough repeats per round that one reading lasts about a millisecond or more.
        let repeats = (200_000 / text.len()).max(1);
        for round in 0..rounds {
            // Each round starts at another stage, so none always runs right after the same
            // one (whose garbage, cache and heap state it would inherit).
            for k in 0..stages.len() {
                let i = (round + k) % stages.len();
                let start = std::time::Instant::now();
                for _ in 0..repeats {
                    black_box(run_stage(stages[i]));
                }
                times[i].push(start.elapsed().as_secs_f64() / repeats as f64);
            }
        }
        let median = |values: &[f64]| {
            let mut sorted = values.to_vec();
            sorted.sort_by(f64::total_cmp);
            sorted[sorted.len() / 2]
        };
        let medians: Vec<f64> = times.iter().map(|t| median(t)).collect();
        for (stage, median) in stages.iter().zip(&medians) {
            println!(
                "{size:8} {stage:16} {:10.1} µs  {:5.2}× floor  {:5.2}× serde_yaml + jsonschema",
                median * 1e6,
                median / medians[floor],
                median / medians[serde],
            );
        }
        // The same ratios taken within each round, whose stages ran seconds apart at most:
        // a machine whose speed drifts between rounds moves them less. Median and quartiles.
        let per_round = |of: usize, to: usize| {
            let mut ratios: Vec<f64> = times[of]
                .iter()
                .zip(&times[to])
                .map(|(a, b)| a / b)
                .collect();
            ratios.sort_by(f64::total_cmp);
            let at = |q: usize| ratios[(ratios.len() - 1) * q / 4];
            format!("{:.2}× ({:.2}–{:.2})", at(2), at(1), at(3))
        };
        println!(
            "{size:8} per round, median (quartiles): check / floor {}, parse / floor {}, check / serde_yaml + jsonschema {}, check / saphyr-parser 0.3.4 {}",
            per_round(check, floor),
            per_round(parse, floor),
            per_round(check, serde),
            per_round(check, saphyr),
        );
        return ExitCode::SUCCESS;
    }
    let mut seen = 0usize;
    for _ in 0..runs {
        match run_stage(stage) {
            Some(n) => seen += n,
            None => {
                eprintln!("unknown stage `{stage}`");
                return ExitCode::from(2);
            }
        }
    }
    println!("{stage} {size} ({} bytes) x{runs}: {seen}", text.len());
    ExitCode::SUCCESS
}
