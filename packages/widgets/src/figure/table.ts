/**
 * A figure's numbers as one table (see `FigureTable`), written out twice: as
 * the page's data table and as the CSV download. One source, so the two
 * cannot disagree on a value or a column.
 */
import { html, nothing, type TemplateResult } from 'lit';

/** One cell: its value (CSV, `data-value`) and, when it differs, its text on the page. */
export interface TableCell {
  value: string | number | null | undefined;
  /** Shown on the page (default: the value as a string). */
  text?: string;
}

/** Where a column or a row appears: both the page's table and the CSV (default), or only one. */
export type TableOnly = 'page' | 'csv';

export interface TableColumn {
  label: string;
  /** The CSV header, when it differs from the page's. */
  csvLabel?: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** The row's header cell (`<th scope="row">`). */
  rowHeader?: boolean;
  /** The cell carries its value as `data-value` (tests and host pages read the exact number). */
  dataValue?: boolean;
  only?: TableOnly;
}

export interface TableRow {
  key: string;
  /** One cell per column, in the columns' order. */
  cells: TableCell[];
  only?: TableOnly;
}

/**
 * The figure's numbers, once: the page's data table and the CSV download are
 * both written from it (the CSV holds every group, the page the groups drawn).
 */
export interface FigureTable {
  caption: string;
  columns: TableColumn[];
  rows: TableRow[];
  /** Money that is no row of the figure (not attributable, left out by a filter). */
  foot: TableRow[];
}

const onPage = (x: { only?: TableOnly }) => x.only !== 'csv';
const inCsv = (x: { only?: TableOnly }) => x.only !== 'page';

/** The page's data table: columns and rows not marked CSV-only. */
export function tableTemplate(table: FigureTable): TemplateResult {
  const columns = table.columns.map((column, i) => ({ column, i })).filter(({ column }) => onPage(column));
  const row = (r: TableRow) => html`<tr data-key=${r.key}>
    ${columns.map(({ column, i }) => {
      const cell = r.cells[i] ?? { value: '' };
      const text = cell.text ?? String(cell.value ?? '');
      if (column.rowHeader) return html`<th scope="row">${text}</th>`;
      return html`<td class=${column.numeric ? 'num' : nothing} data-value=${column.dataValue ? String(cell.value) : nothing}>${text}</td>`;
    })}
  </tr>`;
  const foot = table.foot.filter(onPage);
  return html`<table part="table">
    <caption>${table.caption}</caption>
    <thead>
      <tr>
        ${columns.map(({ column }) => html`<th scope="col" class=${column.numeric ? 'num' : nothing}>${column.label}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${table.rows.filter(onPage).map(row)}
    </tbody>
    ${foot.length > 0 ? html`<tfoot>${foot.map(row)}</tfoot>` : nothing}
  </table>`;
}

/** The CSV download: columns and rows not marked page-only, body then foot, raw values. */
export function csvTable(table: FigureTable): { header: string[]; rows: Array<Array<TableCell['value']>> } {
  const columns = table.columns.map((column, i) => ({ column, i })).filter(({ column }) => inCsv(column));
  return {
    header: columns.map(({ column }) => column.csvLabel ?? column.label),
    rows: [...table.rows, ...table.foot].filter(inCsv).map((r) => columns.map(({ i }) => r.cells[i]?.value ?? null)),
  };
}
