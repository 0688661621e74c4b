/**
 * Reading one cell of a source row into a value, reporting what cannot be read
 * in the quality log (never dropped silently).
 */
import type { FileTally, QualityLog } from '../check/quality.js';
import { parseDate } from './dates.js';
import { parseCents, type AmountReading, type NumberStyle } from './numbers.js';
import type { Getter } from './read-sources.js';

/** An amount cell in cents; text that is not a number is read as null and reported. */
export function amountOf(
  raw: string | undefined, style: NumberStyle, field: string, quality: QualityLog, tally: FileTally, line: number,
): number | null {
  const cents = parseCents(raw, style);
  if (cents === undefined) {
    quality.warn(tally, line, 'unparseable-amount', `${field}: "${(raw ?? '').trim()}" is not a number; read as null`);
    return null;
  }
  return cents;
}

export const isOutOfRange = (reading: AmountReading): boolean => 'problem' in reading && reading.problem === 'out-of-range';

/** A date cell; text that is not a date is read as null and reported, never dropped silently. */
export function dateIn(get: Getter, record: string[], field: string, quality: QualityLog, tally: FileTally, line: number): string | null {
  const raw = get(record, field);
  const value = parseDate(raw);
  if (value === undefined) {
    quality.warn(tally, line, 'unparseable-date', `${field}: "${(raw ?? '').trim()}" is not a date; read as null`);
    return null;
  }
  return value;
}

