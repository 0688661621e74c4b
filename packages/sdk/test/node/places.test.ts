/**
 * Places by name (issue 9): every comune of Tuscany (the embedded package) and
 * of Liguria (built here with the CLI from data/sources/pnrr-liguria) resolves
 * to its code however it is typed; provinces by name, abbreviation and code;
 * the comuni suppressed by mergers by their former code and name; unknown and
 * ambiguous names fail with the closest names. Expected codes are read from each
 * package's territories.json, never from the code under test.
 */
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createClient, InvalidArgumentError, NotFoundError, PlaceNameError, type PnrrClient, type Territories } from '../../src/index.js';
import * as assert from '../shared/assert.js';
import { EMBEDDED, GEO, LIGURIA, SDK_DIR, readJson, tempDir } from './ingest-helpers.js';

const BIN = join(SDK_DIR, 'dist', 'cli', 'main.js');
const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

let liguriaDir = '';
after(() => (liguriaDir ? rm(liguriaDir, { recursive: true, force: true }) : undefined));

function everyNameResolves(region: string, dir: () => string): void {
  let client: PnrrClient;
  let territories: Territories;
  before(async () => {
    client = createClient({ baseUrl: dir() });
    territories = await readJson<Territories>(dir(), 'territories.json');
  });

  it(`${region}: every comune by its name in upper case, lower case and without accents, and by its code`, async () => {
    assert.ok(territories.comuni.length > 200, `${territories.comuni.length} comuni`);
    let accented = 0;
    for (const c of territories.comuni) {
      const variants = new Set([c.name, c.name.toUpperCase(), c.name.toLowerCase(), stripAccents(c.name), stripAccents(c.name).toLowerCase(), c.code]);
      if (stripAccents(c.name) !== c.name) accented++;
      for (const v of variants) {
        const place = await client.resolvePlace(v, { kind: 'comune' });
        assert.equal(place.code, c.code, `${v} → ${place.code}`);
        assert.equal(place.name, c.name);
        assert.equal(place.province, c.province);
      }
    }
    assert.ok(accented > 0, 'some names carry accents');
  });

  it(`${region}: every province by name, abbreviation and code`, async () => {
    for (const p of territories.provinces) {
      for (const v of [p.name, p.name.toLowerCase(), p.abbreviation, p.code]) {
        assert.equal((await client.resolvePlace(v, { kind: 'province' })).code, p.code, v);
      }
    }
  });

  it(`${region}: a comune name is usable as the spending() and projects() filter`, async () => {
    const c = territories.comuni.find((x) => stripAccents(x.name) !== x.name) ?? territories.comuni[0]!;
    const byName = await client.spending({ comune: stripAccents(c.name).toUpperCase() });
    assert.deepEqual(byName, await client.spending({ comune: c.code }));
    const p = territories.provinces[0]!;
    assert.deepEqual(await client.projects({ province: p.name.toLowerCase(), limit: 5 }), await client.projects({ province: p.code, limit: 5 }));
  });
}

describe('places: Tuscany (embedded package)', () => {
  everyNameResolves('Tuscany', () => EMBEDDED);
  const client = createClient({ baseUrl: EMBEDDED });

  it('the names of the issue: "Prato", "san casciano in val di pesa", "Castelfranco Piandiscò" typed without its accent', async () => {
    assert.equal((await client.resolvePlace('Prato', { kind: 'comune' })).code, '100005');
    assert.equal((await client.resolvePlace('Prato', { kind: 'province' })).code, '100');
    assert.equal((await client.resolvePlace('san casciano in val di pesa')).code, '048038');
    assert.equal((await client.resolvePlace("Castelfranco Piandisco'")).code, '051040');
    assert.equal((await client.resolvePlace('castelfranco  piandisco')).code, '051040');
  });

  it('Montalcino by its name, its code and its pre-merger code (052014), and San Giovanni d’Asso, merged into it', async () => {
    const now = await client.resolvePlace('Montalcino');
    assert.equal(now.code, '052037');
    assert.equal(now.formerCode, undefined);
    const before2017 = await client.resolvePlace('052014');
    assert.equal(before2017.code, '052037');
    assert.equal(before2017.formerCode, '052014');
    assert.equal((await client.resolvePlace('San Giovanni d’Asso')).code, '052037');
    // The filters take it too, and answer as for today's code.
    assert.deepEqual(await client.spending({ comune: '052014' }), await client.spending({ comune: '052037' }));
    assert.deepEqual(await client.projects({ comune: 'montalcino', limit: 3 }), await client.projects({ comune: '052037', limit: 3 }));
  });

  it('a name shared by a comune and a province is ambiguous without a kind, and lists both', async () => {
    const error = await assert.rejects(() => client.resolvePlace('firenze'), PlaceNameError);
    assert.equal(error.reason, 'ambiguous');
    assert.deepEqual(error.suggestions.map((p) => `${p.kind} ${p.code}`).sort(), ['comune 048017', 'province 048']);
    assert.ok(error instanceof InvalidArgumentError && error.code === 'invalid-argument');
  });

  it('an unknown name fails naming the argument and the value, with at most 5 closest names', async () => {
    const error = await assert.rejects(() => client.spending({ comune: 'Prto' }), PlaceNameError);
    assert.equal(error.argument, 'comune');
    assert.equal(error.value, 'Prto');
    assert.equal(error.reason, 'unknown');
    assert.ok(error.suggestions.length > 0 && error.suggestions.length <= 5);
    assert.equal(error.suggestions[0]!.name, 'Prato');
    assert.ok(error.suggestions.every((p) => p.kind === 'comune'));
    assert.ok(/comune "Prto".*closest: Prato \(comune 100005\)/.test(error.message), error.message);
    const province = await assert.rejects(() => client.projects({ province: 'Lucchese' }), PlaceNameError);
    assert.equal(province.argument, 'province');
    assert.equal(province.suggestions[0]!.code, '046');
  });

  it('hostile values: HTML, a 10,000-character name, a wrong-length code, a non-string', async () => {
    const html = await assert.rejects(() => client.resolvePlace('<img src=x onerror=alert(1)>'), PlaceNameError);
    assert.equal(html.reason, 'unknown');
    await assert.rejects(() => client.resolvePlace('a'.repeat(10_000)), PlaceNameError);
    await assert.rejects(() => client.spending({ comune: '48017' }), InvalidArgumentError);
    await assert.rejects(() => client.spending({ comune: '999999' }), NotFoundError);
    await assert.rejects(() => client.resolvePlace(42 as unknown as string), InvalidArgumentError);
    await assert.rejects(() => client.resolvePlace('Prato', { kind: 'region' as 'comune' }), InvalidArgumentError);
  });

  it('places(): a search by start, word and typo; a code finds its place; no query lists every place', async () => {
    const sanNames = (await client.places({ q: 'san', kind: 'comune', limit: 1000 })).map((p) => p.name);
    const territories = await client.territories();
    const expected = territories.comuni.filter((c) => /(^|\s)san/i.test(c.name)).map((c) => c.name);
    assert.deepEqual(sanNames.filter((n) => /(^|\s)san/i.test(n)).sort(), [...expected].sort());
    // Names with a word starting with "san" come before names that only contain it (Tresana, Pietrasanta…).
    const inside = territories.comuni.filter((c) => /san/i.test(stripAccents(c.name)) && !expected.includes(c.name)).map((c) => c.name);
    assert.ok(inside.length > 0 && inside.every((n) => sanNames.includes(n)));
    assert.ok(Math.max(...expected.map((n) => sanNames.indexOf(n))) < Math.min(...inside.map((n) => sanNames.indexOf(n))), sanNames.join(', '));
    // Former names count: Montalcino answers to San Giovanni d'Asso, merged into it in 2017.
    assert.ok(sanNames.includes('Montalcino'));
    assert.equal((await client.places({ q: 'Piandisco' }))[0]!.code, '051040');
    assert.equal((await client.places({ q: 'Pistioa' }))[0]!.code, '047');
    assert.deepEqual((await client.places({ q: '048017' })).map((p) => p.name), ['Firenze']);
    const all = await client.places({ limit: 1000 });
    assert.equal(all.length, territories.comuni.length + territories.provinces.length);
    assert.equal((await client.places({ kind: 'province' })).length, territories.provinces.length);
    await assert.rejects(() => client.places({ q: 'x', limit: 0 }), InvalidArgumentError);
  });
});

describe('places: Liguria (built with the CLI)', () => {
  before(async () => {
    liguriaDir = await tempDir('liguria-places');
    const csv = (f: string) => join(LIGURIA, f);
    const run = spawnSync(
      process.execPath,
      [BIN, 'build', '--region', '07', '--projects', csv('progetti_validati_liguria.csv'),
        '--localisations', csv('localizzazioni_validate_liguria.csv'), '--localisations', csv('localizzazioni_validate_fuori_liguria.csv'),
        '--boundaries', join(GEO, 'liguria-comuni.topo.json'), '--population', join(GEO, 'liguria-comuni.csv'),
        '--reference-date', '2023-03-01', '--out', join(liguriaDir, 'pkg')],
      { cwd: SDK_DIR, encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
  });
  everyNameResolves('Liguria', () => join(liguriaDir, 'pkg'));

  it('Liguria: Montalto Carpasio by the codes of the two comuni it replaced', async () => {
    const client = createClient({ baseUrl: join(liguriaDir, 'pkg') });
    for (const former of ['008013', '008036']) assert.equal((await client.resolvePlace(former)).code, '008068');
    assert.equal((await client.resolvePlace('montalto ligure')).code, '008068');
  });
});
