// The "Page render and payloads" section of docs/benchmarks.md: runs render.mjs (kit vs the
// hand-written baseline page) and views.mjs (per-view payloads and cold render times of packages),
// each in a child process, one after the other, and returns the section's markdown.
//
// Options (from `npm run bench -- …`): --pairs N (render.mjs, default 5), --view-runs N (views.mjs,
// default 3), --package <dir> (repeatable; default: the embedded Tuscan and Ligurian packages);
// --render-from <file>: no measuring, the section rewritten from the results a run saved.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, fmt, fmtInt, flag, runJsonChild } from './lib.mjs';

const here = (f) => new URL(f, import.meta.url).pathname;
const KiB = 1024;
const kib = (b) => `${fmt(b / KiB, b < 10 * KiB ? 2 : 1)} KiB`;
const s = (ms) => `${fmt(ms / 1000, 2)} s`;
const x = (r) => `${fmt(r, 2)}×`;

/** Start and end markers of the section, so `--only render` can replace it inside the file. */
export const MARKERS = ['<!-- bench:render -->', '<!-- /bench:render -->'];

export async function renderSection(argv) {
  const pairs = flag(argv, 'pairs', '5');
  const viewRuns = flag(argv, 'view-runs', '3');
  const { values } = parseArgs({ args: argv, options: { package: { type: 'string', multiple: true } }, strict: false, allowPositionals: true });
  const from = flag(argv, 'render-from', undefined);
  let measured;
  if (from) measured = JSON.parse(await readFile(from, 'utf8'));
  else {
    if (!existsSync(here('../../packages/widgets/dist/cdn/pnrr-widgets.js'))) {
      throw new Error('packages/widgets/dist/cdn/ is missing: run `npm run build` first.');
    }
    measured = {
      render: await runJsonChild(here('./render.mjs'), ['--pairs', pairs]),
      views: await runJsonChild(here('./views.mjs'), ['--runs', viewRuns, ...(values.package ?? []).flatMap((p) => ['--package', p])]),
    };
    const saved = join(tmpdir(), `pnrr-bench-render-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(saved, `${JSON.stringify(measured)}\n`);
    process.stderr.write(`[bench:render] results saved in ${saved} (--only render --render-from <file> rewrites the section from them)\n`);
  }
  return `${MARKERS[0]}\n${renderMarkdown(measured.render, measured.views)}${MARKERS[1]}\n`;
}

/** Replaces the section in docs/benchmarks.md (or appends it when the file has none). */
export async function writeRenderSection(section, file) {
  const doc = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmarks\n';
  const [start, end] = MARKERS;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  const next = a >= 0 && b > a ? doc.slice(0, a) + section + doc.slice(b + end.length + 1) : `${doc.trimEnd()}\n\n${section}`;
  await writeFile(file, next);
}

const VIEW_LABEL = {
  card: 'card (`<pnrr-project-card cup="H91J12000770005">`, Firenze tramway)',
  chart: 'chart by mission (`<pnrr-spending-chart group-by="mission">`, Tuscany)',
  map: 'map of the comuni (`<pnrr-municipality-map>`, Tuscany)',
};

export function renderMarkdown(render, views) {
  const r = render.results;
  const net = (n) => (n === 'none' ? 'none' : 'Slow 4G');
  const timeRows = r.map(
    (c) => `| ${c.view} | ${net(c.network)} | **${x(c.ratio.median)}** (${x(c.ratio.min)}–${x(c.ratio.max)}) | ${s(c.kitMs)} | ${s(c.baseMs)} |`,
  );
  const byteRows = r
    .filter((c) => c.network === 'none')
    .map(
      (c) =>
        `| ${c.view} | ${kib(c.kit.dataBody)} + ${kib(c.kit.codeBody)} = ${kib(c.kit.transferred)} (${c.kit.requests}) | ${kib(c.base.dataBody)} + ${kib(c.base.codeBody)} = ${kib(c.base.transferred)} (${c.base.requests}) | ${fmtInt(c.shownGzip)} B (${c.shownItems} ${c.view === 'card' ? 'project' : c.view === 'chart' ? 'rows' : 'comuni'}) | ${x(c.kit.dataBody / c.shownGzip)} | ${x(c.base.dataBody / c.shownGzip)} |`,
    );
  const chart = r.find((c) => c.view === 'chart')?.agreement;
  const map = r.find((c) => c.view === 'map')?.agreement;
  const packageTables = views.packages.map((p) => {
    const rows = p.rows.map(
      (v) =>
        `| ${v.label} | ${Object.entries(v.files)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([f, b]) => `\`${f}\` ${fmt(b / KiB, 2)}`)
          .join(', ')} | **${kib(v.data)}** | ${v.budget === undefined ? '' : `≤ ${v.budget} KiB`} | ${v.within === null ? '' : v.within ? 'yes' : '**no**'} | ${s(v.ms)} (${v.msAll.map((m) => fmt(m / 1000, 2)).join(', ')}) |`,
    );
    return `### ${p.region.name} — \`${relative(ROOT, p.dir) || p.dir}\`

${fmtInt(p.projects)} projects in ${fmtInt(p.shards)} shards. Worst cases chosen from the package: the card of CUP
\`${p.worst.cup}\` (first project of \`projects/${p.worst.shard}\`, the largest shard in gzip), the list of comune
\`${p.worst.comune}\` (the largest list file), and its province \`${p.worst.province}\` for the province views.

| view | data files (KiB gzip) | data in all | budget | within | cold render, median (each run) |
| --- | --- | ---: | --- | --- | ---: |
${rows.join('\n')}
`;
  });

  return `## Page render and payloads: the kit vs a hand-written page (Chromium)

What a reader's browser does with the kit's CDN build, against a page a developer without the kit
would write for the same content: it downloads the raw ReGiS CSVs of 1 March 2023 (projects,
localisations in and outside Tuscany; for the card also the tenders, and the payments, awardees and
indicators of 31 March 2025) and the comuni's TopoJSON, parses them with d3-dsv (the parser of
vega's own loader), attributes each project's PNRR funding to its places as the kit's methodology
says (equal shares of the project's localisation rows in all regions) and draws with vega-embed, from
script tags of the same vega ${render.versions.vega}, vega-lite ${render.versions['vega-lite']} and vega-embed ${render.versions['vega-embed']} the kit bundles, served
locally ([\`scripts/bench/baseline/\`](../scripts/bench/baseline/)). The kit's page is the stylesheet, the script
and one element, as [widgets.md](widgets.md) shows. Both are served by one local HTTP server
(127.0.0.1) that gzips every answer (level 6, compressed once beforehand) and sends \`no-store\`.

- ${render.chromium} (headless, Debian), driven by puppeteer-core over the DevTools protocol.
- **CPU**: ${render.cpu}× throttling (\`Emulation.setCPUThrottlingRate\`) on both sides, in every run.
- **Network**: none (loopback), or ${render.network} (\`Network.emulateNetworkConditions\`).
- **Runs**: ${r[0]?.pairs ?? 0} pairs per row, interleaved (kit then baseline, baseline then kit, …), each load cold:
  a fresh browser context, HTTP cache disabled. The ratio is kit ÷ baseline within each pair; shown is
  its median and (smallest–largest). Below 1× the kit is faster.
- **Rendered**: \`performance.now()\` (ms since the navigation started) when the content is in the
  page. Kit: every element has settled \`ready\` (\`await el.settled()\`: data arrived, text rendered)
  and a chart or map's \`await el.chartRendered()\` has resolved (vega-embed drew the view). Baseline:
  the card's text is in the DOM, or the \`vegaEmbed()\` promise has resolved (the same moment of the
  same library).
- **Load**: 1-minute load average ${fmt(render.loadStart, 2)} when the render runs started, ${fmt(render.loadEnd, 2)} when they
  ended (2 cores, shared). With such a load the milliseconds are noise; the paired ratios carry the
  meaning.
- Same figures on both sides: the baseline's 6 mission rows are within €${fmt(chart?.maxDiffEuros ?? NaN, 2)} of the kit's
  (floating point vs integer cents); its map has ${map?.baselineComuni} comuni with a value against the kit's ${map?.kitComuni}, ${map?.differOver1Euro}
  differing by more than €1 (codes of merged comuni, which the kit maps to the current comune).

### Time to render, kit ÷ baseline

| view | network | kit ÷ baseline, median (min–max) | kit, median | baseline, median |
| --- | --- | ---: | ---: | ---: |
${timeRows.join('\n')}

Views: ${Object.entries(VIEW_LABEL)
    .map(([k, v]) => `*${k}* = ${v}`)
    .join('; ')}.

### Bytes sent vs the data actually shown

Bytes the browser received (CDP: gzip bodies from \`Network.dataReceived\`; *transferred* adds the
headers, \`Network.loadingFinished.encodedDataLength\`), first pair without network throttling (they do
not change between runs), as *data* (JSON, CSV, TopoJSON) + *code* (HTML, JS, CSS) = *transferred*
(requests). *Data shown*: the gzip (level 6) of a JSON of the figures the page displays (card: the
project's title, CUP, mission › component › measure, body, places, funding by source, payments,
tenders with their awardees, target indicators — what the kit's card shows, so the baseline card also
downloads the tenders, awardees and indicators files; chart: mission, label, euros, projects; map:
comune code and euros).

| view | kit: data + code = transferred (requests) | baseline: data + code = transferred (requests) | data shown | kit data ÷ shown | baseline data ÷ shown |
| --- | --- | --- | ---: | ---: | ---: |
${byteRows.join('\n')}

### Per-view payloads and cold render times of a package

Each view's page points its elements at the package (\`src\`); the bytes are the data files the browser
received (gzip bodies, manifest included) and the budgets are issue 11's. Cold render: same moment as
above, ${views.cpu}× CPU, no network throttling, median of ${views.runs} cold loads. Load average ${fmt(views.loadStart, 2)} at the
start, ${fmt(views.loadEnd, 2)} at the end.

${packageTables.join('\n')}
[payloads.md](payloads.md) (\`scripts/bench/payloads.mjs\`) adds up the same files without a browser, for the
Tuscan package and a synthetic Tuscany × 8 one; the budgets are enforced on the Tuscan package by
\`packages/examples/test/payload.test.mjs\` (in \`npm test\`).

### Rerun

- \`npm run build\`, then \`npm run bench -- --only render\` (≈ 10 minutes here) rewrites this section only;
  \`npm run bench\` rewrites the whole file, this section included.
- Options: \`--pairs N\` (render pairs per row, default 5), \`--view-runs N\` (cold loads per view, default 3),
  \`--package <dir>\` (repeatable; default the embedded Tuscan and Ligurian packages), e.g.
  \`npm run bench -- --only render --package /tmp/italia\` for a national package.
- Each run saves its results in the temp folder (the path is printed);
  \`npm run bench -- --only render --render-from <file>\` rewrites this section from them.
- Alone, printing JSON: \`node scripts/bench/render.mjs --pairs 5\` and
  \`node scripts/bench/views.mjs --package <dir> [--runs 3] [--cpu 4]\`.
`;
}
