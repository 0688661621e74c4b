/**
 * The build on the real data: figures from data/sources/pnrr-toscana/README.md and
 * pnrr-liguria/README.md ("Figures computed from these files"), reconciliation to the cent.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPackage } from '../../src/ingest/build.js';
import { validatePackage } from '../../src/ingest/check/validate.js';
import { territoryKind, provinceOf } from '../../src/format/keys.js';
import { GEO, LIGURIA, euros, loadPackage, tempDir, toscanaOptions, type LoadedPackage } from './ingest-helpers.js';

const TOLERANCE = 5000; // €50 in cents: the 2023 amounts went through 32-bit floats (data README, "Float precision")

function assertReconciles(pkg: LoadedPackage): void {
  const t = pkg.manifest.totals;
  for (const p of pkg.projects) {
    assert.equal(p.attributed.inside.pnrrCents + p.attributed.outside.pnrrCents, p.funding.pnrrCents, `${p.cup} PNRR inside+outside`);
    assert.equal(p.attributed.inside.totalCents + p.attributed.outside.totalCents, p.funding.totalCents, `${p.cup} total inside+outside`);
  }
  // facts.json: Σ comuni, Σ province-wide, region-wide (and so the region) to the cent, from its `amounts`;
  // each province's amounts (its comuni + bucket) = the project localisations attributed there.
  const zero = () => ({ pnrrCents: 0, totalCents: 0 });
  const sums = { comune: zero(), 'province-wide': zero(), 'region-wide': zero() };
  const provinces = new Map<string, number>();
  for (const [key, tuples] of Object.entries(pkg.facts.amounts)) {
    const kind = territoryKind(key);
    assert.ok(kind === 'comune' || kind === 'province-wide' || kind === 'region-wide', `amounts key ${key}`);
    for (const [, pnrr, other] of tuples) {
      sums[kind].pnrrCents += pnrr;
      sums[kind].totalCents += pnrr + other;
      const p = provinceOf(key);
      if (p) provinces.set(p, (provinces.get(p) ?? 0) + pnrr);
    }
  }
  assert.deepEqual(sums.comune, t.comuni);
  assert.deepEqual(sums['province-wide'], t.provinceWide);
  assert.deepEqual(sums['region-wide'], t.regionWide);
  const located = new Map<string, number>();
  for (const p of pkg.projects) {
    for (const l of p.localisations) {
      const province = l.territory === null ? null : provinceOf(l.territory);
      if (province) located.set(province, (located.get(province) ?? 0) + l.pnrrCents);
    }
  }
  assert.deepEqual([...provinces].sort(), [...located].sort(), 'provinces: Σ facts amounts = Σ attributed localisations');
  assert.deepEqual(Object.keys(pkg.facts.counts).sort(), [...pkg.territories.provinces.map((p) => p.code), pkg.manifest.region.code].sort());
  assert.equal(t.touching.pnrrCents, t.inside.pnrrCents + t.outside.pnrrCents);
  assert.equal(t.touching.totalCents, t.inside.totalCents + t.outside.totalCents);
  assert.equal(t.inside.pnrrCents, t.comuni.pnrrCents + t.provinceWide.pnrrCents + t.regionWide.pnrrCents);
  for (const f of pkg.quality.files) assert.equal(f.read, f.kept + f.rejected + f.skipped, `${f.file}: read = kept + rejected + skipped`);
}

describe('build: Toscana, validated series of 1 March 2023 + payments 2025', () => {
  let pkg: LoadedPackage;
  let dir: string;
  before(async () => {
    dir = await tempDir('toscana');
    await buildPackage(toscanaOptions(dir));
    pkg = await loadPackage(dir);
  });

  it('keeps the 2,770 validated Tuscan projects with the README totals', () => {
    assert.equal(pkg.projects.length, 2770);
    assert.equal(pkg.manifest.totals.projects, 2770);
    assert.equal(new Set(pkg.projects.map((p) => p.cup)).size, 2713);
    const pnrr = pkg.projects.reduce((a, p) => a + p.funding.pnrrCents, 0);
    const total = pkg.projects.reduce((a, p) => a + p.funding.totalCents, 0);
    assert.ok(Math.abs(pnrr - euros('2,433,815,960.50')) <= TOLERANCE, `Σ PNRR ${pnrr}`);
    assert.ok(Math.abs(total - euros('2,817,841,820.64')) <= TOLERANCE, `Σ Totale ${total}`);
    assert.equal(pkg.manifest.totals.touching.pnrrCents, pnrr);
    assert.equal(pkg.projects.filter((p) => p.preExisting === true).length, 330);
  });

  it('matches the per-mission figures (rows; Σ PNRR)', () => {
    const expected: Record<string, [number, string]> = {
      M1: [1779, '674,307,957.08'], M2: [85, '641,061,053.42'], M3: [1, '42,480,000.00'],
      M4: [433, '567,454,248.54'], M5: [184, '148,499,373.46'], M6: [288, '360,013,328.00'],
    };
    const seen = new Map<string, { rows: number; pnrr: number }>();
    for (const p of pkg.projects) {
      const m = seen.get(p.mission.code) ?? { rows: 0, pnrr: 0 };
      m.rows++;
      m.pnrr += p.funding.pnrrCents;
      seen.set(p.mission.code, m);
    }
    assert.deepEqual([...seen.keys()].sort(), Object.keys(expected));
    for (const [mission, [rows, pnrr]] of Object.entries(expected)) {
      assert.equal(seen.get(mission)!.rows, rows, mission);
      assert.ok(Math.abs(seen.get(mission)!.pnrr - euros(pnrr)) <= TOLERANCE, `${mission} Σ PNRR ${seen.get(mission)!.pnrr}`);
    }
  });

  it('reconciles to the cent: every project, every province, the region', () => {
    assertReconciles(pkg);
    // Only the 72 multi-region projects have money outside.
    assert.equal(pkg.projects.filter((p) => p.attributed.outside.pnrrCents + p.attributed.outside.totalCents !== 0 || p.localisations.some((l) => l.scope === 'outside')).length, 72);
  });

  it('uses n over region ∪ fuori rows (4,917 rows, 149 projects with n > 1)', () => {
    assert.equal(pkg.projects.reduce((a, p) => a + p.localisations.length, 0), 4917);
    assert.equal(pkg.projects.filter((p) => p.localisations.length > 1).length, 149);
  });

  it('Firenze 048017: 302 projects, unsplit Σ PNRR 683,763,855.50', async () => {
    const list = await pkg.list('048017');
    assert.equal(list.items.length, 302);
    assert.equal(list.items.reduce((a, i) => a + i.pnrrCents, 0), euros('683,763,855.50'));
    const factProjects = pkg.facts.amounts['048017']!.reduce((a, r) => a + r[3], 0);
    assert.equal(factProjects, 302, 'one sub-measure per project, so Σ projects over sub-measures is distinct');
    assert.ok(list.items.every((i) => i.places.includes('048017')));
  });

  it('splits the tramway H91J12000770005 exactly in half between Firenze and Campi Bisenzio', () => {
    const tram = pkg.projects.find((p) => p.cup === 'H91J12000770005')!;
    assert.equal(tram.funding.pnrrCents, euros('222,485,840.00'));
    assert.deepEqual(
      tram.localisations.map((l) => [l.territory, l.share, l.shareSource, l.pnrrCents]),
      [['048006', 0.5, 'equal-split', euros('111,242,920.00')], ['048017', 0.5, 'equal-split', euros('111,242,920.00')]],
    );
    const tramIndex = pkg.facts.submeasures.indexOf('M2C2I4.02.00');
    const firenzeFact = pkg.facts.amounts['048017']!.find((r) => r[0] === tramIndex)!;
    assert.ok(firenzeFact[1] >= euros('111,242,920.00'));
  });

  it('remaps the merged comune 051019 Laterina to 051042 and records it', () => {
    assert.deepEqual(pkg.territories.remapped, [{ from: '051019', to: '051042', name: 'Laterina Pergine Valdarno', since: '2018-01-01' }]);
    assert.ok(pkg.quality.warnings.some((w) => w.reason === 'remapped-comune' && w.file === 'localizzazioni_validate_toscana.csv'));
    assert.equal(pkg.territories.comuni.length, 273);
  });

  it('accounts for every source row and records the sources', () => {
    const byFile = new Map(pkg.quality.files.map((f) => [f.file, f]));
    assert.equal(byFile.get('progetti_validati_toscana.csv')!.read, 2770);
    assert.equal(byFile.get('localizzazioni_validate_toscana.csv')!.read, 3454);
    assert.equal(byFile.get('localizzazioni_validate_fuori_toscana.csv')!.read, 1463);
    const payments = byFile.get('pagamenti_di_progetto_toscana.csv')!;
    assert.equal(payments.read, 2537);
    assert.equal(payments.kept, pkg.projects.filter((p) => p.payments !== null).length);
    assert.deepEqual(pkg.manifest.sources.map((s) => [s.role, s.layout]), [
      ['projects', 'regis-2023-validati'], ['localisations', 'regis-2023-validati'], ['localisations', 'regis-2023-validati'],
      ['payments', 'regis-2025'], ['boundaries', 'topojson-comuni-province-regione'], ['population', 'pro_com_t-population'],
    ]);
    assert.equal(pkg.manifest.referenceDate, '2023-03-01', 'the extraction date data/sources/pnrr-toscana/manifest.json records for these files');
    assert.equal(pkg.manifest.generatedAt, '2025-03-31', 'latest reference date of all sources, not the clock');
  });

  it('keeps paid and financed apart (payments joined on CUP + CLP)', () => {
    const tram = pkg.projects.find((p) => p.cup === 'H91J12000770005')!;
    assert.ok(tram.payments);
    assert.equal(tram.payments.referenceDate, '2025-03-31');
    assert.ok(tram.payments.totalCents < tram.funding.totalCents);
    assert.notEqual(tram.payments.financedPnrrCents, null);
  });

  it('fills provenance, implementing body and sameCup', () => {
    const shared = pkg.projects.filter((p) => p.cup === 'E59J21011940003');
    assert.ok(shared.length > 1);
    assert.ok(shared.every((p) => p.sameCup === shared.length));
    const p = pkg.projects.find((x) => x.cup === 'B11C22000580006')!;
    assert.deepEqual(p.source, { dataset: 'Progetti del PNRR – Dati Validati (PNRR_Progetti_Dati_Validati)', file: 'progetti_validati_toscana.csv', line: 2, referenceDate: '2023-03-01', updated: '2023-02-21' });
    assert.deepEqual(p.implementingBody, { key: '00617280524', name: 'COMUNE DI TREQUANDA', taxCode: '00617280524' });
  });

  it('writes a package that validates', async () => {
    const result = await validatePackage(dir);
    assert.deepEqual(result.issues, []);
    assert.ok(result.ok);
  });
});

describe('build: Liguria (region 07)', () => {
  let pkg: LoadedPackage;
  let dir: string;
  before(async () => {
    dir = await tempDir('liguria');
    await buildPackage({
      projects: [join(LIGURIA, 'progetti_validati_liguria.csv')],
      localisations: [join(LIGURIA, 'localizzazioni_validate_liguria.csv'), join(LIGURIA, 'localizzazioni_validate_fuori_liguria.csv')],
      region: '07',
      boundaries: join(GEO, 'liguria-comuni.topo.json'),
      population: join(GEO, 'liguria-comuni.csv'),
      out: dir,
    });
    pkg = await loadPackage(dir);
  });

  it('has the README figures and reconciles', async () => {
    assert.equal(pkg.manifest.region.name, 'Liguria');
    assert.equal(pkg.projects.length, 1318);
    const pnrr = pkg.projects.reduce((a, p) => a + p.funding.pnrrCents, 0);
    assert.ok(Math.abs(pnrr - euros('1,405,147,307.66')) <= TOLERANCE, `Σ PNRR ${pnrr}`);
    assertReconciles(pkg);
    const genova = await pkg.list('010025');
    assert.equal(genova.items.length, 410);
    assert.equal(genova.items.reduce((a, i) => a + i.pnrrCents, 0), euros('684,140,828.78'));
    assert.equal(pkg.territories.comuni.length, 234);
    assert.match(pkg.manifest.attribution.data, /Regione Liguria/);
    assert.ok((await validatePackage(dir)).ok);
  });

  it('writes boundaries byte for byte', async () => {
    assert.deepEqual(await readFile(join(dir, 'boundaries.topo.json')), await readFile(join(GEO, 'liguria-comuni.topo.json')));
  });
});
