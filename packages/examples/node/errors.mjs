// Every deliberate SDK error is a PnrrError subclass with a stable `code`: what each mistake gives.
// Run: node packages/examples/node/errors.mjs
import { createClient, InvalidArgumentError, NotFoundError, PnrrError } from '@pnrr-toscana/sdk';
import { printTable } from './format.mjs';

const client = createClient();

const attempts = [
  ["project('H91J1200077')", () => client.project('H91J1200077')], // 11 characters: not a CUP
  ["project('Z99Z99999999999')", () => client.project('Z99Z99999999999')], // well formed, not in the data
  ["project('B65F21001810001', { localCode: 'X' })", () => client.project('B65F21001810001', { localCode: 'X' })],
  ["projects({ comune: '48017' })", () => client.projects({ comune: '48017' })], // 5 digits
  ["projects({ comune: '048999' })", () => client.projects({ comune: '048999' })], // no such comune
  ["spending({ groupBy: 'province', comune: '048017' })", () => client.spending({ groupBy: 'province', comune: '048017' })],
];

const rows = [];
for (const [call, run] of attempts) {
  try {
    await run();
    rows.push([call, '(nessun errore)', '', '']);
  } catch (error) {
    if (!(error instanceof PnrrError)) throw error;
    // Branch on the class (or on error.code) to decide what to tell the user.
    const detail =
      error instanceof InvalidArgumentError
        ? `argument=${error.argument}`
        : error instanceof NotFoundError
          ? `what=${error.what}`
          : '';
    rows.push([call, error.name, error.code, detail]);
    console.log(`${call}\n  → ${error.message}`);
  }
}
console.log('');
printTable(
  [
    ['Chiamata', 'left'],
    ['Errore', 'left'],
    ['code', 'left'],
    ['Dettaglio', 'left'],
  ],
  rows,
);
