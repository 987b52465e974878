//! `preflight check`: which files, with which settings (the command line over
//! `preflight.toml`), then one report per file, rendered in the asked format.

use super::args::CheckArgs;
use super::compose;
use super::host::Host;
use super::output::{self, Checked};
use super::paths;
use super::project::{self, Project, Settings};
use super::read::{no_schema, read_text, read_whole, Schemas, Text};
use super::walk;
use crate::diagnostic::Family;
use crate::document::Document;
use crate::engine::{Checker, Source};
use crate::input::Format;
use crate::report::Report;
use crate::schema::Schema;

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

    let mut schemas = Schemas::default();
    let mut checked: Vec<Checked> = Vec::with_capacity(jobs.len());
    let root = project.as_ref().map_or(cwd.as_str(), |p| p.dir.as_str());
    for job in jobs {
        if compose::is_compose(&job.settings, job.path.as_deref()) {
            let context = compose::Context {
                host,
                cwd: &cwd,
                root,
                trust_env_files: args.trust_env_files,
            };
            checked.extend(compose::check(
                &job.shown,
                job.path.as_deref(),
                &job.settings,
                &mut schemas,
                &context,
            )?);
            continue;
        }
        let spec = job
            .settings
            .schema
            .clone()
            .ok_or_else(|| no_schema(&job.shown))?;
        if spec == "auto" {
            let (text, report) = check_auto(&job, host)?;
            checked.push(Checked {
                shown: job.shown,
                path: job.path,
                text,
                report,
            });
            continue;
        }
        let schema = schemas.get(&spec, host, &cwd)?;
        let (text, report) = match &job.settings.select {
            Some(select) => check_object(&job, select, schema, host)?,
            None => check_one(&job, schema, host)?,
        };
        checked.push(Checked {
            shown: job.shown,
            path: job.path,
            text,
            report,
        });
    }
    if checked.len() > 1 {
        for c in &mut checked {
            c.report.file = Some(c.shown.clone());
        }
    }
    printed.any_errors = checked.iter().any(|c| c.report.has_errors());

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
    let text = read_whole(host, path, &shown, MAX_PROJECT_BYTES)?;
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
        // A compose file's services may name their schemas (`x-preflight`).
        if settings.schema.is_none() && !compose::is_compose(&settings, path.as_deref()) {
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
        service: args.service.clone(),
        select: args.select.clone(),
    }
}

/// Checks the config of one Kubernetes object of a manifest (`--select kind/name`).
fn check_object(
    job: &Job,
    select: &str,
    schema: &Schema,
    host: &dyn Host,
) -> Result<(String, Report), String> {
    let limits = crate::input::Limits::DEFAULT;
    let name = job.path.as_deref().unwrap_or("-");
    let text = read_whole(host, name, &job.shown, limits.max_bytes)?;
    let report = Checker::new(schema, job.settings.options())
        .check_object(&text, select)
        .map_err(|e| format!("{}: {e}", job.shown))?;
    Ok((text, report))
}

/// Checks one file with the schema inferred from it (`--schema auto`).
fn check_auto(job: &Job, host: &dyn Host) -> Result<(String, Report), String> {
    let limits = crate::input::Limits::DEFAULT;
    let name = job.path.as_deref().unwrap_or("-");
    let text = read_whole(host, name, &job.shown, limits.max_bytes)?;
    let format = job
        .settings
        .format
        .or_else(|| job.path.as_deref().and_then(Format::from_file_name))
        .unwrap_or_else(|| crate::schema::infer::sniff_format(&job.shown, &text));
    let document = Document::parse(&text, format, &limits);
    let schema = Schema::auto(&document, "auto")
        .map_err(|e| format!("`{}`: the inferred schema does not compile: {e}", job.shown))?;
    let report = Checker::new(&schema, job.settings.options()).check_document(&document);
    Ok((text, report))
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
