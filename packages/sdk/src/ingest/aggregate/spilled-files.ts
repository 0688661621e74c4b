/**
 * The package files that grow with the number of projects — project shards and
 * project lists — made on demand from what the aggregate step spilled (read/spill.ts),
 * one file at a time, so that no more than one spill partition is in memory.
 * The files are handed out in the order that reads each spill partition once;
 * the writer does not depend on the order (checksums.json is sorted).
 */
import { byString } from '../../format/compare.js';
import { shardName } from '../../format/shard.js';
import { SCHEMA_VERSION } from '../../format/version.js';
import { SPILL_PARTITIONS, type Spill, type SpillKind } from '../read/spill.js';

/** A project shard file, made on demand from the records spilled for it. */
export interface ShardText {
  shard: string;
  /** The file's text, exactly `compactJson(projectShard)`; call once. */
  text(): string;
}

/** A project list file, made on demand from the items spilled for it. */
export interface ListText {
  territory: string;
  /** The file's text, exactly `compactJson(projectList)`; call once. */
  text(): string;
}

/**
 * The lines of one spill partition grouped by their first field (up to the first tab), the rest of
 * each line kept; the last partition read stays cached until another is asked for.
 */
class GroupedPartitions {
  private cached: { part: string | number; groups: Map<string, string[]> } | null = null;
  constructor(private readonly spill: Spill, private readonly kind: SpillKind) {}

  /** The lines of `group` in partition `part` (taken out of the cache: each group is asked for once). */
  take(part: string | number, group: string): string[] {
    if (this.cached?.part !== part) {
      this.cached = null;
      const groups = new Map<string, string[]>();
      for (const line of this.spill.lines(this.kind, part)) {
        const tab = line.indexOf('\t');
        const key = line.slice(0, tab);
        const list = groups.get(key);
        if (list) list.push(line.slice(tab + 1));
        else groups.set(key, [line.slice(tab + 1)]);
      }
      this.cached = { part, groups };
    }
    const lines = this.cached.groups.get(group) ?? [];
    this.cached.groups.delete(group);
    return lines;
  }
}

/** "sort key\tJSON" lines sorted by their sort key (compared with `compare`), the JSON texts joined by commas. */
function sortedJson<K>(lines: readonly string[], parse: (key: string) => K, compare: (a: K, b: K) => number): string {
  const entries = lines.map((line) => {
    const tab = line.indexOf('\t');
    return { key: parse(line.slice(0, tab)), json: line.slice(tab + 1) };
  });
  entries.sort((a, b) => compare(a.key, b.key));
  return entries.map((e) => e.json).join(',');
}

/**
 * The spill partitions holding the records of shard `index` of `count`: the shard and the partition
 * are the same FNV-1a hash of the CUP (format/shard.ts, read/spill.ts) modulo powers of two, so with
 * at least SPILL_PARTITIONS shards a shard's records are all in partition `index % SPILL_PARTITIONS`,
 * and with fewer, in the partitions `p` with `p % count === index`.
 */
function shardPartitions(index: number, count: number): number[] {
  if (count >= SPILL_PARTITIONS) return [index % SPILL_PARTITIONS];
  const out: number[] = [];
  for (let p = index; p < SPILL_PARTITIONS; p += count) out.push(p);
  return out;
}

/**
 * Every shard of a package with `count` shards, from the records spilled (kind `record`) by CUP
 * partition as "shard\tkey JSON\trecord JSON": a shard's records sorted by key ("CUP\0local code":
 * a CUP is 15 characters, so comparing keys compares CUPs, then local codes).
 */
export function shardTexts(spill: Spill, count: number): ShardText[] {
  const records = new GroupedPartitions(spill, 'record');
  const indices = Array.from({ length: count }, (_, i) => i);
  if (count >= SPILL_PARTITIONS) indices.sort((a, b) => (a % SPILL_PARTITIONS) - (b % SPILL_PARTITIONS) || a - b);
  return indices.map((index) => {
    const shard = shardName(index, count);
    return {
      shard,
      text: () => {
        const lines = shardPartitions(index, count).flatMap((p) => records.take(p, shard));
        const projects = sortedJson(lines, (key) => JSON.parse(key) as string, byString);
        return `{"schemaVersion":${JSON.stringify(SCHEMA_VERSION)},"shard":${JSON.stringify(shard)},"projects":[${projects}]}\n`;
      },
    };
  });
}

/** The spill partition of a territory key's list items: its province (first 3 digits), the region key alone. */
export const listGroup = (key: string): string => key.slice(0, 3);

/** A list item's sort key: PNRR amount (largest first), CUP, local code. */
type ItemOrder = [number, string, string];
const byItemOrder = (a: ItemOrder, b: ItemOrder): number => b[0] - a[0] || byString(a[1], b[1]) || byString(a[2], b[2]);

/**
 * The list file of each of `keys` from the items spilled (kind `list`) by `listGroup` as
 * "key\tsort key JSON\titem JSON"; a key without items has an empty list. Handed out a group at a time.
 */
export function listTexts(spill: Spill, keys: readonly string[]): ListText[] {
  const items = new GroupedPartitions(spill, 'list');
  const ordered = [...keys].sort((a, b) => byString(listGroup(a), listGroup(b)) || byString(a, b));
  return ordered.map((territory) => ({
    territory,
    text: () => {
      const list = sortedJson(items.take(listGroup(territory), territory), (key) => JSON.parse(key) as ItemOrder, byItemOrder);
      return `{"schemaVersion":${JSON.stringify(SCHEMA_VERSION)},"territory":${JSON.stringify(territory)},"items":[${list}]}\n`;
    },
  }));
}
