/**
 * The one place where Vega-Lite specs are written. Pure functions: data and
 * sizes in, a spec object out; no DOM, no vega import (types only).
 *
 * Every number a reader sees (bar values, legend classes, tooltips) arrives
 * here already formatted by Intl in the element's language, as a data field:
 * the specs never use vega's own number formatting, whose locale is global to
 * the page (`vega.formatLocale`) and would leak between widgets and host charts.
 */
import type { TopLevelSpec } from 'vega-lite';
import { drawnText, estimateTextWidth, labelLines, wrapText, type MeasureText } from './text.js';

/** Colours and font the specs draw with; the element reads them from its theme. */
export interface SpecTheme {
  /** Body text (labels, legend). */
  text: string;
  /** Background used for exported images and for halos around outlines. */
  background: string;
  /** Font family of the host page. */
  font: string;
  /** Label size in px (default 13). */
  fontSize?: number;
}

/**
 * Title block of a downloaded image: the page shows these as HTML, but a
 * saved PNG/SVG must carry its title, notes (e.g. the per-capita denominator)
 * and source line itself.
 */
export interface ExportCaption {
  title: string;
  /** Lines under the title: summary, denominator, source and licence. */
  lines: string[];
}

function captionTitle(caption: ExportCaption | undefined, theme: SpecTheme, width: number, measure?: MeasureText) {
  if (!caption) return {};
  const fontSize = theme.fontSize ?? 13;
  // Long lines (the source line) are wrapped to the image width rather than widening it.
  const small = measure ?? estimateTextWidth(fontSize - 1);
  const big = estimateTextWidth(fontSize + 3);
  return {
    title: {
      text: labelLines(caption.title, width - 2 * PADDING, big, true),
      subtitle: caption.lines.flatMap((line) => wrapText(drawnText(line, 1000), width - 2 * PADDING, small, true)),
      anchor: 'start' as const,
      font: theme.font,
      subtitleFont: theme.font,
      fontSize: fontSize + 3,
      subtitleFontSize: fontSize - 1,
      color: theme.text,
      subtitleColor: theme.text,
      offset: 12,
    },
  };
}

// ------------------------------------------------------------------ bar chart

/** One bar: one row of the answer, with its text already formatted. */
export interface BarDatum {
  /** Stable group key (mission code, territory key, body key, or "others"). */
  key: string;
  /** Category label shown beside the bar (wrapped; past MAX_LABEL_LINES lines it ends in "…"). */
  label: string;
  /** Bar length. */
  value: number;
  /** The value as shown at the end of the bar, e.g. "641,1 mln €". */
  valueLabel: string;
  /** Tooltip text (lines separated by "\n"). */
  tooltip: string;
  /** Bar colour (e.g. a muted one for "others"). */
  color: string;
}

export interface BarChartOptions {
  /** Total width available, in px. */
  width: number;
  theme: SpecTheme;
  /** Text measurer (default: a generous estimate). */
  measure?: MeasureText;
  /** Minimum row height in px (default 30). */
  minBand?: number;
  /** Share of the width the label column may take before labels wrap (default 0.42). */
  labelShare?: number;
  /** Narrower than this (px), each label goes on its own lines above its bar (default 480). */
  stackBelow?: number;
  /** Short description for the SVG (the element also gives a text summary). */
  description?: string;
  /** Title block, for downloads only. */
  caption?: ExportCaption;
}

/**
 * How the rows are laid out: `side` puts the labels in a column left of the
 * bars (one band height for all rows); `stacked`, for narrow plots, puts each
 * label on its own lines above its bar, both across the full width, each row
 * as tall as its own label.
 */
export type BarLayoutMode = 'side' | 'stacked';

/** Geometry computed from the data, returned with the spec so tests and the element can use it. */
export interface BarLayout {
  mode: BarLayoutMode;
  /** Width of the label column (0 when stacked: labels span the plot). */
  labelColumn: number;
  /** Side: every row's height. Stacked: the tallest row's. */
  band: number;
  lineHeight: number;
  lines: string[][];
  maxLines: number;
  /** Width of the bars' area (the whole width less the padding when stacked). */
  plotWidth: number;
  domainMax: number;
  height: number;
  /** Top of each row in px from the top of the plot. */
  rowTops: number[];
  /** Height of each row in px. */
  rowHeights: number[];
}

const PADDING = 4;
const LABEL_PADDING = 8;
const VALUE_DX = 5;
/** Separates wrapped lines inside an axis label; split back by `labelExpr`. */
const LINE_BREAK = '\n';
const STACK_BELOW = 480;
/** Stacked rows: space above the label, between label and bar, and under the bar. */
const STACK_TOP = 4;
const STACK_GAP = 3;
const STACK_BOTTOM = 8;

/** The x scale's upper end, leaving room after the longest bar for its value label, so it is never cut. */
function domainFor(rows: readonly BarDatum[], plotWidth: number, measure: MeasureText): number {
  const valueWidth = Math.max(0, ...rows.map((row) => measure(row.valueLabel))) + VALUE_DX + 2;
  const maxValue = Math.max(0, ...rows.map((row) => row.value));
  return maxValue > 0 ? (maxValue * plotWidth) / Math.max(40, plotWidth - valueWidth) : 1;
}

export function barLayout(rows: readonly BarDatum[], options: BarChartOptions): BarLayout {
  const fontSize = options.theme.fontSize ?? 13;
  const measure = options.measure ?? estimateTextWidth(fontSize);
  const lineHeight = Math.round(fontSize * 1.3);
  const maxColumn = Math.max(90, Math.round(options.width * (options.labelShare ?? 0.42)));
  const sideLines = rows.map((row) => labelLines(row.label, maxColumn, measure));
  const widest = Math.max(1, ...sideLines.flat().map(measure));
  const labelColumn = Math.min(Math.max(widest, 1), Math.max(maxColumn, widest));
  // Narrow plots, or a word too long for its share of the width: a label column
  // would leave the bars a sliver and wrap labels into tall rows.
  if (options.width < (options.stackBelow ?? STACK_BELOW) || labelColumn > maxColumn) {
    return stackedLayout(rows, options, measure, lineHeight);
  }
  const maxLines = Math.max(1, ...sideLines.map((l) => l.length));
  const band = Math.max(options.minBand ?? 30, maxLines * lineHeight + 10);
  const plotWidth = Math.max(60, options.width - labelColumn - LABEL_PADDING - 2 * PADDING);
  const domainMax = domainFor(rows, plotWidth, measure);
  return {
    mode: 'side',
    labelColumn,
    band,
    lineHeight,
    lines: sideLines,
    maxLines,
    plotWidth,
    domainMax,
    height: band * rows.length,
    rowTops: rows.map((_, i) => i * band),
    rowHeights: rows.map(() => band),
  };
}

/** Height of a bar in a stacked row: a text line, so the value label beside it fits its height. */
const stackedBar = (lineHeight: number) => Math.max(16, lineHeight);

function stackedLayout(rows: readonly BarDatum[], options: BarChartOptions, measure: MeasureText, lineHeight: number): BarLayout {
  const plotWidth = Math.max(60, options.width - 2 * PADDING);
  const lines = rows.map((row) => labelLines(row.label, plotWidth, measure, true));
  const maxLines = Math.max(1, ...lines.map((l) => l.length));
  const rowHeights = lines.map((l) => STACK_TOP + l.length * lineHeight + STACK_GAP + stackedBar(lineHeight) + STACK_BOTTOM);
  const rowTops = rowHeights.map((_, i) => rowHeights.slice(0, i).reduce((s, h) => s + h, 0));
  return {
    mode: 'stacked',
    labelColumn: 0,
    band: Math.max(0, ...rowHeights),
    lineHeight,
    lines,
    maxLines,
    plotWidth,
    domainMax: domainFor(rows, plotWidth, measure),
    height: rowHeights.reduce((s, h) => s + h, 0),
    rowTops,
    rowHeights,
  };
}

/**
 * Horizontal bars, one per row, in the given order, with the values printed at
 * the end of each bar (no x axis, hence no number formatting by vega). Wide
 * plots have the category labels on the y axis, wrapped to a label column;
 * narrow ones put each label above its bar (see `BarLayoutMode`).
 */
export function barChartSpec(rows: readonly BarDatum[], options: BarChartOptions): TopLevelSpec {
  const layout = barLayout(rows, options);
  return layout.mode === 'stacked' ? stackedBarSpec(rows, options, layout) : sideBarSpec(rows, options, layout);
}

/** What both layouts share: size, padding, background, title block, data, the x scale and the config. */
function barFrame(options: BarChartOptions, layout: BarLayout, values: object[]) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(options.description ? { description: drawnText(options.description, 1000) } : {}),
    width: layout.plotWidth,
    padding: PADDING,
    autosize: { type: 'pad' },
    background: options.theme.background,
    ...captionTitle(options.caption, options.theme, options.width, options.measure),
    data: { name: 'rows', values },
    x: {
      field: 'value',
      type: 'quantitative',
      scale: { domain: [0, layout.domainMax], nice: false, zero: true },
      stack: null,
      axis: null,
    },
    config: {
      view: { stroke: null },
      font: options.theme.font,
      aria: false,
    },
  } as const;
}

/** The value at the end of a bar: after it, on the bar's middle line, with the bar's tooltip. */
function valueText(options: BarChartOptions) {
  return {
    type: 'text',
    align: 'left',
    baseline: 'middle',
    dx: VALUE_DX,
    fontSize: options.theme.fontSize ?? 13,
    font: options.theme.font,
    color: options.theme.text,
  } as const;
}

const TOOLTIP = { field: 'tooltip', type: 'nominal' } as const;

/** A bar's texts as drawn: no bidi controls, tooltip lines of bounded length. */
const drawnRow = (row: BarDatum): BarDatum => ({ ...row, label: drawnText(row.label), valueLabel: drawnText(row.valueLabel), tooltip: drawnText(row.tooltip) });
const BAR_COLOR = { field: 'color', type: 'nominal', scale: null, legend: null } as const;

function sideBarSpec(rows: readonly BarDatum[], options: BarChartOptions, layout: BarLayout): TopLevelSpec {
  const fontSize = options.theme.fontSize ?? 13;
  const seen = new Map<string, number>();
  const values = rows.map((row, index) => {
    let axisLabel = layout.lines[index]!.join(LINE_BREAK);
    // y is nominal: equal labels (two bodies with one name) would merge into one bar.
    const n = seen.get(axisLabel) ?? 0;
    seen.set(axisLabel, n + 1);
    if (n > 0) axisLabel += '\u200b'.repeat(n);
    return { ...drawnRow(row), axisLabel, order: index };
  });
  const barSize = Math.min(24, layout.band - 8);
  const { x, ...frame } = barFrame(options, layout, values);
  return {
    ...frame,
    height: { step: layout.band },
    encoding: {
      y: {
        field: 'axisLabel',
        type: 'nominal',
        sort: null,
        scale: { paddingInner: 0, paddingOuter: 0 },
        axis: {
          title: null,
          domain: false,
          ticks: false,
          // 0 = no limit: labels are wrapped to the column above, never truncated with an ellipsis.
          labelLimit: 0,
          labelPadding: LABEL_PADDING,
          labelLineHeight: layout.lineHeight,
          labelFontSize: fontSize,
          labelColor: options.theme.text,
          labelFont: options.theme.font,
          labelExpr: "split(datum.value, '\\n')",
          // Vega puts the first line of a multi-line label on the band centre: lift
          // each block by half its extra lines so it is centred on its bar.
          labelOffset: layout.maxLines < 2 ? 0 : {
            condition: Array.from({ length: Math.max(0, layout.maxLines - 1) }, (_, i) => ({
              test: `length(split(datum.value, '\\n')) == ${i + 2}`,
              value: (-(i + 1) * layout.lineHeight) / 2,
            })),
            value: 0,
          },
        },
      },
      x,
    },
    layer: [
      {
        mark: { type: 'bar', size: barSize, cornerRadiusEnd: 2 },
        encoding: { color: BAR_COLOR, tooltip: TOOLTIP },
      },
      {
        mark: valueText(options),
        encoding: { text: { field: 'valueLabel', type: 'nominal' }, tooltip: TOOLTIP },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Narrow plots: each row is its label (one or more lines, left-aligned across
 * the full width) and, under it, its bar with the value at the end. Rows have
 * their own heights, so y is a pixel scale (identity) on positions computed here.
 */
function stackedBarSpec(rows: readonly BarDatum[], options: BarChartOptions, layout: BarLayout): TopLevelSpec {
  const fontSize = options.theme.fontSize ?? 13;
  const bar = stackedBar(layout.lineHeight);
  const values = rows.map((row, index) => {
    const labelTop = layout.rowTops[index]! + STACK_TOP;
    const barTop = labelTop + layout.lines[index]!.length * layout.lineHeight + STACK_GAP;
    return { ...drawnRow(row), labelLines: layout.lines[index]!, labelTop, barTop, barMiddle: barTop + bar / 2, barBottom: barTop + bar, order: index };
  });
  const y = (field: string) => ({
    field,
    type: 'quantitative',
    scale: { domain: [0, layout.height], reverse: true, nice: false, zero: false },
    axis: null,
  });
  const { x, ...frame } = barFrame(options, layout, values);
  return {
    ...frame,
    height: layout.height,
    encoding: { x },
    layer: [
      {
        mark: { type: 'rect', cornerRadiusTopRight: 2, cornerRadiusBottomRight: 2 },
        encoding: { x2: { datum: 0 }, y: y('barTop'), y2: { field: 'barBottom' }, color: BAR_COLOR, tooltip: TOOLTIP },
      },
      {
        mark: valueText(options),
        encoding: { y: y('barMiddle'), text: { field: 'valueLabel', type: 'nominal' }, tooltip: TOOLTIP },
      },
      {
        // Named so the labels are found in the SVG (class `row_labels_marks`) as the axis labels are.
        name: 'row_labels',
        // An array of lines is drawn as a multi-line text by vega.
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'top',
          lineHeight: layout.lineHeight,
          fontSize,
          font: options.theme.font,
          color: options.theme.text,
        },
        encoding: { x: { value: 0 }, y: y('labelTop'), text: { field: 'labelLines', type: 'nominal' } },
      },
    ],
  } as TopLevelSpec;
}

// ------------------------------------------------------------------ choropleth

/** One comune's value, joined to the shapes by `properties.pro_com_t`. */
export interface MapDatum {
  /** 6-digit ISTAT code (`pro_com_t`). */
  code: string;
  /** Label of the legend class this comune falls in (one of `classes[].label`). */
  cls: string;
  /** Tooltip text (lines separated by "\n"): name, value, projects. */
  tooltip: string;
}

/** A legend class: its label (already formatted) and its colour. */
export interface MapClass {
  label: string;
  color: string;
}

export interface MapColors {
  /** Comune borders. */
  stroke: string;
  /** Province borders. */
  province: string;
  /** Outline of the selected comune. */
  selected: string;
}

/** A TopoJSON topology as the data package stores it (objects comuni/province/regione). */
export interface Topology {
  type: 'Topology';
  bbox?: number[];
  objects: Record<string, unknown>;
  arcs: unknown[];
  transform?: unknown;
}

export interface MapOptions {
  topology: Topology;
  data: readonly MapDatum[];
  /** Legend classes in order; the last resort class for comuni with no datum is `noData`. */
  classes: readonly MapClass[];
  noData: MapClass;
  legendTitle: string;
  /** 3-digit province code: show only its comuni, zoomed to fit. */
  province?: string | null;
  /** 6-digit code of the highlighted comune. */
  selected?: string | null;
  width: number;
  /** Map height (default: from the topology's bbox aspect ratio). */
  height?: number;
  theme: SpecTheme;
  colors: MapColors;
  description?: string;
  /** Title block, for downloads only. */
  caption?: ExportCaption;
}

/**
 * Layers whose name starts with this are drawn but never take the pointer
 * (render.ts sets vega's `interactive: false` on them, i.e. SVG
 * `pointer-events="none"`): borders and outlines drawn over the comuni must
 * let the mouse reach the comune underneath.
 */
export const INERT_PREFIX = 'inert_';

/** Name of the comuni object, feature and join key in the data package's TopoJSON. */
export const COMUNI_OBJECT = 'comuni';
export const PROVINCE_OBJECT = 'province';
export const COMUNE_KEY = 'properties.pro_com_t';
export const PROVINCE_KEY = 'properties.cod_prov';

/** Height for a map of `width` px from the topology's bbox (lon/lat). */
export function mapHeight(topology: Topology, width: number): number {
  const [x0, y0, x1, y1] = topology.bbox ?? [];
  if ([x0, y0, x1, y1].some((v) => typeof v !== 'number')) return Math.round(width);
  const midLat = (((y0! + y1!) / 2) * Math.PI) / 180;
  const aspect = ((x1! - x0!) * Math.cos(midLat)) / (y1! - y0!);
  return Math.round(Math.min(Math.max(width / aspect, 200), width * 1.5));
}

/** A transverse Mercator centred on the region (good for any Italian region). */
function projectionFor(topology: Topology) {
  const [x0, , x1] = topology.bbox ?? [];
  const centre = typeof x0 === 'number' && typeof x1 === 'number' ? (x0 + x1) / 2 : 12;
  return { type: 'transverseMercator' as const, rotate: [-centre, 0, 0] as [number, number, number] };
}

/**
 * Choropleth of the comuni: fill by legend class (ordinal scale on preformatted
 * class labels, so the legend needs no number formatting), province borders as
 * a mesh (or, when zoomed, the province's outline), the selected comune outlined
 * twice (a halo in the background colour under a strong outline) so it stands
 * out on any fill.
 */
export function choroplethSpec(options: MapOptions): TopLevelSpec {
  const { topology, theme, colors } = options;
  const fontSize = theme.fontSize ?? 13;
  const province = options.province || null;
  const selected = options.selected || null;
  const classes = [...options.classes, options.noData];
  const data = options.data.map((d) => ({ ...d, tooltip: drawnText(d.tooltip) }));
  // Each layer reads the same topology object (by reference, not copied) with its own feature.
  const comuni = (extra: object[] = []) => ({
    data: { values: topology, format: { type: 'topojson' as const, feature: COMUNI_OBJECT } },
    transform: [...(province ? [{ filter: { field: PROVINCE_KEY, equal: province } }] : []), ...extra],
  });
  const showSelected = selected !== null && (province === null || selected.startsWith(province));
  const selectedOutline = (name: string, stroke: string, strokeWidth: number) => ({
    name: `${INERT_PREFIX}${name}`,
    ...comuni([{ filter: { field: COMUNE_KEY, equal: selected } }]),
    mark: { type: 'geoshape' as const, filled: false, stroke, strokeWidth, strokeJoin: 'round' as const },
  });
  // Two legend columns only when the longest class label fits in half the width
  // (at 200 % text size it does not): legend labels are never cut (labelLimit 0).
  const legendLabel = Math.max(0, ...classes.map((c) => estimateTextWidth(fontSize)(c.label)));
  const legendColumns = options.width >= 2 * (legendLabel + 40) ? 2 : 1;

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(options.description ? { description: drawnText(options.description, 1000) } : {}),
    width: options.width - 2 * PADDING,
    height: options.height ?? mapHeight(topology, options.width - 2 * PADDING),
    padding: PADDING,
    autosize: { type: 'pad' },
    background: theme.background,
    ...captionTitle(options.caption, theme, options.width),
    projection: projectionFor(topology),
    layer: [
      {
        ...comuni([
          {
            lookup: COMUNE_KEY,
            from: { data: { values: data }, key: 'code', fields: ['cls', 'tooltip'] },
          },
          // Comuni with no datum fall into the no-data class rather than being left blank.
          { calculate: `datum.cls == null ? ${JSON.stringify(options.noData.label)} : datum.cls`, as: 'cls' },
        ]),
        mark: { type: 'geoshape', stroke: colors.stroke, strokeWidth: 0.5, cursor: 'pointer' },
        encoding: {
          color: {
            field: 'cls',
            type: 'ordinal',
            scale: { domain: classes.map((c) => c.label), range: classes.map((c) => c.color) },
            legend: {
              title: drawnText(options.legendTitle),
              orient: 'bottom',
              direction: 'vertical',
              columns: legendColumns,
              symbolType: 'square',
              symbolSize: 180,
              symbolStrokeColor: colors.stroke,
              symbolStrokeWidth: 0.5,
              labelLimit: 0,
              titleLimit: options.width - 2 * PADDING,
              labelFontSize: fontSize,
              titleFontSize: fontSize,
              labelColor: theme.text,
              titleColor: theme.text,
              labelFont: theme.font,
              titleFont: theme.font,
            },
          },
          tooltip: { field: 'tooltip', type: 'nominal' },
        },
      },
      province
        ? {
            name: `${INERT_PREFIX}province`,
            data: { values: topology, format: { type: 'topojson', feature: PROVINCE_OBJECT } },
            transform: [{ filter: { field: PROVINCE_KEY, equal: province } }],
            mark: { type: 'geoshape', filled: false, stroke: colors.province, strokeWidth: 1.5 },
          }
        : {
            name: `${INERT_PREFIX}borders`,
            data: { values: topology, format: { type: 'topojson', mesh: PROVINCE_OBJECT } },
            mark: { type: 'geoshape', filled: false, stroke: colors.province, strokeWidth: 1.2 },
          },
      ...(showSelected ? [selectedOutline('halo', theme.background, 5), selectedOutline('selected', colors.selected, 2.5)] : []),
    ],
    config: { view: { stroke: null }, font: theme.font, aria: false },
  } as TopLevelSpec;
}
