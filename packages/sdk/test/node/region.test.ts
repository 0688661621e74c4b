/**
 * `createClient({ region })`: the embedded packages of Tuscany (default) and Liguria, with
 * the Ligurian figures of data/sources/pnrr-liguria/README.md.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, DEFAULT_BASE_URL, EMBEDDED_REGIONS, InvalidArgumentError } from '../../src/index.js';

describe('createClient({ region })', () => {
  it('region "toscana" is the default package; "liguria" is data/liguria beside it', () => {
    assert.deepEqual([...EMBEDDED_REGIONS], ['toscana', 'liguria']);
    assert.equal(createClient({ region: 'toscana' }).baseUrl, DEFAULT_BASE_URL);
    assert.equal(createClient({ region: 'liguria' }).baseUrl, new URL('../liguria/', DEFAULT_BASE_URL).href);
  });

  it('Liguria: 1,318 projects, Σ Finanziamento PNRR € 1,405,147,307.66 (README), missions M1…M6 adding up to the part inside', async () => {
    const client = createClient({ region: 'liguria' });
    const [manifest, { totals }] = await Promise.all([client.manifest(), client.provenance()]);
    assert.equal(manifest.region.name, 'Liguria');
    assert.equal(totals.projects, 1318);
    assert.equal(totals.touching.pnrrCents, 140514730766);
    assert.equal(manifest.files.paidFacts, undefined, 'no payments file for Liguria');
    const missions = await client.spending({ groupBy: 'mission' });
    assert.deepEqual(missions.map((m) => m.key).sort(), ['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    assert.equal(missions.reduce((a, m) => a + Math.round(m.value * 100), 0), totals.inside.pnrrCents);
    const genova = await client.spending({ groupBy: 'comune', comune: 'Genova', perCapita: true });
    assert.equal(genova[0]!.key, '010025');
    assert.equal(genova[0]!.population, 558930);
  });

  it('refuses an unknown region, and region with baseUrl', async () => {
    assert.throws(() => createClient({ region: 'lazio' as 'liguria' }), (e: unknown) => e instanceof InvalidArgumentError && e.argument === 'region' && /toscana or liguria/.test(e.message));
    assert.throws(() => createClient({ region: 'liguria', baseUrl: 'https://example.org/pnrr/' }), InvalidArgumentError);
  });

  it('the paid metrics on a package without payments: a clear InvalidArgumentError naming the region', async () => {
    await assert.rejects(createClient({ region: 'liguria' }).spending({ metric: 'paid-share' }), (e: unknown) => {
      assert.ok(e instanceof InvalidArgumentError);
      assert.match(e.message, /Liguria .* without a payments file/);
      return true;
    });
  });
});
