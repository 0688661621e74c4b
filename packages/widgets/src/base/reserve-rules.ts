/**
 * The block size an element takes from its first paint, in every state, until
 * a user expands it ("Mostra tutti i dettagli", the data table), so the page
 * around it never moves (docs/layout-shift.md). One list per element
 * (`../<element>/size.ts`, plain data), used twice with the same values:
 * - in the element's shadow styles (`reservedSizes()` in ./reserve.ts);
 * - in `pnrr-widgets.css` (`reservationSheet()` in ../reserve-sheet.ts), which
 *   gives the same size to the tag before its script has run (`:not(:defined)`):
 *   a module script runs after the page's first paint.
 * Sizes are in `rem`, which both places resolve alike. No lit here: the build
 * reads this module in Node.
 */

/** One size: for the element (`when`: an attribute selector such as `[compact]`), under an optional media query. */
export interface Reservation {
  when?: string;
  media?: string;
  size: string;
}

/** A rule inside its media query, if any. */
export const wrap = (media: string | undefined, rule: string): string => (media ? `@media ${media}{${rule}}` : rule);
