//! What a front-end is asked to read: the text [`Format`] and the [`Limits`] it enforces.
//!
//! A leaf: the registry's examples, the document front-ends and the bindings all name these,
//! so they depend on nothing else in the crate.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The text formats preflight reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Yaml,
    Json,
    Env,
}

impl Format {
    /// Guesses the format from a file name: `.yaml`/`.yml`, `.json`, and `.env`, `x.env` or
    /// `.env.production` for dotenv files.
    pub fn from_file_name(name: &str) -> Option<Format> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let lower = base.to_ascii_lowercase();
        if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Some(Format::Yaml)
        } else if lower.ends_with(".json") {
            Some(Format::Json)
        } else if lower == ".env" || lower.ends_with(".env") || lower.starts_with(".env.") {
            Some(Format::Env)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
            Format::Env => "env",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "yaml" | "yml" => Ok(Format::Yaml),
            "json" => Ok(Format::Json),
            "env" | "dotenv" => Ok(Format::Env),
            other => Err(format!(
                "unknown input format `{other}` (expected yaml, json or env)"
            )),
        }
    }
}

/// Limits every front-end enforces. The defaults suit any real config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input accepted, in bytes (default 4 MiB).
    pub max_bytes: usize,
    /// Deepest nesting of lists and mappings (default 128).
    pub max_depth: usize,
    /// Most nodes a YAML document may expand to through aliases (default 100,000).
    pub max_alias_nodes: usize,
    /// Most findings of one code a report lists (default 1,000); the rest are counted in one
    /// `parse/too-many-findings` warning, so a hostile file cannot make a report (or an
    /// editor's list of underlines) of hundreds of thousands of entries.
    pub max_findings_per_code: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

impl Limits {
    /// The default nesting limit, which host objects (the wasm `validateObject`) keep too.
    pub const DEFAULT_MAX_DEPTH: usize = 128;

    /// The defaults, as a constant.
    pub const DEFAULT: Limits = Limits {
        max_bytes: 4 * 1024 * 1024,
        max_depth: Limits::DEFAULT_MAX_DEPTH,
        max_alias_nodes: 100_000,
        max_findings_per_code: 1_000,
    };
}
