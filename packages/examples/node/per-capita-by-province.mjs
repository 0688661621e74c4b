// PNRR funding per inhabitant in each Tuscan province (ISTAT population at 1/1/2021).
// Run: node packages/examples/node/per-capita-by-province.mjs
import { createClient } from '@pnrr-toscana/sdk';
import { euro, euroCents, integer, printTable } from './format.mjs';

const client = createClient();
const rows = await client.spending({ groupBy: 'province', metric: 'pnrr', perCapita: 'istat2021' });

console.log('Finanziamento PNRR per abitante, per provincia (popolazione ISTAT 1/1/2021)\n');
printTable(
  [
    ['Codice', 'left'],
    ['Provincia', 'left'],
    ['Abitanti', 'right'],
    ['PNRR attribuito', 'right'],
    ['€ per abitante', 'right'],
  ],
  // The region-wide bucket (kind 'region-wide') is a row too: projects for the whole region, per Tuscan.
  rows.map((row) => [
    row.key,
    row.kind === 'region-wide' ? 'Tutta la regione' : row.label,
    integer.format(row.population ?? NaN),
    euro.format(row.amount),
    euroCents.format(row.value),
  ]),
);
