/**
 * Header-name normalisation. Official headers drift between releases
 * (`CUP ` with a trailing space, `FINANZIAMENTO _UE`, `Codice Univoco submisura`,
 * snake_case re-renderings such as `codice_univoco_submisura`), so every header is
 * reduced to one comparable form before it is looked up in the alias tables.
 */
import { fold } from '../../format/fold.js';

/** A header reduced to one comparable form: BOM dropped, lower case, accents stripped, punctuation and underscores as single spaces. */
export function normaliseHeader(name: string): string {
  // fold: lower case, accents stripped ("Modalità" → "modalita").
  return fold(name.replace(/^\uFEFF/, ''))
    .replace(/[^a-z0-9]+/g, ' ') // spaces, underscores, punctuation → one space
    .trim();
}

/** Trimmed text, with the source's missing-value markers (`N/D`, `N/A`, empty) read as null. */
export function cleanText(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  // Most cells have no run of spaces and no other white space: only trim them.
  const value = (ODD_SPACE.test(raw) ? raw.replace(/\s+/g, ' ') : raw).trim();
  if (value === '' || (value.length <= MISSING_MAX_LENGTH && MISSING.has(value.toUpperCase()))) return null;
  return value;
}

/** White space other than a single plain space. */
const ODD_SPACE = /[^\S ]| {2}/;

export const MISSING = new Set(['N/D', 'N/A', 'ND', 'NA', 'N.D.', 'N.A.', '-']);

/**
 * Texts longer than this are never a marker, so `cleanText` upper-cases (a new string) only short ones:
 * twice the longest marker, since upper-casing keeps at least half of a text's UTF-16 units (each code
 * point becomes one or more code points, of one or two units each).
 */
const MISSING_MAX_LENGTH = 2 * Math.max(...[...MISSING].map((m) => m.length));
