/**
 * The `pnrr-toscana` command as the data team runs it (the compiled bin, dist/cli/main.js):
 * the embedded package rebuilds byte for byte, validate catches corruption, bad input
 * gets a clear message and exit code.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EMBEDDED, GEO, SDK_DIR, TOSCANA, V2023, listFiles, tempDir } from './ingest-helpers.js';
import { shardName } from '../../src/format/shard.js';
import type { Manifest } from '../../src/schema/package.js';

const BIN = join(SDK_DIR, 'dist', 'cli', 'main.js');

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: SDK_DIR, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The arguments of a package.json data script ("data", "data:liguria"), so a test rebuilds exactly what the script builds. */
async function dataScriptArgs(out: string, script = 'data', folder = 'data/toscana'): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(SDK_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts[script]!.split(/\s+/);
  assert.deepEqual(words.slice(0, 2), ['node', 'dist/cli/main.js']);
  const args = words.slice(2);
  const i = args.indexOf('--out');
  assert.equal(args[i + 1], folder);
  args[i + 1] = out;
  return args;
}

describe('pnrr-toscana CLI', () => {
  let rebuilt: string;
  before(async () => {
    rebuilt = join(await tempDir('rebuild'), 'toscana');
    const r = run(await dataScriptArgs(rebuilt));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /read 2770 = kept 2770 \+ rejected 0 \+ skipped 0/);
    assert.equal(r.stderr, '', 'no progress output when stderr is not a terminal');
  });

  it('rebuilds the embedded package byte for byte', async () => {
    const expected = await listFiles(EMBEDDED);
    const actual = await listFiles(rebuilt);
    assert.deepEqual(actual, expected);
    assert.ok(expected.length >= 256 + 273 + 8);
    for (const file of expected) {
      const [a, b] = await Promise.all([readFile(join(rebuilt, file)), readFile(join(EMBEDDED, file))]);
      assert.ok(a.equals(b), `${file} differs from packages/sdk/data/toscana`);
    }
  });

  it('rebuilds the embedded Liguria package (script data:liguria) byte for byte', async () => {
    const liguria = join(SDK_DIR, 'data', 'liguria');
    const out = join(await tempDir('rebuild-liguria'), 'liguria');
    const r = run(await dataScriptArgs(out, 'data:liguria', 'data/liguria'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /read 1318 = kept 1318 \+ rejected 0 \+ skipped 0/);
    const expected = await listFiles(liguria);
    assert.deepEqual(await listFiles(out), expected);
    assert.ok(expected.length >= 256 + 234 + 8);
    for (const file of expected) {
      const [a, b] = await Promise.all([readFile(join(out, file)), readFile(join(liguria, file))]);
      assert.ok(a.equals(b), `${file} differs from packages/sdk/data/liguria`);
    }
    const v = run(['validate', liguria]);
    assert.equal(v.code, 0, v.stderr);
  });

  it('validate accepts the embedded package', () => {
    const r = run(['validate', EMBEDDED]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /valid/);
  });

  it('validate fails on a corrupted file and names it', async () => {
    const dir = join(await tempDir('corrupt'), 'pkg');
    await cp(EMBEDDED, dir, { recursive: true });
    // Change one amount in Firenze's list: checksum mismatch.
    const listPath = join(dir, 'lists', '048017.json');
    const text = await readFile(listPath, 'utf8');
    await writeFile(listPath, text.replace(/"pnrrCents":(\d)/, '"pnrrCents":9$1'));
    // Break the schema of a shard: a CUP that is not a CUP.
    const shard0 = shardName(0, (JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest).files.projectShards.count!);
    const shardPath = join(dir, 'projects', `${shard0}.json`);
    const shard = JSON.parse(await readFile(shardPath, 'utf8')) as { projects: Array<{ cup: string }> };
    assert.ok(shard.projects.length > 0);
    shard.projects[0]!.cup = 'not-a-cup';
    await writeFile(shardPath, JSON.stringify(shard));
    const r = run(['validate', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /lists\/048017\.json: sha256 [0-9a-f]{64} differs/);
    assert.match(r.stderr, new RegExp(`projects/${shard0}\\.json /projects/0/cup: `));
    assert.match(r.stderr, /INVALID/);
  });

  it('validate fails when the reconciliation is broken even with matching checksums', async () => {
    const dir = join(await tempDir('unbalanced'), 'pkg');
    await cp(EMBEDDED, dir, { recursive: true });
    // The totals are in provenance.json (since the manifest was slimmed).
    const provenancePath = join(dir, 'provenance.json');
    const provenance = JSON.parse(await readFile(provenancePath, 'utf8')) as { totals: { outside: { pnrrCents: number } } };
    provenance.totals.outside.pnrrCents += 1;
    const text = `${JSON.stringify(provenance, null, 2)}\n`;
    await writeFile(provenancePath, text);
    // Re-sign the file so only the invariant fails.
    const { createHash } = await import('node:crypto');
    const sumsPath = join(dir, 'checksums.json');
    const sums = JSON.parse(await readFile(sumsPath, 'utf8')) as { files: Record<string, { bytes: number; sha256: string }> };
    sums.files['provenance.json'] = { bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') };
    await writeFile(sumsPath, JSON.stringify(sums));
    const r = run(['validate', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /provenance\.json \/totals: touching PNRR = inside \+ outside/);
  });

  it('summary prints the mission table and a comune', () => {
    const r = run(['summary']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /M1\s+1779\s+674\.307\.957,08/);
    assert.match(r.stdout, /Regione Toscana/);
    const c = run(['summary', '--comune', '048017']);
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stdout, /Comune Firenze \(048017\)/);
    assert.match(c.stdout, /302\s+683\.763\.855,50/);
    const bad = run(['summary', '--comune', '999999']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /999999 is not in this package/);
  });

  it('explains bad usage and bad input', async () => {
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /pnrr-toscana build --projects <csv>/);
    const unknown = run(['build', '--projcts', 'x.csv']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option '--projcts'/);
    const missing = run(['build', '--projects', 'x.csv']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing required options --localisations, --region, --boundaries, --population, --out/);
    const out = join(await tempDir('badinput'), 'out');
    const common = ['--region', '09', '--boundaries', join(GEO, 'toscana-comuni.topo.json'), '--population', join(GEO, 'toscana-comuni.csv'), '--out', out];
    const noFile = run(['build', '--projects', '/nonexistent/progetti.csv', '--localisations', join(V2023, 'localizzazioni_validate_toscana.csv'), ...common]);
    assert.equal(noFile.code, 1);
    assert.match(noFile.stderr, /\/nonexistent\/progetti\.csv: file not found/);
    // The payments file given as projects: unrecognised layout, naming what is missing.
    const wrong = run(['build', '--projects', join(TOSCANA, 'regis-2025-03-31', 'pagamenti_di_progetto_toscana.csv'), '--localisations', join(V2023, 'localizzazioni_validate_toscana.csv'), ...common]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /pagamenti_di_progetto_toscana\.csv: unrecognised CSV layout for projects; closest layout "[a-z0-9-]+" is missing the columns: .*missione/);
    const badRegion = run(['build', '--projects', join(V2023, 'progetti_validati_toscana.csv'), '--localisations', join(V2023, 'localizzazioni_validate_toscana.csv'), ...common.map((a) => (a === '09' ? '9x' : a))]);
    assert.equal(badRegion.code, 1);
    assert.match(badRegion.stderr, /--region must be a 2-digit ISTAT region code/);
    const cmd = run(['frobnicate']);
    assert.equal(cmd.code, 2);
    assert.match(cmd.stderr, /unknown command "frobnicate"/);
  });
});
