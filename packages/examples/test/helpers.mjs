// Shared by the examples' tests: where things are, and the demo server (Vite's preview of the built
// pages, as `npm start` runs it) on a free port.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../build/preview.mjs';

export const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(EXAMPLES, '..', '..');
export const DIST = join(EXAMPLES, 'dist');

/** The pages the gallery promises; every *.html of the folder is tested, these must be among them. */
export const REQUIRED_PAGES = ['index.html', 'card.html', 'chart.html', 'map.html', 'list.html', 'comune-prato.html', 'regioni.html', 'theming.html', 'newsroom.html', 'sdk-browser.html', 'react.html', 'vue.html'];

export const pages = () => readdirSync(EXAMPLES).filter((f) => f.endsWith('.html')).sort();

/** Starts the demo server on 127.0.0.1 and a free port; returns its base URL and a close(). */
export async function startServer() {
  const { url, close } = await startDemoServer({ port: 0, host: '127.0.0.1' });
  return { base: url, close };
}
