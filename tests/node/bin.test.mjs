// The package's `preflight` bin: the Rust CLI's commands, output and exit statuses (0 no
// errors, 1 errors found, 2 the command could not run), and `--format github`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root, rustBinary } from './rust-cli.mjs';

const bin = fileURLToPath(new URL('../../pkg-web/bin/preflight.js', import.meta.url));

function run(args, input) {
  const out = spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

test('exit statuses: 1 with errors, 0 when clean, 2 when the command cannot run', () => {
  const bad = run(['check', 'examples/demo/config.yaml', '--schema', 'demo']);
  assert.equal(bad.code, 1, bad.stderr);
  assert.match(bad.stdout, /examples\/demo\/config\.yaml: 12 errors and 2 warnings \(production profile\)\n$/);
  const clean = run(['check', 'examples/demo/clean.yaml', '--schema', 'demo']);
  assert.equal(clean.code, 0, clean.stdout);
  assert.equal(clean.stdout, 'examples/demo/clean.yaml: no problems found (production profile)\n');
  for (const args of [
    ['check', 'examples/demo/config.yaml', '--schema', 'nope'],
    ['check', 'missing.yaml', '--schema', 'demo'],
    ['check', 'examples/demo/config.yaml'],
    ['check', 'examples/demo/config.yaml', '--schema', 'demo', '--format', 'xml'],
    ['check', 'examples/demo/config.yaml', '--schema', 'demo', '--bogus'],
    ['explain', 'nope/nope'],
    ['frobnicate'],
  ]) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^preflight: /, args.join(' '));
  }
});

test('--format github prints one workflow annotation per diagnostic', () => {
  const r = run(['check', 'examples/demo/config.yaml', '--schema', 'demo', '--format', 'github']);
  assert.equal(r.code, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 14);
  assert.equal(
    lines[0],
    '::error file=examples/demo/config.yaml,line=5,col=15,endLine=5,endColumn=37,title=preflight url/not-https::`http://app.example.com` sends traffic in plain text (/server/public_url)%0Ahelp: use `https://` in production',
  );
  assert.equal(lines.filter((l) => l.startsWith('::warning ')).length, 2);
  assert.ok(!r.stdout.includes('change-me'), 'the demo JWT secret is never shown');
});

test('env files, flags, stdin and several files', () => {
  const env = run(['check', 'examples/demo/.env.production', '--schema', 'demo', '--format', 'json']);
  const report = JSON.parse(env.stdout);
  assert.equal(report.schema, 'demo');
  assert.equal(env.code, report.errors > 0 ? 1 : 0);
  const stdin = run(['check', '-', '--schema', 'demo', '--input', 'yaml', '--profile', 'development', '--format', 'json'], 'server:\n  workers: 0\n');
  const fromStdin = JSON.parse(stdin.stdout);
  assert.equal(fromStdin.profile, 'development');
  assert.ok(fromStdin.diagnostics.some((d) => d.code === 'int/out-of-range' && d.pointer === '/server/workers' && d.span.start.line === 2));
  const both = JSON.parse(run(['check', 'examples/demo/config.yaml', 'examples/demo/clean.yaml', '--schema', 'demo', '--format', 'json']).stdout);
  assert.deepEqual(both.map((r) => [Object.keys(r)[0], r.file, r.errors]), [
    ['file', 'examples/demo/config.yaml', 12],
    ['file', 'examples/demo/clean.yaml', 0],
  ]);
  assert.match(run(['schemas']).stdout, /^synctv +SyncTV/);
  assert.match(run(['explain', 'url/local-host']).stdout, /^url\/local-host: /);
  assert.match(run(['--version']).stdout, /^preflight \d+\.\d+\.\d+\n$/);
});

function both(args, cwd, input) {
  const env = { ...process.env, NO_COLOR: '1' };
  const js = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8', env });
  const native = spawnSync(rustBinary(), args, { cwd, input, encoding: 'utf8', env });
  return { js, native };
}

function assertSame(args, cwd, input) {
  const { js, native } = both(args, cwd, input);
  const what = `${args.join(' ')} (in ${cwd})`;
  assert.equal(js.stdout, native.stdout, what);
  assert.equal(js.stderr, native.stderr, what);
  assert.equal(js.status, native.status, what);
  return native;
}

test('the same output as the Rust CLI, byte for byte', () => {
  const cases = [
    ['check', 'examples/demo/config.yaml', '--schema', 'demo'],
    ['check', 'examples/demo/config.yaml', '--schema', 'demo', '--format', 'json'],
    ['check', 'examples/demo/config.yaml', 'examples/demo/clean.yaml', '--schema', 'demo', '--format', 'json'],
    ['check', 'examples/demo/config.yaml', '--schema', 'demo', '--format', 'github', '--profile', 'development'],
    ['check', 'examples/demo/config.yaml', '--schema', 'demo', '--format', 'sarif'],
    ['check', 'examples/demo/config.yaml', '--schema', 'demo', '--quiet', '--color', 'always'],
    ['check', 'tests/fixtures/synctv/invalid_file_storage.yaml', '--schema', 'synctv'],
    ['check', 'tests/fixtures/rend-api/invalid_local_stack.env', '--schema', 'rend-api', '--allow-dev-defaults'],
    ['check', 'tests/fixtures/secrets/invalid_secrets.yaml', '--schema', 'tests/fixtures/secrets/schema.yaml', '--strict'],
    ['check', 'missing.yaml', '--schema', 'demo'],
    ['check', 'examples/demo/config.yaml', '--schema', 'demo', '--colour', 'never'],
    ['check', '--help'],
    ['help', 'explain'],
    ['--version'],
    ['schemas'],
    ['explain', 'webauthn/rp-id-mismatch'],
    ['explain', 'url/nope'],
  ];
  for (const args of cases) assertSame(args, root);
  assertSame(['check', '-', '--schema', 'demo', '--input', 'yaml', '--format', 'json'], root, 'server:\n  workers: 0\n');
});

test('with a preflight.toml in a fresh directory: the same bytes in every format', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-project-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'deploy', 'eu'), { recursive: true });
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'preflight.toml'), [
    'profile = "production"',
    '',
    '[[check]]',
    'files = ["synctv.yaml"]',
    'schema = "synctv"',
    '',
    '[[check]]',
    'files = ["deploy/**/*.env", "missing/*.env"]',
    'schema = "synctv"',
    'allow = ["placeholders"]',
    '',
  ].join('\n'));
  writeFileSync(join(dir, 'synctv.yaml'), readFileSync(join(root, 'tests/fixtures/synctv/invalid_production.yaml')));
  writeFileSync(join(dir, 'deploy', 'prod.env'), 'SYNCTV_JWT_SECRET=Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA\nSYNCTV_SERVER_PORT=70000\n');
  writeFileSync(join(dir, 'deploy', 'eu', 'staging.env'), 'SYNCTV_SERVER_PORT=8080\n');
  for (const format of ['human', 'json', 'github', 'sarif']) {
    const run = assertSame(['check', '--format', format], dir);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, 'preflight: warning: preflight.toml:8: `missing/*.env` matches no file\n');
    assertSame(['check', '--format', format, '--quiet'], join(dir, 'app'));
  }
  const sarif = JSON.parse(assertSame(['check', '--format', 'sarif'], dir).stdout);
  const uris = [...new Set(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))];
  assert.deepEqual(uris, ['synctv.yaml', 'deploy/eu/staging.env', 'deploy/prod.env']);
  // One FILE: the entry whose globs match it; an uncovered one is skipped with a note.
  const one = assertSame(['check', '../deploy/prod.env', '../README.md', '--format', 'json'], join(dir, 'app'));
  assert.equal(one.stderr, 'preflight: skipped 1 file no [[check]] of ../preflight.toml covers: ../README.md\n');
  assert.deepEqual(JSON.parse(one.stdout).diagnostics.map((d) => d.code).filter((c) => c.startsWith('port/')), ['port/out-of-range']);
  // --output-file writes the same bytes the other runtime writes.
  const out = both(['check', '--format', 'sarif', '--output-file', 'out.sarif'], dir);
  assert.equal(out.js.status, 1);
  assert.equal(out.js.stdout, '');
  assert.ok(readFileSync(join(dir, 'out.sarif'), 'utf8').startsWith('{\n  "$schema"'));
  // A mistake in the project file: status 2, with its line and column.
  writeFileSync(join(dir, 'preflight.toml'), '[[check]]\nfiles = ["synctv.yaml"]\nshema = "synctv"\n');
  const bad = assertSame(['check'], dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^preflight: preflight\.toml:3:1: unknown field `shema`, expected one of/);
});
