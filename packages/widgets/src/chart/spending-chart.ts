/**
 * <pnrr-spending-chart>: horizontal bar chart of PNRR spending from the data
 * package's fact table. Class only (no registration): import `./define.js` or
 * the package's define entry to register the tag.
 */
import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { InvalidArgumentError, type GroupBy, type SpendingRow } from '@pnrr-toscana/sdk';
import type { PnrrClient } from '../base/client.js';
import { withPlaceCodes } from '../base/places.js';
import type { Lang } from '../base/lang.js';
import { isolate, number } from '../format.js';
import { barChartSpec, barLayout, type BarDatum } from '../vega/specs.js';
import { canvasTextMeasurer } from '../vega/text.js';
import { cssVar, specTheme } from '../vega/theme.js';
import { chartMessages } from '../i18n/chart.js';
import { opt } from './figure.js';
import { PnrrFigureElement, valueScale, type CsvTable, type Drawing, type FigureData, type FigureQuery } from './figure-element.js';

type Messages = (typeof chartMessages)[Lang];

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
 * @attr group-by - `mission` (default), `component`, `measure`, `submeasure`, `province`, `comune` or `implementing-body`.
 * @attr metric - `pnrr` (default: PNRR funding, €), `total` (total funding, €) or `count` (projects).
 * @attr comune - Only money attributed to this comune: 6-digit ISTAT code (e.g. `048017`) or name (e.g. `Firenze`, `san casciano in val di pesa`).
 * @attr province - Only money attributed to this province: 3-digit ISTAT code (e.g. `048`) or name (e.g. `Firenze`).
 * @attr mission - Only this mission (`M1`…`M7`).
 * @attr per-capita - Divide by resident population: present (ISTAT 1/1/2021) or `anpr2025` (projects are shown per 10,000 inhabitants). For territorial groupings each row by its own population, else by the filtered territory's.
 * @attr top - Bars before the rest are summed into "others" (default 10 for `comune` and `implementing-body`, all for the others; `0` = all).
 * @attr heading-level - Level of the chart's title, 1–6 (default 3).
 * @attr src - URL of the data package (see the shared attributes).
 * @attr lang - `it` (default) or `en`; else the nearest `lang` on the page.
 * @attr theme - `auto` (default), `light` or `dark`.
 *
 * @fires pnrr-load - The data arrived and are shown. `detail: { referenceDate }`.
 * @fires pnrr-error - The element shows its error state. `detail: { error }`.
 *
 * @csspart base - The frame.
 * @csspart body - The content area.
 * @csspart title - The chart title (a heading).
 * @csspart summary - The one-sentence summary.
 * @csspart notes - Denominator, attribution rule and not-attributable amounts.
 * @csspart plot - The box holding the drawing.
 * @csspart tooltip - The tooltip shown over a bar.
 * @csspart toolbar - The row of buttons.
 * @csspart button - Each toolbar button (also `table-toggle`, `download-csv`, `download-png`, `download-svg`).
 * @csspart table - The data table.
 * @csspart skeleton - The loading placeholder.
 * @csspart state - Error / empty message.
 * @csspart retry - The retry button.
 * @csspart attribution - Source, licence and data date.
 *
 * @cssprop --pnrr-min-block-size - Height reserved while loading (default 22rem).
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
      :host {
        --_min-block-size: 22rem;
      }
    `,
  ];

  /** See the `group-by` attribute. */
  declare groupBy: GroupBy | undefined;
  /** See the `comune` attribute. */
  declare comune: string | undefined;
  /** See the `top` attribute. */
  declare top: number | undefined;

  protected readonly titleId = 'chart-title';
  protected readonly imageMinWidth = 480;

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
    const query = await withPlaceCodes(client, this.query, signal);
    const { groupBy, metric, perCapita, comune, province, mission } = query;
    const filters = { ...(comune ? { comune } : {}), ...(province ? { province } : {}), ...(mission ? { mission } : {}) };
    const territorial = groupBy === 'comune' || groupBy === 'province';
    // Money of projects localised to a whole province / the whole region is outside
    // a territory filter; one more (cached, fact-table) query says how much.
    const excludedKeys = comune ? [`${comune.slice(0, 3)}000`, '000000'] : province ? ['000000'] : [];
    const [answer, territories, all] = await Promise.all([
      client.spending({ groupBy, metric, ...(perCapita ? { perCapita } : {}), ...filters, signal }),
      client.territories({ signal }),
      excludedKeys.length > 0 ? client.spending({ groupBy: 'comune', metric, ...(mission ? { mission } : {}), signal }) : Promise.resolve([]),
    ]);
    const buckets = territorial ? answer.filter((r) => r.kind !== undefined && BUCKET.has(r.kind)) : [];
    const inAnswer = new Set(buckets.map((b) => b.key));
    const excluded = all.filter((r) => excludedKeys.includes(r.key) && !inAnswer.has(r.key) && r.amount > 0);
    const k = valueScale(query);
    const rows = answer.filter((r) => !buckets.includes(r) && Number.isFinite(r.value)).map((r) => (k === 1 ? r : { ...r, value: r.value * k }));
    return { query, rows, buckets, excluded, territories };
  }

  protected override isEmpty(data: ChartData): boolean {
    return data.rows.length === 0;
  }

  // ------------------------------------------------------------------ text

  protected override place(data: ChartData, lang: Lang): string {
    const { comune } = data.query;
    if (comune) return isolate(data.territories.comuni.find((c) => c.code === comune)?.name ?? comune);
    return super.place(data, lang);
  }

  protected override figureTitle(data: ChartData, lang: Lang): string {
    const q = data.query;
    const t = chartMessages[lang];
    return `${this.metricTitle(q, lang)} ${t.groupBy(q.groupBy)} · ${this.place(data, lang)}${q.mission ? ` · ${t.mission(q.mission)}` : ''}`;
  }

  private rowLabel(row: SpendingRow, q: ChartQuery): string {
    return HIERARCHY.has(q.groupBy) && row.label !== row.key ? `${row.key} ${row.label}` : row.label;
  }

  /** Rows drawn: the top N and one "others" row. */
  private shownRows(data: ChartData): Array<SpendingRow & { others?: number }> {
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
    if (q.perCapita) {
      // A ratio of sums, not a sum of ratios.
      const people = rest.reduce((s, r) => s + (r.population ?? 0), 0);
      population = people || null;
      value = people > 0 ? (amount / people) * valueScale(q) : Number.NaN;
    }
    const others = { key: OTHERS_KEY, label: '', value, amount, count, others: rest.length, ...(population !== undefined ? { population } : {}) };
    return Number.isFinite(value) ? [...head, others] : head;
  }

  protected override summary(data: ChartData, lang: Lang): string {
    const q = data.query;
    const t = chartMessages[lang];
    const first = data.rows[0]!;
    const name = isolate(HIERARCHY.has(q.groupBy) ? first.key : first.label);
    const value = this.valueWithUnit(first.value, q, lang);
    const lead = q.metric === 'count' && !q.perCapita ? t.summaryCount(name, value) : t.summaryMoney(name, value);
    return `${lead} ${t.summaryGroups(data.rows.length)}`;
  }

  protected override notes(data: ChartData, lang: Lang): string[] {
    const q = data.query;
    const t = chartMessages[lang];
    const notes = this.denominatorNotes(data, lang);
    if (q.comune) notes.push(t.ruleComune);
    else if (q.province) notes.push(t.ruleProvince);
    const sum = (rows: SpendingRow[]) => rows.reduce((s, r) => s + r.amount, 0);
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

  // ------------------------------------------------------------------ drawing

  private bars(data: ChartData, t: Messages, lang: Lang): BarDatum[] {
    const q = data.query;
    const bar = cssVar(this, '--_primary', '#0066cc');
    const muted = cssVar(this, '--_text-muted', '#5c6f82');
    return this.shownRows(data).map((row) => {
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

  protected override drawing(data: ChartData, lang: Lang): Drawing {
    const bars = this.bars(data, chartMessages[lang], lang);
    const theme = specTheme(this);
    const measure = canvasTextMeasurer(theme.font, theme.fontSize ?? 13);
    const description = this.summary(data, lang);
    return {
      // What is drawn: data, language, top, colours.
      key: JSON.stringify([bars, theme]),
      spec: (width, caption) => barChartSpec(bars, { width, theme, measure, description, caption }),
    };
  }

  protected override renderPlot(data: ChartData, lang: Lang): TemplateResult {
    const width = Math.max(280, this.contentWidth());
    // Reserve the drawing's height before vega arrives, so nothing moves: the
    // same bars and measurer as the drawing, so labels wrap (and stacked rows grow) alike.
    const theme = specTheme(this);
    const layout = barLayout(this.bars(data, chartMessages[lang], lang), { width, theme, measure: canvasTextMeasurer(theme.font, theme.fontSize ?? 13) });
    return this.plot(chartMessages[lang].chartLabel, layout.height + 8, lang);
  }

  protected override tableCaption(title: string, lang: Lang): string {
    return chartMessages[lang].tableCaption(title);
  }

  protected override renderTable(data: ChartData, lang: Lang, title: string): TemplateResult {
    const q = data.query;
    const t = chartMessages[lang];
    const extra = [...data.buckets, ...data.excluded];
    return html`<table part="table">
      <caption>${this.tableCaption(title, lang)}</caption>
      <thead>
        <tr>
          <th scope="col">${t.column(q.groupBy)}</th>
          <th scope="col" class="num">${this.metricTitle(q, lang)}</th>
          <th scope="col" class="num">${t.projectsColumn}</th>
          ${q.perCapita ? html`<th scope="col" class="num">${t.amount}</th><th scope="col" class="num">${t.population}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${this.shownRows(data).map((row) => {
          const others = 'others' in row && row.others !== undefined;
          return html`<tr data-key=${row.key}>
            <th scope="row">${others ? t.others(row.others!) : this.rowLabel(row, q)}</th>
            <td class="num" data-value=${String(row.value)}>${this.formatValue(row.value, q, lang, true)}</td>
            <td class="num">${others ? '–' : number(row.count, lang)}</td>
            ${q.perCapita
              ? html`<td class="num">${this.formatAmount(row.amount, q, lang)}</td><td class="num">${row.population ? number(row.population, lang) : '–'}</td>`
              : nothing}
          </tr>`;
        })}
      </tbody>
      ${extra.length > 0
        ? html`<tfoot>
            ${extra.map(
              (row) => html`<tr data-key=${row.key}>
                <th scope="row">${row.label} (${this.kindLabel(row, t) || row.key})</th>
                <td class="num" data-value=${String(row.amount)}>${this.formatAmount(row.amount, q, lang)}</td>
                <td class="num">${number(row.count, lang)}</td>
                ${q.perCapita ? html`<td class="num">–</td><td class="num">–</td>` : nothing}
              </tr>`,
            )}
          </tfoot>`
        : nothing}
    </table>`;
  }

  /** CSV of the current view: every group of the answer (not only the top N), then the not-attributable rows. */
  protected override csvTable(data: ChartData): CsvTable {
    const q = data.query;
    const t = chartMessages[this.language];
    // Per capita, the value column names its unit (per inhabitant / per 10,000 inhabitants).
    const header = [t.code, t.column(q.groupBy), t.kind, q.perCapita ? this.metricTitle(q, this.language) : t.value, t.amount, t.projectsColumn, ...(q.perCapita ? [t.population] : [])];
    const line = (r: SpendingRow, value: number) => [r.key, r.label, this.kindLabel(r, t), value, r.amount, r.count, ...(q.perCapita ? [r.population ?? null] : [])];
    return { header, rows: [...data.rows.map((r) => line(r, r.value)), ...[...data.buckets, ...data.excluded].map((r) => line(r, r.amount))] };
  }
}
