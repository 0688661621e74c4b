/**
 * The map's block size in every state (../base/reserve-rules.ts): the map is
 * drawn to fit the room left under the title, summary and notes (its
 * projection fits that box, whatever the region's or province's shape), with
 * the list of comuni beside it (40rem and wider) or under it. Measured values:
 * docs/layout-shift.md.
 */
import type { Reservation } from '../base/reserve-rules.js';

export const MAP_SIZES: readonly Reservation[] = [{ size: '46rem' }, { media: '(max-width: 40rem)', size: '68rem' }];
