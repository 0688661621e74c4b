/**
 * Adds a file to a data package that is still in its temporary folder: writes it and lists it,
 * with its size and SHA-256, in the package's checksums.json (read and written back in the form
 * the build writes: compact, keys sorted). The package stays one that pnrr-toscana wrote, so a
 * later `update` or `build --force` may replace it.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { byString } from '../format/compare.js';
import type { Checksums, Manifest } from '../schema/package.js';
import { compactJson } from '../ingest/write/json.js';

export async function addPackageFile(dir: string, name: string, text: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const checksumsName = manifest.files.checksums;
  const checksums = JSON.parse(await readFile(join(dir, checksumsName), 'utf8')) as Checksums;
  const buffer = Buffer.from(text, 'utf8');
  await writeFile(join(dir, name), buffer);
  const files: Checksums['files'] = {};
  const entries = { ...checksums.files, [name]: { bytes: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex') } };
  for (const key of Object.keys(entries).sort(byString)) files[key] = entries[key]!;
  await writeFile(join(dir, checksumsName), compactJson({ ...checksums, files }));
}
