import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { byString } from '../../format/compare.js';

/** Every file under `dir`, as forward-slash paths relative to it (the form checksums.json uses), sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string): Promise<void> {
    // The entries' types come with the listing: no stat per file (a national package has ~40,000), but for links.
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path)).isDirectory())) await walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  }
  await walk(dir);
  return out.sort(byString);
}
