/**
 * Build a data package (directory) from the official CSVs of one release:
 * read → aggregate → write, then check and swap into place. Output is a pure
 * function of the inputs and options: no wall clock, no locale, fixed key
 * order, sorted arrays — a rerun is byte-identical.
 *
 *   read/       the CSVs, boundaries and population → `Sources`    (`readInputs`)
 *   aggregate/  `Sources` → `PackageContents`, in memory, no I/O    (`aggregate`)
 *   write/      `PackageContents` → files in a temporary folder     (`writePackage`)
 *   check/      the written folder against the schemas and sums     (`validatePackage`)
 */
import type { Manifest, Provenance, Quality } from '../schema/package.js';
import { InputError } from './errors.js';
import { readInputs } from './read/read-inputs.js';
import { aggregate } from './aggregate/aggregate.js';
import { fileCount, writePackage } from './write/write-package.js';
import { checkOutDir, createStaging, moveIntoPlace, removeStaging } from './write/out-dir.js';
import { validatePackage } from './check/validate.js';
import { join } from 'node:path';

/** The folder, inside the build's temporary folder, that holds the read rows until they are aggregated. */
const SPILL_FOLDER = '.spill';

export { bodyKey } from './aggregate/project-record.js';

/** Inputs of `buildPackage()`: paths of the official files (CSV, TopoJSON) and of the output directory. */
export interface BuildOptions {
  /** Project CSV files of the region (any recognised layout, see `LAYOUTS`). */
  projects: string[];
  /** Localisation CSV files: the region's and the `*_fuori_*` one, so equal splits count every region. */
  localisations: string[];
  /** Payment CSV files (optional: without them `Project.payments` is null). */
  payments?: string[];
  /**
   * Awardee files (optional): the 2025 `PNRR_Aggiudicatari_Gare`, the 2023 `Gare Aggiudicatari`
   * (validated or Universo) or the current `PNRR_Gare`; without them `Project.tenders` is null and
   * the package has no `awardees/` lists.
   */
  awardees?: string[];
  /** Target indicator files, `PNRR_Indicatori_Target` (optional: without them `Project.indicators` is null). */
  indicators?: string[];
  /** ISTAT region code, 2 digits ("09" Toscana), or "all": every region, an all-Italy package (region code "00", "Italia"). */
  region: string;
  /** TopoJSON of the region's comuni (copied into the package as boundaries.topo.json). */
  boundaries: string;
  /** CSV of the comuni's resident population (ISTAT 2021 and ANPR 2025). */
  population: string;
  /**
   * Output directory of the data package: absent, empty, or (with `force`) a package this tool
   * wrote and nobody changed. Anything else is refused; nothing in it is touched.
   */
  out: string;
  /** Replace the package already in `out` (only one this tool wrote, unchanged since). */
  force?: boolean;
  /** Stops the build (Ctrl-C): it throws the signal's reason and leaves `out` as it was. */
  signal?: AbortSignal;
  /** Called as the build enters each phase (the CLI prints them). */
  onPhase?: (phase: BuildPhase) => void;
  /** YYYY-MM-DD; default: the latest reference date of all sources. */
  generatedAt?: string;
  /** YYYY-MM-DD; overrides the reference date read from the project/localisation files. */
  referenceDate?: string;
  /**
   * Items per page of the project lists (default 200, `LIST_PAGE_SIZE`): a list longer than this is paged.
   * For tests, which page the Tuscan lists with a small size; the CLI does not offer it.
   * @internal
   */
  listPageSize?: number;
}

/** The phases of a build, in order; `files` is the number of files `writing` will write. */
export type BuildPhase =
  | { phase: 'reading' }
  | { phase: 'writing'; files: number; staging: string }
  | { phase: 'validating' }
  | { phase: 'replacing' };

/** What `buildPackage()` wrote. */
export interface BuildResult {
  /** The package's manifest.json. */
  manifest: Manifest;
  /** The package's provenance.json: its source files and reconciliation totals. */
  provenance: Provenance;
  /** The package's quality.json: rows read, kept, rejected and skipped, and why. */
  quality: Quality;
  /** Every written file (path relative to the package directory) with its size and sha256, as in checksums.json. */
  files: Map<string, { bytes: number; sha256: string }>;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The checks of `options` that need no file: region and date formats, at least one projects and localisations file. */
export function checkBuildOptions(options: BuildOptions): void {
  if (!/^\d{2}$/.test(options.region) && options.region !== 'all') throw new InputError(`--region must be a 2-digit ISTAT region code or "all", got "${options.region}"`);
  for (const [name, value] of [['--generated-at', options.generatedAt], ['--reference-date', options.referenceDate]] as const) {
    if (value !== undefined && !ISO.test(value)) throw new InputError(`${name} must be YYYY-MM-DD, got "${value}"`);
  }
  if (options.listPageSize !== undefined && !(Number.isSafeInteger(options.listPageSize) && options.listPageSize >= 1)) {
    throw new InputError(`listPageSize must be a positive integer, got ${String(options.listPageSize)}`);
  }
  if (options.projects.length === 0) throw new InputError('at least one --projects file is required');
  if (options.localisations.length === 0) throw new InputError('at least one --localisations file is required');
}

/**
 * Read, aggregate and write into `staging`. A function of its own so that the package's contents
 * (its lists and sums) can be freed before the validation reads the files back.
 */
async function readAggregateWrite(options: BuildOptions, staging: string): Promise<BuildResult> {
  const { signal, onPhase = () => {} } = options;
  onPhase({ phase: 'reading' });
  const sources = await readInputs({ ...options, spillDir: join(staging, SPILL_FOLDER) });
  const contents = aggregate(options.listPageSize === undefined ? sources : { ...sources, listPageSize: options.listPageSize });
  signal?.throwIfAborted();
  onPhase({ phase: 'writing', files: fileCount(contents), staging });
  const files = await writePackage(contents, staging, signal);
  sources.collected.spill.remove();
  return { manifest: contents.manifest, provenance: contents.provenance, quality: contents.quality, files };
}

/**
 * Builds a data package from the official CSVs into `options.out`: byte-identical
 * for the same inputs. Rows that cannot be used are reported in quality.json,
 * never dropped silently. The package is written into a temporary sibling folder,
 * validated there, then moved into place: a failed or interrupted build leaves
 * `out` exactly as it was.
 *
 * @throws InputError when an option is invalid, `out` cannot be used, an input file is missing,
 *   unrecognised or not UTF-8 text, no project of the region is left, or the result does not validate.
 */
export async function buildPackage(options: BuildOptions): Promise<BuildResult> {
  checkBuildOptions(options);
  const { signal, onPhase = () => {} } = options;
  const outState = await checkOutDir(options.out, options.force ?? false);

  // The temporary folder comes first: the read step spills its rows into it (memory stays bounded).
  const staging = await createStaging(options.out);
  try {
    const { manifest, provenance, quality, files } = await readAggregateWrite(options, staging);
    onPhase({ phase: 'validating' });
    const check = await validatePackage(staging, { signal });
    if (!check.ok) {
      const first = check.issues[0]!;
      throw new InputError(
        `the package built from these inputs does not validate (${check.issues.length} errors; first: ${first.file}${first.path ? ` ${first.path}` : ''}: ${first.message}); ` +
          `nothing was replaced. Please report it with the input files.`,
      );
    }
    signal?.throwIfAborted();
    // The folder may have changed while the build ran: check it again right before replacing it.
    if ((await checkOutDir(options.out, options.force ?? false)) !== outState) throw new InputError(`--out ${options.out} changed during the build; nothing was replaced`);
    onPhase({ phase: 'replacing' });
    await moveIntoPlace(staging, options.out, outState);
    return { manifest, provenance, quality, files };
  } catch (error) {
    await removeStaging(staging);
    throw error;
  }
}
