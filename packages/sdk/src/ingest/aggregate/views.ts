/**
 * The view files of a package: `spending()` answers pre-aggregated by grouping
 * and filter (see format/views.ts for which). A function of the aggregated
 * files only (facts, body facts, measures, territories), so it runs the same
 * whichever way those were made. Each view is `sumGroups` — the first half of
 * `spending()` itself — over the fact rows, so a view holds exactly the sums the
 * client would compute from the fact table; every summed column of the fact
 * table is carried, so a metric column added there flows into the views.
 */
import { flattenFacts } from '../../format/facts.js';
import { byString } from '../../format/compare.js';
import { SCHEMA_VERSION } from '../../format/version.js';
import { PACKAGE_FILES } from '../../format/paths.js';
import { VIEW_LISTING } from '../../format/views.js';
import { enclosingBuckets } from '../../format/keys.js';
import { describer, sumGroups, type SpendingInput } from '../../client/spending.js';
import type { Filters, GroupBy } from '../../client/types.js';
import type { BodyFacts, Facts, Measures, Territories, ViewFile, ViewListing } from '../../schema/package.js';

export interface ViewSources {
  facts: Facts;
  bodyFacts: BodyFacts;
  measures: Measures;
  territories: Territories;
}

/** Rows by territory key (column 0), so that a view of one territory sums only its rows. */
function byTerritory<R extends ReadonlyArray<string | number>>(rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const row of rows) {
    const key = row[0] as string;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(row);
  }
  return out;
}

/** Every view file of `VIEW_LISTING` (or `listing`), in a stable order. */
export function viewFiles(sources: ViewSources, listing: ViewListing = VIEW_LISTING): ViewFile[] {
  const { facts, bodyFacts, measures, territories } = sources;
  const region = territories.region.code;
  const flat = flattenFacts(facts, PACKAGE_FILES.facts);
  const flatBy = byTerritory(flat);
  const bodyBy = byTerritory(bodyFacts.rows);
  const territorial = (g: GroupBy): boolean => g === 'province' || g === 'comune';

  const view = (groupBy: GroupBy, filter: string, filters: Filters): ViewFile => {
    const body = groupBy === 'implementing-body';
    // Non-territorial groupings read the rows of one territory only (the region's when unfiltered):
    // the same rows sumGroups would keep out of the whole table, without scanning it for every view.
    const scope = territorial(groupBy) ? undefined : (filters.comune ?? filters.province ?? region);
    const rows = body ? (scope === undefined ? bodyFacts.rows : (bodyBy.get(scope) ?? [])) : scope === undefined ? flat : (flatBy.get(scope) ?? []);
    const input: SpendingInput = {
      groupBy, metric: 'pnrr', perCapita: undefined, filters, rows, file: body ? PACKAGE_FILES.bodyFacts : PACKAGE_FILES.facts, measures, territories,
      ...(body ? { bodies: bodyFacts.bodies, columns: bodyFacts.columns.slice(3) } : {}),
    };
    const { columns, groups } = sumGroups(input);
    const keys = [...groups.keys()].sort(byString);
    const file: ViewFile = { schemaVersion: SCHEMA_VERSION, groupBy, filter, columns: [...columns], rows: keys.map((k) => [k, ...groups.get(k)!]) };
    if (!territorial(groupBy)) {
      const describe = describer(input);
      // Labels (and names, enclosing) before the rows, as the schema lists them.
      const { rows: viewRows, ...head } = file;
      return { ...head, labels: Object.fromEntries(keys.map((k) => [k, describe(k).label])), ...(scope === undefined || scope === region ? {} : around(input, scope)), rows: viewRows };
    }
    return file;
  };

  /**
   * What a chart of one territory says beside its rows, so that it needs no other file: the
   * territory's name, and the money of the buckets enclosing it (its province-wide bucket, the
   * region-wide one), which its filter leaves out — the rows `spending({ groupBy: 'comune' })`
   * has for those keys, summed from the same kind of rows as the view.
   */
  const around = (input: SpendingInput, key: string): Pick<ViewFile, 'names' | 'enclosing'> => {
    const buckets = enclosingBuckets(key);
    const from: Map<string, ReadonlyArray<ReadonlyArray<string | number>>> = input.bodies !== undefined ? bodyBy : flatBy;
    const rows = buckets.flatMap((b) => from.get(b) ?? []);
    const { groups } = sumGroups({ ...input, groupBy: 'comune', filters: {}, rows });
    const name = describer({ ...input, groupBy: 'comune', filters: {} });
    return {
      names: Object.fromEntries([key, ...buckets].map((k) => [k, name(k).label])),
      enclosing: buckets.filter((b) => groups.has(b)).map((b) => [b, ...groups.get(b)!]),
    };
  };

  const out: ViewFile[] = [];
  for (const g of listing.region) out.push(view(g, region, {}));
  for (const g of listing.territory) {
    for (const p of territories.provinces) out.push(view(g, p.code, { province: p.code }));
    for (const c of territories.comuni) out.push(view(g, c.code, { comune: c.code }));
  }
  for (const g of listing.mission) for (const m of measures.missions) out.push(view(g, m.code, { mission: m.code }));
  return out;
}
