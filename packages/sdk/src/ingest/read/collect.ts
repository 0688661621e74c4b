/**
 * The streaming passes of a build (see read-sources.ts for the memory rule):
 * localisations twice, then projects, then payments, awardees and indicators.
 * The region's projects, every localisation row of those projects, their
 * payments, tender rows and indicator rows are spilled to files (spill.ts) as
 * they are read; in memory stay only the project keys and what the checks of
 * later rows need (first file:line, has rows, has payments).
 * Each pass is its own module; they share a `CollectState`.
 */
import { basename } from 'node:path';
import type { Layout } from './layouts.js';
import type { SourceFileInfo } from './read-sources.js';
import type { Spill } from './spill.js';
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

/** What the read step keeps in memory of a kept project: enough to check the rows read after it. */
export interface KeptProject {
  /** The tally of its projects file (its `file` names it). */
  tally: FileTally;
  line: number;
  cup: string;
  localCode: string;
  /** At least one localisation row was kept. */
  hasRows: boolean;
  /** A payments row was kept. */
  hasPayments: boolean;
}

export interface Collected {
  sources: SourceFileInfo[];
  /** Number of kept projects. */
  projectCount: number;
  /**
   * The kept projects (kind `project`), their localisation rows (any region, `localisation`), payments (`payment`),
   * tender rows (`tender`, award-rows.ts) and indicator rows (`indicator`, indicator-rows.ts), by partition.
   */
  spill: Spill;
  /** Keys of spilled projects rejected afterwards (no usable localisation row): the aggregate step skips them. */
  dropped: ReadonlySet<string>;
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
  /** Kept projects by (CUP, CLP) key, and by join key when that is another key (layouts without Codice Locale Progetto). */
  projects: Map<string, KeptProject>;
  byJoinKey: Map<string, KeptProject>;
  /** Where the kept rows go. */
  spill: Spill;
}

/** The kept project of a localisation join key. */
export const projectOfJoinKey = (state: CollectState, joinKey: string): KeptProject | undefined =>
  state.withLocalCode === false ? state.byJoinKey.get(joinKey) : state.projects.get(joinKey);

/** Records a source file of the build (in the order the manifest lists them). */
export function addSource(
  state: CollectState, role: SourceFileInfo['role'], path: string, layout: Layout, rows: number, sha256: string, referenceDate: string | null, tally: FileTally,
): SourceFileInfo {
  const info: SourceFileInfo = { role, path, file: basename(path), layout, rows, sha256, referenceDate, tally };
  state.sources.push(info);
  return info;
}

export async function collect(options: CollectOptions, quality: QualityLog, spill: Spill): Promise<Collected> {
  const state: CollectState = {
    options, quality, sources: [], withLocalCode: null, regionKeys: new Set(), outsideRows: 0,
    projects: new Map(), byJoinKey: new Map(), spill,
  };
  const localisationFiles = await scanLocalisations(state);
  await readProjects(state);
  await readLocalisationRows(state, localisationFiles);
  // The regions' keys are not needed any more.
  state.regionKeys.clear();
  state.byJoinKey.clear();
  // A kept project whose localisation rows were all rejected cannot be attributed.
  const dropped = new Set<string>();
  for (const [key, project] of state.projects) {
    if (!project.hasRows) {
      project.tally.kept--;
      state.quality.reject(project.tally, project.line, 'no-localisation', `${project.cup} / ${project.localCode} has no usable localisation row`);
      state.projects.delete(key);
      dropped.add(key);
    }
  }

  await readPayments(state);
  await readAwardees(state);
  await readIndicators(state);
  spill.flush();
  return { sources: state.sources, projectCount: state.projects.size, spill, dropped };
}
