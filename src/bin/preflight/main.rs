//! The `preflight` command: the program is `preflight::cli::run`; machine.rs gives it the
//! machine (files, standard input, the terminal) through `std`. `preflight lsp` is the
//! language server in lsp/.

#[cfg(feature = "lsp")]
mod lsp;
mod machine;

use std::io::Write;
use std::process::ExitCode;

use preflight::cli;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    #[cfg(feature = "lsp")]
    if cli::parse_args(&args) == Ok(cli::Command::Lsp) {
        return match lsp::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("preflight lsp: {e}");
                ExitCode::from(2)
            }
        };
    }
    let outcome = cli::run(&args, &machine::Machine);
    // Warnings (a glob that matches nothing) come before the report; a closed pipe
    // (`preflight check … | head`) is not worth a panic.
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    ExitCode::from(outcome.status)
}
