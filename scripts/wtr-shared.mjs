// Shared web-test-runner setup for every package: Debian Chromium, TypeScript through esbuild,
// and a reporter that records the counts for the root test script (scripts/run.mjs).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { CHROME_FLAGS, findChrome } from './find-chrome.mjs';

export function chromium() {
  return chromeLauncher({
    launchOptions: {
      executablePath: findChrome(),
      headless: true,
      args: [...CHROME_FLAGS, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'pnrr-chrome-'))}`],
    },
  });
}

/** TypeScript through esbuild; `tsconfig` must itself hold the decorator settings (the plugin ignores `extends`). */
export function typescript(tsconfig) {
  return esbuildPlugin({ ts: true, target: 'es2022', tsconfig });
}

/** What a failed test's error says: message, expected and actual when the assertion gives them, stack. */
function describeError(error) {
  if (!error) return 'failed (no error reported)';
  const lines = [error.message ?? String(error)];
  if (error.expected !== undefined || error.actual !== undefined) lines.push(`expected: ${error.expected}`, `actual:   ${error.actual}`);
  if (error.stack && error.stack !== error.message) lines.push(error.stack);
  return lines.join('\n');
}

function collect(suite, path, browser, counts, failures) {
  if (!suite) return;
  const here = suite.name ? [...path, suite.name] : path;
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else {
      counts.failed++;
      failures.push({ name: `${[...here, test.name].join(' › ')} [${browser}]`, details: describeError(test.error) });
    }
  }
  for (const child of suite.suites ?? []) collect(child, here, browser, counts, failures);
}

/**
 * Writes {passed, failed, skipped, failures: [{ name, details }]} to $PNRR_TEST_RESULTS (a JSON
 * file) when the run ends: the root test command (scripts/run-suites.mjs) prints the failures again
 * at the end of `npm test`, in full.
 */
export function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const failures = [];
      for (const session of sessions) {
        const file = relative(process.cwd(), session.testFile);
        collect(session.testResults, [file], session.browser?.name ?? 'browser', counts, failures);
        // A test file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) {
          counts.failed++;
          failures.push({ name: `${file}: error outside the tests`, details: session.errors.map(describeError).join('\n\n') });
        }
      }
      const out = process.env.PNRR_TEST_RESULTS;
      if (out) writeFileSync(out, JSON.stringify({ ...counts, failures }));
    },
  };
}

export function reporters() {
  return [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()];
}

export const browserDefaults = {
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 20000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 180000,
};
