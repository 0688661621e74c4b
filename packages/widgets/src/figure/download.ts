/**
 * "Get the data" and "get the image" for charts and maps: CSV of the current
 * view (RFC 4180, UTF-8 with BOM so Excel opens accents right) and the vega
 * view as PNG or SVG. Files are saved through a detached `<a download>`, so
 * nothing is added to the host page.
 */

/**
 * A text cell a spreadsheet would run as a formula (CSV injection): it starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return.
 */
const FORMULA = /^[=+\-@\t\r]/;

/**
 * One CSV field: quoted when it holds a comma, quote, CR or LF (RFC 4180).
 * Text that a spreadsheet would read as a formula gets a leading apostrophe
 * (OWASP's advice), e.g. a body named `=HYPERLINK(…)` or `-2`; numbers are
 * written as numbers, negative ones included, so they stay numeric.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: header + rows, CRLF line ends, UTF-8 BOM first. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Saves `href` (a blob: or data: URL) as `filename`. */
export function saveUrl(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.rel = 'noopener';
  a.click();
}

/** Saves text as a file (revoking the blob URL afterwards). */
export function saveText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  saveUrl(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe slug: "Provincia di Massa-Carrara" → "provincia-di-massa-carrara". */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
