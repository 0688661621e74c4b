#!/usr/bin/env node
// Ingest benchmark: (a) the real Tuscan build (the inputs of packages/sdk's `data` script),
// median of --runs; (b) one build of a synthetic national-size input (current layout) written to
// os.tmpdir(), sized by --scale (1 ≈ the national PNRR_Progetti.csv, 300 MB). Each build runs in
// its own process (build-child.mjs) so its peak RSS is its own. Temp files are removed at the end.
//
// Usage: node scripts/bench/ingest.mjs [--scale 1] [--runs 3] [--json out.json]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { MB, SOURCES, fmt, flag, median, requireBuiltSdk, runJsonChild } from './lib.mjs';
import { makeNational } from './synth.mjs';

const CHILD = new URL('./build-child.mjs', import.meta.url).pathname;
const argv = process.argv.slice(2);
const scale = Number(flag(argv, 'scale', '1'));
const runs = Math.max(1, Math.min(20, Number(flag(argv, 'runs', '3'))));
const jsonOut = flag(argv, 'json', undefined);
if (!(scale > 0 && scale <= 4)) {
  console.error('--scale must be in (0, 4]');
  process.exit(2);
}
requireBuiltSdk();

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

const work = await mkdtemp(join(tmpdir(), 'pnrr-bench-ingest-'));
try {
  // (a) the real Tuscan build
  const tuscanRuns = [];
  for (let i = 0; i < runs; i++) {
    const r = await runJsonChild(CHILD, [JSON.stringify({ ...tuscan, out: join(work, `toscana-${i}`) })]);
    log(`toscana run ${i + 1}/${runs}: ${fmt(r.ms, 0)} ms, peak RSS ${fmt(r.maxRssBytes / MB, 0)} MB`);
    tuscanRuns.push(r);
    await rm(join(work, `toscana-${i}`), { recursive: true, force: true });
  }
  const pick = tuscanRuns.find((r) => r.ms === median(tuscanRuns.map((x) => x.ms)));
  const real = {
    ...summarise(pick),
    runs,
    msAll: tuscanRuns.map((r) => r.ms),
    maxRssBytes: Math.max(...tuscanRuns.map((r) => r.maxRssBytes)),
  };

  // (b) the synthetic national-size build
  log(`writing the synthetic input (scale ${scale}) into ${work} …`);
  const genStart = performance.now();
  const synth = await makeNational(work, scale);
  const genMs = performance.now() - genStart;
  log(`  ${fmt(synth.projectBytes / MB)} MB projects (${synth.projects} rows), ${fmt(synth.localisationBytes / MB)} MB localisations (${synth.localisations} rows) in ${fmt(genMs / 1000)} s`);
  const r = await runJsonChild(CHILD, [JSON.stringify({
    region: '09', projects: [synth.projectsPath], localisations: [synth.localisationsPath], ...geo, out: join(work, 'national'),
  })]);
  log(`synthetic build: ${fmt(r.ms / 1000)} s, peak RSS ${fmt(r.maxRssBytes / MB, 0)} MB`);
  const national = {
    ...summarise(r),
    scale,
    generateMs: genMs,
    projectRows: synth.projects,
    localisationRows: synth.localisations,
    projectBytes: synth.projectBytes,
    localisationBytes: synth.localisationBytes,
    copies: synth.copies,
    tuscanCopies: synth.tuscanCopies,
  };

  const result = { tuscan: real, national };
  if (jsonOut) await writeFile(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
