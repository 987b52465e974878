// Keystroke → updated findings in the editor page on 1,000-line SyncTV configs: p50 and p95
// over 200 edits (100 letters typed into a bucket name in the middle of the file, then deleted),
// timed in the page with performance.now() from the key press to the end of the check
// (underlines, list and badge updated). Figures for BENCHMARKS.md:
//   bash scripts/editor.sh --build && node examples/editor/bench/keystroke.mjs
// Two configs: SyncTV's commented example (../shared/corpus, when present) with 20 storage
// backends, and the tests' production config with ~150 backends (a stress case: every backend
// is checked field by field); then the first again with the check off, the editor's own cost.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { openEditor } from '../test/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const fixture = readFileSync(join(repo, 'tests/fixtures/synctv/valid_production.yaml'), 'utf8');
const example = join(repo, '..', 'shared/corpus/synctv/head/synctv.example.yaml');
const LINES = 1000;

function backend(i) {
  return i % 2
    ? [`    archive-${i}:`, '      type: database', '      compression: zstd', '      compression_min_savings_percent: 10']
    : [`    media-${i}:`, '      type: s3', '      endpoint: https://s3.eu-central-1.amazonaws.com',
      `      bucket: acme-watch-media-${i}`, '      region: eu-central-1',
      `      access_key_id_file: /run/secrets/media_${i}_access_key_id`,
      `      secret_access_key_file: /run/secrets/media_${i}_secret_access_key`,
      '      public_base_url: https://media.acme-watch.net'];
}

/** `text` with `backends:` (at two spaces) holding up to `max` backends, topped up with comment
 * lines to LINES lines. */
function grow(text, backendsLine, max) {
  const lines = [];
  let count = text.split('\n').length; // the editor counts the empty line after the last \n
  for (let i = 0; i < max; i++) {
    const block = backend(i);
    if (count + block.length > LINES) break;
    lines.push(...block);
    count += block.length;
  }
  while (count < LINES) {
    lines.push(`    # backend slot ${count}`);
    count++;
  }
  return text.replace(backendsLine, `  backends:\n${lines.map((l) => `${l}\n`).join('')}`);
}

const configs = [];
if (existsSync(example)) {
  configs.push(['SyncTV example + 20 backends', grow(readFileSync(example, 'utf8'), '  backends: {}\n', 20)]);
} else {
  console.log(`(${example} is not here: the example config is skipped)`);
}
configs.push(['test config + ~150 backends (stress)', grow(fixture, '  backends:\n', Infinity)]);
// The same edits on the first config with the check switched off: what the editor alone costs.
configs.push(['baseline: the first config, CodeMirror alone (no check)', configs[0][1], true]);

const editor = await openEditor();
const { page } = editor;
for (const [label, text, baseline = false] of configs) {
  const lines = await page.evaluate(([t, b]) => {
    const { view, bench } = window.preflightEditor;
    bench.baseline = false;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
    bench.baseline = b;
    return view.state.doc.lines;
  }, [text, baseline]);
  const before = await page.locator('#badge').textContent();
  await page.locator('.cm-content').focus();
  await page.evaluate(() => {
    const { view } = window.preflightEditor;
    const doc = view.state.doc;
    let at = Math.floor(doc.lines / 2);
    while (at < doc.lines && !doc.line(at).text.includes('bucket:')) at++;
    view.dispatch({ selection: { anchor: doc.line(at).to }, scrollIntoView: true });
    window.preflightEditor.timings.length = 0;
  });
  for (let i = 0; i < 100; i++) await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
  const typed = await page.locator('#badge').textContent();
  for (let i = 0; i < 100; i++) await page.keyboard.press('Backspace');
  const timings = await page.evaluate(() => [...window.preflightEditor.timings]);
  if (timings.length !== 200) throw new Error(`expected 200 timed edits, got ${timings.length}`);
  const ms = (x) => `${x.toFixed(2)} ms`;
  const figures = (key) => {
    const sorted = timings.map((t) => t[key]).sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return `p50 ${ms(at(0.5))}, p95 ${ms(at(0.95))}, max ${ms(sorted.at(-1))}`;
  };
  console.log(`${label}: ${lines} lines, ${text.length} characters; findings ${before}; while typing: ${typed}`);
  console.log(`  keystroke -> findings updated (200 edits): ${figures('total')}`);
  if (!baseline) {
    console.log(`  of which check() (validate, underlines, list, badge): ${figures('check')}`);
    // validate() alone on the same text in the same page, 200 calls.
    const alone = await page.evaluate(() => {
      const { bench } = window.preflightEditor;
      const samples = [];
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        bench.validate();
        samples.push({ alone: performance.now() - t0 });
      }
      return samples;
    });
    timings.splice(0, timings.length, ...alone);
    console.log(`  validate() alone, 200 calls in the page: ${figures('alone')}`);
  }
}
await editor.close();
