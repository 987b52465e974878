// The worker client (createChecker) with the package's real worker entry on a worker_threads
// thread (checker-worker.js): reports as validate() gives them, results older than the newest
// text dropped, one check running and one waiting, options changed between checks, misuse
// rejected, the worker recycled after a large text. A real browser runs it in the editor's
// test (examples/editor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createChecker, validate } from 'preflight-wasm';
import { createChecker as createCheckerAlone } from 'preflight-wasm/checker';
import { applyEdits } from '../../pkg-web/edits.js';
import demo from 'preflight-wasm/schemas/demo';
import synctv from 'preflight-wasm/schemas/synctv';

// The checker module, which a worker loads by default (validate without the rest of the API).
const wasm = new WebAssembly.Module(readFileSync(new URL('../../pkg-web/preflight_check_bg.wasm', import.meta.url)));
// The package's module, which a page may pass instead.
const packageWasm = new WebAssembly.Module(readFileSync(new URL('../../pkg-web/preflight_wasm_bg.wasm', import.meta.url)));
const CONFIG = 'server:\n  listen: 0.0.0.0:8080\n  workers: 0\n  public_url: http://app.example.com\n';
// The worker runs a browsers' module, which has no built-in schemas: the page imports them.
const OPTIONS = { schema: demo, profile: 'development' };

/**
 * A factory of workers with the Web Worker interface; `started` lists what each was sent (a
 * text, or `{ edits }`), `withOptions` whether each message carried options.
 */
function workers({ delay = 0 } = {}) {
  const started = [];
  const withOptions = [];
  const make = () => {
    const thread = new Worker(new URL('./checker-worker.js', import.meta.url), { workerData: { delay } });
    const sent = [];
    started.push(sent);
    const worker = {
      onmessage: null,
      onerror: null,
      postMessage(message) {
        sent.push('text' in message ? message.text : { edits: message.edits });
        withOptions.push('options' in message);
        thread.postMessage(message);
      },
      terminate() {
        thread.terminate();
      },
    };
    thread.on('message', (data) => worker.onmessage?.({ data }));
    thread.on('error', (error) => worker.onerror?.({ message: error.message }));
    return worker;
  };
  return { make, started, withOptions };
}

/** `[code, pointer, line, column]` of every diagnostic but the missing keys the demo config leaves out. */
const found = (report) => report.diagnostics
  .filter((d) => d.code !== 'schema/missing-required')
  .map((d) => [d.code, d.pointer, d.span?.start.line, d.span?.start.column]);

test('a check on the worker gives the report validate() gives', async () => {
  const { make, started, withOptions } = workers();
  const checker = createChecker({ ...OPTIONS, worker: make, wasm });
  try {
    const report = await checker.check(CONFIG);
    assert.deepEqual(report, validate(CONFIG, OPTIONS));
    assert.deepEqual(found(report), [['int/out-of-range', '/server/workers', 3, 12]]);
    // The same worker for the next check, with changed options.
    checker.configure({ ...OPTIONS, profile: 'production' });
    const production = await checker.check(CONFIG);
    assert.equal(production.profile, 'production');
    assert.deepEqual(found(production), [
      ['int/out-of-range', '/server/workers', 3, 12],
      ['url/not-https', '/server/public_url', 4, 15],
    ]);
    assert.equal(checker.workersStarted, 1);
    assert.equal(started.length, 1);
    // Options go to the worker when they change, not with every text.
    assert.equal((await checker.check(CONFIG)).profile, 'production');
    assert.deepEqual(withOptions, [true, true, false]);
  } finally {
    checker.close();
  }
});

test("the package's module, passed as `wasm`, runs with its own glue and gives the same reports", async () => {
  const { make } = workers();
  const psl = readFileSync(new URL('../../pkg-web/public_suffix_list.dat', import.meta.url), 'utf8');
  const checker = createChecker({ ...OPTIONS, worker: make, wasm: packageWasm });
  const bytes = createChecker({ schema: synctv, worker: make, wasm: readFileSync(new URL('../../pkg-web/preflight_wasm_bg.wasm', import.meta.url)), psl });
  try {
    assert.deepEqual(await checker.check(CONFIG), validate(CONFIG, OPTIONS));
    const webauthn = 'webauthn:\n  enabled: true\n  rp_id: example.com\n  rp_origin: https://example.com\n';
    assert.deepEqual(await bytes.check(webauthn), validate(webauthn, { schema: synctv }));
  } finally {
    checker.close();
    bytes.close();
  }
});

test('preflight-wasm/checker is the same client, without the package\'s API', async () => {
  assert.equal(createCheckerAlone, createChecker);
  const { make } = workers();
  const checker = createCheckerAlone({ ...OPTIONS, worker: make, wasm });
  try {
    assert.deepEqual(found(await checker.check(CONFIG)), [['int/out-of-range', '/server/workers', 3, 12]]);
  } finally {
    checker.close();
  }
});

test('the checker module has validate and the list, not the rest of the API', () => {
  const exports = WebAssembly.Module.exports(wasm).map((e) => e.name);
  for (const name of ['validate', 'loadPublicSuffixList', 'needsPublicSuffixList', 'publicSuffixListLoaded', 'version']) {
    assert.ok(exports.includes(name), name);
  }
  for (const name of ['validateObject', 'checkAndFormat', 'explain', 'exportJsonSchema', 'codes', 'schemas', 'formatFromFileName']) {
    assert.ok(!exports.includes(name), name);
    assert.ok(WebAssembly.Module.exports(packageWasm).some((e) => e.name === name), name);
  }
});

test('results older than the newest text are dropped; texts sent meanwhile wait, the newest only', async () => {
  const { make, started } = workers({ delay: 50 });
  const checker = createChecker({ ...OPTIONS, worker: make, wasm });
  try {
    const texts = [0, 1, 2, 3].map((n) => CONFIG.replace('workers: 0', `workers: ${n}`));
    const results = await Promise.all(texts.map((t) => checker.check(t)));
    // The first was running when the others came: it is answered, but stale; the second and
    // third were replaced while waiting, so never sent; the fourth is the newest.
    assert.deepEqual(results.slice(0, 3), [null, null, null]);
    assert.deepEqual(found(results[3]), []);
    assert.deepEqual(started, [[texts[0], texts[3]]]);
  } finally {
    checker.close();
  }
});

test('options that do not work reject the newest check; the checker goes on', async () => {
  const { make } = workers();
  const checker = createChecker({ schema: 'no-such-schema', worker: make, wasm });
  try {
    await assert.rejects(checker.check(CONFIG), /unknown schema `no-such-schema`/);
    checker.configure({ schema: 'demo' });
    await assert.rejects(checker.check(CONFIG), /unknown schema `demo`: this module has no built-in schemas; import the schema from 'preflight-wasm\/schemas\/demo'/);
    checker.configure(OPTIONS);
    assert.deepEqual(found(await checker.check(CONFIG)), [['int/out-of-range', '/server/workers', 3, 12]]);
  } finally {
    checker.close();
  }
});

test('a text over recycleAfter ends the worker after its check; the next check starts another', async () => {
  const { make, started } = workers();
  const checker = createChecker({ ...OPTIONS, worker: make, wasm, recycleAfter: 1000 });
  try {
    const large = `${CONFIG}${'# padding\n'.repeat(200)}`;
    assert.deepEqual(found(await checker.check(CONFIG)), [['int/out-of-range', '/server/workers', 3, 12]]);
    assert.deepEqual(found(await checker.check(large)), [['int/out-of-range', '/server/workers', 3, 12]]);
    assert.equal(checker.workersStarted, 1);
    assert.deepEqual(found(await checker.check(CONFIG)), [['int/out-of-range', '/server/workers', 3, 12]]);
    assert.equal(checker.workersStarted, 2);
    assert.deepEqual(started.map((texts) => texts.length), [2, 1]);
  } finally {
    checker.close();
  }
});

test('close() resolves what is pending to null and refuses later checks', async () => {
  const { make } = workers({ delay: 50 });
  const checker = createChecker({ ...OPTIONS, worker: make, wasm });
  const pending = checker.check(CONFIG);
  checker.close();
  assert.equal(await pending, null);
  await assert.rejects(checker.check(CONFIG), /closed/);
});

test('a schema with a WebAuthn block: the worker loads the Public Suffix List it is given, once', async () => {
  const { make, started } = workers();
  const psl = readFileSync(new URL('../../pkg-web/public_suffix_list.dat', import.meta.url), 'utf8');
  const checker = createChecker({ schema: synctv, worker: make, wasm, psl });
  try {
    const config = readFileSync(new URL('../fixtures/synctv/valid_production.yaml', import.meta.url), 'utf8');
    const mismatch = config.replace('rp_id: acme-video.net', 'rp_id: other-video.net');
    const report = await checker.check(mismatch);
    assert.deepEqual(report, validate(mismatch, { schema: 'synctv' }));
    assert.deepEqual(found(report), [['webauthn/rp-id-mismatch', '/webauthn/rp_id', 71, 10]]);
    assert.deepEqual(found(await checker.check(config)), []);
    assert.equal(started.length, 1);
  } finally {
    checker.close();
  }
});

test('without the list where a WebAuthn block\'s host names need it, the check is refused, never run without it', async () => {
  const { make } = workers();
  const checker = createChecker({ schema: synctv, worker: make, wasm, psl: 'file:///nowhere/public_suffix_list.dat' });
  try {
    // The host names need the list's `.net` part; neither it nor the whole list can be fetched.
    await assert.rejects(checker.check('webauthn:\n  enabled: true\n  rp_id: acme-video.net\n  rp_origin: https://watch.acme-video.net\n'), /fetch|not implemented|ENOENT|scheme/i);
  } finally {
    checker.close();
  }
});

test('edits: the worker is sent the changes when it holds the text they apply to', async () => {
  const { make, started } = workers();
  const checker = createChecker({ ...OPTIONS, worker: make, wasm });
  try {
    // No text yet on the worker: the text (a function, called now) goes whole.
    let asked = 0;
    const report = await checker.edit([{ from: 0, to: 0, insert: CONFIG }], () => { asked += 1; return CONFIG; });
    assert.equal(asked, 1);
    assert.deepEqual(report, validate(CONFIG, OPTIONS));
    // `workers: 0` → `workers: 12`, then `http:` → `https:`: the changes only.
    const at = CONFIG.indexOf('workers: 0') + 'workers: '.length;
    const twelve = [{ from: at, to: at + 1, insert: '12' }];
    const secure = CONFIG.replace('workers: 0', 'workers: 12');
    const scheme = secure.indexOf('http:');
    const fixed = secure.replace('http:', 'https:');
    assert.deepEqual(found(await checker.edit(twelve, () => { asked += 1; return secure; })), []);
    checker.configure({ ...OPTIONS, profile: 'production' });
    const production = await checker.edit([{ from: scheme + 4, to: scheme + 4, insert: 's' }], fixed);
    assert.deepEqual(production, validate(fixed, { ...OPTIONS, profile: 'production' }));
    assert.equal(asked, 1);
    assert.deepEqual(started, [[CONFIG, { edits: [twelve] }, { edits: [[{ from: scheme + 4, to: scheme + 4, insert: 's' }]] }]]);
  } finally {
    checker.close();
  }
});

test('edits: changes of texts replaced while waiting go together; after a whole text, the text goes', async () => {
  const { make, started } = workers({ delay: 50 });
  const checker = createChecker({ ...OPTIONS, worker: make, wasm });
  try {
    await checker.check(CONFIG);
    const at = CONFIG.indexOf('workers: 0') + 'workers: '.length;
    const one = [{ from: at, to: at + 1, insert: '1' }];
    const two = [{ from: at + 1, to: at + 1, insert: '2' }];
    const three = [{ from: at + 2, to: at + 2, insert: '3' }];
    const texts = ['1', '12', '123'].map((n) => CONFIG.replace('workers: 0', `workers: ${n}`));
    const results = await Promise.all([checker.edit(one, texts[0]), checker.edit(two, texts[1]), checker.edit(three, texts[2])]);
    assert.deepEqual(results.slice(0, 2), [null, null]);
    assert.deepEqual(results[2], validate(texts[2], OPTIONS));
    // The second waited and was replaced by the third: both their changes went in one message.
    assert.deepEqual(started, [[CONFIG, { edits: [one] }, { edits: [two, three] }]]);
    // A whole text waiting, then a change: the changed text goes whole.
    const pending = [checker.check(CONFIG), checker.check(texts[0]), checker.edit(two, texts[1])];
    const last = await Promise.all(pending);
    assert.deepEqual(last[2], validate(texts[1], OPTIONS));
    assert.deepEqual(started[0].slice(3), [CONFIG, texts[1]]);
  } finally {
    checker.close();
  }
});

test('edits: a change that does not fit rejects the check; the next one sends the whole text', async () => {
  const { make, started } = workers();
  const checker = createChecker({ ...OPTIONS, worker: make, wasm });
  try {
    await checker.check(CONFIG);
    await assert.rejects(checker.edit([{ from: 5, to: 5000, insert: '' }], 'x'),
      /the change \{ from: 5, to: 5000 \} does not fit a text of 81 characters or overlaps another/);
    const report = await checker.edit([{ from: 0, to: 0, insert: '# a comment\n' }], `# a comment\n${CONFIG}`);
    assert.deepEqual(report, validate(`# a comment\n${CONFIG}`, OPTIONS));
    assert.deepEqual(started[0].slice(2), [`# a comment\n${CONFIG}`]);
    // After recycling too: a new worker holds no text.
    const large = `${CONFIG}${'# padding\n'.repeat(200)}`;
    const recycling = createChecker({ ...OPTIONS, worker: make, wasm, recycleAfter: 1000 });
    try {
      await recycling.check(large);
      const end = large.length;
      const shorter = await recycling.edit([{ from: CONFIG.length, to: end, insert: '' }], () => CONFIG);
      assert.deepEqual(shorter, validate(CONFIG, OPTIONS));
      assert.equal(recycling.workersStarted, 2);
      assert.deepEqual(started.slice(1), [[large], [CONFIG]]);
    } finally {
      recycling.close();
    }
  } finally {
    checker.close();
  }
});

test('edits: a text function that throws fails that check only', async () => {
  const { make } = workers();
  const checker = createChecker({ ...OPTIONS, worker: make, wasm });
  try {
    await assert.rejects(checker.edit([], () => { throw new Error('no text here'); }), /no text here/);
    assert.equal(checker.workersStarted, 0);
    assert.deepEqual(found(await checker.edit([], () => CONFIG)), [['int/out-of-range', '/server/workers', 3, 12]]);
  } finally {
    checker.close();
  }
});

test('collect() takes a finished report from shared memory before its message comes', async () => {
  // Answers are held back a second: the report is in the mailbox long before.
  const { make } = workers({ delay: 1000 });
  const checker = createChecker({ ...OPTIONS, worker: make, wasm });
  try {
    assert.equal(checker.shared, true);
    assert.equal(checker.collect(), false); // nothing running
    const settled = [];
    const pending = checker.check(CONFIG).then((report) => settled.push(report));
    const t0 = Date.now();
    while (!checker.collect()) {
      assert.ok(Date.now() - t0 < 900, 'the report is in the mailbox before the message');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await pending;
    assert.deepEqual(settled, [validate(CONFIG, OPTIONS)]);
    assert.equal(checker.collect(), false); // taken once
    // The held-back message of the collected check changes nothing; the next check is its own.
    const fixed = CONFIG.replace('workers: 0', 'workers: 4');
    assert.deepEqual(found(await checker.check(fixed)), []);
    assert.deepEqual(settled.length, 1);
  } finally {
    checker.close();
  }
});

test('without shared memory, or with a report too large for it, reports come by message', async () => {
  for (const options of [{ shared: false }, { mailboxBytes: 64 }]) {
    const { make } = workers({ delay: 50 });
    const checker = createChecker({ ...OPTIONS, worker: make, wasm, ...options });
    try {
      assert.equal(checker.shared, options.shared ?? true);
      const pending = checker.check(CONFIG);
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.equal(checker.collect(), false);
      assert.deepEqual(await pending, validate(CONFIG, OPTIONS));
    } finally {
      checker.close();
    }
  }
});

test('applyEdits: changes in any order, each list on the text the last one made; overlaps refused', () => {
  assert.equal(applyEdits('abcdef', [[{ from: 4, to: 6, insert: 'X' }, { from: 0, to: 1, insert: 'YY' }]]), 'YYbcdX');
  assert.equal(applyEdits('abc', [[{ from: 3, to: 3, insert: 'd' }], [{ from: 0, to: 4, insert: '' }]]), '');
  assert.equal(applyEdits('abc', []), 'abc');
  assert.throws(() => applyEdits('abcdef', [[{ from: 0, to: 3, insert: '' }, { from: 2, to: 4, insert: '' }]]),
    /the change \{ from: 0, to: 3 \} does not fit a text of 6 characters or overlaps another/);
  assert.throws(() => applyEdits('abc', [[{ from: 2, to: 1, insert: '' }]]), /from: 2, to: 1/);
  assert.throws(() => applyEdits('abc', [[{ from: 0, to: 1 }]]), /from: 0, to: 1/);
  assert.throws(() => applyEdits('abc', [[null]]), /from: undefined/);
  assert.throws(() => applyEdits('abc', 'x'), /expected a list of change lists/);
});
