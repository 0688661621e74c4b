// A small static file server for the built Storybook, mounted under a sub-path (/storybook/) the
// way `npm start` serves it, so the tests also prove that the build's asset URLs are relative.
// It logs every request with its status, so a test can tell which requests failed.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `dir` at `mount` on 127.0.0.1 (random port): resolves with { origin, log, close }. */
export function serveStatic(dir, mount) {
  const log = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const answer = (status, type, stream) => {
      log.push({ path, status });
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      if (stream) stream.pipe(res);
      else res.end(status === 404 ? 'not found' : '');
    };
    // The browser asks the origin for a favicon; that is the host page's business, not the Storybook's.
    if (path === '/favicon.ico') return answer(204, 'image/x-icon');
    if (!path.startsWith(mount)) return answer(404, 'text/plain');
    let file = normalize(join(dir, path.slice(mount.length)));
    if (!file.startsWith(dir + sep) && file !== dir) return answer(404, 'text/plain');
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      return answer(404, 'text/plain');
    }
    answer(200, TYPES[extname(file)] ?? 'application/octet-stream', createReadStream(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, log, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
