/**
 * A real local HTTP server (node:http) for the `update` tests: it serves the repository's source
 * files (data/sources/) as the official host would, plus the ways a real download goes wrong:
 *
 *   /files/<path>      the file, with Content-Length
 *   /404/<path>        404 Not Found
 *   /reset/<path>      the headers and half the body, then the connection is destroyed
 *   /truncated/<path>  the first half of the file, served as a complete response
 *   /stall/<path>      the headers and the first bytes, then nothing (until the client goes away)
 *
 * Every request is logged, so a test can tell how many attempts a download made, or that none
 * was made.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SOURCES } from './ingest-helpers.js';

export interface SourceServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Paths requested so far (in order). */
  requests: string[];
  /** Resolves the next time a /stall/ request has sent its first bytes. */
  stalled(): Promise<void>;
  close(): Promise<void>;
}

export async function startSourceServer(): Promise<SourceServer> {
  const requests: string[] = [];
  let onStall: (() => void) | null = null;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      requests.push(url.pathname);
      const [, mode, ...rest] = url.pathname.split('/');
      const relative = normalize(decodeURIComponent(rest.join('/')));
      if (relative.startsWith('..')) {
        res.writeHead(403).end();
        return;
      }
      let body: Buffer;
      try {
        body = await readFile(join(SOURCES, relative));
      } catch {
        res.writeHead(404).end('not found');
        return;
      }
      const half = body.subarray(0, Math.floor(body.length / 2));
      switch (mode) {
        case 'files':
          res.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.length }).end(body);
          return;
        case '404':
          res.writeHead(404, 'Not Found').end('not found');
          return;
        case 'truncated':
          res.writeHead(200, { 'content-type': 'text/csv', 'content-length': half.length }).end(half);
          return;
        case 'reset':
          res.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.length });
          res.write(half, () => setImmediate(() => req.socket.destroy()));
          return;
        case 'stall':
          res.writeHead(200, { 'content-type': 'text/csv', 'content-length': body.length });
          res.write(body.subarray(0, 1024), () => {
            onStall?.();
            onStall = null;
          });
          return;
        default:
          res.writeHead(400).end();
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    stalled: () => new Promise<void>((done) => (onStall = done)),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
