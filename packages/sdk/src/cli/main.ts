#!/usr/bin/env node
/**
 * `pnrr-toscana` – the data team's command line: build a data package from the
 * official CSVs, validate a package, print a summary; update a package from the official
 * downloads listed in sources.json, and diff two releases.
 *
 * Exit codes: 0 success · 1 validation failed / input rejected · 2 usage error ·
 * 130 interrupted by SIGINT (Ctrl-C), 143 by SIGTERM — the previous package left unchanged.
 * `build` and `update` run in a child process with a bounded heap (supervise.ts); out of memory is exit 1.
 *
 * Everything printed goes through `forTerminal` (control characters from data and file names dropped).
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildPackage } from '../ingest/build.js';
import { validatePackage } from '../ingest/check/validate.js';
import { summarise } from '../ingest/check/summary.js';
import { isPnrrError } from '../errors.js';
import { InputError } from '../ingest/errors.js';
import { formatEuro } from '../ingest/read/numbers.js';
import { forTerminal } from './terminal.js';
import { USAGE, UsageError, usage } from './usage.js';
import { parseBuildArgs, phaseText } from './build-args.js';
import { parseUpdateArgs, stepText } from './update-args.js';
import { updatePackage } from '../release/update.js';
import { diffPackages } from '../release/diff.js';
import { diffTable } from './diff-table.js';
import { givenHeapLimit, needsSupervisor, supervise } from './supervise.js';

/** Writes text to stdout / stderr without the control characters data may carry. */
const print = (text: string): void => void process.stdout.write(forTerminal(text));
const printError = (text: string): void => void process.stderr.write(forTerminal(text));

/** A build stopped by a signal: the exit code (128 + signal number: 130 SIGINT, 143 SIGTERM). */
class Interrupted extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/**
 * Runs `task` with SIGINT/SIGTERM turned into an abort of `signal`, so the build can remove its
 * temporary folder before the process ends. A signal that arrives once the new package is being
 * moved into place does not stop it (that step only renames folders).
 */
async function withSignals<T>(task: (signal: AbortSignal) => Promise<T>, interrupted: string): Promise<T> {
  const controller = new AbortController();
  let code = 0;
  const onSignal = (name: NodeJS.Signals): void => {
    code = name === 'SIGINT' ? 130 : 143;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await task(controller.signal);
  } catch (error) {
    if (controller.signal.aborted) throw new Interrupted(code, interrupted);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** `--help` of a command: prints the usage; true when the command should stop there. */
function helpAsked(values: { help?: boolean }): boolean {
  if (values.help) print(USAGE);
  return values.help === true;
}

async function build(args: string[]): Promise<number> {
  const options = parseBuildArgs(args);
  if (options === null) {
    print(USAGE);
    return 0;
  }
  const started = Date.now();
  const { out } = options;
  const result = await withSignals(
    (signal) => buildPackage({ ...options, signal, onPhase: (p) => print(`pnrr-toscana build: ${phaseText(p)}\n`) }),
    `interrupted; ${out} left unchanged, no temporary folder left`,
  );
  const t = result.provenance.totals;
  let bytes = 0;
  for (const f of result.files.values()) bytes += f.bytes;
  const lines = [
    `Built ${result.manifest.region.name} (${result.manifest.region.code}) into ${out}: ${result.files.size} files, ${bytes} bytes, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  memory: peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (JavaScript heap limit ${heapLimitText(givenHeapLimit())})`,
    ...result.quality.files.map((f) => `  ${f.role.padEnd(13)} ${f.file}: read ${f.read} = kept ${f.kept} + rejected ${f.rejected} + skipped ${f.skipped}`),
    `  projects ${t.projects}; PNRR € ${formatEuro(t.touching.pnrrCents)} touching = ${formatEuro(t.inside.pnrrCents)} inside + ${formatEuro(t.outside.pnrrCents)} outside`,
    `  quality: ${result.quality.rejected.length} rejected rows, ${result.quality.warnings.length} warnings (quality.json)`,
  ];
  const byReason = new Map<string, number>();
  for (const w of result.quality.warnings) byReason.set(w.reason, (byReason.get(w.reason) ?? 0) + 1);
  if (byReason.size > 0) lines.push(`  warnings: ${[...byReason].map(([reason, n]) => `${reason} ${n}`).join(', ')}`);
  for (const r of result.quality.rejected.slice(0, 10)) lines.push(`  rejected ${r.file}:${r.line} ${r.reason}: ${r.detail}`);
  if (result.quality.rejected.length > 10) lines.push(`  … ${result.quality.rejected.length - 10} more in quality.json`);
  print(`${lines.join('\n')}\n`);
  // Warnings the data team must see even when nobody reads quality.json.
  for (const w of result.quality.warnings.filter((i) => i.reason === 'no-outside-localisations')) printError(`pnrr-toscana: warning: ${w.detail}\n`);
  const negative = byReason.get('negative-amount') ?? 0;
  if (negative > 0) printError(`pnrr-toscana: warning: ${negative} negative amount${negative === 1 ? '' : 's'} kept as written (negative-amount in quality.json)\n`);
  return 0;
}

const heapLimitText = (mb: number | undefined): string => (mb === undefined ? "Node.js's default" : `${mb} MB`);

async function validate(args: string[]): Promise<number> {
  const { values, positionals } = usage(() => parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
  if (helpAsked(values)) return 0;
  if (positionals.length !== 1) throw new UsageError('validate: give exactly one package directory');
  const dir = resolve(positionals[0]!);
  const result = await validatePackage(dir);
  if (result.ok) {
    print(`${dir}: valid (${result.filesChecked} files checked)\n`);
    return 0;
  }
  for (const i of result.issues.slice(0, 200)) printError(`${i.file}${i.path ? ` ${i.path}` : ''}: ${i.message}\n`);
  if (result.issues.length > 200) printError(`… ${result.issues.length - 200} more\n`);
  printError(`${dir}: INVALID, ${result.issues.length} error${result.issues.length === 1 ? '' : 's'}\n`);
  return 1;
}

async function summary(args: string[]): Promise<number> {
  const { values } = usage(() => parseArgs({ args, options: { comune: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  if (helpAsked(values)) return 0;
  print(await summarise({
    ...(values.dir !== undefined ? { dir: resolve(values.dir) } : {}),
    ...(values.comune !== undefined ? { comune: values.comune } : {}),
  }));
  return 0;
}

async function update(args: string[]): Promise<number> {
  const options = parseUpdateArgs(args);
  if (options === null) {
    print(USAGE);
    return 0;
  }
  const out = resolve(options.out);
  const { release } = await withSignals(
    (signal) => updatePackage({ ...options, signal, onStep: (s) => print(`pnrr-toscana update: ${stepText(s)}\n`) }),
    `interrupted; ${out} left unchanged, no temporary file left`,
  );
  const t = release.totals;
  print(
    `Updated ${out}: release of ${release.releaseDate}, data at ${release.referenceDate}, ${t.projects} projects, ` +
      `PNRR € ${formatEuro(t.touching.pnrrCents)} (${formatEuro(t.inside.pnrrCents)} inside the region)\n`,
  );
  return 0;
}

/**
 * JSON for a terminal or a pipe: JSON.stringify escapes C0 controls but writes DEL, C1 controls
 * and bidi overrides raw; they can only occur inside strings, where a \\u escape is the same text.
 */
const safeJson = (value: unknown): string =>
  JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

async function diff(args: string[]): Promise<number> {
  const { values, positionals } = usage(() => parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
  if (helpAsked(values)) return 0;
  if (positionals.length !== 2) throw new UsageError('diff: give two packages, the old one then the new one');
  const [a, b] = positionals.map((p) => (/^https?:\/\//i.test(p) ? p : resolve(p))) as [string, string];
  let result;
  try {
    result = await diffPackages(a, b);
  } catch (error) {
    // A folder that is not a package, a missing or malformed file: one line, exit 1.
    if (isPnrrError(error) && !isPnrrError(error, 'input')) throw new InputError(`diff: cannot read the packages: ${error.message}`);
    throw error;
  }
  if (values.json) process.stdout.write(`${safeJson(result)}\n`);
  else print(diffTable(result));
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'build':
        return await build(rest);
      case 'validate':
        return await validate(rest);
      case 'summary':
        return await summary(rest);
      case 'update':
        return await update(rest);
      case 'diff':
        return await diff(rest);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        print(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof Interrupted) {
      printError(`pnrr-toscana: ${error.message}\n`);
      return error.code;
    }
    if (error instanceof UsageError) {
      printError(`pnrr-toscana: ${error.message}\nRun "pnrr-toscana --help" for usage.\n`);
      return 2;
    }
    if (isPnrrError(error, 'input') || isPnrrError(error, 'layout')) {
      printError(`pnrr-toscana: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

// Run when executed (also through the npm bin symlink), not when imported by tests.
const invoked = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (invoked === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  (needsSupervisor(argv) ? supervise(invoked, argv, printError) : main(argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      printError(`pnrr-toscana: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
