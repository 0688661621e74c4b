/**
 * Lower case without accents ("CITTÀ" → "città" → "citta"), for comparisons that
 * must not depend on how a name was typed: the client's text search and the
 * ingest's header matching.
 */
export const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
