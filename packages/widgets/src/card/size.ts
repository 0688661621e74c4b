/**
 * The card's block size in every state (../base/reserve-rules.ts): a summary
 * of fixed height; the rest of the card is behind "Mostra tutti i dettagli".
 * Measured at 320, 768 and 1280 px (docs/layout-shift.md): 30rem shows the
 * title, the amounts, the plan and the implementing body of the tram card on a
 * phone, and nearly all of it at 768 px and wider.
 */
import type { Reservation } from '../base/reserve-rules.js';

export const CARD_SIZES: readonly Reservation[] = [{ size: '30rem' }, { when: '[compact]', size: '20rem' }];
