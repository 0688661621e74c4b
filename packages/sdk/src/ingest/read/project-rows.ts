/**
 * The pass over the project files: keeps the region's projects (those pass 1
 * found localised in it), with their texts and range-checked amounts.
 */
import { basename } from 'node:path';
import type { DetectedLayout } from './layouts.js';
import { normaliseCup, normaliseLocalCode, projectKey, streamFile, submeasureJoinKey, type Getter } from './read-sources.js';
import type { QualityLog, FileTally } from '../check/quality.js';
import { isCup } from '../../format/keys.js';
import { cleanText } from './normalise.js';
import { maxDate } from './dates.js';
import { formatEuro, MAX_AMOUNT_CENTS, readAmount } from './numbers.js';
import { recordedReferenceDate } from './source-manifest.js';
import { amountOf, dateIn, isOutOfRange } from './cells.js';
import { addSource, type CollectState, type KeptProject } from './collect.js';
import { AMOUNT_FIELDS, TEXT_FIELDS, encodeProject } from './spill-records.js';
import { partitionOf } from './spill.js';
import { detach } from './fast-csv.js';

/**
 * The amounts of a project row, range-checked: null when a cell is beyond ±MAX_AMOUNT_CENTS (the row
 * is then rejected, `amount-out-of-range`); a negative amount is kept and reported (`negative-amount`).
 */
function projectAmounts(
  get: Getter, record: string[], d: DetectedLayout, quality: QualityLog, tally: FileTally, line: number,
): Record<string, number | null> | null {
  const amounts: Record<string, number | null> = Object.create(null) as Record<string, number | null>;
  const style = d.layout.numbers;
  for (const field of AMOUNT_FIELDS) {
    if (!d.columns.has(field)) {
      amounts[field] = null;
      continue;
    }
    const raw = get(record, field);
    const reading = readAmount(raw, style);
    const column = d.header[d.columns.get(field)!]!.trim();
    if (isOutOfRange(reading)) {
      quality.reject(tally, line, 'amount-out-of-range',
        `${column}: "${(raw ?? '').trim()}" is beyond ±€${formatEuro(MAX_AMOUNT_CENTS)}, more than the whole plan; row not used`);
      return null;
    }
    const cents = amountOf(raw, style, field, quality, tally, line);
    if (cents !== null && cents < 0) quality.warn(tally, line, 'negative-amount', `${column}: "${(raw ?? '').trim()}" is negative; kept as written`);
    amounts[field] = cents;
  }
  return amounts;
}

/** Reads every project file; a kept project is spilled (kind `project`) and remembered in `state.projects`. */
export async function readProjects(state: CollectState): Promise<void> {
  const { projects } = state;
  for (const path of state.options.projects) {
    const tally = state.quality.tally(basename(path), 'projects');
    // addSource() below appends this file's info right after the file is read.
    const sourceIndex = state.sources.length;
    let extracted: string | null = null;
    let updated: string | null = null;
    const { detected, rows, sha256 } = await streamFile(path, 'projects', tally, state.quality, () => {}, (record, line, get, d) => {
      extracted = maxDate(extracted, dateIn(get, record, 'extracted', state.quality, tally, line));
      const rowUpdated = dateIn(get, record, 'updated', state.quality, tally, line);
      updated = maxDate(updated, rowUpdated);
      const cup = normaliseCup(get(record, 'cup'));
      const localCode = normaliseLocalCode(get(record, 'localCode'));
      const submeasure = (get(record, 'submeasureCode') ?? '').trim();
      // Checked before the region: a row without a valid key cannot be joined to any localisation,
      // so whether it belongs to the region is unknown; it is rejected with the reason, never skipped.
      if (!isCup(cup)) {
        state.quality.reject(tally, line, 'missing-key', `CUP "${(get(record, 'cup') ?? '').trim()}" is not a CUP (15 characters); the row cannot be joined to its localisations`);
        return;
      }
      if (localCode === '') {
        state.quality.reject(tally, line, 'missing-key', `${cup}: Codice Locale Progetto is empty; the row cannot be joined to its localisations`);
        return;
      }
      const joinKey = state.withLocalCode === false ? submeasureJoinKey(submeasure, cup) : projectKey(cup, localCode);
      if (!state.regionKeys.has(joinKey)) {
        tally.skipped++;
        return;
      }
      const key = projectKey(cup, localCode);
      const previous = projects.get(key) ?? state.byJoinKey.get(joinKey);
      if (previous) {
        state.quality.reject(tally, line, 'duplicate-project', `${cup} / ${localCode} already read at ${previous.tally.file}:${previous.line}`);
        return;
      }
      const amounts = projectAmounts(get, record, d, state.quality, tally, line);
      if (!amounts) return;
      const texts = TEXT_FIELDS.map((field) => cleanText(get(record, field)));
      state.spill.append('project', partitionOf(cup), encodeProject(key, joinKey, sourceIndex, line, cup, localCode, texts, amounts, rowUpdated));
      // Copies: the fields are slices of the file's text, which must not stay in memory (fast-csv.ts).
      const kept: KeptProject = { tally, line, cup: detach(cup), localCode: detach(localCode), hasRows: false, hasPayments: false };
      tally.kept++;
      projects.set(key, kept);
      if (joinKey !== key) state.byJoinKey.set(joinKey, kept);
    }, basename(path), state.options.signal);
    addSource(state, 'projects', path, detected.layout, rows, sha256, extracted ?? (await recordedReferenceDate(path, sha256)) ?? updated, tally);
  }
}
