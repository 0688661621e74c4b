import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { byString } from '../../format/compare.js';

/** Every file under `dir`, as forward-slash paths relative to it (the form checksums.json uses), sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current)) {
      const path = join(current, entry);
      if ((await stat(path)).isDirectory()) await walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  }
  await walk(dir);
  return out.sort(byString);
}
