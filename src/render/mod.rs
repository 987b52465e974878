//! Rendering a report for people: rustc-style text with code frames, or GitHub workflow
//! annotations. (For machines, a
//! [`crate::Report`] serializes to the JSON report of DESIGN.md.) Pure functions over
//! strings, so the CLI, the wasm package and a service's own startup check print the same.

mod github;
mod human;
mod masking;
#[cfg(feature = "cli")]
mod sarif;

pub use github::github;

pub use human::{explain, Style};
#[cfg(feature = "cli")]
pub use sarif::{code_anchor, help_uri, path_uri, sarif, SarifFile, CODES_DOC};

use crate::report::Report;

/// The human report for `source`, the text that was checked, named `file` in every line.
/// Secret values and URL passwords in printed source lines are masked.
pub fn human(file: &str, source: &str, report: &Report, style: Style) -> String {
    let mut out = String::new();
    human::write_report(&mut out, file, source, report, &style);
    out
}
