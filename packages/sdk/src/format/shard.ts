/**
 * Which project shard holds a CUP. Both the ingest and the client call this, so
 * a card reads exactly one small file. FNV-1a (32 bit) spreads the CUPs evenly
 * and is a few lines with no dependency.
 */
export const PROJECT_SHARD_COUNT = 256;

export function projectShard(cup: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < cup.length; i++) {
    hash ^= cup.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % PROJECT_SHARD_COUNT).toString(16).padStart(2, '0');
}
