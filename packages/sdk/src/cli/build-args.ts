/**
 * The flags of `pnrr-toscana build`: parsed, checked for presence, turned into
 * `BuildOptions` (paths made absolute). The values themselves (region and date
 * formats) are checked by `buildPackage`, for every caller.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BuildOptions, BuildPhase } from '../ingest/build.js';
import { UsageError, usage } from './usage.js';

/** The flags `build` accepts (node:util parseArgs). */
const BUILD_OPTIONS = {
  projects: { type: 'string', multiple: true },
  localisations: { type: 'string', multiple: true },
  payments: { type: 'string', multiple: true },
  awardees: { type: 'string', multiple: true },
  indicators: { type: 'string', multiple: true },
  region: { type: 'string' },
  boundaries: { type: 'string' },
  population: { type: 'string' },
  out: { type: 'string' },
  'generated-at': { type: 'string' },
  'reference-date': { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * The build options of the command line `args`, or null when `--help` was asked.
 *
 * @throws UsageError on an unknown flag, a flag without its value, or a required flag missing.
 */
export function parseBuildArgs(args: string[]): Omit<BuildOptions, 'signal' | 'onPhase'> | null {
  const { values } = usage(() => parseArgs({ args, options: BUILD_OPTIONS, strict: true }));
  if (values.help) return null;
  const missing = (['projects', 'localisations', 'region', 'boundaries', 'population', 'out'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) throw new UsageError(`build: missing required option${missing.length > 1 ? 's' : ''} ${missing.map((m) => `--${m}`).join(', ')}`);
  return {
    projects: values.projects!.map((p) => resolve(p)),
    localisations: values.localisations!.map((p) => resolve(p)),
    payments: (values.payments ?? []).map((p) => resolve(p)),
    awardees: (values.awardees ?? []).map((p) => resolve(p)),
    indicators: (values.indicators ?? []).map((p) => resolve(p)),
    region: values.region!,
    boundaries: resolve(values.boundaries!),
    population: resolve(values.population!),
    out: resolve(values.out!),
    ...(values['generated-at'] !== undefined ? { generatedAt: values['generated-at'] } : {}),
    ...(values['reference-date'] !== undefined ? { referenceDate: values['reference-date'] } : {}),
    force: values.force === true,
  };
}

/** The line printed as the build enters a phase. */
export const phaseText = (p: BuildPhase): string =>
  p.phase === 'reading' ? 'reading the sources'
    : p.phase === 'writing' ? `writing ${p.files} files into the temporary folder ${p.staging}`
      : p.phase === 'validating' ? 'validating the new package'
        : 'moving the new package into place';

