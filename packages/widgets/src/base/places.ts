/**
 * The `comune` and `province` attributes take a code ("100005") or a name
 * ("Prato", "prato", "Castelfranco Piandisco"): elements resolve them through
 * the SDK before any arithmetic on the code (a province prefix, a filter on
 * territories.json). An unknown or ambiguous name rejects with the SDK's
 * PlaceNameError, named after the attribute, whose suggestions the error state lists.
 */
import type { PnrrClient } from './client.js';

export async function withPlaceCodes<Q extends { comune?: string | undefined; province?: string | undefined }>(client: PnrrClient, query: Q, signal: AbortSignal): Promise<Q> {
  const [comune, province] = await Promise.all([
    query.comune ? client.resolvePlace(query.comune, { kind: 'comune', signal }) : undefined,
    query.province ? client.resolvePlace(query.province, { kind: 'province', signal }) : undefined,
  ]);
  return { ...query, ...(comune ? { comune: comune.code } : {}), ...(province ? { province: province.code } : {}) };
}
