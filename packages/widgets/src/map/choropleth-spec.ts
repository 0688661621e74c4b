/**
 * The Vega-Lite spec of <pnrr-municipality-map>: a choropleth of the comuni
 * with province borders, the selection outline and a legend of classes.
 * Pure functions: data and sizes in, a spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Topology } from '@pnrr-toscana/sdk';
import { drawnText, estimateTextWidth } from '../figure/text.js';
import { captionTitle, PADDING, type ExportCaption, type SpecTheme } from '../figure/spec.js';
import { INERT_PREFIX } from '../vega/render.js';

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
  /**
   * The height of the box the drawing must fit, legend included (the element's
   * block size is fixed): the map is no taller than its aspect ratio makes it
   * and no taller than the box leaves it; its projection fits that.
   */
  room?: number;
  theme: SpecTheme;
  colors: MapColors;
  description?: string;
  /** Title block, for downloads only. */
  caption?: ExportCaption;
}

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
  const natural = mapHeight(topology, options.width - 2 * PADDING);
  // The legend under the map: its offset, the title line, one line per row of classes.
  const legend = 30 + fontSize + 8 + Math.ceil(classes.length / legendColumns) * (fontSize + 10);
  const height = options.height ?? (options.room ? Math.max(120, Math.min(natural, options.room - legend - 2 * PADDING)) : natural);

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(options.description ? { description: drawnText(options.description, 1000) } : {}),
    width: options.width - 2 * PADDING,
    height,
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
