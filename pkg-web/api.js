// The package's API over the wasm exports, shared by the browser entry (index.js) and the
// Node entry (node.js). The wasm module must be initialised before any call.
import { wasmOptions } from './options.js';
import * as wasm from './preflight_wasm.js';

/** Checks config text; returns the report object (see index.d.ts). */
export function validate(text, options) {
  return wasm.validate(text, wasmOptions(options));
}

/** Checks a plain object (form state, process.env); reports have pointers and no spans. */
export function validateObject(value, options) {
  return wasm.validateObject(value, wasmOptions(options));
}

/** Checks text and renders the report as `human` text or `github` annotations. */
export function formatReport(text, options, output = 'human', file = 'config') {
  return checkAndFormat(text, options, output, file).text;
}

/**
 * Checks text or an object once: `{ report, text }`, the report and its rendering (`human` or
 * `github`). What the bin and assertValid use, so a check is never run twice.
 */
export function checkAndFormat(input, options, output = 'human', file = 'config') {
  return wasm.checkAndFormat(input, wasmOptions(options), output, file);
}

/**
 * The schemas built into this module: [{ name, title, format }]. Node's module has them all;
 * the browsers' has none (a page imports the ones it uses: preflight-wasm/schemas lists them).
 */
export function schemas() {
  return wasm.schemas();
}

/** A built-in schema as standalone JSON text (its base merged in), or undefined. */
export function standaloneSchema(name) {
  return wasm.standaloneSchema(name);
}

/** The explanations loaded into a module built without them (setExplanations). */
let explanations = null;

/**
 * The registry entry of a code, or undefined. The browsers' module has each code's summary
 * and levels; its `explanation` and `text` are empty until loadExplanations() has run.
 */
export function explain(code) {
  const entry = wasm.explain(code);
  if (entry && entry.explanation === '' && explanations && Object.hasOwn(explanations, code)) {
    Object.assign(entry, explanations[code]);
  }
  return entry;
}

/** Whether explain() gives explanations: built in (Node), or loaded. */
export function explanationsLoaded() {
  return explanations !== null || wasm.explain('parse/yaml')?.explanation !== '';
}

/** Takes the explanations table (pkg-web/explanations.js's default export). */
export function setExplanations(table) {
  explanations = table;
}

/**
 * The JSON Schema (draft 2020-12) of a schema — a built-in name, a schema module, or `{ schema }` /
 * `{ schemaText }` — for Monaco's or CodeMirror's JSON-schema completion.
 */
export function exportJsonSchema(schema) {
  // A schema module on its own goes through the options' one conversion.
  const options = typeof schema?.text === 'string' ? { schema } : schema;
  return wasm.exportJsonSchema(wasmOptions(options));
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
  return wasm.needsPublicSuffixList(wasmOptions(options));
}

/** Whether the list is in place: built in (Node), or loaded. */
export function publicSuffixListLoaded() {
  return wasm.publicSuffixListLoaded();
}

/**
 * Loads the list from its text as publicsuffix.org writes it; returns whether it is in place.
 * The package's public_suffix_list.dat is packed for download: loadPublicSuffixList reads it.
 */
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
