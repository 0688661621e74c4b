/**
 * Reads one file of a data package as text: http(s) through ky (bounded
 * retries, timeout), `file:` URLs through Node's fs. Every failure becomes a
 * NetworkError, except aborts, which reject with the signal's reason.
 */
import ky, { HTTPError, TimeoutError } from 'ky';
import { NetworkError } from '../errors.js';

export interface TransportOptions {
  timeout: number;
  retry: number;
  fetch?: typeof globalThis.fetch;
}

/** Statuses worth another try: the server or a proxy may recover. 404 is final (the package is incomplete). */
const RETRY_STATUS = [408, 413, 429, 500, 502, 503, 504];

export function readText(url: URL, options: TransportOptions, signal: AbortSignal | undefined): Promise<string> {
  return url.protocol === 'file:' ? readFile(url, signal) : readHttp(url, options, signal);
}

async function readHttp(url: URL, options: TransportOptions, signal: AbortSignal | undefined): Promise<string> {
  let attempts = 1;
  try {
    const response = await ky.get(url, {
      // A server's Retry-After is honoured but capped, so a widget never waits minutes for a retry.
      retry: { limit: options.retry, methods: ['get'], statusCodes: RETRY_STATUS, backoffLimit: 1000, maxRetryAfter: 5000 },
      timeout: options.timeout,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(signal ? { signal } : {}),
      hooks: { beforeRetry: [() => void attempts++] },
    });
    return await response.text();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof HTTPError) {
      const { status } = error.response;
      throw new NetworkError(url.href, status, attempts, `HTTP ${status} for ${url.href} after ${attempts} attempt(s)`, { cause: error });
    }
    const reason = error instanceof TimeoutError ? `timed out after ${options.timeout} ms` : String((error as Error)?.message ?? error);
    throw new NetworkError(url.href, undefined, attempts, `Cannot read ${url.href} (${reason}) after ${attempts} attempt(s)`, { cause: error });
  }
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
