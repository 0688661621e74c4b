// The hand-written baseline's data code: what a developer without the kit writes to show the same
// figures from the official files. It fetches the raw ReGiS CSVs of 1 March 2023 (and the payments
// of 31 March 2025 for the card), parses them with d3-dsv (the parser vega's own loader uses) and
// attributes each project's Finanziamento PNRR to its places as the kit's methodology says for this
// release (no Percentuale di Localizzazione in it): equally among the project's localisation rows
// in all regions (docs/methodology.md). Amounts stay floating-point euros; no largest-remainder
// rounding, no merged-comune codes: a plain page would not do either.
/* global d3 -- a page's module; d3 (d3-dsv) from its script tag */
const RAW = '/raw/';

export async function csv(file) {
  const response = await fetch(RAW + file);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return d3.csvParse(await response.text());
}

export const projectKey = (row) => `${row.CUP}|${row['Codice Locale Progetto']}`;

/** The Tuscan localisation rows with their project and their share of its PNRR funding. */
export async function tuscanShares() {
  const [projects, inside, outside] = await Promise.all([
    csv('progetti_validati_toscana.csv'),
    csv('localizzazioni_validate_toscana.csv'),
    csv('localizzazioni_validate_fuori_toscana.csv'),
  ]);
  const rows = new Map();
  for (const l of [...inside, ...outside]) rows.set(projectKey(l), (rows.get(projectKey(l)) ?? 0) + 1);
  const byKey = new Map(projects.map((p) => [projectKey(p), p]));
  const shares = [];
  for (const l of inside) {
    const project = byKey.get(projectKey(l));
    if (!project || l['Codice Regione'] !== '09') continue;
    shares.push({ project, key: projectKey(l), comune: l['Codice Provincia'] + l['Codice Comune'], pnrr: Number(project['Finanziamento PNRR']) / rows.get(projectKey(l)) });
  }
  return shares;
}

export const euros = (n) => new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
