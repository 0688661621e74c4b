/**
 * Streaming CSV reader for the official files. The national files are ~300 MB,
 * so records are handed to a callback one at a time and never collected.
 *
 * - The delimiter (`;` in official downloads, `,` in re-serialised extracts) is
 *   sniffed from the header line, counting only characters outside quotes.
 * - The text must be UTF-8 (the official files are): binary data is refused as
 *   "not a CSV file", other encodings (Latin-1 / Windows-1252 from a spreadsheet)
 *   with the command that converts them, never read as U+FFFD replacement characters.
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
import { createProgress } from '../../cli/progress.js';
import { InputError } from '../errors.js';
import { FastCsv } from './fast-csv.js';

/** Callbacks of `readCsv()`, called in file order. */
export interface CsvHandlers {
  /** Called once with the header row; may throw (e.g. unrecognised layout) to abort. */
  onHeader(header: string[]): void;
  /** Called for each data record with its 1-based physical line. */
  onRecord(record: string[], line: number): void;
  /** Called for a record the CSV parser could not read (e.g. wrong field count). */
  onReject(line: number, reason: string): void;
}

const convertHint = (file: string): string =>
  `the official files are UTF-8; if a spreadsheet saved it as Latin-1 / Windows-1252, convert it first: iconv -f WINDOWS-1252 -t UTF-8 '${file}' > '${file.replace(/(\.csv)?$/i, '-utf8.csv')}'`;

/** Refuses binary data: a NUL byte, or more than 1% control characters other than tab, CR, LF, FF in the first 64 KB. */
function refuseBinary(head: Buffer, label: string): void {
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) controls = head.length;
    else if (byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 12 && byte !== 13) controls++;
    if (controls > head.length / 100) {
      throw new InputError(`${label}: not a CSV file (binary data); expected a UTF-8 text table such as PNRR_Progetti.csv`);
    }
  }
}

/**
 * Checks, chunk by chunk, that the bytes are UTF-8 (a sequence cut between chunks is carried over),
 * counting lines so that the first bad byte can be located.
 */
class Utf8Check {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private lines = 1;
  constructor(private readonly label: string) {}

  /** Checks `chunk` and returns its text (a character cut at its end comes with the next chunk). */
  update(chunk: Buffer): string {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw new InputError(`${this.label}: not UTF-8 text (line ${this.lines + this.linesBeforeBadByte(chunk)}); ${convertHint(this.label)}`);
    }
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) this.lines++;
    return text;
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      throw new InputError(`${this.label}: not UTF-8 text (line ${this.lines}, a cut character at the end); ${convertHint(this.label)}`);
    }
  }

  /** Line breaks in `chunk` before its first undecodable byte (leading bytes of a character begun in the previous chunk skipped). */
  private linesBeforeBadByte(chunk: Buffer): number {
    let start = 0;
    while (start < 3 && start < chunk.length && (chunk[start]! & 0xc0) === 0x80) start++;
    const text = new TextDecoder('utf-8').decode(chunk.subarray(start));
    const bad = text.indexOf('\uFFFD');
    return (text.slice(0, bad < 0 ? text.length : bad).match(/\n/g) ?? []).length;
  }
}

/** The first 64 KB of a file. */
async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Reads the start of the file and picks `;` or `,`, whichever is more frequent outside quotes on the first line. */
export async function sniffDelimiter(path: string): Promise<';' | ','> {
  const text = (await readHead(path)).toString('utf8').replace(/^\uFEFF/, '');
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

/** Whether the first line of `head` ends in a lone CR (old Mac line ends), which only csv-parse reads. */
function loneCrLines(head: Buffer): boolean {
  const lf = head.indexOf(10);
  const cr = head.indexOf(13);
  return cr >= 0 && (lf < 0 || cr < lf - 1);
}

/** Streams a CSV file through `handlers`, hashing it on the way. */
export async function readCsv(path: string, handlers: CsvHandlers, label = basename(path), signal?: AbortSignal): Promise<CsvReadResult> {
  const size = await fileSize(path);
  const head = await readHead(path);
  refuseBinary(head, basename(path));
  const delimiter = await sniffDelimiter(path);
  if (loneCrLines(head)) return readWithCsvParse(path, size, delimiter, handlers, label, signal);
  const utf8 = new Utf8Check(basename(path));
  const progress = createProgress(label, size);
  const hash = createHash('sha256');
  let bytes = 0;
  let rows = 0;
  let headerSeen = false;
  const tokens = new FastCsv(delimiter, {
    record(fields, line) {
      if (!headerSeen) {
        headerSeen = true;
        handlers.onHeader(fields);
      } else {
        rows++;
        handlers.onRecord(fields, line);
      }
    },
    malformed(line, message) {
      rows++;
      handlers.onReject(line, `malformed row: ${message}`);
    },
  });
  // 1 MB reads: fewer, larger strings for the tokenizer.
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    hash.update(chunk);
    progress.update(bytes);
    tokens.push(utf8.update(chunk));
  }
  tokens.push(utf8.end());
  tokens.end();
  progress.done();
  if (!headerSeen) throw new InputError(`${path}: empty file (no header line)`);
  return { rows, sha256: hash.digest('hex'), bytes };
}

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new InputError(`${path}: not a file`);
    return s.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: file not found or not readable`);
  }
}

/** The same reading with csv-parse, for files whose lines end in a lone CR. */
async function readWithCsvParse(
  path: string, size: number, delimiter: ';' | ',', handlers: CsvHandlers, label: string, signal?: AbortSignal,
): Promise<CsvReadResult> {
  const utf8 = new Utf8Check(basename(path));
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
      try {
        utf8.update(chunk);
      } catch (error) {
        callback(error as Error);
        return;
      }
      callback(null, chunk);
    },
    flush(callback) {
      try {
        utf8.end();
        callback();
      } catch (error) {
        callback(error as Error);
      }
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
  await (signal ? pipeline(createReadStream(path), counter, parser, sink, { signal }) : pipeline(createReadStream(path), counter, parser, sink));
  progress.done();
  if (!headerSeen) throw new InputError(`${path}: empty file (no header line)`);
  return { rows, sha256: hash.digest('hex'), bytes };
}
