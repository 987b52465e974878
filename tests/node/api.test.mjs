// The npm package through its public entry point (`import … from 'preflight-wasm'`, which Node
// resolves to pkg-web/node.js): text and object inputs, spans in UTF-16 columns, misuse that
// throws, bad configs that never do, and no secret in any output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  assertValid, codes, explain, explanationsLoaded, formatFromFileName, formatReport, loadPublicSuffixList, needsPublicSuffixList,
  publicSuffixListLoaded, schemas, validate, validateObject, version,
} from 'preflight-wasm';

const root = new URL('../../', import.meta.url);
const fixture = (path) => readFileSync(new URL(`tests/fixtures/${path}`, root), 'utf8');

const SCHEMA = `schema: shop
format: yaml
fields:
  /server/name: { kind: string }
  /server/public_url: { kind: url, required: production }
  /server/port: { kind: port }
  /cors/origins: { kind: list, item: { kind: origin } }
  /auth/jwt_secret: { kind: secret, jwt: hs256 }
`;

/** [code, pointer, line, column, utf16_column] of every diagnostic. */
const found = (report) => report.diagnostics.map((d) => [d.code, d.pointer, d.span?.start.line, d.span?.start.column, d.span?.start.utf16_column]);

test('YAML: a CORS origin with a path in a SyncTV config', () => {
  const text = fixture('synctv/valid_production.yaml').replace(
    'cors_allowed_origins: [https://watch.acme-video.net]',
    'cors_allowed_origins: [https://watch.acme-video.net/app]',
  );
  assert.equal(validate(fixture('synctv/valid_production.yaml'), { schema: 'synctv' }).errors, 0);
  const report = validate(text, { schema: 'synctv' });
  assert.equal(report.schema, 'synctv');
  assert.equal(report.profile, 'production');
  assert.deepEqual(found(report), [['origin/has-path', '/server/cors_allowed_origins/0', 6, 26, 26]]);
  const [d] = report.diagnostics;
  assert.equal(d.severity, 'error');
  assert.equal(d.help, 'write `https://watch.acme-video.net`');
  const line = text.split('\n')[5];
  assert.equal(line.slice(d.span.start.utf16_column - 1, d.span.end.utf16_column - 1), 'https://watch.acme-video.net/app');
  assert.equal(Object.getPrototypeOf(report), Object.prototype, 'a plain object, not a Map');
});

test('env text: a Rend API file, with the profile and allow options', () => {
  const clean = fixture('rend-api/valid_production.env');
  assert.deepEqual(found(validate(clean, { schema: 'rend-api' })), []);
  const local = clean.replace(/^DATABASE_URL=.*$/m, 'DATABASE_URL=postgres://rend:97b939b9122d7fb3b3c372cb6eab8277@localhost:5432/rend?sslmode=verify-full');
  const prod = validate(local, { schema: 'rend-api' });
  assert.ok(prod.errors >= 1);
  assert.ok(prod.diagnostics.some((d) => d.pointer === '/DATABASE_URL' && d.code === 'url/local-host'), JSON.stringify(found(prod)));
  const relaxed = validate(local, { schema: 'rend-api', allow: ['dev-defaults'] });
  assert.ok(!relaxed.diagnostics.some((d) => d.code === 'url/local-host'), JSON.stringify(found(relaxed)));
  const dev = validate(local, { schema: 'rend-api', profile: 'development' });
  assert.equal(dev.profile, 'development');
  assert.ok(!dev.diagnostics.some((d) => d.code === 'url/local-host'));
});

test('utf16_column matches JavaScript string indices after non-ASCII text and emoji', () => {
  const text = 'server: { name: "Café 😀 ünï", public_url: "http://app.acme.io", port: 99999 }\n';
  const report = validate(text, { schemaText: SCHEMA });
  assert.deepEqual(report.diagnostics.map((d) => d.code), ['url/not-https', 'port/out-of-range']);
  for (const d of report.diagnostics) {
    const { start, end } = d.span;
    const value = d.code === 'url/not-https' ? '"http://app.acme.io"' : '99999';
    const index = text.indexOf(value);
    assert.equal(start.utf16_column, index + 1, d.code);
    assert.equal(end.utf16_column, index + value.length + 1, d.code);
    // The emoji is one scalar value and two UTF-16 units; é, ü, ï are one of each.
    assert.equal(start.column, start.utf16_column - 1, d.code);
    assert.equal(start.offset, Buffer.byteLength(text.slice(0, index)), d.code);
  }
});

test('objects: exact pointers, no spans, process.env checked as an env file', () => {
  const report = validateObject(
    { server: { name: 'shop', public_url: 'http://app.acme.io', port: 70000 }, cors: { origins: ['https://a.acme.io/x'] }, extra: true },
    { schemaText: SCHEMA },
  );
  // Without places, diagnostics sort by pointer.
  assert.deepEqual(found(report), [
    ['origin/has-path', '/cors/origins/0', undefined, undefined, undefined],
    ['schema/unknown-field', '/extra', undefined, undefined, undefined],
    ['port/out-of-range', '/server/port', undefined, undefined, undefined],
    ['url/not-https', '/server/public_url', undefined, undefined, undefined],
  ]);
  assert.ok(report.diagnostics.every((d) => d.span === null));
  // An env schema takes an object of strings (process.env) as an env file: lists split on commas.
  const envSchema = 'schema: e\nformat: env\nfields:\n  ORIGINS: { kind: list, item: { kind: origin } }\n  PORT: { kind: port }\n';
  const env = { PORT: '70000', ORIGINS: 'https://app.acme.io,https://shop.acme.io/x' };
  assert.deepEqual(found(validateObject(env, { schemaText: envSchema })), [
    ['origin/has-path', '/ORIGINS/1', undefined, undefined, undefined],
    ['port/out-of-range', '/PORT', undefined, undefined, undefined],
  ]);
  // The real process environment works too (its other variables are unknown keys, not errors).
  const real = validateObject(process.env, { schemaText: envSchema });
  assert.equal(real.errors, 0);
});

test('a bad config never throws; misuse does, with a clear message', () => {
  const broken = validate('server: [unclosed\n', { schemaText: SCHEMA });
  assert.equal(broken.diagnostics[0].code, 'parse/yaml');
  assert.equal(broken.errors, 1);
  assert.throws(() => validate('', { schema: 'nope' }), /unknown built-in schema `nope`|`nope`/);
  assert.throws(() => validate('', { schemaText: 'schema: x\nfields:\n  /a: { kind: portt }\n' }), /unknown variant `portt`/);
  assert.throws(() => validate('', {}), /options need `schema`/);
  assert.throws(() => validate('', { schema: 'demo', profile: 'staging' }), /unknown profile `staging`/);
  assert.throws(() => validate('', { schema: 'demo', allow: ['everything'] }), /unknown `allow` entry `everything`/);
  assert.throws(() => validate('', { schema: 'demo', shema: 'x' }), /invalid options: unknown field `shema`/);
  assert.throws(() => validate('', { schema: 'demo', format: 'toml' }), /unknown input format `toml`/);
  // Each option of the wrong type is named.
  assert.throws(() => validate('', { schema: 'demo', strict: 'yes' }), /^Error: invalid options: `strict` must be true or false$/);
  assert.throws(() => validate('', { schema: 'demo', allow: 'placeholders' }), /^Error: invalid options: `allow` must be an array of strings$/);
  assert.throws(() => validate('', { schema: 'demo', allow: [1] }), /^Error: invalid options: `allow` must be an array of strings$/);
  assert.throws(() => validate('', { schema: 'demo', profile: 1.5 }), /^Error: invalid options: `profile` must be a string$/);
  assert.throws(() => validate('', { schemaText: 7 }), /^Error: invalid options: `schemaText` must be a string$/);
  assert.throws(() => validate('', 'demo'), /^Error: invalid options: expected an object/);
  // `undefined` and `null` are an option left out.
  assert.equal(validate('', { schema: 'demo', profile: undefined, strict: null, select: null }).profile, 'production');
  const cyclic = { a: {} };
  cyclic.a.self = cyclic;
  assert.throws(() => validateObject(cyclic, { schemaText: SCHEMA }), /nested deeper than 128 levels/);
  assert.throws(() => validateObject({ f: () => 1 }, { schemaText: SCHEMA }), /`\/f` holds a function/);
  // The module is still usable after a throw.
  assert.equal(validate('server: { port: 80 }\n', { schemaText: SCHEMA }).errors, 1);
});

test('no secret value in the report, the human text or the annotations', () => {
  const secrets = ['change-me', 'Tr0ub4dor&3-horse-staple', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'];
  for (const secret of secrets) {
    const text = `server: { name: shop, public_url: "https://app.acme.io" }\nauth:\n  jwt_secret: "${secret}"\n`;
    const report = validate(text, { schemaText: SCHEMA, profile: 'development' });
    assert.ok(report.diagnostics.some((d) => d.pointer === '/auth/jwt_secret'), `${secret}: ${JSON.stringify(found(report))}`);
    const outputs = [
      JSON.stringify(report),
      formatReport(text, { schemaText: SCHEMA, profile: 'development' }, 'human', 'c.yaml'),
      formatReport(text, { schemaText: SCHEMA, profile: 'development' }, 'github', 'c.yaml'),
    ];
    for (const out of outputs) {
      for (let i = 0; i + 8 <= secret.length; i++) {
        assert.ok(!out.includes(secret.slice(i, i + 8)), `\`${secret.slice(i, i + 8)}\` shown in:\n${out}`);
      }
    }
  }
});

test('assertValid throws the formatted report on errors and returns it otherwise', () => {
  const bad = 'server:\n  public_url: http://app.acme.io\n';
  assert.throws(
    () => assertValid(bad, { schemaText: SCHEMA, file: 'shop.yaml' }),
    (e) => {
      assert.match(e.message, /^preflight: shop\.yaml has 1 configuration error\n/);
      assert.match(e.message, /shop\.yaml:2:15: error\[url\/not-https\]/);
      assert.equal(e.report.errors, 1);
      return true;
    },
  );
  assert.throws(() => assertValid({ server: { port: 0 } }, { schemaText: SCHEMA, file: 'env' }), /env \(\/server\/public_url\): error\[schema\/missing-required\]/);
  const ok = assertValid('server:\n  public_url: https://app.acme.io\nextra: 1\n', { schemaText: SCHEMA });
  assert.equal(ok.errors, 0);
  assert.equal(ok.warnings, 1);
});

test('schemas, explain, codes, version, formatFromFileName', () => {
  const names = schemas().map((s) => s.name);
  assert.deepEqual(names, ['synctv', 'synctv-helm', 'horizon', 'synapse', 'stellar-paystack', 'pgstack', 'rend-api', 'rend-media-worker', 'rend-edge', 'demo']);
  assert.ok(schemas().every((s) => s.title.length > 10));
  assert.deepEqual(
    Object.fromEntries(schemas().map((s) => [s.name, s.format])),
    { synctv: 'yaml', 'synctv-helm': 'yaml', horizon: 'env', synapse: 'yaml', 'stellar-paystack': 'env', pgstack: 'env', 'rend-api': 'env', 'rend-media-worker': 'env', 'rend-edge': 'env', demo: 'yaml' },
  );
  const info = explain('origin/has-path');
  assert.equal(info.code, 'origin/has-path');
  assert.equal(info.production, 'error');
  assert.ok(info.text.startsWith('origin/has-path: '));
  assert.equal(explanationsLoaded(), true, 'Node\'s module has them built in');
  assert.equal(explain('origin/nope'), undefined);
  assert.ok(codes().includes('relation/unknown-key'));
  assert.ok(codes().length > 150);
  const cargo = readFileSync(new URL('Cargo.toml', root), 'utf8');
  assert.equal(version(), cargo.match(/^version = "(.+)"$/m)[1]);
  assert.equal(formatFromFileName('.env.production'), 'env');
  assert.equal(formatFromFileName('config.yml'), 'yaml');
  assert.equal(formatFromFileName('README'), undefined);
});

test('files that do not parse never show a secret in any format of the package', () => {
  const secret = 'Zk4pQv9Lr2Xw7Tn3Hb6Jm8Yc1Df5Gs0Ka';
  const broken = [
    [`DEMO_JWT_SECRET="${secret}\nDEMO_LISTEN=0.0.0.0:8080\n`, 'env'],
    [`DEMO_JWT_SECRET ${secret}\n`, 'env'],
    [`auth: {jwt_secret: ${secret}, jwt_secret: B${secret}}\n`, 'yaml'],
    [`base: &k ${secret}\nauth:\n  jwt_secret: *k\n`, 'yaml'],
    [`{"auth": {"jwt_secret": "${secret}",}}`, 'json'],
    [`server:\r  listen: 0.0.0.0:8080\rauth:\r  jwt_secret: ${secret}\r`, 'yaml'],
  ];
  for (const [text, format] of broken) {
    const options = { schema: 'demo', format };
    const outputs = [
      JSON.stringify(validate(text, options)),
      formatReport(text, options, 'human', 'c'),
      formatReport(text, options, 'github', 'c'),
    ];
    for (const out of outputs) {
      for (let i = 0; i + 6 <= secret.length; i++) {
        assert.ok(!out.includes(secret.slice(i, i + 6)), `${JSON.stringify(text)} shows ${secret.slice(i, i + 6)}:\n${out}`);
      }
    }
  }
});

test('validate with select: the config of a Kubernetes object, a Secret\'s values decoded', () => {
  const manifest = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  PORT: NzAwMDA=\n  JUNK: "***"\n';
  const schema = 'schema: t\nformat: env\nfields:\n  PORT: { kind: port }\n  JUNK: { kind: string }\n';
  const report = validate(manifest, { schemaText: schema, select: 'secret/app' });
  assert.deepEqual(report.diagnostics.map((d) => [d.code, d.pointer, d.span.start.line, d.span.start.column]), [
    ['port/out-of-range', '/PORT', 6, 9],
    ['k8s/invalid-base64', '/JUNK', 7, 9],
  ]);
  const shown = formatReport(manifest, { schemaText: schema, select: 'secret/app' }, 'human', 'k8s.yaml');
  assert.ok(!shown.includes('NzAwMDA='), shown);
  assert.throws(() => validate(manifest, { schemaText: schema, select: 'deployment/none' }), /no `deployment\/none` in the manifest/);
});

test("schema: 'auto' infers kinds from the names and notes it on each finding", () => {
  const report = validate('SMTP_PORT=70000\nPUBLIC_URL=http://app.acme.io\nLOG_LEVEL=verbose\n', { schema: 'auto' });
  assert.deepEqual(report.diagnostics.map((d) => [d.code, d.pointer, d.note]), [
    ['port/out-of-range', '/SMTP_PORT', 'kind inferred from the name SMTP_PORT: the name ends in _PORT'],
    ['url/not-https', '/PUBLIC_URL', 'kind inferred from the name PUBLIC_URL: a _URL whose scheme is http(s)'],
  ]);
  assert.equal(report.schema, 'auto');
});


test('Node\'s module has the Public Suffix List built in: WebAuthn blocks are checked at once', async () => {
  assert.equal(publicSuffixListLoaded(), true);
  assert.equal(needsPublicSuffixList({ schema: 'synctv' }), true);
  assert.equal(needsPublicSuffixList({ schema: 'rend-api' }), false);
  await loadPublicSuffixList();
  const config = fixture('synctv/valid_production.yaml');
  const cases = [
    ['rp_id: net', [['webauthn/rp-id-public-suffix', '/webauthn/rp_id', 71, 10, 10]]],
    ['rp_id: other-video.net', [['webauthn/rp-id-mismatch', '/webauthn/rp_id', 71, 10, 10]]],
    ['rp_id: watch.acme-video.net', [['webauthn/rp-id-mismatch', '/webauthn/allowed_origins/0', 73, 21, 21]]],
  ];
  for (const [line, want] of cases) {
    assert.deepEqual(found(validate(config.replace('rp_id: acme-video.net', line), { schema: 'synctv' })), want, line);
  }
});
