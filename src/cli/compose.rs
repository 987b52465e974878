//! `preflight check compose.yml --service NAME`: a compose service's effective environment
//! (document::compose merges it), with each finding in the file that set the value — the
//! compose file's line, or the env file's.
//!
//! A compose file is input, and input can be hostile: an `env_file:` is read only inside the
//! project (the directory tree of preflight.toml, or of the compose file without one), never
//! `/etc/shadow` or `../../` (`compose/env-file-outside`), unless `--trust-env-files`.

use super::host::{Host, HostError};
use super::output::Checked;
use super::paths;
use super::project::Settings;
use super::read::{decode, no_schema, read_whole, Schemas, Text};
use crate::diagnostic::{codes, Finding};
use crate::document::compose::{self, Service};
use crate::document::{Document, Value};
use crate::engine::Checker;
use crate::input::{Format, Limits};
use crate::span::Span;

/// Where a run is: its machine, working directory and project root.
pub(super) struct Context<'a> {
    pub host: &'a dyn Host,
    pub cwd: &'a str,
    /// Env files are read below this directory only.
    pub root: &'a str,
    pub trust_env_files: bool,
}

/// A compose file by its settings (`service` set) or its name: `compose.yaml`,
/// `docker-compose.yml`, `docker-compose.prod.yml`, `x.compose.yml`.
pub(super) fn is_compose(settings: &Settings, path: Option<&str>) -> bool {
    if settings.service.is_some() {
        return true;
    }
    let Some(name) = path.and_then(|p| p.rsplit('/').next()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    let yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    yaml && (name.starts_with("compose.")
        || name.starts_with("docker-compose")
        || name.contains(".compose."))
}

/// Checks the selected services of the compose file `shown` (at `path`): the service the
/// settings name, or every service with `x-preflight: { schema }`.
pub(super) fn check(
    shown: &str,
    path: Option<&str>,
    settings: &Settings,
    schemas: &mut Schemas,
    cx: &Context<'_>,
) -> Result<Vec<Checked>, String> {
    let path = path.ok_or("a compose file cannot be read from standard input")?;
    let limits = Limits::DEFAULT;
    let text = read_whole(cx.host, path, shown, limits.max_bytes)?;
    let document = Document::parse(&text, Format::Yaml, &limits);
    if document.failed() {
        return Ok(vec![unreadable(
            shown, path, text, &document, settings, schemas, cx,
        )?]);
    }
    let services = compose::services(&document, &text);
    let names = || {
        services
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let selected: Vec<&Service> = match &settings.service {
        Some(name) => vec![services.iter().find(|s| s.name == *name).ok_or_else(|| {
            format!(
                "`{shown}` has no service `{name}` (its services: {})",
                names()
            )
        })?],
        None => services.iter().filter(|s| s.schema.is_some()).collect(),
    };
    if selected.is_empty() {
        return Err(format!(
            "`{shown}` is a compose file: name its service with `--service NAME`, `service` in \
             preflight.toml, or `x-preflight: {{ schema: NAME }}` on the service (its services: {})",
            names()
        ));
    }
    let dir = paths::parent(path).to_string();
    let mut out = Vec::new();
    for service in selected {
        let spec = settings
            .schema
            .clone()
            .or_else(|| {
                service
                    .schema
                    .as_ref()
                    .map(|s| super::project::absolute_spec(&dir, s))
            })
            .ok_or_else(|| no_schema(&format!("{shown} (service {})", service.name)))?;
        let schema = schemas.get(&spec, cx.host, cx.cwd)?;
        out.extend(check_service(
            shown, path, &text, &document, service, &dir, schema, settings, cx,
        )?);
    }
    Ok(out)
}

/// The report on a compose file that does not parse, which names no service: its syntax
/// error, checked with the schema `--schema` names, or with none when the services would
/// have named theirs (`x-preflight`).
fn unreadable(
    shown: &str,
    path: &str,
    text: String,
    document: &Document,
    settings: &Settings,
    schemas: &mut Schemas,
    cx: &Context<'_>,
) -> Result<Checked, String> {
    let report = match &settings.schema {
        Some(spec) => Checker::new(schemas.get(spec, cx.host, cx.cwd)?, settings.options())
            .check_document(document),
        None => {
            let none = crate::schema::Schema::from_yaml("schema: compose\nformat: yaml\n")
                .map_err(|e| e.to_string())?;
            Checker::new(&none, settings.options()).check_document(document)
        }
    };
    Ok(Checked {
        shown: shown.to_string(),
        path: Some(path.to_string()),
        text,
        report,
    })
}

/// Put between an env file's path and the pointer of its own parse findings while they go
/// through the check with the merged document, so the split puts them back in that file. A
/// NUL is in no pointer the front-ends make (YAML refuses it, env names hold none).
const TAG: char = '\0';

/// One env file of a service as read: its path, how messages name it, its text and document.
struct Read {
    path: String,
    shown: String,
    text: String,
    document: Document,
}

#[allow(clippy::too_many_arguments)]
fn check_service(
    shown: &str,
    path: &str,
    text: &str,
    document: &Document,
    service: &Service,
    dir: &str,
    schema: &crate::schema::Schema,
    settings: &Settings,
    cx: &Context<'_>,
) -> Result<Vec<Checked>, String> {
    let limits = Limits::DEFAULT;
    let mut problems = Vec::new();
    let mut read: Vec<Option<Read>> = Vec::with_capacity(service.env_files.len());
    for (i, file) in service.env_files.iter().enumerate() {
        let at = format!(
            "/services/{}/env_file/{i}",
            crate::pointer::escape(&service.name)
        );
        let target = paths::absolute(dir, &file.path);
        if !cx.trust_env_files && paths::inside(cx.root, &target).is_none() {
            problems.push(Finding::new(
                &codes::COMPOSE_ENV_FILE_OUTSIDE,
                at,
                file.span,
                format!("`{}` is outside the project, so it was not read", file.path),
                Some(format!(
                    "check it on its own (`preflight check {} --schema …`), or pass --trust-env-files for a compose file you trust",
                    file.path
                )),
            ));
            read.push(None);
            continue;
        }
        let file_shown = paths::relative(cx.cwd, &target);
        let missing = |e: &dyn std::fmt::Display| {
            Finding::new(
                &codes::COMPOSE_ENV_FILE_MISSING,
                at.clone(),
                file.span,
                format!("`{}` cannot be read: {e}", file.path),
                Some("create it, fix the path, or mark the entry `required: false`".into()),
            )
        };
        // Read once: a missing optional file is skipped, any other failure is a finding.
        match cx.host.read(&target, limits.max_bytes) {
            Err(HostError::NotFound) if !file.required => read.push(None),
            Err(e) => {
                problems.push(missing(&e));
                read.push(None);
            }
            contents => match decode(contents, &file_shown, limits.max_bytes)? {
                Text::Read(text) => {
                    let document = Document::parse(&text, Format::Env, &limits);
                    read.push(Some(Read {
                        path: target,
                        shown: file_shown,
                        text,
                        document,
                    }));
                }
                Text::TooLarge(_) => {
                    return Err(format!(
                        "`{file_shown}` is larger than {} bytes",
                        limits.max_bytes
                    ))
                }
            },
        }
    }
    let documents: Vec<Option<&Document>> = read
        .iter()
        .map(|r| r.as_ref().map(|r| &r.document))
        .collect();
    let (mut merged, origin) = compose::environment_of(service, &documents);
    // What went wrong reading the compose file and the env files belongs to the compose file.
    merged.findings.append(document.findings.clone());
    for problem in problems {
        merged.findings.push(problem);
    }
    for r in read.iter().flatten() {
        let mut theirs = r.document.findings.clone();
        for f in theirs.listed_mut() {
            f.pointer = format!("{}{TAG}{}", r.path, f.pointer);
        }
        merged.findings.append(theirs);
    }
    let mut report = Checker::new(schema, settings.options()).check_document(&merged);
    if read.len() > read.iter().flatten().count() {
        // An env file that was not read may set any variable: whether required ones are set
        // is not known, so that is not reported (its own finding says it was not read).
        report.retain(|d| d.code != codes::SCHEMA_MISSING_REQUIRED.code);
    }

    // Which file each finding and secret is in: a variable's, by its name; a parse finding of
    // an env file, by the path put before its pointer; anything else, the compose file.
    let file_index = |env_file: usize| -> usize {
        // Files are numbered 0 (compose) and then the env files that were read, in order.
        1 + read[..env_file].iter().filter(|r| r.is_some()).count()
    };
    let of_name = |name: &str| -> usize {
        match origin.iter().find(|(n, _)| n == name) {
            Some((_, 0)) | None => 0,
            Some((_, i)) => file_index(i - 1),
        }
    };
    let value_spans: Vec<(Span, usize)> = match merged.root().map(|r| &r.value) {
        Some(Value::Map(entries)) => entries
            .iter()
            .filter_map(|e| Some((e.value.span?, of_name(&e.key))))
            .collect(),
        _ => Vec::new(),
    };
    let read_files: Vec<&Read> = read.iter().flatten().collect();
    let mut formats = vec![Format::Yaml];
    formats.extend(read_files.iter().map(|_| Format::Env));
    let mut reports = report.split(
        &formats,
        |d| {
            if let Some((file, _)) = d.pointer.split_once(TAG) {
                return read_files
                    .iter()
                    .position(|r| r.path == file)
                    .map_or(0, |i| i + 1);
            }
            if d.span.is_none() {
                return 0;
            }
            let name = crate::pointer::tokens(&d.pointer)
                .and_then(|t| t.into_iter().next())
                .unwrap_or_default();
            of_name(&name)
        },
        |span| {
            value_spans
                .iter()
                .find(|(s, _)| s == span)
                .map_or(0, |(_, i)| *i)
        },
    );
    for report in &mut reports {
        for d in &mut report.diagnostics {
            if let Some((_, pointer)) = d.pointer.split_once(TAG) {
                d.pointer = pointer.to_string();
            }
        }
    }
    let mut out = Vec::with_capacity(reports.len());
    let mut reports = reports.into_iter();
    if let Some(report) = reports.next() {
        out.push(Checked {
            shown: shown.to_string(),
            path: Some(path.to_string()),
            text: text.to_string(),
            report,
        });
    }
    for (report, file) in reports.zip(read_files) {
        out.push(Checked {
            shown: file.shown.clone(),
            path: Some(file.path.clone()),
            text: file.text.clone(),
            report,
        });
    }
    Ok(out)
}
