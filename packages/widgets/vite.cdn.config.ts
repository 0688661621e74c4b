/**
 * CDN build: dist/cdn/pnrr-widgets.js, one ES module for a <script type="module">
 * tag that registers every element. Everything it needs is bundled (lit,
 * @lit/task, the SDK and ky); vega is split into lazy chunks beside it (the
 * chart and map import it dynamically), and the SDK's embedded data package is
 * copied to dist/cdn/data/toscana/, the bundle's default (see src/cdn-default.ts), and Liguria's to
 * dist/cdn/data/liguria/ (the `region` attribute); pnrr-widgets.css holds the elements' block sizes
 * for the page's <head>.
 * Serving dist/ (or dist/cdn/) as static files is enough for a working page.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.mjs';
import { embedPages } from './scripts/embed-build.mjs';
import { reservationSheet } from './src/reserve-sheet.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const OUT = here('dist/cdn/');
/** The SDK's embedded packages, one folder per region (`region="liguria"` reads data/liguria/). */
const REGIONS = ['toscana', 'liguria'];

function copyDataPackage(): Plugin {
  return {
    name: 'pnrr-copy-data-package',
    apply: 'build',
    closeBundle() {
      for (const region of REGIONS) {
        const from = here(`../sdk/data/${region}/`);
        const to = here(`dist/cdn/data/${region}/`);
        if (!existsSync(from)) throw new Error(`The embedded data package is missing: ${from} (build @pnrr-toscana/sdk first)`);
        rmSync(to, { recursive: true, force: true });
        cpSync(from, to, { recursive: true });
      }
    },
  };
}

/** pnrr-widgets.css: each element's block size before its script has run (src/reserve-sheet.ts). */
function reservationStylesheet(): Plugin {
  return {
    name: 'pnrr-reservation-stylesheet',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'pnrr-widgets.css', source: reservationSheet() });
    },
  };
}

export default defineConfig({
  // The bundle must not carry Lit's dev mode or other development branches.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  resolve: { conditions: ['production', 'browser', 'module', 'import', 'default'] },
  publicDir: false,
  build: {
    outDir: OUT,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: !!process.env.PNRR_SOURCEMAP,
    reportCompressedSize: false,
    lib: {
      entry: here('src/cdn.ts'),
      formats: ['es'],
      fileName: () => 'pnrr-widgets.js',
    },
    rolldownOptions: {
      // Lets the shared code (lit, the SDK, the base class) live in the entry file, which
      // every page loads anyway, instead of a separate chunk: the chart and map chunks
      // import it from pnrr-widgets.js (a card-only page then loads one file).
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
  // embedPages: embed.html and the host script pnrr-embed.js, beside the bundle (issue 9).
  plugins: [minifyTemplates(), copyDataPackage(), embedPages(), reservationStylesheet()],
});
