/**
 * The aggregate step: from what the read step gathered to the contents of every
 * package file, in memory. No file is read or written here, no clock or locale
 * is consulted: the same sources give the same contents. The only side effect
 * is on `sources.quality`, which receives the warnings of this step
 * (missing amounts, localisations that cannot be placed).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type {
  AwardeeList, BodyFacts, Facts, Manifest, Measures, PaidFacts, Project, ProjectList, ProjectShard, Provenance, Quality, Reconciliation, Source, TenderFile, Territories,
  ViewFile,
} from '../../schema/package.js';
import { splitTenders, type TenderRest } from '../../format/tenders.js';
import { VIEW_LISTING } from '../../format/views.js';
import { viewFiles } from './views.js';
import { SCHEMA_VERSION } from '../../format/version.js';
import { PACKAGE_FILES } from '../../format/paths.js';
import { allShards, projectShard, shardCount } from '../../format/shard.js';
import { packageTerritoryKeys } from '../../format/keys.js';
import { byString } from '../../format/compare.js';
import type { Collected } from '../read/collect.js';
import type { RegionTerritories } from '../read/territories.js';
import type { QualityLog } from '../check/quality.js';
import { maxDate } from '../read/dates.js';
import { InputError } from '../errors.js';
import { attributeProject } from './place.js';
import type { MergedComune } from '../../format/merged-comuni.js';
import { projectRecord, requiredAmount } from './project-record.js';
import { PackageTallies } from './tallies.js';
import { AwardeeTallies } from './awardee-lists.js';
import {
  BOUNDARIES_ATTRIBUTION, BOUNDARIES_DATASET, LICENCE, POPULATION_ATTRIBUTION, POPULATION_DATASET, POPULATION_YEARS, dataAttribution,
} from './texts.js';

/** What the read step gathers: every input of the package, parsed, filtered to the region, joined. */
export interface Sources {
  /** ISTAT region code, 2 digits. */
  region: string;
  /** The region's comuni, provinces and population, and the boundaries file. */
  territories: RegionTerritories;
  /** The region's projects and their localisation and payment rows. */
  collected: Collected;
  /** The quality log of the read (aggregate adds its own warnings to it). */
  quality: QualityLog;
  /** File names (no folder) of the boundaries and population inputs, as the manifest lists them. */
  boundariesFile: string;
  populationFile: string;
  /** YYYY-MM-DD; default: the latest reference date of all sources. */
  generatedAt?: string;
}

/** The contents of every file of a data package, as written (README.md and checksums.json are derived by the writer). */
export interface PackageContents {
  manifest: Manifest;
  /** provenance.json: the source files and the reconciliation totals (kept out of the manifest every widget reads). */
  provenance: Provenance;
  territories: Territories;
  measures: Measures;
  facts: Facts;
  bodyFacts: BodyFacts;
  /** facts-paid.json: null when the build read no payments file. */
  paidFacts: PaidFacts | null;
  /** boundaries.topo.json, byte for byte as given. */
  boundaries: Buffer;
  /** Every project shard, all `manifest.files.projectShards.count` of them (see `shardCount`), in shard order. */
  shards: ProjectShard[];
  /** The tenders past the first ones of the shard records, one file per CUP that has any, sorted by CUP. */
  tenderFiles: TenderFile[];
  /** One project list per territory key, sorted by key. */
  lists: ProjectList[];
  /** One awardee list per territory key, sorted by key; null when the build had no awardee file. */
  awardeeLists: AwardeeList[] | null;
  /** The pre-aggregated spending() answers of `manifest.files.views` (see `viewFiles`). */
  views: ViewFile[];
  quality: Quality;
}

const GENERATOR = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    return `${pkg.name} ${pkg.version} (pnrr-toscana build)`;
  } catch {
    return '@pnrr-toscana/sdk (pnrr-toscana build)';
  }
})();

/**
 * Every package file's contents from the sources: one record per project (its
 * amounts attributed to places), the sums by territory, the manifest.
 *
 * @throws InputError when the sources carry no date, or a total exceeds 2^53 cents.
 */
export function aggregate(sources: Sources): PackageContents {
  const dates = packageDates(sources);
  const { collected, quality, territories } = sources;
  const remapped = new Map<string, MergedComune>();
  const drafts = [...collected.projects.values()].sort((a, b) => byString(a.cup, b.cup) || byString(a.localCode, b.localCode));
  const cupCount = new Map<string, number>();
  for (const d of drafts) cupCount.set(d.cup, (cupCount.get(d.cup) ?? 0) + 1);

  const tallies = new PackageTallies(sources.region);
  const awardees = new AwardeeTallies(sources.region);
  const withAwardees = collected.sources.some((s) => s.role === 'awardees');
  // The shard count grows with the package, so that one card's file stays small.
  const shardTotal = shardCount(drafts.length);
  const shardNames = allShards(shardTotal);
  const shards = new Map<string, Project[]>(shardNames.map((shard) => [shard, []]));
  const tenderRests = new Map<string, TenderRest[]>();
  for (const draft of drafts) {
    const pnrr = requiredAmount(draft, 'pnrr', quality);
    const total = requiredAmount(draft, 'total', quality);
    const attributed = attributeProject(draft, collected.rows.get(draft.key)!, pnrr, total, territories, quality, remapped);
    const record = projectRecord(draft, pnrr, total, attributed, cupCount.get(draft.cup) ?? 1);
    shards.get(projectShard(record.cup, shardTotal))!.push(record);
    tallies.add(record, draft.key);
    awardees.add(record);
    if (attributed.payments) tallies.addPayments(record, draft.key, attributed.payments);
    // Last: the tallies above count every tender; the record keeps the first ones, the rest go to the CUP's tenders file.
    const rest = splitTenders(record);
    if (rest) tenderRests.set(record.cup, [...(tenderRests.get(record.cup) ?? []), rest]);
  }
  const territoryKeys = packageTerritoryKeys(sources.region, territories.provinces, territories.comuni);
  tallies.checkExact();

  const paymentSources = collected.sources.filter((s) => s.role === 'payments');
  const paymentsDate = paymentSources.reduce<string | null>((d, s) => maxDate(d, s.referenceDate), null);
  const payments = paymentSources.length > 0 ? tallies.paymentTotals(paymentsDate) : null;

  const qualityFile: Quality = {
    schemaVersion: SCHEMA_VERSION,
    files: quality.files.map((f) => f.toJSON()),
    rejected: quality.rejectedIssues(),
    warnings: quality.warningIssues(),
  };
  const territoriesData = territoriesFile(sources, remapped);
  const measures = tallies.measuresFile();
  const facts = tallies.factsFile();
  const bodyFacts = tallies.bodyFactsFile();
  const totals = payments ? { ...tallies.totals, payments } : tallies.totals;
  return {
    manifest: packageManifest(sources, dates, totals, withAwardees, shardTotal, tenderRests.size > 0),
    provenance: { schemaVersion: SCHEMA_VERSION, sources: sourceList(sources), totals },
    territories: territoriesData,
    measures,
    facts,
    bodyFacts,
    paidFacts: payments ? tallies.paidFactsFile({ projects: dates.referenceDate, payments: paymentsDate }) : null,
    boundaries: territories.boundaries,
    shards: shardNames.map((shard) => ({ schemaVersion: SCHEMA_VERSION, shard, projects: shards.get(shard)! })),
    // Drafts are sorted by CUP then local code, so are the files and their entries.
    tenderFiles: [...tenderRests].map(([cup, projects]) => ({ schemaVersion: SCHEMA_VERSION, cup, projects })),
    lists: tallies.listFiles(territoryKeys),
    awardeeLists: withAwardees ? awardees.listFiles(territoryKeys) : null,
    views: viewFiles({ facts, bodyFacts, measures, territories: territoriesData }),
    quality: qualityFile,
  };
}

/**
 * The package's reference date (latest of the project/localisation files) and
 * generation date (latest of all sources; never the clock, so a rebuild is
 * byte-identical). `--reference-date` has already replaced the files' dates in the read step.
 */
function packageDates(sources: Sources): { referenceDate: string; generatedAt: string } {
  const all = sources.collected.sources;
  let referenceDate: string | null = null;
  for (const s of all) if (s.role === 'projects' || s.role === 'localisations') referenceDate = maxDate(referenceDate, s.referenceDate);
  let latestAll: string | null = referenceDate;
  for (const s of all) latestAll = maxDate(latestAll, s.referenceDate);
  referenceDate ??= latestAll ?? sources.generatedAt ?? null;
  const generatedAt = sources.generatedAt ?? latestAll ?? referenceDate;
  if (!referenceDate || !generatedAt) {
    throw new InputError('the source files carry no date (no Data di Estrazione / Data aggiornamento): pass --reference-date YYYY-MM-DD');
  }
  return { referenceDate, generatedAt };
}

function territoriesFile(sources: Sources, remapped: ReadonlyMap<string, MergedComune>): Territories {
  const t = sources.territories;
  return {
    schemaVersion: SCHEMA_VERSION,
    region: { code: sources.region, name: t.regionName, population: t.regionPopulation },
    provinces: t.provinces.map((p) => ({ code: p.code, name: p.name, abbreviation: p.abbreviation, population: p.population })),
    comuni: t.comuni.map((c) => ({ code: c.code, name: c.name, province: c.province, population: c.population })),
    populationYears: { istat2021: POPULATION_YEARS.istat2021, anpr2025: POPULATION_YEARS.anpr2025 },
    remapped: [...remapped.entries()].sort(([a], [b]) => byString(a, b)).map(([from, m]) => ({ from, to: m.to, name: m.name, since: m.since })),
  };
}

/** Every source file of the build, as provenance.json lists them. */
function sourceList(sources: Sources): Source[] {
  const t = sources.territories;
  const list: Source[] = sources.collected.sources.map((s) => ({
    role: s.role, file: s.file, dataset: s.layout.dataset, layout: s.layout.id, referenceDate: s.referenceDate, rows: s.rows, sha256: s.sha256,
  }));
  list.push({
    role: 'boundaries', file: sources.boundariesFile, dataset: BOUNDARIES_DATASET, layout: 'topojson-comuni-province-regione',
    referenceDate: null, rows: t.boundariesComuni, sha256: createHash('sha256').update(t.boundaries).digest('hex'),
  });
  list.push({
    role: 'population', file: sources.populationFile, dataset: POPULATION_DATASET, layout: 'pro_com_t-population',
    referenceDate: null, rows: t.populationRows, sha256: t.populationSha256,
  });
  return list;
}

/**
 * manifest.json: what every widget reads first, so only what a first render needs (names, dates, licence,
 * attribution, file names). The sources and totals are in provenance.json.
 */
function packageManifest(
  sources: Sources, dates: { referenceDate: string; generatedAt: string }, totals: Reconciliation, withAwardees: boolean, shards: number, withTenderFiles: boolean,
): Manifest {
  const t = sources.territories;
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: GENERATOR,
    generatedAt: dates.generatedAt,
    region: { code: sources.region, name: t.regionName },
    referenceDate: dates.referenceDate,
    licence: { id: LICENCE.id, name: LICENCE.name, url: LICENCE.url },
    attribution: { data: dataAttribution(t.regionName), boundaries: BOUNDARIES_ATTRIBUTION, population: POPULATION_ATTRIBUTION },
    files: {
      territories: PACKAGE_FILES.territories,
      measures: PACKAGE_FILES.measures,
      facts: PACKAGE_FILES.facts,
      bodyFacts: PACKAGE_FILES.bodyFacts,
      ...(totals.payments ? { paidFacts: PACKAGE_FILES.paidFacts } : {}),
      boundaries: PACKAGE_FILES.boundaries,
      quality: PACKAGE_FILES.quality,
      checksums: PACKAGE_FILES.checksums,
      provenance: PACKAGE_FILES.provenance,
      projectShards: { pattern: PACKAGE_FILES.projectShardPattern, count: shards },
      lists: { pattern: PACKAGE_FILES.listPattern },
      ...(withAwardees ? { awardees: { pattern: PACKAGE_FILES.awardeeListPattern } } : {}),
      views: VIEW_LISTING,
      ...(withTenderFiles ? { tenders: { pattern: PACKAGE_FILES.tenderPattern } } : {}),
    },
  };
}
