#!/usr/bin/env node
/**
 * `pnrr-toscana` – the data team's command line: build a data package from the
 * official CSVs, validate a package, print a summary.
 *
 * Exit codes: 0 success · 1 validation failed / input rejected · 2 usage error.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildPackage } from '../ingest/build.js';
import { validatePackage } from '../ingest/validate.js';
import { summarise } from '../ingest/summary.js';
import { InputError } from '../ingest/input-error.js';
import { LayoutError } from '../ingest/layouts.js';
import { formatEuro } from '../ingest/numbers.js';

const USAGE = `pnrr-toscana – build and check PNRR open-data packages

Usage:
  pnrr-toscana build --projects <csv> --localisations <csv> [--localisations <csv> …]
                     [--payments <csv> …] --region <NN> --boundaries <topojson>
                     --population <csv> --out <dir> [--generated-at YYYY-MM-DD]
                     [--reference-date YYYY-MM-DD]
  pnrr-toscana validate <dir>
  pnrr-toscana summary [--comune <istat>] [--dir <dir>]
  pnrr-toscana --help | <command> --help

Commands:
  build     Read the official CSVs (streamed; any size) and write a data package to --out
            (an empty directory, or a previous package, which is replaced).
            --projects, --localisations and --payments may be repeated (e.g. the region file
            and the *_fuori_* file). --region is the 2-digit ISTAT code (09 Toscana, 07 Liguria).
            --boundaries is a TopoJSON with the objects comuni, province and regione;
            --population the table pro_com_t,name,cod_prov,prov_sigla,prov_name,
            pop_istat_2021,pop_anpr_2025_01. Together they define the region's comuni.
            --reference-date sets the data date; default: the latest Data di Estrazione of the
            project/localisation files, else their latest Data aggiornamento (required when
            the files carry neither). --generated-at defaults to the latest date of all
            sources (never the clock), so a rebuild is byte-identical.
            Rows that cannot be used are listed in the package's quality.json.
  validate  Check every file of a package against its JSON Schema, checksums.json, the
            schema version and the reconciliation invariants (inside + outside = each
            project's amount; region = comuni + province-wide + region-wide buckets).
  summary   Print the reconciliation figures and totals by mission or, with --comune (a
            6-digit ISTAT code, e.g. 048017), the projects of one comune.
            Default --dir: the package embedded in the SDK.

Exit codes: 0 ok, 1 failed (invalid input or package), 2 usage error.
`;

class UsageError extends Error {}

const BUILD_OPTIONS = {
  projects: { type: 'string', multiple: true },
  localisations: { type: 'string', multiple: true },
  payments: { type: 'string', multiple: true },
  region: { type: 'string' },
  boundaries: { type: 'string' },
  population: { type: 'string' },
  out: { type: 'string' },
  'generated-at': { type: 'string' },
  'reference-date': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--help` of a command: prints the usage; true when the command should stop there. */
function helpAsked(values: { help?: boolean }): boolean {
  if (values.help) process.stdout.write(USAGE);
  return values.help === true;
}

/** Runs parseArgs, turning its errors (unknown option, missing value) into usage errors. */
function usage<T>(parseFn: () => T): T {
  try {
    return parseFn();
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

async function build(args: string[]): Promise<number> {
  const { values } = usage(() => parseArgs({ args, options: BUILD_OPTIONS, strict: true }));
  if (helpAsked(values)) return 0;
  const missing = (['projects', 'localisations', 'region', 'boundaries', 'population', 'out'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) throw new UsageError(`build: missing required option${missing.length > 1 ? 's' : ''} ${missing.map((m) => `--${m}`).join(', ')}`);
  const started = Date.now();
  const out = resolve(values.out!);
  const result = await buildPackage({
    projects: values.projects!.map((p) => resolve(p)),
    localisations: values.localisations!.map((p) => resolve(p)),
    payments: (values.payments ?? []).map((p) => resolve(p)),
    region: values.region!,
    boundaries: resolve(values.boundaries!),
    population: resolve(values.population!),
    out,
    ...(values['generated-at'] !== undefined ? { generatedAt: values['generated-at'] } : {}),
    ...(values['reference-date'] !== undefined ? { referenceDate: values['reference-date'] } : {}),
  });
  const t = result.manifest.totals;
  let bytes = 0;
  for (const f of result.files.values()) bytes += f.bytes;
  const lines = [
    `Built ${result.manifest.region.name} (${result.manifest.region.code}) into ${out}: ${result.files.size} files, ${bytes} bytes, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ...result.quality.files.map((f) => `  ${f.role.padEnd(13)} ${f.file}: read ${f.read} = kept ${f.kept} + rejected ${f.rejected} + skipped ${f.skipped}`),
    `  projects ${t.projects}; PNRR € ${formatEuro(t.touching.pnrrCents)} touching = ${formatEuro(t.inside.pnrrCents)} inside + ${formatEuro(t.outside.pnrrCents)} outside`,
    `  quality: ${result.quality.rejected.length} rejected rows, ${result.quality.warnings.length} warnings (quality.json)`,
  ];
  for (const r of result.quality.rejected.slice(0, 10)) lines.push(`  rejected ${r.file}:${r.line} ${r.reason}: ${r.detail}`);
  if (result.quality.rejected.length > 10) lines.push(`  … ${result.quality.rejected.length - 10} more in quality.json`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

async function validate(args: string[]): Promise<number> {
  const { values, positionals } = usage(() => parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
  if (helpAsked(values)) return 0;
  if (positionals.length !== 1) throw new UsageError('validate: give exactly one package directory');
  const dir = resolve(positionals[0]!);
  const result = await validatePackage(dir);
  if (result.ok) {
    process.stdout.write(`${dir}: valid (${result.filesChecked} files checked)\n`);
    return 0;
  }
  for (const i of result.issues.slice(0, 200)) process.stderr.write(`${i.file}${i.path ? ` ${i.path}` : ''}: ${i.message}\n`);
  if (result.issues.length > 200) process.stderr.write(`… ${result.issues.length - 200} more\n`);
  process.stderr.write(`${dir}: INVALID, ${result.issues.length} error${result.issues.length === 1 ? '' : 's'}\n`);
  return 1;
}

async function summary(args: string[]): Promise<number> {
  const { values } = usage(() => parseArgs({ args, options: { comune: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  if (helpAsked(values)) return 0;
  process.stdout.write(await summarise({
    ...(values.dir !== undefined ? { dir: resolve(values.dir) } : {}),
    ...(values.comune !== undefined ? { comune: values.comune } : {}),
  }));
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
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`pnrr-toscana: ${error.message}\nRun "pnrr-toscana --help" for usage.\n`);
      return 2;
    }
    if (error instanceof InputError || error instanceof LayoutError) {
      process.stderr.write(`pnrr-toscana: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

// Run when executed (also through the npm bin symlink), not when imported by tests.
const invoked = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (invoked === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`pnrr-toscana: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
