//! The checked files' reports in the format `--format` asks for.

use super::args::{CheckArgs, Color, OutputFormat};
use super::host::Host;
use super::paths;
use crate::diagnostic::Severity;
use crate::render::{self, SarifFile, Style};
use crate::report::Report;

/// One checked file: how messages name it, its absolute path (`None` for standard input),
/// its text (empty when it was too large to read) and its report.
pub(super) struct Checked {
    pub shown: String,
    pub path: Option<String>,
    pub text: String,
    pub report: Report,
}

/// The text of every report, one after the other (JSON: one report, or an array; SARIF: one
/// log). `root` is the directory SARIF names files from (the project file's, or the working
/// directory).
pub(super) fn render(args: &CheckArgs, checked: &[Checked], root: &str, host: &dyn Host) -> String {
    let quiet = |report: &Report| -> Report {
        let mut shown = report.clone();
        if args.quiet {
            shown.diagnostics.retain(|d| d.severity == Severity::Error);
        }
        shown
    };
    match args.format {
        OutputFormat::Json => {
            let reports: Vec<&Report> = checked.iter().map(|c| &c.report).collect();
            let json = match reports.as_slice() {
                [one] => serde_json::to_string_pretty(one),
                all => serde_json::to_string_pretty(all),
            };
            let mut text = json.unwrap_or_default();
            text.push('\n');
            text
        }
        OutputFormat::Github => checked
            .iter()
            .map(|c| render::github(&c.shown, &quiet(&c.report)))
            .collect(),
        OutputFormat::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    args.output_file.is_none()
                        && host.stdout_is_terminal()
                        && host.env_var("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            checked
                .iter()
                .map(|c| render::human(&c.shown, &c.text, &quiet(&c.report), Style { color }))
                .collect()
        }
        OutputFormat::Sarif => {
            let files: Vec<SarifFile<'_>> = checked
                .iter()
                .map(|c| SarifFile {
                    uri: match c.path.as_deref().map(|p| (p, paths::inside(root, p))) {
                        Some((_, Some(below))) => render::path_uri(below),
                        Some((path, None)) => format!("file://{}", render::path_uri(path)),
                        None => "stdin".to_string(),
                    },
                    report: &c.report,
                })
                .collect();
            render::sarif(&files, env!("CARGO_PKG_VERSION"))
        }
    }
}
