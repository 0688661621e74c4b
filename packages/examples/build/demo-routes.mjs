// A Vite plugin: what the demo server serves besides the built pages (packages/examples/dist/, at
// /packages/examples/), for Vite's preview (`npm start`) and its dev server alike.
//
// - /packages/widgets/dist/, /packages/sdk/dist/, /packages/sdk/data/: the built packages and the
//   embedded data package, straight from the repository, at the paths a page reaches with `../widgets/…`
//   or `../sdk/…` (the CDN bundle and its data, the SDK's browser build, the data package); under the
//   same strict Content-Security-Policy as the pages.
// - /storybook/: the Storybook build (storybook-static/ at the repository root, made by `npm run build`)
//   when it exists, else a short page saying how to build it. Storybook's own shell uses inline
//   scripts and styles, so it is served without the pages' policy: it is a development tool, not a
//   page of the kit.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';
import { CSP } from './csp.mjs';

const REPOSITORY_FOLDERS = ['packages/widgets/dist', 'packages/sdk/dist', 'packages/sdk/data'];

const NO_STORYBOOK = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Storybook is not built</title></head>
<body>
<h1>Storybook is not built yet</h1>
<p>Run <code>npm run build</code> at the repository root (it writes <code>storybook-static/</code>), then reload this page.</p>
<p><a href="/packages/examples/">Back to the demo</a></p>
</body>
</html>
`;

/**
 * @param {{ repository: string, storybook?: string }} options  the repository root; the Storybook
 *   build folder (default: storybook-static/ in the repository)
 * @returns {import('vite').Plugin}
 */
export function demoRoutes({ repository, storybook = join(repository, 'storybook-static') }) {
  const strict = (res) => res.setHeader('content-security-policy', CSP);
  /** @param {import('vite').Connect.Server} app */
  const register = (app) => {
    for (const folder of REPOSITORY_FOLDERS) {
      app.use(`/${folder}`, sirv(join(repository, folder), { dev: true, dotfiles: false, setHeaders: strict }));
    }
    const storybookFiles = sirv(storybook, { dev: true, dotfiles: false });
    app.use('/storybook', (req, res, next) => {
      if ((req.originalUrl ?? '').split('?')[0] === '/storybook') {
        res.writeHead(302, { location: '/storybook/' }).end();
      } else if (existsSync(join(storybook, 'index.html'))) {
        storybookFiles(req, res, next);
      } else {
        strict(res);
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(NO_STORYBOOK);
      }
    });
  };
  return {
    name: 'pnrr-demo-routes',
    configurePreviewServer: (server) => register(server.middlewares),
    configureServer: (server) => register(server.middlewares),
  };
}
