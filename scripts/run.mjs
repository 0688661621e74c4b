#!/usr/bin/env node
// The root commands (`npm start`, `npm test`, `npm run build|lint|typecheck`) on a machine that has
// only Node >= 20.19 and npm: fetch pnpm through npx when it is missing, install the workspace,
// build every package in dependency order, then do the asked thing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChrome } from './find-chrome.mjs';
import { runSuites } from './run-suites.mjs';

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

/** Runs a command, streaming its output; resolves with its exit code. */
function run(cmd, args, { env = {}, cwd = ROOT } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd,
      // Into a file or a pipe (CI), no colour codes: Vite's build log colours itself otherwise.
      env: { ...process.env, ...(process.stdout.isTTY ? {} : { NO_COLOR: '1' }), ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
      shell: process.platform === 'win32',
    });
    child.on('close', (code) => resolve({ code: code ?? 1 }));
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

/** Test suites in run order: [label, package (null: the root scripts), script, kind]. */
const SUITES = [
  ['Root scripts (Node)', null, null, 'node'],
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

/** The root scripts' own tests (this command's report among them); their fixtures are not tests. */
function rootScriptTests() {
  const dir = join('scripts', 'test');
  return readdirSync(join(ROOT, dir))
    .filter((file) => file.endsWith('.test.mjs'))
    .map((file) => join(dir, file));
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
  const suites = SUITES.filter(([, pkg, script]) => !pkg || hasScript(pkg, script)).map(([label, pkg, script, kind]) => ({
    label,
    kind,
    cwd: ROOT,
    command: pkg ? [...PNPM, '--filter', pkg, 'run', script] : [process.execPath, '--test', ...rootScriptTests()],
    env: { CHROME_PATH: chrome },
  }));
  const totals = await runSuites(suites);
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

async function start() {
  await install();
  await build();
  await serve();
}

/**
 * Runs the demo server (scripts/serve.mjs) until it stops, then exits with it. A stop signal sent to
 * this process (Ctrl+C, `kill`, a process manager's SIGTERM) is passed on to the server and this
 * process exits once the server is gone, so stopping `npm start` never leaves port 8080 served.
 */
function serve() {
  return new Promise(() => {
    const server = spawn(process.execPath, [join(ROOT, 'scripts', 'serve.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    let stopping = false;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => {
        stopping = true;
        server.kill(signal);
      });
    }
    server.on('close', (code, signal) => {
      // Stopping the demo with a signal is how it ends: not a failure. A server that could not start
      // has already said why in one line (e.g. a busy PORT).
      process.exit(stopping || signal ? 0 : (code ?? 1));
    });
  });
}

const commands = {
  start,
  // The server alone, on what the last build left (no install, no build): a quick restart.
  serve,
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
