// The editor page in headless Chromium (playwright-core, Debian's /usr/bin/chromium):
// live underlines, the problems list, the badge, hover, click-to-jump, the profile switch,
// custom schemas and masking. Build first: bash scripts/editor.sh --build
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { partOf } from '../../../scripts/pack-psl.mjs';
import { openEditor } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
// A SyncTV production config of the Rust tests (no findings in production).
const SYNCTV = join(repo, 'tests/fixtures/synctv/valid_production.yaml');
const SCREENSHOT = process.env.PREFLIGHT_EDITOR_SCREENSHOT ?? join(repo, 'target/editor-screenshot.png');

let editor;
let page;
before(async () => {
  editor = await openEditor();
  page = editor.page;
});
after(async () => editor?.close());
beforeEach(async () => {
  editor.requests.length = 0;
  await page.reload();
  await page.waitForFunction(() => Number(document.body.dataset.checks) > 0);
});

/** The problems list: `code line severity` per entry, in list order. */
const problems = () => page.locator('#problems li').evaluateAll((items) =>
  items.map((li) => `${li.dataset.code} ${li.dataset.line ?? '-'} ${li.dataset.severity}`));
/** The underlined texts with their severity class. */
const underlines = () => page.locator('.cm-lintRange').evaluateAll((marks) =>
  marks.map((m) => `${m.className.match(/cm-lintRange-(error|warning)/)[1]}: ${m.textContent}`));
const badge = () => page.locator('#badge').textContent();

/** Runs `action` and waits until the page has checked the text `times` more times (each
 * edit or settings change checks once), so assertions read the updated findings. */
async function checked(action, times = 1) {
  const before = await page.evaluate(() => Number(document.body.dataset.checks));
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.checks) >= n, before + times);
}

/** Opens a file through the page's file input, as an operator would. */
async function openFile(path) {
  await checked(() => page.locator('#open').setInputFiles(path));
}

/** Puts the cursor at the end of the first line holding `text`. */
async function endOfLine(text) {
  await page.locator('.cm-line', { hasText: text }).first().click();
  await page.keyboard.press('End');
}

test('the sample SyncTV config is checked at load: underlines, list sorted by line, badge', async () => {
  assert.equal(await badge(), '4 errors · 0 warnings');
  assert.deepEqual(await problems(), [
    'url/local-host 10 error',
    'secret/placeholder 14 error',
    'secret/too-short 14 error',
    'smtp/port-tls-mismatch 35 error',
  ]);
  assert.deepEqual(await underlines(), [
    'error: postgres://synctv:c0ffee5ca1ab1e@localhost:5432/synctv?sslmode=verify-full',
    'error: changeme',
    'error: false',
  ]);
  const entry = page.locator('#problems li[data-code="smtp/port-tls-mismatch"]');
  assert.match(await entry.textContent(), /^line 35, column 12error smtp\/port-tls-mismatchport 465 \(email\.smtp_port\) speaks TLS/);
  assert.deepEqual(editor.errors, []);
});

test('typing a CORS origin with a path underlines it and lists it; fixing it clears both', async () => {
  await openFile(SYNCTV);
  assert.equal(await page.locator('#file-name').textContent(), 'valid_production.yaml');
  assert.equal(await badge(), 'no problems');
  assert.deepEqual(await problems(), []);

  await endOfLine('cors_allowed_origins');
  await page.keyboard.press('ArrowLeft'); // before the closing `]`
  await checked(() => page.keyboard.type('/app'), 4);
  assert.deepEqual(await underlines(), ['error: https://watch.acme-video.net/app']);
  assert.deepEqual(await problems(), ['origin/has-path 6 error']);
  assert.equal(await badge(), '1 error · 0 warnings');
  const entry = page.locator('#problems li[data-code="origin/has-path"]');
  assert.equal(await entry.locator('.pf-place').textContent(), 'line 6, column 26');
  assert.match(await entry.textContent(), /an origin carries no path, not even \/: \/app never matches the Origin header/);

  // Hovering the underline shows code, message and help.
  await page.locator('.cm-lintRange-error').hover();
  const tooltip = page.locator('.cm-tooltip-lint');
  await tooltip.waitFor();
  assert.match(await tooltip.textContent(), /error origin\/has-path.*an origin carries no path.*write https:\/\/watch\.acme-video\.net/);

  // Typing on at the end of the underlined origin: the underline stretches over the new
  // letter and the hover tells the new path (the finding kept its place, its message changed).
  await page.mouse.move(0, 0);
  await tooltip.waitFor({ state: 'detached' });
  await checked(() => page.keyboard.type('x'));
  assert.deepEqual(await underlines(), ['error: https://watch.acme-video.net/appx']);
  await page.locator('.cm-lintRange-error').hover();
  await tooltip.waitFor();
  assert.match(await tooltip.textContent(), /\/appx never matches the Origin header/);

  await checked(async () => {
    for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace');
  }, 5);
  assert.deepEqual(await underlines(), []);
  assert.deepEqual(await problems(), []);
  assert.equal(await badge(), 'no problems');
});

test("a Unicode host name is converted by the browser's own URL parser, in the worker", async () => {
  // The module carries no Unicode tables: crates/idna asks the worker's `URL` for the A-label.
  await openFile(SYNCTV);
  await endOfLine('cors_allowed_origins');
  await page.keyboard.press('ArrowLeft'); // before the closing `]`
  await checked(() => page.keyboard.insertText(', https://bücher.acme-video.net'));
  assert.deepEqual(await problems(), ['origin/non-canonical 6 warning']);
  assert.deepEqual(await underlines(), ['warning: https://bücher.acme-video.net']);
  const entry = page.locator('#problems li[data-code="origin/non-canonical"]');
  assert.match(await entry.textContent(), /browsers send this origin as `?https:\/\/xn--bcher-kva\.acme-video\.net`?/);
  // A joiner where UTS #46 forbids one: not a valid name at all.
  await checked(() => page.keyboard.insertText(', https://a\u200db.acme-video.net'));
  assert.deepEqual(await problems(), ['origin/non-canonical 6 warning', 'origin/invalid 6 error']);
});

test('switching the profile changes development-only and production-only verdicts', async () => {
  // A production config checked as development: live-looking secrets are a warning there.
  await openFile(SYNCTV);
  await checked(() => page.locator('#profile').selectOption('development'));
  assert.equal(await badge(), '0 errors · 12 warnings');
  const found = await problems();
  assert.equal(found.length, 12);
  assert.ok(found.every((p) => p.startsWith('secret/looks-live ') && p.endsWith(' warning')), found.join('\n'));
  assert.equal(found[0], 'secret/looks-live 15 warning');
  await checked(() => page.locator('#profile').selectOption('production'));
  assert.equal(await badge(), 'no problems');

  // The sample: `localhost` is fine in development, and a placeholder secret is a warning.
  await checked(() => page.locator('#sample').click());
  await checked(() => page.locator('#profile').selectOption('development'));
  assert.deepEqual(await problems(), [
    'secret/placeholder 14 warning',
    'secret/too-short 14 error',
    'smtp/port-tls-mismatch 35 error',
  ]);
  assert.equal(await badge(), '2 errors · 1 warning');
});

test('clicking an entry moves the cursor to its span', async () => {
  await page.locator('#problems li[data-code="smtp/port-tls-mismatch"] button').click();
  const cursor = await page.evaluate(() => {
    const { state } = window.preflightEditor.view;
    const head = state.selection.main.head;
    const line = state.doc.lineAt(head);
    return { line: line.number, column: head - line.from + 1, focused: window.preflightEditor.view.hasFocus };
  });
  assert.deepEqual(cursor, { line: 35, column: 12, focused: true });
  assert.match(await page.locator('.cm-activeLine').textContent(), /use_tls: false/);
});

test("the editor's own keys: search opens, no empty lint panel (findings are the page's list)", async () => {
  await endOfLine('use_tls: false');
  await page.keyboard.press('ControlOrMeta+F');
  await page.locator('.cm-search').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.cm-search').waitFor({ state: 'detached' });
  await page.keyboard.press('ControlOrMeta+Shift+M');
  // A key press is handled in its event: a panel it opened would be on the page now.
  await page.evaluate(() => new Promise(requestAnimationFrame));
  assert.equal(await page.locator('.cm-panel').count(), 0);
});

test('checks run on a Web Worker; typing faster than the checks ends on the newest findings', async () => {
  assert.deepEqual(page.workers().map((w) => new URL(w.url()).pathname), ['/worker.js']);
  // The worker runs the checker module (validate only); the package's module is not fetched
  // until a file is opened by name.
  const wasmFetched = () => editor.requests.filter((path) => path.endsWith('.wasm'));
  assert.deepEqual([...new Set(wasmFetched())], ['/preflight_check_bg.wasm']);
  // The sample's WebAuthn block names hosts under `acme-video.net`: the worker fetched the
  // parts of the Public Suffix List for `net` and `acme-video.net`, not the whole list.
  const parts = editor.requests.filter((path) => path.includes('public_suffix_list')).sort();
  assert.deepEqual(parts, [`/public_suffix_list/${partOf('acme-video.net')}.dat`, `/public_suffix_list/${partOf('net')}.dat`].sort());
  // The page itself loads no wasm until a file is opened by name (formatFromFileName).
  const pageLoadedWasm = () => page.evaluate(() => performance.getEntriesByType('resource')
    .some((entry) => new URL(entry.name).pathname.endsWith('.wasm')));
  assert.equal(await pageLoadedWasm(), false);
  await openFile(SYNCTV);
  assert.equal(await pageLoadedWasm(), true);
  assert.deepEqual([...new Set(wasmFetched())], ['/preflight_check_bg.wasm', '/preflight_wasm_bg.wasm']);
  await endOfLine('cors_allowed_origins');
  await page.keyboard.press('ArrowLeft');
  // Four edits sent in one task: the first three results are dropped unseen.
  await checked(() => page.evaluate(() => {
    const { view } = window.preflightEditor;
    for (const piece of ['/', 'a', 'p', 'p']) {
      const at = view.state.selection.main.head;
      view.dispatch({ changes: { from: at, insert: piece }, selection: { anchor: at + 1 } });
    }
  }), 4);
  assert.deepEqual(await underlines(), ['error: https://watch.acme-video.net/app']);
  assert.deepEqual(await problems(), ['origin/has-path 6 error']);
  assert.deepEqual(editor.errors, []);
});

test('the page shares memory with its worker, and a key press is drawn with its findings in one frame', async () => {
  // serve.mjs sends the cross-origin isolation headers that shared memory needs.
  assert.equal(await page.evaluate(() => window.preflightEditor.bench.shared()), true);
  await openFile(SYNCTV);
  await endOfLine('cors_allowed_origins');
  await page.keyboard.press('ArrowLeft');
  await checked(() => page.keyboard.type('/'));
  await page.evaluate(() => { window.preflightEditor.bench.inFrame = 0; });
  // The worker answers in a few milliseconds, usually before the frame that draws the letter;
  // keys are pressed apart until one of them is drawn with its findings.
  let typed = 0;
  while (typed < 10 && await page.evaluate(() => window.preflightEditor.bench.inFrame) === 0) {
    await checked(() => page.keyboard.type('x'));
    typed += 1;
    await page.waitForTimeout(50);
  }
  assert.ok(await page.evaluate(() => window.preflightEditor.bench.inFrame) > 0, `none of ${typed} key presses`);
  assert.deepEqual(await underlines(), [`error: https://watch.acme-video.net/${'x'.repeat(typed)}`]);
  assert.deepEqual(await problems(), ['origin/has-path 6 error']);
  assert.deepEqual(editor.errors, []);
});

test('secret values appear in no list entry, hover or badge', async () => {
  await endOfLine('secret: changeme');
  await checked(() => page.keyboard.type('-but-longer'), 11);
  assert.deepEqual((await problems()).filter((p) => p.startsWith('secret/')),
    ['secret/placeholder 14 error', 'secret/too-short 14 error']);
  await page.locator('.cm-lintRange', { hasText: 'changeme' }).hover();
  await page.locator('.cm-tooltip-lint').waitFor();
  const shown = [
    await page.locator('#problems').textContent(),
    await page.locator('.cm-tooltip-lint').textContent(),
    await badge(),
  ].join('\n');
  for (const secret of ['changeme', 'but-longer', 'c0ffee5ca1ab1e']) {
    assert.ok(!shown.includes(secret), `${secret} is shown`);
  }
  assert.match(shown, /the secret is 19 characters long; at least 32 are required/);
});

test('an env sample, and a pasted custom schema with its own mistakes', async () => {
  await checked(() => page.locator('#schema').selectOption('pgstack'));
  // The untouched sample follows the schema; the language follows its format.
  assert.match(await page.locator('.cm-content').textContent(), /PGSTACK_ENV=production/);
  assert.deepEqual(await problems(), [
    'schema/missing-required - error',
    'schema/missing-required - error',
    'secret/below-256-bits 3 warning',
    'secret/below-256-bits 5 warning',
    'secret/reused 5 error',
    'secret/below-256-bits 6 warning',
    'secret/too-short 6 error',
    'origin/has-path 8 error',
  ]);
  assert.equal(await page.locator('#problems li').first().locator('.pf-place').textContent(), 'not in the file: /ANON_KEY');

  await checked(() => page.locator('#schema').selectOption('(custom)'));
  await checked(() => page.locator('#schema-text').fill('schema: mine\nformat: env\nunknown_fields: ignore\nfields:\n  SITE_URL: { kind: url, schemes: [http] }\n'));
  assert.deepEqual(await problems(), ['url/scheme-not-allowed 7 error']);
  assert.equal(await page.locator('#status').isHidden(), true);

  await checked(() => page.locator('#schema-text').fill('schema: mine\nfields:\n  SITE_URL: { kind: nope }\n'));
  assert.equal(await page.locator('#status').isVisible(), true);
  assert.match(await page.locator('#status').textContent(), /nope/);
  assert.equal(await badge(), 'not checked');
  assert.deepEqual(await problems(), []);
});

test('a JSON file is read as JSON (format from its name) and a JSON syntax error is underlined', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-editor-'));
  const file = join(dir, 'shop.json');
  writeFileSync(file, '{\n  "server": {\n    "listen": "0.0.0.0:8080",\n    "public_url": "http://app.acme-shop.io",\n    "workers": 0\n  }\n}\n');
  await checked(() => page.locator('#schema').selectOption('demo'));
  await openFile(file);
  rmSync(dir, { recursive: true, force: true });
  assert.equal(await page.locator('#format').inputValue(), 'json');
  assert.deepEqual(await problems(), [
    'schema/missing-required - error',
    'schema/missing-required - error',
    'url/not-https 4 error',
    'int/out-of-range 5 error',
  ]);
  assert.deepEqual(await underlines(), ['error: "http://app.acme-shop.io"', 'error: 0']);

  await endOfLine('"workers": 0');
  await checked(() => page.keyboard.type(','));
  const found = await problems();
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^parse\/json 6 error$/);
});

test('screenshot for the README: underlines, hover and the list', async () => {
  await page.locator('.cm-lintRange', { hasText: 'changeme' }).hover();
  await page.locator('.cm-tooltip-lint').waitFor();
  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  assert.ok(readFileSync(SCREENSHOT).length > 20_000);
});
