// The package's API over the wasm exports, shared by the browser entry (index.js) and the
// Node entry (node.js). The wasm module must be initialised before any call.
import * as wasm from './preflight_wasm.js';

/** Checks config text; returns the report object (see index.d.ts). */
export function validate(text, options) {
  return wasm.validate(text, options);
}

/** Checks a plain object (form state, process.env); reports have pointers and no spans. */
export function validateObject(value, options) {
  return wasm.validateObject(value, options);
}

/** Checks text and renders the report as `human` text or `github` annotations. */
export function formatReport(text, options, output = 'human', file = 'config') {
  return wasm.formatReport(text, options, output, file);
}

/** The built-in schemas: [{ name, title }]. */
export function schemas() {
  return wasm.schemas();
}

/** The registry entry of a code, or undefined. */
export function explain(code) {
  return wasm.explain(code);
}

/** Every diagnostic code. */
export function codes() {
  return wasm.codes();
}

/** The version of the preflight core. */
export function version() {
  return wasm.version();
}

/** One line per diagnostic, for reports without source text (objects). */
function listReport(report, file) {
  const lines = report.diagnostics.map((d) => {
    const at = d.span ? `${file}:${d.span.start.line}:${d.span.start.column}` : `${file}${d.pointer ? ` ${d.pointer}` : ''}`;
    const help = d.help ? `\n  = help: ${d.help}` : '';
    return `${at}: ${d.severity}[${d.code}] ${d.message}${help}`;
  });
  lines.push(`${file}: ${report.errors} error${report.errors === 1 ? '' : 's'} and ${report.warnings} warning${report.warnings === 1 ? '' : 's'} (${report.profile} profile)`);
  return lines.join('\n') + '\n';
}

/**
 * For build configs: checks text or an object and throws an Error whose message is the
 * formatted report when there are errors; returns the report otherwise (warnings allowed).
 * `options.file` names the input in the message.
 */
export function assertValid(input, options = {}) {
  const { file = typeof input === 'string' ? 'config' : 'object', ...rest } = options;
  const report = typeof input === 'string' ? validate(input, rest) : validateObject(input, rest);
  if (report.errors > 0) {
    const message = typeof input === 'string' ? formatReport(input, rest, 'human', file) : listReport(report, file);
    const error = new Error(`preflight: ${file} has ${report.errors} configuration error${report.errors === 1 ? '' : 's'}\n\n${message}`);
    error.report = report;
    throw error;
  }
  return report;
}

/** The input format a file name implies ('yaml' | 'json' | 'env'), or undefined. */
export function formatFromFileName(name) {
  return wasm.formatFromFileName(name);
}
