//! The `preflight` command. All IO and rendering live here; the library does neither.

mod args;

use std::io::IsTerminal;
use std::process::ExitCode;

use args::{CheckArgs, Command, OutputFormat};
use preflight::{
    builtin, explain, render, Checker, Document, Format, Options, Report, Schema, Source,
};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let command = match args::parse(&argv) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("preflight: {e}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            print!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Command::Version => {
            println!("preflight {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Command::Schemas => {
            let list = builtin::list();
            let width = list.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
            for (name, title) in list {
                println!("{name:<width$}  {title}");
            }
            ExitCode::SUCCESS
        }
        Command::Explain(code) => match explain(&code) {
            Some(info) => {
                print!("{}", render::explain(info));
                ExitCode::SUCCESS
            }
            None => {
                let codes = preflight::codes::ALL.iter().map(|c| c.code);
                let hint = codes
                    .filter(|c| c.split('/').next() == code.split('/').next())
                    .collect::<Vec<_>>()
                    .join(", ");
                eprintln!("preflight: unknown code `{code}`");
                if !hint.is_empty() {
                    eprintln!("codes in that area: {hint}");
                }
                ExitCode::from(2)
            }
        },
        Command::Check(args) => match run_check(&args) {
            Ok(true) => ExitCode::from(1),
            Ok(false) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("preflight: {e}");
                ExitCode::from(2)
            }
        },
    }
}

/// Loads a schema: a built-in name, or a path to a YAML or JSON schema file.
fn load_schema(arg: &str) -> Result<Schema, String> {
    let looks_like_path =
        arg.contains('/') || arg.contains('\\') || Format::from_file_name(arg).is_some();
    if !looks_like_path {
        if builtin::source(arg).is_some() {
            return builtin::get(arg).map_err(|e| e.to_string());
        }
        if !std::path::Path::new(arg).exists() {
            return Err(preflight::Error::UnknownSchema(arg.to_string()).to_string());
        }
    }
    let text =
        std::fs::read_to_string(arg).map_err(|e| format!("cannot read schema `{arg}`: {e}"))?;
    Schema::from_source(&text, Some(arg)).map_err(|e| format!("{arg}: {e}"))
}

/// What the CLI read of one input: its text, or that it is over the size limit (never read
/// past the limit and one byte, so a huge stdin costs no memory).
enum Input {
    Text(String),
    TooLarge(Option<usize>),
}

fn read_input(file: &str, max: usize) -> Result<Input, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    if file == "-" {
        std::io::stdin()
            .take(max as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        if bytes.len() > max {
            return Ok(Input::TooLarge(None));
        }
    } else {
        let opened = std::fs::File::open(file).map_err(|e| format!("cannot read `{file}`: {e}"))?;
        let len = opened.metadata().map(|m| m.len()).unwrap_or(0);
        if len > max as u64 {
            return Ok(Input::TooLarge(usize::try_from(len).ok()));
        }
        opened
            .take(max as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read `{file}`: {e}"))?;
        if bytes.len() > max {
            return Ok(Input::TooLarge(None));
        }
    }
    let name = if file == "-" { "standard input" } else { file };
    String::from_utf8(bytes).map(Input::Text).map_err(|e| {
        format!(
            "`{name}` is not UTF-8 text (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Checks every file; returns whether any had errors.
fn run_check(args: &CheckArgs) -> Result<bool, String> {
    let schema = load_schema(&args.schema)?;
    let options = Options {
        profile: args.profile,
        strict: args.strict,
        allow_placeholders: args.allow_placeholders,
        allow_dev_defaults: args.allow_dev_defaults,
        ..Options::default()
    };
    let checker = Checker::new(&schema, options);
    let limits = checker.options().limits;
    let mut inputs = Vec::with_capacity(args.files.len());
    let mut reports: Vec<Report> = Vec::with_capacity(args.files.len());
    for file in &args.files {
        let format = args
            .input
            .or_else(|| Format::from_file_name(file))
            .unwrap_or(schema.format());
        let (text, mut report) = match read_input(file, limits.max_bytes)? {
            Input::Text(text) => {
                let report = checker.check(Source::Text {
                    text: &text,
                    format: Some(format),
                });
                (text, report)
            }
            Input::TooLarge(len) => (
                String::new(),
                checker.check_document(&Document::too_large(len, format, &limits)),
            ),
        };
        if args.files.len() > 1 {
            report.file = Some(file.to_string());
        }
        reports.push(report);
        inputs.push((file, text));
    }
    let any_errors = reports.iter().any(Report::has_errors);
    match args.format {
        OutputFormat::Json => {
            let json = if reports.len() == 1 {
                serde_json::to_string_pretty(&reports[0])
            } else {
                serde_json::to_string_pretty(&reports)
            };
            println!("{}", json.map_err(|e| e.to_string())?);
        }
        OutputFormat::Github => {
            let mut out = String::new();
            for (report, (file, _)) in reports.iter().zip(&inputs) {
                out.push_str(&render::github(file, report));
            }
            print!("{out}");
        }
        OutputFormat::Human => {
            let style = render::Style {
                color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            };
            let mut out = String::new();
            for (report, (file, text)) in reports.iter().zip(&inputs) {
                out.push_str(&render::human(file, text, report, style));
            }
            print!("{out}");
        }
    }
    Ok(any_errors)
}
