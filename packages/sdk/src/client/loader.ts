/**
 * Loads package files once per client: a Map from absolute URL to the promise
 * of the parsed, checked JSON. Concurrent callers share one request; a failed
 * request is evicted so that a later call can try again. The shared request
 * only obeys the client's signal; each caller races it against its own.
 */
import { DataFormatError } from '../errors.js';
import { checkShape, ShapeMismatch, type Spec } from './checks.js';
import { raceSignal } from './signals.js';
import { readText, type TransportOptions } from './transport.js';

export interface Loader {
  /** The parsed file `path` (relative to the package), checked against `spec`. */
  load<T>(path: string, spec: Spec, signal: AbortSignal | undefined, versioned?: boolean): Promise<T>;
}

export function createLoader(base: URL, transport: TransportOptions, clientSignal: AbortSignal | undefined): Loader {
  const cache = new Map<string, Promise<unknown>>();

  const fetchParsed = async (url: URL, path: string, spec: Spec, versioned: boolean): Promise<unknown> => {
    const text = await readText(url, transport, clientSignal);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new DataFormatError(path, '', `not JSON (${(error as Error).message})`, { cause: error });
    }
    try {
      checkShape(data, spec, versioned);
    } catch (error) {
      if (error instanceof ShapeMismatch) throw new DataFormatError(path, error.path, error.reason);
      throw error;
    }
    return data;
  };

  return {
    load<T>(path: string, spec: Spec, signal: AbortSignal | undefined, versioned = true): Promise<T> {
      const url = new URL(path, base);
      const key = url.href;
      let pending = cache.get(key);
      if (!pending) {
        const request = fetchParsed(url, path, spec, versioned);
        pending = request;
        cache.set(key, request);
        request.catch(() => {
          if (cache.get(key) === request) cache.delete(key);
        });
      }
      return raceSignal(pending as Promise<T>, signal);
    },
  };
}
