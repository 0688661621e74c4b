// Shared bits of the benchmarks: repository paths, statistics, formatting, and running a
// script in a child process that reports one JSON line (so each measurement has its own heap/RSS).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SDK = join(ROOT, 'packages', 'sdk');
export const SOURCES = join(ROOT, 'data', 'sources');
export const EMBEDDED = join(SDK, 'data', 'toscana');

/** Fails early with a clear message when the SDK has not been built. */
export function requireBuiltSdk() {
  const entry = join(SDK, 'dist', 'ingest', 'index.js');
  if (!existsSync(entry)) {
    console.error(`${entry} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

export const median = (xs) => quantile(xs, 0.5);
export const p95 = (xs) => quantile(xs, 0.95);

/** Nearest-rank quantile: an observed value, not an interpolation. */
export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const MB = 1024 * 1024;
export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const fmtInt = (n) => Math.round(n).toLocaleString('en-US');

/**
 * Reads `--name value` / `--name=value` from argv (node:util parseArgs, as the SDK's CLI does);
 * the default when absent. Unknown options are left to the script that owns them.
 */
export function flag(argv, name, fallback) {
  const { values } = parseArgs({ args: argv, options: { [name]: { type: 'string' } }, strict: false, allowPositionals: true });
  const value = values[name];
  return typeof value === 'string' ? value : fallback;
}

/**
 * Runs `node [nodeArgs…] script args…`; stderr is passed through, stdout's last line is parsed as JSON.
 * Rejects on a non-zero exit.
 */
export function runJsonChild(script, args = [], { cwd = ROOT, nodeArgs = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with code ${code}`));
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`${script}: no JSON result on stdout (got: ${last.slice(0, 200)})`));
      }
    });
  });
}
