//! Reading what a check needs through the host: texts within a size limit (UTF-8 or a clear
//! error), and schemas by built-in name or path, each loaded once per run.

use super::host::{Contents, EntryKind, Host, HostError};
use super::paths;
use super::project::looks_like_path;
use crate::schema::Schema;
use crate::{builtin, Error};

pub(super) fn no_schema(shown: &str) -> String {
    format!("`{shown}` has no schema: give `--schema NAME|PATH`, or `schema` in preflight.toml")
}

/// The schemas of one run, each loaded once, by the name or absolute path that names it.
#[derive(Default)]
pub(super) struct Schemas(Vec<(String, Schema)>);

impl Schemas {
    pub fn get(&mut self, spec: &str, host: &dyn Host, cwd: &str) -> Result<&Schema, String> {
        let index = match self.0.iter().position(|(s, _)| s == spec) {
            Some(i) => i,
            None => {
                self.0
                    .push((spec.to_string(), load_schema(spec, host, cwd)?));
                self.0.len() - 1
            }
        };
        Ok(&self.0[index].1)
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
pub(super) enum Text {
    Read(String),
    TooLarge(Option<u64>),
}

impl Text {
    pub fn within_limit(self) -> Option<String> {
        match self {
            Text::Read(text) => Some(text),
            Text::TooLarge(_) => None,
        }
    }
}

pub(super) fn read_text(
    host: &dyn Host,
    path: &str,
    shown: &str,
    max: usize,
) -> Result<Text, String> {
    let name = if path == "-" { "standard input" } else { shown };
    decode(host.read(path, max), name, max)
}

/// A file's whole text, or why not (unreadable, not UTF-8, over `max` bytes).
pub(super) fn read_whole(
    host: &dyn Host,
    path: &str,
    shown: &str,
    max: usize,
) -> Result<String, String> {
    read_text(host, path, shown, max)?
        .within_limit()
        .ok_or_else(|| format!("`{shown}` is larger than {max} bytes"))
}

/// What the host read, as text: `name` is how messages call the file.
pub(super) fn decode(
    read: Result<Contents, HostError>,
    name: &str,
    max: usize,
) -> Result<Text, String> {
    match read {
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
