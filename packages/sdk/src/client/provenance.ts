/**
 * `provenance()`: the package's source files and reconciliation totals — provenance.json, or the
 * manifest of a package written before it. A lazy chunk (no widget needs it on its first render)
 * that imports nothing but types: the client passes its loader and its error, as for tenders.ts.
 */
import type { Manifest, Provenance } from '../schema/package.js';
import type { Spec } from './checks.js';

export const PROVENANCE_SHAPE = { sources: [{ role: 'string', file: 'string' }], totals: { inside: { pnrrCents: 'number', totalCents: 'number' } } } as const satisfies Spec;

/** What `provenance()` needs of the client. */
export interface ProvenanceDeps {
  manifest(signal: AbortSignal | undefined): Promise<Manifest>;
  load<T>(path: string, spec: Spec, signal: AbortSignal | undefined): Promise<T>;
  /** Throws the client's DataFormatError. */
  fail(file: string, pointer: string, message: string): never;
}

export async function readProvenance(signal: AbortSignal | undefined, deps: ProvenanceDeps): Promise<Provenance> {
  const m = await deps.manifest(signal);
  if (m.files.provenance) return structuredClone(await deps.load<Provenance>(m.files.provenance, PROVENANCE_SHAPE, signal));
  if (m.sources && m.totals) return structuredClone({ schemaVersion: m.schemaVersion, sources: m.sources, totals: m.totals });
  return deps.fail('manifest.json', '/files/provenance', 'no provenance file, and no sources and totals in the manifest');
}
