//! Check a service's environment at startup and refuse to start on errors.
//!
//!     DEMO_LISTEN=0.0.0.0:8080 DEMO_DATABASE_URL=postgres://app@localhost/app \
//!     DEMO_DATA_DIR=/var/lib/demo cargo run --example startup_check
//!
//! A real service would embed its own schema with `include_str!` instead of the demo one.

use preflight::{builtin, check, Options, Source};

fn main() {
    let schema = match builtin::get("demo") {
        Ok(schema) => schema,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    // Only the variables this service reads; the rest of the environment is not its business.
    let vars = std::env::vars().filter(|(name, _)| name.starts_with("DEMO_"));
    let report = check(&schema, Source::env_vars(vars), &Options::production());
    for d in &report {
        eprintln!("{}[{}] {}: {}", d.severity, d.code, d.pointer, d.message);
        if let Some(help) = &d.help {
            eprintln!("    help: {help}");
        }
    }
    if report.has_errors() {
        eprintln!(
            "refusing to start: {} configuration error(s)",
            report.errors
        );
        std::process::exit(1);
    }
    println!("configuration ok ({} warning(s))", report.warnings);
}
