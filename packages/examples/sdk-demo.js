// Regional totals by mission, straight from the SDK's browser bundle and the embedded package.
import { createClient } from '../sdk/dist/browser/pnrr-sdk.js';

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const integer = new Intl.NumberFormat('it-IT');
const status = document.getElementById('sdk-status');

try {
  const client = createClient();
  // The sources and totals of the package: provenance.json (the manifest every widget reads stays small).
  const [manifest, { totals }, rows, measures] = await Promise.all([
    client.manifest(),
    client.provenance(),
    client.spending({ groupBy: 'mission', metric: 'pnrr' }),
    client.measures(),
  ]);
  const names = new Map(measures.missions.map((m) => [m.code, m.name]));
  const table = document.getElementById('missions');
  const body = table.tBodies[0];
  for (const row of [...rows].sort((a, b) => a.key.localeCompare(b.key))) {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = `${row.key} – ${names.get(row.key) ?? row.label}`;
    tr.append(th);
    tr.insertCell().textContent = euro.format(row.value);
    tr.insertCell().textContent = integer.format(row.count);
  }
  const inside = rows.reduce((sum, row) => sum + row.value, 0);
  const foot = table.tFoot.rows[0].cells;
  foot[1].textContent = euro.format(inside);
  foot[2].textContent = integer.format(totals.projects);
  table.hidden = false;
  const t = totals;
  document.getElementById('reconciliation').textContent =
    `${integer.format(t.projects)} progetti toccano la Toscana per ${euro.format(t.touching.pnrrCents / 100)} di finanziamento PNRR; ` +
    `${euro.format(t.outside.pnrrCents / 100)} sono attribuiti ad altre regioni (quota delle localizzazioni fuori Toscana), ` +
    `${euro.format(t.inside.pnrrCents / 100)} alla Toscana: ${euro.format(t.comuni.pnrrCents / 100)} a singoli comuni, ` +
    `${euro.format(t.provinceWide.pnrrCents / 100)} a intere province e ${euro.format(t.regionWide.pnrrCents / 100)} all'intera regione.`;
  document.getElementById('attribution').textContent =
    `${manifest.attribution.data} Dati aggiornati al ${new Date(manifest.referenceDate).toLocaleDateString('it-IT')}.`;
  status.textContent = '';
} catch (error) {
  status.textContent = `Impossibile caricare i dati: ${error.message}`;
}

// Drill-down that stays on the page: the map's selection drives the second chart.
document.addEventListener('pnrr-municipality-select', (event) => {
  document.getElementById('comune-chart')?.setAttribute('comune', event.detail.code);
});
