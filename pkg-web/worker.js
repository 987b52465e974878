// The worker entry: checks texts off the page's main thread. Start it through createChecker
// (checker.js), which speaks its protocol; the wasm is loaded once per worker, and the wasm
// module keeps the last compiled schema, so a schema is compiled once, not per check.
//
// Protocol: the page posts { version, text, options?, wasm?, psl? } (options: validate()'s,
// sent when they change and kept until then; wasm: what init() takes; psl: where the Public
// Suffix List is, for a schema with a WebAuthn block; both sent with the first message); the
// worker answers { version, report } or { version, error }.
import init, {
  loadPublicSuffixList, needsPublicSuffixList, publicSuffixListLoaded, validate,
} from './index.js';

let ready = null;
let psl;
let options;

self.onmessage = async ({ data }) => {
  const { version, text, wasm } = data;
  if ('psl' in data) psl = data.psl;
  if ('options' in data) options = data.options;
  try {
    ready ??= init(wasm);
    await ready;
    // The list is fetched once, and only for a schema that needs it.
    if (!publicSuffixListLoaded() && needsPublicSuffixList(options)) await loadPublicSuffixList(psl);
    self.postMessage({ version, report: validate(text, options) });
  } catch (failure) {
    // A bad config never throws; options that do not work (a schema that does not compile,
    // an unknown schema name) do, and so does a wasm module that cannot be loaded.
    self.postMessage({ version, error: String(failure?.message ?? failure) });
  }
};
