#!/usr/bin/env node
// `npm start`'s server (run by scripts/run.mjs after the build): Vite's preview of the built examples
// gallery and demo (packages/examples/dist/), with the built packages and the embedded data package
// beside them, under the strict Content-Security-Policy a comune's site may send. See
// packages/examples/vite.config.ts. PORT (default 8080) and HOST (default 127.0.0.1) say where it listens.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, startDemoServer } from '../packages/examples/build/preview.mjs';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number from 0 to 65535, not "${process.env.PORT}".`);
  process.exit(1);
}

if (!existsSync(join(DIST, 'index.html'))) {
  console.error('The demo is not built (packages/examples/dist/ is missing): run `npm start` or `npm run build` first.');
  process.exit(1);
}

try {
  const { url } = await startDemoServer({ port, host });
  console.log(`Open PNRR Toscana Kit demo: ${url}`);
  console.log('Press Ctrl+C to stop.');
} catch (error) {
  // One line a person can act on, not a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    /already in use/i.test(message)
      ? `Port ${port} on ${host} is already in use: stop the program using it, or choose another port, e.g. PORT=${port === 65535 ? 8081 : port + 1} npm start.`
      : `The demo server could not start on ${host}:${port}: ${message}`,
  );
  process.exit(1);
}
