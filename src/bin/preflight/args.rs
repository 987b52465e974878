//! Command-line arguments, exactly as DESIGN.md gives them.

use preflight::{Format, Profile};

pub const USAGE: &str = "\
preflight — check a service's configuration before it reaches production

USAGE:
    preflight check FILE... --schema NAME|PATH [OPTIONS]
    preflight explain CODE
    preflight schemas

CHECK OPTIONS:
    --schema NAME|PATH      a built-in schema (see `preflight schemas`) or a schema file
    --profile PROFILE       production (default) or development
    --format FORMAT         human (default), json, or github (workflow annotations)
    --input FORMAT          read every FILE as yaml, json or env (default: from the file name)
    --strict                unknown keys are errors
    --allow-placeholders    do not report placeholders (check an example file itself)
    --allow-dev-defaults    do not report development defaults, local hosts, plain HTTP
    FILE may be `-` for standard input.

EXIT STATUS:
    0  no errors (warnings allowed)
    1  errors found
    2  the command could not run (bad arguments, unreadable file, invalid schema)
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
    Github,
}

#[derive(Debug, PartialEq)]
pub struct CheckArgs {
    pub files: Vec<String>,
    pub schema: String,
    pub profile: Profile,
    pub format: OutputFormat,
    pub input: Option<Format>,
    pub strict: bool,
    pub allow_placeholders: bool,
    pub allow_dev_defaults: bool,
}

#[derive(Debug, PartialEq)]
pub enum Command {
    Check(CheckArgs),
    Explain(String),
    Schemas,
    Help,
    Version,
}

/// Reads the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err("no command given".into());
    };
    match command.as_str() {
        "check" => parse_check(rest).map(Command::Check),
        "explain" => match rest {
            [code] => Ok(Command::Explain(code.clone())),
            _ => Err("`explain` takes one code, e.g. `preflight explain url/local-host`".into()),
        },
        "schemas" if rest.is_empty() => Ok(Command::Schemas),
        "schemas" => Err("`schemas` takes no arguments".into()),
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        other => Err(format!("unknown command `{other}`")),
    }
}

fn parse_check(args: &[String]) -> Result<CheckArgs, String> {
    let mut files = Vec::new();
    let mut schema = None;
    let mut profile = Profile::Production;
    let mut format = OutputFormat::Human;
    let mut input = None;
    let mut strict = false;
    let mut allow_placeholders = false;
    let mut allow_dev_defaults = false;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| format!("`{name}` needs a value"))
        };
        match flag {
            "--schema" => schema = Some(value("--schema")?),
            "--profile" => profile = value("--profile")?.parse()?,
            "--format" => {
                format = match value("--format")?.as_str() {
                    "human" => OutputFormat::Human,
                    "json" => OutputFormat::Json,
                    "github" => OutputFormat::Github,
                    other => {
                        return Err(format!(
                            "unknown output format `{other}` (expected human, json or github)"
                        ))
                    }
                }
            }
            "--input" => input = Some(value("--input")?.parse()?),
            "--strict" => strict = true,
            "--allow-placeholders" => allow_placeholders = true,
            "--allow-dev-defaults" => allow_dev_defaults = true,
            "-" => files.push(arg.clone()),
            f if f.starts_with('-') => return Err(format!("unknown option `{f}`")),
            _ => files.push(arg.clone()),
        }
        i += 1;
    }
    if files.is_empty() {
        return Err("`check` needs at least one FILE".into());
    }
    let schema = schema.ok_or("`check` needs `--schema NAME|PATH`")?;
    Ok(CheckArgs {
        files,
        schema,
        profile,
        format,
        input,
        strict,
        allow_placeholders,
        allow_dev_defaults,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_check_with_every_flag() {
        let Command::Check(c) = parse(&args("check a.yaml b.env --schema=demo --profile development --format json --input env --strict --allow-placeholders --allow-dev-defaults")).unwrap() else {
            panic!()
        };
        assert!(c.allow_placeholders && c.allow_dev_defaults);
        assert_eq!(c.files, ["a.yaml", "b.env"]);
        assert_eq!(c.schema, "demo");
        assert_eq!(c.profile, Profile::Development);
        assert_eq!(c.format, OutputFormat::Json);
        assert_eq!(c.input, Some(Format::Env));
        assert!(c.strict);
    }

    #[test]
    fn rejects_what_it_does_not_know() {
        assert!(parse(&args("check a.yaml"))
            .unwrap_err()
            .contains("--schema"));
        assert!(parse(&args("check --schema demo"))
            .unwrap_err()
            .contains("FILE"));
        assert!(parse(&args("check a --schema demo --profile staging"))
            .unwrap_err()
            .contains("staging"));
        assert!(parse(&args("check a --schema demo --colour"))
            .unwrap_err()
            .contains("--colour"));
        assert!(parse(&args("check a --schema"))
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse(&args("frobnicate")).is_err());
        assert_eq!(
            parse(&args("explain url/local-host")).unwrap(),
            Command::Explain("url/local-host".into())
        );
    }
}
