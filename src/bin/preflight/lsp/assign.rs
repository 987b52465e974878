//! Which schema an open document is checked with, in this order: the `[[check]]` entry of
//! `preflight.toml` that covers it (the CLI's own project file, read the same way), then a
//! first-line modeline `# preflight: schema=synctv profile=production`, then none (the
//! document gets no diagnostics at all).
//!
//! Files are read through [`Overlay`]: an open document's text wins over the disk, so an
//! edited (unsaved) schema or project file takes effect at once.

use std::collections::HashMap;

use preflight::cli::{self, Contents, EntryKind, Host, HostError, Settings};
use preflight::{Format, Profile};

/// The machine, with the open documents' texts laid over its files.
pub struct Overlay<'a> {
    pub machine: &'a dyn Host,
    /// Open documents' texts by absolute path (borrowed: nothing is copied per change).
    pub open: &'a HashMap<&'a str, &'a str>,
}

impl Host for Overlay<'_> {
    fn current_dir(&self) -> String {
        self.machine.current_dir()
    }

    fn read(&self, path: &str, max: usize) -> Result<Contents, HostError> {
        match self.open.get(path) {
            Some(text) if text.len() > max => Ok(Contents::TooLarge(Some(text.len() as u64))),
            Some(text) => Ok(Contents::Bytes(text.as_bytes().to_vec())),
            None => self.machine.read(path, max),
        }
    }

    fn kind(&self, path: &str) -> Option<EntryKind> {
        match self.open.contains_key(path) {
            true => Some(EntryKind::File),
            false => self.machine.kind(path),
        }
    }

    fn list_dir(&self, path: &str) -> Result<Vec<(String, EntryKind)>, HostError> {
        self.machine.list_dir(path)
    }

    fn write(&self, _path: &str, _text: &str) -> Result<(), HostError> {
        Err(HostError::Other(
            "the language server writes no files".into(),
        ))
    }

    fn env_var(&self, name: &str) -> Option<String> {
        self.machine.env_var(name)
    }

    fn stdout_is_terminal(&self) -> bool {
        false
    }
}

/// The settings a document is checked with (`schema` always set), and where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Assigned {
    pub settings: Settings,
    /// The project file, when an entry of it covers the document.
    pub project: Option<String>,
}

/// The settings for the document at `path` (absolute; `None` for an unsaved buffer) with
/// `first_line`, or `None` when nothing names a schema for it. A broken project file or
/// modeline is an `Err` with its message.
pub fn assign(
    host: &dyn Host,
    path: Option<&str>,
    dir: &str,
    first_line: &str,
) -> Result<Option<Assigned>, String> {
    if let Some(path) = path {
        if let Some(project_path) = cli::find_project(host, dir) {
            let project = cli::read_project(host, &project_path, dir)?;
            if let Some((_, settings)) = project.entry_for(path) {
                if settings.schema.is_some() {
                    return Ok(Some(Assigned {
                        settings,
                        project: Some(project_path),
                    }));
                }
            }
        }
    }
    Ok(modeline(first_line, dir)?.map(|settings| Assigned {
        settings,
        project: None,
    }))
}

/// `# preflight: schema=NAME|PATH [profile=…] [format=…] [strict=true]` (or `//`), on the
/// first line; a schema path is relative to the document's directory.
pub fn modeline(line: &str, dir: &str) -> Result<Option<Settings>, String> {
    let body = line.trim().trim_start_matches(['#', '/']).trim_start();
    let Some(rest) = body.strip_prefix("preflight:") else {
        return Ok(None);
    };
    let mut settings = Settings::default();
    for pair in rest.split_whitespace() {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("modeline: `{pair}` is not `key=value`"))?;
        match key {
            "schema" => settings.schema = Some(cli::absolute_spec(dir, value)),
            "profile" => {
                settings.profile = Some(
                    value
                        .parse::<Profile>()
                        .map_err(|e| format!("modeline: {e}"))?,
                )
            }
            "format" => {
                settings.format = Some(
                    value
                        .parse::<Format>()
                        .map_err(|e| format!("modeline: {e}"))?,
                )
            }
            "strict" => settings.strict = Some(value == "true"),
            other => {
                return Err(format!(
                    "modeline: unknown key `{other}` (schema, profile, format, strict)"
                ))
            }
        }
    }
    if settings.schema.is_none() {
        return Err("modeline: `schema=NAME|PATH` is missing".into());
    }
    Ok(Some(settings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modelines() {
        let s = modeline("# preflight: schema=synctv profile=development", "/r")
            .unwrap()
            .unwrap();
        assert_eq!(s.schema.as_deref(), Some("synctv"));
        assert_eq!(s.profile, Some(Profile::Development));
        let s = modeline("#preflight: schema=../s.yaml format=env", "/r/app")
            .unwrap()
            .unwrap();
        assert_eq!(s.schema.as_deref(), Some("/r/s.yaml"));
        assert_eq!(s.format, Some(Format::Env));
        assert_eq!(modeline("server:", "/r"), Ok(None));
        assert!(modeline("# preflight: profile=production", "/r")
            .unwrap_err()
            .contains("missing"));
        assert!(modeline("# preflight: schema=x colour=red", "/r")
            .unwrap_err()
            .contains("colour"));
    }
}
