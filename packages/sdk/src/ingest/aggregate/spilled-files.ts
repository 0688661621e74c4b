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
import { LIST_PAGE_ORDER, byListItemOrder, byListPageOrder, listPageCount } from '../../format/list-pages.js';

/** A project shard file, made on demand from the records spilled for it. */
export interface ShardText {
  shard: string;
  /** The file's text, exactly `compactJson(projectShard)`; call once. */
  text(): string;
}

/** A project list file, made on demand from the items spilled for it, and its page files when it is paged. */
export interface ListText {
  territory: string;
  /** Number of pages: 1 for a list within one page (no page files), else its first page and the page files 2…pages. */
  pages: number;
  /** The list file's bytes in order, together exactly `compactJson(projectList)`; iterate once, before `pageFiles`. */
  chunks(): Iterable<string | Buffer>;
  /** The page files 2…pages of a paged list (none for a list within one page), each its number and text; iterate once. */
  pageFiles(): Iterable<{ page: number; text: string }>;
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

/** A tenders file (the tenders past a project's first ones), made on demand from the entries spilled for its CUP. */
export interface TenderText {
  cup: string;
  /** The file's text, exactly `compactJson(tenderFile)`; call once. */
  text(): string;
}

/**
 * The tenders file of each CUP of `files` (in the order given: partition by partition), from the
 * entries spilled (kind `tender-rest`) as "CUP\tentry JSON", in the drafts' order (CUP, local code).
 */
export function tenderTexts(spill: Spill, files: ReadonlyArray<{ cup: string; part: number }>): TenderText[] {
  const entries = new GroupedPartitions(spill, 'tender-rest');
  return files.map(({ cup, part }) => ({
    cup,
    text: () => `{"schemaVersion":${JSON.stringify(SCHEMA_VERSION)},"cup":${JSON.stringify(cup)},"projects":[${entries.take(part, cup).join(',')}]}\n`,
  }));
}

/** The spill partition of a territory key's list items: its province (first 3 digits), the region key alone. */
export const listGroup = (key: string): string => key.slice(0, 3);

/**
 * One spilled list item: its sort keys (PNRR amount, CUP, local code, and the amounts attributed to the
 * list's territory) and where its JSON is in the group's bytes.
 */
interface ItemRef {
  pnrrCents: number;
  cup: string;
  localCode: string;
  areaPnrrCents: number;
  areaTotalCents: number;
  start: number;
  end: number;
}
/** The spilled sort key of a list item: what `ItemRef` needs besides the item's place in the bytes. */
export const listSortKey = (pnrrCents: number, cup: string, localCode: string, areaPnrrCents: number, areaTotalCents: number): string =>
  JSON.stringify([pnrrCents, cup, localCode, areaPnrrCents, areaTotalCents]);

const TAB = 0x09;
const NEWLINE = 0x0a;
/** Items per chunk handed to the writer. */
const ITEMS_PER_CHUNK = 2048;

/**
 * The list items of one group (kind `list`), read as bytes, not as a string: the group of the
 * region key holds one item per project (~100 MB for all of Italy). Only each item's sort key
 * and its place in the bytes are parsed; the items' JSON is copied out as it is written.
 */
class ListGroup {
  private readonly byTerritory = new Map<string, ItemRef[]>();
  constructor(readonly group: string, readonly bytes: Buffer) {
    let at = 0;
    while (at < bytes.length) {
      const lineEnd = bytes.indexOf(NEWLINE, at);
      const end = lineEnd < 0 ? bytes.length : lineEnd;
      const tab1 = bytes.indexOf(TAB, at);
      const tab2 = bytes.indexOf(TAB, tab1 + 1);
      const territory = bytes.toString('latin1', at, tab1);
      const [pnrrCents, cup, localCode, areaPnrrCents, areaTotalCents] = JSON.parse(bytes.toString('utf8', tab1 + 1, tab2)) as [number, string, string, number, number];
      const ref: ItemRef = { pnrrCents, cup, localCode, areaPnrrCents, areaTotalCents, start: tab2 + 1, end };
      const list = this.byTerritory.get(territory);
      if (list) list.push(ref);
      else this.byTerritory.set(territory, [ref]);
      at = end + 1;
    }
  }

  /**
   * The items of `territory` (taken out: each territory is asked for once), sorted: a list within one page
   * by whole PNRR amount (`byListItemOrder`), a paged list in its page order (`byListPageOrder`).
   */
  take(territory: string, paged: boolean): ItemRef[] {
    const items = this.byTerritory.get(territory) ?? [];
    this.byTerritory.delete(territory);
    return items.sort(paged ? byListPageOrder : byListItemOrder);
  }

  /** The JSON texts of `items[from…to)` joined by commas, as one buffer. */
  join(items: readonly ItemRef[], from: number, to: number): Buffer {
    const parts: Buffer[] = [];
    for (let i = from; i < to; i++) {
      if (i > from) parts.push(COMMA);
      parts.push(this.bytes.subarray(items[i]!.start, items[i]!.end));
    }
    return Buffer.concat(parts);
  }
}
const COMMA = Buffer.from(',');

/**
 * The list file of each of `keys` from the items spilled (kind `list`) by `listGroup` as
 * "key\tsort key JSON\titem JSON" (`listSortKey`); a key without items has an empty list. A list of
 * more than `pageSize` items (`sizes` counts them) is paged: its file holds the first page and
 * `paging`, and `pageFiles()` gives the other pages. Handed out a group at a time (the last group read
 * is kept until the next is needed); each list file is given in chunks.
 */
export function listTexts(spill: Spill, keys: readonly string[], sizes: ReadonlyMap<string, number>, pageSize: number): ListText[] {
  let cached: ListGroup | null = null;
  const groupOf = (key: string): ListGroup => {
    const group = listGroup(key);
    if (cached?.group !== group) {
      cached = null;
      cached = new ListGroup(group, spill.bytes('list', group));
    }
    return cached;
  };
  const version = JSON.stringify(SCHEMA_VERSION);
  const ordered = [...keys].sort((a, b) => byString(listGroup(a), listGroup(b)) || byString(a, b));
  return ordered.map((territory) => {
    const pages = listPageCount(sizes.get(territory) ?? 0, pageSize);
    // Shared by chunks() and pageFiles(), and released by them: each ListGroup holds a group's spilled bytes
    // (the region's: ~100 MB for all of Italy), which may be freed once its lists are written.
    let items: ItemRef[] = [];
    let group: ListGroup | null = null;
    return {
      territory,
      pages,
      *chunks() {
        group = groupOf(territory);
        items = group.take(territory, pages > 1);
        const head = `{"schemaVersion":${version},"territory":${JSON.stringify(territory)}`;
        if (pages === 1) {
          yield `${head},"items":[`;
          for (let from = 0; from < items.length; from += ITEMS_PER_CHUNK) {
            if (from > 0) yield ',';
            yield group.join(items, from, Math.min(items.length, from + ITEMS_PER_CHUNK));
          }
          yield ']}\n';
          group = null; // the group's bytes must not outlive this list (contents.lists holds every ListText to the end)
          items = [];
          return;
        }
        let areaPnrrCents = 0;
        let areaTotalCents = 0;
        for (const item of items) {
          areaPnrrCents += item.areaPnrrCents;
          areaTotalCents += item.areaTotalCents;
        }
        const paging = { total: items.length, pages, pageSize, order: LIST_PAGE_ORDER, areaPnrrCents, areaTotalCents };
        yield `${head},"paging":${JSON.stringify(paging)},"items":[`;
        yield group.join(items, 0, pageSize);
        yield ']}\n';
      },
      *pageFiles() {
        if (pages === 1 || !group) return;
        const source = group;
        for (let page = 2; page <= pages; page++) {
          const from = (page - 1) * pageSize;
          const body = source.join(items, from, Math.min(items.length, from + pageSize)).toString('utf8');
          yield { page, text: `{"schemaVersion":${version},"territory":${JSON.stringify(territory)},"page":${page},"items":[${body}]}\n` };
        }
        items = [];
        group = null;
      },
    };
  });
}
