/**
 * `pnrr-toscana diff`: two packages built from the 2023 project list and from a copy changed in
 * the test from real rows — one project removed, one added (a real row under a new CUP), one
 * amount raised, one title made hostile — give exactly those changes, and totals whose deltas
 * reconcile to the cent; the terminal table neutralises control characters, bidi overrides and
 * spreadsheet formulas in titles.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildPackage } from '../../src/ingest/build.js';
import { diffPackages, type PackageDiff } from '../../src/release/diff.js';
import { SDK_DIR, V2023, tempDir, toscanaOptions } from './ingest-helpers.js';

const BIN = join(SDK_DIR, 'dist', 'cli', 'main.js');
type Row = Record<string, string>;

async function readRows(path: string): Promise<{ header: string[]; rows: Row[] }> {
  const records = parse(await readFile(path), { bom: true }) as string[][];
  const header = records[0]!;
  return { header, rows: records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))) };
}
const csvCell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const writeRows = (path: string, header: string[], rows: Row[]): Promise<void> =>
  writeFile(path, `${[header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((r) => r.map(csvCell).join(',')).join('\n')}\n`);

/** "47427.00" → 4742700, without floating point. */
const cents = (text: string): number => {
  const [int, dec = ''] = text.trim().split('.');
  return Number(int) * 100 + Number(dec.padEnd(2, '0').slice(0, 2));
};
const euros = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
const key = (r: Row): string => `${r['CUP']} ${r['Codice Locale Progetto']}`;

const HOSTILE = '=HYPERLINK("http://evil.example","clic")\u001b[2J\u001b]0;titolo\u0007\u202eotteg\u202c\u0085 ';
const ADDED_TITLE = '@SUM(1+1) progetto aggiunto \u2066nascosto\u2069';

describe('pnrr-toscana diff (2023 project list vs a copy changed from real rows)', () => {
  let oldDir: string;
  let newDir: string;
  let diff: PackageDiff;
  const picked: Record<'removed' | 'changed' | 'hostile' | 'template', Row> = {} as never;

  before(async () => {
    const work = await tempDir('diff');
    const projects = await readRows(join(V2023, 'progetti_validati_toscana.csv'));
    const loc = await readRows(join(V2023, 'localizzazioni_validate_toscana.csv'));
    const locOut = await readRows(join(V2023, 'localizzazioni_validate_fuori_toscana.csv'));
    // Projects with one CUP, one local code, one comune-level row in Tuscany and none outside: changes stay local.
    const count = new Map<string, number>();
    for (const r of [...loc.rows, ...locOut.rows]) count.set(key(r), (count.get(key(r)) ?? 0) + 1);
    const cupCount = new Map<string, number>();
    for (const r of projects.rows) cupCount.set(r['CUP']!, (cupCount.get(r['CUP']!) ?? 0) + 1);
    const simple = projects.rows.filter((r) => {
      const rows = loc.rows.filter((l) => key(l) === key(r));
      return cupCount.get(r['CUP']!) === 1 && count.get(key(r)) === 1 && rows.length === 1 && rows[0]!['Codice Comune'] !== '000' && cents(r['Finanziamento PNRR']!) > 0;
    });
    [picked.removed, picked.changed, picked.hostile, picked.template] = [simple[0]!, simple[100]!, simple[200]!, simple[300]!];

    const added: Row = { ...picked.template, CUP: 'Z99Z99000000001', 'Codice Locale Progetto': 'TEST-ADDED-1', 'Titolo progetto': ADDED_TITLE };
    const newProjects = projects.rows
      .filter((r) => r !== picked.removed)
      .map((r) => {
        if (r === picked.changed) {
          return { ...r, 'Finanziamento PNRR': euros(cents(r['Finanziamento PNRR']!) + 100000), 'Finanziamento Totale': euros(cents(r['Finanziamento Totale']!) + 100000) };
        }
        if (r === picked.hostile) return { ...r, 'Titolo progetto': `${HOSTILE}${r['Titolo progetto']}` };
        return r;
      });
    newProjects.push(added);
    const templateLoc = loc.rows.find((l) => key(l) === key(picked.template))!;
    const newLoc = [...loc.rows.filter((l) => key(l) !== key(picked.removed)), { ...templateLoc, CUP: 'Z99Z99000000001', 'Codice Locale Progetto': 'TEST-ADDED-1' }];
    const modified = join(work, 'modified');
    await mkdir(modified);
    await writeRows(join(modified, 'progetti_validati_toscana.csv'), projects.header, newProjects);
    await writeRows(join(modified, 'localizzazioni_validate_toscana.csv'), loc.header, newLoc);

    oldDir = join(work, 'old');
    newDir = join(work, 'new');
    await buildPackage({ ...toscanaOptions(oldDir), referenceDate: '2023-03-01' });
    const base = toscanaOptions(newDir);
    await buildPackage({
      ...base,
      projects: [join(modified, 'progetti_validati_toscana.csv')],
      localisations: [join(modified, 'localizzazioni_validate_toscana.csv'), base.localisations[1]!],
      referenceDate: '2023-03-01',
    });
    diff = await diffPackages(oldDir, newDir);
  });

  it('finds exactly the project removed, the one added and the two changed', () => {
    const keyOf = (p: { cup: string; localCode: string }): string => `${p.cup} ${p.localCode}`;
    assert.deepEqual(diff.projects.removed.map(keyOf), [key(picked.removed)]);
    assert.deepEqual(diff.projects.added.map(keyOf), ['Z99Z99000000001 TEST-ADDED-1']);
    assert.deepEqual(diff.projects.changed.map(keyOf).sort(), [key(picked.changed), key(picked.hostile)].sort());

    assert.equal(diff.projects.removed[0]!.pnrrCents, cents(picked.removed['Finanziamento PNRR']!));
    assert.equal(diff.projects.added[0]!.pnrrCents, cents(picked.template['Finanziamento PNRR']!));
    assert.equal(diff.projects.added[0]!.title, ADDED_TITLE);
    const amount = diff.projects.changed.find((c) => c.cup === picked.changed['CUP'])!;
    assert.deepEqual(amount.changes, {
      pnrrCents: { old: cents(picked.changed['Finanziamento PNRR']!), new: cents(picked.changed['Finanziamento PNRR']!) + 100000, delta: 100000 },
      totalCents: { old: cents(picked.changed['Finanziamento Totale']!), new: cents(picked.changed['Finanziamento Totale']!) + 100000, delta: 100000 },
    });
    const title = diff.projects.changed.find((c) => c.cup === picked.hostile['CUP'])!;
    assert.deepEqual(Object.keys(title.changes), ['title']);
  });

  it('totals: the deltas reconcile to the cent (projects = touching; missions = comuni + buckets = inside)', () => {
    const t = diff.totals;
    const expected = cents(picked.template['Finanziamento PNRR']!) - cents(picked.removed['Finanziamento PNRR']!) + 100000;
    assert.equal(t.touching.pnrrCents.delta, expected);
    assert.equal(t.projects.delta, 0);
    const sum = (rows: { pnrrCents: { delta: number }; totalCents: { delta: number } }[], f: 'pnrrCents' | 'totalCents'): number => rows.reduce((s, r) => s + r[f].delta, 0);
    const projectSum = (f: 'pnrrCents' | 'totalCents'): number =>
      diff.projects.added.reduce((s, p) => s + p[f], 0) - diff.projects.removed.reduce((s, p) => s + p[f], 0) + diff.projects.changed.reduce((s, c) => s + (c.changes[f]?.delta ?? 0), 0);
    for (const f of ['pnrrCents', 'totalCents'] as const) {
      assert.equal(projectSum(f), t.touching[f].delta, `${f}: projects = touching`);
      assert.equal(sum(diff.byMission, f), t.inside[f].delta, `${f}: missions = inside`);
      assert.equal(sum(diff.byComune, f), t.inside[f].delta, `${f}: comuni + buckets = inside`);
    }
    // These projects are localised wholly inside Tuscany, in one comune each: inside moves as touching does.
    assert.equal(t.inside.pnrrCents.delta, expected);
    assert.ok(diff.byComune.length >= 1 && diff.byComune.length <= 3, `${diff.byComune.length} comuni changed`);
    assert.ok(diff.byComune.every((g) => g.kind === 'comune'));
  });

  it('the terminal table neutralises control characters, bidi overrides and formulas; numbers in Italian', () => {
    const r = spawnSync(process.execPath, [BIN, 'diff', oldDir, newDir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    assert.match(r.stdout, /Progetti nuovi: 1\n/);
    assert.match(r.stdout, /Progetti rimossi: 1\n/);
    assert.match(r.stdout, /Progetti modificati: 2\n/);
    assert.match(r.stdout, /'=HYPERLINK\("http:\/\/evil\.example","clic"\)\[2J\]0;titolo/);
    assert.match(r.stdout, /'@SUM\(1\+1\) progetto aggiunto nascosto/);
    assert.match(r.stdout, /PNRR \+1\.000,00 €; totale \+1\.000,00 €/);
    assert.match(r.stdout, /progetti\s+2\.770\s+2\.770\s+0\n/);
  });

  it('--json prints the documented shape, control characters escaped', () => {
    const r = spawnSync(process.execPath, [BIN, 'diff', oldDir, newDir, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    assert.deepEqual(JSON.parse(r.stdout), JSON.parse(JSON.stringify(diff)));
    assert.deepEqual(Object.keys(JSON.parse(r.stdout) as object), ['region', 'old', 'new', 'projects', 'totals', 'byMission', 'byComune']);
  });

  it('a folder that is not a package: exit 1, one line', async () => {
    const empty = await tempDir('diff-empty');
    const r = spawnSync(process.execPath, [BIN, 'diff', oldDir, empty], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^pnrr-toscana: diff: cannot read the packages: /);
  });
});
