/**
 * The one formatting module of the widgets: money, numbers, percentages and
 * dates through Intl, in the element's language (it-IT by default, en-GB for
 * `en`). Amounts arrive from the SDK in euro cents (`…Cents`) or euros; these
 * functions take euros (use `euros(cents)` first).
 *
 *   moneyFull(222485840, 'it')     → "222.485.840 €"
 *   moneyCompact(222485840, 'it')  → "222,5 mln €"      (en: "€222.5M")
 *
 * Spaces inside a formatted value are no-break spaces (U+00A0), so a value is
 * never split across lines.
 */
import { LOCALES, type Lang } from './i18n/lang.js';
import { common } from './i18n/common.js';

const NBSP = '\u00a0';
const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
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
const ALWAYS = { useGrouping: 'always' } as unknown as Intl.NumberFormatOptions;

/** Euro cents (integer, as stored in the data package) to euros. */
export const euros = (cents: number): number => cents / 100;

/** A count or quantity: "1.234" / "1,234". */
export function number(value: number, lang: Lang, maximumFractionDigits = 0): string {
  return numberFormat(lang, { ...ALWAYS, maximumFractionDigits }).format(value);
}

/** Whole euros with every digit: "222.485.840 €" / "€222,485,840". */
export function moneyFull(value: number, lang: Lang): string {
  return numberFormat(lang, { ...ALWAYS, style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 })
    .format(value)
    .replace(/ /g, NBSP);
}

/** Euros to the cent, for per-capita values and small amounts: "12,34 €". */
export function moneyCents(value: number, lang: Lang): string {
  return numberFormat(lang, { ...ALWAYS, style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 })
    .format(value)
    .replace(/ /g, NBSP);
}

/**
 * Short amount for headlines, labels and axes: "222,5 mln €", "2,4 mld €",
 * "47,4 mila €" (en: "€222.5M", "€2.4bn", "€47.4k"). Below one thousand: full.
 * Written by hand because Intl's compact notation gives "222,5 Mln €" and
 * "47,4K €" in Italian, which is not how Italian public documents write it.
 */
export function moneyCompact(value: number, lang: Lang): string {
  const t = common[lang];
  const abs = Math.abs(value);
  const [divisor, unit] = abs >= 1e9 ? [1e9, t.billions] : abs >= 1e6 ? [1e6, t.millions] : abs >= 1e3 ? [1e3, t.thousands] : [1, ''];
  if (!unit) return moneyFull(value, lang);
  const digits = numberFormat(lang, { ...ALWAYS, maximumFractionDigits: 1 }).format(value / divisor);
  return lang === 'it' ? `${digits}${NBSP}${unit}${NBSP}€` : `€${digits}${unit}`;
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
