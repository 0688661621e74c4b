/**
 * The extraction date of a source file that carries none in its rows.
 *
 * The validated 2023 files have no `Data di Estrazione` column, only each project's
 * validation date (`Data aggiornamento`, latest 2023-02-28), while the release is "aggiornata
 * al 1° marzo 2023". Where the files were collected (as in `data/sources/*`) a `manifest.json`
 * records, per file, its SHA-256 and `referenceDate`. When such a manifest in the file's
 * folder or one of its three parents lists this very file (same relative path AND same
 * SHA-256), its date is the extraction date. Anything else — no manifest, another format,
 * a different hash — is ignored, so an edited file never inherits a date it no longer has.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const LEVELS = 4;

interface ManifestEntry { file?: unknown; sha256?: unknown; referenceDate?: unknown }

/** The `referenceDate` a source manifest records for `path` with this `sha256`, else null. */
export async function recordedReferenceDate(path: string, sha256: string): Promise<string | null> {
  let dir = dirname(path);
  for (let level = 0; level < LEVELS; level++) {
    const date = await lookUp(dir, path, sha256);
    if (date) return date;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

async function lookUp(dir: string, path: string, sha256: string): Promise<string | null> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
  const files = (manifest as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return null;
  const name = relative(dir, path).split(sep).join('/');
  for (const entry of files as ManifestEntry[]) {
    if (entry?.file === name && entry.sha256 === sha256 && typeof entry.referenceDate === 'string' && ISO.test(entry.referenceDate)) {
      return entry.referenceDate;
    }
  }
  return null;
}
