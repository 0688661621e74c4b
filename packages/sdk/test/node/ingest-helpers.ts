/** Shared paths and loaders for the ingest tests (real data in the repository, outputs in os.tmpdir()). */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest, Project, ProjectList, ProjectShard, Quality, Facts, Territories } from '../../src/schema/package.js';
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
  manifest: Manifest;
  quality: Quality;
  facts: Facts;
  territories: Territories;
  projects: Project[];
  list(key: string): Promise<ProjectList>;
}

export async function loadPackage(dir: string): Promise<LoadedPackage> {
  const projects: Project[] = [];
  const manifest = await readJson<Manifest>(dir, 'manifest.json');
  for (const name of allShards(manifest.files.projectShards.count ?? LEGACY_SHARD_COUNT)) {
    const shard = await readJson<ProjectShard>(dir, `projects/${name}.json`);
    projects.push(...shard.projects);
  }
  return {
    manifest,
    quality: await readJson<Quality>(dir, 'quality.json'),
    facts: await readJson<Facts>(dir, 'facts.json'),
    territories: await readJson<Territories>(dir, 'territories.json'),
    projects,
    list: (key) => readJson<ProjectList>(dir, `lists/${key}.json`),
  };
}

/** Euros written "2,433,815,960.50" → cents, parsed independently of the code under test. */
export const euros = (text: string): number => {
  const [int, dec = '00'] = text.replace(/,/g, '').split('.');
  return Number(int) * 100 + Number(dec.padEnd(2, '0'));
};
