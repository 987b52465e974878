// Editors that nobody here wrote, against `preflight lsp`: Neovim's built-in LSP client,
// headless (Debian's `neovim`, installed by scripts/ci-tools.sh). tests/editors/neovim.lua
// drives it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rust = join(root, 'target/debug/preflight');

test('Neovim: diagnostics of a SyncTV config, a quick fix applied, an edit re-checked', (t) => {
  const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(nvim.status, 0, 'nvim is missing: run bash scripts/ci-tools.sh');
  if (!existsSync(rust)) {
    const built = spawnSync('cargo', ['build', '--quiet', '--bin', 'preflight'], { cwd: root, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  }
  const dir = mkdtempSync(join(tmpdir(), 'preflight-nvim-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const config = join(dir, 'synctv.yaml');
  writeFileSync(config, [
    '# preflight: schema=synctv profile=development',
    'server: { port: 70000 }',
    'jwt:',
    '  secret: Qx7vLq2XwR9tZpWm3Kd8Fh2Lc6Vn1Bx4',
    'webauthn:',
    '  allowed_origins: ["https://Example.COM:443/"]',
    '',
  ].join('\n'));
  const result = join(dir, 'result.json');
  const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(root, 'tests/editors/neovim.lua')}`], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PREFLIGHT_BIN: rust, CONFIG: config, RESULT: result },
  });
  assert.ok(existsSync(result), `nvim wrote no result: ${run.stdout}${run.stderr}`);
  const seen = JSON.parse(readFileSync(result, 'utf8'));
  assert.equal(seen.error, undefined, seen.error);
  assert.deepEqual(seen.opened.filter((d) => d.code !== 'relation/one-of'), [
    { code: 'port/out-of-range', line: 2 },
    { code: 'origin/has-path', line: 6 },
  ]);
  assert.deepEqual(seen.actions, ['Replace with `https://example.com`']);
  assert.equal(seen.fixed_line, '  allowed_origins: ["https://example.com"]');
  assert.ok(!seen.edited.some((d) => d.code === 'port/out-of-range' || d.code === 'origin/has-path'), JSON.stringify(seen.edited));
  assert.match(seen.text, /^server: \{ port: 8080 \}$/m);
});
