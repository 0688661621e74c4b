// Per-view payloads: the gzip bytes of the data-package files each view reads, for the embedded
// Tuscan package and a larger synthetic one (the Tuscan sources copied N times with new CUPs, built by
// the real build). Writes docs/payloads.md (its own file: `npm run bench` owns docs/benchmarks.md).
//
// Which files each view reads is what packages/examples/test/payload.test.mjs sees Chromium fetch from
// a real server (and asserts within budget) for the Tuscan package; here the same lists are applied to
// any package, so the sizes at a larger scale are measured, not extrapolated.
//
//   node scripts/bench/payloads.mjs [--copies 8] [--out docs/payloads.md]
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { EMBEDDED, ROOT, SDK, SOURCES, requireBuiltSdk } from './lib.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const COPIES = Number(arg('copies', '8'));
const OUT = arg('out', join(ROOT, 'docs', 'payloads.md'));
const KiB = 1024;
const V2023 = join(SOURCES, 'pnrr-toscana', 'regis-2023-03-01');
const GEO = join(SOURCES, 'geo');

const gzip = async (pkg, file) => gzipSync(await readFile(join(pkg, file)), { level: 6 }).length;

/** The Tuscan projects and localisations `copies` times, each copy after the first with new CUPs and local codes. */
async function copiesOfTuscany(dir, copies) {
  await mkdir(dir, { recursive: true });
  const cupIndex = new Map();
  const quote = (v) => `"${v.replace(/"/g, '""')}"`;
  const copy = async (file) => {
    // The SDK's own CSV reader (as synth.mjs): no dependency of the scripts.
    const { readCsv } = await import(pathToFileURL(join(SDK, 'dist', 'ingest', 'index.js')).href);
    const rows = [];
    await readCsv(join(V2023, file), { onHeader: (h) => rows.push(h), onRecord: (r) => rows.push(r), onReject: () => {} });
    const header = rows[0];
    const cupAt = header.indexOf('CUP');
    const clpAt = header.indexOf('Codice Locale Progetto');
    const lines = [header.map(quote).join(',')];
    for (let c = 0; c < copies; c++) {
      for (const row of rows.slice(1)) {
        const cup = row[cupAt];
        if (c > 0 && !/^[A-Z0-9]{15}$/.test(cup)) continue;
        if (!cupIndex.has(cup)) cupIndex.set(cup, cupIndex.size);
        const out = [...row];
        if (c > 0) {
          out[cupAt] = cup.slice(0, 5) + (c * 65536 + cupIndex.get(cup)).toString(36).toUpperCase().padStart(10, '0');
          out[clpAt] = row[clpAt] === cup ? out[cupAt] : `${row[clpAt]}-${c}`;
        }
        lines.push(out.map(quote).join(','));
      }
    }
    const path = join(dir, file);
    await writeFile(path, `${lines.join('\n')}\n`);
    return path;
  };
  return {
    projects: [await copy('progetti_validati_toscana.csv')],
    localisations: [await copy('localizzazioni_validate_toscana.csv'), await copy('localizzazioni_validate_fuori_toscana.csv')],
  };
}

/** Median and largest of a list of numbers. */
const spread = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};

/** The payload of each view of the package in `pkg`, in gzip bytes. */
async function payloads(pkg) {
  const manifest = JSON.parse(await readFile(join(pkg, 'manifest.json'), 'utf8'));
  const region = manifest.region.code;
  const m = await gzip(pkg, 'manifest.json');
  const shardSizes = await Promise.all((await readdir(join(pkg, 'projects'))).map((f) => gzip(pkg, `projects/${f}`)));
  const shard = spread(shardSizes);
  const territories = await gzip(pkg, 'territories.json');
  const boundaries = await gzip(pkg, 'boundaries.topo.json');
  const comuneView = await gzip(pkg, `views/comune/${region}.json`);
  const listFiles = (await readdir(join(pkg, 'lists'))).filter((f) => /^\d{6}\.json$/.test(f) && !f.endsWith('000.json'));
  const list = spread(await Promise.all(listFiles.map((f) => gzip(pkg, `lists/${f}`))));
  // The totals are in provenance.json (the manifest every view reads no longer carries them).
  const totals = manifest.files.provenance ? JSON.parse(await readFile(join(pkg, manifest.files.provenance), 'utf8')).totals : manifest.totals;
  return {
    projects: totals.projects,
    shards: manifest.files.projectShards.count,
    manifest: m,
    cardMedian: m + shard.median,
    cardMax: m + shard.max,
    listComune: m + list.median,
    listRegion: m + (await gzip(pkg, `lists/${region}.json`)),
    chartMission: m + (await gzip(pkg, `views/mission/${region}.json`)),
    // The comune's view carries its name and the money of its enclosing buckets: the chart reads nothing else.
    chartMissionComune: m + (await gzip(pkg, 'views/mission/048017.json')),
    // The map of the region and of one province read the same files (the province's rows are the view's keys it keeps).
    mapRegion: m + territories + boundaries + comuneView,
    chartMapProvince: m + territories + boundaries + comuneView + (await gzip(pkg, 'views/mission/048.json')),
    factTable: (await gzip(pkg, 'facts.json')) + (await gzip(pkg, 'measures.json')) + territories + m,
  };
}

requireBuiltSdk();
const { buildPackage } = await import(pathToFileURL(join(SDK, 'dist', 'ingest', 'index.js')).href);
const work = await mkdtemp(join(tmpdir(), 'pnrr-payloads-'));
try {
  const inputs = await copiesOfTuscany(join(work, 'input'), COPIES);
  const synthetic = join(work, 'package');
  await buildPackage({ ...inputs, region: '09', boundaries: join(GEO, 'toscana-comuni.topo.json'), population: join(GEO, 'toscana-comuni.csv'), out: synthetic });
  const rows = [
    ['Tuscany (embedded, real)', await payloads(EMBEDDED)],
    [`synthetic: Tuscany × ${COPIES}`, await payloads(synthetic)],
  ];
  const k = (n) => (n / KiB).toFixed(2);
  const lines = [
    '# Payloads per view / Byte scaricati per vista',
    '',
    '<!-- Generated by `node scripts/bench/payloads.mjs` (after `npm run build`); do not edit by hand. -->',
    '',
    'The data each view fetches, in KiB gzip (level 6, as a web server sends it), manifest included. The files',
    'each view reads are the ones Chromium fetches from a real server in `packages/examples/test/payload.test.mjs`,',
    'which also enforces the budgets on the Tuscan package; this script measures the same files on a larger',
    `package: the Tuscan sources of 1 March 2023 copied ${COPIES} times with new CUPs (clearly synthetic scale data,`,
    'never shipped), built by the real build. *Dati scaricati da ogni vista, in KiB compressi, manifest incluso.*',
    '',
    '| view | budget | ' + rows.map(([name]) => name).join(' | ') + ' |',
    '| --- | --- | ' + rows.map(() => '---:').join(' | ') + ' |',
  ];
  const line = (label, budget, pick) => lines.push(`| ${label} | ${budget} | ${rows.map(([, p]) => pick(p)).join(' | ')} |`);
  line('projects in the package', '', (p) => p.projects.toLocaleString('en-US'));
  line('project shards (`files.projectShards.count`)', '', (p) => p.shards.toLocaleString('en-US'));
  line('card (manifest + one shard), median shard', '', (p) => k(p.cardMedian));
  line('card, largest shard', 'shard ≤ 10', (p) => `${k(p.cardMax)} (shard ${k(p.cardMax - p.manifest)})`);
  line('list of one comune (median comune)', '', (p) => k(p.listComune));
  line('list of the region (its first page when paged)', '', (p) => k(p.listRegion));
  line('chart by mission, region', '≤ 2', (p) => k(p.chartMission));
  line('chart by mission, one comune (Firenze)', '', (p) => k(p.chartMissionComune));
  line('map, region zoom', '', (p) => k(p.mapRegion));
  line('chart + map, province zoom (Firenze)', '≤ 60', (p) => k(p.chartMapProvince));
  line('before views: a chart by mission read facts.json + measures.json + territories.json + manifest', '', (p) => k(p.factTable));
  lines.push(
    '',
    'Notes. Shard counts grow with the package (at most 8 projects per shard on average), so a typical card',
    'stays the same size at any scale; the fullest shard grows slowly with the shard count (a hash spreads the',
    'projects, it does not even them out: see docs/data-schema.md, projects/{shard}.json). The synthetic copies',
    'carry no awardee or indicator data (scripts/bench/synth.mjs writes them, docs/benchmarks.md measures them at',
    'national scale). A project\'s tenders past its first two are in their own file, read only',
    'when the card\'s "show all" button is pressed. Charts and maps read view files whose size depends on the territories and',
    'groups shown, not on the number of projects. A project list (`lists/{key}.json`) of more than 200 projects',
    'is paged: the file holds its first page (what a list\'s first screen reads, measured here), the other pages',
    'are read by a search, another sort or the CSV download (docs/data-schema.md, lists/{key}.json).',
    '',
  );
  await writeFile(OUT, `${lines.join('\n')}`);
  console.log(lines.join('\n'));
} finally {
  await rm(work, { recursive: true, force: true });
}
