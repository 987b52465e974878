#!/usr/bin/env node
// `npx preflight check`: the Rust CLI itself (preflight::cli, compiled to wasm in
// ./preflight_cli_bg.wasm), given Node's `fs` to read files with. Commands, flags, output and
// exit statuses are the Rust binary's, byte for byte: `preflight --help`.
import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { initSync, runCli } from './preflight_cli.js';

initSync({ module: readFileSync(new URL('./preflight_cli_bg.wasm', import.meta.url)) });

/** At most `max + 1` bytes of an open file descriptor (so a huge stream costs no memory). */
function readAtMost(fd, max) {
  const buffer = Buffer.allocUnsafe(Math.min(max + 1, 1 << 16));
  const chunks = [];
  let total = 0;
  while (total <= max) {
    let n;
    try {
      n = readSync(fd, buffer, 0, Math.min(buffer.length, max + 1 - total), null);
    } catch (e) {
      if (e.code === 'EAGAIN') continue; // a non-blocking stdin: wait for data
      if (e.code === 'EOF') break; // Windows, at the end of a pipe
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
    total += n;
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

const kindOf = (stats) => (stats.isDirectory() ? 'dir' : 'file');

const host = {
  cwd: () => process.cwd(),
  read(path, max) {
    if (path === '-') return readAtMost(0, max);
    const fd = openSync(path, 'r');
    try {
      const stats = fstatSync(fd);
      if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (stats.size > max) return { tooLarge: stats.size };
      return readAtMost(fd, max);
    } finally {
      closeSync(fd);
    }
  },
  kind(path) {
    try {
      return kindOf(statSync(path));
    } catch {
      return null;
    }
  },
  // Symbolic links are followed, as the Rust binary follows them.
  listDir(path) {
    const entries = [];
    for (const name of readdirSync(path)) {
      try {
        entries.push([name, kindOf(statSync(`${path}/${name}`))]);
      } catch {
        // a dangling link: not a file to check
      }
    }
    return entries;
  },
  write: (path, text) => writeFileSync(path, text),
  env: (name) => process.env[name],
  isTerminal: () => Boolean(process.stdout.isTTY),
};

const { stdout, stderr, status } = runCli(process.argv.slice(2), host);
process.stderr.write(stderr);
process.stdout.write(stdout);
process.exitCode = status;
