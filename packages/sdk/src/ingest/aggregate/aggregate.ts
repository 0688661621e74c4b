/**
 * The aggregate step: from what the read step gathered to the contents of every
 * package file. No clock or locale is consulted: the same sources give the same
 * contents. The read step spilled its rows to files by partition (read/spill.ts);
 * this step takes one partition at a time, makes its project records, adds them
 * to the running sums (tallies.ts, compact: counts and cents per key) and spills
 * each record, as JSON text, back to its partition (kind `record`). A shard's
 * text is assembled, sorted, when the writer asks for it: every record of a
 * shard is in one partition (same hash, see `shardPartitions`), so the writer
 * takes the shards partition by partition. Only the sums and one partition are
 * in memory at any time. The other side effect is on
 * `sources.quality`, which receives the warnings of this step (missing amounts,
 * localisations that cannot be placed).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type {
  AwardeeList, BodyFacts, Facts, Manifest, Measures, PaidFacts, Provenance, Quality, Reconciliation, Source, Territories, ViewFile,
} from '../../schema/package.js';
import { splitTenders } from '../../format/tenders.js';
import { VIEW_LISTING } from '../../format/views.js';
import { viewFiles } from './views.js';
import { SCHEMA_VERSION } from '../../format/version.js';
import { PACKAGE_FILES } from '../../format/paths.js';
import { LIST_PAGE_SIZE } from '../../format/list-pages.js';
import { projectShard, shardCount } from '../../format/shard.js';
import { packageTerritoryKeys } from '../../format/keys.js';
import { byString } from '../../format/compare.js';
import type { Collected, PaymentDraft } from '../read/collect.js';
import type { LocRow } from '../read/read-sources.js';
import { SPILL_PARTITIONS } from '../read/spill.js';
import { decodeLocalisation, decodePayment, decodeProject } from '../read/spill-records.js';
import { projectTenders, tenderRowsByProject } from '../read/award-rows.js';
import { indicatorRowsByProject, projectIndicators } from '../read/indicator-rows.js';
import type { RegionTerritories } from '../read/territories.js';
import type { QualityLog } from '../check/quality.js';
import { maxDate } from '../read/dates.js';
import { InputError } from '../errors.js';
import { attributeProject } from './place.js';
import type { MergedComune } from '../../format/merged-comuni.js';
import { projectRecord, requiredAmount } from './project-record.js';
import { PackageTallies } from './tallies.js';
import { listGroup, listTexts, shardTexts, tenderTexts, type ListText, type ShardText, type TenderText } from './spilled-files.js';
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
  /** Items per page of the project lists (default `LIST_PAGE_SIZE`); tests set it small to page the Tuscan lists. */
  listPageSize?: number;
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
  /**
   * Every project shard, all `manifest.files.projectShards.count` of them (see `shardCount`): its name and
   * its file's text (a `ProjectShard`), assembled when asked for, in the order that reads each spill partition once.
   */
  shards: ShardText[];
  /** The tenders past the first ones of the shard records, one file per CUP that has any (see splitTenders), made on demand. */
  tenderFiles: TenderText[];
  /**
   * One project list per territory key: its key and its file's text (a `ProjectList`), assembled when asked for, a
   * province's lists together; a list longer than a page also gives its page files.
   */
  lists: ListText[];
  /** One awardee list per territory key, sorted by key; null when the build had no awardee file. */
  awardeeLists: AwardeeList[] | null;
  /** The pre-aggregated spending() answers of `manifest.files.views` (see `viewFiles`). */
  views: ViewFile[];
  quality: Quality;
}

export type { ListText, ShardText, TenderText } from './spilled-files.js';

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
  const pageSize = sources.listPageSize ?? LIST_PAGE_SIZE;
  const dates = packageDates(sources);
  const { collected, quality, territories } = sources;
  const { spill, dropped } = collected;
  const remapped = new Map<string, MergedComune>();
  // A list item goes to the spill file of its territory's group (a province's keys together), as
  // "key\tsort key\titem JSON" (`listSortKey`). Each list's length decides whether it is paged.
  const listSizes = new Map<string, number>();
  const tallies = new PackageTallies(sources.region, (key, sortKey, item) => {
    listSizes.set(key, (listSizes.get(key) ?? 0) + 1);
    spill.append('list', listGroup(key), `${key}\t${sortKey}\t${item}`);
  });
  const awardees = new AwardeeTallies(sources.region);
  const withAwardees = collected.sources.some((s) => s.role === 'awardees');
  const withIndicators = collected.sources.some((s) => s.role === 'indicators');
  // The shard count grows with the package, so that one card's file stays small.
  const shardTotal = shardCount(collected.projectCount);
  /** The CUPs that have a tenders file, with the spill partition of their entries, in writing order. */
  const tenderFiles: Array<{ cup: string; part: number }> = [];
  for (let part = 0; part < SPILL_PARTITIONS; part++) {
    // Every row of a CUP is in the same partition (spill.ts), so sameCup is counted within it.
    const drafts = spill.lines('project', part).map((line) => decodeProject(line, collected.sources)).filter((d) => !dropped.has(d.key));
    const rows = new Map<string, LocRow[]>();
    for (const line of spill.lines('localisation', part)) {
      const { key, row } = decodeLocalisation(line, collected.sources);
      const list = rows.get(key);
      if (list) list.push(row);
      else rows.set(key, [row]);
    }
    const payments = new Map<string, PaymentDraft>();
    for (const line of spill.lines('payment', part)) {
      const { key, payment } = decodePayment(line, collected.sources);
      payments.set(key, payment);
    }
    const tenders = tenderRowsByProject(spill.lines('tender', part));
    const indicators = indicatorRowsByProject(spill.lines('indicator', part));
    drafts.sort((a, b) => byString(a.cup, b.cup) || byString(a.localCode, b.localCode));
    const cupCount = new Map<string, number>();
    for (const d of drafts) cupCount.set(d.cup, (cupCount.get(d.cup) ?? 0) + 1);

    for (const draft of drafts) {
      draft.payments = payments.get(draft.key) ?? null;
      const tenderRows = tenders.get(draft.key);
      draft.tenders = withAwardees ? (tenderRows ? projectTenders(tenderRows, collected.sources, quality) : []) : null;
      const indicatorRows = indicators.get(draft.key);
      draft.indicators = withIndicators ? (indicatorRows ? projectIndicators(indicatorRows, collected.sources, quality) : []) : null;
      const pnrr = requiredAmount(draft, 'pnrr', quality);
      const total = requiredAmount(draft, 'total', quality);
      const attributed = attributeProject(draft, rows.get(draft.key)!, pnrr, total, territories, quality, remapped);
      const record = projectRecord(draft, pnrr, total, attributed, cupCount.get(draft.cup) ?? 1);
      tallies.add(record, draft.key);
      awardees.add(record, draft.key);
      if (attributed.payments) tallies.addPayments(record, draft.key, attributed.payments);
      // After the tallies (they count every tender): the record keeps the first ones, the rest go to
      // the CUP's tenders file, spilled as "CUP\tentry JSON" (drafts are sorted, so a CUP's entries are
      // consecutive and in local-code order).
      const rest = splitTenders(record);
      if (rest) {
        if (tenderFiles.at(-1)?.cup !== record.cup) tenderFiles.push({ cup: record.cup, part });
        spill.append('tender-rest', part, `${record.cup}\t${JSON.stringify(rest)}`);
      }
      // The shard, its sort key (CUP, then local code), then the record's JSON.
      spill.append('record', part, `${projectShard(record.cup, shardTotal)}\t${JSON.stringify(draft.key)}\t${JSON.stringify(record)}`);
    }
  }
  spill.flush();
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
    manifest: packageManifest(sources, dates, totals, withAwardees, shardTotal, tenderFiles.length > 0, [...listSizes.values()].some((n) => n > pageSize)),
    provenance: { schemaVersion: SCHEMA_VERSION, sources: sourceList(sources), totals },
    territories: territoriesData,
    measures,
    facts,
    bodyFacts,
    paidFacts: payments ? tallies.paidFactsFile({ projects: dates.referenceDate, payments: paymentsDate }) : null,
    boundaries: territories.boundaries,
    shards: shardTexts(spill, shardTotal),
    tenderFiles: tenderTexts(spill, tenderFiles),
    lists: listTexts(spill, tallies.listKeys(territoryKeys), listSizes, pageSize),
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
  withListPages: boolean,
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
      lists: { pattern: PACKAGE_FILES.listPattern, ...(withListPages ? { pagePattern: PACKAGE_FILES.listPagePattern } : {}) },
      ...(withAwardees ? { awardees: { pattern: PACKAGE_FILES.awardeeListPattern } } : {}),
      views: VIEW_LISTING,
      ...(withTenderFiles ? { tenders: { pattern: PACKAGE_FILES.tenderPattern } } : {}),
    },
  };
}
