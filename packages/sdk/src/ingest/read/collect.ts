/**
 * The streaming passes of a build (see read-sources.ts for the memory rule):
 * localisations twice, then projects, then payments. The result holds only the
 * region's projects and every localisation row of those projects. Each pass is
 * its own module; they share a `CollectState`.
 */
import { basename } from 'node:path';
import type { Layout } from './layouts.js';
import type { LocRow, SourceFileInfo } from './read-sources.js';
import type { QualityLog, FileTally } from '../check/quality.js';
import { scanLocalisations, readLocalisationRows } from './localisation-rows.js';
import { readProjects } from './project-rows.js';
import { readPayments } from './payment-rows.js';
import { readAwardees } from './award-rows.js';
import { readIndicators } from './indicator-rows.js';
import type { Indicator, Tender } from '../../schema/package.js';

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
  /** Tenders and awardees; null when no awardee file was given. */
  tenders: Tender[] | null;
  /** Target indicators; null when no indicator file was given. */
  indicators: Indicator[] | null;
}

export interface PaymentDraft {
  referenceDate: string | null;
  totalCents: number;
  pnrrCents: number;
  financedPnrrCents: number | null;
  financedTotalCents: number | null;
}

export interface CollectOptions {
  region: string;
  projects: string[];
  localisations: string[];
  payments: string[];
  /** Awardee / tender files (optional). */
  awardees?: string[];
  /** Target indicator files (optional). */
  indicators?: string[];
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

/** What the passes share: the options, the quality log, and what the earlier passes found. */
export interface CollectState {
  options: CollectOptions;
  quality: QualityLog;
  sources: SourceFileInfo[];
  /** Whether the localisation files have Codice Locale Progetto (join on CUP + CLP, else CUP + sub-measure); set by pass 1. */
  withLocalCode: boolean | null;
  /** Join keys of the projects localised in the region (pass 1). */
  regionKeys: Set<string>;
  /** Rows of other regions (or national) in any localisation file: none means the *_fuori_* part is missing. */
  outsideRows: number;
  /** Kept projects by (CUP, CLP) key and by join key. */
  projects: Map<string, ProjectDraft>;
  byJoinKey: Map<string, ProjectDraft>;
  /** Kept localisation rows by project key (pass 2). */
  rowsByKey: Map<string, LocRow[]>;
}

/** Records a source file of the build (in the order the manifest lists them). */
export function addSource(
  state: CollectState, role: SourceFileInfo['role'], path: string, layout: Layout, rows: number, sha256: string, referenceDate: string | null, tally: FileTally,
): SourceFileInfo {
  const info: SourceFileInfo = { role, path, file: basename(path), layout, rows, sha256, referenceDate, tally };
  state.sources.push(info);
  return info;
}

export async function collect(options: CollectOptions, quality: QualityLog): Promise<Collected> {
  const state: CollectState = {
    options, quality, sources: [], withLocalCode: null, regionKeys: new Set(), outsideRows: 0,
    projects: new Map(), byJoinKey: new Map(), rowsByKey: new Map(),
  };
  const localisationFiles = await scanLocalisations(state);
  await readProjects(state);
  await readLocalisationRows(state, localisationFiles);
  // A kept project whose localisation rows were all rejected cannot be attributed.
  for (const [key, draft] of state.projects) {
    if (!state.rowsByKey.has(key)) {
      draft.source.tally.kept--;
      state.quality.reject(draft.source.tally, draft.line, 'no-localisation', `${draft.cup} / ${draft.localCode} has no usable localisation row`);
      state.projects.delete(key);
    }
  }

  await readPayments(state);
  await readAwardees(state);
  await readIndicators(state);
  return { sources: state.sources, projects: state.projects, rows: state.rowsByKey };
}
