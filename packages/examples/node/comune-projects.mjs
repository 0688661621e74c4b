// The largest PNRR projects localised in one comune.
// Run: node packages/examples/node/comune-projects.mjs 048017   (ISTAT code, 6 digits; default Firenze)
import { createClient, PnrrError } from '@pnrr-toscana/sdk';
import { euro, integer, printTable, shortTitle } from './format.mjs';

const code = process.argv[2] ?? '048017';
const client = createClient();

try {
  const [page, territories] = await Promise.all([
    client.projects({ comune: code, sort: 'pnrr', limit: 10 }),
    client.territories(),
  ]);
  const name = territories.comuni.find((c) => c.code === code)?.name ?? code;
  console.log(`${name} (${code}): ${integer.format(page.total)} progetti; i ${page.items.length} con più finanziamento PNRR\n`);
  // Amounts of a project list are the whole project's, not the share attributed to the comune.
  printTable(
    [
      ['CUP', 'left'],
      ['Titolo', 'left'],
      ['PNRR (intero progetto)', 'right'],
    ],
    page.items.map((item) => [item.cup, shortTitle(item.title), euro.format(item.pnrrCents / 100)]),
  );
} catch (error) {
  // A malformed code is an InvalidArgumentError, a well-formed unknown one a NotFoundError.
  if (!(error instanceof PnrrError)) throw error;
  console.error(`${error.name} (${error.code}): ${error.message}`);
  process.exitCode = 1;
}
