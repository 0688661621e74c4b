/**
 * The running sums of a build, fed one project record at a time: the
 * reconciliation totals, the measure vocabulary, facts and body facts by
 * territory key, and the project list items by territory key. Each package
 * file that is a sum is then read off here, sorted.
 */
import type { BodyFactRow, BodyFacts, Facts, Measures, Project, ProjectList, ProjectListItem, Reconciliation } from '../../schema/package.js';
import { SCHEMA_VERSION } from '../../format/version.js';
import { byString } from '../../format/compare.js';
import { provinceOf } from '../../format/keys.js';
import { encodeFacts, type FactTally } from '../../format/facts-writer.js';
import { InputError } from '../errors.js';

const zero = (): { pnrrCents: number; totalCents: number } => ({ pnrrCents: 0, totalCents: 0 });

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

const sortedEntries = <V>(map: ReadonlyMap<string, V>): [string, V][] => [...map].sort(([a], [b]) => byString(a, b));

export class PackageTallies {
  readonly totals: Reconciliation = {
    projects: 0, touching: zero(), inside: zero(), outside: zero(), comuni: zero(), provinceWide: zero(), regionWide: zero(),
  };
  /** territory → sub-measure → tally */
  private readonly facts = new Map<string, Map<string, CountedTally>>();
  /** territory\0sub-measure → body → tally */
  private readonly bodyFacts = new Map<string, Map<string, CountedTally>>();
  private readonly bodies = new Map<string, string>();
  private readonly lists = new Map<string, ProjectListItem[]>();
  private readonly missions = new Map<string, string>();
  private readonly components = new Map<string, { name: string; mission: string }>();
  private readonly measures = new Map<string, { id: string; name: string; component: string }>();
  private readonly submeasures = new Map<string, { name: string; measure: string }>();
  /** "kind\0code" → the key (CUP\0local code) of the record whose names the vocabulary holds. */
  private readonly namedBy = new Map<string, string>();

  /** @param region ISTAT region code: the key every localisation inside the region also counts under. */
  constructor(private readonly region: string) {}

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
    const item: ProjectListItem = {
      cup: record.cup, localCode: record.localCode, title: record.title, submeasure: record.submeasure.code,
      body, bodyName: record.implementingBody.name, pnrrCents: record.funding.pnrrCents, totalCents: record.funding.totalCents, places,
    };
    for (const [key, v] of byKey) {
      let bySub = this.facts.get(key);
      if (!bySub) this.facts.set(key, (bySub = new Map()));
      tally(bySub, record.submeasure.code, v.pnrr, v.total, id);
      const composite = `${key}\u0000${record.submeasure.code}`;
      let byBody = this.bodyFacts.get(composite);
      if (!byBody) this.bodyFacts.set(composite, (byBody = new Map()));
      tally(byBody, body, v.pnrr, v.total, id);
      const list = this.lists.get(key);
      if (list) list.push(item);
      else this.lists.set(key, [item]);
    }
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
    for (const [name, value] of Object.entries(this.totals)) {
      const amounts = typeof value === 'number' ? [value] : [value.pnrrCents, value.totalCents];
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

  /** One list per key of `keys` and per key with projects, every one even if empty; items by PNRR amount, largest first. */
  listFiles(keys: Iterable<string>): ProjectList[] {
    const all = new Set([...keys, ...this.lists.keys()]);
    return [...all].sort(byString).map((key) => ({
      schemaVersion: SCHEMA_VERSION,
      territory: key,
      items: [...(this.lists.get(key) ?? [])].sort(
        (a, b) => b.pnrrCents - a.pnrrCents || byString(a.cup, b.cup) || byString(a.localCode, b.localCode),
      ),
    }));
  }
}
