/**
 * <pnrr-municipality-map>: choropleth of the region's comuni from the data
 * package's TopoJSON boundaries and fact table. Class only (no registration):
 * import `./define.js` or the package's define entry to register the tag.
 */
import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Metric, PopulationYear, SpendingRow, Territories, Topology as SdkTopology } from '@pnrr-toscana/sdk';
import type { View } from 'vega';
import { PnrrElement } from '../base/pnrr-element.js';
import type { PnrrClient } from '../base/client.js';
import { emit } from '../base/events.js';
import { emptyTemplate, headingLevel, headingTemplate } from '../base/states.js';
import type { Lang } from '../base/lang.js';
import { moneyCents, moneyCompact, moneyFull, number } from '../format.js';
import { choroplethSpec, mapHeight, type ExportCaption, type MapClass, type MapDatum, type MapOptions, type Topology } from '../vega/specs.js';
import { VegaController } from '../vega/controller.js';
import { specToImageURL } from '../vega/render.js';
import { cssVar, isDark, specTheme } from '../vega/theme.js';
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
} from '../chart/figure.js';
import { mapMessages } from '../i18n/map.js';
import { NO_DATA_COLOR, PALETTES, pickColors, quantileClasses } from './classes.js';

/** Detail of `pnrr-municipality-select`. */
export interface MunicipalitySelectDetail {
  /** 6-digit ISTAT code of the comune, e.g. "048017". */
  code: string;
  /** Its name as ISTAT writes it, e.g. "Firenze". */
  name: string;
}

declare global {
  interface HTMLElementEventMap {
    'pnrr-municipality-select': CustomEvent<MunicipalitySelectDetail>;
  }
}

export interface MapQuery {
  metric: Metric;
  perCapita: PopulationYear | undefined;
  province: string | undefined;
  mission: string | undefined;
}

/** One comune of the map with its value (0 and no row = no projects). */
export interface MapComune {
  code: string;
  name: string;
  province: string;
  row: SpendingRow | undefined;
}

export interface MapData {
  query: MapQuery;
  /** The comuni drawn (those of `province` when set), with their rows. */
  comuni: MapComune[];
  /** Province- and region-wide rows: money not attributable to one comune. */
  buckets: SpendingRow[];
  topology: Topology;
  territories: Territories;
}

type Messages = (typeof mapMessages)[Lang];
type ChartMessages = (typeof chartMessages)[Lang];

const collator = new Map<Lang, Intl.Collator>();
const byName = (lang: Lang) => {
  let c = collator.get(lang);
  if (!c) collator.set(lang, (c = new Intl.Collator(lang === 'it' ? 'it-IT' : 'en-GB')));
  return c;
};

/**
 * Choropleth of the region's comuni (Tuscany's 273 with the default package;
 * any region whose package it reads), coloured by PNRR money or projects, with
 * province borders, a legend, tooltips, a keyboard-usable list of comuni beside
 * the map, a note with the money that cannot be attributed to a single comune,
 * a data table with every comune, and CSV / PNG / SVG downloads.
 *
 * @tagname pnrr-municipality-map
 * @summary Map of PNRR spending by comune; choosing a comune emits `pnrr-municipality-select`.
 *
 * @attr metric - `pnrr` (default: PNRR funding, €), `total` (total funding, €) or `count` (projects).
 * @attr mission - Only this mission (`M1`…`M7`).
 * @attr province - Show only this province's comuni, zoomed in (3-digit ISTAT code, e.g. `048`).
 * @attr per-capita - Divide each comune's value by its resident population: present (ISTAT 1/1/2021) or `anpr2025`.
 * @attr selected - 6-digit ISTAT code of the highlighted comune (set by a click or the list; reflected).
 * @attr heading-level - Level of the map's title, 1–6 (default 3).
 * @attr src - URL of the data package (see the shared attributes).
 * @attr lang - `it` (default) or `en`; else the nearest `lang` on the page.
 * @attr theme - `auto` (default), `light` or `dark`.
 *
 * @fires pnrr-municipality-select - A comune was chosen on the map or in the list. `detail: { code, name }`.
 * @fires pnrr-load - The data arrived and are shown. `detail: { referenceDate }`.
 * @fires pnrr-error - The element shows its error state. `detail: { error }`.
 *
 * @csspart base - The frame.
 * @csspart body - The content area.
 * @csspart title - The map title (a heading).
 * @csspart summary - The text summary.
 * @csspart notes - Denominator, attribution rule and the not-attributable amount.
 * @csspart plot - The box holding the drawing.
 * @csspart tooltip - The tooltip over a comune.
 * @csspart picker - The list of comuni beside the map (label, select and the chosen comune's values).
 * @csspart toolbar - The row of buttons.
 * @csspart button - Each toolbar button (also `table-toggle`, `download-csv`, `download-png`, `download-svg`).
 * @csspart table - The data table.
 * @csspart skeleton - The loading placeholder.
 * @csspart state - Error / empty message.
 * @csspart retry - The retry button.
 * @csspart attribution - Source, licence and data date.
 *
 * @cssprop --pnrr-min-block-size - Height reserved while loading (default 34rem).
 * @cssprop --pnrr-map-selected - Outline of the selected comune (default: the text colour).
 * @cssprop --pnrr-map-border - Province borders (default: the text colour).
 * @cssprop --pnrr-color-background - Comune borders and the halo around the selection.
 */
export class PnrrMunicipalityMap extends PnrrElement<MapData> {
  static override properties: PropertyDeclarations = {
    ...PnrrElement.properties,
    metric: { type: String },
    mission: { type: String },
    province: { type: String },
    perCapita: { attribute: 'per-capita', converter: perCapitaConverter },
    selected: { type: String, reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
  };

  static override styles = [
    PnrrElement.styles,
    figureStyles,
    css`
      :host {
        --_min-block-size: 34rem;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 1em;
      }
      @container (min-width: 40rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr) minmax(12rem, 16rem);
          align-items: start;
        }
      }
      .picker {
        display: flex;
        flex-direction: column;
        gap: 0.5em;
      }
      .picker label {
        font-weight: 600;
      }
      .picker select {
        font: inherit;
        inline-size: 100%;
        padding: 0.25em;
        color: var(--_text);
        background: var(--_background);
        border: 1px solid var(--_text-muted);
        border-radius: var(--pnrr-radius, 4px);
      }
      .picker select:focus-visible {
        outline: 2px solid var(--_primary);
        outline-offset: 2px;
      }
      .chosen {
        font-size: 0.875em;
      }
    `,
  ];

  /** See the `metric` attribute. */
  declare metric: Metric | undefined;
  /** See the `mission` attribute. */
  declare mission: string | undefined;
  /** See the `province` attribute. */
  declare province: string | undefined;
  /** See the `per-capita` attribute. */
  declare perCapita: boolean | string | undefined;
  /** Code of the highlighted comune; see the `selected` attribute. */
  declare selected: string | undefined;
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
    onClick: (datum) => {
      const props = datum['properties'] as { pro_com_t?: unknown } | undefined;
      if (typeof props?.pro_com_t === 'string') this.choose(props.pro_com_t);
    },
  });
  private specKey = '';
  /** Options of the current drawing, reused (with a title block) for downloads. */
  private specOptions: Omit<MapOptions, 'width'> | null = null;
  private readonly dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  private readonly onScheme = (): void => this.requestUpdate();

  constructor() {
    super();
    this.skeletonLines = 12;
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

  get query(): MapQuery {
    return {
      metric: (opt(this.metric) ?? 'pnrr') as Metric,
      perCapita: populationYear(this.perCapita),
      province: opt(this.province),
      mission: opt(this.mission)?.toUpperCase(),
    };
  }

  /** Resolves with the vega view once the current data are drawn (null when nothing is drawn). */
  async chartRendered(): Promise<View | null> {
    const state = await this.settled();
    if (state !== 'ready') return null;
    await this.updateComplete;
    return (await this.vega.rendered())?.view ?? null;
  }

  /** Selects a comune as a user would (sets `selected` and fires `pnrr-municipality-select`). */
  choose(code: string): void {
    const data = this.state === 'ready' ? (this.dataTask.value as MapData) : undefined;
    const comune = data?.comuni.find((c) => c.code === code);
    if (!comune) return;
    this.selected = code;
    emit(this, 'pnrr-municipality-select', { code, name: comune.name });
  }

  protected override dataArgs(): readonly unknown[] {
    const q = this.query;
    return [q.metric, q.perCapita, q.province, q.mission];
  }

  protected override async loadData(client: PnrrClient, signal: AbortSignal): Promise<MapData> {
    const query = this.query;
    const { metric, perCapita, province, mission } = query;
    const [rows, topology, territories] = await Promise.all([
      client.spending({ groupBy: 'comune', metric, ...(perCapita ? { perCapita } : {}), ...(province ? { province } : {}), ...(mission ? { mission } : {}), signal }),
      client.boundaries({ signal }),
      client.territories({ signal }),
    ]);
    const byCode = new Map(rows.map((r) => [r.key, r]));
    const comuni = territories.comuni
      .filter((c) => !province || c.province === province)
      .map((c) => ({ code: c.code, name: c.name, province: c.province, row: byCode.get(c.code) }));
    const buckets = rows.filter((r) => r.kind === 'province-wide' || r.kind === 'region-wide');
    return { query, comuni, buckets, topology: topology as SdkTopology as unknown as Topology, territories };
  }

  protected override isEmpty(data: MapData): boolean {
    // No shapes to draw (e.g. an unknown province). Comuni with no projects are still a map.
    return data.comuni.length === 0;
  }

  protected override renderEmpty(): TemplateResult {
    return emptyTemplate(this.language, chartMessages[this.language].emptyFilters);
  }

  // ------------------------------------------------------------------ text

  private value(c: MapComune): number {
    return c.row && Number.isFinite(c.row.value) ? c.row.value : 0;
  }

  private formatValue(value: number, q: MapQuery, lang: Lang, full = false): string {
    if (q.perCapita) return q.metric === 'count' ? number(value, lang, 4) : moneyCents(value, lang);
    if (q.metric === 'count') return number(value, lang);
    return full ? moneyFull(value, lang) : moneyCompact(value, lang);
  }

  private formatAmount(amount: number, q: MapQuery, lang: Lang): string {
    return q.metric === 'count' ? number(amount, lang) : moneyCompact(amount, lang);
  }

  private projects(n: number, c: ChartMessages, lang: Lang): string {
    return n === 1 ? c.oneProject : c.projects(number(n, lang));
  }

  private place(data: MapData, c: ChartMessages): string {
    const p = data.query.province;
    if (!p) return data.territories.region.name;
    return c.province(data.territories.provinces.find((x) => x.code === p)?.name ?? p);
  }

  private mapTitle(data: MapData, t: Messages, c: ChartMessages): string {
    const q = data.query;
    const metric = `${c.metric(q.metric)}${q.perCapita ? ` ${c.perCapitaTitle}` : ''}`;
    return `${t.title(metric, this.place(data, c))}${q.mission ? ` · ${c.mission(q.mission)}` : ''}`;
  }

  private summary(data: MapData, t: Messages, c: ChartMessages, lang: Lang): string {
    const q = data.query;
    const withData = data.comuni.filter((x) => this.value(x) > 0);
    if (withData.length === 0) return t.none(data.comuni.length);
    const top = withData.reduce((a, b) => (this.value(b) > this.value(a) ? b : a));
    const value = `${this.formatValue(this.value(top), q, lang)}${q.perCapita ? ` ${c.perCapitaTitle}` : ''}`;
    return `${t.summary(top.name, value)} ${t.coverage(withData.length, data.comuni.length)}`;
  }

  private notes(data: MapData, t: Messages, c: ChartMessages, lang: Lang): string[] {
    const q = data.query;
    const notes: string[] = [];
    if (q.perCapita) notes.push(c.denominator(data.territories.populationYears[q.perCapita] ?? q.perCapita));
    notes.push(t.rule);
    const buckets = data.buckets.filter((b) => b.amount > 0);
    if (buckets.length > 0) {
      const total = buckets.reduce((s, b) => s + b.amount, 0);
      notes.push(t.notAttributable(this.formatAmount(total, q, lang)));
    }
    return notes;
  }

  /** Legend classes and each comune's class. */
  private classify(data: MapData, lang: Lang): { classes: MapClass[]; noData: MapClass; datum: MapDatum[] } {
    const q = data.query;
    const t = mapMessages[lang];
    const c = chartMessages[lang];
    const scheme = isDark(this) ? 'dark' : 'light';
    const values = data.comuni.map((x) => this.value(x));
    const { index, ranges } = quantileClasses(values, 5);
    const colors = pickColors(PALETTES[scheme], ranges.length);
    const classes = ranges.map(([lo, hi], i) => ({ label: t.range(this.formatValue(lo, q, lang), this.formatValue(hi, q, lang)), color: colors[i]! }));
    const noData = { label: t.noData, color: NO_DATA_COLOR[scheme] };
    const datum = data.comuni.map((x, i) => {
      const cls = index[i]! >= 0 ? classes[index[i]!]!.label : noData.label;
      const lines = [x.name, x.row ? this.formatValue(this.value(x), q, lang, true) : t.noData];
      if (x.row) lines.push(this.projects(x.row.count, c, lang));
      return { code: x.code, cls, tooltip: lines.join('\n') };
    });
    return { classes, noData, datum };
  }

  // ------------------------------------------------------------------ drawing

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    reservePlotHeight(this.renderRoot);
    const data = this.state === 'ready' ? (this.dataTask.value as MapData) : undefined;
    if (!data) {
      if (this.specKey !== '') {
        this.specKey = '';
        this.vega.setSpec(null);
      }
      return;
    }
    const lang = this.language;
    const t = mapMessages[lang];
    const c = chartMessages[lang];
    const { classes, noData, datum } = this.classify(data, lang);
    const theme = specTheme(this);
    const colors = {
      stroke: theme.background,
      province: cssVar(this, '--pnrr-map-border', theme.text),
      selected: cssVar(this, '--pnrr-map-selected', theme.text),
    };
    const selected = data.comuni.some((x) => x.code === this.selected) ? this.selected! : null;
    const legendTitle = `${c.metric(data.query.metric)}${data.query.perCapita ? ` ${c.perCapitaTitle}` : ''}`;
    // Redraw only when what is drawn changes. The topology is the same object for a package.
    const key = JSON.stringify([datum, classes, noData, theme, colors, selected, data.query.province, legendTitle]) + String(this.topologyId(data.topology));
    if (key === this.specKey) return;
    this.specKey = key;
    const description = this.summary(data, t, c, lang);
    const options = {
      topology: data.topology,
      data: datum,
      classes,
      noData,
      legendTitle,
      province: data.query.province ?? null,
      selected,
      theme,
      colors,
      description,
    };
    this.specOptions = options;
    this.vega.setSpec((width) => choroplethSpec({ ...options, width }));
  }

  private readonly topologyIds = new WeakMap<object, number>();
  private topologyId(topology: object): number {
    let id = this.topologyIds.get(topology);
    if (id === undefined) this.topologyIds.set(topology, (id = Math.random()));
    return id;
  }

  protected override renderData(data: MapData): TemplateResult {
    const lang = this.language;
    const t = mapMessages[lang];
    const c = chartMessages[lang];
    const q = data.query;
    const title = this.mapTitle(data, t, c);
    const summary = this.summary(data, t, c, lang);
    const sorted = [...data.comuni].sort((a, b) => byName(lang).compare(a.name, b.name));
    const chosen = data.comuni.find((x) => x.code === this.selected);
    // The map's column: the whole width, or beside the 16rem list from 40rem up (see the styles).
    const inner = Math.floor(this.getBoundingClientRect().width) - 34;
    const plotWidth = Math.max(280, inner >= 640 ? inner - 272 : inner);
    const tableId = 'data-table';
    return html`<figure class="figure" aria-labelledby="map-title">
      ${headingTemplate(headingLevel(this.headingLevel), title, 'title', 'map-title')}
      <p class="summary" part="summary">${summary}</p>
      ${notesTemplate(this.notes(data, t, c, lang))}
      <div class="layout">
        ${plotTemplate(t.mapLabel(title, summary), mapHeight(data.topology, plotWidth) + 90, this.vega.error ? c.drawError : undefined)}
        <div class="picker" part="picker">
          <label for="comune-select">${t.choose}</label>
          <select id="comune-select" @change=${(e: Event) => this.onSelect(e)}>
            <option value="" ?selected=${!chosen}>${t.chooseNone}</option>
            ${sorted.map((x) => html`<option value=${x.code} ?selected=${x.code === chosen?.code}>${x.name}</option>`)}
          </select>
          <p class="chosen" aria-live="polite">
            ${chosen
              ? t.selected(chosen.name, chosen.row ? this.formatValue(this.value(chosen), q, lang, true) : t.noData, this.projects(chosen.row?.count ?? 0, c, lang))
              : nothing}
          </p>
        </div>
      </div>
      ${toolbarTemplate(
        c,
        {
          tableOpen: this.tableOpen,
          toggleTable: () => {
            this.tableOpen = !this.tableOpen;
            this.requestUpdate();
          },
          csv: () => this.csv(data, t, c, title),
          image: this.vega.handle ? (type) => this.image(type, data, title, summary) : null,
          imageName: fileName('pnrr', title),
        },
        tableId,
      )}
      <div class="table-wrap" id=${tableId} ?hidden=${!this.tableOpen} role="region" aria-label=${t.tableCaption(title)} tabindex="0">
        ${this.table(data, t, c, lang, title)}
      </div>
    </figure>`;
  }

  /** The map as a stand-alone image: title, summary, notes and source drawn in. */
  private image(type: 'png' | 'svg', data: MapData, title: string, summary: string): Promise<string> {
    const lang = this.language;
    const lines = [summary, ...this.notes(data, mapMessages[lang], chartMessages[lang], lang), sourceLine(this.manifest, lang)].filter(Boolean);
    const width = Math.max(560, this.renderRoot.querySelector<HTMLElement>('.plot')?.clientWidth ?? 0);
    const caption: ExportCaption = { title, lines };
    return specToImageURL(choroplethSpec({ ...this.specOptions!, width, caption }), type);
  }

  private onSelect(event: Event): void {
    const code = (event.target as HTMLSelectElement).value;
    if (code) this.choose(code);
    else this.selected = undefined;
  }

  private byValue(data: MapData, lang: Lang): MapComune[] {
    return [...data.comuni].sort((a, b) => this.value(b) - this.value(a) || byName(lang).compare(a.name, b.name));
  }

  private provinceName(data: MapData, code: string): string {
    return data.territories.provinces.find((p) => p.code === code)?.name ?? code;
  }

  private table(data: MapData, t: Messages, c: ChartMessages, lang: Lang, title: string): TemplateResult {
    const q = data.query;
    const valueHeader = `${c.metric(q.metric)}${q.perCapita ? ` ${c.perCapitaTitle}` : ''}`;
    const buckets = data.buckets.filter((b) => b.amount > 0);
    return html`<table part="table">
      <caption>${t.tableCaption(title)}</caption>
      <thead>
        <tr>
          <th scope="col">${t.comune}</th>
          <th scope="col">${t.province}</th>
          <th scope="col" class="num">${valueHeader}</th>
          <th scope="col" class="num">${c.projectsColumn}</th>
          ${q.perCapita ? html`<th scope="col" class="num">${c.population}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${this.byValue(data, lang).map(
          (x) => html`<tr data-key=${x.code}>
            <th scope="row">${x.name}</th>
            <td>${this.provinceName(data, x.province)}</td>
            <td class="num" data-value=${String(this.value(x))}>${this.formatValue(this.value(x), q, lang, true)}</td>
            <td class="num">${number(x.row?.count ?? 0, lang)}</td>
            ${q.perCapita ? html`<td class="num">${x.row?.population ? number(x.row.population, lang) : '–'}</td>` : nothing}
          </tr>`,
        )}
      </tbody>
      ${buckets.length > 0
        ? html`<tfoot>
            ${buckets.map(
              (b) => html`<tr data-key=${b.key}>
                <th scope="row">${b.label}</th>
                <td>${b.kind === 'region-wide' ? c.kindRegionWide : c.kindProvinceWide}</td>
                <td class="num" data-value=${String(b.amount)}>${this.formatAmount(b.amount, q, lang)}</td>
                <td class="num">${number(b.count, lang)}</td>
                ${q.perCapita ? html`<td class="num">–</td>` : nothing}
              </tr>`,
            )}
          </tfoot>`
        : nothing}
    </table>`;
  }

  private csv(data: MapData, t: Messages, c: ChartMessages, title: string): { text: string; name: string } {
    const q = data.query;
    const header = [c.code, t.comune, t.province, c.kind, c.value, c.amount, c.projectsColumn, ...(q.perCapita ? [c.population] : [])];
    const rows = this.byValue(data, 'it').map((x) => [
      x.code,
      x.name,
      this.provinceName(data, x.province),
      c.kindComune,
      this.value(x),
      x.row?.amount ?? 0,
      x.row?.count ?? 0,
      ...(q.perCapita ? [x.row?.population ?? null] : []),
    ]);
    for (const b of data.buckets) {
      rows.push([b.key, b.label, '', b.kind === 'region-wide' ? c.kindRegionWide : c.kindProvinceWide, b.amount, b.amount, b.count, ...(q.perCapita ? [null] : [])]);
    }
    return { text: toCsv(header, rows), name: `${fileName('pnrr', title)}.csv` };
  }
}
