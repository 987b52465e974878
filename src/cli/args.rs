//! Command-line arguments, exactly as DESIGN.md gives them, with a help text per command and
//! "did you mean" for a mistyped flag or command.
//!
//! Written here rather than with clap: clap's parser, help and suggestions add ≈ 77 KB
//! gzipped to a wasm module (BENCHMARKS.md, "The CLI in the npm package"), for eleven flags.

use crate::diagnostic::Profile;
use crate::input::Format;

pub const USAGE: &str = "\
preflight — check a service's configuration before it reaches production

USAGE:
    preflight check [FILE...] [--schema NAME|PATH|auto] [OPTIONS]
    preflight explain CODE
    preflight schemas
    preflight schema export NAME|PATH [--output FILE]
    preflight init FILE [--output FILE]
    preflight lsp
    preflight help [COMMAND]

COMMANDS:
    check          check config files (with no FILE: every file preflight.toml names)
    explain        what a diagnostic code means, with a failing and a passing example
    schemas        list the built-in schemas
    schema export  a JSON Schema (draft 2020-12) of a schema, for editors' key completion
    init           a schema inferred from a config, as commented YAML (what --schema auto uses)
    lsp            a language server over standard input and output (the Rust binary)

OPTIONS:
    -h, --help       this text (`preflight check --help`: the check options)
    -V, --version    the version

EXIT STATUS:
    0  no errors (warnings allowed)
    1  errors found
    2  the command could not run (bad arguments, unreadable file, invalid schema)
";

pub const CHECK_USAGE: &str = "\
preflight check — check config files against a schema

USAGE:
    preflight check [FILE...] [OPTIONS]

    With no FILE, checks every file the [[check]] entries of preflight.toml name (found in
    the working directory or a directory above it). A FILE is checked with the entry whose
    globs match it; a FILE no entry covers is skipped unless --schema is given. FILE may be
    `-` for standard input.

OPTIONS:
    --schema NAME|PATH|auto a built-in schema (see `preflight schemas`), a schema file, or
                            `auto`: kinds inferred from the names and values (docs/auto.md)
    --profile PROFILE       production (default) or development
    --format FORMAT         human (default), json, github (workflow annotations) or sarif
    --input FORMAT          read every FILE as yaml, json or env (default: from the file name)
    --strict                unknown keys are errors
    --allow-placeholders    do not report placeholders (check an example file itself)
    --allow-dev-defaults    do not report development defaults, local hosts, plain HTTP
    --output-file PATH      write the report to PATH instead of standard output
    --color WHEN            auto (default: on a terminal, unless NO_COLOR is set), always, never
    --quiet                 only errors and each file's summary (human and github formats)
    --service NAME          check a compose file's service: its env_file and environment
    --trust-env-files       read a compose service's env files outside the project too
    --select KIND/NAME[/CONTAINER]
                            check a Kubernetes object's config: a ConfigMap, a Secret, or a
                            workload container's env and envFrom
    --config PATH           the project file to use (default: the nearest preflight.toml)
    --no-config             ignore preflight.toml
    -h, --help              this text

    Flags override preflight.toml.
";

pub const EXPLAIN_USAGE: &str = "\
preflight explain — what a diagnostic code means

USAGE:
    preflight explain CODE

    Prints the code's summary, its level in each profile, why it matters, and a failing and a
    passing example. Codes are `area/name`, e.g. `preflight explain url/local-host`.
";

pub const SCHEMAS_USAGE: &str = "\
preflight schemas — list the built-in schemas

USAGE:
    preflight schemas

    One line per schema: the name `--schema` takes, and the system it describes.
";

pub const SCHEMA_USAGE: &str = "\
preflight schema export — a JSON Schema of a preflight schema

USAGE:
    preflight schema export NAME|PATH [--output FILE]

    Writes a JSON Schema (draft 2020-12) of a built-in schema or a schema file, for YAML and
    JSON configs: its structure, types, enums, bounds, required fields, unknown keys,
    descriptions, deprecated (renamed) keys, and each field's kind as `x-preflight-kind`.
    Editors complete keys from it (yaml-language-server, VS Code); what JSON Schema cannot
    express (secret strength, origins, WebAuthn, SMTP TLS, …) stays preflight's.

OPTIONS:
    --output FILE    write it to FILE instead of standard output
";

pub const INIT_USAGE: &str = "\\
preflight init — a schema inferred from a config

USAGE:
    preflight init FILE [--output FILE]

    Reads FILE (env, YAML or JSON), infers each value's kind from its name and value, and
    writes a commented YAML schema: why each kind was chosen, the relations (SMTP blocks,
    distinct secrets), and `required: production` left for you to mark. `preflight check FILE
    --schema schema.yaml` then gives what `--schema auto` gives. docs/auto.md has the rules.

OPTIONS:
    --output FILE    write it to FILE instead of standard output
";

pub const LSP_USAGE: &str = "\
preflight lsp — a language server

USAGE:
    preflight lsp

    Speaks the Language Server Protocol over standard input and output: diagnostics as you
    type, hover, quick fixes and key completion. A document's schema comes from the [[check]]
    entry of preflight.toml that covers it, or a first-line modeline
    `# preflight: schema=synctv profile=production`. The npm package's bin has no server.
";

/// The report formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
    Github,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckArgs {
    pub files: Vec<String>,
    pub schema: Option<String>,
    pub profile: Option<Profile>,
    pub format: OutputFormat,
    pub input: Option<Format>,
    pub strict: bool,
    pub allow_placeholders: bool,
    pub allow_dev_defaults: bool,
    pub output_file: Option<String>,
    pub color: Color,
    pub quiet: bool,
    pub config: Option<String>,
    pub no_config: bool,
    pub service: Option<String>,
    pub trust_env_files: bool,
    pub select: Option<String>,
}

impl Default for CheckArgs {
    fn default() -> Self {
        CheckArgs {
            files: Vec::new(),
            schema: None,
            profile: None,
            format: OutputFormat::Human,
            input: None,
            strict: false,
            allow_placeholders: false,
            allow_dev_defaults: false,
            output_file: None,
            color: Color::Auto,
            quiet: false,
            config: None,
            no_config: false,
            service: None,
            trust_env_files: false,
            select: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Check(CheckArgs),
    Explain(String),
    Schemas,
    /// `schema export NAME|PATH [--output FILE]`.
    SchemaExport {
        schema: String,
        output: Option<String>,
    },
    /// `init FILE [--output FILE]`.
    Init {
        file: String,
        output: Option<String>,
    },
    /// `lsp`: the Rust binary runs the server; `run` says it is not here.
    Lsp,
    /// A help text to print.
    Help(&'static str),
    Version,
}

/// A usage mistake: the message and the help text of the command it was made in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    pub message: String,
    pub usage: &'static str,
}

const COMMANDS: [&str; 7] = [
    "check", "explain", "schemas", "schema", "init", "lsp", "help",
];

const CHECK_FLAGS: [&str; 17] = [
    "--select",
    "--service",
    "--trust-env-files",
    "--schema",
    "--profile",
    "--format",
    "--input",
    "--strict",
    "--allow-placeholders",
    "--allow-dev-defaults",
    "--output-file",
    "--color",
    "--quiet",
    "--config",
    "--no-config",
    "--help",
    "--version",
];

/// Reads the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let top = |message: String| UsageError {
        message,
        usage: USAGE,
    };
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Help(USAGE));
    };
    let wants_help = rest.iter().any(|a| a == "-h" || a == "--help");
    match command.as_str() {
        "-h" | "--help" => Ok(Command::Help(USAGE)),
        "-V" | "--version" => Ok(Command::Version),
        "help" => match rest.first().map(String::as_str) {
            None => Ok(Command::Help(USAGE)),
            Some(name) => usage_of(name)
                .map(Command::Help)
                .ok_or_else(|| top(unknown("command", name, COMMANDS.iter().copied()))),
        },
        "check" if wants_help => Ok(Command::Help(CHECK_USAGE)),
        "explain" if wants_help => Ok(Command::Help(EXPLAIN_USAGE)),
        "schemas" if wants_help => Ok(Command::Help(SCHEMAS_USAGE)),
        "schema" if wants_help => Ok(Command::Help(SCHEMA_USAGE)),
        "lsp" if wants_help => Ok(Command::Help(LSP_USAGE)),
        "init" if wants_help => Ok(Command::Help(INIT_USAGE)),
        "init" => parse_init(rest),
        "lsp" if rest.is_empty() => Ok(Command::Lsp),
        "lsp" => Err(UsageError {
            message: format!("`lsp` takes no arguments (got `{}`)", rest[0]),
            usage: LSP_USAGE,
        }),
        "schema" => parse_schema(rest),
        "check" => parse_check(rest).map(Command::Check),
        "explain" => match rest {
            [code] if !code.starts_with('-') => Ok(Command::Explain(code.clone())),
            _ => Err(UsageError {
                message: "`explain` takes one code, e.g. `preflight explain url/local-host`".into(),
                usage: EXPLAIN_USAGE,
            }),
        },
        "schemas" if rest.is_empty() => Ok(Command::Schemas),
        "schemas" => Err(UsageError {
            message: format!("`schemas` takes no arguments (got `{}`)", rest[0]),
            usage: SCHEMAS_USAGE,
        }),
        other => Err(top(unknown("command", other, COMMANDS.iter().copied()))),
    }
}

fn usage_of(command: &str) -> Option<&'static str> {
    match command {
        "check" => Some(CHECK_USAGE),
        "explain" => Some(EXPLAIN_USAGE),
        "schemas" => Some(SCHEMAS_USAGE),
        "schema" => Some(SCHEMA_USAGE),
        "lsp" => Some(LSP_USAGE),
        "init" => Some(INIT_USAGE),
        "help" => Some(USAGE),
        _ => None,
    }
}

/// "unknown option `--colour` (did you mean `--color`?)"
fn unknown<'a>(what: &str, given: &str, known: impl Iterator<Item = &'a str>) -> String {
    let hint = crate::suggest::nearest(given, known)
        .map(|k| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default();
    format!("unknown {what} `{given}`{hint}")
}

fn parse_init(args: &[String]) -> Result<Command, UsageError> {
    let error = |message: String| UsageError {
        message,
        usage: INIT_USAGE,
    };
    let (mut file, mut output) = (None, None);
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        match arg.split_once('=') {
            Some(("--output", value)) => output = Some(value.to_string()),
            _ if arg == "--output" => {
                output = Some(
                    args.get(i)
                        .cloned()
                        .ok_or_else(|| error("`--output` needs a value".into()))?,
                );
                i += 1;
            }
            _ if arg.starts_with('-') && arg != "-" => {
                return Err(error(unknown(
                    "option",
                    arg,
                    ["--output", "--help"].into_iter(),
                )))
            }
            _ if file.is_none() => file = Some(arg.clone()),
            _ => return Err(error(format!("`init` takes one FILE (got `{arg}` too)"))),
        }
    }
    let file = file.ok_or_else(|| error("`init` needs the FILE to infer a schema from".into()))?;
    Ok(Command::Init { file, output })
}

fn parse_schema(args: &[String]) -> Result<Command, UsageError> {
    let error = |message: String| UsageError {
        message,
        usage: SCHEMA_USAGE,
    };
    let Some((sub, rest)) = args.split_first() else {
        return Err(error(
            "`schema` needs a subcommand: `schema export NAME|PATH`".into(),
        ));
    };
    if sub != "export" {
        return Err(error(unknown("subcommand", sub, ["export"].into_iter())));
    }
    let (mut schema, mut output) = (None, None);
    let mut i = 0;
    while i < rest.len() {
        let arg = &rest[i];
        i += 1;
        match arg.split_once('=') {
            Some(("--output", value)) => output = Some(value.to_string()),
            _ if arg == "--output" => {
                output = Some(
                    rest.get(i)
                        .cloned()
                        .ok_or_else(|| error("`--output` needs a value".into()))?,
                );
                i += 1;
            }
            _ if arg.starts_with('-') => {
                return Err(error(unknown(
                    "option",
                    arg,
                    ["--output", "--help"].into_iter(),
                )))
            }
            _ if schema.is_none() => schema = Some(arg.clone()),
            _ => {
                return Err(error(format!(
                    "`schema export` takes one schema (got `{arg}` too)"
                )))
            }
        }
    }
    let schema = schema.ok_or_else(|| error("`schema export` needs NAME|PATH".into()))?;
    Ok(Command::SchemaExport { schema, output })
}

fn parse_check(args: &[String]) -> Result<CheckArgs, UsageError> {
    let error = |message: String| UsageError {
        message,
        usage: CHECK_USAGE,
    };
    let mut out = CheckArgs::default();
    let mut only_files = false;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if only_files || arg == "-" || !arg.starts_with('-') {
            out.files.push(arg.clone());
            continue;
        }
        if arg == "--" {
            only_files = true;
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let takes_value = matches!(
            flag,
            "--schema"
                | "--profile"
                | "--format"
                | "--input"
                | "--output-file"
                | "--color"
                | "--config"
                | "--service"
                | "--select"
        );
        let value = if takes_value {
            match inline {
                Some(v) => v,
                None => {
                    let v = args
                        .get(i)
                        .cloned()
                        .ok_or_else(|| error(format!("`{flag}` needs a value")))?;
                    i += 1;
                    v
                }
            }
        } else {
            if inline.is_some() {
                return Err(error(format!("`{flag}` takes no value")));
            }
            String::new()
        };
        match flag {
            "--schema" => out.schema = Some(value),
            "--profile" => out.profile = Some(value.parse().map_err(error)?),
            "--format" => {
                out.format = match value.as_str() {
                    "human" => OutputFormat::Human,
                    "json" => OutputFormat::Json,
                    "github" => OutputFormat::Github,
                    "sarif" => OutputFormat::Sarif,
                    other => {
                        return Err(error(format!(
                        "unknown output format `{other}` (expected human, json, github or sarif)"
                    )))
                    }
                }
            }
            "--input" => out.input = Some(value.parse().map_err(error)?),
            "--output-file" => out.output_file = Some(value),
            "--color" => {
                out.color = match value.as_str() {
                    "auto" => Color::Auto,
                    "always" => Color::Always,
                    "never" => Color::Never,
                    other => {
                        return Err(error(format!(
                            "unknown color choice `{other}` (expected auto, always or never)"
                        )))
                    }
                }
            }
            "--config" => out.config = Some(value),
            "--service" => out.service = Some(value),
            "--select" => out.select = Some(value),
            "--trust-env-files" => out.trust_env_files = true,
            "--strict" => out.strict = true,
            "--allow-placeholders" => out.allow_placeholders = true,
            "--allow-dev-defaults" => out.allow_dev_defaults = true,
            "--quiet" | "-q" => out.quiet = true,
            "--no-config" => out.no_config = true,
            other => return Err(error(unknown("option", other, CHECK_FLAGS.iter().copied()))),
        }
    }
    if out.config.is_some() && out.no_config {
        return Err(error(
            "`--config` and `--no-config` contradict each other".into(),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn check(s: &str) -> CheckArgs {
        match parse(&args(s)) {
            Ok(Command::Check(c)) => c,
            other => panic!("{other:?}"),
        }
    }

    fn message(s: &str) -> String {
        parse(&args(s)).unwrap_err().message
    }

    #[test]
    fn parses_check_with_every_flag() {
        let c = check("check a.yaml b.env --schema=demo --profile development --format sarif --input env --strict --allow-placeholders --allow-dev-defaults --output-file out.sarif --color=never --quiet --config ci/preflight.toml");
        assert_eq!(c.files, ["a.yaml", "b.env"]);
        assert_eq!(c.schema.as_deref(), Some("demo"));
        assert_eq!(c.profile, Some(Profile::Development));
        assert_eq!(c.format, OutputFormat::Sarif);
        assert_eq!(c.input, Some(Format::Env));
        assert!(c.strict && c.allow_placeholders && c.allow_dev_defaults && c.quiet);
        assert_eq!(c.output_file.as_deref(), Some("out.sarif"));
        assert_eq!(c.color, Color::Never);
        assert_eq!(c.config.as_deref(), Some("ci/preflight.toml"));
        assert_eq!(check("check").files, Vec::<String>::new());
        assert_eq!(check("check -- --odd-name.env").files, ["--odd-name.env"]);
        assert_eq!(check("check - --schema demo").files, ["-"]);
    }

    #[test]
    fn help_per_command_and_version() {
        assert_eq!(parse(&args("check --help")), Ok(Command::Help(CHECK_USAGE)));
        assert_eq!(
            parse(&args("help explain")),
            Ok(Command::Help(EXPLAIN_USAGE))
        );
        assert_eq!(parse(&args("schemas -h")), Ok(Command::Help(SCHEMAS_USAGE)));
        assert_eq!(parse(&args("")), Ok(Command::Help(USAGE)));
        assert_eq!(parse(&args("--version")), Ok(Command::Version));
    }

    #[test]
    fn mistakes_say_what_was_meant() {
        assert_eq!(
            message("check a --colour never"),
            "unknown option `--colour` (did you mean `--color`?)"
        );
        assert_eq!(
            message("chek a"),
            "unknown command `chek` (did you mean `check`?)"
        );
        assert_eq!(
            message("check a --frobnicate"),
            "unknown option `--frobnicate`"
        );
        assert!(message("check a --profile staging").contains("staging"));
        assert_eq!(message("check a --schema"), "`--schema` needs a value");
        assert_eq!(message("check a --strict=yes"), "`--strict` takes no value");
        assert!(message("check a --format xml").contains("sarif"));
        assert!(message("check --config a --no-config").contains("contradict"));
        assert_eq!(parse(&args("check --nope")).unwrap_err().usage, CHECK_USAGE);
        assert_eq!(
            parse(&args("explain url/local-host")),
            Ok(Command::Explain("url/local-host".into()))
        );
    }
}
