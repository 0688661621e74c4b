/**
 * The streaming passes of a build (see read-sources.ts for the memory rule):
 * localisations twice, then projects, then payments. The result holds only the
 * region's projects and every localisation row of those projects.
 */
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import type { DetectedLayout, Layout } from './layouts.js';
import {
  dateOf, describeJoinKey, normaliseCup, normaliseLocalCode, padCode, projectKey, streamFile, submeasureJoinKey,
  type Getter, type LocRow, type SourceFileInfo,
} from './read-sources.js';
import type { QualityLog, FileTally } from '../check/quality.js';
import { isCup } from '../../format/keys.js';
import { cleanText } from './normalise.js';
import { maxDate, parseDate } from './dates.js';
import { formatEuro, MAX_AMOUNT_CENTS, parseCents, parsePercentHundredths, readAmount, type AmountReading, type NumberStyle } from './numbers.js';
import { recordedReferenceDate } from './source-manifest.js';

export interface ProjectDraft {
  key: string;
  joinKey: string;
  /** Set once the file has been read (hash and row count known). */
  source: SourceFileInfo;
  file: string;
  line: number;
  cup: string;
  localCode: string;
  text: (field: string) => string | null;
  amounts: Record<string, number | null>;
  updated: string | null;
  payments: PaymentDraft | null;
}

export interface PaymentDraft {
  referenceDate: string | null;
  totalCents: number;
  pnrrCents: number;
  financedPnrrCents: number | null;
  financedTotalCents: number | null;
}

const AMOUNT_FIELDS = [
  'stato', 'statoBilancio', 'statoFoi', 'fpop', 'ue', 'regione', 'provincia', 'comune', 'altroPubblico', 'privato',
  'daReperire', 'pnrr', 'pnc', 'altriFondi', 'total', 'totalPublic', 'totalPublicNet',
] as const;

const TEXT_FIELDS = [
  'programme', 'mission', 'missionName', 'component', 'componentName', 'measureId', 'measureCode', 'measureName', 'submeasureId',
  'cidCode', 'submeasureCode', 'submeasureName', 'owner', 'procedureId', 'procedureTitle', 'procedureType', 'cupStatus', 'status',
  'cupNatureCode', 'cupNature', 'cupTypeCode', 'cupType', 'cupSectorCode', 'cupSector', 'cupSubsectorCode', 'cupSubsector',
  'cupCategoryCode', 'cupCategory', 'title', 'summary', 'aidType', 'body', 'bodyTaxCode', 'preExisting',
] as const;

export interface CollectOptions {
  region: string;
  projects: string[];
  localisations: string[];
  payments: string[];
  /** Aborts the reading (Ctrl-C): the passes stop at the next chunk with an AbortError. */
  signal?: AbortSignal;
}

export interface Collected {
  sources: SourceFileInfo[];
  /** Kept projects by (CUP, CLP) key, in file order. */
  projects: Map<string, ProjectDraft>;
  /** Localisation rows by project key (all regions), kept ones only. */
  rows: Map<string, LocRow[]>;
}

function amountOf(
  raw: string | undefined, style: NumberStyle, field: string, quality: QualityLog, tally: FileTally, line: number,
): number | null {
  const cents = parseCents(raw, style);
  if (cents === undefined) {
    quality.warn(tally, line, 'unparseable-amount', `${field}: "${(raw ?? '').trim()}" is not a number; read as null`);
    return null;
  }
  return cents;
}

const PAYMENT_FIELDS = ['paidTotal', 'paidPnrr', 'financedPnrr', 'financedTotal'] as const;
const isOutOfRange = (reading: AmountReading): boolean => 'problem' in reading && reading.problem === 'out-of-range';

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

/** A date cell; text that is not a date is read as null and reported, never dropped silently. */
function dateIn(get: Getter, record: string[], field: string, quality: QualityLog, tally: FileTally, line: number): string | null {
  const raw = get(record, field);
  const value = parseDate(raw);
  if (value === undefined) {
    quality.warn(tally, line, 'unparseable-date', `${field}: "${(raw ?? '').trim()}" is not a date; read as null`);
    return null;
  }
  return value;
}

export async function collect(options: CollectOptions, quality: QualityLog): Promise<Collected> {
  const sources: SourceFileInfo[] = [];
  const region = options.region;
  const makeSource = (role: SourceFileInfo['role'], path: string, layout: Layout, rows: number, sha256: string, referenceDate: string | null, tally: FileTally): SourceFileInfo => {
    const info: SourceFileInfo = { role, path, file: basename(path), layout, rows, sha256, referenceDate, tally };
    sources.push(info);
    return info;
  };

  // ---------------------------------------------------------- localisations, pass 1
  let withLocalCode: boolean | null = null;
  const regionKeys = new Set<string>();
  // Rows of other regions (or national) in any localisation file: none means the *_fuori_* part is missing.
  let outsideRows = 0;
  const locInfo: Array<{ layout: Layout; rows: number; sha256: string; referenceDate: string | null }> = [];
  for (const path of options.localisations) {
    let extracted: string | null = null;
    let updated: string | null = null;
    const { detected, rows, sha256 } = await streamFile(path, 'localisations', null, null, (d) => {
      const has = d.columns.has('localCode');
      if (withLocalCode !== null && withLocalCode !== has) {
        throw new InputError(`${basename(path)}: localisation files mix layouts with and without Codice Locale Progetto; build them separately`);
      }
      withLocalCode = has;
    }, (record, _line, get) => {
      extracted = maxDate(extracted, dateOf(get, record, 'extracted'));
      updated = maxDate(updated, dateOf(get, record, 'updated'));
      if (padCode(get(record, 'region'), 2) !== region) {
        outsideRows++;
        return;
      }
      const key = locJoinKey(get, record, withLocalCode!);
      if (key) regionKeys.add(key);
    }, `${basename(path)} (localisations, pass 1 of 2)`, options.signal);
    locInfo.push({ layout: detected.layout, rows, sha256, referenceDate: extracted ?? (await recordedReferenceDate(path, sha256)) ?? updated });
  }

  // ---------------------------------------------------------- projects
  const projects = new Map<string, ProjectDraft>();
  const byJoinKey = new Map<string, ProjectDraft>();
  for (const path of options.projects) {
    const tally = quality.tally(basename(path), 'projects');
    let extracted: string | null = null;
    let updated: string | null = null;
    const kept: ProjectDraft[] = [];
    const { detected, rows, sha256 } = await streamFile(path, 'projects', tally, quality, () => {}, (record, line, get, d) => {
      extracted = maxDate(extracted, dateIn(get, record, 'extracted', quality, tally, line));
      const rowUpdated = dateIn(get, record, 'updated', quality, tally, line);
      updated = maxDate(updated, rowUpdated);
      const cup = normaliseCup(get(record, 'cup'));
      const localCode = normaliseLocalCode(get(record, 'localCode'));
      const submeasure = (get(record, 'submeasureCode') ?? '').trim();
      // Checked before the region: a row without a valid key cannot be joined to any localisation,
      // so whether it belongs to the region is unknown; it is rejected with the reason, never skipped.
      if (!isCup(cup)) {
        quality.reject(tally, line, 'missing-key', `CUP "${(get(record, 'cup') ?? '').trim()}" is not a CUP (15 characters); the row cannot be joined to its localisations`);
        return;
      }
      if (localCode === '') {
        quality.reject(tally, line, 'missing-key', `${cup}: Codice Locale Progetto is empty; the row cannot be joined to its localisations`);
        return;
      }
      const joinKey = withLocalCode === false ? submeasureJoinKey(submeasure, cup) : projectKey(cup, localCode);
      if (!regionKeys.has(joinKey)) {
        tally.skipped++;
        return;
      }
      const key = projectKey(cup, localCode);
      const previous = projects.get(key) ?? byJoinKey.get(joinKey);
      if (previous) {
        quality.reject(tally, line, 'duplicate-project', `${cup} / ${localCode} already read at ${previous.file}:${previous.line}`);
        return;
      }
      const amounts = projectAmounts(get, record, d, quality, tally, line);
      if (!amounts) return;
      const texts = new Map<string, string | null>();
      for (const field of TEXT_FIELDS) texts.set(field, cleanText(get(record, field)));
      const draft: ProjectDraft = {
        key, joinKey, source: null as unknown as SourceFileInfo, file: tally.file, line, cup, localCode,
        text: (field) => texts.get(field) ?? null,
        amounts, updated: rowUpdated, payments: null,
      };
      tally.kept++;
      kept.push(draft);
      projects.set(key, draft);
      byJoinKey.set(joinKey, draft);
    }, basename(path), options.signal);
    const info = makeSource('projects', path, detected.layout, rows, sha256, extracted ?? (await recordedReferenceDate(path, sha256)) ?? updated, tally);
    for (const draft of kept) draft.source = info;
  }

  // ---------------------------------------------------------- localisations, pass 2
  const rowsByKey = new Map<string, LocRow[]>();
  for (const [index, path] of options.localisations.entries()) {
    const tally = quality.tally(basename(path), 'localisations');
    const meta = locInfo[index]!;
    const info = makeSource('localisations', path, meta.layout, meta.rows, meta.sha256, meta.referenceDate, tally);
    await streamFile(path, 'localisations', tally, quality, () => {}, (record, line, get, d) => {
      const rowRegion = padCode(get(record, 'region'), 2);
      const inRegion = rowRegion === region;
      const joinKey = locJoinKey(get, record, withLocalCode!);
      if (!joinKey || !regionKeys.has(joinKey)) {
        if (inRegion) quality.reject(tally, line, 'missing-key', `CUP "${normaliseCup(get(record, 'cup'))}" is not a valid project key`);
        else tally.skipped++;
        return;
      }
      const project = byJoinKey.get(joinKey);
      if (!project) {
        quality.reject(tally, line, 'no-project', `no project ${describeJoinKey(joinKey)} in the projects file`);
        return;
      }
      // Pass 1 read the dates for the reference date; a bad one is reported here, where rows are tallied.
      dateIn(get, record, 'extracted', quality, tally, line);
      dateIn(get, record, 'updated', quality, tally, line);
      let percentage: number | null | undefined = null;
      if (d.columns.has('percentage')) {
        const raw = get(record, 'percentage');
        percentage = parsePercentHundredths(raw, d.layout.numbers);
        if (percentage === undefined) quality.warn(tally, line, 'unparseable-percentage', `Percentuale di Localizzazione "${(raw ?? '').trim()}" is not a number`);
      }
      const row: LocRow = {
        source: info,
        line,
        submeasure: cleanText(get(record, 'submeasureCode')),
        region: rowRegion,
        regionName: (get(record, 'regionName') ?? '').trim(),
        province: padCode(get(record, 'province'), 3),
        provinceName: (get(record, 'provinceName') ?? '').trim(),
        comune: padCode(get(record, 'comune'), 3),
        comuneName: (get(record, 'comuneName') ?? '').trim(),
        address: cleanText(get(record, 'address')),
        postcode: cleanText(get(record, 'postcode')),
        percentage,
      };
      tally.kept++;
      const list = rowsByKey.get(project.key);
      if (list) list.push(row);
      else rowsByKey.set(project.key, [row]);
    }, `${basename(path)} (localisations, pass 2 of 2)`, options.signal);
    if (index === 0 && outsideRows === 0 && regionKeys.size > 0) {
      quality.warn(tally, 0, 'no-outside-localisations',
        `no localisation file has a row outside region ${region}: a project also localised elsewhere would be attributed entirely to the region. ` +
        'Give the national localisation file, or add the region file\'s *_fuori_* companion (e.g. localizzazioni_validate_fuori_toscana.csv) as another --localisations');
    }
  }

  // A kept project whose localisation rows were all rejected cannot be attributed.
  for (const [key, draft] of projects) {
    if (!rowsByKey.has(key)) {
      draft.source.tally.kept--;
      quality.reject(draft.source.tally, draft.line, 'no-localisation', `${draft.cup} / ${draft.localCode} has no usable localisation row`);
      projects.delete(key);
    }
  }

  // ---------------------------------------------------------- payments
  for (const path of options.payments) {
    const tally = quality.tally(basename(path), 'payments');
    let extracted: string | null = null;
    const attached: PaymentDraft[] = [];
    const { detected, rows, sha256 } = await streamFile(path, 'payments', tally, quality, () => {}, (record, line, get, d) => {
      const date = dateIn(get, record, 'extracted', quality, tally, line);
      extracted = maxDate(extracted, date);
      const key = projectKey(normaliseCup(get(record, 'cup')), normaliseLocalCode(get(record, 'localCode')));
      const project = projects.get(key);
      if (!project) {
        tally.skipped++;
        return;
      }
      if (project.payments) {
        quality.reject(tally, line, 'duplicate-payment', `${project.cup} / ${project.localCode} already has a payments row`);
        return;
      }
      const style = d.layout.numbers;
      const tooLarge = PAYMENT_FIELDS.find((f) => d.columns.has(f) && isOutOfRange(readAmount(get(record, f), style)));
      if (tooLarge) {
        quality.reject(tally, line, 'amount-out-of-range',
          `${d.header[d.columns.get(tooLarge)!]!.trim()}: "${(get(record, tooLarge) ?? '').trim()}" is beyond ±€${formatEuro(MAX_AMOUNT_CENTS)}; row not used`);
        return;
      }
      const paidTotal = amountOf(get(record, 'paidTotal'), style, 'paidTotal', quality, tally, line);
      const paidPnrr = amountOf(get(record, 'paidPnrr'), style, 'paidPnrr', quality, tally, line);
      if (paidTotal === null || paidPnrr === null) {
        quality.reject(tally, line, 'missing-amount', `${project.cup} / ${project.localCode}: payment amounts missing`);
        return;
      }
      const payment: PaymentDraft = {
        referenceDate: date,
        totalCents: paidTotal,
        pnrrCents: paidPnrr,
        financedPnrrCents: d.columns.has('financedPnrr') ? amountOf(get(record, 'financedPnrr'), style, 'financedPnrr', quality, tally, line) : null,
        financedTotalCents: d.columns.has('financedTotal') ? amountOf(get(record, 'financedTotal'), style, 'financedTotal', quality, tally, line) : null,
      };
      project.payments = payment;
      attached.push(payment);
      tally.kept++;
    }, basename(path), options.signal);
    makeSource('payments', path, detected.layout, rows, sha256, extracted, tally);
    for (const p of attached) if (p.referenceDate === null) p.referenceDate = extracted;
  }

  return { sources, projects, rows: rowsByKey };
}

function locJoinKey(get: Getter, record: string[], withLocalCode: boolean): string | null {
  const cup = normaliseCup(get(record, 'cup'));
  if (!isCup(cup)) return null;
  if (withLocalCode) {
    const localCode = normaliseLocalCode(get(record, 'localCode'));
    return localCode ? projectKey(cup, localCode) : null;
  }
  const submeasure = (get(record, 'submeasureCode') ?? '').trim();
  return submeasure ? submeasureJoinKey(submeasure, cup) : null;
}
