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
  return wasm.checkAndFormat(text, options, output, file).text;
}

/**
 * Checks text or an object once: `{ report, text }`, the report and its rendering (`human` or
 * `github`). What the bin and assertValid use, so a check is never run twice.
 */
export function checkAndFormat(input, options, output = 'human', file = 'config') {
  return wasm.checkAndFormat(input, options, output, file);
}

/** The built-in schemas: [{ name, title }]. */
export function schemas() {
  return wasm.schemas();
}

/** The registry entry of a code, or undefined. */
export function explain(code) {
  return wasm.explain(code);
}

/**
 * The JSON Schema (draft 2020-12) of a schema — a built-in name, or `{ schema }` /
 * `{ schemaText }` — for Monaco's or CodeMirror's JSON-schema completion.
 */
export function exportJsonSchema(schema) {
  return wasm.exportJsonSchema(schema);
}

/** Every diagnostic code. */
export function codes() {
  return wasm.codes();
}

/**
 * Whether checking with these options needs the Public Suffix List (the schema has a WebAuthn
 * block). Node's module has the list built in; a browser loads it first (loadPublicSuffixList).
 */
export function needsPublicSuffixList(options) {
  return wasm.needsPublicSuffixList(options);
}

/** Whether the list is in place: built in (Node), or loaded. */
export function publicSuffixListLoaded() {
  return wasm.publicSuffixListLoaded();
}

/** Loads the list from its text (the package's public_suffix_list.dat); returns whether it is in place. */
export function setPublicSuffixList(text) {
  return wasm.loadPublicSuffixList(text);
}

/** The version of the preflight core. */
export function version() {
  return wasm.version();
}

/**
 * For build configs: checks text or an object and throws an Error whose message is the
 * formatted report when there are errors; returns the report otherwise (warnings allowed).
 * `options.file` names the input in the message.
 */
export function assertValid(input, options = {}) {
  const { file = typeof input === 'string' ? 'config' : 'object', ...rest } = options;
  const { report, text } = checkAndFormat(input, rest, 'human', file);
  if (report.errors > 0) {
    const error = new Error(`preflight: ${file} has ${report.errors} configuration error${report.errors === 1 ? '' : 's'}\n\n${text}`);
    error.report = report;
    throw error;
  }
  return report;
}

/** The input format a file name implies ('yaml' | 'json' | 'env'), or undefined. */
export function formatFromFileName(name) {
  return wasm.formatFromFileName(name);
}
