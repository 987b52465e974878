// The package's `preflight` bin: the Rust CLI's commands, output and exit statuses (0 no
// errors, 1 errors found, 2 the command could not run), and `--format github`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = fileURLToPath(new URL('../../pkg-web/bin/preflight.js', import.meta.url));
const rust = `${root}target/debug/preflight`;

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

test('the same output as the Rust CLI, byte for byte', { skip: !existsSync(rust) && 'target/debug/preflight is not built (cargo build)' }, () => {
  const cases = [
    ['check', 'examples/demo/config.yaml', '--schema', 'demo'],
    ['check', 'examples/demo/config.yaml', '--schema', 'demo', '--format', 'json'],
    ['check', 'examples/demo/config.yaml', 'examples/demo/clean.yaml', '--schema', 'demo', '--format', 'json'],
    ['check', 'examples/demo/config.yaml', '--schema', 'demo', '--format', 'github', '--profile', 'development'],
    ['check', 'tests/fixtures/synctv/invalid_file_storage.yaml', '--schema', 'synctv'],
    ['check', 'tests/fixtures/rend-api/invalid_local_stack.env', '--schema', 'rend-api', '--allow-dev-defaults'],
    ['check', 'tests/fixtures/secrets/invalid_secrets.yaml', '--schema', 'tests/fixtures/secrets/schema.yaml', '--strict'],
    ['schemas'],
    ['explain', 'webauthn/rp-id-mismatch'],
  ];
  for (const args of cases) {
    const js = run(args);
    const native = spawnSync(rust, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(js.stdout, native.stdout, args.join(' '));
    assert.equal(js.code, native.status, args.join(' '));
  }
});
