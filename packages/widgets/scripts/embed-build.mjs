/**
 * The iframe embed, built into dist/cdn/ beside pnrr-widgets.js by a plugin of
 * vite.cdn.config.ts (after the main bundle is written):
 * - embed.html + embed.css: the page, copied as they are (no inline script or style);
 * - pnrr-embed-page.js: its script, an ES module that loads ./pnrr-widgets.js at run time;
 * - pnrr-embed.js: the host script, a classic IIFE for a plain <script src> (≤ 1 KiB gzip).
 * Two small extra builds (one per output format) with Vite's own API, no other tool.
 */
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const SRC = here('../src/embed/');
const OUT = here('../dist/cdn/');

const buildOne = (entry, format, fileName) =>
  build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: OUT,
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: `${SRC}${entry}`, formats: [format], name: 'pnrrEmbed', fileName: () => fileName },
      rolldownOptions: { output: { minify: true } },
    },
  });

/** @returns {import('vite').Plugin} */
export function embedPages() {
  return {
    name: 'pnrr-embed-pages',
    apply: 'build',
    async closeBundle() {
      await buildOne('embed-page.ts', 'es', 'pnrr-embed-page.js');
      await buildOne('host.ts', 'iife', 'pnrr-embed.js');
      for (const file of ['embed.html', 'embed.css']) copyFileSync(`${SRC}${file}`, `${OUT}${file}`);
    },
  };
}
