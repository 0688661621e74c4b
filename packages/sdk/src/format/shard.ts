/**
 * Which project shard holds a CUP. Both the ingest and the client call this, so
 * a card reads exactly one small file. FNV-1a (32 bit) spreads the CUPs evenly
 * and is a few lines with no dependency.
 *
 * The shard count grows with the package (`shardCount`) and is stated in the
 * manifest (`files.projectShards.count`), so one card's file stays small at any
 * size: a power of two, so that `hash % count` keeps the low bits of the hash,
 * and shard names are that number in lower-case hex, at least two digits wide
 * (256 shards: "00"…"ff", as in packages written before the count could grow).
 */

/** The shard count of packages whose manifest does not state one (packages written before it could grow). */
export const LEGACY_SHARD_COUNT = 256;

/**
 * The most projects a shard holds on average. A hash spreads the CUPs, it does not even
 * them out, and the more shards a package has the further its fullest one is from the
 * average; so the average must shrink as packages grow. Measured with the awardees and
 * indicators in the records (docs/benchmarks.md, national section): the all-Italy synthetic
 * package (301,930 projects) at 16 per shard (32,768 shards, 9.2 each) had a largest shard
 * of 9.61 KiB gzip, 10.37 KiB with the manifest, over a card's 10 KiB; at 8 (65,536 shards,
 * 4.6 each) the largest is 7.40 KiB, 8.17 KiB with the manifest. Any average below 9.2 gives
 * that national count; 8 also takes Tuscany (2,770 projects) from 256 to 512 shards (largest
 * 8.9 → 6.7 KiB gzip).
 */
export const PROJECTS_PER_SHARD = 8;

/** The shard count of a package with `projects` project records: the smallest power of two giving at most PROJECTS_PER_SHARD each on average. */
export function shardCount(projects: number): number {
  let count = 1;
  while (count * PROJECTS_PER_SHARD < projects) count *= 2;
  return count;
}

/** True when `count` is a shard count this reader can address: a power of two from 1 to 2^24. */
export const isShardCount = (count: unknown): count is number =>
  typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= 2 ** 24 && (count & (count - 1)) === 0;

/** Name of shard number `index` of `count` (256: 0 → "00", 255 → "ff"; 4096: 0 → "000"). */
export function shardName(index: number, count: number): string {
  const width = Math.max(2, (count - 1).toString(16).length);
  return index.toString(16).padStart(width, '0');
}

/** Every shard name of a package with `count` shards, in order: a package has all of them, even empty ones. */
export const allShards = (count: number): string[] => Array.from({ length: count }, (_, i) => shardName(i, count));

/** The shard of `cup` in a package with `count` shards (default: the legacy 256). */
export function projectShard(cup: string, count: number = LEGACY_SHARD_COUNT): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < cup.length; i++) {
    hash ^= cup.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return shardName(hash % count, count);
}
