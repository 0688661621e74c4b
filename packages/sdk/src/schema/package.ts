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

// ---------------------------------------------------------------- views (listed in manifest.json)
/**
 * What `spending()` groups by, as the view files name it.
 * @hidden
 */
export const ViewGroupBy = Type.Union(
  [
    Type.Literal('mission'), Type.Literal('component'), Type.Literal('measure'), Type.Literal('submeasure'),
    Type.Literal('province'), Type.Literal('comune'), Type.Literal('implementing-body'),
  ],
  { description: 'A spending() grouping' },
);

/**
 * `manifest.files.views`: which pre-aggregated view files the package has.
 * @hidden
 */
export const ViewListing = Type.Object(
  {
    pattern: Type.String({ description: 'Path with {groupBy} (a grouping) and {filter} (the region code, a territory key or a mission code)' }),
    region: Type.Array(ViewGroupBy, { description: 'Groupings with a file for the whole region: {filter} = the region code' }),
    territory: Type.Array(ViewGroupBy, { description: 'Groupings with a file for every province and comune of the package: {filter} = its territory key' }),
    mission: Type.Array(ViewGroupBy, { description: 'Groupings with a file for every mission of measures.json: {filter} = the mission code' }),
  },
  { description: 'Pre-aggregated spending() answers by grouping and filter; absent in packages without them' },
);

// ---------------------------------------------------------------- manifest.json
/** @hidden */
export const Source = Type.Object({
  role: Type.Union([
    Type.Literal('projects'),
    Type.Literal('localisations'),
    Type.Literal('payments'),
    Type.Literal('awardees'),
    Type.Literal('indicators'),
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
export const PaidTotals = Type.Object({
  paidCents: Cents('Payments to date (pagamenti_totali of the payments file)'),
  financedCents: Cents('Total funding at the payments date (finanziamento_totale of the payments file)'),
});

/**
 * The payments of the package's projects split over places like the funding
 * (same shares, largest-remainder cents): inside = comuni + provinceWide + regionWide,
 * touching = inside + outside = Σ payments of the projects.
 * @hidden
 */
export const PaymentReconciliation = Type.Object({
  referenceDate: Nullable(IsoDate),
  projects: Type.Integer({ description: 'Projects of the package with a payments row' }),
  touching: PaidTotals,
  inside: PaidTotals,
  outside: PaidTotals,
  comuni: PaidTotals,
  provinceWide: PaidTotals,
  regionWide: PaidTotals,
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
  payments: Type.Optional(PaymentReconciliation),
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
  // Since the manifest was slimmed (issue 11: a chart by mission reads it before anything else), the sources and the
  // totals live in provenance.json (files.provenance); manifests written before it carry them here.
  sources: Type.Optional(Type.Array(Source, { description: 'Packages written before provenance.json only: the source files (now in provenance.json)' })),
  totals: Type.Optional(Reconciliation),
  files: Type.Object({
    territories: Type.String(),
    measures: Type.String(),
    facts: Type.String(),
    bodyFacts: Type.String(),
    paidFacts: Type.Optional(Type.String({ description: 'The fact table of payments; absent when the package was built without a payments file' })),
    boundaries: Nullable(Type.String()),
    quality: Type.String(),
    checksums: Type.String(),
    provenance: Type.Optional(Type.String({ description: 'provenance.json: the source files and the reconciliation totals; absent in packages that carry them in the manifest' })),
    projectShards: Type.Object({
      pattern: Type.String({ description: 'Path with {shard}: the shard number in lower-case hex, at least two digits (as many as count − 1 needs)' }),
      count: Type.Optional(
        Type.Integer({ minimum: 1, description: 'Number of shards, a power of two that grows with the package (at most 16 projects per shard on average); absent: 256' }),
      ),
    }),
    lists: Type.Object({
      pattern: Type.String({ description: 'Path with {key}: a territory key' }),
      pagePattern: Type.Optional(
        Type.String({ description: 'Path with {key} and {page} (2…pages) of the pages after the first of a paged list; present when some list is paged' }),
      ),
    }),
    awardees: Type.Optional(Type.Object({ pattern: Type.String({ description: 'Path with {key}: a territory key' }) }, { description: 'Present when the package was built with awardee files' })),
    views: Type.Optional(ViewListing),
    tenders: Type.Optional(
      Type.Object(
        { pattern: Type.String({ description: 'Path with {shard} (the project shard of the CUP) and {cup}' }) },
        { description: 'Present when some project has more tenders than its shard record carries: the rest of them, per CUP' },
      ),
    ),
  }),
});

// ---------------------------------------------------------------- provenance.json
/**
 * Where the package's data come from and what they add up to: read by the CLI (`diff`, `update`,
 * `validate`, the README) and by `client.provenance()`, never by a widget's first render.
 * @hidden
 */
export const Provenance = Type.Object({
  schemaVersion: SchemaVersion,
  sources: Type.Array(Source, { description: 'Every source file of the build: role, file, dataset, layout, reference date, rows, sha256' }),
  totals: Reconciliation,
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
 * The fact table of payments (`facts-paid.json`): the same compact layout as
 * `facts.json`, over the projects that have a payments row, with the amounts
 * paid to date and financed at the payments date, attributed to places by the
 * same shares as the funding.
 * @hidden
 */
export const PaidFactAmountsRow = Type.Tuple(
  [
    Type.Integer({ minimum: 0, description: 'Index of the sub-measure code in `submeasures`' }),
    Cents('Payments to date (pagamenti_totali) attributed to the territory'),
    Cents('Financed at the payments date (finanziamento_totale) minus paid, attributed to the territory; negative where more was paid than financed'),
    Type.Integer({ minimum: 1, description: 'Distinct projects with a payments row of the sub-measure localised in the territory' }),
  ],
  { description: '[sub-measure index, paid cents, unpaid cents, projects]' },
);
/** @hidden */
export const PaidFacts = Type.Object({
  schemaVersion: SchemaVersion,
  referenceDates: Type.Object(
    {
      projects: IsoDate,
      payments: Nullable(IsoDate),
    },
    { description: 'Reference date of the project list (which places, which shares) and of the payments (what was paid and financed)' },
  ),
  columns: Type.Object(
    {
      amounts: Type.Tuple([Type.Literal('submeasure'), Type.Literal('paidCents'), Type.Literal('unpaidCents'), Type.Literal('projects')]),
      counts: Type.Tuple([Type.Literal('submeasure'), Type.Literal('projects')]),
    },
    { description: 'Names of the tuple positions of `amounts` and `counts`' },
  ),
  submeasures: Type.Array(Type.String({ description: 'Codice Univoco Submisura' }), {
    description: 'Sub-measure codes with payments, sorted; tuples refer to them by index',
  }),
  amounts: Type.Record(Type.String({ pattern: '^\\d{6}$' }), Type.Array(PaidFactAmountsRow), {
    additionalProperties: false,
    description: 'By comune and bucket key, as in facts.json. Paid of a province = Σ its comuni + its bucket; of the region = Σ every key',
  }),
  counts: Type.Record(Type.String({ pattern: '^\\d{2,3}$' }), Type.Array(FactCountsRow), {
    additionalProperties: false,
    description: 'By province and region key: distinct projects with a payments row per sub-measure',
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

/**
 * One awardee of a tender. A natural person's tax code is never published: the source
 * masks it as sixteen asterisks, and the ingest masks any it finds unmasked (also in names).
 * @hidden
 */
export const Awardee = Type.Object({
  name: Type.String({ description: 'Denominazione Aggiudicatario (personal tax codes in it masked)' }),
  taxCode: Nullable(Type.String({ description: 'Codice Fiscale / P.IVA of the awardee; "****************" for a natural person (masked)' })),
  role: Nullable(Type.String({ description: 'Descrizione Ruolo Soggetto, e.g. IMPRESA SINGOLA, MANDATARIA, MANDANTE (2025 layout; null in the 2023 layouts)' })),
  legalForm: Nullable(Type.String({ description: 'Descrizione Forma Giuridica Aggiudicatario' })),
});

/**
 * One tender (procurement procedure) of a project and its awardees, from the awardee files.
 * @hidden
 */
export const Tender = Type.Object({
  cig: Nullable(Type.String({ description: 'Codice Identificativo Gara (ANAC); null when exempt' })),
  pda: Nullable(Type.String({ description: 'Codice interno PDA: ReGiS id of the award procedure (the key when there is no CIG)' })),
  subject: Nullable(Type.String({ description: 'Oggetto Gara (2023 and current layouts)' })),
  contractType: Nullable(Type.String({ description: 'Oggetto principale del contratto: LAVORI, SERVIZI, FORNITURE' })),
  procedure: Nullable(Type.String({ description: 'Descrizione procedura di aggiudicazione' })),
  noCigReason: Nullable(Type.String({ description: 'Descrizione motivo assenza CIG' })),
  baseCents: Nullable(Cents('Importo complessivo gara (tender base amount)')),
  awardedCents: Nullable(Cents('Importo aggiudicazione (0 in the sources until awarded)')),
  cigDate: Nullable(IsoDate),
  awardDate: Nullable(IsoDate),
  referenceDate: Nullable(IsoDate),
  awardees: Type.Array(Awardee, { description: 'From the latest awardee file that lists any for this tender; empty when none is known' }),
});

/**
 * One target indicator of a project: what it must achieve and what it has achieved.
 * @hidden
 */
export const Indicator = Type.Object({
  code: Type.String({ description: 'Codice Indicatore, e.g. T0020' }),
  name: Type.String({ description: 'Descrizione Indicatore' }),
  unit: Nullable(Type.String({ description: 'Descrizione Unità di Misura, e.g. Chilometri, Numero, Metri quadrati' })),
  type: Nullable(Type.String({ description: 'Descrizione Tipo indicatore (Target)' })),
  realised: Nullable(Type.Number({ description: 'Valore Realizzato' })),
  programmed: Nullable(Type.Number({ description: 'Valore Programmato' })),
  period: Nullable(Type.String({ pattern: '^\\d{4}(-\\d{2})?$', description: 'Period of the realised value (Anno, Mese): YYYY-MM or YYYY' })),
  referenceDate: Nullable(IsoDate),
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
  tenders: Type.Optional(
    Nullable(
      Type.Array(Tender, {
        description: 'Tenders and awardees, the first ones only when tenderCount is larger (the rest: manifest files.tenders); null when the package was built without an awardee file',
      }),
    ),
  ),
  tenderCount: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Every tender of the project; present only when `tenders` holds the first ones and the rest are in the tenders file of the CUP' }),
  ),
  indicators: Type.Optional(Nullable(Type.Array(Indicator, { description: 'Target indicators; null when the package was built without an indicator file' }))),
  localisations: Type.Array(Localisation),
  attributed: Type.Object({ inside: AmountTotals, outside: AmountTotals }),
  sameCup: Type.Integer({ description: 'How many local projects of this package share the CUP (1 = unique)' }),
  source: Type.Object({ dataset: Type.String(), file: Type.String(), line: Type.Integer(), referenceDate: Nullable(IsoDate), updated: Nullable(IsoDate) }),
});

/** @hidden */
export const ProjectShard = Type.Object({
  schemaVersion: SchemaVersion,
  shard: Type.String({ pattern: '^[0-9a-f]{2,6}$', description: 'Shard name: its number in lower-case hex (see manifest files.projectShards)' }),
  projects: Type.Array(Project),
});

// ---------------------------------------------------------------- tenders/{shard}/{cup}.json
/**
 * The tenders of a CUP's projects past those their shard records carry (a card shows the first
 * ones; the rest are read when the reader asks for them).
 * @hidden
 */
export const TenderFile = Type.Object({
  schemaVersion: SchemaVersion,
  cup: Cup,
  projects: Type.Array(
    Type.Object({
      localCode: Type.String({ description: 'Codice Locale Progetto' }),
      offset: Type.Integer({ minimum: 0, description: 'How many tenders the shard record carries: these continue from there' }),
      tenders: Type.Array(Tender, { description: "The project's tenders after the first `offset`, in the record's order" }),
    }),
    { description: 'Only the local projects of the CUP with more tenders than their record carries, sorted by local code' },
  ),
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

/**
 * A list longer than one page: its size, pages and order, and its sums (so the first page answers a
 * list view's heading without the other pages).
 * @hidden
 */
export const ListPaging = Type.Object(
  {
    total: Type.Integer({ minimum: 1, description: 'Items of the whole list, every page' }),
    pages: Type.Integer({ minimum: 2, description: 'Number of pages, this one included' }),
    pageSize: Type.Integer({ minimum: 1, description: 'Items per page (the last page may hold fewer)' }),
    order: Type.Literal('area-pnrr', { description: 'Order of the items across the pages: areaPnrrCents descending, then CUP and local code ascending' }),
    areaPnrrCents: Cents('Σ areaPnrrCents of every item of the list'),
    areaTotalCents: Cents('Σ areaTotalCents of every item of the list'),
  },
  { description: 'Present only in a list longer than one page: `items` is then its first page' },
);

/** @hidden */
export const ProjectList = Type.Object({
  schemaVersion: SchemaVersion,
  territory: Type.String(),
  paging: Type.Optional(ListPaging),
  items: Type.Array(ProjectListItem),
});

/**
 * A page after the first of a paged list (`lists/{key}/{page}.json`).
 * @hidden
 */
export const ProjectListPage = Type.Object({
  schemaVersion: SchemaVersion,
  territory: Type.String(),
  page: Type.Integer({ minimum: 2, description: 'Page number, 2…pages' }),
  items: Type.Array(ProjectListItem),
});

// ---------------------------------------------------------------- awardees/{key}.json
/**
 * An awardee of a territory: the PNRR funding of the projects it was awarded, attributed to the
 * territory. The sources do not give the contract value of each awardee.
 * @hidden
 */
export const AwardeeItem = Type.Object({
  key: Type.String({ description: 'Tax code / VAT number, or "name:" + upper-case name when masked (natural person) or missing' }),
  name: Type.String(),
  pnrrCents: Cents('Σ over the distinct projects it was awarded of their Finanziamento PNRR attributed to the territory'),
  projects: Type.Integer({ minimum: 1, description: 'Distinct projects of the territory it was awarded' }),
});

/** @hidden */
export const AwardeeList = Type.Object({
  schemaVersion: SchemaVersion,
  territory: Type.String(),
  items: Type.Array(AwardeeItem, { description: 'Sorted by pnrrCents, largest first, then key' }),
});

// ---------------------------------------------------------------- views/{groupBy}/{filter}.json
/**
 * One group of a view: [group key, then one sum per column of `columns`].
 * @hidden
 */
export const ViewRow = Type.Array(Type.Union([Type.String(), Type.Integer()]), { minItems: 1, description: '[group key, one integer per column]' });

/** @hidden */
export const ViewFile = Type.Object({
  schemaVersion: SchemaVersion,
  groupBy: ViewGroupBy,
  filter: Type.String({ description: 'The region code (no filter), a territory key, or a mission code' }),
  columns: Type.Array(Type.String(), { description: 'Names of the summed fact-table columns of each row, after its key (pnrrCents, totalCents, projects, …)' }),
  labels: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Non-territorial groupings: the name of each group key' })),
  names: Type.Optional(Type.Record(Type.String(), Type.String(), {
    description: 'Views of one province or comune: the name of that territory and of each bucket enclosing it (the area it covers), by key',
  })),
  enclosing: Type.Optional(Type.Array(ViewRow, {
    description: 'Views of one province or comune: the sums of the buckets enclosing it (its province-wide bucket, the region-wide one) over every sub-measure, same columns; buckets without data left out',
  })),
  rows: Type.Array(ViewRow, { description: 'Every group with data, sorted by key' }),
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

/** `manifest.json`: reference date, licence, attribution and file names of a package (older packages: also its sources and totals, now in provenance.json). Fields: see docs/data-schema.md, section "manifest.json". */
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
/** Payments to date and total financed at the payments date, in euro cents. */
export type PaidTotals = Static<typeof PaidTotals>;
/** Payments of the package's projects by scope, split like the funding (`Manifest.totals.payments`). */
export type PaymentReconciliation = Static<typeof PaymentReconciliation>;
/** One row of `PaidFacts.amounts`: [sub-measure index, paid cents, unpaid cents (financed − paid), projects]. */
export type PaidFactAmountsRow = Static<typeof PaidFactAmountsRow>;
/** `facts-paid.json`: the fact table of payments that `spending()` reads for the `paid` and `paid-share` metrics. Fields: see docs/data-schema.md, section "facts-paid.json". */
export type PaidFacts = Static<typeof PaidFacts>;
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
/** An awardee of a tender (`Tender.awardees`): name, tax code (personal ones masked), role and legal form. */
export type Awardee = Static<typeof Awardee>;
/** A tender of a project (`Project.tenders`): CIG, procedure, amounts, dates and awardees. */
export type Tender = Static<typeof Tender>;
/** A target indicator of a project (`Project.indicators`): code, description, unit, realised and programmed values. */
export type Indicator = Static<typeof Indicator>;
/** An awardee of a territory in `awardees/{key}.json`: the PNRR funding of its awarded projects attributed to the territory. */
export type AwardeeItem = Static<typeof AwardeeItem>;
/** `awardees/{key}.json`: the awardees of one territory, largest first. Fields: see docs/data-schema.md, section "awardees/{key}.json". */
export type AwardeeList = Static<typeof AwardeeList>;
/** `provenance.json`: the source files of the package and its reconciliation totals. Fields: see docs/data-schema.md, section "provenance.json". */
export type Provenance = Static<typeof Provenance>;
/** `tenders/{shard}/{cup}.json`: the tenders of a CUP's projects past the first ones their shard records carry. Fields: see docs/data-schema.md. */
export type TenderFile = Static<typeof TenderFile>;
/** `projects/{shard}.json`: the projects whose CUP hashes to the shard. */
export type ProjectShard = Static<typeof ProjectShard>;
/** A project as listed in `lists/{key}.json`: enough for a list row and every `projects()` filter. */
export type ProjectListItem = Static<typeof ProjectListItem>;
/**
 * `lists/{key}.json`: every project localised in one territory, or, for a list longer than one page (`paging`), its
 * first page. Fields: see docs/data-schema.md, section "lists/{key}.json".
 */
export type ProjectList = Static<typeof ProjectList>;
/** `paging` of a list file longer than one page: total, pages, page size, order and sums. */
export type ListPaging = Static<typeof ListPaging>;
/** `lists/{key}/{page}.json`: a page after the first of a paged project list. Fields: see docs/data-schema.md, section "lists/{key}/{page}.json". */
export type ProjectListPage = Static<typeof ProjectListPage>;
/** `manifest.files.views`: the groupings that have pre-aggregated view files, by kind of filter. */
export type ViewListing = Static<typeof ViewListing>;
/** `views/{groupBy}/{filter}.json`: a spending() answer pre-aggregated by the build. Fields: see docs/data-schema.md, section "views/{groupBy}/{filter}.json". */
export type ViewFile = Static<typeof ViewFile>;
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
  'facts-paid': PaidFacts,
  provenance: Provenance,
  'project-shard': ProjectShard,
  'tender-file': TenderFile,
  'project-list': ProjectList,
  'project-list-page': ProjectListPage,
  'awardee-list': AwardeeList,
  view: ViewFile,
  quality: Quality,
  checksums: Checksums,
} as const;
