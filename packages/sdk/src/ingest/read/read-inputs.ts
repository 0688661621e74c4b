/**
 * The read step of a build: the territories (boundaries, population), then the
 * streaming passes over the CSVs (collect.ts), all into one `Sources` for the
 * aggregate step.
 */
import { basename } from 'node:path';
import type { Sources } from '../aggregate/aggregate.js';
import { QualityLog } from '../check/quality.js';
import { InputError } from '../errors.js';
import { collect } from './collect.js';
import { loadTerritories } from './territories.js';
import { packageRegionCode } from './read-sources.js';
import { Spill } from './spill.js';

/** The input files and the options of the read step (a subset of `BuildOptions`). */
export interface ReadOptions {
  /** 2-digit ISTAT region code, or "all" (every region: an all-Italy package). */
  region: string;
  projects: string[];
  localisations: string[];
  payments?: string[];
  awardees?: string[];
  indicators?: string[];
  boundaries: string;
  population: string;
  /** Replaces the date of every project and localisation file. */
  referenceDate?: string;
  generatedAt?: string;
  signal?: AbortSignal;
  /** Folder (created, inside the build's temporary folder) where the read rows are spilled until the aggregate step. */
  spillDir: string;
}

/**
 * Reads every input of a build. Rows that cannot be used are recorded in the
 * quality log, never dropped silently.
 *
 * @throws InputError when a file is missing, unrecognised or not UTF-8 text, or no project of the region is left.
 */
export async function readInputs(options: ReadOptions): Promise<Sources> {
  const region = packageRegionCode(options.region);
  const territories = await loadTerritories(region, options.boundaries, options.population);
  const quality = new QualityLog();
  const { signal } = options;
  const collected = await collect(
    { region: options.region, projects: options.projects, localisations: options.localisations, payments: options.payments ?? [], awardees: options.awardees ?? [], indicators: options.indicators ?? [], ...(signal ? { signal } : {}) },
    quality,
    new Spill(options.spillDir),
  );
  if (collected.projectCount === 0) {
    const counts = quality.files.filter((f) => f.role === 'projects').map((f) => `${f.file}: ${f.read} rows read, ${f.rejected} rejected, ${f.skipped} of other regions`);
    throw new InputError(`no project of region ${options.region} in the projects files (${counts.join('; ')}); a package needs at least one. Nothing was written.`);
  }
  const populationTally = quality.tally(basename(options.population), 'population');
  populationTally.read = populationTally.kept = territories.populationRows;
  // --reference-date replaces the date of every project/localisation file; each project record copies its file's date.
  if (options.referenceDate) {
    for (const s of collected.sources) if (s.role === 'projects' || s.role === 'localisations') s.referenceDate = options.referenceDate;
  }
  return {
    region,
    territories,
    collected,
    quality,
    boundariesFile: basename(options.boundaries),
    populationFile: basename(options.population),
    ...(options.generatedAt !== undefined ? { generatedAt: options.generatedAt } : {}),
  };
}
