/**
 * The ingest's "your input is wrong" errors. The CLI prints their message alone
 * (no stack) and exits with code 1, so the message must say which file or
 * option is at fault and, when it can, what to do. Both are `PnrrError`s:
 * `isPnrrError(e, 'input')` / `isPnrrError(e, 'layout')` tell them apart.
 */
import { PnrrError } from '../errors.js';

/** A missing or unreadable file, a bad option value, a table that is not what it should be (code `input`). */
export class InputError extends PnrrError {
  override name = 'InputError';
  /** @param message What is wrong and, when known, what to do. */
  constructor(message: string, options?: { cause?: unknown }) {
    super('input', message, options);
  }
}

/** A CSV header matches no known layout of its role, or lacks required columns; the message names them (code `layout`). */
export class LayoutError extends PnrrError {
  override name = 'LayoutError';
  /** @param message The file and the missing columns. */
  constructor(message: string) {
    super('layout', message);
  }
}
