/**
 * Checks a data package directory: every file against its TypeBox schema,
 * checksums.json, the schema version, and the reconciliation invariants the build promises.
 *
 * Each file is read once (synchronously: for thousands of small files `readFileSync` is several
 * times faster than `fs/promises`), hashed for checksums.json as it is read, parsed once, and
 * checked with a compiled schema check; the error messages come from `Value.Errors` only when
 * that check fails.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Value, type ValueError } from '@sinclair/typebox/value';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import {
  AwardeeList, BodyFacts, Checksums, Facts, Manifest, Measures, PaidFacts, ProjectList, ProjectListItem, ProjectListPage, ProjectShard, Provenance, Quality, TenderFile, Territories,
  type ListPaging as ListPagingT, type ProjectListItem as ProjectListItemT, type ProjectListPage as ProjectListPageT,
  type Provenance as ProvenanceT, type TenderFile as TenderFileT, type Reconciliation, type AmountTotals as AmountTotalsT, type Checksums as ChecksumsT, type PaidFacts as PaidFactsT, type Facts as FactsT, type Manifest as ManifestT, type ProjectList as ProjectListT,
  type ProjectShard as ProjectShardT, type Quality as QualityT, type Territories as TerritoriesT,
} from '../../schema/package.js';
import { SCHEMA_MAJOR, isReadableVersion } from '../../format/version.js';
import { PACKAGE_FILES, fillPattern } from '../../format/paths.js';
import { tenderFilePath } from '../../format/tenders.js';
import { byListPageOrder, listPageCount, listPageLength, listPagePath } from '../../format/list-pages.js';
import { LEGACY_SHARD_COUNT, allShards, isShardCount, projectShard } from '../../format/shard.js';
import { packageTerritoryKeys, provinceOf, territoryKind } from '../../format/keys.js';
import { flattenFacts, type FlatFactRow } from '../../format/facts.js';
import { DataFormatError } from '../../errors.js';
import { listFiles } from '../write/list-files.js';
import { RELEASES_FILE, Releases } from '../../release/releases-file.js';

/** One problem found in a package file. */
export interface ValidationIssue {
  /** File, relative to the package directory. */
  file: string;
  /** JSON path inside the file ("" for the whole file). */
  path: string;
  /** What is wrong. */
  message: string;
}

/** The outcome of `validatePackage()`. */
export interface ValidationResult {
  /** True when no issue was found. */
  ok: boolean;
  /** Problems found (schema errors: at most 20 per file). */
  issues: ValidationIssue[];
  /** Files read. */
  filesChecked: number;
}

const MAX_ERRORS_PER_FILE = 20;

/** Options of `validatePackage()`. */
export interface ValidateOptions {
  /** Stops the check between files once aborted (the build's Ctrl-C): it throws the signal's reason. */
  signal?: AbortSignal;
}

/**
 * The compiled check of each schema. TypeCompiler turns a schema into a JavaScript function (code
 * generation, `new Function`), ~50× faster than the interpreted `Value.Errors` over the thousands of
 * files of a national package. Code generation is fine here: validation runs only in Node (the CLI,
 * `buildPackage`, `validatePackage`); the browser bundle (`src/index.ts`, scripts/bundle-browser.mjs)
 * never imports `ingest/`, so no page and no Content-Security-Policy meets it.
 */
const compiledChecks = new Map<TSchema, TypeCheck<TSchema>>();

/**
 * The schema errors of `value`: none when the compiled check passes, else `Value.Errors`' (the same
 * paths and messages as before the compiled check). Should the two ever disagree, the value still fails.
 */
function* schemaErrors(schema: TSchema, value: unknown): Generator<Pick<ValueError, 'path' | 'message' | 'value'>> {
  let check = compiledChecks.get(schema);
  if (!check) compiledChecks.set(schema, (check = TypeCompiler.Compile(schema)));
  if (check.Check(value)) return;
  let found = false;
  for (const error of Value.Errors(schema, value)) {
    found = true;
    yield error;
  }
  if (!found) yield { path: '', message: 'does not match its schema', value };
}

/** Files read between two turns of the event loop (so that a Ctrl-C is seen while the files are read synchronously). */
const FILES_PER_TURN = 64;

/** The manifest with the totals the checks compare against, and the file they are in (provenance.json, or the manifest of older packages). */
type Checked = ManifestT & { totals: Reconciliation; totalsFile: string };

type Issue = (file: string, path: string, message: string) => void;

/** Reads the files of one package folder, counting them and collecting the issues found. */
class PackageReader {
  readonly issues: ValidationIssue[] = [];
  filesChecked = 0;
  /** checksums.json's entries, once it is read: each listed file is checked against them when it is first read. */
  private expected: ChecksumsT['files'] | null = null;
  private readonly hashed = new Set<string>();
  private reads = 0;
  constructor(readonly dir: string, private readonly signal?: AbortSignal) {}

  readonly issue: Issue = (file, path, message) => {
    this.issues.push({ file, path, message });
  };

  /** Adds an issue when `a` ≠ `b`. */
  eq(file: string, path: string, what: string, a: number, b: number): void {
    if (a !== b) this.issue(file, path, `${what}: ${a} ≠ ${b}`);
  }

  /**
   * A file's bytes (null when it cannot be read), checked against checksums.json (size and SHA-256)
   * when it is listed there and not checked yet: so each file is read and hashed once.
   */
  async read(file: string): Promise<Buffer | null> {
    if (++this.reads % FILES_PER_TURN === 0) {
      await nextTurn();
      this.signal?.throwIfAborted();
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(this.dir, file));
    } catch {
      return null;
    }
    this.verify(file, bytes);
    return bytes;
  }

  /** From now on every file read is checked against these checksums.json entries. */
  expectChecksums(files: ChecksumsT['files']): void {
    this.expected = files;
  }

  private verify(file: string, bytes: Buffer): void {
    if (!this.expected || !Object.hasOwn(this.expected, file) || this.hashed.has(file)) return;
    this.hashed.add(file);
    const expected = this.expected[file]!;
    if (bytes.length !== expected.bytes) this.issue(file, '', `size ${bytes.length} bytes differs from checksums.json (${expected.bytes})`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== expected.sha256) this.issue(file, '', `sha256 ${sha} differs from checksums.json (${expected.sha256})`);
  }

  /** Checks the files listed in checksums.json that no check has read (README.md, files read before checksums.json). */
  async verifyUnread(): Promise<void> {
    for (const file of Object.keys(this.expected ?? {})) {
      if (!this.hashed.has(file) && !(await this.read(file))) this.issue(file, '', 'listed in checksums.json but missing');
    }
  }

  /** One file parsed as JSON and checked against `schema` (and its schema version); null, with issues, when it is not usable. */
  async load<T>(file: string, schema: TSchema | null): Promise<T | null> {
    const bytes = await this.read(file);
    if (!bytes) {
      this.filesChecked++;
      this.issue(file, '', 'file is missing or unreadable');
      return null;
    }
    return this.parse<T>(file, bytes, schema);
  }

  /** `load` of bytes already read. */
  parse<T>(file: string, bytes: Buffer, schema: TSchema | null): T | null {
    this.filesChecked++;
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      this.issue(file, '', `not valid JSON: ${(error as Error).message}`);
      return null;
    }
    if (schema) {
      let n = 0;
      for (const error of schemaErrors(schema, value)) {
        if (n++ >= MAX_ERRORS_PER_FILE) {
          this.issue(file, '', `more schema errors not shown`);
          break;
        }
        this.issue(file, error.path, `${error.message} (got ${JSON.stringify(error.value)?.slice(0, 80)})`);
      }
      if (n > 0) return null;
      const version = (value as { schemaVersion?: string }).schemaVersion;
      if (version !== undefined && !isReadableVersion(version)) {
        this.issue(file, '/schemaVersion', `schema version ${version} is not supported (major ${SCHEMA_MAJOR} expected)`);
      }
    }
    return value as T;
  }

  /**
   * A project list checked item by item, for the lists too large to hold parsed (the region list of an
   * all-Italy package has one item per project, ~100 MB): the file is read as bytes and each item of
   * `"items":[…]` parsed and checked on its own, against the same schema, with the same paths. A file
   * laid out otherwise (not compact, other key order, not JSON) is loaded whole, as `load` does.
   * Returns the territory, the number of items and the paging of a paged list, or null (with issues) when it is
   * not usable. `onItem` sees each item that matches the schema, in order (a paged list's checks: `checkListPages`).
   */
  async loadListItems(
    file: string,
    onItem?: (item: ProjectListItemT, index: number) => void,
  ): Promise<{ territory: string; items: number; paging: ListPagingT | undefined } | null> {
    const bytes = await this.read(file);
    if (!bytes) {
      this.filesChecked++;
      this.issue(file, '', 'file is missing or unreadable');
      return null;
    }
    const items = bytes.length >= STREAMED_LIST_BYTES ? compactItems(bytes) : null;
    if (!items) {
      const list = this.parse<ProjectListT>(file, bytes, ProjectList);
      if (list && onItem) list.items.forEach(onItem);
      return list && { territory: list.territory, items: list.items.length, paging: list.paging };
    }
    this.filesChecked++;
    let head: unknown;
    try {
      head = { ...(JSON.parse(`${bytes.toString('utf8', 0, items.head)}}`) as object), items: [] };
    } catch (error) {
      this.issue(file, '', `not valid JSON: ${(error as Error).message}`);
      return null;
    }
    let n = 0;
    const report = (path: string, message: string, value: unknown): boolean => {
      if (n++ >= MAX_ERRORS_PER_FILE) return false;
      this.issue(file, path, `${message} (got ${JSON.stringify(value)?.slice(0, 80)})`);
      return true;
    };
    for (const error of schemaErrors(ProjectList, head)) if (!report(error.path, error.message, error.value)) break;
    for (let i = 0; i < items.bounds.length && n <= MAX_ERRORS_PER_FILE; i += 2) {
      let item: unknown;
      try {
        item = JSON.parse(bytes.toString('utf8', items.bounds[i], items.bounds[i + 1]));
      } catch (error) {
        this.issue(file, '', `not valid JSON: ${(error as Error).message}`);
        return null;
      }
      const before = n;
      for (const error of schemaErrors(ProjectListItem, item)) if (!report(`/items/${i / 2}${error.path}`, error.message, error.value)) break;
      if (n === before && onItem) onItem(item as ProjectListItemT, i / 2);
    }
    if (n > MAX_ERRORS_PER_FILE) this.issue(file, '', `more schema errors not shown`);
    if (n > 0) return null;
    const { schemaVersion, territory, paging } = head as ProjectListT;
    if (!isReadableVersion(schemaVersion)) this.issue(file, '/schemaVersion', `schema version ${schemaVersion} is not supported (major ${SCHEMA_MAJOR} expected)`);
    return { territory, items: items.bounds.length / 2, paging };
  }
}

/** List files from this size up are checked item by item (`loadListItems`). */
const STREAMED_LIST_BYTES = 512 * 1024;

/**
 * Where the items of a compact list file are: `{…,"items":[item,item,…]}` and a final line break,
 * as the build writes it. `head` ends the part before `,"items":[`; `bounds` holds each item's start
 * and end. Null when the file is laid out otherwise (then it is parsed whole).
 */
function compactItems(bytes: Buffer): { head: number; bounds: number[] } | null {
  const marker = Buffer.from(',"items":[');
  const head = bytes.indexOf(marker);
  if (head < 0 || bytes[0] !== 0x7b) return null;
  const bounds: number[] = [];
  let depth = 0;
  let inString = false;
  let start = head + marker.length;
  let i = start;
  for (; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next byte
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) break; // the closing ] of "items"
      depth--;
    } else if (c === 0x2c && depth === 0) {
      bounds.push(start, i);
      start = i + 1;
    }
  }
  if (bytes[i] !== 0x5d) return null;
  if (i > start) bounds.push(start, i);
  else if (bounds.length > 0) return null; // a trailing comma
  const rest = bytes.toString('utf8', i + 1).trim();
  return rest === '}' ? { head, bounds } : null;
}

/**
 * Checks a data package directory: every file against its schema, checksums.json,
 * the schema version, and the reconciliation invariants the build promises.
 * Never throws for a bad package: problems are returned as issues.
 *
 * @throws the reason of `options.signal` once it is aborted.
 */
export async function validatePackage(dir: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  options.signal?.throwIfAborted();
  const reader = new PackageReader(dir, options.signal);
  const read = await reader.load<ManifestT>(PACKAGE_FILES.manifest, Manifest);
  if (read) {
    const present = await listFiles(dir);
    await checkChecksums(reader, read, present);
    const manifest = await withTotals(reader, read);
    if (manifest) await checkContents(reader, manifest, present);
    await reader.verifyUnread();
  }
  return { ok: reader.issues.length === 0, issues: reader.issues, filesChecked: reader.filesChecked };
}

/** Every file the manifest names, against its schema and the totals. */
async function checkContents(reader: PackageReader, manifest: Checked, present: string[]): Promise<void> {
  // releases.json is optional (written by `update`): checked against its schema when present.
  if (present.includes(RELEASES_FILE)) await reader.load(RELEASES_FILE, Releases);

  const territories = await reader.load<TerritoriesT>(manifest.files.territories, Territories);
  await reader.load(manifest.files.measures, Measures);
  const facts = await reader.load<FactsT>(manifest.files.facts, Facts);
  await reader.load(manifest.files.bodyFacts, BodyFacts);
  const paidFacts = manifest.files.paidFacts ? await reader.load<PaidFactsT>(manifest.files.paidFacts, PaidFacts) : null;
  const quality = await reader.load<QualityT>(manifest.files.quality, Quality);
  if (manifest.files.boundaries) {
    const topo = await reader.load<{ type?: string; objects?: Record<string, unknown> }>(manifest.files.boundaries, null);
    if (topo && (topo.type !== 'Topology' || !topo.objects?.['comuni'] || !topo.objects['province'] || !topo.objects['regione'])) {
      reader.issue(manifest.files.boundaries, '', 'not a TopoJSON Topology with objects comuni, province, regione');
    }
  }

  const t = manifest.totals;
  const eq = reader.eq.bind(reader, manifest.totalsFile, '/totals');
  eq('touching PNRR = inside + outside', t.touching.pnrrCents, t.inside.pnrrCents + t.outside.pnrrCents);
  eq('touching total = inside + outside', t.touching.totalCents, t.inside.totalCents + t.outside.totalCents);
  eq('inside PNRR = comuni + province-wide + region-wide', t.inside.pnrrCents, t.comuni.pnrrCents + t.provinceWide.pnrrCents + t.regionWide.pnrrCents);
  eq('inside total = comuni + province-wide + region-wide', t.inside.totalCents, t.comuni.totalCents + t.provinceWide.totalCents + t.regionWide.totalCents);

  await checkShards(reader, manifest);
  if (facts) checkFacts(manifest, facts, reader.issue);
  if (paidFacts) checkPaidFacts(manifest, paidFacts, reader.issue);
  else if (t.payments) reader.issue(manifest.totalsFile, '/totals', 'totals.payments without a paidFacts file in the manifest');
  if (territories) await checkLists(reader, manifest, territories, present);
  if (territories && manifest.files.awardees) await checkAwardeeLists(reader, manifest, territories, manifest.files.awardees.pattern);
  if (quality) {
    quality.files.forEach((f, i) => reader.eq(manifest.files.quality, `/files/${i}`, `${f.file}: read = kept + rejected + skipped`, f.read, f.kept + f.rejected + f.skipped));
  }
}

/**
 * The manifest with its totals: from provenance.json when the manifest names it, else from the manifest
 * itself (packages written before provenance.json); null, with an issue, when neither has them.
 */
async function withTotals(reader: PackageReader, manifest: ManifestT): Promise<Checked | null> {
  if (manifest.files.provenance) {
    const provenance = await reader.load<ProvenanceT>(manifest.files.provenance, Provenance);
    return provenance && { ...manifest, totals: provenance.totals, totalsFile: manifest.files.provenance };
  }
  if (manifest.totals && manifest.sources) return { ...manifest, totals: manifest.totals, totalsFile: PACKAGE_FILES.manifest };
  reader.issue(PACKAGE_FILES.manifest, '/files/provenance', 'no provenance file and no sources and totals in the manifest');
  return null;
}

/**
 * checksums.json: every present file listed; every listed file present with its size and SHA-256,
 * checked as the other checks read it (`PackageReader.read`) or at the end (`verifyUnread`).
 */
async function checkChecksums(reader: PackageReader, manifest: ManifestT, present: string[]): Promise<void> {
  const checksums = await reader.load<ChecksumsT>(manifest.files.checksums, Checksums);
  if (!checksums) return;
  reader.expectChecksums(checksums.files);
  for (const file of present) {
    if (file !== manifest.files.checksums && !Object.hasOwn(checksums.files, file)) reader.issue(file, '', 'file not listed in checksums.json');
  }
}

/** Every project shard: projects in their shard, each project's amounts reconciled, the sums equal to the manifest's totals. */
async function checkShards(reader: PackageReader, manifest: Checked): Promise<void> {
  const t = manifest.totals;
  let projects = 0;
  const sum = { pnrr: 0, total: 0, insidePnrr: 0, insideTotal: 0, paid: 0, financed: 0, withPayments: 0 };
  const count = manifest.files.projectShards.count ?? LEGACY_SHARD_COUNT;
  const tenderFiles = new Map<string, TenderFileT | null>();
  if (!isShardCount(count)) {
    reader.issue(PACKAGE_FILES.manifest, '/files/projectShards/count', `${String(count)} is not a shard count (a power of two from 1 to 2^24)`);
    return;
  }
  for (const shard of allShards(count)) {
    const file = fillPattern(manifest.files.projectShards.pattern, 'shard', shard);
    const data = await reader.load<ProjectShardT>(file, ProjectShard);
    if (!data) continue;
    if (data.shard !== shard) reader.issue(file, '/shard', `shard "${data.shard}" in file ${shard}`);
    for (const [index, p] of data.projects.entries()) {
      const path = `/projects/${index}`;
      const eq = reader.eq.bind(reader, file, path);
      if (projectShard(p.cup, count) !== shard) reader.issue(file, `${path}/cup`, `CUP ${p.cup} belongs to shard ${projectShard(p.cup, count)}`);
      if (p.tenderCount !== undefined) await checkTenderRest(reader, manifest, p, `${file} ${path}`, tenderFiles);
      const parts = p.localisations.reduce((acc, l) => ({ pnrr: acc.pnrr + l.pnrrCents, total: acc.total + l.totalCents }), { pnrr: 0, total: 0 });
      eq(`${p.cup}/${p.localCode} inside + outside PNRR = Finanziamento PNRR`, p.attributed.inside.pnrrCents + p.attributed.outside.pnrrCents, p.funding.pnrrCents);
      eq(`${p.cup}/${p.localCode} inside + outside total = Finanziamento Totale`, p.attributed.inside.totalCents + p.attributed.outside.totalCents, p.funding.totalCents);
      eq(`${p.cup}/${p.localCode} Σ localisation PNRR = Finanziamento PNRR`, parts.pnrr, p.funding.pnrrCents);
      eq(`${p.cup}/${p.localCode} Σ localisation total = Finanziamento Totale`, parts.total, p.funding.totalCents);
      projects++;
      sum.pnrr += p.funding.pnrrCents;
      sum.total += p.funding.totalCents;
      sum.insidePnrr += p.attributed.inside.pnrrCents;
      sum.insideTotal += p.attributed.inside.totalCents;
      if (p.payments) {
        sum.paid += p.payments.totalCents;
        sum.financed += p.payments.financedTotalCents ?? 0;
        sum.withPayments++;
      }
    }
  }
  const file = manifest.totalsFile;
  reader.eq(file, '/totals/projects', 'projects in shards', projects, t.projects);
  reader.eq(file, '/totals/touching/pnrrCents', 'Σ project PNRR', sum.pnrr, t.touching.pnrrCents);
  reader.eq(file, '/totals/touching/totalCents', 'Σ project total', sum.total, t.touching.totalCents);
  reader.eq(file, '/totals/inside/pnrrCents', 'Σ project inside PNRR', sum.insidePnrr, t.inside.pnrrCents);
  reader.eq(file, '/totals/inside/totalCents', 'Σ project inside total', sum.insideTotal, t.inside.totalCents);
  if (t.payments) {
    reader.eq(file, '/totals/payments/projects', 'projects with payments in shards', sum.withPayments, t.payments.projects);
    reader.eq(file, '/totals/payments/touching/paidCents', 'Σ project payments', sum.paid, t.payments.touching.paidCents);
    reader.eq(file, '/totals/payments/touching/financedCents', 'Σ project financed at the payments date', sum.financed, t.payments.touching.financedCents);
  }
}

/**
 * A record that carries only its first tenders (`tenderCount` set): the CUP's tenders file has the rest, continuing
 * where the record stops, and together they are `tenderCount`. Each tenders file is read once (`files`).
 */
async function checkTenderRest(
  reader: PackageReader, manifest: Checked, p: ProjectShardT['projects'][number], where: string, files: Map<string, TenderFileT | null>,
): Promise<void> {
  const inline = p.tenders?.length ?? 0;
  if (p.tenders == null || p.tenderCount! <= inline) {
    reader.issue(where, '/tenderCount', `tenderCount ${p.tenderCount} with ${inline} tenders in the record: set only when the record carries the first ones`);
    return;
  }
  const pattern = manifest.files.tenders?.pattern;
  if (!pattern) {
    reader.issue(PACKAGE_FILES.manifest, '/files/tenders', `${p.cup} has tenders past its record but the manifest names no tenders files`);
    return;
  }
  const path = tenderFilePath(p.cup, manifest.files.projectShards.count, pattern);
  if (!files.has(path)) {
    const file = await reader.load<TenderFileT>(path, TenderFile);
    if (file && file.cup !== p.cup) reader.issue(path, '/cup', `CUP ${file.cup} in the tenders file of ${p.cup}`);
    files.set(path, file);
  }
  const file = files.get(path);
  if (!file) return;
  const entry = file.projects.find((e) => e.localCode === p.localCode);
  if (!entry) reader.issue(path, '/projects', `no entry for ${p.cup}/${p.localCode}`);
  else if (entry.offset !== inline || inline + entry.tenders.length !== p.tenderCount) {
    reader.issue(path, '/projects', `${p.cup}/${p.localCode}: offset ${entry.offset} + ${entry.tenders.length} tenders ≠ the record's ${inline} of ${p.tenderCount}`);
  }
}

/** facts-paid.json: its sums by scope against manifest.totals.payments to the cent, and touching = inside + outside. */
function checkPaidFacts(manifest: Checked, paid: PaidFactsT, issue: Issue): void {
  const file = manifest.files.paidFacts ?? PACKAGE_FILES.paidFacts;
  const t = manifest.totals.payments;
  if (!t) {
    issue(manifest.totalsFile, '/totals', `${file} without totals.payments`);
    return;
  }
  let rows: FlatFactRow[];
  try {
    rows = flattenFacts(paid, file);
  } catch (error) {
    if (!(error instanceof DataFormatError)) throw error;
    issue(file, error.path, error.message);
    return;
  }
  const zero = () => ({ paidCents: 0, financedCents: 0 });
  const sums = { comune: zero(), 'province-wide': zero(), 'region-wide': zero(), region: zero() };
  let regionProjects = 0;
  for (const [key, , paidCents, financedCents, projects] of rows) {
    const kind = territoryKind(key);
    if (kind === null || kind === 'province') continue;
    sums[kind].paidCents += paidCents;
    sums[kind].financedCents += financedCents;
    if (kind === 'region') regionProjects += projects;
  }
  const eq = (what: string, got: { paidCents: number; financedCents: number }, want: { paidCents: number; financedCents: number }): void => {
    if (got.paidCents !== want.paidCents) issue(file, '/amounts', `${what} paid: ${got.paidCents} ≠ ${want.paidCents}`);
    if (got.financedCents !== want.financedCents) issue(file, '/amounts', `${what} financed: ${got.financedCents} ≠ ${want.financedCents}`);
  };
  eq('Σ comuni = manifest payments.comuni', sums.comune, t.comuni);
  eq('Σ province-wide buckets = manifest payments.provinceWide', sums['province-wide'], t.provinceWide);
  eq('region-wide bucket = manifest payments.regionWide', sums['region-wide'], t.regionWide);
  eq('region = manifest payments.inside', sums.region, t.inside);
  eq('manifest payments inside + outside = touching',
    { paidCents: t.inside.paidCents + t.outside.paidCents, financedCents: t.inside.financedCents + t.outside.financedCents }, t.touching);
  if (regionProjects !== t.projects) issue(file, `/counts/${manifest.region.code}`, `Σ distinct projects ${regionProjects} ≠ manifest payments.projects ${t.projects}`);
}

/**
 * A project list for every territory key of the package, naming its key; the region's lists every project. A paged
 * list (`paging`) is checked with its page files (`checkListPages`), and no other page file may be there.
 */
async function checkLists(reader: PackageReader, manifest: Checked, territories: TerritoriesT, present: readonly string[]): Promise<void> {
  const pages = new Set<string>();
  for (const key of packageTerritoryKeys(manifest.region.code, territories.provinces, territories.comuni)) {
    const file = fillPattern(manifest.files.lists.pattern, 'key', key);
    const order = new ListOrderCheck();
    const list = await reader.loadListItems(file, (item, i) => order.add(file, i, item));
    if (!list) continue;
    if (list.territory !== key) reader.issue(file, '/territory', `territory "${list.territory}" in the list of ${key}`);
    const total = list.paging ? await checkListPages(reader, manifest, key, file, list.items, list.paging, order, pages) : list.items;
    if (key === manifest.region.code) reader.eq(file, list.paging ? '/paging/total' : '/items', 'region list length = projects', total, manifest.totals.projects);
  }
  checkStrayPages(reader, manifest, pages, present);
}

/**
 * The order and sums of a list, item by item (only the last item is kept, so an all-Italy region list is checked
 * in bounded memory): the first item out of `byListPageOrder` (or repeated), and Σ area amounts. Only a paged
 * list must be in that order (`checkListPages` reports it).
 */
class ListOrderCheck {
  areaPnrrCents = 0;
  areaTotalCents = 0;
  /** The first item out of order, if any. */
  disorder: { file: string; index: number } | null = null;
  private last: ProjectListItemT | null = null;

  add(file: string, index: number, item: ProjectListItemT): void {
    this.areaPnrrCents += item.areaPnrrCents;
    this.areaTotalCents += item.areaTotalCents;
    if (!this.disorder && this.last && byListPageOrder(this.last, item) >= 0) this.disorder = { file, index };
    this.last = item;
  }
}

/**
 * A paged list: `paging` consistent (pages for the total, the first page full), the manifest's page pattern, every
 * page file 2…pages against its schema (territory, page number, length), the items in the list's order across the
 * pages, and the sums of `paging` equal to the items'. Returns the items counted (Σ of the pages) and adds each page
 * file's path to `seen`.
 */
async function checkListPages(
  reader: PackageReader, manifest: Checked, key: string, file: string, firstItems: number, paging: ListPagingT, order: ListOrderCheck, seen: Set<string>,
): Promise<number> {
  const { total, pages, pageSize } = paging;
  if (pages !== listPageCount(total, pageSize)) reader.issue(file, '/paging/pages', `${pages} pages of ${pageSize} items for ${total} items (expected ${listPageCount(total, pageSize)})`);
  reader.eq(file, '/items', `items of the first page of ${total} in pages of ${pageSize}`, firstItems, listPageLength(1, total, pageSize));
  const pattern = manifest.files.lists.pagePattern;
  if (pattern === undefined) {
    reader.issue(PACKAGE_FILES.manifest, '/files/lists', `no pagePattern, but the list of ${key} is paged`);
    return firstItems;
  }
  let counted = firstItems;
  for (let n = 2; n <= pages; n++) {
    const pageFile = listPagePath(pattern, key, n);
    seen.add(pageFile);
    const page = await reader.load<ProjectListPageT>(pageFile, ProjectListPage);
    if (!page) continue;
    if (page.territory !== key) reader.issue(pageFile, '/territory', `territory "${page.territory}" in a page of the list of ${key}`);
    if (page.page !== n) reader.issue(pageFile, '/page', `page ${page.page} in the file of page ${n}`);
    reader.eq(pageFile, '/items', `items of page ${n} of ${pages} of a list of ${total}`, page.items.length, listPageLength(n, total, pageSize));
    page.items.forEach((item, i) => order.add(pageFile, i, item));
    counted += page.items.length;
  }
  if (order.disorder) {
    reader.issue(order.disorder.file, `/items/${order.disorder.index}`, `not in the order of the paged list of ${key} (areaPnrrCents descending, then CUP and local code)`);
  }
  reader.eq(file, '/paging/total', 'total = Σ items of the pages', total, counted);
  reader.eq(file, '/paging/areaPnrrCents', 'Σ areaPnrrCents of the items', paging.areaPnrrCents, order.areaPnrrCents);
  reader.eq(file, '/paging/areaTotalCents', 'Σ areaTotalCents of the items', paging.areaTotalCents, order.areaTotalCents);
  return counted;
}

/** No page file among the package's files (`present`) but those of the paged lists (a page left from a longer list would be listed in checksums.json too). */
function checkStrayPages(reader: PackageReader, manifest: Checked, seen: ReadonlySet<string>, present: readonly string[]): void {
  const pattern = manifest.files.lists.pagePattern ?? PACKAGE_FILES.listPagePattern;
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pageFile = new RegExp(`^${pattern.split(/\{key\}|\{page\}/).map(literal).join('[^/]+')}$`);
  for (const file of present) {
    if (pageFile.test(file) && !seen.has(file)) reader.issue(file, '', 'a list page file of no paged list (its list has fewer pages, or is not paged)');
  }
}

/** An awardee list for every territory key of the package (when it has awardees), naming its key, largest first. */
async function checkAwardeeLists(reader: PackageReader, manifest: ManifestT, territories: TerritoriesT, pattern: string): Promise<void> {
  for (const key of packageTerritoryKeys(manifest.region.code, territories.provinces, territories.comuni)) {
    const file = fillPattern(pattern, 'key', key);
    const list = await reader.load<{ territory: string; items: Array<{ pnrrCents: number }> }>(file, AwardeeList);
    if (!list) continue;
    if (list.territory !== key) reader.issue(file, '/territory', `territory "${list.territory}" in the awardee list of ${key}`);
    list.items.forEach((item, i) => {
      if (i > 0 && item.pnrrCents > list.items[i - 1]!.pnrrCents) reader.issue(file, `/items/${i}`, 'awardees are not sorted by pnrrCents, largest first');
    });
  }
}

/** The layout's order and completeness, and its amounts against the manifest totals to the cent. */
function checkFacts(
  manifest: Checked,
  facts: FactsT,
  issue: Issue,
): void {
  const file = manifest.files.facts;
  const t = manifest.totals;
  const sorted = (values: readonly (string | number)[]): boolean => values.every((v, i) => i === 0 || values[i - 1]! < v);
  if (!sorted(facts.submeasures)) issue(file, '/submeasures', 'sub-measure codes are not sorted and unique');
  for (const part of ['amounts', 'counts'] as const) {
    for (const [key, tuples] of Object.entries<ReadonlyArray<readonly [number, ...number[]]>>(facts[part])) {
      if (!sorted(tuples.map((row) => row[0]))) issue(file, `/${part}/${key}`, 'tuples are not sorted by sub-measure index, or repeat one');
    }
  }
  let rows: FlatFactRow[];
  try {
    rows = flattenFacts(facts, file);
  } catch (error) {
    if (!(error instanceof DataFormatError)) throw error;
    issue(file, error.path, error.message);
    return;
  }

  const sums = { region: zeroTotals(), comune: zeroTotals(), 'province-wide': zeroTotals(), 'region-wide': zeroTotals() };
  // Per province or region × sub-measure: the projects of its parts (Σ and largest), to bound the distinct count.
  const parts = new Map<string, { sum: number; max: number }>();
  const counted = new Set<string>();
  let regionProjects = 0;
  for (const [key, sub, pnrr, total, projects] of rows) {
    const kind = territoryKind(key);
    if (kind === 'province' || kind === 'region') {
      counted.add(`${key} ${sub}`);
      if (kind === 'region') {
        sums.region.pnrrCents += pnrr;
        sums.region.totalCents += total;
        regionProjects += projects;
      }
      const p = parts.get(`${key} ${sub}`);
      if (!p) issue(file, `/counts/${key}`, `${sub}: a project count without amounts in the territory`);
      else if (projects > p.sum || projects < p.max) issue(file, `/counts/${key}`, `${sub}: ${projects} distinct projects, not between ${p.max} and ${p.sum}`);
      continue;
    }
    if (kind !== 'comune' && kind !== 'province-wide' && kind !== 'region-wide') continue; // flattenFacts refuses them
    sums[kind].pnrrCents += pnrr;
    sums[kind].totalCents += total;
    for (const whole of [provinceOf(key), manifest.region.code]) {
      if (whole === null) continue;
      const p = parts.get(`${whole} ${sub}`) ?? { sum: 0, max: 0 };
      p.sum += projects;
      p.max = Math.max(p.max, projects);
      parts.set(`${whole} ${sub}`, p);
    }
  }
  for (const key of parts.keys()) if (!counted.has(key)) issue(file, '/counts', `no distinct project count for ${key.replace(' ', ' × ')}`);
  const eqCents = (what: string, got: AmountTotalsT, want: AmountTotalsT): void => {
    if (got.pnrrCents !== want.pnrrCents) issue(file, '/amounts', `${what} PNRR: ${got.pnrrCents} ≠ ${want.pnrrCents}`);
    if (got.totalCents !== want.totalCents) issue(file, '/amounts', `${what} total: ${got.totalCents} ≠ ${want.totalCents}`);
  };
  eqCents('Σ comuni = manifest comuni', sums.comune, t.comuni);
  eqCents('Σ province-wide buckets = manifest provinceWide', sums['province-wide'], t.provinceWide);
  eqCents('region-wide bucket = manifest regionWide', sums['region-wide'], t.regionWide);
  eqCents('region = manifest inside', sums.region, t.inside);
  // One sub-measure per project: the region's distinct counts add up to the package's projects.
  if (regionProjects !== t.projects) issue(file, `/counts/${manifest.region.code}`, `Σ distinct projects ${regionProjects} ≠ manifest projects ${t.projects}`);
}

const zeroTotals = (): AmountTotalsT => ({ pnrrCents: 0, totalCents: 0 });
