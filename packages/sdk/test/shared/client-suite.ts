/**
 * The client's test suite, written once and run twice: under node:test against a
 * node:http server (test/node/client.test.ts) and under mocha in Chromium
 * against the web-test-runner dev server (test/browser/client.test.ts). Both
 * servers implement the routes of fault-routes.mjs over the embedded package.
 *
 * Expected values come from the data README (data/sources/pnrr-toscana/README.md)
 * or are recomputed here from other answers (e.g. sums of list items), never
 * copied from the code under test.
 */
import {
  createClient,
  DataFormatError,
  InvalidArgumentError,
  NetworkError,
  NotFoundError,
  PnrrError,
  type PnrrClient,
  type ProjectListItem,
  type SpendingRow,
} from '../../src/index.js';
import * as assert from './assert.js';

type Body = () => Promise<void>;
export interface TestApi {
  describe(name: string, fn: () => void): unknown;
  it(name: string, fn: Body): unknown;
  before?(fn: Body): unknown;
}
export interface TestServer {
  /** Origin of the server with the fault routes, ending with "/". */
  root(): string;
}

/** Figures from data/sources/pnrr-toscana/README.md ("Figures computed from these files"). */
const README = {
  projects: 2770,
  touchingPnrr: 2_433_815_960.5,
  touchingTotal: 2_817_841_820.64,
  missionProjects: { M1: 1779, M2: 85, M3: 1, M4: 433, M5: 184, M6: 288 } as Record<string, number>,
  missionPnrr: { M1: 674_307_957.08, M2: 641_061_053.42, M3: 42_480_000.0, M4: 567_454_248.54, M5: 148_499_373.46, M6: 360_013_328.0 } as Record<string, number>,
  /** The 72 projects with localisations outside Tuscany are in M1–M5 only: M6 is wholly inside. */
  firenzeProjects: 302,
  firenzePnrrUnsplit: 683_763_855.5,
  provinces: ['045', '046', '047', '048', '049', '050', '051', '052', '053', '100'],
  /** The float caveat of the 2023 file: sums over the source may be off by a few euros. */
  tolerance: 50,
};

const FIRENZE = '048017';
const TRAM = 'H91J12000770005';
const COMUNE_DI_FIRENZE = '01307110484';
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const cents = (euros: number) => Math.round(euros * 100);
const keys = (rows: SpendingRow[]) => rows.map((r) => r.key);

export function clientSuite(api: TestApi, server: TestServer): void {
  const { describe, it } = api;
  const url = (route: string) => `${server.root()}${route}/`;
  const requests = async (): Promise<Record<string, number>> => (await fetch(`${server.root()}__requests`, { cache: 'no-store' })).json();
  const reset = async () => void (await fetch(`${server.root()}__reset`, { cache: 'no-store' })).text();
  const headersSeen = async (): Promise<Record<string, Record<string, string>>> => (await fetch(`${server.root()}__headers`, { cache: 'no-store' })).json();
  const client = (route = 'pkg', options: Parameters<typeof createClient>[0] = {}): PnrrClient => createClient({ baseUrl: url(route), ...options });
  /** Every item of a list, through pages of the maximum size. */
  const allItems = async (c: PnrrClient, query: Parameters<PnrrClient['projects']>[0] = {}): Promise<ProjectListItem[]> => {
    const items: ProjectListItem[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await c.projects({ ...query, limit: 1000, offset });
      items.push(...page.items);
      if (offset + 1000 >= page.total) return items;
    }
  };

  describe('client: package files', () => {
    it('reads the manifest of the Tuscan package, and its provenance, whose totals reconcile', async () => {
      const m = await client().manifest();
      assert.ok(m.schemaVersion.startsWith('1.'), `schemaVersion ${m.schemaVersion}`);
      assert.equal(m.region.code, '09');
      // The sources and totals are in provenance.json since the manifest was slimmed (issue 11): read only on request.
      assert.equal(m.sources, undefined);
      assert.equal(m.totals, undefined);
      const p = await client().provenance();
      assert.deepEqual(p.sources.map((s) => s.role), ['projects', 'localisations', 'localisations', 'payments', 'awardees', 'awardees', 'indicators', 'boundaries', 'population']);
      const t = p.totals;
      assert.equal(t.inside.pnrrCents + t.outside.pnrrCents, t.touching.pnrrCents, 'inside + outside = touching');
      assert.equal(t.comuni.pnrrCents + t.provinceWide.pnrrCents + t.regionWide.pnrrCents, t.inside.pnrrCents, 'comuni + buckets = inside');
      assert.near(t.touching.pnrrCents / 100, README.touchingPnrr, README.tolerance, 'Σ Finanziamento PNRR of the validated projects');
      assert.equal(t.projects, README.projects);
    });

    it('reads territories, measures, boundaries and the quality report', async () => {
      const c = client();
      const [territories, measures, boundaries, quality] = await Promise.all([c.territories(), c.measures(), c.boundaries(), c.quality()]);
      assert.deepEqual(territories.provinces.map((p) => p.code).sort(), README.provinces);
      assert.equal(territories.comuni.find((x) => x.code === FIRENZE)?.province, '048');
      assert.deepEqual(measures.missions.map((m) => m.code).filter((code) => code in README.missionPnrr).sort(), Object.keys(README.missionPnrr));
      assert.equal(boundaries.type, 'Topology');
      assert.ok(boundaries.objects['comuni'], 'a comuni object in the TopoJSON');
      assert.ok(quality.files.length > 0, 'quality lists the files read');
    });

    it('gives each caller its own copy of a cached file', async () => {
      const c = client();
      const first = await c.manifest();
      first.region.code = 'XX';
      assert.equal((await c.manifest()).region.code, '09');
    });
  });

  describe('client: spending', () => {
    it('by mission: six missions whose PNRR euros add up to the amount attributed inside Tuscany, to the cent', async () => {
      const c = client();
      const [rows, m, measures] = await Promise.all([c.spending({ groupBy: 'mission', metric: 'pnrr' }), c.provenance(), c.measures()]);
      assert.deepEqual(keys(rows).sort(), ['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
      assert.equal(cents(sum(rows.map((r) => r.amount))), m.totals.inside.pnrrCents, 'Σ missions = inside');
      assert.ok(sum(rows.map((r) => r.value)) < README.touchingPnrr + README.tolerance, 'inside < projects touching Tuscany');
      for (const row of rows) {
        assert.equal(row.label, measures.missions.find((x) => x.code === row.key)?.name, `label of ${row.key}`);
        assert.ok(row.amount <= (README.missionPnrr[row.key] ?? 0) + README.tolerance, `${row.key} inside ≤ touching`);
      }
      assert.near(rows.find((r) => r.key === 'M6')?.amount ?? 0, README.missionPnrr['M6'] ?? 0, 0.005, 'M6 lies wholly in Tuscany');
      for (let i = 1; i < rows.length; i++) assert.ok((rows[i - 1] as SpendingRow).value >= (rows[i] as SpendingRow).value, 'sorted by value, largest first');
    });

    it('counts projects per mission as the README does, and totals match the manifest', async () => {
      const c = client();
      const [counts, totals, m] = await Promise.all([c.spending({ groupBy: 'mission', metric: 'count' }), c.spending({ metric: 'total' }), c.provenance()]);
      for (const row of counts) {
        assert.equal(row.value, README.missionProjects[row.key], `projects of ${row.key}`);
        assert.equal(row.count, row.value);
      }
      assert.equal(cents(sum(totals.map((r) => r.amount))), m.totals.inside.totalCents, 'Σ total funding = inside');
    });

    it('every grouping of the whole region adds up to the same euros and projects', async () => {
      const c = client();
      const inside = (await c.provenance()).totals.inside.pnrrCents;
      for (const groupBy of ['component', 'measure', 'submeasure', 'province', 'comune', 'implementing-body'] as const) {
        const rows = await c.spending({ groupBy });
        assert.equal(cents(sum(rows.map((r) => r.amount))), inside, `Σ by ${groupBy}`);
        if (groupBy !== 'province' && groupBy !== 'comune') assert.equal(sum(rows.map((r) => r.count)), README.projects, `projects by ${groupBy}`);
      }
    });

    it('by province: ten provinces plus the region-wide bucket, labelled from territories', async () => {
      const c = client();
      const [rows, territories] = await Promise.all([c.spending({ groupBy: 'province' }), c.territories()]);
      const provinces = rows.filter((r) => r.kind === 'province');
      assert.deepEqual(keys(provinces).sort(), README.provinces);
      for (const row of provinces) assert.equal(row.label, territories.provinces.find((p) => p.code === row.key)?.name);
      const others = rows.filter((r) => r.kind !== 'province');
      assert.deepEqual(others.map((r) => [r.key, r.kind]), [['000000', 'region-wide']]);
      assert.equal(others[0]?.label, territories.region.name);
    });

    it('by comune: comuni and buckets; a province filter keeps that province, whose sum is its province row', async () => {
      const c = client();
      const [all, inFirenze, byProvince, territories] = await Promise.all([
        c.spending({ groupBy: 'comune' }),
        c.spending({ groupBy: 'comune', province: '048' }),
        c.spending({ groupBy: 'province' }),
        c.territories(),
      ]);
      const codes = new Set(territories.comuni.map((x) => x.code));
      for (const row of all) {
        if (row.kind === 'comune') assert.ok(codes.has(row.key), `${row.key} is a comune of territories.json`);
        else assert.ok(row.kind === 'province-wide' || row.kind === 'region-wide', `${row.key} is a bucket (${row.kind})`);
      }
      assert.ok(all.some((r) => r.kind === 'province-wide'), 'province-wide buckets are listed');
      assert.ok(inFirenze.every((r) => r.key.startsWith('048')), 'province filter');
      assert.ok(inFirenze.some((r) => r.key === '048000' && r.kind === 'province-wide'), "Firenze's province-wide bucket");
      const province = byProvince.find((r) => r.key === '048');
      assert.equal(cents(sum(inFirenze.map((r) => r.amount))), cents(province?.amount ?? -1), 'Σ comuni of 048 + bucket = province 048');
    });

    it('province and region counts are distinct projects: the length of their project lists', async () => {
      const c = client();
      const [byProvince, byMission] = await Promise.all([c.spending({ groupBy: 'province', metric: 'count' }), c.spending({ groupBy: 'mission', metric: 'count' })]);
      assert.equal(sum(byMission.map((r) => r.count)), README.projects, 'region: Σ missions = projects');
      for (const code of README.provinces) {
        const listed = (await c.projects({ province: code, limit: 1 })).total;
        assert.equal(byProvince.find((r) => r.key === code)?.count, listed, `distinct projects of province ${code}`);
      }
      // A project in two comuni of a province counts once there (the tramway: Firenze and Campi Bisenzio), so the
      // province's count is less than the sum over its comuni and bucket.
      const places = await c.spending({ groupBy: 'comune', province: '048', metric: 'count' });
      assert.ok(sum(places.map((r) => r.count)) > (byProvince.find((r) => r.key === '048')?.count ?? Infinity), 'distinct, not summed');
    });

    it('a comune filter reads that comune: 302 projects in Firenze, the same euros as its row by comune', async () => {
      const c = client();
      const [byMission, counts, byComune] = await Promise.all([
        c.spending({ comune: FIRENZE }),
        c.spending({ comune: FIRENZE, metric: 'count' }),
        c.spending({ groupBy: 'comune' }),
      ]);
      assert.equal(sum(counts.map((r) => r.value)), README.firenzeProjects);
      assert.equal(cents(sum(byMission.map((r) => r.amount))), cents(byComune.find((r) => r.key === FIRENZE)?.amount ?? -1));
    });

    it('filters by mission, component, measure and implementing body', async () => {
      const c = client();
      const [missions, components, measuresOfM2C2, bodies, firenzeAsBody, measures] = await Promise.all([
        c.spending({ groupBy: 'mission' }),
        c.spending({ groupBy: 'component', mission: 'M2' }),
        c.spending({ groupBy: 'measure', component: 'M2C2', metric: 'count' }),
        c.spending({ groupBy: 'implementing-body' }),
        c.spending({ groupBy: 'mission', implementingBody: COMUNE_DI_FIRENZE }),
        c.measures(),
      ]);
      assert.ok(components.length > 0 && components.every((r) => r.key.startsWith('M2C')), 'components of M2');
      assert.equal(cents(sum(components.map((r) => r.amount))), cents(missions.find((r) => r.key === 'M2')?.amount ?? -1), 'Σ components of M2 = M2');
      for (const row of measuresOfM2C2) assert.equal(measures.measures.find((x) => x.code === row.key)?.component, 'M2C2');
      const body = bodies.find((r) => r.key === COMUNE_DI_FIRENZE);
      assert.ok(body, 'Comune di Firenze is an implementing body');
      assert.equal(cents(sum(firenzeAsBody.map((r) => r.amount))), cents(body.amount), 'Σ by mission of one body = its row');
      assert.equal(sum(firenzeAsBody.map((r) => r.count)), body.count);
      const tram = await c.spending({ groupBy: 'submeasure', submeasure: 'M2C2I4.02.00', comune: FIRENZE });
      assert.deepEqual(keys(tram), ['M2C2I4.02.00']);
      assert.deepEqual(await c.spending({ comune: FIRENZE, province: '050' }), [], 'a comune outside the province: nothing');
    });

    it('per capita: divides by the row territory, or by the filtered territory, and reports it', async () => {
      const c = client();
      const [provinces, firenze, region, territories] = await Promise.all([
        c.spending({ groupBy: 'province', perCapita: true }),
        c.spending({ comune: FIRENZE, perCapita: 'anpr2025' }),
        c.spending({ groupBy: 'mission', perCapita: true }),
        c.territories(),
      ]);
      for (const row of provinces) {
        const people = row.kind === 'region-wide' ? territories.region.population.istat2021 : territories.provinces.find((p) => p.code === row.key)?.population.istat2021;
        assert.ok(typeof people === 'number' && people > 0, `population of ${row.key}`);
        assert.equal(row.population, people, `population of ${row.key}`);
        assert.near(row.value, row.amount / people, 1e-9, `per capita of ${row.key}`);
      }
      const people = territories.comuni.find((x) => x.code === FIRENZE)?.population.anpr2025;
      for (const row of firenze) assert.equal(row.population, people);
      for (const row of region) assert.equal(row.population, territories.region.population.istat2021);
      for (let i = 1; i < provinces.length; i++) assert.ok((provinces[i - 1] as SpendingRow).value >= (provinces[i] as SpendingRow).value, 'sorted per capita');
    });
  });

  describe('client: projects', () => {
    it("project(): the Florence tram line 4.2, split equally between its two comuni", async () => {
      const p = await client().project(TRAM);
      assert.ok(p.title.startsWith('SISTEMA TRAMVIARIO FIORENTINO LINEA 4 II LOTTO'), p.title);
      assert.equal(p.cup, TRAM);
      assert.equal(p.funding.pnrrCents, 22_248_584_000);
      assert.deepEqual(p.localCodes, [TRAM]);
      assert.equal(p.implementingBody.taxCode, COMUNE_DI_FIRENZE);
      assert.deepEqual(p.localisations.map((l) => l.territory).sort(), ['048006', FIRENZE]);
      assert.deepEqual(p.localisations.map((l) => l.pnrrCents), [11_124_292_000, 11_124_292_000]);
    });

    it('project(): several local projects under one CUP, first by local code or chosen', async () => {
      const c = client();
      const first = await c.project('E59J21011940003');
      assert.deepEqual(first.localCodes, ['16938', '16939', '19366', '8082', '8296']);
      assert.equal(first.localCode, '16938');
      assert.equal(first.funding.pnrrCents, 2_657_500);
      const chosen = await c.project('E59J21011940003', { localCode: '8296' });
      assert.equal(chosen.funding.pnrrCents, 2_748_400);
      await assert.rejects(c.project('E59J21011940003', { localCode: '1' }), NotFoundError);
    });

    it('projects(): Firenze lists 302 projects whose unsplit PNRR funding is the README sum', async () => {
      const items = await allItems(client(), { comune: FIRENZE });
      assert.equal(items.length, README.firenzeProjects);
      assert.ok(items.every((i) => i.places.includes(FIRENZE)), 'every item is localised in Firenze');
      assert.near(sum(items.map((i) => i.pnrrCents)) / 100, README.firenzePnrrUnsplit, README.tolerance);
    });

    it('projects(): the region list holds every project; pages are stable, sorted and disjoint', async () => {
      const c = client();
      const [whole, page1, page2] = await Promise.all([c.projects({ limit: 200 }), c.projects({ limit: 100 }), c.projects({ limit: 100, offset: 100 })]);
      assert.equal(whole.total, README.projects);
      assert.equal(whole.limit, 200);
      assert.equal(page2.offset, 100);
      assert.deepEqual([...page1.items, ...page2.items], whole.items);
      for (let i = 1; i < whole.items.length; i++) assert.ok((whole.items[i - 1] as ProjectListItem).pnrrCents >= (whole.items[i] as ProjectListItem).pnrrCents, 'by PNRR, largest first');
      const byTitle = await c.projects({ comune: FIRENZE, sort: 'title', limit: 1000 });
      const collator = new Intl.Collator('it', { sensitivity: 'base', numeric: true });
      for (let i = 1; i < byTitle.items.length; i++) assert.ok(collator.compare((byTitle.items[i - 1] as ProjectListItem).title, (byTitle.items[i] as ProjectListItem).title) <= 0, 'by title');
      const small = await c.projects({ comune: FIRENZE, sort: 'total', order: 'asc', limit: 5 });
      const totals = (await allItems(c, { comune: FIRENZE })).map((i) => i.totalCents).sort((a, b) => a - b);
      assert.deepEqual(small.items.map((i) => i.totalCents), totals.slice(0, 5));
    });

    it('projects(): filters by measure code, province and implementing body', async () => {
      const c = client();
      const firenze = await allItems(c, { comune: FIRENZE });
      const m2 = await c.projects({ comune: FIRENZE, mission: 'M2', limit: 1000 });
      assert.equal(m2.total, firenze.filter((i) => i.submeasure.startsWith('M2')).length, 'mission M2');
      const m2c2 = await c.projects({ comune: FIRENZE, component: 'M2C2', measure: 'M2C2I4.02', limit: 1000 });
      assert.ok(m2c2.items.some((i) => i.cup === TRAM) && m2c2.items.every((i) => i.submeasure.startsWith('M2C2I4.02')), 'measure M2C2I4.02');
      const sameProvince = await c.projects({ comune: FIRENZE, province: '048', limit: 1 });
      assert.equal(sameProvince.total, firenze.length, 'a comune inside the province filter');
      const alsoInPisa = await c.projects({ comune: FIRENZE, province: '050', limit: 1000 });
      assert.equal(alsoInPisa.total, firenze.filter((i) => i.places.some((p) => p.startsWith('050'))).length, 'Firenze projects also in province 050');
      const byBody = await c.projects({ comune: FIRENZE, implementingBody: COMUNE_DI_FIRENZE, limit: 1000 });
      assert.ok(byBody.total > 0 && byBody.items.every((i) => i.body === COMUNE_DI_FIRENZE), 'implementing body');
      assert.equal(byBody.total, firenze.filter((i) => i.body === COMUNE_DI_FIRENZE).length);
      const province = await allItems(c, { province: '048' });
      assert.ok(province.some((i) => i.cup === TRAM) && province.length >= firenze.length, 'the province list contains its comuni');
    });

    it('projects(): text search ignores case and accents', async () => {
      const c = client();
      const tram = await c.projects({ text: 'tramviario  LINEA 4', limit: 1000 });
      assert.ok(tram.items.some((i) => i.cup === TRAM), 'words in any order and case');
      assert.equal((await c.projects({ text: TRAM.toLowerCase() })).items[0]?.cup, TRAM, 'by CUP');
      const everything = await allItems(c);
      const expected = everything.filter((i) => /FATTIBILIT[AÀ]/i.test(`${i.title} ${i.bodyName}`)).length;
      assert.ok(everything.some((i) => /FATTIBILITÀ/i.test(i.title)), 'the data has an accented title');
      assert.equal((await c.projects({ text: 'fattibilita', limit: 1000 })).total, expected, 'fattibilita finds FATTIBILITÀ');
      assert.equal((await c.projects({ text: 'FATTIBILITÀ', limit: 1000 })).total, expected);
    });
  });

  describe('client: awardees and indicators (issue 10)', () => {
    it('project(): the tram carries its tender, its five awardees (grouping roles) and its target indicator', async () => {
      const p = await client().project(TRAM);
      assert.equal(p.tenders?.length, 1);
      const tender = p.tenders![0]!;
      assert.equal(tender.cig, '9524700F13');
      assert.equal(tender.contractType, 'LAVORI');
      assert.deepEqual(tender.awardees.map((a) => a.role).sort(), ['MANDANTE', 'MANDANTE', 'MANDANTE', 'MANDANTE', 'MANDATARIA']);
      assert.deepEqual(p.indicators?.map((i) => [i.code, i.unit, i.realised, i.programmed]), [['T0020', 'Chilometri', 0, 5.4]]);
    });

    it("awardees(): Firenze's awardees, each with the PNRR of its projects attributed to Firenze, largest first", async () => {
      const c = client();
      const rows = await c.awardees({ comune: 'Firenze', limit: 1000 });
      assert.ok(rows.length > 10, `${rows.length} awardees`);
      for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1]!.amount >= rows[i]!.amount, 'largest first');
      assert.ok(rows.every((r) => r.territory === FIRENZE));
      // The tram's awardees: recomputed from project(): the tram's PNRR attributed to Firenze, plus their other projects there.
      const tram = await c.project(TRAM);
      const inFirenze = tram.localisations.find((l) => l.territory === FIRENZE)!.pnrrCents;
      for (const a of tram.tenders![0]!.awardees) {
        const row = rows.find((r) => r.key === a.taxCode);
        assert.ok(row, `${a.name} is listed`);
        assert.ok(cents(row.amount) >= inFirenze, `${a.name}: at least the tram's share`);
      }
      const top = await c.awardees({ comune: FIRENZE, limit: 3 });
      assert.deepEqual(top, rows.slice(0, 3));
    });

    it('awardees(): name search ignores case and accents; province and region lists contain the comune amounts', async () => {
      const c = client();
      const found = await c.awardees({ comune: FIRENZE, q: 'cmb cooperativa' });
      assert.deepEqual(found.map((r) => r.key), ['00154410369']);
      const [inProvince] = await c.awardees({ province: '048', q: '00154410369' });
      const [inRegion] = await c.awardees({ q: '00154410369' });
      assert.ok(inProvince!.amount >= found[0]!.amount && inRegion!.amount >= inProvince!.amount);
      assert.equal(inRegion!.territory, '09');
      assert.equal((await c.awardees()).length, 10, 'default limit');
    });

    it('awardees() checks its arguments and reports unknown places', async () => {
      const c = client();
      await assert.rejects(c.awardees({ comune: '048999' }), NotFoundError);
      await assert.rejects(c.awardees({ limit: 0 }), InvalidArgumentError);
      await assert.rejects(c.awardees({ q: 3 as unknown as string }), InvalidArgumentError);
      await assert.rejects(c.awardees({ province: '48' }), InvalidArgumentError);
    });
  });

  describe('client: argument errors', () => {
    it('project() names a malformed CUP and reports an unknown one as not found', async () => {
      const c = client();
      const bad = await assert.rejects(c.project('ABC'), InvalidArgumentError);
      assert.equal(bad.argument, 'cup');
      assert.equal(bad.value, 'ABC');
      assert.ok(bad instanceof PnrrError);
      await assert.rejects(c.project(TRAM.toLowerCase()), InvalidArgumentError);
      const missing = await assert.rejects(c.project('A00000000000000'), NotFoundError);
      assert.equal(missing.value, 'A00000000000000');
    });

    it('projects() checks every argument', async () => {
      const c = client();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ comune: '48017' }, 'comune'],
        [{ comune: 48017 }, 'comune'],
        [{ comune: '048000' }, 'comune'],
        [{ province: '48' }, 'province'],
        [{ mission: 'X1' }, 'mission'],
        [{ component: 'M2' }, 'component'],
        [{ measure: 'abc' }, 'measure'],
        [{ implementingBody: '' }, 'implementingBody'],
        [{ text: 7 }, 'text'],
        [{ sort: 'date' }, 'sort'],
        [{ order: 'up' }, 'order'],
        [{ limit: 0 }, 'limit'],
        [{ limit: 1001 }, 'limit'],
        [{ limit: 2.5 }, 'limit'],
        [{ offset: -1 }, 'offset'],
      ];
      for (const [query, argument] of cases) {
        const error = await assert.rejects(c.projects(query as never), InvalidArgumentError, JSON.stringify(query));
        assert.equal(error.argument, argument, JSON.stringify(query));
      }
      assert.equal((await assert.rejects(c.projects({ comune: '048999' }), NotFoundError)).value, '048999', 'well-formed, unknown comune');
      await assert.rejects(c.projects({ province: '999' }), NotFoundError);
    });

    it('spending() checks every argument', async () => {
      const c = client();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ groupBy: 'city' }, 'groupBy'],
        [{ metric: 'eur' }, 'metric'],
        [{ perCapita: 'istat2011' }, 'perCapita'],
        [{ comune: '48017' }, 'comune'],
        [{ groupBy: 'province', comune: FIRENZE }, 'groupBy'],
      ];
      for (const [query, argument] of cases) {
        const error = await assert.rejects(c.spending(query as never), InvalidArgumentError, JSON.stringify(query));
        assert.equal(error.argument, argument);
      }
      await assert.rejects(c.spending({ comune: '048999' }), NotFoundError);
      await assert.rejects(c.spending({ province: '099' }), NotFoundError);
    });

    it('createClient() checks its options', () => {
      for (const [options, argument] of [
        [{ retry: -1 }, 'retry'],
        [{ timeout: 0 }, 'timeout'],
        [{ fetch: 'no' }, 'fetch'],
        [{ baseUrl: '' }, 'baseUrl'],
      ] as const) {
        assertRefusesOption(options, argument);
      }
      return Promise.resolve();
    });
  });

  describe('client: paged project lists', () => {
    const SORTS = ['pnrr', 'total', 'area-pnrr', 'area-total', 'paid-share', 'title', 'cup'] as const;
    /** `paging` of a list file as served, read without the client. */
    const pagingOf = async (key: string): Promise<{ total: number; pages: number; pageSize: number } | undefined> =>
      ((await (await fetch(`${url('pkg')}lists/${key}.json`, { cache: 'no-store' })).json()) as { paging?: { total: number; pages: number; pageSize: number } }).paging;

    it('the region, a province and Firenze are paged; every sort, order, search and filter gives the answer of the unpaged list', async () => {
      const paged = client('pkg');
      const unpaged = client('unpaged');
      const region = (await paged.manifest()).region.code;
      for (const [territory, key] of [[{}, region], [{ province: '048' }, '048'], [{ comune: FIRENZE }, FIRENZE]] as const) {
        const paging = await pagingOf(key);
        assert.ok(paging && paging.pages >= 2, `the list of ${key} is paged`);
        for (const sort of SORTS) {
          for (const order of ['asc', 'desc'] as const) {
            for (const [offset, limit] of [[0, 20], [paging.pageSize - 5, 20], [paging.total - 5, 20], [0, 1000]]) {
              const query = { ...territory, sort, order, offset, limit };
              assert.deepEqual(await paged.projects(query), await unpaged.projects(query), JSON.stringify(query));
            }
          }
        }
        for (const query of [{ text: 'scuola' }, { text: '  ' }, { mission: 'M4', sort: 'area-pnrr' as const }, { implementingBody: COMUNE_DI_FIRENZE, offset: 3 }]) {
          const q = { ...territory, ...query };
          assert.deepEqual(await paged.projects(q), await unpaged.projects(q), JSON.stringify(q));
        }
      }
      const withProvince = { comune: FIRENZE, province: '048', sort: 'area-pnrr' as const };
      assert.deepEqual(await paged.projects(withProvince), await unpaged.projects(withProvince));
      // The list element's heading: total and sums of the whole list, from the first page alone.
      const whole = await allItems(unpaged, { comune: FIRENZE });
      const first = await paged.projects({ comune: FIRENZE, sort: 'area-pnrr' });
      assert.equal(first.total, whole.length);
      assert.equal(first.areaPnrrCents, sum(whole.map((i) => i.areaPnrrCents)));
      assert.equal(first.areaTotalCents, sum(whole.map((i) => i.areaTotalCents)));
    });

    it('a paged list is read as little as the query allows: the first screen its list file alone, a later page one more file', async () => {
      await reset();
      const c = client();
      const region = (await pagingOf('09'))!;
      const firenze = (await pagingOf(FIRENZE))!;
      await reset();
      const first = await c.projects({ comune: FIRENZE, sort: 'area-pnrr', limit: 20 });
      assert.equal(first.total, firenze.total);
      assert.equal(first.items.length, 20);
      assert.deepEqual(await requests(), { [`/pkg/lists/${FIRENZE}.json`]: 1 }, 'the first screen of Firenze');
      await c.projects({ comune: FIRENZE, sort: 'area-pnrr', limit: 20, offset: firenze.pageSize + 20 });
      assert.deepEqual(await requests(), { [`/pkg/lists/${FIRENZE}.json`]: 1, '/pkg/manifest.json': 1, [`/pkg/lists/${FIRENZE}/2.json`]: 1 }, 'then its second page');
      await reset();
      // Items pageSize − 10 … pageSize + 10 of the region: its list file and page 2.
      const across = await c.projects({ sort: 'area-pnrr', offset: region.pageSize - 10, limit: 20 });
      assert.equal(across.items.length, 20);
      assert.deepEqual(await requests(), { '/pkg/lists/09.json': 1, '/pkg/lists/09/2.json': 1 }, 'a page across two files');
      // A search reads every page, each once, whatever follows.
      const search = await c.projects({ text: 'comune', limit: 5 });
      await c.projects({ text: 'comune', offset: 5, limit: 5 });
      await c.projects({ sort: 'title' });
      const expected: Record<string, number> = { '/pkg/lists/09.json': 1 };
      for (let n = 2; n <= region.pages; n++) expected[`/pkg/lists/09/${n}.json`] = 1;
      assert.deepEqual(await requests(), expected, 'a search');
      assert.ok(search.total > 0 && search.total < region.total, `${search.total} matches`);
    });

    it('a missing or broken page file: a clear error naming it, the first screen still works, and a later call tries again', async () => {
      const missing = client('nopage', { retry: 0 });
      assert.equal((await missing.projects({ comune: FIRENZE, sort: 'area-pnrr' })).items.length, 20);
      const notFound = await assert.rejects(missing.projects({ comune: FIRENZE, text: 'scuola' }), NetworkError);
      assert.equal(notFound.status, 404);
      assert.ok(notFound.url.endsWith(`/nopage/lists/${FIRENZE}/2.json`), notFound.url);
      const broken = await assert.rejects(client('badpage').projects({ comune: FIRENZE, sort: 'title' }), DataFormatError);
      assert.equal(broken.file, `lists/${FIRENZE}/2.json`);
      await reset();
      const flaky = client('flaky', { retry: 0 });
      await assert.rejects(flaky.projects({ comune: FIRENZE, sort: 'area-pnrr' }), NetworkError, 'the list file fails once');
      await flaky.projects({ comune: FIRENZE, sort: 'area-pnrr' });
      await assert.rejects(flaky.manifest(), NetworkError, 'the manifest (the page pattern) fails once');
      await assert.rejects(flaky.projects({ comune: FIRENZE, sort: 'title' }), NetworkError, 'its page fails once');
      assert.deepEqual(await flaky.projects({ comune: FIRENZE, sort: 'title' }), await client('unpaged').projects({ comune: FIRENZE, sort: 'title' }));
    });
  });

  describe('client: transport, cache and faults', () => {
    it('retries a flaky file and succeeds', async () => {
      await reset();
      const m = await client('flaky', { retry: 1 }).manifest();
      assert.equal(m.region.code, '09');
      assert.equal((await requests())['/flaky/manifest.json'], 2, 'one failure, one retry');
    });

    it('a broken server: NetworkError with the status and retry + 1 attempts', async () => {
      await reset();
      const error = await assert.rejects(client('broken', { retry: 2 }).manifest(), NetworkError);
      assert.equal(error.status, 500);
      assert.equal(error.attempts, 3);
      assert.ok(error.url.endsWith('/broken/manifest.json'), error.url);
      assert.equal((await requests())['/broken/manifest.json'], 3);
    });

    it('a failed request is not cached: the next call tries again', async () => {
      await reset();
      const c = client('flaky', { retry: 0 });
      const error = await assert.rejects(c.measures(), NetworkError);
      assert.equal(error.attempts, 1);
      assert.ok((await c.measures()).missions.length > 0, 'second call succeeds');
    });

    it('a missing file is a NetworkError with status 404, not retried', async () => {
      await reset();
      const error = await assert.rejects(client('pkg/nowhere', { retry: 2 }).manifest(), NetworkError);
      assert.equal(error.status, 404);
      assert.equal(error.attempts, 1);
    });

    it('a corrupted file is a DataFormatError naming the file (and the JSON path when parsable)', async () => {
      // A component filter: no view file answers it, so spending() reads facts.json.
      const notJson = await assert.rejects(client('corrupt').spending({ component: 'M2C2' }), DataFormatError);
      assert.equal(notJson.file, 'facts.json');
      const misshapen = await assert.rejects(client('misshapen').spending({ component: 'M2C2' }), DataFormatError);
      assert.equal(misshapen.file, 'facts.json');
      assert.equal(misshapen.path, '/amounts/048017/3');
      const future = await assert.rejects(client('future').manifest(), DataFormatError);
      assert.equal(future.path, '/schemaVersion');
    });

    it('a timeout is a NetworkError without status', async () => {
      const error = await assert.rejects(client('slow', { timeout: 200, retry: 0 }).manifest(), NetworkError);
      assert.equal(error.status, undefined);
    });

    it('uses a custom fetch', async () => {
      let calls = 0;
      const counting: typeof fetch = (input, init) => {
        calls++;
        return fetch(input, init);
      };
      await client('pkg', { fetch: counting }).measures();
      assert.equal(calls, 1);
    });

    it('twenty concurrent spending() calls make one request per file', async () => {
      await reset();
      const c = client();
      const answers = await Promise.all(Array.from({ length: 20 }, () => c.spending({ groupBy: 'comune', perCapita: true })));
      for (const answer of answers) assert.deepEqual(answer, answers[0]);
      const counts = await requests();
      // The manifest lists the view files; the comune view answers, territories.json names the rows.
      assert.deepEqual(counts, { '/pkg/manifest.json': 1, '/pkg/views/comune/09.json': 1, '/pkg/territories.json': 1 });
      await c.spending({ groupBy: 'mission' });
      assert.deepEqual(await requests(), { ...counts, '/pkg/views/mission/09.json': 1 }, 'later calls reuse the cache');
      // A query no view answers reads the fact table, once.
      await Promise.all(Array.from({ length: 5 }, () => c.spending({ groupBy: 'mission', component: 'M2C2' })));
      assert.deepEqual(await requests(), { ...counts, '/pkg/views/mission/09.json': 1, '/pkg/facts.json': 1, '/pkg/measures.json': 1 });
    });

    it('aborting one call rejects it with AbortError without failing the others', async () => {
      await reset();
      const c = client('slow');
      const controller = new AbortController();
      const started = Date.now();
      const aborted = c.manifest({ signal: controller.signal });
      const other = c.manifest();
      setTimeout(() => controller.abort(), 50);
      await assert.rejectsNamed(aborted, 'AbortError');
      assert.ok(Date.now() - started < 1000, 'rejected at once, not when the answer came');
      assert.equal((await other).region.code, '09', 'the shared request went on');
      assert.equal((await requests())['/slow/manifest.json'], 1);
      await assert.rejectsNamed(c.manifest({ signal: AbortSignal.abort() }), 'AbortError', 'an already aborted signal');
    });

    it('cancels a shared download once every caller waiting for it has aborted, and a later call starts afresh', async () => {
      await reset();
      const downloads: AbortSignal[] = [];
      const watching: typeof fetch = (input, init) => {
        if (init?.signal) downloads.push(init.signal);
        return fetch(input, init);
      };
      const c = client('slow', { fetch: watching });
      const first = new AbortController();
      const second = new AbortController();
      const a = c.manifest({ signal: first.signal });
      const b = c.manifest({ signal: second.signal });
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(downloads.length, 1, 'two callers share one download');
      first.abort();
      await assert.rejectsNamed(a, 'AbortError');
      assert.equal(downloads[0]?.aborted, false, 'another caller still waits: the download goes on');
      second.abort();
      await assert.rejectsNamed(b, 'AbortError');
      assert.equal(downloads[0]?.aborted, true, 'nobody waits any more: the download is cancelled');
      assert.equal((await c.manifest()).region.code, '09', 'the cancelled download was not cached');
      assert.equal(downloads.length, 2);
    });

    it("the client's signal aborts its calls", async () => {
      const controller = new AbortController();
      const c = client('slow', { signal: controller.signal });
      const pending = c.spending({ signal: new AbortController().signal });
      setTimeout(() => controller.abort(), 50);
      await assert.rejectsNamed(pending, 'AbortError');
      await assert.rejectsNamed(c.territories(), 'AbortError', 'every later call too');
    });
  });

  describe('client: the http option, passed to ky', () => {
    it('http.headers reach the server with every request', async () => {
      await reset();
      const c = client('pkg', { http: { headers: { 'x-newsroom': 'La Gazzetta del Mugello' } } });
      await Promise.all([c.manifest(), c.project(TRAM)]);
      const seen = await headersSeen();
      const paths = Object.keys(seen).sort();
      assert.equal(paths.length, 2, paths.join());
      for (const path of paths) assert.equal(seen[path]?.['x-newsroom'], 'La Gazzetta del Mugello', path);
    });

    it('a beforeRequest hook sees each request, retries included', async () => {
      await reset();
      const seen: string[] = [];
      const c = client('flaky', { retry: 1, http: { hooks: { beforeRequest: [(request) => void seen.push(`${request.method} ${request.url}`)] } } });
      assert.equal((await c.manifest()).region.code, '09');
      assert.equal((await c.project(TRAM)).cup, TRAM);
      const counts = await requests();
      const requested = Object.entries(counts).flatMap(([path, n]) => Array.from({ length: n }, () => `GET ${server.root()}${path.slice(1)}`));
      assert.deepEqual(seen.sort(), requested.sort(), 'one call of the hook per request the server saw');
      assert.equal(seen.length, 4, 'two files, each failing once');
    });

    it("http.retry fields replace the kit's defaults: a status left out of statusCodes is not retried", async () => {
      await reset();
      const error = await assert.rejects(client('broken', { http: { retry: { limit: 2, statusCodes: [503] } } }).manifest(), NetworkError);
      assert.equal(error.status, 500);
      assert.equal(error.attempts, 1);
      assert.equal((await requests())['/broken/manifest.json'], 1);
    });

    it('a timeout is retried, and http.timeout sets it', async () => {
      await reset();
      const error = await assert.rejects(client('slow', { http: { timeout: 200 }, retry: 1 }).manifest(), NetworkError);
      assert.equal(error.status, undefined);
      assert.equal(error.attempts, 2);
      assert.ok(error.message.includes('timed out after 200 ms'), error.message);
      assert.equal((await requests())['/slow/manifest.json'], 2);
    });

    it('the timeout covers the download, not only the headers', async () => {
      const error = await assert.rejects(client('stalled', { timeout: 300, retry: 0 }).manifest(), NetworkError);
      assert.equal(error.status, undefined);
      assert.ok(error.message.includes('timed out after 300 ms'), error.message);
    });

    it("a server's Retry-After is honoured", async () => {
      await reset();
      const times: number[] = [];
      const c = client('limited', { http: { hooks: { beforeRequest: [() => void times.push(Date.now())] } } });
      assert.equal((await c.manifest()).region.code, '09');
      assert.equal(times.length, 2);
      // The default backoff would retry after 300 ms; "Retry-After: 1" asks for one second.
      const waited = (times[1] ?? 0) - (times[0] ?? 0);
      assert.ok(waited >= 900, `waited ${waited} ms`);
    });

    it('createClient() checks the http option', () => {
      const hook = () => undefined;
      for (const [options, argument] of [
        [{ http: 'ky' }, 'http'],
        [{ http: { prefixUrl: 'https://example.org/' } }, 'http.prefixUrl'],
        [{ http: { headers: { 'not a header name': 'x' } } }, 'http.headers'],
        [{ http: { hooks: { beforeRequest: hook } } }, 'http.hooks.beforeRequest'],
        [{ http: { hooks: { onRequest: [hook] } } }, 'http.hooks.onRequest'],
        [{ http: { retry: 11 } }, 'http.retry'],
        [{ http: { retry: { limit: -1 } } }, 'http.retry.limit'],
        [{ http: { retry: { tries: 3 } } }, 'http.retry.tries'],
        [{ retry: 1, http: { retry: 2 } }, 'http.retry'],
        [{ http: { timeout: 0 } }, 'http.timeout'],
        [{ timeout: 500, http: { timeout: 600 } }, 'http.timeout'],
      ] as const) {
        assertRefusesOption(options, argument);
      }
      return Promise.resolve();
    });
  });
}

/** createClient(options) throws an InvalidArgumentError naming `argument`. */
function assertRefusesOption(options: unknown, argument: string): void {
  let error: unknown;
  try {
    createClient(options as never);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof InvalidArgumentError && error.argument === argument, `${argument}: ${String(error)}`);
}
