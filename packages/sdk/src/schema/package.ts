/**
 * The data package: the one source of truth for its files' shapes.
 *
 * Each TypeBox schema below is at the same time a JSON Schema (emitted to
 * `dist/schema/*.schema.json` by `emit.ts`, published with the SDK) and, through
 * `Static<>`, the TypeScript type the SDK uses. Change a file's shape here and
 * both follow.
 *
 * Conventions used by every file:
 * - Money is stored as integer euro cents (`…Cents`), so that attributed shares
 *   add up exactly; the SDK converts to euros for its public answers.
 * - Territory keys (see `territoryKind` in ../format/keys.ts):
 *   `"09"` region (2 digits) · `"048"` province (3 digits) ·
 *   `"048017"` comune (6-digit ISTAT code) · `"048000"` province-wide bucket
 *   (source comune `000`) · `"000000"` region-wide bucket (source province `000`).
 * - Every file carries `schemaVersion` so a reader can refuse a package it does
 *   not understand.
 *
 * The SDK entry re-exports this module with `export type *`, so only the types are
 * public: the schema values carry `@hidden` to keep them out of the generated API
 * reference (docs/api/sdk), and each type says where its fields are documented.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export { SCHEMA_VERSION } from '../format/version.js';

const SchemaVersion = Type.String({ pattern: '^1\\.\\d+\\.\\d+$', description: 'Semantic version of the package layout' });
const Cents = (description: string) => Type.Integer({ description: `${description} (euro cents)` });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'ISO date YYYY-MM-DD' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Cup = Type.String({ pattern: '^[A-Z0-9]{15}$', description: 'Codice Unico di Progetto' });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });

/**
 * Where a localisation (and its share of the money) lands.
 * @hidden
 */
export const AttributionScope = Type.Union(
  [
    Type.Literal('comune'),
    Type.Literal('province-wide'),
    Type.Literal('region-wide'),
    Type.Literal('outside'),
  ],
  { description: 'comune: one comune of the region; province-wide: source comune 000; region-wide: source province 000; outside: another region or national scope' },
);

/** @hidden */
export const AmountTotals = Type.Object({
  pnrrCents: Cents('Finanziamento PNRR'),
  totalCents: Cents('Finanziamento Totale'),
});

// ---------------------------------------------------------------- manifest.json
/** @hidden */
export const Source = Type.Object({
  role: Type.Union([
    Type.Literal('projects'),
    Type.Literal('localisations'),
    Type.Literal('payments'),
    Type.Literal('boundaries'),
    Type.Literal('population'),
  ]),
  file: Type.String({ description: 'File name as given to the build (no directory)' }),
  dataset: Type.String({ description: 'Official dataset name' }),
  layout: Type.String({ description: 'Recognised layout of the file, e.g. regis-2023-validati, prima-pubblicazione, current-2024' }),
  referenceDate: Nullable(IsoDate),
  rows: Type.Integer({ description: 'Data rows read (header excluded)' }),
  sha256: Sha256,
});

/** @hidden */
export const Reconciliation = Type.Object({
  projects: Type.Integer({ description: 'Projects (CUP + Codice Locale Progetto) with at least one localisation in the region' }),
  touching: AmountTotals,
  inside: AmountTotals,
  outside: AmountTotals,
  comuni: AmountTotals,
  provinceWide: AmountTotals,
  regionWide: AmountTotals,
});

/** @hidden */
export const Manifest = Type.Object({
  schemaVersion: SchemaVersion,
  generator: Type.String({ description: 'Tool and version that wrote the package' }),
  generatedAt: IsoDate,
  region: Type.Object({ code: Type.String({ pattern: '^\\d{2}$' }), name: Type.String() }),
  referenceDate: IsoDate,
  licence: Type.Object({ id: Type.String(), name: Type.String(), url: Type.String() }),
  attribution: Type.Object({
    data: Type.String(),
    boundaries: Nullable(Type.String()),
    population: Nullable(Type.String()),
  }),
  sources: Type.Array(Source),
  totals: Reconciliation,
  files: Type.Object({
    territories: Type.String(),
    measures: Type.String(),
    facts: Type.String(),
    bodyFacts: Type.String(),
    boundaries: Nullable(Type.String()),
    quality: Type.String(),
    checksums: Type.String(),
    projectShards: Type.Object({ pattern: Type.String({ description: 'Path with {shard}: two lower-case hex digits' }), count: Type.Integer() }),
    lists: Type.Object({ pattern: Type.String({ description: 'Path with {key}: a territory key' }) }),
  }),
});

// ---------------------------------------------------------------- territories.json
/** @hidden */
export const Population = Type.Object({
  istat2021: Nullable(Type.Integer({ description: 'ISTAT resident population, 1 January 2021' })),
  anpr2025: Nullable(Type.Integer({ description: 'ANPR residents, January 2025' })),
});

/** @hidden */
export const Territories = Type.Object({
  schemaVersion: SchemaVersion,
  region: Type.Object({ code: Type.String(), name: Type.String(), population: Population }),
  provinces: Type.Array(
    Type.Object({ code: Type.String({ pattern: '^\\d{3}$' }), name: Type.String(), abbreviation: Type.String(), population: Population }),
  ),
  comuni: Type.Array(
    Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }), name: Type.String(), province: Type.String({ pattern: '^\\d{3}$' }), population: Population }),
  ),
  populationYears: Type.Object({
    istat2021: Type.String({ description: 'Label of the denominator, e.g. "ISTAT, 1/1/2021"' }),
    anpr2025: Type.String(),
  }),
  remapped: Type.Array(
    Type.Object({ from: Type.String(), to: Type.String(), name: Type.String(), since: IsoDate }),
    { description: 'Codes of merged comuni found in the data and the code they were attributed to' },
  ),
});

// ---------------------------------------------------------------- measures.json
/** @hidden */
export const Measures = Type.Object({
  schemaVersion: SchemaVersion,
  missions: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  components: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), mission: Type.String() })),
  measures: Type.Array(
    Type.Object({ code: Type.String({ description: 'Codice Univoco Misura' }), id: Type.String({ description: 'ID Misura' }), name: Type.String(), component: Type.String() }),
  ),
  submeasures: Type.Array(
    Type.Object({ code: Type.String({ description: 'Codice Univoco Submisura' }), name: Type.String(), measure: Type.String() }),
  ),
});

// ---------------------------------------------------------------- facts.json / facts-bodies.json
/**
 * Fact table at territory × sub-measure grain, laid out to stay small (a chart
 * plus a map must fit the data-size budget): sub-measure codes are written once
 * and referred to by index, and province/region amounts are not stored because
 * they are sums of the comuni and buckets. Their project counts are stored,
 * because a project localised in two comuni of a province counts once there.
 * @hidden
 */
export const FactAmountsRow = Type.Tuple(
  [
    Type.Integer({ minimum: 0, description: 'Index of the sub-measure code in `submeasures`' }),
    Cents('Finanziamento PNRR attributed to the territory'),
    Cents('Funding from every source other than the PNRR attributed to the territory: Finanziamento Totale − Finanziamento PNRR; may be 0'),
    Type.Integer({ minimum: 1, description: 'Distinct projects of the sub-measure localised in the territory' }),
  ],
  { description: '[sub-measure index, PNRR cents, other-sources cents, projects]' },
);
/** @hidden */
export const FactCountsRow = Type.Tuple(
  [
    Type.Integer({ minimum: 0, description: 'Index of the sub-measure code in `submeasures`' }),
    Type.Integer({ minimum: 1, description: 'Distinct projects of the sub-measure localised anywhere in the province or region (a project in two comuni counts once)' }),
  ],
  { description: '[sub-measure index, distinct projects]' },
);
/** @hidden */
export const Facts = Type.Object({
  schemaVersion: SchemaVersion,
  columns: Type.Object(
    {
      amounts: Type.Tuple([Type.Literal('submeasure'), Type.Literal('pnrrCents'), Type.Literal('otherCents'), Type.Literal('projects')]),
      counts: Type.Tuple([Type.Literal('submeasure'), Type.Literal('projects')]),
    },
    { description: 'Names of the tuple positions of `amounts` and `counts`' },
  ),
  submeasures: Type.Array(Type.String({ description: 'Codice Univoco Submisura' }), {
    description: 'Sub-measure codes with data, sorted; tuples refer to them by index',
  }),
  amounts: Type.Record(Type.String({ pattern: '^\\d{6}$' }), Type.Array(FactAmountsRow), {
    additionalProperties: false,
    description:
      'By comune, province-wide bucket ("PPP000") and region-wide bucket ("000000") key, sorted: one tuple per sub-measure with data, sorted by index. ' +
      'Amounts of a province = Σ its comuni + its bucket; of the region = Σ every key',
  }),
  counts: Type.Record(Type.String({ pattern: '^\\d{2,3}$' }), Type.Array(FactCountsRow), {
    additionalProperties: false,
    description: 'By province ("PPP") and region ("RR") key, sorted: distinct project counts per sub-measure, sorted by index',
  }),
});

/**
 * Territory × sub-measure × implementing body, as plain rows for every kind of key (comuni, buckets,
 * provinces and the region, whose `projects` are distinct): [territory, sub-measure, body index, PNRR cents, total cents, projects].
 * @hidden
 */
export const BodyFactRow = Type.Tuple([Type.String(), Type.String(), Type.Integer(), Type.Integer(), Type.Integer(), Type.Integer()]);
/** @hidden */
export const BodyFacts = Type.Object({
  schemaVersion: SchemaVersion,
  bodies: Type.Array(Type.Object({ key: Type.String({ description: 'Tax code (11 digits) or, when masked or missing, "name:" + name' }), name: Type.String() })),
  columns: Type.Tuple([
    Type.Literal('territory'), Type.Literal('submeasure'), Type.Literal('body'), Type.Literal('pnrrCents'), Type.Literal('totalCents'), Type.Literal('projects'),
  ]),
  rows: Type.Array(BodyFactRow),
});

// ---------------------------------------------------------------- projects/{shard}.json
/** @hidden */
export const Localisation = Type.Object({
  region: Type.String(),
  regionName: Type.String(),
  province: Type.String(),
  provinceName: Type.String(),
  comune: Type.String({ description: 'Source comune code (3 digits)' }),
  comuneName: Type.String(),
  territory: Nullable(Type.String({ description: 'Territory key in this package, null when outside the region' })),
  scope: AttributionScope,
  share: Type.Number({ description: 'Share of the project in this place, 0..1' }),
  shareSource: Type.Union([Type.Literal('percentuale'), Type.Literal('equal-split')]),
  pnrrCents: Cents('Attributed PNRR funding'),
  totalCents: Cents('Attributed total funding'),
  address: Nullable(Type.String()),
  postcode: Nullable(Type.String()),
});

/** @hidden */
export const Funding = Type.Object({
  pnrrCents: Cents('Finanziamento PNRR'),
  totalCents: Cents('Finanziamento Totale'),
  publicCents: Nullable(Cents('Finanziamento Totale Pubblico')),
  sources: Type.Record(Type.String(), Type.Integer(), { description: 'Other sources by name (stato, ue, regione, provincia, comune, altroPubblico, privato, daReperire, pnc, altriFondi, …), cents, only non-zero ones' }),
});

/** @hidden */
export const Payments = Type.Object({
  referenceDate: Nullable(IsoDate),
  totalCents: Cents('Pagamenti totali'),
  pnrrCents: Cents('Pagamenti PNRR'),
  financedPnrrCents: Nullable(Cents('Finanziamento PNRR at the payments reference date')),
  financedTotalCents: Nullable(Cents('Finanziamento Totale at the payments reference date')),
});

/** @hidden */
export const Project = Type.Object({
  cup: Cup,
  localCode: Type.String({ description: 'Codice Locale Progetto' }),
  title: Type.String(),
  summary: Nullable(Type.String()),
  mission: Type.Object({ code: Type.String(), name: Type.String() }),
  component: Type.Object({ code: Type.String(), name: Type.String() }),
  measure: Type.Object({ code: Type.String(), id: Type.String(), name: Type.String() }),
  submeasure: Type.Object({ code: Type.String(), name: Type.String() }),
  owner: Nullable(Type.String({ description: 'Amministrazione Titolare' })),
  procedure: Nullable(Type.Object({ id: Nullable(Type.String()), title: Nullable(Type.String()), type: Nullable(Type.String()) })),
  implementingBody: Type.Object({ key: Type.String(), name: Type.String(), taxCode: Nullable(Type.String()) }),
  cupStatus: Nullable(Type.String()),
  status: Nullable(Type.String({ description: 'Stato Avanzamento Progetto (current layout only)' })),
  cupClass: Nullable(Type.Object({ nature: Nullable(Type.String()), type: Nullable(Type.String()), sector: Nullable(Type.String()), subsector: Nullable(Type.String()), category: Nullable(Type.String()) })),
  preExisting: Nullable(Type.Boolean({ description: 'Flag progetti in essere' })),
  funding: Funding,
  payments: Nullable(Payments),
  localisations: Type.Array(Localisation),
  attributed: Type.Object({ inside: AmountTotals, outside: AmountTotals }),
  sameCup: Type.Integer({ description: 'How many local projects of this package share the CUP (1 = unique)' }),
  source: Type.Object({ dataset: Type.String(), file: Type.String(), line: Type.Integer(), referenceDate: Nullable(IsoDate), updated: Nullable(IsoDate) }),
});

/** @hidden */
export const ProjectShard = Type.Object({
  schemaVersion: SchemaVersion,
  shard: Type.String({ pattern: '^[0-9a-f]{2}$' }),
  projects: Type.Array(Project),
});

// ---------------------------------------------------------------- lists/{key}.json
/**
 * A project as listed: enough for a list row and every `projects()` filter.
 * @hidden
 */
export const ProjectListItem = Type.Object({
  cup: Cup,
  localCode: Type.String(),
  title: Type.String(),
  submeasure: Type.String(),
  body: Type.String({ description: 'Implementing body key' }),
  bodyName: Type.String(),
  pnrrCents: Type.Integer(),
  totalCents: Type.Integer(),
  places: Type.Array(Type.String(), { description: 'Territory keys of the region where the project is localised' }),
  areaPnrrCents: Type.Integer({ description: "PNRR funding attributed to the list's territory (cents)" }),
  areaTotalCents: Type.Integer({ description: "Total funding attributed to the list's territory (cents)" }),
  paidCents: Nullable(Type.Integer({ description: 'Payments to date, all sources (Pagamenti totali), cents; null without payment data' })),
  financedCents: Nullable(Type.Integer({ description: 'Total funding financed at the payments reference date (else the project total), cents: the paid share is paidCents / financedCents' })),
});

/** @hidden */
export const ProjectList = Type.Object({
  schemaVersion: SchemaVersion,
  territory: Type.String(),
  items: Type.Array(ProjectListItem),
});

// ---------------------------------------------------------------- quality.json
/** @hidden */
export const QualityIssue = Type.Object({
  file: Type.String(),
  line: Type.Integer({ description: '1-based physical line of the record in its file (header = 1)' }),
  reason: Type.String({ description: 'Machine-readable reason, e.g. duplicate-project, unparseable-amount, unknown-comune, no-project, missing-key' }),
  detail: Type.String(),
});

/** @hidden */
export const QualityFile = Type.Object({
  file: Type.String(),
  role: Type.String(),
  read: Type.Integer(),
  kept: Type.Integer(),
  rejected: Type.Integer(),
  skipped: Type.Integer({ description: 'Rows read and deliberately not used (e.g. payments of projects outside the region); read = kept + rejected + skipped' }),
});

/** @hidden */
export const Quality = Type.Object({
  schemaVersion: SchemaVersion,
  files: Type.Array(QualityFile),
  rejected: Type.Array(QualityIssue),
  warnings: Type.Array(QualityIssue, { description: 'Rows kept but with a fixed or doubtful value (unparseable amount read as null, remapped code, shares not summing to 100, …)' }),
});

/** @hidden */
export const Checksums = Type.Object({
  schemaVersion: SchemaVersion,
  files: Type.Record(Type.String(), Type.Object({ bytes: Type.Integer(), sha256: Sha256 })),
});

/** `manifest.json`: sources, reference date, licence, attribution, file names and reconciliation totals of a package. Fields: see docs/data-schema.md, section "manifest.json". */
export type Manifest = Static<typeof Manifest>;
/** One source file of a package, as listed in `Manifest.sources` (role, file, dataset, layout, rows, sha256). */
export type Source = Static<typeof Source>;
/** Project count and money touching, inside and outside the region (`Manifest.totals`); inside = comuni + province-wide + region-wide. */
export type Reconciliation = Static<typeof Reconciliation>;
/** A pair of amounts in euro cents: `pnrrCents` (Finanziamento PNRR) and `totalCents` (Finanziamento Totale). */
export type AmountTotals = Static<typeof AmountTotals>;
/** Resident population of a territory: `istat2021` (ISTAT, 1 January 2021) and `anpr2025` (ANPR, January 2025), null when unknown. */
export type Population = Static<typeof Population>;
/** `territories.json`: the region, its provinces and comuni (names, ISTAT codes, population) and the bucket keys. Fields: see docs/data-schema.md, section "territories.json". */
export type Territories = Static<typeof Territories>;
/** `measures.json`: missions, components, measures and sub-measures with their names. Fields: see docs/data-schema.md, section "measures.json". */
export type Measures = Static<typeof Measures>;
/** One row of `Facts.amounts`: [sub-measure index, PNRR cents, other-sources cents, projects]. */
export type FactAmountsRow = Static<typeof FactAmountsRow>;
/** One row of `Facts.counts`: [sub-measure index, distinct projects]. */
export type FactCountsRow = Static<typeof FactCountsRow>;
/** `facts.json`: the fact table at territory × sub-measure grain that `spending()` aggregates. Fields: see docs/data-schema.md, section "facts.json". */
export type Facts = Static<typeof Facts>;
/** One row of `BodyFacts.rows`: [territory, sub-measure, body index, PNRR cents, total cents, projects]. */
export type BodyFactRow = Static<typeof BodyFactRow>;
/** `facts-bodies.json`: the fact table by implementing body. Fields: see docs/data-schema.md, section "facts-bodies.json". */
export type BodyFacts = Static<typeof BodyFacts>;
/** Where a localisation (and its share of the money) lands: `comune`, `province-wide` (source comune 000), `region-wide` (source province 000) or `outside` the region. */
export type AttributionScope = Static<typeof AttributionScope>;
/** One place of a project with its share and its attributed amounts in euro cents (`Project.localisations`). */
export type Localisation = Static<typeof Localisation>;
/** Funding of a project in euro cents: PNRR, total, public, and the other sources by name. */
export type Funding = Static<typeof Funding>;
/** Payments of a project in euro cents at the payments reference date; null on a project when the package has no payments file. */
export type Payments = Static<typeof Payments>;
/** A full project record as stored in `projects/{shard}.json` (amounts in euro cents). Fields: see docs/data-schema.md, section "projects/{shard}.json". */
export type Project = Static<typeof Project>;
/** `projects/{shard}.json`: the projects whose CUP hashes to the shard. */
export type ProjectShard = Static<typeof ProjectShard>;
/** A project as listed in `lists/{key}.json`: enough for a list row and every `projects()` filter. */
export type ProjectListItem = Static<typeof ProjectListItem>;
/** `lists/{key}.json`: every project localised in one territory. Fields: see docs/data-schema.md, section "lists/{key}.json". */
export type ProjectList = Static<typeof ProjectList>;
/** A rejected or doubtful source row: file, physical line, machine-readable reason and detail. */
export type QualityIssue = Static<typeof QualityIssue>;
/** Row counts of one source file: read = kept + rejected + skipped. */
export type QualityFile = Static<typeof QualityFile>;
/** `quality.json`: the data-quality report of the ingest. Fields: see docs/data-schema.md, section "quality.json". */
export type Quality = Static<typeof Quality>;
/** `checksums.json`: sha256 and size in bytes of every other file of the package. Fields: see docs/data-schema.md, section "checksums.json". */
export type Checksums = Static<typeof Checksums>;

/**
 * Every file schema, by the name of its emitted JSON Schema file.
 * @hidden
 */
export const FILE_SCHEMAS = {
  manifest: Manifest,
  territories: Territories,
  measures: Measures,
  facts: Facts,
  'facts-bodies': BodyFacts,
  'project-shard': ProjectShard,
  'project-list': ProjectList,
  quality: Quality,
  checksums: Checksums,
} as const;
