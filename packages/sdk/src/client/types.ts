/** Public types of the client: queries and answers. */
import type { TerritoryKind } from '../format/keys.js';
import type { Project, ProjectListItem } from '../schema/package.js';

export interface ClientOptions {
  /**
   * Where the data package lives: an http(s) URL, a `file:` URL or, in Node, a
   * directory path. Default: the package embedded in `@pnrr-toscana/sdk` (Tuscany).
   */
  baseUrl?: string | URL;
  /** Per-request timeout in milliseconds (default 10 000). */
  timeout?: number;
  /** Retries of a failed GET (network error, 408, 429, 5xx); default 2, so 3 attempts. */
  retry?: number;
  /** A fetch implementation (default: globalThis.fetch). */
  fetch?: typeof globalThis.fetch;
  /** Aborts every request of this client. */
  signal?: AbortSignal;
}

export interface CallOptions {
  /** Aborts this call (combined with the client's own signal). */
  signal?: AbortSignal;
}

export interface ProjectOptions extends CallOptions {
  /** Codice Locale Progetto: picks one of several local projects sharing the CUP. */
  localCode?: string;
}

/** A project record (amounts in euro cents, as stored) plus the local codes sharing its CUP. */
export interface ProjectResult extends Project {
  /** Codice Locale Progetto of every project in the package with this CUP, sorted. */
  localCodes: string[];
}

/** Filters shared by `projects()` and `spending()`. */
export interface Filters {
  /** 6-digit ISTAT code of a comune, e.g. "048017" (Firenze). */
  comune?: string;
  /** 3-digit ISTAT code of a province, e.g. "048". */
  province?: string;
  /** Mission code, "M1"…"M7". */
  mission?: string;
  /** Component code, e.g. "M2C2". */
  component?: string;
  /** Codice Univoco Misura, e.g. "M2C2I4.02". */
  measure?: string;
  /** Codice Univoco Submisura, e.g. "M2C2I4.02.00". */
  submeasure?: string;
  /** Implementing body key (tax code, or "name:…" when masked). */
  implementingBody?: string;
}

export type ProjectSort = 'pnrr' | 'total' | 'title' | 'cup';

export interface ProjectsQuery extends Filters, CallOptions {
  /** Case- and accent-insensitive search in title, CUP, local code and implementing body. */
  text?: string;
  /** Sort key (default "pnrr"). */
  sort?: ProjectSort;
  /** Default "desc" for amounts, "asc" for title and cup. */
  order?: 'asc' | 'desc';
  /** Page size, 1…1000 (default 20). */
  limit?: number;
  /** Items to skip (default 0). */
  offset?: number;
}

export interface ProjectsPage {
  /** Matching projects before paging. */
  total: number;
  offset: number;
  limit: number;
  items: ProjectListItem[];
}

export type GroupBy = 'mission' | 'component' | 'measure' | 'submeasure' | 'province' | 'comune' | 'implementing-body';
export type Metric = 'pnrr' | 'total' | 'count';
export type PopulationYear = 'istat2021' | 'anpr2025';

export interface SpendingQuery extends Filters, CallOptions {
  /** Default "mission". */
  groupBy?: GroupBy;
  /** Default "pnrr" (euros); "total" (euros); "count" (projects). */
  metric?: Metric;
  /**
   * Divide by resident population: `true` = ISTAT 1/1/2021, or name the series.
   * The denominator is the row's territory when grouping by territory, else the
   * filtered comune or province, else the region.
   */
  perCapita?: boolean | PopulationYear;
}

export interface SpendingRow {
  /** Group key: mission/component/measure/sub-measure code, territory key or body key. */
  key: string;
  /** Human name of the group. */
  label: string;
  /** The metric: euros (pnrr, total), projects (count), or per inhabitant when perCapita. */
  value: number;
  /** Distinct projects in the group. */
  count: number;
  /** The metric before division by population (equals value without perCapita). */
  amount: number;
  /** Population used as denominator, when perCapita. */
  population?: number | null;
  /** For territorial groupings: comune, province, or a bucket that cannot be attributed to one comune/province. */
  kind?: TerritoryKind;
}
