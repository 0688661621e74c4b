// Every gallery page in Chromium over the demo server (Vite's preview of the built pages, strict CSP):
// no console error, no CSP violation, no failed request, every pnrr-* element settles in the state its
// example expects, code blocks filled, and each page's interactions work (the React and Vue apps through
// real keyboard input). Values are compared with the SDK run here in Node.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { createClient } from '@pnrr-toscana/sdk';
import { CHROME_FLAGS, findChrome } from '../../../scripts/find-chrome.mjs';
import { EXAMPLES, pages, startServer } from './helpers.mjs';

const client = createClient();
let server;
let browser;
let profile;

before(async () => {
  server = await startServer();
  profile = mkdtempSync(join(tmpdir(), 'pnrr-examples-chrome-'));
  browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    protocolTimeout: 60_000, // a hung evaluate fails the test instead of waiting puppeteer's default 180 s
    args: [...CHROME_FLAGS, `--user-data-dir=${profile}`],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens a page and records everything that should not happen on it. */
async function open(name) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.evaluateOnNewDocument(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(server.base + name, { waitUntil: 'load' });
  assert.equal(response.status(), 200);
  // The React and Vue pages render their example into the live block after load.
  await page.waitForFunction(() => [...document.querySelectorAll('.live')].every((live) => live.children.length > 0));
  return { page, problems };
}

/** Waits for every pnrr-* element to settle; returns [element, expected, actual] per element ('timeout' after 20 s). */
function settleAll(page) {
  return page.evaluate(async () => {
    const timeout = (ms) => new Promise((resolve) => window.setTimeout(() => resolve('timeout'), ms));
    const elements = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('pnrr-'));
    return Promise.all(
      elements.map(async (el) => {
        const settle = window.customElements.whenDefined(el.localName).then(() => el.settled());
        const state = await Promise.race([settle, timeout(20_000)]);
        return [el.outerHTML.slice(0, 120), el.closest('[data-expect]')?.dataset.expect ?? 'ready', state];
      }),
    );
  });
}

/**
 * Scrolls each ready chart and map into view so it draws (drawing is lazy) and waits for the drawing;
 * returns the elements that did not draw within 2 × 10 s (scrolled into view again after the first 10 s).
 */
function drawAll(page) {
  return page.evaluate(async () => {
    const timeout = (ms) => new Promise((resolve) => window.setTimeout(() => resolve('timeout'), ms));
    const undrawn = [];
    for (const el of document.querySelectorAll('pnrr-spending-chart, pnrr-municipality-map')) {
      if (el.state !== 'ready') continue;
      let view = 'timeout';
      for (let attempt = 0; attempt < 2 && (view === 'timeout' || !view); attempt += 1) {
        el.scrollIntoView();
        view = await Promise.race([el.chartRendered(), timeout(10_000)]);
      }
      if (view === 'timeout' || !view) undrawn.push(el.outerHTML.slice(0, 120));
    }
    return undrawn;
  });
}

/** Checks that every code block is filled; file snippets equal the file. */
async function checkSnippets(page) {
  const snippets = await page.$$eval('code[data-snippet]', (codes) => codes.map((c) => [c.dataset.snippet, c.textContent]));
  for (const [source, text] of snippets) {
    if (source === 'live') assert.match(text, /<(pnrr-|button|script)/, `live snippet: ${text}`);
    else assert.equal(text, readFileSync(join(EXAMPLES, source.slice(5)), 'utf8').trimEnd(), source);
  }
  // The React and Vue pages show their app's source as bundled (`?raw`): it must be the file.
  const sources = await page.$$eval('code[data-source]', (codes) => codes.map((c) => [c.dataset.source, c.textContent]));
  for (const [file, text] of sources) assert.equal(text, readFileSync(join(EXAMPLES, file), 'utf8').trimEnd(), file);
  return snippets.length + sources.length;
}

/**
 * The React and Vue apps: the map and the chart show Firenze; choosing the next comune in the map's
 * list with the keyboard fires pnrr-municipality-select, the app's handler puts it in its state, and
 * the framework sets the map's `selected` and the chart's `comune` properties from that state.
 */
async function frameworkApp(page) {
  const territories = await client.territories();
  const byName = territories.comuni.filter((c) => c.province === '048').sort((a, b) => a.name.localeCompare(b.name, 'it'));
  const next = byName[byName.findIndex((c) => c.code === '048017') + 1];
  const read = () =>
    page.evaluate(() => {
      const map = document.querySelector('pnrr-municipality-map');
      const chart = document.querySelector('pnrr-spending-chart');
      return {
        status: document.getElementById('comune-scelto').textContent.replace(/\s+/g, ' ').trim(),
        selected: map.selected,
        perCapita: map.perCapita,
        perCapitaAsAttribute: map.hasAttribute('percapita'),
        comune: chart.comune,
        groupBy: chart.groupBy,
      };
    });
  const before = await read();
  assert.deepEqual(before, {
    status: 'Comune scelto: Firenze (codice ISTAT 048017)',
    selected: '048017',
    perCapita: true, // a boolean property, not the attribute "percapita" a framework would fall back to
    perCapitaAsAttribute: false,
    comune: '048017',
    groupBy: 'mission',
  });

  const select = await page.waitForSelector('pnrr-municipality-map >>> select');
  assert.equal(await select.evaluate((s) => s.value), '048017', 'the list shows the selected comune');
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((code) => document.getElementById('comune-scelto').textContent.includes(code), {}, next.code);
  const after = await read();
  assert.equal(after.status, `Comune scelto: ${next.name} (codice ISTAT ${next.code})`);
  assert.equal(after.selected, next.code);
  assert.equal(after.comune, next.code);

  // The chart redraws for the new comune: its data table has one row per mission of that comune.
  const expected = await client.spending({ groupBy: 'mission', metric: 'pnrr', comune: next.code });
  await page.waitForFunction(
    (rows) => {
      const chart = document.querySelector('pnrr-spending-chart');
      return chart.state === 'ready' && chart.shadowRoot.querySelectorAll('table tbody tr').length === rows;
    },
    {},
    expected.length,
  );
}

async function finish(page, problems) {
  const csp = await page.evaluate(() => window.__csp);
  assert.deepEqual(csp, [], 'CSP violations');
  assert.deepEqual(problems, []);
  await page.close();
}

const interactions = {
  async 'index.html'(page) {
    await page.waitForSelector('#missions:not([hidden])');
    const rows = await page.$$eval('#missions tbody tr', (trs) => trs.length);
    assert.equal(rows, (await client.spending({ groupBy: 'mission' })).length);
  },
  async 'card.html'(page) {
    // The shared CUP's card says which local project it is.
    const text = await page.$eval('#card-shared ~ .example-body pnrr-project-card', (el) => el.shadowRoot.textContent);
    assert.match(text, /B65F21001810001_2022/);
  },
  async 'map.html'(page) {
    await page.evaluate(() => document.getElementById('mappa-eventi').choose('048017'));
    await page.waitForFunction(() => document.getElementById('comune-scelto').textContent.includes('048017'));
    assert.match(await page.$eval('#comune-scelto', (p) => p.textContent), /Firenze \(codice ISTAT 048017\)/);
  },
  async 'regioni.html'(page) {
    // Both regions drawn with real figures: each chart's per-capita values by province are the SDK's, run
    // here in Node on the same embedded packages; the two maps have Tuscany's 273 and Liguria's 234 comuni.
    const liguria = createClient({ region: 'liguria' });
    const tables = await page.$$eval('pnrr-spending-chart', (els) =>
      els.map((el) => ({
        title: el.shadowRoot.querySelector('[part="title"]').textContent,
        rows: [...el.shadowRoot.querySelectorAll('table tbody tr')].map((tr) => [tr.dataset.key, Number(tr.querySelector('td[data-value]').dataset.value)]),
      })),
    );
    assert.equal(tables.length, 2);
    for (const [i, sdk, name] of [[0, client, 'Toscana'], [1, liguria, 'Liguria']]) {
      const expected = (await sdk.spending({ groupBy: 'province', perCapita: true })).filter((r) => r.kind === 'province');
      assert.deepEqual(tables[i].rows, expected.map((r) => [r.key, r.value]), name);
      assert.match(tables[i].title, new RegExp(name));
    }
    assert.deepEqual(tables[1].rows.map(([key]) => key).sort(), ['008', '009', '010', '011']);
    const comuni = await page.$$eval('pnrr-municipality-map', (els) => els.map((el) => el.shadowRoot.querySelectorAll('table tbody tr').length));
    assert.deepEqual(comuni, [273, 234]);
    // The Ligurian package the page reads (the CDN folder's copy) holds the README's figures:
    // 1,318 projects, Σ Finanziamento PNRR € 1,405,147,307.66 = inside (the chart's provinces + region-wide) + outside.
    const { totals } = await (await fetch(new URL('../widgets/dist/cdn/data/liguria/provenance.json', server.base))).json();
    assert.equal(totals.projects, 1318);
    assert.equal(totals.touching.pnrrCents, 140514730766);
    const provinces = await liguria.spending({ groupBy: 'province' });
    const inside = provinces.reduce((a, r) => a + Math.round(r.amount * 100), 0);
    assert.equal(inside + totals.outside.pnrrCents, 140514730766);
  },
  async 'list.html'(page) {
    // Prato's list: its heading counts the projects of the SDK's answer; the first title opens its card.
    const { total } = await client.projects({ comune: '100005', limit: 1 });
    const heading = await page.$eval('#list-default ~ .example-body pnrr-project-list', (el) => el.shadowRoot.querySelector('[part="title"]').textContent.replace(/[\u2068\u2069]/g, ''));
    assert.match(heading, new RegExp(`^Prato: ${total} progetti, `));
    await page.click('#list-default ~ .example-body pnrr-project-list >>> [part~="open"]');
    await page.waitForFunction(() => document.querySelector('#list-default ~ .example-body pnrr-project-list').shadowRoot.querySelector('pnrr-project-card')?.state === 'ready');
    // The card-href list: the page hears the event and keeps the link from being followed.
    await page.click('#elenco-eventi >>> a[part~="open"]');
    await page.waitForFunction(() => document.getElementById('progetto-scelto').textContent.startsWith('Hai scelto'));
    assert.match(page.url(), /list\.html/);
  },
  async 'theming.html'(page) {
    await page.click('#tema');
    const themes = await page.$$eval('pnrr-project-card, pnrr-spending-chart', (els) => els.map((el) => el.getAttribute('theme')));
    assert.ok(themes.length >= 3 && themes.every((t) => t === 'dark'), themes.join());
    assert.equal(await page.$eval('html', (html) => html.dataset.theme), 'dark');
    assert.equal(await page.$eval('#tema', (b) => b.getAttribute('aria-pressed')), 'true');
  },
  async 'newsroom.html'(page) {
    // The article names the chart's buttons (data-button): those labels must be the chart's own.
    const buttons = await page.$eval('pnrr-spending-chart', (el) => [...el.shadowRoot.querySelectorAll('button')].map((b) => b.textContent.trim()));
    const named = await page.$$eval('[data-button]', (els) => els.map((el) => el.textContent.replace(/\s+/g, ' ').trim()));
    assert.ok(named.some((label) => label.includes('CSV')), 'the article mentions the CSV download');
    for (const label of named) assert.ok(buttons.includes(label), `"${label}" is not a button of the chart: ${buttons.join(' | ')}`);
    // The iframe embed (lazy: scrolled into view) is resized by pnrr-embed.js from its 600 px to its content.
    await page.$eval('iframe[data-pnrr-embed]', (f) => f.scrollIntoView());
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe[data-pnrr-embed]');
      const body = f.contentDocument?.body;
      return body && f.contentDocument.querySelector('pnrr-spending-chart')?.state === 'ready' && Math.abs(f.clientHeight - body.getBoundingClientRect().height) <= 2 && f.clientHeight !== 600;
    });
  },
  async 'sdk-browser.html'(page) {
    await page.waitForSelector('body[data-ready]');
    const perCapita = await client.spending({ groupBy: 'province', metric: 'pnrr', perCapita: true });
    const cells = await page.$$eval('#pro-capite tbody tr', (trs) => trs.map((tr) => tr.cells[3].textContent));
    const euroCents = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
    assert.deepEqual(cells, perCapita.map((r) => euroCents.format(r.value)));

    const all = await client.projects({ text: 'scuola', limit: 10, offset: 10 });
    assert.match(await page.$eval('#ricerca-stato', (p) => p.textContent), new RegExp(`Progetti 1–10 di ${all.total}$`));
    await page.click('#succ');
    await page.waitForFunction(() => document.getElementById('ricerca-stato').textContent.startsWith('Progetti 11–'));
    const cups = await page.$$eval('#risultati tbody th', (ths) => ths.map((th) => th.textContent));
    assert.deepEqual(cups, all.items.map((i) => i.cup));
    assert.equal(await page.$eval('#prec', (b) => b.disabled), false);

    await page.click('[data-cup="H91J1200077"]');
    await page.waitForSelector('#progetto .error[data-error="InvalidArgumentError"]');
    await page.click('[data-cup="Z99Z99999999999"]');
    await page.waitForSelector('#progetto .error[data-error="NotFoundError"]');
    await page.click('[data-cup="B65F21001810001"]');
    await page.waitForFunction(() => document.querySelector('#progetto dl')?.textContent.includes('B65F21001810001_2022'));
  },
  'react.html': frameworkApp,
  'vue.html': frameworkApp,
};

for (const name of pages()) {
  test(`${name} in Chromium: settles as expected, no error, no CSP violation`, async () => {
    const { page, problems } = await open(name);
    const states = await settleAll(page);
    for (const [el, expected, state] of states) assert.equal(state, expected, el);
    await checkSnippets(page);
    assert.deepEqual(await drawAll(page), [], 'every ready chart and map draws');
    await interactions[name]?.(page);
    await finish(page, problems);
  });
}
