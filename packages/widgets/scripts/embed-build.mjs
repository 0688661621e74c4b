/**
 * The iframe embed, built into dist/cdn/ beside pnrr-widgets.js by a plugin of
 * vite.cdn.config.ts (after the main bundle is written):
 * - embed.html + embed.css: the page, copied as they are (no inline script or style);
 * - pnrr-embed-page.js: its script, an ES module that loads ./pnrr-widgets.js at run time;
 * - pnrr-embed.js: the host script, a classic IIFE for a plain <script src> (≤ 1 KiB gzip);
 * - builder.html + builder.css + pnrr-builder.js: the embed builder (its own lit and SDK copy: a tool page).
 * Two small extra builds (one per output format) with Vite's own API, no other tool.
 */
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const SRC = here('../src/embed/');
const OUT = here('../dist/cdn/');

const buildOne = (entry, format, fileName, output = {}) =>
  build({
    configFile: false,
    logLevel: 'warn',
    // As the main bundle: no Lit dev mode in the builder.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    resolve: { conditions: ['production', 'browser', 'module', 'import', 'default'] },
    publicDir: false,
    build: {
      outDir: OUT,
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: `${SRC}${entry}`, formats: [format], name: 'pnrrEmbed', fileName: () => fileName },
      rolldownOptions: { output: { minify: true, ...output } },
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
      // One file: the SDK's lazily loaded parts inlined, no stray chunks beside the bundle.
      await buildOne('builder.ts', 'es', 'pnrr-builder.js', { codeSplitting: false });
      for (const file of ['embed.html', 'embed.css', 'builder.html', 'builder.css']) copyFileSync(`${SRC}${file}`, `${OUT}${file}`);
    },
  };
}
