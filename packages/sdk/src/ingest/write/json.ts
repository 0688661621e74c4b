/**
 * Deterministic output: objects are built with their keys in schema order and
 * every array is sorted by the builder, so plain JSON.stringify is stable. Every
 * file is compact, the manifest too (every view reads it: its size counts in each
 * view's budget).
 */
import { createHash } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const compactJson = (value: unknown): string => `${JSON.stringify(value)}\n`;

/** Indented JSON, for files people read (releases.json, the diff report). */
export const prettyJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export interface WrittenFile {
  bytes: number;
  sha256: string;
}

/** Writes text files under `dir`, remembering size and hash of each for checksums.json; stops between files once `signal` is aborted. */
export class PackageWriter {
  readonly written = new Map<string, WrittenFile>();
  constructor(readonly dir: string, private readonly signal?: AbortSignal) {}

  async write(relative: string, content: string | Buffer): Promise<void> {
    this.signal?.throwIfAborted();
    const path = join(this.dir, relative);
    await mkdir(dirname(path), { recursive: true });
    // A string is hashed and written as it is, without a Buffer copy (a national list file is ~100 MB).
    const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
    const sha256 = createHash('sha256').update(content).digest('hex');
    await writeFile(path, content);
    this.written.set(relative, { bytes, sha256 });
  }

  /**
   * Writes a file given in chunks, in order, hashing them as they go: a file larger than memory
   * should hold at once (an all-Italy list is ~100 MB) is never joined into one string or Buffer.
   */
  async writeChunks(relative: string, chunks: Iterable<string | Buffer>): Promise<void> {
    this.signal?.throwIfAborted();
    const path = join(this.dir, relative);
    await mkdir(dirname(path), { recursive: true });
    const hash = createHash('sha256');
    let bytes = 0;
    const handle = await open(path, 'w');
    try {
      for (const chunk of chunks) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        hash.update(buffer);
        bytes += buffer.length;
        await handle.write(buffer);
      }
    } finally {
      await handle.close();
    }
    this.written.set(relative, { bytes, sha256: hash.digest('hex') });
  }
}
