/**
 * Text measurement and wrapping for chart labels, so that the specs can size
 * their label column and their rows from the data: labels are wrapped, never
 * truncated, and each row is tall enough for its longest label.
 */

import { clip, withoutBidi } from '../format.js';

/** Longest line of a tooltip, in characters (a longer one ends in "…"; the data table has it in full). */
export const TOOLTIP_LINE = 160;
/** Most lines a bar label takes (a longer label ends in "…"; the tooltip and the table have it). */
export const MAX_LABEL_LINES = 3;
/** Characters of a label read before wrapping: more could never fit in MAX_LABEL_LINES. */
const LABEL_CHARS = 400;

/**
 * Data text as vega draws it: no bidi controls (a drawing cannot isolate text,
 * so a U+202E would reverse what follows), and at most `max` characters per line.
 */
export function drawnText(text: string, max = TOOLTIP_LINE): string {
  return withoutBidi(text)
    .split('\n')
    .map((line) => clip(line, max))
    .join('\n');
}

/**
 * A label wrapped to `maxWidth` on at most `maxLines` lines, the last ending
 * in "…" when the label is longer (never wider than `maxWidth`).
 */
export function labelLines(text: string, maxWidth: number, measure: MeasureText, breakWords = false, maxLines = MAX_LABEL_LINES): string[] {
  const chars = [...withoutBidi(text)];
  const cut = chars.length > LABEL_CHARS;
  const lines = wrapText(chars.slice(0, LABEL_CHARS).join(''), maxWidth, measure, breakWords);
  if (!cut && lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[kept.length - 1]!.replace(/-$/, '');
  while (last && measure(`${last}…`) > maxWidth) last = [...last].slice(0, -1).join('');
  kept[kept.length - 1] = `${last}…`;
  return kept;
}

/** Measures the rendered width of `text` in CSS pixels. */
export type MeasureText = (text: string) => number;

/**
 * A measurer with no DOM: a generous per-character estimate (wide letters and
 * digits count more), so a label column sized with it is never too narrow.
 */
export function estimateTextWidth(fontSize: number): MeasureText {
  return (text) => {
    let units = 0;
    for (const ch of text) {
      if (/[MWmw@%]/.test(ch)) units += 0.9;
      else if (/[A-Z0-9€]/.test(ch)) units += 0.68;
      else if (/[iljtf.,;:'!|() ]/.test(ch)) units += 0.34;
      else units += 0.56;
    }
    return Math.ceil(units * fontSize);
  };
}

/**
 * A measurer backed by a canvas 2D context with the host's font, when a DOM is
 * available; else the estimate. A small safety margin covers SVG vs canvas
 * rounding differences.
 */
export function canvasTextMeasurer(font: string, fontSize: number): MeasureText {
  const fallback = estimateTextWidth(fontSize);
  if (typeof document === 'undefined') return fallback;
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return fallback;
  ctx.font = `${fontSize}px ${font}`;
  return (text) => Math.ceil(ctx.measureText(text).width * 1.04) + 1;
}

/**
 * Greedy word wrap to `maxWidth`. A single word wider than `maxWidth` gets a
 * line of its own (it is never cut): the caller widens the column to fit it,
 * or, with `breakWords` (no room to widen), it is split across lines.
 */
export function wrapText(text: string, maxWidth: number, measure: MeasureText, breakWords = false): string[] {
  const words = text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => (breakWords ? breakWord(word, maxWidth, measure) : [word]));
  if (words.length === 0) return [''];
  const lines: string[] = [];
  let line = words[0]!;
  for (const word of words.slice(1)) {
    const candidate = `${line} ${word}`;
    if (measure(candidate) <= maxWidth) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/** A word as pieces no wider than `maxWidth` (each at least one character), ending in a hyphen but the last. */
function breakWord(word: string, maxWidth: number, measure: MeasureText): string[] {
  if (measure(word) <= maxWidth) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && measure(`${piece}${ch}-`) > maxWidth) {
      pieces.push(`${piece}-`);
      piece = ch;
    } else piece += ch;
  }
  pieces.push(piece);
  return pieces;
}
