/**
 * Counts and amounts as the chart and the map write them, beside the shared
 * formatting of ../format.ts (here, not there, so the card-only bundle does not
 * carry them):
 *
 *   number(4748, 'it')             → "4.748"
 *   moneyCompact(222485840, 'it')  → "222,5 mln €"      (en: "€222.5M")
 *   moneyCents(12.345, 'it')       → "12,35 €"
 */
import { ALWAYS, NBSP, moneyFull, numberFormat } from '../format.js';
import { figureMessages } from '../i18n/figure.js';
import type { Lang } from '../i18n/lang.js';

/** A count or quantity: "1.234" / "1,234". */
export function number(value: number, lang: Lang, maximumFractionDigits = 0): string {
  return numberFormat(lang, { ...ALWAYS, maximumFractionDigits }).format(value);
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
  const t = figureMessages[lang];
  const abs = Math.abs(value);
  const [divisor, unit] = abs >= 1e9 ? [1e9, t.billions] : abs >= 1e6 ? [1e6, t.millions] : abs >= 1e3 ? [1e3, t.thousands] : [1, ''];
  if (!unit) return moneyFull(value, lang);
  const digits = numberFormat(lang, { ...ALWAYS, maximumFractionDigits: 1 }).format(value / divisor);
  return lang === 'it' ? `${digits}${NBSP}${unit}${NBSP}€` : `€${digits}${unit}`;
}
