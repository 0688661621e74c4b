/**
 * The client in Node: the shared suite against a real node:http server on
 * 127.0.0.1, then what only Node does — the default client reading the
 * embedded package from disk, and local paths.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createClient, DEFAULT_BASE_URL, InvalidArgumentError, NetworkError, NotFoundError } from '../../src/index.js';
import * as assert from '../shared/assert.js';
import { clientSuite } from '../shared/client-suite.js';
import { createFaultRoutes, send } from '../shared/fault-routes.mjs';

const DATA_DIR = fileURLToPath(new URL('../../data/toscana/', import.meta.url));

let server: Server;
let root = '';

before(async () => {
  const routes = createFaultRoutes(DATA_DIR);
  server = createServer((req, res) => {
    routes.handle(new URL(req.url ?? '/', 'http://localhost').pathname, req.headers).then(
      (answer) => (answer ? send(res, answer) : void res.writeHead(404).end()),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  root = `http://127.0.0.1:${address.port}/`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

clientSuite({ describe, it, before }, { root: () => root });

describe('client in Node: the embedded package', () => {
  it('DEFAULT_BASE_URL is the data/toscana directory of the SDK', () => {
    assert.ok(DEFAULT_BASE_URL.startsWith('file:') && DEFAULT_BASE_URL.endsWith('/data/toscana/'), DEFAULT_BASE_URL);
    assert.ok(existsSync(new URL('manifest.json', DEFAULT_BASE_URL)), 'manifest.json is there');
  });

  it('spending by mission: M1…M6, summing to the amount inside Tuscany, below the amount of projects touching it', async () => {
    const client = createClient();
    const [rows, manifest] = await Promise.all([client.spending({ groupBy: 'mission', metric: 'pnrr' }), client.provenance()]);
    assert.deepEqual(rows.map((r) => r.key).sort(), ['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    const total = rows.reduce((a, r) => a + r.value, 0);
    assert.equal(Math.round(total * 100), manifest.totals.inside.pnrrCents, 'to the cent');
    assert.ok(total < 2_433_815_960.5 - 50, `${total} < Σ PNRR of the projects touching Tuscany`);
  });

  it('project(): the tram line with its two localisations', async () => {
    const p = await createClient().project('H91J12000770005');
    assert.ok(p.title.startsWith('SISTEMA TRAMVIARIO FIORENTINO'), p.title);
    assert.equal(p.funding.pnrrCents, 22_248_584_000);
    assert.deepEqual(p.localisations.map((l) => l.pnrrCents), [11_124_292_000, 11_124_292_000]);
  });

  it('projects(): Firenze has 302 projects', async () => {
    assert.equal((await createClient().projects({ comune: '048017' })).total, 302);
  });

  it('errors: unknown CUP, malformed CUP, malformed comune', async () => {
    const client = createClient();
    await assert.rejects(client.project('A00000000000000'), NotFoundError);
    assert.equal((await assert.rejects(client.project('ABC'), InvalidArgumentError)).argument, 'cup');
    assert.equal((await assert.rejects(client.projects({ comune: '48017' }), InvalidArgumentError)).argument, 'comune');
  });

  it('reads a package from a directory path, absolute or relative to the working directory', async () => {
    for (const baseUrl of [DATA_DIR, DATA_DIR.replace(/\/$/, ''), relative(process.cwd(), DATA_DIR) || '.']) {
      assert.equal((await createClient({ baseUrl }).manifest()).region.code, '09', baseUrl);
    }
  });

  it('a missing local file is a NetworkError with status 404', async () => {
    const error = await assert.rejects(createClient({ baseUrl: new URL('../../data/nowhere/', import.meta.url) }).manifest(), NetworkError);
    assert.equal(error.status, 404);
    assert.equal(error.attempts, 1);
    assert.ok(error.url.startsWith('file:'), error.url);
  });

  it('aborts a local read', async () => {
    await assert.rejectsNamed(createClient().boundaries({ signal: AbortSignal.abort() }), 'AbortError');
  });
});
