/**
 * The running sums of a build, fed one project record at a time: the
 * reconciliation totals, the measure vocabulary, facts and body facts by
 * territory key. Each package file that is a sum is then read off here,
 * sorted. Everything here is bounded by the number of territories, sub-measures
 * and bodies, not of projects: the project list items, one per project and
 * territory key, go to a sink (the aggregate step spills them), and only the
 * keys that have a list are kept.
 */
import type {
  BodyFactRow, BodyFacts, Facts, Measures, PaidFacts, PaidTotals, PaymentReconciliation, Project, ProjectListItem, Reconciliation,
} from '../../schema/package.js';
import { SCHEMA_VERSION } from '../../format/version.js';
import { byString } from '../../format/compare.js';
import { provinceOf } from '../../format/keys.js';
import { encodeFacts, encodePaidFacts, type FactTally } from '../../format/facts-writer.js';
import { InputError } from '../errors.js';
import { listSortKey } from './spilled-files.js';

const zero = (): { pnrrCents: number; totalCents: number } => ({ pnrrCents: 0, totalCents: 0 });
const zeroPaid = (): PaidTotals => ({ paidCents: 0, financedCents: 0 });

/**
 * Counts distinct projects without keeping their keys: `add` is called at most once per project
 * for a given tally (a record adds each of its territory keys once, with its one sub-measure and
 * body), so a count is the number of distinct projects. Has the `size` and `add` of the Set it replaces.
 */
export class ProjectCount {
  size = 0;
  add(_project: string): this {
    this.size++;
    return this;
  }
}

/** A FactTally whose projects are counted. */
interface CountedTally extends FactTally {
  projects: ProjectCount;
}

function tally(map: Map<string, CountedTally>, key: string, pnrr: number, total: number, project: string): void {
  let acc = map.get(key);
  if (!acc) map.set(key, (acc = { pnrr: 0, total: 0, projects: new ProjectCount() }));
  acc.pnrr += pnrr;
  acc.total += total;
  acc.projects.add(project);
}

/**
 * What a list row needs to show the paid share as the card does: paid (all
 * sources) over the total financed at the payments' date (else the project's
 * total); both null when the payments file has no row for the project.
 */
function paidOf(record: Project): Pick<ProjectListItem, 'paidCents' | 'financedCents'> {
  const p = record.payments;
  return p ? { paidCents: p.totalCents, financedCents: p.financedTotalCents ?? record.funding.totalCents } : { paidCents: null, financedCents: null };
}

const sortedEntries = <V>(map: ReadonlyMap<string, V>): [string, V][] => [...map].sort(([a], [b]) => byString(a, b));

export class PackageTallies {
  readonly totals: Reconciliation = {
    projects: 0, touching: zero(), inside: zero(), outside: zero(), comuni: zero(), provinceWide: zero(), regionWide: zero(),
  };
  /** territory → sub-measure → tally */
  private readonly facts = new Map<string, Map<string, CountedTally>>();
  /** Payments: territory → sub-measure → tally (`pnrr` = paid, `total` = financed at the payments date). */
  private readonly paidFacts = new Map<string, Map<string, CountedTally>>();
  readonly paidTotals: Omit<PaymentReconciliation, 'referenceDate'> = {
    projects: 0, touching: zeroPaid(), inside: zeroPaid(), outside: zeroPaid(), comuni: zeroPaid(), provinceWide: zeroPaid(), regionWide: zeroPaid(),
  };
  /** territory\0sub-measure → body → tally */
  private readonly bodyFacts = new Map<string, Map<string, CountedTally>>();
  private readonly bodies = new Map<string, string>();
  /** The territory keys that have at least one list item. */
  private readonly listed = new Set<string>();
  private readonly missions = new Map<string, string>();
  private readonly components = new Map<string, { name: string; mission: string }>();
  private readonly measures = new Map<string, { id: string; name: string; component: string }>();
  private readonly submeasures = new Map<string, { name: string; measure: string }>();
  /** "kind\0code" → the key (CUP\0local code) of the record whose names the vocabulary holds. */
  private readonly namedBy = new Map<string, string>();

  /**
   * @param region ISTAT region code: the key every localisation inside the region also counts under.
   * @param onListItem receives each project list item (one per project and key) with its territory key,
   *   as JSON text: its sort key (`listSortKey`) and the item, exactly `JSON.stringify(item)`.
   */
  constructor(private readonly region: string, private readonly onListItem: (key: string, sortKey: string, item: string) => void) {}

  /** Adds one project record; `id` is its key, CUP\0local code (records may come in any order). */
  add(record: Project, id: string): void {
    const t = this.totals;
    t.projects++;
    t.touching.pnrrCents += record.funding.pnrrCents;
    t.touching.totalCents += record.funding.totalCents;
    t.inside.pnrrCents += record.attributed.inside.pnrrCents;
    t.inside.totalCents += record.attributed.inside.totalCents;
    t.outside.pnrrCents += record.attributed.outside.pnrrCents;
    t.outside.totalCents += record.attributed.outside.totalCents;
    this.addVocabulary(record, id);

    const byKey = this.amountsByKey(record);
    // places: the comuni and buckets (6-digit keys), not the province and region keys.
    const places = [...byKey.keys()].filter((k) => k.length === 6).sort(byString);
    const body = record.implementingBody.key;
    const item = {
      cup: record.cup, localCode: record.localCode, title: record.title, submeasure: record.submeasure.code,
      body, bodyName: record.implementingBody.name, pnrrCents: record.funding.pnrrCents, totalCents: record.funding.totalCents, places,
    };
    // The item's JSON is the same for every key but for the amounts of the key's own territory: the
    // common part is serialised once per project (a national build makes ~1 million items).
    const paid = paidOf(record);
    const head = JSON.stringify(item).slice(0, -1);
    const tail = `,"paidCents":${JSON.stringify(paid.paidCents)},"financedCents":${JSON.stringify(paid.financedCents)}}`;
    for (const [key, v] of byKey) {
      let bySub = this.facts.get(key);
      if (!bySub) this.facts.set(key, (bySub = new Map()));
      tally(bySub, record.submeasure.code, v.pnrr, v.total, id);
      const composite = `${key}\u0000${record.submeasure.code}`;
      let byBody = this.bodyFacts.get(composite);
      if (!byBody) this.bodyFacts.set(composite, (byBody = new Map()));
      tally(byBody, body, v.pnrr, v.total, id);
      // Each list carries the amounts attributed to its own territory, so one item per key: in the
      // schema's order, `{ ...item, areaPnrrCents, areaTotalCents, paidCents, financedCents }`.
      this.onListItem(key, listSortKey(item.pnrrCents, item.cup, item.localCode, v.pnrr, v.total), `${head},"areaPnrrCents":${JSON.stringify(v.pnrr)},"areaTotalCents":${JSON.stringify(v.total)}${tail}`);
      this.listed.add(key);
    }
  }

  /**
   * Adds the payments of one project record, already split over its localisations
   * (`paid[i]`, `financed[i]` belong to `record.localisations[i]`), to the payment
   * facts of the same keys as its funding, and to the payment totals by scope.
   */
  addPayments(record: Project, id: string, split: { paid: readonly number[]; financed: readonly number[] }): void {
    const t = this.paidTotals;
    t.projects++;
    const byKey = new Map<string, { pnrr: number; total: number }>();
    const bump = (key: string, paid: number, financed: number): void => {
      const v = byKey.get(key) ?? { pnrr: 0, total: 0 };
      v.pnrr += paid;
      v.total += financed;
      byKey.set(key, v);
    };
    record.localisations.forEach((loc, i) => {
      const paid = split.paid[i]!;
      const financed = split.financed[i]!;
      t.touching.paidCents += paid;
      t.touching.financedCents += financed;
      const scopes = loc.territory === null ? [t.outside] : [t.inside, loc.scope === 'comune' ? t.comuni : loc.scope === 'province-wide' ? t.provinceWide : t.regionWide];
      for (const scope of scopes) {
        scope.paidCents += paid;
        scope.financedCents += financed;
      }
      if (loc.territory === null) return;
      bump(loc.territory, paid, financed);
      const province = provinceOf(loc.territory);
      if (province) bump(province, paid, financed);
      bump(this.region, paid, financed);
    });
    for (const [key, v] of byKey) {
      let bySub = this.paidFacts.get(key);
      if (!bySub) this.paidFacts.set(key, (bySub = new Map()));
      tally(bySub, record.submeasure.code, v.pnrr, v.total, id);
    }
  }

  /** The payment totals with the payments' reference date. */
  paymentTotals(referenceDate: string | null): PaymentReconciliation {
    return { referenceDate, ...this.paidTotals };
  }

  paidFactsFile(referenceDates: PaidFacts['referenceDates']): PaidFacts {
    return encodePaidFacts(this.paidFacts, SCHEMA_VERSION, referenceDates);
  }

  /**
   * The names of each mission, component, measure, sub-measure and implementing body as the
   * first record in (CUP, local code) order has them, whatever order the records come in.
   */
  private addVocabulary(record: Project, id: string): void {
    const first = (kind: string, code: string): boolean => {
      const key = `${kind}\u0000${code}`;
      const by = this.namedBy.get(key);
      if (by !== undefined && by <= id) return false;
      this.namedBy.set(key, id);
      return true;
    };
    if (first('m', record.mission.code)) this.missions.set(record.mission.code, record.mission.name);
    if (first('c', record.component.code)) this.components.set(record.component.code, { name: record.component.name, mission: record.mission.code });
    if (first('e', record.measure.code)) this.measures.set(record.measure.code, { id: record.measure.id, name: record.measure.name, component: record.component.code });
    if (first('s', record.submeasure.code)) this.submeasures.set(record.submeasure.code, { name: record.submeasure.name, measure: record.measure.code });
    if (first('b', record.implementingBody.key)) this.bodies.set(record.implementingBody.key, record.implementingBody.name);
  }

  /** The project's amounts by territory key: its comuni/buckets, their provinces, the region; adds to the scope totals. */
  private amountsByKey(record: Project): Map<string, { pnrr: number; total: number }> {
    const byKey = new Map<string, { pnrr: number; total: number }>();
    const bump = (key: string, p: number, t: number): void => {
      const v = byKey.get(key) ?? { pnrr: 0, total: 0 };
      v.pnrr += p;
      v.total += t;
      byKey.set(key, v);
    };
    for (const loc of record.localisations) {
      if (loc.territory === null) continue;
      const scope = loc.scope === 'comune' ? this.totals.comuni : loc.scope === 'province-wide' ? this.totals.provinceWide : this.totals.regionWide;
      scope.pnrrCents += loc.pnrrCents;
      scope.totalCents += loc.totalCents;
      bump(loc.territory, loc.pnrrCents, loc.totalCents);
      const province = provinceOf(loc.territory);
      if (province) bump(province, loc.pnrrCents, loc.totalCents);
      bump(this.region, loc.pnrrCents, loc.totalCents);
    }
    return byKey;
  }

  /** Throws InputError when a total went beyond 2^53 cents (no longer exact in a JSON number). */
  checkExact(): void {
    const groups: Array<[string, unknown]> = [...Object.entries(this.totals), ...Object.entries(this.paidTotals).map(([k, v]): [string, unknown] => [`payments ${k}`, v])];
    for (const [name, value] of groups) {
      const amounts = typeof value === 'number' ? [value] : Object.values(value as Record<string, number>);
      if (!amounts.every(Number.isSafeInteger)) throw new InputError(`the ${name} amounts add up beyond 2^53 cents and cannot be counted exactly; check the amounts in quality.json's sources`);
    }
  }

  measuresFile(): Measures {
    return {
      schemaVersion: SCHEMA_VERSION,
      missions: sortedEntries(this.missions).map(([code, name]) => ({ code, name })),
      components: sortedEntries(this.components).map(([code, c]) => ({ code, name: c.name, mission: c.mission })),
      measures: sortedEntries(this.measures).map(([code, m]) => ({ code, id: m.id, name: m.name, component: m.component })),
      submeasures: sortedEntries(this.submeasures).map(([code, s]) => ({ code, name: s.name, measure: s.measure })),
    };
  }

  factsFile(): Facts {
    return encodeFacts(this.facts, SCHEMA_VERSION);
  }

  bodyFactsFile(): BodyFacts {
    const bodyKeys = [...this.bodies.keys()].sort(byString);
    const bodyIndex = new Map(bodyKeys.map((k, i) => [k, i]));
    const rows: BodyFactRow[] = [];
    for (const [composite, byBody] of sortedEntries(this.bodyFacts)) {
      const [territory, sub] = composite.split('\u0000') as [string, string];
      for (const body of [...byBody.keys()].sort((a, b) => bodyIndex.get(a)! - bodyIndex.get(b)!)) {
        const acc = byBody.get(body)!;
        rows.push([territory, sub, bodyIndex.get(body)!, acc.pnrr, acc.total, acc.projects.size]);
      }
    }
    return {
      schemaVersion: SCHEMA_VERSION,
      bodies: bodyKeys.map((key) => ({ key, name: this.bodies.get(key)! })),
      columns: ['territory', 'submeasure', 'body', 'pnrrCents', 'totalCents', 'projects'],
      rows,
    };
  }

  /** One list key per key of `keys` and per key with projects (every one has a list file, even if empty), sorted. */
  listKeys(keys: Iterable<string>): string[] {
    return [...new Set([...keys, ...this.listed])].sort(byString);
  }
}
