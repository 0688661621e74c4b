// The HTTP server of the reliability tests (reliability.test.mjs): the CDN build as a webmaster
// publishes it, test pages under a strict Content-Security-Policy, and a data package that fails
// on demand. Every answer is `no-store`, so each request the browser makes reaches this server
// and is counted.
//
//   /cdn/<path>                  packages/widgets/dist/cdn/ (the bundle, its chunks, data/toscana/)
//   /copy/<path>                 the same files at another URL: a second copy of the bundle
//   /p/<name>                    a page (or script) registered by the test with page(name, body)
//   /fault/<kind>/<id>/<path>    dist/cdn/data/toscana/<path>, but every file except manifest.json
//                                fails as <kind> says until recover(id) is called:
//     500       HTTP 500
//     503       HTTP 503 with Retry-After: 1
//     404       HTTP 404 (a missing shard)
//     reset     the connection is reset (TCP RST) before any answer
//     hang      no answer at all; the server notes when the browser gives up (closes the socket)
//     truncated HTTP 200, the first half of the JSON
//     html      HTTP 200, an HTML maintenance page (a proxy's error page)
//   and two transient faults, which need no recover():
//     slow      every answer delayed by SLOW_MS
//     blip      the first request of each file 503 with Retry-After: 1, then the file
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ROOT } from './helpers.mjs';

export const CDN_DIR = join(ROOT, 'packages', 'widgets', 'dist', 'cdn');
export const DATA_DIR = join(CDN_DIR, 'data', 'toscana');
export const SLOW_MS = 700;
/** The policy the README promises host pages can keep: nothing inline, no eval. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const MAINTENANCE = '<!doctype html><html lang="it"><head><title>Manutenzione</title></head><body><h1>Sito in manutenzione</h1></body></html>';

export async function startReliabilityServer() {
  const pages = new Map();
  const counts = new Map();
  const recovered = new Set();
  const blipped = new Set();
  /** Requests of the `hang` route: { id, path, outcome: 'waiting' | 'aborted' }. */
  const hung = [];
  /** Every request's Cookie header that was not empty (there must be none). */
  const cookies = [];
  const sockets = new Set();

  async function staticFile(dir, rel) {
    const full = resolve(dir, rel);
    if (full !== dir && !full.startsWith(dir + sep)) return undefined;
    try {
      return { body: await readFile(full), type: TYPES[extname(full)] ?? 'application/octet-stream' };
    } catch {
      return undefined;
    }
  }

  async function fault(req, res, kind, id, rel) {
    const file = () => staticFile(DATA_DIR, rel);
    if (rel === 'manifest.json' || recovered.has(id)) return file();
    switch (kind) {
      case '500':
        return { status: 500, body: '{"error":"internal"}', type: TYPES['.json'] };
      case '503':
        return { status: 503, body: '{"error":"unavailable"}', type: TYPES['.json'], headers: { 'retry-after': '1' } };
      case '404':
        return { status: 404, body: '{"error":"not found"}', type: TYPES['.json'] };
      case 'reset':
        req.socket.resetAndDestroy();
        return null;
      case 'hang': {
        const entry = { id, path: rel, outcome: 'waiting' };
        hung.push(entry);
        res.once('close', () => (entry.outcome = 'aborted'));
        return null;
      }
      case 'truncated': {
        const answer = await file();
        return answer && { ...answer, body: answer.body.subarray(0, Math.floor(answer.body.length / 2)) };
      }
      case 'html':
        return { body: MAINTENANCE, type: TYPES['.html'] };
      case 'slow':
        await delay(SLOW_MS);
        return file();
      case 'blip':
        if (blipped.has(`${id}/${rel}`)) return file();
        blipped.add(`${id}/${rel}`);
        return { status: 503, body: '{"error":"unavailable"}', type: TYPES['.json'], headers: { 'retry-after': '1' } };
      default:
        return undefined;
    }
  }

  async function answer(req, res) {
    const { pathname } = new URL(req.url, 'http://localhost');
    counts.set(pathname, (counts.get(pathname) ?? 0) + 1);
    if (req.headers.cookie) cookies.push(`${pathname}: ${req.headers.cookie}`);
    const path = decodeURIComponent(pathname);
    let m;
    if ((m = /^\/(?:cdn|copy)\/(.+)$/.exec(path))) return staticFile(CDN_DIR, m[1]);
    if ((m = /^\/p\/(.+)$/.exec(path))) {
      const body = pages.get(m[1]);
      return body === undefined ? undefined : { body, type: TYPES[extname(m[1])] ?? TYPES['.html'] };
    }
    if ((m = /^\/fault\/([a-z0-9]+)\/([^/]+)\/(.+)$/.exec(path))) return fault(req, res, m[1], m[2], m[3]);
    return undefined;
  }

  const server = createServer(async (req, res) => {
    const result = await answer(req, res);
    if (result === null) return; // reset or hung on purpose
    const { status = 200, body = 'Not found', type = 'text/plain; charset=utf-8', headers = {} } = result ?? { status: 404 };
    res.writeHead(result ? status : 404, {
      'content-type': type,
      'cache-control': 'no-store',
      'content-security-policy': STRICT_CSP,
      ...headers,
    });
    res.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;

  return {
    origin,
    /** Registers a page or a script (by extension) at /p/<name>; returns its URL. */
    page(name, body) {
      pages.set(name, body);
      return `${origin}/p/${name}`;
    },
    recover: (id) => recovered.add(id),
    /** Request counts per path since the last resetCounts(), for paths starting with `prefix`. */
    counts: (prefix = '/') => Object.fromEntries([...counts].filter(([p]) => p.startsWith(prefix))),
    resetCounts: () => counts.clear(),
    hung: (id) => hung.filter((e) => e.id === id),
    cookies: () => [...cookies],
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((done) => server.close(done));
    },
  };
}
