/**
 * `@pnrr-toscana/sdk/ingest` — the Node-only ingest API: build and check data
 * packages from the official CSVs, plus the parsing helpers the build uses.
 *
 * @module @pnrr-toscana/sdk/ingest
 */
export { buildPackage, bodyKey, type BuildOptions, type BuildPhase, type BuildResult } from './build.js';
export { validatePackage, type ValidationIssue, type ValidationResult } from './validate.js';
export { summarise, type SummaryOptions } from './summary.js';
export { parseCents, formatEuro, type NumberStyle } from './numbers.js';
export { parseDate } from './dates.js';
export { normaliseHeader } from './normalise.js';
export { detectLayout, LAYOUTS, LayoutError, type DetectedLayout, type Layout, type Role } from './layouts.js';
export { largestRemainder } from './attribution.js';
export { MERGED_COMUNI, remapComune, type MergedComune } from './merged-comuni.js';
export { readCsv, sniffDelimiter, type CsvHandlers, type CsvReadResult } from './csv.js';
export { InputError } from './input-error.js';
