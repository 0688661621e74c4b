/**
 * Loads package files once per client: a Map from absolute URL to the promise
 * of the parsed, checked JSON. Concurrent callers share one request; a failed
 * request is evicted so that a later call can try again. Each caller races the
 * shared request against its own signal; the download itself is cancelled when
 * the client's signal aborts, or when every caller still waiting for it has
 * aborted (e.g. the only widget asking for a file was removed from the page),
 * so one caller giving up never cancels a download others wait for.
 */
import { DataFormatError } from '../errors.js';
import { checkShape, ShapeMismatch, type Spec } from './checks.js';
import { anySignal, raceSignal } from './signals.js';
import type { ReadText } from './transport.js';

export interface Loader {
  /** The parsed file `path` (relative to the package), checked against `spec`. */
  load<T>(path: string, spec: Spec, signal: AbortSignal | undefined, versioned?: boolean): Promise<T>;
}

export function createLoader(base: URL, readText: ReadText, clientSignal: AbortSignal | undefined): Loader {
  /** A shared download: `waiting` callers with a signal, `pinned` once a caller without one joined. */
  interface Entry {
    promise: Promise<unknown>;
    controller: AbortController;
    waiting: number;
    pinned: boolean;
    settled: boolean;
  }
  const cache = new Map<string, Entry>();

  const fetchParsed = async (url: URL, path: string, spec: Spec, versioned: boolean, signal: AbortSignal | undefined): Promise<unknown> => {
    const text = await readText(url, signal);
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
      let entry = cache.get(key);
      if (!entry) {
        const controller = new AbortController();
        const created: Entry = {
          promise: fetchParsed(url, path, spec, versioned, anySignal([clientSignal, controller.signal])),
          controller,
          waiting: 0,
          pinned: false,
          settled: false,
        };
        created.promise.then(
          () => void (created.settled = true),
          () => {
            created.settled = true;
            if (cache.get(key) === created) cache.delete(key);
          },
        );
        cache.set(key, created);
        entry = created;
      }
      const shared = entry;
      if (!signal) shared.pinned = true;
      else if (!signal.aborted) {
        shared.waiting++;
        signal.addEventListener(
          'abort',
          () => {
            shared.waiting--;
            if (shared.waiting === 0 && !shared.pinned && !shared.settled) {
              if (cache.get(key) === shared) cache.delete(key);
              shared.controller.abort(signal.reason);
            }
          },
          { once: true },
        );
      }
      return raceSignal(shared.promise as Promise<T>, signal);
    },
  };
}
