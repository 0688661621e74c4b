// Browser tests of @pnrr-toscana/widgets: Debian Chromium, TypeScript through
// esbuild, the real data package served over real HTTP by the test server.
// The server root is the repository, so the SDK's embedded package is at
// /packages/sdk/data/toscana/ (also the SDK's own default URL when it is served
// unbundled). Build @pnrr-toscana/sdk before running (its dist/ is imported).
//
// Before the tests, the Liguria package and the hostile-strings package are built from
// data/sources/ with the SDK's CLI into .test-data/ (git-ignored), served at
// /packages/widgets/.test-data/<name>/ (scripts/test-data.mjs): loading this config builds
// them, so `npm test` needs no extra step.
//
// Test-only routes (middleware below):
//   /__test/slow/<id>/<path>    serves /<path> after a delay; notes whether the browser gave up first
//   /__test/flaky/<id>/<path>   503 until /__test/flaky-up/<id> is called, then serves /<path>
//   /__test/tenders-<404|500>/<id>/<path>  serves /<path>, but its tenders files (…/tenders/…) answer 404 or 500
//                               until /__test/flaky-up/<id> is called
//   /__test/list-pages-<count|404|slow>/<id>/<path>  serves /<path>, logging every request; its list page files
//                               (…/lists/<key>/<n>.json) answer 404 until /__test/flaky-up/<id> (404), or come
//                               SLOW_MS late (slow)
//   /__test/log                 JSON of what the routes above saw
import { setTimeout, clearTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { browserDefaults, chromium, reporters, typescript } from '../../scripts/wtr-shared.mjs';
import { buildHostilePackage, buildLiguriaPackage } from './scripts/test-data.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SLOW_MS = 4000;

buildLiguriaPackage();
buildHostilePackage();

/** @type {{ route: string, id: string, path: string, outcome: string }[]} */
const log = [];
const flakyUp = new Set();

function testRoutes() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/__test/')) return next();
    try {
      await route(ctx, next);
    } finally {
      // Test routes change their answer over time, so the browser must never reuse one.
      // test-runner-core's cacheMiddleware (it runs around ours) gives every path with a
      // file extension `max-age=31536000` after the response is made: leave it a path without one.
      ctx.path = '/__test/no-store';
      ctx.set('Cache-Control', 'no-store');
    }
  };
}

async function route(ctx, next) {
  if (ctx.path === '/__test/log') {
    ctx.type = 'json';
    ctx.body = JSON.stringify(log);
    return;
  }
  let m = /^\/__test\/flaky-up\/([^/]+)$/.exec(ctx.path);
  if (m) {
    flakyUp.add(m[1]);
    ctx.body = 'up';
    return;
  }
  m = /^\/__test\/tenders-(404|500)\/([^/]+)(\/.*)$/.exec(ctx.path);
  if (m) {
    const [, status, id, path] = m;
    const entry = { route: `tenders-${status}`, id, path, outcome: 'served' };
    log.push(entry);
    if (path.includes('/tenders/') && !flakyUp.has(id)) {
      entry.outcome = 'failed';
      ctx.status = Number(status);
      ctx.body = 'failing for the test';
      return;
    }
    ctx.url = path + (ctx.querystring ? `?${ctx.querystring}` : '');
    await next();
    return;
  }
  m = /^\/__test\/list-pages-(count|404|slow)\/([^/]+)(\/.*)$/.exec(ctx.path);
  if (m) {
    const [, mode, id, path] = m;
    const entry = { route: `list-pages-${mode}`, id, path, outcome: 'served' };
    log.push(entry);
    const page = /\/lists\/[^/]+\/\d+\.json$/.test(path);
    if (page && mode === '404' && !flakyUp.has(id)) {
      entry.outcome = 'failed';
      ctx.status = 404;
      ctx.body = 'missing for the test';
      return;
    }
    if (page && mode === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    ctx.url = path + (ctx.querystring ? `?${ctx.querystring}` : '');
    await next();
    return;
  }
  m = /^\/__test\/(slow|flaky)\/([^/]+)(\/.*)$/.exec(ctx.path);
  if (!m) return next();
  const [, route, id, path] = m;
  const entry = { route, id, path, outcome: 'waiting' };
  log.push(entry);
  if (route === 'flaky' && !flakyUp.has(id)) {
    entry.outcome = 'failed';
    ctx.status = 503;
    ctx.body = 'down for the test';
    return;
  }
  if (route === 'slow') {
    const aborted = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), SLOW_MS);
      ctx.res.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (aborted) {
      entry.outcome = 'aborted';
      return;
    }
  }
  entry.outcome = 'served';
  ctx.url = path + (ctx.querystring ? `?${ctx.querystring}` : '');
  await next();
}

/**
 * `emulate-media-features` command for the accessibility tests: the Chrome
 * DevTools Protocol's media emulation with any feature list (the stock
 * `emulateMedia` of @web/test-runner-commands drops `forcedColors` under the
 * puppeteer-based launcher used here, and puppeteer's own `emulateMediaFeatures`
 * refuses `forced-colors`), sent straight through CDP. An empty list resets
 * every feature.
 */
const cdpSessions = new WeakMap();

function mediaFeatures() {
  return {
    name: 'emulate-media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-media-features') return undefined;
      const page = session.browser.getPage(session.id);
      // Emulation lasts as long as the CDP session that set it: one session per page, kept open.
      let cdp = cdpSessions.get(page);
      if (!cdp) cdpSessions.set(page, (cdp = await page.createCDPSession()));
      await cdp.send('Emulation.setEmulatedMedia', { features: Array.isArray(payload) ? payload : [] });
      return true;
    },
  };
}

export default {
  ...browserDefaults,
  rootDir: root,
  files: ['test/**/*.test.ts'],
  browsers: [chromium()],
  plugins: [typescript(fileURLToPath(new URL('./tsconfig.test.json', import.meta.url))), mediaFeatures()],
  middleware: [testRoutes()],
  reporters: reporters(),
};
