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
  /**
   * @param code Stable machine-readable code, e.g. `not-found`.
   * @param message Human-readable message.
   * @param options `cause`: the underlying error, if any.
   */
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
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
