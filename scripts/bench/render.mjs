// Page render: the kit's elements against a hand-written page showing the same figures from the raw
// files (scripts/bench/baseline/), in the same Chromium, paired and interleaved.
//
// For each view (card, chart by mission, map of the comuni) and each network (none; Lighthouse's
// "Slow 4G", see browser.mjs), `--pairs` pairs of cold loads, both under 4× CPU throttling
// (Emulation.setCPUThrottlingRate): kit then baseline in even pairs, baseline then kit in odd ones,
// each load in a fresh browser context with the cache disabled. Per pair the ratio kit ÷ baseline of
// the time to render; reported: its median and its smallest–largest, the median ms of each side,
// and the bytes each side received (CDP). "Rendered", on both sides, is `performance.now()` (ms since
// navigation start) at the moment the content is in the page:
//   kit       every element of the page has settled in the `ready` state (`await el.settled()`:
//             the data arrived and Lit rendered them, the card's text is in its shadow DOM) and, for
//             a chart or a map, `await el.chartRendered()` resolved (vega-embed has drawn the SVG);
//   baseline  the card's text is in the DOM, or the `vegaEmbed()` promise resolved (same vega,
//             vega-lite and vega-embed versions as the kit bundles, same moment: view run and drawn).
// The bytes of the data actually shown are the gzip (level 6) of a JSON of the figures displayed,
// as the baseline collects them (card: the project's fields; chart: the 6 mission rows; map: one
// value per comune).
//
//   node scripts/bench/render.mjs [--pairs 5]      (after `npm run build`; prints one JSON line)
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { SLOW_4G, coldLoad, kitRendered, launchBrowser } from './browser.mjs';
import { flag, median } from './lib.mjs';
import { VIEWS, agreement, startRenderServer } from './render-pages.mjs';

const argv = process.argv.slice(2);
const PAIRS = Number(flag(argv, 'pairs', '5'));
const CPU = 4;
const log = (s) => process.stderr.write(`[bench:render] ${s}\n`);

const isData = (path) => path.startsWith('/cdn/data/') || path.startsWith('/raw/');
const summary = (load) => ({
  ms: load.ms,
  transferred: load.transferred,
  dataBody: load.requests.filter((r) => isData(r.path)).reduce((a, r) => a + r.body, 0),
  codeBody: load.requests.filter((r) => !isData(r.path)).reduce((a, r) => a + r.body, 0),
  requests: load.requests.length,
});

const server = await startRenderServer();
const { browser, close } = await launchBrowser();
const chromium = await browser.version();
const loadStart = loadavg()[0];
const results = [];
try {
  for (const network of [null, SLOW_4G]) {
    for (const [view, v] of Object.entries(VIEWS)) {
      const pairs = [];
      let shown = null;
      for (let i = 0; i < PAIRS; i++) {
        const runKit = () => coldLoad(browser, server.origin + v.kit, { cpu: CPU, network: network?.conditions, beforeLoad: kitRendered });
        const runBase = () => coldLoad(browser, server.origin + v.baseline, { cpu: CPU, network: network?.conditions });
        let kit, base;
        if (i % 2 === 0) {
          kit = await runKit();
          base = await runBase();
        } else {
          base = await runBase();
          kit = await runKit();
        }
        shown ??= base.shown;
        pairs.push({ kit: summary(kit), base: summary(base), ratio: kit.ms / base.ms });
        log(`${view} ${network ? 'slow 4G' : 'no throttling'} #${i + 1}: kit ${kit.ms.toFixed(0)} ms, baseline ${base.ms.toFixed(0)} ms (wall ${kit.wallMs.toFixed(0)} / ${base.wallMs.toFixed(0)} ms)`);
      }
      const ratios = pairs.map((p) => p.ratio);
      results.push({
        view,
        network: network ? 'slow4g' : 'none',
        pairs: pairs.length,
        ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
        kitMs: median(pairs.map((p) => p.kit.ms)),
        baseMs: median(pairs.map((p) => p.base.ms)),
        kit: pairs[0].kit,
        base: pairs[0].base,
        shownGzip: gzipSync(JSON.stringify(shown), { level: 6 }).length,
        shownItems: Array.isArray(shown) ? shown.length : 1,
        agreement: agreement(view, shown),
      });
    }
  }
} finally {
  await close();
  server.close();
}
console.log(
  JSON.stringify({
    cpu: CPU,
    network: SLOW_4G.name,
    loadStart,
    loadEnd: loadavg()[0],
    versions: server.versions,
    chromium,
    results,
  }),
);
