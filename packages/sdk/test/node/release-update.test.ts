/**
 * `pnrr-toscana update` against a real local HTTP server that serves the repository's source
 * files (release-server.ts; no internet): the package it builds is the one `build` writes from
 * the same files, each run appends to releases.json, and every failure — 404, a connection cut
 * mid-body, a truncated file, a checksum mismatch, a file in the wrong layout, Ctrl-C during a
 * download, a foreign --out folder — exits non-zero with one clear line and leaves the previous
 * package byte for byte as it was, with no temporary file beside it. The CLI runs as a child
 * process, the way the data team (or a scheduled workflow) runs it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GEO, REPO, SDK_DIR, SOURCES, TOSCANA, listFiles, readJson, tempDir, readManifest } from './ingest-helpers.js';
import { startSourceServer, type SourceServer } from './release-server.js';
import type { Checksums } from '../../src/schema/package.js';
import type { Releases } from '../../src/release/releases-file.js';
import type { SourceEntry, SourcesConfig } from '../../src/release/config.js';

const BIN = join(SDK_DIR, 'dist', 'cli', 'main.js');

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs the CLI without blocking this process (the server answers from it). `onStdout` may act on the output so far. */
function run(args: string[], onStdout?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: SDK_DIR });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onStdout?.(stdout, child);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of await listFiles(dir)) out.set(file, createHash('sha256').update(await readFile(join(dir, file))).digest('hex'));
  return out;
}

async function assertIdentical(dir: string, before: Map<string, string>, what: string): Promise<void> {
  const after = await snapshot(dir);
  assert.deepEqual([...after.keys()], [...before.keys()], `${what}: same files`);
  for (const [file, sha] of before) assert.equal(after.get(file), sha, `${what}: ${file} unchanged`);
}

/** The repository's record of each source file (rows, bytes, sha256, reference date): the independent reference. */
interface SourceRecord { file: string; rows: number; bytes: number; sha256: string; referenceDate: string }
const RECORDS = new Map(((JSON.parse(await readFile(join(TOSCANA, 'manifest.json'), 'utf8')) as { files: SourceRecord[] }).files).map((f) => [f.file, f]));

/** The Tuscan release as served: [role, path under data/sources/]. */
const FILES: Array<[string, string]> = [
  ['projects', 'pnrr-toscana/regis-2023-03-01/progetti_validati_toscana.csv'],
  ['localisations', 'pnrr-toscana/regis-2023-03-01/localizzazioni_validate_toscana.csv'],
  ['localisations', 'pnrr-toscana/regis-2023-03-01/localizzazioni_validate_fuori_toscana.csv'],
  ['payments', 'pnrr-toscana/regis-2025-03-31/pagamenti_di_progetto_toscana.csv'],
  ['awardees', 'pnrr-toscana/regis-2023-03-01/gare_aggiudicatari_validati_toscana.csv'],
  ['awardees', 'pnrr-toscana/regis-2025-03-31/aggiudicatari_gare_toscana.csv'],
  ['indicators', 'pnrr-toscana/regis-2025-03-31/indicatori_target_toscana.csv'],
  // A role this version does not read: downloaded, verified and recorded only.
  ['reference-table', 'pnrr-toscana/reference/quadro_finanziario_pnrr.csv'],
  ['boundaries', 'geo/toscana-comuni.topo.json'],
  ['population', 'geo/toscana-comuni.csv'],
];

describe('pnrr-toscana update (local HTTP server serving data/sources)', () => {
  let server: SourceServer;
  let parent: string;
  let reference: string;
  let config: string;
  /** sources.json with size and sha256 of every file the repository records, and the --cache of the first run. */
  let pinned: string;
  let cache: string;
  /** The package of the first update: the "previous package" of the failure tests. */
  let previous: Map<string, string>;
  let firstRelease: Releases;

  /** sources.json for the served files; `change` edits entries (by index) before it is written. */
  async function writeConfig(name: string, change: (entries: SourceEntry[]) => void = () => {}, pin = false): Promise<string> {
    const entries: SourceEntry[] = FILES.map(([role, path]) => {
      const record = RECORDS.get(path.replace(/^pnrr-toscana\//, ''));
      return {
        role,
        url: `${server.origin}/files/${path}`,
        ...(role === 'projects' ? { layout: 'regis-2023-validati', minRows: 2000 } : {}),
        ...(record ? { referenceDate: record.referenceDate } : {}),
        ...(pin && record ? { bytes: record.bytes, sha256: record.sha256 } : {}),
      };
    });
    change(entries);
    const body: SourcesConfig = { region: '09', files: entries };
    const path = join(parent, `${name}.sources.json`);
    await writeFile(path, JSON.stringify(body, null, 2));
    return path;
  }

  before(async () => {
    server = await startSourceServer();
    parent = await tempDir('update');
    config = await writeConfig('good');
    pinned = join(await tempDir('update-pinned'), 'pinned.sources.json');
    await writeFile(pinned, await readFile(await writeConfig('pinned', () => {}, true)));
    await rm(join(parent, 'pinned.sources.json'));
    cache = join(await tempDir('update-cache'), 'downloads');
    reference = join(await tempDir('update-reference'), 'pkg');
    // The same files given to build by hand, role by role, in the order of FILES (as the SDK's `data` script does).
    const csvArgs = FILES.filter(([role]) => ['projects', 'localisations', 'payments', 'awardees', 'indicators'].includes(role))
      .flatMap(([role, p]) => [`--${role}`, join(SOURCES, p)]);
    const built = await run([
      'build', '--region', '09', ...csvArgs,
      '--boundaries', join(GEO, 'toscana-comuni.topo.json'), '--population', join(GEO, 'toscana-comuni.csv'), '--out', reference,
    ]);
    assert.equal(built.code, 0, built.stderr);
  });

  after(async () => {
    await server.close();
  });

  it('builds the package build writes from the same files, plus releases.json listed in checksums.json', async () => {
    const out = join(parent, 'pkg');
    // Downloads kept in a cache (elsewhere); the next test reuses them.
    const r = await run(['update', '--config', pinned, '--out', out, '--cache', cache, '--release-date', '2026-11-02']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /reference-table is not read by this version/);
    const got = await snapshot(out);
    const want = await snapshot(reference);
    for (const [file, sha] of want) if (file !== 'checksums.json') assert.equal(got.get(file), sha, `${file} as build writes it`);
    assert.deepEqual([...got.keys()].filter((f) => !want.has(f)), ['releases.json']);
    // The monitoring files too: the update gives the build every CSV role it reads (awardees and
    // indicators included), so its package is the embedded one the widgets read, file for file.
    const embedded = await snapshot(join(SDK_DIR, 'data', 'toscana'));
    for (const [file, sha] of embedded) if (file !== 'checksums.json') assert.equal(got.get(file), sha, `${file} as the embedded package has it`);
    assert.ok([...got.keys()].some((f) => f.startsWith('awardees/')), 'awardee lists written');
    const checksums = await readJson<Checksums>(out, 'checksums.json');
    const { ['releases.json']: listed, ...others } = checksums.files;
    assert.deepEqual(others, (await readJson<Checksums>(reference, 'checksums.json')).files);
    assert.equal(listed?.sha256, got.get('releases.json'));
    assert.equal((await run(['validate', out])).code, 0);
    assert.deepEqual(await readdir(parent), ['good.sources.json', 'pkg'], 'no temporary folder left');
    const cached = (await readdir(cache)).sort();
    assert.ok(cached.includes('progetti_validati_toscana.csv') && cached.includes('manifest.json'), cached.join());
    assert.ok(!cached.some((f) => f.endsWith('.part')));

    firstRelease = await readJson<Releases>(out, 'releases.json');
    assert.equal(firstRelease.releases.length, 1);
    const release = firstRelease.releases[0]!;
    assert.equal(release.releaseDate, '2026-11-02');
    assert.equal(release.referenceDate, '2023-03-01');
    // Sources: URL, sha256, size and rows as the repository's manifest records them.
    for (const [role, path] of FILES) {
      const source = release.sources.find((s) => s.url === `${server.origin}/files/${path}`);
      assert.ok(source, path);
      assert.equal(source.role, role);
      const record = RECORDS.get(path.replace(/^pnrr-toscana\//, ''));
      if (record) {
        assert.equal(source.sha256, record.sha256, path);
        assert.equal(source.bytes, record.bytes, path);
        if (role !== 'reference-table') assert.equal(source.rows, record.rows, path);
      }
      assert.equal(source.read, role !== 'reference-table');
    }
    // Totals by mission add up to the PNRR money attributed inside the region (the manifest's figure).
    const manifest = await readManifest(out);
    assert.equal(release.byMission.reduce((s, m) => s + m.pnrrCents, 0), manifest.totals.inside.pnrrCents);
    assert.equal(release.byMission.reduce((s, m) => s + m.totalCents, 0), manifest.totals.inside.totalCents);
    assert.equal(release.totals.projects, 2770);
    previous = await snapshot(out);
  });

  it('a second run appends to releases.json; with --cache a pinned file is not downloaded again', async () => {
    const out = join(parent, 'second');
    await cp(join(parent, 'pkg'), out, { recursive: true });
    const before = server.requests.length;
    const second = await run(['update', '--config', pinned, '--out', out, '--cache', cache, '--release-date', '2026-12-01']);
    assert.equal(second.code, 0, second.stderr);
    const fetched = server.requests.slice(before);
    // Only the files sources.json does not pin (the geo files) were requested again.
    assert.deepEqual(fetched.sort(), ['/files/geo/toscana-comuni.csv', '/files/geo/toscana-comuni.topo.json']);
    assert.match(second.stdout, /progetti_validati_toscana\.csv: cached copy has the expected sha256/);

    const history = await readJson<Releases>(out, 'releases.json');
    assert.deepEqual(history.releases.map((r) => r.releaseDate), ['2026-11-02', '2026-12-01']);
    assert.deepEqual(history.releases[0], firstRelease.releases[0], 'earlier entries kept as they were');
    // The package files other than the history are those of the first run (same sources).
    const files = await snapshot(out);
    for (const [file, sha] of previous) if (file !== 'releases.json' && file !== 'checksums.json') assert.equal(files.get(file), sha, file);
    assert.equal((await run(['validate', out])).code, 0);
    await rm(cache, { recursive: true });
    await rm(out, { recursive: true });
  });

  /** Runs a failing update over a copy of the first package and checks it is left byte for byte. */
  async function failing(name: string, change: (entries: SourceEntry[]) => void, args: string[] = [], pin = false): Promise<Run> {
    const out = join(parent, 'pkg');
    const path = await writeConfig(name, change, pin);
    const r = await run(['update', '--config', path, '--out', out, ...args]);
    assert.equal(r.code, 1, `${name}: exit 1\n${r.stdout}\n${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${name}: one line on stderr, got:\n${r.stderr}`);
    await assertIdentical(out, previous, name);
    await rm(path);
    assert.deepEqual(await readdir(parent), ['good.sources.json', 'pkg'], `${name}: no temporary folder or download left`);
    return r;
  }

  const at = (entries: SourceEntry[], role: string): SourceEntry => entries.find((e) => e.role === role)!;
  const redirect = (entries: SourceEntry[], role: string, mode: string): void => {
    const entry = at(entries, role);
    entry.url = entry.url.replace('/files/', `/${mode}/`);
    entry.name = entry.url.split('/').pop()!;
  };

  it('404: exit 1, previous package unchanged', async () => {
    const r = await failing('http-404', (e) => redirect(e, 'payments', '404'));
    assert.match(r.stderr, /^pnrr-toscana: download of pagamenti_di_progetto_toscana\.csv failed: HTTP 404 Not Found \(http:\/\/127\.0\.0\.1:\d+\/404\//);
  });

  it('connection reset mid-body: retried, then exit 1, previous package unchanged', async () => {
    const before = server.requests.length;
    const r = await failing('reset', (e) => redirect(e, 'localisations', 'reset'), ['--retries', '1']);
    assert.match(r.stderr, /download of localizzazioni_validate_toscana\.csv failed after 2 attempts: connection lost after \d+ bytes/);
    assert.equal(server.requests.slice(before).filter((p) => p.startsWith('/reset/')).length, 2, 'one retry');
  });

  it('truncated file (size and sha256 pinned): exit 1, previous package unchanged', async () => {
    const r = await failing('truncated', (e) => redirect(e, 'projects', 'truncated'), [], true);
    assert.match(r.stderr, /progetti_validati_toscana\.csv: 1357405 bytes, sources\.json expects 2714811 \(truncated or changed file\)/);
  });

  it('checksum mismatch: exit 1, previous package unchanged', async () => {
    const r = await failing('checksum', (e) => {
      const entry = at(e, 'localisations');
      entry.sha256 = createHash('sha256').update('another file').digest('hex');
    });
    assert.match(r.stderr, /localizzazioni_validate_toscana\.csv: sha256 b9489bd3\w+ differs from the \w+ sources\.json expects/);
  });

  it('a file in the wrong layout (payments served as projects): exit 1, previous package unchanged', async () => {
    const r = await failing('wrong-layout', (e) => {
      at(e, 'projects').url = at(e, 'payments').url;
      delete at(e, 'projects').layout;
      at(e, 'payments').role = 'payments';
      at(e, 'payments').name = 'pagamenti-as-payments.csv';
    });
    assert.match(r.stderr, /pagamenti_di_progetto_toscana\.csv: unrecognised CSV layout for projects/);
  });

  it('a file in another layout than sources.json expects: exit 1, previous package unchanged', async () => {
    const r = await failing('unexpected-layout', (e) => (at(e, 'localisations').layout = 'current-2024'));
    assert.match(r.stderr, /localizzazioni_validate_toscana\.csv: layout "regis-2023-validati" where sources\.json expects "current-2024"/);
  });

  it('fewer rows than minRows: exit 1 before the build, previous package unchanged', async () => {
    const r = await failing('min-rows', (e) => (at(e, 'projects').minRows = 3000));
    assert.match(r.stderr, /progetti_validati_toscana\.csv: 2770 rows, fewer than the 3000 sources\.json expects/);
  });

  it('SIGINT during a download: exit 130, previous package unchanged, no partial file', async () => {
    const out = join(parent, 'pkg');
    const path = await writeConfig('sigint', (e) => redirect(e, 'localisations', 'stall'));
    const stalled = server.stalled();
    let sent = false;
    const r = await run(['update', '--config', path, '--out', out], (_text, child) => {
      if (sent) return;
      sent = true;
      // Interrupt once the server has sent the first bytes of the stalled file.
      void stalled.then(() => child.kill('SIGINT'));
    });
    assert.equal(r.code, 130, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /interrupted; .* left unchanged, no temporary file left/);
    await assertIdentical(out, previous, 'SIGINT');
    await rm(path);
    assert.deepEqual(await readdir(parent), ['good.sources.json', 'pkg']);
  });

  it('a failed update into folders it had to create removes them again', async () => {
    const before = await readdir(parent);
    const path = await writeConfig('nested', (e) => redirect(e, 'payments', '404'));
    const r = await run(['update', '--config', path, '--out', join(parent, 'new', 'deeper', 'pkg')]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /HTTP 404/);
    await rm(path);
    assert.deepEqual(await readdir(parent), before, 'no new/ or new/deeper/ left behind');
  });

  it('refuses an --out folder it did not write, before downloading anything', async () => {
    const foreign = join(await tempDir('update-foreign'), 'site');
    await mkdir(foreign);
    await writeFile(join(foreign, 'index.html'), '<h1>Comune</h1>');
    const before = server.requests.length;
    const r = await run(['update', '--config', config, '--out', foreign]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /is not empty and is not a data package written by pnrr-toscana/);
    assert.equal(server.requests.length, before, 'nothing downloaded');
    assert.deepEqual(await readdir(foreign), ['index.html']);
    assert.equal(await readFile(join(foreign, 'index.html'), 'utf8'), '<h1>Comune</h1>');
  });

  it('refuses to replace the package of another region, before downloading anything', async () => {
    const path = join(parent, 'liguria.sources.json');
    await writeFile(path, JSON.stringify({ ...(JSON.parse(await readFile(config, 'utf8')) as SourcesConfig), region: '07' }));
    const before = server.requests.length;
    const r = await run(['update', '--config', path, '--out', join(parent, 'pkg')]);
    await rm(path);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /holds the package of region 09, sources\.json is for region 07; nothing was changed/);
    assert.equal(server.requests.length, before, 'nothing downloaded');
    await assertIdentical(join(parent, 'pkg'), previous, 'other region');
  });

  it('refuses a sources.json that does not match its schema, with the path of the problem', async () => {
    const path = join(parent, 'bad.sources.json');
    await writeFile(path, JSON.stringify({ region: '9', files: [] }));
    const r = await run(['update', '--config', path, '--out', join(parent, 'pkg')]);
    await rm(path);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not a valid sources config: \/region/);
    await assertIdentical(join(parent, 'pkg'), previous, 'bad config');
  });

  it('the example sources.json of the repository matches the schema', async () => {
    const { loadSourcesConfig } = await import('../../src/release/config.js');
    const example = await loadSourcesConfig(join(REPO, 'data', 'sources', 'pnrr-toscana', 'sources.example.json'));
    assert.equal(example.region, '09');
    assert.ok(example.files.some((f) => f.role === 'projects' && f.url.startsWith('https://www.italiadomani.gov.it/')));
  });
});



