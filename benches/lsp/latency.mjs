// `preflight lsp` latency: a change sent → its diagnostics published, on a 1,000-line SyncTV
// config, over 200 incremental edits (each rewrites one port), p50/p95/max. The release
// binary is built first. Run: node benches/lsp/latency.mjs
// With `--open FILE SCHEMA` it instead opens FILE (checked with the built-in SCHEMA through a
// preflight.toml beside it) and sends its whole text again twice, timing each publish: the
// cost of a large or hostile file (`cargo run --release -p preflight-scale-bench --bin
// hostile -- --write target/hostile` writes some).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = spawnSync('cargo', ['build', '--quiet', '--release', '--bin', 'preflight'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
const bin = join(root, 'target/release/preflight');

const openAt = process.argv.indexOf('--open');
const [openFile, openSchema] = openAt > 0 ? process.argv.slice(openAt + 1, openAt + 3) : [];

// The fixture, then storage backends until the file has 1,000 lines.
let text = `# preflight: schema=synctv profile=production\n${readFileSync(join(root, 'tests/fixtures/synctv/valid_production.yaml'), 'utf8')}`;
const anchor = '  backends:\n';
const lines = () => text.split('\n').length;
let n = 0;
while (lines() < 1000) {
  const backend = `    extra${n}:\n      type: s3\n      endpoint: https://s3.eu-central-1.amazonaws.com\n      bucket: acme-extra-${n}\n      region: eu-central-1\n      access_key_id_file: /run/secrets/k${n}\n      secret_access_key_file: /run/secrets/s${n}\n`;
  text = text.replace(anchor, anchor + backend);
  n++;
}
text = text.split('\n').slice(0, 1000).join('\n');
const dir = mkdtempSync(join(tmpdir(), 'preflight-lsp-bench-'));
let file = join(dir, 'synctv.yaml');
if (openFile) {
  text = readFileSync(openFile, 'utf8');
  file = join(dir, `opened.${openFile.split('.').pop()}`);
  writeFileSync(join(dir, 'preflight.toml'), `[[check]]\nfiles = ["opened.*"]\nschema = "${openSchema}"\n`);
}
writeFileSync(file, text);
const uri = `file://${file}`;

const server = spawn(bin, ['lsp'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
let buffer = Buffer.alloc(0);
const waiting = [];
server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const head = buffer.indexOf('\r\n\r\n');
    if (head < 0) return;
    const length = Number(/Content-Length: (\d+)/.exec(buffer.subarray(0, head).toString())[1]);
    if (buffer.length < head + 4 + length) return;
    const message = JSON.parse(buffer.subarray(head + 4, head + 4 + length).toString());
    buffer = buffer.subarray(head + 4 + length);
    for (let i = 0; i < waiting.length; i++) {
      if (waiting[i].match(message)) {
        waiting.splice(i, 1)[0].resolve(message);
        break;
      }
    }
  }
});
const send = (message) => {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
};
const next = (match) => new Promise((resolve) => waiting.push({ match, resolve }));
const published = (version) => next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.version === version);

send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
await next((m) => m.id === 1);
send({ method: 'initialized', params: {} });
const openedAt = process.hrtime.bigint();
send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text } } });
const opened = await published(1);
if (openFile) {
  const times = [Number(process.hrtime.bigint() - openedAt) / 1e6];
  for (const version of [2, 3]) {
    const started = process.hrtime.bigint();
    const done = published(version);
    send({ method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [{ text }] } });
    await done;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  server.kill();
  rmSync(dir, { recursive: true, force: true });
  const sorted = times.sort((a, b) => a - b);
  console.log(`${openFile}: ${Buffer.byteLength(text)} bytes, ${opened.params.diagnostics.length} diagnostics; text sent -> diagnostics published, median of 3: ${sorted[1].toFixed(1)} ms`);
  process.exit(0);
}

// Each edit rewrites `port: 8080` of the server block (line and column from the text).
const textLines = text.split('\n');
const line = textLines.findIndex((l) => l === '  port: 8080');
const times = [];
let current = '8080';
for (let version = 2; version < 202; version++) {
  const value = current === '8080' ? '70000' : '8080';
  const change = { range: { start: { line, character: 8 }, end: { line, character: 8 + current.length } }, text: value };
  const started = process.hrtime.bigint();
  const done = published(version);
  send({ method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [change] } });
  const message = await done;
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
  const flagged = message.params.diagnostics.some((d) => d.code === 'port/out-of-range');
  if (flagged !== (value === '70000')) throw new Error(`version ${version}: the diagnostics do not follow the edit`);
  current = value;
}
send({ id: 2, method: 'shutdown' });
await next((m) => m.id === 2);
send({ method: 'exit' });

// The same file checked once by the CLI, as a same-run reference.
const cli = [];
for (let i = 0; i < 20; i++) {
  const started = process.hrtime.bigint();
  spawnSync(bin, ['check', file, '--schema', 'synctv', '--format', 'json']);
  cli.push(Number(process.hrtime.bigint() - started) / 1e6);
}
rmSync(dir, { recursive: true, force: true });

const pct = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))];
const fmt = (ms) => `${ms.toFixed(2)} ms`;
console.log(`config: ${text.split('\n').length} lines, ${Buffer.byteLength(text)} bytes; ${opened.params.diagnostics.length} diagnostics when opened`);
console.log(`change -> diagnostics published (200 edits): p50 ${fmt(pct(times, 50))}, p95 ${fmt(pct(times, 95))}, max ${fmt(Math.max(...times))}`);
console.log(`same run, the CLI checking the file as a process (20 runs): p50 ${fmt(pct(cli, 50))}`);
