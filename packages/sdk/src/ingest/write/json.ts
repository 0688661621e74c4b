/**
 * Deterministic output: objects are built with their keys in schema order and
 * every array is sorted by the builder, so plain JSON.stringify is stable. Every
 * file is compact, the manifest too (every view reads it: its size counts in each
 * view's budget).
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';

export const compactJson = (value: unknown): string => `${JSON.stringify(value)}\n`;

/** Indented JSON, for files people read (releases.json, the diff report). */
export const prettyJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export interface WrittenFile {
  bytes: number;
  sha256: string;
}

/** Files written between two turns of the event loop (so that a Ctrl-C is seen while files are written synchronously). */
const FILES_PER_TURN = 64;

/**
 * Writes text files under `dir`, remembering size and hash of each for checksums.json; stops between
 * files once `signal` is aborted. Files are written synchronously: a package has thousands of small
 * files, and `writeFileSync` is about twice as fast here as `fs/promises` (no thread-pool round trip
 * per open, write and close); every `FILES_PER_TURN` files the event loop gets a turn, so a signal is
 * still seen.
 */
export class PackageWriter {
  readonly written = new Map<string, WrittenFile>();
  private readonly folders = new Set<string>();
  constructor(readonly dir: string, private readonly signal?: AbortSignal) {}

  /** The file's path, its folder created (once per folder); gives the event loop a turn now and then. */
  private async prepare(relative: string): Promise<string> {
    if (this.written.size % FILES_PER_TURN === FILES_PER_TURN - 1) await nextTurn();
    this.signal?.throwIfAborted();
    const path = join(this.dir, relative);
    const folder = dirname(path);
    if (!this.folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    return path;
  }

  async write(relative: string, content: string | Buffer): Promise<void> {
    const path = await this.prepare(relative);
    // A string is hashed and written as it is, without a Buffer copy (a national list file is ~100 MB).
    const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
    const sha256 = createHash('sha256').update(content).digest('hex');
    writeFileSync(path, content);
    this.written.set(relative, { bytes, sha256 });
  }

  /**
   * Writes a file given in chunks, in order, hashing them as they go: a file larger than memory
   * should hold at once (an all-Italy list is ~100 MB) is never joined into one string or Buffer.
   */
  async writeChunks(relative: string, chunks: Iterable<string | Buffer>): Promise<void> {
    const path = await this.prepare(relative);
    const hash = createHash('sha256');
    let bytes = 0;
    const fd = openSync(path, 'w');
    try {
      for (const chunk of chunks) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        hash.update(buffer);
        bytes += buffer.length;
        for (let at = 0; at < buffer.length; ) at += writeSync(fd, buffer, at);
      }
    } finally {
      closeSync(fd);
    }
    this.written.set(relative, { bytes, sha256: hash.digest('hex') });
  }
}
