// The render benchmark (scripts/bench/render.mjs) compares like with like: the hand-written baseline
// pages, loaded in Chromium from the raw CSVs, show the figures the kit's package holds, and the kit's
// page reaches its rendered moment. No timing is asserted (the machine is shared); the figures are.
// And `npm run bench -- --only render` replaces its own section of docs/benchmarks.md, nothing else.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CDN_DIR, coldLoad, kitRendered, launchBrowser } from '../bench/browser.mjs';
import { VIEWS, agreement, startRenderServer } from '../bench/render-pages.mjs';
import { MARKERS, writeRenderSection } from '../bench/render-section.mjs';

describe('writeRenderSection', () => {
  let dir;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'pnrr-bench-doc-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('replaces the section between its markers and keeps the rest byte for byte', async () => {
    const file = join(dir, 'a.md');
    const head = '# Benchmarks\n\n## Ingest\n\n| a | b |\n';
    const tail = '\n## Later section\n\ntext\n';
    writeFileSync(file, `${head}${MARKERS[0]}\nold numbers\n${MARKERS[1]}\n${tail}`);
    await writeRenderSection(`${MARKERS[0]}\nnew numbers\n${MARKERS[1]}\n`, file);
    assert.equal(readFileSync(file, 'utf8'), `${head}${MARKERS[0]}\nnew numbers\n${MARKERS[1]}\n${tail}`);
  });

  test('appends the section to a file that has none', async () => {
    const file = join(dir, 'b.md');
    writeFileSync(file, '# Benchmarks\n\ntext\n');
    await writeRenderSection(`${MARKERS[0]}\nx\n${MARKERS[1]}\n`, file);
    assert.equal(readFileSync(file, 'utf8'), `# Benchmarks\n\ntext\n\n${MARKERS[0]}\nx\n${MARKERS[1]}\n`);
  });
});

describe('the baseline pages show the kit’s figures', { skip: !existsSync(join(CDN_DIR, 'pnrr-widgets.js')) && 'run `npm run build` first' }, () => {
  let server;
  let chrome;
  before(async () => {
    server = await startRenderServer();
    chrome = await launchBrowser();
  });
  after(async () => {
    await chrome?.close();
    server?.close();
  });

  test('chart by mission: the same 6 missions, each within €1 of the package’s view', async () => {
    const load = await coldLoad(chrome.browser, server.origin + VIEWS.chart.baseline);
    assert.deepEqual(
      load.shown.map((r) => r.mission),
      ['M1', 'M2', 'M3', 'M4', 'M5', 'M6'],
    );
    const { maxDiffEuros } = agreement('chart', load.shown);
    assert.ok(maxDiffEuros < 1, `${maxDiffEuros} €`);
    // The raw files, not the package: the CSVs of projects and localisations were downloaded.
    assert.ok(load.requests.some((r) => r.path === '/raw/progetti_validati_toscana.csv' && r.body > 100_000));
  });

  test('map: the comuni with a value agree with the package but for merged comuni', async () => {
    const load = await coldLoad(chrome.browser, server.origin + VIEWS.map.baseline);
    const a = agreement('map', load.shown);
    // The baseline keeps a merged comune's old code (the kit maps it to the current comune): a few
    // comuni differ, never more than a handful of the region's 273.
    assert.ok(a.kitComuni > 250, JSON.stringify(a));
    assert.ok(a.differOver1Euro <= 5, JSON.stringify(a));
  });

  test('card: the project, its tenders with their awardees and its indicators', async () => {
    const { shown } = await coldLoad(chrome.browser, server.origin + VIEWS.card.baseline);
    assert.equal(shown.cup, 'H91J12000770005');
    assert.deepEqual(shown.places.sort(), ['CAMPI BISENZIO', 'FIRENZE']);
    assert.equal(shown.tenders[0].cig, '9524700F13');
    assert.ok(shown.tenders[0].awardees.length >= 2);
    assert.ok(shown.indicators.length >= 1);
  });

  test('the kit’s chart page reaches its rendered moment, reading the package, not the CSVs', async () => {
    const load = await coldLoad(chrome.browser, server.origin + VIEWS.chart.kit, { beforeLoad: kitRendered });
    assert.ok(load.ms > 0);
    assert.ok(load.requests.some((r) => r.path === '/cdn/data/toscana/manifest.json'));
    assert.ok(!load.requests.some((r) => r.path.startsWith('/raw/')));
  });
});
