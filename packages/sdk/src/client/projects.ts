/** `projects()`: filtering, sorting and paging of one project list file. */
import { byString } from '../format/compare.js';
import { fold } from '../format/fold.js';
import { provinceOf } from '../format/keys.js';
import type { ProjectListItem } from '../schema/package.js';
import { measureMatcher, oneOf } from './args.js';
import type { Filters, ProjectSort, ProjectsPage } from './types.js';

export interface ListQuery {
  filters: Filters;
  text: string;
  sort: ProjectSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const SORTS: readonly ProjectSort[] = ['pnrr', 'total', 'area-pnrr', 'area-total', 'paid-share', 'title', 'cup'];

/** The query's `sort` and `order`, checked, with their defaults (amounts descending, title and CUP ascending). */
export function checkSort(q: { sort?: unknown; order?: unknown }): { sort: ProjectSort; order: 'asc' | 'desc' } {
  const sort = oneOf('sort', q.sort, SORTS, 'pnrr');
  return { sort, order: oneOf('order', q.order, ['asc', 'desc'], sort === 'title' || sort === 'cup' ? 'asc' : 'desc') };
}

let collator: Intl.Collator | undefined;
const byCode = (a: ProjectListItem, b: ProjectListItem): number => byString(a.cup, b.cup) || byString(a.localCode, b.localCode);

/** Paid ÷ financed (all sources), null without payment data (or nothing financed). */
export function paidShare(item: Pick<ProjectListItem, 'paidCents' | 'financedCents'>): number | null {
  return item.paidCents != null && item.financedCents ? item.paidCents / item.financedCents : null;
}
// Packages written before the list carried area amounts: the whole amount stands in.
const areaPnrr = (i: ProjectListItem): number => i.areaPnrrCents ?? i.pnrrCents;
const areaTotal = (i: ProjectListItem): number => i.areaTotalCents ?? i.totalCents;

const COMPARE: Record<ProjectSort, (a: ProjectListItem, b: ProjectListItem) => number> = {
  pnrr: (a, b) => a.pnrrCents - b.pnrrCents,
  total: (a, b) => a.totalCents - b.totalCents,
  'area-pnrr': (a, b) => areaPnrr(a) - areaPnrr(b),
  'area-total': (a, b) => areaTotal(a) - areaTotal(b),
  'paid-share': (a, b) => (paidShare(a) ?? 0) - (paidShare(b) ?? 0),
  title: (a, b) => (collator ??= new Intl.Collator('it', { sensitivity: 'base', numeric: true })).compare(a.title, b.title),
  cup: byCode,
};

/** `listKey` is the territory of the list read; a province filter still applies when the list is a comune's. */
export function selectProjects(items: readonly ProjectListItem[], listKey: string, q: ListQuery): ProjectsPage {
  const { province, implementingBody } = q.filters;
  const inProvince = province !== undefined && province !== listKey;
  const measure = measureMatcher(q.filters);
  // Folded on both sides, so "citta" finds "CITTÀ".
  const words = fold(q.text).split(/\s+/).filter(Boolean);

  const matches = items.filter(
    (item) =>
      (!inProvince || item.places.some((p) => p === province || provinceOf(p) === province)) &&
      (implementingBody === undefined || item.body === implementingBody) &&
      (!measure || measure(item.submeasure)) &&
      (words.length === 0 || hasWords(item, words)),
  );

  const compare = COMPARE[q.sort];
  const sign = q.order === 'asc' ? 1 : -1;
  // Ties are broken by CUP and local code, always ascending, so pages are stable.
  // Without payment data there is no paid share: such projects come last in either order.
  const unpaidLast = q.sort === 'paid-share' ? (a: ProjectListItem, b: ProjectListItem) => Number(paidShare(a) === null) - Number(paidShare(b) === null) : () => 0;
  matches.sort((a, b) => unpaidLast(a, b) || sign * compare(a, b) || byCode(a, b));

  return {
    total: matches.length,
    offset: q.offset,
    limit: q.limit,
    items: matches.slice(q.offset, q.offset + q.limit).map((item) => ({ ...item, places: [...item.places] })),
  };
}

// The folded search text of each list item, computed once: list items are the
// loader's cached objects, so later searches on the same list skip the folding
// (the costly part of a text search: ~1 ms per call on the region's list).
const searchText = new WeakMap<ProjectListItem, string>();

function hasWords(item: ProjectListItem, words: string[]): boolean {
  let haystack = searchText.get(item);
  if (haystack === undefined) {
    haystack = fold(`${item.title}\n${item.cup}\n${item.localCode}\n${item.bodyName}`);
    searchText.set(item, haystack);
  }
  return words.every((w) => haystack.includes(w));
}
