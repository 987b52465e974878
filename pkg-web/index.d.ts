// Types of the preflight-wasm package, written by hand to match the Rust structs
// (preflight::Report, Diagnostic, Span, Position) and the options of bindings/wasm.

/** A place in the checked text. Lines and columns are 1-based. */
export interface Position {
  /** Byte offset into the UTF-8 text. */
  offset: number;
  line: number;
  /** Unicode scalar values from the line start, plus one. */
  column: number;
  /** UTF-16 code units from the line start, plus one: JavaScript string index + 1. */
  utf16_column: number;
}

export interface Span {
  start: Position;
  end: Position;
}

/** `info`: what was not checked, and why (a value that comes from outside the file). */
export type Severity = 'error' | 'warning' | 'info';
export type Profile = 'development' | 'production';
export type InputFormat = 'yaml' | 'json' | 'env';

export interface Diagnostic {
  /** Stable slug `area/name`; `explain(code)` describes it. */
  code: string;
  severity: Severity;
  /** RFC 6901 pointer to the value (`/server/port`; `/JWT_SECRET` in env files). */
  pointer: string;
  /** What is wrong, in one sentence. Never holds a secret's value. */
  message: string;
  /** How to fix it, or null. */
  help: string | null;
  /** Where in the text; null when the problem has no place there (and for objects). */
  span: Span | null;
  /** Why the value was checked this way, when a reader could not tell (`schema: 'auto'`). */
  note?: string;
}

/** The JSON report of DESIGN.md. */
export interface Report {
  /** Set by the bin when it checks several files. */
  file?: string;
  schema: string;
  profile: Profile;
  errors: number;
  warnings: number;
  /** Present when there are infos. */
  infos?: number;
  /** Sorted by position (those without a place first). */
  diagnostics: Diagnostic[];
}

/** A rule family to relax: as the CLI's --allow-placeholders and --allow-dev-defaults. */
export type Allow = 'placeholders' | 'dev-defaults';

interface BaseOptions {
  /** How to read the input; default: the schema's format. */
  format?: InputFormat;
  /** Default production. */
  profile?: Profile | 'prod' | 'dev';
  /** Unknown keys are errors. */
  strict?: boolean;
  allow?: Allow[];
  /** The text is a Kubernetes manifest: check this object's config, `kind/name[/container]`. */
  select?: string;
}

/**
 * A built-in schema's module (`import synctv from 'preflight-wasm/schemas/synctv'`), a built-in
 * schema by name (Node's module has them all, see `schemas()`; the browsers' has none),
 * `'auto'` (kinds inferred from the text's names and values; env unless `format` says
 * otherwise), or a schema's YAML or JSON text.
 */
export type Options =
  | (BaseOptions & { schema: string | SchemaModule; schemaText?: undefined })
  | (BaseOptions & { schemaText: string; schema?: undefined });

/** The default export of `preflight-wasm/schemas/NAME`: a built-in schema as standalone text. */
export interface SchemaModule {
  name: string;
  title: string;
  format: InputFormat;
  /** The schema as JSON, its `extends` base merged in. */
  text: string;
}

/** Plain data, as JSON.parse gives (plus undefined and bigint). */
export type ConfigValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | ConfigValue[]
  | { [key: string]: ConfigValue };

export interface SchemaInfo {
  name: string;
  /** One line, as `preflight schemas` prints it. */
  title: string;
  /** The format the schema reads when `validate` is given none. */
  format: InputFormat;
}

export interface CodeInfo {
  code: string;
  summary: string;
  explanation: string;
  production: 'error' | 'warning' | 'info' | 'off';
  development: 'error' | 'warning' | 'info' | 'off';
  /** What `preflight explain CODE` prints. */
  text: string;
}

export type ModuleInput =
  | string
  | URL
  | Request
  | Response
  | BufferSource
  | WebAssembly.Module
  | Promise<Response>;

/** Loads the wasm module (browsers; in Node it is loaded at import). Call once before use. */
export function init(input?: ModuleInput): Promise<void>;
export default init;

/** Checks config text. A bad config never throws; a bad schema or option does. */
export function validate(text: string, options: Options): Report;
/** Checks a form's state or `process.env`: pointers exact, spans null. */
export function validateObject(value: { [key: string]: ConfigValue } | NodeJS.ProcessEnv, options: Options): Report;
/** Checks text and renders the report as the Rust CLI's text, or as GitHub annotations. */
export function formatReport(text: string, options: Options, output?: 'human' | 'github', file?: string): string;
/** Checks text or an object once: the report and its rendering as CLI text or GitHub annotations. */
export function checkAndFormat(
  input: string | { [key: string]: ConfigValue } | NodeJS.ProcessEnv,
  options: Options,
  output?: 'human' | 'github',
  file?: string,
): { report: Report; text: string };
/** Throws an Error (with `report`) whose message is the formatted report when there are errors. */
export function assertValid(
  input: string | { [key: string]: ConfigValue } | NodeJS.ProcessEnv,
  options: Options & { file?: string },
): Report;
/** The schemas built into this module: all in Node's, none in the browsers' (see preflight-wasm/schemas). */
export function schemas(): SchemaInfo[];
/** A built-in schema as standalone JSON text (its base merged in), or undefined. */
export function standaloneSchema(name: string): string | undefined;
/**
 * The registry entry of a code. In browsers `explanation` and `text` are empty until
 * `loadExplanations()` has resolved (Node's module has them built in).
 */
export function explain(code: string): CodeInfo | undefined;
/** Loads the explanations `explain` returns (browsers: explanations.js beside index.js; Node: at once). */
export function loadExplanations(): Promise<void>;
/** Whether `explain` gives explanations: built in, or loaded. */
export function explanationsLoaded(): boolean;
/** Takes the explanations table, the default export of `preflight-wasm/explanations`. */
export function setExplanations(table: { [code: string]: { explanation: string; text: string } }): void;
/** The JSON Schema (draft 2020-12) of a schema, for an editor's key completion. */
export function exportJsonSchema(
  schema: string | SchemaModule | { schema: string | SchemaModule } | { schemaText: string },
): { [key: string]: unknown };
export function codes(): string[];

/** What a checker's worker factory returns: a Web Worker, or anything with its interface. */
export interface CheckerWorker {
  postMessage(message: unknown): void;
  /** Set by the checker: called with `{ data }` for each answer. (`any`: a DOM Worker's handler types differ.) */
  onmessage: any;
  /** Set by the checker: called with `{ message }` when the worker fails. */
  onerror: any;
  terminate(): void;
}

export type CheckerOptions = Options & {
  /** Returns a new worker running `preflight-wasm/worker`; default: `new URL('./worker.js', import.meta.url)`. */
  worker?: () => CheckerWorker;
  /**
   * The module the worker runs: a URL, its bytes or a WebAssembly.Module. Default the checker
   * module beside the worker (preflight_check_bg.wasm: validate without the rest of the API,
   * ≈ 24 KB gzipped smaller); the package's preflight_wasm_bg.wasm works too, so a page that
   * already loads it for the API downloads one module.
   */
  wasm?: URL | string | WebAssembly.Module | BufferSource;
  /**
   * Where the worker loads the Public Suffix List from for a WebAuthn block: the list's URL
   * (default public_suffix_list.dat beside the worker), whose parts in public_suffix_list/N.dat
   * beside it the worker loads as the config's host names need them (the whole list when a
   * part cannot be fetched); or the list's text, loaded whole.
   */
  psl?: URL | string;
  /** After a text longer than this (characters), the worker is ended and a new one starts; default 1 MiB. */
  recycleAfter?: number;
  /** Whether the worker writes reports into shared memory for `collect()`; default when the page can share memory (cross-origin isolated, or Node). */
  shared?: boolean;
  /** Room for a report in shared memory (bytes of UTF-8 JSON); a larger one comes by message; default 1 MiB. */
  mailboxBytes?: number;
};

/** A change to a text: the UTF-16 range `from`..`to` replaced by `insert`. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** Checks on a Web Worker: at most one check runs and one waits; results older than the newest text are dropped. */
export interface Checker {
  /** The report of `text`, or null when a newer text was sent before this one's result came back. */
  check(text: string): Promise<Report | null>;
  /**
   * The report of the text `changes` make of the previous check's or edit's text (offsets in
   * that text, not overlapping, any order). Only the changes are posted when the worker holds
   * that text; else `text` (the new text, or a function returning it) is. Resolves like check().
   */
  edit(changes: TextChange[], text: string | (() => string)): Promise<Report | null>;
  /** Changes the options of later checks. */
  configure(options: Options): void;
  /**
   * Takes the running check's report now if the worker has finished it (shared memory only):
   * its promise resolves in this task's microtasks. From a requestAnimationFrame callback, the
   * frame being drawn shows the findings. Whether it took one.
   */
  collect(): boolean;
  /** Whether reports come through shared memory (so collect() can take them). */
  readonly shared: boolean;
  /** How many workers were started (one more after each recycling). */
  readonly workersStarted: number;
  /** Ends the worker; pending checks resolve to null. */
  close(): void;
}

/**
 * Loads the Public Suffix List, which a schema with a WebAuthn block needs: the browsers'
 * module does not carry it. `source`: its URL or Response, or its text (packed, as the package
 * ships it, or as publicsuffix.org writes it); default public_suffix_list.dat beside the
 * module. In Node the list is built in: resolves at once.
 */
export function loadPublicSuffixList(source?: URL | string | Response): Promise<void>;
/** Whether checking with these options needs the Public Suffix List (a WebAuthn block). */
export function needsPublicSuffixList(options: Options): boolean;
/** Whether the list is in place: built in (Node), or loaded. */
export function publicSuffixListLoaded(): boolean;
/**
 * Loads the list from its text as publicsuffix.org writes it; returns whether it is in place.
 * The package's public_suffix_list.dat is packed for download: loadPublicSuffixList reads it.
 */
export function setPublicSuffixList(text: string): boolean;

/** A checker that validates off the main thread (an editor's key press never waits for a check). */
export function createChecker(options: CheckerOptions): Checker;
export function formatFromFileName(name: string): InputFormat | undefined;
export function version(): string;

declare global {
  // Declared here so the types compile without @types/node in browser projects.
  namespace NodeJS {
    interface ProcessEnv {
      [key: string]: string | undefined;
    }
  }
}
