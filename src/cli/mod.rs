//! The command-line program as a pure function: arguments and a [`Host`] that reads files in,
//! output text and an exit status out. The Rust binary (`src/bin/preflight`) runs it with
//! `std::fs`; the npm package's bin runs the same code compiled to wasm with Node's `fs`, so
//! both print the same bytes.
//!
//! Exit status: 0 no errors (warnings allowed), 1 errors found, 2 the command could not run.

mod args;
mod check;
mod compose;
mod glob;
mod host;
mod output;
mod paths;
mod project;
mod read;
mod walk;

pub use args::{CheckArgs, Color, Command, OutputFormat, UsageError};
pub use glob::{Glob, GlobError};
pub use host::{Contents, EntryKind, Host, HostError};
pub use project::{
    absolute_spec, Check, FileGlob, Project, ProjectError, Settings, FILE_NAME as PROJECT_FILE,
};

use crate::schema::Schema;
use crate::{builtin, codes, render};

pub use args::parse as parse_args;

/// The nearest `preflight.toml` in `dir` (absolute) or a directory above it.
pub fn find_project(host: &dyn Host, dir: &str) -> Option<String> {
    project::discover(host, dir)
}

/// Reads the project file at `path` (absolute): its entries, or its first mistake as
/// `preflight.toml:LINE:COLUMN: message` (named relative to `cwd`).
pub fn read_project(host: &dyn Host, path: &str, cwd: &str) -> Result<Project, String> {
    check::read_project(host, path, cwd)
}

/// A schema by built-in name or path (relative to `cwd`), as `check --schema` loads it.
pub fn load_schema(spec: &str, host: &dyn Host, cwd: &str) -> Result<Schema, String> {
    read::load_schema(spec, host, cwd)
}

/// What a run printed and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    /// 0 no errors, 1 errors found, 2 the command could not run.
    pub status: u8,
}

impl Outcome {
    fn out(stdout: String) -> Outcome {
        Outcome {
            stdout,
            stderr: String::new(),
            status: 0,
        }
    }

    fn failed(stderr: String) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr,
            status: 2,
        }
    }
}

/// `preflight schema export`: the JSON Schema, to standard output or `output`.
fn export_schema(spec: &str, output: Option<&str>, host: &dyn Host) -> Outcome {
    let cwd = paths::normalize(&host.current_dir());
    let schema = match read::load_schema(&project::absolute_spec(&cwd, spec), host, &cwd) {
        Ok(schema) => schema,
        Err(e) => return Outcome::failed(format!("preflight: {e}\n")),
    };
    let mut text =
        serde_json::to_string_pretty(&crate::schema::json_schema(&schema)).unwrap_or_default();
    text.push('\n');
    match output {
        None => Outcome::out(text),
        Some(file) => match host.write(&paths::absolute(&cwd, file), &text) {
            Ok(()) => Outcome::out(String::new()),
            Err(e) => Outcome::failed(format!("preflight: cannot write `{file}`: {e}\n")),
        },
    }
}

/// `preflight init`: the schema inferred from FILE, to standard output or `output`.
fn init(file: &str, output: Option<&str>, host: &dyn Host) -> Outcome {
    let cwd = paths::normalize(&host.current_dir());
    let path = if file == "-" {
        "-".to_string()
    } else {
        paths::absolute(&cwd, file)
    };
    let limits = crate::input::Limits::DEFAULT;
    let text = match read::read_whole(host, &path, file, limits.max_bytes) {
        Ok(text) => text,
        Err(e) => return Outcome::failed(format!("preflight: {e}\n")),
    };
    let format = crate::input::Format::from_file_name(file)
        .unwrap_or_else(|| crate::schema::infer::sniff_format(file, &text));
    let document = crate::document::Document::parse(&text, format, &limits);
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_start_matches('.')
        .split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("config");
    let schema = crate::schema::infer::schema_text(&document, stem);
    match output {
        None => Outcome::out(schema),
        Some(out) => match host.write(&paths::absolute(&cwd, out), &schema) {
            Ok(()) => Outcome::out(String::new()),
            Err(e) => Outcome::failed(format!("preflight: cannot write `{out}`: {e}\n")),
        },
    }
}

/// Runs `preflight` with `args`, the arguments after the program name.
pub fn run(args: &[String], host: &dyn Host) -> Outcome {
    let command = match args::parse(args) {
        Ok(command) => command,
        Err(e) => return Outcome::failed(format!("preflight: {}\n\n{}", e.message, e.usage)),
    };
    match command {
        Command::Help(text) => Outcome::out(text.to_string()),
        Command::Version => Outcome::out(format!("preflight {}\n", env!("CARGO_PKG_VERSION"))),
        Command::Schemas => {
            let list = builtin::list();
            let width = list.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
            Outcome::out(
                list.iter()
                    .map(|(name, title)| format!("{name:<width$}  {title}\n"))
                    .collect(),
            )
        }
        Command::Explain(code) => match codes::lookup(&code) {
            Some(info) => Outcome::out(render::explain(info)),
            None => {
                let area = code.split('/').next();
                let near: Vec<&str> = codes::ALL
                    .iter()
                    .map(|c| c.code)
                    .filter(|c| c.split('/').next() == area)
                    .collect();
                let mut text = format!("preflight: unknown code `{code}`\n");
                if !near.is_empty() {
                    text.push_str(&format!("codes in that area: {}\n", near.join(", ")));
                }
                Outcome::failed(text)
            }
        },
        Command::Lsp => Outcome::failed(
            "preflight: `lsp` is the Rust binary's (`cargo install --path .`, README: \"In your \
             editor\"); this program has no language server\n"
                .into(),
        ),
        Command::SchemaExport { schema, output } => export_schema(&schema, output.as_deref(), host),
        Command::Init { file, output } => init(&file, output.as_deref(), host),
        Command::Check(args) => match check::run(&args, host) {
            Ok(printed) => Outcome {
                stdout: printed.stdout,
                stderr: printed.stderr,
                status: u8::from(printed.any_errors),
            },
            Err(e) => Outcome::failed(format!("preflight: {e}\n")),
        },
    }
}
