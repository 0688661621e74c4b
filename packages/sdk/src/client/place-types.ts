/** Public types of `places()` and `resolvePlace()`: comuni and provinces by name or code. */
import type { CallOptions } from './types.js';

/** What a place name may stand for. */
export type PlaceKind = 'comune' | 'province';

/** A comune or province of the data package, as `places()` and `resolvePlace()` return it. */
export interface Place {
  kind: PlaceKind;
  /** Today's ISTAT code: 6 digits for a comune, 3 for a province. */
  code: string;
  /** Official name, as in territories.json. */
  name: string;
  /** A comune's province code (absent for a province). */
  province?: string;
  /**
   * Set when the place was found through a comune suppressed by a merger (its former code or name,
   * e.g. "052014" San Giovanni d'Asso… or Montalcino before 2017): that former code.
   */
  formerCode?: string;
}

/** Query of `places()`. */
export interface PlacesQuery extends CallOptions {
  /**
   * Text to look for, case- and accent-insensitive ("citta" finds "Città"): names that are it,
   * start with it, have a word starting with it, contain it, then near misses (one typo in four letters).
   * A code finds its place. Empty or absent: every place, by name.
   */
  q?: string;
  /** Only comuni or only provinces (default both). */
  kind?: PlaceKind;
  /** At most this many places, 1…1000 (default 20). */
  limit?: number;
}

/** Options of `resolvePlace()`. */
export interface ResolvePlaceOptions extends CallOptions {
  /** Only a comune or only a province (default: either; a name shared by both, like "Prato", is then ambiguous). */
  kind?: PlaceKind;
}
