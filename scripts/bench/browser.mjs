// Shared by the browser benchmarks (render.mjs, views.mjs): a static HTTP server on 127.0.0.1 that
// gzips its answers (as a PA web server or a CDN does), Chromium driven by puppeteer-core, and one
// cold page load measured through the Chrome DevTools Protocol.
//
// A load is cold: a fresh browser context (no cache, no storage), the HTTP cache disabled
// (Network.setCacheDisabled), every answer `no-store`. Bytes are what the browser received, from
// CDP Network events: per request, `transferred` = Network.loadingFinished.encodedDataLength
// (headers + body, as on the wire) and `body` = the sum of Network.dataReceived.encodedDataLength
// (the gzip body alone).
/* global customElements -- the kitRendered() function runs in the page */
import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { gzipSync } from 'node:zlib';
import { CHROME_FLAGS, findChrome } from '../find-chrome.mjs';
import { ROOT } from './lib.mjs';

export const CDN_DIR = join(ROOT, 'packages', 'widgets', 'dist', 'cdn');

// puppeteer-core is a devDependency of the examples (and the widgets), not of the root: load it from there.
const requireFromExamples = createRequire(join(ROOT, 'packages', 'examples', 'package.json'));
const puppeteer = requireFromExamples('puppeteer-core');

/**
 * Lighthouse's mobile network profile ("Slow 4G", which earlier Lighthouse versions called "Fast 3G";
 * WebPageTest's "Mobile 3G - Fast"): 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, applied per request
 * the way Lighthouse's `throttlingMethod: 'devtools'` does, i.e. with its DevTools adjustment
 * factors: latency 150 × 3.75 = 562.5 ms, throughput × 0.9 (1,474.56 kbit/s down, 675 kbit/s up).
 */
export const SLOW_4G = {
  name: 'Lighthouse "Slow 4G" (devtools throttling: 562.5 ms latency, 1,474.56 kbit/s down, 675 kbit/s up)',
  conditions: { offline: false, latency: 150 * 3.75, downloadThroughput: (1.6 * 1024 * 0.9 * 1024) / 8, uploadThroughput: (750 * 0.9 * 1024) / 8 },
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Starts the server. `mounts`: URL prefix ('/cdn/') → folder; `pages`: URL path → HTML text.
 * Every file is gzipped once (level 6, the default of nginx's gzip_comp_level is 1 and of
 * Apache's mod_deflate 6) and kept in memory, so compressing costs no time inside a measured load.
 * Returns { origin, close() }.
 */
export async function startServer({ mounts = {}, pages = {} } = {}) {
  const gz = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    let body = pages[path];
    let type = TYPES['.html'];
    if (body === undefined) {
      const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
      if (prefix) {
        const dir = resolve(mounts[prefix]);
        const full = resolve(dir, path.slice(prefix.length));
        if (full.startsWith(dir + sep)) body = await readFile(full).catch(() => undefined);
        type = TYPES[extname(full)] ?? 'application/octet-stream';
      }
    }
    if (body === undefined) return void res.writeHead(404, { 'cache-control': 'no-store' }).end();
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    let encoded = Buffer.from(body);
    if (gzip) {
      encoded = gz.get(path) ?? gzipSync(body, { level: 6 });
      gz.set(path, encoded);
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    res.end(encoded);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Launches headless Chromium with the repository's flags and a fresh profile; returns { browser, close() }. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'pnrr-bench-chrome-'));
  const browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    protocolTimeout: 300_000,
    args: [...CHROME_FLAGS, `--user-data-dir=${profile}`],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One cold load of `url` in a fresh context of `browser`, with `cpu` × CPU throttling and `network`
 * conditions (or none). The page must set `window.__benchRendered` to a promise of the
 * `performance.now()` at which it considers itself rendered (a script given as `beforeLoad` runs
 * in the page before its own scripts, e.g. to listen for the element's events), and may set
 * `window.__benchShown` to the figures it shows. Resolves with
 * { ms, shown, requests: [{ url, path, type, transferred, body }], transferred, body, wallMs } (wallMs:
 * the whole load, context to context, as the harness saw it).
 */
export async function coldLoad(browser, url, { cpu = 1, network = null, beforeLoad = null, viewport = { width: 1280, height: 900 }, timeoutMs = 120_000 } = {}) {
  const started = performance.now();
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport(viewport);
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (network) await cdp.send('Network.emulateNetworkConditions', network);
    if (cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    const requests = new Map();
    cdp.on('Network.responseReceived', ({ requestId, response, type }) => {
      requests.set(requestId, { url: response.url, status: response.status, type, transferred: 0, body: 0 });
    });
    cdp.on('Network.dataReceived', ({ requestId, encodedDataLength }) => {
      const r = requests.get(requestId);
      if (r) r.body += encodedDataLength;
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const r = requests.get(requestId);
      if (r) r.transferred = encodedDataLength;
    });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    if (beforeLoad) await page.evaluateOnNewDocument(beforeLoad);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    await page.waitForFunction(() => window.__benchRendered !== undefined, { timeout: timeoutMs });
    let timer;
    const { ms, shown } = await Promise.race([
      page.evaluate(async () => ({ ms: await window.__benchRendered, shown: window.__benchShown ?? null })),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${url}: not rendered after ${timeoutMs} ms ${errors.join('; ')}`)), timeoutMs))),
    ]).finally(() => clearTimeout(timer));
    if (typeof ms !== 'number' || ms < 0) throw new Error(`${url}: did not render (${ms}) ${errors.join('; ')}`);
    // Requests still running (a prefetch, a font) are part of what the page costs: let them end.
    await page.waitForNetworkIdle({ idleTime: 300, timeout: 30_000 }).catch(() => {});
    const list = [...requests.values()].map((r) => ({ ...r, path: new URL(r.url).pathname }));
    const sum = (k) => list.reduce((a, r) => a + r[k], 0);
    return { ms, shown, requests: list, transferred: sum('transferred'), body: sum('body'), wallMs: performance.now() - started };
  } finally {
    await context.close();
  }
}

/** A page with the kit's CDN build (stylesheet and script in the head, as docs/widgets.md shows) and `body`. */
export const kitPage = (body) => `<!doctype html>
<html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>PNRR</title>
<link rel="stylesheet" href="/cdn/pnrr-widgets.css"><script type="module" src="/cdn/pnrr-widgets.js"></script></head>
<body>${body}</body></html>`;

/**
 * For `coldLoad`'s `beforeLoad` on a kit page: the rendered moment is when every element of the page
 * has settled in the `ready` state (`await el.settled()`: the data arrived and Lit rendered them, a
 * card's text is in its shadow DOM) and, for a chart or a map, `await el.chartRendered()` resolved
 * (vega-embed has run the view and drawn it). -1 if any element ends in another state.
 */
export function kitRendered() {
  const TAGS = 'pnrr-project-card, pnrr-spending-chart, pnrr-municipality-map, pnrr-project-list';
  window.__benchRendered = new Promise((ready) => document.addEventListener('DOMContentLoaded', ready)).then(async () => {
    const states = await Promise.all(
      [...document.querySelectorAll(TAGS)].map(async (el) => {
        await customElements.whenDefined(el.localName);
        const state = await el.settled();
        if (state === 'ready' && el.chartRendered) await el.chartRendered();
        return state;
      }),
    );
    return states.length > 0 && states.every((s) => s === 'ready') ? performance.now() : -1;
  });
}
