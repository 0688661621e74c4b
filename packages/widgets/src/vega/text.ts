/**
 * Text measurement and wrapping for chart labels, so that the specs can size
 * their label column and their rows from the data: labels are wrapped, never
 * truncated, and each row is tall enough for its longest label.
 */

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
