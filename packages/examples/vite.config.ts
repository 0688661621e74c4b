/**
 * The examples gallery and demo as a Vite multi-page app: every *.html of this folder is a page.
 * `vite build` writes dist/; `npm start` serves it with Vite's preview (scripts/serve.mjs) at
 * /packages/examples/, under the strict Content-Security-Policy of build/csp.mjs.
 *
 * - The plain pages are the no-bundler examples: their scripts, and the stylesheets an example is
 *   about, are referenced with `vite-ignore` and copied as written (build/unbundled-files.mjs); Vite
 *   only bundles the gallery's own stylesheets.
 * - react.html and vue.html are bundled apps importing `@pnrr-toscana/widgets` from npm.
 * - comune-prato.html is styled with bootstrap-italia's CSS from npm: build/vendor-files.mjs copies that
 *   CSS, its icon sprite and its fonts (with their licences) to dist/vendor/.
 * - build/demo-routes.mjs serves the built packages, the data package and Storybook beside the pages.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { CSP } from './build/csp.mjs';
import { demoRoutes } from './build/demo-routes.mjs';
import { unbundledFiles } from './build/unbundled-files.mjs';
import { vendorFiles } from './build/vendor-files.mjs';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const pages = readdirSync(here('.')).filter((file) => file.endsWith('.html'));

export default defineConfig({
  root: here('.'),
  base: '/packages/examples/',
  publicDir: false,
  appType: 'mpa',
  // React's automatic JSX runtime for the .tsx files (Vite's own transform: no Babel, no React plugin).
  oxc: { jsx: { runtime: 'automatic' } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // Every browser the widgets support has native modulepreload: no polyfill code in the entries
    // (tests check the built pages for anything `script-src 'self'` would block).
    modulePreload: { polyfill: false },
    // Never turn a small asset into a data: URL or an inline <style>/<script>.
    assetsInlineLimit: 0,
    // vega (the lazy chunk the chart and the map load when they draw) is ≈ 870 kB minified, as expected.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      input: Object.fromEntries(pages.map((page) => [page.replace(/\.html$/, ''), here(page)])),
      // No "plugins took N% of the build" notice: on a busy 2-core machine it is noise in `npm start`.
      checks: { bundlerTimings: false },
    },
  },
  preview: { headers: { 'content-security-policy': CSP } },
  plugins: [
    // Tags starting with pnrr- are the kit's custom elements, not Vue components.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('pnrr-') } } }),
    unbundledFiles(),
    vendorFiles(),
    demoRoutes({ repository: here('../..') }),
  ],
});
