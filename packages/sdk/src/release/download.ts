/**
 * Fetches one source file to disk: Node's fetch, streamed (the national files are
 * hundreds of MB), hashed on the way, with a timeout that restarts on every chunk (a slow but
 * live download goes on; a stalled one stops), bounded retries with backoff for the failures
 * that pass (network errors, a connection cut mid-body, 408, 429, 5xx), and a progress line on a
 * terminal. The file is written as `NAME.part` and renamed only once complete, so a failed or
 * interrupted download never leaves a file that looks finished.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createProgress } from '../cli/progress.js';
import { InputError } from '../ingest/errors.js';

/** Options of `download()`. */
export interface DownloadOptions {
  /** Headers sent with the request (from sources.json). */
  headers?: Record<string, string>;
  /** Milliseconds without any byte before an attempt is given up (default 60 000). */
  timeout?: number;
  /** Retries after a failure that may pass (default 2, so 3 attempts). */
  retries?: number;
  /** Stops the download (Ctrl-C): the partial file is removed and the signal's reason thrown. */
  signal?: AbortSignal;
  /** Label of the progress line (shown on a terminal only). */
  label?: string;
}

/** What was downloaded. */
export interface Downloaded {
  bytes: number;
  sha256: string;
}

/** A failure worth another attempt (network, cut body, timeout, 408/429/5xx). */
class Transient extends Error {}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Downloads `source` (an http(s) URL, or a local path copied as is) into `dest`.
 *
 * @throws InputError with a one-line reason when the file cannot be had after the retries;
 *   the signal's reason when aborted. Either way no `dest` nor `dest.part` is left.
 */
export async function download(source: string, dest: string, options: DownloadOptions = {}): Promise<Downloaded> {
  const { retries = 2, signal } = options;
  const name = options.label ?? dest;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    try {
      const result = /^https?:\/\//i.test(source) ? await fetchOnce(source, `${dest}.part`, options) : await copyOnce(source, `${dest}.part`, name, signal);
      await rename(`${dest}.part`, dest);
      return result;
    } catch (error) {
      await rm(`${dest}.part`, { force: true });
      if (signal?.aborted) throw signal.reason;
      if (!(error instanceof Transient)) throw error instanceof InputError ? error : new InputError(`${name}: ${(error as Error).message}`);
      if (attempt >= retries) throw new InputError(`download of ${name} failed after ${attempt + 1} attempt${attempt ? 's' : ''}: ${error.message} (${source})`);
      await sleep(Math.min(500 * 2 ** attempt, 5000), undefined, signal ? { signal } : {}).catch(() => {});
    }
  }
}

async function fetchOnce(url: string, part: string, options: DownloadOptions): Promise<Downloaded> {
  const { timeout = 60_000, signal } = options;
  const label = options.label ?? url;
  const stall = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(new Transient(`no data for ${timeout / 1000} s`)), timeout);
  };
  const combined = signal ? AbortSignal.any([signal, stall.signal]) : stall.signal;
  arm();
  try {
    let response: Response;
    try {
      response = await fetch(url, { headers: options.headers ?? {}, signal: combined, redirect: 'follow' });
    } catch (error) {
      throw asTransient(error, stall.signal);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      const text = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      if (RETRY_STATUS.has(response.status)) throw new Transient(text);
      throw new InputError(`download of ${label} failed: ${text} (${url})`);
    }
    const announced = Number(response.headers.get('content-length') ?? NaN);
    const progress = createProgress(`downloading ${label}`, Number.isFinite(announced) ? announced : 0);
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        arm();
        bytes += chunk.length;
        hash.update(chunk);
        progress.update(bytes);
        callback(null, chunk);
      },
    });
    if (!response.body) throw new Transient('empty response');
    try {
      await pipeline(Readable.fromWeb(response.body as WebReadableStream), meter, createWriteStream(part), { signal: combined });
    } catch (error) {
      throw asTransient(error, stall.signal, `connection lost after ${bytes} bytes`);
    }
    if (Number.isFinite(announced) && bytes !== announced) throw new Transient(`received ${bytes} bytes of the ${announced} announced`);
    progress.done();
    return { bytes, sha256: hash.digest('hex') };
  } finally {
    clearTimeout(timer);
  }
}

/** A network-level failure as a Transient with a short reason (the user's abort passes through unchanged). */
function asTransient(error: unknown, stall: AbortSignal, what?: string): unknown {
  if (stall.aborted) return stall.reason;
  if (error instanceof InputError) return error;
  if ((error as { name?: string }).name === 'AbortError') return error;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message;
  return new Transient(what ? `${what} (${detail})` : detail);
}

/** Copies a local file (a source kept next to sources.json), hashing it on the way. */
async function copyOnce(path: string, part: string, label: string, signal?: AbortSignal): Promise<Downloaded> {
  try {
    await stat(path);
  } catch {
    throw new InputError(`${label}: ${path} does not exist`);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(createReadStream(path), meter, createWriteStream(part), signal ? { signal } : {});
  return { bytes, sha256: hash.digest('hex') };
}
