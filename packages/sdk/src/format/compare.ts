/**
 * Code-point order of strings, independent of the locale. Every sort whose
 * order ends up in a package file or in an answer of the client uses it, so
 * the order is the same on every machine (`localeCompare` is not).
 */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
