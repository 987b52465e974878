//! preflight checks a service's configuration before it reaches production.
//!
//! ```
//! use preflight::{check, Options, Schema, Source};
//!
//! let schema = Schema::from_yaml(r#"
//! schema: demo
//! format: env
//! fields:
//!   PORT: { kind: port, required: always }
//!   PUBLIC_URL: { kind: url }
//! "#)?;
//! let report = check(&schema, Source::env("PORT=70000\nPUBLIC_URL=http://localhost\n"), &Options::production());
//! assert_eq!(report.codes(), ["port/out-of-range", "url/local-host"]);
//! assert_eq!(report.diagnostics[0].span.unwrap().start.line, 1);
//! # Ok::<(), preflight::Error>(())
//! ```
//!
//! The core reads no files, opens no sockets and reads no clock; it builds for
//! `wasm32-unknown-unknown`. Problems in a config are diagnostics in a [`Report`]; only a
//! wrong schema or an unknown schema name is an [`Error`].

#![forbid(unsafe_code)]

pub mod builtin;
#[cfg(feature = "cli")]
pub mod cli;
mod context;
pub mod diagnostic;
pub mod document;
mod engine;
mod error;
mod first_seen;
pub mod input;
pub mod kinds;
pub mod pointer;
pub mod relations;
pub mod render;
mod report;
pub mod schema;
mod secret_names;
mod shown;
pub mod span;
mod suggest;

pub use diagnostic::{
    codes, Adapter, CodeInfo, Diagnostic, Example, Family, Level, Profile, Severity,
};
pub use document::{Document, Format, Limits, Node, Value};
#[allow(deprecated)]
pub use engine::{relaxed_by, Checker, Options, Source, DEV_DEFAULT_CODES, PLACEHOLDER_CODES};
pub use error::Error;
pub use kinds::{PostgresUrl, RedisUrl};
pub use relations::{S3Settings, SmtpSettings, SmtpTls, WebAuthnSettings};
pub use report::Report;
pub use schema::{Schema, SchemaDef};
pub use span::{Position, Span};

/// Checks one config against a schema. For many checks with one schema, build a [`Checker`].
pub fn check(schema: &Schema, source: Source<'_>, options: &Options) -> Report {
    Checker::new(schema, options.clone()).check(source)
}

/// The registry entry of a diagnostic code (`url/local-host`), as `preflight explain` shows it.
pub fn explain(code: &str) -> Option<&'static CodeInfo> {
    codes::lookup(code)
}
