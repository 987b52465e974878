// The Rust CLI (target/debug/preflight), for tests that hold the npm package to it: built if
// a test run has not built it yet (never skipped).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const rust = `${root}target/debug/preflight`;

export function rustBinary() {
  if (!existsSync(rust)) {
    const built = spawnSync('cargo', ['build', '--quiet', '--bin', 'preflight'], { cwd: root, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  }
  return rust;
}
