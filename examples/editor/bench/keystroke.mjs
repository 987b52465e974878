// Keystroke → findings on screen in the editor page on 1,000-line SyncTV configs, with the
// checks on a Web Worker: p50 and p95 over 200 edits (100 letters typed into a bucket name in
// the middle of the file, then deleted), timed in the page with performance.now():
// - main: the main-thread time preflight adds to a key press (sending the text; applying the
//   findings that answer it: underlines, list, badge), goal p95 <= 1 ms;
// - visible: from the press to the first frame painted with findings of that text or a newer
//   one, goal p95 <= 16 ms (one frame).
// Keys are pressed 50 ms apart (20 a second, faster than people type): a driven browser's
// presses back to back would be input events with no gap, which Chromium runs before any
// worker's answer, so nothing would be shown until the typing stops.
// Figures for BENCHMARKS.md:
//   bash scripts/editor.sh --build && node examples/editor/bench/keystroke.mjs [--trace]
// With --trace, Chromium records a trace while typing, and `main` is also given as main-thread
// CPU time: each step's wall time less the time the trace shows the main thread descheduled
// inside it (on a 2-core machine the OS often runs the woken worker or a raster thread in the
// middle of a step). Tracing slows the page a little.
// Two configs: SyncTV's commented example (../shared/corpus, when present) with 20 storage
// backends, and the tests' production config with ~150 backends (a stress case: every backend
// is checked field by field); then the first again with the check off, the editor's own cost:
// from the press to the change handled, and to the frame that paints it (the floor of
// `visible`).
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

const TRACE = process.argv.includes('--trace');

/** Starts a Chromium trace of the page; `stop()` resolves to its events. */
async function startTrace(page) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'blink', 'v8', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] },
  });
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      return events;
    },
  };
}

/**
 * Each timing's main-thread CPU time: the wall time of its segments less, in each, the time
 * the main thread was descheduled during the trace events inside it (duration less thread
 * duration of the outermost events that lie wholly inside). `clock` is a performance.measure
 * named `preflight-clock` whose start was `clockAt` in the page's time.
 */
function cpuTimes(events, timings, clockAt) {
  const clock = events.find((e) => e.name === 'preflight-clock' && e.ph === 'b');
  const main = events.find((e) => e.name === 'thread_name' && e.pid === clock.pid && e.args.name === 'CrRendererMain');
  const toTrace = (ms) => clock.ts + (ms - clockAt) * 1000;
  const spans = events.filter((e) => e.pid === clock.pid && e.tid === main.tid && e.ph === 'X' && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const descheduled = (from, to) => {
    let lost = 0;
    let coveredUntil = -Infinity;
    for (const e of spans) {
      if (e.ts < from || e.ts + e.dur > to || e.ts < coveredUntil) continue;
      lost += Math.max(0, e.dur - e.tdur);
      coveredUntil = e.ts + e.dur;
    }
    return lost / 1000;
  };
  return timings.map((t) => t.segments.reduce((sum, [from, to]) => sum + (to - from) - descheduled(toTrace(from), toTrace(to)), 0));
}

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
  if (!baseline) await page.waitForFunction(() => window.preflightEditor.bench.settled());
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
  const trace = TRACE && !baseline ? await startTrace(page) : null;
  const PACE = 50;
  for (let i = 0; i < 100; i++) {
    await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
    await page.waitForTimeout(PACE);
  }
  if (!baseline) await page.waitForFunction(() => window.preflightEditor.bench.settled());
  const typed = await page.locator('#badge').textContent();
  for (let i = 0; i < 100; i++) {
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(PACE);
  }
  // Findings arrive after the presses: wait for the last one's frame.
  await page.waitForFunction(() => window.preflightEditor.timings.length >= 200);
  const timings = await page.evaluate(() => [...window.preflightEditor.timings]);
  if (timings.length !== 200) throw new Error(`expected 200 timed edits, got ${timings.length}`);
  if (trace) {
    const clockAt = await page.evaluate(() => {
      const at = performance.now();
      performance.measure('preflight-clock', { start: at, end: at + 0.001 });
      return at;
    });
    const cpu = cpuTimes(await trace.stop(), timings, clockAt);
    timings.forEach((t, i) => { t.cpu = cpu[i]; });
  }
  const ms = (x) => `${x.toFixed(2)} ms`;
  const figures = (key) => {
    const sorted = timings.map((t) => t[key]).sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return `p50 ${ms(at(0.5))}, p95 ${ms(at(0.95))}, max ${ms(sorted.at(-1))}`;
  };
  console.log(`${label}: ${lines} lines, ${text.length} characters; findings ${before}; while typing: ${typed}`);
  if (baseline) {
    console.log(`  keystroke -> change handled, CodeMirror alone (200 edits): ${figures('handled')}`);
    // The floor of `visible` above: the same frame, with nothing to show but the change.
    console.log(`  keystroke -> the frame that paints the change, CodeMirror alone: ${figures('visible')}`);
  } else {
    console.log(`  main-thread time preflight adds per keystroke: ${figures('main')}`);
    if (trace) console.log(`  the same, main-thread CPU time (descheduled time left out): ${figures('cpu')}`);
    const inFrame = timings.filter((t) => t.inFrame).length;
    console.log(`  keystroke -> findings visible: ${figures('visible')}; drawn in the frame of the change: ${inFrame} of ${timings.length}`);
    // A check's round trip to the worker alone on the same text, 200 in turn.
    const alone = await page.evaluate(async () => {
      const { bench } = window.preflightEditor;
      const samples = [];
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        await bench.roundTrip();
        samples.push({ alone: performance.now() - t0 });
      }
      return samples;
    });
    timings.splice(0, timings.length, ...alone);
    console.log(`  a check's round trip to the worker, 200 in turn: ${figures('alone')}`);
  }
}
await editor.close();
