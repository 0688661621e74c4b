/**
 * The one formatting module of the widgets: money, numbers, percentages and
 * dates through Intl, in the element's language (it-IT by default, en-GB for
 * `en`). Amounts arrive from the SDK in euro cents (`…Cents`) or euros; these
 * functions take euros (use `euros(cents)` first).
 *
 *   moneyFull(222485840, 'it')     → "222.485.840 €"
 *
 * What only the chart and the map write (`number`, `moneyCompact`, `moneyCents`)
 * is in ./figure/amounts.ts, so a card-only page does not download it.
 *
 * Spaces inside a formatted value are no-break spaces (U+00A0), so a value is
 * never split across lines.
 */
import { LOCALES, type Lang } from './i18n/lang.js';

export const NBSP = '\u00a0';
const cache = new Map<string, Intl.NumberFormat>();

export function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang + JSON.stringify(options);
  let nf = cache.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(LOCALES[lang], options);
    cache.set(key, nf);
  }
  return nf;
}

// Italian CLDR data do not group four-digit numbers ("4748"); Italian editorial
// style and the official PNRR reports do ("4.748"), so grouping is forced.
export const ALWAYS = { useGrouping: 'always' } as unknown as Intl.NumberFormatOptions;

/** Euro cents (integer, as stored in the data package) to euros. */
export const euros = (cents: number): number => cents / 100;

/** Whole euros with every digit: "222.485.840 €" / "€222,485,840". */
export function moneyFull(value: number, lang: Lang): string {
  return numberFormat(lang, { ...ALWAYS, style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 })
    .format(value)
    .replace(/ /g, NBSP);
}

/** A ratio (0..1) as a percentage: "50 %" style per locale, up to one decimal. */
export function percent(ratio: number, lang: Lang, maximumFractionDigits = 1): string {
  return numberFormat(lang, { style: 'percent', maximumFractionDigits }).format(ratio).replace(/ /g, NBSP);
}

const dateCache = new Map<Lang, Intl.DateTimeFormat>();

/** An ISO date (YYYY-MM-DD) as "1 marzo 2023" / "1 March 2023"; other strings are returned as given. */
export function date(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  let df = dateCache.get(lang);
  if (!df) {
    df = new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateCache.set(lang, df);
  }
  return df.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

const SMALL_WORDS = new Set(['di', 'del', 'della', 'dello', 'dei', 'degli', 'delle', 'da', 'in', 'e', 'a', 'al', 'alla', 'sul', 'sulla', 'nel', 'nella', 'con', 'per']);

/**
 * Source place names are upper case ("CAMPI BISENZIO", "CASTELNUOVO DI
 * GARFAGNANA"); this writes them as Italian names are written ("Campi
 * Bisenzio", "Castelnuovo di Garfagnana"). Mixed-case input is left alone.
 */
export function placeName(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .split(/(\s+|-|')/)
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
}

/** Bidi controls: embeddings, overrides, isolates and marks (U+202E reverses what follows it). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Data text without bidi controls (for drawings, where it cannot be isolated). */
export const withoutBidi = (text: string): string => text.replace(BIDI_CONTROLS, '');

/** At most `max` characters of `text`, the last one "…" when it is longer. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/**
 * Data text to be put inside a sentence, isolated (U+2068 FSI … U+2069 PDI,
 * the plain-text `<bdi>`): a name in another script, or a stray U+202E in it,
 * cannot reorder the words that follow. Its own bidi controls are dropped so
 * that none can close the isolation early. Past `max` characters (a name:
 * 120) it is cut ("…"), so the sentence stays readable; the data table has the full text.
 */
export const isolate = (text: string, max = 120): string => `\u2068${clip(withoutBidi(text), max)}\u2069`;
