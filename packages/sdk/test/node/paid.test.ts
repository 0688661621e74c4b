/**
 * The `paid` and `paid-share` metrics of `spending()` on the embedded Tuscan package,
 * against sums made here straight from the source CSVs (read with csv-parse, not
 * through the ingest): payments are attributed like the funding, so Σ paid by comune
 * + the province-wide and region-wide buckets + outside Tuscany = Σ payments of the
 * package's projects, to the cent.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createClient, InvalidArgumentError, type SpendingRow } from '../../src/index.js';
import type { PaidFacts } from '../../src/schema/package.js';
import { EMBEDDED, TOSCANA, V2023, readJson, readManifest } from './ingest-helpers.js';

/** "1170551.93" → 117055193: the dot-decimal amounts of the 2023/2025 files, as integer cents without floats. */
const cents = (text: string): number => {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  assert.ok(m, `not a dot-decimal amount: "${text}"`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0')));
};
const rowCents = (rows: SpendingRow[], field: 'paid' | 'financed'): number => rows.reduce((a, r) => a + Math.round(r[field]! * 100), 0);

type Csv = Record<string, string>[];
const readCsv = async (path: string): Promise<Csv> => parse(await readFile(path), { columns: true, bom: true }) as Csv;

describe('spending(): paid and paid-share (embedded Tuscan package)', () => {
  const client = createClient();
  /** Σ pagamenti_totali and Σ finanziamento_totale of the payment rows of the package's projects, and how many rows. */
  const expected = { paid: 0, financed: 0, projects: 0, date: '' };
  let manifest: Awaited<ReturnType<typeof readManifest>>;

  before(async () => {
    const projects = await readCsv(join(V2023, 'progetti_validati_toscana.csv'));
    const keys = new Set(projects.map((p) => `${p['CUP']!.trim()}|${p['Codice Locale Progetto']!.trim()}`));
    const payments = await readCsv(join(TOSCANA, 'regis-2025-03-31', 'pagamenti_di_progetto_toscana.csv'));
    for (const row of payments) {
      if (!keys.has(`${row['cup']!.trim()}|${row['codice_locale_progetto']!.trim()}`)) continue;
      expected.paid += cents(row['pagamenti_totali']!);
      expected.financed += cents(row['finanziamento_totale']!);
      expected.projects++;
      expected.date = row['data_di_estrazione']!;
    }
    manifest = await readManifest(EMBEDDED);
  });

  it('the payments of the package are those of the CSV (1,585 projects with a payments row)', () => {
    assert.equal(expected.projects, 1585);
    const t = manifest.totals.payments!;
    assert.equal(t.projects, expected.projects);
    assert.equal(t.touching.paidCents, expected.paid);
    assert.equal(t.touching.financedCents, expected.financed);
  });

  it('Σ paid by comune + buckets + outside Tuscany = Σ payments of the projects, to the cent', async () => {
    const rows = await client.spending({ groupBy: 'comune', metric: 'paid' });
    const kinds = new Set(rows.map((r) => r.kind));
    assert.ok(kinds.has('comune') && kinds.has('province-wide') && kinds.has('region-wide'), [...kinds].join());
    const outside = manifest.totals.payments!.outside;
    assert.equal(rowCents(rows, 'paid') + outside.paidCents, expected.paid);
    assert.equal(rowCents(rows, 'financed') + outside.financedCents, expected.financed);
    // The same paid euros by province (with the region-wide bucket) and by mission.
    assert.equal(rowCents(await client.spending({ groupBy: 'province', metric: 'paid' }), 'paid'), rowCents(rows, 'paid'));
    assert.equal(rowCents(await client.spending({ groupBy: 'mission', metric: 'paid' }), 'paid'), rowCents(rows, 'paid'));
  });

  it('paid-share of a territory is Σ paid ÷ Σ financed of its projects, never an average of shares', async () => {
    const [share, paid] = await Promise.all([
      client.spending({ groupBy: 'province', metric: 'paid-share' }),
      client.spending({ groupBy: 'province', metric: 'paid' }),
    ]);
    assert.equal(share.length, paid.length);
    for (const row of share) {
      const p = paid.find((r) => r.key === row.key)!;
      assert.equal(row.value, Math.round(p.paid! * 100) / Math.round(p.financed! * 100), row.key);
      assert.ok(row.value > 0 && row.value < 1, `${row.key}: ${row.value}`);
      assert.deepEqual(row.referenceDates, { projects: '2023-03-01', payments: expected.date });
    }
    // The region as a whole, by mission: the sums of the mission rows give the region's share.
    const missions = await client.spending({ groupBy: 'mission', metric: 'paid-share' });
    const region = manifest.totals.payments!.inside;
    const paidSum = rowCents(missions, 'paid');
    const financedSum = rowCents(missions, 'financed');
    assert.equal(paidSum, region.paidCents);
    assert.equal(financedSum, region.financedCents);
    const mean = missions.reduce((a, r) => a + r.value, 0) / missions.length;
    assert.notEqual(paidSum / financedSum, mean, 'the share of the whole is not the mean of the shares');
  });

  it('Firenze: the share paid from the payment facts file read by hand', async () => {
    const facts = await readJson<PaidFacts>(EMBEDDED, 'facts-paid.json');
    const tuples = facts.amounts['048017']!;
    const paid = tuples.reduce((a, t) => a + t[1], 0);
    const financed = tuples.reduce((a, t) => a + t[1] + t[2], 0);
    const [row] = await client.spending({ groupBy: 'comune', comune: '048017', metric: 'paid-share' });
    assert.equal(row!.value, paid / financed);
    assert.equal(row!.label, 'Firenze');
    assert.equal(row!.count, tuples.reduce((a, t) => a + t[3], 0));
  });

  it('paid per inhabitant works; paid-share per inhabitant is refused with a clear InvalidArgumentError', async () => {
    const perCapita = await client.spending({ groupBy: 'province', metric: 'paid', perCapita: true });
    for (const r of perCapita) if (r.kind === 'province') assert.equal(r.value, r.amount / r.population!);
    await assert.rejects(client.spending({ groupBy: 'comune', metric: 'paid-share', perCapita: true }), (e: unknown) => {
      assert.ok(e instanceof InvalidArgumentError);
      assert.equal(e.argument, 'perCapita');
      assert.match(e.message, /per inhabitant/);
      return true;
    });
    await assert.rejects(client.spending({ groupBy: 'implementing-body', metric: 'paid' }), InvalidArgumentError);
  });
});
