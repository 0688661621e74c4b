/**
 * `createClient()`: the one reader of a data package, in browsers and in Node.
 * Each method reads the fewest files its answer needs (a card: one project
 * shard; a list: one list file; a chart or map: the fact table plus small
 * lookup files), and every file is fetched at most once per client.
 */
import { DataFormatError, NetworkError, NotFoundError } from '../errors.js';
import { byString } from '../format/compare.js';
import { PACKAGE_FILES, fillPattern } from '../format/paths.js';
import { isCup } from '../format/keys.js';
import { LEGACY_SHARD_COUNT, isShardCount, projectShard } from '../format/shard.js';
import type { Manifest, Measures, ProjectList, ProjectShard, Quality, Territories } from '../schema/package.js';
import { fail, filters, integer, queryObject } from './args.js';
import { embeddedBaseUrl, resolveBaseUrl } from './base-url.js';
import { SHAPES, type Spec } from './checks.js';
import { kyOptions } from './http-options.js';
import { createLoader } from './loader.js';
import { tenderFilePath } from '../format/tenders.js';
import { createTransport } from './transport.js';
import { anySignal } from './signals.js';
import type {
  CallOptions,
  ClientOptions,
  EnclosingAnswer,
  EnclosingQuery,
  Filters,
  PnrrClient,
  ProjectOptions,
  ProjectResult,
  ProjectsPage,
  ProjectsQuery,
  SpendingQuery,
  SpendingRow,
  Topology,
} from './types.js';

/**
 * A client for one data package. Reads nothing until a method is called; every
 * file is then fetched at most once per client.
 *
 * @param options Package location (default: the embedded Tuscany package), timeout, retries, fetch, abort signal
 *   and `http` options passed through to ky (headers, hooks).
 * @throws InvalidArgumentError when an option is malformed.
 */
export function createClient(options: ClientOptions = {}): PnrrClient {
  const opts = queryObject(options, 'options');
  if (opts.region !== undefined && opts.baseUrl !== undefined) fail('region', opts.region, 'give region or baseUrl, not both');
  const base = opts.region !== undefined ? embeddedBaseUrl(opts.region) : resolveBaseUrl(opts.baseUrl);
  const ky = kyOptions(opts);
  if (opts.fetch !== undefined && typeof opts.fetch !== 'function') fail('fetch', opts.fetch, 'expected a fetch function');
  const clientSignal = opts.signal;
  const loader = createLoader(base, createTransport({ ky, ...(opts.fetch ? { fetch: opts.fetch } : {}) }), clientSignal);

  /** The call's signal combined with the client's; rejects at once when either is already aborted. */
  const callSignal = (call: CallOptions | undefined): AbortSignal | undefined => {
    const signal = anySignal([clientSignal, call?.signal]);
    signal?.throwIfAborted();
    return signal;
  };
  const load = <T>(path: string, spec: Spec, signal: AbortSignal | undefined, versioned = true) => loader.load<T>(path, spec, signal, versioned);
  // Callers get their own copy: the cached file must not change under other callers.
  const copy = async <T>(path: string, spec: Spec, call: CallOptions | undefined, versioned = true): Promise<T> =>
    structuredClone(await load<T>(path, spec, callSignal(call), versioned));

  const manifest = (call?: CallOptions) => copy<Manifest>(PACKAGE_FILES.manifest, SHAPES.manifest, call);
  const manifestFile = (signal: AbortSignal | undefined) => load<Manifest>(PACKAGE_FILES.manifest, SHAPES.manifest, signal);

  // What the lazy methods (awardees.ts, provenance.ts, tenders.ts) need of the client.
  const deps = {
    manifest: manifestFile,
    load,
    fail: (file: string, pointer: string, message: string): never => {
      throw new DataFormatError(file, pointer, message);
    },
  };

  async function project(cup: string, call?: ProjectOptions): Promise<ProjectResult> {
    if (typeof cup !== 'string' || !isCup(cup)) fail('cup', cup, 'expected a CUP: 15 upper-case letters and digits');
    const localCode = call?.localCode;
    if (localCode !== undefined && (typeof localCode !== 'string' || localCode === '')) fail('localCode', localCode, 'expected a non-empty string');
    const signal = callSignal(call);
    // The shard count grows with the package (manifest files.projectShards.count); older manifests without it have 256.
    const count = (await manifestFile(signal)).files.projectShards?.count ?? LEGACY_SHARD_COUNT;
    if (!isShardCount(count)) throw new DataFormatError(PACKAGE_FILES.manifest, '/files/projectShards/count', `${String(count)} is not a shard count (a power of two from 1 to 2^24)`);
    const path = fillPattern(PACKAGE_FILES.projectShardPattern, 'shard', projectShard(cup, count));
    const shard = await load<ProjectShard>(path, SHAPES.shard, signal);
    const matches = shard.projects.filter((p) => p.cup === cup).sort((a, b) => byString(a.localCode, b.localCode));
    if (matches.length === 0) throw new NotFoundError('project', cup, `No project with CUP "${cup}" in the data package`);
    const found = localCode === undefined ? matches[0] : matches.find((p) => p.localCode === localCode);
    if (!found) throw new NotFoundError('localCode', localCode as string, `CUP "${cup}" has no local project "${String(localCode)}" (has: ${matches.map((p) => p.localCode).join(', ')})`);
    // Packages built before awardees and indicators existed lack the fields: null, as for a build without those files.
    const record = { tenders: null, indicators: null, ...structuredClone(found) };
    // The record carries the first tenders; tenderCount (written only then) counts them all: see tenders().
    return { ...record, tenderCount: found.tenderCount ?? record.tenders?.length ?? null, localCodes: matches.map((p) => p.localCode) };
  }

  async function projects(query?: ProjectsQuery): Promise<ProjectsPage> {
    const q = await placeCodes(queryObject(query));
    const f = filters(q);
    if (q.text !== undefined && typeof q.text !== 'string') fail('text', q.text, 'expected a string');
    // The sort keys live with the sorting code, a lazy chunk: a card-only page carries neither.
    const { listProjects, checkSort } = await import('./projects.js');
    const { sort, order } = checkSort(q);
    const limit = integer('limit', q.limit, 1, 1000, 20);
    const offset = integer('offset', q.offset, 0, Number.POSITIVE_INFINITY, 0);
    const signal = callSignal(q);

    // The narrowest territory decides the one list file to read.
    const territory = f.comune !== undefined ? ['comune', f.comune] : f.province !== undefined ? ['province', f.province] : undefined;
    const key = territory?.[1] ?? (await manifestFile(signal)).region.code;
    const path = fillPattern(PACKAGE_FILES.listPattern, 'key', key);
    let list: ProjectList;
    try {
      list = await load<ProjectList>(path, SHAPES.list, signal);
    } catch (error) {
      // Every territory of the package has a list file, so a missing one means an unknown code.
      if (territory && error instanceof NetworkError && error.status === 404) throw new NotFoundError(territory[0] as string, key);
      throw error;
    }
    // A paged list reads its other pages only when the query needs them (projects.ts).
    return listProjects(list, path, key, { filters: f, text: q.text ?? '', sort, order, limit, offset }, deps, signal);
  }

  // Names (and former codes) of comuni and provinces: places.ts, loaded only when a call has one.
  const territoriesFile = (call: CallOptions | undefined) => load<Territories>(PACKAGE_FILES.territories, SHAPES.territories, callSignal(call));
  const placesModule = () => import('./places.js');
  async function placeCodes<Q extends Partial<Filters> & CallOptions>(q: Q): Promise<Q> {
    return q.comune === undefined && q.province === undefined ? q : (await placesModule()).withPlaceCodes(q, territoriesFile);
  }

  // The query, its view file and the aggregation are a lazy chunk: a card-only page carries none of them.
  const spending = async (query?: SpendingQuery): Promise<SpendingRow[]> => {
    const q = await placeCodes(queryObject(query));
    return (await import('./spending-method.js')).spendingMethod(q, { load, signal: callSignal(q) });
  };
  const enclosing = async (query: EnclosingQuery): Promise<EnclosingAnswer> => {
    const q = await placeCodes(queryObject(query));
    return (await import('./spending-method.js')).enclosingMethod(q, { load, signal: callSignal(q) });
  };

  return {
    baseUrl: base.href,
    manifest,
    project,
    projects,
    spending,
    enclosing,
    provenance: async (call) => (await import('./provenance.js')).readProvenance(callSignal(call), deps),
    tenders: async (cup, call) => {
      const p = await project(cup, call);
      const signal = callSignal(call);
      const path = async (c: string) => {
        const m = await manifestFile(signal);
        return m.files.tenders ? tenderFilePath(c, m.files.projectShards.count, m.files.tenders.pattern) : null;
      };
      return (await import('./tenders.js')).allTenders(p, signal, { ...deps, path });
    },
    awardees: async (query) => {
      const q = await placeCodes(queryObject(query));
      const signal = callSignal(q);
      return (await import('./awardees.js')).awardeesMethod(q, signal, deps);
    },
    places: async (query) => (await placesModule()).placesMethod(query, territoriesFile),
    resolvePlace: async (nameOrCode, options) => (await placesModule()).resolvePlaceMethod(nameOrCode, options, territoriesFile),
    territories: (call) => copy<Territories>(PACKAGE_FILES.territories, SHAPES.territories, call),
    measures: (call) => copy<Measures>(PACKAGE_FILES.measures, SHAPES.measures, call),
    // The TopoJSON is copied as is from the geo sources and carries no schemaVersion.
    boundaries: (call) => copy<Topology>(PACKAGE_FILES.boundaries, SHAPES.boundaries, call, false),
    quality: (call) => copy<Quality>(PACKAGE_FILES.quality, SHAPES.quality, call),
  };
}
