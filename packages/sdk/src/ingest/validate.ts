/**
 * Checks a data package directory: every file against its TypeBox schema
 * (Value.Errors: no code generation, no eval), checksums.json, the schema
 * version, and the reconciliation invariants the build promises.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import {
  BodyFacts, Checksums, Facts, Manifest, Measures, ProjectList, ProjectShard, Quality, Territories,
  type Checksums as ChecksumsT, type Facts as FactsT, type Manifest as ManifestT, type ProjectList as ProjectListT,
  type ProjectShard as ProjectShardT, type Quality as QualityT, type Territories as TerritoriesT,
} from '../schema/package.js';
import { SCHEMA_MAJOR } from '../format/version.js';
import { PACKAGE_FILES, fillPattern } from '../format/paths.js';
import { PROJECT_SHARD_COUNT, projectShard } from '../format/shard.js';
import { provinceOf, provinceWideKey, REGION_WIDE_KEY, territoryKind } from '../format/keys.js';

export interface ValidationIssue {
  file: string;
  /** JSON path inside the file ("" for the whole file). */
  path: string;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  issues: ValidationIssue[];
  filesChecked: number;
}

const MAX_ERRORS_PER_FILE = 20;

export async function validatePackage(dir: string): Promise<ValidationResult> {
  const issues: ValidationIssue[] = [];
  let filesChecked = 0;
  const issue = (file: string, path: string, message: string): void => {
    issues.push({ file, path, message });
  };

  async function load<T>(file: string, schema: TSchema | null): Promise<T | null> {
    filesChecked++;
    let text: string;
    try {
      text = await readFile(join(dir, file), 'utf8');
    } catch {
      issue(file, '', 'file is missing or unreadable');
      return null;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      issue(file, '', `not valid JSON: ${(error as Error).message}`);
      return null;
    }
    if (schema) {
      let n = 0;
      for (const error of Value.Errors(schema, value)) {
        if (n++ >= MAX_ERRORS_PER_FILE) {
          issue(file, '', `more schema errors not shown`);
          break;
        }
        issue(file, error.path, `${error.message} (got ${JSON.stringify(error.value)?.slice(0, 80)})`);
      }
      if (n > 0) return null;
      const version = (value as { schemaVersion?: string }).schemaVersion;
      if (version !== undefined && Number(version.split('.')[0]) !== SCHEMA_MAJOR) {
        issue(file, '/schemaVersion', `schema version ${version} is not supported (major ${SCHEMA_MAJOR} expected)`);
      }
    }
    return value as T;
  }

  const manifest = await load<ManifestT>(PACKAGE_FILES.manifest, Manifest);
  if (!manifest) return { ok: false, issues, filesChecked };

  // ------------------------------------------------------------ checksums
  const checksums = await load<ChecksumsT>(manifest.files.checksums, Checksums);
  const present = await listFiles(dir);
  if (checksums) {
    for (const [file, expected] of Object.entries(checksums.files)) {
      let buffer: Buffer;
      try {
        buffer = await readFile(join(dir, file));
      } catch {
        issue(file, '', 'listed in checksums.json but missing');
        continue;
      }
      if (buffer.length !== expected.bytes) issue(file, '', `size ${buffer.length} bytes differs from checksums.json (${expected.bytes})`);
      const sha = createHash('sha256').update(buffer).digest('hex');
      if (sha !== expected.sha256) issue(file, '', `sha256 ${sha} differs from checksums.json (${expected.sha256})`);
    }
    for (const file of present) {
      if (file !== manifest.files.checksums && !(file in checksums.files)) issue(file, '', 'file not listed in checksums.json');
    }
  }

  // ------------------------------------------------------------ files
  const territories = await load<TerritoriesT>(manifest.files.territories, Territories);
  await load(manifest.files.measures, Measures);
  const facts = await load<FactsT>(manifest.files.facts, Facts);
  await load(manifest.files.bodyFacts, BodyFacts);
  const quality = await load<QualityT>(manifest.files.quality, Quality);
  if (manifest.files.boundaries) {
    const topo = await load<{ type?: string; objects?: Record<string, unknown> }>(manifest.files.boundaries, null);
    if (topo && (topo.type !== 'Topology' || !topo.objects?.['comuni'] || !topo.objects['province'] || !topo.objects['regione'])) {
      issue(manifest.files.boundaries, '', 'not a TopoJSON Topology with objects comuni, province, regione');
    }
  }

  const t = manifest.totals;
  const eq = (file: string, path: string, what: string, a: number, b: number): void => {
    if (a !== b) issue(file, path, `${what}: ${a} ≠ ${b}`);
  };
  eq(PACKAGE_FILES.manifest, '/totals', 'touching PNRR = inside + outside', t.touching.pnrrCents, t.inside.pnrrCents + t.outside.pnrrCents);
  eq(PACKAGE_FILES.manifest, '/totals', 'touching total = inside + outside', t.touching.totalCents, t.inside.totalCents + t.outside.totalCents);
  eq(PACKAGE_FILES.manifest, '/totals', 'inside PNRR = comuni + province-wide + region-wide', t.inside.pnrrCents, t.comuni.pnrrCents + t.provinceWide.pnrrCents + t.regionWide.pnrrCents);
  eq(PACKAGE_FILES.manifest, '/totals', 'inside total = comuni + province-wide + region-wide', t.inside.totalCents, t.comuni.totalCents + t.provinceWide.totalCents + t.regionWide.totalCents);

  // ------------------------------------------------------------ project shards
  let projects = 0;
  const sum = { pnrr: 0, total: 0, insidePnrr: 0, insideTotal: 0 };
  for (let i = 0; i < PROJECT_SHARD_COUNT; i++) {
    const shard = i.toString(16).padStart(2, '0');
    const file = fillPattern(manifest.files.projectShards.pattern, 'shard', shard);
    const data = await load<ProjectShardT>(file, ProjectShard);
    if (!data) continue;
    if (data.shard !== shard) issue(file, '/shard', `shard "${data.shard}" in file ${shard}`);
    data.projects.forEach((p, index) => {
      const path = `/projects/${index}`;
      if (projectShard(p.cup) !== shard) issue(file, `${path}/cup`, `CUP ${p.cup} belongs to shard ${projectShard(p.cup)}`);
      const parts = p.localisations.reduce((acc, l) => ({ pnrr: acc.pnrr + l.pnrrCents, total: acc.total + l.totalCents }), { pnrr: 0, total: 0 });
      eq(file, path, `${p.cup}/${p.localCode} inside + outside PNRR = Finanziamento PNRR`, p.attributed.inside.pnrrCents + p.attributed.outside.pnrrCents, p.funding.pnrrCents);
      eq(file, path, `${p.cup}/${p.localCode} inside + outside total = Finanziamento Totale`, p.attributed.inside.totalCents + p.attributed.outside.totalCents, p.funding.totalCents);
      eq(file, path, `${p.cup}/${p.localCode} Σ localisation PNRR = Finanziamento PNRR`, parts.pnrr, p.funding.pnrrCents);
      eq(file, path, `${p.cup}/${p.localCode} Σ localisation total = Finanziamento Totale`, parts.total, p.funding.totalCents);
      projects++;
      sum.pnrr += p.funding.pnrrCents;
      sum.total += p.funding.totalCents;
      sum.insidePnrr += p.attributed.inside.pnrrCents;
      sum.insideTotal += p.attributed.inside.totalCents;
    });
  }
  eq(PACKAGE_FILES.manifest, '/totals/projects', 'projects in shards', projects, t.projects);
  eq(PACKAGE_FILES.manifest, '/totals/touching/pnrrCents', 'Σ project PNRR', sum.pnrr, t.touching.pnrrCents);
  eq(PACKAGE_FILES.manifest, '/totals/touching/totalCents', 'Σ project total', sum.total, t.touching.totalCents);
  eq(PACKAGE_FILES.manifest, '/totals/inside/pnrrCents', 'Σ project inside PNRR', sum.insidePnrr, t.inside.pnrrCents);
  eq(PACKAGE_FILES.manifest, '/totals/inside/totalCents', 'Σ project inside total', sum.insideTotal, t.inside.totalCents);

  // ------------------------------------------------------------ facts
  if (facts) {
    const byKind = { region: 0, comune: 0, 'province-wide': 0, 'region-wide': 0 } as Record<string, number>;
    const province = new Map<string, number>();
    const provinceParts = new Map<string, number>();
    for (const [key, , pnrr] of facts.rows) {
      const kind = territoryKind(key);
      if (kind === null) {
        issue(manifest.files.facts, '/rows', `unknown territory key "${key}"`);
        continue;
      }
      if (kind === 'province') province.set(key, (province.get(key) ?? 0) + pnrr);
      else byKind[kind] = (byKind[kind] ?? 0) + pnrr;
      const p = provinceOf(key);
      if (p) provinceParts.set(p, (provinceParts.get(p) ?? 0) + pnrr);
    }
    eq(manifest.files.facts, '/rows', 'region PNRR = manifest inside', byKind['region']!, t.inside.pnrrCents);
    eq(manifest.files.facts, '/rows', 'Σ comuni PNRR = manifest comuni', byKind['comune']!, t.comuni.pnrrCents);
    eq(manifest.files.facts, '/rows', 'Σ province-wide PNRR = manifest provinceWide', byKind['province-wide']!, t.provinceWide.pnrrCents);
    eq(manifest.files.facts, '/rows', 'region-wide PNRR = manifest regionWide', byKind['region-wide']!, t.regionWide.pnrrCents);
    for (const [code, value] of province) eq(manifest.files.facts, '/rows', `province ${code} = its comuni + bucket`, value, provinceParts.get(code) ?? 0);
  }

  // ------------------------------------------------------------ lists
  if (territories) {
    const keys = [manifest.region.code, REGION_WIDE_KEY, ...territories.provinces.flatMap((p) => [p.code, provinceWideKey(p.code)]), ...territories.comuni.map((c) => c.code)];
    for (const key of keys) {
      const file = fillPattern(manifest.files.lists.pattern, 'key', key);
      const list = await load<ProjectListT>(file, ProjectList);
      if (!list) continue;
      if (list.territory !== key) issue(file, '/territory', `territory "${list.territory}" in the list of ${key}`);
      if (key === manifest.region.code) eq(file, '/items', 'region list length = projects', list.items.length, t.projects);
    }
  }

  // ------------------------------------------------------------ quality
  if (quality) {
    quality.files.forEach((f, i) => eq(manifest.files.quality, `/files/${i}`, `${f.file}: read = kept + rejected + skipped`, f.read, f.kept + f.rejected + f.skipped));
  }

  return { ok: issues.length === 0, issues, filesChecked };
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current)) {
      const path = join(current, entry);
      if ((await stat(path)).isDirectory()) await walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  }
  await walk(dir);
  return out;
}
