#!/usr/bin/env node
// The root commands (`npm start`, `npm test`, `npm run build|lint|typecheck`) on a machine that has
// only Node >= 20.19 and npm: fetch pnpm through npx when it is missing, install the workspace,
// build every package in dependency order, then do the asked thing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChrome } from './find-chrome.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager.split('@')[1];

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node ${process.versions.node} is too old: the kit needs Node >= 20.19.`);
  process.exit(1);
}

/** pnpm on PATH when it is the pinned version, else through npx. */
function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}
const PNPM = pnpmCommand();

/** Runs a command, streaming its output; resolves with the exit code, the signal that ended it (if any) and the captured stdout. */
function run(cmd, args, { env = {}, capture = false, cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
      shell: process.platform === 'win32',
    });
    let out = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        process.stdout.write(chunk);
      });
    }
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, out }));
  });
}

async function pnpm(args, options) {
  const [cmd, ...pre] = PNPM;
  return run(cmd, [...pre, ...args], options);
}

async function must(promise, what) {
  const { code } = await promise;
  if (code !== 0) {
    console.error(`\n${what} failed (exit ${code}).`);
    process.exit(code);
  }
}

async function install() {
  const frozen = existsSync(join(ROOT, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  await must(pnpm(['install', ...frozen]), 'pnpm install');
}

async function build() {
  await must(pnpm(['-r', '--workspace-concurrency=1', 'run', 'build']), 'Build');
  // The static Storybook (storybook-static/, served by npm start at /storybook/, visited by npm test);
  // the widgets build above has just written the custom-elements.json it reads.
  await must(pnpm(['run', 'storybook:static']), 'Storybook build');
}

/** Test suites in run order: [label, package, script, kind]. */
const SUITES = [
  ['SDK (Node)', '@pnrr-toscana/sdk', 'test', 'node'],
  ['SDK (Chromium)', '@pnrr-toscana/sdk', 'test:browser', 'browser'],
  ['Widgets (Chromium)', '@pnrr-toscana/widgets', 'test:browser', 'browser'],
  ['Widgets (Node)', '@pnrr-toscana/widgets', 'test:node', 'node'],
  ['Storybook (Chromium)', '@pnrr-toscana/widgets', 'test:storybook', 'node'],
  ['Examples (Node)', '@pnrr-toscana/examples', 'test', 'node'],
];

function hasScript(pkgName, script) {
  const dir = { '@pnrr-toscana/sdk': 'sdk', '@pnrr-toscana/widgets': 'widgets', '@pnrr-toscana/examples': 'examples' }[pkgName];
  const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8'));
  return Boolean(manifest.scripts?.[script]);
}

/** Reads the totals of node's test runner from its spec or TAP summary. */
function nodeCounts(out) {
  const count = (word) => Number(out.match(new RegExp(`^(?:ℹ|#) ${word} (\\d+)\\s*$`, 'm'))?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
}

async function test() {
  let chrome;
  try {
    chrome = findChrome();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  await install();
  await build();
  const resultsDir = join(ROOT, '.test-results');
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const lines = [];
  for (const [label, pkg, script, kind] of SUITES) {
    if (!hasScript(pkg, script)) continue;
    console.log(`\n=== ${label} ===`);
    const resultsFile = join(resultsDir, `${pkg.replace(/\W/g, '_')}-${script.replace(/\W/g, '_')}.json`);
    const { code, out } = await pnpm(['--filter', pkg, 'run', script], {
      capture: kind === 'node',
      env: { CHROME_PATH: chrome, PNRR_TEST_RESULTS: resultsFile, FORCE_COLOR: '0' },
    });
    let counts = { passed: 0, failed: 0, skipped: 0 };
    if (kind === 'node') counts = nodeCounts(out);
    else if (existsSync(resultsFile)) counts = JSON.parse(readFileSync(resultsFile, 'utf8'));
    // A suite that crashed before reporting a failure still counts as one.
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
    for (const key of Object.keys(totals)) totals[key] += counts[key];
    lines.push(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
  console.log('\n' + lines.join('\n'));
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
  console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

async function start() {
  await install();
  await build();
  const { code, signal } = await run('node', [join(ROOT, 'scripts', 'serve.mjs')]);
  // Ctrl+C (or a stop signal) is how the demo ends: not a failure.
  if (code !== 0 && !signal) {
    console.error(`\nDemo server failed (exit ${code}).`);
    process.exit(code);
  }
}

const commands = {
  start,
  test,
  build: async () => {
    await install();
    await build();
  },
  lint: async () => {
    await install();
    await must(pnpm(['exec', 'eslint', '.']), 'Lint');
  },
  typecheck: async () => {
    await install();
    await build();
    await must(pnpm(['-r', 'run', 'typecheck']), 'Type check');
  },
};

const command = commands[process.argv[2]];
if (!command) {
  console.error(`usage: node scripts/run.mjs ${Object.keys(commands).join('|')}`);
  process.exit(2);
}
await command();
