/**
 * Every error the SDK throws on purpose is a `PnrrError`, so callers can tell
 * "the data said no" from a bug with one `instanceof`. Aborts are not wrapped:
 * an aborted call rejects with the signal's reason (a DOMException named
 * `AbortError` by default), as `fetch` does.
 */
export class PnrrError extends Error {
  override name = 'PnrrError';
  /** Stable machine-readable code. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The thing asked for is not in the data package (e.g. an unknown CUP). */
export class NotFoundError extends PnrrError {
  override name = 'NotFoundError';
  constructor(
    readonly what: string,
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
    readonly argument: string,
    readonly value: unknown,
    reason: string,
  ) {
    super('invalid-argument', `Invalid ${argument} ${JSON.stringify(value)}: ${reason}`);
  }
}

/** The data package could not be read: HTTP error after bounded retries, timeout, refused connection, missing file. */
export class NetworkError extends PnrrError {
  override name = 'NetworkError';
  constructor(
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
    readonly file: string,
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('data-format', `Data package file "${file}" is not valid at ${path || '/'}: ${reason}`, options);
  }
}
