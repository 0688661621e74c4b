/**
 * The pass over the target-indicator files: what each kept project must
 * achieve (Valore Programmato) and has achieved (Valore Realizzato), by
 * indicator. Values are written with comma decimals (`1.912,00`). When several
 * files give the same indicator of a project, the latest file's row wins.
 *
 * Memory stays bounded (see read/spill.ts): the read pass spills each row of a
 * kept project (kind `indicator`, the partition of its CUP) with its cells as
 * read; the aggregate step takes one partition at a time and makes each
 * project's indicators with `projectIndicators` (duplicates rejected and cells
 * parsed there, so a duplicate row is reported exactly as when it was read).
 */
import { basename } from 'node:path';
import type { Indicator } from '../../schema/package.js';
import { fold } from '../../format/fold.js';
import { byString } from '../../format/compare.js';
import { normaliseCup, normaliseLocalCode, projectKey, streamFile, type SourceFileInfo } from './read-sources.js';
import type { QualityLog } from '../check/quality.js';
import { partitionOf } from './spill.js';
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

/**
 * An indicator row of a kept project as spilled: project key, source index, file (its index on the
 * command line), line, code, then the cells name, unit, type, realised, programmed, month, year
 * (as read), and the row's extraction date.
 */
type IndicatorLine = [string, number, number, number, string, ...Array<string | null>];

/** Reads every indicator file, spilling each row of a kept project (kind `indicator`) for `projectIndicators`. */
export async function readIndicators(state: CollectState): Promise<void> {
  const paths = state.options.indicators ?? [];
  if (paths.length === 0) return;
  for (const [file, path] of paths.entries()) {
    const tally = state.quality.tally(basename(path), 'indicators');
    const sourceIndex = state.sources.length;
    let extracted: string | null = null;
    const { detected, rows, sha256 } = await streamFile(path, 'indicators', tally, state.quality, () => {}, (record, line, get) => {
      const q = state.quality;
      const date = dateIn(get, record, 'extracted', q, tally, line);
      extracted = maxDate(extracted, date);
      const cup = normaliseCup(get(record, 'cup'));
      const key = projectKey(cup, normaliseLocalCode(get(record, 'localCode')));
      if (!state.projects.has(key)) {
        tally.skipped++;
        return;
      }
      const code = cleanText(get(record, 'code'));
      if (code === null) {
        q.reject(tally, line, 'missing-key', 'Codice Indicatore is empty');
        return;
      }
      const cells = ['name', 'unit', 'type', 'realised', 'programmed'].map((f) => get(record, f) ?? null);
      const spilled: IndicatorLine = [key, sourceIndex, file, line, code, ...cells, cleanText(get(record, 'month')), cleanText(get(record, 'year')), date];
      state.spill.append('indicator', partitionOf(cup), JSON.stringify(spilled));
      // A duplicate row is found, and taken back off `kept`, when its partition is aggregated.
      tally.kept++;
    }, basename(path), state.options.signal);
    addSource(state, 'indicators', path, detected.layout, rows, sha256, extracted, tally);
  }
}

/** The spilled indicator rows (kind `indicator`) of one partition, by project key, in the order read. */
export function indicatorRowsByProject(lines: readonly string[]): Map<string, IndicatorLine[]> {
  const out = new Map<string, IndicatorLine[]>();
  for (const text of lines) {
    const row = JSON.parse(text) as IndicatorLine;
    const list = out.get(row[0]);
    if (list) list.push(row);
    else out.set(row[0], [row]);
  }
  return out;
}

/**
 * A project's indicators, sorted by code, from its spilled rows: a code given twice in one file is
 * rejected (`duplicate-indicator`, the first row is used); across files the latest file wins, a later
 * one on the command line on a tie.
 */
export function projectIndicators(rows: readonly IndicatorLine[], sources: readonly SourceFileInfo[], quality: QualityLog): Indicator[] {
  const byCode = new Map<string, Array<{ indicator: Indicator; file: number; date: string | null }>>();
  for (const [key, sourceIndex, file, line, code, name, unit, type, realised, programmed, month, year, date] of rows) {
    const source = sources[sourceIndex]!;
    const tally = source.tally;
    const rowsOfCode = byCode.get(code) ?? [];
    if (rowsOfCode.some((r) => r.file === file)) {
      tally.kept--;
      quality.reject(tally, line, 'duplicate-indicator', `${key.replace('\u0000', ' / ')}: indicator ${code} given twice in this file; the first row is used`);
      continue;
    }
    const value = (field: string, raw: string | null | undefined): number | null => {
      const cents = parseCents(raw ?? undefined, source.layout.numbers);
      if (cents === undefined) {
        quality.warn(tally, line, 'unparseable-number', `${field}: "${(raw ?? '').trim()}" is not a number; read as null`);
        return null;
      }
      return cents === null ? null : cents / 100;
    };
    let period = indicatorPeriod(month ?? null, year ?? null);
    if (period === undefined) {
      quality.warn(tally, line, 'unparseable-date', `Mese/Anno: "${month ?? ''}" "${year ?? ''}" is not a period; read as null`);
      period = null;
    }
    const indicator: Indicator = {
      code, name: cleanText(name ?? undefined) ?? code, unit: cleanText(unit ?? undefined), type: cleanText(type ?? undefined),
      realised: value('realised', realised), programmed: value('programmed', programmed), period,
      // A row without a date takes its file's latest.
      referenceDate: date ?? source.referenceDate,
    };
    rowsOfCode.push({ indicator, file, date: source.referenceDate });
    byCode.set(code, rowsOfCode);
  }
  const later = (a: { file: number; date: string | null }, b: { file: number; date: string | null }): boolean => {
    const da = a.date ?? '';
    const db = b.date ?? '';
    return da > db || (da === db && a.file > b.file);
  };
  return [...byCode.entries()].sort(([a], [b]) => byString(a, b)).map(([, found]) => found.reduce((best, r) => (later(r, best) ? r : best)).indicator);
}
