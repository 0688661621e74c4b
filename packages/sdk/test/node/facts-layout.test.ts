/**
 * facts.json of the embedded Tuscan package: the data-size budget of a chart plus
 * a map, the compact layout (amounts for comuni and buckets, distinct counts for
 * provinces and the region) against the manifest, the lists and `validate`.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Facts, Measures, Territories } from '../../src/schema/package.js';
import { provinceOf, REGION_WIDE_KEY, territoryKind } from '../../src/format/keys.js';
import { flattenFacts } from '../../src/format/facts.js';
import { encodeFacts, factsJson } from '../../src/format/facts-writer.js';
import { DataFormatError } from '../../src/errors.js';
import { validatePackage } from '../../src/ingest/check/validate.js';
import { EMBEDDED, readJson, readListItems, tempDir, readManifest } from './ingest-helpers.js';

/** "data for a chart plus a map, geometry included ≤ 60 KiB gzip" (DESIGN.md). */
const BUDGET = 60 * 1024;
const CHART_AND_MAP = ['manifest.json', 'measures.json', 'territories.json', 'facts.json', 'boundaries.topo.json'];

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isSorted = (values: readonly (string | number)[]) => values.every((v, i) => i === 0 || values[i - 1]! < v);

describe('facts.json (embedded Tuscan package)', () => {
  let text: string;
  let facts: Facts;
  let manifest: Awaited<ReturnType<typeof readManifest>>;
  let territories: Territories;
  before(async () => {
    text = await readFile(join(EMBEDDED, 'facts.json'), 'utf8');
    facts = JSON.parse(text) as Facts;
    manifest = await readManifest(EMBEDDED);
    territories = await readJson<Territories>(EMBEDDED, 'territories.json');
  });

  it('fits the chart + map budget: five files ≤ 61,440 bytes gzip -9', async () => {
    const sizes = Object.fromEntries(await Promise.all(CHART_AND_MAP.map(async (f) => [f, gzipSync(await readFile(join(EMBEDDED, f)), { level: 9 }).length] as const)));
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    assert.ok(total <= BUDGET, `chart + map data: ${total} bytes gzip > ${BUDGET} (${JSON.stringify(sizes)})`);
  });

  it('province and region amounts derived from `amounts` equal manifest.totals to the cent', () => {
    const t = manifest.totals;
    const zero = () => ({ pnrrCents: 0, totalCents: 0 });
    const comuni = zero();
    const provinceWide = zero();
    const regionWide = zero();
    const region = zero();
    const provinces = new Map<string, ReturnType<typeof zero>>();
    for (const [key, tuples] of Object.entries(facts.amounts)) {
      const kind = territoryKind(key);
      const part = kind === 'comune' ? comuni : kind === 'province-wide' ? provinceWide : kind === 'region-wide' ? regionWide : null;
      assert.ok(part, `${key} is a comune or a bucket`);
      const p = provinceOf(key);
      const province = p === null ? null : (provinces.get(p) ?? provinces.set(p, zero()).get(p)!);
      for (const [, pnrr, other] of tuples) {
        for (const sum of [part, region, province]) {
          if (!sum) continue;
          sum.pnrrCents += pnrr;
          sum.totalCents += pnrr + other;
        }
      }
    }
    assert.deepEqual(comuni, t.comuni);
    assert.deepEqual(provinceWide, t.provinceWide);
    assert.deepEqual(regionWide, t.regionWide);
    assert.deepEqual(region, t.inside);
    const provincesTotal = [...provinces.values()].reduce((a, p) => ({ pnrrCents: a.pnrrCents + p.pnrrCents, totalCents: a.totalCents + p.totalCents }), zero());
    assert.deepEqual(provincesTotal, { pnrrCents: t.comuni.pnrrCents + t.provinceWide.pnrrCents, totalCents: t.comuni.totalCents + t.provinceWide.totalCents });
    assert.deepEqual([...provinces.keys()].sort(), territories.provinces.map((p) => p.code).sort());

    // The reader shared by the client and the CLI derives the same province and region rows.
    const flat = flattenFacts(facts, 'facts.json');
    const derived = (key: string) =>
      flat.filter((r) => r[0] === key).reduce((a, r) => ({ pnrrCents: a.pnrrCents + r[2], totalCents: a.totalCents + r[3] }), zero());
    assert.deepEqual(derived(manifest.region.code), t.inside);
    for (const [code, sum] of provinces) assert.deepEqual(derived(code), sum, `province ${code}`);
  });

  it('stores distinct project counts for provinces and the region: those of their project lists', async () => {
    const names = (facts: Facts, key: string) => new Map(facts.counts[key]!.map(([i, n]) => [facts.submeasures[i]!, n]));
    for (const key of [manifest.region.code, ...territories.provinces.map((p) => p.code)]) {
      const bySubmeasure = new Map<string, number>();
      for (const item of await readListItems(EMBEDDED, key)) bySubmeasure.set(item.submeasure, (bySubmeasure.get(item.submeasure) ?? 0) + 1);
      assert.deepEqual(names(facts, key), bySubmeasure, `counts of ${key}`);
    }
    assert.equal(
      facts.counts[manifest.region.code]!.reduce((a, [, n]) => a + n, 0),
      manifest.totals.projects,
    );
  });

  it('is laid out as documented: codes once and sorted, keys and tuples sorted, comuni and buckets in amounts', async () => {
    assert.deepEqual(facts.columns, { amounts: ['submeasure', 'pnrrCents', 'otherCents', 'projects'], counts: ['submeasure', 'projects'] });
    const measures = await readJson<Measures>(EMBEDDED, 'measures.json');
    assert.deepEqual(facts.submeasures, measures.submeasures.map((s) => s.code).sort(byString));
    // Key order as written in the file (JSON.parse would put integer-like keys such as "100" first).
    const written = (part: 'amounts' | 'counts') => {
      const start = text.indexOf(`"${part}":{`);
      const section = text.slice(start, part === 'amounts' ? text.indexOf('"counts":{') : undefined);
      return [...section.matchAll(/"(\d+)":\[/g)].map((m) => m[1]!);
    };
    const amountKeys = written('amounts');
    assert.ok(isSorted(amountKeys), 'amounts keys sorted');
    assert.deepEqual(amountKeys.slice().sort(), Object.keys(facts.amounts).sort());
    assert.ok(amountKeys.includes(REGION_WIDE_KEY) && amountKeys.includes('048000') && amountKeys.includes('100005'));
    assert.deepEqual(written('counts'), [...territories.provinces.map((p) => p.code), manifest.region.code].sort(byString));
    for (const part of [facts.amounts, facts.counts]) {
      for (const [key, tuples] of Object.entries<ReadonlyArray<readonly number[]>>(part)) assert.ok(isSorted(tuples.map((r) => r[0]!)), `${key} sorted by index`);
    }
    // The tramway (222,485,840.00 € PNRR, all PNRR) is split in half between Firenze and Campi Bisenzio.
    const tram = facts.submeasures.indexOf('M2C2I4.02.00');
    const campi = facts.amounts['048006']!.find((r) => r[0] === tram)!;
    assert.ok(campi[1] >= 11_124_292_000, `Campi Bisenzio tram PNRR ${campi[1]}`);
  });

  it('the reader refuses an unknown sub-measure index or a key of the wrong kind, naming the place', () => {
    const bad = structuredClone(facts);
    bad.amounts['048017']![2]![0] = facts.submeasures.length;
    assert.throws(() => flattenFacts(bad, 'facts.json'), (e: unknown) => e instanceof DataFormatError && e.file === 'facts.json' && e.path === '/amounts/048017/2/0');
    const province = structuredClone(facts);
    province.amounts['048'] = [[0, 1, 0, 1]];
    assert.throws(() => flattenFacts(province, 'facts.json'), (e: unknown) => e instanceof DataFormatError && e.path === '/amounts/048');
  });
});

describe('validate: facts.json', () => {
  /** A copy of the embedded package with facts.json changed by `edit` and re-signed, so only facts checks can fail. */
  async function tampered(edit: (facts: Facts) => void): Promise<string[]> {
    const dir = join(await tempDir('facts'), 'pkg');
    await cp(EMBEDDED, dir, { recursive: true });
    const facts = JSON.parse(await readFile(join(dir, 'facts.json'), 'utf8')) as Facts;
    edit(facts);
    const text = `${JSON.stringify(facts)}\n`;
    await writeFile(join(dir, 'facts.json'), text);
    const sums = JSON.parse(await readFile(join(dir, 'checksums.json'), 'utf8')) as { files: Record<string, { bytes: number; sha256: string }> };
    sums.files['facts.json'] = { bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') };
    await writeFile(join(dir, 'checksums.json'), JSON.stringify(sums));
    return (await validatePackage(dir)).issues.map((i) => `${i.file} ${i.path}: ${i.message}`);
  }

  it('accepts the embedded package', async () => {
    assert.deepEqual((await validatePackage(EMBEDDED)).issues, []);
  });

  it('catches one cent moved, a count above its parts, a missing count and an index out of range', async () => {
    const cent = await tampered((f) => void (f.amounts['048017']![0]![1] += 1));
    assert.ok(cent.some((m) => m.includes('Σ comuni = manifest comuni PNRR')), cent.join('\n'));
    assert.ok(cent.some((m) => m.includes('region = manifest inside PNRR')), cent.join('\n'));

    const other = await tampered((f) => void (f.amounts['000000']![0]![2] += 1));
    assert.ok(other.some((m) => m.includes('region-wide bucket = manifest regionWide total')), other.join('\n'));

    const count = await tampered((f) => void (f.counts['048']![0]![1] += 10_000));
    assert.ok(count.some((m) => m.startsWith('facts.json /counts/048:') && m.includes('distinct projects, not between')), count.join('\n'));

    const missing = await tampered((f) => void f.counts['048']!.pop());
    assert.ok(missing.some((m) => m.includes('no distinct project count for 048 × ')), missing.join('\n'));

    const index = await tampered((f) => void (f.counts['09']![0]![0] = 999));
    assert.ok(index.some((m) => m.startsWith('facts.json /counts/09/0/0')), index.join('\n'));
  });
});

it('the facts writer and reader are inverses: encodeFacts → factsJson → flattenFacts gives the tallies back', async () => {
  const real = JSON.parse(await readFile(join(EMBEDDED, 'facts.json'), 'utf8')) as Facts;
  // Tallies rebuilt from the real package's comuni and buckets (projects as distinct ids), plus
  // the province and region counts as they stand.
  const tallies = new Map<string, Map<string, { pnrr: number; total: number; projects: Set<string> }>>();
  const ids = (n: number, prefix: string): Set<string> => new Set(Array.from({ length: n }, (_, i) => `${prefix}${i}`));
  for (const [key, tuples] of Object.entries(real.amounts)) {
    tallies.set(key, new Map(tuples.map(([i, pnrr, other, n]) => [real.submeasures[i]!, { pnrr, total: pnrr + other, projects: ids(n, key) }])));
  }
  for (const [key, tuples] of Object.entries(real.counts)) {
    tallies.set(key, new Map(tuples.map(([i, n]) => [real.submeasures[i]!, { pnrr: 0, total: 0, projects: ids(n, key) }])));
  }
  const text = factsJson(encodeFacts(tallies, real.schemaVersion));
  assert.equal(text, await readFile(join(EMBEDDED, 'facts.json'), 'utf8'), 'byte for byte the embedded facts.json');
  assert.deepEqual(flattenFacts(JSON.parse(text) as Facts, 'facts.json'), flattenFacts(real, 'facts.json'));
});
