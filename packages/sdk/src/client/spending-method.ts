/**
 * `client.spending()`, loaded on its first call: checks the query, then answers it from the view
 * file that holds its groups (a few hundred bytes), else from the fact table, with the same rows.
 */
import { NetworkError, NotFoundError } from '../errors.js';
import { PACKAGE_FILES } from '../format/paths.js';
import type { FlatFactRow } from '../format/facts.js';
import { VIEW_LISTING, viewFilter, viewPath } from '../format/views.js';
import { enclosingBuckets } from '../format/keys.js';
import type { BodyFacts, Facts, Manifest, Measures, PaidFacts, Territories, ViewFile } from '../schema/package.js';
import { fail, filters, oneOf } from './args.js';
import { SHAPES, type Spec } from './checks.js';
import type { SpendingInput } from './spending.js';
import type { CallOptions, EnclosingAnswer, EnclosingQuery, Filters, GroupBy, Metric, PopulationYear, SpendingQuery, SpendingRow } from './types.js';

type Load = <T>(path: string, spec: Spec, signal: AbortSignal | undefined) => Promise<T>;

/** What spending() takes from its client: the client's cached loader and the call's signal. */
export interface SpendingDeps {
  load: Load;
  signal: AbortSignal | undefined;
}

const GROUPS: readonly GroupBy[] = ['mission', 'component', 'measure', 'submeasure', 'province', 'comune', 'implementing-body'];
const METRICS: readonly Metric[] = ['pnrr', 'total', 'count', 'paid', 'paid-share'];
const YEARS: readonly PopulationYear[] = ['istat2021', 'anpr2025'];

// The loaded fact file is cached by the client and never changed, so its flat rows are made once.
const flatFacts = new WeakMap<Facts, FlatFactRow[]>();

/** `spending(q)` of a client whose `placeCodes` already turned names into codes (see client.ts). */
export async function spendingMethod(q: SpendingQuery & CallOptions, deps: SpendingDeps): Promise<SpendingRow[]> {
  const { load, signal } = deps;
  const f = filters(q);
  const groupBy = oneOf('groupBy', q.groupBy, GROUPS, 'mission');
  const metric = oneOf('metric', q.metric, METRICS, 'pnrr');
  const perCapita = q.perCapita === true ? 'istat2021' : q.perCapita === false || q.perCapita === undefined ? undefined : oneOf('perCapita', q.perCapita, YEARS, 'istat2021');
  if (groupBy === 'province' && f.comune !== undefined) fail('groupBy', groupBy, 'cannot group one comune by province; filter by province instead');
  const [{ computeSpending, spendingRows, isTerritorial, paidFactsPath }, { flattenFacts, viewSums }] = await Promise.all([import('./spending.js'), import('../format/facts.js')]);
  const paid = metric === 'paid' || metric === 'paid-share';

  // A view file answers most charts and maps in a few hundred bytes; the fact table answers the rest, with the same rows.
  // The paid metrics read their own fact table (facts-paid.json), which has no views.
  const found = paid ? undefined : await viewFor(groupBy, f, load, signal);
  const territorial = isTerritorial(groupBy);
  const withBodies = groupBy === 'implementing-body' || f.implementingBody !== undefined;
  // Territorial rows take names and populations from territories.json, per-capita values the filtered territory's population.
  const needTerritories = territorial || perCapita !== undefined || (!found && (f.comune !== undefined || f.province !== undefined));
  const needMeasures = !found && !territorial && groupBy !== 'implementing-body';
  const factsFile = paid ? paidFactsPath({ metric, perCapita: q.perCapita, groupBy, filters: f }, await load<Manifest>(PACKAGE_FILES.manifest, SHAPES.manifest, signal)) : PACKAGE_FILES.facts;
  const [facts, territories, measures] = await Promise.all([
    found ? undefined : withBodies ? load<BodyFacts>(PACKAGE_FILES.bodyFacts, SHAPES.bodyFacts, signal) : load<Facts | PaidFacts>(factsFile, SHAPES.facts, signal),
    needTerritories ? load<Territories>(PACKAGE_FILES.territories, SHAPES.territories, signal) : undefined,
    needMeasures ? load<Measures>(PACKAGE_FILES.measures, SHAPES.measures, signal) : undefined,
  ]);
  // A view of one comune or province exists only for the package's territories; the other paths check here.
  if (territories) {
    if (f.comune !== undefined && !territories.comuni.some((c) => c.code === f.comune)) throw new NotFoundError('comune', f.comune);
    if (f.province !== undefined && !territories.provinces.some((p) => p.code === f.province)) throw new NotFoundError('province', f.province);
  }

  if (found) {
    const { view, path } = found;
    return spendingRows(
      {
        groupBy, metric, perCapita, filters: f, file: path,
        ...(territories ? { territories } : {}),
        ...(territorial ? {} : { labels: view.labels ?? {} }),
      },
      viewSums(view, path),
    );
  }

  let source: Pick<SpendingInput, 'rows' | 'file' | 'bodies' | 'pointer' | 'columns'>;
  if (withBodies) source = { rows: (facts as BodyFacts).rows, file: PACKAGE_FILES.bodyFacts, bodies: (facts as BodyFacts).bodies, columns: (facts as BodyFacts).columns.slice(3) };
  else {
    const { submeasures } = facts as Facts;
    // The loaded file is cached and never changed, so its flat rows are made once per client.
    let rows = flatFacts.get(facts as Facts);
    if (!rows) flatFacts.set(facts as Facts, (rows = flattenFacts(facts as Facts, factsFile)));
    // Only the sub-measure column can be wrong (a code not in measures.json): point at that code.
    source = { rows, file: factsFile, pointer: (row) => `/submeasures/${submeasures.indexOf(rows[row]?.[1] ?? '')}` };
  }
  return computeSpending({
    groupBy,
    metric,
    perCapita,
    filters: f,
    ...source,
    ...(measures ? { measures } : {}),
    ...(territories ? { territories } : {}),
    ...(paid ? { referenceDates: (facts as PaidFacts).referenceDates } : {}),
  });
}

/**
 * `enclosing(q)` of a client whose `placeCodes` already turned names into codes: the territory's name
 * and the rows of its enclosing buckets, from the territory's view file of `q.groupBy` (which its chart
 * has just read) when it carries them, else from territories.json and `spending({ groupBy: 'comune' })`
 * — the fact path, with the same rows (the view's sums are that grouping's, see ingest/aggregate/views.ts).
 */
export async function enclosingMethod(q: EnclosingQuery, deps: SpendingDeps): Promise<EnclosingAnswer> {
  const { load, signal } = deps;
  const f = filters(q);
  const groupBy = oneOf('groupBy', q.groupBy, GROUPS, 'mission');
  const metric = oneOf('metric', q.metric, METRICS, 'pnrr');
  const key = f.comune ?? f.province;
  if (key === undefined) return fail('comune', q.comune, 'give a comune or a province');
  const place: Filters = f.comune !== undefined ? { comune: key } : { province: key };
  const buckets = enclosingBuckets(key);
  const { spendingRows, isTerritorial } = await import('./spending.js');
  // The paid metrics and a mission filter are not in the view's sums; territorial views have none.
  const found = metric === 'paid' || metric === 'paid-share' || f.mission !== undefined || isTerritorial(groupBy) ? undefined : await viewFor(groupBy, place, load, signal);
  const names = found?.view.names;
  if (found && names && found.view.enclosing) {
    const { viewSums } = await import('../format/facts.js');
    const sums = viewSums({ columns: found.view.columns, rows: found.view.enclosing }, found.path);
    const rows = spendingRows({ groupBy: 'comune', metric, perCapita: undefined, filters: {}, file: found.path }, sums);
    return { key, name: names[key] ?? key, rows: rows.map((r) => ({ ...r, label: names[r.key] ?? r.label })) };
  }
  const [territories, all] = await Promise.all([
    load<Territories>(PACKAGE_FILES.territories, SHAPES.territories, signal),
    spendingMethod({ groupBy: 'comune', metric, ...(f.mission !== undefined ? { mission: f.mission } : {}) }, deps),
  ]);
  const territory = f.comune !== undefined ? territories.comuni.find((c) => c.code === key) : territories.provinces.find((p) => p.code === key);
  if (!territory) throw new NotFoundError(f.comune !== undefined ? 'comune' : 'province', key);
  return { key, name: territory.name, rows: all.filter((r) => buckets.includes(r.key)) };
}

/**
 * The view file that answers `groupBy` with `f` (see format/views.ts), or undefined: the manifest
 * lists no views (an older package), none answers the query, or the file is missing (an unknown
 * territory too: the fact path then says NotFoundError). Paths follow the client's own pattern,
 * never one read from the package, like every other file.
 */
async function viewFor(groupBy: GroupBy, f: Filters, load: Load, signal: AbortSignal | undefined): Promise<{ view: ViewFile; path: string } | undefined> {
  const m = await load<Manifest>(PACKAGE_FILES.manifest, SHAPES.manifest, signal);
  const listing = (m.files as Partial<Manifest['files']>).views;
  if (typeof listing !== 'object' || listing === null) return undefined;
  const filter = viewFilter(listing, m.region.code, groupBy, f);
  if (filter === null) return undefined;
  const path = viewPath(VIEW_LISTING, groupBy, filter);
  try {
    return { view: await load<ViewFile>(path, SHAPES.view, signal), path };
  } catch (error) {
    if (error instanceof NetworkError && error.status === 404) return undefined;
    throw error;
  }
}
