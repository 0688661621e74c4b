// Reading what the test runners print, for the root test command (run-suites.mjs): node's test
// runner (TAP when its output is a pipe on Node 20, spec on Node >= 22) and any stray ANSI codes.

/** Removes ANSI escape sequences (colours, cursor moves, OSC titles and links). */
export function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g, '');
}

/** Totals of node's test runner from its spec (`ℹ pass 3`) or TAP (`# pass 3`) summary. */
export function nodeCounts(out) {
  const count = (word) => Number(out.match(new RegExp(`^(?:ℹ|#) ${word} (\\d+)\\s*$`, 'm'))?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
}

/**
 * The failed tests of a node test run, each as { name, details }: `name` is the path of suite and
 * test names, `details` the runner's full report of the failure (error, expected/actual, stack).
 */
export function nodeFailures(out) {
  const text = stripAnsi(out);
  const spec = text.indexOf('\n✖ failing tests:');
  return spec >= 0 ? specFailures(text.slice(spec + 1)) : tapFailures(text);
}

/** TAP: every `not ok` with its YAML block, except suites that only failed through their subtests. */
function tapFailures(text) {
  const lines = text.split(/\r?\n/);
  const names = [];
  const failures = [];
  for (let i = 0; i < lines.length; i++) {
    const subtest = /^( *)# Subtest: (.*)$/.exec(lines[i]);
    if (subtest) {
      names.length = subtest[1].length / 4;
      names.push(subtest[2]);
      continue;
    }
    const failed = /^( *)not ok \d+ - (.*?)(\s+# (TODO|SKIP)\b.*)?$/.exec(lines[i]);
    if (!failed) continue;
    const indent = failed[1];
    const block = [];
    if (lines[i + 1] === `${indent}  ---`) {
      for (i += 2; i < lines.length && lines[i] !== `${indent}  ...`; i++) block.push(lines[i].slice(indent.length + 2));
    }
    if (failed[4] === 'TODO') continue; // a failing todo test does not fail the run
    if (block.some((line) => line === "failureType: 'subtestsFailed'")) continue;
    const path = [...names.slice(0, indent.length / 4), failed[2]];
    failures.push({ name: path.join(' › '), details: block.filter((line) => !line.startsWith('duration_ms:')).join('\n') });
  }
  return failures;
}

/** Spec (Node >= 22): the "failing tests" section it prints after the run, one entry per `✖` line. */
function specFailures(section) {
  const lines = section.split(/\r?\n/).slice(1);
  const end = lines.findIndex((line) => /^ℹ tests \d+/.test(line));
  const failures = [];
  let current = null;
  for (const line of end >= 0 ? lines.slice(0, end) : lines) {
    // `✖ name (1.2ms)`; a failing todo test has its reason after it (`# later`) and is left out.
    const head = /^✖ (.*?)(?: \([\d.]+m?s\))?( # .*)?$/.exec(line);
    if (head) {
      current = head[2] ? null : { name: head[1], details: [] };
      if (current) failures.push(current);
    } else if (current && !/^test at /.test(line)) current.details.push(line.replace(/^ {2}/, ''));
  }
  return failures.map((f) => ({ name: f.name, details: f.details.join('\n').trim() }));
}

/** The last `n` non-empty lines of a suite's output: what a suite that crashed said last. */
export function tail(out, n = 30) {
  return stripAnsi(out)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(-n)
    .join('\n');
}
