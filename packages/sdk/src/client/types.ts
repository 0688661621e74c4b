/** Public types of the client: queries and answers. */
import type { Hooks, Options as KyOptions, RetryOptions } from 'ky';
import type { TerritoryKind } from '../format/keys.js';
import type { Indicator, Manifest, Measures, Project, ProjectListItem, Provenance, Quality, Tender, Territories } from '../schema/package.js';
import type { Place, PlacesQuery, ResolvePlaceOptions } from './place-types.js';
import type { EmbeddedRegion } from './base-url.js';

/** Options of `createClient()`. */
export interface ClientOptions {
  /**
   * Where the data package lives: an http(s) URL, a `file:` URL or, in Node, a
   * directory path. Default: the package embedded in `@pnrr-toscana/sdk` (Tuscany), see
   * `DEFAULT_BASE_URL`; pass it explicitly once the SDK is bundled into another file.
   * A missing file is a `NetworkError` with status 404 for every transport (http or disk).
   */
  baseUrl?: string | URL;
  /**
   * One of the packages embedded in `@pnrr-toscana/sdk`: `'toscana'` (the default) or `'liguria'`
   * (the pilot's partner region, built from the 2023 validated series; it has no payments file).
   * Give this or `baseUrl`, not both.
   */
  region?: EmbeddedRegion;
  /** Timeout of each attempt in milliseconds, download included (default 10 000). */
  timeout?: number;
  /** Retries of a failed GET (network error, timeout, 408, 429, 5xx); default 2, so 3 attempts. */
  retry?: number;
  /**
   * A fetch implementation for http(s) packages (default: globalThis.fetch). It is called
   * with a `Request` and `{ signal }`, the request's own abort signal.
   */
  fetch?: typeof globalThis.fetch;
  /** Aborts every request of this client. */
  signal?: AbortSignal;
  /**
   * Options passed through to [ky](https://github.com/sindresorhus/ky) for http(s) packages:
   * headers added to every request, ky hooks (e.g. `beforeRequest` to log or sign requests),
   * ky's retry and timeout options. Not used for `file:` packages.
   */
  http?: HttpOptions;
}

/**
 * The `http` option of `createClient()`: the part of
 * [ky's options](https://github.com/sindresorhus/ky#options) a site may set. The kit's
 * defaults stay for what is not given.
 */
export interface HttpOptions {
  /** Headers sent with every request, e.g. `{ 'x-newsroom': 'gazzetta' }`. */
  headers?: KyOptions['headers'];
  /** ky hooks: `beforeRequest`, `beforeRetry`, `afterResponse`, `beforeError` (arrays of functions). */
  hooks?: Hooks;
  /**
   * A retry limit (0–10) or ky's retry object; its fields replace the kit's defaults one by one
   * (GET only; statuses 408, 429, 500, 502, 503, 504, and 413 with a `Retry-After`; backoff 300 ms, 600 ms, then 1 s;
   * `Retry-After` honoured up to 5 s; timeouts retried). Give this or `retry`, not both.
   */
  retry?: number | RetryOptions;
  /** Timeout of each attempt in milliseconds, or `false` for none. Give this or `timeout`, not both. */
  timeout?: number | false;
}

/** Options every client method accepts. */
export interface CallOptions {
  /** Aborts this call (combined with the client's own signal). */
  signal?: AbortSignal;
}

/** Options of `project()`. */
export interface ProjectOptions extends CallOptions {
  /** Codice Locale Progetto: picks one of several local projects sharing the CUP. */
  localCode?: string;
}

/** A project record (amounts in euro cents, as stored) plus the local codes sharing its CUP. */
export interface ProjectResult extends Omit<Project, 'tenderCount'> {
  /** Codice Locale Progetto of every project in the package with this CUP, sorted. */
  localCodes: string[];
  /**
   * The project's **first** tenders and their awardees (CIG, procedure, awardee names, roles): at most
   * two when `tenderCount` is larger — `tenders(cup)` gives them all; null when the
   * package has no awardee data.
   */
  tenders: Tender[] | null;
  /** How many tenders the project has in all (≥ `tenders.length`); null when the package has no awardee data. */
  tenderCount: number | null;
  /** Target indicators (programmed and realised values); null when the package has no indicator data. */
  indicators: Indicator[] | null;
}

/** Filters shared by `projects()` and `spending()`. */
export interface Filters {
  /** A comune: 6-digit ISTAT code, e.g. "048017", or name, e.g. "Firenze" (see `resolvePlace()`). */
  comune?: string;
  /** A province: 3-digit ISTAT code, e.g. "048", or name, e.g. "Firenze" (see `resolvePlace()`). */
  province?: string;
  /** Mission code, "M1"…"M7". */
  mission?: string;
  /** Component code, e.g. "M2C2". */
  component?: string;
  /** Codice Univoco Misura, e.g. "M2C2I4.02". */
  measure?: string;
  /** Codice Univoco Submisura, e.g. "M2C2I4.02.00". */
  submeasure?: string;
  /** Implementing body key (tax code, or "name:…" when masked); an unknown key matches nothing. */
  implementingBody?: string;
}

/** Sort key of `projects()`: PNRR or total amount, title or CUP. */
/**
 * Sort key of `projects()`: the project's whole PNRR or total funding (`pnrr`, `total`), the part of it attributed to the
 * territory listed (`area-pnrr`, `area-total`: a comune's, a province's or the region's share), the paid share (paid ÷
 * financed, all sources; projects without payment data last in either order), the title, or the CUP.
 */
export type ProjectSort = 'pnrr' | 'total' | 'area-pnrr' | 'area-total' | 'paid-share' | 'title' | 'cup';

/** Query of `projects()`: filters (the comune or province, else the whole region), text search, sort and page. */
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

/** One page of a `projects()` answer. */
export interface ProjectsPage {
  /** Matching projects before paging. */
  total: number;
  /** Items skipped, as asked. */
  offset: number;
  /** Page size, as asked. */
  limit: number;
  /** The projects of this page (amounts in euro cents, as stored). */
  items: ProjectListItem[];
  /**
   * Σ `areaPnrrCents` of every matching project (all pages, not only this one): the PNRR funding attributed to the
   * territory listed (the whole amounts in packages written before area amounts).
   */
  areaPnrrCents: number;
  /** Σ `areaTotalCents` of every matching project: the total funding attributed to the territory listed. */
  areaTotalCents: number;
}

/** What `spending()` groups by: a level of the measure tree, a territory level, or the implementing body. */
export type GroupBy = 'mission' | 'component' | 'measure' | 'submeasure' | 'province' | 'comune' | 'implementing-body';
/**
 * What `spending()` adds up: PNRR euros, total euros, distinct projects, euros paid to date
 * (`paid`), or the share paid (`paid-share`: Σ paid ÷ Σ financed at the payments date, 0…1).
 */
export type Metric = 'pnrr' | 'total' | 'count' | 'paid' | 'paid-share';
/** Population series for per-capita figures: ISTAT 1/1/2021 or ANPR January 2025. */
export type PopulationYear = 'istat2021' | 'anpr2025';

/** Query of `spending()`: filters, grouping, metric and per-capita division. */
export interface SpendingQuery extends Filters, CallOptions {
  /** Default "mission". */
  groupBy?: GroupBy;
  /**
   * Default "pnrr" (euros); "total" (euros); "count" (projects); "paid" (euros paid to date, from the
   * payments file); "paid-share" (paid ÷ financed, both from the payments file, as a fraction 0…1).
   * The paid metrics need a package built with a payments file, and cannot be grouped or filtered by
   * implementing body.
   */
  metric?: Metric;
  /**
   * Divide by resident population: `true` = ISTAT 1/1/2021, or name the series.
   * Not with `paid-share` (a share per inhabitant means nothing): InvalidArgumentError.
   * The denominator is the row's territory when grouping by territory, else the
   * filtered comune or province, else the region.
   */
  perCapita?: boolean | PopulationYear;
}

/** Query of `enclosing()`: one comune or province (code or name; the comune when both), and the metric, grouping and mission of the chart it goes with. */
export interface EnclosingQuery extends CallOptions, Pick<Filters, 'comune' | 'province' | 'mission'> {
  /** The chart's grouping (default "mission"): its view file, already read, answers. */
  groupBy?: GroupBy;
  /** Default "pnrr", as `spending()`. */
  metric?: Metric;
}

/** What `enclosing()` answers: the territory's name and the money a filter on it leaves out. */
export interface EnclosingAnswer {
  /** The territory's code (a name given is resolved). */
  key: string;
  /** The territory's name. */
  name: string;
  /**
   * The rows of `spending({ groupBy: 'comune', metric, mission })` for the buckets enclosing the territory
   * (a comune's province-wide bucket "PPP000" and the region-wide "000000"; a province's region-wide one)
   * that have projects: money localised to an area containing the territory, not to the territory itself.
   */
  rows: SpendingRow[];
}

/**
 * One group of a `spending()` answer. Only groups with at least one project are
 * listed; rows come sorted by value (largest first), then key.
 * Grouping by province adds the region-wide bucket ("000000"); grouping by comune
 * adds each province-wide bucket ("PPP000") and the region-wide one: money that
 * belongs to no single comune/province. With them, the rows add up to the region.
 */
export interface SpendingRow {
  /** Group key: mission/component/measure/sub-measure code, territory key or body key. */
  key: string;
  /** Name of the group (for a bucket: the name of the province or region it covers; see `kind`). */
  label: string;
  /**
   * The metric: euros (pnrr, total, paid), projects (count), a fraction 0…1 (paid-share; NaN when nothing
   * is financed in the group), or per inhabitant when perCapita (NaN when the population is unknown).
   * For metrics paid and paid-share, `count` is the projects of the group that have a payments row.
   */
  value: number;
  /** Distinct projects in the group. */
  count: number;
  /** The metric before division by population (equals value without perCapita). */
  amount: number;
  /** Population used as denominator, when perCapita. */
  population?: number | null;
  /** For territorial groupings: comune, province, or a bucket that cannot be attributed to one comune/province. */
  kind?: TerritoryKind;
  /** Metrics `paid` and `paid-share`: euros paid to date (pagamenti_totali), attributed to the group. */
  paid?: number;
  /** Metrics `paid` and `paid-share`: euros financed at the payments date (finanziamento_totale of the payments file), attributed to the group. */
  financed?: number;
  /**
   * Metrics `paid` and `paid-share`: the reference date of the project list (which places, which shares)
   * and of the payments file (what was paid and financed), ISO YYYY-MM-DD.
   */
  referenceDates?: { projects: string; payments: string | null };
}

/** Query of `awardees()`: the territory (a comune, else a province, else the region), a name search and a size. */
export interface AwardeesQuery extends CallOptions {
  /** A comune: 6-digit ISTAT code or name. */
  comune?: string;
  /** A province: 3-digit ISTAT code or name (ignored when `comune` is given). */
  province?: string;
  /** Case- and accent-insensitive search in the awardee's name and tax code: every word must occur. */
  q?: string;
  /** How many awardees, 1…1000 (default 10). */
  limit?: number;
}

/**
 * One awardee of a territory, as `awardees()` lists it. `amount` is the PNRR funding of the projects
 * it was awarded (any tender of the project), attributed to the territory: the sources do not give
 * the value of each awardee's contract, so this is not what the awardee received. Every awardee of a
 * project (e.g. each member of a temporary grouping) counts the project's whole attributed amount.
 */
export interface AwardeeRow {
  /** Tax code or VAT number; "name:" + upper-case name for a natural person (tax code masked) or when missing. */
  key: string;
  /** Awardee name as the sources write it. */
  name: string;
  /** Euros: Σ Finanziamento PNRR of its awarded projects attributed to the territory (not the contract value). */
  amount: number;
  /** Distinct projects of the territory it was awarded. */
  projects: number;
  /** Territory key of the list read: the comune, province or region. */
  territory: string;
}

/** The TopoJSON topology of the package's boundaries (objects `comuni`, `province`, `regione`). */
export interface Topology {
  /** Always `Topology`. */
  type: 'Topology';
  /** Geometry collections by name: `comuni`, `province`, `regione`. */
  objects: Record<string, { type: string; geometries?: unknown[]; [key: string]: unknown }>;
  /** Shared arcs (quantized when `transform` is present). */
  arcs: unknown[];
  /** Quantization transform of the arcs. */
  transform?: { scale: [number, number]; translate: [number, number] };
  /** Bounding box [minX, minY, maxX, maxY]. */
  bbox?: number[];
  [key: string]: unknown;
}

/** A client bound to one data package. Every method is async, typed and abortable. */
export interface PnrrClient {
  /** The package location every file is read from (absolute, ends with "/"). */
  readonly baseUrl: string;
  /**
   * Reference date, licence, attribution and file names of the package: what every widget reads first, so kept small.
   * Its source files and reconciliation totals are in `provenance()` (packages written before it carry them here too).
   */
  manifest(options?: CallOptions): Promise<Manifest>;
  /** The source files of the package (role, file, dataset, layout, reference date, rows, sha256) and its reconciliation totals (reads provenance.json). */
  provenance(options?: CallOptions): Promise<Provenance>;
  /**
   * One project by CUP (reads one small shard file); several local projects under a CUP: the first by local code, or `localCode`.
   * @param cup Codice Unico di Progetto, 15 characters.
   * @throws NotFoundError when the package has no project with this CUP (or local code).
   */
  project(cup: string, options?: ProjectOptions): Promise<ProjectResult>;
  /**
   * Every tender of a project, in order: the first ones of `project()` followed by the rest, read from the
   * tenders file of the CUP only when `tenderCount` is larger than what the record carries. Null when the
   * package has no awardee data.
   * @param cup Codice Unico di Progetto, 15 characters.
   * @throws NotFoundError as `project()`; NetworkError when the tenders file cannot be read.
   */
  tenders(cup: string, options?: ProjectOptions): Promise<Tender[] | null>;
  /** A page of projects of a territory (reads one list file), filtered and sorted. */
  projects(query?: ProjectsQuery): Promise<ProjectsPage>;
  /**
   * The largest awardees of a comune, province or (default) the region, by the PNRR funding of their
   * awarded projects attributed to the area (reads one awardee list). The sources do not give the
   * contract value, so the amount is the projects' funding, not what the awardee was paid.
   * @throws NotFoundError when the package has no awardee lists, or for an unknown comune or province.
   */
  awardees(query?: AwardeesQuery): Promise<AwardeeRow[]>;
  /** Aggregated spending from the fact table (never from project rows). */
  spending(query?: SpendingQuery): Promise<SpendingRow[]>;
  /**
   * What a chart of one comune or province says beside its `spending()` rows: the territory's name and the
   * money of the buckets enclosing it (see `EnclosingAnswer`). Reads the territory's view file (the one its
   * chart already read), else territories.json and the spending by comune.
   * @throws NotFoundError for a comune or province the package does not have.
   */
  enclosing(query: EnclosingQuery): Promise<EnclosingAnswer>;
  /** Comuni and provinces whose name is like `query.q` (case- and accent-insensitive), best first; see `PlacesQuery`. */
  places(query?: PlacesQuery): Promise<Place[]>;
  /**
   * The comune or province a name or code stands for ("Prato", "san casciano in val di pesa", "048017"; a comune
   * suppressed by a merger gives today's, with `formerCode`). Exact after folding case and accents.
   * @throws PlaceNameError (an InvalidArgumentError) for an unknown or ambiguous name, with the closest `suggestions`.
   * @throws NotFoundError for a well-formed code the package does not have.
   */
  resolvePlace(nameOrCode: string, options?: ResolvePlaceOptions): Promise<Place>;
  /** Region, provinces and comuni with their population. */
  territories(options?: CallOptions): Promise<Territories>;
  /** Missions, components, measures and sub-measures. */
  measures(options?: CallOptions): Promise<Measures>;
  /** TopoJSON boundaries of the region's comuni and provinces. */
  boundaries(options?: CallOptions): Promise<Topology>;
  /** The ingest's data-quality report. */
  quality(options?: CallOptions): Promise<Quality>;
}
