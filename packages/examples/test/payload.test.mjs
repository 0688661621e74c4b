// Bytes each view fetches, as a reader's browser receives them: the CDN build served by a real local
// HTTP server that gzips its answers (as a PA web server or a CDN does), Chromium loading a page with
// one element, and the server counting the gzip bytes it sent for every data-package file.
// Budgets (issue 11): a chart by mission ≤ 2 KiB of data in total, manifest included; chart + map of a
// province ≤ 60 KiB with the geometry; one card's files ≤ 10 KiB beyond the manifest.
/* global customElements -- page code runs in the browser */
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { mkdtempSync, rmSync } from 'node:fs';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, findChrome } from '../../../scripts/find-chrome.mjs';
import { createClient } from '@pnrr-toscana/sdk';
import { CDN_DIR, DATA_DIR, STRICT_CSP } from './reliability-server.mjs';

const TRAM = 'H91J12000770005'; // Firenze tramway (data README)
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8' };
const KiB = 1024;

let server;
let origin = '';
let browser;
let profile;
/** Data-package files sent since the last reset: path (under data/toscana/) → gzip bytes sent. */
let sent = new Map();
const pages = new Map();
const figures = {};

before(async () => {
  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    let body;
    let type = TYPES['.html'];
    const page = /^\/p\/(.+)$/.exec(path);
    const file = /^\/cdn\/(.+)$/.exec(path);
    if (page) body = pages.get(page[1]);
    else if (file) {
      const full = resolve(CDN_DIR, file[1]);
      if (full.startsWith(CDN_DIR + sep)) body = await readFile(full).catch(() => undefined);
      type = TYPES[extname(full)] ?? 'application/octet-stream';
    }
    if (body === undefined) return void res.writeHead(404).end();
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const encoded = gzip ? gzipSync(body) : Buffer.from(body);
    const data = /^\/cdn\/data\/toscana\/(.+)$/.exec(path);
    if (data) sent.set(data[1], (sent.get(data[1]) ?? 0) + encoded.length);
    res.writeHead(200, {
      'content-type': type,
      'cache-control': 'no-store',
      'content-security-policy': STRICT_CSP,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(encoded);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${server.address().port}`;
  profile = mkdtempSync(join(tmpdir(), 'pnrr-payload-chrome-'));
  browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: [...CHROME_FLAGS, `--user-data-dir=${profile}`] });
});

after(async () => {
  if (Object.keys(figures).length) console.log(`# payload figures (gzip bytes): ${JSON.stringify(figures)}`);
  await browser?.close();
  server?.closeAllConnections();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/**
 * Loads a page holding `body` in a fresh context, waits until every element is ready and drawn; returns the data files sent
 * and, for each chart, what its data table shows: the value of each row and the amount of each foot row (money left out), by key.
 */
async function fetched(name, body) {
  pages.set(name, `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>${name}</title><script type="module" src="/cdn/pnrr-widgets.js"></script></head><body>${body}</body></html>`);
  sent = new Map();
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  await tab.setViewport({ width: 1280, height: 900 });
  const response = await tab.goto(`${origin}/p/${name}`, { waitUntil: 'load' });
  assert.equal(response.status(), 200);
  const states = await tab.evaluate(async () =>
    Promise.all(
      [...document.querySelectorAll('pnrr-project-card, pnrr-spending-chart, pnrr-municipality-map')].map(async (el) => {
        await customElements.whenDefined(el.localName);
        const state = await el.settled();
        if (el.chartRendered) {
          el.scrollIntoView();
          await el.chartRendered();
        }
        const cells = (part) => Object.fromEntries([...el.shadowRoot.querySelectorAll(`table ${part} tr[data-key]`)].map((tr) => [tr.dataset.key, Number(tr.querySelector('td[data-value]')?.dataset.value)]));
        const table = el.localName === 'pnrr-spending-chart' ? { rows: cells('tbody'), foot: cells('tfoot'), title: el.shadowRoot.querySelector('[part~="title"]')?.textContent.trim() } : undefined;
        return { state, table };
      }),
    ),
  );
  const tables = states.map((s) => s.table).filter(Boolean);
  assert.ok(states.length > 0 && states.every((s) => s.state === 'ready'), `states: ${JSON.stringify(states)}`);
  await context.close();
  const files = Object.fromEntries([...sent].sort(([a], [b]) => (a < b ? -1 : 1)));
  const total = [...sent.values()].reduce((a, b) => a + b, 0);
  figures[name] = { total, files };
  return { files, total, tables };
}

/**
 * A client of a copy of the served package without its view files (nor their listing in the manifest):
 * every spending() answer comes from the full fact table, the reference the charts' figures must equal.
 */
let factsOnly;
async function factsClient() {
  if (factsOnly) return factsOnly.client;
  const dir = mkdtempSync(join(tmpdir(), 'pnrr-payload-facts-'));
  await cp(DATA_DIR, dir, { recursive: true });
  await rm(join(dir, 'views'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  delete manifest.files.views;
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  factsOnly = { dir, client: createClient({ baseUrl: dir }) };
  return factsOnly.client;
}
after(() => factsOnly && rm(factsOnly.dir, { recursive: true, force: true }));

/**
 * A chart by mission of one territory: the manifest and the territory's view file, ≤ 2 KiB in all; its bars
 * equal spending() from the fact table, and its foot the money of the enclosing buckets it leaves out.
 */
async function territoryChart(name, attribute, key, place) {
  const { files, total, tables } = await fetched(name, `<pnrr-spending-chart group-by="mission" ${attribute}="${key}"></pnrr-spending-chart>`);
  assert.deepEqual(Object.keys(files), ['manifest.json', `views/mission/${key}.json`]);
  assert.ok(total <= 2 * KiB, `${total} bytes: ${JSON.stringify(files)}`);
  const sdk = await factsClient();
  const [expected, byComune, territories] = await Promise.all([sdk.spending({ groupBy: 'mission', [attribute]: key }), sdk.spending({ groupBy: 'comune' }), sdk.territories()]);
  const [table] = tables;
  assert.ok(expected.length > 0);
  assert.deepEqual(table.rows, Object.fromEntries(expected.map((r) => [r.key, r.value])));
  const buckets = attribute === 'comune' ? [`${key.slice(0, 3)}000`, '000000'] : ['000000'];
  const left = byComune.filter((r) => buckets.includes(r.key) && r.amount > 0);
  assert.ok(left.length > 0, 'some money is localised to an enclosing area');
  assert.deepEqual(table.foot, Object.fromEntries(left.map((r) => [r.key, r.amount])));
  // The territory's name, without territories.json.
  const named = (attribute === 'comune' ? territories.comuni : territories.provinces).find((t) => t.code === key).name;
  assert.equal(named, place);
  assert.ok(table.title.includes(place), table.title);
  return total;
}

describe('bytes of data each view fetches (gzip, from a real local server)', () => {
  // The manifest every element reads first holds no sources and totals (provenance.json): ~0.8 KiB, the view ~0.4 KiB.
  test('a chart by mission of the region: the manifest and one view file, ≤ 2 KiB in all', async () => {
    const { files, total } = await fetched('chart-mission', '<pnrr-spending-chart group-by="mission"></pnrr-spending-chart>');
    assert.deepEqual(Object.keys(files), ['manifest.json', 'views/mission/09.json']);
    assert.ok(files['views/mission/09.json'] <= 0.5 * KiB, `${files['views/mission/09.json']} bytes`);
    assert.ok(total <= 2 * KiB, `${total} bytes: ${JSON.stringify(files)}`);
  });

  test('a chart by mission of one comune: the manifest and its view file, ≤ 2 KiB, the figures of the fact table', async () => {
    await territoryChart('chart-comune', 'comune', '048017', 'Firenze');
  });

  test('a chart by mission of one province: the manifest and its view file, ≤ 2 KiB, the figures of the fact table', async () => {
    await territoryChart('chart-province', 'province', '048', 'Firenze');
    await territoryChart('chart-province-prato', 'province', '100', 'Prato');
  });

  test('chart and map of one province, geometry included: ≤ 60 KiB', async () => {
    const { files, total } = await fetched(
      'chart-map-province',
      '<pnrr-spending-chart group-by="mission" province="048"></pnrr-spending-chart><pnrr-municipality-map province="048"></pnrr-municipality-map>',
    );
    assert.ok(files['boundaries.topo.json'] > 0);
    assert.equal(files['facts.json'], undefined);
    assert.ok(total <= 60 * KiB, `${total} bytes: ${JSON.stringify(files)}`);
  });

  test('a map of one mission reads the comune × mission view', async () => {
    const { files, total } = await fetched('map-mission', '<pnrr-municipality-map mission="M6"></pnrr-municipality-map>');
    assert.ok(files['views/comune/M6.json'] > 0, JSON.stringify(files));
    assert.equal(files['facts.json'], undefined);
    assert.ok(total <= 60 * KiB, `${total} bytes`);
  });

  // H92E22000070008 has 246 tenders: its record carries the first two, the rest wait in tenders/… for the button.
  test('the card with most tenders: the manifest and its shard, ≤ 10 KiB in all, no tenders file', async () => {
    const { files, total } = await fetched('card-tenders', '<pnrr-project-card cup="H92E22000070008"></pnrr-project-card>');
    const shards = Object.keys(files).filter((f) => f.startsWith('projects/'));
    assert.equal(shards.length, 1);
    assert.deepEqual(Object.keys(files).sort(), ['manifest.json', shards[0]]);
    assert.ok(total <= 10 * KiB, `${total} bytes: ${JSON.stringify(files)}`);
  });

  test('a card: the manifest and one shard ≤ 10 KiB', async () => {
    const { files } = await fetched('card', `<pnrr-project-card cup="${TRAM}"></pnrr-project-card>`);
    const shards = Object.keys(files).filter((f) => f.startsWith('projects/'));
    assert.equal(shards.length, 1);
    assert.deepEqual(Object.keys(files).sort(), ['manifest.json', shards[0]]);
    assert.ok(files[shards[0]] <= 10 * KiB, `${files[shards[0]]} bytes`);
  });
});
