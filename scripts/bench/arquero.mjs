#!/usr/bin/env node
// SDK queries against arquero over the same rows, in the same process. The rows: every localisation
// of every project of the embedded package (its shards, read once from disk), one row per project ×
// territory inside the region, with the project's mission and the PNRR cents attributed there.
// arquero answers each query from that in-memory table; the SDK answers from its package files,
// with one warm client (files read and parsed once, as a page that has already loaded them).
// Both sides run the same number of iterations, interleaved; medians and p95 in milliseconds.
//
// Usage: node scripts/bench/arquero.mjs [--iterations 200] [--json out.json]
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as aq from 'arquero';
import { EMBEDDED, SDK, flag, median, p95, requireBuiltSdk } from './lib.mjs';

const argv = process.argv.slice(2);
const iterations = Math.max(5, Math.min(5000, Number(flag(argv, 'iterations', '200'))));
const jsonOut = flag(argv, 'json', undefined);
requireBuiltSdk();
const { createClient } = await import(pathToFileURL(join(SDK, 'dist', 'index.js')).href);

const manifest = JSON.parse(await readFile(join(EMBEDDED, 'manifest.json'), 'utf8'));
const cups = [];
const missions = [];
const territories = [];
const pnrr = [];
const projectPnrr = [];
const { pattern, count } = manifest.files.projectShards;
for (let i = 0; i < count; i++) {
  const shard = JSON.parse(await readFile(join(EMBEDDED, pattern.replace('{shard}', i.toString(16).padStart(2, '0'))), 'utf8'));
  for (const p of shard.projects) {
    for (const l of p.localisations) {
      if (l.territory === null) continue;
      cups.push(`${p.cup}/${p.localCode}`);
      missions.push(p.mission.code);
      territories.push(l.territory);
      pnrr.push(l.pnrrCents);
      projectPnrr.push(p.funding.pnrrCents);
    }
  }
}
const table = aq.table({ project: cups, mission: missions, territory: territories, pnrr, projectPnrr });
const COMUNE = '048017'; // Firenze

const QUERIES = [
  {
    name: 'spending by mission',
    sdk: (c) => c.spending({ groupBy: 'mission', metric: 'pnrr' }),
    arquero: () => table.groupby('mission').rollup({ pnrr: aq.op.sum('pnrr') }).orderby('mission').objects(),
  },
  {
    name: 'spending by comune',
    sdk: (c) => c.spending({ groupBy: 'comune', metric: 'pnrr' }),
    arquero: () => table.filter((d) => aq.op.length(d.territory) === 6).groupby('territory').rollup({ pnrr: aq.op.sum('pnrr') }).orderby('territory').objects(),
  },
  {
    name: "projects of a comune (Firenze, top 20 by PNRR)",
    sdk: (c) => c.projects({ comune: COMUNE, sort: 'pnrr', limit: 20 }),
    arquero: () => table.params({ comune: COMUNE }).filter((d, $) => d.territory === $.comune).orderby(aq.desc('projectPnrr'), 'project').slice(0, 20).objects(),
  },
];

const client = createClient({ baseUrl: EMBEDDED });
const results = [];
for (const q of QUERIES) {
  await q.sdk(client); // warm: files loaded
  q.arquero();
  const sdk = [];
  const arq = [];
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    await q.sdk(client);
    sdk.push(performance.now() - t);
    t = performance.now();
    q.arquero();
    arq.push(performance.now() - t);
  }
  const r = { query: q.name, sdkMedian: median(sdk), sdkP95: p95(sdk), arqueroMedian: median(arq), arqueroP95: p95(arq), ratio: median(sdk) / median(arq) };
  process.stderr.write(`[bench:arquero] ${q.name}: SDK ${r.sdkMedian.toFixed(3)} ms, arquero ${r.arqueroMedian.toFixed(3)} ms, ratio ${r.ratio.toFixed(2)}\n`);
  results.push(r);
}
const out = { iterations, rows: table.numRows(), results };
if (jsonOut) await writeFile(jsonOut, `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(out)}\n`);
