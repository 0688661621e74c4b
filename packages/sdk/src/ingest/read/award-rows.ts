/**
 * The pass over the awardee files: the tenders of each kept project and their
 * awardees. One row is one project × procedure × awardee (the 2023 layouts also
 * carry the tender's subject, amounts and dates; the 2025 one the awardee's role).
 *
 * A tender is keyed by its CIG, else its Codice interno PDA, else the Codice
 * Procedura Utente. Several files may describe the same tender (e.g. the 2023
 * and the 2025 releases): each field comes from the latest file that fills it,
 * and the awardees from the latest file that lists any for the tender, so one
 * release's list never mixes with another's.
 *
 * Memory stays bounded (see read/spill.ts): the read pass spills each kept row
 * (kind `tender`, the partition of its CUP); the aggregate step merges one
 * partition's rows at a time with `projectTenders`.
 */
import { basename } from 'node:path';
import type { Awardee, Tender } from '../../schema/package.js';
import { normaliseCup, normaliseLocalCode, projectKey, streamFile, type Getter } from './read-sources.js';
import { cleanText } from './normalise.js';
import { maxDate } from './dates.js';
import { amountOf, dateIn, isOutOfRange } from './cells.js';
import { formatEuro, MAX_AMOUNT_CENTS, readAmount } from './numbers.js';
import { maskPersonalCodes, maskTaxCode } from './privacy.js';
import { recordedReferenceDate } from './source-manifest.js';
import { addSource, type CollectState } from './collect.js';
import type { SourceFileInfo } from './read-sources.js';
import { partitionOf } from './spill.js';
import { byString } from '../../format/compare.js';
import type { FileTally, QualityLog } from '../check/quality.js';

type TenderFields = Omit<Tender, 'awardees' | 'referenceDate'>;
const TENDER_FIELDS = ['cig', 'pda', 'subject', 'contractType', 'procedure', 'noCigReason', 'baseCents', 'awardedCents', 'cigDate', 'awardDate'] as const;

/** What one file says of one tender of one project. */
interface TenderPart {
  fields: TenderFields;
  awardees: Awardee[];
  seen: Set<string>;
}

/** A text cell with personal tax codes masked (reported, never with the code itself). */
function maskedText(get: Getter, record: string[], field: string, quality: QualityLog, tally: FileTally, line: number): string | null {
  const text = cleanText(get(record, field));
  if (text === null) return null;
  const { text: out, masked } = maskPersonalCodes(text);
  if (masked > 0) quality.warn(tally, line, 'masked-tax-code', `${field}: ${masked} personal tax code${masked > 1 ? 's' : ''} masked as ****************`);
  return out;
}

/**
 * A kept awardee row as spilled: project key, source index, order on the command line, line,
 * tender key, the tender's fields (TENDER_FIELDS order) and the awardee of the row (or null).
 */
type TenderLine = [string, number, number, number, string, Array<string | number | null>, Awardee | null];

/** Reads every awardee file, spilling each kept row (kind `tender`) for `projectTenders`. */
export async function readAwardees(state: CollectState): Promise<void> {
  const paths = state.options.awardees ?? [];
  if (paths.length === 0) return;
  for (const [order, path] of paths.entries()) {
    const tally = state.quality.tally(basename(path), 'awardees');
    const sourceIndex = state.sources.length;
    let extracted: string | null = null;
    let updated: string | null = null;
    const { detected, rows, sha256 } = await streamFile(path, 'awardees', tally, state.quality, () => {}, (record, line, get, d) => {
      const q = state.quality;
      extracted = maxDate(extracted, dateIn(get, record, 'extracted', q, tally, line));
      updated = maxDate(updated, dateIn(get, record, 'updated', q, tally, line));
      const cup = normaliseCup(get(record, 'cup'));
      const localCode = normaliseLocalCode(get(record, 'localCode'));
      const key = projectKey(cup, localCode);
      if (!state.projects.has(key)) {
        tally.skipped++;
        return;
      }
      const cig = cleanText(get(record, 'cig'));
      const pda = cleanText(get(record, 'pda'));
      const userProcedure = cleanText(get(record, 'userProcedure'));
      const tenderKey = cig ? `cig:${cig}` : pda ? `pda:${pda}` : userProcedure ? `user:${userProcedure}` : null;
      if (tenderKey === null) {
        q.reject(tally, line, 'missing-key', `${cup} / ${localCode}: no CIG, Codice interno PDA or Codice Procedura Utente; the row cannot be tied to a tender`);
        return;
      }
      const style = d.layout.numbers;
      const amount = (field: string): number | null => {
        if (!d.columns.has(field)) return null;
        const raw = get(record, field);
        if (isOutOfRange(readAmount(raw, style))) {
          q.warn(tally, line, 'amount-out-of-range', `${field}: "${(raw ?? '').trim()}" is beyond ±€${formatEuro(MAX_AMOUNT_CENTS)}; read as null`);
          return null;
        }
        return amountOf(raw, style, field, q, tally, line);
      };
      const fields: TenderFields = {
        cig, pda,
        subject: maskedText(get, record, 'subject', q, tally, line),
        contractType: cleanText(get(record, 'contractType')),
        procedure: cleanText(get(record, 'procedure')),
        noCigReason: cleanText(get(record, 'noCigReason')),
        baseCents: amount('baseAmount'),
        awardedCents: amount('awardedAmount'),
        cigDate: dateIn(get, record, 'cigDate', q, tally, line),
        awardDate: dateIn(get, record, 'awardDate', q, tally, line),
      };
      const name = maskedText(get, record, 'name', q, tally, line);
      const rawCode = cleanText(get(record, 'taxCode'));
      const taxCode = rawCode === null ? null : maskTaxCode(rawCode.toUpperCase());
      if (rawCode !== null && taxCode !== rawCode && !/^\*+$/.test(rawCode)) q.warn(tally, line, 'masked-tax-code', 'taxCode: a personal tax code masked as ****************');
      const awardee: Awardee | null = name !== null || (taxCode !== null && !/^\*+$/.test(taxCode))
        ? { name: name ?? taxCode!, taxCode, role: cleanText(get(record, 'role')), legalForm: cleanText(get(record, 'legalForm')) }
        : null;
      const spilled: TenderLine = [key, sourceIndex, order, line, tenderKey, TENDER_FIELDS.map((f) => fields[f]), awardee];
      state.spill.append('tender', partitionOf(cup), JSON.stringify(spilled));
      tally.kept++;
    }, basename(path), state.options.signal);
    const date = extracted ?? (await recordedReferenceDate(path, sha256)) ?? updated;
    addSource(state, 'awardees', path, detected.layout, rows, sha256, date, tally);
  }
}

/**
 * The spilled tender rows (kind `tender`) of one partition, by project key, each project's in the
 * order they were read (files in command-line order, rows in file order).
 */
export function tenderRowsByProject(lines: readonly string[]): Map<string, TenderLine[]> {
  const out = new Map<string, TenderLine[]>();
  for (const text of lines) {
    const row = JSON.parse(text) as TenderLine;
    const list = out.get(row[0]);
    if (list) list.push(row);
    else out.set(row[0], [row]);
  }
  return out;
}

/**
 * A project's tenders from its spilled rows: per file, each tender's first row gives its fields,
 * later rows fill the empty ones, and an awardee listed twice is kept once (warned,
 * `duplicate-awardee`); then the files are merged, latest first.
 */
export function projectTenders(rows: readonly TenderLine[], sources: readonly SourceFileInfo[], quality: QualityLog): Tender[] {
  const perFile = new Map<number, { date: string | null; order: number; tenders: Map<string, TenderPart> }>();
  for (const [, sourceIndex, order, line, tenderKey, values, awardee] of rows) {
    const source = sources[sourceIndex]!;
    let file = perFile.get(sourceIndex);
    if (!file) perFile.set(sourceIndex, (file = { date: source.referenceDate, order, tenders: new Map() }));
    const fields = Object.fromEntries(TENDER_FIELDS.map((f, i) => [f, values[i] ?? null])) as unknown as TenderFields;
    let part = file.tenders.get(tenderKey);
    if (!part) file.tenders.set(tenderKey, (part = { fields, awardees: [], seen: new Set() }));
    else for (const f of TENDER_FIELDS) if (part.fields[f] === null && fields[f] !== null) (part.fields as Record<string, unknown>)[f] = fields[f];
    if (awardee === null) continue;
    const id = JSON.stringify(awardee);
    if (part.seen.has(id)) {
      const [cup, localCode] = rows[0]![0].split('\u0000') as [string, string];
      quality.warn(source.tally, line, 'duplicate-awardee', `${cup} / ${localCode} ${tenderKey.slice(tenderKey.indexOf(':') + 1)}: the same awardee twice; listed once`);
    } else {
      part.seen.add(id);
      part.awardees.push(awardee);
    }
  }
  // Latest file first (later in the command line on a tie): it decides each field it fills.
  const files = [...perFile.values()].sort((a, b) => byString(b.date ?? '', a.date ?? '') || b.order - a.order);
  return mergeTenders(files);
}

/** A project's tenders from every file, latest first; sorted by CIG, then PDA code. */
function mergeTenders(files: Array<{ date: string | null; tenders: Map<string, TenderPart> }>): Tender[] {
  const merged = new Map<string, Tender>();
  for (const file of files) {
    for (const [tenderKey, part] of file.tenders) {
      let tender = merged.get(tenderKey);
      if (!tender) merged.set(tenderKey, (tender = { ...part.fields, referenceDate: file.date, awardees: [] }));
      else for (const f of TENDER_FIELDS) if (tender[f] === null && part.fields[f] !== null) (tender as Record<string, unknown>)[f] = part.fields[f];
      if (tender.awardees.length === 0 && part.awardees.length > 0) {
        tender.awardees = part.awardees;
        tender.referenceDate = file.date;
      }
    }
  }
  return [...merged.values()].sort((a, b) => byString(a.cig ?? '\uffff', b.cig ?? '\uffff') || byString(a.pda ?? '', b.pda ?? ''));
}
