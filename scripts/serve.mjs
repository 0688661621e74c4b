#!/usr/bin/env node
// Serves the demo (packages/examples) and the built packages as static files on localhost,
// exactly as a comune's web server or a CDN would: no bundler, no dev server magic.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PUBLIC = ['packages/examples/', 'packages/widgets/dist/', 'packages/sdk/dist/', 'packages/sdk/data/'];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function createDemoServer() {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/packages/examples/' });
      res.end();
      return;
    }
    let relative = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
    if (relative.endsWith(sep) || relative === '') relative = join(relative, 'index.html');
    const allowed = PUBLIC.some((prefix) => relative.split(sep).join('/').startsWith(prefix));
    const file = join(ROOT, relative);
    let stat;
    try {
      stat = allowed && file.startsWith(ROOT + sep) ? statSync(file) : undefined;
      if (stat?.isDirectory()) {
        res.writeHead(302, { location: url.pathname + '/' });
        res.end();
        return;
      }
    } catch {
      stat = undefined;
    }
    if (!stat) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': 'no-cache',
      // The demo runs under the same strict policy we promise to host pages.
      'content-security-policy':
        "default-src 'self'; script-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'",
    });
    createReadStream(file).pipe(res);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  createDemoServer().listen(port, host, () => {
    console.log(`Open PNRR Toscana Kit demo: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/packages/examples/`);
    console.log('Press Ctrl+C to stop.');
  });
}
