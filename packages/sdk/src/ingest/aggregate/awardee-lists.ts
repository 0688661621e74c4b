/**
 * The awardee lists (`awardees/{key}.json`): per territory key, every awardee of
 * the projects localised there, with the PNRR funding of those projects
 * attributed to the territory. The sources give no contract value per awardee,
 * so the amount is the projects' funding, not what the awardee was paid: every
 * awardee of a project counts the project's whole attributed amount.
 */
import type { AwardeeList, Project } from '../../schema/package.js';
import { SCHEMA_VERSION } from '../../format/version.js';
import { byString } from '../../format/compare.js';
import { provinceOf } from '../../format/keys.js';
import { MASKED_TAX_CODE } from '../read/privacy.js';

/** Awardee key: the tax code or VAT number, else (masked, i.e. a natural person, or missing) "name:" + upper-cased name. */
export function awardeeKey(taxCode: string | null, name: string): string {
  const code = (taxCode ?? '').trim();
  if (code !== '' && code !== MASKED_TAX_CODE && !/^\*+$/.test(code)) return code;
  return `name:${name.replace(/\s+/g, ' ').trim().toUpperCase()}`;
}

export class AwardeeTallies {
  /** territory → awardee key → PNRR cents and projects */
  private readonly byTerritory = new Map<string, Map<string, { pnrr: number; projects: number }>>();
  /**
   * awardee key → the name of the first record in (CUP, local code) order that lists it, and that
   * record's key: records come one spill partition at a time, not in that order.
   */
  private readonly names = new Map<string, { name: string; by: string }>();

  constructor(private readonly region: string) {}

  /** Adds one project record's awardees under each territory key it is localised in; `id` is its key, CUP\0local code. */
  add(record: Project, id: string): void {
    const keys = new Set<string>();
    for (const tender of record.tenders ?? []) {
      for (const a of tender.awardees) {
        const key = awardeeKey(a.taxCode, a.name);
        const named = this.names.get(key);
        // Within one record the first tender's name stands; across records the earliest record's.
        if (named === undefined || (!keys.has(key) && id < named.by)) this.names.set(key, { name: a.name, by: id });
        keys.add(key);
      }
    }
    if (keys.size === 0) return;
    const amounts = new Map<string, number>();
    const bump = (key: string, cents: number): void => void amounts.set(key, (amounts.get(key) ?? 0) + cents);
    for (const loc of record.localisations) {
      if (loc.territory === null) continue;
      bump(loc.territory, loc.pnrrCents);
      const province = provinceOf(loc.territory);
      if (province) bump(province, loc.pnrrCents);
      bump(this.region, loc.pnrrCents);
    }
    for (const [territory, cents] of amounts) {
      let byAwardee = this.byTerritory.get(territory);
      if (!byAwardee) this.byTerritory.set(territory, (byAwardee = new Map()));
      for (const key of keys) {
        const acc = byAwardee.get(key) ?? { pnrr: 0, projects: 0 };
        acc.pnrr += cents;
        acc.projects++;
        byAwardee.set(key, acc);
      }
    }
  }

  /** One list per key of `keys` (empty ones too), awardees by amount, largest first, then key. */
  listFiles(keys: Iterable<string>): AwardeeList[] {
    const all = new Set([...keys, ...this.byTerritory.keys()]);
    return [...all].sort(byString).map((territory) => ({
      schemaVersion: SCHEMA_VERSION,
      territory,
      items: [...(this.byTerritory.get(territory) ?? [])]
        .map(([key, acc]) => ({ key, name: this.names.get(key)!.name, pnrrCents: acc.pnrr, projects: acc.projects }))
        .sort((a, b) => b.pnrrCents - a.pnrrCents || byString(a.key, b.key)),
    }));
  }
}
