/**
 * The SDK's error vocabulary. Every error it throws on purpose is a
 * `PnrrError` with a stable `code` (`PnrrErrorCode`), so callers can tell "the
 * data said no" from a bug. Tell them apart with `isPnrrError(e, code?)`, not
 * `instanceof`: a page may hold two copies of the SDK (two bundles), whose
 * classes differ; the guard checks a brand registered with `Symbol.for`, which
 * every copy shares. Aborts are not wrapped: an aborted call rejects with the
 * signal's reason (a DOMException named `AbortError` by default), as `fetch` does.
 */

/**
 * Every code a `PnrrError` can carry: `not-found`, `invalid-argument`,
 * `network` and `data-format` from the client; `input` and `layout` from the
 * Node-only ingest (`@pnrr-toscana/sdk/ingest`: `InputError`, `LayoutError`).
 */
export type PnrrErrorCode = 'not-found' | 'invalid-argument' | 'network' | 'data-format' | 'input' | 'layout';

/** The error type `isPnrrError(e, code)` narrows to, per code. */
export interface PnrrErrorByCode {
  'not-found': NotFoundError;
  'invalid-argument': InvalidArgumentError;
  network: NetworkError;
  'data-format': DataFormatError;
  input: PnrrError & { readonly code: 'input' };
  layout: PnrrError & { readonly code: 'layout' };
}

/** The brand every copy of the SDK puts on its errors (same symbol in every bundle: `Symbol.for`). */
const BRAND: unique symbol = Symbol.for('@pnrr-toscana/sdk/PnrrError') as never;

/** Base class of every error the SDK throws on purpose; test with `isPnrrError()`. */
export class PnrrError extends Error {
  override name = 'PnrrError';
  /** Stable machine-readable code. */
  readonly code: PnrrErrorCode;
  /**
   * @param code Stable machine-readable code, e.g. `not-found`.
   * @param message Human-readable message.
   * @param options `cause`: the underlying error, if any.
   */
  constructor(code: PnrrErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True when `error` is a `PnrrError` — made by this copy of the SDK or by any
 * other copy on the page — and, when `code` is given, carries that code. No
 * `instanceof`: the test is the shared brand plus a string `code`.
 *
 * @example
 * ```ts
 * try { await client.project(cup); }
 * catch (e) { if (isPnrrError(e, 'not-found')) showMissing(e.value); else throw e; }
 * ```
 */
export function isPnrrError(error: unknown): error is PnrrError;
export function isPnrrError<C extends PnrrErrorCode>(error: unknown, code: C): error is PnrrErrorByCode[C];
export function isPnrrError(error: unknown, code?: PnrrErrorCode): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { [BRAND]?: unknown; code?: unknown };
  return candidate[BRAND] === true && typeof candidate.code === 'string' && (code === undefined || candidate.code === code);
}

/** The thing asked for is not in the data package (e.g. an unknown CUP). */
export class NotFoundError extends PnrrError {
  override name = 'NotFoundError';
  constructor(
    /** What was looked up, e.g. `project`. */
    readonly what: string,
    /** The value that was not found, e.g. the CUP. */
    readonly value: string,
    message = `${what} "${value}" was not found in the data package`,
  ) {
    super('not-found', message);
  }
}

/** An argument is malformed or not allowed; names the argument and the value given. */
export class InvalidArgumentError extends PnrrError {
  override name = 'InvalidArgumentError';
  constructor(
    /** Name of the argument, e.g. `groupBy` or `options.limit`. */
    readonly argument: string,
    /** The value given. */
    readonly value: unknown,
    /** Why it was refused; ends the message. */
    reason: string,
  ) {
    super('invalid-argument', `Invalid ${argument} ${JSON.stringify(value)}: ${reason}`);
  }
}

/** The data package could not be read: HTTP error after bounded retries, timeout, refused connection, missing file. */
export class NetworkError extends PnrrError {
  override name = 'NetworkError';
  constructor(
    /** Absolute URL of the file that could not be read. */
    readonly url: string,
    /** HTTP status of the last attempt; undefined when no response came (timeout, refused, DNS). */
    readonly status: number | undefined,
    /** Attempts made, retries included. */
    readonly attempts: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('network', message, options);
  }
}

/** A package file is not valid JSON or does not match its schema; names the file and the JSON path. */
export class DataFormatError extends PnrrError {
  override name = 'DataFormatError';
  constructor(
    /** Package file, relative to the package root, e.g. `facts.json`. */
    readonly file: string,
    /** JSON path of the offending value, `""` for the whole file. */
    readonly path: string,
    /** What is wrong there; ends the message. */
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('data-format', `Data package file "${file}" is not valid at ${path || '/'}: ${reason}`, options);
  }
}
