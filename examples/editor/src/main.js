// The editor page: CodeMirror 6 with preflight's findings re-computed on every change.
// Each check is synchronous (the wasm is loaded once, the compiled schema is cached), so a
// keystroke's underlines, list and badge are updated before the browser paints.
import { basicSetup } from 'codemirror';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import init, { formatFromFileName, schemas, validate } from 'preflight-wasm';

import { rangeOf, toCodeMirror } from './diagnostics.js';
import { languageFor } from './languages.js';
import { renderBadge, renderProblems } from './problems.js';
import { samples } from './samples.js';

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

await init();
const builtins = schemas();
for (const { name, title } of builtins) {
  const option = new Option(name, name);
  option.title = title;
  controls.schema.append(option);
}
controls.schema.append(new Option('custom (paste it)', CUSTOM));
controls.schema.value = 'synctv';

/** The options of `validate` the controls describe. */
function options() {
  const chosen = controls.schema.value;
  const base = chosen === CUSTOM ? { schemaText: controls.schemaText.value } : { schema: chosen };
  if (controls.format.value !== 'auto') base.format = controls.format.value;
  return { ...base, profile: controls.profile.value };
}

/** The format the text is read as: the one picked, else the schema's own. */
function effectiveFormat() {
  if (controls.format.value !== 'auto') return controls.format.value;
  return builtins.find((s) => s.name === controls.schema.value)?.format ?? 'yaml';
}

// Per key press: the time from the press to updated findings, and the part of it spent in
// check() (validate, underlines, list and badge); for the benchmark (bench/keystroke.mjs).
const timings = [];
let keyDownAt = null;

// For the benchmark: `baseline: true` skips the check (the editor alone); `validate()` runs
// the check's validate call alone on the current text.
const bench = { baseline: false, validate: () => validate(view.state.doc.toString(), options()) };

function check() {
  const checkAt = performance.now();
  if (bench.baseline) {
    if (keyDownAt !== null) timings.push({ total: checkAt - keyDownAt, check: 0 });
    keyDownAt = null;
    return;
  }
  let report = null;
  try {
    report = validate(view.state.doc.toString(), options());
    controls.status.hidden = true;
  } catch (misuse) {
    // A bad config never throws; a schema that does not compile does.
    controls.status.textContent = misuse.message;
    controls.status.hidden = false;
  }
  view.dispatch(setDiagnostics(view.state, report ? toCodeMirror(report, view.state.doc) : []));
  renderProblems(controls.problems, report, jumpTo);
  renderBadge(controls.badge, report);
  if (keyDownAt !== null) {
    const now = performance.now();
    timings.push({ total: now - keyDownAt, check: now - checkAt });
    keyDownAt = null;
  }
  document.body.dataset.checks = String(Number(document.body.dataset.checks ?? 0) + 1);
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
    extensions: [basicSetup, lintGutter(), language.of(languageFor(effectiveFormat()))],
  }),
  // Every change to the text is checked at once, in the same task as the key press.
  dispatchTransactions(transactions, view) {
    view.update(transactions);
    if (transactions.some((t) => t.docChanged)) check();
  },
});
// A key press starts at its keydown, or at its beforeinput for typed text: a browser fires the
// two back to back, but a driven browser (the benchmark) gets the text in a second message.
for (const type of ['keydown', 'beforeinput']) {
  view.contentDOM.addEventListener(type, () => { keyDownAt = performance.now(); }, { capture: true });
}

/** Shows the controls and the language the settings call for. */
function applySettings() {
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
  applySettings();
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

controls.schema.addEventListener('change', () => {
  // Switching schemas replaces the text only while it is an untouched sample.
  const next = samples[controls.schema.value];
  if (next && Object.values(samples).includes(view.state.doc.toString())) {
    showText(next);
  } else {
    settingsChanged();
  }
});
for (const control of [controls.format, controls.profile]) control.addEventListener('change', settingsChanged);
controls.schemaText.addEventListener('input', check);
controls.sample.addEventListener('click', () => showText(samples[controls.schema.value] ?? ''));
controls.open.addEventListener('change', async () => {
  const file = controls.open.files?.[0];
  if (!file) return;
  const format = formatFromFileName(file.name) ?? 'auto';
  showText(await file.text(), { format, fileName: file.name });
  controls.open.value = '';
});

settingsChanged();
// For the browser test and the benchmark; not needed by a page that copies this one.
window.preflightEditor = { view, timings, bench };
