// HTTP routes for the client tests, shared by the Node test server (test/node/client.test.ts) and the
// web-test-runner dev server (web-test-runner.config.mjs), so both runs see the same faults.
//
//   /pkg/<file>        the data package as is
//   /flaky/<file>      500 on the first request of each file (since the last reset), then the file
//   /broken/<file>     always 500
//   /corrupt/<file>    the package, but facts.json is truncated (not JSON)
//   /misshapen/<file>  the package, but facts.json has a tuple of the wrong length at /amounts/048017/3
//   /future/<file>     the package, but manifest.json says schemaVersion 2.0.0
//   /slow/<file>       the package, each answer delayed by SLOW_MS
//   /stalled/<file>    the package, each answer's body sent half at once, the rest SLOW_MS later
//   /limited/<file>    429 with "Retry-After: 1" on the first request of each file, then the file
//   /unpaged/<file>    the package as written before paged lists: a paged list's file holds every item (its
//                      pages joined, whole PNRR amount largest first, then CUP and local code) and no `paging`;
//                      its page files answer 404
//   /nopage/<file>     the package, but every list page file (lists/<key>/<n>.json) answers 404
//   /badpage/<file>    the package, but every list page file is cut in half (not JSON)
//   /__requests        JSON { "<path>": count } of the requests above since the last reset
//   /__headers         JSON { "<path>": { "<header>": "<value>" } }: the headers of the last request of each path
//   /__reset           clears the counts, the headers and the flaky state
// Plain JavaScript so that the web-test-runner config (an .mjs file) can import it.
import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export const SLOW_MS = 1500;

const json = (status, body) => ({ status, type: 'application/json', body });
/** A page file of a paged project list (manifest.files.lists.pagePattern). */
const LIST_PAGE = /^lists\/[^/]+\/\d+\.json$/;

export function createFaultRoutes(dataDir) {
  const root = resolve(dataDir);
  const counts = new Map();
  const seen = new Set();
  const lastHeaders = new Map();

  async function file(rel) {
    const full = resolve(root, rel);
    if (full !== root && !full.startsWith(root + sep)) return json(403, '{"error":"outside the package"}');
    try {
      return json(200, await readFile(full));
    } catch {
      return json(404, '{"error":"not found"}');
    }
  }

  const faults = {
    pkg: (rel) => file(rel),
    flaky: (rel) => {
      if (seen.has(rel)) return file(rel);
      seen.add(rel);
      return json(500, '{"error":"flaky"}');
    },
    broken: () => json(500, '{"error":"broken"}'),
    corrupt: async (rel) => {
      const answer = await file(rel);
      if (rel !== 'facts.json' || answer.status !== 200) return answer;
      return { ...answer, body: answer.body.subarray(0, Math.floor(answer.body.length / 2)) };
    },
    misshapen: async (rel) => {
      const answer = await file(rel);
      if (rel !== 'facts.json' || answer.status !== 200) return answer;
      const facts = JSON.parse(String(answer.body));
      facts.amounts['048017'][3] = facts.amounts['048017'][3].slice(0, 3);
      return { ...answer, body: JSON.stringify(facts) };
    },
    future: async (rel) => {
      const answer = await file(rel);
      if (rel !== 'manifest.json' || answer.status !== 200) return answer;
      return { ...answer, body: JSON.stringify({ ...JSON.parse(String(answer.body)), schemaVersion: '2.0.0' }) };
    },
    stalled: async (rel) => ({ ...(await file(rel)), stall: true }),
    limited: (rel) => {
      if (seen.has(`limited:${rel}`)) return file(rel);
      seen.add(`limited:${rel}`);
      return { ...json(429, '{"error":"too many requests"}'), headers: { 'retry-after': '1' } };
    },
    unpaged: async (rel) => {
      if (LIST_PAGE.test(rel)) return json(404, '{"error":"no page files before paging"}');
      const answer = await file(rel);
      const key = /^lists\/([^/]+)\.json$/.exec(rel)?.[1];
      if (!key || answer.status !== 200) return answer;
      const list = JSON.parse(String(answer.body));
      if (!list.paging) return answer;
      const items = [...list.items];
      for (let n = 2; n <= list.paging.pages; n++) items.push(...JSON.parse(String((await file(`lists/${key}/${n}.json`)).body)).items);
      const byString = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
      items.sort((a, b) => b.pnrrCents - a.pnrrCents || byString(a.cup, b.cup) || byString(a.localCode, b.localCode));
      return { ...answer, body: JSON.stringify({ schemaVersion: list.schemaVersion, territory: list.territory, items }) };
    },
    nopage: (rel) => (LIST_PAGE.test(rel) ? json(404, '{"error":"page file missing"}') : file(rel)),
    badpage: async (rel) => {
      const answer = await file(rel);
      if (!LIST_PAGE.test(rel) || answer.status !== 200) return answer;
      return { ...answer, body: answer.body.subarray(0, Math.floor(answer.body.length / 2)) };
    },
    slow: async (rel) => {
      await delay(SLOW_MS);
      return file(rel);
    },
  };

  /** The answer for `pathname`, or null when the path is not one of these routes. `headers`: the request's, lower-case names. */
  async function handle(pathname, headers = {}) {
    if (pathname === '/__requests') return json(200, JSON.stringify(Object.fromEntries(counts)));
    if (pathname === '/__headers') return json(200, JSON.stringify(Object.fromEntries(lastHeaders)));
    if (pathname === '/__reset') {
      counts.clear();
      seen.clear();
      lastHeaders.clear();
      return json(200, '{}');
    }
    const match = /^\/([a-z]+)\/(.+)$/.exec(pathname);
    const fault = match && Object.hasOwn(faults, match[1]) ? faults[match[1]] : undefined;
    if (!fault) return null;
    counts.set(pathname, (counts.get(pathname) ?? 0) + 1);
    lastHeaders.set(pathname, headers);
    return fault(decodeURIComponent(match[2]));
  }

  return { handle };
}

/** Writes an answer of handle() on a node:http response (both test servers answer through this). */
export async function send(res, answer) {
  res.writeHead(answer.status, { ...answer.headers, 'content-type': answer.type, 'cache-control': 'no-store' });
  if (!answer.stall) return void res.end(answer.body);
  const body = Buffer.from(answer.body);
  res.write(body.subarray(0, body.length >> 1));
  await delay(SLOW_MS);
  if (!res.destroyed) res.end(body.subarray(body.length >> 1));
}
