/**
 * <pnrr-municipality-map>: choropleth of the region's comuni from the data
 * package's TopoJSON boundaries and fact table. Class only (no registration):
 * import `./define.js` or the package's define entry to register the tag.
 */
import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { SpendingRow, Territories, Topology } from '@pnrr-toscana/sdk';
import type { PnrrClient } from '../base/client.js';
import { withPlaceCodes } from '../base/places.js';
import { emit } from '../base/events.js';
import type { Lang } from '../i18n/lang.js';
import { clip, isolate } from '../format.js';
import { number } from '../figure/amounts.js';
import { choroplethSpec, type MapClass, type MapDatum } from './choropleth-spec.js';
import { cssVar, forcedColors, isDark, specTheme } from '../figure/theme.js';
import { figureMessages } from '../i18n/figure.js';
import type { UrlStateField } from '../base/url-state.js';
import { PnrrFigureElement, checkMetricPerCapita, valueScale, type Drawing, type FigureDescription, type FigureTable, type TableColumn, type TableRow, type FigureData, type FigureQuery } from '../figure/figure-element.js';
import { mapMessages } from '../i18n/map.js';
import { reservedSizes } from '../base/reserve.js';
import { MAP_SIZES } from './size.js';
import { NO_DATA_COLOR, PALETTES, pickColors, quantileClasses, shareClasses } from './classes.js';

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

/** The map's filters are exactly the figure's. */
export type MapQuery = FigureQuery;

/** One comune of the map with its value (0 and no row = no projects). */
export interface MapComune {
  code: string;
  name: string;
  province: string;
  row: SpendingRow | undefined;
}

export interface MapData extends FigureData {
  /** The map always reads territories.json: the comuni to draw and their names. */
  territories: Territories;
  /** The comuni drawn (those of `province` when set), with their rows. */
  comuni: MapComune[];
  /** Province- and region-wide rows: money not attributable to one comune. */
  buckets: SpendingRow[];
  topology: Topology;
}

/** Longest comune name in the list, in characters: a longer one ends in "…" (the data table has it in full). */
const OPTION_CHARS = 80;
const optionText = (name: string): string => clip(name, OPTION_CHARS);

/** A province from the URL: a code or a name, short, printable, no markup characters. */
const placeText = (v: string): boolean => v.length <= 60 && /^[\p{L}\p{M}0-9 '’.-]+$/u.test(v);

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
 * @attr province - Show only this province's comuni, zoomed in: 3-digit ISTAT code (e.g. `048`) or name (e.g. `Firenze`).
 * @attr per-capita - Divide each comune's value by its resident population: present (ISTAT 1/1/2021) or `anpr2025` (projects are shown per 10,000 inhabitants).
 *
 * @fires pnrr-municipality-select - A comune was chosen on the map or in the list. `detail: { code, name }`.
 *
 * @csspart tooltip - The tooltip over a comune.
 * @csspart picker - The list of comuni beside the map (label, select and the chosen comune's values).
 *
 * @cssprop --pnrr-map-selected - Outline of the selected comune (default: the text colour).
 * @cssprop --pnrr-map-border - Province borders (default: the text colour).
 * @cssprop --pnrr-color-background - Comune borders and the halo around the selection.
 */
export class PnrrMunicipalityMap extends PnrrFigureElement<MapData> {
  static override properties: PropertyDeclarations = {
    ...PnrrFigureElement.properties,
    selected: { type: String, reflect: true },
  };

  static override styles = [
    PnrrFigureElement.styles,
    css`
      ${reservedSizes(MAP_SIZES)}
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        /* The map takes the room the list of comuni leaves under it. */
        grid-template-rows: minmax(0, 1fr) auto;
        gap: 1em;
      }
      .open .layout {
        grid-template-rows: auto;
      }
      @container (min-width: 40rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr) minmax(12rem, 16rem);
          grid-template-rows: minmax(0, 1fr);
          align-items: start;
        }
        .layout > .plot-wrap {
          align-self: stretch;
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
        min-inline-size: 0;
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

  /** 6-digit ISTAT code of the highlighted comune (set by a click or the list; reflected). */
  declare selected: string | undefined;

  constructor() {
    super();
    this.skeletonLines = 12;
  }

  /** `sync-url`: the chosen comune (Back undoes a choice) and the province shown, besides the figure's own. */
  protected override urlFields(): Record<string, UrlStateField> {
    return {
      ...super.urlFields(),
      comune: { get: () => this.selected ?? '', set: (v) => (this.selected = v || undefined), valid: (v) => /^\d{6}$/.test(v), push: true },
      // A code or a name, as the attribute takes it; the element checks it (an unknown one shows its error).
      province: { get: () => this.province ?? '', set: (v) => (this.province = v || undefined), valid: placeText, push: true },
    };
  }

  get query(): MapQuery {
    return this.figureQuery();
  }

  /** Selects a comune as a user would (sets `selected` and fires `pnrr-municipality-select`). */
  choose(code: string): void {
    const data = this.state === 'ready' ? (this.dataTask.value as MapData) : undefined;
    const comune = data?.comuni.find((c) => c.code === code);
    if (!comune) return;
    this.selected = code;
    emit(this, 'pnrr-municipality-select', { code, name: comune.name });
  }

  protected override plotClicked(datum: Record<string, unknown>): void {
    const props = datum['properties'] as { pro_com_t?: unknown } | undefined;
    if (typeof props?.pro_com_t === 'string') this.choose(props.pro_com_t);
  }

  protected override async loadData(client: PnrrClient, signal: AbortSignal): Promise<MapData> {
    checkMetricPerCapita(this.query);
    const query = await withPlaceCodes(client, this.query, signal);
    const { metric, perCapita, province, mission } = query;
    const [rows, topology, territories] = await Promise.all([
      client.spending({ groupBy: 'comune', metric, ...(perCapita ? { perCapita } : {}), ...(province ? { province } : {}), ...(mission ? { mission } : {}), signal }),
      client.boundaries({ signal }),
      client.territories({ signal }),
    ]);
    const k = valueScale(query);
    const byCode = new Map(rows.map((r) => [r.key, k === 1 ? r : { ...r, value: r.value * k }]));
    const comuni = territories.comuni
      .filter((c) => !province || c.province === province)
      .map((c) => ({ code: c.code, name: c.name, province: c.province, row: byCode.get(c.code) }));
    const buckets = rows.filter((r) => r.kind === 'province-wide' || r.kind === 'region-wide');
    const referenceDates = rows.find((r) => r.referenceDates)?.referenceDates;
    return { query, comuni, buckets, topology, territories, referenceDates };
  }

  protected override isEmpty(data: MapData): boolean {
    // No shapes to draw (e.g. an unknown province), or a filter with no money
    // anywhere (e.g. a mission with no projects): the chart's empty state, not
    // a map of grey comuni. Comuni with no projects on a map with data are still drawn.
    return data.comuni.length === 0 || (data.buckets.length === 0 && data.comuni.every((c) => !c.row));
  }

  // ------------------------------------------------------------------ text

  private value(c: MapComune): number {
    return c.row && Number.isFinite(c.row.value) ? c.row.value : 0;
  }

  /** Whether a comune has a value to show: any project (for a share: any financed project with a payments row, 0 % included). */
  private hasData(c: MapComune, q: MapQuery): boolean {
    return q.metric === 'paid-share' ? c.row !== undefined && Number.isFinite(c.row.value) : this.value(c) > 0;
  }

  private titleText(data: MapData, lang: Lang): string {
    const q = data.query;
    return `${mapMessages[lang].title(this.metricTitle(q, lang), this.place(data, lang))}${q.mission ? ` · ${figureMessages[lang].mission(q.mission)}` : ''}${this.paidDateTitle(data, lang)}`;
  }

  private summary(data: MapData, lang: Lang): string {
    const t = mapMessages[lang];
    const withData = data.comuni.filter((x) => this.hasData(x, data.query));
    if (withData.length === 0) return t.none(data.comuni.length);
    const top = withData.reduce((a, b) => (this.value(b) > this.value(a) ? b : a));
    return `${t.summary(isolate(top.name), this.valueWithUnit(this.value(top), data.query, lang))} ${t.coverage(withData.length, data.comuni.length)}`;
  }

  private notes(data: MapData, lang: Lang): string[] {
    const t = mapMessages[lang];
    const q = data.query;
    const notes = [...this.denominatorNotes(data, lang), ...this.paidNotes(data, lang), t.rule];
    if (q.metric === 'paid-share') notes.push(t.shareScale);
    const buckets = data.buckets.filter((b) => this.moneyOf(b, q) > 0);
    if (buckets.length > 0) {
      // Euros (for paid-share: the euros paid).
      const total = buckets.reduce((s, b) => s + this.moneyOf(b, q), 0);
      notes.push(t.notAttributable(this.amountInWords(total, data.query, lang)));
    }
    return notes;
  }

  // ------------------------------------------------------------------ the description

  protected override describe(data: MapData, lang: Lang): FigureDescription {
    const title = this.titleText(data, lang);
    const summary = this.summary(data, lang);
    return { title, summary, notes: this.notes(data, lang), table: this.table(data, title, lang), drawing: this.drawing(data, summary, lang) };
  }

  /** Legend classes and each comune's class. */
  private classify(data: MapData, lang: Lang): { classes: MapClass[]; noData: MapClass; datum: MapDatum[] } {
    const q = data.query;
    const t = mapMessages[lang];
    const scheme = isDark(this) ? 'dark' : 'light';
    const share = q.metric === 'paid-share';
    // A share on a fixed 0–100 % scale (no row: no data); money and counts by quantiles.
    const { index, ranges } = share
      ? shareClasses(data.comuni.map((x) => (x.row ? x.row.value : Number.NaN)))
      : quantileClasses(data.comuni.map((x) => this.value(x)), 5);
    const colors = pickColors(PALETTES[scheme], ranges.length);
    const classes = ranges.map(([lo, hi], i) => ({ label: t.range(this.formatValue(lo, q, lang), this.formatValue(hi, q, lang)), color: colors[i]! }));
    const noData = { label: t.noData, color: NO_DATA_COLOR[scheme] };
    const datum = data.comuni.map((x, i) => {
      const cls = index[i]! >= 0 ? classes[index[i]!]!.label : noData.label;
      const lines = [x.name, x.row ? this.formatValue(this.value(x), q, lang, true) : t.noData];
      if (x.row) lines.push(this.projects(x.row.count, lang));
      return { code: x.code, cls, tooltip: lines.join('\n') };
    });
    return { classes, noData, datum };
  }

  // ------------------------------------------------------------------ drawing

  /** `selected` values already reported (each is reported once). */
  private readonly warnedSelected = new Set<string>();

  /** A `selected` that is no comune of the package highlights nothing: say so on the console, once per value. */
  private checkSelected(data: MapData): void {
    const value = this.selected;
    if (!value || this.warnedSelected.has(value) || data.territories.comuni.some((c) => c.code === value)) return;
    this.warnedSelected.add(value);
    console.warn(`<pnrr-municipality-map>: selected="${value}" is not a comune of this data package (a 6-digit ISTAT code, e.g. "048017"): nothing is highlighted.`);
  }

  private drawing(data: MapData, description: string, lang: Lang): Drawing {
    this.checkSelected(data);
    const { classes, noData, datum } = this.classify(data, lang);
    const theme = specTheme(this);
    const colors = {
      stroke: theme.background,
      province: cssVar(this, '--pnrr-map-border', theme.text),
      // Forced colours: the selection in the system's highlight colour.
      selected: cssVar(this, '--pnrr-map-selected', forcedColors() ? 'Highlight' : theme.text),
    };
    const selected = data.comuni.some((x) => x.code === this.selected) ? this.selected! : null;
    const legendTitle = this.metricTitle(data.query, lang);
    const province = data.query.province ?? null;
    const options = { topology: data.topology, data: datum, classes, noData, legendTitle, province, selected, theme, colors, description };
    return {
      // What is drawn. The topology is the same object for a package: it counts by identity.
      key: JSON.stringify([datum, classes, noData, theme, colors, selected, data.query.province, legendTitle]) + String(this.topologyId(data.topology)),
      spec: (width, caption, room) => choroplethSpec({ ...options, width, caption, ...(room ? { room } : {}) }),
      label: mapMessages[lang].mapLabel,
      imageMinWidth: 560,
      // Nothing to hold open inside the box: the map is drawn to fit the room the fixed block size leaves.
      minHeight: () => 0,
    };
  }

  private readonly topologyIds = new WeakMap<object, number>();
  private topologyId(topology: object): number {
    let id = this.topologyIds.get(topology);
    if (id === undefined) this.topologyIds.set(topology, (id = Math.random()));
    return id;
  }

  /** The map and, beside it, the list of comuni (the keyboard's way to choose one) with the chosen one's values. */
  protected override renderPlot(plot: TemplateResult, data: MapData, lang: Lang): TemplateResult {
    const t = mapMessages[lang];
    const sorted = [...data.comuni].sort((a, b) => byName(lang).compare(a.name, b.name));
    const chosen = data.comuni.find((x) => x.code === this.selected);
    return html`<div class="layout">
      ${plot}
      <div class="picker" part="picker">
        <label for="comune-select">${t.choose}</label>
        <select id="comune-select" @change=${(e: Event) => this.onSelect(e)}>
          <option value="" ?selected=${!chosen}>${t.chooseNone}</option>
          ${sorted.map((x) => html`<option value=${x.code} ?selected=${x.code === chosen?.code}>${optionText(x.name)}</option>`)}
        </select>
        <p class="chosen" aria-live="polite">
          ${chosen
            ? t.selected(isolate(chosen.name), chosen.row ? this.formatValue(this.value(chosen), data.query, lang, true) : t.noData, this.projects(chosen.row?.count ?? 0, lang))
            : nothing}
        </p>
      </div>
    </div>`;
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

  /** Every comune, largest value first; the foot: money not attributable to one comune (the CSV also has empty buckets). */
  private table(data: MapData, title: string, lang: Lang): FigureTable {
    const q = data.query;
    const t = mapMessages[lang];
    const c = figureMessages[lang];
    const columns: TableColumn[] = [
      { label: c.code, only: 'csv' },
      { label: t.comune, rowHeader: true },
      { label: t.province },
      { label: c.kind, only: 'csv' },
      { label: this.metricTitle(q, lang), csvLabel: q.perCapita ? this.metricTitle(q, lang) : c.value, numeric: true, dataValue: true },
      ...(q.metric === 'paid-share' ? [] : [{ label: c.amount, numeric: true, only: 'csv' as const }]),
      ...this.paidColumns(q, lang),
      { label: c.projectsColumn, numeric: true },
      ...(q.perCapita ? [{ label: c.population, numeric: true }] : []),
    ];
    const rows: TableRow[] = this.byValue(data, lang).map((x) => ({
      key: x.code,
      cells: [
        { value: x.code },
        { value: x.name },
        { value: this.provinceName(data, x.province) },
        { value: c.kindComune },
        this.hasData(x, q) || q.metric !== 'paid-share' ? { value: this.value(x), text: this.formatValue(this.value(x), q, lang, true) } : { value: null, text: '–' },
        ...(q.metric === 'paid-share' ? [] : [{ value: x.row?.amount ?? 0 }]),
        ...this.paidCells(x.row, q, lang),
        { value: x.row?.count ?? 0, text: number(x.row?.count ?? 0, lang) },
        { value: x.row?.population ?? null, text: x.row?.population ? number(x.row.population, lang) : '–' },
      ],
    }));
    const foot: TableRow[] = data.buckets.map((b) => {
      const kind = b.kind === 'region-wide' ? c.kindRegionWide : c.kindProvinceWide;
      return {
        key: b.key,
        ...(this.moneyOf(b, q) > 0 ? {} : { only: 'csv' as const }),
        cells: [
          { value: b.key },
          { value: b.label },
          // The page shows the kind in the province column; the CSV has its own kind column.
          { value: '', text: kind },
          { value: kind },
          q.metric === 'paid-share' ? { value: b.value, text: this.formatValue(b.value, q, lang, true) } : { value: b.amount, text: this.formatAmount(b.amount, q, lang) },
          ...(q.metric === 'paid-share' ? [] : [{ value: b.amount }]),
          ...this.paidCells(b, q, lang),
          { value: b.count, text: number(b.count, lang) },
          { value: null, text: '–' },
        ],
      };
    });
    return { caption: t.tableCaption(title), columns, rows, foot };
  }
}
