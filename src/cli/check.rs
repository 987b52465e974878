//! `preflight check`: which files, with which settings (the command line over
//! `preflight.toml`), then one report per file, rendered in the asked format.

use super::args::CheckArgs;
use super::host::{Contents, EntryKind, Host};
use super::output::{self, Checked};
use super::paths;
use super::project::{self, looks_like_path, Project, Settings};
use super::walk;
use crate::diagnostic::Family;
use crate::document::Document;
use crate::engine::{Checker, Source};
use crate::input::Format;
use crate::report::Report;
use crate::schema::Schema;
use crate::{builtin, Error};

/// What a check printed: the report text (or nothing, with `--output-file`) and the
/// warnings and notes for standard error.
#[derive(Debug, Default)]
pub(super) struct Printed {
    pub stdout: String,
    pub stderr: String,
    pub any_errors: bool,
}

/// One file to check, and how.
struct Job {
    /// How messages name it: as given on the command line, or relative to the working
    /// directory when a glob found it.
    shown: String,
    /// Absolute; `None` for standard input.
    path: Option<String>,
    settings: Settings,
}

/// The project file is small; anything larger than this is not one.
const MAX_PROJECT_BYTES: usize = 1 << 20;

pub(super) fn run(args: &CheckArgs, host: &dyn Host) -> Result<Printed, String> {
    let cwd = paths::normalize(&host.current_dir());
    let mut printed = Printed::default();
    let project = load_project(args, host, &cwd)?;
    let jobs = plan(args, host, &cwd, project.as_ref(), &mut printed.stderr)?;

    let mut schemas: Vec<(String, Schema)> = Vec::new();
    let mut checked: Vec<Checked> = Vec::with_capacity(jobs.len());
    let several = jobs.len() > 1;
    for job in jobs {
        let spec = job.settings.schema.clone().ok_or_else(|| {
            format!(
                "`{}` has no schema: give `--schema NAME|PATH`, or `schema` in preflight.toml",
                job.shown
            )
        })?;
        let index = match schemas.iter().position(|(s, _)| *s == spec) {
            Some(i) => i,
            None => {
                schemas.push((spec.clone(), load_schema(&spec, host, &cwd)?));
                schemas.len() - 1
            }
        };
        let schema = &schemas[index].1;
        let (text, mut report) = check_one(&job, schema, host)?;
        if several {
            report.file = Some(job.shown.clone());
        }
        printed.any_errors |= report.has_errors();
        checked.push(Checked {
            shown: job.shown,
            path: job.path,
            text,
            report,
        });
    }

    let root = project.as_ref().map_or(cwd.as_str(), |p| p.dir.as_str());
    let text = output::render(args, &checked, root, host);
    match &args.output_file {
        Some(file) => {
            let path = paths::absolute(&cwd, file);
            host.write(&path, &text)
                .map_err(|e| format!("cannot write `{file}`: {e}"))?;
        }
        None => printed.stdout = text,
    }
    Ok(printed)
}

fn load_project(args: &CheckArgs, host: &dyn Host, cwd: &str) -> Result<Option<Project>, String> {
    if args.no_config {
        return Ok(None);
    }
    let path = match &args.config {
        Some(path) => paths::absolute(cwd, path),
        None => match project::discover(host, cwd) {
            Some(path) => path,
            None => return Ok(None),
        },
    };
    read_project(host, &path, cwd).map(Some)
}

/// Reads the project file at `path` (absolute); a mistake is its place and message, the file
/// named relative to `cwd`.
pub(super) fn read_project(host: &dyn Host, path: &str, cwd: &str) -> Result<Project, String> {
    let shown = paths::relative(cwd, path);
    let text = read_text(host, path, &shown, MAX_PROJECT_BYTES)?
        .within_limit()
        .ok_or_else(|| format!("`{shown}` is larger than {MAX_PROJECT_BYTES} bytes"))?;
    project::parse(path, &text)
        .map_err(|e| format!("{shown}:{}:{}: {}", e.line, e.column, e.message))
}

/// The files to check and the settings of each, in order.
fn plan(
    args: &CheckArgs,
    host: &dyn Host,
    cwd: &str,
    project: Option<&Project>,
    stderr: &mut String,
) -> Result<Vec<Job>, String> {
    let flags = flag_settings(args, cwd);
    let with_flags = |settings: Settings| {
        let mut merged = flags.over(&settings);
        if let (Some(flagged), Some(set)) = (&flags.allow, &settings.allow) {
            let mut both = set.clone();
            both.extend(flagged.iter().filter(|f| !set.contains(f)));
            merged.allow = Some(both);
        }
        merged
    };
    let mut jobs = Vec::new();
    if args.files.is_empty() {
        let Some(project) = project else {
            return Err(format!(
                "`check` needs a FILE, or a preflight.toml that names the files \
                 (none in `{cwd}` or a directory above it)"
            ));
        };
        let shown_toml = paths::relative(cwd, &project.path);
        let mut seen: Vec<String> = Vec::new();
        let mut budget = walk::MAX_WALKED;
        for check in &project.checks {
            let settings = with_flags(check.settings.over(&project.defaults));
            for file in &check.files {
                let found = walk::expand(host, &project.dir, &file.glob, &mut budget);
                if found.is_empty() {
                    stderr.push_str(&format!(
                        "preflight: warning: {shown_toml}:{}: `{}` matches no file\n",
                        file.line,
                        file.glob.as_str()
                    ));
                }
                for path in found {
                    if seen.contains(&path) {
                        continue;
                    }
                    seen.push(path.clone());
                    jobs.push(Job {
                        shown: paths::relative(cwd, &path),
                        path: Some(path),
                        settings: settings.clone(),
                    });
                }
            }
        }
        if budget == 0 {
            stderr.push_str(&format!(
                "preflight: warning: the globs of {shown_toml} looked at {} entries; \
                 the rest of the tree was not searched\n",
                walk::MAX_WALKED
            ));
        }
        return Ok(jobs);
    }
    let mut skipped = Vec::new();
    for file in &args.files {
        let path = (file != "-").then(|| paths::absolute(cwd, file));
        let entry = project
            .zip(path.as_deref())
            .and_then(|(p, path)| p.entry_for(path));
        let settings = match entry {
            Some((_, settings)) => with_flags(settings),
            None if flags.schema.is_some() || project.is_none() => {
                with_flags(project.map(|p| p.defaults.clone()).unwrap_or_default())
            }
            None => {
                skipped.push(file.as_str());
                continue;
            }
        };
        if settings.schema.is_none() {
            return Err(
                "`check` needs `--schema NAME|PATH`, or a preflight.toml whose \
                        [[check]] covers the file"
                    .into(),
            );
        }
        jobs.push(Job {
            shown: file.clone(),
            path,
            settings,
        });
    }
    if !skipped.is_empty() && !args.quiet {
        let shown_toml = project.map_or_else(String::new, |p| paths::relative(cwd, &p.path));
        let listed: Vec<&str> = skipped.iter().take(5).copied().collect();
        let more = match skipped.len().saturating_sub(5) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        stderr.push_str(&format!(
            "preflight: skipped {} no [[check]] of {shown_toml} covers: {}{more}\n",
            if skipped.len() == 1 {
                "1 file".to_string()
            } else {
                format!("{} files", skipped.len())
            },
            listed.join(", ")
        ));
    }
    Ok(jobs)
}

/// The settings the command line gives: `None` where a flag is absent, so the project file's
/// value holds. `--strict` and `--allow-*` only add.
fn flag_settings(args: &CheckArgs, cwd: &str) -> Settings {
    let mut allow = Vec::new();
    if args.allow_placeholders {
        allow.push(Family::Placeholders);
    }
    if args.allow_dev_defaults {
        allow.push(Family::DevDefaults);
    }
    Settings {
        schema: args
            .schema
            .as_deref()
            .map(|s| project::absolute_spec(cwd, s)),
        profile: args.profile,
        format: args.input,
        strict: args.strict.then_some(true),
        allow: (!allow.is_empty()).then_some(allow),
    }
}

/// A built-in name, or a path (absolute) to a YAML or JSON schema file.
pub(super) fn load_schema(spec: &str, host: &dyn Host, cwd: &str) -> Result<Schema, String> {
    let path = if looks_like_path(spec) {
        spec.to_string()
    } else {
        if builtin::source(spec).is_some() {
            return builtin::get(spec).map_err(|e| e.to_string());
        }
        let path = paths::absolute(cwd, spec);
        if host.kind(&path) != Some(EntryKind::File) {
            return Err(Error::UnknownSchema(spec.to_string()).to_string());
        }
        path
    };
    let shown = paths::relative(cwd, &path);
    let limit = crate::input::Limits::DEFAULT.max_bytes;
    let text = read_text(host, &path, &shown, limit)
        .map_err(|e| e.replacen("cannot read `", "cannot read schema `", 1))?
        .within_limit()
        .ok_or_else(|| format!("schema `{shown}` is larger than {limit} bytes"))?;
    Schema::from_source(&text, Some(&shown)).map_err(|e| format!("{shown}: {e}"))
}

/// A file's text, or that it is over the limit (with its length when the host knows it).
enum Text {
    Read(String),
    TooLarge(Option<u64>),
}

impl Text {
    fn within_limit(self) -> Option<String> {
        match self {
            Text::Read(text) => Some(text),
            Text::TooLarge(_) => None,
        }
    }
}

fn read_text(host: &dyn Host, path: &str, shown: &str, max: usize) -> Result<Text, String> {
    let name = if path == "-" { "standard input" } else { shown };
    match host.read(path, max) {
        Ok(Contents::Bytes(bytes)) if bytes.len() <= max => {
            String::from_utf8(bytes).map(Text::Read).map_err(|e| {
                format!(
                    "`{name}` is not UTF-8 text (first bad byte at offset {})",
                    e.utf8_error().valid_up_to()
                )
            })
        }
        Ok(Contents::Bytes(_)) => Ok(Text::TooLarge(None)),
        Ok(Contents::TooLarge(len)) => Ok(Text::TooLarge(len)),
        Err(e) => Err(format!("cannot read `{name}`: {e}")),
    }
}

/// Checks one file: its text (empty when it was too large to read) and report.
fn check_one(job: &Job, schema: &Schema, host: &dyn Host) -> Result<(String, Report), String> {
    let options = job.settings.options();
    let checker = Checker::new(schema, options);
    let limits = checker.options().limits;
    let name = job.path.as_deref().unwrap_or("-");
    let format = job
        .settings
        .format
        .or_else(|| job.path.as_deref().and_then(Format::from_file_name))
        .unwrap_or(schema.format());
    match read_text(host, name, &job.shown, limits.max_bytes)? {
        Text::Read(text) => {
            let report = checker.check(Source::Text {
                text: &text,
                format: Some(format),
            });
            Ok((text, report))
        }
        Text::TooLarge(len) => {
            let len = len.and_then(|l| usize::try_from(l).ok());
            let document = Document::too_large(len, format, &limits);
            Ok((String::new(), checker.check_document(&document)))
        }
    }
}
