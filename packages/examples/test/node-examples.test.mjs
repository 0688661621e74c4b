// Runs every Node example as its own process, the way the README says, and checks what it prints
// against the SDK's own answers (computed here, not copied from the output).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createClient } from '@pnrr-toscana/sdk';
import { EXAMPLES, ROOT } from './helpers.mjs';

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const euroCents = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat('it-IT');
const client = createClient();

/** `node packages/examples/node/<name> ...args` from the repository root; never rejects. */
function run(name, ...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [join('packages', 'examples', 'node', name), ...args], { cwd: ROOT, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The output line that starts with `start` (table rows start with their key). */
function lineOf(stdout, start) {
  const line = stdout.split('\n').find((l) => l.startsWith(start));
  assert.ok(line, `no line starting with ${start} in:\n${stdout}`);
  return line;
}

const EXAMPLE_FILES = readdirSync(join(EXAMPLES, 'node')).filter((f) => f.endsWith('.mjs') && f !== 'format.mjs');
const TESTED = ['spending-by-mission.mjs', 'comune-projects.mjs', 'per-capita-by-province.mjs', 'errors.mjs'];

test('every Node example has a test here and is explained in the README', () => {
  assert.deepEqual([...EXAMPLE_FILES].sort(), [...TESTED].sort());
  const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
  for (const file of EXAMPLE_FILES) assert.match(readme, new RegExp(`node packages/examples/node/${file}`), file);
});

test('spending-by-mission.mjs prints every mission with its attributed amount and the reconciled total', async () => {
  const [{ code, stdout, stderr }, rows, provenance] = await Promise.all([
    run('spending-by-mission.mjs'),
    client.spending({ groupBy: 'mission', metric: 'pnrr' }),
    client.provenance(),
  ]);
  assert.equal(code, 0, stderr);
  assert.ok(rows.some((r) => r.key === 'M2'));
  for (const row of rows) {
    const line = lineOf(stdout, row.key);
    assert.ok(line.includes(euro.format(row.value)), `${row.key}: ${line}`);
    assert.ok(line.includes(row.label), line);
  }
  assert.ok(stdout.includes(`Totale: ${euro.format(provenance.totals.inside.pnrrCents / 100)}`), stdout);
});

test('comune-projects.mjs 048017 prints Firenze, its project count and its ten largest projects in order', async () => {
  const [{ code, stdout, stderr }, page] = await Promise.all([
    run('comune-projects.mjs', '048017'),
    client.projects({ comune: '048017', sort: 'pnrr', limit: 10 }),
  ]);
  assert.equal(code, 0, stderr);
  assert.ok(stdout.startsWith(`Firenze (048017): ${integer.format(page.total)} progetti`), stdout);
  const cups = stdout
    .split('\n')
    .map((l) => l.match(/^([A-Z0-9]{15})\s/)?.[1])
    .filter(Boolean);
  assert.deepEqual(cups, page.items.map((i) => i.cup));
  assert.ok(lineOf(stdout, page.items[0].cup).endsWith(euro.format(page.items[0].pnrrCents / 100)));
});

test('comune-projects.mjs with a malformed code exits 1 naming the InvalidArgumentError', async () => {
  const { code, stderr } = await run('comune-projects.mjs', '48017');
  assert.equal(code, 1);
  assert.match(stderr, /InvalidArgumentError \(invalid-argument\): Invalid comune "48017"/);
});

test('per-capita-by-province.mjs prints each province with population and euro per inhabitant', async () => {
  const [{ code, stdout, stderr }, rows] = await Promise.all([
    run('per-capita-by-province.mjs'),
    client.spending({ groupBy: 'province', metric: 'pnrr', perCapita: 'istat2021' }),
  ]);
  assert.equal(code, 0, stderr);
  assert.equal(rows.filter((r) => r.kind === 'province').length, 10);
  for (const row of rows) {
    const line = lineOf(stdout, row.key);
    for (const part of [integer.format(row.population), euro.format(row.amount), euroCents.format(row.value)]) {
      assert.ok(line.includes(part), `${row.key}: ${part} not in ${line}`);
    }
  }
});

test('errors.mjs shows the error class, code and message of each mistake', async () => {
  const { code, stdout, stderr } = await run('errors.mjs');
  assert.equal(code, 0, stderr);
  const expected = [
    ["project('H91J1200077')", 'InvalidArgumentError', 'invalid-argument'],
    ["project('Z99Z99999999999')", 'NotFoundError', 'not-found'],
    ["projects({ comune: '48017' })", 'InvalidArgumentError', 'invalid-argument'],
    ["projects({ comune: '048999' })", 'NotFoundError', 'not-found'],
    ["spending({ groupBy: 'province', comune: '048017' })", 'InvalidArgumentError', 'invalid-argument'],
  ];
  for (const [call, name, errorCode] of expected) {
    const row = stdout.split('\n').find((l) => l.startsWith(call) && l.includes(name));
    assert.ok(row?.includes(errorCode), `${call}: ${row}`);
  }
  // The message printed is the SDK's own.
  const message = await client.project('Z99Z99999999999').catch((error) => error.message);
  assert.ok(stdout.includes(`→ ${message}`), stdout);
});
