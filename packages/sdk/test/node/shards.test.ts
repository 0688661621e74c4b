/**
 * Project shards that scale: the shard count grows with the package (manifest
 * files.projectShards.count), one card's shard stays ≤ 10 KiB gzip, every project is found by
 * project() through the real client, and a manifest without the count (an older package) is read
 * with the legacy 256. Packages of two sizes: the embedded Tuscan one (2,770 projects) and a
 * synthetic one built by the real build from the Tuscan sources copied with new CUPs.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createClient } from '../../src/index.js';
import { buildPackage } from '../../src/ingest/index.js';
import { LEGACY_SHARD_COUNT, projectShard, shardCount, shardName } from '../../src/format/shard.js';
import type { Manifest, Project, ProjectShard } from '../../src/schema/package.js';
import { EMBEDDED, GEO, V2023, readJson, tempDir, readManifest } from './ingest-helpers.js';

const KiB = 1024;
let dir = '';

before(async () => {
  dir = await tempDir('shards');
});
after(() => rm(dir, { recursive: true, force: true }));

/** Every shard of a package: its name, gzip size and projects. */
async function shards(pkg: string): Promise<Array<{ name: string; gzip: number; projects: Project[] }>> {
  const out = [];
  for (const file of (await readdir(join(pkg, 'projects'))).sort()) {
    const text = await readFile(join(pkg, 'projects', file));
    out.push({ name: file.slice(0, -5), gzip: gzipSync(text, { level: 9 }).length, projects: (JSON.parse(text.toString('utf8')) as ProjectShard).projects });
  }
  return out;
}

/** Checks a built package: count stated and right for its size, names, ≤ 10 KiB per shard, every project found by the client. */
async function checkPackage(pkg: string, expectedProjects: number, expectedCount: number, limit = 10 * KiB): Promise<void> {
  const manifest = await readManifest(pkg);
  assert.equal(manifest.totals.projects, expectedProjects);
  assert.equal(manifest.files.projectShards.count, expectedCount);
  const all = await shards(pkg);
  assert.equal(all.length, expectedCount);
  assert.deepEqual(all.map((s) => s.name), Array.from({ length: expectedCount }, (_, i) => shardName(i, expectedCount)));
  const over = all.filter((s) => s.gzip > limit).map((s) => `${s.name}: ${s.gzip} bytes gzip`);
  assert.deepEqual(over, [], `shards over ${limit / KiB} KiB gzip`);
  const projects = all.flatMap((s) => s.projects);
  assert.equal(projects.length, expectedProjects);
  const client = createClient({ baseUrl: pkg });
  for (const p of projects) {
    const found = await client.project(p.cup, { localCode: p.localCode });
    assert.equal(found.localCode, p.localCode);
    assert.equal(found.funding.pnrrCents, p.funding.pnrrCents);
  }
}

describe('shard count', () => {
  it('is the smallest power of two with at most 8 projects per shard on average', () => {
    assert.equal(shardCount(0), 1);
    assert.equal(shardCount(8), 1);
    assert.equal(shardCount(9), 2);
    assert.equal(shardCount(2770), 512); // Tuscany, 1 March 2023: 5.4 projects per shard
    assert.equal(shardCount(5540), 1024);
    // National scale (issue 11): 4.6 projects per shard; at 32,768 (9.2 each) the fullest shard was over 10 KiB.
    assert.equal(shardCount(301_930), 65_536);
  });

  it('names shards in hex, at least two digits, as wide as the count needs; 256 keeps the old names', () => {
    assert.equal(shardName(0, 1), '00');
    assert.equal(shardName(255, 256), 'ff');
    assert.equal(shardName(0, 512), '000');
    assert.equal(shardName(4095, 4096), 'fff');
    assert.equal(shardName(4096, 32_768), '1000');
    assert.equal(shardName(65_535, 65_536), 'ffff');
    // The default count is the legacy one: the shard of the Florence tramway in every package built before.
    assert.equal(projectShard('H91J12000770005'), projectShard('H91J12000770005', LEGACY_SHARD_COUNT));
  });
});

describe('packages of two sizes', () => {
  // Issue 10's tenders once made the embedded shards heavy (H92E22000070008 has 246 tenders, ~11 KiB gzip alone):
  // a record now carries its first two (format/tenders.ts), the rest are in the CUP's tenders file.
  it('the embedded Tuscan package: 512 shards, each ≤ 10 KiB gzip, every project found', { timeout: 120_000 }, async () => {
    await checkPackage(EMBEDDED, 2770, 512);
  });

  it('a synthetic package twice as large: 1,024 shards named with three digits, each ≤ 10 KiB gzip, every project found', { timeout: 300_000 }, async () => {
    const input = join(dir, 'input');
    const files = await twoCopies(input);
    const out = join(dir, 'synthetic');
    await buildPackage({ ...files, region: '09', boundaries: join(GEO, 'toscana-comuni.topo.json'), population: join(GEO, 'toscana-comuni.csv'), out });
    await checkPackage(out, 5540, 1024);
  });

  it('a manifest without the count (an older package) is read with 256 shards', async () => {
    const old = join(dir, 'old');
    await cp(EMBEDDED, old, { recursive: true });
    const manifest = await readJson<Manifest>(old, 'manifest.json');
    delete (manifest.files.projectShards as { count?: number }).count;
    await writeFile(join(old, 'manifest.json'), JSON.stringify(manifest));
    // An older package has the legacy 256 shards: the records dealt again by projectShard(cup, 256).
    const records = (await shards(EMBEDDED)).flatMap((s) => s.projects);
    await rm(join(old, 'projects'), { recursive: true });
    await mkdir(join(old, 'projects'));
    for (let i = 0; i < LEGACY_SHARD_COUNT; i++) {
      const name = shardName(i, LEGACY_SHARD_COUNT);
      const shard = { schemaVersion: manifest.schemaVersion, shard: name, projects: records.filter((p) => projectShard(p.cup) === name) };
      await writeFile(join(old, 'projects', `${name}.json`), JSON.stringify(shard));
    }
    const tram = await createClient({ baseUrl: old }).project('H91J12000770005');
    assert.equal(tram.funding.pnrrCents, 22248584000); // € 222,485,840.00 PNRR (data README)
  });

  it('a manifest with a count that is not a power of two is a DataFormatError, not a wrong shard', async () => {
    const bad = join(dir, 'bad');
    await cp(EMBEDDED, bad, { recursive: true });
    const manifest = await readJson<Manifest>(bad, 'manifest.json');
    manifest.files.projectShards.count = 300;
    await writeFile(join(bad, 'manifest.json'), JSON.stringify(manifest));
    await assert.rejects(createClient({ baseUrl: bad }).project('H91J12000770005'), (e: Error & { path?: string }) => e.name === 'DataFormatError' && e.path === '/files/projectShards/count');
  });
});

/**
 * The Tuscan projects and localisations of 1 March 2023 twice: as they are, and once more with
 * new CUPs (same first five characters, then a base-36 number; scripts/bench/synth.mjs does the same
 * at national scale) and local codes, so every project is distinct.
 */
async function twoCopies(dir: string): Promise<{ projects: string[]; localisations: string[] }> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  const cupIndex = new Map<string, number>();
  const newCup = (cup: string): string => {
    if (!cupIndex.has(cup)) cupIndex.set(cup, cupIndex.size);
    return cup.slice(0, 5) + (65536 + cupIndex.get(cup)!).toString(36).toUpperCase().padStart(10, '0');
  };
  const quote = (v: string): string => `"${v.replace(/"/g, '""')}"`;
  const copy = async (file: string): Promise<string> => {
    const text = await readFile(join(V2023, file), 'utf8');
    const rows = parse(text, { bom: true, relax_column_count: true }) as string[][];
    const header = rows[0]!;
    const cupAt = header.indexOf('CUP');
    const clpAt = header.indexOf('Codice Locale Progetto');
    const lines = [header.map(quote).join(',')];
    for (const row of rows.slice(1)) lines.push(row.map(quote).join(','));
    for (const row of rows.slice(1)) {
      const cup = row[cupAt]!;
      if (!/^[A-Z0-9]{15}$/.test(cup)) continue; // an invalid key is copied once, not multiplied
      const copied = [...row];
      copied[cupAt] = newCup(cup);
      copied[clpAt] = row[clpAt] === cup ? copied[cupAt] : `${row[clpAt]!}-2`;
      lines.push(copied.map(quote).join(','));
    }
    const path = join(dir, file);
    await writeFile(path, `${lines.join('\n')}\n`);
    return path;
  };
  return {
    projects: [await copy('progetti_validati_toscana.csv')],
    localisations: [await copy('localizzazioni_validate_toscana.csv'), await copy('localizzazioni_validate_fuori_toscana.csv')],
  };
}
