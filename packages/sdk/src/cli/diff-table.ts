/**
 * The terminal view of a `PackageDiff`: plain-text tables with Italian number formatting
 * (1.234.567,89 €), what a newsroom reads first when a release lands. Text from the data
 * (titles, names) is made safe to show: control characters and bidi overrides dropped
 * (`forTerminal`), a leading = + - @ neutralised with an apostrophe as spreadsheets expect (the
 * table is often pasted into one), long titles cut.
 */
import type { ChangedProject, Delta, DiffProject, GroupDelta, PackageDiff } from '../release/diff.js';
import { formatEuro } from '../ingest/read/numbers.js';
import { forTerminal } from './terminal.js';

const TITLE_WIDTH = 60;
/** Rows of each project table and of the comuni table shown; the rest is counted (all of them are in --json). */
export const SHOWN = 20;

/** Integer with Italian thousands separators: 2.770. */
const int = (n: number): string => `${n < 0 ? '-' : ''}${Math.abs(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
const euro = (c: number): string => `${formatEuro(c)} €`;
const signed = (s: string, n: number): string => (n > 0 ? `+${s}` : s);
const dEuro = (d: Delta): string => signed(euro(d.delta), d.delta);
const dInt = (d: Delta): string => signed(int(d.delta), d.delta);

/** A data text as one safe, bounded cell. */
export function cell(text: string, width = TITLE_WIDTH): string {
  let t = forTerminal(text).replace(/[\t\n\r]+/g, ' ').trim();
  if (/^[=+\-@]/.test(t)) t = `'${t}`;
  return t.length > width ? `${t.slice(0, width - 1)}…` : t;
}

function table(header: string[], rows: string[][], right: number[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => (right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

const more = (n: number): string[] => (n > SHOWN ? [`… altri ${int(n - SHOWN)} (tutti in --json)`] : []);

function projectRows(list: DiffProject[]): string[][] {
  return list.slice(0, SHOWN).map((p) => [p.cup, cell(p.title), euro(p.pnrrCents), euro(p.totalCents)]);
}

function changeText(c: ChangedProject): string {
  const parts: string[] = [];
  if (c.changes.pnrrCents) parts.push(`PNRR ${dEuro(c.changes.pnrrCents)}`);
  if (c.changes.totalCents) parts.push(`totale ${dEuro(c.changes.totalCents)}`);
  if (c.changes.places) {
    const p = c.changes.places;
    parts.push(`luoghi ${[...p.added.map((x) => `+${x}`), ...p.removed.map((x) => `-${x}`)].join(' ')}`);
  }
  if (c.changes.title) parts.push(`titolo (era: ${cell(c.changes.title.old, 40)})`);
  return parts.join('; ');
}

function groupRows(groups: GroupDelta[]): string[][] {
  return groups.map((g) => [g.key, cell(g.name, 40), dInt(g.projects), euro(g.pnrrCents.new), dEuro(g.pnrrCents), dEuro(g.totalCents)]);
}

/** The diff as text for a terminal (every line already safe). */
export function diffTable(d: PackageDiff): string {
  const t = d.totals;
  const p = d.projects;
  const lines = [
    `Confronto dei pacchetti PNRR – Regione ${cell(d.region.name)} (${d.region.code})`,
    `  prima: ${cell(d.old.location, 200)} (dati al ${d.old.referenceDate}, ${int(d.old.projects)} progetti)`,
    `  dopo:  ${cell(d.new.location, 200)} (dati al ${d.new.referenceDate}, ${int(d.new.projects)} progetti)`,
    '',
    ...table(
      ['Totali', 'prima', 'dopo', 'differenza'],
      [
        ['progetti', int(t.projects.old), int(t.projects.new), dInt(t.projects)],
        ['PNRR (progetti)', euro(t.touching.pnrrCents.old), euro(t.touching.pnrrCents.new), dEuro(t.touching.pnrrCents)],
        ['totale (progetti)', euro(t.touching.totalCents.old), euro(t.touching.totalCents.new), dEuro(t.touching.totalCents)],
        ['PNRR in regione', euro(t.inside.pnrrCents.old), euro(t.inside.pnrrCents.new), dEuro(t.inside.pnrrCents)],
        ['totale in regione', euro(t.inside.totalCents.old), euro(t.inside.totalCents.new), dEuro(t.inside.totalCents)],
      ],
      [1, 2, 3],
    ),
    '',
    `Progetti nuovi: ${int(p.added.length)}`,
    ...(p.added.length ? [...table(['CUP', 'Titolo', 'PNRR', 'Totale'], projectRows(p.added), [2, 3]), ...more(p.added.length)] : []),
    '',
    `Progetti rimossi: ${int(p.removed.length)}`,
    ...(p.removed.length ? [...table(['CUP', 'Titolo', 'PNRR', 'Totale'], projectRows(p.removed), [2, 3]), ...more(p.removed.length)] : []),
    '',
    `Progetti modificati: ${int(p.changed.length)}`,
    ...(p.changed.length ? [...table(['CUP', 'Titolo', 'Modifiche'], p.changed.slice(0, SHOWN).map((c) => [c.cup, cell(c.title), changeText(c)]), []), ...more(p.changed.length)] : []),
    '',
    'Per missione (importi attribuiti alla regione)',
    ...table(['Missione', 'Nome', 'Δ progetti', 'PNRR dopo', 'Δ PNRR', 'Δ totale'], groupRows(d.byMission), [2, 3, 4, 5]),
    '',
    `Per comune (e quote non attribuibili a un comune): ${int(d.byComune.length)} con variazioni`,
    ...(d.byComune.length ? [...table(['Codice', 'Nome', 'Δ progetti', 'PNRR dopo', 'Δ PNRR', 'Δ totale'], groupRows(d.byComune.slice(0, SHOWN)), [2, 3, 4, 5]), ...more(d.byComune.length)] : []),
    '',
  ];
  return forTerminal(lines.join('\n'));
}
