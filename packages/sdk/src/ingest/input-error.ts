/**
 * The ingest's "your input is wrong" error: a missing or unreadable file, a bad
 * option value, a table that is not what it should be. The CLI prints its
 * message alone (no stack) and exits with code 1, so the message must say which
 * file or option is at fault and, when it can, what to do.
 */
export class InputError extends Error {
  override name = 'InputError';
}
