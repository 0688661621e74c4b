/**
 * Build a data package (directory) from the official CSVs of one release.
 * Output is a pure function of the inputs and options: no wall clock, no
 * locale, fixed key order, sorted arrays — a rerun is byte-identical.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type {
  BodyFactRow, BodyFacts, Checksums, Facts, Funding, Manifest, Measures, Project, ProjectList, ProjectListItem,
  ProjectShard, Quality, Reconciliation, Source, Territories,
} from '../schema/package.js';
import { SCHEMA_VERSION } from '../format/version.js';
import { PACKAGE_FILES, fillPattern } from '../format/paths.js';
import { ALL_SHARDS, PROJECT_SHARD_COUNT, projectShard } from '../format/shard.js';
import { packageTerritoryKeys, provinceOf } from '../format/keys.js';
import { collect, type ProjectDraft } from './read/collect.js';
import { attributeProject, type AttributedProject } from './aggregate/place.js';
import type { MergedComune } from './aggregate/merged-comuni.js';
import { QualityLog } from './check/quality.js';
import { loadTerritories } from './read/territories.js';
import { PackageWriter, compactJson, prettyJson, sortedRecordJson } from './write/json.js';
import { byString } from '../format/compare.js';
import { InputError } from './errors.js';
import { maxDate } from './read/dates.js';
import {
  BOUNDARIES_ATTRIBUTION, BOUNDARIES_DATASET, LICENCE, POPULATION_ATTRIBUTION, POPULATION_DATASET, POPULATION_YEARS, dataAttribution,
} from './aggregate/texts.js';
import { packageReadme } from './write/readme.js';
import { checkOutDir, createStaging, moveIntoPlace, removeStaging } from './write/out-dir.js';
import { validatePackage } from './check/validate.js';

/** Inputs of `buildPackage()`: paths of the official files (CSV, TopoJSON) and of the output directory. */
export interface BuildOptions {
  /** Project CSV files of the region (any recognised layout, see `LAYOUTS`). */
  projects: string[];
  /** Localisation CSV files: the region's and the `*_fuori_*` one, so equal splits count every region. */
  localisations: string[];
  /** Payment CSV files (optional: without them `Project.payments` is null). */
  payments?: string[];
  /** ISTAT region code, 2 digits ("09" Toscana). */
  region: string;
  /** TopoJSON of the region's comuni (copied into the package as boundaries.topo.json). */
  boundaries: string;
  /** CSV of the comuni's resident population (ISTAT 2021 and ANPR 2025). */
  population: string;
  /**
   * Output directory of the data package: absent, empty, or (with `force`) a package this tool
   * wrote and nobody changed. Anything else is refused; nothing in it is touched.
   */
  out: string;
  /** Replace the package already in `out` (only one this tool wrote, unchanged since). */
  force?: boolean;
  /** Stops the build (Ctrl-C): it throws the signal's reason and leaves `out` as it was. */
  signal?: AbortSignal;
  /** Called as the build enters each phase (the CLI prints them). */
  onPhase?: (phase: BuildPhase) => void;
  /** YYYY-MM-DD; default: the latest reference date of all sources. */
  generatedAt?: string;
  /** YYYY-MM-DD; overrides the reference date read from the project/localisation files. */
  referenceDate?: string;
}

/** The phases of a build, in order; `files` is the number of files `writing` will write. */
export type BuildPhase =
  | { phase: 'reading' }
  | { phase: 'writing'; files: number; staging: string }
  | { phase: 'validating' }
  | { phase: 'replacing' };

/** What `buildPackage()` wrote. */
export interface BuildResult {
  /** The package's manifest.json. */
  manifest: Manifest;
  /** The package's quality.json: rows read, kept, rejected and skipped, and why. */
  quality: Quality;
  /** Every written file (path relative to the package directory) with its size and sha256, as in checksums.json. */
  files: Map<string, { bytes: number; sha256: string }>;
}

const GENERATOR = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    return `${pkg.name} ${pkg.version} (pnrr-toscana build)`;
  } catch {
    return '@pnrr-toscana/sdk (pnrr-toscana build)';
  }
})();

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const zero = (): { pnrrCents: number; totalCents: number } => ({ pnrrCents: 0, totalCents: 0 });

/** Implementing body key: the 11-digit tax code, else "name:" + upper-cased name (masked or missing codes). */
export function bodyKey(taxCode: string | null, name: string | null): string {
  const code = (taxCode ?? '').trim();
  if (/^\d{11}$/.test(code)) return code;
  return `name:${(name ?? '').replace(/\s+/g, ' ').trim().toUpperCase()}`;
}

interface Accumulator { pnrr: number; total: number; projects: Set<string> }

function add(map: Map<string, Accumulator>, key: string, pnrr: number, total: number, project: string): void {
  let acc = map.get(key);
  if (!acc) map.set(key, (acc = { pnrr: 0, total: 0, projects: new Set() }));
  acc.pnrr += pnrr;
  acc.total += total;
  acc.projects.add(project);
}

/**
 * Builds a data package from the official CSVs into `options.out`: byte-identical
 * for the same inputs. Rows that cannot be used are reported in quality.json,
 * never dropped silently. The package is written into a temporary sibling folder,
 * validated there, then moved into place: a failed or interrupted build leaves
 * `out` exactly as it was.
 *
 * @throws InputError when an option is invalid, `out` cannot be used, an input file is missing,
 *   unrecognised or not UTF-8 text, no project of the region is left, or the result does not validate.
 */
export async function buildPackage(options: BuildOptions): Promise<BuildResult> {
  if (!/^\d{2}$/.test(options.region)) throw new InputError(`--region must be a 2-digit ISTAT region code, got "${options.region}"`);
  for (const [name, value] of [['--generated-at', options.generatedAt], ['--reference-date', options.referenceDate]] as const) {
    if (value !== undefined && !ISO.test(value)) throw new InputError(`${name} must be YYYY-MM-DD, got "${value}"`);
  }
  if (options.projects.length === 0) throw new InputError('at least one --projects file is required');
  if (options.localisations.length === 0) throw new InputError('at least one --localisations file is required');
  const { signal, onPhase = () => {} } = options;
  const outState = await checkOutDir(options.out, options.force ?? false);

  onPhase({ phase: 'reading' });
  const territories = await loadTerritories(options.region, options.boundaries, options.population);
  const quality = new QualityLog();
  const collected = await collect(
    { region: options.region, projects: options.projects, localisations: options.localisations, payments: options.payments ?? [], ...(signal ? { signal } : {}) },
    quality,
  );
  if (collected.projects.size === 0) {
    const counts = quality.files.filter((f) => f.role === 'projects').map((f) => `${f.file}: ${f.read} rows read, ${f.rejected} rejected, ${f.skipped} of other regions`);
    throw new InputError(`no project of region ${options.region} in the projects files (${counts.join('; ')}); a package needs at least one. Nothing was written.`);
  }
  const populationTally = quality.tally(basename(options.population), 'population');
  populationTally.read = populationTally.kept = territories.populationRows;

  // ------------------------------------------------------------ dates
  // Settled before the project records are made: --reference-date replaces the date of every
  // project/localisation file, and each record copies its file's date.
  const dataSources = collected.sources.filter((s) => s.role === 'projects' || s.role === 'localisations');
  if (options.referenceDate) for (const s of dataSources) s.referenceDate = options.referenceDate;
  let referenceDate: string | null = options.referenceDate ?? null;
  for (const s of dataSources) referenceDate = maxDate(referenceDate, s.referenceDate);
  let latestAll: string | null = referenceDate;
  for (const s of collected.sources) latestAll = maxDate(latestAll, s.referenceDate);
  referenceDate ??= latestAll ?? options.generatedAt ?? null;
  const generatedAt = options.generatedAt ?? latestAll ?? referenceDate;
  if (!referenceDate || !generatedAt) {
    throw new InputError('the source files carry no date (no Data di Estrazione / Data aggiornamento): pass --reference-date YYYY-MM-DD');
  }
  const dates = { referenceDate, generatedAt };

  // ------------------------------------------------------------ projects and attribution
  const remapped = new Map<string, MergedComune>();
  const drafts = [...collected.projects.values()].sort((a, b) => byString(a.cup, b.cup) || byString(a.localCode, b.localCode));
  const cupCount = new Map<string, number>();
  for (const d of drafts) cupCount.set(d.cup, (cupCount.get(d.cup) ?? 0) + 1);

  const projectRecords: Project[] = [];
  const totals: Reconciliation = {
    projects: 0, touching: zero(), inside: zero(), outside: zero(), comuni: zero(), provinceWide: zero(), regionWide: zero(),
  };
  const facts = new Map<string, Map<string, Accumulator>>(); // territory → submeasure → acc
  const bodyFacts = new Map<string, Map<string, Accumulator>>(); // territory\0submeasure → body → acc
  const bodies = new Map<string, string>();
  const lists = new Map<string, ProjectListItem[]>();
  const missions = new Map<string, string>();
  const components = new Map<string, { name: string; mission: string }>();
  const measures = new Map<string, { id: string; name: string; component: string }>();
  const submeasures = new Map<string, { name: string; measure: string }>();

  for (const draft of drafts) {
    const rows = collected.rows.get(draft.key)!;
    const pnrr = requiredAmount(draft, 'pnrr', quality);
    const total = requiredAmount(draft, 'total', quality);
    const attributed = attributeProject(draft, rows, pnrr, total, territories, quality, remapped);
    const record = projectRecord(draft, pnrr, total, attributed, cupCount.get(draft.cup) ?? 1);
    projectRecords.push(record);

    const id = draft.key;
    totals.projects++;
    totals.touching.pnrrCents += pnrr;
    totals.touching.totalCents += total;
    totals.inside.pnrrCents += attributed.inside.pnrrCents;
    totals.inside.totalCents += attributed.inside.totalCents;
    totals.outside.pnrrCents += attributed.outside.pnrrCents;
    totals.outside.totalCents += attributed.outside.totalCents;

    if (!missions.has(record.mission.code)) missions.set(record.mission.code, record.mission.name);
    if (!components.has(record.component.code)) components.set(record.component.code, { name: record.component.name, mission: record.mission.code });
    if (!measures.has(record.measure.code)) measures.set(record.measure.code, { id: record.measure.id, name: record.measure.name, component: record.component.code });
    if (!submeasures.has(record.submeasure.code)) submeasures.set(record.submeasure.code, { name: record.submeasure.name, measure: record.measure.code });
    const body = record.implementingBody.key;
    if (!bodies.has(body)) bodies.set(body, record.implementingBody.name);

    // Per-project amounts by territory key: comuni/buckets, their provinces, the region.
    const byKey = new Map<string, { pnrr: number; total: number }>();
    const bump = (key: string, p: number, t: number): void => {
      const v = byKey.get(key) ?? { pnrr: 0, total: 0 };
      v.pnrr += p;
      v.total += t;
      byKey.set(key, v);
    };
    for (const loc of record.localisations) {
      if (loc.territory === null) continue;
      const scopeTotals = loc.scope === 'comune' ? totals.comuni : loc.scope === 'province-wide' ? totals.provinceWide : totals.regionWide;
      scopeTotals.pnrrCents += loc.pnrrCents;
      scopeTotals.totalCents += loc.totalCents;
      bump(loc.territory, loc.pnrrCents, loc.totalCents);
      const province = provinceOf(loc.territory);
      if (province) bump(province, loc.pnrrCents, loc.totalCents);
      bump(options.region, loc.pnrrCents, loc.totalCents);
    }
    // places: the comuni and buckets (6-digit keys), not the province and region added above.
    const places = [...byKey.keys()].filter((k) => k.length === 6).sort(byString);
    const item: ProjectListItem = {
      cup: record.cup,
      localCode: record.localCode,
      title: record.title,
      submeasure: record.submeasure.code,
      body,
      bodyName: record.implementingBody.name,
      pnrrCents: record.funding.pnrrCents,
      totalCents: record.funding.totalCents,
      places,
    };
    for (const [key, v] of byKey) {
      let bySub = facts.get(key);
      if (!bySub) facts.set(key, (bySub = new Map()));
      add(bySub, record.submeasure.code, v.pnrr, v.total, id);
      const bodyKeyed = `${key}\u0000${record.submeasure.code}`;
      let byBody = bodyFacts.get(bodyKeyed);
      if (!byBody) bodyFacts.set(bodyKeyed, (byBody = new Map()));
      add(byBody, body, v.pnrr, v.total, id);
      const list = lists.get(key);
      if (list) list.push(item);
      else lists.set(key, [item]);
    }
  }

  for (const [name, value] of Object.entries(totals)) {
    const amounts = typeof value === 'number' ? [value] : [value.pnrrCents, value.totalCents];
    if (!amounts.every(Number.isSafeInteger)) throw new InputError(`the ${name} amounts add up beyond 2^53 cents and cannot be counted exactly; check the amounts in quality.json's sources`);
  }

  // ------------------------------------------------------------ write (into a temporary sibling folder)
  signal?.throwIfAborted();
  const listKeys = new Set([...packageTerritoryKeys(options.region, territories.provinces, territories.comuni), ...lists.keys()]);
  const staging = await createStaging(options.out);
  try {
    onPhase({ phase: 'writing', files: 9 + ALL_SHARDS.length + listKeys.size, staging });
    const result = await writePackage(staging);
    onPhase({ phase: 'validating' });
    const check = await validatePackage(staging);
    if (!check.ok) {
      const first = check.issues[0]!;
      throw new InputError(
        `the package built from these inputs does not validate (${check.issues.length} errors; first: ${first.file}${first.path ? ` ${first.path}` : ''}: ${first.message}); ` +
          `nothing was replaced. Please report it with the input files.`,
      );
    }
    signal?.throwIfAborted();
    // The folder may have changed while the build ran: check it again right before replacing it.
    if ((await checkOutDir(options.out, options.force ?? false)) !== outState) throw new InputError(`--out ${options.out} changed during the build; nothing was replaced`);
    onPhase({ phase: 'replacing' });
    await moveIntoPlace(staging, options.out, outState);
    return result;
  } catch (error) {
    await removeStaging(staging);
    throw error;
  }

  /** Writes every file of the package into `dir` (the temporary folder), checksums.json last. */
  async function writePackage(dir: string): Promise<BuildResult> {
    const writer = new PackageWriter(dir, signal);
    const regionName = territories.regionName;

    const territoriesFile: Territories = {
      schemaVersion: SCHEMA_VERSION,
      region: { code: options.region, name: regionName, population: territories.regionPopulation },
      provinces: territories.provinces.map((p) => ({ code: p.code, name: p.name, abbreviation: p.abbreviation, population: p.population })),
      comuni: territories.comuni.map((c) => ({ code: c.code, name: c.name, province: c.province, population: c.population })),
      populationYears: { istat2021: POPULATION_YEARS.istat2021, anpr2025: POPULATION_YEARS.anpr2025 },
      remapped: [...remapped.entries()].sort(([a], [b]) => byString(a, b)).map(([from, m]) => ({ from, to: m.to, name: m.name, since: m.since })),
    };
    await writer.write(PACKAGE_FILES.territories, compactJson(territoriesFile));

    const measuresFile: Measures = {
      schemaVersion: SCHEMA_VERSION,
      missions: [...missions].sort(([a], [b]) => byString(a, b)).map(([code, name]) => ({ code, name })),
      components: [...components].sort(([a], [b]) => byString(a, b)).map(([code, c]) => ({ code, name: c.name, mission: c.mission })),
      measures: [...measures].sort(([a], [b]) => byString(a, b)).map(([code, m]) => ({ code, id: m.id, name: m.name, component: m.component })),
      submeasures: [...submeasures].sort(([a], [b]) => byString(a, b)).map(([code, s]) => ({ code, name: s.name, measure: s.measure })),
    };
    await writer.write(PACKAGE_FILES.measures, compactJson(measuresFile));

    // facts.json: sub-measure codes once, amounts only for comuni and buckets (provinces and the region
    // are their sums), distinct project counts for provinces and the region (not sums: a project in two
    // comuni of a province counts once there).
    const factCodes = [...new Set([...facts.values()].flatMap((bySub) => [...bySub.keys()]))].sort(byString);
    const factIndex = new Map(factCodes.map((code, i) => [code, i]));
    const amounts: Facts['amounts'] = {};
    const counts: Facts['counts'] = {};
    for (const [key, bySub] of facts) {
      // Sorted codes give sorted indexes.
      const subs = [...bySub.keys()].sort(byString);
      // 6-digit keys are comuni and buckets; the others, provinces and the region.
      if (key.length === 6) {
        amounts[key] = subs.map((sub) => {
          const acc = bySub.get(sub)!;
          return [factIndex.get(sub)!, acc.pnrr, acc.total - acc.pnrr, acc.projects.size];
        });
      } else {
        counts[key] = subs.map((sub) => [factIndex.get(sub)!, bySub.get(sub)!.projects.size]);
      }
    }
    const factsFile: Facts = {
      schemaVersion: SCHEMA_VERSION,
      columns: { amounts: ['submeasure', 'pnrrCents', 'otherCents', 'projects'], counts: ['submeasure', 'projects'] },
      submeasures: factCodes,
      amounts,
      counts,
    };
    const factsJson =
      `{"schemaVersion":${JSON.stringify(factsFile.schemaVersion)},"columns":${JSON.stringify(factsFile.columns)},` +
      `"submeasures":${JSON.stringify(factsFile.submeasures)},"amounts":${sortedRecordJson(amounts)},"counts":${sortedRecordJson(counts)}}\n`;
    await writer.write(PACKAGE_FILES.facts, factsJson);

    const bodyKeys = [...bodies.keys()].sort(byString);
    const bodyIndex = new Map(bodyKeys.map((k, i) => [k, i]));
    const bodyRows: BodyFactRow[] = [];
    for (const composite of [...bodyFacts.keys()].sort(byString)) {
      const [territory, sub] = composite.split('\u0000') as [string, string];
      const byBody = bodyFacts.get(composite)!;
      for (const body of [...byBody.keys()].sort((a, b) => bodyIndex.get(a)! - bodyIndex.get(b)!)) {
        const acc = byBody.get(body)!;
        bodyRows.push([territory, sub, bodyIndex.get(body)!, acc.pnrr, acc.total, acc.projects.size]);
      }
    }
    const bodyFactsFile: BodyFacts = {
      schemaVersion: SCHEMA_VERSION,
      bodies: bodyKeys.map((key) => ({ key, name: bodies.get(key)! })),
      columns: ['territory', 'submeasure', 'body', 'pnrrCents', 'totalCents', 'projects'],
      rows: bodyRows,
    };
    await writer.write(PACKAGE_FILES.bodyFacts, compactJson(bodyFactsFile));

    await writer.write(PACKAGE_FILES.boundaries, territories.boundaries);

    // Shards: all 256 written, projects sorted by (cup, localCode).
    const shards = new Map<string, Project[]>();
    for (const record of projectRecords) {
      const shard = projectShard(record.cup);
      const list = shards.get(shard);
      if (list) list.push(record);
      else shards.set(shard, [record]);
    }
    for (const shard of ALL_SHARDS) {
      const file: ProjectShard = { schemaVersion: SCHEMA_VERSION, shard, projects: shards.get(shard) ?? [] };
      await writer.write(fillPattern(PACKAGE_FILES.projectShardPattern, 'shard', shard), compactJson(file));
    }

    // Lists: one per territory key, every one written even if empty.
    for (const key of [...listKeys].sort(byString)) {
      const items = [...(lists.get(key) ?? [])].sort(
        (a, b) => b.pnrrCents - a.pnrrCents || byString(a.cup, b.cup) || byString(a.localCode, b.localCode),
      );
      const file: ProjectList = { schemaVersion: SCHEMA_VERSION, territory: key, items };
      await writer.write(fillPattern(PACKAGE_FILES.listPattern, 'key', key), compactJson(file));
    }

    const qualityFile: Quality = {
      schemaVersion: SCHEMA_VERSION,
      files: quality.files.map((f) => f.toJSON()),
      rejected: quality.rejectedIssues(),
      warnings: quality.warningIssues(),
    };
    await writer.write(PACKAGE_FILES.quality, compactJson(qualityFile));

    const sources: Source[] = collected.sources.map((s) => ({
      role: s.role, file: s.file, dataset: s.layout.dataset, layout: s.layout.id, referenceDate: s.referenceDate, rows: s.rows, sha256: s.sha256,
    }));
    sources.push({
      role: 'boundaries', file: basename(options.boundaries), dataset: BOUNDARIES_DATASET, layout: 'topojson-comuni-province-regione',
      referenceDate: null, rows: territories.boundariesComuni, sha256: createHash('sha256').update(territories.boundaries).digest('hex'),
    });
    sources.push({
      role: 'population', file: basename(options.population), dataset: POPULATION_DATASET, layout: 'pro_com_t-population',
      referenceDate: null, rows: territories.populationRows, sha256: territories.populationSha256,
    });

    const manifest: Manifest = {
      schemaVersion: SCHEMA_VERSION,
      generator: GENERATOR,
      generatedAt: dates.generatedAt,
      region: { code: options.region, name: regionName },
      referenceDate: dates.referenceDate,
      licence: { id: LICENCE.id, name: LICENCE.name, url: LICENCE.url },
      attribution: { data: dataAttribution(regionName), boundaries: BOUNDARIES_ATTRIBUTION, population: POPULATION_ATTRIBUTION },
      sources,
      totals,
      files: {
        territories: PACKAGE_FILES.territories,
        measures: PACKAGE_FILES.measures,
        facts: PACKAGE_FILES.facts,
        bodyFacts: PACKAGE_FILES.bodyFacts,
        boundaries: PACKAGE_FILES.boundaries,
        quality: PACKAGE_FILES.quality,
        checksums: PACKAGE_FILES.checksums,
        projectShards: { pattern: PACKAGE_FILES.projectShardPattern, count: PROJECT_SHARD_COUNT },
        lists: { pattern: PACKAGE_FILES.listPattern },
      },
    };
    await writer.write(PACKAGE_FILES.manifest, prettyJson(manifest));
    await writer.write('README.md', packageReadme(manifest, qualityFile));

    const checksums: Checksums = { schemaVersion: SCHEMA_VERSION, files: {} };
    for (const name of [...writer.written.keys()].sort(byString)) checksums.files[name] = writer.written.get(name)!;
    await writer.write(PACKAGE_FILES.checksums, compactJson(checksums));

    return { manifest, quality: qualityFile, files: writer.written };
  }
}

function requiredAmount(draft: ProjectDraft, field: 'pnrr' | 'total', quality: QualityLog): number {
  const value = draft.amounts[field];
  if (value !== null && value !== undefined) return value;
  quality.warn(draft.source.tally, draft.line, 'missing-amount', `${draft.cup} / ${draft.localCode}: Finanziamento ${field === 'pnrr' ? 'PNRR' : 'Totale'} missing; counted as 0`);
  return 0;
}

const FUNDING_SOURCES = ['stato', 'statoBilancio', 'statoFoi', 'fpop', 'ue', 'regione', 'provincia', 'comune', 'altroPubblico', 'privato', 'daReperire', 'pnc', 'altriFondi'] as const;

function projectRecord(
  draft: ProjectDraft, pnrr: number, total: number, attributed: AttributedProject, sameCup: number,
): Project {
  const t = draft.text;
  const s = (field: string): string => t(field) ?? '';
  const sources: Funding['sources'] = {};
  for (const field of FUNDING_SOURCES) {
    const value = draft.amounts[field];
    if (typeof value === 'number' && value !== 0) sources[field] = value;
  }
  const cupFields = [t('cupNature'), t('cupType'), t('cupSector'), t('cupSubsector'), t('cupCategory')];
  const procedure = [t('procedureId'), t('procedureTitle'), t('procedureType')];
  const preExisting = t('preExisting');
  const preFlag = preExisting === null ? null : /^s[iì]$/i.test(preExisting) ? true : /^no$/i.test(preExisting) ? false : null;
  const taxCode = t('bodyTaxCode');
  const bodyName = s('body');
  return {
    cup: draft.cup,
    localCode: draft.localCode,
    title: s('title'),
    summary: t('summary'),
    mission: { code: s('mission'), name: s('missionName') },
    component: { code: s('component'), name: s('componentName') },
    measure: { code: s('measureCode'), id: s('measureId'), name: s('measureName') },
    submeasure: { code: s('submeasureCode'), name: s('submeasureName') },
    owner: t('owner'),
    procedure: procedure.every((v) => v === null) ? null : { id: procedure[0] ?? null, title: procedure[1] ?? null, type: procedure[2] ?? null },
    implementingBody: { key: bodyKey(taxCode, bodyName), name: bodyName, taxCode: taxCode && !/^\*+$/.test(taxCode) ? taxCode : null },
    cupStatus: t('cupStatus'),
    status: t('status'),
    cupClass: cupFields.every((v) => v === null)
      ? null
      : { nature: cupFields[0] ?? null, type: cupFields[1] ?? null, sector: cupFields[2] ?? null, subsector: cupFields[3] ?? null, category: cupFields[4] ?? null },
    preExisting: preFlag,
    funding: { pnrrCents: pnrr, totalCents: total, publicCents: draft.amounts['totalPublic'] ?? null, sources },
    payments: draft.payments
      ? {
          referenceDate: draft.payments.referenceDate,
          totalCents: draft.payments.totalCents,
          pnrrCents: draft.payments.pnrrCents,
          financedPnrrCents: draft.payments.financedPnrrCents,
          financedTotalCents: draft.payments.financedTotalCents,
        }
      : null,
    localisations: attributed.localisations,
    attributed: { inside: attributed.inside, outside: attributed.outside },
    sameCup,
    source: { dataset: draft.source.layout.dataset, file: draft.source.file, line: draft.line, referenceDate: draft.source.referenceDate, updated: draft.updated },
  };
}
