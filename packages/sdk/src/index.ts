/**
 * `@pnrr-toscana/sdk` — the typed client of a PNRR data package (`createClient`),
 * the types of every package file, the territory-key helpers and the error
 * classes. Works in browsers and in Node; the Node-only ingest lives in
 * `@pnrr-toscana/sdk/ingest`.
 *
 * @module @pnrr-toscana/sdk
 */
export * from './errors.js';
export type * from './client/types.js';
export type * from './client/place-types.js';
export { PlaceNameError } from './client/place-error.js';
export type * from './schema/package.js';
export { SCHEMA_VERSION } from './format/version.js';
export {
  territoryKind, isComuneCode, isProvinceCode, isCup, provinceOf, provinceWideKey, enclosingBuckets, REGION_WIDE_KEY, type TerritoryKind,
} from './format/keys.js';
export { createClient } from './client/client.js';
/** Paid ÷ financed of a `projects()` item (null without payment data): the rule of the `paid-share` sort. */
export { paidShare } from './client/projects.js';
export { DEFAULT_BASE_URL, EMBEDDED_REGIONS, type EmbeddedRegion } from './client/base-url.js';
