// Runs the test suites of `npm test` one after the other and reports them so that a failure cannot
// scroll by unseen: each suite's output streams as it comes, a one-line count follows each suite,
// then every failure is printed again in full in one block, then the counts per suite, and the last
// line is the total: `N passed, N failed` (`, N skipped` when some were skipped).
//
// A suite is { label, command: [cmd, ...args], cwd, kind: 'node' | 'browser', env? }. Node suites
// are read from node's test runner output; browser suites write {passed, failed, skipped, failures}
// to the JSON file named by $PNRR_TEST_RESULTS (countingReporter() in wtr-shared.mjs).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeCounts, nodeFailures, stripAnsi, tail } from './test-output.mjs';

/**
 * Colours only for a terminal. The children always write into a pipe (ours), so they are told:
 * NO_COLOR and FORCE_COLOR=0 when our output is a file or a pipe (libraries differ in which one they
 * read), FORCE_COLOR=1 when it is a terminal.
 */
export function colourEnv(plain) {
  return plain ? { NO_COLOR: '1', FORCE_COLOR: '0' } : { FORCE_COLOR: '1' };
}

/** Passes a child's output on; when `plain`, line by line with any ANSI code removed. */
function forwarder(stream, plain) {
  let pending = '';
  return {
    write(chunk) {
      if (!plain) return void stream.write(chunk);
      pending += chunk;
      const end = pending.lastIndexOf('\n');
      if (end < 0) return;
      stream.write(stripAnsi(pending.slice(0, end + 1)));
      pending = pending.slice(end + 1);
    },
    flush() {
      if (pending) stream.write(stripAnsi(pending) + '\n');
      pending = '';
    },
  };
}

function runOne(suite, plain, resultsFile) {
  return new Promise((resolve) => {
    const [cmd, ...args] = suite.command;
    const child = spawn(cmd, args, {
      cwd: suite.cwd,
      env: { ...process.env, ...suite.env, ...colourEnv(plain), PNRR_TEST_RESULTS: resultsFile },
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    let out = '';
    const stdout = forwarder(process.stdout, plain);
    const stderr = forwarder(process.stderr, plain);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      stdout.write(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      stderr.write(chunk);
    });
    child.on('error', (error) => (out += `\n${error.message}\n`));
    child.on('close', (code) => {
      stdout.flush();
      stderr.flush();
      resolve({ code: code ?? 1, out });
    });
  });
}

/** Counts and failures of one finished suite. */
function readSuite(suite, { code, out }, resultsFile) {
  let result = { passed: 0, failed: 0, skipped: 0, failures: [] };
  if (suite.kind === 'node') result = { ...nodeCounts(out), failures: nodeFailures(out) };
  else if (existsSync(resultsFile)) result = { failures: [], ...JSON.parse(readFileSync(resultsFile, 'utf8')) };
  // A suite that ended badly without naming a failure (it crashed, or did not start) counts as one,
  // shown with the last lines it printed.
  if (code !== 0 && result.failed === 0) result.failed = 1;
  if (result.failed > 0 && result.failures.length === 0) {
    result.failures.push({ name: `the suite ended with exit code ${code}; its last lines`, details: tail(out) });
  }
  return result;
}

const counts = ({ passed, failed, skipped }) => `${passed} passed, ${failed} failed, ${skipped} skipped`;
const indent = (text) => text.replace(/^(?=.)/gm, '    ');

/**
 * Runs `suites` in order and prints the report; resolves with the totals. `plain` (default: stdout
 * is not a terminal) removes every ANSI code from what is printed.
 */
export async function runSuites(suites, { plain = !process.stdout.isTTY || Boolean(process.env.NO_COLOR) } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pnrr-test-results-'));
  const results = [];
  try {
    for (const [index, suite] of suites.entries()) {
      console.log(`\n=== ${suite.label} ===`);
      const resultsFile = join(dir, `${index}.json`);
      const started = Date.now();
      const result = readSuite(suite, await runOne(suite, plain, resultsFile), resultsFile);
      results.push({ suite, result });
      console.log(`--- ${suite.label}: ${counts(result)} (${Math.round((Date.now() - started) / 1000)} s)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const failed = results.filter(({ result }) => result.failures.length > 0);
  if (failed.length > 0) {
    console.log(`\n=== Failures ===`);
    for (const { suite, result } of failed) {
      console.log(`\n--- ${suite.label}: ${result.failed} failed ---`);
      for (const failure of result.failures) {
        const text = `\n✖ ${failure.name}\n${indent(failure.details)}`;
        console.log(plain ? stripAnsi(text) : text);
      }
    }
  }
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const { result } of results) for (const key of Object.keys(totals)) totals[key] += result[key];
  console.log(`\n=== Totals ===`);
  for (const { suite, result } of results) console.log(`${suite.label}: ${counts(result)}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  return totals;
}
