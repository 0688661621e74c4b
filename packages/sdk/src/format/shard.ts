/**
 * Which project shard holds a CUP. Both the ingest and the client call this, so
 * a card reads exactly one small file. FNV-1a (32 bit) spreads the CUPs evenly
 * and is a few lines with no dependency.
 */
export const PROJECT_SHARD_COUNT = 256;

/** Name of shard number `index` (0 → "00", 255 → "ff"). */
const shardName = (index: number): string => index.toString(16).padStart(2, '0');

/** Every shard name, in order: a package has all of them, even empty ones. */
export const ALL_SHARDS: readonly string[] = Array.from({ length: PROJECT_SHARD_COUNT }, (_, i) => shardName(i));

export function projectShard(cup: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < cup.length; i++) {
    hash ^= cup.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return shardName(hash % PROJECT_SHARD_COUNT);
}
