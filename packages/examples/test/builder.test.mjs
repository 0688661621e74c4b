// The embed builder (dist/cdn/builder.html, issue 9) as a webmaster uses it, in Chromium with real
// keyboard and mouse input: each snippet it gives is written into a blank page served next to the CDN
// folder by a real local HTTP server (strict CSP), and must render what the preview showed (same title,
// summary and size). Hostile text typed into a field never becomes markup in a snippet. The no-JS
// fallback inside the element is what a reader without scripts sees, and nothing once the element runs.
// Run `npm run build` first (the builder is part of the widgets' CDN build).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import sirv from 'sirv';
import { CHROME_FLAGS, findChrome } from '../../../scripts/find-chrome.mjs';
import { ROOT } from './helpers.mjs';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'";

let server;
let base;
let site;
let browser;
let profile;

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'pnrr-builder-site-'));
  const strict = (res) => res.setHeader('content-security-policy', CSP);
  const cdn = sirv(join(ROOT, 'packages/widgets/dist/cdn'), { dev: true, setHeaders: strict });
  const pages = sirv(site, { dev: true, setHeaders: strict });
  server = http.createServer((req, res) => {
    const notFound = () => res.writeHead(404).end('not found');
    for (const [prefix, files] of [['/cdn/', cdn], ['/site/', pages]]) {
      if (req.url.startsWith(prefix)) {
        req.url = req.url.slice(prefix.length - 1);
        return files(req, res, notFound);
      }
    }
    notFound();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  profile = mkdtempSync(join(tmpdir(), 'pnrr-builder-chrome-'));
  browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, protocolTimeout: 60_000, args: [...CHROME_FLAGS, `--user-data-dir=${profile}`] });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  for (const dir of [site, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A new page that records what must not happen (errors, CSP violations, failed requests). */
async function newPage(width = 1280) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP ${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, problems };
}

/**
 * A blank page with `body` (the snippet as pasted), served at /site/<name>. The elements take the
 * page's font: the page has the builder's (system-ui), as the preview does, so sizes compare.
 */
function blankPage(name, body) {
  writeFileSync(join(site, 'site.css'), 'body { font-family: system-ui, sans-serif; }\n');
  writeFileSync(join(site, name), `<!doctype html>\n<html lang="it">\n<head><meta charset="utf-8"><title>${name}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="site.css"></head>\n<body>\n${body}\n</body>\n</html>\n`);
  return `${base}/site/${name}`;
}

/** Title, summary and size of the first pnrr-* element in `frame` (a page or an iframe's frame), once drawn. */
async function rendering(frame) {
  await frame.waitForFunction(() => document.querySelector('pnrr-spending-chart, pnrr-municipality-map, pnrr-project-card')?.state === 'ready', { timeout: 30_000 });
  return frame.evaluate(async () => {
    const el = document.querySelector('pnrr-spending-chart, pnrr-municipality-map, pnrr-project-card');
    el.scrollIntoView();
    if (el.chartRendered) await el.chartRendered();
    await new Promise((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve)));
    const text = (part) => (el.shadowRoot.querySelector(`[part~="${part}"]`)?.textContent ?? '').replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim();
    const box = el.getBoundingClientRect();
    return { tag: el.localName, title: text('title'), summary: text('summary'), width: Math.round(box.width), height: Math.round(box.height) };
  });
}

/** Opens the builder with the chart of Prato drawn in its preview. */
async function openBuilder() {
  const { page, problems } = await newPage();
  await page.goto(`${base}/cdn/builder.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('.preview pnrr-spending-chart')?.state === 'ready', { timeout: 30_000 });
  return { page, problems };
}

const snippet = (page, id) => page.$eval(`#${id}`, (area) => area.value);

/** Clicks the centre of `selector` with the mouse. */
async function click(page, selector) {
  const handle = await page.$(selector);
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await handle.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Clears a text field the way a user does (select all, delete) and types `text`. */
async function typeInto(page, selector, text) {
  await click(page, selector);
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

test('builder: a chart chosen with keyboard and mouse; its script snippet and its iframe snippet in blank pages render as the preview', async () => {
  const { page, problems } = await openBuilder();
  // The comune by name, with suggestions from the data package.
  await typeInto(page, '#f-comune', 'firen');
  await page.waitForFunction(() => [...document.querySelectorAll('#f-comune-list option')].some((o) => o.value === 'Firenze'));
  await page.keyboard.type('ze');
  // Keyboard: Tab to the province (empty), to the mission: ArrowDown twice = M2; Tab twice to per-capita, Space.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#snippet-script').value.includes('per-capita'));
  await page.waitForFunction(() => {
    const el = document.querySelector('.preview pnrr-spending-chart');
    const title = el?.shadowRoot?.querySelector('[part~="title"]')?.textContent ?? '';
    return el.state === 'ready' && title.includes('Firenze') && document.querySelector('#snippet-script').value.includes(title.replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim());
  });
  const preview = await rendering(page);
  assert.match(preview.title, /Firenze/);
  assert.match(preview.title, /M2/);
  const script = await snippet(page, 'snippet-script');
  const iframe = await snippet(page, 'snippet-iframe');
  // The name as typed: the element resolves it (case and accents do not matter).
  assert.match(script, /<pnrr-spending-chart comune="firenze" mission="M2" per-capita>/);
  assert.ok(script.includes(`>${preview.title}</a>`), script);
  assert.ok(iframe.includes(`title="${preview.title}"`), iframe);
  assert.match(iframe, /loading="lazy"/);
  assert.match(iframe, /sandbox="allow-scripts allow-same-origin allow-downloads allow-popups allow-popups-to-escape-sandbox"/);
  assert.deepEqual(problems, []);

  // The script snippet in a blank page as wide as the preview's element (+ the body's 8 px margins).
  const blank = await newPage(preview.width + 16);
  await blank.page.goto(blankPage('script.html', script), { waitUntil: 'load' });
  const pasted = await rendering(blank.page);
  assert.equal(pasted.title, preview.title);
  assert.equal(pasted.summary, preview.summary);
  assert.ok(Math.abs(pasted.width - preview.width) <= 1, `width ${pasted.width} vs ${preview.width}`);
  assert.ok(Math.abs(pasted.height - preview.height) <= 2, `height ${pasted.height} vs ${preview.height}`);
  assert.deepEqual(blank.problems, []);

  // The iframe snippet: the element inside is as wide as the preview's (+ embed.html's 4 px padding).
  const framed = await newPage(preview.width + 16 + 8);
  await framed.page.goto(blankPage('iframe.html', iframe), { waitUntil: 'load' });
  const handle = await framed.page.waitForSelector('iframe[data-pnrr-embed]');
  const frame = await handle.contentFrame();
  const inFrame = await rendering(frame);
  assert.equal(inFrame.title, preview.title);
  assert.equal(inFrame.summary, preview.summary);
  assert.ok(Math.abs(inFrame.height - preview.height) <= 2, `height ${inFrame.height} vs ${preview.height}`);
  // The host script gave the iframe its content's height.
  await framed.page.waitForFunction(
    () => {
      const f = document.querySelector('iframe[data-pnrr-embed]');
      return Math.abs(f.clientHeight - f.contentDocument.body.getBoundingClientRect().height) <= 2;
    },
    { timeout: 10_000 },
  );
  assert.deepEqual(framed.problems, []);
  await Promise.all([page.close(), blank.page.close(), framed.page.close()]);
});

test('builder: hostile text in a field never becomes markup in a snippet', async () => {
  const { page } = await openBuilder();
  // A value embed.html refuses (markup characters): marked invalid and left out of both snippets.
  await typeInto(page, '#f-comune', '"><img src=x onerror=alert(1)>');
  await page.waitForFunction(() => document.querySelector('#f-comune').getAttribute('aria-invalid') === 'true');
  for (const id of ['snippet-script', 'snippet-iframe']) {
    const text = await snippet(page, id);
    assert.ok(!/<img|onerror/.test(text), text);
    assert.ok(!text.includes('comune='), text);
  }
  // A value it accepts but that holds quotes and an attribute-like tail: escaped, one attribute in the page.
  const sly = `Prato" onmouseover="alert(1)' x='`;
  await typeInto(page, '#f-comune', sly);
  await page.waitForFunction(() => document.querySelector('#f-comune').getAttribute('aria-invalid') === 'false');
  const script = await snippet(page, 'snippet-script');
  assert.ok(script.includes('comune="Prato&quot; onmouseover=&quot;alert(1)&#39; x=&#39;"'), script);
  const blank = await newPage();
  await blank.page.goto(blankPage('sly.html', script), { waitUntil: 'load' });
  const attributes = await blank.page.$eval('pnrr-spending-chart', (el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])));
  assert.deepEqual(attributes, { comune: sly });
  const link = await blank.page.$eval('pnrr-spending-chart a', (a) => new URL(a.href).searchParams.get('comune'));
  assert.equal(link, sly);
  // 10,000 characters: the field stops at 200; embed.html's rule (≤ 100) refuses it: left out.
  await typeInto(page, '#f-comune', 'x'.repeat(300));
  assert.equal((await page.$eval('#f-comune', (i) => i.value)).length, 200);
  assert.ok(!(await snippet(page, 'snippet-script')).includes('comune='));
  await Promise.all([page.close(), blank.page.close()]);
});

test('builder: copy buttons put the snippet on the clipboard and say so; the English switch', async () => {
  await browser.defaultBrowserContext().overridePermissions(base, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
  const { page } = await openBuilder();
  await click(page, '#snippet-iframe ~ button');
  await page.waitForFunction(() => document.querySelector('[role="status"]').textContent.trim() !== '');
  assert.equal(await page.$eval('[role="status"]', (s) => s.textContent.trim()), 'Copiato negli appunti.');
  assert.equal(await page.evaluate(() => window.navigator.clipboard.readText()), await snippet(page, 'snippet-iframe'));
  // The language switch: the builder in English, the switch keeps the focus.
  await click(page, 'button.switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.$eval('h1', (h) => h.textContent.trim()), 'PNRR Toscana embed builder');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'switch');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.documentElement.lang === 'it');
  // Another element: the map, chosen with the mouse; the snippets follow.
  await click(page, '#el-map');
  await page.waitForFunction(() => document.querySelector('#snippet-script').value.includes('<pnrr-municipality-map'));
  await page.waitForFunction(() => document.querySelector('.preview pnrr-municipality-map')?.state === 'ready', { timeout: 30_000 });
  await page.close();
});

test('no-JS fallback: the link inside the element is what a reader without scripts sees; with scripts it is neither shown nor read', async () => {
  const { page: builder } = await openBuilder();
  await builder.waitForFunction(() => !document.querySelector('#snippet-script').value.includes('Dati PNRR Toscana'));
  const script = await snippet(builder, 'snippet-script');
  const title = await builder.evaluate(() => document.querySelector('.preview pnrr-spending-chart').shadowRoot.querySelector('[part~="title"]').textContent.replace(/[\u2068\u2069]/g, '').trim());
  await builder.close();
  const url = blankPage('nojs.html', script);

  const off = await browser.newPage();
  await off.setJavaScriptEnabled(false);
  await off.goto(url, { waitUntil: 'load' });
  const fallback = await off.$eval('pnrr-spending-chart a', (a) => ({ text: a.textContent, href: a.getAttribute('href'), visible: a.checkVisibility() }));
  assert.deepEqual(fallback, { text: title, href: `${base}/cdn/embed.html?el=chart&comune=Prato`, visible: true });
  const links = (await off.accessibility.snapshot()).children?.filter((n) => n.role === 'link').map((n) => n.name);
  assert.deepEqual(links, [title]);
  // embed.html without scripts: its <noscript> text.
  await off.goto(`${base}/cdn/embed.html?el=chart`, { waitUntil: 'load' });
  assert.match(await off.$eval('main', (m) => m.innerText), /ha bisogno di JavaScript/);
  await off.close();

  const { page: on, problems } = await newPage();
  await on.goto(url, { waitUntil: 'load' });
  await rendering(on);
  assert.equal(await on.$eval('pnrr-spending-chart a', (a) => a.checkVisibility()), false);
  // Every node of the accessibility tree (the shadow roots' included) as role + name.
  const nodes = [];
  const walk = (node) => {
    nodes.push([node.role, (node.name ?? '').replace(/[\u2068\u2069]/g, '').trim()]);
    for (const child of node.children ?? []) walk(child);
  };
  walk(await on.accessibility.snapshot({ interestingOnly: false }));
  assert.deepEqual(nodes.filter(([role]) => role === 'link').map(([, name]) => name).filter((name) => name === title), [], 'the fallback link is not in the accessibility tree');
  // The element's own heading is there, once.
  assert.equal(nodes.filter(([role, name]) => role === 'heading' && name === title).length, 1);
  assert.deepEqual(problems, []);
  await on.close();
});
