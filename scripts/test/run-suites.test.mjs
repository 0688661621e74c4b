// The report of `npm test` (scripts/run-suites.mjs), on fixture suites: a node:test file with every
// outcome, a browser-like suite with a long coloured log and a failure, and a suite that crashes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nodeCounts, nodeFailures, stripAnsi } from '../test-output.mjs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Runs `node args…` in the fixtures folder with its output into pipes (not a terminal). */
function node(...args) {
  // As a clean shell would have it: no colour settings, and not inside this test run (node's test
  // runner tells its subprocesses they are its children through NODE_TEST_CONTEXT).
  const env = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_TEST_CONTEXT']) delete env[name];
  const result = spawnSync(process.execPath, args, { cwd: FIXTURES, encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const run = node('drive.mjs');
const lines = run.stdout.trimEnd().split('\n');
const block = (from, to) => run.stdout.slice(run.stdout.indexOf(from), to ? run.stdout.indexOf(to) : undefined);

test('the last line is the total, exactly: passed, failed, skipped', () => {
  // mixed.fixture.mjs: 2 passed, 1 failed, 1 skipped + 1 todo; fake browser: 3 passed, 1 failed; crash: 1 failed.
  assert.equal(lines.at(-1), '5 passed, 3 failed, 2 skipped');
  assert.equal(run.code, 1);
});

test('no ANSI code reaches a pipe, from any suite or from the report', () => {
  assert.equal(run.stdout.includes('\x1b'), false, 'stdout');
  assert.equal(run.stderr.includes('\x1b'), false, 'stderr');
  assert.match(run.stdout, /^✓ noise line 300$/m, 'the log is passed on, without its colours');
});

test('every child is told not to colour: NO_COLOR=1 and FORCE_COLOR=0', () => {
  assert.match(run.stdout, /colour settings seen: NO_COLOR=1 FORCE_COLOR=0/);
});

test('a count line after each suite, the failures again in one block after all the logs, then the counts per suite', () => {
  for (const line of ['--- Fixture (Node): 2 passed, 1 failed, 2 skipped', '--- Fixture (Chromium): 3 passed, 1 failed, 0 skipped', '--- Fixture (crash): 0 passed, 1 failed, 0 skipped']) {
    assert.ok(lines.some((l) => l.startsWith(`${line} (`)), line);
  }
  const failures = run.stdout.indexOf('\n=== Failures ===');
  const totals = run.stdout.indexOf('\n=== Totals ===');
  assert.ok(failures > run.stdout.indexOf('noise line 300'), 'the failures come after the logs');
  assert.ok(totals > failures, 'and before the totals');
  assert.deepEqual(lines.slice(-4), [
    'Fixture (Node): 2 passed, 1 failed, 2 skipped',
    'Fixture (Chromium): 3 passed, 1 failed, 0 skipped',
    'Fixture (crash): 0 passed, 1 failed, 0 skipped',
    '5 passed, 3 failed, 2 skipped',
  ]);
});

test('each failure in full: its suite, its name, the assertion with expected and actual, the stack', () => {
  const failures = block('\n=== Failures ===', '\n=== Totals ===');
  assert.match(failures, /--- Fixture \(Node\): 1 failed ---\n\n✖ fixture suite › fails with a diff\n/);
  assert.match(failures, /the amounts differ/);
  assert.match(failures, /total: 222485840/);
  assert.match(failures, /total: 222485841/);
  assert.match(failures, /mixed\.fixture\.mjs:10:12/, 'the stack');
  assert.doesNotMatch(failures, /failing todo|is skipped|passes/, 'only failures');
  assert.match(failures, /--- Fixture \(Chromium\): 1 failed ---\n\n✖ test\/card\.test\.ts › <pnrr-project-card> › shows the amount \[Chromium\]\n {4}AssertionError: expected '222\.485\.840 €' to equal '1 €'\n {8}at card\.test\.ts:40:5/);
  // A suite that died without reporting a failure: one failure, with the last lines it printed.
  assert.match(failures, /--- Fixture \(crash\): 1 failed ---\n\n✖ the suite ended with exit code 3; its last lines\n {4}starting the browser…\n {4}Error: the browser could not be started \(boom\)/);
});

test("node's test runner is read the same from its TAP and its spec reporter", () => {
  const tap = node('--test', '--test-reporter=tap', 'mixed.fixture.mjs').stdout;
  const spec = node('--test', '--test-reporter=spec', 'mixed.fixture.mjs').stdout;
  assert.deepEqual(nodeCounts(tap), { passed: 2, failed: 1, skipped: 2 });
  assert.deepEqual(nodeCounts(spec), nodeCounts(tap));
  const [fromTap] = nodeFailures(tap);
  const [fromSpec, ...more] = nodeFailures(spec);
  assert.deepEqual(more, []);
  assert.equal(fromTap.name, 'fixture suite › fails with a diff');
  assert.equal(fromSpec.name, 'fails with a diff'); // spec names the test only
  for (const details of [fromTap.details, fromSpec.details]) assert.match(details, /the amounts differ[\s\S]*\+ +total: 222485840\n *- +total: 222485841/);
});

test('stripAnsi removes colours, cursor moves and OSC links, and nothing else', () => {
  assert.equal(stripAnsi('\x1b[1m\x1b[36mtest/map.test.ts\x1b[39m\x1b[22m: \x1b[2K\x1b[1A\x1b[Gok \x1b]8;;https://x.it\x07link\x1b]8;;\x07 €'), 'test/map.test.ts: ok link €');
});
