/**
 * Data packages the browser tests need besides the embedded Tuscan one, built
 * before the tests by web-test-runner.config.mjs. Today: Liguria, from the
 * official CSVs in data/sources/ with the SDK's own CLI, so a test can show
 * that another region's package gives that region's map and charts with no
 * code change (issue #3). Built each run (well under a second), never
 * committed: packages/widgets/.test-data/ is git-ignored. It lies inside the
 * test server's root (the repository), served at
 * /packages/widgets/.test-data/liguria/ (test/helpers/page.ts: LIGURIA).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const at = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const CLI = at('../../sdk/dist/cli/main.js');
const SOURCES = at('../../../data/sources/');
const TEST_DATA = at('../.test-data/');

const LIGURIA = {
  region: '07',
  projects: ['pnrr-liguria/regis-2023-03-01/progetti_validati_liguria.csv'],
  localisations: [
    'pnrr-liguria/regis-2023-03-01/localizzazioni_validate_liguria.csv',
    // The rows outside Liguria of the same projects: they set each row's share (1/n over ALL regions).
    'pnrr-liguria/regis-2023-03-01/localizzazioni_validate_fuori_liguria.csv',
  ],
  boundaries: 'geo/liguria-comuni.topo.json',
  population: 'geo/liguria-comuni.csv',
  referenceDate: '2023-03-01',
};

/** Whether two package directories hold the same build (checksums.json covers every other file). */
function sameBuild(a, b) {
  const read = (dir, file) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : null);
  return ['checksums.json', 'manifest.json'].every((f) => read(a, f) !== null && read(a, f) === read(b, f));
}

/** Builds the Liguria package into .test-data/liguria/ and returns that directory. Throws when the CLI fails. */
export function buildLiguriaPackage() {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build @pnrr-toscana/sdk first (pnpm --filter @pnrr-toscana/sdk build).`);
  const out = join(TEST_DATA, 'liguria');
  // Built beside the served copy, then swapped in, so a test run of another
  // terminal serving the old copy never reads a half-written package.
  const fresh = join(TEST_DATA, `liguria.building-${process.pid}`);
  mkdirSync(TEST_DATA, { recursive: true });
  rmSync(fresh, { recursive: true, force: true });
  const source = (rel) => join(SOURCES, rel);
  const args = [
    CLI,
    'build',
    '--region',
    LIGURIA.region,
    ...LIGURIA.projects.flatMap((f) => ['--projects', source(f)]),
    ...LIGURIA.localisations.flatMap((f) => ['--localisations', source(f)]),
    '--boundaries',
    source(LIGURIA.boundaries),
    '--population',
    source(LIGURIA.population),
    '--reference-date',
    LIGURIA.referenceDate,
    '--out',
    fresh,
  ];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (run.status !== 0) {
    rmSync(fresh, { recursive: true, force: true });
    throw new Error(`Building the Liguria test package failed (exit ${run.status ?? run.signal}):\n${run.stderr || run.stdout}`);
  }
  if (sameBuild(fresh, out)) {
    // Builds are byte-identical: keep the copy that may already be served.
    rmSync(fresh, { recursive: true, force: true });
  } else {
    const old = `${out}.old-${process.pid}`;
    if (existsSync(out)) renameSync(out, old);
    renameSync(fresh, out);
    rmSync(old, { recursive: true, force: true });
  }
  return out;
}
