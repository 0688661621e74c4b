/**
 * What every figure's Vega-Lite spec shares: the colours and font it draws
 * with, the title block drawn into downloaded images, the outer padding. The
 * specs themselves live with their element (chart/bar-spec.ts,
 * map/choropleth-spec.ts). Pure functions: no DOM, no vega import (types only).
 *
 * Every number a reader sees (bar values, legend classes, tooltips) arrives
 * in a spec already formatted by Intl in the element's language, as a data field:
 * the specs never use vega's own number formatting, whose locale is global to
 * the page (`vega.formatLocale`) and would leak between widgets and host charts.
 */
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

/** Space around every drawing, in px. */
export const PADDING = 4;

/** The title block of a downloaded image (nothing on the page, where the HTML shows it). */
export function captionTitle(caption: ExportCaption | undefined, theme: SpecTheme, width: number, measure?: MeasureText) {
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
