/**
 * PnrrFigureElement: the base of the elements that draw PNRR money with vega
 * (<pnrr-spending-chart>, <pnrr-municipality-map>). A figure is always the same
 * frame around a different drawing — title, summary, notes, plot, toolbar,
 * data table, CSV / PNG / SVG downloads — with the same filters (metric,
 * mission, province, per-capita) and the same way of keeping vega in step
 * with the data, the width and the colour scheme. That lives here, once; each
 * element keeps only its query, its data and one `describe()` of them (its
 * words, its table, its drawing).
 *
 * Not in `base/`: the card's entry bundle must not carry it. Only the chart
 * and the map import this module, so the CDN build puts it in their shared
 * chunk, loaded when one of them first appears.
 */
import { html, type CSSResultGroup, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { InvalidArgumentError, isPnrrError, type Metric, type PopulationYear, type SpendingRow, type Territories } from '@pnrr-toscana/sdk';
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { PnrrElement } from '../base/pnrr-element.js';
import { UrlState, type UrlStateField } from '../base/url-state.js';
import { emptyTemplate, headingLevel, headingTemplate, type ErrorText } from '../base/states.js';
import type { Lang } from '../i18n/lang.js';
import { date, isolate, moneyFull, percent } from '../format.js';
import { moneyCents, moneyCompact, number } from './amounts.js';
import { VegaController } from '../vega/controller.js';
import { specToImageURL } from '../vega/render.js';
import type { ExportCaption } from './spec.js';
import { toCsv } from './download.js';
import { figureMessages } from '../i18n/figure.js';
import {
  fileName,
  notesTemplate,
  opt,
  perCapitaConverter,
  plotTemplate,
  populationYear,
  reservePlotHeight,
  sourceLine,
  toolbarTemplate,
} from './templates.js';
import { figureStyles, printStyles } from './styles.js';
import { csvTable, tableTemplate, type FigureTable, type TableCell, type TableColumn } from './table.js';

export type { FigureTable, TableCell, TableColumn, TableRow, TableOnly } from './table.js';

/** The filters every figure has, after defaults. */
export interface FigureQuery {
  metric: Metric;
  perCapita: PopulationYear | undefined;
  province: string | undefined;
  mission: string | undefined;
}

/** What every figure's data hold besides its own rows. */
export interface FigureData {
  query: FigureQuery;
  /**
   * Names and population series, when the figure needed them (a province or comune, per capita, the map):
   * a chart of the whole region reads only its view file, and takes the region's name from the manifest.
   */
  territories: Territories | undefined;
  /** Metrics paid and paid-share: the reference dates of the project list and of the payments (from the SDK's rows). */
  referenceDates?: { projects: string; payments: string | null } | undefined;
}

/** Metrics read from the payments file. */
export const isPaidMetric = (metric: Metric): boolean => metric === 'paid' || metric === 'paid-share';

/**
 * `metric="paid-share"` with `per-capita`: refused before any request, naming both
 * attributes (a share paid per inhabitant means nothing; `paid` per capita does).
 */
export function checkMetricPerCapita(q: FigureQuery): void {
  if (q.metric === 'paid-share' && q.perCapita) {
    throw new InvalidArgumentError('metric+per-capita', `metric="paid-share", per-capita`, 'a share paid per inhabitant means nothing: use metric="paid" with per-capita');
  }
}

/**
 * A figure's spec for a width; with a caption (title block) for the downloaded images; `room`: the
 * height of the plot's box on the page in px (the figure's block size is fixed, see ./size.ts of each
 * element), which a drawing that can fit itself (the map) fits into; none for downloads.
 */
export type FigureSpec = (width: number, caption?: ExportCaption, room?: number) => TopLevelSpec;

/** What to draw for the current data. */
export interface Drawing {
  /** Everything the drawing depends on, serialised: an unchanged key means no redraw. */
  key: string;
  spec: FigureSpec;
  /** What the image is and where its values are (the plot's label; title and summary are read once, from the page). */
  label: string;
  /** Narrowest downloaded image, in px (the drawing's width when wider). */
  imageMinWidth: number;
  /** Height of the drawing's scrollable extent before vega arrives, for the frame's content width in px (the box itself is fixed). */
  minHeight: (contentWidth: number) => number;
}

/** Everything a figure says and draws for its data, computed once per update. */
export interface FigureDescription {
  title: string;
  /** The one-sentence summary (also the drawing's description). */
  summary: string;
  /** Denominator, attribution rule, amounts left out: shown under the summary and drawn into downloaded images. */
  notes: string[];
  table: FigureTable;
  drawing: Drawing;
}

type FigureMessages = (typeof figureMessages)[Lang];

/**
 * `metric="count"` with `per-capita`: the SDK gives projects per inhabitant
 * (0,0012…); the figures show projects per 10,000 inhabitants, scaled here.
 */
export const PER_CAPITA_COUNT_SCALE = 10_000;

/** Factor from the SDK's per-capita value to the value shown. */
export const valueScale = (q: FigureQuery): number => (q.perCapita && q.metric === 'count' ? PER_CAPITA_COUNT_SCALE : 1);

const TABLE_ID = 'data-table';
/** Id of the title inside the shadow root (the figure is labelled by it). */
const TITLE_ID = 'figure-title';

/**
 * Base of the elements that draw PNRR money with vega (<pnrr-spending-chart>,
 * <pnrr-municipality-map>). A figure implements `loadData()` and one
 * `describe(data, lang)`; the base renders the title, summary, notes, plot,
 * toolbar and data table from that description, keeps vega in step with it
 * and writes the CSV / PNG / SVG downloads. The parts below, and the
 * attributes of the properties declared here, are every figure's (an element
 * documents only what it adds).
 *
 * @csspart title - The figure's title (a heading).
 * @csspart summary - The one-sentence summary.
 * @csspart notes - Denominator, attribution rule and the amounts not attributable or left out.
 * @csspart plot - The box holding the drawing.
 * @csspart tooltip - The tooltip over a mark of the drawing.
 * @csspart toolbar - The row of buttons.
 * @csspart button - Each toolbar button (also `table-toggle`, `download-csv`, `download-png`, `download-svg`).
 * @csspart table - The data table.
 */
export abstract class PnrrFigureElement<T extends FigureData> extends PnrrElement<T> {
  static override properties: PropertyDeclarations = {
    ...PnrrElement.properties,
    metric: { type: String },
    mission: { type: String },
    province: { type: String },
    perCapita: { attribute: 'per-capita', converter: perCapitaConverter },
    headingLevel: { type: Number, attribute: 'heading-level' },
    syncUrl: { type: Boolean, attribute: 'sync-url' },
  };

  static override styles: CSSResultGroup = [PnrrElement.styles, figureStyles, printStyles];

  /**
   * `pnrr` (default: PNRR funding, €), `total` (total funding, €), `count` (projects), `paid` (payments to date, €,
   * from the payments file) or `paid-share` (share paid: payments ÷ total funding at the payments date, as a
   * percentage; not with `per-capita`). The paid metrics need a data package built with a payments file.
   */
  declare metric: Metric | undefined;
  /** Only this mission (`M1`…`M7`). */
  declare mission: string | undefined;
  /** Only this province: 3-digit ISTAT code (e.g. `048`) or name (e.g. `Firenze`). */
  declare province: string | undefined;
  /** Divide by resident population: present (ISTAT 1/1/2021) or `anpr2025` (projects are shown per 10,000 inhabitants). */
  declare perCapita: boolean | string | undefined;
  /** Level of the figure's title, 1–6 (default 3). */
  declare headingLevel: number | undefined;
  /**
   * Shareable view: keeps what the reader changed (the map's chosen comune and province, the data table
   * shown) in the page address after `#`, restores it when the address is opened, and follows Back / Forward.
   * Keys are prefixed with the element's `id` (else `map` / `chart`): give each synced element of a page its own `id`.
   */
  declare syncUrl: boolean | undefined;

  /** Whether the data table is shown (internal UI state). */
  private tableOpen = false;
  /** What the toolbar's status region last said (a download started). */
  private downloadStatus = '';

  private readonly vega = new VegaController(this, {
    target: () => this.renderRoot?.querySelector<HTMLElement>('.plot'),
    sizer: () => this.renderRoot?.querySelector<HTMLElement>('.plot-sizer'),
    tooltip: () => this.renderRoot?.querySelector<HTMLElement>('.tooltip'),
    onRender: () => {
      reservePlotHeight(this.renderRoot);
      this.requestUpdate();
    },
    // Only an element that handles clicks gets vega's click listener.
    ...(this.plotClicked ? { onClick: (datum: Record<string, unknown>) => this.plotClicked!(datum) } : {}),
  });

  /** `sync-url`: the values of urlFields() in the page's URL fragment. */
  private readonly urlState = new UrlState(this, {
    enabled: () => this.syncUrl === true,
    namespace: () => this.id || this.localName.replace(/^pnrr-(?:[a-z]+-)?/, ''),
    fields: () => this.urlFields(),
  });

  /** The values `sync-url` keeps in the URL: the data table's visibility; an element adds its own. */
  protected urlFields(): Record<string, UrlStateField> {
    return {
      table: {
        get: () => (this.tableOpen ? '1' : ''),
        set: (v) => {
          this.tableOpen = v === '1';
          this.requestUpdate();
        },
        valid: (v) => v === '1',
      },
    };
  }

  /** Key of what vega was last asked to draw ('' = nothing). */
  private drawnKey = '';
  /** The description rendered last, with its data: the drawing, the toolbar and the image downloads read it. */
  private described: { data: T; description: FigureDescription } | undefined;
  // `theme="auto"` follows the scheme through CSS; the drawing's colours are read
  // from CSS when the spec is built, so a scheme change must rebuild it.
  // Forced colours (Windows High Contrast) change them too, and printing (light colours on paper).
  private readonly schemes = ['(prefers-color-scheme: dark)', '(forced-colors: active)', 'print'].map((q) => globalThis.matchMedia?.(q));
  private readonly onScheme = (): void => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    for (const m of this.schemes) m?.addEventListener('change', this.onScheme);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const m of this.schemes) m?.removeEventListener('change', this.onScheme);
    // The controller empties the plot when disconnected: draw again on reconnection.
    this.drawnKey = '';
  }

  /**
   * The shared filters after defaults. Each element shows its own public
   * `query` (these plus its own attributes), typed for what it is.
   */
  protected figureQuery(): FigureQuery {
    return {
      metric: (opt(this.metric) ?? 'pnrr') as Metric,
      perCapita: populationYear(this.perCapita),
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

  /**
   * Errors only figures meet, worded here so the card-only bundle stays lean:
   * two attributes each valid but not together, named as written
   * ("group-by+comune"); a `comune` / `province` name that matched no place, or
   * several (the SDK's PlaceNameError), with the closest names.
   */
  protected override ownErrorText(error: unknown, lang: Lang): Partial<ErrorText> | undefined {
    if (!isPnrrError(error, 'invalid-argument')) return undefined;
    const f = figureMessages[lang];
    const [a, b] = error.argument.split('+');
    if (b) return { message: f.invalidCombination(a!, b, String(error.value)) };
    // A paid metric on a package built without a payments file (e.g. Liguria's).
    if (a === 'metric' && isPaidMetric(error.value as Metric) && this.manifest && !this.manifest.files.paidFacts) {
      return { detail: f.noPayments(isolate(this.manifest.region.name)) };
    }
    const near = (error as { suggestions?: ReadonlyArray<{ name: string; code: string }> }).suggestions;
    return near?.length ? { detail: f.closestPlaces(near.map((p) => `${p.name} (${p.code})`).join(', ')) } : undefined;
  }

  protected override dataArgs(): readonly unknown[] {
    const q = this.figureQuery();
    return [q.metric, q.perCapita, q.province, q.mission];
  }

  // ------------------------------------------------------------------ what each figure says and draws

  /** What the figure says and draws for `data` (called once per update; also for an empty result, for its title). */
  protected abstract describe(data: T, lang: Lang): FigureDescription;
  /** The plot box and anything beside it (default: the plot alone). */
  protected renderPlot(plot: TemplateResult, _data: T, _lang: Lang): TemplateResult {
    return plot;
  }
  /** A click on a mark of the drawing (only elements that define it listen to clicks). */
  protected plotClicked?(datum: Record<string, unknown>): void;

  // ------------------------------------------------------------------ shared wording

  /** A value as the data rows hold it (projects per capita already × PER_CAPITA_COUNT_SCALE). */
  protected formatValue(value: number, q: FigureQuery, lang: Lang, full = false): string {
    if (q.metric === 'paid-share') return percent(value, lang, 1);
    if (q.perCapita) return q.metric === 'count' ? number(value, lang, 1) : moneyCents(value, lang);
    if (q.metric === 'count') return number(value, lang);
    return full ? moneyFull(value, lang) : moneyCompact(value, lang);
  }

  /** An absolute amount (never per capita), e.g. money not attributable to a territory. */
  protected formatAmount(amount: number, q: FigureQuery, lang: Lang): string {
    return q.metric === 'count' ? number(amount, lang) : moneyCompact(amount, lang);
  }

  /**
   * An absolute amount in a sentence (summary, notes), in words, since a
   * screen reader reads "mln €" letter by letter: "222,5 milioni di euro".
   */
  protected amountInWords(amount: number, q: FigureQuery, lang: Lang): string {
    const c = figureMessages[lang];
    if (q.metric === 'count') return number(amount, lang);
    const abs = Math.abs(amount);
    if (abs < 1e6) return c.euroWords(number(amount, lang));
    const [divisor, unit] = abs >= 1e9 ? [1e9, 'bn' as const] : [1e6, 'M' as const];
    return c.amountWords(number(amount / divisor, lang, 1), unit);
  }

  /** The unit after a per-capita value: "per inhabitant", or "per 10,000 inhabitants" for projects. */
  protected perCapitaUnit(q: FigureQuery, lang: Lang): string {
    const c = figureMessages[lang];
    return q.metric === 'count' ? c.perTenThousand : c.perCapitaTitle;
  }

  /** A value in a sentence: amounts in words, with its per-capita unit when it is one. */
  protected valueWithUnit(value: number, q: FigureQuery, lang: Lang): string {
    if (q.metric === 'paid-share') return this.formatValue(value, q, lang);
    return q.perCapita ? `${this.formatValue(value, q, lang)} ${this.perCapitaUnit(q, lang)}` : this.amountInWords(value, q, lang);
  }

  /** "PNRR funding", "Number of projects per 10,000 inhabitants", …: titles, legend, value column. */
  protected metricTitle(q: FigureQuery, lang: Lang): string {
    const c = figureMessages[lang];
    return `${c.metric(q.metric)}${q.perCapita ? ` ${this.perCapitaUnit(q, lang)}` : ''}`;
  }

  /**
   * The euros of a row for sums and notes: its amount, or for `paid-share` (whose
   * amount is a share, which cannot be summed) the euros paid.
   */
  protected moneyOf(row: SpendingRow, q: FigureQuery): number {
    return q.metric === 'paid-share' ? (row.paid ?? 0) : row.amount;
  }

  /** Metrics paid and paid-share: " · pagamenti al 31 marzo 2025" for the title (else ''). */
  protected paidDateTitle(data: FigureData, lang: Lang): string {
    const d = data.referenceDates?.payments;
    return isPaidMetric(data.query.metric) && d ? ` · ${figureMessages[lang].paidAsOf(date(d, lang))}` : '';
  }

  /** Metrics paid and paid-share: the rule and the two dates, for the notes (else none). */
  protected paidNotes(data: FigureData, lang: Lang): string[] {
    const d = data.referenceDates;
    if (!isPaidMetric(data.query.metric) || !d) return [];
    const t = figureMessages[lang];
    return [t.rulePaid(date(d.payments ?? '', lang), date(d.projects, lang))];
  }

  /** Metrics paid and paid-share: the euros paid and financed, as two table columns (page and CSV). */
  protected paidColumns(q: FigureQuery, lang: Lang): TableColumn[] {
    if (!isPaidMetric(q.metric)) return [];
    const t = figureMessages[lang];
    return [
      { label: t.paidColumn, numeric: true },
      { label: t.financedColumn, numeric: true },
    ];
  }

  protected paidCells(row: SpendingRow | undefined, q: FigureQuery, lang: Lang): TableCell[] {
    if (!isPaidMetric(q.metric)) return [];
    const cell = (v: number | undefined): TableCell => (v === undefined ? { value: null, text: '–' } : { value: v, text: moneyFull(v, lang) });
    return [cell(row?.paid), cell(row?.financed)];
  }

  protected projects(n: number, lang: Lang): string {
    const c = figureMessages[lang];
    return n === 1 ? c.oneProject : c.projects(number(n, lang));
  }

  /** The territory shown: the province filtered on, else the region. */
  protected place(data: T, lang: Lang): string {
    const p = data.query.province;
    if (!p) return isolate(data.territories?.region.name ?? this.manifest?.region.name ?? '');
    return figureMessages[lang].province(isolate(data.territories?.provinces.find((x) => x.code === p)?.name ?? p));
  }

  /** The per-capita note naming the population series (none when not per capita). */
  protected denominatorNotes(data: T, lang: Lang): string[] {
    const p = data.query.perCapita;
    return p ? [figureMessages[lang].denominator(this.perCapitaUnit(data.query, lang), data.territories?.populationYears[p] ?? p)] : [];
  }

  // ------------------------------------------------------------------ drawing

  /**
   * Width of the frame's content box in px, known before anything is drawn (to
   * reserve the plot's height): the body of the frame, already laid out by the
   * loading state, so a page's `--pnrr-spacing` is taken into account.
   */
  protected contentWidth(): number {
    return Math.floor(this.renderRoot?.querySelector<HTMLElement>('.body')?.clientWidth ?? this.getBoundingClientRect().width);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    reservePlotHeight(this.renderRoot);
    const data = this.state === 'ready' ? (this.dataTask.value as T) : undefined;
    const drawing = data && this.described?.data === data ? this.described.description.drawing : undefined;
    if (!drawing) {
      if (this.drawnKey !== '') {
        this.drawnKey = '';
        this.vega.setSpec(null);
      }
      return;
    }
    if (drawing.key === this.drawnKey) return;
    this.drawnKey = drawing.key;
    this.vega.setSpec((width) => drawing.spec(width, undefined, this.renderRoot.querySelector('.plot-image')?.clientHeight));
  }

  /** A filter with no data: the chart and the map say the same, under their title. */
  protected override renderEmpty(data: T): TemplateResult {
    const lang = this.language;
    const { title } = this.describe(data, lang);
    return html`${headingTemplate(headingLevel(this.headingLevel), title, 'title')} ${emptyTemplate(lang, figureMessages[lang].emptyFilters)}`;
  }

  protected override renderData(data: T): TemplateResult {
    const lang = this.language;
    const c = figureMessages[lang];
    const d = this.describe(data, lang);
    this.described = { data, description: d };
    const { drawing } = d;
    const plot = plotTemplate(drawing.label, drawing.minHeight(this.contentWidth()), this.vega.error ? c.drawError : undefined);
    return html`<figure class="figure" aria-labelledby=${TITLE_ID}>
      ${headingTemplate(headingLevel(this.headingLevel), d.title, 'title', TITLE_ID)}
      <p class="summary" part="summary">${d.summary}</p>
      ${notesTemplate(d.notes)}
      ${this.renderPlot(plot, data, lang)}
      ${this.toolbar(d, c)}
      <div class="table-wrap" id=${TABLE_ID} ?hidden=${!this.tableOpen} role="region" aria-label=${d.table.caption} tabindex="0">
        ${tableTemplate(d.table)}
      </div>
    </figure>`;
  }

  private toolbar(d: FigureDescription, c: FigureMessages): TemplateResult {
    return toolbarTemplate(
      c,
      {
        tableOpen: this.tableOpen,
        toggleTable: () => {
          // The table opens below the toolbar: the frame leaves its fixed block size (after a click: no layout shift).
          this.expanded = this.tableOpen = !this.tableOpen;
          this.requestUpdate();
        },
        csv: () => {
          const { header, rows } = csvTable(d.table);
          return { text: toCsv(header, rows), name: `${fileName('pnrr', d.title)}.csv` };
        },
        image: this.vega.handle ? (type) => this.image(type, d) : null,
        imageName: fileName('pnrr', d.title),
        status: this.downloadStatus,
        saved: (name) => {
          this.downloadStatus = c.downloaded(name);
          this.requestUpdate();
        },
      },
      TABLE_ID,
    );
  }

  /** The drawing as a stand-alone image: title, summary, notes and source drawn in. */
  private image(type: 'png' | 'svg', d: FigureDescription): Promise<string> {
    const lines = [d.summary, ...d.notes, sourceLine(this.manifest, this.language)].filter(Boolean);
    const width = Math.max(d.drawing.imageMinWidth, this.renderRoot.querySelector<HTMLElement>('.plot')?.clientWidth ?? 0);
    return specToImageURL(d.drawing.spec(width, { title: d.title, lines }), type);
  }
}
