/**
 * `awardees()`: the largest awardees of a territory, from its awardee list
 * (`awardees/{key}.json`). Loaded on first use, so a page that only shows
 * project cards never downloads it.
 */
import { NetworkError, NotFoundError } from '../errors.js';
import { fold } from '../format/fold.js';
import { fillPattern } from '../format/paths.js';
import type { AwardeeList, Manifest } from '../schema/package.js';
import { fail, filters, integer } from './args.js';
import type { Spec } from './checks.js';
import type { AwardeeRow, AwardeesQuery } from './types.js';

const SHAPE = { territory: 'string', items: [{ key: 'string', name: 'string', pnrrCents: 'number', projects: 'number' }] } as const satisfies Spec;

/** What `awardees()` needs of the client: the manifest and a file loader. */
export interface AwardeeDeps {
  manifest(signal: AbortSignal | undefined): Promise<Manifest>;
  load<T>(path: string, spec: Spec, signal: AbortSignal | undefined): Promise<T>;
}

/** `q` already has place names resolved to codes (the client's `placeCodes`). */
export async function awardeesMethod(q: Partial<AwardeesQuery>, signal: AbortSignal | undefined, deps: AwardeeDeps): Promise<AwardeeRow[]> {
  const f = filters({ ...(q.comune !== undefined ? { comune: q.comune } : {}), ...(q.province !== undefined ? { province: q.province } : {}) });
  if (q.q !== undefined && typeof q.q !== 'string') fail('q', q.q, 'expected a string');
  const limit = integer('limit', q.limit, 1, 1000, 10);
  const manifest = await deps.manifest(signal);
  const pattern = manifest.files.awardees?.pattern;
  if (pattern === undefined) throw new NotFoundError('awardees', manifest.region.code, 'This data package has no awardee lists (it was built without --awardees)');
  // The narrowest territory decides the one list file to read, as in projects().
  const territory = f.comune !== undefined ? (['comune', f.comune] as const) : f.province !== undefined ? (['province', f.province] as const) : undefined;
  const key = territory?.[1] ?? manifest.region.code;
  let list: AwardeeList;
  try {
    list = await deps.load<AwardeeList>(fillPattern(pattern, 'key', key), SHAPE, signal);
  } catch (error) {
    if (territory && error instanceof NetworkError && error.status === 404) throw new NotFoundError(territory[0], key);
    throw error;
  }
  // Folded on both sides, so "societa" finds "SOCIETÀ"; every word must occur in the name or the key.
  const words = fold(q.q ?? '').split(/\s+/).filter(Boolean);
  const rows: AwardeeRow[] = [];
  for (const item of list.items) {
    if (rows.length === limit) break;
    const text = fold(`${item.name} ${item.key}`);
    if (!words.every((w) => text.includes(w))) continue;
    rows.push({ key: item.key, name: item.name, amount: item.pnrrCents / 100, projects: item.projects, territory: key });
  }
  return rows;
}
