// Builds the page into dist/: the page's bundle (CodeMirror + the pkg-web glue), the checker's
// worker (preflight-wasm/worker: the glue and the check), index.html, style.css, the two .wasm
// modules, which the worker and pkg-web's init() fetch from beside each bundle, and the Public
// Suffix List.
// Needs the package built first (bash scripts/build-wasm.sh); bash scripts/editor.sh does both.
import { build } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

const require = createRequire(import.meta.url);
await build({
  entryPoints: [
    { in: join(here, 'src/main.js'), out: 'main' },
    { in: require.resolve('preflight-wasm/worker'), out: 'worker' },
  ],
  outdir: dist,
  bundle: true,
  // Each schema module (imported when picked) and the code the page and worker share are
  // chunks of their own.
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  loader: { '.yaml': 'text', '.env': 'text' },
  logLevel: 'warning',
});

// The worker loads the checker module (validate only); the page loads the package's module
// when a file is opened by name (formatFromFileName).
for (const wasm of ['preflight_check_bg.wasm', 'preflight_wasm_bg.wasm']) {
  copyFileSync(require.resolve(`preflight-wasm/${wasm}`), join(dist, wasm));
}
// The worker fetches it for a schema with a WebAuthn block (SyncTV's has one).
copyFileSync(require.resolve('preflight-wasm/public_suffix_list.dat'), join(dist, 'public_suffix_list.dat'));
// ...by the parts its host names need, in fact (public_suffix_list/N.dat).
cpSync(join(dirname(require.resolve('preflight-wasm/public_suffix_list.dat')), 'public_suffix_list'), join(dist, 'public_suffix_list'), { recursive: true });
for (const file of ['index.html', 'style.css']) copyFileSync(join(here, file), join(dist, file));
console.log(`built ${dist}`);
