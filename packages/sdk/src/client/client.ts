/**
 * `createClient()`: the one reader of a data package, in browsers and in Node.
 * Each method reads the fewest files its answer needs (a card: one project
 * shard; a list: one list file; a chart or map: the fact table plus small
 * lookup files), and every file is fetched at most once per client.
 */
import { NetworkError, NotFoundError } from '../errors.js';
import { byString } from '../format/compare.js';
import { PACKAGE_FILES, fillPattern } from '../format/paths.js';
import { isCup } from '../format/keys.js';
import { projectShard } from '../format/shard.js';
import type { BodyFacts, Facts, Manifest, Measures, ProjectList, ProjectShard, Quality, Territories } from '../schema/package.js';
import { fail, filters, integer, oneOf, queryObject } from './args.js';
import { resolveBaseUrl } from './base-url.js';
import { SHAPES, type Spec } from './checks.js';
import { kyOptions } from './http-options.js';
import { createLoader } from './loader.js';
import { createTransport } from './transport.js';
import { anySignal } from './signals.js';
import type { FlatFactRow } from '../format/facts.js';
import type { SpendingInput } from './spending.js';
import type {
  CallOptions,
  ClientOptions,
  Filters,
  GroupBy,
  Metric,
  PnrrClient,
  PopulationYear,
  ProjectOptions,
  ProjectResult,
  ProjectsPage,
  ProjectsQuery,
  SpendingQuery,
  SpendingRow,
  Topology,
} from './types.js';

const GROUPS: readonly GroupBy[] = ['mission', 'component', 'measure', 'submeasure', 'province', 'comune', 'implementing-body'];
const METRICS: readonly Metric[] = ['pnrr', 'total', 'count'];
const YEARS: readonly PopulationYear[] = ['istat2021', 'anpr2025'];

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
  const base = resolveBaseUrl(opts.baseUrl);
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

  async function project(cup: string, call?: ProjectOptions): Promise<ProjectResult> {
    if (typeof cup !== 'string' || !isCup(cup)) fail('cup', cup, 'expected a CUP: 15 upper-case letters and digits');
    const localCode = call?.localCode;
    if (localCode !== undefined && (typeof localCode !== 'string' || localCode === '')) fail('localCode', localCode, 'expected a non-empty string');
    const signal = callSignal(call);
    const path = fillPattern(PACKAGE_FILES.projectShardPattern, 'shard', projectShard(cup));
    const shard = await load<ProjectShard>(path, SHAPES.shard, signal);
    const matches = shard.projects.filter((p) => p.cup === cup).sort((a, b) => byString(a.localCode, b.localCode));
    if (matches.length === 0) throw new NotFoundError('project', cup, `No project with CUP "${cup}" in the data package`);
    const found = localCode === undefined ? matches[0] : matches.find((p) => p.localCode === localCode);
    if (!found) throw new NotFoundError('localCode', localCode as string, `CUP "${cup}" has no local project "${String(localCode)}" (has: ${matches.map((p) => p.localCode).join(', ')})`);
    return { ...structuredClone(found), localCodes: matches.map((p) => p.localCode) };
  }

  async function projects(query?: ProjectsQuery): Promise<ProjectsPage> {
    const q = await placeCodes(queryObject(query));
    const f = filters(q);
    if (q.text !== undefined && typeof q.text !== 'string') fail('text', q.text, 'expected a string');
    // The sort keys live with the sorting code, a lazy chunk: a card-only page carries neither.
    const { selectProjects, checkSort } = await import('./projects.js');
    const { sort, order } = checkSort(q);
    const limit = integer('limit', q.limit, 1, 1000, 20);
    const offset = integer('offset', q.offset, 0, Number.POSITIVE_INFINITY, 0);
    const signal = callSignal(q);

    // The narrowest territory decides the one list file to read.
    const territory = f.comune !== undefined ? ['comune', f.comune] : f.province !== undefined ? ['province', f.province] : undefined;
    const key = territory?.[1] ?? (await load<Manifest>(PACKAGE_FILES.manifest, SHAPES.manifest, signal)).region.code;
    let list: ProjectList;
    try {
      list = await load<ProjectList>(fillPattern(PACKAGE_FILES.listPattern, 'key', key), SHAPES.list, signal);
    } catch (error) {
      // Every territory of the package has a list file, so a missing one means an unknown code.
      if (territory && error instanceof NetworkError && error.status === 404) throw new NotFoundError(territory[0] as string, key);
      throw error;
    }
    return selectProjects(list.items, key, { filters: f, text: q.text ?? '', sort, order, limit, offset });
  }

  // Names (and former codes) of comuni and provinces: places.ts, loaded only when a call has one.
  const territoriesFile = (call: CallOptions | undefined) => load<Territories>(PACKAGE_FILES.territories, SHAPES.territories, callSignal(call));
  const placesModule = () => import('./places.js');
  async function placeCodes<Q extends Partial<Filters> & CallOptions>(q: Q): Promise<Q> {
    return q.comune === undefined && q.province === undefined ? q : (await placesModule()).withPlaceCodes(q, territoriesFile);
  }

  const flatFacts = new WeakMap<Facts, FlatFactRow[]>();

  async function spending(query?: SpendingQuery): Promise<SpendingRow[]> {
    const q = await placeCodes(queryObject(query));
    const f = filters(q);
    const groupBy = oneOf('groupBy', q.groupBy, GROUPS, 'mission');
    const metric = oneOf('metric', q.metric, METRICS, 'pnrr');
    const perCapita = q.perCapita === true ? 'istat2021' : q.perCapita === false || q.perCapita === undefined ? undefined : oneOf('perCapita', q.perCapita, YEARS, 'istat2021');
    if (groupBy === 'province' && f.comune !== undefined) fail('groupBy', groupBy, 'cannot group one comune by province; filter by province instead');
    const signal = callSignal(q);
    // Loaded on first use, so a page that only shows project cards never downloads the aggregation code.
    const [{ computeSpending, isTerritorial }, { flattenFacts }] = await Promise.all([import('./spending.js'), import('../format/facts.js')]);

    const withBodies = groupBy === 'implementing-body' || f.implementingBody !== undefined;
    const needTerritories = isTerritorial(groupBy) || perCapita !== undefined || f.comune !== undefined || f.province !== undefined;
    const needMeasures = !isTerritorial(groupBy) && groupBy !== 'implementing-body';
    const [facts, territories, measures] = await Promise.all([
      withBodies ? load<BodyFacts>(PACKAGE_FILES.bodyFacts, SHAPES.bodyFacts, signal) : load<Facts>(PACKAGE_FILES.facts, SHAPES.facts, signal),
      needTerritories ? load<Territories>(PACKAGE_FILES.territories, SHAPES.territories, signal) : undefined,
      needMeasures ? load<Measures>(PACKAGE_FILES.measures, SHAPES.measures, signal) : undefined,
    ]);
    if (f.comune !== undefined && !territories?.comuni.some((c) => c.code === f.comune)) throw new NotFoundError('comune', f.comune);
    if (f.province !== undefined && !territories?.provinces.some((p) => p.code === f.province)) throw new NotFoundError('province', f.province);

    let source: Pick<SpendingInput, 'rows' | 'file' | 'bodies' | 'pointer'>;
    if (withBodies) source = { rows: (facts as BodyFacts).rows, file: PACKAGE_FILES.bodyFacts, bodies: (facts as BodyFacts).bodies };
    else {
      const { submeasures } = facts as Facts;
      // The loaded file is cached and never changed, so its flat rows are made once per client.
      let rows = flatFacts.get(facts as Facts);
      if (!rows) flatFacts.set(facts as Facts, (rows = flattenFacts(facts as Facts, PACKAGE_FILES.facts)));
      // Only the sub-measure column can be wrong (a code not in measures.json): point at that code.
      source = { rows, file: PACKAGE_FILES.facts, pointer: (row) => `/submeasures/${submeasures.indexOf(rows[row]?.[1] ?? '')}` };
    }
    return computeSpending({
      groupBy,
      metric,
      perCapita,
      filters: f,
      ...source,
      ...(measures ? { measures } : {}),
      ...(territories ? { territories } : {}),
    });
  }

  return {
    baseUrl: base.href,
    manifest,
    project,
    projects,
    spending,
    places: async (query) => (await placesModule()).placesMethod(query, territoriesFile),
    resolvePlace: async (nameOrCode, options) => (await placesModule()).resolvePlaceMethod(nameOrCode, options, territoriesFile),
    territories: (call) => copy<Territories>(PACKAGE_FILES.territories, SHAPES.territories, call),
    measures: (call) => copy<Measures>(PACKAGE_FILES.measures, SHAPES.measures, call),
    // The TopoJSON is copied as is from the geo sources and carries no schemaVersion.
    boundaries: (call) => copy<Topology>(PACKAGE_FILES.boundaries, SHAPES.boundaries, call, false),
    quality: (call) => copy<Quality>(PACKAGE_FILES.quality, SHAPES.quality, call),
  };
}
