#!/usr/bin/env node
// `npm run bench`: runs the ingest and client benchmarks (one after the other: the machine has
// 2 cores) and rewrites docs/benchmarks.md with the measured numbers.
//
// Usage: npm run bench [-- --scale 1] [-- --runs 3] [-- --cold 30 --warm 200]
//        npm run bench -- --only render [--pairs 5] [--view-runs 3] [--package <dir>]…  (that section only)
import { cpus, loadavg, totalmem } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MB, ROOT, flag, fmt, fmtInt, requireBuiltSdk, runJsonChild } from './lib.mjs';
import { renderSection, writeRenderSection } from './render-section.mjs';

const argv = process.argv.slice(2);
const scale = flag(argv, 'scale', '1');
const runs = flag(argv, 'runs', '3');
const cold = flag(argv, 'cold', '30');
const warm = flag(argv, 'warm', '200');
requireBuiltSdk();
if (flag(argv, 'only', '') === 'render') {
  await writeRenderSection(await renderSection(argv), join(ROOT, 'docs', 'benchmarks.md'));
  process.stderr.write('[bench] wrote the render section of docs/benchmarks.md\n');
  process.exit(0);
}

const here = (f) => new URL(f, import.meta.url).pathname;
const started = new Date();
// The machine is shared: the 1-minute load average when the run started says how busy it was.
const loadAtStart = loadavg()[0];
const ingest = await runJsonChild(here('./ingest.mjs'), ['--scale', scale, '--runs', runs]);
const client = await runJsonChild(here('./client.mjs'), ['--cold', cold, '--warm', warm]);

const cpuList = cpus();
const machine = `${cpuList[0]?.model.trim() ?? 'unknown CPU'} × ${cpuList.length} logical CPUs, ${fmt(totalmem() / 1024 ** 3, 1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
const t = ingest.tuscan;
const n = ingest.national;
const sec = (ms) => `${fmt(ms / 1000, ms < 10_000 ? 2 : 1)} s`;
const ingestRow = (label, r, input) =>
  `| ${label} | ${input} | ${sec(r.ms)} | ${sec(r.cpuMs)} | ${fmtInt(r.rows)} | ${fmtInt(r.rowsPerS)} | ${fmt(r.mbPerS, 1)} | ${fmt(r.maxRssBytes / MB, 0)} MB | ${fmtInt(r.projects)} |`;
const ms = (x) => (x < 1 ? fmt(x, 3) : fmt(x, 2));
const kb = (b) => (b === undefined ? '' : `${fmt(b / 1024, 1)} KiB`);
const byQuery = new Map();
for (const r of client.results) {
  const row = byQuery.get(r.query) ?? {};
  row[r.transport] = r;
  byQuery.set(r.query, row);
}

const doc = `# Benchmarks

Speed is a requirement of the kit, and it is **measured here, by benchmarks, not asserted by
tests**: timed tests flake on a shared machine. The numbers below are what one run of
\`npm run bench\` measured on a **shared 2-core machine** (other jobs may have been running);
read them as orders of magnitude and for comparisons between rows, not as guarantees.
No test fails when they change.

- Measured: ${started.toISOString().slice(0, 10)} (${started.toISOString().slice(11, 16)} UTC)
- Machine: ${machine}; 1-minute load average at the start: ${fmt(loadAtStart, 2)}
- Rerun: \`npm run build\` once, then \`npm run bench\` (national-size input, about a minute
  here); \`npm run bench -- --scale 0.1\` for a quick one. The scripts are in
  [\`scripts/bench/\`](../scripts/bench/); this file is rewritten by each full run.

## Ingest: \`buildPackage\` (the \`pnrr-toscana build\` command)

Each build runs in a child process of its own, importing the built SDK
(\`packages/sdk/dist/ingest/index.js\`); peak RSS is that process's \`maxRSS\` at exit (the whole
process, Node included).

| input | size | wall time | CPU time | rows read | rows/s | MB/s | peak RSS | projects in package |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${ingestRow(`Tuscany, real (median of ${t.runs})`, t, `${fmt(t.inputBytes / MB, 1)} MB`)}
${ingestRow(`synthetic, scale ${n.scale}${Number(n.scale) === 1 ? ' = national size' : ''} (1 run)`, n, `${fmt(n.inputBytes / MB, 1)} MB`)}

- **Tuscany, real**: the inputs of the SDK's \`data\` script — ReGiS validated projects and
  localisations (Tuscany + outside Tuscany) of 1 March 2023 and the payments of 31 March 2025, 2023
  layout (\`,\`-separated). Wall time of each run: ${t.msAll.map((x) => `${fmt(x, 0)} ms`).join(', ')}.
- **Synthetic, scale ${n.scale}**: \`PNRR_Progetti.csv\` ${fmt(n.projectBytes / MB, 1)} MB
  (${fmtInt(n.projectRows)} rows) and \`PNRR_Localizzazione.csv\` ${fmt(n.localisationBytes / MB, 1)} MB
  (${fmtInt(n.localisationRows)} rows) in the current official layout (\`;\`, BOM, Italian numbers,
  \`Percentuale di Localizzazione\`); scale 1 is the size of the national files (~300 MB of projects,
  ~66 MB of localisations). They are written
  into the temp directory by [\`scripts/bench/synth.mjs\`](../scripts/bench/synth.mjs) from the real
  Tuscan rows, ${n.copies} copies with new CUPs; ${n.tuscanCopies} of them kept in Tuscany, the others are
  relabelled to other regions (Tuscany holds ~6% of the national projects), so the build keeps
  ${fmtInt(n.projects)} projects and skips the rest. No payments file. Writing the input took
  ${sec(n.generateMs)} (not included); the files are deleted afterwards.
- *rows read*: data rows of the release's CSVs (projects + localisations + payments; the
  localisation files are streamed twice but counted once). *MB/s*: input bytes / wall time.
- Package written: ${fmt(t.outputBytes / MB, 1)} MB in ${t.outputFiles} files (Tuscany);
  ${fmt(n.outputBytes / MB, 1)} MB in ${n.outputFiles} files (synthetic).

## Client: \`createClient()\` in Node

The SDK's client against the embedded package (\`packages/sdk/data/toscana\`) read from disk, and the
same directory served over HTTP by the demo server of \`npm start\` ([\`packages/examples/build/preview.mjs\`](../packages/examples/build/preview.mjs),
no compression, on 127.0.0.1). **Cold**: a new client for each call (its file cache empty; every file the
call needs is read, parsed and checked again), median and p95 of ${client.coldIterations} calls.
**Warm**: one client, after a first call, the same call repeated ${client.warmIterations} times. The operating
system's file cache and Node's module cache are warm in both. *Bytes*: response bodies read by the call
when cold, counted by a wrapping \`fetch\` (the disk transport reads the same files). Times in milliseconds.

| call | disk cold median / p95 | disk warm median / p95 | HTTP cold median / p95 | HTTP warm median / p95 | bytes (requests), cold |
| --- | ---: | ---: | ---: | ---: | ---: |
${[...byQuery].map(([q, { disk: d, http: h }]) =>
  `| \`${q}\` | ${ms(d.coldMedian)} / ${ms(d.coldP95)} | ${ms(d.warmMedian)} / ${ms(d.warmP95)} | ${ms(h.coldMedian)} / ${ms(h.coldP95)} | ${ms(h.warmMedian)} / ${ms(h.warmP95)} | ${kb(h.bytes)} (${h.requests}) |`,
).join('\n')}
`;

await writeFile(join(ROOT, 'docs', 'benchmarks.md'), `${doc}\n${await renderSection(argv)}`);
process.stderr.write(`[bench] wrote docs/benchmarks.md in ${fmt((Date.now() - started.getTime()) / 1000, 0)} s\n`);
