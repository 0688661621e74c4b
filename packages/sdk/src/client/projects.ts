/** `projects()`: filtering, sorting and paging of one project list (a list file, and its page files when it is paged). */
import { byString } from '../format/compare.js';
import { fold } from '../format/fold.js';
import { provinceOf } from '../format/keys.js';
import { DataFormatError } from '../errors.js';
import { LIST_PAGE_ORDER, listPageCount, listPageLength, listPagePath } from '../format/list-pages.js';
import type { ListPaging, Manifest, ProjectList, ProjectListItem, ProjectListPage } from '../schema/package.js';
import { measureMatcher, oneOf } from './args.js';
import { LIST_ITEM, type Spec } from './checks.js';
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

/** Folded on both sides, so "citta" finds "CITTÀ". */
const searchWords = (text: string): string[] => fold(text).split(/\s+/).filter(Boolean);

/**
 * The last matches computed for an item array (the loader's cached list, or a paged list's items
 * joined once): paging through one search or sort, or downloading it 1000 items at a time, filters
 * and sorts the list once instead of once per page.
 */
const lastMatches = new WeakMap<readonly ProjectListItem[], { key: string; matches: ProjectListItem[] }>();

/** `listKey` is the territory of the list read; a province filter still applies when the list is a comune's. */
export function selectProjects(items: readonly ProjectListItem[], listKey: string, q: ListQuery): ProjectsPage {
  const { province, implementingBody } = q.filters;
  const inProvince = province !== undefined && province !== listKey;
  const measure = measureMatcher(q.filters);
  const words = searchWords(q.text);

  const memoKey = JSON.stringify([listKey, q.filters, words, q.sort, q.order]);
  let matches = lastMatches.get(items)?.key === memoKey ? lastMatches.get(items)!.matches : undefined;
  if (!matches) {
    matches = items.filter(
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
    lastMatches.set(items, { key: memoKey, matches });
  }

  let areaPnrrCents = 0;
  let areaTotalCents = 0;
  for (const item of matches) {
    areaPnrrCents += areaPnrr(item);
    areaTotalCents += areaTotal(item);
  }
  return { total: matches.length, offset: q.offset, limit: q.limit, items: copies(matches.slice(q.offset, q.offset + q.limit)), areaPnrrCents, areaTotalCents };
}

/** Callers get their own items: the cached list must not change under other callers. */
const copies = (items: readonly ProjectListItem[]): ProjectListItem[] => items.map((item) => ({ ...item, places: [...item.places] }));

/** The shape of a page file after the first of a paged list (`paging` itself is checked by `checkPaging`). */
export const LIST_PAGE_SHAPE = { territory: 'string', page: 'number', items: [LIST_ITEM] } as const satisfies Spec;

/** What `listProjects` needs of the client: its file loader and the manifest's page pattern. */
export interface ListDeps {
  load<T>(path: string, spec: Spec, signal: AbortSignal | undefined): Promise<T>;
  /** The manifest, for `files.lists.pagePattern` (read only for a paged list). */
  manifest(signal: AbortSignal | undefined): Promise<Manifest>;
}

/**
 * A `projects()` answer from the list file of `listKey` (already read, at `path`). A list within one page
 * holds every item. A paged list (`paging`: docs/data-schema.md) is read as little as the query allows:
 * in its own order (`sort: 'area-pnrr'`, descending) with no filter but its territory and no search
 * text, only the pages that hold `offset…offset + limit` (the first page is the list file: a list view's
 * first screen reads nothing more); any other query reads every page, in parallel, once per client.
 * The total and the sums come from `paging`, so they are right without the other pages.
 *
 * @throws DataFormatError naming the file when `paging` or a page does not fit the list; NetworkError for a page
 *   that cannot be read.
 */
export async function listProjects(list: ProjectList, path: string, listKey: string, q: ListQuery, deps: ListDeps, signal: AbortSignal | undefined): Promise<ProjectsPage> {
  if (!list.paging) return selectProjects(list.items, listKey, q);
  const paging = checkPaging(list, path);
  const pageOf = pageReader(list, paging, listKey, deps, signal);
  const { province, implementingBody } = q.filters;
  const inListOrder =
    q.sort === LIST_PAGE_ORDER &&
    q.order === 'desc' &&
    (province === undefined || province === listKey) &&
    implementingBody === undefined &&
    !measureMatcher(q.filters) &&
    searchWords(q.text).length === 0;
  if (!inListOrder) return selectProjects(await allItems(list, paging, pageOf), listKey, q);

  const { total, pageSize } = paging;
  const end = Math.min(q.offset + q.limit, total);
  const items: ProjectListItem[] = [];
  if (q.offset < end) {
    const from = Math.floor(q.offset / pageSize) + 1;
    const to = Math.floor((end - 1) / pageSize) + 1;
    const pages = await Promise.all(Array.from({ length: to - from + 1 }, (_, i) => pageOf(from + i)));
    const start = (from - 1) * pageSize;
    items.push(...copies(pages.flat().slice(q.offset - start, end - start)));
  }
  return { total, offset: q.offset, limit: q.limit, items, areaPnrrCents: paging.areaPnrrCents, areaTotalCents: paging.areaTotalCents };
}

/** `paging` of a list file, checked against its first page. */
function checkPaging(list: ProjectList, path: string): ListPaging {
  const p = list.paging as Record<string, unknown>;
  for (const field of ['total', 'pages', 'pageSize', 'areaPnrrCents', 'areaTotalCents'] as const) {
    if (!Number.isSafeInteger(p[field])) throw new DataFormatError(path, `/paging/${field}`, 'expected an integer');
  }
  const paging = list.paging!;
  if (paging.pageSize < 1 || paging.pages !== listPageCount(paging.total, paging.pageSize)) {
    throw new DataFormatError(path, '/paging/pages', `${paging.pages} pages of ${paging.pageSize} items cannot hold ${paging.total} items`);
  }
  if (list.items.length !== listPageLength(1, paging.total, paging.pageSize)) {
    throw new DataFormatError(path, '/items', `the first page of ${paging.total} items in pages of ${paging.pageSize} has ${list.items.length} items`);
  }
  return paging;
}

/** Page `n` (1…pages) of a paged list: the list file's items, or page file `n`, checked to fit the list. */
function pageReader(list: ProjectList, paging: ListPaging, listKey: string, deps: ListDeps, signal: AbortSignal | undefined) {
  return async (n: number): Promise<readonly ProjectListItem[]> => {
    if (n === 1) return list.items;
    const pattern = (await deps.manifest(signal)).files.lists.pagePattern;
    if (pattern === undefined) throw new DataFormatError('manifest.json', '/files/lists/pagePattern', `missing, but the list of ${listKey} has ${paging.pages} pages`);
    const path = listPagePath(pattern, listKey, n);
    const page = await deps.load<ProjectListPage>(path, LIST_PAGE_SHAPE, signal);
    const expected = listPageLength(n, paging.total, paging.pageSize);
    if (page.territory !== listKey) throw new DataFormatError(path, '/territory', `"${page.territory}" in a page of the list of ${listKey}`);
    if (page.page !== n) throw new DataFormatError(path, '/page', `${page.page} in the file of page ${n}`);
    if (page.items.length !== expected) throw new DataFormatError(path, '/items', `${page.items.length} items; page ${n} of ${paging.pages} of a list of ${paging.total} holds ${expected}`);
    return page.items;
  };
}

/** Every item of a paged list, its pages read in parallel; joined once per list file (the loader caches the files). */
const joined = new WeakMap<ProjectList, Promise<ProjectListItem[]>>();

function allItems(list: ProjectList, paging: ListPaging, pageOf: (n: number) => Promise<readonly ProjectListItem[]>): Promise<ProjectListItem[]> {
  let items = joined.get(list);
  if (!items) {
    items = Promise.all(Array.from({ length: paging.pages }, (_, i) => pageOf(i + 1))).then((pages) => pages.flat());
    joined.set(list, items);
    // A page that failed is read again by the next call (the loader forgets failed files too).
    items.catch(() => joined.get(list) === items && joined.delete(list));
  }
  return items;
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
