/**
 * The JSON-line form of what the read step spills (spill.ts) and its decoding
 * back into the objects the aggregate step works on. Arrays, not objects, so a
 * line carries no field names; source files are referred to by their index in
 * `Collected.sources`.
 */
import type { LocRow, SourceFileInfo } from './read-sources.js';
import type { PaymentDraft, ProjectDraft } from './collect.js';

export const AMOUNT_FIELDS = [
  'stato', 'statoBilancio', 'statoFoi', 'fpop', 'ue', 'regione', 'provincia', 'comune', 'altroPubblico', 'privato',
  'daReperire', 'pnrr', 'pnc', 'altriFondi', 'total', 'totalPublic', 'totalPublicNet',
] as const;

export const TEXT_FIELDS = [
  'programme', 'mission', 'missionName', 'component', 'componentName', 'measureId', 'measureCode', 'measureName', 'submeasureId',
  'cidCode', 'submeasureCode', 'submeasureName', 'owner', 'procedureId', 'procedureTitle', 'procedureType', 'cupStatus', 'status',
  'cupNatureCode', 'cupNature', 'cupTypeCode', 'cupType', 'cupSectorCode', 'cupSector', 'cupSubsectorCode', 'cupSubsector',
  'cupCategoryCode', 'cupCategory', 'title', 'summary', 'aidType', 'body', 'bodyTaxCode', 'preExisting',
] as const;

const TEXT_INDEX = new Map<string, number>(TEXT_FIELDS.map((f, i) => [f, i]));

/** A kept project row: its key, join key, source (index), line, texts (TEXT_FIELDS order), amounts (AMOUNT_FIELDS order), update date. */
export function encodeProject(
  key: string, joinKey: string, source: number, line: number, cup: string, localCode: string,
  texts: Array<string | null>, amounts: Record<string, number | null>, updated: string | null,
): string {
  return JSON.stringify([key, joinKey, source, line, cup, localCode, texts, AMOUNT_FIELDS.map((f) => amounts[f] ?? null), updated]);
}

type ProjectLine = [string, string, number, number, string, string, Array<string | null>, Array<number | null>, string | null];

export function decodeProject(text: string, sources: readonly SourceFileInfo[]): ProjectDraft {
  const [key, joinKey, source, line, cup, localCode, texts, amountList, updated] = JSON.parse(text) as ProjectLine;
  const info = sources[source]!;
  const amounts = Object.create(null) as Record<string, number | null>;
  AMOUNT_FIELDS.forEach((f, i) => (amounts[f] = amountList[i] ?? null));
  return {
    key, joinKey, source: info, file: info.file, line, cup, localCode,
    text: (field) => {
      const i = TEXT_INDEX.get(field);
      return i === undefined ? null : (texts[i] ?? null);
    },
    amounts, updated, payments: null, tenders: null, indicators: null,
  };
}

export function encodeLocalisation(key: string, source: number, row: Omit<LocRow, 'source'>): string {
  return JSON.stringify([
    key, source, row.line, row.submeasure, row.region, row.regionName, row.province, row.provinceName, row.comune, row.comuneName,
    row.address, row.postcode, row.percentage === undefined ? 'unparseable' : row.percentage,
  ]);
}

type LocLine = [string, number, number, string | null, string, string, string, string, string, string, string | null, string | null, number | null | 'unparseable'];

/** The project key and the row of a localisation line. */
export function decodeLocalisation(text: string, sources: readonly SourceFileInfo[]): { key: string; row: LocRow } {
  const [key, source, line, submeasure, region, regionName, province, provinceName, comune, comuneName, address, postcode, percentage] = JSON.parse(text) as LocLine;
  return {
    key,
    row: {
      source: sources[source]!, line, submeasure, region, regionName, province, provinceName, comune, comuneName, address, postcode,
      percentage: percentage === 'unparseable' ? undefined : percentage,
    },
  };
}

export function encodePayment(key: string, source: number, p: PaymentDraft): string {
  return JSON.stringify([key, source, p.referenceDate, p.totalCents, p.pnrrCents, p.financedPnrrCents, p.financedTotalCents]);
}

type PaymentLine = [string, number, string | null, number, number, number | null, number | null];

/** The project key and the payments of a payment line; a row without a date takes its file's. */
export function decodePayment(text: string, sources: readonly SourceFileInfo[]): { key: string; payment: PaymentDraft } {
  const [key, source, referenceDate, totalCents, pnrrCents, financedPnrrCents, financedTotalCents] = JSON.parse(text) as PaymentLine;
  return { key, payment: { referenceDate: referenceDate ?? sources[source]!.referenceDate, totalCents, pnrrCents, financedPnrrCents, financedTotalCents } };
}
