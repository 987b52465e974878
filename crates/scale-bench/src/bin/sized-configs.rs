//! Writes the benchmark inputs to a directory: `synctv-<size>.yaml` for each size, so the
//! npm package's benchmark reads the same texts as the criterion one.
//!
//! `cargo run -p preflight-scale-bench --bin sized-configs -- DIR`

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: sized-configs DIR");
        return ExitCode::from(2);
    };
    let path = preflight_scale_bench::example_path();
    let example = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {dir}: {e}");
        return ExitCode::from(2);
    }
    let mut inputs = vec![("example".to_string(), example.clone())];
    for (name, bytes) in preflight_scale_bench::SIZES {
        match preflight_scale_bench::sized(&example, *bytes) {
            Some(text) => inputs.push((name.to_string(), text)),
            None => {
                eprintln!("{} has no `backends: {{}}` line to fill", path.display());
                return ExitCode::from(2);
            }
        }
    }
    for (name, text) in inputs {
        let file = format!("{dir}/synctv-{name}.yaml");
        if let Err(e) = std::fs::write(&file, &text) {
            eprintln!("cannot write {file}: {e}");
            return ExitCode::from(2);
        }
        println!(
            "{file}: {} bytes, {} backends",
            text.len(),
            preflight_scale_bench::backends_in(&text)
        );
    }
    ExitCode::SUCCESS
}
