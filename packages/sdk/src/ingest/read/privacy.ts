/**
 * Personal tax codes are never published. The source masks the codice fiscale of a
 * natural person as sixteen asterisks; a few unmasked ones slipped into awardee
 * *name* fields by data-entry errors (see data/sources/pnrr-toscana/README.md,
 * "Privacy"), and a new release may carry more. Both the tax-code column and free
 * text are masked the same way here, before anything is kept.
 */

/** How the source writes a masked personal tax code. */
export const MASKED_TAX_CODE = '****************';

// 6 letters (surname, name), year, month letter, day (+40 for women), place code, check letter; the
// digits may be replaced by LMNPQRSTUV when two people share a code ("omocodia").
const D = '[0-9LMNPQRSTUV]';
const PERSONAL = `[A-Z]{6}${D}{2}[ABCDEHLMPRST]${D}{2}[A-Z]${D}{3}[A-Z]`;
const WHOLE = new RegExp(`^${PERSONAL}$`, 'i');
// In free text: a word of exactly that shape holding at least one digit (so no 16-letter word is mistaken for one).
const IN_TEXT = new RegExp(`(?<![A-Z0-9])(?=[A-Z]*[0-9])${PERSONAL}(?![A-Z0-9])`, 'gi');

/** Whether a tax-code cell is, or stands for, a natural person's code (masked or not). */
export const isPersonalTaxCode = (code: string): boolean => WHOLE.test(code) || /^\*+$/.test(code);

/** A tax-code cell with a personal code masked; company codes and VAT numbers are kept. */
export const maskTaxCode = (code: string): string => (isPersonalTaxCode(code) ? MASKED_TAX_CODE : code);

/** Free text with every personal tax code in it masked, and how many were. */
export function maskPersonalCodes(text: string): { text: string; masked: number } {
  let masked = 0;
  const out = text.replace(IN_TEXT, () => {
    masked++;
    return MASKED_TAX_CODE;
  });
  return { text: out, masked };
}
