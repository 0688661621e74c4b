/**
 * Territory keys: one string grammar shared by the ingest (which writes them)
 * and the client (which reads them). The length tells the kind:
 *
 * | key        | kind            | meaning                                             |
 * |------------|-----------------|-----------------------------------------------------|
 * | `09`       | region          | everything attributed inside the region             |
 * | `048`      | province        | the province's comuni plus its province-wide bucket |
 * | `048017`   | comune          | one comune (6-digit ISTAT code)                     |
 * | `048000`   | province-wide   | projects localised to a whole province (comune 000) |
 * | `000000`   | region-wide     | projects localised to the whole region (prov. 000)  |
 */
export type TerritoryKind = 'region' | 'province' | 'comune' | 'province-wide' | 'region-wide';

/** The region-wide bucket: amounts localised to the whole region, not to a province or comune. */
export const REGION_WIDE_KEY = '000000';

/** The kind of a territory key (see `TerritoryKind`), or null when `key` follows no kind's grammar. */
export function territoryKind(key: string): TerritoryKind | null {
  if (/^\d{2}$/.test(key)) return 'region';
  if (/^\d{3}$/.test(key)) return key === '000' ? null : 'province';
  if (!/^\d{6}$/.test(key)) return null;
  if (key === REGION_WIDE_KEY) return 'region-wide';
  if (key.endsWith('000')) return 'province-wide';
  return 'comune';
}

/** The province-wide bucket of a 3-digit province code: `048` → `048000`. */
export const provinceWideKey = (province: string): string => `${province}000`;

/** The province a comune or province-wide key belongs to, else null. */
export function provinceOf(key: string): string | null {
  const kind = territoryKind(key);
  return kind === 'comune' || kind === 'province-wide' ? key.slice(0, 3) : null;
}

/**
 * The buckets that hold amounts localised to a larger area containing `key`,
 * not to `key` itself: for a comune its province-wide bucket and the
 * region-wide bucket (`048017` → `048000`, `000000`); for a province or its
 * province-wide bucket the region-wide bucket; for the region, none. A chart of one
 * comune names these amounts as "not attributable to the comune".
 */
export function enclosingBuckets(key: string): string[] {
  const kind = territoryKind(key);
  if (kind === 'comune') return [provinceWideKey(key.slice(0, 3)), REGION_WIDE_KEY];
  if (kind === 'province' || kind === 'province-wide') return [REGION_WIDE_KEY];
  return [];
}

/**
 * Every key a package has a project list for: the region, the region-wide
 * bucket, each province and its province-wide bucket, each comune. The build
 * writes exactly these lists (empty ones too) and `validate` expects them.
 */
export function packageTerritoryKeys(
  region: string, provinces: ReadonlyArray<{ code: string }>, comuni: ReadonlyArray<{ code: string }>,
): string[] {
  return [region, REGION_WIDE_KEY, ...provinces.flatMap((p) => [p.code, provinceWideKey(p.code)]), ...comuni.map((c) => c.code)];
}

/** A 6-digit ISTAT municipality code (leading zeros kept, not `…000`). */
export const isComuneCode = (value: string): boolean => territoryKind(value) === 'comune';
/** A 3-digit ISTAT province code. */
export const isProvinceCode = (value: string): boolean => territoryKind(value) === 'province';
/** CUP: 15 upper-case letters and digits. */
export const isCup = (value: string): boolean => /^[A-Z0-9]{15}$/.test(value);
