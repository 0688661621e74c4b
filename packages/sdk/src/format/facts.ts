/**
 * Reads the compact `facts.json` layout back into one flat row per territory
 * key × sub-measure, for every kind of key (comuni, buckets, provinces, region).
 * Shared by the client (spending), `validate` and `summary`, so there is one
 * reading of the layout. Province and region amounts are the sums of the
 * `amounts` keys they contain; their project counts come from `counts`.
 */
import { DataFormatError } from '../errors.js';
import { provinceOf, territoryKind, type TerritoryKind } from './keys.js';
import type { Facts } from '../schema/package.js';
import { byString } from './compare.js';

/** [territory key, sub-measure code, PNRR cents, total cents, distinct projects]. */
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

/** What the ingest counts per territory key and sub-measure: summed amounts and the distinct projects. */
export interface FactTally {
  pnrr: number;
  total: number;
  projects: Set<string>;
}

/**
 * The compact `facts.json` layout (the inverse of `flattenFacts`) from the
 * tallies by territory key → sub-measure: sub-measure codes once, amounts only
 * for comuni and buckets (provinces and the region are their sums), distinct
 * project counts for provinces and the region (not sums: a project in two
 * comuni of a province counts once there).
 */
export function encodeFacts(tallies: ReadonlyMap<string, ReadonlyMap<string, FactTally>>, schemaVersion: string): Facts {
  const codes = [...new Set([...tallies.values()].flatMap((bySub) => [...bySub.keys()]))].sort(byString);
  const index = new Map(codes.map((code, i) => [code, i]));
  const amounts: Facts['amounts'] = {};
  const counts: Facts['counts'] = {};
  for (const [key, bySub] of tallies) {
    // Sorted codes give sorted indexes.
    const subs = [...bySub.keys()].sort(byString);
    // 6-digit keys are comuni and buckets; the others, provinces and the region.
    if (key.length === 6) {
      amounts[key] = subs.map((sub) => {
        const acc = bySub.get(sub)!;
        return [index.get(sub)!, acc.pnrr, acc.total - acc.pnrr, acc.projects.size];
      });
    } else {
      counts[key] = subs.map((sub) => [index.get(sub)!, bySub.get(sub)!.projects.size]);
    }
  }
  return {
    schemaVersion,
    columns: { amounts: ['submeasure', 'pnrrCents', 'otherCents', 'projects'], counts: ['submeasure', 'projects'] },
    submeasures: codes,
    amounts,
    counts,
  };
}

/**
 * The text of `facts.json`: compact, with the territory keys in code-point
 * order. Plain JSON.stringify cannot do it: objects enumerate integer-like keys
 * first ("100", "100001" — Prato — before "045"), whatever the insertion order.
 */
export function factsJson(facts: Facts): string {
  const sortedRecord = (record: Readonly<Record<string, unknown>>): string =>
    `{${Object.keys(record).sort(byString).map((key) => `${JSON.stringify(key)}:${JSON.stringify(record[key])}`).join(',')}}`;
  return (
    `{"schemaVersion":${JSON.stringify(facts.schemaVersion)},"columns":${JSON.stringify(facts.columns)},` +
    `"submeasures":${JSON.stringify(facts.submeasures)},"amounts":${sortedRecord(facts.amounts)},"counts":${sortedRecord(facts.counts)}}\n`
  );
}
