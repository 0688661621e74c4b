/**
 * `pnrr-toscana build` never loses a user's data (issue 6): it never deletes or overwrites what it
 * did not write, an interrupted or failing build leaves the previous package byte-identical, and
 * unusable input is refused with a message that says what to do. Every test runs the compiled CLI
 * as a child process, the way the data team runs it; outputs live in os.tmpdir().
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { EMBEDDED, GEO, REPO, SDK_DIR, TOSCANA, V2023, listFiles, readJson, readListItems, tempDir } from './ingest-helpers.js';
import type { Manifest, Quality } from '../../src/schema/package.js';
import { HEAP_LIMIT_MB } from '../../src/cli/supervise.js';

const BIN = join(SDK_DIR, 'dist', 'cli', 'main.js');
const PROJECTS = join(V2023, 'progetti_validati_toscana.csv');
const LOC = join(V2023, 'localizzazioni_validate_toscana.csv');
const LOC_OUT = join(V2023, 'localizzazioni_validate_fuori_toscana.csv');
const PAYMENTS = join(TOSCANA, 'regis-2025-03-31', 'pagamenti_di_progetto_toscana.csv');
const TERRITORY = ['--region', '09', '--boundaries', join(GEO, 'toscana-comuni.topo.json'), '--population', join(GEO, 'toscana-comuni.csv')];
/** The full Tuscan build (the embedded package's inputs). */
const FULL = ['--projects', PROJECTS, '--localisations', LOC, '--localisations', LOC_OUT, '--payments', PAYMENTS, ...TERRITORY];

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function run(args: string[], cwd = SDK_DIR): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** sha256 of every file under `dir` (relative path → hash): the "byte-identical" check. */
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

/** Nothing but `names` in `parent`: no temporary folder left behind. */
async function assertOnly(parent: string, names: string[]): Promise<void> {
  assert.deepEqual((await readdir(parent)).sort(), [...names].sort(), `${parent} holds no leftover temporary folder`);
}

type Row = Record<string, string>;
const readRows = async (path: string): Promise<{ header: string[]; rows: Row[] }> => {
  const records = parse(await readFile(path), { bom: true }) as string[][];
  const header = records[0]!;
  return { header, rows: records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))) };
};
const csvCell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const writeRows = (path: string, header: string[], rows: Row[]): Promise<void> =>
  writeFile(path, `${[header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((r) => r.map(csvCell).join(',')).join('\n')}\n`);

/**
 * A small real input: the first `n` Tuscan projects and their Tuscan localisation rows, after
 * `edit` has changed the project rows. Returns the arguments of a build from them.
 */
async function smallInput(dir: string, n: number, edit: (rows: Row[]) => void = () => {}): Promise<string[]> {
  const projects = await readRows(PROJECTS);
  const locs = await readRows(LOC);
  const rows = projects.rows.slice(0, n);
  const keys = new Set(rows.map((r) => `${r['CUP']} ${r['Codice Locale Progetto']}`));
  edit(rows);
  const keep = locs.rows.filter((r) => keys.has(`${r['CUP']} ${r['Codice Locale Progetto']}`));
  // Localisation rows for the edited keys too (e.g. a CUP "__proto__"), so they reach the projects pass.
  for (const r of rows) {
    if (!keys.has(`${r['CUP']} ${r['Codice Locale Progetto']}`)) keep.push({ ...keep[0]!, CUP: r['CUP']!, 'Codice Locale Progetto': r['Codice Locale Progetto']! });
  }
  await mkdir(dir, { recursive: true });
  await writeRows(join(dir, 'projects.csv'), projects.header, rows);
  await writeRows(join(dir, 'localisations.csv'), locs.header, keep);
  // The real fuori file gives the build localisation rows outside the region (of other projects: skipped).
  return ['--projects', join(dir, 'projects.csv'), '--localisations', join(dir, 'localisations.csv'), '--localisations', LOC_OUT, ...TERRITORY];
}

describe('build never deletes or overwrites what it did not write', () => {
  it('refuses a folder that merely looks like a package (projects/, lists/, README.md) and leaves it untouched', async () => {
    const parent = await tempDir('foreign');
    const out = join(parent, 'mine');
    await mkdir(join(out, 'projects'), { recursive: true });
    await mkdir(join(out, 'lists'), { recursive: true });
    await writeFile(join(out, 'projects', 'budget.xlsx'), 'my spreadsheet');
    await writeFile(join(out, 'lists', 'todo.txt'), 'my list');
    await writeFile(join(out, 'README.md'), '# my notes\n');
    const before = await snapshot(out);
    const input = await smallInput(join(parent, 'in'), 20);
    for (const force of [[], ['--force']]) {
      const r = run(['build', ...input, '--out', out, ...force]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /not a data package written by pnrr-toscana/);
      assert.match(r.stderr, /empty folder/);
      await assertIdentical(out, before, `foreign folder ${force.join('')}`);
    }
    await assertOnly(parent, ['mine', 'in']);
  });

  it('replaces its own package only with --force, and refuses a package someone changed', async () => {
    const parent = await tempDir('own');
    const out = join(parent, 'pkg');
    const input = await smallInput(join(parent, 'in'), 20);
    assert.equal(run(['build', ...input, '--out', out, '--generated-at', '2020-01-01']).code, 0);
    const before = await snapshot(out);
    const again = run(['build', ...input, '--out', out]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already holds a data package.*--force/s);
    await assertIdentical(out, before, 'without --force');

    const forced = run(['build', ...input, '--out', out, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.notEqual((await readJson<Manifest>(out, 'manifest.json')).generatedAt, '2020-01-01', 'replaced');

    // A hand edit, or a file added by someone, makes the folder no longer the tool's own.
    await writeFile(join(out, 'README.md'), `${await readFile(join(out, 'README.md'), 'utf8')}\nmy note\n`);
    const edited = await snapshot(out);
    const r1 = run(['build', ...input, '--out', out, '--force']);
    assert.equal(r1.code, 1);
    assert.match(r1.stderr, /README\.md.*changed since pnrr-toscana wrote it/);
    await assertIdentical(out, edited, 'edited package');
    await writeFile(join(out, 'README.md'), (await readFile(join(out, 'README.md'), 'utf8')).replace('\nmy note\n', ''));
    await writeFile(join(out, 'notes.txt'), 'mine');
    const r2 = run(['build', ...input, '--out', out, '--force']);
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, /notes\.txt.*not written by pnrr-toscana/);
    assert.equal(await readFile(join(out, 'notes.txt'), 'utf8'), 'mine');
    await assertOnly(parent, ['pkg', 'in']);
  });
});

describe('an interrupted or failing build leaves the previous package byte-identical', () => {
  let parent: string;
  let pristine: string;
  let previous: Map<string, string>;
  before(async () => {
    parent = await tempDir('atomic');
    pristine = join(await tempDir('atomic-pristine'), 'pkg');
    // The previous package differs from what the new build writes (generatedAt), so a swap would show.
    const r = run(['build', ...FULL, '--out', pristine, '--generated-at', '2020-01-01']);
    assert.equal(r.code, 0, r.stderr);
    previous = await snapshot(pristine);
    // 818 files without views (512 project shards, facts-paid.json and provenance.json included), plus 1151 view
    // files: 7 groupings for the region, 4 for each of 10 provinces and 273 comuni, 2 for each of 6 missions; plus
    // 23 list page files, the pages after the first of the lists over 200 projects: the region's 2770 (13), 048's
    // 692 (3), 050's 481 (2), and one each for 046 (352), 052 (337), 051 (265), Firenze (302) and Pisa (220).
    assert.equal(previous.size, 818 + 7 + 4 * (10 + 273) + 2 * 6 + 13 + 3 + 2 + 5);
  });

  /** Starts a build over a copy of the previous package and calls `act` with the build's process once stdout shows `phase`. */
  async function buildOverPrevious(phase: RegExp, act: (child: ChildProcess) => void): Promise<Run> {
    const out = join(parent, 'toscana');
    await rm(out, { recursive: true, force: true });
    await cp(pristine, out, { recursive: true });
    const child = spawn(process.execPath, [BIN, 'build', ...FULL, '--out', out, '--force'], { cwd: SDK_DIR });
    let stdout = '';
    let stderr = '';
    let acted = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!acted && phase.test(stdout)) {
        acted = true;
        act(child);
      }
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('close', (c, s) => done([c, s])));
    return { code, signal, stdout, stderr };
  }

  /** Sends SIGINT `delay` ms after stdout shows `phase`. */
  const interrupt = (phase: RegExp, delay: number): Promise<Run> => buildOverPrevious(phase, (child) => setTimeout(() => child.kill('SIGINT'), delay));

  it('SIGINT while reading or writing: previous package unchanged, no temporary folder (several points of the run)', async (t) => {
    const points: Array<[RegExp, number]> = [
      [/reading the sources/, 200], [/writing \d+ files/, 0], [/writing \d+ files/, 30], [/writing \d+ files/, 150],
      [/validating/, 0], [/validating/, 100], [/moving the new package/, 0],
    ];
    let interrupted = 0;
    for (const [phase, delay] of points) {
      const r = await interrupt(phase, delay);
      const out = join(parent, 'toscana');
      if (r.code === 130) {
        interrupted++;
        assert.match(r.stderr, /interrupted.*left unchanged/s, r.stderr);
        await assertIdentical(out, previous, `SIGINT ${delay} ms after ${phase}`);
      } else {
        // The signal came after the new package was validated and moved in place: the build completed.
        assert.equal(r.code, 0, `${phase} +${delay} ms: ${r.stderr}`);
        assert.equal((await readJson<Manifest>(out, 'manifest.json')).generatedAt, '2025-03-31');
        assert.equal(run(['validate', out]).code, 0);
      }
      await assertOnly(parent, ['toscana']);
    }
    t.diagnostic(`${interrupted} of ${points.length} runs stopped by SIGINT (exit 130), the others completed`);
    assert.ok(interrupted >= 1, 'at least one run was stopped by SIGINT');
  });

  it('SIGINT while writing into folders it had to create: they are removed again', async (t) => {
    let interrupted = 0;
    const before = await readdir(parent);
    for (const delay of [0, 30, 100]) {
      const out = join(parent, 'new', 'deeper', 'toscana');
      const child = spawn(process.execPath, [BIN, 'build', ...FULL, '--out', out], { cwd: SDK_DIR });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        const first = !/writing \d+ files/.test(stdout);
        stdout += chunk.toString();
        if (first && /writing \d+ files/.test(stdout)) setTimeout(() => child.kill('SIGINT'), delay);
      });
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
      if (code === 130) {
        interrupted++;
        await assertOnly(parent, before);
      } else {
        assert.equal(code, 0, `+${delay} ms`);
        await rm(join(parent, 'new'), { recursive: true });
      }
    }
    t.diagnostic(`${interrupted} of 3 runs stopped by SIGINT`);
    assert.ok(interrupted >= 1, 'at least one run was stopped by SIGINT');
  });

  // build and update run in a child process with a bounded heap (src/cli/supervise.ts). A process that
  // reaches its heap limit is aborted by V8 with no chance to clean up, and so is one the system kills:
  // the command the user started removes what the child left.
  it('runs the build with its own heap limit and reports the peak memory', () => {
    const out = join(parent, 'limited');
    const r = spawnSync(process.execPath, [BIN, 'build', ...FULL, '--out', out], { cwd: SDK_DIR, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    assert.equal(r.status, 0, r.stderr);
    const memory = /memory: peak (\d+) MB \(JavaScript heap limit (\d+) MB\)/.exec(r.stdout);
    assert.ok(memory, r.stdout);
    assert.equal(Number(memory[2]), HEAP_LIMIT_MB);
    assert.ok(Number(memory[1]) < 512, `peak ${memory[1]} MB`);
    return rm(out, { recursive: true });
  });

  it('out of memory (a 16 MB heap): exit 1 with the fix in the message, previous package identical, no temporary folder', async () => {
    const out = join(parent, 'toscana');
    await rm(out, { recursive: true, force: true });
    await cp(pristine, out, { recursive: true });
    const r = spawnSync(process.execPath, ['--max-old-space-size=16', BIN, 'build', ...FULL, '--out', out, '--force'], { cwd: SDK_DIR, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr.slice(-500));
    assert.match(r.stderr, /build ran out of memory \(JavaScript heap limit 16 MB\); .*toscana was left as it was and the temporary folders were removed\. To allow more: NODE_OPTIONS=--max-old-space-size=64/);
    assert.doesNotMatch(r.stderr, /Last few GCs|Native stack trace|FATAL ERROR/, 'V8\'s crash dump is not passed on');
    await assertIdentical(out, previous, 'out of memory');
    await assertOnly(parent, ['toscana']);

    // Into folders it had to create: they go too.
    const fresh = join(parent, 'made', 'for', 'it');
    const again = spawnSync(process.execPath, ['--max-old-space-size=16', BIN, 'build', ...FULL, '--out', fresh], { cwd: SDK_DIR, encoding: 'utf8' });
    assert.equal(again.status, 1);
    await assertOnly(parent, ['toscana']);
  });

  it('killed by the system (SIGKILL to the build process): previous package identical, no temporary folder, exit 137', async () => {
    // The build process is the watcher's only child (Linux lists it in /proc).
    const { code, stderr } = await buildOverPrevious(/writing \d+ files/, (watcher) => {
      const children = readFileSync(`/proc/${watcher.pid}/task/${watcher.pid}/children`, 'utf8').trim().split(/\s+/);
      assert.equal(children.length, 1, `children: ${children.join(' ')}`);
      process.kill(Number(children[0]), 'SIGKILL');
    });
    const out = join(parent, 'toscana');
    assert.equal(code, 137, stderr);
    assert.match(stderr, /build was stopped by SIGKILL \(possibly by the system, out of memory\); .*toscana was left as it was/);
    await assertIdentical(out, previous, 'SIGKILL');
    await assertOnly(parent, ['toscana']);
  });

  it('a build that fails on bad input over a previous package leaves it identical', async () => {
    const out = join(parent, 'toscana');
    await rm(out, { recursive: true, force: true });
    await cp(pristine, out, { recursive: true });
    const bad = join(await tempDir('atomic-bad'), 'header-only.csv');
    await writeFile(bad, `${(await readFile(PROJECTS, 'utf8')).split('\n')[0]}\n`);
    const r = run(['build', '--projects', bad, '--localisations', LOC, '--localisations', LOC_OUT, ...TERRITORY, '--out', out, '--force']);
    assert.equal(r.code, 1);
    await assertIdentical(out, previous, 'failed build');
    await assertOnly(parent, ['toscana']);
  });
});

describe('build refuses unusable input', () => {
  let dir: string;
  before(async () => {
    dir = await tempDir('input');
  });

  it('a header-only projects file: no package with no projects', async () => {
    const input = await smallInput(join(dir, 'empty'), 0);
    const out = join(dir, 'empty-out');
    const r = run(['build', ...input, '--out', out]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /no project of region 09/);
    await assertOnly(dir, ['empty']);
  });

  it('a Latin-1 file is refused with the fix in the message, not read as UTF-8', async () => {
    const text = await readFile(PROJECTS, 'utf8');
    const latin1 = join(dir, 'progetti-latin1.csv');
    await writeFile(latin1, Buffer.from(text, 'latin1'));
    const r = run(['build', '--projects', latin1, '--localisations', LOC, '--localisations', LOC_OUT, ...TERRITORY, '--out', join(dir, 'latin1-out')]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /progetti-latin1\.csv: not UTF-8 text \(line \d+\)/);
    assert.match(r.stderr, /iconv -f WINDOWS-1252 -t UTF-8/);
  });

  it('random bytes: "not a CSV file"', async () => {
    const noise = join(dir, 'noise.csv');
    await writeFile(noise, randomBytes(4096));
    const r = run(['build', '--projects', noise, '--localisations', LOC, ...TERRITORY, '--out', join(dir, 'noise-out')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /noise\.csv: not a CSV file \(binary data\)/);
  });

  it('amounts beyond any PNRR project are rejected with a reason, negative amounts reported; the package validates', async () => {
    const input = await smallInput(join(dir, 'amounts'), 30, (rows) => {
      // 5·10^13 € = 5·10^15 cents each: two of them exceed 2^53 cents.
      rows[0]!['Finanziamento PNRR'] = '50000000000000.00';
      rows[1]!['Finanziamento PNRR'] = '50000000000000.00';
      rows[2]!['Finanziamento Totale'] = '99999999999999999999.00';
      rows[3]!['Finanziamento PNRR'] = '-1250.00';
    });
    const out = join(dir, 'amounts-out');
    const r = run(['build', ...input, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /projects\.csv: read 30 = kept 27 \+ rejected 3 \+ skipped 0/);
    assert.match(r.stdout, /rejected projects\.csv:2 amount-out-of-range: .*Finanziamento PNRR/);
    assert.match(r.stdout, /rejected projects\.csv:4 amount-out-of-range: .*Finanziamento Totale/);
    const quality = await readJson<Quality>(out, 'quality.json');
    assert.ok(quality.warnings.some((w) => w.line === 5 && w.reason === 'negative-amount'), JSON.stringify(quality.warnings));
    assert.match(r.stdout, /warnings: negative-amount 1/);
    assert.match(r.stderr, /warning: 1 negative amount kept as written/);
    assert.equal(run(['validate', out]).code, 0);
  });

  it('amounts each within the bound whose sum passes 2^53 cents: refused before anything is written', async () => {
    const input = await smallInput(join(dir, 'sum'), 400, (rows) => {
      for (const r of rows) r['Finanziamento PNRR'] = r['Finanziamento Totale'] = '240000000000.00'; // €240 bn each
    });
    const r = run(['build', ...input, '--out', join(dir, 'sum-out')]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /amounts add up beyond 2\^53 cents/);
    assert.ok(!(await readdir(dir)).includes('sum-out'));
  });

  it('__proto__ and constructor CUPs are rejected with a reason, not skipped silently', async () => {
    const input = await smallInput(join(dir, 'proto'), 5, (rows) => {
      rows[0]!['CUP'] = '__proto__';
      rows[1]!['CUP'] = 'constructor';
      rows[2]!['Codice Locale Progetto'] = 'hasOwnProperty';
    });
    const out = join(dir, 'proto-out');
    const r = run(['build', ...input, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /projects\.csv: read 5 = kept 3 \+ rejected 2 \+ skipped 0/);
    assert.match(r.stdout, /rejected projects\.csv:2 missing-key: CUP "__proto__" is not a CUP/);
    assert.match(r.stdout, /rejected projects\.csv:3 missing-key: CUP "constructor" is not a CUP/);
    const shardFiles = (await readdir(join(out, 'projects'))).length;
    // Three projects: one shard (the count grows with the package, see shardCount).
    assert.equal(shardFiles, 1);
    // A file named like an Object.prototype member is still "not listed in checksums.json".
    await writeFile(join(out, 'constructor'), 'x');
    const v = run(['validate', out]);
    assert.equal(v.code, 1);
    assert.match(v.stderr, /constructor: file not listed in checksums\.json/);
  });

  it('terminal output carries no control characters from data or file names (build, validate, summary)', async () => {
    const evil = '\u001b[2J\u001b]0;pwned\u0007\u202eRED\u009b31m';
    const input = await smallInput(join(dir, 'ctl'), 10, (rows) => {
      rows[0]!['Titolo progetto'] = `Titolo ${evil} fine`;
      rows[1]!['Finanziamento PNRR'] = `12${evil}`;
      rows[2]!['CUP'] = `X${evil}`;
    });
    const named = join(dir, 'ctl', `progetti${evil}.csv`);
    await cp(input[1]!, named);
    input[1] = named;
    const out = join(dir, 'ctl-out');
    const build = run(['build', ...input, '--out', out]);
    assert.equal(build.code, 0, build.stderr);
    const quality = await readJson<Quality>(out, 'quality.json');
    assert.ok(quality.warnings.some((w) => w.detail.includes('\u001b')), 'the data keep the raw text; only the terminal is protected');
    assert.match(build.stdout, /rejected progetti.*\.csv:4 missing-key: CUP "X.*RED/);
    await writeFile(join(out, `evil${evil}.json`), '{}');
    const validate = run(['validate', out]);
    assert.equal(validate.code, 1);
    assert.match(validate.stderr, /evil.*RED.*\.json: file not listed in checksums\.json/);
    const place = await findPlaceOfTitle(out, 'Titolo');
    const summary = run(['summary', '--dir', out, '--comune', place]);
    assert.equal(summary.code, 0, summary.stderr);
    assert.match(summary.stdout, /Titolo .*RED.* fine/);
    for (const r of [build, validate, summary]) {
      for (const text of [r.stdout, r.stderr]) {
        // eslint-disable-next-line no-control-regex
        assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, JSON.stringify(text.slice(0, 400)));
      }
    }
  });
});

/** The comune of the first project whose title contains `needle` (lists of 6-digit comune keys). */
async function findPlaceOfTitle(dir: string, needle: string): Promise<string> {
  const item = (await readListItems(dir, '09')).find((i) => i.title.includes(needle))!;
  return item.places.find((p) => !p.endsWith('000'))!;
}

describe('first run: the README example', () => {
  it('runs as written with the repository files and produces the embedded package byte for byte', async () => {
    const readme = await readFile(join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Data team'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const commands = block.replace(/\\\n\s*/g, ' ').trim().split('\n').map((l) => l.trim().split(/\s+/));
    assert.deepEqual(commands.map((c) => c.slice(0, 3).join(' ')), ['npx pnrr-toscana build', 'npx pnrr-toscana validate', 'npx pnrr-toscana summary']);
    const parent = await tempDir('readme');
    const out = join(parent, 'pacchetto');
    const swap = (args: string[]): string[] => args.map((a) => (a === './pacchetto' ? out : a));
    for (const [, , ...args] of commands) {
      const r = run(swap(args), REPO);
      assert.equal(r.code, 0, `${args.join(' ')}\n${r.stderr}`);
      assert.equal(r.stderr, '', 'no warning for the README example');
    }
    await assertIdentical(out, await snapshot(EMBEDDED), 'README example = embedded package');
  });

  it('warns when no localisation file has rows outside the region (amounts would all land inside)', async () => {
    const out = join(await tempDir('no-fuori'), 'pkg');
    const r = run(['build', '--projects', PROJECTS, '--localisations', LOC, ...TERRITORY, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: no localisation file has a row outside region 09/);
    assert.match(r.stderr, /localizzazioni_validate_fuori_toscana\.csv|\*_fuori_\*/);
    const quality = await readJson<Quality>(out, 'quality.json');
    assert.ok(quality.warnings.some((w) => w.reason === 'no-outside-localisations'));
  });

  it('takes the reference date from the source manifest next to the files (no --reference-date needed)', async () => {
    const pkg = JSON.parse(await readFile(join(SDK_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.doesNotMatch(pkg.scripts['data']!, /--reference-date/);
    const out = join(await tempDir('refdate'), 'pkg');
    const r = run(['build', ...FULL, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const manifest = await readJson<Manifest>(out, 'manifest.json');
    assert.equal(manifest.referenceDate, '2023-03-01');
    // The same files copied away from their manifest.json: the latest Data aggiornamento, as documented.
    const bare = await tempDir('refdate-bare');
    for (const f of [PROJECTS, LOC, LOC_OUT]) await cp(f, join(bare, f.slice(dirname(f).length + 1)));
    const r2 = run(['build', '--projects', join(bare, 'progetti_validati_toscana.csv'), '--localisations', join(bare, 'localizzazioni_validate_toscana.csv'),
      '--localisations', join(bare, 'localizzazioni_validate_fuori_toscana.csv'), ...TERRITORY, '--out', join(bare, 'out')]);
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal((await readJson<Manifest>(join(bare, 'out'), 'manifest.json')).referenceDate, '2023-02-28');
  });
});
