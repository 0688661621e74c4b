/**
 * Reads one file of a data package as text: http(s) through `fetch` with
 * bounded retries and a timeout, `file:` URLs through Node's fs. Every failure
 * becomes a NetworkError, except aborts, which reject with the signal's reason.
 *
 * Why not ky (named in the design): ky 1.x is 5 KiB gzip, a quarter of the
 * 20 KiB budget of a card-only page, for the ~40 lines below (GET only, retry
 * with backoff and Retry-After, timeout, abort). See docs/size.md.
 */
import { NetworkError } from '../errors.js';
import { anySignal } from './signals.js';

export interface TransportOptions {
  timeout: number;
  retry: number;
  fetch?: typeof globalThis.fetch;
}

/** Statuses worth another try: the server or a proxy may recover. 404 is final (the package is incomplete). */
const RETRY_STATUS = [408, 413, 429, 500, 502, 503, 504];
/** Backoff 300 ms, 600 ms, then 1 s between attempts; a server's Retry-After is honoured up to 5 s. */
const backoff = (attempt: number): number => Math.min(300 * 2 ** (attempt - 1), 1000);
const MAX_RETRY_AFTER = 5000;

export function readText(url: URL, options: TransportOptions, signal: AbortSignal | undefined): Promise<string> {
  return url.protocol === 'file:' ? readFile(url, signal) : readHttp(url, options, signal);
}

async function readHttp(url: URL, options: TransportOptions, signal: AbortSignal | undefined): Promise<string> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  for (let attempts = 1; ; attempts++) {
    const timeout = AbortSignal.timeout(options.timeout);
    let wait: number;
    try {
      // Same-origin credentials (fetch's default): no cookie is ever sent to another host.
      const response = await fetchImpl(url, { signal: anySignal([signal, timeout]) as AbortSignal });
      if (response.ok) return await response.text();
      if (!RETRY_STATUS.includes(response.status) || attempts > options.retry) {
        throw new NetworkError(url.href, response.status, attempts, `HTTP ${response.status} for ${url.href} after ${attempts} attempt(s)`);
      }
      wait = retryAfter(response.headers.get('retry-after')) ?? backoff(attempts);
      // Free the connection now rather than at garbage collection.
      await response.body?.cancel().catch(() => undefined);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof NetworkError) throw error;
      if (attempts > options.retry) {
        const reason = timeout.aborted ? `timed out after ${options.timeout} ms` : String((error as Error)?.message ?? error);
        throw new NetworkError(url.href, undefined, attempts, `Cannot read ${url.href} (${reason}) after ${attempts} attempt(s)`, { cause: error });
      }
      wait = backoff(attempts);
    }
    await sleep(wait, signal);
  }
}

/** Retry-After in seconds or as an HTTP date, capped; undefined when absent or unreadable. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), MAX_RETRY_AFTER);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

type Fs = { readFile(path: URL, options: { encoding: 'utf8'; signal?: AbortSignal }): Promise<string> };

// The module name sits in a variable so that browser bundlers never try to resolve it.
const FS_MODULE = 'node:fs/promises';

/**
 * Local packages in Node. A missing file is reported like an HTTP 404 (status 404,
 * one attempt), so callers handle "the package is incomplete" the same way for
 * every transport; other fs errors have no status.
 */
async function readFile(url: URL, signal: AbortSignal | undefined): Promise<string> {
  let fs: Fs;
  try {
    fs = (await import(/* @vite-ignore */ FS_MODULE)) as Fs;
  } catch (error) {
    throw new NetworkError(url.href, undefined, 1, `Cannot read ${url.href}: file: URLs need Node.js`, { cause: error });
  }
  try {
    return await fs.readFile(url, { encoding: 'utf8', ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const code = (error as { code?: string }).code;
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    throw new NetworkError(url.href, missing ? 404 : undefined, 1, `Cannot read ${url.href} (${code ?? String(error)})`, { cause: error });
  }
}
