// Visits every story of the built Storybook (storybook-static/, from `pnpm build-storybook`) in
// Chromium, served under /storybook/ by a local static server. Each story must render (its
// play function passes and every element reaches the state the story declares), log no console
// error, make no failed request, and have no axe-core WCAG 2.1 A/AA violation. The fault states
// (loading, server error) come from the in-page fault route of .storybook/fault-route.ts, so they
// make no request at all. Then: the Docs pages list the manifest's API; real mouse and keyboard
// input on the retry button and the map's list of comuni.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, findChrome } from '../../../../scripts/find-chrome.mjs';
import { serveStatic } from './static-server.mjs';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const STATIC = join(ROOT, 'storybook-static');
const MOUNT = '/storybook/';
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'packages/widgets/custom-elements.json'), 'utf8'));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

if (!existsSync(join(STATIC, 'index.json'))) {
  throw new Error('storybook-static/ is missing: run `pnpm build-storybook` at the repository root first (npm test does).');
}
const entries = Object.values(JSON.parse(readFileSync(join(STATIC, 'index.json'), 'utf8')).entries);
const stories = entries.filter((e) => e.type === 'story');
const docs = entries.filter((e) => e.type === 'docs');

let server;
let browser;
let profile;

before(async () => {
  server = await serveStatic(STATIC, MOUNT);
  profile = mkdtempSync(join(tmpdir(), 'pnrr-storybook-'));
  browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    protocolTimeout: 60_000,
    args: [...CHROME_FLAGS, `--user-data-dir=${profile}`],
  });
});

after(async () => {
  for (const { page } of idle) await page.close();
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A fresh page that records console errors, page errors and failed requests. */
async function openPage(width = 1280) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  return { page, problems };
}

// The addon's own automatic axe run is switched off in the test pages (the URL's globals): the
// test runs the same rules itself, once, and reads the result.
const GLOBALS = 'a11y.manual:!true';

/**
 * Shows one story in the preview iframe and waits until Storybook has finished it (play included).
 * The first story loads iframe.html; later ones are switched to through Storybook's channel, as the
 * manager does, so the preview bundle is not loaded again for every story.
 */
async function visit(page, id, viewMode = 'story') {
  const loaded = await page.evaluate(() => Boolean(window.__STORYBOOK_PREVIEW__?.currentRender)).catch(() => false);
  if (loaded) {
    await page.evaluate(
      (storyId, mode) => {
        for (const key of Object.keys(globalThis.__pnrrFaultLog)) delete globalThis.__pnrrFaultLog[key];
        window.__STORYBOOK_PREVIEW__.channel.emit('setCurrentStory', { storyId, viewMode: mode });
      },
      id,
      viewMode,
    );
  } else {
    await page.goto(`${server.origin}${MOUNT}iframe.html?id=${encodeURIComponent(id)}&viewMode=${viewMode}&globals=${GLOBALS}`, { waitUntil: 'load' });
  }
  await page.waitForFunction(
    (storyId, mode) => {
      const render = window.__STORYBOOK_PREVIEW__?.currentRender;
      if (render?.id !== storyId) return false;
      return mode === 'docs' || ['finished', 'completed', 'errored', 'aborted'].includes(render.phase);
    },
    { timeout: 30_000, polling: 50 },
    id,
    viewMode,
  );
  if (viewMode !== 'story') return;
  const phase = await page.evaluate(() => window.__STORYBOOK_PREVIEW__.currentRender.phase);
  const errors = await page.evaluate(() => document.querySelector('#error-stack')?.textContent?.trim() ?? '');
  assert.ok(['finished', 'completed'].includes(phase), `story ${id} did not complete (${phase}): ${errors}`);
}

/** The page shared by the story tests (kept while they pass). */
const idle = [];
async function withPage(fn) {
  const entry = idle.pop() ?? (await openPage());
  entry.problems.length = 0;
  try {
    await fn(entry);
    idle.push(entry);
  } catch (error) {
    await entry.page.close(); // a failed story may leave the page in any state: start the next one afresh
    throw error;
  }
}

/** Every element of the story reaches the declared state; ready charts and maps have a drawing. */
async function reachedStates(page) {
  return page.evaluate(async () => {
    const frame = document.querySelector('.pnrr-story');
    const expected = frame.dataset.expectedState;
    const out = [];
    for (const el of frame.querySelectorAll('pnrr-project-list, pnrr-project-card, pnrr-spending-chart, pnrr-municipality-map')) {
      let state;
      if (expected === 'loading') {
        // A data source that never answers: the request went out (counted by the fault route) and is still open.
        const deadline = Date.now() + 10_000;
        while (!(globalThis.__pnrrFaultLog.never >= 1) && Date.now() < deadline) await new Promise((r) => globalThis.setTimeout(r, 25));
        const skeleton = el.shadowRoot.querySelector('[part~="skeleton"]');
        state = globalThis.__pnrrFaultLog.never >= 1 && skeleton && skeleton.getBoundingClientRect().height > 0 ? el.state : 'no pending request or no skeleton';
      } else {
        state = await el.settled();
        if (state === 'ready' && 'chartRendered' in el && !(await el.chartRendered())) state = 'ready but not drawn';
      }
      out.push({ tag: el.localName, expected, state, base: el.shadowRoot.querySelector('[part~="base"]')?.dataset.state });
    }
    return out;
  });
}

async function axeViolations(page, selector) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(AXE);
  return page.evaluate(
    async (sel, tags) => {
      const results = await window.axe.run(document.querySelector(sel), { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(' | ')}`);
    },
    selector,
    WCAG,
  );
}

// One story at a time, in one reused page: a second tab would be a background tab, whose
// animation frames (and so Storybook's rendering and vega's drawing) Chromium throttles.
describe('every story of the static Storybook', () => {
  it('has a story for every element of the manifest', () => {
    const tags = MANIFEST.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName);
    const titles = new Set(stories.map((s) => s.title));
    assert.equal(tags.length, 4);
    for (const tag of tags) assert.ok(titles.has(`Widgets/${titleOf(tag)}`), `no stories for <${tag}>`);
    assert.ok(stories.length >= 50, `only ${stories.length} stories`);
  });

  for (const story of stories) {
    it(`${story.title} › ${story.name}`, () =>
      withPage(async ({ page, problems }) => {
        await visit(page, story.id);
        const states = await reachedStates(page);
        assert.ok(states.length > 0, 'the story shows an element');
        for (const s of states) assert.equal(s.state, s.expected, `<${s.tag}> ended in ${s.state}, not ${s.expected}`);
        for (const s of states) if (s.expected !== 'loading') assert.equal(s.base, s.expected, `<${s.tag}> part="base" data-state`);
        assert.deepEqual(await axeViolations(page, '.pnrr-story'), []);
        assert.deepEqual(problems, []);
      }),
    );
  }
});

describe('the Docs pages come from custom-elements.json', () => {
  for (const entry of docs) {
    it(entry.title, () =>
      withPage(async ({ page, problems }) => {
        await visit(page, entry.id, 'docs');
        const tag = MANIFEST.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName && entry.title.endsWith(titleOf(d.tagName)));
        assert.ok(tag, `no manifest entry for ${entry.title}`);
        // The API table lists every attribute, event, CSS part and custom property of the element.
        const expected = [...tag.attributes, ...tag.events, ...tag.cssParts, ...tag.cssProperties].map((x) => x.name);
        const tableText = () => page.evaluate(() => [...document.querySelectorAll('.docblock-argstable')].map((t) => t.textContent).join(' '));
        await page
          .waitForFunction((names) => names.every((n) => document.querySelector('.docblock-argstable')?.textContent.includes(n)), { timeout: 30_000, polling: 100 }, expected)
          .catch(() => {});
        const text = await tableText();
        for (const name of expected) assert.ok(text.includes(name), `${name} is not in the Docs table of ${tag.tagName}`);
        // The description is the class's JSDoc, from the manifest.
        assert.ok((await page.evaluate(() => document.body.textContent)).includes(tag.description.split('\n')[0]));
        assert.deepEqual(problems, []);
      }),
    );
  }
});

function titleOf(tagName) {
  return { 'pnrr-project-card': 'Project card', 'pnrr-spending-chart': 'Spending chart', 'pnrr-municipality-map': 'Municipality map', 'pnrr-project-list': 'Project list' }[tagName];
}

/** Centre of an element inside the element's shadow root, for a real pointer click. */
async function centreOf(page, host, selector) {
  const box = await page.evaluate(
    (h, s) => {
      const r = document.querySelector(h).shadowRoot.querySelector(s).getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    },
    host,
    selector,
  );
  return box;
}

describe('the Storybook UI under a sub-path', () => {
  it('/storybook/ loads the manager and its preview with relative URLs, with no failed request', async () => {
    const { page, problems } = await openPage();
    try {
      await page.goto(`${server.origin}${MOUNT}?path=/story/widgets-project-card--tram`, { waitUntil: 'load' });
      await page.waitForFunction(() => ['Project card', 'Spending chart', 'Municipality map'].every((t) => document.body.textContent.includes(t)), { timeout: 30_000, polling: 100 });
      const frame = await (await page.waitForSelector('#storybook-preview-iframe')).contentFrame();
      await frame.waitForFunction(() => document.querySelector('pnrr-project-card')?.state === 'ready', { timeout: 30_000, polling: 100 });
      const outside = server.log.filter((r) => !r.path.startsWith(MOUNT) && r.path !== '/favicon.ico');
      assert.deepEqual(outside, [], 'every request stays under the mount point');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('real input on the stories', () => {
  it('a mouse click on "Try again" asks the server again and shows the error again', async () => {
    const { page, problems } = await openPage();
    try {
      await visit(page, 'widgets-project-card--server-error');
      const before = await page.evaluate(() => globalThis.__pnrrFaultLog.down);
      assert.ok(before >= 2, 'the first load and the play function\'s retry both asked the server');
      const { x, y } = await centreOf(page, 'pnrr-project-card', '[part~="retry"]');
      await page.mouse.click(x, y);
      await page.waitForFunction((n) => globalThis.__pnrrFaultLog.down > n, { polling: 50 }, before);
      assert.equal(await page.evaluate(() => document.querySelector('pnrr-project-card').settled()), 'error');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  it('ArrowDown in the map\'s list of comuni selects the next comune and fires pnrr-municipality-select', async () => {
    const { page, problems } = await openPage();
    try {
      await visit(page, 'widgets-municipality-map--keyboard-selection');
      await page.evaluate(() => {
        const map = document.querySelector('pnrr-municipality-map');
        globalThis.heard = [];
        map.addEventListener('pnrr-municipality-select', (e) => globalThis.heard.push(e.detail));
        map.shadowRoot.querySelector('select').focus();
      });
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction(() => globalThis.heard.length === 1, { polling: 50 });
      // After Prato (100005, chosen by the play function) the list goes on with Vaiano.
      assert.deepEqual(await page.evaluate(() => globalThis.heard[0]), { code: '100006', name: 'Vaiano' });
      assert.equal(await page.evaluate(() => document.querySelector('pnrr-municipality-map').getAttribute('selected')), '100006');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});
