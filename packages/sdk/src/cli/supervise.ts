/**
 * `build` and `update` run in a child process with a bounded JavaScript heap, watched by the command
 * the user started.
 *
 * Why a child: Node's heap limit can only be set when a process starts (`--max-old-space-size`), and
 * with its default limit (~4 GB here) V8 lets garbage pile up long after the live data stops
 * growing: a national `--region all` build peaked at 791 MB of RSS with the default limit and at
 * 375 MB with a 256 MB heap, with the same output (docs/benchmarks.md). The child gets
 * `HEAP_LIMIT_MB` unless the user chose a limit (`node --max-old-space-size=…` or `NODE_OPTIONS`).
 *
 * Why a watcher: a process that reaches its heap limit is aborted by V8 — no `finally`, no clean-up —
 * and one killed by the system (SIGKILL) neither. The watcher then removes the temporary folders the
 * child left next to `--out` and says what happened and how to allow more memory, instead of a V8
 * stack dump and a stray `.NAME.building-…` folder.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:os';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { removeCreatedParents } from '../ingest/write/out-dir.js';

/**
 * The JavaScript heap limit (old space, MB) of `build` and `update`. A national `--region all` build
 * (301,930 projects) needs about 230 MB of live data at its peak; the limit leaves room for that and
 * keeps the process's peak RSS within the 512 MB of issue #11 (measured: docs/benchmarks.md).
 */
export const HEAP_LIMIT_MB = 320;

/** Set in the child's environment, so the child runs the command instead of supervising again. */
const SUPERVISED = 'PNRR_TOSCANA_SUPERVISED';

/** The commands that read whole releases and run under a watcher. */
const SUPERVISED_COMMANDS = new Set(['build', 'update']);

const HEAP_FLAG = /^--max[-_]old[-_]space[-_]size=(\d+)$/;

/** The heap limit (MB) in a list of Node options, or undefined. */
function heapLimitIn(options: readonly string[]): number | undefined {
  for (const option of options) {
    const match = HEAP_FLAG.exec(option);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** The heap limit (MB) this process was given, on its command line or in NODE_OPTIONS; undefined: Node's default. */
export const givenHeapLimit = (): number | undefined =>
  heapLimitIn(process.execArgv) ?? heapLimitIn((process.env['NODE_OPTIONS'] ?? '').split(/\s+/));

/** True when `argv` (the arguments after the script) is a command that should run under a watcher. */
export function needsSupervisor(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return SUPERVISED_COMMANDS.has(argv[0] ?? '') && env[SUPERVISED] !== '1';
}

/** The value of `--out` in the command's arguments (`--out DIR` or `--out=DIR`), resolved; undefined when absent. */
function outOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (arg === '--out' && i + 1 < argv.length) return resolve(argv[i + 1]!);
    if (arg.startsWith('--out=')) return resolve(arg.slice('--out='.length));
  }
  return undefined;
}

/** Names of the folders next to `out` that `build`/`update` write while they run (see ingest/write/out-dir.ts, release/update.ts). */
async function tempSiblings(out: string): Promise<Set<string>> {
  const prefix = `.${basename(out)}.`;
  const temp = /^(building|updating|previous)-[0-9a-f]{12}$/;
  try {
    return new Set((await readdir(dirname(out))).filter((name) => name.startsWith(prefix) && temp.test(name.slice(prefix.length))));
  } catch {
    return new Set(); // the parent folder does not exist (yet)
  }
}

/** The outermost missing folder of `dir` and its parents: the first one a build would create. */
async function outermostMissing(dir: string): Promise<string | undefined> {
  let missing: string | undefined;
  for (let folder = dir; ; folder = dirname(folder)) {
    try {
      await stat(folder);
      return missing;
    } catch {
      missing = folder;
    }
    if (dirname(folder) === folder) return missing;
  }
}

/**
 * After a child that died without cleaning up: removes the temporary folders that appeared next to
 * `out` while it ran and the parent folders it created. A `.previous-…` folder holds the user's
 * previous package while the new one is moved in: it is put back when `out` is missing, else left
 * alone. Returns what happened to `out`, for the message.
 */
async function cleanUp(out: string, before: Set<string>, created: string | undefined): Promise<string> {
  const previous: string[] = [];
  for (const name of await tempSiblings(out)) {
    if (before.has(name)) continue;
    if (name.includes('.previous-')) previous.push(join(dirname(out), name));
    else await rm(join(dirname(out), name), { recursive: true, force: true });
  }
  await removeCreatedParents(dirname(out), created);
  if (previous.length === 0) return `${out} was left as it was and the temporary folders were removed`;
  if (previous.length === 1 && !(await exists(out))) {
    await rename(previous[0]!, out);
    return `it stopped while replacing ${out}: the previous package was put back`;
  }
  return `it stopped while replacing ${out}: the previous package is in ${previous.join(', ')}`;
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/**
 * Runs `script argv…` in a child process with the heap limit, forwards SIGINT and SIGTERM to it, and
 * returns its exit code. When the child dies without exiting (out of memory, killed), removes the
 * temporary folders it left next to `--out` (only those that appeared while it ran; never a
 * `.previous-…` folder, which may hold the user's previous package) and the parent folders it
 * created, prints why it stopped, and returns 1 (out of memory) or 128 + the signal's number.
 */
export async function supervise(script: string, argv: readonly string[], printError: (text: string) => void): Promise<number> {
  const userLimit = givenHeapLimit();
  const limit = userLimit ?? HEAP_LIMIT_MB;
  const out = outOf(argv);
  const before = out ? await tempSiblings(out) : new Set<string>();
  const created = out ? await outermostMissing(dirname(out)) : undefined;

  const child = spawn(process.execPath, [...(userLimit ? [] : [`--max-old-space-size=${HEAP_LIMIT_MB}`]), ...process.execArgv, script, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, [SUPERVISED]: '1' },
  });
  // Ctrl-C in a terminal reaches both processes; a signal sent to this one alone is passed on, and the
  // child decides (it stops cleanly, exit 130/143). This process waits for it either way.
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  let code: number | null;
  let signal: NodeJS.Signals | null;
  try {
    [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
  if (code !== null) return code;

  const command = argv[0]!;
  const where = out ? await cleanUp(out, before, created) : 'nothing was written';
  if (signal === 'SIGABRT') {
    printError(
      `pnrr-toscana: ${command} ran out of memory (JavaScript heap limit ${limit} MB); ${where}. ` +
        `To allow more: NODE_OPTIONS=--max-old-space-size=${limit * 4} pnrr-toscana ${command} …\n`,
    );
    return 1;
  }
  printError(`pnrr-toscana: ${command} was stopped by ${signal ?? 'an unknown signal'}${signal === 'SIGKILL' ? ' (possibly by the system, out of memory)' : ''}; ${where}\n`);
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}
