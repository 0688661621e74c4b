// `npm start`'s server as a process: `node scripts/run.mjs serve` is start's last step (the server on
// what the build left, without the install and build that start runs first). Stopping it with SIGTERM
// or SIGINT stops the server too and frees the port; a busy port is one line naming PORT; PORT and HOST
// say where it listens. Storybook is served at /storybook/ when built, else a page says how to build it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { preview } from 'vite';
import { demoRoutes } from '../build/demo-routes.mjs';
import { ROOT } from './helpers.mjs';

/** A port nobody listens on right now (the OS picks it). */
async function freePort(host = '127.0.0.1') {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, host, resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether something accepts connections on host:port. */
function listening(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(true));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}

/** Spawns `node scripts/run.mjs serve`; resolves once it printed its URL (or exited). */
function serve(env) {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'run.mjs'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = { child, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (run.stdout += chunk));
  child.stderr.on('data', (chunk) => (run.stderr += chunk));
  // 'exit', not 'close': a server left behind would keep the output pipes open.
  run.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  run.ready = new Promise((resolve) => {
    const check = () => {
      const url = run.stdout.match(/demo: (http:\/\/\S+)/)?.[1];
      if (url) resolve(url);
    };
    child.stdout.on('data', check);
    run.exited.then(() => resolve(undefined));
  });
  return run;
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  test(`${signal} to the npm start process stops the server and frees the port`, { timeout: 60_000 }, async () => {
    const port = await freePort();
    const run = serve({ PORT: String(port), HOST: '127.0.0.1' });
    const url = await run.ready;
    assert.equal(url, `http://127.0.0.1:${port}/packages/examples/`, run.stderr);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Open PNRR Toscana Kit/);
    assert.equal(await listening(port), true);

    run.child.kill(signal);
    const { code, signal: killedBy } = await run.exited;
    // Stopping the demo is how it ends, not a failure; and the server did not outlive it.
    assert.deepEqual({ code, killedBy }, { code: 0, killedBy: null }, run.stderr);
    assert.equal(await listening(port), false, 'the port is free again');
    await assert.rejects(fetch(url));
  });
}

test('a busy PORT stops the server with one line naming PORT, no stack trace', async () => {
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address();
  try {
    const run = serve({ PORT: String(port), HOST: '127.0.0.1' });
    const { code } = await run.exited;
    assert.equal(code, 1);
    assert.equal(run.stdout, '');
    const lines = run.stderr.split('\n').filter((line) => line.trim());
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0], new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is already in use: .*PORT=${port + 1} npm start\\.$`));
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test('HOST and PORT change where the demo listens', async () => {
  // Any 127.x address is the loopback on Linux; elsewhere 127.0.0.1 still tests PORT.
  const host = process.platform === 'linux' ? '127.0.0.2' : '127.0.0.1';
  const port = await freePort(host);
  const run = serve({ PORT: String(port), HOST: host });
  try {
    const url = await run.ready;
    assert.equal(url, `http://${host}:${port}/packages/examples/`, run.stderr);
    const page = await fetch(url + 'card.html');
    assert.equal(page.status, 200);
    if (host !== '127.0.0.1') assert.equal(await listening(port, '127.0.0.1'), false, 'not on 127.0.0.1');
  } finally {
    run.child.kill('SIGTERM');
    await run.exited;
  }
});

test('an invalid PORT is one line, before anything starts', async () => {
  const run = serve({ PORT: 'eighty' });
  const { code } = await run.exited;
  assert.equal(code, 1);
  assert.equal(run.stderr.trim(), 'PORT must be a port number from 0 to 65535, not "eighty".');
});

test('/storybook/ serves the Storybook build when there is one, else says how to build it', async () => {
  const storybook = mkdtempSync(join(tmpdir(), 'pnrr-storybook-'));
  const server = await preview({
    configFile: false,
    root: storybook,
    logLevel: 'silent',
    plugins: [demoRoutes({ repository: ROOT, storybook })],
    preview: { port: 0, host: '127.0.0.1', strictPort: true },
  });
  const base = `http://127.0.0.1:${server.httpServer.address().port}`;
  try {
    const missing = await fetch(`${base}/storybook/`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /Storybook is not built yet[\s\S]*npm run build/);

    const bare = await fetch(`${base}/storybook`, { redirect: 'manual' });
    assert.equal(bare.status, 302);
    assert.equal(bare.headers.get('location'), '/storybook/');

    writeFileSync(join(storybook, 'index.html'), '<!doctype html><title>Storybook</title><script>window.x = 1</script>');
    writeFileSync(join(storybook, 'iframe.html'), '<!doctype html><title>iframe</title>');
    const built = await fetch(`${base}/storybook/`);
    assert.equal(built.status, 200);
    assert.match(await built.text(), /<title>Storybook<\/title>/);
    // Storybook's shell needs inline scripts: it is not served under the pages' strict policy.
    assert.equal(built.headers.get('content-security-policy'), null);
    assert.equal((await fetch(`${base}/storybook/iframe.html`)).status, 200);
  } finally {
    await server.close();
    rmSync(storybook, { recursive: true, force: true });
  }
});
