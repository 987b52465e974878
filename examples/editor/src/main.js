// The editor page: CodeMirror 6 with preflight's findings re-computed on every change. The
// checks run on a Web Worker (preflight-wasm's createChecker), so a key press never waits for
// one: the page sends the text, and applies the findings when they come back, unless a newer
// text was sent meanwhile (then that one's findings are applied instead).
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import init, { createChecker, formatFromFileName } from 'preflight-wasm';
// The browsers' module has no schemas built in: the list is a small module, and each schema
// is imported when it is picked (a chunk of its own), so the page downloads only that one.
import { loadSchema, schemas as builtins } from 'preflight-wasm/schemas';

import { rangeOf, signatureOf } from './diagnostics.js';
import { languageFor } from './languages.js';
import { renderBadge, renderProblems } from './problems.js';
import { samples } from './samples.js';
import { editorSetup } from './setup.js';
import { findingsLayer, showFindings } from './underlines.js';

const $ = (id) => document.getElementById(id);
const controls = {
  schema: $('schema'),
  schemaText: $('schema-text'),
  customSchema: $('custom-schema'),
  format: $('format'),
  profile: $('profile'),
  open: $('open'),
  sample: $('sample'),
  fileName: $('file-name'),
  badge: $('badge'),
  problems: $('problems'),
  status: $('status'),
};
const CUSTOM = '(custom)';
/** The page's wasm (for formatFromFileName), loaded when a file is first opened. */
let wasmReady = null;

for (const { name, title } of builtins) {
  const option = new Option(name, name);
  option.title = title;
  controls.schema.append(option);
}
controls.schema.append(new Option('custom (paste it)', CUSTOM));
controls.schema.value = 'synctv';
/** The module of the schema picked (its text goes to the worker once per change). */
let picked = await loadSchema('synctv');

/** The options of `validate` the controls describe. */
function options() {
  const chosen = controls.schema.value;
  const base = chosen === CUSTOM ? { schemaText: controls.schemaText.value } : { schema: picked };
  if (controls.format.value !== 'auto') base.format = controls.format.value;
  return { ...base, profile: controls.profile.value };
}

/** The format the text is read as: the one picked, else the schema's own. */
function effectiveFormat() {
  if (controls.format.value !== 'auto') return controls.format.value;
  return builtins.find((s) => s.name === controls.schema.value)?.format ?? 'yaml';
}

// The worker (dist/worker.js, built from preflight-wasm/worker) checks every text; the page
// itself loads the wasm only when a file is opened by name (formatFromFileName), not at load.
const checker = createChecker({ worker: () => new Worker('./worker.js', { type: 'module' }) });

// Per key press, for the benchmark (bench/keystroke.mjs): `main`, the main-thread time
// preflight adds (sending the changes, and applying the findings that answer them), with
// `segments`, the [start, end] of each of those steps, and `visible`, from the press to the
// first frame painted with findings of that text or a newer one.
const timings = [];
/** Key presses whose findings are not applied yet: { at, version, segments }. */
let pressed = [];
let keyDownAt = null;
/** How many texts were sent; `document.body.dataset.checks` says how many are answered. */
let sent = 0;

// For the benchmark: `baseline: true` sends nothing (the editor alone); `roundTrip()` checks
// the current text on the worker (sent whole) and resolves when its report is back.
const bench = {
  baseline: false,
  roundTrip: () => checker.check(view.state.doc.toString()),
  /** Whether the findings of the newest text are on the page. */
  settled: () => document.body.dataset.checks === String(sent),
  /** Whether reports can be taken from shared memory, and how many were drawn in the frame
   * of their change. */
  shared: () => checker.shared,
  inFrame: 0,
};

const steps = new EventTarget();

/**
 * Runs `step` and returns its [start, end]. For the benchmark's --trace: the step runs as the
 * listener of an event of its own (a few microseconds), so a Chromium trace shows it as one
 * event with its thread time, which tells the page's work from time the OS gave other threads.
 */
function timed(step) {
  const started = performance.now();
  steps.addEventListener('step', step, { once: true });
  steps.dispatchEvent(new Event('step'));
  return [started, performance.now()];
}

/**
 * Sends the worker the changes made since the last check (none after a change of settings),
 * which made `doc`: it holds the text they apply to, so a key press posts a few characters,
 * not the text.
 */
function check(changes = [], doc = view.state.doc) {
  if (bench.baseline) return;
  sent += 1;
  const version = sent;
  const press = keyDownAt === null ? null : { at: keyDownAt, version, segments: [] };
  keyDownAt = null;
  // The whole text, should the worker not hold the last one (its first check, or a new worker).
  const segment = timed(() => checker.edit(changes, () => doc.toString()).then(
    (report) => report && apply(report, version, null),
    (misuse) => apply(null, version, misuse),
  ));
  if (press) {
    press.segments.push(segment);
    pressed.push(press);
  }
  // The worker usually finishes before the browser draws the change: when the page can share
  // memory with it, the report is taken in that frame and drawn with the text.
  if (checker.shared) requestAnimationFrame(collectInFrame);
}

/** While a frame is being drawn: the [start, end] of taking the report, which apply() shows
 * in that frame. */
let drawing = null;

function collectInFrame() {
  let collected = false;
  const segment = timed(() => { collected = checker.collect(); });
  if (!collected) return;
  // apply() runs as a microtask of the check's promise, queued by collect(): after it, the
  // frame goes on to style, layout and paint.
  drawing = segment;
  queueMicrotask(() => { drawing = null; });
}

/** The signature of the underlines shown; null after the whole text was replaced. */
let shownSignature = null;

/** Shows the findings of text `version` (the newest sent), or why there are none. */
function apply(report, version, misuse) {
  if (version !== sent) return;
  const segment = timed(() => show(report, version, misuse));
  const answered = pressed.filter((p) => p.version <= version);
  pressed = pressed.filter((p) => p.version > version);
  const taken = drawing;
  const record = (painted) => {
    for (const p of answered) {
      // The press whose own text was answered pays for taking and applying its report;
      // earlier ones were dropped.
      if (p.version === version) p.segments.push(...(taken ? [taken] : []), segment);
      const main = p.segments.reduce((sum, [from, to]) => sum + (to - from), 0);
      timings.push({ visible: painted - p.at, main, segments: p.segments, inFrame: Boolean(taken) });
    }
  };
  if (taken) bench.inFrame += 1;
  if (!answered.length) return;
  // Shown while a frame is drawn: that frame paints them. Else the next frame does.
  if (taken) record(performance.now());
  else requestAnimationFrame(() => record(performance.now()));
}

function show(report, version, misuse) {
  if (misuse) {
    // A bad config never throws; a schema that does not compile does.
    controls.status.textContent = misuse.message;
    controls.status.hidden = false;
  } else {
    controls.status.hidden = true;
  }
  // CodeMirror maps the underlines through each edit; the findings are shown again only when
  // they or their places (line and column) changed.
  const signed = signatureOf(report);
  if (signed.signature !== shownSignature) {
    showFindings(view, report);
    shownSignature = signed.signature;
  }
  renderProblems(controls.problems, report, jumpTo, signed);
  renderBadge(controls.badge, report);
  document.body.dataset.checks = String(version);
}

/** Moves the cursor to a finding's span and scrolls it into view. */
function jumpTo(diagnostic) {
  const range = rangeOf(view.state.doc, diagnostic);
  if (!range) return;
  view.dispatch({ selection: { anchor: range.from }, scrollIntoView: true });
  view.focus();
}

const language = new Compartment();
const view = new EditorView({
  parent: $('editor'),
  state: EditorState.create({
    doc: samples.synctv,
    extensions: [editorSetup, findingsLayer, language.of(languageFor(effectiveFormat()))],
  }),
  // Every change to the text is sent to the worker at once; its findings come back later.
  // The changes go before CodeMirror updates the page (a few milliseconds), so the worker
  // checks while it does, and is usually done before the frame that draws them.
  dispatchTransactions(transactions, view) {
    if (transactions.some((t) => t.docChanged)) {
      // The changes of all transactions, in the offsets of the text before the first.
      const changes = [];
      transactions.map((t) => t.changes).reduce((all, next) => all.compose(next))
        .iterChanges((from, to, _fromB, _toB, inserted) => changes.push({ from, to, insert: inserted.toString() }));
      check(changes, transactions.at(-1).state.doc);
    }
    view.update(transactions);
    // The benchmark's baseline: from the key press to CodeMirror having handled it, and to
    // the frame that paints the change (taken where `visible` is taken with findings).
    if (bench.baseline && keyDownAt !== null) {
      const at = keyDownAt;
      const handled = performance.now() - at;
      keyDownAt = null;
      requestAnimationFrame(() => {
        timings.push({ handled, visible: performance.now() - at, main: 0, segments: [] });
      });
    }
  },
});
// A key press starts at its keydown, or at its beforeinput for typed text: a browser fires the
// two back to back, but a driven browser (the benchmark) gets the text in a second message.
for (const type of ['keydown', 'beforeinput']) {
  view.contentDOM.addEventListener(type, () => { keyDownAt = performance.now(); }, { capture: true });
}

/** Shows the controls and the language the settings call for; later checks use them. */
function applySettings() {
  checker.configure(options());
  controls.customSchema.hidden = controls.schema.value !== CUSTOM;
  controls.sample.disabled = !(controls.schema.value in samples);
  view.dispatch({ effects: language.reconfigure(languageFor(effectiveFormat())) });
}

function settingsChanged() {
  applySettings();
  check();
}

/** Replaces the text (a sample, or a file by name); the change is checked like any edit. */
function showText(text, { format = 'auto', fileName = '' } = {}) {
  controls.format.value = format;
  controls.fileName.textContent = fileName;
  shownSignature = null;
  applySettings();
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

controls.schema.addEventListener('change', async () => {
  const chosen = controls.schema.value;
  if (chosen !== CUSTOM) {
    const module = await loadSchema(chosen);
    // Another schema may have been picked while this one loaded.
    if (controls.schema.value !== chosen) return;
    picked = module;
  }
  // Switching schemas replaces the text only while it is an untouched sample.
  const next = samples[controls.schema.value];
  if (next && Object.values(samples).includes(view.state.doc.toString())) {
    showText(next);
  } else {
    settingsChanged();
  }
});
for (const control of [controls.format, controls.profile]) control.addEventListener('change', settingsChanged);
controls.schemaText.addEventListener('input', () => {
  checker.configure(options());
  check();
});
controls.sample.addEventListener('click', () => showText(samples[controls.schema.value] ?? ''));
controls.open.addEventListener('change', async () => {
  const file = controls.open.files?.[0];
  if (!file) return;
  // The page's own copy of the wasm, the first time a file is opened (init() runs once).
  wasmReady ??= init();
  await wasmReady;
  const format = formatFromFileName(file.name) ?? 'auto';
  showText(await file.text(), { format, fileName: file.name });
  controls.open.value = '';
});

settingsChanged();
// For the browser test and the benchmark; not needed by a page that copies this one.
window.preflightEditor = { view, timings, bench };
