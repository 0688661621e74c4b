/** Parsing rules: numbers, dates, headers, layouts, attribution arithmetic, merged comuni. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCents } from '../../src/ingest/read/numbers.js';
import { parseDate } from '../../src/ingest/read/dates.js';
import { normaliseHeader } from '../../src/ingest/read/normalise.js';
import { detectLayout, type Role } from '../../src/ingest/read/layouts.js';
import { LayoutError } from '../../src/ingest/errors.js';
import { largestRemainder } from '../../src/ingest/aggregate/largest-remainder.js';
import { remapComune, MERGED_COMUNI } from '../../src/format/merged-comuni.js';
import { readCsv, sniffDelimiter } from '../../src/ingest/read/csv.js';
import { writeFile } from 'node:fs/promises';
import { FIXTURES, LIGURIA, PRIMA, TOSCANA, V2023, tempDir } from './ingest-helpers.js';

describe('parseCents', () => {
  it('reads Italian amounts without floating point', () => {
    assert.equal(parseCents('1.234.567,89', 'italian'), 123456789);
    assert.equal(parseCents('60.000', 'italian'), 6000000, 'dot thousands, no decimals');
    assert.equal(parseCents('125.000', 'italian'), 12500000);
    assert.equal(parseCents(' 80.000.000,00 ', 'italian'), 8000000000);
    assert.equal(parseCents('900000000,00', 'italian'), 90000000000);
    assert.equal(parseCents('-12,5', 'italian'), -1250);
    assert.equal(parseCents('1,00', 'italian'), 100);
    assert.equal(parseCents('0,125', 'italian'), 13, 'half away from zero');
    assert.equal(parseCents('305.909.248,00', 'italian'), 30590924800);
  });
  it('reads plain dot decimals', () => {
    assert.equal(parseCents('47427.00', 'dot'), 4742700);
    assert.equal(parseCents('47427.00', 'italian'), 4742700, 'a single dot before 2 digits is not a thousands group');
    assert.equal(parseCents('0.1', 'dot'), 10);
    assert.equal(parseCents('60.000', 'dot'), 6000, 'in a dot-decimal layout the dot is the decimal point');
    assert.equal(parseCents('4319771.75', 'dot'), 431977175);
    assert.equal(parseCents('-12.5', 'dot'), -1250);
    assert.equal(parseCents('44352', 'dot'), 4435200);
    // 2^53 / 100 euros still exact.
    assert.equal(parseCents('90071992547409.91', 'dot'), 9007199254740991);
  });
  it('gives null for missing markers and undefined for garbage', () => {
    for (const v of ['N/D', 'N/A', '', '  ', 'n/d']) assert.equal(parseCents(v, 'italian'), null, v);
    for (const v of ['abc', '1.2.3', '12,34,5', '1.23,4.5', '€ x', '1e5']) assert.equal(parseCents(v, 'dot'), undefined, v);
    assert.equal(parseCents('1.23.456', 'italian'), undefined);
  });
});

describe('parseDate', () => {
  it('reads DD/MM/YYYY and ISO', () => {
    assert.equal(parseDate('20/02/2023'), '2023-02-20');
    assert.equal(parseDate('1/3/2023'), '2023-03-01');
    assert.equal(parseDate('2023-02-21'), '2023-02-21');
    assert.equal(parseDate('2025-03-31 00:00:00'), '2025-03-31');
    assert.equal(parseDate('N/A'), null);
    assert.equal(parseDate(''), null);
    assert.equal(parseDate('31/02/2023'), undefined);
    assert.equal(parseDate('2023/13/01'), undefined);
  });
});

describe('normaliseHeader', () => {
  it('reduces the variants of the releases to one form', () => {
    assert.equal(normaliseHeader('CUP '), 'cup');
    assert.equal(normaliseHeader('\uFEFFProgramma'), 'programma');
    assert.equal(normaliseHeader('FINANZIAMENTO _UE'), 'finanziamento ue');
    assert.equal(normaliseHeader('FINANZ_TOTALE '), 'finanz totale');
    assert.equal(normaliseHeader('Finanziamento UE (diverso da PNRR)'), 'finanziamento ue diverso da pnrr');
    assert.equal(normaliseHeader('Modalità  di Realizzazione'), 'modalita di realizzazione');
    assert.equal(normaliseHeader('codice_univoco_submisura'), normaliseHeader('Codice Univoco submisura'));
  });
});

async function headerOf(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const first = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0]!.replace(/^\uFEFF/, '');
    return first.split(await sniffDelimiter(path));
  } finally {
    await handle.close();
  }
}

describe('layout detection on the real files', () => {
  const cases: Array<[string, Role, string]> = [
    [join(V2023, 'progetti_validati_toscana.csv'), 'projects', 'regis-2023-validati'],
    [join(V2023, 'localizzazioni_validate_toscana.csv'), 'localisations', 'regis-2023-validati'],
    [join(V2023, 'localizzazioni_validate_fuori_toscana.csv'), 'localisations', 'regis-2023-validati'],
    [join(V2023, 'localizzazioni_universo_toscana.csv'), 'localisations', 'regis-2023-universo'],
    [join(V2023, 'localizzazioni_universo_fuori_toscana.csv'), 'localisations', 'regis-2023-universo'],
    [join(LIGURIA, 'progetti_validati_liguria.csv'), 'projects', 'regis-2023-validati'],
    [join(PRIMA, 'PNRR_Progetti_toscana.csv'), 'projects', 'prima-pubblicazione'],
    [join(PRIMA, 'PNRR_Localizzazione_toscana.csv'), 'localisations', 'prima-pubblicazione'],
    [join(FIXTURES, 'current-2024', 'PNRR_Progetti.csv'), 'projects', 'current-2024'],
    [join(FIXTURES, 'current-2024', 'PNRR_Localizzazione.csv'), 'localisations', 'current-2024'],
    [join(TOSCANA, 'regis-2025-03-31', 'pagamenti_di_progetto_toscana.csv'), 'payments', 'regis-2025'],
  ];
  for (const [path, role, id] of cases) {
    it(`${path.split('/').slice(-2).join('/')} → ${id}`, async () => {
      const detected = detectLayout('x.csv', role, await headerOf(path));
      assert.equal(detected.layout.id, id);
      for (const field of detected.layout.required) assert.ok(detected.columns.has(field), field);
    });
  }
  it('maps the first release\'s odd headers', async () => {
    const d = detectLayout('x.csv', 'projects', await headerOf(join(PRIMA, 'PNRR_Progetti_toscana.csv')));
    const header = await headerOf(join(PRIMA, 'PNRR_Progetti_toscana.csv'));
    assert.equal(header[d.columns.get('cup')!], 'CUP ');
    assert.equal(header[d.columns.get('ue')!], 'FINANZIAMENTO _UE');
    assert.equal(header[d.columns.get('total')!], 'FINANZ_TOTALE ');
    assert.equal(d.columns.has('localCode'), true);
  });
  it('recognises the 2026 payment headers', () => {
    const d = detectLayout('p.csv', 'payments', ['Codice Univoco Submisura', 'CUP', 'Codice Locale Progetto', 'Pagamento Totale', 'Pagamento PNRR', 'Pagamento - Stato', 'Data di Estrazione']);
    assert.equal(d.layout.id, 'official-2026');
    assert.equal(d.layout.numbers, 'italian');
  });
  it('names the missing columns of an unrecognised layout', () => {
    assert.throws(
      () => detectLayout('soggetti.csv', 'projects', ['Descrizione Submisura', 'CUP', 'Codice Locale Progetto', 'Denominazione', 'Data di aggiornamento']),
      (e: unknown) => e instanceof LayoutError && /soggetti\.csv/.test(e.message) && /missing the columns: .*finanziamento pnrr/.test(e.message),
    );
    assert.throws(
      () => detectLayout('p.csv', 'projects', ['CUP', 'Codice Locale Progetto', 'Data aggiornamento']),
      (e: unknown) => e instanceof LayoutError && /regis-2023-validati/.test(e.message) && /missione/.test(e.message),
    );
  });
});

describe('largestRemainder', () => {
  it('splits cents so the parts add up exactly', () => {
    assert.deepEqual(largestRemainder(100, [1, 1, 1]), [34, 33, 33]);
    assert.deepEqual(largestRemainder(61549181, [7500, 2500]), [46161886, 15387295]);
    assert.deepEqual(largestRemainder(5000000000, [3333, 3333, 3333]), [1666666667, 1666666667, 1666666666]);
    assert.deepEqual(largestRemainder(-101, [1, 1]), [-51, -50]);
    assert.deepEqual(largestRemainder(7, [0, 0]), [4, 3], 'no usable weights → equal split');
    for (const amount of [0, 1, 99, 12345, 30590924800, 9007199254740991]) {
      for (const weights of [[1], [1, 2, 3], [5000, 5000], [3333, 3333, 3334], Array.from({ length: 74 }, () => 1)]) {
        const parts = largestRemainder(amount, weights);
        assert.equal(parts.reduce((a, b) => a + b, 0), amount, `${amount} over ${weights.length}`);
        assert.ok(parts.every((p) => Number.isSafeInteger(p)));
      }
    }
  });
});

describe('merged comuni', () => {
  it('remaps old codes to their successor', () => {
    assert.equal(remapComune('052014')?.to, '052037');
    assert.equal(remapComune('051019')?.to, '051042');
    assert.equal(remapComune('048003')?.to, '048054');
    assert.equal(remapComune('048017'), null);
    assert.equal(new Set(MERGED_COMUNI.map((m) => m.from)).size, MERGED_COMUNI.length);
    assert.ok(MERGED_COMUNI.every((m) => /^\d{6}$/.test(m.from) && /^\d{6}$/.test(m.to) && m.from.slice(0, 3) === m.to.slice(0, 3)));
  });
});

describe('readCsv', () => {
  it('sniffs ";", strips the BOM, keeps physical line numbers and rejects short rows', async () => {
    const path = join(await tempDir('csv'), 'x.csv');
    await writeFile(path, '\uFEFFa;b,x;c\r\n1;"multi\nline; quoted";3\r\n4;5\r\n\r\n6;7;8\r\n');
    assert.equal(await sniffDelimiter(path), ';');
    const seen: Array<[number, string[]]> = [];
    const rejected: number[] = [];
    let header: string[] = [];
    const result = await readCsv(path, {
      onHeader: (h) => (header = h),
      onRecord: (r, line) => seen.push([line, r]),
      onReject: (line) => rejected.push(line),
    });
    assert.deepEqual(header, ['a', 'b,x', 'c']);
    assert.deepEqual(seen, [[2, ['1', 'multi\nline; quoted', '3']], [6, ['6', '7', '8']]]);
    assert.deepEqual(rejected, [4]);
    assert.equal(result.rows, 3);
    assert.match(result.sha256, /^[0-9a-f]{64}$/);
  });
});
