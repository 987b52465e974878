// The worker entry: checks texts off the page's main thread. Start it through createChecker
// (checker.js), which speaks its protocol; the wasm is loaded once per worker, and the wasm
// module keeps the last compiled schema, so a schema is compiled once, not per check.
//
// Protocol: the page posts { version, text | edits, options?, wasm?, psl? } (text: the whole
// text; edits: lists of changes to the text checked last, applied in turn (edits.js); options:
// validate()'s, sent when they change and kept until then; wasm: what init() takes; psl: where
// the Public Suffix List is, for a schema with a WebAuthn block; both sent with the first
// message; mailbox: shared memory for the reports, with the first message when the page has
// one); the worker answers { version, length, report }, { version, length, shared: true } (the
// report is in the mailbox) or { version, length, error }, with the length of its text.
import { applyEdits } from './edits.js';
import { post } from './mailbox.js';
import init, {
  loadPublicSuffixList, needsPublicSuffixList, publicSuffixListLoaded, validate,
} from './index.js';

let ready = null;
let psl;
let options;
/** The text of the last check (edits apply to it). */
let text = '';
/** Shared memory the page reads reports from (mailbox.js), when it gave one. */
let mailbox = null;

self.onmessage = async ({ data }) => {
  const { version, wasm } = data;
  if ('psl' in data) psl = data.psl;
  if ('options' in data) options = data.options;
  if ('mailbox' in data) mailbox = data.mailbox;
  try {
    text = 'text' in data ? data.text : applyEdits(text, data.edits);
    ready ??= init(wasm);
    await ready;
    // The list is fetched once, and only for a schema that needs it.
    if (!publicSuffixListLoaded() && needsPublicSuffixList(options)) await loadPublicSuffixList(psl);
    const report = validate(text, options);
    if (mailbox && post(mailbox, version, text.length, report)) {
      self.postMessage({ version, length: text.length, shared: true });
    } else {
      self.postMessage({ version, length: text.length, report });
    }
  } catch (failure) {
    // A bad config never throws; options that do not work (a schema that does not compile,
    // an unknown schema name) do, and so does a wasm module that cannot be loaded.
    self.postMessage({ version, length: text.length, error: String(failure?.message ?? failure) });
  }
};
