/**
 * How a project's tenders are stored: the first `INLINE_TENDERS` in its shard record (what a
 * card shows at once), the rest in the tenders file of its CUP (`tenders/{shard}/{cup}.json`),
 * read only when the reader asks for every tender (`client.tenders()`).
 *
 * Measured on the Tuscan package (one card's data = manifest.json, 0.77 KiB, + its shard; budget
 * 10 KiB gzip): with every tender inline the largest shard is 14.4 KiB gzip -9 (H92E22000070008
 * alone has 246 tenders); keeping 5 per record 9.8 KiB, 4 9.4 KiB: over with the manifest; 3 gives
 * 9.17 KiB, 9.94 KiB with the manifest at gzip -9 but 10.1 KiB at gzip -6 (what a web server
 * sends); 2 gives 8.9 KiB, within the budget at either level with room for the manifest to grow.
 */
import type { Project, Tender, TenderFile } from '../schema/package.js';
import { PACKAGE_FILES, fillPattern } from './paths.js';
import { projectShard } from './shard.js';

/** Tenders a shard record carries; a project with more has `tenderCount` and a tenders file. */
export const INLINE_TENDERS = 2;

/** One local project's entry of a tenders file. */
export type TenderRest = TenderFile['projects'][number];

/**
 * Cuts `record`'s tenders to the first INLINE_TENDERS (in place), setting `tenderCount`, and
 * returns the rest as a tenders-file entry; null when the record keeps them all.
 */
export function splitTenders(record: Project): TenderRest | null {
  const tenders = record.tenders;
  if (!tenders || tenders.length <= INLINE_TENDERS) return null;
  const rest: Tender[] = tenders.slice(INLINE_TENDERS);
  record.tenders = tenders.slice(0, INLINE_TENDERS);
  record.tenderCount = tenders.length;
  return { localCode: record.localCode, offset: INLINE_TENDERS, tenders: rest };
}

/** The tenders file of `cup` in a package with `shardCount` shards (the pattern of manifest `files.tenders`). */
export const tenderFilePath = (cup: string, shardCount: number | undefined, pattern: string = PACKAGE_FILES.tenderPattern): string =>
  fillPattern(fillPattern(pattern, 'shard', projectShard(cup, shardCount)), 'cup', cup);
