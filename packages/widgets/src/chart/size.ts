/**
 * The chart's block size in every state (../base/reserve-rules.ts), from what
 * is known before any data: the grouping (how many bars: 6 or 7 missions, the
 * top 10 + "others" of comuni and bodies, 10 provinces and the province-wide
 * row) and the viewport (below 40rem the labels go above their bars, so each
 * bar takes about twice the height). The drawing takes the room left under the
 * title, summary and notes; a longer list of bars scrolls inside its box.
 * Measured values: docs/layout-shift.md.
 */
import type { Reservation } from '../base/reserve-rules.js';

const NARROW = '(max-width: 40rem)';
const MANY = ':is([group-by=comune],[group-by=implementing-body],[group-by=province],[group-by=component])';

export const CHART_SIZES: readonly Reservation[] = [
  { size: '32rem' },
  { when: MANY, size: '40rem' },
  { media: NARROW, size: '52rem' },
  { media: NARROW, when: MANY, size: '78rem' },
];
