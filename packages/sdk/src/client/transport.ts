/**
 * Reads one file of a data package as text: http(s) through ky, `file:` URLs
 * through Node's fs. Every failure becomes a NetworkError, except aborts,
 * which reject with the signal's reason.
 *
 * ky does the retries (GET only, backoff 300 ms, 600 ms, then 1 s; a server's
 * Retry-After honoured up to 5 s; timeouts and refused connections retried too),
 * the per-attempt timeout and the abort. The client's `http` option is merged
 * into the same ky instance, so a site can add headers or hooks (http-options.ts).
 */
import ky, { HTTPError, TimeoutError, type Options } from 'ky';
import { NetworkError } from '../errors.js';

/**
 * Statuses worth another try: the server or a proxy may recover. 404 is final (the package is incomplete).
 * ky retries a 413 only when the answer has a Retry-After header.
 */
const RETRY_STATUS = [408, 413, 429, 500, 502, 503, 504];

/** The kit's ky defaults; the caller's `http` options are merged over them. */
export const KY_DEFAULTS = {
  timeout: 10_000,
  retry: {
    limit: 2,
    methods: ['get'],
    statusCodes: RETRY_STATUS,
    afterStatusCodes: RETRY_STATUS,
    backoffLimit: 1000,
    maxRetryAfter: 5000,
    retryOnTimeout: true,
  },
} satisfies Options;

export interface TransportOptions {
  /** ky options: KY_DEFAULTS with the client's timeout, retry and `http` merged in. */
  ky: Options;
  fetch?: typeof globalThis.fetch;
}

/** Reads the file at `url` as text. */
export type ReadText = (url: URL, signal: AbortSignal | undefined) => Promise<string>;

export function createTransport(options: TransportOptions): ReadText {
  const api = ky.create(options.ky);
  const timeout = options.ky.timeout;
  const fetchImpl = options.fetch;

  return async function readText(url, signal) {
    if (url.protocol === 'file:') return readFile(url, signal);
    let attempts = 0;
    // ky calls fetch(request) with the abort signal on the Request; it is passed in init as well, as a
    // plain fetch(url, { signal }) call would, for custom fetch functions that look there. The body is
    // read inside the call, so ky's timeout covers the whole download of each attempt, not only the
    // headers, and a failed answer's connection is freed at once.
    const fetchWhole = async (request: Request, init?: RequestInit): Promise<Response> => {
      attempts++;
      const response = await (fetchImpl ?? globalThis.fetch)(request, { ...init, signal: request.signal });
      const body = [101, 204, 205, 304].includes(response.status) ? null : await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
    try {
      // Same-origin credentials (fetch's default): no cookie is ever sent to another host.
      const response = await api.get(url, { fetch: fetchWhole as typeof globalThis.fetch, ...(signal ? { signal } : {}) });
      return await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      attempts = Math.max(attempts, 1);
      if (error instanceof HTTPError) {
        const { status } = error.response;
        throw new NetworkError(url.href, status, attempts, `HTTP ${status} for ${url.href} after ${attempts} attempt(s)`, { cause: error });
      }
      const reason = error instanceof TimeoutError ? `timed out after ${String(timeout)} ms` : String((error as Error)?.message ?? error);
      throw new NetworkError(url.href, undefined, attempts, `Cannot read ${url.href} (${reason}) after ${attempts} attempt(s)`, { cause: error });
    }
  };
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
