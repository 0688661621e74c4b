/**
 * `tenders()`: every tender of a project. A shard record carries the first ones (what a card
 * shows at once, format/tenders.ts); the rest are in the tenders file of the CUP, read here on
 * demand. A lazy chunk that imports nothing but types: the client passes the loader, the file's
 * path and the error to throw (importing the error classes here made the bundler move them into a
 * chunk of their own, which every card-only page then loaded).
 */
import type { Tender, TenderFile } from '../schema/package.js';
import type { Spec } from './checks.js';
import type { ProjectResult } from './types.js';

const SHAPE = { cup: 'string', projects: [{ localCode: 'string', offset: 'number', tenders: ['object'] }] } as const satisfies Spec;

/** What `tenders()` needs of the client. */
export interface TenderDeps {
  /** The path of the CUP's tenders file; null when the manifest names no tenders files. */
  path(cup: string): Promise<string | null>;
  load<T>(path: string, spec: Spec, signal: AbortSignal | undefined): Promise<T>;
  /** Throws the client's DataFormatError. */
  fail(file: string, pointer: string, message: string): never;
}

/** The project's first tenders (from `project()`) followed by the rest from its CUP's tenders file. */
export async function allTenders(p: ProjectResult, signal: AbortSignal | undefined, deps: TenderDeps): Promise<Tender[] | null> {
  const first = p.tenders;
  if (first === null || p.tenderCount === null || p.tenderCount <= first.length) return first;
  const path = await deps.path(p.cup);
  if (path === null) deps.fail('manifest.json', '/files/tenders', `${p.cup} has ${p.tenderCount} tenders, ${first.length} in its record, and the manifest names no tenders files`);
  const file = await deps.load<TenderFile>(path, SHAPE, signal);
  const entry = file.projects.find((e) => e.localCode === p.localCode);
  if (!entry) deps.fail(path, '/projects', `no entry for local project "${p.localCode}" of ${p.cup}`);
  if (entry.offset !== first.length || first.length + entry.tenders.length !== p.tenderCount) {
    deps.fail(path, '/projects', `${entry.offset} + ${entry.tenders.length} tenders do not continue the record's ${first.length} of ${p.tenderCount}`);
  }
  return [...first, ...structuredClone(entry.tenders)];
}
