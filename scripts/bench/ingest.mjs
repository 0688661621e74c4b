#!/usr/bin/env node
// Ingest benchmark, as ratios against DuckDB reading and aggregating the same CSVs (duckdb-child.mjs),
// each build and each DuckDB run in a process of its own (so its peak RSS is its own), the two
// alternated so that both see the same machine load:
//   (a) the real Tuscan build (the inputs of packages/sdk's `data` script), --runs pairs;
//   (b) a synthetic national-size input (current layout) written to os.tmpdir(), sized by --scale
//       (1 ≈ the national PNRR_Progetti.csv, 300 MB), built for Tuscany (--region 09) and for all
//       of Italy (--region all), --national-runs pairs each.
// Temp files are removed at the end.
//
// Usage: node scripts/bench/ingest.mjs [--scale 1] [--runs 3] [--national-runs 1] [--json out.json]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MB, SDK, SOURCES, fmt, flag, median, requireBuiltSdk, runJsonChild } from './lib.mjs';
import { makeNational } from './synth.mjs';

const CHILD = new URL('./build-child.mjs', import.meta.url).pathname;
const DUCK = new URL('./duckdb-child.mjs', import.meta.url).pathname;
const argv = process.argv.slice(2);
const scale = Number(flag(argv, 'scale', '1'));
const runs = Math.max(1, Math.min(20, Number(flag(argv, 'runs', '3'))));
const nationalRuns = Math.max(1, Math.min(20, Number(flag(argv, 'national-runs', '1'))));
const jsonOut = flag(argv, 'json', undefined);
if (!(scale > 0 && scale <= 4)) {
  console.error('--scale must be in (0, 4]');
  process.exit(2);
}
requireBuiltSdk();
const { HEAP_LIMIT_MB } = await import(pathToFileURL(join(SDK, 'dist', 'cli', 'supervise.js')).href);

const geo = {
  boundaries: join(SOURCES, 'geo', 'toscana-comuni.topo.json'),
  population: join(SOURCES, 'geo', 'toscana-comuni.csv'),
};
const regis2023 = join(SOURCES, 'pnrr-toscana', 'regis-2023-03-01');
const tuscan = {
  region: '09',
  projects: [join(regis2023, 'progetti_validati_toscana.csv')],
  localisations: [join(regis2023, 'localizzazioni_validate_toscana.csv'), join(regis2023, 'localizzazioni_validate_fuori_toscana.csv')],
  payments: [join(SOURCES, 'pnrr-toscana', 'regis-2025-03-31', 'pagamenti_di_progetto_toscana.csv')],
  ...geo,
  referenceDate: '2023-03-01',
};

const summarise = (r) => ({ ...r, rowsPerS: r.rows / (r.ms / 1000), mbPerS: r.inputBytes / MB / (r.ms / 1000) });
const log = (s) => process.stderr.write(`[bench:ingest] ${s}\n`);

/**
 * `n` alternating pairs (build, then DuckDB on the same CSVs); the build's output folder is removed
 * after each run. Returns both series, the medians, spreads and the median of the paired ratios.
 */
async function paired(label, n, buildOptions, duckOptions) {
  const builds = [];
  const ducks = [];
  for (let i = 0; i < n; i++) {
    const out = join(work, `out-${i}`);
    // The heap limit the CLI gives its build process (src/cli/supervise.ts): measured as users run it.
    const b = await runJsonChild(CHILD, [JSON.stringify({ ...buildOptions, out })], { nodeArgs: [`--max-old-space-size=${HEAP_LIMIT_MB}`] });
    await rm(out, { recursive: true, force: true });
    const d = await runJsonChild(DUCK, [JSON.stringify(duckOptions)]);
    log(`${label} ${i + 1}/${n}: build ${fmt(b.ms / 1000, 2)} s (${fmt(b.maxRssBytes / MB, 0)} MB), DuckDB ${fmt(d.ms / 1000, 2)} s (${fmt(d.maxRssBytes / MB, 0)} MB)`);
    builds.push(b);
    ducks.push(d);
  }
  const pick = builds.find((r) => r.ms === median(builds.map((x) => x.ms)));
  return {
    build: { ...summarise(pick), msAll: builds.map((r) => r.ms), maxRssBytes: Math.max(...builds.map((r) => r.maxRssBytes)) },
    duckdb: { ms: median(ducks.map((r) => r.ms)), msAll: ducks.map((r) => r.ms), cpuMs: median(ducks.map((r) => r.cpuMs)), maxRssBytes: Math.max(...ducks.map((r) => r.maxRssBytes)) },
    ratios: builds.map((b, i) => b.ms / ducks[i].ms),
    ratio: median(builds.map((b, i) => b.ms / ducks[i].ms)),
    runs: n,
  };
}

const work = await mkdtemp(join(tmpdir(), 'pnrr-bench-ingest-'));
try {
  // (a) the real Tuscan build
  const real = await paired('toscana', runs, tuscan, {
    projects: tuscan.projects, localisations: tuscan.localisations, region: '09', layout: 'regis2023',
  });

  // (b) the synthetic national-size input, for one region and for all of Italy
  log(`writing the synthetic input (scale ${scale}) into ${work} …`);
  const genStart = performance.now();
  const synth = await makeNational(work, scale);
  const genMs = performance.now() - genStart;
  log(`  ${fmt(synth.projectBytes / MB)} MB projects (${synth.projects} rows), ${fmt(synth.localisationBytes / MB)} MB localisations (${synth.localisations} rows) in ${fmt(genMs / 1000)} s`);
  const input = { projects: [synth.projectsPath], localisations: [synth.localisationsPath] };
  const region = await paired('synthetic, --region 09', nationalRuns, { region: '09', ...input, ...geo }, { ...input, region: '09', layout: 'current' });
  const all = await paired('synthetic, --region all', nationalRuns, { region: 'all', ...input, ...geo }, { ...input, region: 'all', layout: 'current' });
  const national = {
    scale,
    generateMs: genMs,
    projectRows: synth.projects,
    localisationRows: synth.localisations,
    projectBytes: synth.projectBytes,
    localisationBytes: synth.localisationBytes,
    copies: synth.copies,
    tuscanCopies: synth.tuscanCopies,
    region,
    all,
  };

  const result = { heapLimitMb: HEAP_LIMIT_MB, tuscan: real, national };
  if (jsonOut) await writeFile(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
