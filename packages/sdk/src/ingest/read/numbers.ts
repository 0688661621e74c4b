/**
 * Amounts → integer euro cents, without floating point.
 *
 * The official downloads use Italian formatting (`1.234.567,89`, `60.000`,
 * ` 80.000.000,00 `), the re-serialised ReGiS extracts use a plain dot decimal
 * (`47427.00`). A dot is ambiguous (`60.000` is sixty thousand in the first
 * release, `47427.00` is a decimal in the 2023 extract), so the rule is:
 *
 * 1. A comma present → Italian: the comma is the decimal separator, dots are
 *    thousands separators (they must group by three).
 * 2. No comma, `italian` style (official layouts) → dots are thousands separators
 *    when they group by three (`60.000`, `1.234.567`); a single dot followed by
 *    one or two digits (`47427.00`, `12.5`) is read as a decimal point, because
 *    it cannot be a thousands group.
 * 3. No comma, `dot` style (re-serialised layouts) → a single dot is the decimal
 *    separator; more than one dot is unparseable.
 *
 * Decimals beyond the cent are rounded half away from zero on the digit string.
 * Missing markers (`N/D`, `N/A`, empty) give null; anything else that does not
 * match gives `undefined` so the caller can warn with file and line.
 */
import { MISSING } from './normalise.js';

/** How a source writes numbers: `italian` (`1.234,56`) or `dot` (`1234.56`). */
export type NumberStyle = 'italian' | 'dot';

/** An amount in euros as integer cents; null for a missing value, undefined when the text is not a number (or not a safe integer). */
export function parseCents(raw: string | undefined, style: NumberStyle): number | null | undefined {
  const cents = parseBigCents(raw, style);
  if (typeof cents !== 'bigint') return cents;
  const n = Number(cents);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * The largest amount a row may carry: €250 bn, more than the whole plan (€194.4 bn) plus the
 * complementary fund PNC (€30.6 bn). A larger figure is a data error; refusing it also keeps every
 * sum of a national file (≈ 300,000 rows) far below 2^53 cents, where integers stop being exact.
 */
export const MAX_AMOUNT_CENTS = 25_000_000_000_000;

/** An amount cell read for the build: cents (null when missing), or why it cannot be used. */
export type AmountReading = { cents: number | null } | { problem: 'not-a-number' | 'out-of-range' };

/** Reads an amount cell and range-checks it against `MAX_AMOUNT_CENTS` (either sign). */
export function readAmount(raw: string | undefined, style: NumberStyle): AmountReading {
  const cents = parseBigCents(raw, style);
  if (cents === undefined) return { problem: 'not-a-number' };
  if (cents === null) return { cents: null };
  if (typeof cents === 'number') return cents > MAX_AMOUNT_CENTS || cents < -MAX_AMOUNT_CENTS ? { problem: 'out-of-range' } : { cents };
  if (cents > BigInt(MAX_AMOUNT_CENTS) || cents < -BigInt(MAX_AMOUNT_CENTS)) return { problem: 'out-of-range' };
  return { cents: Number(cents) };
}

const SPACE_OR_EURO = /[\s\u00a0\u202f€]/;

/** Integer parts of up to 13 digits give cents below 2^53: exact as a Number. */
const SAFE_INT_DIGITS = 13;

/** The amount behind `parseCents` and `readAmount`: the common spellings by `plainCents`, the others by `generalCents`. */
function parseBigCents(raw: string | undefined, style: NumberStyle): number | bigint | null | undefined {
  if (raw === undefined) return null;
  return plainCents(raw) ?? generalCents(raw, style);
}

/** The value of the digits raw[from, to): -1 unless they are 1 to 13 ASCII digits (so the cents stay exact). */
function digitsValue(raw: string, from: number, to: number): number {
  if (to <= from || to - from > SAFE_INT_DIGITS) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * The spellings of nearly every cell of the official files, read in one pass over the characters
 * without regular expressions (a national build reads millions of amounts): digits (`1234`), optionally
 * grouped by dots before a comma (`1.234.567,89`), with zero to two decimals after a comma, or one
 * or two after a single dot (`47427.00`), in either style. Undefined for every other text (signs,
 * spaces, €, more decimals, `N/D`, …), which `generalCents` reads; where both read a text they give
 * the same cents (amounts-fast-path.test.ts compares them on every short text and generated amounts).
 */
function plainCents(raw: string): number | undefined {
  const comma = raw.indexOf(',');
  const dot = raw.indexOf('.');
  let euros: number;
  let decimals: number;
  let decimalDigits: number;
  if (comma >= 0) {
    decimalDigits = raw.length - comma - 1;
    decimals = decimalDigits === 0 ? 0 : digitsValue(raw, comma + 1, raw.length);
    if (decimalDigits > 2 || decimals < 0) return undefined;
    if (dot < 0 || dot > comma) {
      euros = digitsValue(raw, 0, comma);
    } else {
      // Thousands groups: 1 to 3 digits, then ".ddd" up to the comma.
      if (dot === 0 || dot > 3 || (comma - dot) % 4 !== 0) return undefined;
      for (let at = dot; at < comma; at += 4) if (raw.charCodeAt(at) !== 46) return undefined;
      let text = raw.slice(0, dot);
      for (let at = dot; at < comma; at += 4) text += raw.slice(at + 1, at + 4);
      euros = digitsValue(text, 0, text.length);
    }
  } else if (dot >= 0) {
    decimalDigits = raw.length - dot - 1;
    if (decimalDigits < 1 || decimalDigits > 2) return undefined;
    euros = digitsValue(raw, 0, dot);
    decimals = digitsValue(raw, dot + 1, raw.length);
    if (decimals < 0) return undefined;
  } else {
    euros = digitsValue(raw, 0, raw.length);
    decimals = 0;
    decimalDigits = 0;
  }
  if (euros < 0) return undefined;
  return euros * 100 + (decimalDigits === 1 ? decimals * 10 : decimals);
}

/**
 * The general digit-string parse (any sign, spacing, €, missing marker, rounding): a Number when the
 * integer part has at most 13 digits (exact, and ~10× faster on a national file), else a BigInt, so
 * that no size is misread. Exported for the test that compares it with `plainCents`.
 */
export function generalCents(raw: string, style: NumberStyle): number | bigint | null | undefined {
  let text = SPACE_OR_EURO.test(raw) ? raw.replace(/[\s\u00a0\u202f]/g, '').replace(/^€|€$/g, '') : raw;
  if (text === '' || MISSING.has(text.toUpperCase())) return null;
  let negative = false;
  if (text.startsWith('-') || text.startsWith('+')) {
    negative = text.startsWith('-');
    text = text.slice(1);
  }
  let intPart: string;
  let decPart = '';
  if (text.includes(',')) {
    const m = /^(\d{1,3}(?:\.\d{3})+|\d*),(\d*)$/.exec(text);
    if (!m) return undefined;
    intPart = m[1]!.replace(/\./g, '');
    decPart = m[2]!;
    if (intPart === '' && decPart === '') return undefined;
  } else if (text.includes('.')) {
    if (style === 'italian' && /^\d{1,3}(?:\.\d{3})+$/.test(text)) {
      intPart = text.replace(/\./g, '');
    } else {
      const m = style === 'italian' ? /^(\d+)\.(\d{1,2})$/.exec(text) : /^(\d*)\.(\d+)$/.exec(text);
      if (!m) return undefined;
      intPart = m[1]!;
      decPart = m[2]!;
    }
  } else {
    if (!/^\d+$/.test(text)) return undefined;
    intPart = text;
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(decPart)) return undefined;
  const cents2 = (decPart + '00').slice(0, 2);
  if (intPart.length <= SAFE_INT_DIGITS) {
    let small = Number(intPart || '0') * 100 + Number(cents2);
    if (decPart.length > 2 && Number(decPart[2]) >= 5) small += 1;
    return negative && small !== 0 ? -small : small;
  }
  let cents = BigInt(intPart || '0') * 100n + BigInt(cents2);
  // Round half away from zero on the third decimal digit.
  if (decPart.length > 2 && Number(decPart[2]) >= 5) cents += 1n;
  return negative && cents !== 0n ? -cents : cents;
}

/**
 * A percentage (`50,00`, `100`, `33.33`) → hundredths of a percent (integer), so
 * shares can be compared and normalised exactly. Same rules as amounts.
 */
export function parsePercentHundredths(raw: string | undefined, style: NumberStyle): number | null | undefined {
  return parseCents(raw, style);
}

/** Formats cents as `1.234.567,89` (Italian) for human-readable output. */
export function formatEuro(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100).toString();
  const dec = (abs % 100).toString().padStart(2, '0');
  const grouped = euros.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped},${dec}`;
}
