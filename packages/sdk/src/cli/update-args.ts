/** The flags of `pnrr-toscana update`, parsed into `UpdateOptions`, and its progress lines. */
import { parseArgs } from 'node:util';
import type { UpdateOptions, UpdateStep } from '../release/update.js';
import { phaseText } from './build-args.js';
import { UsageError, usage } from './usage.js';

const UPDATE_OPTIONS = {
  config: { type: 'string' },
  out: { type: 'string' },
  cache: { type: 'string' },
  'release-date': { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The update options of the command line `args`, or null when `--help` was asked. */
export function parseUpdateArgs(args: string[]): Omit<UpdateOptions, 'signal' | 'onStep'> | null {
  const { values } = usage(() => parseArgs({ args, options: UPDATE_OPTIONS, strict: true }));
  if (values.help) return null;
  const missing = (['config', 'out'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) throw new UsageError(`update: missing required option${missing.length > 1 ? 's' : ''} ${missing.map((m) => `--${m}`).join(', ')}`);
  const count = (name: 'timeout' | 'retries', min: number, max: number): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`update: --${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  const timeout = count('timeout', 1, 3600);
  const retries = count('retries', 0, 10);
  return {
    config: values.config!,
    out: values.out!,
    ...(values.cache !== undefined ? { cache: values.cache } : {}),
    ...(values['release-date'] !== undefined ? { releaseDate: values['release-date'] } : {}),
    ...(timeout !== undefined ? { timeout: timeout * 1000 } : {}),
    ...(retries !== undefined ? { retries } : {}),
  };
}

/** The line printed for a step of the update. */
export const stepText = (s: UpdateStep): string =>
  s.step === 'download' ? `downloading ${s.file} from ${s.url}`
    : s.step === 'cached' ? `${s.file}: cached copy has the expected sha256, not downloaded again`
      : s.step === 'verified' ? `${s.file}: ${s.bytes} bytes, sha256 ${s.sha256}${s.layout ? `, layout ${s.layout}, ${s.rows} rows` : ''}`
        : s.step === 'pass-through' ? `${s.file}: role ${s.role} is not read by this version; recorded in releases.json only`
          : s.step === 'build' ? phaseText(s.phase)
            : `releases.json: ${s.count} release${s.count === 1 ? '' : 's'}`;
