#!/usr/bin/env node
// `npx preflight check .env.production --schema rend-api`: the Rust CLI's commands, flags and
// exit statuses (0 no errors, 1 errors found, 2 the command could not run), plus
// `--format github` for workflow annotations.
import { existsSync, readFileSync } from 'node:fs';
import { checkAndFormat, codes, explain, formatFromFileName, schemas, validate, version } from '../node.js';

const USAGE = `preflight checks a service's configuration before it reaches production.

Usage:
  preflight check FILE... --schema NAME|PATH [options]
  preflight explain CODE
  preflight schemas

Options for check:
  --schema NAME|PATH      a built-in schema (see \`preflight schemas\`) or a schema file
  --profile PROFILE       production (default) or development
  --format FORMAT         human (default), json, or github (workflow annotations)
  --input FORMAT          read every FILE as yaml, json or env (default: from the file name)
  --strict                unknown keys are errors
  --allow-placeholders    do not report placeholders (checking an example file)
  --allow-dev-defaults    do not report development defaults, local hosts and plain HTTP
  -h, --help              this text
  -V, --version           the version
`;

class UsageError extends Error {}

function parse(argv) {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return { command: 'help' };
  if (argv.includes('-V') || argv.includes('--version')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command === 'schemas') {
    if (rest.length) throw new UsageError(`\`schemas\` takes no arguments (got \`${rest[0]}\`)`);
    return { command };
  }
  if (command === 'explain') {
    if (rest.length !== 1) throw new UsageError('`explain` takes one code, e.g. `preflight explain url/local-host`');
    return { command, code: rest[0] };
  }
  if (command !== 'check') throw new UsageError(`unknown command \`${command}\``);
  const args = { command, files: [], format: 'human', profile: 'production', strict: false, allow: [] };
  const valued = new Set(['--schema', '--profile', '--format', '--input']);
  for (let i = 0; i < rest.length; i++) {
    let arg = rest[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) [arg, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
    if (valued.has(arg)) {
      if (value === undefined) {
        value = rest[++i];
        if (value === undefined) throw new UsageError(`\`${arg}\` needs a value`);
      }
      const key = arg.slice(2);
      if (key === 'format' && !['human', 'json', 'github'].includes(value)) {
        throw new UsageError(`unknown output format \`${value}\` (expected human, json or github)`);
      }
      if (key === 'profile' && !['production', 'prod', 'development', 'dev'].includes(value)) {
        throw new UsageError(`unknown profile \`${value}\` (expected development or production)`);
      }
      if (key === 'input' && !['yaml', 'yml', 'json', 'env', 'dotenv'].includes(value)) {
        throw new UsageError(`unknown input format \`${value}\` (expected yaml, json or env)`);
      }
      args[key] = value;
    } else if (arg === '--strict') args.strict = true;
    else if (arg === '--allow-placeholders') args.allow.push('placeholders');
    else if (arg === '--allow-dev-defaults') args.allow.push('dev-defaults');
    else if (arg.startsWith('--') || (arg.startsWith('-') && arg !== '-')) throw new UsageError(`unknown option \`${arg}\``);
    else args.files.push(arg);
  }
  if (!args.schema) throw new UsageError('`check` needs `--schema NAME|PATH`');
  if (args.files.length === 0) throw new UsageError('`check` needs at least one FILE (or `-` for standard input)');
  return args;
}

/** A built-in name, or a path to a YAML or JSON schema file (as the Rust CLI decides). */
function schemaOption(arg) {
  const looksLikePath = arg.includes('/') || arg.includes('\\') || formatFromFileName(arg) !== undefined;
  if (!looksLikePath) {
    if (schemas().some((s) => s.name === arg)) return { schema: arg };
    if (!existsSync(arg)) throw new Error(`unknown schema \`${arg}\`; \`preflight schemas\` lists the built-in ones`);
  }
  try {
    return { schemaText: readFileSync(arg, 'utf8') };
  } catch (e) {
    throw new Error(`cannot read schema \`${arg}\`: ${e.message}`);
  }
}

function readInput(file) {
  let bytes;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    throw new Error(file === '-' ? `cannot read standard input: ${e.message}` : `cannot read \`${file}\`: ${e.message}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`\`${file}\` is not UTF-8 text`);
  }
}

function check(args) {
  const base = { ...schemaOption(args.schema), profile: args.profile, strict: args.strict, allow: args.allow };
  const inputs = args.files.map((file) => [file, readInput(file)]);
  const reports = [];
  let out = '';
  for (const [file, text] of inputs) {
    const format = args.input ?? formatFromFileName(file);
    const options = format ? { ...base, format } : base;
    if (args.format === 'json') {
      const report = validate(text, options);
      if (args.files.length > 1) report.file = file;
      reports.push(report);
    } else {
      const formatted = checkAndFormat(text, options, args.format, file);
      reports.push(formatted.report);
      out += formatted.text;
    }
  }
  if (args.format === 'json') {
    out = JSON.stringify(reports.length === 1 ? reports[0] : reports.map(({ file, ...r }) => ({ file, ...r })), null, 2) + '\n';
  }
  process.stdout.write(out);
  return reports.some((r) => r.errors > 0) ? 1 : 0;
}

function main(argv) {
  let args;
  try {
    args = parse(argv);
  } catch (e) {
    process.stderr.write(`preflight: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    switch (args.command) {
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      case 'version':
        process.stdout.write(`preflight ${version()}\n`);
        return 0;
      case 'schemas': {
        const list = schemas();
        const width = Math.max(...list.map((s) => s.name.length));
        process.stdout.write(list.map((s) => `${s.name.padEnd(width)}  ${s.title}\n`).join(''));
        return 0;
      }
      case 'explain': {
        const info = explain(args.code);
        if (info) {
          process.stdout.write(info.text);
          return 0;
        }
        const area = args.code.split('/')[0];
        const near = codes().filter((c) => c.split('/')[0] === area);
        process.stderr.write(`preflight: unknown code \`${args.code}\`\n${near.length ? `codes in that area: ${near.join(', ')}\n` : ''}`);
        return 2;
      }
      default:
        return check(args);
    }
  } catch (e) {
    process.stderr.write(`preflight: ${e.message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
