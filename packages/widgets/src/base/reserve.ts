/** An element's reserved block size in its shadow styles (see ./reserve-rules.ts). */
import { unsafeCSS, type CSSResult } from 'lit';
import { wrap, type Reservation } from './reserve-rules.js';

export type { Reservation } from './reserve-rules.js';

/** `:host` rules setting `--_block-size`, the frame's block size (./styles.ts), from an element's list. */
export const reservedSizes = (list: readonly Reservation[]): CSSResult =>
  unsafeCSS(list.map((r) => wrap(r.media, `:host${r.when ? `(${r.when})` : ''}{--_block-size:${r.size}}`)).join(''));
