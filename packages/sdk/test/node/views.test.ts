/**
 * The view files (views/{groupBy}/{filter}.json) answer spending() exactly as the fact table
 * does. Three copies of the embedded package, read through the real client from disk:
 *  - `facts`: the manifest lists no views and the views/ folder is gone (what an older package
 *    is): every answer comes from facts.json / facts-bodies.json;
 *  - `views`: facts.json, facts-bodies.json and measures.json are gone: every query a view answers
 *    must succeed from the view alone (the fact path would fail with a 404);
 *  - `full`: the package as built, which picks a view when one answers and the fact table otherwise.
 * Every combination of group-by × filter × metric × per-capita is asked of `full` and `facts`
 * and must give deep-equal rows (or the same error); the ones a view answers are asked of `views` too.
 */
import assert from 'node:assert/strict';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createClient, type GroupBy, type Metric, type PnrrClient, type SpendingQuery } from '../../src/index.js';
import { viewFilter, VIEW_LISTING } from '../../src/format/views.js';
import type { Manifest, Measures, Territories } from '../../src/schema/package.js';
import { EMBEDDED, readJson, readListItems, tempDir } from './ingest-helpers.js';

const GROUPS: GroupBy[] = ['mission', 'component', 'measure', 'submeasure', 'province', 'comune', 'implementing-body'];
const METRICS: Metric[] = ['pnrr', 'total', 'count'];
const PER_CAPITA = [undefined, true, 'anpr2025'] as const;

let dir = '';
let full: PnrrClient;
let facts: PnrrClient;
let views: PnrrClient;
let territories: Territories;
let manifest: Manifest;
let missions: Set<string>;

before(async () => {
  dir = await tempDir('views');
  for (const name of ['facts', 'views']) await cp(EMBEDDED, join(dir, name), { recursive: true });
  // `facts`: no listing, no view files.
  const m = await readJson<Manifest>(join(dir, 'facts'), 'manifest.json');
  delete (m.files as Partial<Manifest['files']>).views;
  await writeFile(join(dir, 'facts', 'manifest.json'), JSON.stringify(m));
  await rm(join(dir, 'facts', 'views'), { recursive: true });
  // `views`: no fact tables, no measures.
  for (const file of ['facts.json', 'facts-bodies.json', 'measures.json']) await rm(join(dir, 'views', file));
  full = createClient({ baseUrl: EMBEDDED });
  facts = createClient({ baseUrl: join(dir, 'facts') });
  views = createClient({ baseUrl: join(dir, 'views') });
  territories = await readJson<Territories>(EMBEDDED, 'territories.json');
  manifest = await readJson<Manifest>(EMBEDDED, 'manifest.json');
  missions = new Set((await readJson<Measures>(EMBEDDED, 'measures.json')).missions.map((m) => m.code));
});

after(() => rm(dir, { recursive: true, force: true }));

/** The rows, or the error's class and message: what a caller sees. */
async function answer(client: PnrrClient, query: SpendingQuery): Promise<unknown> {
  try {
    return await client.spending(query);
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
}

/** Filters: none, each territory kind (a comune with no project too), missions, their pairs, and filters no view answers. */
async function filterSets(): Promise<SpendingQuery[]> {
  const withProjects = new Set((await readListItems(EMBEDDED, '09')).flatMap((i) => i.places));
  const empty = territories.comuni.find((c) => !withProjects.has(c.code));
  assert.ok(empty, 'a comune without projects');
  const comuni = ['048017', '100005', '046017', empty.code];
  const provinces = ['048', '050', '045'];
  const missions = ['M1', 'M2', 'M6', 'M7'];
  const sets: SpendingQuery[] = [{}];
  for (const comune of comuni) sets.push({ comune });
  for (const province of provinces) sets.push({ province });
  for (const mission of missions) sets.push({ mission }, { mission, comune: '048017' }, { mission, province: '050' });
  sets.push(
    { comune: '048017', province: '048' }, // consistent pair
    { comune: '048017', province: '050' }, // disjoint pair: empty
    { comune: '048999' }, // well-formed, not in the package
    { province: '099' },
    { component: 'M2C2' },
    { measure: 'M1C1I1.07' },
    { implementingBody: '00000000000' },
    { mission: 'M2', component: 'M2C4', province: '048' },
  );
  return sets;
}

describe('views answer spending() exactly as the fact table', () => {
  it('the package lists the views it has, and the chart by mission of the region has one', async () => {
    assert.deepEqual(manifest.files.views, VIEW_LISTING);
    const view = await readJson<{ rows: unknown[]; labels: Record<string, string> }>(EMBEDDED, 'views/mission/09.json');
    // Six missions with data in Tuscany on 1 March 2023 (data README).
    assert.equal(view.rows.length, 6);
    assert.equal(view.labels['M6'], 'Salute');
  });

  it('every group-by × filter × metric × per-capita gives deep-equal rows on both paths', { timeout: 240_000 }, async (t) => {
    let compared = 0;
    let byView = 0;
    const sets = await filterSets();
    for (const filters of sets) {
      for (const groupBy of GROUPS) {
        for (const metric of METRICS) {
          for (const perCapita of PER_CAPITA) {
            const query: SpendingQuery = { groupBy, metric, ...filters, ...(perCapita !== undefined ? { perCapita } : {}) };
            const fromFacts = await answer(facts, query);
            assert.deepEqual(await answer(full, query), fromFacts, JSON.stringify(query));
            compared++;
            // A view exists for each territory and each mission with data (M7 has none in Tuscany: the fact table answers).
            const territoryKnown = [filters.comune, filters.province].every((code) => code === undefined || territories.comuni.some((c) => c.code === code) || territories.provinces.some((p) => p.code === code));
            const missionKnown = filters.mission === undefined || missions.has(filters.mission);
            if (territoryKnown && missionKnown && viewFilter(VIEW_LISTING, manifest.region.code, groupBy, filters) !== null && !(groupBy === 'province' && filters.comune)) {
              assert.deepEqual(await answer(views, query), fromFacts, `from the view alone: ${JSON.stringify(query)}`);
              byView++;
            }
          }
        }
      }
    }
    t.diagnostic(`${compared} queries compared, ${byView} of them also answered from the views alone`);
    assert.equal(compared, sets.length * GROUPS.length * METRICS.length * PER_CAPITA.length);
    assert.ok(byView > 500, `${byView} answered by a view alone`);
  });

  it('what the chart and map ask is answered by a view alone (no fact table, no measures)', async () => {
    const asked: SpendingQuery[] = [
      { groupBy: 'mission' },
      { groupBy: 'component', comune: '048017' },
      { groupBy: 'implementing-body', province: '048' },
      { groupBy: 'comune', mission: 'M2', province: '050' },
      { groupBy: 'comune', perCapita: true },
      { groupBy: 'province', mission: 'M6', metric: 'count' },
    ];
    for (const query of asked) {
      const rows = await views.spending(query);
      assert.ok(rows.length > 0, JSON.stringify(query));
      assert.deepEqual(rows, await facts.spending(query));
    }
    // Real figure: the region's PNRR money by mission adds up to manifest.totals.inside (data README: € 2,128,036,863.01).
    const byMission = await views.spending({ groupBy: 'mission' });
    assert.equal(Math.round(byMission.reduce((s, r) => s + r.amount, 0) * 100), 212803686301);
  });

  it('a corrupt view is a DataFormatError naming the file and row, not a wrong figure', async () => {
    const copy = join(dir, 'corrupt');
    await cp(join(dir, 'views'), copy, { recursive: true });
    const path = join(copy, 'views', 'mission', '09.json');
    const view = JSON.parse(await readFile(path, 'utf8')) as { rows: unknown[][] };
    view.rows[2]![1] = '12';
    await writeFile(path, JSON.stringify(view));
    await assert.rejects(createClient({ baseUrl: copy }).spending({ groupBy: 'mission' }), (e: Error & { file?: string; path?: string }) => e.name === 'DataFormatError' && e.file === 'views/mission/09.json' && e.path === '/rows/2/1');
  });
});

describe('enclosing(): the name of a territory and the money of the buckets enclosing it', () => {
  /** The answer, or the error's class and message. */
  async function enclosingOf(client: PnrrClient, query: Parameters<PnrrClient['enclosing']>[0]): Promise<unknown> {
    try {
      return await client.enclosing(query);
    } catch (error) {
      return { error: (error as Error).name, message: (error as Error).message };
    }
  }

  it('from the territory view equals territories.json and spending({ groupBy: "comune" }) of the fact table', { timeout: 120_000 }, async () => {
    const places = [
      ...['048017', '100005', '046017', '049014'].map((comune) => ({ comune })),
      ...['048', '050', '045', '100'].map((province) => ({ province })),
      { comune: 'Prato' }, { province: 'Firenze' }, { comune: '048999' }, { province: '099' },
    ];
    let byView = 0;
    for (const place of places) {
      for (const groupBy of GROUPS) {
        for (const metric of [...METRICS, 'paid'] as Metric[]) {
          for (const mission of [undefined, 'M2']) {
            const query = { ...place, groupBy, metric, ...(mission ? { mission } : {}) };
            const fromFacts = await enclosingOf(facts, query);
            assert.deepEqual(await enclosingOf(full, query), fromFacts, JSON.stringify(query));
            // The views-only copy has no fact table: what it answers comes from the view file alone.
            const known = !('error' in (fromFacts as object));
            if (known && !mission && metric !== 'paid' && ['mission', 'component', 'measure', 'implementing-body'].includes(groupBy)) {
              assert.deepEqual(await enclosingOf(views, query), fromFacts, `from the view alone: ${JSON.stringify(query)}`);
              byView++;
            }
          }
        }
      }
    }
    assert.ok(byView >= 8 * 4 * 3, `${byView} answered from a view alone`);
  });

  it('after spending() of a territory, reads no other file: the view it read carries the answer', async () => {
    for (const place of [{ comune: '048017' }, { province: '048' }]) {
      const read: string[] = [];
      const client = createClient({
        baseUrl: 'http://package.test/',
        fetch: async (input: RequestInfo | URL) => {
          const url = new URL(input instanceof Request ? input.url : String(input));
          read.push(url.pathname.slice(1));
          return new Response(await readFile(join(EMBEDDED, url.pathname.slice(1))), { headers: { 'content-type': 'application/json' } });
        },
      });
      const rows = await client.spending({ groupBy: 'mission', ...place });
      const around = await client.enclosing({ groupBy: 'mission', ...place });
      const key = place.comune ?? place.province;
      assert.deepEqual(read, ['manifest.json', `views/mission/${key}.json`]);
      assert.ok(rows.length > 0 && around.rows.length > 0);
    }
  });

  it('names the territory and its enclosing buckets (real figures of 1 March 2023)', async () => {
    const florence = await views.enclosing({ comune: '048017' });
    assert.equal(florence.name, 'Firenze');
    assert.deepEqual(florence.rows.map((r) => [r.key, r.label, r.kind]).sort(), [['000000', 'Toscana', 'region-wide'], ['048000', 'Firenze', 'province-wide']]);
    const all = await facts.spending({ groupBy: 'comune' });
    for (const row of florence.rows) assert.deepEqual(row, all.find((r) => r.key === row.key));
    const province = await views.enclosing({ province: '048' });
    assert.deepEqual(province.rows.map((r) => r.key), ['000000']);
    await assert.rejects(views.enclosing({}), (e: Error) => e.name === 'InvalidArgumentError');
  });
});
