// A static file server for dist/ (node:http, no dependencies): `node serve.mjs [port]`.
// The tests and the benchmark start it on a free port with serve(dir, 0).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** Serves `dir` on `port` (0: any free one); resolves to the server once it listens. */
export function serve(dir, port = 8080, host = '127.0.0.1') {
  const root = normalize(dir);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        // Cross-origin isolation: the page may share memory with its worker (the checker's
        // mailbox, so findings are drawn in the frame of the key press), and its
        // performance.now() counts in microseconds (100 µs steps without it).
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const server = await serve(join(dirname(fileURLToPath(import.meta.url)), 'dist'), port);
  console.log(`preflight editor: http://127.0.0.1:${server.address().port}/  (Ctrl-C stops it)`);
}
