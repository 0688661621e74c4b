/**
 * Where a build keeps what it has read until the aggregate step uses it: files
 * on disk, not objects in memory, so memory stays bounded whatever the size of
 * the input (a national build keeps ~300k projects; held as objects they took
 * ~9 KiB each).
 *
 * Records are appended as JSON lines to one file per (kind, partition). A
 * partition is a hash of the CUP, so every row of a project, and every project
 * of a CUP, lands in the same partition, and the aggregate step can take one
 * partition at a time. Lines are buffered per file and appended in blocks.
 * The folder lives inside the build's temporary folder; it is removed, whole,
 * once the package is written (one removal rather than one per file), or with
 * the temporary folder when the build fails.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** What a spill file holds: project drafts, localisation, payment, tender and indicator rows, finished project records, list items. */
export type SpillKind = 'project' | 'localisation' | 'payment' | 'tender' | 'indicator' | 'record' | 'tender-rest' | 'list';

/** Partitions of the read step: enough that one partition of a national input is a few MB. */
export const SPILL_PARTITIONS = 64;
/** Bytes (UTF-16 code units, near enough) buffered per file before they are appended. */
const FLUSH_AT = 64 * 1024;

/** FNV-1a (32 bit) of a CUP, modulo `count`. */
export function partitionOf(cup: string, count = SPILL_PARTITIONS): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < cup.length; i++) {
    hash ^= cup.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

export class Spill {
  private readonly pending = new Map<string, { lines: string[]; size: number }>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private path(kind: SpillKind, part: string | number): string {
    return join(this.dir, `${kind}-${part}.jsonl`);
  }

  /** Appends one line (JSON text without a line break) to the file of (kind, part). */
  append(kind: SpillKind, part: string | number, line: string): void {
    const path = this.path(kind, part);
    let buffer = this.pending.get(path);
    if (!buffer) this.pending.set(path, (buffer = { lines: [], size: 0 }));
    buffer.lines.push(line);
    buffer.size += line.length + 1;
    if (buffer.size >= FLUSH_AT) this.flushFile(path, buffer);
  }

  private flushFile(path: string, buffer: { lines: string[]; size: number }): void {
    if (buffer.lines.length === 0) return;
    appendFileSync(path, `${buffer.lines.join('\n')}\n`);
    buffer.lines = [];
    buffer.size = 0;
  }

  /** Writes every buffered line out. */
  flush(): void {
    for (const [path, buffer] of this.pending) this.flushFile(path, buffer);
    this.pending.clear();
  }

  /** Every line of (kind, part), in the order appended (buffered ones included). */
  lines(kind: SpillKind, part: string | number): string[] {
    const path = this.path(kind, part);
    const buffer = this.pending.get(path);
    if (buffer) this.flushFile(path, buffer);
    if (!existsSync(path)) return [];
    const text = readFileSync(path, 'utf8');
    return text === '' ? [] : text.slice(0, -1).split('\n');
  }

  /** The file of (kind, part) as bytes (buffered lines included): for files too large to hold as a string. */
  bytes(kind: SpillKind, part: string | number): Buffer {
    const path = this.path(kind, part);
    const buffer = this.pending.get(path);
    if (buffer) this.flushFile(path, buffer);
    return existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
  }

  /** Removes the whole folder. */
  remove(): void {
    this.pending.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
