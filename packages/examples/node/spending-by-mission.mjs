// PNRR funding attributed to Tuscany, by mission (embedded data package).
// Run: node packages/examples/node/spending-by-mission.mjs   (after `npm run build`)
import { createClient } from '@pnrr-toscana/sdk';
import { euro, integer, printTable } from './format.mjs';

const client = createClient();
const [rows, manifest, provenance] = await Promise.all([client.spending({ groupBy: 'mission', metric: 'pnrr' }), client.manifest(), client.provenance()]);

console.log(`Finanziamento PNRR attribuito alla Toscana per missione (dati al ${manifest.referenceDate})\n`);
printTable(
  [
    ['Missione', 'left'],
    ['Nome', 'left'],
    ['PNRR', 'right'],
    ['Progetti', 'right'],
  ],
  rows.map((row) => [row.key, row.label, euro.format(row.value), integer.format(row.count)]),
);
// Rows add up to the amount attributed inside the region (the package's totals, provenance.json, are in cents).
const sum = rows.reduce((total, row) => total + row.value, 0);
console.log(`\nTotale: ${euro.format(sum)} (pacchetto: ${euro.format(provenance.totals.inside.pnrrCents / 100)})`);
