/**
 * A tiny assertion helper that runs unchanged under node:test and mocha in a
 * browser (no node:assert, no chai).
 */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

const show = (v: unknown): string => {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
};

export function ok(condition: unknown, message = 'expected a truthy value'): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, message = ''): void {
  if (!Object.is(actual, expected)) throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
}

/** Structural equality through JSON (enough for plain data). */
export function deepEqual(actual: unknown, expected: unknown, message = ''): void {
  const a = show(actual);
  const b = show(expected);
  if (a !== b) throw new AssertionError(`${message ? `${message}: ` : ''}expected ${b}, got ${a}`);
}

export function near(actual: number, expected: number, tolerance: number, message = ''): void {
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new AssertionError(`${message ? `${message}: ` : ''}expected ${expected} ± ${tolerance}, got ${actual}`);
  }
}

/** Awaits a promise that must reject with an instance of `type`; returns the error for further checks. */
export async function rejects<E extends Error>(promise: Promise<unknown> | (() => Promise<unknown>), type: abstract new (...args: never[]) => E, message = ''): Promise<E> {
  let settled: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    settled = error;
  }
  if (settled === undefined) throw new AssertionError(`${message ? `${message}: ` : ''}expected a rejection with ${type.name}, but it resolved`);
  if (!(settled instanceof type)) {
    throw new AssertionError(`${message ? `${message}: ` : ''}expected ${type.name}, got ${(settled as Error)?.name}: ${(settled as Error)?.message}`);
  }
  return settled;
}

/** Awaits a promise that must reject with an error named `name` (e.g. DOMException "AbortError"). */
export async function rejectsNamed(promise: Promise<unknown>, name: string, message = ''): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if ((error as Error)?.name !== name) throw new AssertionError(`${message ? `${message}: ` : ''}expected ${name}, got ${(error as Error)?.name}: ${(error as Error)?.message}`);
    return error as Error;
  }
  throw new AssertionError(`${message ? `${message}: ` : ''}expected a rejection named ${name}, but it resolved`);
}
