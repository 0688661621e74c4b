/** Node-only ingest API: build and check data packages from the official CSVs. */
export { buildPackage, bodyKey, type BuildOptions, type BuildResult } from './build.js';
export { validatePackage, type ValidationIssue, type ValidationResult } from './validate.js';
export { summarise, type SummaryOptions } from './summary.js';
export { parseCents, formatEuro, type NumberStyle } from './numbers.js';
export { parseDate } from './dates.js';
export { normaliseHeader } from './normalise.js';
export { detectLayout, LAYOUTS, LayoutError, type Layout, type Role } from './layouts.js';
export { largestRemainder } from './attribution.js';
export { MERGED_COMUNI, remapComune, type MergedComune } from './merged-comuni.js';
export { readCsv, sniffDelimiter } from './csv.js';
export { InputError } from './input-error.js';
