// comune-prato.html, the Comune di Prato "Attuazione misure PNRR" example page styled with bootstrap-italia,
// in Chromium over the demo server (Vite's preview of the built pages, strict CSP), as a reader meets it:
// - under the server's strict CSP: no console error, no CSP violation report, no failed request, and no
//   request to any host but the demo server (bootstrap-italia's CSS, its fonts and the kit are served by it);
// - bootstrap-italia's CSS is the one applied (its version custom property is the installed package's, its
//   header colour and its typeface, Titillium Web, loaded from the site itself), and the elements use it;
// - the introduction's figures are the SDK's, run here in Node on the embedded package (Prato: 90 projects,
//   the README's figure), and the list, the chart and the map show Prato;
// - no axe-core WCAG 2.1 A/AA violation on the whole page; nothing moves once painted (layout shifts);
// - at 320 px nothing scrolls the page sideways.
/* global customElements, PerformanceObserver, requestAnimationFrame -- page code */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { createClient } from '@pnrr-toscana/sdk';
import { CSP } from '../build/csp.mjs';
import { CHROME_FLAGS, findChrome } from '../../../scripts/find-chrome.mjs';
import { startServer } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BOOTSTRAP_ITALIA = JSON.parse(readFileSync(require.resolve('bootstrap-italia/package.json'), 'utf8')).version;
const PRATO = '100005';
/** Layout shift allowed for the whole page (the kit's elements alone aim at 0: layout-shift.test.mjs). */
const CLS_BUDGET = 0.001;
const client = createClient();

let server;
let browser;
let profile;

before(async () => {
  server = await startServer();
  profile = mkdtempSync(join(tmpdir(), 'pnrr-comune-chrome-'));
  browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    protocolTimeout: 120_000,
    args: [...CHROME_FLAGS, `--user-data-dir=${profile}`],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Installed before the page's scripts: CSP reports and layout shifts. */
function observe() {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  window.__shifts = [];
  const name = (node) => {
    const host = node?.getRootNode?.().host;
    const own = node?.nodeType === 1 ? `${node.localName}${node.id ? `#${node.id}` : ''}${typeof node.className === 'string' && node.className ? `.${node.className.trim().split(/\s+/)[0]}` : ''}` : String(node?.nodeName);
    return host ? `${host.localName} › ${own}` : own;
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) window.__shifts.push({ value: e.value, at: Math.round(e.startTime), sources: e.sources.map((s) => `${name(s.node)} ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/**
 * Opens the page at a width and waits until it is complete: the figures filled, every element settled,
 * the chart and the map drawn (scrolled into view: drawing is lazy), the fonts loaded; then back to the top.
 */
async function open(width) {
  // A fresh context per case: nothing from the other case's cache (every file answers 200, not 304).
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height: 900 });
  const problems = [];
  const requests = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.evaluateOnNewDocument(observe);
  const response = await page.goto(`${server.base}comune-prato.html`, { waitUntil: 'load' });
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['content-security-policy'], CSP);
  await page.waitForFunction(() => document.getElementById('cifre').dataset.state !== 'loading', { timeout: 30_000 });
  const states = await page.evaluate(async () => {
    const out = [];
    for (const el of document.querySelectorAll('pnrr-project-list, pnrr-spending-chart, pnrr-municipality-map')) {
      await customElements.whenDefined(el.localName);
      const state = await el.settled();
      if (state === 'ready' && el.chartRendered) {
        el.scrollIntoView();
        await el.chartRendered();
      }
      out.push([el.localName, state]);
    }
    await document.fonts.ready;
    window.scrollTo(0, 0);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return out;
  });
  assert.deepEqual(states, [
    ['pnrr-project-list', 'ready'],
    ['pnrr-spending-chart', 'ready'],
    ['pnrr-municipality-map', 'ready'],
  ]);
  return { context, page, problems, requests };
}

/** The page's cumulative layout shift, with what moved when it is over the budget. */
async function noLayoutShift(page) {
  const shifts = await page.evaluate(() => window.__shifts);
  const cls = shifts.reduce((a, s) => a + s.value, 0);
  assert.ok(cls <= CLS_BUDGET, `cumulative layout shift ${cls.toFixed(4)}: ${shifts.map((s) => `${s.value.toFixed(4)} at ${s.at} ms: ${s.sources.join(', ')}`).join(' | ')}`);
}

async function finish({ context, page, problems, requests }) {
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violation reports');
  assert.deepEqual(problems, []);
  const origin = new URL(server.base).origin;
  const foreign = requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
  assert.deepEqual(foreign, [], 'requests that leave the demo server');
  await context.close();
}

test('comune-prato.html: strict CSP, nothing from other hosts, bootstrap-italia applied, the SDK\'s figures, Prato in the list, chart and map, no axe violation, no layout shift', async () => {
  const opened = await open(1280);
  const { page, requests } = opened;

  // bootstrap-italia's CSS, served by the demo: the installed version, its header colour, its typeface.
  const style = await page.evaluate(() => ({
    version: window.getComputedStyle(document.documentElement).getPropertyValue('--bootstrap-italia-version').trim(),
    header: window.getComputedStyle(document.querySelector('.it-header-center-wrapper')).backgroundColor,
    body: window.getComputedStyle(document.body).fontFamily,
    titillium: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Titillium Web' && f.status === 'loaded').map((f) => f.weight),
    list: window.getComputedStyle(document.querySelector('pnrr-project-list').shadowRoot.querySelector('[part="base"]')).fontFamily,
  }));
  assert.equal(style.version, `'${BOOTSTRAP_ITALIA}'`);
  assert.equal(style.header, 'rgb(0, 102, 204)');
  assert.match(style.body, /^"Titillium Web"/);
  assert.ok(style.titillium.length >= 2, `Titillium Web weights loaded: ${style.titillium.join(', ')}`);
  assert.match(style.list, /^"Titillium Web"/, 'the list takes the site\'s typeface (--pnrr-font-family)');
  const origin = new URL(server.base).origin;
  for (const file of ['/packages/examples/vendor/bootstrap-italia/dist/css/bootstrap-italia.min.css', '/packages/examples/vendor/bootstrap-italia/dist/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2']) {
    assert.ok(requests.includes(origin + file), `${file} requested from the demo server`);
  }

  // The introduction's figures: the SDK's, for Prato, from the embedded package.
  const all = await client.projects({ comune: PRATO, limit: 1000 });
  assert.equal(all.total, 90, 'Prato has 90 projects (data README)');
  const expected = {
    progetti: all.total,
    pnrr: all.items.reduce((s, i) => s + (i.areaPnrrCents ?? i.pnrrCents), 0),
    totale: all.items.reduce((s, i) => s + (i.areaTotalCents ?? i.totalCents), 0),
  };
  // The chart's missions sum to the same PNRR funding (to the cent): one figure, two ways.
  const missions = await client.spending({ groupBy: 'mission', metric: 'pnrr', comune: PRATO });
  assert.equal(Math.round(missions.reduce((s, r) => s + r.amount, 0) * 100), expected.pnrr);
  const figures = await page.evaluate(() =>
    Object.fromEntries(['progetti', 'pnrr', 'totale'].map((k) => [k, [Number(document.getElementById(`cifra-${k}`).dataset.value), document.getElementById(`cifra-${k}`).textContent]])),
  );
  const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  assert.deepEqual(figures, {
    progetti: [expected.progetti, String(expected.progetti)],
    pnrr: [expected.pnrr, euro.format(expected.pnrr / 100)],
    totale: [expected.totale, euro.format(expected.totale / 100)],
  });
  const manifest = await client.manifest();
  assert.equal(await page.$eval('#data-dati', (t) => t.dateTime), manifest.referenceDate);
  assert.equal(await page.$eval('#fonte-dati', (p) => p.textContent), manifest.attribution.data);

  // The list: Prato's projects, 20 on the first page.
  const list = await page.$eval('pnrr-project-list', (el) => ({
    title: el.shadowRoot.querySelector('[part~="title"]').textContent.replace(/[\u2068\u2069]/g, ''),
    rows: el.shadowRoot.querySelectorAll('tbody tr[part~="row"]').length,
  }));
  assert.match(list.title, new RegExp(`^Prato: ${expected.progetti} progetti, `));
  assert.equal(list.rows, 20);

  // The chart: Prato's PNRR funding by mission, the SDK's rows.
  const chart = await page.$eval('pnrr-spending-chart', (el) => ({
    title: el.shadowRoot.querySelector('[part~="title"]').textContent.replace(/[\u2068\u2069]/g, ''),
    rows: [...el.shadowRoot.querySelectorAll('table tbody tr')].map((tr) => [tr.dataset.key, Number(tr.querySelector('td[data-value]').dataset.value)]),
    bars: el.shadowRoot.querySelectorAll('.plot svg path, .plot svg rect').length,
  }));
  assert.match(chart.title, /Prato/);
  assert.deepEqual(chart.rows, missions.map((r) => [r.key, r.value]));
  assert.ok(chart.bars > 0, 'the chart is drawn');

  // The map: the region's comuni, Prato selected (in its list of comuni and in its text).
  const map = await page.$eval('pnrr-municipality-map', (el) => ({
    selected: el.selected,
    choice: el.shadowRoot.querySelector('select').value,
    text: el.shadowRoot.textContent.replace(/[\u2068\u2069]/g, ''),
    drawn: el.shadowRoot.querySelectorAll('.plot svg path').length,
  }));
  assert.equal(map.selected, PRATO);
  assert.equal(map.choice, PRATO);
  const digits = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 0 }).format(expected.pnrr / 100);
  assert.ok(map.text.includes(`Prato: ${digits}`), `the map names Prato and its PNRR funding, ${digits} €`);
  assert.ok(map.drawn > 200, `the map is drawn (${map.drawn} paths)`);

  // No axe-core WCAG 2.1 A/AA violation on the whole page (axe is evaluated through DevTools, not a <script>).
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  assert.deepEqual(violations, []);

  // Nothing moved while the page filled in: figures, elements, drawings, fonts.
  await noLayoutShift(page);
  await finish(opened);
});

test('comune-prato.html at 320 px: nothing scrolls the page sideways, no CSP violation, nothing from other hosts', async () => {
  const opened = await open(320);
  const { page } = opened;
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.closest('.visually-hidden-focusable'))
      .map((el) => el.localName + (el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''))
      .slice(0, 10),
  }));
  assert.equal(overflow.page, 320, `page width at 320 px; too wide: ${overflow.wide.join(', ')}`);
  assert.deepEqual(overflow.wide, []);
  await noLayoutShift(page);
  await finish(opened);
});
