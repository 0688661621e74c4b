/**
 * Paged project lists: a territory's list file (`lists/{key}.json`) holds at most one page of
 * items; a longer list keeps its first page there, in the list element's default order (the
 * funding attributed to the territory, largest first), with the list's total and number of pages,
 * and the other pages in page files (`lists/{key}/{page}.json`, pages 2…n). Shared by the writer,
 * `validate` and the client, so the three agree on the order and the file names.
 */
import { byString } from './compare.js';
import { fillPattern } from './paths.js';

/**
 * Items per page. Measured on the real Tuscan and Ligurian items (gzip -6, in the page order): the
 * largest first page of 200 items is the Tuscan region's, 14.3 KiB (73 bytes per item; a page of 100
 * of the largest projects reaches 83), so a comune's list view — the manifest, measures.json,
 * territories.json (9.8 KiB together) and the list file — stays within its 30 KiB budget at any size.
 */
export const LIST_PAGE_SIZE = 200;

/** The order of a paged list's items: `projects()`'s `sort: 'area-pnrr'`, descending. */
export const LIST_PAGE_ORDER = 'area-pnrr';

/** The fields of a list item that set its place in a paged list. */
export interface ListOrderKey {
  areaPnrrCents: number;
  cup: string;
  localCode: string;
}

/**
 * The order of a paged list: attributed PNRR funding, largest first; ties by CUP, then local code,
 * ascending (code-point order) — exactly `projects({ sort: 'area-pnrr' })`'s order.
 */
export const byListPageOrder = (a: ListOrderKey, b: ListOrderKey): number =>
  b.areaPnrrCents - a.areaPnrrCents || byString(a.cup, b.cup) || byString(a.localCode, b.localCode);

/** The order of a list within one page (unchanged since the first packages): whole PNRR amount, largest first; ties as above. */
export const byListItemOrder = (a: { pnrrCents: number; cup: string; localCode: string }, b: { pnrrCents: number; cup: string; localCode: string }): number =>
  b.pnrrCents - a.pnrrCents || byString(a.cup, b.cup) || byString(a.localCode, b.localCode);

/** Number of pages of a list of `total` items (at least 1: an empty list is one empty file). */
export const listPageCount = (total: number, pageSize: number): number => Math.max(1, Math.ceil(total / pageSize));

/** Items on page `page` (1-based) of a list of `total` items. */
export const listPageLength = (page: number, total: number, pageSize: number): number =>
  Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize));

/** Path of page `page` (2…pages) of the list of `key`, from `manifest.files.lists.pagePattern`. */
export const listPagePath = (pattern: string, key: string, page: number): string => fillPattern(fillPattern(pattern, 'key', key), 'page', String(page));
