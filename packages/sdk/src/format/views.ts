/**
 * Pre-aggregated view files: which `spending()` answers a package carries as
 * small files of their own (the build writes them, `manifest.files.views`
 * lists them), and which file answers a query. Shared by the build (which
 * writes what VIEW_LISTING says) and the client (which reads the listing of
 * the package it reads), so that a chart by mission fetches a few hundred bytes
 * instead of the whole fact table.
 *
 * A view holds the column sums of `sumGroups` (client/spending.ts) for one
 * grouping and one filter; `spendingRows` turns them into the answer exactly as
 * it does the sums of the fact table, so both paths give the same rows.
 */
import type { Filters } from '../client/types.js';
import type { ViewListing } from '../schema/package.js';
import { fillPattern } from './paths.js';

type GroupBy = ViewListing['region'][number];

/** What this build writes (and lists in the manifest). */
export const VIEW_LISTING: ViewListing = {
  pattern: 'views/{groupBy}/{filter}.json',
  // Every grouping for the whole region.
  region: ['mission', 'component', 'measure', 'submeasure', 'province', 'comune', 'implementing-body'],
  // What a chart of one province or comune asks (group-by, comune=, province=).
  territory: ['mission', 'component', 'measure', 'implementing-body'],
  // The map of one mission (group by comune, mission=, and province= by filtering the keys), the chart by province of one mission.
  mission: ['province', 'comune'],
};

/** The path of the view of `groupBy` with `filter` (region code, territory key or mission code). */
export const viewPath = (listing: Pick<ViewListing, 'pattern'>, groupBy: string, filter: string): string =>
  fillPattern(fillPattern(listing.pattern, 'groupBy', groupBy), 'filter', filter);

const isTerritorial = (groupBy: string): boolean => groupBy === 'province' || groupBy === 'comune';

/**
 * The filter a view needs to answer `groupBy` with `filters` exactly, or null when no view
 * can (the query then reads the fact table). Territorial groupings keep their territory
 * filters: `spendingRows` applies them to the view's keys, as `sumGroups` does to the fact rows.
 */
export function viewFilter(listing: ViewListing, region: string, groupBy: GroupBy, filters: Filters): string | null {
  const { comune, province, mission, component, measure, submeasure, implementingBody } = filters;
  if (component !== undefined || measure !== undefined || submeasure !== undefined || implementingBody !== undefined) return null;
  const has = (kind: 'region' | 'territory' | 'mission'): boolean => Array.isArray(listing[kind]) && listing[kind].includes(groupBy);
  if (isTerritorial(groupBy)) {
    if (mission !== undefined) return has('mission') ? mission : null;
    return has('region') ? region : null;
  }
  if (mission !== undefined || (comune !== undefined && province !== undefined)) return null;
  const territory = comune ?? province;
  if (territory !== undefined) return has('territory') ? territory : null;
  return has('region') ? region : null;
}
