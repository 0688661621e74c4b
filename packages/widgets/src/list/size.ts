/**
 * The list's block size in every state (../base/reserve-rules.ts): the heading,
 * summary, search and pager keep their place and the table of 20 rows scrolls
 * inside the rest, so the page does not move while the list loads, pages or
 * searches. Measured at 320, 768 and 1280 px (docs/layout-shift.md): before,
 * Prato's list shifted the text after it by 0.58 / 0.48 / 0.19.
 */
import type { Reservation } from '../base/reserve-rules.js';

export const LIST_SIZES: readonly Reservation[] = [{ size: '44rem' }];
