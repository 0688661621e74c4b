// A Vite plugin: the third-party files an example page uses, taken from their npm packages (devDependencies of
// this folder, pinned) and served by the demo itself, never from another host. Only the files a page needs
// travel, with their licences:
//
// - bootstrap-italia (BSD-3-Clause: LICENSE): its compiled CSS and its icon sprite. Its JavaScript is not
//   copied: comune-prato.html uses no component that needs it (under a strict CSP a page would rather not).
//   One rule of the CSS is taken out: the @font-face of video.js's icon font, a data: URL that Chromium
//   loads as soon as the stylesheet is parsed, even on a page without a video player, and that
//   `font-src 'self'` (here through `default-src 'self'`) blocks with a CSP violation report.
// - the fonts bootstrap-italia's CSS names (Titillium Web: SIL Open Font License 1.1, OFL.txt; Roboto Mono: Apache License 2.0, LICENSE.txt):
//   Titillium Web and Roboto Mono, WOFF2 only (every browser the widgets support reads it). bootstrap-italia
//   declares them from JavaScript, with an injected <style> a strict CSP blocks; bootstrap-italia-fonts.css
//   declares them as a plain stylesheet instead.
//
// `vite build` copies them to dist/vendor/<package>/<path in the package>; the dev server serves the same URLs
// from node_modules. Pages reference them with `vite-ignore` (unbundled-files.mjs leaves vendor/ to this plugin).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';

/** URL prefix (under the examples' base) of the copied files. */
export const VENDOR_DIR = 'vendor/';

const FONT_WEIGHTS = ['300', 'regular', '600', '700'];

/** For each package, the files to copy (paths inside the package). */
export const VENDOR_FILES = {
  'bootstrap-italia': [
    'LICENSE',
    'dist/css/bootstrap-italia.min.css',
    'dist/svg/sprites.svg',
    'dist/fonts/Titillium_Web/OFL.txt',
    ...FONT_WEIGHTS.map((w) => `dist/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-${w}.woff2`),
    'dist/fonts/Roboto_Mono/LICENSE.txt',
    'dist/fonts/Roboto_Mono/roboto-mono-v13-latin-ext_latin-regular.woff2',
  ],
};

/** Changes made to a copied file (path inside the package → function of its text). */
const TRANSFORMS = {
  'dist/css/bootstrap-italia.min.css': (css) => {
    const videoJsFont = /@font-face\{font-family:VideoJS;[^}]*\}/g;
    const found = css.match(videoJsFont)?.length ?? 0;
    // A new bootstrap-italia release that changes this rule must be looked at again, not copied blindly.
    if (found !== 1) throw new Error(`bootstrap-italia.min.css: expected one VideoJS @font-face rule, found ${found}`);
    return `/* Copied by build/vendor-files.mjs without video.js's data: URL icon font (blocked by font-src 'self'). */\n${css.replace(/^\uFEFF/, '').replace(videoJsFont, '')}`;
  },
};

const require = createRequire(import.meta.url);

/** The folder of an installed package. */
const packageFolder = (name) => dirname(require.resolve(`${name}/package.json`));

const TYPES = { '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '': 'text/plain; charset=utf-8' };

/** @returns {import('vite').Plugin} */
export function vendorFiles() {
  /** URL path under the base (vendor/<package>/<file>) → file on disk and its transform, if any. */
  const files = new Map();
  for (const [name, paths] of Object.entries(VENDOR_FILES)) {
    const folder = packageFolder(name);
    for (const path of paths) files.set(`${VENDOR_DIR}${name}/${path}`, { file: join(folder, path), transform: TRANSFORMS[path] });
  }
  const contents = ({ file, transform }) => (transform ? transform(readFileSync(file, 'utf8')) : readFileSync(file));
  let base = '/';
  return {
    name: 'pnrr-vendor-files',
    configResolved(config) {
      base = config.base;
    },
    generateBundle() {
      for (const [fileName, entry] of files) this.emitFile({ type: 'asset', fileName, source: contents(entry) });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        const entry = path.startsWith(base) ? files.get(path.slice(base.length)) : undefined;
        if (!entry) return next();
        res.setHeader('content-type', TYPES[extname(entry.file)] ?? 'application/octet-stream');
        res.end(contents(entry));
      });
    },
  };
}
