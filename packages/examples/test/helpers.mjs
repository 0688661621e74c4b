// Shared by the examples' tests: where things are, and the demo server on a free port.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoServer } from '../../../scripts/serve.mjs';

export const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(EXAMPLES, '..', '..');

/** The pages the gallery promises; every *.html of the folder is tested, these must be among them. */
export const REQUIRED_PAGES = ['index.html', 'card.html', 'chart.html', 'map.html', 'theming.html', 'newsroom.html', 'sdk-browser.html'];

export const pages = () => readdirSync(EXAMPLES).filter((f) => f.endsWith('.html')).sort();

/** Starts scripts/serve.mjs's server on 127.0.0.1 and a free port; returns its base URL and a close(). */
export async function startServer() {
  const server = createDemoServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}/packages/examples/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
