/**
 * The other layouts (first release, current 2024 fixture, 2026 payments) and bad
 * input: broken lines, duplicates, orphans, unknown comuni — each reported with file:line.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPackage } from '../../src/ingest/build.js';
import { validatePackage } from '../../src/ingest/check/validate.js';
import { FIXTURES, GEO, PRIMA, TOSCANA, V2023, loadPackage, tempDir, toscanaOptions, type LoadedPackage } from './ingest-helpers.js';

const geo = { boundaries: join(GEO, 'toscana-comuni.topo.json'), population: join(GEO, 'toscana-comuni.csv'), region: '09' };

describe('first release (prima-pubblicazione-raw): `;`, BOM, Italian numbers, N/D, no Codice Locale Progetto', () => {
  let pkg: LoadedPackage;
  before(async () => {
    const out = await tempDir('prima');
    await buildPackage({
      ...geo,
      projects: [join(PRIMA, 'PNRR_Progetti_toscana.csv')],
      localisations: [join(PRIMA, 'PNRR_Localizzazione_toscana.csv')],
      referenceDate: '2023-01-15',
      out,
    });
    pkg = await loadPackage(out);
    assert.ok((await validatePackage(out)).ok);
  });

  it('parses every project and its Σ PNRR equals the column sum computed here', async () => {
    // Independent parse: the file has no quotes; amounts are "60.000"-style whole euros or N/D.
    const lines = (await readFile(join(PRIMA, 'PNRR_Progetti_toscana.csv'), 'utf8')).replace(/^\uFEFF/, '').trim().split('\n');
    const header = lines[0]!.split(';');
    const col = header.indexOf('FINANZIAMENTO_PNRR');
    const totalCol = header.indexOf('FINANZ_TOTALE ');
    let pnrr = 0;
    let total = 0;
    let nd = 0;
    for (const line of lines.slice(1)) {
      const cells = line.split(';');
      for (const [c, add] of [[col, (v: number) => (pnrr += v)], [totalCol, (v: number) => (total += v)]] as const) {
        const v = cells[c]!.trim();
        if (v === 'N/D' || v === 'N/A') nd++;
        else add(Number(v.split('.').join('')) * 100);
      }
    }
    assert.equal(lines.length - 1, 477);
    assert.equal(pkg.projects.length, 477);
    assert.equal(pkg.projects.reduce((a, p) => a + p.funding.pnrrCents, 0), pnrr);
    assert.equal(pkg.projects.reduce((a, p) => a + p.funding.totalCents, 0), total);
    assert.ok(pnrr > 0);
    assert.equal(nd, 0, 'PNRR and total are filled in this release');
    // N/D in the other sources → nothing recorded, not zero.
    assert.ok(pkg.projects.every((p) => Object.keys(p.funding.sources).length === 0 || Object.values(p.funding.sources).every((v) => v !== 0)));
    assert.ok(pkg.projects.every((p) => p.funding.publicCents === null));
    const first = pkg.projects.find((p) => p.cup === 'E41B21011700006')!;
    assert.equal(first.funding.pnrrCents, 6000000, '"60.000" = 60,000 euros');
    assert.equal(first.localCode, '80010/FF/FP');
    assert.equal(first.localisations[0]!.territory, '048011');
  });

  it('joins on (sub-measure, CUP), remaps 052014 and accounts for every row', () => {
    assert.equal(pkg.manifest.sources[1]!.layout, 'prima-pubblicazione');
    assert.ok(pkg.quality.warnings.some((w) => w.reason === 'remapped-comune' && /052014/.test(w.detail)));
    for (const f of pkg.quality.files) assert.equal(f.read, f.kept + f.rejected + f.skipped);
    assert.deepEqual(pkg.quality.files.slice(0, 2).map((f) => [f.read, f.kept]), [[477, 477], [477, 477]]);
    assert.equal(pkg.manifest.referenceDate, '2023-01-15');
  });
});

describe('current layout (fixture from real 2023 rows): Percentuale di Localizzazione', () => {
  let pkg: LoadedPackage;
  let out: string;
  before(async () => {
    out = await tempDir('current');
    const dir = join(FIXTURES, 'current-2024');
    // 2026 payment headers, Italian numbers: real rows of the 2025 payments file re-written here.
    const payments = (await readFile(join(TOSCANA, 'regis-2025-03-31', 'pagamenti_di_progetto_toscana.csv'), 'utf8')).split('\n');
    const head = payments[0]!.split(',');
    const it = (v: string) => {
      const [i, d = '00'] = v.split('.');
      return `${i!.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${d.padEnd(2, '0')}`;
    };
    const rows = payments.filter((l) => l.includes(',H91J12000770005,') || l.includes(',B83D21014030004,'));
    assert.equal(rows.length, 2);
    const csv = ['\uFEFFCodice Univoco Submisura;CUP;Codice Locale Progetto;Finanziamento Totale;Finanziamento PNRR;Pagamento Totale;Pagamento PNRR;Data di Estrazione'];
    for (const line of rows) {
      const c = line.split(',');
      const g = (name: string) => c[head.indexOf(name)]!;
      csv.push([g('codice_univoco_submisura'), g('cup'), g('codice_locale_progetto'), it(g('finanziamento_totale')), it(g('finanziamento_pnrr')), it(g('pagamenti_totali')), it(g('pagamenti_totali_pnrr')), '31/03/2025'].join(';'));
    }
    await writeFile(join(out, '..', `${out.split('/').pop()}-payments.csv`), `${csv.join('\n')}\n`);
    await buildPackage({
      ...geo,
      projects: [join(dir, 'PNRR_Progetti.csv')],
      localisations: [join(dir, 'PNRR_Localizzazione.csv')],
      payments: [join(out, '..', `${out.split('/').pop()}-payments.csv`)],
      out,
    });
    pkg = await loadPackage(out);
  });

  it('splits by the percentages, not by 1/n', () => {
    const p = pkg.projects.find((x) => x.cup === 'G97B19000060005')!;
    assert.deepEqual(p.localisations.map((l) => [l.territory, l.share, l.shareSource]), [['045001', 0.75, 'percentuale'], ['045007', 0.25, 'percentuale']]);
    assert.deepEqual(p.localisations.map((l) => l.pnrrCents), [46161886, 15387295]);
    assert.equal(p.funding.pnrrCents, 61549181, '615.491,81');
    const tram = pkg.projects.find((x) => x.cup === 'H91J12000770005')!;
    assert.deepEqual(tram.localisations.map((l) => [l.territory, l.pnrrCents]), [['048006', 11124292000], ['048017', 11124292000]]);
  });

  it('normalises percentages that do not add up to 100 and warns', () => {
    const p = pkg.projects.find((x) => x.cup === 'H92E22000070008')!;
    assert.equal(p.localisations.reduce((a, l) => a + l.pnrrCents, 0), p.funding.pnrrCents);
    assert.deepEqual(p.localisations.map((l) => l.pnrrCents), [1666666667, 1666666667, 1666666666]);
    const w = pkg.quality.warnings.find((x) => x.reason === 'shares-not-100')!;
    assert.equal(w.file, 'PNRR_Progetti.csv');
    assert.equal(w.line, 3);
  });

  it('puts the national half of a project outside, skips other regions and junk CUPs', () => {
    const p = pkg.projects.find((x) => x.cup === 'E59J21011940003')!;
    assert.equal(p.attributed.inside.pnrrCents, 1328750);
    assert.equal(p.attributed.outside.pnrrCents, 1328750);
    assert.equal(pkg.projects.length, 6, 'the Ligurian project is not kept');
    const loc = pkg.quality.files.find((f) => f.file === 'PNRR_Localizzazione.csv')!;
    assert.deepEqual([loc.read, loc.kept, loc.rejected, loc.skipped], [13, 11, 0, 2]);
    const prj = pkg.quality.files.find((f) => f.file === 'PNRR_Progetti.csv')!;
    assert.deepEqual([prj.read, prj.kept, prj.rejected, prj.skipped], [7, 6, 0, 1]);
    assert.equal(pkg.manifest.referenceDate, '2023-03-01', 'Data di Estrazione dd/mm/yyyy');
    assert.equal(p.source.updated, '2023-02-21');
    assert.equal(p.status, null, 'N/A');
  });

  it('reads the 2026 payment headers with Italian numbers', () => {
    assert.equal(pkg.manifest.sources.find((s) => s.role === 'payments')!.layout, 'official-2026');
    const tram = pkg.projects.find((x) => x.cup === 'H91J12000770005')!;
    assert.deepEqual(tram.payments, { referenceDate: '2025-03-31', totalCents: 464887282, pnrrCents: 67862217, financedPnrrCents: 22248583860, financedTotalCents: 28344579016 });
  });

  it('validates', async () => {
    assert.deepEqual((await validatePackage(out)).issues, []);
  });
});

describe('bad rows are rejected with file and line, everything else still reconciles', () => {
  let pkg: LoadedPackage;
  let brokenLine: number;
  let duplicateLine: number;
  let orphanLine: number;
  before(async () => {
    const work = await tempDir('broken');
    // Localisations: break one line (drop a field), add a row of a project that does not exist,
    // and a Firenze row with a comune code no map knows.
    const loc = (await readFile(join(V2023, 'localizzazioni_validate_toscana.csv'), 'utf8')).split('\n');
    brokenLine = 101;
    loc[brokenLine - 1] = loc[brokenLine - 1]!.replace(/,[^,]*$/, '');
    const orphan = 'M1C1I1.02.00,Abilitazione al cloud per le PA locali,B11C22000580006,NOT-A-REAL-CLP,09,TOSCANA,048,FIRENZE,017,FIRENZE,,50100,2023-02-21';
    const unknown = 'M1C1I1.02.00,Abilitazione al cloud per le PA locali,B11C22000590006,PRJ_120COM0422X_002045,09,TOSCANA,048,FIRENZE,999,NOWHERE,,50100,2023-02-21';
    const body = loc.join('\n').replace(/\n$/, '');
    orphanLine = body.split('\n').length + 1;
    await writeFile(join(work, 'loc.csv'), `${body}\n${orphan}\n${unknown}\n`);
    // Projects: the first data row repeated at the end.
    const prj = (await readFile(join(V2023, 'progetti_validati_toscana.csv'), 'utf8')).replace(/\n$/, '').split('\n');
    prj.push(prj[1]!);
    // Line 3: an amount that is not a number (Finanziamento - Stato).
    assert.match(prj[2]!, /AIUTO DI STATO,0\.00,/);
    prj[2] = prj[2]!.replace('AIUTO DI STATO,0.00,', 'AIUTO DI STATO,12.3.4,');
    // Line 4: a validation date that does not exist (Data aggiornamento, the last column).
    assert.match(prj[3]!, /,\d{4}-\d{2}-\d{2}$/);
    prj[3] = prj[3]!.replace(/,\d{4}-\d{2}-\d{2}$/, ',31/02/2023');
    duplicateLine = prj.length;
    await writeFile(join(work, 'prj.csv'), `${prj.join('\n')}\n`);
    const options = toscanaOptions(join(work, 'out'));
    options.projects = [join(work, 'prj.csv')];
    options.localisations = [join(work, 'loc.csv'), options.localisations[1]!];
    await buildPackage(options);
    pkg = await loadPackage(join(work, 'out'));
    assert.ok((await validatePackage(join(work, 'out'))).ok);
  });

  it('rejects the line with the wrong number of fields, naming file and line', () => {
    const r = pkg.quality.rejected.find((x) => x.reason === 'malformed-row')!;
    assert.deepEqual([r.file, r.line], ['loc.csv', brokenLine]);
    assert.match(r.detail, /expect 13, got 12/);
  });

  it('rejects the duplicated project key and the orphan localisation', () => {
    const dup = pkg.quality.rejected.find((x) => x.reason === 'duplicate-project')!;
    assert.deepEqual([dup.file, dup.line], ['prj.csv', duplicateLine]);
    assert.match(dup.detail, /prj\.csv:2/);
    const orphan = pkg.quality.rejected.find((x) => x.reason === 'no-project')!;
    assert.equal(orphanLine, 3456, '3,454 data rows + header, then the orphan');
    assert.deepEqual([orphan.file, orphan.line], ['loc.csv', orphanLine]);
  });

  it('reads an unparseable amount as null with a warning naming file and line', () => {
    const w = pkg.quality.warnings.find((x) => x.reason === 'unparseable-amount')!;
    assert.deepEqual([w.file, w.line], ['prj.csv', 3]);
    assert.match(w.detail, /"12\.3\.4"/);
    const p = pkg.projects.find((x) => x.source.file === 'prj.csv' && x.source.line === 3)!;
    assert.equal(p.funding.sources['stato'], undefined);
    assert.equal(p.funding.pnrrCents, 12199200);
  });

  it('reads a date that does not exist as null with a warning naming file and line', () => {
    const w = pkg.quality.warnings.find((x) => x.reason === 'unparseable-date')!;
    assert.deepEqual([w.file, w.line], ['prj.csv', 4]);
    assert.match(w.detail, /"31\/02\/2023"/);
    const p = pkg.projects.find((x) => x.source.file === 'prj.csv' && x.source.line === 4)!;
    assert.equal(p.source.updated, null);
  });

  it('attributes an unknown comune to its province-wide bucket with a warning', () => {
    const w = pkg.quality.warnings.find((x) => x.reason === 'unknown-comune')!;
    assert.deepEqual([w.file, w.line], ['loc.csv', orphanLine + 1]);
    const p = pkg.projects.find((x) => x.cup === 'B11C22000590006')!;
    assert.deepEqual(p.localisations.map((l) => [l.territory, l.scope]).sort(), [['048000', 'province-wide'], ['050040', 'comune']]);
  });

  it('keeps read = kept + rejected + skipped in every file', () => {
    for (const f of pkg.quality.files) assert.equal(f.read, f.kept + f.rejected + f.skipped, f.file);
    const loc = pkg.quality.files.find((f) => f.file === 'loc.csv')!;
    assert.deepEqual([loc.read, loc.rejected], [3456, 2]);
    const prj = pkg.quality.files.find((f) => f.file === 'prj.csv')!;
    assert.deepEqual([prj.read, prj.kept, prj.rejected], [2771, 2770, 1]);
  });
});
