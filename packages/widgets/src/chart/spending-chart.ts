/**
 * <pnrr-spending-chart>: horizontal bar chart of PNRR spending from the data
 * package's fact table. Class only (no registration): import `./define.js` or
 * the package's define entry to register the tag.
 */
import { css, type PropertyDeclarations } from 'lit';
import { InvalidArgumentError, type GroupBy, type SpendingRow } from '@pnrr-toscana/sdk';
import type { PnrrClient } from '../base/client.js';
import { withPlaceCodes } from '../base/places.js';
import type { Lang } from '../i18n/lang.js';
import { isolate } from '../format.js';
import { number } from '../figure/amounts.js';
import { barChartSpec, barLayout, type BarDatum } from './bar-spec.js';
import { canvasTextMeasurer } from '../figure/text.js';
import { cssVar, specTheme } from '../figure/theme.js';
import { figureMessages } from '../i18n/figure.js';
import { opt } from '../figure/templates.js';
import { reservedSizes } from '../base/reserve.js';
import { CHART_SIZES } from './size.js';
import { PnrrFigureElement, checkMetricPerCapita, valueScale, type Drawing, type FigureDescription, type FigureTable, type TableColumn, type TableRow, type FigureData, type FigureQuery } from '../figure/figure-element.js';

type Messages = (typeof figureMessages)[Lang];

/** A row drawn: a group of the answer, or the "others" row summing the rest. */
type Shown = SpendingRow & { others?: number };

/** The query the chart asked, after defaults. */
export interface ChartQuery extends FigureQuery {
  groupBy: GroupBy;
  comune: string | undefined;
}

/** What the chart loaded. */
export interface ChartData extends FigureData {
  query: ChartQuery;
  /** Groups to draw, largest first (buckets taken out). */
  rows: SpendingRow[];
  /** Rows of the answer that cannot be attributed to one group (province-/region-wide). */
  buckets: SpendingRow[];
  /** Province-/region-wide money left out by a territory filter (absolute amounts). */
  excluded: SpendingRow[];
  /** Name of the filtered comune (else province), from the SDK's `enclosing()`. */
  placeName: string | undefined;
}

const BUCKET = new Set(['province-wide', 'region-wide']);
/** Groupings drawn as top N + "others" unless `top` says otherwise. */
const TOP_BY_DEFAULT: ReadonlySet<GroupBy> = new Set(['comune', 'implementing-body']);
const DEFAULT_TOP = 10;
const OTHERS_KEY = '__others__';
const HIERARCHY: ReadonlySet<GroupBy> = new Set(['mission', 'component', 'measure', 'submeasure']);

/**
 * Horizontal bar chart of PNRR spending in the region, grouped by mission,
 * component, measure, province, comune or implementing body, with a title, a
 * one-sentence summary, the rule used to attribute money to territories, a
 * data table, and CSV / PNG / SVG downloads.
 *
 * @tagname pnrr-spending-chart
 * @summary Bar chart of PNRR spending, from the data package's fact table.
 *
 * @attr province - Only money attributed to this province: 3-digit ISTAT code (e.g. `048`) or name (e.g. `Firenze`).
 * @attr per-capita - Divide by resident population: present (ISTAT 1/1/2021) or `anpr2025` (projects are shown per 10,000 inhabitants). For territorial groupings each row by its own population, else by the filtered territory's.
 *
 * @csspart tooltip - The tooltip shown over a bar.
 *
 * @cssprop --pnrr-color-primary - Bars, buttons and focus ring (light theme; `--pnrr-dark-color-primary` for dark).
 * @cssprop --pnrr-color-text-muted - The "others" bar and the notes.
 * @cssprop --pnrr-color-text - Labels and values.
 */
export class PnrrSpendingChart extends PnrrFigureElement<ChartData> {
  static override properties: PropertyDeclarations = {
    ...PnrrFigureElement.properties,
    groupBy: { type: String, attribute: 'group-by' },
    comune: { type: String },
    top: { type: Number },
  };

  static override styles = [
    PnrrFigureElement.styles,
    css`
      ${reservedSizes(CHART_SIZES)}
    `,
  ];

  /** `mission` (default), `component`, `measure`, `submeasure`, `province`, `comune` or `implementing-body`. */
  declare groupBy: GroupBy | undefined;
  /** Only money attributed to this comune: 6-digit ISTAT code (e.g. `048017`) or name (e.g. `Firenze`, `san casciano in val di pesa`). */
  declare comune: string | undefined;
  /** Bars before the rest are summed into "others" (default 10 for `comune` and `implementing-body`, all for the others; `0` = all). */
  declare top: number | undefined;

  constructor() {
    super();
    this.skeletonLines = 8;
  }

  /** The query after defaults (what the chart shows). */
  get query(): ChartQuery {
    return { ...this.figureQuery(), groupBy: (opt(this.groupBy) ?? 'mission') as GroupBy, comune: opt(this.comune) };
  }

  protected override dataArgs(): readonly unknown[] {
    const q = this.query;
    return [...super.dataArgs(), q.groupBy, q.comune];
  }

  protected override async loadData(client: PnrrClient, signal: AbortSignal): Promise<ChartData> {
    // Each attribute is valid alone: the error names the pair (the SDK's would blame group-by).
    if (this.query.groupBy === 'province' && this.query.comune) {
      throw new InvalidArgumentError('group-by+comune', `group-by="province", comune="${this.query.comune}"`, 'one comune cannot be grouped by province; use province="…" instead');
    }
    checkMetricPerCapita(this.query);
    // A name needs territories.json to become a code; a code does not (the SDK maps a former comune's):
    // a chart of one territory then reads its view file alone, which also names the territory.
    const raw = this.query;
    const named = [raw.comune, raw.province].some((v) => v !== undefined && !/^\d+$/.test(v));
    let query = named ? await withPlaceCodes(client, raw, signal) : raw;
    const { groupBy, metric, perCapita, comune, province, mission } = query;
    const filters = { ...(comune ? { comune } : {}), ...(province ? { province } : {}), ...(mission ? { mission } : {}) };
    const territorial = groupBy === 'comune' || groupBy === 'province';
    // The per-capita series are in territories.json; a chart without them never reads it.
    const [answer, territories, around] = await Promise.all([
      client.spending({ groupBy, metric, ...(perCapita ? { perCapita } : {}), ...filters, signal }),
      perCapita ? client.territories({ signal }) : undefined,
      // The filtered territory's name, and the money of the province-/region-wide projects its filter
      // leaves out (its enclosing buckets): from the view file spending() has just read.
      comune || province
        ? client.enclosing({ ...(comune ? { comune } : { province }), groupBy, metric, ...(mission ? { mission } : {}), signal })
        : undefined,
    ]);
    if (comune && around) query = { ...query, comune: around.key };
    const buckets = territorial ? answer.filter((r) => r.kind !== undefined && BUCKET.has(r.kind)) : [];
    const inAnswer = new Set(buckets.map((b) => b.key));
    const excluded = (around?.rows ?? []).filter((r) => !inAnswer.has(r.key) && this.moneyOf(r, query) > 0);
    const k = valueScale(query);
    const rows = answer.filter((r) => !buckets.includes(r) && Number.isFinite(r.value)).map((r) => (k === 1 ? r : { ...r, value: r.value * k }));
    const referenceDates = answer.find((r) => r.referenceDates)?.referenceDates;
    return { query, rows, buckets, excluded, territories, referenceDates, placeName: around?.name };
  }

  protected override isEmpty(data: ChartData): boolean {
    return data.rows.length === 0;
  }

  // ------------------------------------------------------------------ text

  protected override place(data: ChartData, lang: Lang): string {
    const { comune, province } = data.query;
    if (comune) return isolate(data.placeName ?? comune);
    if (province && data.placeName) return figureMessages[lang].province(isolate(data.placeName));
    return super.place(data, lang);
  }

  private titleText(data: ChartData, lang: Lang): string {
    const q = data.query;
    const t = figureMessages[lang];
    return `${this.metricTitle(q, lang)} ${t.groupBy(q.groupBy)} · ${this.place(data, lang)}${q.mission ? ` · ${t.mission(q.mission)}` : ''}${this.paidDateTitle(data, lang)}`;
  }

  private rowLabel(row: SpendingRow, q: ChartQuery): string {
    return HIERARCHY.has(q.groupBy) && row.label !== row.key ? `${row.key} ${row.label}` : row.label;
  }

  /** Rows drawn: the top N and one "others" row. */
  private shownRows(data: ChartData): Shown[] {
    const q = data.query;
    const explicit = typeof this.top === 'number' && Number.isFinite(this.top);
    const top = explicit ? Math.max(0, Math.floor(this.top!)) : TOP_BY_DEFAULT.has(q.groupBy) ? DEFAULT_TOP : 0;
    if (top === 0 || data.rows.length <= top + 1) return data.rows;
    const head = data.rows.slice(0, top);
    const rest = data.rows.slice(top);
    const amount = rest.reduce((s, r) => s + r.amount, 0);
    const count = rest.reduce((s, r) => s + r.count, 0);
    let value = rest.reduce((s, r) => s + r.value, 0);
    let population: number | null | undefined;
    const paid = rest.reduce((s, r) => s + (r.paid ?? 0), 0);
    const financed = rest.reduce((s, r) => s + (r.financed ?? 0), 0);
    if (q.metric === 'paid-share') {
      // A share of the sums, never a sum (or mean) of shares.
      const share = financed > 0 ? paid / financed : Number.NaN;
      const others = { key: OTHERS_KEY, label: '', value: share, amount: share, count, others: rest.length, paid, financed };
      return Number.isFinite(share) ? [...head, others] : head;
    }
    if (q.perCapita) {
      // A ratio of sums, not a sum of ratios.
      const people = rest.reduce((s, r) => s + (r.population ?? 0), 0);
      population = people || null;
      value = people > 0 ? (amount / people) * valueScale(q) : Number.NaN;
    }
    const others = {
      key: OTHERS_KEY, label: '', value, amount, count, others: rest.length,
      ...(population !== undefined ? { population } : {}), ...(q.metric === 'paid' ? { paid, financed } : {}),
    };
    return Number.isFinite(value) ? [...head, others] : head;
  }

  private summary(data: ChartData, lang: Lang): string {
    const q = data.query;
    const t = figureMessages[lang];
    const first = data.rows[0];
    if (!first) return '';
    const name = isolate(HIERARCHY.has(q.groupBy) ? first.key : first.label);
    const value = this.valueWithUnit(first.value, q, lang);
    const lead =
      q.metric === 'count' && !q.perCapita ? t.summaryCount(name, value)
        : q.metric === 'paid-share' ? t.summaryShare(name, value)
          : q.metric === 'paid' ? t.summaryPaid(name, value)
            : t.summaryMoney(name, value);
    return `${lead} ${t.summaryGroups(data.rows.length)}`;
  }

  private notes(data: ChartData, lang: Lang): string[] {
    const q = data.query;
    const t = figureMessages[lang];
    const notes = [...this.denominatorNotes(data, lang), ...this.paidNotes(data, lang)];
    if (q.comune) notes.push(t.ruleComune);
    else if (q.province) notes.push(t.ruleProvince);
    // Money in euros (for paid-share: the euros paid; shares cannot be summed).
    const sum = (rows: SpendingRow[]) => rows.reduce((s, r) => s + this.moneyOf(r, q), 0);
    if (data.buckets.length > 0) {
      const amount = this.amountInWords(sum(data.buckets), q, lang);
      notes.push(q.groupBy === 'province' ? t.notAttributableProvince(amount) : t.notAttributable(amount));
    }
    if (data.excluded.length > 0) {
      const amount = this.amountInWords(sum(data.excluded), q, lang);
      notes.push(q.comune ? t.notIncluded(amount) : t.notIncludedProvince(amount));
    }
    return notes;
  }

  private kindLabel(row: SpendingRow, t: Messages): string {
    switch (row.kind) {
      case 'comune':
        return t.kindComune;
      case 'province':
        return t.kindProvince;
      case 'province-wide':
        return t.kindProvinceWide;
      case 'region-wide':
        return t.kindRegionWide;
      default:
        return '';
    }
  }

  // ------------------------------------------------------------------ the description

  protected override describe(data: ChartData, lang: Lang): FigureDescription {
    const t = figureMessages[lang];
    const title = this.titleText(data, lang);
    const summary = this.summary(data, lang);
    const shown = this.shownRows(data);
    return { title, summary, notes: this.notes(data, lang), table: this.table(data, shown, title, lang), drawing: this.drawing(shown, summary, t, lang, data.query) };
  }

  private bars(shown: Shown[], q: ChartQuery, t: Messages, lang: Lang): BarDatum[] {
    const bar = cssVar(this, '--_primary', '#0066cc');
    const muted = cssVar(this, '--_text-muted', '#5c6f82');
    return shown.map((row) => {
      const others = 'others' in row && row.others !== undefined;
      const label = others ? t.others(row.others!) : this.rowLabel(row, q);
      const valueLabel = this.formatValue(row.value, q, lang);
      const lines = others
        ? [t.othersTooltip(row.others!, this.formatValue(row.value, q, lang, true))]
        : [label, this.formatValue(row.value, q, lang, true), this.projects(row.count, lang)];
      if (q.perCapita && !others) lines.push(`${t.amount}: ${this.formatAmount(row.amount, q, lang)} · ${t.population}: ${row.population ? number(row.population, lang) : '–'}`);
      return { key: row.key, label, value: row.value, valueLabel, tooltip: lines.join('\n'), color: others ? muted : bar };
    });
  }

  private drawing(shown: Shown[], description: string, t: Messages, lang: Lang, q: ChartQuery): Drawing {
    const bars = this.bars(shown, q, t, lang);
    const theme = specTheme(this);
    const measure = canvasTextMeasurer(theme.font, theme.fontSize ?? 13);
    return {
      // What is drawn: data, language, top, colours.
      key: JSON.stringify([bars, theme]),
      spec: (width, caption) => barChartSpec(bars, { width, theme, measure, description, caption }),
      label: t.chartLabel,
      imageMinWidth: 480,
      // Reserve the drawing's height before vega arrives, so nothing moves: the
      // same bars and measurer as the drawing, so labels wrap (and stacked rows grow) alike.
      minHeight: (contentWidth) => barLayout(bars, { width: Math.max(280, contentWidth), theme, measure }).height + 8,
    };
  }

  /**
   * The data table shows the bars drawn (top N and "others"); the CSV has every
   * group of the answer and the codes and kinds. Both end with the rows not
   * attributable to one group and the money a territory filter leaves out.
   */
  private table(data: ChartData, shown: Shown[], title: string, lang: Lang): FigureTable {
    const q = data.query;
    const t = figureMessages[lang];
    const dash = { value: null, text: '–' };
    // Per capita, the value column names its unit (per inhabitant / per 10,000 inhabitants).
    const columns: TableColumn[] = [
      { label: t.code, only: 'csv' },
      { label: t.column(q.groupBy), rowHeader: true },
      { label: t.kind, only: 'csv' },
      { label: this.metricTitle(q, lang), csvLabel: q.perCapita ? this.metricTitle(q, lang) : t.value, numeric: true, dataValue: true },
      // For paid-share the amount is the share itself: the paid and financed columns carry the euros.
      ...(q.metric === 'paid-share' ? [] : [{ label: t.amount, numeric: true, ...(q.perCapita ? {} : { only: 'csv' as const }) }]),
      ...this.paidColumns(q, lang),
      { label: t.projectsColumn, numeric: true },
      ...(q.perCapita ? [{ label: t.population, numeric: true }] : []),
    ];
    const share = q.metric === 'paid-share';
    const amountCell = (r: SpendingRow, text = this.formatAmount(r.amount, q, lang)) => (share ? [] : [{ value: r.amount, text }]);
    const population = (r: SpendingRow) => ({ value: r.population ?? null, text: r.population ? number(r.population, lang) : '–' });
    const drawn = new Set(shown);
    const rows: TableRow[] = data.rows.map((r) => ({
      key: r.key,
      ...(drawn.has(r) ? {} : { only: 'csv' as const }),
      cells: [
        { value: r.key },
        { value: r.label, text: this.rowLabel(r, q) },
        { value: this.kindLabel(r, t) },
        { value: r.value, text: this.formatValue(r.value, q, lang, true) },
        ...amountCell(r),
        ...this.paidCells(r, q, lang),
        { value: r.count, text: number(r.count, lang) },
        population(r),
      ],
    }));
    for (const r of shown) {
      if (!('others' in r) || r.others === undefined) continue;
      rows.push({
        key: r.key,
        only: 'page',
        cells: [
          { value: r.key }, { value: t.others(r.others) }, { value: '' }, { value: r.value, text: this.formatValue(r.value, q, lang, true) },
          ...amountCell(r), ...this.paidCells(r, q, lang), dash, population(r),
        ],
      });
    }
    const foot: TableRow[] = [...data.buckets, ...data.excluded].map((r) => ({
      key: r.key,
      cells: [
        { value: r.key },
        { value: r.label, text: `${r.label} (${this.kindLabel(r, t) || r.key})` },
        { value: this.kindLabel(r, t) },
        share ? { value: r.value, text: this.formatValue(r.value, q, lang, true) } : { value: r.amount, text: this.formatAmount(r.amount, q, lang) },
        ...amountCell(r, '–'),
        ...this.paidCells(r, q, lang),
        { value: r.count, text: number(r.count, lang) },
        { value: r.population ?? null, text: '–' },
      ],
    }));
    return { caption: t.tableCaption(title), columns, rows, foot };
  }
}
