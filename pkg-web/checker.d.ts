// Types of `preflight-wasm/checker`: the worker client alone, for a page that checks on a
// worker and uses nothing else of the package's API (so it never loads the package's glue).
export { createChecker } from './index.js';
export type { Checker, CheckerOptions, CheckerWorker, Report, TextChange } from './index.js';
