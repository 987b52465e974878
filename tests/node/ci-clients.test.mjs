// preflight where operators already run it, tested with the real clients (installed by
// scripts/ci-tools.sh): SARIF validated by check-jsonschema against the official SARIF 2.1.0
// schema, the pre-commit hook through `pre-commit try-repo`, and the GitHub Action's steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'pkg-web/bin/preflight.js');
const venv = join(root, 'target/tools-venv/bin');
const sarifSchema = join(root, 'target/sarif-schema-2.1.0.json');

function tools() {
  for (const tool of [join(venv, 'pre-commit'), join(venv, 'check-jsonschema'), sarifSchema]) {
    assert.ok(existsSync(tool), `${tool} is missing: run bash scripts/ci-tools.sh`);
  }
}

function rustBinary() {
  const rust = join(root, 'target/debug/preflight');
  if (!existsSync(rust)) {
    const built = spawnSync('cargo', ['build', '--quiet', '--bin', 'preflight'], { cwd: root, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  }
  return rust;
}

function tempDir(t, prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function write(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

// Random values made for this test, one per place a secret can be written.
const SECRETS = {
  field: 'Qx7vLq2XwR9tZp',
  urlPassword: 'Hk3mW8sDf5Jq1N',
  misspeltKey: 'Vb6nT2yUe9Rc4L',
  unparsedYaml: 'Zp8aS3dG6hJ2kQ',
  quotedEnv: 'Mn4bV7cX1zL9wE',
  envUrlPassword: 'Tr5yU8iO2pA6sD',
  unparsedJson: 'Fg3hJ6kL9qW2eR',
};

const SECRET_FILES = {
  'preflight.toml': '[[check]]\nfiles = ["config/*.yaml", "config/*.json"]\nschema = "synctv"\n\n[[check]]\nfiles = ["deploy/*.env"]\nschema = "synctv"\n',
  'config/synctv.yaml': [
    'jwt:',
    `  secret: ${SECRETS.field}`,
    `  secert_key: ${SECRETS.misspeltKey}`,
    'database:',
    `  url: postgres://synctv:${SECRETS.urlPassword}@localhost:5432/synctv`,
    '',
  ].join('\n'),
  'config/broken.yaml': `jwt:\n  secret: "${SECRETS.unparsedYaml}\n  other: [1, 2\n`,
  'config/broken.json': `{"jwt": {"secret": "${SECRETS.unparsedJson}", }\n`,
  'deploy/prod.env': `SYNCTV_JWT_SECRET='${SECRETS.quotedEnv}'\nSYNCTV_DATABASE_URL=postgres://u:${SECRETS.envUrlPassword}@db.internal:5432/x?sslmode=disable\n`,
};

/** Fails if any secret, or any six characters of one, is in `text`. */
function assertNoSecret(text, what) {
  for (const [where, secret] of Object.entries(SECRETS)) {
    for (let i = 0; i + 6 <= secret.length; i++) {
      const piece = secret.slice(i, i + 6);
      assert.ok(!text.includes(piece), `${what}: \`${piece}\` of the ${where} secret is in the output`);
    }
  }
}

test('SARIF validates against the official 2.1.0 schema and holds no secret', (t) => {
  tools();
  const dir = tempDir(t, 'preflight-sarif-');
  write(dir, SECRET_FILES);
  const env = { ...process.env, NO_COLOR: '1' };
  const native = spawnSync(rustBinary(), ['check', '--format', 'sarif', '--output-file', 'rust.sarif'], { cwd: dir, encoding: 'utf8', env });
  const js = spawnSync(process.execPath, [bin, 'check', '--format', 'sarif', '--output-file', 'node.sarif'], { cwd: dir, encoding: 'utf8', env });
  assert.equal(native.status, 1, native.stderr);
  assert.equal(js.status, 1, js.stderr);
  const text = readFileSync(join(dir, 'rust.sarif'), 'utf8');
  assert.equal(readFileSync(join(dir, 'node.sarif'), 'utf8'), text);

  const checked = spawnSync(join(venv, 'check-jsonschema'), ['--regex-variant', 'python', '--schemafile', sarifSchema, 'rust.sarif'], { cwd: dir, encoding: 'utf8' });
  assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  // The check can fail: a level SARIF does not know is refused.
  writeFileSync(join(dir, 'wrong.sarif'), text.replace('"level": "error"', '"level": "fatal"'));
  const wrong = spawnSync(join(venv, 'check-jsonschema'), ['--regex-variant', 'python', '--schemafile', sarifSchema, 'wrong.sarif'], { cwd: dir, encoding: 'utf8' });
  assert.equal(wrong.status, 1, wrong.stdout);

  assertNoSecret(text, 'sarif');
  for (const format of ['human', 'json', 'github']) {
    const run = spawnSync(rustBinary(), ['check', '--format', format], { cwd: dir, encoding: 'utf8', env });
    assertNoSecret(run.stdout + run.stderr, format);
  }

  const log = JSON.parse(text);
  const run = log.runs[0];
  assert.equal(log.version, '2.1.0');
  assert.equal(run.tool.driver.name, 'preflight');
  assert.equal(run.columnKind, 'utf16CodeUnits');
  const ruleIds = run.tool.driver.rules.map((r) => r.id);
  assert.deepEqual(ruleIds, [...new Set(run.results.map((r) => r.ruleId))].sort());
  for (const rule of run.tool.driver.rules) {
    assert.match(rule.helpUri, /^https:\/\/github\.com\/preflight-config\/preflight\/blob\/main\/docs\/codes\.md#[a-z0-9_-]+$/);
    assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text, rule.id);
  }
  for (const result of run.results) {
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.equal(JSON.stringify(result).includes('snippet'), false);
  }
  const uris = [...new Set(run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))];
  // In the order of the entries and their globs, each glob's files sorted.
  assert.deepEqual(uris, ['config/broken.yaml', 'config/synctv.yaml', 'config/broken.json', 'deploy/prod.env']);
  const tooShort = run.results.find((r) => r.ruleId === 'secret/too-short' && r.locations[0].physicalLocation.artifactLocation.uri === 'config/synctv.yaml');
  assert.deepEqual(tooShort.locations[0].physicalLocation.region, { startLine: 2, startColumn: 11, endLine: 2, endColumn: 25 });
  // Fingerprints: one per result, the same on the next run.
  const prints = run.results.map((r) => r.partialFingerprints['preflightFindingHash/v1']);
  assert.equal(new Set(prints).size, prints.length);
  spawnSync(rustBinary(), ['check', '--format', 'sarif', '--output-file', 'again.sarif'], { cwd: dir, env });
  const again = JSON.parse(readFileSync(join(dir, 'again.sarif'), 'utf8')).runs[0].results;
  assert.deepEqual(again.map((r) => r.partialFingerprints['preflightFindingHash/v1']), prints);
});

const GOOD_ENV = 'SYNCTV_SERVER_PORT=8080\n';
const BAD_ENV = 'SYNCTV_SERVER_PORT=70000\n';

function git(dir, ...args) {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });
}

test('pre-commit try-repo: the hook passes on a good file and fails on a bad one', { timeout: 900_000 }, (t) => {
  tools();
  const dir = tempDir(t, 'preflight-hook-');
  const schema = 'schema: app\nformat: env\nfields:\n  SYNCTV_SERVER_PORT: { kind: port, required: always }\n';
  write(dir, {
    'preflight.toml': '[[check]]\nfiles = ["deploy/*.env"]\nschema = "schemas/app.yaml"\n',
    'schemas/app.yaml': schema,
    'deploy/prod.env': GOOD_ENV,
    'README.md': 'not config\n',
  });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  const env = {
    ...process.env,
    PRE_COMMIT_HOME: join(dir, '.pre-commit-home'),
    // The hook's `cargo install` reuses one build directory across runs, and builds without
    // the release profile's LTO (this tests the hook, not the optimizer; minutes saved).
    CARGO_TARGET_DIR: join(root, 'target/pre-commit-build'),
    CARGO_PROFILE_RELEASE_LTO: 'false',
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16',
    CARGO_PROFILE_RELEASE_OPT_LEVEL: '1',
    NO_COLOR: '1',
  };
  const tryRepo = () => spawnSync(join(venv, 'pre-commit'), ['try-repo', root, 'preflight', '--all-files', '--color', 'never'], { cwd: dir, encoding: 'utf8', env });
  const good = tryRepo();
  assert.equal(good.status, 0, good.stdout + good.stderr);
  assert.match(good.stdout, /preflight\.+Passed/);

  writeFileSync(join(dir, 'deploy/prod.env'), BAD_ENV);
  git(dir, 'add', '.');
  const bad = tryRepo();
  assert.equal(bad.status, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /preflight\.+Failed/);
  assert.match(bad.stdout, /deploy\/prod\.env:1:20: error\[port\/out-of-range\] port 70000 is out of range/);
});

test('the Action: its shell steps with the variables GitHub sets', (t) => {
  const dir = tempDir(t, 'preflight-action-');
  const workspace = join(dir, 'repo');
  write(workspace, {
    'preflight.toml': '[[check]]\nfiles = ["deploy/*.env"]\nschema = "schemas/app.yaml"\n',
    'schemas/app.yaml': 'schema: app\nformat: env\nfields:\n  SYNCTV_SERVER_PORT: { kind: port, required: always }\n',
    'deploy/prod.env': BAD_ENV,
  });
  const output = join(dir, 'github-output');
  writeFileSync(output, '');
  const binDir = join(dir, 'tool-bin');
  mkdirSync(binDir);
  // The install step is the cached `cargo install`; here the binary the tests built stands in.
  execFileSync('ln', ['-s', rustBinary(), join(binDir, 'preflight')]);
  const env = {
    ...process.env,
    GITHUB_ACTION_PATH: root,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: output,
    RUNNER_TEMP: dir,
    PATH: `${binDir}:${process.env.PATH}`,
    INPUT_ARGS: '',
    INPUT_SARIF_FILE: 'preflight.sarif',
  };
  const run = spawnSync('bash', [join(root, 'scripts/action/check.sh')], { cwd: workspace, encoding: 'utf8', env });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /^::error file=deploy\/prod\.env,line=1,col=20,endLine=1,endColumn=25,title=preflight port\/out-of-range::/m);
  assert.equal(readFileSync(output, 'utf8'), `sarif-file=${join(workspace, 'preflight.sarif')}\nstatus=1\n`);
  const log = JSON.parse(readFileSync(join(workspace, 'preflight.sarif'), 'utf8'));
  assert.deepEqual(log.runs[0].results.map((r) => r.ruleId), ['port/out-of-range']);

  writeFileSync(join(workspace, 'deploy/prod.env'), GOOD_ENV);
  writeFileSync(output, '');
  const clean = spawnSync('bash', [join(root, 'scripts/action/check.sh')], { cwd: workspace, encoding: 'utf8', env });
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.equal(readFileSync(output, 'utf8'), `sarif-file=${join(workspace, 'preflight.sarif')}\nstatus=0\n`);

  // The install step: a binary the cache restored is used as it is (no cargo), and its
  // directory goes on the job's PATH.
  const cachedRoot = join(dir, 'cached');
  mkdirSync(join(cachedRoot, 'bin'), { recursive: true });
  execFileSync('ln', ['-s', rustBinary(), join(cachedRoot, 'bin', 'preflight')]);
  const githubPath = join(dir, 'github-path');
  writeFileSync(githubPath, '');
  const cached = spawnSync('bash', [join(root, 'scripts/action/install.sh')], {
    encoding: 'utf8',
    env: { ...env, PREFLIGHT_ROOT: cachedRoot, GITHUB_PATH: githubPath, PATH: '/usr/bin:/bin' },
  });
  assert.equal(cached.status, 0, cached.stdout + cached.stderr);
  assert.match(cached.stdout, /^preflight \d+\.\d+\.\d+ \(restored from the cache\)$/m);
  assert.equal(readFileSync(githubPath, 'utf8'), `${join(cachedRoot, 'bin')}\n`);

  // The cache key changes with the source the CLI is built from.
  writeFileSync(output, '');
  const key = spawnSync('bash', [join(root, 'scripts/action/key.sh')], { encoding: 'utf8', env: { ...env, RUNNER_OS: 'Linux', RUNNER_ARCH: 'X64' } });
  assert.equal(key.status, 0, key.stderr);
  assert.match(readFileSync(output, 'utf8'), /^key=preflight-cli-Linux-X64-[0-9a-f]{64}\n$/);
});
