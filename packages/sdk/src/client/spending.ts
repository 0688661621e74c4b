/**
 * `spending()`: aggregates of the fact table (territory × sub-measure, read flat
 * through flattenFacts, or territory × sub-measure × body). Never reads project
 * rows: every grouping is a sum of fact rows, and project counts stay exact because each project
 * has exactly one sub-measure (and one implementing body), so summing the
 * per-sub-measure distinct counts of one territory row counts each project once.
 */
import { DataFormatError } from '../errors.js';
import { fail } from './args.js';
import { byString } from '../format/compare.js';
import { REGION_WIDE_KEY, provinceOf, territoryKind, type TerritoryKind } from '../format/keys.js';
import type { BodyFacts, Manifest, Measures, Population, Territories } from '../schema/package.js';
import { FLAT_FACT_COLUMNS } from '../format/facts.js';
import { measureMatcher } from './args.js';
import type { Filters, GroupBy, Metric, PopulationYear, SpendingRow } from './types.js';

export interface SpendingInput {
  groupBy: GroupBy;
  metric: Metric;
  perCapita: PopulationYear | undefined;
  filters: Filters;
  /** Flat fact rows (see flattenFacts); with `bodies`, body-fact rows (the body index is column 2). */
  rows: ReadonlyArray<ReadonlyArray<string | number>>;
  /**
   * Names of the summed columns, which follow the key columns of each row (territory and
   * sub-measure, and the body index with `bodies`): default `FLAT_FACT_COLUMNS`. Every one is
   * summed, so a metric column added to the fact table flows into the sums and the view files.
   */
  columns?: readonly string[];
  /** The file the rows come from, for error messages. */
  file: string;
  /** JSON pointer, in `file`, of a row's column for error messages; default `/rows/{row}/{column}`. */
  pointer?: (row: number, column: number) => string;
  bodies?: BodyFacts['bodies'];
  measures?: Measures;
  territories?: Territories;
  /** With metrics paid and paid-share (rows from facts-paid.json: the amounts are paid and financed): the two reference dates. */
  referenceDates?: { projects: string; payments: string | null };
}

/** What `spendingRows` needs besides the sums: the query, and where labels and populations come from. */
export interface RowsInput extends Pick<SpendingInput, 'groupBy' | 'metric' | 'perCapita' | 'filters' | 'file' | 'bodies' | 'measures' | 'territories' | 'referenceDates'> {
  /** Labels of non-territorial group keys (a view file's), used instead of `measures` and `bodies`. */
  labels?: Readonly<Record<string, string>>;
}

const TERRITORIAL: ReadonlySet<GroupBy> = new Set(['province', 'comune']);
export const isTerritorial = (g: GroupBy): boolean => TERRITORIAL.has(g);

/** One group's sums: PNRR cents (paid cents in facts-paid.json), total cents (financed), distinct projects. */
interface Sum {
  pnrr: number;
  total: number;
  projects: number;
}

/** Column sums of one group, in the order of their column names. */
export interface GroupSums {
  columns: readonly string[];
  groups: Map<string, number[]>;
}

export function computeSpending(input: SpendingInput): SpendingRow[] {
  return spendingRows(input, sumGroups(input));
}

/**
 * The first half of `spending()`: the column sums of every group of fact rows that
 * pass the filters. The build writes exactly these sums into the view files, and
 * `spendingRows` turns either into the answer, so both paths give the same rows.
 */
export function sumGroups(input: SpendingInput): GroupSums {
  const { groupBy, filters, rows, bodies } = input;
  const columns = input.columns ?? FLAT_FACT_COLUMNS;
  const keepTerritory = territoryFilter(groupBy, filters);
  const keepMeasure = measureMatcher(filters);
  // Column offset of the first summed column: body-fact rows have the body index in column 2.
  const first = bodies !== undefined ? 3 : 2;
  const width = columns.length;
  const groups = new Map<string, number[]>();
  let wantedBody: number | undefined;
  if (filters.implementingBody !== undefined) {
    wantedBody = bodies?.findIndex((b) => b.key === filters.implementingBody) ?? -1;
    if (wantedBody < 0) return { columns, groups };
  }
  const groupOf = grouping(input);

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ReadonlyArray<string | number>;
    const territory = row[0] as string;
    const submeasure = row[1] as string;
    if (!keepTerritory(territory)) continue;
    if (keepMeasure && !keepMeasure(submeasure)) continue;
    if (wantedBody !== undefined && row[2] !== wantedBody) continue;
    const key = groupOf(row, i);
    let sum = groups.get(key);
    if (!sum) groups.set(key, (sum = new Array<number>(width).fill(0)));
    for (let c = 0; c < width; c++) sum[c]! += row[first + c] as number;
  }
  return { columns, groups };
}

/**
 * The second half of `spending()`: the answer rows from the group sums (of fact
 * rows, or of a view file), with labels, kinds, populations, sorted.
 * Territorial groupings take the territory of each row out of the sums' keys: a
 * province or comune filter keeps the keys `territoryFilter` keeps.
 */
export function spendingRows(input: RowsInput, sums: GroupSums): SpendingRow[] {
  const at = (name: string): number => {
    const index = sums.columns.indexOf(name);
    if (index < 0) throw new DataFormatError(input.file, '/columns', `no column "${name}"`);
    return index;
  };
  const PNRR = at('pnrrCents');
  const TOTAL = at('totalCents');
  const PROJECTS = at('projects');
  const keep = isTerritorial(input.groupBy) ? territoryFilter(input.groupBy, input.filters) : () => true;
  const describe = describer(input);
  const out: SpendingRow[] = [];
  for (const [key, sum] of sums.groups) {
    if (!keep(key)) continue;
    const totals: Sum = { pnrr: sum[PNRR]!, total: sum[TOTAL]!, projects: sum[PROJECTS]! };
    const amount = metricOf(input.metric, totals);
    const { label, kind, population } = describe(key);
    const row: SpendingRow = { key, label, value: amount, count: totals.projects, amount };
    if (input.referenceDates) {
      // Rows of facts-paid.json: the first amount is paid, the second financed.
      row.paid = totals.pnrr / 100;
      row.financed = totals.total / 100;
      row.referenceDates = { ...input.referenceDates };
    }
    if (input.perCapita) {
      const people = population?.[input.perCapita] ?? null;
      row.population = people;
      // Unknown (or zero) population: no meaningful ratio.
      row.value = people ? amount / people : Number.NaN;
    }
    if (kind) row.kind = kind;
    out.push(row);
  }
  // Largest first; NaN (unknown population) last; ties by key.
  return out.sort((a, b) => (Number.isNaN(a.value) ? 1 : 0) - (Number.isNaN(b.value) ? 1 : 0) || b.value - a.value || byString(a.key, b.key));
}

/**
 * The metric of a group's sums. Cents are summed as integers and converted once, so euro totals
 * are exact to the cent. The share paid is Σ paid ÷ Σ financed over the projects attributed to the
 * group (never an average of shares); NaN when nothing is financed.
 */
function metricOf(metric: Metric, sum: Sum): number {
  switch (metric) {
    case 'count':
      return sum.projects;
    case 'pnrr':
    case 'paid':
      return sum.pnrr / 100;
    case 'paid-share':
      return sum.total > 0 ? sum.pnrr / sum.total : Number.NaN;
    default:
      return sum.total / 100;
  }
}

/**
 * Metrics paid and paid-share: the query checked (no share per inhabitant, no breakdown by implementing
 * body) and the path of the payments fact table from the manifest.
 * @throws InvalidArgumentError for such a query, or a package built without a payments file.
 */
export function paidFactsPath(
  q: { metric: Metric; perCapita: unknown; groupBy: GroupBy; filters: Filters }, manifest: Manifest,
): string {
  if (q.metric === 'paid-share' && q.perCapita !== undefined && q.perCapita !== false) {
    fail('perCapita', q.perCapita, 'a share paid per inhabitant means nothing: use perCapita with metric "paid" (euros paid per inhabitant), or drop it for "paid-share"');
  }
  if (q.groupBy === 'implementing-body' || q.filters.implementingBody !== undefined) {
    fail(q.groupBy === 'implementing-body' ? 'groupBy' : 'implementingBody', q.groupBy === 'implementing-body' ? q.groupBy : q.filters.implementingBody,
      `metric "${q.metric}" is not broken down by implementing body in the data package`);
  }
  const file = manifest.files.paidFacts;
  if (typeof file !== 'string') {
    fail('metric', q.metric, `the data package of ${manifest.region.name} (${manifest.referenceDate}) was built without a payments file, so it has no paid amounts`);
  }
  return file as string;
}

/** Which fact rows take part, by their territory key. */
export function territoryFilter(groupBy: GroupBy, { comune, province }: Filters): (key: string) => boolean {
  // A comune outside the filtered province: the intersection is empty.
  if (comune !== undefined && province !== undefined && provinceOf(comune) !== province) return () => false;
  if (groupBy === 'province') {
    // Provinces plus the money that belongs to the whole region and to no single province.
    return province !== undefined ? (k) => k === province : (k) => territoryKind(k) === 'province' || k === REGION_WIDE_KEY;
  }
  if (groupBy === 'comune') {
    if (comune !== undefined) return (k) => k === comune;
    return (k) => {
      const kind = territoryKind(k);
      if (kind === 'region-wide') return province === undefined;
      return (kind === 'comune' || kind === 'province-wide') && (province === undefined || provinceOf(k) === province);
    };
  }
  // Non-territorial groupings read the one row set of the narrowest territory.
  if (comune !== undefined) return (k) => k === comune;
  if (province !== undefined) return (k) => k === province;
  return (k) => territoryKind(k) === 'region';
}

/** The group key of a fact row. */
function grouping(input: SpendingInput): (row: ReadonlyArray<string | number>, index: number) => string {
  const { groupBy, measures, bodies, file } = input;
  const at = input.pointer ?? ((row: number, column: number) => `/rows/${row}/${column}`);
  if (groupBy === 'province' || groupBy === 'comune') return (row) => row[0] as string;
  if (groupBy === 'implementing-body') {
    return (row, i) => {
      const b = bodies?.[row[2] as number];
      if (!b) throw new DataFormatError(file, at(i, 2), `no implementing body at index ${String(row[2])}`);
      return b.key;
    };
  }
  if (groupBy === 'submeasure') return (row) => row[1] as string;
  // Climb the hierarchy of measures.json: sub-measure → measure → component → mission.
  const up = new Map<string, string>();
  for (const s of measures?.submeasures ?? []) up.set(s.code, s.measure);
  for (const m of measures?.measures ?? []) up.set(m.code, m.component);
  for (const c of measures?.components ?? []) up.set(c.code, c.mission);
  const steps = groupBy === 'measure' ? 1 : groupBy === 'component' ? 2 : 3;
  return (row, i) => {
    let code = row[1] as string;
    for (let s = 0; s < steps; s++) {
      const parent = up.get(code);
      if (parent === undefined) throw new DataFormatError(file, at(i, 1), `"${code}" is not in measures.json`);
      code = parent;
    }
    return code;
  };
}

interface Description {
  label: string;
  kind?: TerritoryKind;
  population?: Population;
}

/** The territory a non-territorial answer is about: the filtered comune, else the province, else the region. */
export function filteredPlace(t: Territories | undefined, filters: Filters): { population: Population } | undefined {
  return filters.comune !== undefined ? t?.comuni.find((c) => c.code === filters.comune) : filters.province !== undefined ? t?.provinces.find((p) => p.code === filters.province) : t?.region;
}

/** Label, kind and population of a group key. */
export function describer(input: RowsInput): (key: string) => Description {
  const { groupBy, measures, bodies, territories, filters, labels } = input;
  if (isTerritorial(groupBy)) {
    const t = territories;
    const provinces = new Map(t?.provinces.map((p) => [p.code, p]));
    const comuni = new Map(t?.comuni.map((c) => [c.code, c]));
    return (key) => {
      const kind = territoryKind(key) ?? undefined;
      // Buckets are named after the area they cover; `kind` tells them apart from a comune or province.
      const place = kind === 'comune' ? comuni.get(key) : kind === 'region-wide' ? t?.region : provinces.get(provinceOf(key) ?? key);
      return { label: place?.name ?? key, ...(kind ? { kind } : {}), ...(place ? { population: place.population } : {}) };
    };
  }
  // Non-territorial rows are divided by the population of the filtered territory.
  const place = filteredPlace(territories, filters);
  const people = place ? { population: place.population } : {};
  if (labels) return (key) => ({ label: Object.hasOwn(labels, key) ? labels[key]! : key, ...people });
  const names = new Map<string, string>();
  if (groupBy === 'implementing-body') for (const b of bodies ?? []) names.set(b.key, b.name);
  else for (const list of [measures?.missions, measures?.components, measures?.measures, measures?.submeasures]) for (const m of list ?? []) names.set(m.code, m.name);
  return (key) => ({ label: names.get(key) ?? key, ...people });
}
