// Compiled by `tsc -p tests/node/tsconfig.json` in CI: the hand-written index.d.ts must accept
// what the README shows and describe what the functions return.
import init, {
  assertValid, checkAndFormat, codes, createChecker, explain, loadPublicSuffixList, needsPublicSuffixList, publicSuffixListLoaded, setPublicSuffixList, exportJsonSchema, formatFromFileName, formatReport, schemas, validate, validateObject, version,
  type Checker, type CodeInfo, type Diagnostic, type InputFormat, type Options, type Report, type SchemaModule, type Span, type TextChange,
  standaloneSchema,
} from 'preflight-wasm';
import { createChecker as createWorkerChecker, type CheckerOptions } from 'preflight-wasm/checker';
import synctv from 'preflight-wasm/schemas/synctv';
import { loadSchema, schemas as schemaList } from 'preflight-wasm/schemas';

/** The README's browser example: schema modules, imported one by one or loaded by name. */
async function schemaModules(text: string): Promise<string> {
  const module: SchemaModule = synctv;
  const report: Report = validate(text, { schema: module, profile: 'production' });
  const picked = await loadSchema(schemaList[0].name);
  const format: InputFormat = picked.format;
  const alone: string | undefined = standaloneSchema('synctv');
  exportJsonSchema(picked);
  exportJsonSchema({ schema: picked });
  return `${report.schema} ${format} ${alone?.length ?? 0}`;
}
void schemaModules;

async function editor(text: string): Promise<number> {
  await init();
  const options: Options = { schema: 'synctv', profile: 'production', strict: false, allow: ['placeholders'] };
  const report: Report = validate(text, options);
  let underlines = 0;
  for (const d of report.diagnostics) {
    const span: Span | null = d.span;
    if (span) underlines += span.end.utf16_column - span.start.utf16_column;
    const severity: 'error' | 'warning' | 'info' = d.severity;
    const help: string | null = d.help;
    void severity;
    void help;
  }
  return underlines + report.errors + report.warnings;
}

// The worker client, as pkg-web/README.md shows it.
async function offMainThread(text: string, show: (report: Report) => void): Promise<number> {
  const checker: Checker = createChecker({ schema: 'synctv', profile: 'production' });
  const report: Report | null = await checker.check(text);
  if (report) show(report);
  const changes: TextChange[] = [{ from: 0, to: 0, insert: '# edited\n' }];
  const edited: Report | null = await checker.edit(changes, () => `# edited\n${text}`);
  if (edited) show(edited);
  if (checker.shared) requestAnimationFrame(() => checker.collect());
  checker.configure({ schema: 'synctv', profile: 'development' });
  if (needsPublicSuffixList({ schema: 'synctv' }) && !publicSuffixListLoaded()) {
    await loadPublicSuffixList(new URL('/assets/public_suffix_list.dat', 'https://example.com'));
  }
  const loaded: boolean = setPublicSuffixList('…');
  void loaded;
  const custom = createChecker({
    schemaText: 'schema: x\nformat: env\n',
    worker: () => new Worker('./worker.js', { type: 'module' }),
    wasm: '/assets/preflight_wasm_bg.wasm',
    psl: '/assets/public_suffix_list.dat',
    recycleAfter: 4 << 20,
    shared: false,
    mailboxBytes: 1 << 16,
  });
  custom.close();
  checker.close();
  return checker.workersStarted;
}

function build(env: NodeJS.ProcessEnv): Report {
  const fromEnv = validateObject(env, { schema: 'rend-api', format: 'env' });
  const custom = validate('PORT=1\n', { schemaText: 'schema: x\nformat: env\nfields:\n  PORT: { kind: port }\n' });
  const first: Diagnostic | undefined = custom.diagnostics[0];
  void first;
  const text: string = formatReport('PORT=1\n', { schema: 'demo', format: 'env' }, 'github', '.env');
  void text;
  const once: { report: Report; text: string } = checkAndFormat(env, { schema: 'rend-api' }, 'human', 'env');
  void once;
  assertValid({ server: { port: 8080, hosts: ['a.acme.io'], tls: null } }, { schema: 'demo', file: 'form' });
  return fromEnv;
}

const info: CodeInfo | undefined = explain('url/local-host');
const names: string[] = schemas().map((s) => s.name);
const formats: InputFormat[] = schemas().map((s) => s.format);
const all: string[] = codes();
const format: 'yaml' | 'json' | 'env' | undefined = formatFromFileName('.env.production');
const v: string = version();
void [info, names, all, format, v, editor, build];

// @ts-expect-error: a schema name or schema text is required
validate('x', { profile: 'production' });
// @ts-expect-error: not both
validate('x', { schema: 'demo', schemaText: 'schema: x' });
// @ts-expect-error: unknown relaxation
validate('x', { schema: 'demo', allow: ['everything'] });
// The JSON Schema export takes a name or the schema options.
const exported: { [key: string]: unknown } = exportJsonSchema('synctv');
exportJsonSchema({ schemaText: 'schema: x\nfields: {}\n' });
// @ts-expect-error: a number is not a schema
exportJsonSchema(3);
void exported;

/** A page that only checks on a worker imports the client alone, with the checker module. */
async function workerOnly(text: string): Promise<number> {
  const options: CheckerOptions = { schema: synctv, wasm: new URL('./preflight_check_bg.wasm', import.meta.url) };
  const report = await createWorkerChecker(options).check(text);
  return report?.errors ?? 0;
}
void workerOnly;
