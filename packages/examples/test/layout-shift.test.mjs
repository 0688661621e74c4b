// Cumulative Layout Shift of every element in every state, measured as Chromium reports it: the CDN
// build on an article-like page (the element, then paragraphs of text) served under the strict CSP
// by reliability-server.mjs, at 320, 768 and 1280 px wide, on a throttled 3G-like network (CDP
// Network.emulateNetworkConditions). A PerformanceObserver on `layout-shift` (buffered, installed
// before the page's own scripts) sums the shifts without recent input; each case reads the sum only
// once the element has settled (ready, empty, error, not-found) and, for a chart or a map, once vega
// has drawn. Budget: 0.001 (the "good" threshold is 0.1; the kit's aim is 0). CLS is not a timing:
// a slower or faster run moves the same boxes, so the assertion holds on a loaded machine too.
//
// A new element is one more entry of ELEMENTS (its tag and its states). Why the elements do not
// move, and the figures before and after: docs/layout-shift.md.
//
// The second test checks that a figure imports vega while its data are still downloading (the
// element's first approach to the viewport starts both), from the browser's resource timings.
/* global customElements, performance, PerformanceObserver, requestAnimationFrame, setTimeout -- page code */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, findChrome } from '../../../scripts/find-chrome.mjs';
import { startReliabilityServer } from './reliability-server.mjs';

const TRAM = 'H91J12000770005'; // Firenze tramway: the longest card of the demo
const BUDGET = 0.001;
/** Phone, tablet, desktop: [width, height] of the viewport. */
const VIEWPORTS = [
  [320, 640],
  [768, 1024],
  [1280, 800],
];
/** A 3G-like link: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
/** The vega chunk of the CDN build (chunks/embed-*.js). */
const VEGA_CHUNK = /\/chunks\/embed-[^/]*\.js$/;
const VEGA_PATH = /^\/cdn\/chunks\/embed-[^/]*\.js$/;

/**
 * Each element and the states it is measured in. `attrs`: the element's attributes; `fault`: the data
 * package read through the server's fault route of that kind (an error state); `retry`: the server
 * recovers and the retry button is clicked with the mouse (error → loading → ready); `lateVega`: the
 * vega chunk answers 2 s late, so the data are there long before the drawing.
 */
const ELEMENTS = {
  card: {
    tag: 'pnrr-project-card',
    states: {
      found: { attrs: `cup="${TRAM}"` },
      compact: { attrs: `cup="${TRAM}" compact` },
      'not found': { attrs: 'cup="H91J99999999999"', expect: 'not-found' },
      'invalid cup': { attrs: 'cup="not-a-cup"', expect: 'error' },
      error: { attrs: `cup="${TRAM}"`, fault: '404', expect: 'error' },
      retry: { attrs: `cup="${TRAM}"`, fault: '404', retry: true },
    },
  },
  chart: {
    tag: 'pnrr-spending-chart',
    states: {
      'by mission': { attrs: 'group-by="mission"' },
      'by comune, top 10': { attrs: 'group-by="comune" province="048"' },
      'per capita by province': { attrs: 'group-by="province" per-capita' },
      empty: { attrs: 'group-by="mission" comune="048017" mission="M7"', expect: 'empty' },
      error: { attrs: 'group-by="mission"', fault: '404', expect: 'error' },
      'late vega': { attrs: 'group-by="mission" province="048"', lateVega: true },
    },
  },
  map: {
    tag: 'pnrr-municipality-map',
    states: {
      region: { attrs: 'metric="pnrr"' },
      province: { attrs: 'province="048" per-capita' },
      empty: { attrs: 'mission="M7"', expect: 'empty' },
      error: { attrs: '', fault: '404', expect: 'error' },
      retry: { attrs: 'province="048"', fault: '404', retry: true },
      'late vega': { attrs: 'province="053"', lateVega: true },
    },
  },
  list: {
    tag: 'pnrr-project-list',
    states: {
      comune: { attrs: 'comune="100005"' },
      'province, one mission': { attrs: 'province="100" mission="M5"' },
      'the region': { attrs: '' },
      empty: { attrs: 'comune="100005" mission="M7"', expect: 'empty' },
      'unknown comune': { attrs: 'comune="Atlantide"', expect: 'error' },
      error: { attrs: 'comune="100005"', fault: '404', expect: 'error' },
      retry: { attrs: 'comune="100005"', fault: '404', retry: true },
    },
  },
};

const ARTICLE = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragrafo ${i + 1} dell'articolo. Il testo che segue un elemento incorporato è quello che si sposta quando l'elemento cambia altezza dopo il caricamento: un lettore che ha iniziato a leggere perde il segno.</p>`,
).join('\n');

let server;
let browser;
let profile;
let ids = 0;

before(async () => {
  server = await startReliabilityServer();
  profile = mkdtempSync(join(tmpdir(), 'pnrr-cls-chrome-'));
  browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, protocolTimeout: 180_000, args: [...CHROME_FLAGS, `--user-data-dir=${profile}`] });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** The article page as the snippet of docs/widgets.md makes it: the stylesheet and the script in the head; a heading, a line, the element, then paragraphs of text. */
function articlePage(name, element) {
  return server.page(
    `${name}.html`,
    `<!doctype html><html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${name}</title>
<link rel="stylesheet" href="/cdn/pnrr-widgets.css"><script type="module" src="/cdn/pnrr-widgets.js"></script></head>
<body><main><h1>Un articolo</h1><p>Il progetto di cui si parla:</p>
${element}
${ARTICLE}</main></body></html>`,
  );
}

/** Installed before any script of the page: collects every layout shift not caused by recent input. */
function observeShifts() {
  const describe = (node) => {
    if (!node) return '?';
    const host = node.getRootNode?.().host;
    const own = node.nodeType === 1 ? `${node.localName}${node.className && typeof node.className === 'string' ? `.${node.className.trim().split(/\s+/).join('.')}` : ''}` : node.nodeName;
    return host ? `${host.localName} › ${own}` : own;
  };
  window.__shifts = [];
  const take = (entries) => {
    for (const e of entries) {
      if (e.hadRecentInput) continue;
      window.__shifts.push({
        value: e.value,
        at: Math.round(e.startTime),
        sources: (e.sources ?? []).map((s) => `${describe(s.node)} ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} (h ${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)})`),
      });
    }
  };
  window.__observer = new PerformanceObserver((list) => take(list.getEntries()));
  window.__observer.observe({ type: 'layout-shift', buffered: true });
  window.__flushShifts = () => take(window.__observer.takeRecords());
}

/** Waits for the element to settle and, when it is a figure showing data, for its drawing; returns its state. */
function settle(tab, tag) {
  return tab.evaluate(async (tag) => {
    await customElements.whenDefined(tag);
    const el = document.querySelector(tag);
    const state = await el.settled();
    if (state === 'ready' && typeof el.chartRendered === 'function') await el.chartRendered();
    // Two frames: the last layout is done and its shifts are reported.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return state;
  }, tag);
}

/** Loads one case and returns { state, cls, shifts }. */
async function measure(kind, stateName, [width, height]) {
  const { tag, states } = ELEMENTS[kind];
  const spec = states[stateName];
  const id = `cls${++ids}`;
  const src = spec.fault ? ` src="/fault/${spec.fault}/${id}/"` : '';
  const url = articlePage(id, `<${tag} ${spec.attrs}${src}></${tag}>`);
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    await tab.setViewport({ width, height });
    const cdp = await tab.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    if (spec.lateVega) {
      await tab.setRequestInterception(true);
      tab.on('request', (request) => {
        if (VEGA_CHUNK.test(request.url())) setTimeout(() => request.continue(), 2000);
        else request.continue();
      });
    }
    await tab.evaluateOnNewDocument(observeShifts);
    await tab.goto(url, { waitUntil: 'load' });
    let state = await settle(tab, tag);
    if (spec.retry) {
      assert.equal(state, 'error', `${kind} ${stateName}: the error state before the retry`);
      server.recover(id);
      const button = await tab.waitForSelector(`${tag} >>> [part="retry"]`);
      await button.click();
      await tab.waitForFunction((tag) => document.querySelector(tag).state !== 'loading', { timeout: 60_000 }, tag);
      state = await settle(tab, tag);
    }
    const { shifts, box } = await tab.evaluate((tag) => {
      window.__flushShifts();
      // For the report: how much of the content the fixed block size hides (card) or scrolls (chart), or leaves empty.
      const inner = document.querySelector(tag).shadowRoot.querySelector('.clip, .plot-image');
      const box = inner ? { height: inner.clientHeight, content: inner.scrollHeight, drawn: inner.querySelector('svg')?.getBoundingClientRect().height ?? null } : null;
      return { shifts: window.__shifts, box };
    }, tag);
    return { state, cls: shifts.reduce((s, e) => s + e.value, 0), shifts, box };
  } finally {
    await context.close();
  }
}

/** Runs `jobs` (functions returning promises) four at a time (the waits are the network's, not the CPU's), in order of start. */
async function fewAtATime(jobs) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return results;
}

describe('layout shift: CLS ≤ 0.001 for every element, state and width, on a 3G-like network', () => {
  for (const [kind, { states }] of Object.entries(ELEMENTS)) {
    if (process.env.CLS_ONLY && !process.env.CLS_ONLY.split(',').includes(kind)) continue;
    test(`${kind}: ${Object.keys(states).join(', ')} at ${VIEWPORTS.map(([w]) => `${w}`).join(', ')} px`, async () => {
      const cases = Object.keys(states).flatMap((name) => VIEWPORTS.map((viewport) => ({ name, viewport })));
      const results = await fewAtATime(cases.map(({ name, viewport }) => () => measure(kind, name, viewport)));
      const report = cases.map(({ name, viewport }, i) => ({ case: `${kind} ${name} @${viewport[0]}px`, ...results[i] }));
      console.log(`# CLS ${kind}: ${report.map((r) => `${r.case.slice(kind.length + 1)} ${r.cls.toFixed(4)}${r.box ? ` [box ${r.box.height}, content ${r.box.content}${r.box.drawn ? `, drawn ${Math.round(r.box.drawn)}` : ''}]` : ''}`).join('; ')}`);
      for (const [i, r] of report.entries()) {
        assert.equal(r.state, states[cases[i].name].expect ?? 'ready', `${r.case}: state`);
      }
      const over = report.filter((r) => r.cls > BUDGET);
      assert.deepEqual(
        over.map((r) => `${r.case}: CLS ${r.cls.toFixed(4)} — ${r.shifts.map((s) => `${s.value.toFixed(4)} at ${s.at} ms: ${s.sources.join(', ')}`).join(' | ')}`),
        [],
        `CLS over ${BUDGET}`,
      );
    });
  }
});

describe('parallel loading: a figure near the viewport fetches vega while its data are still downloading', () => {
  for (const [tag, attrs] of [
    ['pnrr-spending-chart', 'group-by="mission"'],
    ['pnrr-municipality-map', 'province="048"'],
  ]) {
    test(`<${tag} ${attrs}>: the vega chunk is requested before the data files have arrived (3G-like network)`, async () => {
      const url = articlePage(`parallel-${tag}`, `<${tag} ${attrs}></${tag}>`);
      const context = await browser.createBrowserContext();
      try {
        const tab = await context.newPage();
        await tab.setViewport({ width: 1280, height: 800 });
        const cdp = await tab.createCDPSession();
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', NETWORK);
        await tab.goto(url, { waitUntil: 'load' });
        assert.equal(await settle(tab, tag), 'ready');
        // Resource timings of the page (ms from navigation): when each request started and when its answer ended.
        const timings = await tab.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })),
        );
        const vega = timings.find((t) => VEGA_PATH.test(t.path));
        const data = timings.filter((t) => t.path.startsWith('/cdn/data/') && !t.path.endsWith('/manifest.json'));
        assert.ok(vega, `the vega chunk was requested: ${timings.map((t) => t.path).join(', ')}`);
        // A chart by mission reads one pre-aggregated view file (issue 11); the map several files.
        assert.ok(data.length >= 1, `data files read: ${data.map((t) => t.path).join(', ')}`);
        const lastData = Math.max(...data.map((t) => t.end));
        const report = `vega requested at ${Math.round(vega.start)} ms; data: ${data.map((t) => `${t.path.replace('/cdn/data/toscana/', '')} ${Math.round(t.start)}–${Math.round(t.end)} ms`).join(', ')}`;
        console.log(`# ${tag}: ${report}`);
        assert.ok(vega.start < lastData, `the vega chunk must be requested before the data have arrived: ${report}`);
      } finally {
        await context.close();
      }
    });
  }
});
