//! The project file, `preflight.toml`: what to check, set up once in a repository.
//!
//! ```toml
//! profile = "production"            # defaults for every [[check]]
//!
//! [[check]]
//! files = ["synctv.yaml"]
//! schema = "synctv"
//!
//! [[check]]
//! files = ["deploy/*.env"]
//! schema = "schemas/synctv-env.yaml"  # a path is relative to this file's directory
//! allow = ["placeholders"]
//! ```
//!
//! Found by walking up from the working directory, as ruff finds `ruff.toml`.

use serde::Deserialize;
use toml::Spanned;

use super::glob::Glob;
use super::host::{EntryKind, Host};
use super::paths;
use crate::diagnostic::{Family, Profile};
use crate::engine::Options;
use crate::input::Format;
use crate::span::LineIndex;

pub const FILE_NAME: &str = "preflight.toml";

/// A read project file.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// The file's absolute path.
    pub path: String,
    /// Its directory: globs and schema paths are relative to it, and SARIF names files from it.
    pub dir: String,
    pub defaults: Settings,
    pub checks: Vec<Check>,
}

/// What a `[[check]]` entry, the file's top level or the command line set. `None` is unset:
/// the command line overrides the entry, the entry overrides the top level.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// A built-in name, or a path (absolute once read: relative to where it was written).
    pub schema: Option<String>,
    pub profile: Option<Profile>,
    pub format: Option<Format>,
    pub strict: Option<bool>,
    pub allow: Option<Vec<Family>>,
    /// The compose service whose environment is checked (a compose file's entry).
    pub service: Option<String>,
    /// The Kubernetes object whose config is checked: `kind/name[/container]`.
    pub select: Option<String>,
}

impl Settings {
    /// The check options these settings give (unset: production, not strict, nothing
    /// allowed).
    pub fn options(&self) -> Options {
        let allow = self.allow.as_deref().unwrap_or_default();
        Options {
            profile: self.profile.unwrap_or_default(),
            strict: self.strict.unwrap_or(false),
            allow_placeholders: allow.contains(&Family::Placeholders),
            allow_dev_defaults: allow.contains(&Family::DevDefaults),
            ..Options::default()
        }
    }

    /// `self` where set, else `under`.
    pub fn over(&self, under: &Settings) -> Settings {
        Settings {
            schema: self.schema.clone().or_else(|| under.schema.clone()),
            profile: self.profile.or(under.profile),
            format: self.format.or(under.format),
            strict: self.strict.or(under.strict),
            allow: self.allow.clone().or_else(|| under.allow.clone()),
            service: self.service.clone().or_else(|| under.service.clone()),
            select: self.select.clone().or_else(|| under.select.clone()),
        }
    }
}

/// One `[[check]]` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub files: Vec<FileGlob>,
    pub settings: Settings,
    /// The 1-based line of its `[[check]]` header, for messages.
    pub line: usize,
}

/// A glob of `files`, with the line it is written on (for "matches no file").
#[derive(Debug, Clone, PartialEq)]
pub struct FileGlob {
    pub glob: Glob,
    pub line: usize,
}

impl Project {
    /// The first entry one of whose globs matches `path` (absolute), with its settings over
    /// the file's defaults.
    pub fn entry_for(&self, path: &str) -> Option<(&Check, Settings)> {
        let below = paths::inside(&self.dir, path)?;
        self.checks
            .iter()
            .find(|check| check.files.iter().any(|file| file.glob.matches(below)))
            .map(|check| (check, check.settings.over(&self.defaults)))
    }
}

/// A mistake in the project file, at its line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The nearest `preflight.toml` in `dir` or a directory above it.
pub fn discover(host: &dyn Host, dir: &str) -> Option<String> {
    let mut dir = paths::normalize(dir);
    loop {
        let candidate = paths::absolute(&dir, FILE_NAME);
        if host.kind(&candidate) == Some(EntryKind::File) {
            return Some(candidate);
        }
        let up = paths::parent(&dir).to_string();
        if up == dir {
            return None;
        }
        dir = up;
    }
}

// The five settings are written out in both tables (not `#[serde(flatten)]`): serde cannot
// deny unknown keys of a flattened struct, and toml keeps the places of its errors only
// without it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema: Option<String>,
    profile: Option<Profile>,
    format: Option<Format>,
    strict: Option<bool>,
    allow: Option<Vec<Allow>>,
    #[serde(default)]
    check: Vec<Spanned<RawCheck>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    files: Vec<Spanned<String>>,
    /// For a compose file: the service to check.
    service: Option<String>,
    /// For a Kubernetes manifest: `kind/name[/container]`.
    select: Option<String>,
    schema: Option<String>,
    profile: Option<Profile>,
    format: Option<Format>,
    strict: Option<bool>,
    allow: Option<Vec<Allow>>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum Allow {
    Placeholders,
    DevDefaults,
}

fn settings(
    dir: &str,
    schema: Option<String>,
    profile: Option<Profile>,
    format: Option<Format>,
    strict: Option<bool>,
    allow: Option<Vec<Allow>>,
) -> Settings {
    Settings {
        schema: schema.map(|s| schema_in(dir, s)),
        profile,
        format,
        strict,
        allow: allow.map(|list| {
            list.into_iter()
                .map(|a| match a {
                    Allow::Placeholders => Family::Placeholders,
                    Allow::DevDefaults => Family::DevDefaults,
                })
                .collect()
        }),
        service: None,
        select: None,
    }
}

/// `--schema` and `schema =` values with a `/`, a `\` or a schema file's extension are
/// paths; anything else is a built-in name first.
pub fn looks_like_path(schema: &str) -> bool {
    schema.contains('/') || schema.contains('\\') || Format::from_file_name(schema).is_some()
}

/// A schema as the command line names it: a path made absolute against `cwd`, a built-in
/// name as it is.
pub fn absolute_spec(cwd: &str, schema: &str) -> String {
    schema_in(cwd, schema.to_string())
}

/// A schema named in the file: a built-in name as written, a path made absolute against the
/// file's directory.
fn schema_in(dir: &str, schema: String) -> String {
    if looks_like_path(&schema) {
        paths::absolute(dir, &schema)
    } else {
        schema
    }
}

/// Reads the project file at `path` (absolute) from its text.
pub fn parse(path: &str, text: &str) -> Result<Project, ProjectError> {
    let lines = LineIndex::new(text);
    let at = |offset: usize, message: String| {
        let position = lines.position(offset.min(text.len()));
        ProjectError {
            line: position.line,
            column: position.column,
            message,
        }
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        at(
            e.span().map_or(0, |s| s.start),
            e.message().trim_end().to_string(),
        )
    })?;
    let dir = paths::parent(path).to_string();
    let mut checks = Vec::with_capacity(raw.check.len());
    for entry in raw.check {
        let header = lines.position(entry.span().start.min(text.len())).line;
        let entry = entry.into_inner();
        if entry.files.is_empty() {
            return Err(ProjectError {
                line: header,
                column: 1,
                message: "`files` is empty: list the globs this entry checks".into(),
            });
        }
        let mut files = Vec::with_capacity(entry.files.len());
        for glob in entry.files {
            let offset = glob.span().start;
            files.push(FileGlob {
                glob: Glob::new(glob.get_ref()).map_err(|e| at(offset, e.to_string()))?,
                line: lines.position(offset.min(text.len())).line,
            });
        }
        checks.push(Check {
            files,
            settings: Settings {
                service: entry.service,
                select: entry.select,
                ..settings(
                    &dir,
                    entry.schema,
                    entry.profile,
                    entry.format,
                    entry.strict,
                    entry.allow,
                )
            },
            line: header,
        });
    }
    Ok(Project {
        path: path.to_string(),
        defaults: settings(
            &dir,
            raw.schema,
            raw.profile,
            raw.format,
            raw.strict,
            raw.allow,
        ),
        dir,
        checks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_defaults_and_entries() {
        let text = "profile = \"production\"\nallow = [\"placeholders\"]\n\n[[check]]\nfiles = [\"synctv.yaml\"]\nschema = \"synctv\"\n\n[[check]]\nfiles = [\"deploy/*.env\"]\nschema = \"schemas/env.yaml\"\nformat = \"env\"\nstrict = true\n";
        let project = parse("/repo/preflight.toml", text).unwrap();
        assert_eq!(project.dir, "/repo");
        assert_eq!(project.defaults.profile, Some(Profile::Production));
        assert_eq!(project.defaults.allow, Some(vec![Family::Placeholders]));
        assert_eq!(project.checks.len(), 2);
        assert_eq!(project.checks[1].line, 8);
        assert_eq!(
            project.checks[1].settings.schema.as_deref(),
            Some("/repo/schemas/env.yaml")
        );
        let (entry, settings) = project.entry_for("/repo/deploy/prod.env").unwrap();
        assert_eq!(entry.line, 8);
        assert_eq!(settings.format, Some(Format::Env));
        assert_eq!(settings.strict, Some(true));
        assert_eq!(settings.allow, Some(vec![Family::Placeholders]));
        assert!(project.entry_for("/repo/other.yaml").is_none());
        assert!(project.entry_for("/elsewhere/synctv.yaml").is_none());
    }

    #[test]
    fn mistakes_have_a_line_and_column() {
        let err = parse(
            "/r/preflight.toml",
            "[[check]]\nfiles = [\"a.yaml\"]\nshema = \"synctv\"\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(
            err.message
                .starts_with("unknown field `shema`, expected one of"),
            "{}",
            err.message
        );

        let err = parse("/r/preflight.toml", "profile = \"staging\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 11));
        assert!(
            err.message.contains("unknown variant `staging`"),
            "{}",
            err.message
        );

        let err = parse("/r/preflight.toml", "[[check]]\nfiles = [\"a/[b\"]\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 10));
        assert!(err.message.contains("never closed"), "{}", err.message);

        let err = parse("/r/preflight.toml", "[[check]]\nschema = \"x\"\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(
            err.message.contains("missing field `files`"),
            "{}",
            err.message
        );

        let err = parse("/r/preflight.toml", "[[check]\n").unwrap_err();
        assert_eq!(err.line, 1);

        let err = parse("/r/preflight.toml", "allow = [\"everything\"]\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 10));
    }
}
