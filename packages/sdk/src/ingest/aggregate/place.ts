/**
 * Where each localisation row lands and how much of the project it gets.
 *
 * Share: Percentuale di Localizzazione / 100 when the source has it for every
 * row of the project (normalised, with a warning, when the project's
 * percentages do not add up to 100), else 1/n over the project's rows in ALL
 * regions. Cents are split with the largest-remainder method (largest-remainder.ts).
 *
 * Place: a row of the region with a comune code → that comune (after remapping
 * merged comuni); comune 000 → the province-wide bucket "PPP000"; province 000 →
 * the region-wide bucket "000000"; a comune code unknown to the territories
 * even after remapping → its province's bucket (warning unknown-comune); any
 * other region, or national scope → outside.
 */
import type { AttributionScope, Localisation } from '../../schema/package.js';
import { provinceWideKey, REGION_WIDE_KEY } from '../../format/keys.js';
import { byString } from '../../format/compare.js';
import { largestRemainder } from './largest-remainder.js';
import { remapComune, type MergedComune } from '../../format/merged-comuni.js';
import { inPackageRegion, type LocRow } from '../read/read-sources.js';
import type { ProjectDraft } from '../read/collect.js';
import type { QualityLog } from '../check/quality.js';
import type { RegionTerritories } from '../read/territories.js';

export interface Placement {
  territory: string | null;
  scope: AttributionScope;
}

export function place(
  row: LocRow, territories: RegionTerritories, quality: QualityLog, remapped: Map<string, MergedComune>,
): Placement {
  if (!inPackageRegion(row.region, territories.regionCode)) return { territory: null, scope: 'outside' };
  const tally = row.source.tally;
  if (row.province === '000') return { territory: REGION_WIDE_KEY, scope: 'region-wide' };
  if (!territories.provinceByCode.has(row.province)) {
    quality.warn(tally, row.line, 'unknown-province', `province "${row.province}" is not a province of region ${territories.regionCode}; attributed to the region-wide bucket ${REGION_WIDE_KEY}`);
    return { territory: REGION_WIDE_KEY, scope: 'region-wide' };
  }
  if (row.comune === '000') return { territory: provinceWideKey(row.province), scope: 'province-wide' };
  const code = `${row.province}${row.comune}`;
  if (territories.comuneByCode.has(code)) return { territory: code, scope: 'comune' };
  const merged = remapComune(code);
  if (merged && territories.comuneByCode.has(merged.to)) {
    remapped.set(code, merged);
    quality.warn(tally, row.line, 'remapped-comune', `comune ${code} (${merged.fromName}) merged into ${merged.to} ${merged.name} on ${merged.since}`);
    return { territory: merged.to, scope: 'comune' };
  }
  const bucket = provinceWideKey(row.province);
  quality.warn(tally, row.line, 'unknown-comune', `comune ${code} (${row.comuneName}) is not in the boundaries/population table; attributed to the province-wide bucket ${bucket}`);
  return { territory: bucket, scope: 'province-wide' };
}

export interface AttributedProject {
  localisations: Localisation[];
  inside: { pnrrCents: number; totalCents: number };
  outside: { pnrrCents: number; totalCents: number };
  /**
   * The project's payments (paid to date, and the total financed at the same date) split over
   * `localisations` with the same weights and the same largest-remainder rule as the funding,
   * one part per localisation; null when the project has no payments row.
   */
  payments: { paid: number[]; financed: number[] } | null;
}

/** Row order used for output and for breaking ties in the largest-remainder split: inside first by territory, then outside by codes, then source position. */
function sortRows(entries: Array<{ row: LocRow; placement: Placement }>): void {
  entries.sort((a, b) => {
    const sa = a.placement.scope === 'outside' ? 1 : 0;
    const sb = b.placement.scope === 'outside' ? 1 : 0;
    if (sa !== sb) return sa - sb;
    const ka = a.placement.territory ?? `${a.row.region}${a.row.province}${a.row.comune}`;
    const kb = b.placement.territory ?? `${b.row.region}${b.row.province}${b.row.comune}`;
    return byString(ka, kb) || byString(a.row.source.file, b.row.source.file) || a.row.line - b.row.line;
  });
}

export function attributeProject(
  project: ProjectDraft, rows: LocRow[], pnrrCents: number, totalCents: number,
  territories: RegionTerritories, quality: QualityLog, remapped: Map<string, MergedComune>,
): AttributedProject {
  const entries = rows.map((row) => ({ row, placement: place(row, territories, quality, remapped) }));
  sortRows(entries);
  const usePercent = entries.every((e) => typeof e.row.percentage === 'number');
  // The layout has a percentage column (even if this project's cells are empty).
  const anyPercent = entries.some((e) => e.row.percentage !== null || e.row.source.layout.required.includes('percentage'));
  let weights: number[];
  if (usePercent) {
    weights = entries.map((e) => Math.max(0, e.row.percentage as number));
    const sum = weights.reduce((a, b) => a + b, 0);
    if (sum !== 10000) {
      quality.warn(project.source.tally, project.line, sum === 0 ? 'shares-zero' : 'shares-not-100',
        `${project.cup} / ${project.localCode}: Percentuale di Localizzazione adds up to ${(sum / 100).toFixed(2)} over ${entries.length} rows; ${sum === 0 ? 'split equally' : 'normalised to 100'}`);
      if (sum === 0) weights = entries.map(() => 1);
    }
  } else {
    if (anyPercent) {
      quality.warn(project.source.tally, project.line, 'shares-incomplete',
        `${project.cup} / ${project.localCode}: Percentuale di Localizzazione missing on some rows; split equally over ${entries.length} rows`);
    }
    weights = entries.map(() => 1);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const pnrrParts = largestRemainder(pnrrCents, weights);
  const totalParts = largestRemainder(totalCents, weights);
  // A missing financed amount (a layout without the column) counts as 0, like a missing funding amount.
  const payments = project.payments
    ? { paid: largestRemainder(project.payments.totalCents, weights), financed: largestRemainder(project.payments.financedTotalCents ?? 0, weights) }
    : null;
  const inside = { pnrrCents: 0, totalCents: 0 };
  const outside = { pnrrCents: 0, totalCents: 0 };
  const localisations: Localisation[] = entries.map(({ row, placement }, i) => {
    const bucket = placement.scope === 'outside' ? outside : inside;
    bucket.pnrrCents += pnrrParts[i]!;
    bucket.totalCents += totalParts[i]!;
    return {
      region: row.region,
      regionName: row.regionName,
      province: row.province,
      provinceName: row.provinceName,
      comune: row.comune,
      comuneName: row.comuneName,
      territory: placement.territory,
      scope: placement.scope,
      share: weights[i]! / total,
      shareSource: usePercent ? 'percentuale' : 'equal-split',
      pnrrCents: pnrrParts[i]!,
      totalCents: totalParts[i]!,
      address: row.address,
      postcode: row.postcode,
    };
  });
  return { localisations, inside, outside, payments };
}

