/**
 * The streaming passes of a build (see read-sources.ts for the memory rule):
 * localisations twice, then projects, then payments. The result holds only the
 * region's projects and every localisation row of those projects.
 */
import { basename } from 'node:path';
import { InputError } from './input-error.js';
import type { Layout } from './layouts.js';
import {
  dateOf, describeJoinKey, normaliseCup, normaliseLocalCode, padCode, projectKey, streamFile, submeasureJoinKey,
  type Getter, type LocRow, type SourceFileInfo,
} from './read-sources.js';
import type { QualityLog, FileTally } from './quality.js';
import { isCup } from '../format/keys.js';
import { cleanText } from './normalise.js';
import { maxDate, parseDate } from './dates.js';
import { parseCents, parsePercentHundredths, type NumberStyle } from './numbers.js';

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
      if (padCode(get(record, 'region'), 2) !== region) return;
      const key = locJoinKey(get, record, withLocalCode!);
      if (key) regionKeys.add(key);
    }, `${basename(path)} (localisations, pass 1 of 2)`);
    locInfo.push({ layout: detected.layout, rows, sha256, referenceDate: extracted ?? updated });
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
      const joinKey = withLocalCode === false ? submeasureJoinKey(submeasure, cup) : projectKey(cup, localCode);
      if (!regionKeys.has(joinKey)) {
        tally.skipped++;
        return;
      }
      if (!isCup(cup) || localCode === '') {
        quality.reject(tally, line, 'missing-key', `CUP "${cup}" / Codice Locale Progetto "${localCode}" is not a valid project key`);
        return;
      }
      const key = projectKey(cup, localCode);
      const previous = projects.get(key) ?? byJoinKey.get(joinKey);
      if (previous) {
        quality.reject(tally, line, 'duplicate-project', `${cup} / ${localCode} already read at ${previous.file}:${previous.line}`);
        return;
      }
      const style = d.layout.numbers;
      const amounts: Record<string, number | null> = {};
      for (const field of AMOUNT_FIELDS) amounts[field] = d.columns.has(field) ? amountOf(get(record, field), style, field, quality, tally, line) : null;
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
    });
    const info = makeSource('projects', path, detected.layout, rows, sha256, extracted ?? updated, tally);
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
    }, `${basename(path)} (localisations, pass 2 of 2)`);
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
    });
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
