// A Vite plugin that copies, unchanged, the files a page loads with `vite-ignore`.
//
// The plain gallery pages show how a webmaster uses the kit without a bundler: their scripts and the
// stylesheets an example is about are plain files referenced as written (`<script vite-ignore …>`,
// `<link vite-ignore …>`), and a page shows some of them as code (`data-snippet="file:…"`). Vite leaves
// such tags alone (and drops the attribute) but does not copy what they point to: this plugin does, for
// every reference that stays inside this folder. References outside it (`../widgets/dist/cdn/…`,
// `../sdk/…`) are served from the repository by the demo server's routes (demo-routes.mjs); files under
// vendor/ come from npm packages (vendor-files.mjs).
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { VENDOR_DIR } from './vendor-files.mjs';

const IGNORED_TAG = /<(?:script|link)\b[^>]*\svite-ignore\b[^>]*>/gi;
const REFERENCE = /\s(?:src|href)\s*=\s*"([^"]+)"/i;

/** Local files (relative to `root`) that the `vite-ignore` tags of an HTML file reference. */
export function unbundledReferences(html, htmlFile, root) {
  const files = [];
  for (const tag of html.match(IGNORED_TAG) ?? []) {
    const ref = tag.match(REFERENCE)?.[1];
    if (!ref || /^[a-z]+:|^\/|^#/i.test(ref)) continue;
    const file = relative(root, join(dirname(htmlFile), ref)).split('\\').join('/');
    if (!file.startsWith('../') && !file.startsWith(VENDOR_DIR)) files.push(file);
  }
  return files;
}

/** @returns {import('vite').Plugin} */
export function unbundledFiles() {
  let root;
  let htmlFiles = [];
  return {
    name: 'pnrr-unbundled-files',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      const input = config.build.rolldownOptions.input ?? {};
      htmlFiles = (typeof input === 'string' ? [input] : Object.values(input)).filter((file) => file.endsWith('.html'));
    },
    generateBundle() {
      const copied = new Set();
      for (const htmlFile of htmlFiles) {
        for (const file of unbundledReferences(readFileSync(htmlFile, 'utf8'), htmlFile, root)) {
          if (copied.has(file)) continue;
          copied.add(file);
          this.emitFile({ type: 'asset', fileName: file, source: readFileSync(join(root, file)) });
        }
      }
    },
  };
}
