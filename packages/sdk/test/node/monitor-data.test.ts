/**
 * Awardees and target indicators in the package (issue 10): the embedded package against the
 * 2025 CSVs read here independently (csv-parse, no code of the ingest), the quality accounting
 * of the new files, and the masking of personal tax codes in a build from hostile rows.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { AwardeeList, Project } from '../../src/schema/package.js';
import { buildPackage } from '../../src/ingest/build.js';
import { EMBEDDED, TOSCANA, V2023, listFiles, loadPackage, readJson, tempDir, toscanaOptions } from './ingest-helpers.js';

const V2025 = join(TOSCANA, 'regis-2025-03-31');
const AWARDEES_2025 = join(V2025, 'aggiudicatari_gare_toscana.csv');
const INDICATORS_2025 = join(V2025, 'indicatori_target_toscana.csv');
const GARE_2023 = join(V2023, 'gare_aggiudicatari_validati_toscana.csv');
const TRAM = 'H91J12000770005';
const PERSONAL_CODE = /(?<![A-Z0-9])[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z](?![A-Z0-9])/i;

const csv = async (path: string): Promise<Record<string, string>[]> => parse(await readFile(path, 'utf8'), { columns: true }) as Record<string, string>[];
/** "1.912,00" → 1912 (Italian number, written out here independently of the ingest). */
const italian = (text: string): number => Number(text.replace(/\./g, '').replace(',', '.'));
const key = (cup: string, clp: string) => `${cup} ${clp}`;

const pkg = loadPackage(EMBEDDED);
const projectKeys = (async () => new Set((await csv(join(V2023, 'progetti_validati_toscana.csv'))).map((r) => key(r['CUP']!, r['Codice Locale Progetto']!))))();

describe('awardees and indicators in the embedded package', () => {
  it('the tram card carries its awardees as the 2025 file lists them, with the 2023 tender details', async () => {
    const tram = (await pkg).projects.find((p) => p.cup === TRAM)!;
    const rows = (await csv(AWARDEES_2025)).filter((r) => r['cup'] === TRAM);
    assert.ok(rows.length >= 5, 'the CSV has the tram awardees');
    const tenders = tram.tenders!;
    const listed = tenders.flatMap((t) => t.awardees.map((a) => ({ cig: t.cig, ...a })));
    assert.deepEqual(
      listed.map((a) => [a.cig, a.name, a.taxCode, a.role]).sort(),
      rows.map((r) => [r['cig'], r['denominazione_aggiudicatario'], r['codice_fiscalepiva'], r['descrizione_ruolo_soggetto']]).sort(),
    );
    const gara = (await csv(GARE_2023)).find((r) => r['CUP'] === TRAM)!;
    const tender = tenders.find((t) => t.cig === gara['CIG'])!;
    assert.equal(tender.subject, gara['Oggetto Gara']);
    assert.equal(tender.baseCents, Math.round(Number(gara['Importo complessivo gara']) * 100));
    assert.equal(tender.cigDate, gara['Data pubblicazione del CIG']);
    assert.equal(tender.referenceDate, '2025-03-31', 'the awardees come from the 2025 file');
  });

  it('the tram card carries its target indicators as the CSV gives them', async () => {
    const tram = (await pkg).projects.find((p) => p.cup === TRAM)!;
    const rows = (await csv(INDICATORS_2025)).filter((r) => r['cup'] === TRAM);
    assert.deepEqual(
      tram.indicators!.map((i) => [i.code, i.name, i.unit, i.realised, i.programmed]),
      rows.map((r) => [r['codice_indicatore'], r['descrizione_indicatore'], r['descrizione_unita_di_misura'], italian(r['valore_realizzato']!), italian(r['valore_programmato']!)]),
    );
  });

  it('every indicator row of a package project is in the package, with its values; the others are skipped', async () => {
    const { projects, quality } = await pkg;
    const keys = await projectKeys;
    const rows = await csv(INDICATORS_2025);
    const mine = rows.filter((r) => keys.has(key(r['cup']!, r['codice_locale_progetto']!)));
    const stored = projects.flatMap((p) => (p.indicators ?? []).map((i) => ({ p, i })));
    assert.equal(stored.length, mine.length);
    const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100);
    assert.equal(sum(stored.map((s) => s.i.programmed ?? 0)), sum(mine.map((r) => italian(r['valore_programmato']!))));
    assert.equal(sum(stored.map((s) => s.i.realised ?? 0)), sum(mine.map((r) => italian(r['valore_realizzato']!))));
    const file = quality.files.find((f) => f.file === 'indicatori_target_toscana.csv')!;
    assert.deepEqual(file, { file: 'indicatori_target_toscana.csv', role: 'indicators', read: rows.length, kept: mine.length, rejected: 0, skipped: rows.length - mine.length });
    assert.equal(rows.length, 4127, 'the README row count');
  });

  it('awardee files: read = kept + rejected + skipped, kept = the rows of package projects', async () => {
    const { quality, manifest } = await pkg;
    const keys = await projectKeys;
    for (const [path, cup, clp] of [[AWARDEES_2025, 'cup', 'codice_locale_progetto'], [GARE_2023, 'CUP', 'Codice Locale Progetto']] as const) {
      const rows = await csv(path);
      const mine = rows.filter((r) => keys.has(key(r[cup]!, r[clp]!))).length;
      const name = path.split('/').pop()!;
      const file = quality.files.find((f) => f.file === name)!;
      assert.equal(file.role, 'awardees');
      assert.equal(file.read, rows.length);
      assert.equal(file.kept, mine, name);
      assert.equal(file.read, file.kept + file.rejected + file.skipped);
    }
    assert.deepEqual(manifest.sources.filter((s) => s.role === 'awardees' || s.role === 'indicators').map((s) => [s.role, s.layout, s.referenceDate]), [
      ['awardees', 'regis-2023-validati', '2023-03-01'],
      ['awardees', 'regis-2025', '2025-03-31'],
      ['indicators', 'regis-2025', '2025-03-31'],
    ]);
    assert.equal((await csv(AWARDEES_2025)).length, 8197, 'the README row count');
  });

  it('no unmasked personal tax code anywhere in the package', async () => {
    for (const file of await listFiles(EMBEDDED)) {
      if (!file.endsWith('.json')) continue;
      const text = await readFile(join(EMBEDDED, file), 'utf8');
      assert.doesNotMatch(text, PERSONAL_CODE, file);
    }
  });

  it('awardee lists: the region list sums each awardee over its projects attributed inside the region', async () => {
    const { projects, manifest } = await pkg;
    const region = await readJson<AwardeeList>(EMBEDDED, `awardees/${manifest.region.code}.json`);
    const cmb = region.items.find((i) => i.key === '00154410369')!;
    const theirs = projects.filter((p) => p.tenders?.some((t) => t.awardees.some((a) => a.taxCode === '00154410369')));
    assert.equal(cmb.projects, theirs.length);
    assert.equal(cmb.pnrrCents, theirs.reduce((a, p) => a + p.attributed.inside.pnrrCents, 0));
    for (let i = 1; i < region.items.length; i++) assert.ok(region.items[i - 1]!.pnrrCents >= region.items[i]!.pnrrCents, 'largest first');
    assert.ok(region.items.every((i) => i.key !== '****************'), 'a masked code is never a key');
  });
});

describe('awardees: personal tax codes are masked, hostile rows are data', () => {
  it('masks a personal code in the tax-code column and in a name, keeps company codes, warns without the code', async () => {
    const dir = await tempDir('awardees');
    const file = join(dir, 'aggiudicatari.csv');
    const header = 'codice_univoco_submisura,descrizione_submisura,cup,codice_locale_progetto,cig,codice_interno_pda,codice_fiscalepiva,denominazione_aggiudicatario,ruolo_soggetto,descrizione_ruolo_soggetto,forma_giuridica_aggiudicatario,descrizione_forma_giuridica_aggiudicatario,codice_ateco_aggiudicatario,codice_procedura_utente,data_di_estrazione';
    const row = (cig: string, code: string, name: string) => `M2C2I4.02.00,x,${TRAM},${TRAM},${cig},${cig === '' ? '' : '1'},${code},"${name.replace(/"/g, '""')}",8888888898,IMPRESA SINGOLA,11,Srl,,,2026-01-31`;
    await writeFile(file, [header,
      row('A1', 'RSSMRA80A01H501U', 'Mario Rossi'),
      row('A2', '00481670586', 'Studio di VRDLGU75M12D612X ing. Verdi'),
      row('A3', '00481670586', '<img src=x onerror=alert(1)>\u202e=HYPERLINK("x")'),
      row('', '00481670586', 'no key'),
    ].join('\n'), 'utf8');
    const out = join(dir, 'pkg');
    const result = await buildPackage({ ...toscanaOptions(out), awardees: [file] });
    const project = (await loadPackage(out)).projects.find((p) => p.cup === TRAM) as Project;
    const byCig = new Map(project.tenders!.map((t) => [t.cig, t.awardees[0]!]));
    assert.equal(byCig.get('A1')!.taxCode, '****************');
    assert.equal(byCig.get('A1')!.name, 'Mario Rossi', 'the names of individual awardees are published by the source');
    assert.equal(byCig.get('A2')!.name, 'Studio di **************** ing. Verdi');
    assert.equal(byCig.get('A3')!.name, '<img src=x onerror=alert(1)>\u202e=HYPERLINK("x")', 'kept as text');
    const text = JSON.stringify(result.quality);
    assert.doesNotMatch(text, /RSSMRA|VRDLGU/, 'the quality report never repeats a personal code');
    assert.equal(result.quality.warnings.filter((w) => w.reason === 'masked-tax-code').length, 2);
    const tally = result.quality.files.find((f) => f.file === 'aggiudicatari.csv')!;
    assert.deepEqual([tally.read, tally.kept, tally.rejected, tally.skipped], [4, 3, 1, 0]);
    assert.deepEqual(result.quality.rejected.find((r) => r.file === 'aggiudicatari.csv'), {
      file: 'aggiudicatari.csv', line: 5, reason: 'missing-key', detail: `${TRAM} / ${TRAM}: no CIG, Codice interno PDA or Codice Procedura Utente; the row cannot be tied to a tender`,
    });
    // The awardee list keys the natural person by name, never by the masked code.
    const firenze = await readJson<AwardeeList>(out, 'awardees/048017.json');
    assert.ok(firenze.items.some((i) => i.key === 'name:MARIO ROSSI'));
  });
});

describe('awardee and indicator layouts', () => {
  it('recognises the 2025 and both 2023 awardee files and the indicator file by their headers', async () => {
    const { detectLayout } = await import('../../src/ingest/read/layouts.js');
    const header = async (path: string) => (parse((await readFile(path, 'utf8')).split('\n')[0]!) as string[][])[0]!;
    const cases = [
      [AWARDEES_2025, 'awardees', 'regis-2025'],
      [GARE_2023, 'awardees', 'regis-2023-validati'],
      [join(V2023, 'gare_aggiudicatari_universo_toscana.csv'), 'awardees', 'regis-2023-universo'],
      [INDICATORS_2025, 'indicators', 'regis-2025'],
    ] as const;
    for (const [path, role, id] of cases) assert.equal(detectLayout(path, role, await header(path)).layout.id, id, path);
    // The 2026 official headers of the awardee file.
    const official = ['Codice Univoco Submisura', 'Descrizione Submisura', 'CUP', 'Codice Locale Progetto', 'CIG', 'Codice interno PDA', 'Codice Fiscale/P.IVA',
      'Denominazione Aggiudicatario', 'Ruolo Soggetto', 'Descrizione Ruolo Soggetto', 'Forma Giuridica Aggiudicatario', 'Descrizione Forma Giuridica Aggiudicatario',
      'Codice ATECO Aggiudicatario', 'Codice Procedura Utente', 'Data di Estrazione'];
    const d = detectLayout('PNRR_Aggiudicatari_Gare.csv', 'awardees', official);
    assert.equal(d.layout.id, 'regis-2025');
    assert.equal(d.columns.get('taxCode'), 6);
    assert.throws(() => detectLayout('x.csv', 'indicators', ['cup', 'codice_locale_progetto']), /unrecognised CSV layout for indicators/);
  });
});
