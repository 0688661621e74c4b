#!/usr/bin/env node
// Client benchmark: the SDK's createClient() in Node against the embedded package on disk and
// against the same directory over HTTP (the demo server of `npm start`, packages/examples/build/preview.mjs,
// on 127.0.0.1 and an ephemeral port: the data package is served as static files, uncompressed). For each query:
//   cold = a new client per iteration (empty file cache: every file is read and parsed again);
//   warm = one client, primed by a first call, then the same call repeated (files cached).
// Bytes per call are counted by a wrapping `fetch` (HTTP only; the disk transport reads the same files).
// Loops are bounded (--cold, --warm iterations); the server is closed at the end.
//
// Usage: node scripts/bench/client.mjs [--cold 30] [--warm 200] [--json out.json]
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { EMBEDDED, ROOT, SDK, flag, median, p95, requireBuiltSdk } from './lib.mjs';
import { startDemoServer } from '../../packages/examples/build/preview.mjs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);
const coldN = Math.max(1, Math.min(1000, Number(flag(argv, 'cold', '30'))));
const warmN = Math.max(1, Math.min(10000, Number(flag(argv, 'warm', '200'))));
const jsonOut = flag(argv, 'json', undefined);
requireBuiltSdk();
const { createClient } = await import(pathToFileURL(join(SDK, 'dist', 'index.js')).href);

const CUP = 'H91J12000770005'; // Firenze tramway line 4.2 (data/sources/pnrr-toscana/README.md)
const QUERIES = [
  { name: "project('H91J12000770005')", run: (c) => c.project(CUP) },
  { name: "projects({ comune: '048017', limit: 20 })", run: (c) => c.projects({ comune: '048017', limit: 20 }) },
  { name: "projects({ text: 'scuola' })", run: (c) => c.projects({ text: 'scuola' }) },
  { name: "spending({ groupBy: 'mission' })", run: (c) => c.spending({ groupBy: 'mission' }) },
  { name: "spending({ groupBy: 'comune', perCapita: true })", run: (c) => c.spending({ groupBy: 'comune', perCapita: true }) },
  { name: "spending({ groupBy: 'implementing-body' })", run: (c) => c.spending({ groupBy: 'implementing-body' }) },
];

/** A fetch that counts the body bytes and requests it hands back. */
function countingFetch() {
  const counter = { bytes: 0, requests: 0 };
  const fetchImpl = async (input, init) => {
    const response = await fetch(input, init);
    const body = new Uint8Array(await response.arrayBuffer());
    counter.bytes += body.byteLength;
    counter.requests++;
    return new globalThis.Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { counter, fetchImpl };
}

const now = () => performance.now();

async function measure(transport, baseUrl, query) {
  // cold: a fresh client each time
  const cold = [];
  let bytes = null;
  let requests = null;
  for (let i = 0; i < coldN; i++) {
    const { counter, fetchImpl } = countingFetch();
    const client = createClient(transport === 'http' ? { baseUrl, fetch: fetchImpl } : { baseUrl });
    const t = now();
    await query.run(client);
    cold.push(now() - t);
    if (transport === 'http') {
      bytes = counter.bytes;
      requests = counter.requests;
    }
  }
  // warm: one client, primed
  const client = createClient({ baseUrl });
  await query.run(client);
  const warm = [];
  for (let i = 0; i < warmN; i++) {
    const t = now();
    await query.run(client);
    warm.push(now() - t);
  }
  return {
    transport, query: query.name,
    coldMedian: median(cold), coldP95: p95(cold), warmMedian: median(warm), warmP95: p95(warm),
    ...(bytes !== null ? { bytes, requests } : {}),
  };
}

const server = await startDemoServer({ port: 0, host: '127.0.0.1' });
const httpBase = `http://127.0.0.1:${server.port}/${relative(ROOT, EMBEDDED).split('\\').join('/')}/`;
const results = [];
try {
  for (const [transport, baseUrl] of [['disk', EMBEDDED], ['http', httpBase]]) {
    for (const query of QUERIES) {
      const r = await measure(transport, baseUrl, query);
      process.stderr.write(`[bench:client] ${transport} ${query.name}: cold ${r.coldMedian.toFixed(2)} ms, warm ${r.warmMedian.toFixed(3)} ms${r.bytes !== undefined ? `, ${r.bytes} B` : ''}\n`);
      results.push(r);
    }
  }
} finally {
  await server.close();
}
const out = { coldIterations: coldN, warmIterations: warmN, results };
if (jsonOut) await writeFile(jsonOut, `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(out)}\n`);
