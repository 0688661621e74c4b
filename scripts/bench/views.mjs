// Per-view payloads and cold render times of a data package, measured in Chromium: the CDN build
// and the package given served by a gzip HTTP server (browser.mjs), one page per view with the
// elements pointed at the package (`src`), each load cold (fresh context, cache disabled).
//
// For each package: the bytes of data each view received (gzip bodies, CDP; manifest included) against
// the budgets of issue 11, and the median time to render (as render.mjs defines it: every element
// `ready` and, for a chart or a map, drawn) under `--cpu` × CPU throttling, no network throttling.
// Worst cases are chosen from the package itself, so any package can be measured:
//   card  a project of the largest project shard (gzip): the largest card payload of the package;
//   list  the comune with the largest list file; its province is the one of the province views.
//
//   node scripts/bench/views.mjs [--package <dir>]… [--runs 3] [--cpu 4]   (prints one JSON line)
// Without --package: the embedded Tuscan and Ligurian packages (packages/sdk/data/).
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CDN_DIR, coldLoad, kitPage, kitRendered, launchBrowser, startServer } from './browser.mjs';
import { SDK, median } from './lib.mjs';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { package: { type: 'string', multiple: true }, runs: { type: 'string' }, cpu: { type: 'string' } },
  strict: false,
});
const PACKAGES = (values.package ?? [join(SDK, 'data', 'toscana'), join(SDK, 'data', 'liguria')]).map((p) => resolve(p));
const RUNS = Number(values.runs ?? '3');
const CPU = Number(values.cpu ?? '4');
const KiB = 1024;
const log = (s) => process.stderr.write(`[bench:views] ${s}\n`);

/** Budgets of issue 11 (KiB gzip of data, manifest included). */
const BUDGETS = { card: 10, list: 30, chartMission: 2, chartMap: 60 };

const gz = (file) => gzipSync(readFileSync(file), { level: 6 }).length;
const json = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The worst cases of a package: the CUP of its largest shard, its comune with the largest list. */
function worstCases(dir) {
  const manifest = json(join(dir, 'manifest.json'));
  const shards = readdirSync(join(dir, 'projects')).map((f) => ({ f, size: gz(join(dir, 'projects', f)) }));
  const shard = shards.reduce((a, b) => (b.size > a.size ? b : a));
  const cup = json(join(dir, 'projects', shard.f)).projects[0].cup;
  const lists = readdirSync(join(dir, 'lists'))
    .filter((f) => /^\d{6}\.json$/.test(f) && !f.endsWith('000.json'))
    .map((f) => ({ code: f.slice(0, 6), size: gz(join(dir, 'lists', f)) }));
  const comune = lists.reduce((a, b) => (b.size > a.size ? b : a)).code;
  return { manifest, cup, shard: shard.f, comune, province: comune.slice(0, 3) };
}

/** The views measured, each a page body; `{src}` is the package's URL. */
function views({ cup, comune, province }) {
  const chart = (attrs = '') => `<pnrr-spending-chart src="{src}" group-by="mission"${attrs}></pnrr-spending-chart>`;
  const map = (attrs = '') => `<pnrr-municipality-map src="{src}"${attrs}></pnrr-municipality-map>`;
  const p = ` province="${province}"`;
  return [
    { id: 'card', label: `card (CUP ${cup}, of the largest shard)`, body: `<pnrr-project-card src="{src}" cup="${cup}"></pnrr-project-card>`, budget: BUDGETS.card },
    { id: 'list', label: `list of a comune (${comune}, the largest list)`, body: `<pnrr-project-list src="{src}" comune="${comune}"></pnrr-project-list>`, budget: BUDGETS.list },
    { id: 'chart-region', label: 'chart by mission, region', body: chart(), budget: BUDGETS.chartMission },
    { id: 'chart-province', label: `chart by mission, province ${province}`, body: chart(p) },
    { id: 'map-region', label: 'map, region zoom', body: map() },
    { id: 'map-province', label: `map, province zoom (${province})`, body: map(p) },
    { id: 'chart-map-region', label: 'chart + map, region', body: chart() + map(), budget: BUDGETS.chartMap },
    { id: 'chart-map-province', label: `chart + map, province ${province}`, body: chart(p) + map(p), budget: BUDGETS.chartMap },
  ];
}

const cases = PACKAGES.map((dir, i) => ({ dir, i, worst: worstCases(dir) }));
const pages = {};
for (const { i, worst } of cases) for (const v of views(worst)) pages[`/v/${i}/${v.id}.html`] = kitPage(v.body.replaceAll('{src}', `/pkg/${i}/`));
const server = await startServer({ mounts: { '/cdn/': CDN_DIR, ...Object.fromEntries(cases.map(({ dir, i }) => [`/pkg/${i}/`, dir])) }, pages });
const { browser, close } = await launchBrowser();
const loadStart = loadavg()[0];
const packages = [];
try {
  for (const { dir, i, worst } of cases) {
    const { manifest } = worst;
    const rows = [];
    for (const v of views(worst)) {
      const loads = [];
      for (let r = 0; r < RUNS; r++) loads.push(await coldLoad(browser, `${server.origin}/v/${i}/${v.id}.html`, { cpu: CPU, beforeLoad: kitRendered, viewport: { width: 1280, height: 2000 } }));
      // Bytes do not change between loads: the files of the first one.
      const prefix = `/pkg/${i}/`;
      const files = Object.fromEntries(loads[0].requests.filter((q) => q.path.startsWith(prefix)).map((q) => [q.path.slice(prefix.length), q.body]));
      const data = Object.values(files).reduce((a, b) => a + b, 0);
      const ms = median(loads.map((l) => l.ms));
      rows.push({ ...v, body: undefined, files, data, ms, msAll: loads.map((l) => l.ms), within: v.budget === undefined ? null : data <= v.budget * KiB });
      log(`${basename(dir)} ${v.id}: ${(data / KiB).toFixed(2)} KiB data, ${ms.toFixed(0)} ms`);
    }
    packages.push({
      dir,
      region: manifest.region,
      projects: (manifest.files.provenance ? json(join(dir, manifest.files.provenance)) : manifest).totals?.projects,
      shards: manifest.files.projectShards?.count,
      worst: { cup: worst.cup, shard: worst.shard, comune: worst.comune, province: worst.province },
      rows,
    });
  }
} finally {
  await close();
  server.close();
}
console.log(JSON.stringify({ cpu: CPU, runs: RUNS, loadStart, loadEnd: loadavg()[0], packages }));
