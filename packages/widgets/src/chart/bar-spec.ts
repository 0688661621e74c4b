/**
 * The Vega-Lite spec of <pnrr-spending-chart>: horizontal bars, laid out here
 * (label column or stacked labels) so the element can reserve the height
 * before vega arrives. Pure functions: data and sizes in, a spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { drawnText, estimateTextWidth, labelLines, type MeasureText } from '../figure/text.js';
import { captionTitle, PADDING, type ExportCaption, type SpecTheme } from '../figure/spec.js';

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
