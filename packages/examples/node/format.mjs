// Shared by the Node examples: Italian number formats and a plain-text table,
// so each example stays about the SDK call it shows.
export const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
export const euroCents = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
export const integer = new Intl.NumberFormat('it-IT');

/** The part of a source title before its first "*" (ReGiS joins several titles with it), cut to `max` characters. */
export function shortTitle(title, max = 60) {
  const first = title.split('*')[0].trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/**
 * Prints rows as an aligned text table. `columns` is a list of [header, align] with align 'left' or 'right';
 * rows are arrays of strings in the same order.
 */
export function printTable(columns, rows) {
  const widths = columns.map(([header], i) => Math.max(header.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) =>
    cells
      .map((cell, i) => (columns[i][1] === 'right' ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(columns.map(([header]) => header)));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
