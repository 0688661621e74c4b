/**
 * `pnrr-toscana update`: one release, from the official files to the package in place.
 *
 *   1. check --out (absent, empty, or a package pnrr-toscana wrote, unchanged) and sources.json;
 *   2. download every file into a temporary folder beside --out (or into --cache), verifying
 *      size and SHA-256 when sources.json gives them, and each table's layout and rows (minRows);
 *   3. build the package with `buildPackage` (the same function as `build`), into that folder;
 *   4. append the release to releases.json (the previous package's history, plus this entry)
 *      and list it in checksums.json; validate again;
 *   5. move the new package into place (out-dir.ts: the previous one is renamed aside, removed
 *      last) and remove the temporary folder.
 *
 * Any failure or interrupt before step 5 removes the temporary folder and leaves --out byte for
 * byte as it was.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { buildPackage, type BuildOptions, type BuildPhase } from '../ingest/build.js';
import { validatePackage } from '../ingest/check/validate.js';
import { InputError } from '../ingest/errors.js';
import { readCsv } from '../ingest/read/csv.js';
import { detectLayout, type Role } from '../ingest/read/layouts.js';
import { sha256File } from './hash.js';
import { checkOutDir, createParents, moveIntoPlace, removeCreatedParents } from '../ingest/write/out-dir.js';
import { prettyJson } from '../ingest/write/json.js';
import { createClient } from '../client/client.js';
import { entryName, loadSourcesConfig, roleKind, type SourceEntry, type SourcesConfig } from './config.js';
import { download } from './download.js';
import { addPackageFile } from './package-files.js';
import { RELEASES_FILE, RELEASES_VERSION, Releases, type MissionTotal, type Release, type ReleaseSource } from './releases-file.js';

/** Options of `updatePackage()`. */
export interface UpdateOptions {
  /** Path of sources.json. */
  config: string;
  /** The package folder: absent, empty, or a package pnrr-toscana wrote (replaced). */
  out: string;
  /** Keep downloads in this folder (absent, empty, or one `update` wrote) and reuse the files whose sha256 sources.json gives. */
  cache?: string;
  /** Date of the release recorded in releases.json (YYYY-MM-DD); default: today (UTC). */
  releaseDate?: string;
  /** Milliseconds without any byte before a download attempt stops (default 60 000). */
  timeout?: number;
  /** Retries of a download that failed in a way that may pass (default 2). */
  retries?: number;
  /** Stops the update (Ctrl-C): the temporary folder is removed, --out left as it was. */
  signal?: AbortSignal;
  /** Progress lines (the CLI prints them). */
  onStep?: (step: UpdateStep) => void;
}

/** What the update is doing. */
export type UpdateStep =
  | { step: 'download'; file: string; url: string }
  | { step: 'cached'; file: string }
  | { step: 'verified'; file: string; bytes: number; sha256: string; layout: string | null; rows: number | null }
  | { step: 'pass-through'; file: string; role: string }
  | { step: 'build'; phase: BuildPhase }
  | { step: 'releases'; count: number };

/** What `updatePackage()` did. */
export interface UpdateResult {
  /** The new release entry (also the last of `releases.releases`). */
  release: Release;
  /** The whole history written. */
  releases: Releases;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const CACHE_MARK = 'pnrr-toscana update (download cache)';

/**
 * Downloads, verifies and builds one release into `options.out`, appending it to the package's
 * releases.json.
 *
 * @throws InputError (one line) when sources.json, a download, a checksum, a layout, the build or
 *   --out is wrong; the signal's reason when interrupted. --out is then untouched.
 */
export async function updatePackage(options: UpdateOptions): Promise<UpdateResult> {
  const { signal, onStep = () => {} } = options;
  const out = resolve(options.out);
  const configPath = resolve(options.config);
  const releaseDate = options.releaseDate ?? new Date().toISOString().slice(0, 10);
  if (!ISO.test(releaseDate)) throw new InputError(`--release-date must be YYYY-MM-DD, got "${releaseDate}"`);
  const config = await loadSourcesConfig(configPath);
  const outState = await checkOutDir(out, true);
  const previous = outState === 'package' ? await readHistory(out, config.region) : null;
  const cache = options.cache === undefined ? null : resolve(options.cache);
  if (cache) await checkCache(cache);

  const createdParent = await createParents(dirname(out));
  const work = join(dirname(out), `.${basename(out)}.updating-${randomBytes(6).toString('hex')}`);
  await mkdir(work);
  try {
    const downloads = cache ?? join(work, 'downloads');
    await mkdir(downloads, { recursive: true });
    const fetched = await fetchAll(config, dirname(configPath), downloads, options);
    await writeSourceManifest(downloads, config, fetched, cache !== null);

    const files = (kind: string): string[] => fetched.filter((f) => f.entry.role === kind).map((f) => f.path);
    const single = (kind: string): string => files(kind)[0]!;
    const csvInputs: Record<string, string[]> = {};
    for (const f of fetched) if (roleKind(f.entry.role) === 'csv') (csvInputs[f.entry.role] ??= []).push(f.path);
    for (const f of fetched) if (roleKind(f.entry.role) === 'pass-through') onStep({ step: 'pass-through', file: f.name, role: f.entry.role });
    const dir = join(work, 'package');
    // Every CSV role the ingest reads is passed under its own name (projects, localisations,
    // payments, and those later versions add), so a new role needs no change here.
    const build: BuildOptions = {
      ...csvInputs,
      projects: files('projects'),
      localisations: files('localisations'),
      payments: files('payments'),
      region: config.region,
      boundaries: single('boundaries'),
      population: single('population'),
      out: dir,
      ...(config.referenceDate ? { referenceDate: config.referenceDate } : {}),
      ...(signal ? { signal } : {}),
      onPhase: (phase) => onStep({ step: 'build', phase }),
    };
    const built = await buildPackage(build);
    signal?.throwIfAborted();

    const release = await releaseEntry(dir, releaseDate, fetched, signal);
    const releases: Releases = {
      schemaVersion: RELEASES_VERSION,
      region: { code: built.manifest.region.code, name: built.manifest.region.name },
      releases: [...(previous?.releases ?? []), release],
    };
    await addPackageFile(dir, RELEASES_FILE, prettyJson(releases));
    onStep({ step: 'releases', count: releases.releases.length });
    const check = await validatePackage(dir);
    if (!check.ok) throw new InputError(`the updated package does not validate (${check.issues[0]!.file}: ${check.issues[0]!.message}); nothing was replaced`);
    signal?.throwIfAborted();
    if ((await checkOutDir(out, true)) !== outState) throw new InputError(`--out ${out} changed during the update; nothing was replaced`);
    await moveIntoPlace(dir, out, outState);
    return { release, releases };
  } finally {
    await rm(work, { recursive: true, force: true });
    // After a failure, the parent folders made for --out go too (a folder holding the package stays).
    await removeCreatedParents(dirname(out), createdParent);
  }
}

/** One file of the release, on disk and verified. */
interface Fetched {
  entry: SourceEntry;
  name: string;
  path: string;
  bytes: number;
  sha256: string;
  layout: string | null;
}

async function fetchAll(config: SourcesConfig, configDir: string, downloads: string, options: UpdateOptions): Promise<Fetched[]> {
  const { signal, onStep = () => {} } = options;
  const fetched: Fetched[] = [];
  for (const entry of config.files) {
    const name = entryName(entry);
    const path = join(downloads, name);
    const remote = /^https?:\/\//i.test(entry.url);
    const source = remote ? entry.url : isAbsolute(entry.url) ? entry.url : join(configDir, entry.url);
    let got: { bytes: number; sha256: string } | null = null;
    if (entry.sha256 && (await exists(path))) {
      // A cached copy is reused only when sources.json pins its content.
      const sha = await sha256File(path);
      if (sha.sha256 === entry.sha256) {
        got = sha;
        onStep({ step: 'cached', file: name });
      }
    }
    if (!got) {
      onStep({ step: 'download', file: name, url: remote ? publicUrl(entry.url) : entry.url });
      got = await download(source, path, {
        label: name,
        ...(config.headers ? { headers: config.headers } : {}),
        ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
        ...(options.retries !== undefined ? { retries: options.retries } : {}),
        ...(signal ? { signal } : {}),
      });
    }
    if (entry.bytes !== undefined && got.bytes !== entry.bytes) {
      throw new InputError(`${name}: ${got.bytes} bytes, sources.json expects ${entry.bytes} (truncated or changed file); nothing was replaced`);
    }
    if (entry.sha256 !== undefined && got.sha256 !== entry.sha256) {
      throw new InputError(`${name}: sha256 ${got.sha256} differs from the ${entry.sha256} sources.json expects; nothing was replaced`);
    }
    const table = roleKind(entry.role) === 'csv' ? await inspectCsv(path, name, entry, signal) : null;
    onStep({ step: 'verified', file: name, bytes: got.bytes, sha256: got.sha256, layout: table?.layout ?? null, rows: table?.rows ?? null });
    fetched.push({ entry, name, path, bytes: got.bytes, sha256: got.sha256, layout: table?.layout ?? null });
  }
  return fetched;
}

/**
 * Reads a CSV through the ingest's reader: its layout (from the header, checked against the one
 * sources.json expects; a wrong one stops at the header) and its data rows (checked against
 * minRows) — before anything is built.
 */
async function inspectCsv(path: string, name: string, entry: SourceEntry, signal?: AbortSignal): Promise<{ layout: string; rows: number }> {
  let id: string | null = null;
  const { rows } = await readCsv(path, {
    onHeader(header) {
      id = detectLayout(name, entry.role as Role, header).layout.id;
      if (entry.layout !== undefined && id !== entry.layout) {
        throw new InputError(`${name}: layout "${id}" where sources.json expects "${entry.layout}" (${entry.role}); nothing was replaced`);
      }
    },
    onRecord() {},
    onReject() {},
  }, `checking ${name}`, signal);
  if (entry.minRows !== undefined && rows < entry.minRows) {
    throw new InputError(`${name}: ${rows} rows, fewer than the ${entry.minRows} sources.json expects (minRows); nothing was replaced`);
  }
  return { layout: id!, rows };
}

/**
 * A manifest.json beside the downloads in the form of data/sources/*: file, bytes, sha256 and,
 * where sources.json gives it, referenceDate — the build reads a file's date from there when the
 * file carries none (source-manifest.ts). In a cache it also marks the folder as written by update.
 */
async function writeSourceManifest(dir: string, config: SourcesConfig, fetched: Fetched[], cache: boolean): Promise<void> {
  const files = fetched.map((f) => ({
    file: f.name,
    role: f.entry.role,
    url: publicUrl(f.entry.url),
    bytes: f.bytes,
    sha256: f.sha256,
    ...(f.entry.referenceDate ?? config.referenceDate ? { referenceDate: f.entry.referenceDate ?? config.referenceDate } : {}),
  }));
  await writeFile(join(dir, 'manifest.json'), prettyJson({ generator: CACHE_MARK, ...(cache ? {} : { temporary: true }), files }));
}

/** --cache must be absent, empty, or a folder `update` wrote (its manifest.json says so). */
async function checkCache(dir: string): Promise<void> {
  let entries: string[];
  try {
    if (!(await lstat(dir)).isDirectory()) throw new InputError(`--cache ${dir} is not a folder; nothing was changed`);
    entries = await readdir(dir);
  } catch (error) {
    if (error instanceof InputError) throw error;
    return;
  }
  if (entries.length === 0) return;
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { generator?: unknown };
    if (manifest.generator === CACHE_MARK) return;
  } catch {
    // fall through
  }
  throw new InputError(`--cache ${dir} is not empty and was not written by pnrr-toscana update; nothing was changed. Choose an empty folder or a new path.`);
}

/**
 * The previous package's releases.json (null when it has none), checked against its schema. A
 * package of another region is refused: sources.json and --out do not belong together.
 */
async function readHistory(out: string, region: string): Promise<Releases | null> {
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { region?: { code?: unknown } };
  if (manifest.region?.code !== region) {
    throw new InputError(`--out ${out} holds the package of region ${String(manifest.region?.code)}, sources.json is for region ${region}; nothing was changed`);
  }
  let text: string;
  try {
    text = await readFile(join(out, RELEASES_FILE), 'utf8');
  } catch {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(`${join(out, RELEASES_FILE)} is not valid JSON; nothing was changed`);
  }
  const error = Value.Errors(Releases, value).First();
  if (error) throw new InputError(`${join(out, RELEASES_FILE)}: ${error.path} ${error.message}; nothing was changed`);
  return value as Releases;
}

/** The release entry, read back from the built package through the SDK client (manifest, spending by mission). */
async function releaseEntry(dir: string, releaseDate: string, fetched: Fetched[], signal?: AbortSignal): Promise<Release> {
  const client = createClient({ baseUrl: dir, ...(signal ? { signal } : {}) });
  const [manifest, provenance] = await Promise.all([client.manifest(), client.provenance()]);
  const [pnrr, total] = await Promise.all([client.spending({ groupBy: 'mission', metric: 'pnrr' }), client.spending({ groupBy: 'mission', metric: 'total' })]);
  const totalOf = new Map(total.map((r) => [r.key, r.amount]));
  const byMission: MissionTotal[] = pnrr
    .map((r) => ({ mission: r.key, name: r.label, projects: r.count, pnrrCents: Math.round(r.amount * 100), totalCents: Math.round((totalOf.get(r.key) ?? 0) * 100) }))
    .sort((a, b) => (a.mission < b.mission ? -1 : a.mission > b.mission ? 1 : 0));
  const sourceOf = new Map(provenance.sources.map((s) => [s.file, s]));
  const sources: ReleaseSource[] = fetched.map((f) => {
    const s = sourceOf.get(f.name);
    const read = roleKind(f.entry.role) !== 'pass-through';
    return {
      role: f.entry.role,
      file: f.name,
      url: publicUrl(f.entry.url),
      bytes: f.bytes,
      sha256: f.sha256,
      layout: f.layout ?? (s?.layout || null),
      rows: read && s ? s.rows : null,
      referenceDate: s?.referenceDate ?? f.entry.referenceDate ?? null,
      read,
    };
  });
  const t = provenance.totals;
  return {
    releaseDate,
    referenceDate: manifest.referenceDate,
    generatedAt: manifest.generatedAt,
    generator: manifest.generator,
    sources,
    totals: { projects: t.projects, touching: { ...t.touching }, inside: { ...t.inside } },
    byMission,
  };
}

/** A URL without user name, password or fragment (they must not be published in releases.json). */
function publicUrl(url: string): string {
  if (!/^https?:\/\//i.test(url)) return url;
  const u = new URL(url);
  u.username = '';
  u.password = '';
  u.hash = '';
  return u.href;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}
