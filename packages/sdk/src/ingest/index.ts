/**
 * `@pnrr-toscana/sdk/ingest` — the Node-only ingest API: build and check data
 * packages from the official CSVs, plus the parsing helpers the build uses.
 *
 * @module @pnrr-toscana/sdk/ingest
 */
export { buildPackage, checkBuildOptions, bodyKey, type BuildOptions, type BuildPhase, type BuildResult } from './build.js';
export { validatePackage, type ValidateOptions, type ValidationIssue, type ValidationResult } from './check/validate.js';
export { summarise, type SummaryOptions } from './check/summary.js';
export { parseCents, formatEuro, type NumberStyle } from './read/numbers.js';
export { parseDate } from './read/dates.js';
export { normaliseHeader } from './read/normalise.js';
export { detectLayout, LAYOUTS, type DetectedLayout, type Layout, type Role } from './read/layouts.js';
export { largestRemainder } from './aggregate/largest-remainder.js';
export { MERGED_COMUNI, remapComune, type MergedComune } from '../format/merged-comuni.js';
export { readCsv, sniffDelimiter, type CsvHandlers, type CsvReadResult } from './read/csv.js';
export { InputError, LayoutError } from './errors.js';
