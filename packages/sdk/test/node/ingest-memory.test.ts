/**
 * The build runs in bounded memory: a synthetic input of ~22,000 projects, all localised in Tuscany
 * (8 copies of the real Tuscan rows with new CUPs, current official layout; written by
 * scripts/bench/synth.mjs), is built by the compiled CLI in a child process whose JavaScript heap
 * is capped at 64 MB. The build that kept every project as objects until the end (9 KiB each) ran
 * out of heap on this input ("Reached heap limit", exit 134); the streaming build (rows spilled to
 * the temporary folder, aggregated one partition at a time) finishes. Deterministic: no timing,
 * only whether the heap suffices. The same input is then built with --region all, whose region
 * list holds every project: the streaming build that still kept the list items in memory (one per
 * project and territory key) ran out of this heap on both builds; items are now spilled and each
 * list written in chunks, and large lists are validated item by item.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GEO, REPO, SDK_DIR, readManifest, tempDir } from './ingest-helpers.js';

const BIN = join(SDK_DIR, 'dist', 'cli', 'main.js');
/** Well below what the old build needed for this input (it failed at 64 MB), well above the streaming build's need. */
const HEAP_MB = 64;

interface Synthetic { projectsPath: string; localisationsPath: string; projects: number; copies: number; tuscanCopies: number }

describe('build in bounded memory', () => {
  let work: string;
  let input: Synthetic;
  before(async () => {
    work = await tempDir('memory');
    const synth = (await import(pathToFileURL(join(REPO, 'scripts', 'bench', 'synth.mjs')).href)) as {
      makeNational(dir: string, scale: number, options: { tuscanEvery: number }): Promise<Synthetic>;
    };
    input = await synth.makeNational(work, 0.07, { tuscanEvery: 1 });
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const build = (region: string, out: string): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, [
      `--max-old-space-size=${HEAP_MB}`, BIN, 'build', '--region', region,
      '--projects', input.projectsPath, '--localisations', input.localisationsPath,
      '--boundaries', join(GEO, 'toscana-comuni.topo.json'), '--population', join(GEO, 'toscana-comuni.csv'), '--out', out,
    ], { cwd: SDK_DIR, encoding: 'utf8' });

  it(`builds ~22,000 Tuscan projects with a ${HEAP_MB} MB heap`, async () => {
    assert.equal(input.tuscanCopies, input.copies, 'every copy localised in Tuscany');
    const out = join(work, 'toscana');
    const r = build('09', out);
    assert.equal(r.status, 0, `exit ${r.status}: ${String(r.stderr).slice(-2000)}`);
    const manifest = await readManifest(out);
    assert.ok(manifest.totals.projects > 20_000, `${manifest.totals.projects} projects`);
    // Every project row of the synthetic files is a project of Tuscany except the invalid keys copied once.
    assert.ok(manifest.totals.projects <= input.projects);
  });

  it(`builds the same input as an all-Italy package (--region all) with a ${HEAP_MB} MB heap`, async () => {
    const out = join(work, 'italia');
    const r = build('all', out);
    assert.equal(r.status, 0, `exit ${r.status}: ${String(r.stderr).slice(-2000)}`);
    const manifest = await readManifest(out);
    assert.deepEqual(manifest.region, { code: '00', name: 'Italia' });
    const toscana = await readManifest(join(work, 'toscana'));
    // Every project localised in Tuscany is localised in Italy; money in other regions now counts inside.
    assert.ok(manifest.totals.projects >= toscana.totals.projects);
    assert.ok(manifest.totals.inside.pnrrCents > toscana.totals.inside.pnrrCents);
    assert.ok(manifest.totals.outside.pnrrCents < toscana.totals.outside.pnrrCents);
  });
});
