// What already holds must keep holding: the CDN build of the widgets in Chromium, against a real
// local server (reliability-server.mjs) that serves every page under a strict Content-Security-Policy
// and breaks the data package on demand. User input is real (puppeteer's mouse); every page is
// checked at the end for CSP violations, uncaught errors and unhandled rejections, requests to any
// other host, cookies and storage. The promises and the figures measured here: docs/reliability.md.
/* global caches, customElements, indexedDB, localStorage, sessionStorage, setTimeout -- page code runs in the browser */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { createClient } from '@pnrr-toscana/sdk';
import { CHROME_FLAGS, findChrome } from '../../../scripts/find-chrome.mjs';
import { DATA_DIR, STRICT_CSP, startReliabilityServer } from './reliability-server.mjs';

const TRAM = 'H91J12000770005'; // Firenze tramway, 222.485.840 € PNRR (data README)
const client = createClient();
/** Figures printed at the end of the run (and copied into docs/reliability.md). */
const figures = {};

let server;
let browser;
let profile;
let cdp; // a browser-level DevTools session (downloads)

before(async () => {
  server = await startReliabilityServer();
  profile = mkdtempSync(join(tmpdir(), 'pnrr-reliability-chrome-'));
  browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    protocolTimeout: 120_000,
    args: [...CHROME_FLAGS, `--user-data-dir=${profile}`],
  });
  cdp = await browser.target().createCDPSession();
});

after(async () => {
  if (Object.keys(figures).length) console.log(`# reliability figures: ${JSON.stringify(figures)}`);
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A page that loads the CDN bundle (and `scripts`) then holds `body`; served under STRICT_CSP. */
function page(name, body, { scripts = ['/cdn/pnrr-widgets.js'] } = {}) {
  const tags = scripts.map((src) => `<script type="module" src="${src}"></script>`).join('\n');
  return server.page(
    `${name}.html`,
    `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>${name}</title>\n${tags}\n</head><body>\n${body}\n</body></html>`,
  );
}

/** Opens `url` in a fresh browser context (its own cookies and storage) and records what must not happen. */
async function open(url) {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  await tab.setViewport({ width: 1280, height: 900 });
  const log = { errors: [], requests: [], console: [] };
  tab.on('pageerror', (error) => log.errors.push(`page error: ${error.message}`));
  tab.on('console', (message) => log.console.push(`${message.type()}: ${message.text()}`));
  tab.on('request', (request) => log.requests.push(request.url()));
  await tab.evaluateOnNewDocument(() => {
    window.__csp = [];
    window.__rejections = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.addEventListener('unhandledrejection', (e) => window.__rejections.push(String(e.reason?.stack ?? e.reason)));
  });
  const response = await tab.goto(url, { waitUntil: 'load' });
  assert.equal(response.status(), 200);
  return { context, tab, log };
}

/**
 * The promises every page keeps, checked before it closes: no CSP violation, no uncaught error or
 * unhandled rejection, no request to another host, no cookie, no storage.
 */
async function finish({ context, tab, log }) {
  const seen = await tab.evaluate(async () => ({
    csp: window.__csp,
    rejections: window.__rejections,
    cookie: document.cookie,
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
  }));
  assert.deepEqual(seen.csp, [], 'securitypolicyviolation events');
  assert.deepEqual(log.console.filter((m) => /Content Security Policy/i.test(m)), [], 'CSP messages on the console');
  assert.deepEqual(seen.rejections, [], 'unhandled rejections');
  assert.deepEqual(log.errors, [], 'uncaught errors');
  const foreign = log.requests.filter((u) => !u.startsWith(`${server.origin}/`) && !/^(data|blob):/.test(u));
  assert.deepEqual(foreign, [], 'requests to another host');
  assert.deepEqual(await tab.cookies(), [], 'cookies in the browser');
  assert.deepEqual(server.cookies(), [], 'cookies sent to the server');
  assert.deepEqual(
    { cookie: seen.cookie, localStorage: seen.localStorage, sessionStorage: seen.sessionStorage, indexedDB: seen.indexedDB, caches: seen.caches },
    { cookie: '', localStorage: 0, sessionStorage: 0, indexedDB: [], caches: [] },
    'storage',
  );
  await context.close();
}

const ELEMENTS = 'pnrr-project-card, pnrr-spending-chart, pnrr-municipality-map';

/** Waits until every pnrr-* element of the page has settled; returns their states in document order. */
function settleAll(tab, selector = ELEMENTS) {
  return tab.evaluate(async (selector) => {
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 60_000));
    return Promise.all(
      [...document.querySelectorAll(selector)].map((el) =>
        Promise.race([customElements.whenDefined(el.localName).then(() => el.settled()), timeout]),
      ),
    );
  }, selector);
}

/** Scrolls a chart or map into view and waits for its drawing (drawing is lazy). */
function draw(tab, selector) {
  return tab.$eval(selector, async (el) => {
    el.scrollIntoView();
    const view = await Promise.race([el.chartRendered(), new Promise((resolve) => setTimeout(() => resolve(null), 30_000))]);
    return Boolean(view);
  });
}

describe('strict CSP', () => {
  test(`card, chart and map from the CDN build under "${STRICT_CSP}": drawn, and the six downloads clicked with the mouse arrive intact`, async () => {
    const opened = await open(
      page(
        'csp',
        `<pnrr-project-card cup="${TRAM}"></pnrr-project-card>
<pnrr-spending-chart group-by="mission" province="048"></pnrr-spending-chart>
<pnrr-municipality-map province="048"></pnrr-municipality-map>`,
      ),
    );
    const { tab, context } = opened;
    assert.deepEqual(await settleAll(tab), ['ready', 'ready', 'ready']);
    assert.equal(await draw(tab, 'pnrr-spending-chart'), true, 'the chart draws');
    assert.equal(await draw(tab, 'pnrr-municipality-map'), true, 'the map draws');

    const dir = mkdtempSync(join(tmpdir(), 'pnrr-downloads-'));
    const downloads = new Map();
    const onBegin = (e) => downloads.set(e.guid, { name: e.suggestedFilename, state: 'started' });
    const onProgress = (e) => {
      if (downloads.has(e.guid) && e.state !== 'inProgress') downloads.get(e.guid).state = e.state;
    };
    cdp.on('Browser.downloadWillBegin', onBegin);
    cdp.on('Browser.downloadProgress', onProgress);
    try {
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: dir, eventsEnabled: true, browserContextId: context.id });
      const files = {};
      for (const tag of ['pnrr-spending-chart', 'pnrr-municipality-map']) {
        for (const kind of ['csv', 'png', 'svg']) {
          const before = downloads.size;
          const button = await tab.waitForSelector(`${tag} >>> [part~="download-${kind}"]:not([disabled])`);
          await button.click(); // scrolls it into view and clicks it with the mouse
          const guid = await waitFor(() => (downloads.size > before ? [...downloads.keys()][before] : null), `${tag} ${kind} download`);
          await waitFor(() => downloads.get(guid).state !== 'started', `${tag} ${kind} download to finish`);
          assert.equal(downloads.get(guid).state, 'completed', `${tag} ${kind}`);
          assert.match(downloads.get(guid).name, new RegExp(`\\.${kind}$`));
          files[`${tag} ${kind}`] = readFileSync(join(dir, guid));
        }
      }
      const spending = await client.spending({ groupBy: 'mission', province: '048' });
      const chartCsv = files['pnrr-spending-chart csv'].toString('utf8');
      assert.ok(chartCsv.startsWith('\ufeff'), 'CSV with BOM');
      for (const row of spending) assert.match(chartCsv, new RegExp(`^${row.key},.*\\b${row.value}\\b`, 'm'), row.key);
      const mapCsv = files['pnrr-municipality-map csv'].toString('utf8');
      assert.match(mapCsv, /^048017,/m, 'the map CSV has Firenze');
      for (const tag of ['pnrr-spending-chart', 'pnrr-municipality-map']) {
        assert.deepEqual([...files[`${tag} png`].subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${tag} PNG signature`);
        assert.match(files[`${tag} svg`].toString('utf8'), /^<svg[^>]*>[\s\S]*Provincia di Firenze[\s\S]*<\/svg>\s*$/, `${tag} SVG`);
      }
      figures.cspDownloads = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.length]));
    } finally {
      cdp.off('Browser.downloadWillBegin', onBegin);
      cdp.off('Browser.downloadProgress', onProgress);
      rmSync(dir, { recursive: true, force: true });
    }
    const violations = await tab.evaluate(() => window.__csp.length);
    figures.cspViolations = violations;
    await finish(opened);
  });
});

const KINDS = ['card', 'chart', 'map'];
/**
 * One element of each kind, with ids `<kind>-<name>`, each reading the package through the fault
 * route `fault` under its own id (`<name>-<kind>`, so no two elements share a download).
 */
function threeElements(fault, name) {
  const src = (el) => `/fault/${fault}/${name}-${el}/`;
  return `<pnrr-project-card id="card-${name}" cup="${TRAM}" src="${src('card')}"></pnrr-project-card>
<pnrr-spending-chart id="chart-${name}" group-by="mission" src="${src('chart')}"></pnrr-spending-chart>
<pnrr-municipality-map id="map-${name}" province="048" src="${src('map')}"></pnrr-municipality-map>`;
}
const recoverAll = (name) => KINDS.forEach((el) => server.recover(`${name}-${el}`));
const hungAll = (name) => KINDS.flatMap((el) => server.hung(`${name}-${el}`));

/** The error text of an element's shadow root, blanks collapsed. */
const errorText = (tab, id) => tab.$eval(`#${id}`, (el) => el.shadowRoot.querySelector('[part~="state"]')?.textContent.replace(/\s+/g, ' ').trim() ?? '');

/** Clicks the retry button of element #id with the mouse, then waits until the element is ready. */
async function retryWithMouse(tab, id) {
  const button = await tab.waitForSelector(`#${id} >>> [part="retry"]`);
  await button.click();
  await tab.waitForFunction((id) => document.getElementById(id).state === 'ready', { timeout: 30_000 }, id);
}

/** Checks that element #id shows its data: the card's amount, the chart's or the map's drawing. */
async function assertShown(tab, id) {
  if (id.startsWith('card-')) {
    const amount = await tab.$eval(`#${id}`, (el) => el.shadowRoot.querySelector('[part="amount"] .value').textContent.replace(/\s+/g, ' '));
    assert.equal(amount, '222.485.840 €', id);
  } else {
    assert.equal(await draw(tab, `#${id}`), true, `${id} draws`);
  }
}

// Faults that end in the error state until the server recovers, and what the element says about each.
const LASTING = {
  500: /HTTP 500/,
  503: /HTTP 503/,
  404: /HTTP 404/,
  reset: /non risponde/,
  truncated: /formato atteso\. File: [\w/.-]+\.json\./,
  html: /formato atteso\. File: [\w/.-]+\.json\./,
};
// Faults the SDK rides out on its own (a slow answer; one 503 with Retry-After, then the file).
const TRANSIENT = ['slow', 'blip'];

describe('the fault matrix through the widgets', () => {
  test(`card, chart and map on ${[...Object.keys(LASTING), ...TRANSIENT].join(', ')}: error state with a working retry, or rendered`, async () => {
    const kinds = [...Object.keys(LASTING), ...TRANSIENT];
    const body = kinds.map((kind) => threeElements(kind, kind)).join('\n');
    const opened = await open(page('faults', body));
    const { tab } = opened;
    const states = await settleAll(tab);
    const expected = kinds.flatMap((kind) => Array(3).fill(kind in LASTING ? 'error' : 'ready'));
    assert.deepEqual(states, expected, kinds.join(' '));
    for (const [kind, message] of Object.entries(LASTING)) {
      for (const el of KINDS) assert.match(await errorText(tab, `${el}-${kind}`), message, `${el}-${kind}`);
    }
    // Retries are bounded. The card reads one file, so its counts are exact. A chart or map reads
    // several files through several SDK calls: when one fails its error shows while the others may
    // still be retrying, and a failed file is not cached, so a second call of the same load may ask
    // for it again: at most twice the bound.
    const counts = server.counts('/fault/');
    figures.faultRequests = counts;
    for (const [path, count] of Object.entries(counts)) {
      const [, , kind, id] = path.split('/');
      const bound = path.endsWith('/manifest.json') || kind === 'slow' ? 1 : { 500: 3, 503: 3, blip: 2, reset: Infinity }[kind] ?? 1;
      if (id.endsWith('-card')) assert.equal(count, bound === Infinity ? count : bound, path);
      else assert.ok(count <= 2 * bound, `${path}: ${count} requests, at most ${2 * bound}`);
    }
    for (const kind of TRANSIENT) for (const el of KINDS) await assertShown(tab, `${el}-${kind}`);
    for (const kind of Object.keys(LASTING)) {
      recoverAll(kind);
      for (const el of KINDS) {
        await retryWithMouse(tab, `${el}-${kind}`);
        await assertShown(tab, `${el}-${kind}`);
      }
    }
    await finish(opened);
  });

  test('a server that never answers: the request times out (configure({ timeout })), error state, retry works', async () => {
    server.page('hang-setup.js', `import { configure } from '/cdn/pnrr-widgets.js';\nconfigure({ timeout: 3000, retry: 1 });\n`);
    const opened = await open(page('hang', threeElements('hang', 'hang'), { scripts: ['/cdn/pnrr-widgets.js', '/p/hang-setup.js'] }));
    const { tab } = opened;
    assert.deepEqual(await settleAll(tab), ['error', 'error', 'error']);
    for (const el of KINDS) assert.match(await errorText(tab, `${el}-hang`), /non risponde/, el);
    const hung = hungAll('hang');
    assert.ok(hung.length >= 4, `${hung.length} requests hung`);
    await waitFor(() => hungAll('hang').every((e) => e.outcome === 'aborted'), 'the browser to give up every hung request');
    recoverAll('hang');
    for (const el of KINDS) {
      await retryWithMouse(tab, `${el}-hang`);
      await assertShown(tab, `${el}-hang`);
    }
    await finish(opened);
  });
});

describe('cancellation', () => {
  test('removing an element aborts its pending request; putting it back loads it', async () => {
    // A timeout far beyond the test: only the removal can end these requests.
    server.page('cancel-setup.js', `import { configure } from '/cdn/pnrr-widgets.js';\nconfigure({ timeout: 600000 });\n`);
    const opened = await open(page('cancel', threeElements('hang', 'cancel'), { scripts: ['/cdn/pnrr-widgets.js', '/p/cancel-setup.js'] }));
    const { tab } = opened;
    await tab.evaluate(() => {
      window.__events = [];
      for (const type of ['pnrr-load', 'pnrr-error']) document.addEventListener(type, (e) => window.__events.push(`${type} ${e.target.id}`));
    });
    // Each element's first data request (after the manifest) hangs on the server.
    await waitFor(() => KINDS.every((el) => server.hung(`cancel-${el}`).length > 0), 'a data request of each element to reach the server');
    await tab.evaluate(() => {
      window.__removed = [...document.querySelectorAll('pnrr-project-card, pnrr-spending-chart, pnrr-municipality-map')];
      for (const el of window.__removed) el.remove();
    });
    await waitFor(() => hungAll('cancel').every((e) => e.outcome === 'aborted'), 'the browser to abort every pending request');
    assert.deepEqual(await tab.evaluate(() => window.__events), [], 'no load, no error event for a removed element');
    recoverAll('cancel');
    await tab.evaluate(() => document.body.append(...window.__removed));
    assert.deepEqual(await settleAll(tab), ['ready', 'ready', 'ready']);
    for (const el of KINDS) await assertShown(tab, `${el}-cancel`);
    await finish(opened);
  });
});

describe('many widgets on one page', () => {
  test('100 widgets (40 cards from 4 shards, 30 charts, 30 maps): all settle, and each file is requested once', async () => {
    // Ten CUPs from each of the first four shards that hold ten.
    const byShard = readdirSync(join(DATA_DIR, 'projects'))
      .sort()
      .map((file) => [file.slice(0, -5), [...new Set(JSON.parse(readFileSync(join(DATA_DIR, 'projects', file), 'utf8')).projects.map((p) => p.cup))]])
      .filter(([, cupsOfShard]) => cupsOfShard.length >= 10)
      .slice(0, 4);
    const shards = byShard.map(([shard]) => shard);
    const cups = byShard.flatMap(([, cupsOfShard]) => cupsOfShard.slice(0, 10));
    assert.equal(cups.length, 40);
    const provinces = JSON.parse(readFileSync(join(DATA_DIR, 'territories.json'), 'utf8')).provinces.map((p) => p.code);
    assert.equal(provinces.length, 10);
    const metrics = ['pnrr', 'total', 'count'];
    const charts = ['mission', 'component', 'province'].flatMap((groupBy) =>
      metrics.flatMap((metric) => ['', '048', '050'].map((province) => ({ 'group-by': groupBy, metric, province }))),
    );
    charts.push(...['048017', '050026', '046017'].map((comune) => ({ 'group-by': 'mission', metric: 'pnrr', comune })));
    const maps = metrics.flatMap((metric) => provinces.map((province) => ({ metric, province })));
    const attrs = (a) => Object.entries(a).filter(([, v]) => v).map(([k, v]) => ` ${k}="${v}"`).join('');
    const body = [
      ...cups.map((cup) => `<pnrr-project-card compact cup="${cup}"></pnrr-project-card>`),
      ...charts.map((a) => `<pnrr-spending-chart${attrs(a)}></pnrr-spending-chart>`),
      ...maps.map((a) => `<pnrr-municipality-map${attrs(a)}></pnrr-municipality-map>`),
    ].join('\n');
    server.resetCounts();
    const opened = await open(page('hundred', body));
    const { tab } = opened;
    const states = await settleAll(tab);
    assert.equal(states.length, 100);
    const tally = states.reduce((t, state) => ({ ...t, [state]: (t[state] ?? 0) + 1 }), {});
    assert.deepEqual(tally, { ready: 100 });
    const counts = server.counts('/cdn/');
    const data = Object.keys(counts).filter((p) => p.startsWith('/cdn/data/'));
    // The four shards, never another project file; what charts and maps read; the manifest.
    assert.deepEqual(data.filter((p) => p.includes('/projects/')).sort(), shards.map((s) => `/cdn/data/toscana/projects/${s}.json`));
    // Charts and maps read view files (views/{groupBy}/{filter}.json), never the fact table: every query here has a view.
    for (const file of ['manifest', 'territories', 'boundaries.topo', 'views/mission/09', 'views/comune/09']) assert.ok(data.includes(`/cdn/data/toscana/${file}.json`), file);
    assert.ok(!data.includes('/cdn/data/toscana/facts.json'), 'facts.json not read');
    const repeated = Object.entries(counts).filter(([, n]) => n !== 1);
    assert.deepEqual(repeated, [], 'files requested more than once');
    figures.hundred = { files: Object.keys(counts).length, dataFiles: data.length, requests: Object.values(counts).reduce((a, b) => a + b, 0) };
    await finish(opened);
  });
});

/** A page for add/remove cycles, with a DevTools session that measures after forcing GC. */
async function cyclePage(name) {
  // The stage is far below the fold, so a figure draws only when a cycle scrolls it into view.
  const opened = await open(page(name, `${'<br>'.repeat(300)}<main id="stage"></main>`));
  const session = await opened.tab.createCDPSession();
  const listeners = async (expression) => {
    const { result } = await session.send('Runtime.evaluate', { expression });
    const { listeners } = await session.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    await session.send('Runtime.releaseObject', { objectId: result.objectId });
    return listeners.map((l) => l.type).sort();
  };
  const measure = async () => {
    for (let i = 0; i < 3; i++) await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    const { nodes, jsEventListeners } = await session.send('Memory.getDOMCounters');
    return { heapMiB: +(usedSize / 2 ** 20).toFixed(2), nodes, jsEventListeners, window: await listeners('window'), document: await listeners('document') };
  };
  /**
   * `n` cycles: elements of `kinds` added, settled, removed; in the first cycle of every `drawEvery`
   * the charts and maps are also scrolled into view and drawn. One evaluate() call per `drawEvery`
   * cycles, so every measure follows the same pattern of cycles.
   */
  const cycles = async (n, kinds, drawEvery) => {
    for (let done = 0; done < n; done += drawEvery) {
      await opened.tab.evaluate(
        async (n, kinds) => {
          const stage = document.getElementById('stage');
          const cups = ['H91J12000770005', 'I97I21000010002', 'B65F21001810001'];
          for (let i = 0; i < n; i++) {
            const els = kinds.map((tag) => {
              const el = document.createElement(tag);
              if (tag === 'pnrr-project-card') el.setAttribute('cup', cups[i % cups.length]);
              else el.setAttribute('province', i % 2 ? '048' : '047');
              return el;
            });
            stage.append(...els);
            await Promise.all(els.map((el) => customElements.whenDefined(el.localName).then(() => el.settled())));
            if (i === 0) {
              for (const el of els.filter((e) => e.localName !== 'pnrr-project-card')) {
                el.scrollIntoView();
                await el.chartRendered();
              }
              window.scrollTo(0, 0);
            }
            for (const el of els) el.remove();
          }
        },
        Math.min(drawEvery, n - done),
        kinds,
      );
    }
  };
  return { opened, session, measure, cycles };
}

/** Flat: the same listeners on window and document; DOM nodes, JS listeners and heap within a small margin. */
/** The bounds of assertFlat(), as a yes or no. */
function isFlat(before, after) {
  try {
    assertFlat(before, after);
    return true;
  } catch {
    return false;
  }
}

function assertFlat(before, after) {
  assert.deepEqual(after.window, before.window, 'listeners on window');
  assert.deepEqual(after.document, before.document, 'listeners on document');
  // One leaked chart or map per cycle would keep hundreds of DOM nodes each; a leaked card, dozens.
  assert.ok(after.nodes - before.nodes < 300, `DOM nodes ${before.nodes} → ${after.nodes}`);
  assert.ok(after.jsEventListeners - before.jsEventListeners < 30, `JS listeners ${before.jsEventListeners} → ${after.jsEventListeners}`);
  assert.ok(after.heapMiB - before.heapMiB < 5, `JS heap ${before.heapMiB} MiB → ${after.heapMiB} MiB`);
}

const summary = (m) => ({ ...m, window: m.window.length, document: m.document.length });

describe('no leaks', () => {
  test('150 add/remove cycles of a card, a chart and a map (every 15th chart and map drawn): heap, DOM nodes and listeners stay flat', async () => {
    const { opened, session, measure, cycles } = await cyclePage('cycles');
    const kinds = ['pnrr-project-card', 'pnrr-spending-chart', 'pnrr-municipality-map'];
    await cycles(15, kinds, 15); // warm-up: code, vega and data loaded, caches filled
    let before = await measure();
    // A drawn chart used to stay in memory (≈ 250 DOM nodes each): Chromium's style cache kept the
    // clip-path of its bars, drawn as clipped stacks until the bars were unstacked (src/chart/bar-spec.ts).
    await cycles(150, kinds, 15);
    // A leak grows in every window of cycles. Chromium may also keep, once, the last figure it drew
    // (≈ 700 DOM nodes, seen in the warm-up in most runs and after it in some): a one-off that does not
    // grow. So when the first window is over bounds, a second window of 150 cycles must be flat.
    let after = await measure();
    if (!isFlat(before, after)) {
      const middle = after;
      await cycles(150, kinds, 15);
      after = await measure();
      figures.cycles = { oneOff: { before: summary(before), after: summary(middle) } };
      before = middle;
    }
    figures.cycles = { ...figures.cycles, before: summary(before), after: summary(after) };
    assertFlat(before, after);
    await session.detach();
    await finish(opened);
  });
});

describe('two bundles', () => {
  test('the CDN script and a second copy of it on one page: every element renders, nothing throws', async () => {
    server.resetCounts();
    const opened = await open(
      page('two-bundles', threeElements('slow', 'two'), { scripts: ['/cdn/pnrr-widgets.js', '/copy/pnrr-widgets.js'] }),
    );
    const { tab, log } = opened;
    assert.deepEqual(await settleAll(tab), ['ready', 'ready', 'ready']);
    for (const el of KINDS) await assertShown(tab, `${el}-two`);
    assert.equal(server.counts('/copy/')['/copy/pnrr-widgets.js'], 1, 'the second copy was loaded');
    figures.twoBundles = { warnings: log.console.filter((m) => m.startsWith('warn')).length };
    await finish(opened);
  });
});

/** Polls `fn` (in Node) until it returns something truthy. */
async function waitFor(fn, what, timeout = 30_000) {
  const start = Date.now();
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
