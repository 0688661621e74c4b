// Shared web-test-runner setup for every package: Debian Chromium, TypeScript through esbuild,
// and a reporter that records the counts for the root test script (scripts/run.mjs).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

function countTests(suite, counts) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites ?? []) countTests(child, counts);
}

/** Writes {passed, failed, skipped} to $PNRR_TEST_RESULTS (a JSON file) when the run ends. */
export function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        countTests(session.testResults, counts);
        // A test file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.failed++;
      }
      const out = process.env.PNRR_TEST_RESULTS;
      if (out) writeFileSync(out, JSON.stringify(counts));
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
