/**
 * Reads the compact `facts.json` layout back into one flat row per territory
 * key × sub-measure, for every kind of key (comuni, buckets, provinces, region).
 * Shared by the client (spending), `validate` and `summary`, so there is one
 * reading of the layout. Province and region amounts are the sums of the
 * `amounts` keys they contain; their project counts come from `counts`.
 * The writer of the layout is beside it, in facts-writer.ts (not here: the
 * client loads this module lazily, and a lazy chunk keeps every export).
 */
import { DataFormatError } from '../errors.js';
import { provinceOf, territoryKind, type TerritoryKind } from './keys.js';
import type { Facts, ViewFile } from '../schema/package.js';

/** Names of the summed columns of a flat fact row, after the territory key and the sub-measure code. */
export const FLAT_FACT_COLUMNS: readonly string[] = ['pnrrCents', 'totalCents', 'projects'];

/** [territory key, sub-measure code, PNRR cents, total cents, distinct projects]: the columns of FLAT_FACT_COLUMNS after the two keys. */
export type FlatFactRow = [territory: string, submeasure: string, pnrrCents: number, totalCents: number, projects: number];

/**
 * The flat rows of `facts`: every `amounts` tuple, then every `counts` tuple
 * with its derived amounts. Throws DataFormatError (naming `file` and the JSON
 * pointer) on a key of the wrong kind or a sub-measure index out of range.
 */
export function flattenFacts(facts: Pick<Facts, 'submeasures' | 'amounts' | 'counts'>, file: string): FlatFactRow[] {
  const rows: FlatFactRow[] = [];
  // "<province, or '' for the region> <sub-measure index>" → [PNRR, total] summed over the keys it contains.
  const sums = new Map<string, [number, number]>();
  const read = <P extends 'amounts' | 'counts'>(part: P, kinds: TerritoryKind[], each: (key: string, tuple: Facts[P][string][number], code: string) => void): void => {
    for (const [key, tuples] of Object.entries(facts[part]) as [string, Facts[P][string]][]) {
      if (!kinds.includes(territoryKind(key) as TerritoryKind)) throw new DataFormatError(file, `/${part}/${key}`, `expected a key of kind ${kinds.join(', ')}`);
      tuples.forEach((tuple, j) => {
        const code = facts.submeasures[tuple[0]];
        if (code === undefined) throw new DataFormatError(file, `/${part}/${key}/${j}/0`, `no sub-measure at index ${tuple[0]}`);
        each(key, tuple, code);
      });
    }
  };
  read('amounts', ['comune', 'province-wide', 'region-wide'], (key, [index, pnrr, other, projects], code) => {
    rows.push([key, code, pnrr, pnrr + other, projects]);
    for (const whole of ['', provinceOf(key)]) {
      if (whole === null) continue;
      const sum = sums.get(`${whole} ${index}`) ?? [0, 0];
      sum[0] += pnrr;
      sum[1] += pnrr + other;
      sums.set(`${whole} ${index}`, sum);
    }
  });
  read('counts', ['province', 'region'], (key, [index, projects], code) => {
    const [pnrr, total] = sums.get(`${territoryKind(key) === 'region' ? '' : key} ${index}`) ?? [0, 0];
    rows.push([key, code, pnrr, total, projects]);
  });
  return rows;
}


/**
 * The group sums of a view file (see format/views.ts), checked: each row is its
 * group key and one number per column. Throws DataFormatError naming `file` and
 * the row otherwise. Here beside flattenFacts, in the lazily loaded reader.
 */
export function viewSums(view: Pick<ViewFile, 'columns' | 'rows'>, file: string): { columns: readonly string[]; groups: Map<string, number[]> } {
  const width = view.columns.length;
  const groups = new Map<string, number[]>();
  view.rows.forEach((row, i) => {
    if (row.length !== width + 1) throw new DataFormatError(file, `/rows/${i}`, `expected a key and ${width} numbers`);
    const [key, ...sums] = row;
    if (typeof key !== 'string') throw new DataFormatError(file, `/rows/${i}/0`, 'expected a string');
    const bad = sums.findIndex((n) => typeof n !== 'number' || !Number.isFinite(n));
    if (bad >= 0) throw new DataFormatError(file, `/rows/${i}/${bad + 1}`, 'expected a number');
    if (groups.has(key)) throw new DataFormatError(file, `/rows/${i}/0`, `group "${key}" twice`);
    groups.set(key, sums as number[]);
  });
  return { columns: view.columns, groups };
}
