/**
 * Where a build writes, so that it never loses a user's data:
 *
 * - `--out` must be absent, an empty folder, or a data package this tool wrote — recognised by
 *   its manifest.json (generator "… (pnrr-toscana build)") and checksums.json, every file present
 *   with its recorded SHA-256 and nothing else. A package is replaced only with `--force`;
 *   anything else (a foreign folder, a package someone edited or added a file to) is refused.
 * - The package is written into a temporary sibling folder (`.NAME.building-…`), validated there,
 *   then renamed into place. The previous package is renamed aside first and removed only after
 *   the new one is in place, so at every moment one complete package exists; a failed or
 *   interrupted build removes its temporary folder and leaves the previous package untouched.
 * - Parent folders of `--out` that the build had to create are removed again when it fails, so a
 *   failed run leaves the file system as it found it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/** What `--out` holds before the build. */
export type OutState = 'absent' | 'empty' | 'package';

const GENERATOR_MARK = '(pnrr-toscana build)';

/** Checks `--out` before anything is read or written; throws an InputError saying why it cannot be used. */
export async function checkOutDir(out: string, force: boolean): Promise<OutState> {
  let isDir: boolean;
  try {
    isDir = (await lstat(out)).isDirectory();
  } catch {
    return 'absent';
  }
  if (!isDir) throw new InputError(`--out ${out} exists and is not a folder; nothing was changed. Choose an empty folder or a new path.`);
  if ((await readdir(out)).length === 0) return 'empty';
  const problem = await notOwnPackage(out);
  if (problem === 'no-manifest') {
    throw new InputError(
      `--out ${out} is not empty and is not a data package written by pnrr-toscana (no manifest.json of one); nothing was changed. ` +
        'Choose an empty folder or a new path.',
    );
  }
  if (problem) {
    throw new InputError(
      `--out ${out} holds a data package, but ${problem}; nothing was changed (--force replaces only an unchanged package). ` +
        'Move your files away, or choose an empty folder or a new path.',
    );
  }
  if (!force) throw new InputError(`--out ${out} already holds a data package; nothing was changed. Add --force to replace it.`);
  return 'package';
}

/** Why `dir` is not, byte for byte, a package this tool wrote; null when it is. */
async function notOwnPackage(dir: string): Promise<string | null> {
  let manifest: { generator?: unknown; files?: { checksums?: unknown } };
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as typeof manifest;
  } catch {
    return 'no-manifest';
  }
  if (typeof manifest?.generator !== 'string' || !manifest.generator.includes(GENERATOR_MARK)) return 'no-manifest';
  const checksumsName = typeof manifest.files?.checksums === 'string' ? manifest.files.checksums : 'checksums.json';
  let listed: Record<string, { sha256?: unknown }>;
  try {
    const parsed = JSON.parse(await readFile(join(dir, checksumsName), 'utf8')) as { files?: unknown };
    if (typeof parsed.files !== 'object' || parsed.files === null) return `its ${checksumsName} is not readable`;
    listed = parsed.files as Record<string, { sha256?: unknown }>;
  } catch {
    return `its ${checksumsName} is missing or not readable`;
  }
  const expected = new Map(Object.entries(listed));
  const folders = new Set<string>();
  for (const name of expected.keys()) for (let d = dirname(name); d !== '.'; d = dirname(d)) folders.add(d);
  const found = new Set<string>();
  // Walk without following links: a link or special file is never ours.
  const walk = async (relative: string): Promise<string | null> => {
    for (const entry of await readdir(join(dir, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!folders.has(name)) return `folder ${name} was not written by pnrr-toscana`;
        const inner = await walk(name);
        if (inner) return inner;
      } else if (!entry.isFile()) {
        return `${name} is not a regular file written by pnrr-toscana`;
      } else if (name !== checksumsName) {
        const want = expected.get(name);
        if (!want) return `${name} was not written by pnrr-toscana`;
        const sha = createHash('sha256').update(await readFile(join(dir, name))).digest('hex');
        if (sha !== want.sha256) return `${name} has changed since pnrr-toscana wrote it`;
        found.add(name);
      }
    }
    return null;
  };
  const extra = await walk('');
  if (extra) return extra;
  for (const name of expected.keys()) if (!found.has(name)) return `${name} is missing`;
  return null;
}

const suffix = (): string => randomBytes(6).toString('hex');

/**
 * Creates `dir` and any missing parents; returns the outermost folder it created (undefined when
 * `dir` existed), for {@link removeCreatedParents}.
 */
export async function createParents(dir: string): Promise<string | undefined> {
  return mkdir(dir, { recursive: true });
}

/**
 * Removes the folders {@link createParents} created, deepest first, up to `first`. `rmdir` refuses
 * a folder that is not empty, so a folder holding a package, or anything someone else put there
 * meanwhile, stays; so does every folder that existed before.
 */
export async function removeCreatedParents(dir: string, first: string | undefined): Promise<void> {
  if (!first) return;
  for (let folder = dir; ; folder = dirname(folder)) {
    try {
      await rmdir(folder);
    } catch {
      return;
    }
    if (folder === first || dirname(folder) === folder) return;
  }
}

/** Outermost parent folder each staging folder's build created (see removeStaging). */
const createdFor = new Map<string, string | undefined>();

/** Creates the temporary sibling folder the package is written into (and its parent if needed). */
export async function createStaging(out: string): Promise<string> {
  const created = await createParents(dirname(out));
  const staging = join(dirname(out), `.${basename(out)}.building-${suffix()}`);
  await mkdir(staging);
  createdFor.set(staging, created);
  return staging;
}

/**
 * Moves the validated package into place. An absent or empty `out` is replaced by one rename; a
 * previous package is renamed aside, the new one renamed in, and the old one removed last (put
 * back if the second rename fails).
 */
export async function moveIntoPlace(staging: string, out: string, state: OutState): Promise<void> {
  if (state !== 'package') {
    await rename(staging, out); // replaces an empty folder atomically
    return;
  }
  const aside = join(dirname(out), `.${basename(out)}.previous-${suffix()}`);
  await rename(out, aside);
  try {
    await rename(staging, out);
  } catch (error) {
    await rename(aside, out);
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
}

/** Removes the temporary folder of a failed or interrupted build, and the parents it created. */
export async function removeStaging(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
  await removeCreatedParents(dirname(staging), createdFor.get(staging));
  createdFor.delete(staging);
}
