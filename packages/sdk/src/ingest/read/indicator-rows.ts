/**
 * The pass over the target-indicator files: what each kept project must
 * achieve (Valore Programmato) and has achieved (Valore Realizzato), by
 * indicator. Values are written with comma decimals (`1.912,00`). When several
 * files give the same indicator of a project, the latest file's row wins.
 */
import { basename } from 'node:path';
import type { Indicator } from '../../schema/package.js';
import { fold } from '../../format/fold.js';
import { byString } from '../../format/compare.js';
import { normaliseCup, normaliseLocalCode, projectKey, streamFile } from './read-sources.js';
import { cleanText } from './normalise.js';
import { maxDate } from './dates.js';
import { dateIn } from './cells.js';
import { parseCents } from './numbers.js';
import { addSource, type CollectState } from './collect.js';

const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];

/** `Mese` (Italian month name or number) and `Anno` → `YYYY-MM`, `YYYY`, or null. */
export function indicatorPeriod(month: string | null, year: string | null): string | null | undefined {
  if (year === null) return month === null ? null : undefined;
  if (!/^\d{4}$/.test(year)) return undefined;
  if (month === null) return year;
  const named = MONTHS.indexOf(fold(month));
  const index = named >= 0 ? named + 1 : /^\d{1,2}$/.test(month) ? Number(month) : 0;
  return index >= 1 && index <= 12 ? `${year}-${String(index).padStart(2, '0')}` : undefined;
}

/** Reads every indicator file and gives each kept project its indicators, sorted by code. */
export async function readIndicators(state: CollectState): Promise<void> {
  const paths = state.options.indicators ?? [];
  if (paths.length === 0) return;
  // Project key → indicator code → the row of each file that gives it.
  const found = new Map<string, Map<string, Array<{ indicator: Indicator; file: number }>>>();
  const fileDates: Array<string | null> = [];
  for (const [file, path] of paths.entries()) {
    const tally = state.quality.tally(basename(path), 'indicators');
    let extracted: string | null = null;
    const kept: Indicator[] = [];
    const { detected, rows, sha256 } = await streamFile(path, 'indicators', tally, state.quality, () => {}, (record, line, get, d) => {
      const q = state.quality;
      const date = dateIn(get, record, 'extracted', q, tally, line);
      extracted = maxDate(extracted, date);
      const key = projectKey(normaliseCup(get(record, 'cup')), normaliseLocalCode(get(record, 'localCode')));
      if (!state.projects.has(key)) {
        tally.skipped++;
        return;
      }
      const code = cleanText(get(record, 'code'));
      if (code === null) {
        q.reject(tally, line, 'missing-key', 'Codice Indicatore is empty');
        return;
      }
      let byCode = found.get(key);
      if (!byCode) found.set(key, (byCode = new Map()));
      const rowsOfCode = byCode.get(code) ?? [];
      if (rowsOfCode.some((r) => r.file === file)) {
        q.reject(tally, line, 'duplicate-indicator', `${key.replace('\u0000', ' / ')}: indicator ${code} given twice in this file; the first row is used`);
        return;
      }
      const value = (field: string): number | null => {
        const raw = get(record, field);
        const cents = parseCents(raw, d.layout.numbers);
        if (cents === undefined) {
          q.warn(tally, line, 'unparseable-number', `${field}: "${(raw ?? '').trim()}" is not a number; read as null`);
          return null;
        }
        return cents === null ? null : cents / 100;
      };
      const month = cleanText(get(record, 'month'));
      const year = cleanText(get(record, 'year'));
      let period = indicatorPeriod(month, year);
      if (period === undefined) {
        q.warn(tally, line, 'unparseable-date', `Mese/Anno: "${month ?? ''}" "${year ?? ''}" is not a period; read as null`);
        period = null;
      }
      const indicator: Indicator = {
        code, name: cleanText(get(record, 'name')) ?? code, unit: cleanText(get(record, 'unit')), type: cleanText(get(record, 'type')),
        realised: value('realised'), programmed: value('programmed'), period, referenceDate: date,
      };
      rowsOfCode.push({ indicator, file });
      byCode.set(code, rowsOfCode);
      kept.push(indicator);
      tally.kept++;
    }, basename(path), state.options.signal);
    addSource(state, 'indicators', path, detected.layout, rows, sha256, extracted, tally);
    for (const i of kept) i.referenceDate ??= extracted;
    fileDates.push(extracted);
  }
  // Across files the latest file wins, a later one on the command line on a tie.
  const rank = (file: number): [string, number] => [fileDates[file] ?? '', file];
  const later = (a: number, b: number): boolean => {
    const [da, ia] = rank(a);
    const [db, ib] = rank(b);
    return da > db || (da === db && ia > ib);
  };
  for (const draft of state.projects.values()) {
    const byCode = found.get(draft.key);
    draft.indicators = byCode
      ? [...byCode.entries()].sort(([a], [b]) => byString(a, b)).map(([, rows]) => rows.reduce((best, r) => (later(r.file, best.file) ? r : best)).indicator)
      : [];
  }
}
