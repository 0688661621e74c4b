/**
 * Legend classes of the choropleth: quantiles of the comuni's values, so
 * each colour holds about as many comuni (PNRR money is very skewed: with
 * equal intervals nearly every comune would share the lightest colour).
 */

/** Palettes of 5 sequential colours, light to strong, single hue (readable with any colour-vision deficiency). */
export const PALETTES = {
  // ColorBrewer Blues (7-class, the 5 darkest) on a light background: more money = darker.
  light: ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  // On a dark background the ramp runs the other way: more money = lighter.
  dark: ['#1f4e79', '#2e6da4', '#4a90c9', '#85b8e3', '#cfe4f7'],
} as const;

export const NO_DATA_COLOR = { light: '#f0f0f0', dark: '#3a3a3a' } as const;

export interface Classification {
  /** Class index of each input value (-1 = no data: not finite or not positive). */
  index: number[];
  /** Smallest and largest value in each class. */
  ranges: Array<[number, number]>;
}

/**
 * Splits the positive finite values into at most `n` classes of similar size
 * (by rank); equal values always share a class.
 */
export function quantileClasses(values: readonly number[], n = 5): Classification {
  const valid = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  const index = values.map(() => -1);
  if (valid.length === 0) return { index, ranges: [] };
  // Upper bounds by rank, deduplicated so that equal values never straddle two classes.
  const bounds: number[] = [];
  for (let i = 1; i <= n; i++) {
    const bound = valid[Math.min(valid.length - 1, Math.ceil((i * valid.length) / n) - 1)]!;
    if (bounds.length === 0 || bound > bounds[bounds.length - 1]!) bounds.push(bound);
  }
  const ranges: Array<[number, number]> = bounds.map(() => [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  values.forEach((v, i) => {
    if (!(Number.isFinite(v) && v > 0)) return;
    const c = bounds.findIndex((b) => v <= b);
    index[i] = c;
    const r = ranges[c]!;
    r[0] = Math.min(r[0], v);
    r[1] = Math.max(r[1], v);
  });
  return { index, ranges };
}

/** `count` colours of the palette, spread over its range (fewer classes stay distinct). */
export function pickColors(palette: readonly string[], count: number): string[] {
  if (count >= palette.length) return [...palette];
  if (count === 1) return [palette[palette.length - 1]!];
  return Array.from({ length: count }, (_, i) => palette[Math.round((i * (palette.length - 1)) / (count - 1))]!);
}

/** Upper bounds of the fixed share classes: 0–20 %, 20–40 %, 40–60 %, 60–80 %, 80–100 %. */
export const SHARE_BOUNDS = [0.2, 0.4, 0.6, 0.8, 1] as const;

/**
 * Fixed classes for a share (0…1) on a 0–100 % scale, so two maps (two regions,
 * two missions) read alike: 0 is data (financed, nothing paid yet); a share above
 * 100 % (more paid than financed at the payments date) joins the top class.
 * Values that are not finite have no class (-1).
 */
export function shareClasses(values: readonly number[]): Classification {
  const index = values.map((v) => {
    if (!Number.isFinite(v) || v < 0) return -1;
    const c = SHARE_BOUNDS.findIndex((b) => v < b);
    return c < 0 ? SHARE_BOUNDS.length - 1 : c;
  });
  const ranges = SHARE_BOUNDS.map((b, i): [number, number] => [i === 0 ? 0 : SHARE_BOUNDS[i - 1]!, b]);
  return { index, ranges };
}
