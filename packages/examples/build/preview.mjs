// Starts Vite's preview of the built examples (dist/) with this folder's vite.config.ts: the pages at
// /packages/examples/ under the strict CSP, the packages, the data package and Storybook beside them
// (demo-routes.mjs). Used by `npm start` (scripts/serve.mjs), the tests and the client benchmark (on port 0).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BASE = '/packages/examples/';
export const DIST = join(EXAMPLES, 'dist');

/**
 * @param {{ port?: number, host?: string }} [options]  port 0 = any free port
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}  url: the demo's start page
 */
export async function startDemoServer({ port = 8080, host = '127.0.0.1' } = {}) {
  const server = await preview({
    configFile: join(EXAMPLES, 'vite.config.ts'),
    logLevel: 'warn',
    // strictPort: a busy port is an error the caller reports, not a silent move to another port.
    preview: { port, host, strictPort: true, open: false },
  });
  const address = server.httpServer.address();
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shown}:${address.port}${BASE}`, port: address.port, close: () => server.close() };
}
