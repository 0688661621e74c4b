// One-file ESM build of the client for a <script type="module">:
// dist/browser/pnrr-sdk.js. It sits two levels below the package root, like
// dist/client/*.js, so the embedded package default (../../data/toscana/) resolves the same.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/browser/pnrr-sdk.js',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
