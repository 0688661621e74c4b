/**
 * Writes the compact `facts.json` layout that facts.ts reads back (the ingest's
 * side of the same layout, kept beside its reader). A module of its own so that
 * browsers, which load facts.ts as a lazy chunk, never download the writer.
 */
import type { Facts, PaidFacts } from '../schema/package.js';
import { byString } from './compare.js';

/** What the ingest counts per territory key and sub-measure: summed amounts and the distinct projects (a Set, or a counter with its `size`). */
export interface FactTally {
  pnrr: number;
  total: number;
  projects: { readonly size: number };
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
export function factsJson(facts: Facts | PaidFacts): string {
  const sortedRecord = (record: Readonly<Record<string, unknown>>): string =>
    `{${Object.keys(record).sort(byString).map((key) => `${JSON.stringify(key)}:${JSON.stringify(record[key])}`).join(',')}}`;
  const dates = 'referenceDates' in facts ? `"referenceDates":${JSON.stringify(facts.referenceDates)},` : '';
  return (
    `{"schemaVersion":${JSON.stringify(facts.schemaVersion)},${dates}"columns":${JSON.stringify(facts.columns)},` +
    `"submeasures":${JSON.stringify(facts.submeasures)},"amounts":${sortedRecord(facts.amounts)},"counts":${sortedRecord(facts.counts)}}\n`
  );
}

/**
 * The `facts-paid.json` layout: `encodeFacts` of tallies whose `pnrr` is the amount
 * paid and `total` the amount financed, so the second amount column is financed −
 * paid and `flattenFacts` reads the file back as [key, sub-measure, paid, financed, projects].
 */
export function encodePaidFacts(
  tallies: ReadonlyMap<string, ReadonlyMap<string, FactTally>>, schemaVersion: string, referenceDates: PaidFacts['referenceDates'],
): PaidFacts {
  const { columns, ...rest } = encodeFacts(tallies, schemaVersion);
  return { ...rest, referenceDates, columns: { amounts: ['submeasure', 'paidCents', 'unpaidCents', 'projects'], counts: columns.counts } };
}
