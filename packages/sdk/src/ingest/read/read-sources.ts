/**
 * Streaming passes over the official CSVs. Memory stays proportional to the
 * region, never to the national file:
 *
 * 1. localisations, pass 1: only the set of project keys with ≥1 row in the region;
 * 2. localisations, pass 2: every row (any region) of those keys — needed for n
 *    (equal split) or the percentages of all places of a project;
 * 3. projects: the rows whose key is in the set;
 * 4. payments: the rows of kept projects.
 *
 * The join key is (CUP, Codice Locale Progetto). The first release's
 * localisation file has no Codice Locale Progetto; for that layout the join is
 * on (Codice Univoco Submisura, CUP), which is unique in that release.
 */
import { basename } from 'node:path';
import { readCsv } from './csv.js';
import { InputError } from '../errors.js';
import { detectLayout, type DetectedLayout, type Layout, type Role } from './layouts.js';
import { parseDate } from './dates.js';
import type { FileTally, QualityLog } from '../check/quality.js';

export interface SourceFileInfo {
  role: Role;
  path: string;
  file: string;
  layout: Layout;
  rows: number;
  sha256: string;
  /** Latest extraction date in the file, else the latest update date. */
  referenceDate: string | null;
  tally: FileTally;
}

export interface LocRow {
  source: SourceFileInfo;
  line: number;
  submeasure: string | null;
  region: string;
  regionName: string;
  province: string;
  provinceName: string;
  comune: string;
  comuneName: string;
  address: string | null;
  postcode: string | null;
  /** Hundredths of a percent; null when the layout has no percentage or the cell is empty; undefined when unparseable. */
  percentage: number | null | undefined;
}

export type Getter = (record: string[], field: string) => string | undefined;

const getterFor = (detected: DetectedLayout): Getter => (record, field) => {
  const index = detected.columns.get(field);
  return index === undefined ? undefined : record[index];
};

/** `--region all`: every region; the package's region code is then "00" (Italia). */
export const ALL_REGIONS = 'all';
export const ITALY_CODE = '00';

/** The package's region code for a `--region` value: the code itself, or "00" for "all". */
export const packageRegionCode = (region: string): string => (region === ALL_REGIONS ? ITALY_CODE : region);

/** Whether a row's (padded) region code is inside the package's region: "all"/"00" take every region code 01–20. */
export const inPackageRegion = (rowRegion: string, region: string): boolean =>
  region === ALL_REGIONS || region === ITALY_CODE ? /^(0[1-9]|1\d|20)$/.test(rowRegion) : rowRegion === region;

/** Pads numeric territorial codes to their official width (leading zeros get lost in conversions). */
export const padCode = (raw: string | undefined, width: number): string => {
  const text = (raw ?? '').trim();
  return /^\d+$/.test(text) && text.length < width ? text.padStart(width, '0') : text;
};

export const normaliseCup = (raw: string | undefined): string => (raw ?? '').trim().toUpperCase();
export const normaliseLocalCode = (raw: string | undefined): string => (raw ?? '').trim();

export const projectKey = (cup: string, localCode: string): string => `${cup}\u0000${localCode}`;
export const submeasureJoinKey = (submeasure: string, cup: string): string => `S\u0000${submeasure}\u0000${cup}`;
/** Either join key as people read it: "CUP / local code" or "sub-measure / CUP". */
export const describeJoinKey = (key: string): string => key.split('\u0000').filter((p) => p !== 'S').join(' / ');

/** Reads one file with layout detection; `onRow` gets each well-formed record. */
export async function streamFile(
  path: string,
  role: Role,
  tally: FileTally | null,
  quality: QualityLog | null,
  onLayout: (detected: DetectedLayout) => void,
  onRow: (record: string[], line: number, get: Getter, detected: DetectedLayout) => void,
  label = basename(path),
  signal?: AbortSignal,
): Promise<{ detected: DetectedLayout; rows: number; sha256: string }> {
  let detected: DetectedLayout | null = null;
  let get: Getter = () => undefined;
  let width = 0;
  const result = await readCsv(path, {
    onHeader(header) {
      detected = detectLayout(basename(path), role, header);
      get = getterFor(detected);
      width = header.length;
      onLayout(detected);
    },
    onRecord(record, line) {
      if (tally) tally.read++;
      if (record.length !== width) {
        if (tally && quality) quality.reject(tally, line, 'malformed-row', `expected ${width} fields, got ${record.length}`);
        return;
      }
      onRow(record, line, get, detected!);
    },
    onReject(line, reason) {
      if (tally && quality) {
        tally.read++;
        quality.reject(tally, line, 'malformed-row', reason);
      }
    },
  }, label, signal);
  if (!detected) throw new InputError(`${path}: empty file`);
  return { detected, rows: result.rows, sha256: result.sha256 };
}

export function dateOf(get: Getter, record: string[], field: string): string | null {
  const value = parseDate(get(record, field));
  return value === undefined ? null : value;
}
