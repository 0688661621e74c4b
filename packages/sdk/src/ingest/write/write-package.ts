/**
 * The write step: every file of a package's contents into a folder, then its
 * README.md and, last, checksums.json (size and SHA-256 of every other file).
 */
import { PACKAGE_FILES, fillPattern } from '../../format/paths.js';
import { tenderFilePath } from '../../format/tenders.js';
import { listPagePath } from '../../format/list-pages.js';
import { factsJson } from '../../format/facts-writer.js';
import { VIEW_LISTING, viewPath } from '../../format/views.js';
import { byString } from '../../format/compare.js';
import { SCHEMA_VERSION } from '../../format/version.js';
import type { Checksums } from '../../schema/package.js';
import type { PackageContents } from '../aggregate/aggregate.js';
import { PackageWriter, compactJson, type WrittenFile } from './json.js';
import { packageReadme } from './readme.js';

/** How many files `writePackage(contents, …)` writes. */
export const fileCount = (contents: PackageContents): number =>
  10 + (contents.paidFacts ? 1 : 0) + contents.shards.length + contents.tenderFiles.length + contents.lists.reduce((n, l) => n + l.pages, 0) + (contents.awardeeLists?.length ?? 0) + contents.views.length;

/**
 * Writes `contents` into `dir` (created if needed; the build passes its
 * temporary folder) and returns every written file with its size and SHA-256.
 * Stops between files once `signal` is aborted.
 */
export async function writePackage(contents: PackageContents, dir: string, signal?: AbortSignal): Promise<Map<string, WrittenFile>> {
  const writer = new PackageWriter(dir, signal);
  await writer.write(PACKAGE_FILES.territories, compactJson(contents.territories));
  await writer.write(PACKAGE_FILES.measures, compactJson(contents.measures));
  await writer.write(PACKAGE_FILES.facts, factsJson(contents.facts));
  await writer.write(PACKAGE_FILES.bodyFacts, compactJson(contents.bodyFacts));
  if (contents.paidFacts) await writer.write(PACKAGE_FILES.paidFacts, factsJson(contents.paidFacts));
  await writer.write(PACKAGE_FILES.boundaries, contents.boundaries);
  for (const file of contents.shards) await writer.write(fillPattern(PACKAGE_FILES.projectShardPattern, 'shard', file.shard), file.text());
  const { count } = contents.manifest.files.projectShards;
  for (const file of contents.tenderFiles) await writer.write(tenderFilePath(file.cup, count), file.text());
  for (const file of contents.lists) {
    await writer.writeChunks(fillPattern(PACKAGE_FILES.listPattern, 'key', file.territory), file.chunks());
    for (const { page, text } of file.pageFiles()) await writer.write(listPagePath(PACKAGE_FILES.listPagePattern, file.territory, page), text);
  }
  for (const file of contents.awardeeLists ?? []) await writer.write(fillPattern(PACKAGE_FILES.awardeeListPattern, 'key', file.territory), compactJson(file));
  for (const file of contents.views) await writer.write(viewPath(contents.manifest.files.views ?? VIEW_LISTING, file.groupBy, file.filter), compactJson(file));
  await writer.write(PACKAGE_FILES.quality, compactJson(contents.quality));
  await writer.write(PACKAGE_FILES.provenance, compactJson(contents.provenance));
  // Compact like every other file: every chart and card reads the manifest, and its indentation
  // was 4% of what a chart by mission fetches (budget: 2 KiB with its view file).
  await writer.write(PACKAGE_FILES.manifest, compactJson(contents.manifest));
  await writer.write('README.md', packageReadme(contents.manifest, contents.provenance, contents.quality));

  const checksums: Checksums = { schemaVersion: SCHEMA_VERSION, files: {} };
  for (const name of [...writer.written.keys()].sort(byString)) checksums.files[name] = writer.written.get(name)!;
  await writer.write(PACKAGE_FILES.checksums, compactJson(checksums));
  return writer.written;
}
