/**
 * Tenders past a record's first ones (issue 10's budget: one card's data ≤ 10 KiB gzip): a shard
 * record carries the first tenders and the count of all, the CUP's tenders file the rest, and
 * `client.tenders()` joins them. Checked on H92E22000070008 (246 tenders) against the 2025 awardee
 * CSV read here independently (csv-parse, no code of the ingest), and on a package whose tenders
 * file is missing or altered.
 */
import assert from 'node:assert/strict';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { NetworkError, createClient } from '../../src/index.js';
import type { Manifest, ProjectShard, TenderFile } from '../../src/schema/package.js';
import { allShards, projectShard } from '../../src/format/shard.js';
import { validatePackage } from '../../src/ingest/check/validate.js';
import { EMBEDDED, TOSCANA, V2023, readJson, tempDir } from './ingest-helpers.js';

const MANY = 'H92E22000070008';
const AWARDEES_2025 = join(TOSCANA, 'regis-2025-03-31', 'aggiudicatari_gare_toscana.csv');
const GARE_2023 = join(V2023, 'gare_aggiudicatari_validati_toscana.csv');
const csv = async (path: string): Promise<Record<string, string>[]> => parse(await readFile(path, 'utf8'), { columns: true }) as Record<string, string>[];

describe('tenders past the first ones (H92E22000070008, 246 tenders)', () => {
  it('project() gives the first two and the count of all 246; its shard stays under 10 KiB gzip', async () => {
    const client = createClient({ baseUrl: EMBEDDED });
    const p = await client.project(MANY);
    assert.equal(p.tenders!.length, 2);
    assert.equal(p.tenderCount, 246);
    const manifest = await readJson<Manifest>(EMBEDDED, 'manifest.json');
    const shard = await readFile(join(EMBEDDED, `projects/${projectShard(MANY, manifest.files.projectShards.count)}.json`));
    assert.ok(gzipSync(shard, { level: 9 }).length <= 10 * 1024, 'the shard of the CUP with most tenders');
  });

  it('project() + tenders() give all 246 tenders, equal to the CSV rows of the project (2025 awardee file, and the 2023 file for six it lacks)', async () => {
    const client = createClient({ baseUrl: EMBEDDED });
    const p = await client.project(MANY);
    const all = (await client.tenders(MANY))!;
    assert.equal(all.length, 246);
    assert.equal(all.length, p.tenderCount);
    assert.deepEqual(all.slice(0, 2), p.tenders, 'the first ones are those of project()');
    const rows2025 = (await csv(AWARDEES_2025)).filter((r) => r['cup'] === MANY);
    const rows2023 = (await csv(GARE_2023)).filter((r) => r['CUP'] === MANY);
    assert.equal(rows2025.length, 272, 'the 2025 CSV rows of the project');
    // One tender per CIG, or per ReGiS code (PDA) when it has none; the awardees of a tender come from the latest file listing it.
    const key = (cig: string | null | undefined, pda: string | null | undefined) => (cig ? cig : `pda ${pda}`);
    const in2025 = new Set(rows2025.map((r) => key(r['cig'], r['codice_interno_pda'])));
    const only2023 = rows2023.filter((r) => !in2025.has(key(r['CIG'], r['Codice interno PDA'])));
    assert.equal(in2025.size, 240);
    assert.equal(new Set(only2023.map((r) => key(r['CIG'], r['Codice interno PDA']))).size, 6, 'six tenders of the 2023 file are not in the 2025 one');
    assert.deepEqual(all.map((t) => key(t.cig, t.pda)).sort(), [...in2025, ...new Set(only2023.map((r) => key(r['CIG'], r['Codice interno PDA'])))].sort());
    assert.deepEqual(
      all.flatMap((t) => t.awardees.map((a) => [key(t.cig, t.pda), a.name, a.taxCode ?? '', a.role ?? ''])).sort(),
      [
        ...rows2025.map((r) => [key(r['cig'], r['codice_interno_pda']), r['denominazione_aggiudicatario']!, r['codice_fiscalepiva']!, r['descrizione_ruolo_soggetto']!]),
        ...only2023
          .filter((r) => r['Denominazione Aggiudicatario'])
          .map((r) => [key(r['CIG'], r['Codice interno PDA']), r['Denominazione Aggiudicatario']!, r['Codice Fiscale - P IVA Aggiudicatario']!, '']),
      ].sort(),
    );
    for (const t of all) assert.equal(t.referenceDate, in2025.has(key(t.cig, t.pda)) ? '2025-03-31' : '2023-03-01', key(t.cig, t.pda));
  });

  it('tenders() of a project with few tenders reads no tenders file (the tram: one tender)', async () => {
    const read: string[] = [];
    const client = createClient({
      baseUrl: 'http://package.test/',
      fetch: async (input: RequestInfo | URL) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        read.push(url.pathname);
        return new Response(await readFile(join(EMBEDDED, url.pathname.slice(1))), { headers: { 'content-type': 'application/json' } });
      },
    });
    const tram = await client.tenders('H91J12000770005');
    assert.equal(tram!.length, 1);
    assert.deepEqual(read.filter((f) => f.startsWith('/tenders/')), []);
    await client.project(MANY);
    assert.deepEqual(read.filter((f) => f.startsWith('/tenders/')), [], 'project() reads no tenders file');
    await client.tenders(MANY);
    const { count } = (await readJson<Manifest>(EMBEDDED, 'manifest.json')).files.projectShards;
    assert.deepEqual(read.filter((f) => f.startsWith('/tenders/')), [`/tenders/${projectShard(MANY, count)}/${MANY}.json`]);
  });

  it('a missing tenders file: project() still works, tenders() rejects with a 404 NetworkError, validate names the file', async () => {
    const dir = await tempDir('tenders');
    try {
      await cp(EMBEDDED, dir, { recursive: true });
      const file = `tenders/${projectShard(MANY, (await readJson<Manifest>(dir, 'manifest.json')).files.projectShards.count)}/${MANY}.json`;
      await rm(join(dir, file));
      const client = createClient({ baseUrl: dir });
      assert.equal((await client.project(MANY)).tenderCount, 246);
      await assert.rejects(client.tenders(MANY), (e: unknown) => e instanceof NetworkError && e.status === 404);
      const result = await validatePackage(dir);
      assert.ok(result.issues.some((i) => i.file === file && /missing/.test(i.message)), JSON.stringify(result.issues.slice(0, 3)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a tenders file that does not continue the record is refused by tenders() and by validate', async () => {
    const dir = await tempDir('tenders');
    try {
      await cp(EMBEDDED, dir, { recursive: true });
      const file = `tenders/${projectShard(MANY, (await readJson<Manifest>(dir, 'manifest.json')).files.projectShards.count)}/${MANY}.json`;
      const data = await readJson<TenderFile>(dir, file);
      data.projects[0]!.tenders.pop();
      await writeFile(join(dir, file), JSON.stringify(data));
      await assert.rejects(createClient({ baseUrl: dir }).tenders(MANY), /do not continue the record's 2 of 246/);
      const result = await validatePackage(dir);
      assert.ok(result.issues.some((i) => i.file === file && /≠ the record's 2 of 246/.test(i.message)), JSON.stringify(result.issues.slice(0, 3)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('every record with more than two tenders has tenderCount and a tenders file; the others neither', async () => {
    const manifest = await readJson<Manifest>(EMBEDDED, 'manifest.json');
    let cut = 0;
    for (const name of allShards(manifest.files.projectShards.count!)) {
      const shard = await readJson<ProjectShard>(EMBEDDED, `projects/${name}.json`);
      for (const p of shard.projects) {
        if (p.tenderCount === undefined) assert.ok((p.tenders?.length ?? 0) <= 2, `${p.cup}: ${p.tenders?.length} tenders inline`);
        else {
          cut++;
          assert.equal(p.tenders!.length, 2);
          assert.ok(p.tenderCount > 2);
        }
      }
    }
    assert.ok(cut > 100, `${cut} projects with tenders past the first two`);
    assert.equal(manifest.files.tenders?.pattern, 'tenders/{shard}/{cup}.json');
  });
});
