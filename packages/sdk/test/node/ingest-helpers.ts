/** Shared paths and loaders for the ingest tests (real data in the repository, outputs in os.tmpdir()). */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest, Project, ProjectList, ProjectListItem, ProjectShard, Provenance, Quality, Facts, TenderFile, Territories } from '../../src/schema/package.js';
import { tenderFilePath } from '../../src/format/tenders.js';
import { LEGACY_SHARD_COUNT, allShards } from '../../src/format/shard.js';
export { listFiles } from '../../src/ingest/write/list-files.js';

export const SDK_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const SOURCES = join(REPO, 'data', 'sources');
export const TOSCANA = join(SOURCES, 'pnrr-toscana');
export const V2023 = join(TOSCANA, 'regis-2023-03-01');
export const LIGURIA = join(SOURCES, 'pnrr-liguria', 'regis-2023-03-01');
export const GEO = join(SOURCES, 'geo');
export const PRIMA = join(TOSCANA, 'prima-pubblicazione-raw');
export const FIXTURES = join(SDK_DIR, 'test', 'fixtures');
export const EMBEDDED = join(SDK_DIR, 'data', 'toscana');

export const toscanaOptions = (out: string) => ({
  projects: [join(V2023, 'progetti_validati_toscana.csv')],
  localisations: [join(V2023, 'localizzazioni_validate_toscana.csv'), join(V2023, 'localizzazioni_validate_fuori_toscana.csv')],
  payments: [join(TOSCANA, 'regis-2025-03-31', 'pagamenti_di_progetto_toscana.csv')],
  region: '09',
  boundaries: join(GEO, 'toscana-comuni.topo.json'),
  population: join(GEO, 'toscana-comuni.csv'),
  out,
});

export const tempDir = (prefix: string): Promise<string> => mkdtemp(join(tmpdir(), `pnrr-${prefix}-`));

export async function readJson<T>(dir: string, file: string): Promise<T> {
  return JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
}

export interface LoadedPackage {
  manifest: Manifest & Required<Pick<Manifest, 'sources' | 'totals'>>;
  quality: Quality;
  facts: Facts;
  territories: Territories;
  projects: Project[];
  list(key: string): Promise<ProjectList>;
}

/** manifest.json with the `sources` and `totals` of provenance.json put back in (where packages before it kept them). */
export async function readManifest(dir: string): Promise<Manifest & Required<Pick<Manifest, 'sources' | 'totals'>>> {
  const read = await readJson<Manifest>(dir, 'manifest.json');
  const provenance = read.files.provenance ? await readJson<Provenance>(dir, read.files.provenance) : undefined;
  const sources = provenance?.sources ?? read.sources;
  const totals = provenance?.totals ?? read.totals;
  if (!sources || !totals) throw new Error(`${dir}: no provenance.json and no sources or totals in the manifest`);
  return { ...read, sources, totals };
}

/**
 * A package read whole, as the tests compare it with the sources: `manifest` with the `sources` and
 * `totals` of provenance.json put back in (where packages before it kept them), and each project with
 * every tender (its record's first ones followed by those of its CUP's tenders file).
 */
export async function loadPackage(dir: string): Promise<LoadedPackage> {
  const projects: Project[] = [];
  const manifest = await readManifest(dir);
  const count = manifest.files.projectShards.count ?? LEGACY_SHARD_COUNT;
  for (const name of allShards(count)) {
    const shard = await readJson<ProjectShard>(dir, `projects/${name}.json`);
    for (const p of shard.projects) {
      if (p.tenderCount !== undefined && manifest.files.tenders) {
        const file = await readJson<TenderFile>(dir, tenderFilePath(p.cup, count, manifest.files.tenders.pattern));
        p.tenders = [...p.tenders!, ...file.projects.find((e) => e.localCode === p.localCode)!.tenders];
      }
      projects.push(p);
    }
  }
  return {
    manifest,
    quality: await readJson<Quality>(dir, 'quality.json'),
    facts: await readJson<Facts>(dir, 'facts.json'),
    territories: await readJson<Territories>(dir, 'territories.json'),
    projects,
    // Every item of the list, its pages joined.
    list: async (key) => ({ ...(await readJson<ProjectList>(dir, `lists/${key}.json`)), items: await readListItems(dir, key) }),
  };
}

/**
 * Every item of the project list of `key`: the list file's items, followed, for a paged list, by those of its page
 * files (read here independently of the code under test: `lists/{key}/{n}.json`, n = 2…paging.pages).
 */
export async function readListItems(dir: string, key: string): Promise<ProjectListItem[]> {
  const list = await readJson<ProjectList>(dir, `lists/${key}.json`);
  const items = [...list.items];
  for (let n = 2; n <= (list.paging?.pages ?? 1); n++) items.push(...(await readJson<ProjectList>(dir, `lists/${key}/${n}.json`)).items);
  return items;
}

/**
 * Turns the paged lists of the package in `dir` back into single list files, as packages written before paging
 * had them (every item, whole PNRR amount largest first, then CUP and local code; no `paging`; no page files). The
 * checksums are not updated.
 */
export async function unpageLists(dir: string): Promise<string[]> {
  const unpaged: string[] = [];
  for (const file of await readdir(join(dir, 'lists'))) {
    if (!file.endsWith('.json')) continue;
    const key = file.slice(0, -'.json'.length);
    const list = await readJson<ProjectList>(dir, `lists/${file}`);
    if (!list.paging) continue;
    const items = (await readListItems(dir, key)).sort((a, b) => b.pnrrCents - a.pnrrCents || (a.cup < b.cup ? -1 : a.cup > b.cup ? 1 : 0) || (a.localCode < b.localCode ? -1 : a.localCode > b.localCode ? 1 : 0));
    await writeFile(join(dir, 'lists', file), `${JSON.stringify({ schemaVersion: list.schemaVersion, territory: list.territory, items })}\n`);
    await rm(join(dir, 'lists', key), { recursive: true });
    unpaged.push(key);
  }
  return unpaged;
}

/** Euros written "2,433,815,960.50" → cents, parsed independently of the code under test. */
export const euros = (text: string): number => {
  const [int, dec = '00'] = text.replace(/,/g, '').split('.');
  return Number(int) * 100 + Number(dec.padEnd(2, '0'));
};
