// The packages as a consumer meets them: `pnpm pack` both (workspace: versions rewritten), install the
// two tarballs into a fresh project with npm (their dependencies from the registry, no workspace
// links), then (1) a Node script uses the SDK on the embedded data, (2) the CLI validates that data,
// (3) Vite bundles a page that imports `@pnrr-toscana/widgets/define`, and Chromium renders its card
// from a small local server under a strict CSP.
//
// Speed: one temporary project for all three; npm's own cache with --prefer-offline. An unreachable
// registry fails the install within its time limit, with a message saying so (tested below against a
// closed local port).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { clearTimeout, setTimeout } from 'node:timers';
import { extname, join, resolve, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, findChrome } from '../../../scripts/find-chrome.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TRAM = 'H91J12000770005';
const README_PROJECTS = 2770; // data/sources/pnrr-toscana/README.md: validated projects localised in Tuscany
const INSTALL_LIMIT_MS = 300_000;
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'";

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const widgetsManifest = readJson(join(ROOT, 'packages/widgets/package.json'));
const VITE = `vite@${widgetsManifest.devDependencies.vite}`; // the version the kit builds with

/** Runs a command; resolves with { code, out } (stdout + stderr), or { code: null, timedOut } past `limit`. */
function run(cmd, args, { cwd, env = {}, limit = 120_000 } = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      resolvePromise({ code: null, timedOut: true, out });
    }, limit);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, out });
    });
  });
}

/** pnpm as the root commands find it: on PATH when it is the pinned version, else through npx. */
function pnpmCommand() {
  const version = readJson(join(ROOT, 'package.json')).packageManager.split('@')[1];
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  return probe.status === 0 && probe.stdout.trim() === version ? ['pnpm'] : ['npx', '--yes', `pnpm@${version}`];
}

async function pack(dir, destination) {
  const [cmd, ...pre] = pnpmCommand();
  const result = await run(cmd, [...pre, 'pack', '--pack-destination', destination], { cwd: join(ROOT, 'packages', dir) });
  assert.equal(result.code, 0, `pnpm pack in packages/${dir} failed:\n${result.out}`);
}

/**
 * `npm install` in `cwd` with bounded network waits. Fails with a message naming the registry when it
 * cannot be reached (refused, DNS, timeout) instead of npm's long default retries.
 */
async function npmInstall(cwd, specs, env = {}) {
  // --loglevel: `npm test --silent` (as .ci/run runs it) hands npm_config_loglevel=silent down to
  // this npm, which would then fail without saying why.
  const args = ['install', '--loglevel=error', '--no-audit', '--no-fund', '--prefer-offline', '--fetch-timeout=30000', '--fetch-retries=1', '--fetch-retry-mintimeout=1000', '--fetch-retry-maxtimeout=2000', ...specs];
  const result = await run('npm', args, { cwd, env, limit: INSTALL_LIMIT_MS });
  if (result.code === 0) return;
  const registry = env.npm_config_registry ?? spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).stdout.trim();
  const unreachable = result.timedOut || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|network|socket hang up/i.test(result.out);
  if (unreachable) {
    throw new Error(
      `The npm registry (${registry}) cannot be reached: this test installs the packed tarballs' dependencies from it` +
        `${result.timedOut ? ` and npm did not finish within ${INSTALL_LIMIT_MS / 1000} s` : ''}.\n${result.out.slice(-2000)}`,
    );
  }
  throw new Error(`npm install failed (exit ${result.code}):\n${result.out.slice(-4000)}`);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** A static server for `dir` on 127.0.0.1 with a strict CSP. */
async function serve(dir) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (path === '/favicon.ico') return void res.writeHead(204).end(); // the browser asks; the page has none
    const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!file.startsWith(root + sep)) return void res.writeHead(403).end();
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP }).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { base: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

let work;
let project;

before(async () => {
  for (const file of ['sdk/dist/index.js', 'widgets/dist/define.js']) {
    assert.ok(existsSync(join(ROOT, 'packages', file)), `packages/${file} is missing: build first (npm run build)`);
  }
  work = mkdtempSync(join(tmpdir(), 'pnrr-packaging-'));
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  await pack('sdk', tarballs);
  await pack('widgets', tarballs);
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  assert.equal(files.length, 2, files.join());

  project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pnrr-consumer', private: true, type: 'module' }, null, 2));
  await npmInstall(project, [...files, VITE]);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('both packages come from the tarballs, and their manifests name real versions, not workspace: ones', () => {
  const lock = readJson(join(project, 'package-lock.json'));
  for (const name of ['@pnrr-toscana/sdk', '@pnrr-toscana/widgets']) {
    assert.match(lock.packages[`node_modules/${name}`]?.resolved ?? '', /^file:tarballs|\.tgz$/, name);
  }
  assert.equal(lock.packages['node_modules/@pnrr-toscana/widgets/node_modules/@pnrr-toscana/sdk'], undefined, 'one SDK, shared');
  const widgets = readJson(join(project, 'node_modules/@pnrr-toscana/widgets/package.json'));
  const sdk = readJson(join(project, 'node_modules/@pnrr-toscana/sdk/package.json'));
  assert.equal(widgets.dependencies['@pnrr-toscana/sdk'], sdk.version);
  assert.match(readFileSync(join(project, 'node_modules/@pnrr-toscana/sdk/CHANGELOG.md'), 'utf8'), new RegExp(`^## ${sdk.version.replaceAll('.', '\\.')}$`, 'm'), 'the changelog ships, with an entry for this version');
  for (const manifest of [widgets, sdk]) {
    assert.ok(!JSON.stringify(manifest).includes('workspace:'), `${manifest.name} still has a workspace: version`);
  }
});

test('a Node script uses the installed SDK on the embedded data', async () => {
  writeFileSync(
    join(project, 'figures.mjs'),
    [
      "import { createClient } from '@pnrr-toscana/sdk';",
      'const client = createClient();',
      `const tram = await client.project('${TRAM}');`,
      'const region = await client.projects({ limit: 1 });',
      'console.log(JSON.stringify({ title: tram.title, pnrrCents: tram.funding.pnrrCents, total: region.total }));',
    ].join('\n'),
  );
  const result = await run(process.execPath, ['figures.mjs'], { cwd: project });
  assert.equal(result.code, 0, result.out);
  const figures = JSON.parse(result.out);
  assert.ok(figures.title.startsWith('SISTEMA TRAMVIARIO FIORENTINO'), figures.title);
  assert.equal(figures.pnrrCents, 22_248_584_000);
  assert.equal(figures.total, README_PROJECTS);
});

test('the installed CLI validates the embedded package', async () => {
  const result = await run(join(project, 'node_modules/.bin/pnrr-toscana'), ['validate', 'node_modules/@pnrr-toscana/sdk/data/toscana'], { cwd: project });
  assert.equal(result.code, 0, result.out);
  assert.match(result.out, /valid/);
});

test('Vite bundles a page importing @pnrr-toscana/widgets/define, and Chromium renders its card', async () => {
  const site = join(project, 'site');
  mkdirSync(join(site, 'public/data'), { recursive: true });
  // Once bundled, the SDK's embedded package is no longer next to the module: the site serves a copy (docs/widgets.md).
  cpSync(join(project, 'node_modules/@pnrr-toscana/sdk/data/toscana'), join(site, 'public/data/toscana'), { recursive: true });
  writeFileSync(
    join(site, 'index.html'),
    `<!doctype html>
<html lang="it">
  <head><meta charset="utf-8"><title>PNRR in Toscana</title><script type="module" src="./main.js"></script></head>
  <body><main><pnrr-project-card cup="${TRAM}"></pnrr-project-card></main></body>
</html>
`,
  );
  writeFileSync(join(site, 'main.js'), "import '@pnrr-toscana/widgets/define';\nimport { configure } from '@pnrr-toscana/widgets';\n\nconfigure({ src: '/data/toscana/' });\n");
  const build = await run(join(project, 'node_modules/.bin/vite'), ['build', site, '--outDir', join(site, 'dist'), '--emptyOutDir', '--logLevel', 'warn'], { cwd: project });
  assert.equal(build.code, 0, `vite build failed:\n${build.out}`);

  const server = await serve(join(site, 'dist'));
  const profile = mkdtempSync(join(tmpdir(), 'pnrr-packaging-chrome-'));
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, protocolTimeout: 60_000, args: [...CHROME_FLAGS, `--user-data-dir=${profile}`] });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
    page.on('response', (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
    await page.evaluateOnNewDocument(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(server.base, { waitUntil: 'load' });
    const card = await page.evaluate(async () => {
      await window.customElements.whenDefined('pnrr-project-card');
      const el = document.querySelector('pnrr-project-card');
      const state = await Promise.race([el.settled(), new Promise((ok) => window.setTimeout(() => ok('timeout'), 20_000))]);
      return { state, text: el.shadowRoot?.textContent ?? '' };
    });
    assert.equal(card.state, 'ready');
    assert.match(card.text, /SISTEMA TRAMVIARIO FIORENTINO/);
    assert.match(card.text, new RegExp(TRAM));
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('an unreachable registry fails the install with a message saying so', async () => {
  const empty = join(work, 'offline');
  mkdirSync(empty);
  writeFileSync(join(empty, 'package.json'), JSON.stringify({ name: 'pnrr-offline', private: true }));
  // A closed port on this machine: refused at once. A package not in any cache, so npm must ask.
  const closed = createServer();
  await new Promise((ok) => closed.listen(0, '127.0.0.1', ok));
  const registry = `http://127.0.0.1:${closed.address().port}/`;
  await new Promise((ok) => closed.close(ok));
  await assert.rejects(npmInstall(empty, ['pnrr-toscana-no-such-package-for-this-test'], { npm_config_registry: registry }), (error) => {
    assert.match(error.message, /npm registry \(http:\/\/127\.0\.0\.1:\d+\/\) cannot be reached/);
    return true;
  });
});
