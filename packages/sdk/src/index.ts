export * from './errors.js';
export type * from './client/types.js';
export type * from './schema/package.js';
export { SCHEMA_VERSION } from './format/version.js';
export { territoryKind, isComuneCode, isProvinceCode, isCup, type TerritoryKind } from './format/keys.js';
export { createClient } from './client/client.js';
export { DEFAULT_BASE_URL } from './client/base-url.js';
