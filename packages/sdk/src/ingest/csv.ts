/**
 * Streaming CSV reader for the official files. The national files are ~300 MB,
 * so records are handed to a callback one at a time and never collected.
 *
 * - The delimiter (`;` in official downloads, `,` in re-serialised extracts) is
 *   sniffed from the header line, counting only characters outside quotes.
 * - A UTF-8 BOM is stripped.
 * - Column count is strict: a record with a different number of fields than the
 *   header is not guessed at but handed to `onReject` with its line number.
 * - Each record carries its 1-based physical line number (header = line 1); for
 *   a record spanning several lines (quoted newline) it is the first one.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { createProgress } from './progress.js';
import { InputError } from './input-error.js';

/** Callbacks of `readCsv()`, called in file order. */
export interface CsvHandlers {
  /** Called once with the header row; may throw (e.g. unrecognised layout) to abort. */
  onHeader(header: string[]): void;
  /** Called for each data record with its 1-based physical line. */
  onRecord(record: string[], line: number): void;
  /** Called for a record the CSV parser could not read (e.g. wrong field count). */
  onReject(line: number, reason: string): void;
}

/** Reads the start of the file and picks `;` or `,`, whichever is more frequent outside quotes on the first line. */
export async function sniffDelimiter(path: string): Promise<';' | ','> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    let semicolons = 0;
    let commas = 0;
    let quoted = false;
    for (const ch of text) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === '\n' || ch === '\r')) break;
      else if (!quoted && ch === ';') semicolons++;
      else if (!quoted && ch === ',') commas++;
    }
    return semicolons > commas ? ';' : ',';
  } finally {
    await handle.close();
  }
}

function countNewlines(record: string[]): number {
  let n = 0;
  for (const field of record) {
    if (!field.includes('\n') && !field.includes('\r')) continue;
    n += (field.match(/\r\n|\r|\n/g) ?? []).length;
  }
  return n;
}

/** What `readCsv()` read. */
export interface CsvReadResult {
  /** Data records seen (header excluded), rejected ones included. */
  rows: number;
  /** sha256 of the file's bytes, hex. */
  sha256: string;
  /** File size in bytes. */
  bytes: number;
}

/** Streams a CSV file through `handlers`, hashing it on the way. */
export async function readCsv(path: string, handlers: CsvHandlers, label = basename(path)): Promise<CsvReadResult> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new InputError(`${path}: not a file`);
    size = s.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: file not found or not readable`);
  }
  const delimiter = await sniffDelimiter(path);
  const progress = createProgress(label, size);
  let bytes = 0;
  let headerSeen = false;
  let rows = 0;
  const hash = createHash('sha256');
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      hash.update(chunk);
      progress.update(bytes);
      callback(null, chunk);
    },
  });
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    relax_column_count: false,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      rows++;
      const line = typeof err?.lines === 'number' ? err.lines : 0;
      handlers.onReject(line, `malformed row: ${err?.message ?? 'unreadable record'}`);
      return undefined;
    },
  });
  const sink = new Writable({
    objectMode: true,
    write(item: { record: string[]; info: { lines: number } }, _encoding, callback) {
      try {
        const line = item.info.lines - countNewlines(item.record);
        if (!headerSeen) {
          headerSeen = true;
          handlers.onHeader(item.record);
        } else {
          rows++;
          handlers.onRecord(item.record, line);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  await pipeline(createReadStream(path), counter, parser, sink);
  progress.done();
  if (!headerSeen) throw new InputError(`${path}: empty file (no header line)`);
  return { rows, sha256: hash.digest('hex'), bytes };
}
