/**
 * <pnrr-spending-chart>: horizontal bar chart of PNRR spending from the data
 * package's fact table. Class only (no registration): import `./define.js` or
 * the package's define entry to register the tag.
 */
import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { GroupBy, Metric, PopulationYear, SpendingRow, Territories } from '@pnrr-toscana/sdk';
import type { View } from 'vega';
import { PnrrElement } from '../base/pnrr-element.js';
import type { PnrrClient } from '../base/client.js';
import { emptyTemplate, headingLevel, headingTemplate } from '../base/states.js';
import type { Lang } from '../base/lang.js';
import { moneyCents, moneyCompact, moneyFull, number } from '../format.js';
import { barChartSpec, barLayout, type BarDatum, type ExportCaption } from '../vega/specs.js';
import { VegaController, type SpecBuilder } from '../vega/controller.js';
import { specToImageURL } from '../vega/render.js';
import { canvasTextMeasurer } from '../vega/text.js';
import { cssVar, specTheme } from '../vega/theme.js';
import { toCsv } from '../vega/download.js';
import { chartMessages } from '../i18n/chart.js';
import {
  figureStyles,
  fileName,
  notesTemplate,
  opt,
  perCapitaConverter,
  plotTemplate,
  populationYear,
  reservePlotHeight,
  sourceLine,
  toolbarTemplate,
} from './figure.js';

type Messages = (typeof chartMessages)[Lang];

/** The query the chart asked, after defaults. */
export interface ChartQuery {
  groupBy: GroupBy;
  metric: Metric;
  perCapita: PopulationYear | undefined;
  comune: string | undefined;
  province: string | undefined;
  mission: string | undefined;
}

/** What the chart loaded. */
export interface ChartData {
  query: ChartQuery;
  /** Groups to draw, largest first (buckets taken out). */
  rows: SpendingRow[];
  /** Rows of the answer that cannot be attributed to one group (province-/region-wide). */
  buckets: SpendingRow[];
  /** Province-/region-wide money left out by a territory filter (absolute amounts). */
  excluded: SpendingRow[];
  territories: Territories;
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
 * @attr comune - Only money attributed to this comune (6-digit ISTAT code, e.g. `048017`).
 * @attr province - Only money attributed to this province (3-digit ISTAT code, e.g. `048`).
 * @attr mission - Only this mission (`M1`…`M7`).
 * @attr per-capita - Divide by resident population: present (ISTAT 1/1/2021) or `anpr2025`. For territorial groupings each row by its own population, else by the filtered territory's.
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
export class PnrrSpendingChart extends PnrrElement<ChartData> {
  static override properties: PropertyDeclarations = {
    ...PnrrElement.properties,
    groupBy: { type: String, attribute: 'group-by' },
    metric: { type: String },
    comune: { type: String },
    province: { type: String },
    mission: { type: String },
    perCapita: { attribute: 'per-capita', converter: perCapitaConverter },
    top: { type: Number },
    headingLevel: { type: Number, attribute: 'heading-level' },
  };

  static override styles = [
    PnrrElement.styles,
    figureStyles,
    css`
      :host {
        --_min-block-size: 22rem;
      }
    `,
  ];

  /** See the `group-by` attribute. */
  declare groupBy: GroupBy | undefined;
  /** See the `metric` attribute. */
  declare metric: Metric | undefined;
  /** See the `comune` attribute. */
  declare comune: string | undefined;
  /** See the `province` attribute. */
  declare province: string | undefined;
  /** See the `mission` attribute. */
  declare mission: string | undefined;
  /** See the `per-capita` attribute: `true` (ISTAT 2021) or a population series name. */
  declare perCapita: boolean | string | undefined;
  /** See the `top` attribute. */
  declare top: number | undefined;
  /** See the `heading-level` attribute. */
  declare headingLevel: number | undefined;
  /** Whether the data table is shown (internal UI state). */
  private tableOpen = false;

  private readonly vega = new VegaController(this, {
    target: () => this.renderRoot?.querySelector<HTMLElement>('.plot'),
    sizer: () => this.renderRoot?.querySelector<HTMLElement>('.plot-sizer'),
    tooltip: () => this.renderRoot?.querySelector<HTMLElement>('.tooltip'),
    onRender: () => {
      reservePlotHeight(this.renderRoot);
      this.requestUpdate();
    },
  });
  private specKey = '';
  /** Builds the current spec, with a title block for downloads. */
  private exportSpec: ((width: number, caption: ExportCaption) => ReturnType<SpecBuilder>) | null = null;
  private readonly dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  private readonly onScheme = (): void => this.requestUpdate();

  constructor() {
    super();
    this.skeletonLines = 8;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.dark?.addEventListener('change', this.onScheme);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dark?.removeEventListener('change', this.onScheme);
    this.specKey = '';
  }

  /** The query after defaults (what the chart shows). */
  get query(): ChartQuery {
    return {
      groupBy: (opt(this.groupBy) ?? 'mission') as GroupBy,
      metric: (opt(this.metric) ?? 'pnrr') as Metric,
      perCapita: populationYear(this.perCapita),
      comune: opt(this.comune),
      province: opt(this.province),
      mission: opt(this.mission)?.toUpperCase(),
    };
  }

  /**
   * Resolves with the vega view once the current data are drawn (null when
   * nothing is drawn: loading failed, empty result). For tests and host pages
   * that post-process the drawing.
   */
  async chartRendered(): Promise<View | null> {
    const state = await this.settled();
    if (state !== 'ready') return null;
    await this.updateComplete;
    return (await this.vega.rendered())?.view ?? null;
  }

  protected override dataArgs(): readonly unknown[] {
    const q = this.query;
    return [q.groupBy, q.metric, q.perCapita, q.comune, q.province, q.mission];
  }

  protected override async loadData(client: PnrrClient, signal: AbortSignal): Promise<ChartData> {
    const query = this.query;
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
    const rows = answer.filter((r) => !buckets.includes(r) && Number.isFinite(r.value));
    return { query, rows, buckets, excluded, territories };
  }

  protected override isEmpty(data: ChartData): boolean {
    return data.rows.length === 0;
  }

  protected override renderEmpty(data: ChartData): TemplateResult {
    const t = chartMessages[this.language];
    return html`${headingTemplate(headingLevel(this.headingLevel), this.chartTitle(data, t), 'title')} ${emptyTemplate(this.language, t.emptyFilters)}`;
  }

  // ------------------------------------------------------------------ text

  private place(data: ChartData, t: Messages): string {
    const { comune, province } = data.query;
    if (comune) return data.territories.comuni.find((c) => c.code === comune)?.name ?? comune;
    if (province) {
      const p = data.territories.provinces.find((c) => c.code === province);
      return t.province(p?.name ?? province);
    }
    return data.territories.region.name;
  }

  private chartTitle(data: ChartData, t: Messages): string {
    const q = data.query;
    const metric = `${t.metric(q.metric)}${q.perCapita ? ` ${t.perCapitaTitle}` : ''}`;
    return `${metric} ${t.groupBy(q.groupBy)} · ${this.place(data, t)}${q.mission ? ` · ${t.mission(q.mission)}` : ''}`;
  }

  private formatValue(value: number, q: ChartQuery, lang: Lang, full = false): string {
    if (q.perCapita) return q.metric === 'count' ? number(value, lang, 4) : moneyCents(value, lang);
    if (q.metric === 'count') return number(value, lang);
    return full ? moneyFull(value, lang) : moneyCompact(value, lang);
  }

  private formatAmount(amount: number, q: ChartQuery, lang: Lang): string {
    return q.metric === 'count' ? number(amount, lang) : moneyCompact(amount, lang);
  }

  private rowLabel(row: SpendingRow, q: ChartQuery): string {
    return HIERARCHY.has(q.groupBy) && row.label !== row.key ? `${row.key} ${row.label}` : row.label;
  }

  private projects(n: number, t: Messages, lang: Lang): string {
    return n === 1 ? t.oneProject : t.projects(number(n, lang));
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
      value = people > 0 ? amount / people : Number.NaN;
    }
    const others = { key: OTHERS_KEY, label: '', value, amount, count, others: rest.length, ...(population !== undefined ? { population } : {}) };
    return Number.isFinite(value) ? [...head, others] : head;
  }

  private summary(data: ChartData, t: Messages, lang: Lang): string {
    const q = data.query;
    const first = data.rows[0]!;
    const name = HIERARCHY.has(q.groupBy) ? first.key : first.label;
    const value = `${this.formatValue(first.value, q, lang)}${q.perCapita ? ` ${t.perCapitaTitle}` : ''}`;
    const lead = q.metric === 'count' && !q.perCapita ? t.summaryCount(name, value) : t.summaryMoney(name, value);
    return `${lead} ${t.summaryGroups(data.rows.length)}`;
  }

  private notes(data: ChartData, t: Messages, lang: Lang): string[] {
    const q = data.query;
    const notes: string[] = [];
    if (q.perCapita) notes.push(t.denominator(data.territories.populationYears[q.perCapita] ?? q.perCapita));
    if (q.comune) notes.push(t.ruleComune);
    else if (q.province) notes.push(t.ruleProvince);
    const sum = (rows: SpendingRow[]) => rows.reduce((s, r) => s + r.amount, 0);
    if (data.buckets.length > 0) {
      const amount = this.formatAmount(sum(data.buckets), q, lang);
      notes.push(q.groupBy === 'province' ? t.notAttributableProvince(amount) : t.notAttributable(amount));
    }
    if (data.excluded.length > 0) {
      const amount = this.formatAmount(sum(data.excluded), q, lang);
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
        : [label, this.formatValue(row.value, q, lang, true), this.projects(row.count, t, lang)];
      if (q.perCapita && !others) lines.push(`${t.amount}: ${this.formatAmount(row.amount, q, lang)} · ${t.population}: ${row.population ? number(row.population, lang) : '–'}`);
      return { key: row.key, label, value: row.value, valueLabel, tooltip: lines.join('\n'), color: others ? muted : bar };
    });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    reservePlotHeight(this.renderRoot);
    const data = this.state === 'ready' ? (this.dataTask.value as ChartData) : undefined;
    if (!data) {
      if (this.specKey !== '') {
        this.specKey = '';
        this.vega.setSpec(null);
      }
      return;
    }
    const lang = this.language;
    const t = chartMessages[lang];
    const bars = this.bars(data, t, lang);
    const theme = specTheme(this);
    // Redraw only when what is drawn changes (data, language, top, colours).
    const key = JSON.stringify([bars, theme]);
    if (key === this.specKey) return;
    this.specKey = key;
    const measure = canvasTextMeasurer(theme.font, theme.fontSize ?? 13);
    const description = this.summary(data, t, lang);
    this.exportSpec = (width, caption) => barChartSpec(bars, { width, theme, measure, description, caption });
    this.vega.setSpec((width) => barChartSpec(bars, { width, theme, measure, description }));
  }

  protected override renderData(data: ChartData): TemplateResult {
    const lang = this.language;
    const t = chartMessages[lang];
    const q = data.query;
    const title = this.chartTitle(data, t);
    const summary = this.summary(data, t, lang);
    const shown = this.shownRows(data);
    const theme = specTheme(this);
    const width = Math.max(280, Math.floor(this.getBoundingClientRect().width) - 34);
    // Reserve the drawing's height before vega arrives, so nothing moves.
    const layout = barLayout(
      shown.map((r) => ({ key: r.key, label: this.rowLabel(r, q), value: r.value, valueLabel: this.formatValue(r.value, q, lang), tooltip: '', color: '' })),
      { width, theme },
    );
    const tableId = 'data-table';
    return html`<figure class="figure" aria-labelledby="chart-title">
      ${headingTemplate(headingLevel(this.headingLevel), title, 'title', 'chart-title')}
      <p class="summary" part="summary">${summary}</p>
      ${notesTemplate(this.notes(data, t, lang))}
      ${plotTemplate(t.chartLabel(title, summary), layout.height + 8, this.vega.error ? t.drawError : undefined)}
      ${toolbarTemplate(
        t,
        {
          tableOpen: this.tableOpen,
          toggleTable: () => {
            this.tableOpen = !this.tableOpen;
            this.requestUpdate();
          },
          csv: () => this.csv(data, t, title),
          image: this.vega.handle ? (type) => this.image(type, data, title, summary) : null,
          imageName: fileName('pnrr', title),
        },
        tableId,
      )}
      <div class="table-wrap" id=${tableId} ?hidden=${!this.tableOpen} role="region" aria-label=${t.tableCaption(title)} tabindex="0">
        ${this.table(data, shown, t, lang, title)}
      </div>
    </figure>`;
  }

  /** The chart as a stand-alone image: title, summary, notes and source drawn in. */
  private image(type: 'png' | 'svg', data: ChartData, title: string, summary: string): Promise<string> {
    const lang = this.language;
    const lines = [summary, ...this.notes(data, chartMessages[lang], lang), sourceLine(this.manifest, lang)].filter(Boolean);
    const width = Math.max(480, this.renderRoot.querySelector<HTMLElement>('.plot')?.clientWidth ?? 0);
    return specToImageURL(this.exportSpec!(width, { title, lines }), type);
  }

  private table(data: ChartData, shown: ReturnType<PnrrSpendingChart['shownRows']>, t: Messages, lang: Lang, title: string): TemplateResult {
    const q = data.query;
    const valueHeader = `${t.metric(q.metric)}${q.perCapita ? ` ${t.perCapitaTitle}` : ''}`;
    const extra = [...data.buckets, ...data.excluded];
    return html`<table part="table">
      <caption>${t.tableCaption(title)}</caption>
      <thead>
        <tr>
          <th scope="col">${t.column(q.groupBy)}</th>
          <th scope="col" class="num">${valueHeader}</th>
          <th scope="col" class="num">${t.projectsColumn}</th>
          ${q.perCapita ? html`<th scope="col" class="num">${t.amount}</th><th scope="col" class="num">${t.population}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${shown.map((row) => {
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
  private csv(data: ChartData, t: Messages, title: string): { text: string; name: string } {
    const q = data.query;
    const header = [t.code, t.column(q.groupBy), t.kind, t.value, t.amount, t.projectsColumn, ...(q.perCapita ? [t.population] : [])];
    const line = (r: SpendingRow, value: number) => [r.key, r.label, this.kindLabel(r, t), value, r.amount, r.count, ...(q.perCapita ? [r.population ?? null] : [])];
    const rows = [...data.rows.map((r) => line(r, r.value)), ...[...data.buckets, ...data.excluded].map((r) => line(r, r.amount))];
    return { text: toCsv(header, rows), name: `${fileName('pnrr', title)}.csv` };
  }
}
