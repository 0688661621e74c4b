/**
 * Abort plumbing. A call is aborted by its own signal or by the client's. The
 * shared (cached) download listens to the client's signal and to a controller
 * of the loader, which aborts it only once every caller waiting for it has
 * given up (see loader.ts); a single caller stops waiting through `raceSignal`.
 */

/** One signal that aborts when any of the given ones does (undefined when none is given). */
export function anySignal(signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const list = signals.filter((s): s is AbortSignal => s !== undefined);
  if (list.length < 2) return list[0];
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(list);
  // Older runtimes: a small combiner.
  const controller = new AbortController();
  for (const signal of list) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true, signal: controller.signal });
  }
  return controller.signal;
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts. */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
